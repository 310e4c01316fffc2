// The status path is checked by the compiler, not only its last segment.

use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
pub enum AppError {
    #[error("user not found")]
    #[api(status = no_such_module::NOT_FOUND)]
    UserNotFound,
}

fn main() {}
