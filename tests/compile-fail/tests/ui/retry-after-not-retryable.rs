// A Retry-After on an error that says it must not be retried contradicts itself.

use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
pub enum AppError {
    #[error("service unavailable")]
    #[api(status = 503, retryable = false, retry_after = 60)]
    Maintenance,
}

fn main() {}
