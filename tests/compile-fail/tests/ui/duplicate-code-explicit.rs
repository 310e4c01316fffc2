use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
pub enum AppError {
    #[error("user not found")]
    #[api(status = 404, code = "NOT_FOUND")]
    UserNotFound,

    #[error("order not found")]
    #[api(status = 404, code = "NOT_FOUND")]
    OrderNotFound,
}

fn main() {}
