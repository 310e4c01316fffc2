//! What a user writes on the MSRV: a derive using every kind of attribute, rendered in two
//! envelopes and answered through axum's `IntoResponse` (the default feature).

use std::time::Duration;

use apierror::envelope::{ErrorObject, Problem, RequestInfo};
use apierror::{ApiError, RateLimit, Violation};

#[derive(Debug, thiserror::Error, ApiError)]
#[api(envelope = apierror::envelope::Problem, type_base = "https://errors.example.com/")]
enum AppError {
    /// The user does not exist.
    #[error("user {id} not found")]
    #[api(status = 404, help = "Check the id.")]
    UserNotFound {
        #[api(detail)]
        id: u64,
    },
    #[error("slow down")]
    #[api(status = 429, code = "RATE_LIMITED", message = "retry in {wait:?}")]
    RateLimited {
        #[api(retry_after)]
        wait: Duration,
        #[api(rate_limit)]
        limit: RateLimit,
    },
    #[error("invalid")]
    #[api(status = 422)]
    Invalid {
        #[api(violations)]
        violations: Vec<Violation>,
    },
    #[error(transparent)]
    #[api(transparent)]
    Inner(#[from] Inner<u8>),
}

#[derive(Debug, thiserror::Error, ApiError)]
#[error("inner {0}")]
#[api(status = 503, retry_after = 5)]
struct Inner<T: std::fmt::Display + std::fmt::Debug>(T);

fn body<E: apierror::envelope::Envelope>(error: &AppError) -> String {
    let response = apierror::render::<E>(error, &RequestInfo::new().with_request_id("r-1"));
    String::from_utf8(response.into_body()).expect("a body is UTF-8")
}

fn main() {
    let missing = AppError::UserNotFound { id: 7 };
    assert_eq!(missing.status(), 404);
    assert_eq!(
        body::<ErrorObject>(&missing),
        r#"{"error":{"code":"USER_NOT_FOUND","message":"user 7 not found","details":{"id":7}}}"#
    );
    assert!(body::<Problem>(&missing).contains(r#""type":"https://errors.example.com/user-not-found""#));

    let limited = AppError::RateLimited { wait: Duration::from_secs(3), limit: RateLimit::new(10, 0, 3) };
    assert_eq!(limited.retry_after(), Some(Duration::from_secs(3)));
    let response = axum::response::IntoResponse::into_response(limited);
    assert_eq!(response.status(), 429);
    assert_eq!(response.headers()["retry-after"], "3");

    let invalid = AppError::Invalid { violations: vec![Violation::field("name", "is required")] };
    assert!(body::<Problem>(&invalid).contains("is required"));

    let inner = AppError::from(Inner(1));
    assert_eq!((inner.status(), inner.code()), (apierror::StatusCode::SERVICE_UNAVAILABLE, "INNER"));
    println!("apierror builds and works on this compiler");
}
