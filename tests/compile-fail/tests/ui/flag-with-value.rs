use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
pub enum AppError {
    #[error("payment provider unavailable: {0}")]
    #[api(status = 503, expose = true)]
    PaymentsDown(String),
}

fn main() {}
