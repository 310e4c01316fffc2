// `subset!` needs an error type with `#[derive(ApiError)]`, whose codes it checks.
use apierror::{ApiError, StatusCode};

#[derive(Debug)]
pub struct HandWritten;

impl ApiError for HandWritten {
    fn status(&self) -> StatusCode {
        StatusCode::NOT_FOUND
    }
    fn code(&self) -> &'static str {
        "NOT_FOUND"
    }
}

apierror::openapi::subset! {
    struct Errors of HandWritten: ["NOT_FOUND"];
}

fn main() {}
