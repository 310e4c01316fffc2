use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
pub enum AppError {
    #[error("user not found")]
    #[api(http::status = 404)]
    UserNotFound,
}

fn main() {}
