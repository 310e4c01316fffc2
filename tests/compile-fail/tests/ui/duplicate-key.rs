use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
pub enum AppError {
    #[error("invalid input")]
    #[api(status = 400, code = "INVALID_INPUT", status = 422)]
    InvalidInput,
}

fn main() {}
