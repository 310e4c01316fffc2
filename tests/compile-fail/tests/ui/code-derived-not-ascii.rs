use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
pub enum AppError {
    #[error("too many guests")]
    #[api(status = 429)]
    Überfüllt,
}

fn main() {}
