use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
pub enum AppError {
    #[error("invalid input")]
    #[api(status = 400, mesage = "the request body is not valid JSON")]
    InvalidInput,
}

fn main() {}
