use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
pub enum AppError {
    #[error("slow down")]
    #[api(status = 429)]
    RateLimited {
        #[api(rate_limit)]
        remaining: u64,
    },
}

fn main() {}
