use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
pub enum AppError {
    #[error("user not found")]
    #[api(status, code = "USER_NOT_FOUND")]
    UserNotFound,
}

fn main() {}
