// This file mirrors the built-in `Google` and `DataErrorMeta` envelopes on purpose: a user's envelope must do all they do.
//! A user's envelope can do everything a built-in one does: `MyGoogle` and `MyDataErrorMeta`
//! below are copies of `runtime/src/envelope/google.rs` and
//! `runtime/src/envelope/data_error_meta.rs` written with the public API only
//! (`apierror::envelope::{Envelope, ErrorView, JsonWriter, Object, RequestInfo}`,
//! `apierror::WriteError`, `apierror::Descriptor`, `apierror::Api`, and the public `uuid`
//! crate).
//!
//! They are checked byte for byte against the wire vectors `tests/vectors/Google.json` and
//! `tests/vectors/DataErrorMeta.json`, side by side with the built-ins, with `apierror::render`,
//! through the framework glue (`into_response` / `error_response`, and a derived type whose
//! `envelope = ...` names them), through real axum and actix-web servers, and on inputs the
//! vectors do not exercise.
//!
//! The one deliberate difference: the built-in `DataErrorMeta` formats its timestamp with
//! `humantime`, which is not a dependency of this package, so `MyDataErrorMeta` formats it
//! with `std` only (and a test checks that formatter on the built-in's own known instants).

use crate::servers;
use crate::support;

use core::fmt;
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::time::{Duration, SystemTime};

use apierror::envelope::{DataErrorMeta, Envelope, ErrorView, Google, JsonWriter, RequestInfo};
use apierror::{Api, ApiError, Descriptor, Details, Message, StatusCode, Violation, WriteError};

use support::{canon_case, load_all_vectors, match_body, unix_nanos_now, VectorCase, VectorFile};

// =============================================================================================
// MyGoogle: runtime/src/envelope/google.rs, with the public API only
// =============================================================================================

/// Google's AIP-193 errors (`google.rpc.Status` over HTTP):
/// `{"error":{"code":…,"message":…,"status":…,"details":[…]}}`; a copy of
/// `apierror::envelope::Google`.
#[derive(Clone, Copy, Debug, Default)]
pub struct MyGoogle;

impl Envelope for MyGoogle {
    fn write_body(error: &ErrorView<'_>, out: &mut JsonWriter<'_>) -> Result<(), WriteError> {
        out.raw("{\"error\":{\"code\":");
        out.u64(error.status().as_u16().into());
        out.raw(",\"message\":");
        out.message(error)?;
        out.raw(",\"status\":");
        let status = error.descriptor().grpc;
        out.string(status.unwrap_or_else(|| grpc_status_name(error.status())));

        out.raw(
            ",\"details\":[{\"@type\":\"type.googleapis.com/google.rpc.ErrorInfo\",\"reason\":",
        );
        out.string(&upper_case(error.code()));
        if let Some(domain) = error.api().domain {
            out.raw(",\"domain\":");
            out.string(domain);
        }
        out.details_as_strings(error, ",\"metadata\":{", &[])?
            .close("}");
        out.raw("}");

        if let Some(delay) = error.retry_after() {
            out.raw(",{\"@type\":\"type.googleapis.com/google.rpc.RetryInfo\",\"retryDelay\":");
            out.display(&ProtoDuration(delay))?;
            out.raw("}");
        }

        if let Some(id) = error.request_id() {
            out.raw(",{\"@type\":\"type.googleapis.com/google.rpc.RequestInfo\",\"requestId\":");
            out.string(id);
            out.raw("}");
        }

        let violations = error.violations();
        if !violations.is_empty() {
            out.raw(
                ",{\"@type\":\"type.googleapis.com/google.rpc.BadRequest\",\"fieldViolations\":[",
            );
            for (i, violation) in violations.iter().enumerate() {
                out.raw(if i == 0 {
                    "{\"field\":"
                } else {
                    ",{\"field\":"
                });
                out.string(&violation.path());
                out.raw(",\"description\":");
                out.string(violation.message());
                if let Some(code) = violation.code() {
                    out.raw(",\"reason\":");
                    out.string(code);
                }
                out.raw("}");
            }
            out.raw("]}");
        }
        out.raw("]}}");
        Ok(())
    }
}

/// The gRPC canonical code name an HTTP error status maps to (`google/rpc/code.proto` read
/// backwards). Private in the runtime, so copied.
fn grpc_status_name(status: StatusCode) -> &'static str {
    match status.as_u16() {
        400 | 422 => "INVALID_ARGUMENT",
        401 => "UNAUTHENTICATED",
        403 => "PERMISSION_DENIED",
        404 => "NOT_FOUND",
        408 | 504 => "DEADLINE_EXCEEDED",
        409 => "ALREADY_EXISTS",
        416 => "OUT_OF_RANGE",
        429 => "RESOURCE_EXHAUSTED",
        499 => "CANCELLED",
        501 => "UNIMPLEMENTED",
        502 | 503 => "UNAVAILABLE",
        500..=599 => "INTERNAL",
        // 412 and every other 4xx; the renderer only lets 400..=599 through.
        _ => "FAILED_PRECONDITION",
    }
}

/// `code` with its ASCII letters upper-cased, borrowed when it already is.
fn upper_case(code: &str) -> Cow<'_, str> {
    if code.bytes().any(|b| b.is_ascii_lowercase()) {
        Cow::Owned(code.to_ascii_uppercase())
    } else {
        Cow::Borrowed(code)
    }
}

/// The largest `google.protobuf.Duration`: 315,576,000,000 seconds (10,000 years).
const MAX_PROTO_SECONDS: u64 = 315_576_000_000;

/// A delay as the JSON form of a `google.protobuf.Duration`: seconds with the shortest exact
/// decimal fraction and an `s`, at most [`MAX_PROTO_SECONDS`].
struct ProtoDuration(Duration);

impl fmt::Display for ProtoDuration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (secs, mut nanos) = if self.0.as_secs() >= MAX_PROTO_SECONDS {
            (MAX_PROTO_SECONDS, 0)
        } else {
            (self.0.as_secs(), self.0.subsec_nanos())
        };
        write!(f, "{secs}")?;
        if nanos > 0 {
            let mut digits = 9;
            while nanos % 10 == 0 {
                nanos /= 10;
                digits -= 1;
            }
            write!(f, ".{nanos:0digits$}")?;
        }
        f.write_str("s")
    }
}

// =============================================================================================
// MyDataErrorMeta: runtime/src/envelope/data_error_meta.rs, with the public API only
// =============================================================================================

/// `{"data":null,"error":{"code":…,"message":…},"meta":{"request_id":…,"timestamp":…,"version":…}}`;
/// a copy of `apierror::envelope::DataErrorMeta`.
#[derive(Clone, Copy, Debug, Default)]
pub struct MyDataErrorMeta;

impl Envelope for MyDataErrorMeta {
    fn write_body(error: &ErrorView<'_>, out: &mut JsonWriter<'_>) -> Result<(), WriteError> {
        out.raw("{\"data\":null,\"error\":{\"code\":");
        out.string(error.code());
        out.raw(",\"message\":");
        out.message(error)?;
        out.raw("},\"meta\":{\"request_id\":");
        if let Some(id) = error.request_id() {
            out.string(id);
        } else {
            // `new_v4` needs uuid's `v4` feature, which this package's `uuid = "1.8"` does not
            // ask for: it compiles because apierror's own uuid dependency turns it on.
            let mut text = [0u8; uuid::fmt::Hyphenated::LENGTH];
            out.string(uuid::Uuid::new_v4().hyphenated().encode_lower(&mut text));
        }
        out.raw(",\"timestamp\":");
        // The built-in: `humantime::format_rfc3339_nanos(representable(SystemTime::now()))`.
        out.display(&Rfc3339Nanos(representable(SystemTime::now())))?;
        if let Some(version) = error.api().version {
            out.raw(",\"version\":");
            out.string(version);
        }
        out.raw("}}");
        Ok(())
    }
}

/// `time` within what RFC 3339 with a four-digit year can write, 1970 (the epoch) to the last
/// nanosecond of 9999.
fn representable(time: SystemTime) -> SystemTime {
    let last = SystemTime::UNIX_EPOCH + Duration::new(253_402_300_799, 999_999_999);
    time.clamp(SystemTime::UNIX_EPOCH, last)
}

/// `YYYY-MM-DDTHH:MM:SS.nnnnnnnnnZ` of a time from 1970 to 9999, with `std` only (what
/// `humantime::format_rfc3339_nanos` writes for those times).
struct Rfc3339Nanos(SystemTime);

impl fmt::Display for Rfc3339Nanos {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let since = self
            .0
            .duration_since(SystemTime::UNIX_EPOCH)
            .unwrap_or(Duration::ZERO);
        let secs = since.as_secs();
        let (days, rest) = (secs / 86_400, secs % 86_400);
        let (year, month, day) = civil_from_days(days);
        let (hour, minute, second) = (rest / 3600, rest / 60 % 60, rest % 60);
        let nanos = since.subsec_nanos();
        write!(
            f,
            "{year:04}-{month:02}-{day:02}T{hour:02}:{minute:02}:{second:02}.{nanos:09}Z"
        )
    }
}

/// The proleptic Gregorian date of a day count since 1970-01-01 (Howard Hinnant's
/// `civil_from_days`, for days on or after the epoch).
fn civil_from_days(days: u64) -> (u64, u64, u64) {
    let z = days + 719_468;
    let era = z / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + u64::from(month <= 2);
    (year, month, day)
}

// =============================================================================================
// Plumbing
// =============================================================================================

/// A rendered response.
type Rendered = http::Response<Vec<u8>>;

/// The vector file of `envelope`, from the repository's `tests/vectors/`.
fn vector_file(envelope: &str) -> VectorFile {
    let (implemented, skipped) = load_all_vectors();
    assert!(
        !skipped.iter().any(|name| name == envelope),
        "the vectors of {envelope} are skipped"
    );
    implemented
        .into_iter()
        .find(|file| file.envelope == envelope)
        .unwrap_or_else(|| panic!("no vector file for {envelope}"))
}

fn text(body: &[u8]) -> &str {
    std::str::from_utf8(body).expect("a UTF-8 body")
}

/// Checks one rendering against one vector case: the status, exactly the headers the vector
/// lists (a rendering has no transport headers), the body byte for byte (placeholders
/// matched by shape), and that the body is JSON. Returns the placeholders' values.
fn check_vector(label: &str, case: &VectorCase, rendered: &Rendered) -> support::Captured {
    let body = String::from_utf8_lossy(rendered.body());
    assert_eq!(rendered.status().as_u16(), case.status, "{label}: status");
    let headers: BTreeMap<String, String> = rendered
        .headers()
        .iter()
        .map(|(name, value)| {
            let value = value.to_str().expect("an ASCII header value");
            (name.as_str().to_owned(), value.to_owned())
        })
        .collect();
    assert_eq!(
        rendered.headers().len(),
        headers.len(),
        "{label}: a header appears twice: {:?}",
        rendered.headers()
    );
    assert_eq!(headers, case.headers, "{label}: headers");
    serde_json::from_slice::<serde_json::Value>(rendered.body())
        .unwrap_or_else(|e| panic!("{label}: the body is not JSON ({e}): {body}"));
    assert!(
        !body.contains(support::SECRET),
        "{label}: the body leaks the secret: {body}"
    );
    match_body(&case.body, rendered.body(), unix_nanos_now()).unwrap_or_else(|e| {
        panic!(
            "{label}: {e}\n  expected: {}\n  found:    {body}",
            case.body
        )
    })
}

/// Renders `error` in `MyGoogle` and in `Google`, checks that status, headers and body bytes
/// are identical and that the body is JSON, and returns the user envelope's rendering.
fn same_as_google(label: &str, error: &impl ApiError, request: &RequestInfo<'_>) -> Rendered {
    let mine = apierror::render::<MyGoogle>(error, request);
    let builtin = apierror::render::<Google>(error, request);
    assert_eq!(mine.status(), builtin.status(), "{label}: status");
    assert_eq!(mine.headers(), builtin.headers(), "{label}: headers");
    assert_eq!(text(mine.body()), text(builtin.body()), "{label}: body");
    serde_json::from_slice::<serde_json::Value>(mine.body())
        .unwrap_or_else(|e| panic!("{label}: the body is not JSON ({e}): {}", text(mine.body())));
    mine
}

/// `body` (a `DataErrorMeta` body) as a `match_body` template: its `meta.timestamp` replaced by
/// `{{rfc3339_nanos}}` and, with `uuid`, its `meta.request_id` by `{{uuid}}`.
fn meta_template(body: &[u8], uuid: bool) -> String {
    let body = text(body);
    assert!(
        !body.contains("{{"),
        "a body with `{{{{` cannot be a template"
    );
    let mut template = body.to_owned();
    // A quote inside a JSON string is escaped, so these patterns only match member names.
    let mut mask = |member: &str, len: usize, placeholder: &str| {
        let start = template
            .rfind(member)
            .unwrap_or_else(|| panic!("no {member} in {body}"))
            + member.len();
        template.replace_range(start..start + len, placeholder);
    };
    mask("\"timestamp\":\"", 30, "{{rfc3339_nanos}}");
    if uuid {
        mask("\"request_id\":\"", 36, "{{uuid}}");
    }
    template
}

/// Renders `error` in `MyDataErrorMeta` and in `DataErrorMeta`, checks that status and
/// headers are identical, that both bodies are JSON, and that the user envelope's body is the
/// built-in's byte for byte but for the timestamp (and the fresh UUID when `request` has no
/// id), each of which must have the right shape and be fresh. Returns the user envelope's
/// rendering.
fn same_as_data_error_meta(
    label: &str,
    error: &impl ApiError,
    request: &RequestInfo<'_>,
) -> Rendered {
    let mine = apierror::render::<MyDataErrorMeta>(error, request);
    let builtin = apierror::render::<DataErrorMeta>(error, request);
    assert_eq!(mine.status(), builtin.status(), "{label}: status");
    assert_eq!(mine.headers(), builtin.headers(), "{label}: headers");
    for rendered in [&mine, &builtin] {
        serde_json::from_slice::<serde_json::Value>(rendered.body()).unwrap_or_else(|e| {
            panic!(
                "{label}: the body is not JSON ({e}): {}",
                text(rendered.body())
            )
        });
    }
    let template = meta_template(builtin.body(), request_id_of(request).is_none());
    // The built-in body matches its own template: the masking found the right bytes.
    match_body(&template, builtin.body(), unix_nanos_now())
        .unwrap_or_else(|e| panic!("{label}: the built-in against its own template: {e}"));
    match_body(&template, mine.body(), unix_nanos_now()).unwrap_or_else(|e| {
        panic!(
            "{label}: {e}\n  built-in: {}\n  mine:     {}",
            text(builtin.body()),
            text(mine.body())
        )
    });
    mine
}

/// What the envelopes will see as the request id of `request`: `RequestInfo` has no getter,
/// so it is read back through an envelope.
fn request_id_of(request: &RequestInfo<'_>) -> Option<String> {
    struct Echo;
    impl Envelope for Echo {
        fn write_body(error: &ErrorView<'_>, out: &mut JsonWriter<'_>) -> Result<(), WriteError> {
            match error.request_id() {
                Some(id) => out.string(id),
                None => out.raw("null"),
            }
            Ok(())
        }
    }
    let body = apierror::render::<Echo>(&Hard::new(400, "X"), request).into_body();
    serde_json::from_slice::<Option<String>>(&body).expect("a JSON string or null")
}

// =============================================================================================
// Harder inputs
// =============================================================================================

/// A hand-written error whose every `ApiError` method returns what the test sets. With
/// `WITH_API` its type's `API` has a domain and a version, else neither.
#[derive(Debug, Clone)]
struct Hard<const WITH_API: bool = true> {
    status: StatusCode,
    code: &'static str,
    /// `None`: the status's reason phrase (the trait's default).
    message: Option<&'static str>,
    retry_after: Option<Duration>,
    details: Vec<(&'static str, serde_json::Value)>,
    /// Adds a detail that fails to serialize (a map with non-string keys).
    failing_detail: bool,
    violations: Vec<Violation>,
    descriptor: &'static Descriptor,
}

impl Hard {
    fn new(status: u16, code: &'static str) -> Self {
        Hard {
            status: StatusCode::from_u16(status).expect("a valid status"),
            code,
            message: None,
            retry_after: None,
            details: Vec::new(),
            failing_detail: false,
            violations: Vec::new(),
            descriptor: const { &Descriptor::new() },
        }
    }

    /// The same error, of the type without domain and version.
    fn without_api(self) -> Hard<false> {
        Hard {
            status: self.status,
            code: self.code,
            message: self.message,
            retry_after: self.retry_after,
            details: self.details,
            failing_detail: self.failing_detail,
            violations: self.violations,
            descriptor: self.descriptor,
        }
    }
}

impl<const WITH_API: bool> ApiError for Hard<WITH_API> {
    const API: Api = if WITH_API {
        Api::new()
            .with_domain("api.example.com")
            .with_version("1.0.0")
    } else {
        Api::new()
    };

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

    fn violations(&self) -> &[Violation] {
        &self.violations
    }

    fn descriptor(&self) -> &'static Descriptor {
        self.descriptor
    }
}

mod glue;
mod harder_inputs;
mod wire_vectors;
