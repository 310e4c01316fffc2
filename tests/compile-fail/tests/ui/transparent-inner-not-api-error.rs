use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
pub enum AppError {
    #[error(transparent)]
    #[api(transparent)]
    Io(#[from] std::io::Error),
}

fn main() {}
