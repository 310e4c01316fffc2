//! All nine envelopes, byte for byte, on the inputs the reference vectors do not exercise:
//! field violations (one and two, with and without codes, with text that needs escaping),
//! rate limits, title/type/gRPC overrides, the request id and path, and fractional retry
//! delays.
//!
//! The errors are hand-written `ApiError` impls (a [`Probe`] sets every trait method), so
//! these tests do not depend on the derive. Every expected body is written from `tests/vectors/ENVELOPES.md`
//! and the envelopes' documented rules; every body is also parsed as JSON.

mod servers;
#[allow(dead_code)]
mod support;

use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;
use std::time::Duration;

use apierror::envelope::{
    DataErrorMeta, ErrorCode, ErrorFlag, ErrorMessage, ErrorObject, Google, JsonApi, OData,
    Problem, RequestInfo,
};
use apierror::{
    Api, ApiError, Descriptor, Details, Message, RateLimit, StatusCode, Violation, WriteError,
};

/// A rendered response.
type Rendered = http::Response<Vec<u8>>;

// ---------------------------------------------------------------------------------------------
// The error under test
// ---------------------------------------------------------------------------------------------

/// An error whose every `ApiError` method returns what the test sets; its type's `API` is
/// `A`'s.
#[derive(Debug, Clone)]
struct Probe<A = NoApi> {
    status: StatusCode,
    code: &'static str,
    /// `None`: the status's reason phrase (the trait's default).
    message: Option<&'static str>,
    retry_after: Option<Duration>,
    details: Vec<(&'static str, serde_json::Value)>,
    /// Adds a detail that fails to serialize (a map with non-string keys).
    failing_detail: bool,
    descriptor: &'static Descriptor,
    rate_limit: Option<RateLimit>,
    violations: Vec<Violation>,
    api: PhantomData<A>,
}

/// The per-type settings a [`Probe`] takes: its `ApiError::API`.
trait Settings {
    const API: Api;
}

/// No domain, no version.
#[derive(Debug, Clone)]
struct NoApi;
impl Settings for NoApi {
    const API: Api = Api::new();
}

/// The domain `api.example.com`.
#[derive(Debug, Clone)]
struct Example;
impl Settings for Example {
    const API: Api = Api::new().with_domain("api.example.com");
}

/// The domain `users.example.com` at version 2.0.
#[derive(Debug, Clone)]
struct Users;
impl Settings for Users {
    const API: Api = Api::new()
        .with_domain("users.example.com")
        .with_version("2.0");
}

impl Probe {
    fn new(status: u16, code: &'static str) -> Self {
        Probe {
            status: StatusCode::from_u16(status).expect("a valid status"),
            code,
            message: None,
            retry_after: None,
            details: Vec::new(),
            failing_detail: false,
            descriptor: const { &Descriptor::new() },
            rate_limit: None,
            violations: Vec::new(),
            api: PhantomData,
        }
    }

    /// The same error, of a type whose `API` is `A`'s.
    fn in_api<A>(self) -> Probe<A> {
        Probe {
            status: self.status,
            code: self.code,
            message: self.message,
            retry_after: self.retry_after,
            details: self.details,
            failing_detail: self.failing_detail,
            descriptor: self.descriptor,
            rate_limit: self.rate_limit,
            violations: self.violations,
            api: PhantomData,
        }
    }
}

impl<A: Settings> ApiError for Probe<A> {
    const API: Api = A::API;

    fn status(&self) -> StatusCode {
        self.status
    }

    fn code(&self) -> &'static str {
        self.code
    }

    fn message(&self, out: &mut Message<'_>) -> fmt::Result {
        match self.message {
            Some(text) => out.write_str(text),
            None => out.write_reason(self.status),
        }
    }

    fn retry_after(&self) -> Option<Duration> {
        self.retry_after
    }

    fn details(&self, out: &mut Details<'_>) -> Result<(), WriteError> {
        for (name, value) in &self.details {
            out.field(name, value)?;
        }
        if self.failing_detail {
            out.field("broken", &BTreeMap::from([(vec![1_u8], 1_u8)]))?;
        }
        Ok(())
    }

    fn descriptor(&self) -> &'static Descriptor {
        self.descriptor
    }

    fn rate_limit(&self) -> Option<RateLimit> {
        self.rate_limit
    }

    fn violations(&self) -> &[Violation] {
        &self.violations
    }
}

// ---------------------------------------------------------------------------------------------
// ErrorView and checking
// ---------------------------------------------------------------------------------------------

/// The nine envelopes, in the order every expectation table lists them.
const ALL: [&str; 9] = [
    "ErrorFlag",
    "ErrorMessage",
    "ErrorCode",
    "DataErrorMeta",
    "ErrorObject",
    "Problem",
    "JsonApi",
    "Google",
    "OData",
];

fn render(envelope: &str, error: &impl ApiError, context: &RequestInfo<'_>) -> Rendered {
    match envelope {
        "ErrorFlag" => apierror::render::<ErrorFlag>(error, context),
        "ErrorMessage" => apierror::render::<ErrorMessage>(error, context),
        "ErrorCode" => apierror::render::<ErrorCode>(error, context),
        "DataErrorMeta" => apierror::render::<DataErrorMeta>(error, context),
        "ErrorObject" => apierror::render::<ErrorObject>(error, context),
        "Problem" => apierror::render::<Problem>(error, context),
        "JsonApi" => apierror::render::<JsonApi>(error, context),
        "Google" => apierror::render::<Google>(error, context),
        "OData" => apierror::render::<OData>(error, context),
        other => panic!("no envelope {other}"),
    }
}

fn content_type(envelope: &str) -> &'static str {
    match envelope {
        "Problem" => "application/problem+json",
        "JsonApi" => "application/vnd.api+json",
        _ => "application/json",
    }
}

/// Renders `error` in every envelope of `expected` (which must list all nine, in the order of
/// [`ALL`]) and checks the status, the content type, the `x-ms-error-code` header, that the
/// body is JSON, and the body byte for byte (`{{uuid}}` and `{{rfc3339_nanos}}` stand for
/// `DataErrorMeta`'s generated values). Returns the renderings for further checks.
fn check_all<A: Settings>(
    label: &str,
    error: &Probe<A>,
    context: &RequestInfo<'_>,
    expected: &[(&str, &str)],
) -> Vec<Rendered> {
    let names: Vec<&str> = expected.iter().map(|(name, _)| *name).collect();
    assert_eq!(names, ALL, "{label}: the expectations cover every envelope");
    expected
        .iter()
        .map(|(envelope, body)| {
            let rendered = render(envelope, error, context);
            check_one(label, envelope, &rendered, error.status, error.code, body);
            rendered
        })
        .collect()
}

fn check_one(
    label: &str,
    envelope: &str,
    rendered: &Rendered,
    status: StatusCode,
    code: &str,
    body: &str,
) {
    let text = String::from_utf8_lossy(rendered.body());
    assert_eq!(
        rendered.status(),
        status,
        "{label}, {envelope}: status ({text})"
    );
    assert_eq!(
        rendered.headers()["content-type"],
        content_type(envelope),
        "{label}, {envelope}: content type"
    );
    if let Err(e) = serde_json::from_slice::<serde_json::Value>(rendered.body()) {
        panic!("{label}, {envelope}: the body is not JSON ({e}): {text}");
    }
    if let Err(e) = support::match_body(body, rendered.body(), support::unix_nanos_now()) {
        panic!("{label}, {envelope}: {e}\n  expected: {body}\n  found:    {text}");
    }
    let ms_code = rendered.headers().get("x-ms-error-code");
    if envelope == "OData" {
        assert_eq!(
            ms_code.map(http::HeaderValue::as_bytes),
            Some(code.as_bytes()),
            "{label}: x-ms-error-code"
        );
    } else {
        assert!(ms_code.is_none(), "{label}, {envelope}: x-ms-error-code");
    }
}

fn header<'a>(rendered: &'a Rendered, name: &str) -> Option<&'a str> {
    rendered
        .headers()
        .get(name)
        .map(|v| v.to_str().expect("an ASCII header"))
}

// ---------------------------------------------------------------------------------------------
// Field violations
// ---------------------------------------------------------------------------------------------

#[test]
fn one_violation_with_a_code_and_text_to_escape() {
    let error = Probe {
        message: Some("Invalid user"),
        details: vec![("attempt", serde_json::json!(2))],
        violations: vec![
            Violation::field("user.emails[0]", "must be \"an email\"\t\\ ok").with_code("EMAIL"),
        ],
        ..Probe::new(422, "INVALID_USER")
    }
    .in_api::<Users>();
    check_all(
        "one violation",
        &error,
        &RequestInfo::new(),
        &[
            (
                "ErrorFlag",
                r#"{"error":true,"message":"Invalid user","code":"INVALID_USER"}"#,
            ),
            (
                "ErrorMessage",
                r#"{"error":"Invalid user","code":"INVALID_USER","details":{"attempt":2,"violations":[{"field":"user.emails[0]","message":"must be \"an email\"\t\\ ok","code":"EMAIL"}]}}"#,
            ),
            (
                "ErrorCode",
                r#"{"error":"INVALID_USER","message":"Invalid user","status":422}"#,
            ),
            (
                "DataErrorMeta",
                r#"{"data":null,"error":{"code":"INVALID_USER","message":"Invalid user"},"meta":{"request_id":"{{uuid}}","timestamp":"{{rfc3339_nanos}}","version":"2.0"}}"#,
            ),
            (
                "ErrorObject",
                r#"{"error":{"code":"INVALID_USER","message":"Invalid user","details":{"attempt":2,"violations":[{"field":"user.emails[0]","message":"must be \"an email\"\t\\ ok","code":"EMAIL"}]}}}"#,
            ),
            (
                "Problem",
                r#"{"type":"about:blank","title":"Unprocessable Entity","status":422,"detail":"Invalid user","code":"INVALID_USER","attempt":2,"errors":[{"detail":"must be \"an email\"\t\\ ok","pointer":"/user/emails/0","code":"EMAIL"}]}"#,
            ),
            (
                "JsonApi",
                r#"{"errors":[{"status":"422","code":"EMAIL","title":"Unprocessable Entity","detail":"must be \"an email\"\t\\ ok","source":{"pointer":"/user/emails/0"},"meta":{"attempt":2}}]}"#,
            ),
            (
                "Google",
                r#"{"error":{"code":422,"message":"Invalid user","status":"INVALID_ARGUMENT","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"INVALID_USER","domain":"users.example.com","metadata":{"attempt":"2"}},{"@type":"type.googleapis.com/google.rpc.BadRequest","fieldViolations":[{"field":"user.emails[0]","description":"must be \"an email\"\t\\ ok","reason":"EMAIL"}]}]}}"#,
            ),
            (
                "OData",
                r#"{"error":{"code":"INVALID_USER","message":"Invalid user","target":"user.emails[0]","details":[{"code":"EMAIL","target":"user.emails[0]","message":"must be \"an email\"\t\\ ok"}],"innererror":{"attempt":2}}}"#,
            ),
        ],
    );
}

#[test]
fn one_violation_without_a_code() {
    let error = Probe {
        message: Some("The name is taken"),
        violations: vec![Violation::field("name", "is taken")],
        ..Probe::new(409, "NAME_TAKEN")
    }
    .in_api::<Example>();
    check_all(
        "one violation without a code",
        &error,
        &RequestInfo::new(),
        &[
            (
                "ErrorFlag",
                r#"{"error":true,"message":"The name is taken","code":"NAME_TAKEN"}"#,
            ),
            (
                "ErrorMessage",
                r#"{"error":"The name is taken","code":"NAME_TAKEN","details":{"violations":[{"field":"name","message":"is taken"}]}}"#,
            ),
            (
                "ErrorCode",
                r#"{"error":"NAME_TAKEN","message":"The name is taken","status":409}"#,
            ),
            (
                "DataErrorMeta",
                r#"{"data":null,"error":{"code":"NAME_TAKEN","message":"The name is taken"},"meta":{"request_id":"{{uuid}}","timestamp":"{{rfc3339_nanos}}"}}"#,
            ),
            (
                "ErrorObject",
                r#"{"error":{"code":"NAME_TAKEN","message":"The name is taken","details":{"violations":[{"field":"name","message":"is taken"}]}}}"#,
            ),
            (
                "Problem",
                r#"{"type":"about:blank","title":"Conflict","status":409,"detail":"The name is taken","code":"NAME_TAKEN","errors":[{"detail":"is taken","pointer":"/name"}]}"#,
            ),
            (
                "JsonApi",
                r#"{"errors":[{"status":"409","code":"NAME_TAKEN","title":"Conflict","detail":"is taken","source":{"pointer":"/name"}}]}"#,
            ),
            (
                "Google",
                r#"{"error":{"code":409,"message":"The name is taken","status":"ALREADY_EXISTS","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"NAME_TAKEN","domain":"api.example.com"},{"@type":"type.googleapis.com/google.rpc.BadRequest","fieldViolations":[{"field":"name","description":"is taken"}]}]}}"#,
            ),
            (
                "OData",
                r#"{"error":{"code":"NAME_TAKEN","message":"The name is taken","target":"name","details":[{"code":"NAME_TAKEN","target":"name","message":"is taken"}]}}"#,
            ),
        ],
    );
}

#[test]
fn two_violations_one_with_a_code_and_a_known_request() {
    // The first is given as a JSON pointer (with an escaped `/`), the second as a path: each
    // envelope gets the form it writes.
    let error = Probe {
        details: vec![("form", serde_json::json!("signup"))],
        violations: vec![
            Violation::pointer("/data/attributes/first~1name", "is required"),
            Violation::field("tags[1]", "is too long").with_code("TOO_LONG"),
        ],
        ..Probe::new(400, "BAD_USER")
    };
    let context = RequestInfo::new()
        .with_request_id("req-42")
        .with_path("/v1/users/7");
    check_all(
        "two violations",
        &error,
        &context,
        &[
            (
                "ErrorFlag",
                r#"{"error":true,"message":"Bad Request","code":"BAD_USER"}"#,
            ),
            (
                "ErrorMessage",
                r#"{"error":"Bad Request","code":"BAD_USER","details":{"form":"signup","violations":[{"field":"data.attributes.first/name","message":"is required"},{"field":"tags[1]","message":"is too long","code":"TOO_LONG"}]}}"#,
            ),
            (
                "ErrorCode",
                r#"{"error":"BAD_USER","message":"Bad Request","status":400}"#,
            ),
            (
                "DataErrorMeta",
                r#"{"data":null,"error":{"code":"BAD_USER","message":"Bad Request"},"meta":{"request_id":"req-42","timestamp":"{{rfc3339_nanos}}"}}"#,
            ),
            (
                // A 4xx: no request id in `details`.
                "ErrorObject",
                r#"{"error":{"code":"BAD_USER","message":"Bad Request","details":{"form":"signup","violations":[{"field":"data.attributes.first/name","message":"is required"},{"field":"tags[1]","message":"is too long","code":"TOO_LONG"}]}}}"#,
            ),
            (
                "Problem",
                r#"{"type":"about:blank","title":"Bad Request","status":400,"detail":"Bad Request","instance":"/v1/users/7","code":"BAD_USER","form":"signup","errors":[{"detail":"is required","pointer":"/data/attributes/first~1name"},{"detail":"is too long","pointer":"/tags/1","code":"TOO_LONG"}]}"#,
            ),
            (
                "JsonApi",
                r#"{"errors":[{"id":"req-42.1","status":"400","code":"BAD_USER","title":"Bad Request","detail":"is required","source":{"pointer":"/data/attributes/first~1name"},"meta":{"form":"signup"}},{"id":"req-42.2","status":"400","code":"TOO_LONG","title":"Bad Request","detail":"is too long","source":{"pointer":"/tags/1"},"meta":{"form":"signup"}}]}"#,
            ),
            (
                "Google",
                r#"{"error":{"code":400,"message":"Bad Request","status":"INVALID_ARGUMENT","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"BAD_USER","metadata":{"form":"signup"}},{"@type":"type.googleapis.com/google.rpc.RequestInfo","requestId":"req-42"},{"@type":"type.googleapis.com/google.rpc.BadRequest","fieldViolations":[{"field":"data.attributes.first/name","description":"is required"},{"field":"tags[1]","description":"is too long","reason":"TOO_LONG"}]}]}}"#,
            ),
            (
                // Two violations: no top-level `target`.
                "OData",
                r#"{"error":{"code":"BAD_USER","message":"Bad Request","details":[{"code":"BAD_USER","target":"data.attributes.first/name","message":"is required"},{"code":"TOO_LONG","target":"tags[1]","message":"is too long"}],"innererror":{"form":"signup"}}}"#,
            ),
        ],
    );
}

// ---------------------------------------------------------------------------------------------
// Rate limits and retry delays
// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------
// Overrides, the request, odd codes
// ---------------------------------------------------------------------------------------------

#[test]
fn title_type_and_grpc_overrides() {
    // A lower-case code: Google's ErrorInfo reason upper-cases it, everything else keeps it.
    let error = Probe {
        message: Some("The resource changed."),
        descriptor: const {
            &Descriptor::new()
                .with_type_uri("https://errors.example.com/version-conflict")
                .with_title("Version conflict")
                .with_grpc("ABORTED")
        },
        ..Probe::new(409, "version_conflict")
    }
    .in_api::<Example>();
    check_all(
        "overrides",
        &error,
        &RequestInfo::new(),
        &[
            (
                "ErrorFlag",
                r#"{"error":true,"message":"The resource changed.","code":"version_conflict"}"#,
            ),
            (
                "ErrorMessage",
                r#"{"error":"The resource changed.","code":"version_conflict"}"#,
            ),
            (
                "ErrorCode",
                r#"{"error":"version_conflict","message":"The resource changed.","status":409}"#,
            ),
            (
                "DataErrorMeta",
                r#"{"data":null,"error":{"code":"version_conflict","message":"The resource changed."},"meta":{"request_id":"{{uuid}}","timestamp":"{{rfc3339_nanos}}"}}"#,
            ),
            (
                "ErrorObject",
                r#"{"error":{"code":"version_conflict","message":"The resource changed."}}"#,
            ),
            (
                "Problem",
                r#"{"type":"https://errors.example.com/version-conflict","title":"Version conflict","status":409,"detail":"The resource changed.","code":"version_conflict"}"#,
            ),
            (
                "JsonApi",
                r#"{"errors":[{"status":"409","code":"version_conflict","title":"Version conflict","detail":"The resource changed."}]}"#,
            ),
            (
                "Google",
                r#"{"error":{"code":409,"message":"The resource changed.","status":"ABORTED","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"VERSION_CONFLICT","domain":"api.example.com"}]}}"#,
            ),
            (
                "OData",
                r#"{"error":{"code":"version_conflict","message":"The resource changed."}}"#,
            ),
        ],
    );
}

#[test]
fn request_id_and_path_of_a_server_error() {
    let error = Probe {
        details: vec![("shard", serde_json::json!(3))],
        ..Probe::new(500, "INTERNAL_ERROR")
    };
    let context = RequestInfo::new()
        .with_request_id("req-7")
        .with_path("/v1/orders/9");
    check_all(
        "request id and path",
        &error,
        &context,
        &[
            (
                "ErrorFlag",
                r#"{"error":true,"message":"Internal Server Error","code":"INTERNAL_ERROR"}"#,
            ),
            (
                "ErrorMessage",
                r#"{"error":"Internal Server Error","code":"INTERNAL_ERROR","details":{"shard":3}}"#,
            ),
            (
                "ErrorCode",
                r#"{"error":"INTERNAL_ERROR","message":"Internal Server Error","status":500}"#,
            ),
            (
                "DataErrorMeta",
                r#"{"data":null,"error":{"code":"INTERNAL_ERROR","message":"Internal Server Error"},"meta":{"request_id":"req-7","timestamp":"{{rfc3339_nanos}}"}}"#,
            ),
            (
                "ErrorObject",
                r#"{"error":{"code":"INTERNAL_ERROR","message":"Internal Server Error","details":{"shard":3,"request_id":"req-7"}}}"#,
            ),
            (
                "Problem",
                r#"{"type":"about:blank","title":"Internal Server Error","status":500,"detail":"Internal Server Error","instance":"/v1/orders/9","code":"INTERNAL_ERROR","shard":3}"#,
            ),
            (
                "JsonApi",
                r#"{"errors":[{"id":"req-7","status":"500","code":"INTERNAL_ERROR","title":"Internal Server Error","detail":"Internal Server Error","meta":{"shard":3}}]}"#,
            ),
            (
                "Google",
                r#"{"error":{"code":500,"message":"Internal Server Error","status":"INTERNAL","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"INTERNAL_ERROR","metadata":{"shard":"3"}},{"@type":"type.googleapis.com/google.rpc.RequestInfo","requestId":"req-7"}]}}"#,
            ),
            (
                "OData",
                r#"{"error":{"code":"INTERNAL_ERROR","message":"Internal Server Error","innererror":{"shard":3}}}"#,
            ),
        ],
    );
}

#[test]
fn odata_skips_a_code_that_is_no_header_value() {
    let error = Probe::new(400, "BAD\nCODE");
    let rendered = apierror::render::<OData>(&error, &RequestInfo::new());
    assert_eq!(rendered.status(), 400);
    assert_eq!(
        rendered.body(),
        br#"{"error":{"code":"BAD\nCODE","message":"Bad Request"}}"#
    );
    serde_json::from_slice::<serde_json::Value>(rendered.body()).expect("JSON");
    assert!(rendered.headers().get("x-ms-error-code").is_none());
}

#[test]
fn a_failing_detail_becomes_the_plain_500_in_every_envelope_with_details() {
    // With violations, so that JSON:API's per-violation `meta` is asked for too.
    let error = Probe {
        failing_detail: true,
        violations: vec![Violation::field("a", "b"), Violation::field("c", "d")],
        ..Probe::new(422, "INVALID")
    };
    // ErrorFlag, ErrorCode and DataErrorMeta have no place for details, never ask for them,
    // and render the error as it is.
    let expected = [
        (
            "ErrorFlag",
            422,
            r#"{"error":true,"message":"Unprocessable Entity","code":"INVALID"}"#,
        ),
        (
            "ErrorMessage",
            500,
            r#"{"error":"Internal Server Error","code":"INTERNAL_ERROR"}"#,
        ),
        (
            "ErrorCode",
            422,
            r#"{"error":"INVALID","message":"Unprocessable Entity","status":422}"#,
        ),
        (
            "DataErrorMeta",
            422,
            r#"{"data":null,"error":{"code":"INVALID","message":"Unprocessable Entity"},"meta":{"request_id":"{{uuid}}","timestamp":"{{rfc3339_nanos}}"}}"#,
        ),
        (
            "ErrorObject",
            500,
            r#"{"error":{"code":"INTERNAL_ERROR","message":"Internal Server Error"}}"#,
        ),
        (
            "Problem",
            500,
            r#"{"type":"about:blank","title":"Internal Server Error","status":500,"detail":"Internal Server Error","code":"INTERNAL_ERROR"}"#,
        ),
        (
            "JsonApi",
            500,
            r#"{"errors":[{"status":"500","code":"INTERNAL_ERROR","title":"Internal Server Error","detail":"Internal Server Error"}]}"#,
        ),
        (
            "Google",
            500,
            r#"{"error":{"code":500,"message":"Internal Server Error","status":"INTERNAL","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"INTERNAL_ERROR"}]}}"#,
        ),
        (
            "OData",
            500,
            r#"{"error":{"code":"INTERNAL_ERROR","message":"Internal Server Error"}}"#,
        ),
    ];
    let names: Vec<&str> = expected.iter().map(|(name, ..)| *name).collect();
    assert_eq!(names, ALL);
    for (envelope, status, body) in expected {
        let rendered = render(envelope, &error, &RequestInfo::new());
        let status = StatusCode::from_u16(status).expect("a status");
        let code = if status == error.status {
            error.code
        } else {
            "INTERNAL_ERROR"
        };
        check_one("failing detail", envelope, &rendered, status, code, body);
    }
}
