use apierror::server_fn::Failure;
use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
pub enum AppError {
    #[error("user {0} not found")]
    #[api(status = 404)]
    UserNotFound(u64),
    #[error("server function failed: {0}")]
    #[api(server_fn)]
    ServerFn(Failure, String),
}

fn main() {}
