// `log` takes one of tracing's level names or "off": a misspelt one is rejected at the value,
// with the name it likely meant.
use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
pub enum AppError {
    #[error("upstream down")]
    #[api(status = 503, log = "warning")]
    Upstream,

    #[error("gone")]
    #[api(status = 410, log = "verbose")]
    Gone,
}

fn main() {}
