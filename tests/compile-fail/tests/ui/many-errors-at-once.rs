use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
#[api(code_case = "snake")]
pub enum AppError {
    #[error("user not found")]
    #[api(status = 200)]
    UserNotFound,

    #[error("conflict")]
    #[api(status = 409, mesage = "already exists")]
    Conflict,
}

fn main() {}
