//! Edges: a `Duration::MAX` delay, no request id on a 4xx, long messages and details.

use super::*;

#[test]
fn retry_after_of_duration_max_saturates_without_panicking() {
    // Rounded up, `Duration::MAX` is 2^64 seconds, one more than a u64 holds: the header and
    // the members saturate rather than overflowing (a panic in debug builds, a wrap to
    // `Retry-After: 0` in release builds), at 2^53 - 1 = 9007199254740991, the largest integer
    // JavaScript's `Number` (and so every JSON parser) reads exactly.
    let error = Delays::Precise {
        wait: Duration::MAX,
    };
    let result = std::panic::catch_unwind(|| rendered::<ErrorObject>(&error));
    let (status, headers, body) = result.expect("render must never panic");
    assert_eq!(status, 429);
    assert_eq!(
        headers,
        pairs(&[
            ("content-type", "application/json"),
            ("retry-after", "9007199254740991")
        ])
    );
    assert_eq!(
        body,
        r#"{"error":{"code":"PRECISE","message":"m","details":{"retry_after":9007199254740991}}}"#
    );
    assert_eq!(
        self::body::<ErrorFlag>(&error),
        r#"{"error":true,"message":"m","code":"PRECISE","retry_after_ms":9007199254740991}"#
    );
}

#[test]
fn request_id_is_not_added_to_a_4xx_in_error_object() {
    let context = RequestInfo::new().with_request_id("req-2");
    let rendered = apierror::render::<ErrorObject>(&Templates::Named { id: 1 }, &context);
    assert_eq!(
        rendered.body(),
        br#"{"error":{"code":"NAMED","message":"user 1 not found"}}"#
    );
}

#[test]
fn long_message_and_details_render_whole() {
    let long: String = "é\"x".repeat(400);
    let error = WithDetails::Invalid {
        field: long.clone(),
        requirement: "required".into(),
        limits: Limits {
            max: 1,
            window: "1s",
            nested: Inner { flag: false },
        },
        allowed: vec![7; 100],
        hint: Some(long.clone()),
        not_a_detail: 0,
    };
    let escaped = "é\\\"x".repeat(400);
    let allowed = vec!["7"; 100].join(",");
    let expected = format!(
        r#"{{"error":{{"code":"INVALID","message":"invalid {escaped}","details":{{"field":"{escaped}","reason":"required","limits":{{"max":1,"window":"1s","nested":{{"flag":false}}}},"allowed":[{allowed}],"hint":"{escaped}"}}}}}}"#
    );
    assert_eq!(body::<ErrorObject>(&error), expected);
}

/// The per-type settings of an error's type.
pub(super) fn api<T: apierror::ApiError>(_: &T) -> apierror::Api {
    T::API
}
