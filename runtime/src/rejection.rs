//! Framework rejections (a malformed body, a bad query or path) as an [`ApiError`].

use http::StatusCode;

use crate::ApiError;

/// A request the framework rejected before the handler ran. (Being written: issue 3.)
#[derive(Debug)]
pub struct Rejection {
    status: StatusCode,
}

impl ApiError for Rejection {
    fn status(&self) -> StatusCode {
        self.status
    }

    fn code(&self) -> &'static str {
        "BAD_REQUEST"
    }
}
