use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
#[api(envelope = apierror::envelope::Problem, type_base = "https://errors.example.com")]
pub enum AppError {
    #[error("gone")]
    #[api(status = 410)]
    Gone,
}

fn main() {}
