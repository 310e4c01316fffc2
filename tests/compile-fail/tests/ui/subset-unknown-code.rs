// `subset!` checks its codes at compile time: a misspelled code is an error naming it.
use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
pub enum AppError {
    #[error("user not found")]
    #[api(status = 404)]
    UserNotFound,
}

apierror::openapi::subset! {
    struct Typo of AppError: ["USER_NOT_FOUN"];
}

fn main() {}
