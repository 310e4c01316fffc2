use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
pub enum AppError {
    #[error("service unavailable")]
    #[api(status = 503, retry_after)]
    Maintenance,
}

fn main() {}
