use apierror::server_fn::Failure;
use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
pub enum AppError {
    #[error(transparent)]
    #[api(transparent, server_fn)]
    ServerFn(Failure),
}

fn main() {}
