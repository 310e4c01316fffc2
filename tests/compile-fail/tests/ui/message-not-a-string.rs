use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
pub enum AppError {
    #[error("user not found")]
    #[api(status = 404, message = user_not_found)]
    UserNotFound,
}

fn main() {}
