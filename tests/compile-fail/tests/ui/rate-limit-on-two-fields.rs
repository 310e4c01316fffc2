use apierror::{ApiError, RateLimit};

#[derive(Debug, thiserror::Error, ApiError)]
pub enum AppError {
    #[error("slow down")]
    #[api(status = 429)]
    RateLimited {
        #[api(rate_limit)]
        per_minute: RateLimit,
        #[api(rate_limit)]
        per_day: RateLimit,
    },
}

fn main() {}
