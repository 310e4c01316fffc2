// `all_errors_as` needs the API's derived error type, whose envelope it answers in.
use apierror::{ApiError, StatusCode};

struct HandWritten;

impl ApiError for HandWritten {
    fn status(&self) -> StatusCode {
        StatusCode::NOT_FOUND
    }
    fn code(&self) -> &'static str {
        "NOT_FOUND"
    }
}

fn main() {
    let _ = apierror::axum::ErrorContextLayer::new().all_errors_as::<HandWritten>();
}
