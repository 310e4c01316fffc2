use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
pub enum AppError {
    #[error("invalid JSON")]
    #[api(status = 400, message = "expected a JSON object }")]
    InvalidJson,
}

fn main() {}
