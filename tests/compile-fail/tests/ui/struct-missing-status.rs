use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
#[error("user {id} not found")]
#[api(code = "USER_NOT_FOUND")]
pub struct UserNotFound {
    pub id: u64,
}

fn main() {}
