// `help` takes a string literal: a number or an identifier is rejected, at the value.
use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
pub enum AppError {
    #[error("slow down")]
    #[api(status = 429, help = 5)]
    RateLimited,

    #[error("busy")]
    #[api(status = 503, help = retry_later)]
    Busy,
}

fn main() {}
