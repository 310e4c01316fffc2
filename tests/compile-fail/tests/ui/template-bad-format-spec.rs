use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
pub enum AppError {
    #[error("user {id} not found")]
    #[api(status = 404, message = "user {id:q} not found")]
    UserNotFound { id: u64 },
}

fn main() {}
