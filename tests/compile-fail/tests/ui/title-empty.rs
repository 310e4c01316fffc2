use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
pub enum AppError {
    #[error("gone")]
    #[api(status = 410, title = " ")]
    Gone,
}

fn main() {}
