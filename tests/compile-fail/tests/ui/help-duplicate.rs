// `help` given twice on one variant: the second is rejected, pointing at the first.
use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
pub enum AppError {
    #[error("slow down")]
    #[api(status = 429, help = "Wait, then retry.", help = "Retry later.")]
    RateLimited,
}

fn main() {}
