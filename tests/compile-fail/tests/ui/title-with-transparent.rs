use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
#[error("inner")]
#[api(status = 400)]
pub struct Inner;

#[derive(Debug, thiserror::Error, ApiError)]
pub enum AppError {
    #[error(transparent)]
    #[api(transparent, title = "Inner problem", grpc = "ABORTED")]
    Inner(#[from] Inner),
}

fn main() {}
