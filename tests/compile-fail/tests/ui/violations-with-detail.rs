use apierror::{ApiError, Violation};

#[derive(Debug, thiserror::Error, ApiError)]
pub enum AppError {
    #[error("invalid")]
    #[api(status = 422)]
    Invalid {
        #[api(violations, detail)]
        errors: Vec<Violation>,
    },
}

fn main() {}
