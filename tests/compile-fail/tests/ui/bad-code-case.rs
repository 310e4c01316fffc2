use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
#[api(code_case = "kebab_case")]
pub enum AppError {
    #[error("user not found")]
    #[api(status = 404)]
    UserNotFound,
}

fn main() {}
