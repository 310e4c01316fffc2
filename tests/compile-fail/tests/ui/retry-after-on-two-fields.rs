use apierror::ApiError;
use std::time::Duration;

#[derive(Debug, thiserror::Error, ApiError)]
pub enum AppError {
    #[error("too many requests")]
    #[api(status = 429)]
    RateLimited {
        #[api(retry_after)]
        wait: Duration,
        #[api(retry_after)]
        reset_in: u64,
    },
}

fn main() {}
