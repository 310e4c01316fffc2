//! `ErrorView` failures: a detail or a `Display` that fails, a success status written by hand:
//! each a plain 500 in the same envelope.

use super::*;

fn bad_map() -> Broken {
    Broken::BadMap {
        map: BTreeMap::from([((1, 2), 3)]),
    }
}

#[test]
fn detail_that_fails_to_serialize_gives_a_plain_500_in_the_same_envelope() {
    for error in [
        bad_map(),
        Broken::BadImpl {
            ok: 1,
            value: Failing,
        },
    ] {
        let (status, headers, body) = rendered::<ErrorObject>(&error);
        assert_eq!(status, 500, "{error:?}");
        assert_eq!(headers, pairs(&[("content-type", "application/json")]));
        assert_eq!(
            body,
            r#"{"error":{"code":"INTERNAL_ERROR","message":"Internal Server Error"}}"#
        );

        let (status, headers, body) = rendered::<ErrorMessage>(&error);
        assert_eq!(status, 500);
        assert_eq!(headers, pairs(&[("content-type", "application/json")]));
        assert_eq!(
            body,
            r#"{"error":"Internal Server Error","code":"INTERNAL_ERROR"}"#
        );
    }
}

#[test]
fn detail_failure_through_into_response_is_a_plain_500() {
    let response = axum::response::IntoResponse::into_response(bad_map());
    assert_eq!(response.status(), 500);
    assert_eq!(
        headers(response.headers()),
        pairs(&[("content-type", "application/json")])
    );
}

#[derive(Debug, ApiError)]
#[api(status = 400)]
struct DisplayFails;

impl std::fmt::Display for DisplayFails {
    fn fmt(&self, _: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        Err(std::fmt::Error)
    }
}

#[test]
fn display_that_fails_gives_a_plain_500() {
    let (status, _, body) = rendered::<ErrorCode>(&DisplayFails);
    assert_eq!(status, 500);
    assert_eq!(
        body,
        r#"{"error":"INTERNAL_ERROR","message":"Internal Server Error","status":500}"#
    );
}

#[derive(Debug)]
struct NotAnError(u16);

impl ApiError for NotAnError {
    fn status(&self) -> StatusCode {
        StatusCode::from_u16(self.0).unwrap()
    }
    fn code(&self) -> &'static str {
        "ALL_GOOD"
    }
    fn retry_after(&self) -> Option<Duration> {
        Some(Duration::from_secs(7))
    }
}

#[test]
fn hand_written_success_status_renders_as_500_internal_error() {
    for status in [200, 204, 302, 100] {
        let (code, headers, body) = rendered::<ErrorObject>(&NotAnError(status));
        assert_eq!(code, 500, "{status}");
        assert_eq!(headers, pairs(&[("content-type", "application/json")]));
        assert_eq!(
            body,
            r#"{"error":{"code":"INTERNAL_ERROR","message":"Internal Server Error"}}"#
        );
        assert_eq!(
            self::body::<ErrorFlag>(&NotAnError(status)),
            r#"{"error":true,"message":"Internal Server Error","code":"INTERNAL_ERROR"}"#
        );
    }
}
