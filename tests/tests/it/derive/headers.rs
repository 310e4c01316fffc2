//! Headers: a rendered error carries exactly `Content-Type` and `Retry-After`; the default
//! envelope through `IntoResponse`.

use super::*;

#[test]
fn rendered_headers_are_exactly_content_type_and_retry_after() {
    let (_, plain, _) = rendered::<ErrorObject>(&Templates::Named { id: 1 });
    assert_eq!(plain, pairs(&[("content-type", "application/json")]));
    let (_, with_delay, _) = rendered::<ErrorCode>(&Delays::Seconds { secs: 120 });
    assert_eq!(
        with_delay,
        pairs(&[("content-type", "application/json"), ("retry-after", "120")])
    );
    let (_, large, _) = rendered::<ErrorCode>(&Delays::Seconds { secs: 86_400 });
    assert_eq!(
        large,
        pairs(&[
            ("content-type", "application/json"),
            ("retry-after", "86400")
        ])
    );
}

#[tokio::test]
async fn derived_into_response_default_envelope() {
    let response = axum::response::IntoResponse::into_response(Delays::Precise {
        wait: Duration::from_millis(1500),
    });
    assert_eq!(response.status(), 429);
    assert_eq!(
        headers(response.headers()),
        pairs(&[("content-type", "application/json"), ("retry-after", "2")])
    );
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap();
    assert_eq!(
        &bytes[..],
        br#"{"error":{"code":"PRECISE","message":"m","details":{"retry_after":2}}}"#
    );
}
