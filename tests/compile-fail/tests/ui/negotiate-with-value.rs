use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
#[api(negotiate = true)]
pub enum AppError {
    #[error("gone")]
    #[api(status = 410)]
    Gone,
}

fn main() {}
