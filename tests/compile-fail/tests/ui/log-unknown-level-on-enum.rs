// The container's `log` (the type's default level) is checked as a variant's is: the wrong
// case is rejected at the value, with the right spelling.
use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
#[api(log = "WARN")]
pub enum AppError {
    #[error("upstream down")]
    #[api(status = 503)]
    Upstream,
}

fn main() {}
