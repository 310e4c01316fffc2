//! The derive through a renamed runtime dependency: `renamed_api` is the only name under which
//! the runtime exists in this package, so generated code that named `::apierror` (or needed
//! `serde`/`http` in the user's dependencies) would not compile.

use std::time::Duration;

use apierror_renamed_test::LibError;
use renamed_api::envelope::{ErrorFlag, ErrorObject, RequestInfo};
use renamed_api::ApiError;

#[derive(Debug, thiserror::Error, renamed_api::ApiError)]
#[api(crate = ::renamed_api)]
enum Renamed {
    #[error("user {id} not found")]
    #[api(status = 404)]
    UserNotFound {
        #[api(detail)]
        id: u64,
        #[api(detail = "tags")]
        labels: Vec<&'static str>,
    },
    #[error("slow down")]
    #[api(status = renamed_api::StatusCode::TOO_MANY_REQUESTS, code = "RATE_LIMITED", message = "retry in {wait:?}")]
    RateLimited {
        #[api(retry_after)]
        wait: Duration,
    },
    #[error("db password={0}")]
    #[api(status = 500)]
    Database(String),
    #[error(transparent)]
    #[api(transparent)]
    Lib(#[from] LibError),
}

#[derive(Debug, renamed_api::ApiError)]
#[api(crate = ::renamed_api, envelope = ::renamed_api::envelope::ErrorFlag)]
#[api(
    status = 503,
    code = "DOWN",
    message = "down for {0} s",
    retry_after = 30
)]
struct Down(u32);

fn body<E: renamed_api::envelope::Envelope>(error: &impl ApiError) -> String {
    String::from_utf8(renamed_api::render::<E>(error, &RequestInfo::default()).into_body()).unwrap()
}

#[test]
fn renamed_status_code_and_body() {
    let error = Renamed::UserNotFound {
        id: 7,
        labels: vec!["a", "b"],
    };
    assert_eq!(error.status().as_u16(), 404);
    assert_eq!(error.code(), "USER_NOT_FOUND");
    assert_eq!(renamed_api::message(&error).to_string(), "user 7 not found");
    assert_eq!(
        body::<ErrorObject>(&error),
        r#"{"error":{"code":"USER_NOT_FOUND","message":"user 7 not found","details":{"id":7,"tags":["a","b"]}}}"#
    );
    assert_eq!(Renamed::API.domain, Some("apierror-renamed-test"));
    assert_eq!(Renamed::API.version, Some("0.0.0"));
}

#[test]
fn renamed_retry_after_and_hidden_5xx() {
    let error = Renamed::RateLimited {
        wait: Duration::from_millis(1500),
    };
    assert!(error.retryable());
    let response = renamed_api::render::<ErrorFlag>(&error, &RequestInfo::default());
    assert_eq!(response.status(), 429);
    assert_eq!(response.headers()["retry-after"], "2");
    assert_eq!(
        response.body(),
        br#"{"error":true,"message":"retry in 1.5s","code":"RATE_LIMITED","retry_after_ms":1500}"#
    );
    assert_eq!(
        body::<ErrorObject>(&Renamed::Database("hunter2".into())),
        r#"{"error":{"code":"DATABASE","message":"Internal Server Error"}}"#
    );
}

#[test]
fn renamed_transparent_and_struct() {
    let error = Renamed::from(LibError::ItemNotFound { id: 3 });
    assert_eq!(error.code(), "ITEM_NOT_FOUND");
    assert_eq!(
        body::<ErrorObject>(&error),
        r#"{"error":{"code":"ITEM_NOT_FOUND","message":"item 3 not found","details":{"id":3}}}"#
    );
    assert_eq!(
        body::<ErrorFlag>(&Down(30)),
        r#"{"error":true,"message":"down for 30 s","code":"DOWN","retry_after_ms":30000}"#
    );
}

#[tokio::test]
async fn renamed_into_response() {
    let response = axum::response::IntoResponse::into_response(Renamed::UserNotFound {
        id: 1,
        labels: vec![],
    });
    assert_eq!(response.status(), 404);
    assert_eq!(response.headers()["content-type"], "application/json");
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap();
    assert_eq!(
        &bytes[..],
        br#"{"error":{"code":"USER_NOT_FOUND","message":"user 1 not found","details":{"id":1,"tags":[]}}}"#
    );

    let down = axum::response::IntoResponse::into_response(Down(5));
    assert_eq!(down.status(), 503);
    assert_eq!(down.headers()["retry-after"], "30");
    let bytes = axum::body::to_bytes(down.into_body(), usize::MAX)
        .await
        .unwrap();
    assert_eq!(
        &bytes[..],
        br#"{"error":true,"message":"down for 5 s","code":"DOWN","retry_after_ms":30000}"#
    );
}
