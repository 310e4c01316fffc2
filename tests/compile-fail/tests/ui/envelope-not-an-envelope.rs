use apierror::ApiError;

pub struct MyEnvelope;

#[derive(Debug, thiserror::Error, ApiError)]
#[api(envelope = MyEnvelope)]
pub enum AppError {
    #[error("user not found")]
    #[api(status = 404)]
    UserNotFound,
}

fn main() {}
