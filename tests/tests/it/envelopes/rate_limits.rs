//! Rate limits and retry delays.

use super::*;

#[test]
fn rate_limit_headers_on_every_envelope() {
    let error = Probe {
        message: Some("Slow down."),
        retry_after: Some(Duration::from_secs(5)),
        rate_limit: Some(RateLimit::new(100, 0, 1_767_225_600)),
        ..Probe::new(429, "RATE_LIMITED")
    };
    let rendered = check_all(
        "rate limit",
        &error,
        &RequestInfo::new(),
        &[
            (
                "ErrorFlag",
                r#"{"error":true,"message":"Slow down.","code":"RATE_LIMITED","retry_after_ms":5000}"#,
            ),
            (
                "ErrorMessage",
                r#"{"error":"Slow down.","code":"RATE_LIMITED"}"#,
            ),
            (
                "ErrorCode",
                r#"{"error":"RATE_LIMITED","message":"Slow down.","status":429}"#,
            ),
            (
                "DataErrorMeta",
                r#"{"data":null,"error":{"code":"RATE_LIMITED","message":"Slow down."},"meta":{"request_id":"{{uuid}}","timestamp":"{{rfc3339_nanos}}"}}"#,
            ),
            (
                "ErrorObject",
                r#"{"error":{"code":"RATE_LIMITED","message":"Slow down.","details":{"retry_after":5}}}"#,
            ),
            (
                "Problem",
                r#"{"type":"about:blank","title":"Too Many Requests","status":429,"detail":"Slow down.","code":"RATE_LIMITED"}"#,
            ),
            (
                "JsonApi",
                r#"{"errors":[{"status":"429","code":"RATE_LIMITED","title":"Too Many Requests","detail":"Slow down."}]}"#,
            ),
            (
                "Google",
                r#"{"error":{"code":429,"message":"Slow down.","status":"RESOURCE_EXHAUSTED","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"RATE_LIMITED"},{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"5s"}]}}"#,
            ),
            (
                "OData",
                r#"{"error":{"code":"RATE_LIMITED","message":"Slow down."}}"#,
            ),
        ],
    );
    for (envelope, rendered) in ALL.iter().zip(&rendered) {
        assert_eq!(header(rendered, "retry-after"), Some("5"), "{envelope}");
        assert_eq!(
            header(rendered, "x-ratelimit-limit"),
            Some("100"),
            "{envelope}"
        );
        assert_eq!(
            header(rendered, "x-ratelimit-remaining"),
            Some("0"),
            "{envelope}"
        );
        assert_eq!(
            header(rendered, "x-ratelimit-reset"),
            Some("1767225600"),
            "{envelope}"
        );
        // The default style is X-RateLimit only.
        assert_eq!(header(rendered, "ratelimit"), None, "{envelope}");
        assert_eq!(header(rendered, "ratelimit-policy"), None, "{envelope}");
    }
}

#[test]
fn fractional_retry_delay() {
    let error = Probe {
        retry_after: Some(Duration::from_millis(1500)),
        ..Probe::new(503, "MAINTENANCE")
    }
    .in_api::<Example>();
    let rendered = check_all(
        "fractional retry delay",
        &error,
        &RequestInfo::new(),
        &[
            (
                "ErrorFlag",
                r#"{"error":true,"message":"Service Unavailable","code":"MAINTENANCE","retry_after_ms":1500}"#,
            ),
            (
                "ErrorMessage",
                r#"{"error":"Service Unavailable","code":"MAINTENANCE"}"#,
            ),
            (
                "ErrorCode",
                r#"{"error":"MAINTENANCE","message":"Service Unavailable","status":503}"#,
            ),
            (
                "DataErrorMeta",
                r#"{"data":null,"error":{"code":"MAINTENANCE","message":"Service Unavailable"},"meta":{"request_id":"{{uuid}}","timestamp":"{{rfc3339_nanos}}"}}"#,
            ),
            (
                "ErrorObject",
                r#"{"error":{"code":"MAINTENANCE","message":"Service Unavailable","details":{"retry_after":2}}}"#,
            ),
            (
                "Problem",
                r#"{"type":"about:blank","title":"Service Unavailable","status":503,"detail":"Service Unavailable","code":"MAINTENANCE"}"#,
            ),
            (
                "JsonApi",
                r#"{"errors":[{"status":"503","code":"MAINTENANCE","title":"Service Unavailable","detail":"Service Unavailable"}]}"#,
            ),
            (
                "Google",
                r#"{"error":{"code":503,"message":"Service Unavailable","status":"UNAVAILABLE","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"MAINTENANCE","domain":"api.example.com"},{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"1.5s"}]}}"#,
            ),
            (
                "OData",
                r#"{"error":{"code":"MAINTENANCE","message":"Service Unavailable"}}"#,
            ),
        ],
    );
    for (envelope, rendered) in ALL.iter().zip(&rendered) {
        // Whole seconds, rounded up; no rate limit, no rate-limit headers.
        assert_eq!(header(rendered, "retry-after"), Some("2"), "{envelope}");
        assert_eq!(header(rendered, "x-ratelimit-limit"), None, "{envelope}");
    }
}

#[test]
fn google_retry_delays_are_exact_decimal_seconds() {
    for (delay, text, retry_after) in [
        (Duration::from_millis(250), "0.25s", "1"),
        (Duration::from_nanos(1), "0.000000001s", "1"),
        (Duration::new(2, 50_000_000), "2.05s", "3"),
        (Duration::from_secs(90), "90s", "90"),
        (Duration::ZERO, "0s", "0"),
    ] {
        let error = Probe {
            retry_after: Some(delay),
            ..Probe::new(503, "MAINTENANCE")
        };
        let rendered = apierror::render::<Google>(&error, &RequestInfo::new());
        let expected = format!(
            r#"{{"error":{{"code":503,"message":"Service Unavailable","status":"UNAVAILABLE","details":[{{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"MAINTENANCE"}},{{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"{text}"}}]}}}}"#
        );
        assert_eq!(
            String::from_utf8_lossy(rendered.body()),
            expected,
            "{delay:?}"
        );
        serde_json::from_slice::<serde_json::Value>(rendered.body()).expect("JSON");
        assert_eq!(
            header(&rendered, "retry-after"),
            Some(retry_after),
            "{delay:?}"
        );
    }
}
