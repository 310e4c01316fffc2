//! How long to wait: `Retry-After` and its relatives, read.

use super::*;

// ---------------------------------------------------------------------------------------------
// How long to wait.

/// 1994-11-06 08:49:37 UTC, RFC 9110's example date.
const EXAMPLE_DATE: u64 = 784_111_777;

fn at(secs: u64) -> SystemTime {
    SystemTime::UNIX_EPOCH + Duration::from_secs(secs)
}

#[test]
fn retry_after_header_forms() {
    let now = at(EXAMPLE_DATE - 100);
    let cases: &[(&str, Option<Duration>)] = &[
        ("0", Some(Duration::ZERO)),
        ("5", Some(Duration::from_secs(5))),
        ("120", Some(Duration::from_secs(120))),
        (" 7 ", Some(Duration::from_secs(7))),
        (
            "Sun, 06 Nov 1994 08:49:37 GMT",
            Some(Duration::from_secs(100)),
        ), // IMF-fixdate
        (
            "Sunday, 06-Nov-94 08:49:37 GMT",
            Some(Duration::from_secs(100)),
        ), // RFC 850
        ("Sun Nov  6 08:49:37 1994", Some(Duration::from_secs(100))), // asctime
        ("Sat, 05 Nov 1994 08:49:37 GMT", Some(Duration::ZERO)),      // in the past
        ("Thu, 01 Jan 1970 00:00:00 GMT", Some(Duration::ZERO)),
        (
            "Fri, 31 Dec 9999 23:59:59 GMT",
            Some(at(253_402_300_799).duration_since(now).unwrap()),
        ),
        ("-5", None),
        ("-0", None),
        ("+5", None),
        ("1.5", None),
        ("5s", None),
        ("soon", None),
        ("", None),
        ("Sun, 06 Nov 1994 08:49:37 PST", None),
        ("2026-03-08T21:56:33Z", None),
        (
            "9007199254740991",
            Some(Duration::from_secs(9_007_199_254_740_991)),
        ),
        ("18446744073709551616", Some(Duration::from_secs(u64::MAX))), // saturated
        (
            "99999999999999999999999999999999999999",
            Some(Duration::from_secs(u64::MAX)),
        ),
    ];
    for &(value, expected) in cases {
        assert_eq!(
            parse_retry_after(value.as_bytes(), now),
            expected,
            "{value:?}"
        );
        if !value.is_empty() {
            let map = headers(&[("retry-after", value)]);
            let response = ErrorResponse::parse_at(StatusCode::SERVICE_UNAVAILABLE, &map, b"", now);
            assert_eq!(response.retry_after(), expected, "{value:?}");
            assert_eq!(response.header("Retry-After"), Some(value));
        }
    }
    assert_eq!(parse_retry_after(b"\xff5", now), None);
}

#[test]
fn retry_after_from_every_source_in_order() {
    let now = at(1_000);
    let parse = |pairs: &[(&str, &str)], body: &str| {
        ErrorResponse::parse_at(
            StatusCode::TOO_MANY_REQUESTS,
            &headers(pairs),
            body.as_bytes(),
            now,
        )
    };
    let flag = r#"{"error":true,"code":"RATE_LIMITED","retry_after_ms":7500}"#;
    // retry-after-ms, then Retry-After, then the body, then the rate limit.
    assert_eq!(
        parse(&[("retry-after-ms", "1500"), ("retry-after", "5")], flag).retry_after(),
        Some(Duration::from_millis(1_500))
    );
    assert_eq!(
        parse(&[("retry-after-ms", "250.5")], "").retry_after(),
        Some(Duration::from_micros(250_500))
    );
    assert_eq!(
        parse(&[("retry-after-ms", "-1"), ("retry-after", "5")], flag).retry_after(),
        Some(Duration::from_secs(5))
    );
    assert_eq!(
        parse(&[("retry-after", "x")], flag).retry_after(),
        Some(Duration::from_millis(7_500))
    );
    assert_eq!(
        parse(&[], flag).retry_after(),
        Some(Duration::from_millis(7_500))
    );
    let google = r#"{"error":{"code":429,"message":"m","status":"RESOURCE_EXHAUSTED","details":[{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"1.5s"}]}}"#;
    assert_eq!(
        parse(&[], google).retry_after(),
        Some(Duration::from_millis(1_500))
    );
    let object = r#"{"error":{"code":"RATE_LIMITED","message":"m","details":{"retry_after":5}}}"#;
    assert_eq!(
        parse(&[], object).retry_after(),
        Some(Duration::from_secs(5))
    );
    // Bodies saying nothing sensible.
    for body in [
        r#"{"error":true,"code":"X","retry_after_ms":-5}"#,
        r#"{"error":true,"code":"X","retry_after_ms":"5000"}"#,
        r#"{"error":{"code":"X","message":"m","details":{"retry_after":"soon"}}}"#,
        r#"{"error":{"code":429,"status":"RESOURCE_EXHAUSTED","details":[{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"-1s"}]}}"#,
        r#"{"error":{"code":429,"status":"RESOURCE_EXHAUSTED","details":[{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":5}]}}"#,
    ] {
        assert_eq!(parse(&[], body).retry_after(), None, "{body}");
    }
    // The rate limit's reset, only when nothing remains.
    let x = |remaining: &str| {
        parse(
            &[
                ("x-ratelimit-limit", "100"),
                ("x-ratelimit-remaining", remaining),
                ("x-ratelimit-reset", "1042"),
            ],
            "",
        )
    };
    assert_eq!(x("0").retry_after(), Some(Duration::from_secs(42)));
    assert_eq!(x("0").rate_limit(), Some(RateLimit::new(100, 0, 1_042)));
    assert_eq!(x("1").retry_after(), None);
    let ietf = parse(
        &[
            ("ratelimit", "\"default\";r=0;t=30"),
            ("ratelimit-policy", "\"default\";q=100;w=60"),
        ],
        "",
    );
    assert_eq!(ietf.retry_after(), Some(Duration::from_secs(30)));
    assert_eq!(
        ietf.rate_limit(),
        Some(RateLimit::new(100, 0, 1_030).with_window(60))
    );
    // A reset already past: retry now.
    let past = parse(
        &[
            ("x-ratelimit-limit", "100"),
            ("x-ratelimit-remaining", "0"),
            ("x-ratelimit-reset", "10"),
        ],
        "",
    );
    assert_eq!(past.retry_after(), Some(Duration::ZERO));
}
