use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
pub enum AppError {
    #[error("user {id} not found")]
    UserNotFound {
        #[api(status = 404)]
        id: u64,
    },
}

fn main() {}
