use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
pub enum AppError {
    #[error("too many requests")]
    #[api(status = 429)]
    RateLimited {
        #[api(retry_after = 60)]
        wait: u64,
    },
}

fn main() {}
