use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
#[api(envelope = [apierror::envelope::ErrorObject])]
pub enum AppError {
    #[error("user not found")]
    #[api(status = 404)]
    UserNotFound,
}

fn main() {}
