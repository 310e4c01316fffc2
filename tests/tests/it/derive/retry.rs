//! `retryable` and `retry_after`.

use super::*;

#[derive(Debug, ApiError)]
enum Retryability {
    #[api(status = 408, message = "m")]
    S408,
    #[api(status = 429, message = "m")]
    S429,
    #[api(status = 502, message = "m")]
    S502,
    #[api(status = 503, message = "m")]
    S503,
    #[api(status = 504, message = "m")]
    S504,
    #[api(status = 400, message = "m")]
    S400,
    #[api(status = 404, message = "m")]
    S404,
    #[api(status = 500, message = "m")]
    S500,
    #[api(status = 409, message = "m", retryable)]
    ForcedOn,
    #[api(status = 409, message = "m", retryable = true)]
    ForcedOnExplicitly,
    #[api(status = 503, message = "m", retryable = false)]
    ForcedOff,
}

#[test]
fn retryable_by_default_for_408_429_502_503_504() {
    for error in [
        Retryability::S408,
        Retryability::S429,
        Retryability::S502,
        Retryability::S503,
        Retryability::S504,
    ] {
        assert!(error.retryable(), "{error:?}");
    }
}

#[test]
fn not_retryable_by_default_for_400_404_500() {
    for error in [Retryability::S400, Retryability::S404, Retryability::S500] {
        assert!(!error.retryable(), "{error:?}");
    }
}

#[test]
fn retryable_flag_overrides_the_default() {
    assert!(Retryability::ForcedOn.retryable());
    assert!(Retryability::ForcedOnExplicitly.retryable());
    assert!(!Retryability::ForcedOff.retryable());
}

#[test]
fn retry_after_constant() {
    let error = Delays::Constant;
    assert_eq!(error.retry_after(), Some(Duration::from_secs(60)));
    let (status, headers, body) = rendered::<ErrorObject>(&error);
    assert_eq!(status, 503);
    assert_eq!(
        headers,
        pairs(&[("content-type", "application/json"), ("retry-after", "60")])
    );
    assert_eq!(
        body,
        r#"{"error":{"code":"CONSTANT","message":"m","details":{"retry_after":60}}}"#
    );
    assert_eq!(
        self::body::<ErrorFlag>(&error),
        r#"{"error":true,"message":"m","code":"CONSTANT","retry_after_ms":60000}"#
    );
}

#[test]
fn retry_after_field_of_u64_seconds() {
    let error = Delays::Seconds { secs: 30 };
    assert_eq!(error.retry_after(), Some(Duration::from_secs(30)));
    let (_, headers, body) = rendered::<ErrorObject>(&error);
    assert_eq!(
        headers,
        pairs(&[("content-type", "application/json"), ("retry-after", "30")])
    );
    assert_eq!(
        body,
        r#"{"error":{"code":"SECONDS","message":"m","details":{"retry_after":30}}}"#
    );
}

#[test]
fn retry_after_duration_rounds_up_to_whole_seconds_in_the_header() {
    let error = Delays::Precise {
        wait: Duration::from_millis(1500),
    };
    assert_eq!(error.retry_after(), Some(Duration::from_millis(1500)));
    let (_, headers, body) = rendered::<ErrorObject>(&error);
    assert_eq!(
        headers,
        pairs(&[("content-type", "application/json"), ("retry-after", "2")])
    );
    assert_eq!(
        body,
        r#"{"error":{"code":"PRECISE","message":"m","details":{"retry_after":2}}}"#
    );
    assert_eq!(
        self::body::<ErrorFlag>(&error),
        r#"{"error":true,"message":"m","code":"PRECISE","retry_after_ms":1500}"#
    );

    // A quarter second is still one second; exactly two seconds stays two.
    let quarter = Delays::Precise {
        wait: Duration::from_millis(250),
    };
    assert_eq!(rendered::<ErrorObject>(&quarter).1[1].1, "1");
    let exact = Delays::Precise {
        wait: Duration::from_secs(2),
    };
    assert_eq!(rendered::<ErrorObject>(&exact).1[1].1, "2");
}

#[test]
fn retry_after_ms_rounds_up_to_whole_milliseconds() {
    let error = Delays::Precise {
        wait: Duration::from_micros(1_500_001),
    };
    assert_eq!(
        body::<ErrorFlag>(&error),
        r#"{"error":true,"message":"m","code":"PRECISE","retry_after_ms":1501}"#
    );
    let tiny = Delays::Precise {
        wait: Duration::from_nanos(1),
    };
    assert_eq!(
        body::<ErrorFlag>(&tiny),
        r#"{"error":true,"message":"m","code":"PRECISE","retry_after_ms":1}"#
    );
    assert_eq!(rendered::<ErrorFlag>(&tiny).1[1].1, "1");
}

#[test]
fn retry_after_option_none_sets_no_header_and_no_member() {
    let error = Delays::Maybe { wait: None };
    assert_eq!(error.retry_after(), None);
    let (status, headers, body) = rendered::<ErrorObject>(&error);
    assert_eq!(status, 429);
    assert_eq!(headers, pairs(&[("content-type", "application/json")]));
    assert_eq!(body, r#"{"error":{"code":"MAYBE","message":"m"}}"#);
    assert_eq!(
        self::body::<ErrorFlag>(&error),
        r#"{"error":true,"message":"m","code":"MAYBE"}"#
    );
}

#[test]
fn retry_after_option_some_sets_the_header() {
    let error = Delays::Maybe {
        wait: Some(Duration::from_secs(5)),
    };
    assert_eq!(error.retry_after(), Some(Duration::from_secs(5)));
    let (_, headers, body) = rendered::<ErrorFlag>(&error);
    assert_eq!(
        headers,
        pairs(&[("content-type", "application/json"), ("retry-after", "5")])
    );
    assert_eq!(
        body,
        r#"{"error":true,"message":"m","code":"MAYBE","retry_after_ms":5000}"#
    );
}

#[test]
fn retry_after_on_a_tuple_field() {
    let error = Delays::TupleDelay(Duration::from_secs(3));
    assert_eq!(error.retry_after(), Some(Duration::from_secs(3)));
    assert_eq!(Delays::NoDelay.retry_after(), None);
}
