use apierror::ApiError;
use std::time::Duration;

#[derive(Debug, thiserror::Error, ApiError)]
pub enum AppError {
    #[error("too many requests")]
    #[api(status = 429, message = "slow down; retry in {wait}")]
    RateLimited { wait: Duration },
}

fn main() {}
