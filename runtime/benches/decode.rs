//! Decodes error responses with `ErrorResponse::parse`, next to what a client writes without
//! it, on the same bodies:
//!
//! - `ours`: `ErrorResponse::parse(status, &headers, body)`: detects the envelope and reads the
//!   code, message, retry delay, request id, details, violations and rate limit, and keeps a
//!   copy of the body;
//! - `value`: `serde_json::from_slice::<serde_json::Value>(body)`, then the same lookups for
//!   the envelope it is told (no detection): code, message, delay (`Retry-After`, else the
//!   body's), request id, details, as references into the `Value`;
//! - `derive`: what a careful user writes for the one envelope they expect: a
//!   `#[derive(Deserialize)]` struct per envelope borrowing from the body (`Cow<'a, str>` with
//!   `#[serde(borrow)]`, `&RawValue` for the details), then the same lookups (no detection;
//!   `ErrorObject`'s details read a second time for their delay and request id, as `parse` does).
//!
//! The bodies are the 27 vectors of `tests/vectors/` (nine envelopes, three cases), five
//! published examples of `tests/tests/client_examples/` (RFC 9457, AIP-193, JSON:API, the
//! Microsoft guidelines) and one published response per shape of the APIs people call
//! (`tests/tests/client_world/`: AWS, Anthropic, Auth0's OAuth 2.0, Slack, GitHub, Shopify's
//! GraphQL and REST, Stripe, RFC 6749). Each baseline reads the request id from the one header
//! the API names it in, as a client written for that API does. Before benchmarking, `check` asserts that both read the same code,
//! message, delay and request id from every body.
//!
//! Run with `cargo bench -p apierror --features client --bench decode`.

#![allow(missing_docs)]

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::OnceLock;
use std::time::Duration;

use apierror::client::{ErrorResponse, Format};
use divan::{black_box, Bencher};
use http::header::{HeaderMap, HeaderName, HeaderValue, RETRY_AFTER};
use http::StatusCode;
use serde::Deserialize;
use serde_json::value::RawValue;
use serde_json::Value;

#[path = "decode/world.rs"]
mod world_shapes;
use world_shapes::{add_world, world_derived, world_lookups};

#[global_allocator]
static ALLOC: divan::AllocProfiler = divan::AllocProfiler::system();

fn main() {
    // For instruction counts: `DECODE_ONE=<case>` calls each side `DECODE_TIMES` times (default
    // 100) on that one case and nothing else, to be read with callgrind's `--toggle-collect`.
    if let Ok(name) = std::env::var("DECODE_ONE") {
        let times: usize = std::env::var("DECODE_TIMES").map_or(100, |n| n.parse().unwrap());
        let case = &cases()[name.as_str()];
        // One side after the other, as divan runs them: each side's calls see the allocator as
        // its own previous calls left it (interleaved, one side's frees would make the next
        // side's large allocation consolidate them, and be counted to that side).
        for _ in 0..times {
            black_box(ours(black_box(case)));
        }
        for _ in 0..times {
            black_box(by_value(black_box(case)));
        }
        for _ in 0..times {
            black_box(by_derive(black_box(case)));
        }
        return;
    }
    check();
    divan::main();
}

/// One body to decode, with its status, headers and the envelope it is in.
struct Case {
    status: StatusCode,
    headers: HeaderMap,
    body: Vec<u8>,
    format: Format,
    /// The header the API's request id is in.
    request_id_header: HeaderName,
}

macro_rules! vector_files {
    ($($name:literal),*) => {
        [$(($name, include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/vectors/", $name, ".json")))),*]
    };
}

macro_rules! example_files {
    ($($name:literal => $status:literal, $content_type:literal, $format:ident;)*) => {
        [$((
            $name,
            $status,
            $content_type,
            Format::$format,
            include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/tests/client_examples/", $name, ".json")),
        )),*]
    };
}

fn format_of(name: &str) -> Format {
    match name {
        "ErrorFlag" => Format::ErrorFlag,
        "ErrorMessage" => Format::ErrorMessage,
        "ErrorCode" => Format::ErrorCode,
        "DataErrorMeta" => Format::DataErrorMeta,
        "ErrorObject" => Format::ErrorObject,
        "Problem" => Format::Problem,
        "JsonApi" => Format::JsonApi,
        "Google" => Format::Google,
        "OData" => Format::OData,
        other => panic!("unknown envelope {other}"),
    }
}

/// Every case by name: `<Envelope>/<case>` and `example/<name>`.
fn cases() -> &'static BTreeMap<String, Case> {
    static CASES: OnceLock<BTreeMap<String, Case>> = OnceLock::new();
    CASES.get_or_init(|| {
        let mut cases = BTreeMap::new();
        let files = vector_files!(
            "ErrorFlag",
            "ErrorMessage",
            "ErrorCode",
            "DataErrorMeta",
            "ErrorObject",
            "Problem",
            "JsonApi",
            "Google",
            "OData"
        );
        for (envelope, text) in files {
            let file: Value = serde_json::from_str(text).unwrap();
            for case in file["cases"].as_array().unwrap() {
                let mut headers = HeaderMap::new();
                for (name, value) in case["headers"].as_object().unwrap() {
                    headers.insert(
                        HeaderName::from_bytes(name.as_bytes()).unwrap(),
                        HeaderValue::from_str(value.as_str().unwrap()).unwrap(),
                    );
                }
                let body = case["body"]
                    .as_str()
                    .unwrap()
                    .replace("{{uuid}}", "d6a8f6f2-3b5a-4f0a-81ab-1b4a4c9dd5ea")
                    .replace("{{rfc3339_nanos}}", "2026-03-08T21:56:33.877635522Z");
                let status = u16::try_from(case["status"].as_u64().unwrap()).unwrap();
                cases.insert(
                    format!("{envelope}/{}", case["case"].as_str().unwrap()),
                    Case {
                        status: StatusCode::from_u16(status).unwrap(),
                        headers,
                        body: body.into_bytes(),
                        format: format_of(envelope),
                        request_id_header: HeaderName::from_static("x-request-id"),
                    },
                );
            }
        }
        let examples = example_files!(
            "rfc9457-out-of-credit" => 403, "application/problem+json", Problem;
            "rfc9457-validation" => 422, "application/problem+json", Problem;
            "aip193-resource-exhausted" => 429, "application/json", Google;
            "jsonapi-error-codes" => 422, "application/vnd.api+json", JsonApi;
            "microsoft-details" => 400, "application/json", OData;
        );
        for (name, status, content_type, format, body) in examples {
            let mut headers = HeaderMap::new();
            headers.insert("content-type", HeaderValue::from_static(content_type));
            cases.insert(
                format!("example/{name}"),
                Case {
                    status: StatusCode::from_u16(status).unwrap(),
                    headers,
                    body: body.as_bytes().to_vec(),
                    format,
                    request_id_header: HeaderName::from_static("x-request-id"),
                },
            );
        }
        add_world(&mut cases);
        cases
    })
}

// ---------------------------------------------------------------------------------------------
// The baseline: a `Value`, and the lookups for the envelope it is known to be in.

/// What the baseline reads, borrowed from the `Value`.
#[derive(Debug, Default)]
struct Read<'v> {
    code: Option<&'v str>,
    message: Option<&'v str>,
    retry_after: Option<Duration>,
    request_id: Option<&'v str>,
    details: Option<&'v Value>,
}

fn lookups<'v>(case: &'v Case, value: &'v Value) -> Read<'v> {
    let (format, headers) = (case.format, &case.headers);
    let str_at = |pointer: &str| value.pointer(pointer).and_then(Value::as_str);
    let mut read = match format {
        Format::ErrorFlag => Read {
            code: str_at("/code"),
            message: str_at("/message"),
            retry_after: value
                .get("retry_after_ms")
                .and_then(Value::as_u64)
                .map(Duration::from_millis),
            ..Read::default()
        },
        Format::ErrorMessage => Read {
            code: str_at("/code"),
            message: str_at("/error"),
            details: value.get("details"),
            ..Read::default()
        },
        Format::ErrorCode => Read {
            code: str_at("/error"),
            message: str_at("/message"),
            ..Read::default()
        },
        Format::DataErrorMeta => Read {
            code: str_at("/error/code"),
            message: str_at("/error/message"),
            request_id: str_at("/meta/request_id"),
            ..Read::default()
        },
        Format::ErrorObject => Read {
            code: str_at("/error/code"),
            message: str_at("/error/message"),
            retry_after: value
                .pointer("/error/details/retry_after")
                .and_then(Value::as_u64)
                .map(Duration::from_secs),
            request_id: str_at("/error/details/request_id"),
            details: value.pointer("/error/details"),
        },
        Format::Problem => Read {
            code: str_at("/code"),
            message: str_at("/detail").or_else(|| str_at("/title")),
            ..Read::default()
        },
        Format::JsonApi => Read {
            code: str_at("/errors/0/code"),
            message: str_at("/errors/0/detail").or_else(|| str_at("/errors/0/title")),
            request_id: str_at("/errors/0/id"),
            details: value.pointer("/errors/0/meta"),
            ..Read::default()
        },
        Format::Google => {
            let details = value.pointer("/error/details").and_then(Value::as_array);
            let of_type = |name: &str| {
                details.into_iter().flatten().find(|item| {
                    item.get("@type")
                        .and_then(Value::as_str)
                        .is_some_and(|url| url.ends_with(name))
                })
            };
            let info = of_type("google.rpc.ErrorInfo");
            Read {
                code: info
                    .and_then(|info| info.get("reason"))
                    .and_then(Value::as_str)
                    .or_else(|| str_at("/error/status")),
                message: str_at("/error/message"),
                retry_after: of_type("google.rpc.RetryInfo")
                    .and_then(|retry| retry.get("retryDelay"))
                    .and_then(Value::as_str)
                    .and_then(|delay| delay.strip_suffix('s'))
                    .and_then(|secs| secs.parse::<f64>().ok())
                    .map(Duration::from_secs_f64),
                request_id: of_type("google.rpc.RequestInfo")
                    .and_then(|info| info.get("requestId"))
                    .and_then(Value::as_str),
                details: info.and_then(|info| info.get("metadata")),
            }
        }
        Format::OData => Read {
            code: str_at("/error/code"),
            message: str_at("/error/message"),
            details: value.pointer("/error/innererror"),
            ..Read::default()
        },
        _ => world_lookups(case, value),
    };
    let header = |name| headers.get(name).and_then(|value| value.to_str().ok());
    if let Some(secs) = header(&RETRY_AFTER).and_then(|secs| secs.parse::<u64>().ok()) {
        read.retry_after = Some(Duration::from_secs(secs));
    }
    if let Some(id) = header(&case.request_id_header) {
        read.request_id = Some(id);
    }
    read
}

// ---------------------------------------------------------------------------------------------
// The second baseline: a borrowed `#[derive(Deserialize)]` struct per envelope.

type Text<'a> = Option<Cow<'a, str>>;

#[derive(Deserialize)]
struct FlagBody<'a> {
    #[serde(borrow)]
    code: Text<'a>,
    #[serde(borrow)]
    message: Text<'a>,
    retry_after_ms: Option<u64>,
}

#[derive(Deserialize)]
struct MessageBody<'a> {
    #[serde(borrow)]
    error: Text<'a>,
    #[serde(borrow)]
    code: Text<'a>,
    #[serde(borrow)]
    details: Option<&'a RawValue>,
}

#[derive(Deserialize)]
struct CodeBody<'a> {
    #[serde(borrow)]
    error: Text<'a>,
    #[serde(borrow)]
    message: Text<'a>,
}

#[derive(Deserialize)]
struct CodeMessage<'a> {
    #[serde(borrow)]
    code: Text<'a>,
    #[serde(borrow)]
    message: Text<'a>,
}

#[derive(Deserialize)]
struct Meta<'a> {
    #[serde(borrow)]
    request_id: Text<'a>,
}

#[derive(Deserialize)]
struct MetaBody<'a> {
    #[serde(borrow)]
    error: Option<CodeMessage<'a>>,
    #[serde(borrow)]
    meta: Option<Meta<'a>>,
}

#[derive(Deserialize)]
struct ObjectError<'a> {
    #[serde(borrow)]
    code: Text<'a>,
    #[serde(borrow)]
    message: Text<'a>,
    #[serde(borrow)]
    details: Option<&'a RawValue>,
}

#[derive(Deserialize)]
struct ObjectDetails<'a> {
    retry_after: Option<u64>,
    #[serde(borrow)]
    request_id: Text<'a>,
}

#[derive(Deserialize)]
struct ObjectBody<'a> {
    #[serde(borrow)]
    error: Option<ObjectError<'a>>,
}

#[derive(Deserialize)]
struct ProblemBody<'a> {
    #[serde(borrow)]
    code: Text<'a>,
    #[serde(borrow)]
    detail: Text<'a>,
    #[serde(borrow)]
    title: Text<'a>,
}

#[derive(Deserialize)]
struct JsonApiError<'a> {
    #[serde(borrow)]
    id: Text<'a>,
    #[serde(borrow)]
    code: Text<'a>,
    #[serde(borrow)]
    detail: Text<'a>,
    #[serde(borrow)]
    title: Text<'a>,
    #[serde(borrow)]
    meta: Option<&'a RawValue>,
}

#[derive(Deserialize)]
struct JsonApiBody<'a> {
    #[serde(borrow)]
    errors: Vec<JsonApiError<'a>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct GoogleDetail<'a> {
    #[serde(borrow, rename = "@type")]
    type_url: Text<'a>,
    #[serde(borrow)]
    reason: Text<'a>,
    #[serde(borrow)]
    metadata: Option<&'a RawValue>,
    #[serde(borrow)]
    retry_delay: Text<'a>,
    #[serde(borrow)]
    request_id: Text<'a>,
}

#[derive(Deserialize)]
struct GoogleError<'a> {
    #[serde(borrow)]
    message: Text<'a>,
    #[serde(borrow)]
    status: Text<'a>,
    #[serde(borrow, default)]
    details: Vec<GoogleDetail<'a>>,
}

#[derive(Deserialize)]
struct GoogleBody<'a> {
    #[serde(borrow)]
    error: Option<GoogleError<'a>>,
}

#[derive(Deserialize)]
struct ODataError<'a> {
    #[serde(borrow)]
    code: Text<'a>,
    #[serde(borrow)]
    message: Text<'a>,
    #[serde(borrow)]
    innererror: Option<&'a RawValue>,
}

#[derive(Deserialize)]
struct ODataBody<'a> {
    #[serde(borrow)]
    error: Option<ODataError<'a>>,
}

/// What the derive baseline reads, borrowed from the body.
#[derive(Debug, Default)]
struct Derived<'a> {
    code: Text<'a>,
    message: Text<'a>,
    retry_after: Option<Duration>,
    request_id: Text<'a>,
    details: Option<&'a RawValue>,
}

fn derived<'a>(case: &'a Case) -> Option<Derived<'a>> {
    let (format, headers, body) = (case.format, &case.headers, &case.body[..]);
    let mut read = match format {
        Format::ErrorFlag => {
            let body: FlagBody<'a> = serde_json::from_slice(body).ok()?;
            Derived {
                code: body.code,
                message: body.message,
                retry_after: body.retry_after_ms.map(Duration::from_millis),
                ..Derived::default()
            }
        }
        Format::ErrorMessage => {
            let body: MessageBody<'a> = serde_json::from_slice(body).ok()?;
            Derived {
                code: body.code,
                message: body.error,
                details: body.details,
                ..Derived::default()
            }
        }
        Format::ErrorCode => {
            let body: CodeBody<'a> = serde_json::from_slice(body).ok()?;
            Derived {
                code: body.error,
                message: body.message,
                ..Derived::default()
            }
        }
        Format::DataErrorMeta => {
            let body: MetaBody<'a> = serde_json::from_slice(body).ok()?;
            let error = body.error?;
            Derived {
                code: error.code,
                message: error.message,
                request_id: body.meta.and_then(|meta| meta.request_id),
                ..Derived::default()
            }
        }
        Format::ErrorObject => {
            let error = serde_json::from_slice::<ObjectBody<'a>>(body).ok()?.error?;
            let inside = error
                .details
                .and_then(|raw| serde_json::from_str::<ObjectDetails<'a>>(raw.get()).ok());
            let (retry_after, request_id) = match inside {
                Some(inside) => (
                    inside.retry_after.map(Duration::from_secs),
                    inside.request_id,
                ),
                None => (None, None),
            };
            Derived {
                code: error.code,
                message: error.message,
                retry_after,
                request_id,
                details: error.details,
            }
        }
        Format::Problem => {
            let body: ProblemBody<'a> = serde_json::from_slice(body).ok()?;
            Derived {
                code: body.code,
                message: body.detail.or(body.title),
                ..Derived::default()
            }
        }
        Format::JsonApi => {
            let body: JsonApiBody<'a> = serde_json::from_slice(body).ok()?;
            let first = body.errors.into_iter().next()?;
            Derived {
                code: first.code,
                message: first.detail.or(first.title),
                request_id: first.id,
                details: first.meta,
                ..Derived::default()
            }
        }
        Format::Google => google_derived(body)?,
        Format::OData => {
            let error = serde_json::from_slice::<ODataBody<'a>>(body).ok()?.error?;
            Derived {
                code: error.code,
                message: error.message,
                details: error.innererror,
                ..Derived::default()
            }
        }
        _ => world_derived(case)?,
    };
    let header = |name| headers.get(name).and_then(|value| value.to_str().ok());
    if let Some(secs) = header(&RETRY_AFTER).and_then(|secs| secs.parse::<u64>().ok()) {
        read.retry_after = Some(Duration::from_secs(secs));
    }
    if let Some(id) = header(&case.request_id_header) {
        read.request_id = Some(Cow::Borrowed(id));
    }
    Some(read)
}

/// Google's lookups: the first `ErrorInfo`, `RetryInfo` and `RequestInfo`.
fn google_derived(body: &[u8]) -> Option<Derived<'_>> {
    let error = serde_json::from_slice::<GoogleBody<'_>>(body).ok()?.error?;
    let mut read = Derived {
        message: error.message,
        ..Derived::default()
    };
    let mut reason = None;
    for detail in error.details {
        let Some(type_url) = detail.type_url else {
            continue;
        };
        if type_url.ends_with("google.rpc.ErrorInfo") {
            reason = detail.reason;
            read.details = detail.metadata;
        } else if type_url.ends_with("google.rpc.RetryInfo") {
            read.retry_after = detail
                .retry_delay
                .as_deref()
                .and_then(|delay| delay.strip_suffix('s'))
                .and_then(|secs| secs.parse::<f64>().ok())
                .map(Duration::from_secs_f64);
        } else if type_url.ends_with("google.rpc.RequestInfo") {
            read.request_id = detail.request_id;
        }
    }
    read.code = reason.or(error.status);
    Some(read)
}

// Both kept out of line, so each is measured (and profiled) as one call.
#[inline(never)]
fn by_value(case: &Case) -> Value {
    let value: Value = serde_json::from_slice(&case.body).unwrap_or(Value::Null);
    black_box(lookups(case, &value));
    value
}

#[inline(never)]
fn by_derive(case: &Case) -> bool {
    black_box(derived(case)).is_some()
}

#[inline(never)]
fn ours(case: &Case) -> ErrorResponse {
    ErrorResponse::parse(case.status, &case.headers, &case.body)
}

/// Both read the same from every body.
fn check() {
    for (name, case) in cases() {
        let response = ours(case);
        let value: Value = serde_json::from_slice(&case.body).unwrap();
        let read = lookups(case, &value);
        assert_eq!(response.format(), case.format, "{name}");
        assert_eq!(response.code(), read.code, "{name}: code");
        assert_eq!(response.message(), read.message, "{name}: message");
        assert_eq!(
            response.retry_after(),
            read.retry_after,
            "{name}: retry after"
        );
        assert_eq!(response.request_id(), read.request_id, "{name}: request id");
        let typed = derived(case).expect(name);
        assert_eq!(
            response.code(),
            typed.code.as_deref(),
            "{name}: derive code"
        );
        assert_eq!(
            response.message(),
            typed.message.as_deref(),
            "{name}: derive message"
        );
        assert_eq!(
            response.retry_after(),
            typed.retry_after,
            "{name}: derive delay"
        );
        assert_eq!(
            response.request_id(),
            typed.request_id.as_deref(),
            "{name}: derive id"
        );
        // The baselines read no details for Problem.
        if let Some(theirs) = typed.details {
            assert_eq!(
                response.details(),
                Some(theirs.get()),
                "{name}: derive details"
            );
        }
        if let (Some(ours), Some(theirs)) = (response.details(), read.details) {
            assert_eq!(
                &serde_json::from_str::<Value>(ours).unwrap(),
                theirs,
                "{name}: details"
            );
        }
    }
}

fn bench(bencher: Bencher, name: &str, imp: &str) {
    let case = &cases()[name];
    match imp {
        "ours" => bencher.bench_local(|| ours(black_box(case))),
        "value" => bencher.bench_local(|| by_value(black_box(case))),
        "derive" => bencher.bench_local(|| by_derive(black_box(case))),
        other => panic!("unknown implementation {other}"),
    }
}

const IMPLS: [&str; 3] = ["ours", "value", "derive"];

/// `decode/<Envelope>/<case>/<impl>`.
macro_rules! envelope_benches {
    ($($envelope:ident),* $(,)?) => {$(
        #[allow(non_snake_case)]
        mod $envelope {
            use super::{bench, Bencher, IMPLS};

            #[divan::bench(args = IMPLS)]
            fn rate_limited(bencher: Bencher, imp: &str) {
                bench(bencher, concat!(stringify!($envelope), "/rate_limited"), imp);
            }

            #[divan::bench(args = IMPLS)]
            fn invalid_parameters(bencher: Bencher, imp: &str) {
                bench(bencher, concat!(stringify!($envelope), "/invalid_parameters"), imp);
            }

            #[divan::bench(args = IMPLS)]
            fn internal(bencher: Bencher, imp: &str) {
                bench(bencher, concat!(stringify!($envelope), "/internal"), imp);
            }
        }
    )*};
}

envelope_benches!(
    ErrorFlag,
    ErrorMessage,
    ErrorCode,
    DataErrorMeta,
    ErrorObject,
    Problem,
    JsonApi,
    Google,
    OData,
);

/// `decode/example/<name>/<impl>`.
mod example {
    use super::{bench, Bencher, IMPLS};

    #[divan::bench(args = IMPLS)]
    fn rfc9457_out_of_credit(bencher: Bencher, imp: &str) {
        bench(bencher, "example/rfc9457-out-of-credit", imp);
    }

    #[divan::bench(args = IMPLS)]
    fn rfc9457_validation(bencher: Bencher, imp: &str) {
        bench(bencher, "example/rfc9457-validation", imp);
    }

    #[divan::bench(args = IMPLS)]
    fn aip193_resource_exhausted(bencher: Bencher, imp: &str) {
        bench(bencher, "example/aip193-resource-exhausted", imp);
    }

    #[divan::bench(args = IMPLS)]
    fn jsonapi_error_codes(bencher: Bencher, imp: &str) {
        bench(bencher, "example/jsonapi-error-codes", imp);
    }

    #[divan::bench(args = IMPLS)]
    fn microsoft_details(bencher: Bencher, imp: &str) {
        bench(bencher, "example/microsoft-details", imp);
    }
}

/// `decode/world/<name>/<impl>`: one published response per shape of the APIs people call.
mod world {
    use super::{bench, Bencher, IMPLS};

    #[divan::bench(args = IMPLS)]
    fn aws_dynamodb(bencher: Bencher, imp: &str) {
        bench(bencher, "world/dynamodb-resource-not-found", imp);
    }

    #[divan::bench(args = IMPLS)]
    fn anthropic(bencher: Bencher, imp: &str) {
        bench(bencher, "world/invalid-request", imp);
    }

    #[divan::bench(args = IMPLS)]
    fn auth0_oauth(bencher: Bencher, imp: &str) {
        bench(bencher, "world/invalid-grant", imp);
    }

    #[divan::bench(args = IMPLS)]
    fn slack(bencher: Bencher, imp: &str) {
        bench(bencher, "world/channel-not-found", imp);
    }

    #[divan::bench(args = IMPLS)]
    fn github_flat(bencher: Bencher, imp: &str) {
        bench(bencher, "world/validation-failed", imp);
    }

    #[divan::bench(args = IMPLS)]
    fn shopify_graphql(bencher: Bencher, imp: &str) {
        bench(bencher, "world/graphql-throttled", imp);
    }

    #[divan::bench(args = IMPLS)]
    fn shopify_rails(bencher: Bencher, imp: &str) {
        bench(bencher, "world/rest-unauthorized", imp);
    }

    #[divan::bench(args = IMPLS)]
    fn stripe(bencher: Bencher, imp: &str) {
        bench(bencher, "world/card-declined", imp);
    }

    #[divan::bench(args = IMPLS)]
    fn rfc6749(bencher: Bencher, imp: &str) {
        bench(bencher, "world/rfc6749-error-response", imp);
    }
}
