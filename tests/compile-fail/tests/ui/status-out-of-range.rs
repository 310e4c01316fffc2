use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
pub enum AppError {
    #[error("accepted")]
    #[api(status = 202)]
    Accepted,
}

fn main() {}
