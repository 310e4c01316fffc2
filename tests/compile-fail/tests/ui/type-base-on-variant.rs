use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
pub enum AppError {
    #[error("gone")]
    #[api(status = 410, type_base = "https://errors.example.com/")]
    Gone,
}

fn main() {}
