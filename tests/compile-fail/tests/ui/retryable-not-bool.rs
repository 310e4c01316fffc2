use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
pub enum AppError {
    #[error("upstream timed out")]
    #[api(status = 504, retryable = "no")]
    UpstreamTimeout,
}

fn main() {}
