use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
pub enum AppError {
    #[error("payment provider unavailable")]
    #[api(status = 503, expose, message = "payments are temporarily unavailable")]
    PaymentsDown,
}

fn main() {}
