// `log` is a level of the variant (or of the whole type), not of a field.
use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
pub enum AppError {
    #[error("user {id} not found")]
    #[api(status = 404)]
    UserNotFound {
        #[api(log = "warn")]
        id: u64,
    },
}

fn main() {}
