use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
pub enum AppError {
    #[error("user not found")]
    #[api(status = 404, code = "USER NOT FOUND")]
    UserNotFound,
}

fn main() {}
