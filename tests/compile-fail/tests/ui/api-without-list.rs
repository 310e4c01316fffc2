use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
pub enum AppError {
    #[error("user not found")]
    #[api]
    UserNotFound,
}

fn main() {}
