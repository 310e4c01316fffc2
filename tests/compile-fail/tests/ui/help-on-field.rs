// `help` is a variant key: on a field it is rejected, naming the keys fields take.
use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
pub enum AppError {
    #[error("user {id} not found")]
    #[api(status = 404)]
    UserNotFound {
        #[api(help = "Check the user id.")]
        id: u64,
    },
}

fn main() {}
