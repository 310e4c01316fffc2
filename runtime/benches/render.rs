//! Renders the three reference errors of `tests/vectors/ENVELOPES.md` in all nine envelopes,
//! an error with field violations (Problem) and the reference 500 inside the request-context
//! middleware (`ErrorObject`, which shows the request id), into a complete axum `Response`, next
//! to three baselines producing the same response:
//!
//! - `ours`: `apierror::axum::into_response::<Envelope>(&error)`;
//! - `hand_serde`: a lean hand-written `#[derive(Serialize)]` body borrowing `&str` wherever it
//!   can (the message made with `format!` only when it interpolates), through `axum::Json`, as
//!   `(StatusCode, [(header, value)], Json(body)).into_response()`;
//! - `json_macro`: the same body as `serde_json::json!` through `axum::Json`;
//! - `static_floor`: a precomputed `&'static [u8]` body with static header values.
//!
//! Before benchmarking, `check` asserts that every baseline answers with the same status,
//! headers and body as ours.
//!
//! Run with `cargo bench -p apierror --features axum --bench render`.

#![allow(missing_docs)]

use std::borrow::Cow;
use std::fmt;
use std::time::{Duration, SystemTime};

use apierror::envelope::{self, Envelope};
use apierror::Violation;
use axum::body::Body;
use axum::response::{IntoResponse, Response};
use axum::Json;
use bytes::Bytes;
use divan::{black_box, Bencher};
use http::header::{HeaderName, CONTENT_TYPE, RETRY_AFTER};
use http::{HeaderValue, StatusCode};
use serde::{Serialize, Serializer};
use serde_json::json;

#[global_allocator]
static ALLOC: divan::AllocProfiler = divan::AllocProfiler::system();

fn main() {
    check::all();
    divan::main();
}

// The reference error of `tests/vectors/ENVELOPES.md`, declared once for the tests, the
// examples and the benches (`canon!` expects it at the crate root).
#[path = "../examples/canon/mod.rs"]
mod canon;

// `Canon`, derived exactly as the vectors write it (plus thiserror's `Display`, which a real
// server has and which the 500 must not show), and `case`, the value each vector case stands
// for; the envelope is the derive's default, since every row names its own.
canon::canon!(apierror::envelope::ErrorObject);

/// A request body that failed validation, field by field.
#[derive(Debug, thiserror::Error, apierror::ApiError)]
#[error("invalid fields")]
#[api(
    status = 422,
    code = "INVALID_FIELDS",
    message = "The request has invalid fields"
)]
struct InvalidFields {
    #[api(violations)]
    violations: Vec<apierror::Violation>,
}

/// The rows: the three reference errors, the reference 500 rendered inside the request-context
/// middleware, and an error with field violations.
#[derive(Clone, Copy, Debug)]
enum Case {
    RateLimited,
    InvalidParameters,
    Internal,
    InContext,
    Violations,
}

/// The request the `InContext` row answers, as the middleware sees it.
const REQUEST_ID: &str = "req-42";
const REQUEST_PATH: &str = "/users/7";

impl Case {
    fn status(self) -> StatusCode {
        match self {
            Case::RateLimited => StatusCode::TOO_MANY_REQUESTS,
            Case::InvalidParameters => StatusCode::BAD_REQUEST,
            Case::Internal | Case::InContext => StatusCode::INTERNAL_SERVER_ERROR,
            Case::Violations => StatusCode::UNPROCESSABLE_ENTITY,
        }
    }

    fn retry_after(self) -> Option<&'static HeaderValue> {
        match self {
            Case::RateLimited => Some(&RETRY_AFTER_5),
            _ => None,
        }
    }

    fn code(self) -> &'static str {
        match self {
            Case::RateLimited => "RATE_LIMITED",
            Case::InvalidParameters => "INVALID_PARAMETERS",
            Case::Internal | Case::InContext => "INTERNAL_ERROR",
            Case::Violations => "INVALID_FIELDS",
        }
    }
}

/// An error type of the benchmark, made for a row.
trait Subject: apierror::ApiError + Sized {
    const CASES: &'static [Case];
    fn of(case: Case) -> Self;
}

impl Subject for Canon {
    const CASES: &'static [Case] = &[Case::RateLimited, Case::InvalidParameters, Case::Internal];

    fn of(row: Case) -> Self {
        match row {
            Case::RateLimited => case("rate_limited"),
            Case::InvalidParameters => case("invalid_parameters"),
            Case::Internal | Case::InContext => case("internal"),
            Case::Violations => unreachable!("not a Canon row"),
        }
    }
}

impl Subject for InvalidFields {
    const CASES: &'static [Case] = &[Case::Violations];

    fn of(_: Case) -> Self {
        InvalidFields {
            violations: vec![
                Violation::pointer("/email", "must be an email address").with_code("EMAIL"),
                Violation::pointer("/name", "is required"),
            ],
        }
    }
}

/// The four ways of building the response, in the order of the table.
#[derive(Clone, Copy, Debug)]
enum Impl {
    Ours,
    HandSerde,
    JsonMacro,
    StaticFloor,
}

const IMPLS: [Impl; 4] = [
    Impl::Ours,
    Impl::HandSerde,
    Impl::JsonMacro,
    Impl::StaticFloor,
];

impl fmt::Display for Impl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Impl::Ours => "ours",
            Impl::HandSerde => "hand_serde",
            Impl::JsonMacro => "json_macro",
            Impl::StaticFloor => "static_floor",
        })
    }
}

/// One envelope's baselines for one error type: what a user writes by hand for the same output.
trait Baseline<T>: Envelope {
    /// (a) a `#[derive(Serialize)]` body of `&str` through `axum::Json`.
    fn hand_serde(error: &T) -> Response;
    /// (b) a `serde_json::json!` body through `axum::Json`.
    fn json_macro(error: &T) -> Response;
    /// (c) the body, precomputed.
    fn floor_body(case: Case) -> &'static [u8];
    /// (c) the envelope's own header, precomputed.
    fn floor_header(case: Case) -> Option<(&'static HeaderName, &'static HeaderValue)> {
        let _ = case;
        None
    }
}

/// (c) the content type of `E`, a constant.
struct FloorContentType<E>(core::marker::PhantomData<E>);

impl<E: Envelope> FloorContentType<E> {
    const VALUE: HeaderValue = HeaderValue::from_static(E::CONTENT_TYPE);
}

fn bench<E: Baseline<T>, T: Subject>(bencher: Bencher, case: Case, imp: Impl) {
    let error = T::of(case);
    let run = move || match imp {
        Impl::Ours => {
            bencher.bench_local(|| apierror::axum::into_response::<E>(black_box(&error)));
        }
        Impl::HandSerde => bencher.bench_local(|| E::hand_serde(black_box(&error))),
        Impl::JsonMacro => bencher.bench_local(|| E::json_macro(black_box(&error))),
        Impl::StaticFloor => {
            let content_type = FloorContentType::<E>::VALUE;
            let (status, body, retry) = (case.status(), E::floor_body(case), case.retry_after());
            let header = E::floor_header(case);
            bencher.bench_local(|| {
                static_floor(
                    black_box(status),
                    black_box(&content_type),
                    black_box(body),
                    black_box(retry),
                    black_box(header),
                )
            });
        }
    };
    if matches!(case, Case::InContext) {
        context::within(run);
    } else {
        run();
    }
}

/// `render/<Envelope>/<case>/<impl>`.
macro_rules! envelope_benches {
    ($($envelope:ident $({ $($extra:ident: $subject:ident = $case:ident),* })?),* $(,)?) => {$(
        #[allow(non_snake_case)]
        mod $envelope {
            use super::{bench, Bencher, Canon, Case, Impl, IMPLS};
            #[allow(unused_imports)]
            use super::InvalidFields;

            #[divan::bench(args = IMPLS)]
            fn rate_limited(bencher: Bencher, imp: Impl) {
                bench::<apierror::envelope::$envelope, Canon>(bencher, Case::RateLimited, imp);
            }

            #[divan::bench(args = IMPLS)]
            fn invalid_parameters(bencher: Bencher, imp: Impl) {
                bench::<apierror::envelope::$envelope, Canon>(bencher, Case::InvalidParameters, imp);
            }

            #[divan::bench(args = IMPLS)]
            fn internal(bencher: Bencher, imp: Impl) {
                bench::<apierror::envelope::$envelope, Canon>(bencher, Case::Internal, imp);
            }

            $($(
                #[divan::bench(args = IMPLS)]
                fn $extra(bencher: Bencher, imp: Impl) {
                    bench::<apierror::envelope::$envelope, $subject>(bencher, Case::$case, imp);
                }
            )*)?
        }
    )*};
}

envelope_benches!(
    ErrorFlag,
    ErrorMessage,
    ErrorCode,
    DataErrorMeta,
    ErrorObject {
        in_context: Canon = InContext
    },
    Problem {
        violations: InvalidFields = Violations
    },
    JsonApi,
    Google,
    OData,
);

// ---------------------------------------------------------------------------------------------
// The request context

mod context {
    use std::convert::Infallible;
    use std::future::{ready, Ready};
    use std::task::{Context, Poll};

    use apierror::axum::ErrorContextService;
    use axum::body::Body;
    use axum::response::Response;
    use http::Request;
    use tower_service::Service;

    use super::{REQUEST_ID, REQUEST_PATH};

    /// Runs `f` inside the request-context middleware, as a handler runs: the layer's inner
    /// service is called in the request's context (`x-request-id: req-42`, `/users/7`).
    pub fn within<R>(f: impl FnOnce() -> R) -> R {
        let mut out = None;
        let mut service = ErrorContextService::new(Call {
            f: Some(f),
            out: &mut out,
        });
        let request = Request::get(REQUEST_PATH)
            .header("x-request-id", REQUEST_ID)
            .body(Body::empty())
            .expect("request");
        // The inner `call` runs in the context, before the future is polled.
        drop(service.call(request));
        drop(service);
        out.expect("the inner service was called")
    }

    struct Call<'a, F, R> {
        f: Option<F>,
        out: &'a mut Option<R>,
    }

    impl<F: FnOnce() -> R, R, B> Service<Request<B>> for Call<'_, F, R> {
        type Response = Response;
        type Error = Infallible;
        type Future = Ready<Result<Response, Infallible>>;

        fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
            Poll::Ready(Ok(()))
        }

        fn call(&mut self, _: Request<B>) -> Self::Future {
            if let Some(f) = self.f.take() {
                *self.out = Some(f());
            }
            ready(Ok(Response::new(Body::empty())))
        }
    }
}

// ---------------------------------------------------------------------------------------------
// (c) the floor

static RETRY_AFTER_5: HeaderValue = HeaderValue::from_static("5");
static X_MS_ERROR_CODE: HeaderName = HeaderName::from_static("x-ms-error-code");

fn static_floor(
    status: StatusCode,
    content_type: &HeaderValue,
    body: &'static [u8],
    retry_after: Option<&'static HeaderValue>,
    header: Option<(&'static HeaderName, &'static HeaderValue)>,
) -> Response {
    let mut response = Response::new(Body::from(Bytes::from_static(body)));
    *response.status_mut() = status;
    let headers = response.headers_mut();
    headers.insert(CONTENT_TYPE, content_type.clone());
    if let Some(value) = retry_after {
        headers.insert(RETRY_AFTER, value.clone());
    }
    if let Some((name, value)) = header {
        headers.insert(name.clone(), value.clone());
    }
    response
}

// ---------------------------------------------------------------------------------------------
// (a) and (b): what a user writes by hand

/// What every hand-written envelope needs from the error: the message borrowed when it is
/// constant, formatted when it interpolates.
struct Parts<'a> {
    status: StatusCode,
    code: &'static str,
    message: Cow<'static, str>,
    retry_after: Option<Duration>,
    details: Option<FieldDetails<'a>>,
}

impl<'a> Parts<'a> {
    fn of(error: &'a Canon) -> Parts<'a> {
        match error {
            Canon::RateLimited { wait } => Parts {
                status: StatusCode::TOO_MANY_REQUESTS,
                code: "RATE_LIMITED",
                message: Cow::Borrowed(
                    "Rate limit exceeded. Please retry after the specified period.",
                ),
                retry_after: Some(*wait),
                details: None,
            },
            Canon::InvalidParameters { field, requirement } => Parts {
                status: StatusCode::BAD_REQUEST,
                code: "INVALID_PARAMETERS",
                message: Cow::Owned(format!("The '{field}' field is required")),
                retry_after: None,
                details: Some(FieldDetails { field, requirement }),
            },
            Canon::Internal(_) => Parts {
                status: StatusCode::INTERNAL_SERVER_ERROR,
                code: "INTERNAL_ERROR",
                message: Cow::Borrowed("Internal Server Error"),
                retry_after: None,
                details: None,
            },
        }
    }

    fn of_invalid(_: &'a InvalidFields) -> Parts<'a> {
        Parts {
            status: StatusCode::UNPROCESSABLE_ENTITY,
            code: "INVALID_FIELDS",
            message: Cow::Borrowed("The request has invalid fields"),
            retry_after: None,
            details: None,
        }
    }

    fn title(&self) -> &'static str {
        self.status.canonical_reason().unwrap_or("Error")
    }

    fn retry_after_secs(&self) -> Option<u64> {
        self.retry_after
            .map(|d| d.as_secs() + u64::from(d.subsec_nanos() > 0))
    }

    fn retry_after_millis(&self) -> Option<u64> {
        self.retry_after
            .map(|d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
    }

    /// `(status, [(RETRY_AFTER, secs)], Json(body)).into_response()`.
    fn respond<T: Serialize>(&self, body: T) -> Response {
        match self.retry_after_secs() {
            Some(secs) => (
                self.status,
                [(RETRY_AFTER, HeaderValue::from(secs))],
                Json(body),
            )
                .into_response(),
            None => (self.status, Json(body)).into_response(),
        }
    }

    /// [`respond`](Self::respond) with another content type.
    fn respond_as<T: Serialize>(&self, content_type: &'static str, body: T) -> Response {
        let content_type = (CONTENT_TYPE, HeaderValue::from_static(content_type));
        match self.retry_after_secs() {
            Some(secs) => (
                self.status,
                [content_type, (RETRY_AFTER, HeaderValue::from(secs))],
                Json(body),
            )
                .into_response(),
            None => (self.status, [content_type], Json(body)).into_response(),
        }
    }
}

/// `{"field":…,"requirement":…}` of `InvalidParameters`.
#[derive(Clone, Copy, Serialize)]
struct FieldDetails<'a> {
    field: &'a str,
    requirement: &'a str,
}

/// `YYYY-MM-DDTHH:MM:SS.nnnnnnnnnZ`, the way a user without a date crate writes it.
fn rfc3339_now() -> String {
    let since = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .unwrap_or_default();
    let secs = since.as_secs();
    let (year, month, day) = civil_from_days(secs / 86_400);
    let rem = secs % 86_400;
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{:09}Z",
        rem / 3600,
        rem / 60 % 60,
        rem % 60,
        since.subsec_nanos()
    )
}

/// Howard Hinnant's `civil_from_days`, for days since 1970-01-01.
fn civil_from_days(days: u64) -> (u64, u64, u64) {
    let z = days + 719_468;
    let era = z / 146_097;
    let doe = z % 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + u64::from(month <= 2);
    (year, month, day)
}

impl Baseline<Canon> for envelope::ErrorFlag {
    fn hand_serde(error: &Canon) -> Response {
        #[derive(Serialize)]
        struct Body<'a> {
            error: bool,
            message: &'a str,
            code: &'a str,
            #[serde(skip_serializing_if = "Option::is_none")]
            retry_after_ms: Option<u64>,
        }
        let parts = Parts::of(error);
        parts.respond(Body {
            error: true,
            message: &parts.message,
            code: parts.code,
            retry_after_ms: parts.retry_after_millis(),
        })
    }

    fn json_macro(error: &Canon) -> Response {
        let parts = Parts::of(error);
        let mut body = json!({"error": true, "message": parts.message, "code": parts.code});
        if let Some(millis) = parts.retry_after_millis() {
            body["retry_after_ms"] = json!(millis);
        }
        parts.respond(body)
    }

    fn floor_body(case: Case) -> &'static [u8] {
        match case {
            Case::RateLimited => br#"{"error":true,"message":"Rate limit exceeded. Please retry after the specified period.","code":"RATE_LIMITED","retry_after_ms":5000}"#,
            Case::InvalidParameters => br#"{"error":true,"message":"The 'role_id' field is required","code":"INVALID_PARAMETERS"}"#,
            _ => br#"{"error":true,"message":"Internal Server Error","code":"INTERNAL_ERROR"}"#,
        }
    }
}

impl Baseline<Canon> for envelope::ErrorMessage {
    fn hand_serde(error: &Canon) -> Response {
        #[derive(Serialize)]
        struct Body<'a> {
            error: &'a str,
            code: &'a str,
            #[serde(skip_serializing_if = "Option::is_none")]
            details: Option<FieldDetails<'a>>,
        }
        let parts = Parts::of(error);
        parts.respond(Body {
            error: &parts.message,
            code: parts.code,
            details: parts.details,
        })
    }

    fn json_macro(error: &Canon) -> Response {
        let parts = Parts::of(error);
        let mut body = json!({"error": parts.message, "code": parts.code});
        if let Some(details) = parts.details {
            body["details"] = json!({"field": details.field, "requirement": details.requirement});
        }
        parts.respond(body)
    }

    fn floor_body(case: Case) -> &'static [u8] {
        match case {
            Case::RateLimited => br#"{"error":"Rate limit exceeded. Please retry after the specified period.","code":"RATE_LIMITED"}"#,
            Case::InvalidParameters => br#"{"error":"The 'role_id' field is required","code":"INVALID_PARAMETERS","details":{"field":"role_id","requirement":"required"}}"#,
            _ => br#"{"error":"Internal Server Error","code":"INTERNAL_ERROR"}"#,
        }
    }
}

impl Baseline<Canon> for envelope::ErrorCode {
    fn hand_serde(error: &Canon) -> Response {
        #[derive(Serialize)]
        struct Body<'a> {
            error: &'a str,
            message: &'a str,
            status: u16,
        }
        let parts = Parts::of(error);
        parts.respond(Body {
            error: parts.code,
            message: &parts.message,
            status: parts.status.as_u16(),
        })
    }

    fn json_macro(error: &Canon) -> Response {
        let parts = Parts::of(error);
        let body = json!({
            "error": parts.code,
            "message": parts.message,
            "status": parts.status.as_u16(),
        });
        parts.respond(body)
    }

    fn floor_body(case: Case) -> &'static [u8] {
        match case {
            Case::RateLimited => br#"{"error":"RATE_LIMITED","message":"Rate limit exceeded. Please retry after the specified period.","status":429}"#,
            Case::InvalidParameters => br#"{"error":"INVALID_PARAMETERS","message":"The 'role_id' field is required","status":400}"#,
            _ => br#"{"error":"INTERNAL_ERROR","message":"Internal Server Error","status":500}"#,
        }
    }
}

impl Baseline<Canon> for envelope::DataErrorMeta {
    fn hand_serde(error: &Canon) -> Response {
        #[derive(Serialize)]
        struct Body<'a> {
            data: (),
            error: Error<'a>,
            meta: Meta<'a>,
        }
        #[derive(Serialize)]
        struct Error<'a> {
            code: &'a str,
            message: &'a str,
        }
        #[derive(Serialize)]
        struct Meta<'a> {
            request_id: &'a str,
            timestamp: &'a str,
            version: &'a str,
        }
        let parts = Parts::of(error);
        let mut id = uuid::Uuid::encode_buffer();
        let timestamp = rfc3339_now();
        parts.respond(Body {
            data: (),
            error: Error {
                code: parts.code,
                message: &parts.message,
            },
            meta: Meta {
                request_id: uuid::Uuid::new_v4().hyphenated().encode_lower(&mut id),
                timestamp: &timestamp,
                version: "1.0.0",
            },
        })
    }

    fn json_macro(error: &Canon) -> Response {
        let parts = Parts::of(error);
        let body = json!({
            "data": null,
            "error": {"code": parts.code, "message": parts.message},
            "meta": {
                "request_id": uuid::Uuid::new_v4().to_string(),
                "timestamp": rfc3339_now(),
                "version": "1.0.0",
            },
        });
        parts.respond(body)
    }

    fn floor_body(case: Case) -> &'static [u8] {
        match case {
            Case::RateLimited => br#"{"data":null,"error":{"code":"RATE_LIMITED","message":"Rate limit exceeded. Please retry after the specified period."},"meta":{"request_id":"d6a8f6f2-3b5a-4f0a-81ab-1b4a4c9dd5ea","timestamp":"2026-03-08T21:56:33.877635522Z","version":"1.0.0"}}"#,
            Case::InvalidParameters => br#"{"data":null,"error":{"code":"INVALID_PARAMETERS","message":"The 'role_id' field is required"},"meta":{"request_id":"d6a8f6f2-3b5a-4f0a-81ab-1b4a4c9dd5ea","timestamp":"2026-03-08T21:56:33.877635522Z","version":"1.0.0"}}"#,
            _ => br#"{"data":null,"error":{"code":"INTERNAL_ERROR","message":"Internal Server Error"},"meta":{"request_id":"d6a8f6f2-3b5a-4f0a-81ab-1b4a4c9dd5ea","timestamp":"2026-03-08T21:56:33.877635522Z","version":"1.0.0"}}"#,
        }
    }
}

impl Baseline<Canon> for envelope::ErrorObject {
    fn hand_serde(error: &Canon) -> Response {
        #[derive(Serialize)]
        struct Body<'a> {
            error: Error<'a>,
        }
        #[derive(Serialize)]
        struct Error<'a> {
            code: &'a str,
            message: &'a str,
            #[serde(skip_serializing_if = "Option::is_none")]
            details: Option<Details<'a>>,
        }
        #[derive(Serialize)]
        struct Details<'a> {
            #[serde(skip_serializing_if = "Option::is_none")]
            field: Option<&'a str>,
            #[serde(skip_serializing_if = "Option::is_none")]
            requirement: Option<&'a str>,
            #[serde(skip_serializing_if = "Option::is_none")]
            request_id: Option<&'a str>,
            #[serde(skip_serializing_if = "Option::is_none")]
            retry_after: Option<u64>,
        }
        let parts = Parts::of(error);
        // A 5xx shows the request id, when the middleware knows one.
        let id = parts
            .status
            .is_server_error()
            .then(apierror::context::request_id)
            .flatten();
        let details = Details {
            field: parts.details.map(|d| d.field),
            requirement: parts.details.map(|d| d.requirement),
            request_id: id.as_ref().map(apierror::context::RequestId::as_str),
            retry_after: parts.retry_after_secs(),
        };
        let empty = details.field.is_none()
            && details.request_id.is_none()
            && details.retry_after.is_none();
        parts.respond(Body {
            error: Error {
                code: parts.code,
                message: &parts.message,
                details: (!empty).then_some(details),
            },
        })
    }

    fn json_macro(error: &Canon) -> Response {
        let parts = Parts::of(error);
        let mut body = json!({"error": {"code": parts.code, "message": parts.message}});
        if let Some(details) = parts.details {
            body["error"]["details"] =
                json!({"field": details.field, "requirement": details.requirement});
        }
        if parts.status.is_server_error() {
            if let Some(id) = apierror::context::request_id() {
                body["error"]["details"]["request_id"] = json!(id.as_str());
            }
        }
        if let Some(secs) = parts.retry_after_secs() {
            body["error"]["details"]["retry_after"] = json!(secs);
        }
        parts.respond(body)
    }

    fn floor_body(case: Case) -> &'static [u8] {
        match case {
            Case::RateLimited => br#"{"error":{"code":"RATE_LIMITED","message":"Rate limit exceeded. Please retry after the specified period.","details":{"retry_after":5}}}"#,
            Case::InvalidParameters => br#"{"error":{"code":"INVALID_PARAMETERS","message":"The 'role_id' field is required","details":{"field":"role_id","requirement":"required"}}}"#,
            Case::InContext => br#"{"error":{"code":"INTERNAL_ERROR","message":"Internal Server Error","details":{"request_id":"req-42"}}}"#,
            _ => br#"{"error":{"code":"INTERNAL_ERROR","message":"Internal Server Error"}}"#,
        }
    }
}

/// `application/problem+json`.
const PROBLEM_JSON: &str = "application/problem+json";

impl Baseline<Canon> for envelope::Problem {
    fn hand_serde(error: &Canon) -> Response {
        #[derive(Serialize)]
        struct Body<'a> {
            #[serde(rename = "type")]
            kind: &'a str,
            title: &'a str,
            status: u16,
            detail: &'a str,
            code: &'a str,
            #[serde(skip_serializing_if = "Option::is_none")]
            field: Option<&'a str>,
            #[serde(skip_serializing_if = "Option::is_none")]
            requirement: Option<&'a str>,
        }
        let parts = Parts::of(error);
        parts.respond_as(
            PROBLEM_JSON,
            Body {
                kind: "about:blank",
                title: parts.title(),
                status: parts.status.as_u16(),
                detail: &parts.message,
                code: parts.code,
                field: parts.details.map(|d| d.field),
                requirement: parts.details.map(|d| d.requirement),
            },
        )
    }

    fn json_macro(error: &Canon) -> Response {
        let parts = Parts::of(error);
        let mut body = json!({
            "type": "about:blank",
            "title": parts.title(),
            "status": parts.status.as_u16(),
            "detail": parts.message,
            "code": parts.code,
        });
        if let Some(details) = parts.details {
            body["field"] = json!(details.field);
            body["requirement"] = json!(details.requirement);
        }
        parts.respond_as(PROBLEM_JSON, body)
    }

    fn floor_body(case: Case) -> &'static [u8] {
        match case {
            Case::RateLimited => br#"{"type":"about:blank","title":"Too Many Requests","status":429,"detail":"Rate limit exceeded. Please retry after the specified period.","code":"RATE_LIMITED"}"#,
            Case::InvalidParameters => br#"{"type":"about:blank","title":"Bad Request","status":400,"detail":"The 'role_id' field is required","code":"INVALID_PARAMETERS","field":"role_id","requirement":"required"}"#,
            _ => br#"{"type":"about:blank","title":"Internal Server Error","status":500,"detail":"Internal Server Error","code":"INTERNAL_ERROR"}"#,
        }
    }
}

/// Problem's `errors`, one `{"detail","pointer","code"}` per violation, serialized as they are
/// iterated (no `Vec` of them first).
struct ProblemErrors<'a>(&'a [Violation]);

impl Serialize for ProblemErrors<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Item<'a> {
            detail: &'a str,
            pointer: Cow<'a, str>,
            #[serde(skip_serializing_if = "Option::is_none")]
            code: Option<&'a str>,
        }
        serializer.collect_seq(self.0.iter().map(|v| Item {
            detail: v.message(),
            pointer: v.json_pointer(),
            code: v.code(),
        }))
    }
}

impl Baseline<InvalidFields> for envelope::Problem {
    fn hand_serde(error: &InvalidFields) -> Response {
        #[derive(Serialize)]
        struct Body<'a> {
            #[serde(rename = "type")]
            kind: &'a str,
            title: &'a str,
            status: u16,
            detail: &'a str,
            code: &'a str,
            errors: ProblemErrors<'a>,
        }
        let parts = Parts::of_invalid(error);
        parts.respond_as(
            PROBLEM_JSON,
            Body {
                kind: "about:blank",
                title: parts.title(),
                status: parts.status.as_u16(),
                detail: &parts.message,
                code: parts.code,
                errors: ProblemErrors(&error.violations),
            },
        )
    }

    fn json_macro(error: &InvalidFields) -> Response {
        let parts = Parts::of_invalid(error);
        let errors: Vec<_> = error
            .violations
            .iter()
            .map(|v| {
                let mut item = json!({"detail": v.message(), "pointer": v.json_pointer()});
                if let Some(code) = v.code() {
                    item["code"] = json!(code);
                }
                item
            })
            .collect();
        let body = json!({
            "type": "about:blank",
            "title": parts.title(),
            "status": parts.status.as_u16(),
            "detail": parts.message,
            "code": parts.code,
            "errors": errors,
        });
        parts.respond_as(PROBLEM_JSON, body)
    }

    fn floor_body(_: Case) -> &'static [u8] {
        br#"{"type":"about:blank","title":"Unprocessable Entity","status":422,"detail":"The request has invalid fields","code":"INVALID_FIELDS","errors":[{"detail":"must be an email address","pointer":"/email","code":"EMAIL"},{"detail":"is required","pointer":"/name"}]}"#
    }
}

/// `application/vnd.api+json`.
const JSON_API: &str = "application/vnd.api+json";

impl Baseline<Canon> for envelope::JsonApi {
    fn hand_serde(error: &Canon) -> Response {
        #[derive(Serialize)]
        struct Body<'a> {
            errors: [Error<'a>; 1],
        }
        #[derive(Serialize)]
        struct Error<'a> {
            status: &'a str,
            code: &'a str,
            title: &'a str,
            detail: &'a str,
            #[serde(skip_serializing_if = "Option::is_none")]
            meta: Option<FieldDetails<'a>>,
        }
        let parts = Parts::of(error);
        parts.respond_as(
            JSON_API,
            Body {
                errors: [Error {
                    status: parts.status.as_str(),
                    code: parts.code,
                    title: parts.title(),
                    detail: &parts.message,
                    meta: parts.details,
                }],
            },
        )
    }

    fn json_macro(error: &Canon) -> Response {
        let parts = Parts::of(error);
        let mut item = json!({
            "status": parts.status.as_str(),
            "code": parts.code,
            "title": parts.title(),
            "detail": parts.message,
        });
        if let Some(details) = parts.details {
            item["meta"] = json!({"field": details.field, "requirement": details.requirement});
        }
        parts.respond_as(JSON_API, json!({ "errors": [item] }))
    }

    fn floor_body(case: Case) -> &'static [u8] {
        match case {
            Case::RateLimited => br#"{"errors":[{"status":"429","code":"RATE_LIMITED","title":"Too Many Requests","detail":"Rate limit exceeded. Please retry after the specified period."}]}"#,
            Case::InvalidParameters => br#"{"errors":[{"status":"400","code":"INVALID_PARAMETERS","title":"Bad Request","detail":"The 'role_id' field is required","meta":{"field":"role_id","requirement":"required"}}]}"#,
            _ => br#"{"errors":[{"status":"500","code":"INTERNAL_ERROR","title":"Internal Server Error","detail":"Internal Server Error"}]}"#,
        }
    }
}

/// The gRPC name a hand-written Google envelope gives each status of the benchmark.
fn grpc_name(status: StatusCode) -> &'static str {
    match status.as_u16() {
        400 => "INVALID_ARGUMENT",
        429 => "RESOURCE_EXHAUSTED",
        _ => "INTERNAL",
    }
}

impl Baseline<Canon> for envelope::Google {
    fn hand_serde(error: &Canon) -> Response {
        #[derive(Serialize)]
        struct Body<'a> {
            error: Error<'a>,
        }
        #[derive(Serialize)]
        struct Error<'a> {
            code: u16,
            message: &'a str,
            status: &'a str,
            details: &'a [Detail<'a>],
        }
        #[derive(Serialize)]
        #[serde(untagged)]
        enum Detail<'a> {
            ErrorInfo {
                #[serde(rename = "@type")]
                kind: &'a str,
                reason: &'a str,
                domain: &'a str,
                #[serde(skip_serializing_if = "Option::is_none")]
                metadata: Option<FieldDetails<'a>>,
            },
            RetryInfo {
                #[serde(rename = "@type")]
                kind: &'a str,
                #[serde(rename = "retryDelay")]
                retry_delay: String,
            },
        }
        let parts = Parts::of(error);
        let info = Detail::ErrorInfo {
            kind: "type.googleapis.com/google.rpc.ErrorInfo",
            reason: parts.code,
            domain: "api.example.com",
            metadata: parts.details,
        };
        let details = match parts.retry_after_secs() {
            Some(secs) => &[
                info,
                Detail::RetryInfo {
                    kind: "type.googleapis.com/google.rpc.RetryInfo",
                    retry_delay: format!("{secs}s"),
                },
            ][..],
            None => &[info][..],
        };
        parts.respond(Body {
            error: Error {
                code: parts.status.as_u16(),
                message: &parts.message,
                status: grpc_name(parts.status),
                details,
            },
        })
    }

    fn json_macro(error: &Canon) -> Response {
        let parts = Parts::of(error);
        let mut info = json!({
            "@type": "type.googleapis.com/google.rpc.ErrorInfo",
            "reason": parts.code,
            "domain": "api.example.com",
        });
        if let Some(details) = parts.details {
            info["metadata"] = json!({"field": details.field, "requirement": details.requirement});
        }
        let mut details = vec![info];
        if let Some(secs) = parts.retry_after_secs() {
            details.push(json!({
                "@type": "type.googleapis.com/google.rpc.RetryInfo",
                "retryDelay": format!("{secs}s"),
            }));
        }
        let body = json!({"error": {
            "code": parts.status.as_u16(),
            "message": parts.message,
            "status": grpc_name(parts.status),
            "details": details,
        }});
        parts.respond(body)
    }

    fn floor_body(case: Case) -> &'static [u8] {
        match case {
            Case::RateLimited => br#"{"error":{"code":429,"message":"Rate limit exceeded. Please retry after the specified period.","status":"RESOURCE_EXHAUSTED","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"RATE_LIMITED","domain":"api.example.com"},{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"5s"}]}}"#,
            Case::InvalidParameters => br#"{"error":{"code":400,"message":"The 'role_id' field is required","status":"INVALID_ARGUMENT","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"INVALID_PARAMETERS","domain":"api.example.com","metadata":{"field":"role_id","requirement":"required"}}]}}"#,
            _ => br#"{"error":{"code":500,"message":"Internal Server Error","status":"INTERNAL","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"INTERNAL_ERROR","domain":"api.example.com"}]}}"#,
        }
    }
}

impl Parts<'_> {
    /// `OData`'s response: [`respond`](Self::respond) with `x-ms-error-code`.
    fn respond_odata<T: Serialize>(&self, body: T) -> Response {
        let code = (X_MS_ERROR_CODE.clone(), HeaderValue::from_static(self.code));
        match self.retry_after_secs() {
            Some(secs) => (
                self.status,
                [code, (RETRY_AFTER, HeaderValue::from(secs))],
                Json(body),
            )
                .into_response(),
            None => (self.status, [code], Json(body)).into_response(),
        }
    }
}

impl Baseline<Canon> for envelope::OData {
    fn hand_serde(error: &Canon) -> Response {
        #[derive(Serialize)]
        struct Body<'a> {
            error: Error<'a>,
        }
        #[derive(Serialize)]
        struct Error<'a> {
            code: &'a str,
            message: &'a str,
            #[serde(skip_serializing_if = "Option::is_none")]
            innererror: Option<FieldDetails<'a>>,
        }
        let parts = Parts::of(error);
        parts.respond_odata(Body {
            error: Error {
                code: parts.code,
                message: &parts.message,
                innererror: parts.details,
            },
        })
    }

    fn json_macro(error: &Canon) -> Response {
        let parts = Parts::of(error);
        let mut body = json!({"error": {"code": parts.code, "message": parts.message}});
        if let Some(details) = parts.details {
            body["error"]["innererror"] =
                json!({"field": details.field, "requirement": details.requirement});
        }
        parts.respond_odata(body)
    }

    fn floor_body(case: Case) -> &'static [u8] {
        match case {
            Case::RateLimited => br#"{"error":{"code":"RATE_LIMITED","message":"Rate limit exceeded. Please retry after the specified period."}}"#,
            Case::InvalidParameters => br#"{"error":{"code":"INVALID_PARAMETERS","message":"The 'role_id' field is required","innererror":{"field":"role_id","requirement":"required"}}}"#,
            _ => br#"{"error":{"code":"INTERNAL_ERROR","message":"Internal Server Error"}}"#,
        }
    }

    fn floor_header(case: Case) -> Option<(&'static HeaderName, &'static HeaderValue)> {
        static RATE_LIMITED: HeaderValue = HeaderValue::from_static("RATE_LIMITED");
        static INVALID_PARAMETERS: HeaderValue = HeaderValue::from_static("INVALID_PARAMETERS");
        static INTERNAL_ERROR: HeaderValue = HeaderValue::from_static("INTERNAL_ERROR");
        let value = match case.code() {
            "RATE_LIMITED" => &RATE_LIMITED,
            "INVALID_PARAMETERS" => &INVALID_PARAMETERS,
            _ => &INTERNAL_ERROR,
        };
        Some((&X_MS_ERROR_CODE, value))
    }
}

// ---------------------------------------------------------------------------------------------
// The check run before the benchmarks

mod check {
    use std::future::Future;
    use std::pin::pin;
    use std::sync::Arc;
    use std::task::{Context, Poll, Wake, Waker};

    use http::HeaderMap;

    use super::{
        context, envelope, static_floor, Baseline, Canon, Case, FloorContentType, InvalidFields,
        Response, StatusCode, Subject,
    };

    /// Every baseline answers like ours, for every envelope and case.
    pub fn all() {
        let mut rows = 0;
        rows += one::<envelope::ErrorFlag, Canon>("ErrorFlag", Canon::CASES, false);
        rows += one::<envelope::ErrorMessage, Canon>("ErrorMessage", Canon::CASES, false);
        rows += one::<envelope::ErrorCode, Canon>("ErrorCode", Canon::CASES, false);
        rows += one::<envelope::DataErrorMeta, Canon>("DataErrorMeta", Canon::CASES, true);
        rows += one::<envelope::ErrorObject, Canon>("ErrorObject", Canon::CASES, false);
        rows += one::<envelope::ErrorObject, Canon>("ErrorObject", &[Case::InContext], false);
        rows += one::<envelope::Problem, Canon>("Problem", Canon::CASES, false);
        rows += one::<envelope::Problem, InvalidFields>("Problem", InvalidFields::CASES, false);
        rows += one::<envelope::JsonApi, Canon>("JsonApi", Canon::CASES, false);
        rows += one::<envelope::Google, Canon>("Google", Canon::CASES, false);
        rows += one::<envelope::OData, Canon>("OData", Canon::CASES, false);
        eprintln!("check: all baselines answer like ours ({rows} rows)");
    }

    type Parts = (StatusCode, HeaderMap, Vec<u8>);

    fn one<E: Baseline<T>, T: Subject>(name: &str, cases: &[Case], fresh_meta: bool) -> usize {
        for &case in cases {
            let error = T::of(case);
            let what = format!("{name}/{case:?}");
            let render = || -> [Parts; 4] {
                [
                    parts(apierror::axum::into_response::<E>(&error)),
                    parts(static_floor(
                        case.status(),
                        &FloorContentType::<E>::VALUE,
                        E::floor_body(case),
                        case.retry_after(),
                        E::floor_header(case),
                    )),
                    parts(E::hand_serde(&error)),
                    parts(E::json_macro(&error)),
                ]
            };
            let [ours, floor, hand, json] = if matches!(case, Case::InContext) {
                context::within(render)
            } else {
                render()
            };
            assert!(
                !String::from_utf8_lossy(&ours.2).contains("hunter2"),
                "{what}: leaks the io error"
            );
            for (baseline, theirs) in [
                ("static_floor", &floor),
                ("hand_serde", &hand),
                ("json_macro", &json),
            ] {
                let what = format!("{what}/{baseline}");
                assert_eq!(theirs.0, ours.0, "{what}: status");
                assert_eq!(theirs.1, ours.1, "{what}: headers");
                assert_eq!(theirs.2.len(), ours.2.len(), "{what}: body length");
            }
            let ours_body = masked(&ours.2, fresh_meta);
            assert_eq!(
                masked(&floor.2, fresh_meta),
                ours_body,
                "{what}/static_floor: body {}",
                String::from_utf8_lossy(&ours.2)
            );
            assert_eq!(
                masked(&hand.2, fresh_meta),
                ours_body,
                "{what}/hand_serde: body"
            );
            // serde_json's `Value` keeps its members sorted (no `preserve_order` feature), so
            // the `json!` body has the same members and length in another order.
            let value = |body: &[u8]| serde_json::from_slice::<serde_json::Value>(body).unwrap();
            assert_eq!(
                value(&masked(&json.2, fresh_meta)),
                value(&ours_body),
                "{what}/json_macro: body"
            );
            if fresh_meta {
                // A fresh request id and timestamp for every response, in (a) and (b) as in ours.
                assert_ne!(ours.2, parts(apierror::axum::into_response::<E>(&error)).2);
                assert_ne!(hand.2, parts(E::hand_serde(&error)).2);
                assert_ne!(json.2, parts(E::json_macro(&error)).2);
            }
        }
        cases.len()
    }

    /// `DataErrorMeta`'s request id and timestamp blanked out, after checking their shape.
    fn masked(body: &[u8], fresh_meta: bool) -> Vec<u8> {
        let mut body = body.to_vec();
        if fresh_meta {
            blank(&mut body, b"\"request_id\":\"", 36, |id| {
                uuid::Uuid::try_parse_ascii(id).map(|id| id.get_version_num()) == Ok(4)
            });
            blank(&mut body, b"\"timestamp\":\"", 30, |time| {
                time.iter().enumerate().all(|(i, &b)| match i {
                    4 | 7 => b == b'-',
                    10 => b == b'T',
                    13 | 16 => b == b':',
                    19 => b == b'.',
                    29 => b == b'Z',
                    _ => b.is_ascii_digit(),
                })
            });
        }
        body
    }

    fn blank(body: &mut [u8], key: &[u8], len: usize, valid: impl Fn(&[u8]) -> bool) {
        let start = body
            .windows(key.len())
            .position(|w| w == key)
            .expect("member present")
            + key.len();
        let value = &mut body[start..start + len];
        assert!(valid(value), "bad {}", String::from_utf8_lossy(value));
        assert_eq!(body[start + len], b'"');
        body[start..start + len].fill(b'x');
    }

    fn parts(response: Response) -> Parts {
        let (parts, body) = response.into_parts();
        let bytes = block_on(axum::body::to_bytes(body, usize::MAX)).expect("body");
        (parts.status, parts.headers, bytes.to_vec())
    }

    /// Polls a future that is ready at once (a body of one `Bytes`).
    fn block_on<F: Future>(future: F) -> F::Output {
        struct Noop;
        impl Wake for Noop {
            fn wake(self: Arc<Self>) {}
        }
        let waker = Waker::from(Arc::new(Noop));
        let mut cx = Context::from_waker(&waker);
        let mut future = pin!(future);
        for _ in 0..1000 {
            if let Poll::Ready(output) = future.as_mut().poll(&mut cx) {
                return output;
            }
        }
        panic!("the body is not ready")
    }
}
