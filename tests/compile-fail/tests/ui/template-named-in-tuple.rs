use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
pub enum AppError {
    #[error("user {0} not found")]
    #[api(status = 404, message = "user {id} not found")]
    UserNotFound(u64),
}

fn main() {}
