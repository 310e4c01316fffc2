use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
pub enum AppError {
    #[error("gone")]
    #[api(status = 410, type = "https://errors.example.com/no longer here")]
    Gone,
}

fn main() {}
