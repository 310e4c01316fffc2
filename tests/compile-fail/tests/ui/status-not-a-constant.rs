use apierror::{ApiError, StatusCode};

#[derive(Debug, thiserror::Error, ApiError)]
pub enum AppError {
    #[error("user not found")]
    #[api(status = StatusCode::NOT_FUOND)]
    UserNotFound,
}

fn main() {}
