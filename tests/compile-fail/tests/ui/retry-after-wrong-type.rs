use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
pub enum AppError {
    #[error("too many requests")]
    #[api(status = 429)]
    RateLimited {
        #[api(retry_after)]
        wait: String,
    },
}

fn main() {}
