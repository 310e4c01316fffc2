// `log` takes a string literal: an identifier (tracing's `Level::WARN` spelt as a path) or a
// number is rejected, at the value.
use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
pub enum AppError {
    #[error("upstream down")]
    #[api(status = 503, log = warn)]
    Upstream,

    #[error("gone")]
    #[api(status = 410, log = 3)]
    Gone,
}

fn main() {}
