use apierror::{ApiError, Violation};

#[derive(Debug, thiserror::Error, ApiError)]
pub enum AppError {
    #[error("invalid")]
    #[api(status = 422)]
    Invalid {
        #[api(violations)]
        body: Vec<Violation>,
        #[api(violations)]
        query: Vec<Violation>,
    },
}

fn main() {}
