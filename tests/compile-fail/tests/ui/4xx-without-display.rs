use apierror::ApiError;

#[derive(Debug, ApiError)]
pub enum AppError {
    #[api(status = 404, message = "user not found")]
    UserNotFound,

    #[api(status = 409)]
    Conflict,
}

fn main() {}
