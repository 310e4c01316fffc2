// A `transparent` variant takes its help from the inner error: `help` on it is rejected.
use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
#[error("inner")]
#[api(status = 400)]
pub struct Inner;

#[derive(Debug, thiserror::Error, ApiError)]
pub enum AppError {
    #[error(transparent)]
    #[api(transparent, help = "Fix the request.")]
    Inner(#[from] Inner),
}

fn main() {}
