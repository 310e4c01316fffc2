use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
pub enum AppError {
    #[error("invalid input")]
    #[api(status = 400, severity = "warning")]
    InvalidInput,
}

fn main() {}
