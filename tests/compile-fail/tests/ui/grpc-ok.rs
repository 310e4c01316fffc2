use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
pub enum AppError {
    #[error("conflict")]
    #[api(status = 409, grpc = "OK")]
    Conflict,
}

fn main() {}
