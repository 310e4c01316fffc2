use apierror::{ApiError, StatusCode};

#[derive(Debug, thiserror::Error, ApiError)]
pub enum AppError {
    #[error("nothing to do")]
    #[api(status = StatusCode::NO_CONTENT)]
    NothingToDo,
}

fn main() {}
