//! All nine envelopes, byte for byte, on the inputs the reference vectors do not exercise:
//! field violations (one and two, with and without codes, with text that needs escaping),
//! rate limits, title/type/gRPC overrides, the request id and path, and fractional retry
//! delays.
//!
//! The errors are hand-written `ApiError` impls (a [`Probe`] sets every trait method), so
//! these tests do not depend on the derive. Every expected body is written from `tests/vectors/ENVELOPES.md`
//! and the envelopes' documented rules; every body is also parsed as JSON.

use crate::support;

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

mod overrides;
mod rate_limits;
mod violations;
