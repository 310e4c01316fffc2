use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
pub enum AppError {
    #[error("user {0} not found")]
    #[api(status = 404)]
    UserNotFound(u64),
    #[error(transparent)]
    #[api(server_fn)]
    ServerFn(apierror::Rejection),
}

fn main() {}
