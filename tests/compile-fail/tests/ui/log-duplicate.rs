// `log` given twice on one variant: the second is rejected, pointing at the first.
use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
pub enum AppError {
    #[error("upstream down")]
    #[api(status = 503, log = "warn", log = "info")]
    Upstream,
}

fn main() {}
