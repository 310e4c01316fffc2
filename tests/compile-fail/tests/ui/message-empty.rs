// An empty public message is never intended.

use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
pub enum AppError {
    #[error("user not found")]
    #[api(status = 404, message = "")]
    UserNotFound,
}

fn main() {}
