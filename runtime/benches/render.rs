//! Renders the three reference errors of `tests/vectors/ENVELOPES.md` in the five seed envelopes into a
//! complete axum `Response`, next to three baselines producing the same response:
//!
//! - `ours`: `apierror::axum::into_response::<Envelope>(&error)`;
//! - `hand_serde`: a hand-written `#[derive(Serialize)]` body of `&str` through `axum::Json`,
//!   as `(StatusCode, [(header, value)], Json(body)).into_response()`;
//! - `json_macro`: the same body as `serde_json::json!` through `axum::Json`;
//! - `static_floor`: a precomputed `&'static [u8]` body with static header values.
//!
//! Before benchmarking, `check` asserts that every baseline answers with the same status,
//! headers and body as ours.
//!
//! Run with `cargo bench -p apierror --features axum --bench render`.

#![allow(missing_docs)]

use std::fmt;
use std::time::{Duration, SystemTime};

use apierror::envelope::{self, Envelope};
use axum::body::Body;
use axum::response::{IntoResponse, Response};
use axum::Json;
use bytes::Bytes;
use divan::{black_box, Bencher};
use http::header::{CONTENT_TYPE, RETRY_AFTER};
use http::{HeaderValue, StatusCode};
use serde::Serialize;
use serde_json::json;

use canon::Canon;

#[global_allocator]
static ALLOC: divan::AllocProfiler = divan::AllocProfiler::system();

fn main() {
    check::all();
    divan::main();
}

/// The reference error of `tests/vectors/ENVELOPES.md`, derived exactly as written there (plus thiserror's
/// `Display`, which a real server has and which the 500 must not show).
mod canon {
    use std::time::Duration;

    #[derive(Debug, thiserror::Error, apierror::ApiError)]
    #[api(domain = "api.example.com", version = "1.0.0")]
    pub enum Canon {
        #[error("rate limited for {wait:?}")]
        #[api(
            status = 429,
            code = "RATE_LIMITED",
            message = "Rate limit exceeded. Please retry after the specified period."
        )]
        RateLimited {
            #[api(retry_after)]
            wait: Duration,
        },
        #[error("invalid parameter {field}: {requirement}")]
        #[api(
            status = 400,
            code = "INVALID_PARAMETERS",
            message = "The '{field}' field is required"
        )]
        InvalidParameters {
            #[api(detail)]
            field: String,
            #[api(detail)]
            requirement: String,
        },
        #[error("internal error: {0}")]
        #[api(status = 500, code = "INTERNAL_ERROR")]
        Internal(std::io::Error),
    }
}

/// The three reference errors.
#[derive(Clone, Copy, Debug)]
enum Case {
    RateLimited,
    InvalidParameters,
    Internal,
}

impl Case {
    const ALL: [Case; 3] = [Case::RateLimited, Case::InvalidParameters, Case::Internal];

    fn error(self) -> Canon {
        match self {
            Case::RateLimited => Canon::RateLimited {
                wait: Duration::from_secs(5),
            },
            Case::InvalidParameters => Canon::InvalidParameters {
                field: "role_id".to_owned(),
                requirement: "required".to_owned(),
            },
            Case::Internal => Canon::Internal(std::io::Error::other("db password=hunter2")),
        }
    }

    fn status(self) -> StatusCode {
        match self {
            Case::RateLimited => StatusCode::TOO_MANY_REQUESTS,
            Case::InvalidParameters => StatusCode::BAD_REQUEST,
            Case::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn retry_after(self) -> Option<&'static HeaderValue> {
        match self {
            Case::RateLimited => Some(&RETRY_AFTER_5),
            Case::InvalidParameters | Case::Internal => None,
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

/// One envelope's baselines: what a user writes by hand for the same output.
trait Baseline: Envelope {
    /// (a) a `#[derive(Serialize)]` body of `&str` through `axum::Json`.
    fn hand_serde(error: &Canon) -> Response;
    /// (b) a `serde_json::json!` body through `axum::Json`.
    fn json_macro(error: &Canon) -> Response;
    /// (c) the body, precomputed.
    fn floor_body(case: Case) -> &'static [u8];
}

fn bench<E: Baseline>(bencher: Bencher, case: Case, imp: Impl) {
    let error = case.error();
    match imp {
        Impl::Ours => {
            bencher.bench_local(|| apierror::axum::into_response::<E>(black_box(&error)));
        }
        Impl::HandSerde => bencher.bench_local(|| E::hand_serde(black_box(&error))),
        Impl::JsonMacro => bencher.bench_local(|| E::json_macro(black_box(&error))),
        Impl::StaticFloor => {
            let (status, body, retry) = (case.status(), E::floor_body(case), case.retry_after());
            bencher
                .bench_local(|| static_floor(black_box(status), black_box(body), black_box(retry)));
        }
    }
}

/// `render/<Envelope>/<case>/<impl>`.
macro_rules! envelope_benches {
    ($($envelope:ident),* $(,)?) => {$(
        #[allow(non_snake_case)]
        mod $envelope {
            use super::{bench, Bencher, Case, Impl, IMPLS};

            #[divan::bench(args = IMPLS)]
            fn rate_limited(bencher: Bencher, imp: Impl) {
                bench::<apierror::envelope::$envelope>(bencher, Case::RateLimited, imp);
            }

            #[divan::bench(args = IMPLS)]
            fn invalid_parameters(bencher: Bencher, imp: Impl) {
                bench::<apierror::envelope::$envelope>(bencher, Case::InvalidParameters, imp);
            }

            #[divan::bench(args = IMPLS)]
            fn internal(bencher: Bencher, imp: Impl) {
                bench::<apierror::envelope::$envelope>(bencher, Case::Internal, imp);
            }
        }
    )*};
}

envelope_benches!(
    ErrorFlag,
    ErrorMessage,
    ErrorCode,
    DataErrorMeta,
    ErrorObject
);

// ---------------------------------------------------------------------------------------------
// (c) the floor

static APPLICATION_JSON: HeaderValue = HeaderValue::from_static("application/json");
static RETRY_AFTER_5: HeaderValue = HeaderValue::from_static("5");

fn static_floor(
    status: StatusCode,
    body: &'static [u8],
    retry_after: Option<&'static HeaderValue>,
) -> Response {
    let mut response = Response::new(Body::from(Bytes::from_static(body)));
    *response.status_mut() = status;
    let headers = response.headers_mut();
    headers.insert(CONTENT_TYPE, APPLICATION_JSON.clone());
    if let Some(value) = retry_after {
        headers.insert(RETRY_AFTER, value.clone());
    }
    response
}

// ---------------------------------------------------------------------------------------------
// (a) and (b): what a user writes by hand

/// What every hand-written envelope needs from the error.
struct Parts {
    status: StatusCode,
    code: &'static str,
    message: String,
    retry_after: Option<Duration>,
}

impl Parts {
    fn of(error: &Canon) -> Parts {
        let (status, code, message) = match error {
            Canon::RateLimited { .. } => (
                StatusCode::TOO_MANY_REQUESTS,
                "RATE_LIMITED",
                "Rate limit exceeded. Please retry after the specified period.".to_owned(),
            ),
            Canon::InvalidParameters { field, .. } => (
                StatusCode::BAD_REQUEST,
                "INVALID_PARAMETERS",
                format!("The '{field}' field is required"),
            ),
            Canon::Internal(_) => (
                StatusCode::INTERNAL_SERVER_ERROR,
                "INTERNAL_ERROR",
                "Internal Server Error".to_owned(),
            ),
        };
        let retry_after = match error {
            Canon::RateLimited { wait } => Some(*wait),
            _ => None,
        };
        Parts {
            status,
            code,
            message,
            retry_after,
        }
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
}

/// `{"field":…,"requirement":…}` of `InvalidParameters`.
#[derive(Serialize)]
struct FieldDetails<'a> {
    field: &'a str,
    requirement: &'a str,
}

impl<'a> FieldDetails<'a> {
    fn of(error: &'a Canon) -> Option<Self> {
        match error {
            Canon::InvalidParameters { field, requirement } => {
                Some(FieldDetails { field, requirement })
            }
            _ => None,
        }
    }
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

impl Baseline for envelope::ErrorFlag {
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
            Case::Internal => br#"{"error":true,"message":"Internal Server Error","code":"INTERNAL_ERROR"}"#,
        }
    }
}

impl Baseline for envelope::ErrorMessage {
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
            details: FieldDetails::of(error),
        })
    }

    fn json_macro(error: &Canon) -> Response {
        let parts = Parts::of(error);
        let mut body = json!({"error": parts.message, "code": parts.code});
        if let Canon::InvalidParameters { field, requirement } = error {
            body["details"] = json!({"field": field, "requirement": requirement});
        }
        parts.respond(body)
    }

    fn floor_body(case: Case) -> &'static [u8] {
        match case {
            Case::RateLimited => br#"{"error":"Rate limit exceeded. Please retry after the specified period.","code":"RATE_LIMITED"}"#,
            Case::InvalidParameters => br#"{"error":"The 'role_id' field is required","code":"INVALID_PARAMETERS","details":{"field":"role_id","requirement":"required"}}"#,
            Case::Internal => br#"{"error":"Internal Server Error","code":"INTERNAL_ERROR"}"#,
        }
    }
}

impl Baseline for envelope::ErrorCode {
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
            Case::Internal => br#"{"error":"INTERNAL_ERROR","message":"Internal Server Error","status":500}"#,
        }
    }
}

impl Baseline for envelope::DataErrorMeta {
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
            Case::Internal => br#"{"data":null,"error":{"code":"INTERNAL_ERROR","message":"Internal Server Error"},"meta":{"request_id":"d6a8f6f2-3b5a-4f0a-81ab-1b4a4c9dd5ea","timestamp":"2026-03-08T21:56:33.877635522Z","version":"1.0.0"}}"#,
        }
    }
}

impl Baseline for envelope::ErrorObject {
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
            retry_after: Option<u64>,
        }
        let parts = Parts::of(error);
        let details = match error {
            Canon::InvalidParameters { field, requirement } => Some(Details {
                field: Some(field),
                requirement: Some(requirement),
                retry_after: None,
            }),
            Canon::RateLimited { .. } => Some(Details {
                field: None,
                requirement: None,
                retry_after: parts.retry_after_secs(),
            }),
            Canon::Internal(_) => None,
        };
        parts.respond(Body {
            error: Error {
                code: parts.code,
                message: &parts.message,
                details,
            },
        })
    }

    fn json_macro(error: &Canon) -> Response {
        let parts = Parts::of(error);
        let mut body = json!({"error": {"code": parts.code, "message": parts.message}});
        if let Canon::InvalidParameters { field, requirement } = error {
            body["error"]["details"] = json!({"field": field, "requirement": requirement});
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
            Case::Internal => br#"{"error":{"code":"INTERNAL_ERROR","message":"Internal Server Error"}}"#,
        }
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

    use super::{envelope, static_floor, Baseline, Case, Response, StatusCode};

    /// Every baseline answers like ours, for every envelope and case.
    pub fn all() {
        one::<envelope::ErrorFlag>("ErrorFlag", false);
        one::<envelope::ErrorMessage>("ErrorMessage", false);
        one::<envelope::ErrorCode>("ErrorCode", false);
        one::<envelope::DataErrorMeta>("DataErrorMeta", true);
        one::<envelope::ErrorObject>("ErrorObject", false);
        eprintln!("check: all baselines answer like ours (5 envelopes x 3 cases)");
    }

    fn one<E: Baseline>(name: &str, fresh_meta: bool) {
        for case in Case::ALL {
            let error = case.error();
            let what = format!("{name}/{case:?}");
            let ours = parts(apierror::axum::into_response::<E>(&error));
            assert!(
                !String::from_utf8_lossy(&ours.2).contains("hunter2"),
                "{what}: leaks the io error"
            );
            let floor = parts(static_floor(
                case.status(),
                E::floor_body(case),
                case.retry_after(),
            ));
            let hand = parts(E::hand_serde(&error));
            let json = parts(E::json_macro(&error));
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
                "{what}/static_floor: body"
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

    fn parts(response: Response) -> (StatusCode, HeaderMap, Vec<u8>) {
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
