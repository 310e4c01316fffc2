// `status = StatusCode::NOT_FOUND` uses the import, so `deny(unused_imports)` holds.

#![deny(unused_imports)]

use apierror::{ApiError, StatusCode};

#[derive(Debug, thiserror::Error, ApiError)]
pub enum AppError {
    #[error("user not found")]
    #[api(status = StatusCode::NOT_FOUND)]
    UserNotFound,
}

fn main() {}
