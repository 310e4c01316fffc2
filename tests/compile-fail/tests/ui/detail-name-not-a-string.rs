use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
pub enum AppError {
    #[error("user {0} not found")]
    #[api(status = 404)]
    UserNotFound(#[api(detail = id)] u64),
}

fn main() {}
