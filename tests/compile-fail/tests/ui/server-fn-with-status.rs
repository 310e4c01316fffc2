use apierror::server_fn::Failure;
use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
pub enum AppError {
    #[error(transparent)]
    #[api(server_fn, status = 500)]
    ServerFn(Failure),
}

fn main() {}
