use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
#[api(rate_limit_headers = "IETF-draft")]
pub enum AppError {
    #[error("slow down")]
    #[api(status = 429)]
    RateLimited,
}

fn main() {}
