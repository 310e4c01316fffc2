use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
#[api(crate = ::api_error)]
pub enum AppError {
    #[error("user not found")]
    #[api(status = 404)]
    UserNotFound,
}

fn main() {}
