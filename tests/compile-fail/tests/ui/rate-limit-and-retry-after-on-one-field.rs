use apierror::{ApiError, RateLimit};

#[derive(Debug, thiserror::Error, ApiError)]
pub enum AppError {
    #[error("slow down")]
    #[api(status = 429)]
    RateLimited {
        #[api(retry_after, rate_limit)]
        limit: RateLimit,
    },
}

fn main() {}
