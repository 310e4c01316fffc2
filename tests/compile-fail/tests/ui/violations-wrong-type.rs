use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
pub enum AppError {
    #[error("invalid")]
    #[api(status = 422)]
    Invalid {
        #[api(violations)]
        errors: Vec<String>,
    },
}

fn main() {}
