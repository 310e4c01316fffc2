use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
pub enum AppError {
    #[error("billing failed")]
    #[api(transparent)]
    Billing,
}

fn main() {}
