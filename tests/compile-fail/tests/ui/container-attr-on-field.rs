use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
pub enum AppError {
    #[error("user {id} not found")]
    #[api(status = 404)]
    UserNotFound {
        #[api(domain = "users.example.com")]
        id: u64,
    },
}

fn main() {}
