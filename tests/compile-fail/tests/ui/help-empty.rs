// `help` must say what the client should do: an empty or blank string is rejected, each reported.
use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
pub enum AppError {
    #[error("slow down")]
    #[api(status = 429, help = "")]
    RateLimited,

    #[error("busy")]
    #[api(status = 503, help = "   ")]
    Busy,
}

fn main() {}
