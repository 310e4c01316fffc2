// A transparent variant forwards its inner error's log level with the rest of its descriptor:
// a `log` beside `transparent` would be ignored, so it is rejected.
use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
pub enum Inner {
    #[error("gone")]
    #[api(status = 410)]
    Gone,
}

#[derive(Debug, thiserror::Error, ApiError)]
pub enum AppError {
    #[error(transparent)]
    #[api(transparent, log = "warn")]
    Inner(Inner),
}

fn main() {}
