use apierror::ApiError;
use std::time::Duration;

#[derive(Debug, thiserror::Error, ApiError)]
pub enum AppError {
    #[error("too many requests")]
    #[api(status = 429, retry_after = 60)]
    RateLimited {
        #[api(retry_after)]
        wait: Duration,
    },
}

fn main() {}
