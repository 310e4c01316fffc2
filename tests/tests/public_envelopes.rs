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

mod servers;
#[allow(dead_code)]
mod support;

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
// The wire vectors
// =============================================================================================

#[test]
fn my_google_matches_the_google_vectors() {
    let file = vector_file("Google");
    for case in &file.cases {
        let hand = canon_case(&case.case);
        let derived = support::derived::google::case(&case.case);
        let request = RequestInfo::default();
        let renderings = [
            (
                "MyGoogle, hand-written Canon",
                apierror::render::<MyGoogle>(&hand, &request),
            ),
            (
                "Google, hand-written Canon",
                apierror::render::<Google>(&hand, &request),
            ),
            (
                "MyGoogle, derived Canon",
                apierror::render::<MyGoogle>(&derived, &request),
            ),
            (
                "Google, derived Canon",
                apierror::render::<Google>(&derived, &request),
            ),
        ];
        for (label, rendered) in &renderings {
            let label = format!("{label}, case {}", case.case);
            let captured = check_vector(&label, case, rendered);
            assert!(captured.uuids.is_empty() && captured.timestamps.is_empty());
        }
        // And the user envelope is the built-in to the byte, headers included.
        same_as_google(&format!("case {}", case.case), &hand, &request);
    }
}

#[test]
fn my_data_error_meta_matches_the_data_error_meta_vectors() {
    let file = vector_file("DataErrorMeta");
    let mut uuids = BTreeSet::new();
    for case in &file.cases {
        let hand = canon_case(&case.case);
        let derived = support::derived::data_error_meta::case(&case.case);
        let request = RequestInfo::default();
        let renderings = [
            (
                "MyDataErrorMeta, hand-written Canon",
                apierror::render::<MyDataErrorMeta>(&hand, &request),
            ),
            (
                "DataErrorMeta, hand-written Canon",
                apierror::render::<DataErrorMeta>(&hand, &request),
            ),
            (
                "MyDataErrorMeta, derived Canon",
                apierror::render::<MyDataErrorMeta>(&derived, &request),
            ),
            (
                "DataErrorMeta, derived Canon",
                apierror::render::<DataErrorMeta>(&derived, &request),
            ),
        ];
        for (label, rendered) in &renderings {
            let label = format!("{label}, case {}", case.case);
            let captured = check_vector(&label, case, rendered);
            assert_eq!(captured.uuids.len(), 1, "{label}: one request id");
            assert_eq!(captured.timestamps.len(), 1, "{label}: one timestamp");
            for uuid in captured.uuids {
                assert!(uuids.insert(uuid.clone()), "{label}: {uuid} was used twice");
            }
        }
        same_as_data_error_meta(&format!("case {}", case.case), &hand, &request);
    }
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

/// The hard case of the brief: field violations (with and without a code, with text to
/// escape), details to escape (and of every JSON type, and repeated), a fractional retry
/// delay, a gRPC override, a message to escape.
fn hard_case() -> Hard {
    Hard {
        message: Some("Bad \"user\"\n\\ \u{1} caf\u{e9} \u{1F600}"),
        retry_after: Some(Duration::from_millis(1500)),
        details: vec![
            ("quote\"d", serde_json::json!("a \"b\" \\ c\u{7f}\u{2028}")),
            ("line\nbreak", serde_json::json!(42)),
            ("flag", serde_json::json!(true)),
            ("nothing", serde_json::Value::Null),
            ("list", serde_json::json!([1, "two", {"three": 3}])),
            ("ratio", serde_json::json!(0.25)),
            ("flag", serde_json::json!(false)), // repeated: skipped
        ],
        violations: vec![
            Violation::field("user.emails[0]", "must be \"an email\"\t\\ ok").with_code("EMAIL"),
            Violation::pointer("/user/na~1me", "is </script> taken"),
            Violation::field("tags[\"x\"]", "").with_code("\u{0}"),
        ],
        descriptor: const { &Descriptor::new().with_grpc("ABORTED") },
        ..Hard::new(409, "user-Conflict")
    }
}

#[test]
fn my_google_agrees_with_google_on_harder_inputs() {
    let request = RequestInfo::new().with_request_id("req-1");
    let mine = same_as_google("the hard case", &hard_case(), &request);
    // Not only equal to the built-in: equal to what the documented rules say.
    assert_eq!(
        text(mine.body()),
        concat!(
            r#"{"error":{"code":409,"message":"Bad \"user\"\n\\ \u0001 café 😀","status":"ABORTED","details":["#,
            r#"{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"USER-CONFLICT","domain":"api.example.com","metadata":{"quote\"d":"a \"b\" \\ c"#,
            "\u{7f}\u{2028}",
            r#"","line\nbreak":"42","flag":"true","nothing":"null","list":"[1,\"two\",{\"three\":3}]","ratio":"0.25"}},"#,
            r#"{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"1.5s"},"#,
            r#"{"@type":"type.googleapis.com/google.rpc.RequestInfo","requestId":"req-1"},"#,
            r#"{"@type":"type.googleapis.com/google.rpc.BadRequest","fieldViolations":["#,
            r#"{"field":"user.emails[0]","description":"must be \"an email\"\t\\ ok","reason":"EMAIL"},"#,
            r#"{"field":"user.na/me","description":"is </script> taken"},"#,
            r#"{"field":"tags[\"x\"]","description":"","reason":"\u0000"}]}]}}"#,
        )
    );
    assert_eq!(mine.headers()["retry-after"], "2");

    // The same without a domain, a version, a request id, a violation or a detail.
    let bare = Hard {
        details: Vec::new(),
        violations: Vec::new(),
        ..hard_case()
    }
    .without_api();
    let mine = same_as_google("the bare case", &bare, &RequestInfo::default());
    assert_eq!(
        text(mine.body()),
        concat!(
            r#"{"error":{"code":409,"message":"Bad \"user\"\n\\ \u0001 café 😀","status":"ABORTED","details":["#,
            r#"{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"USER-CONFLICT"},"#,
            r#"{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"1.5s"}]}}"#,
        )
    );

    // A request id that needs escaping (visible ASCII, as the middleware lets through).
    let request = RequestInfo::new().with_request_id(r#"r"q\1"#);
    same_as_google("an id to escape", &hard_case(), &request);
    same_as_google("an id to escape, bare", &bare, &request);

    // A detail that fails to serialize: both become the same plain 500.
    let failing = Hard {
        failing_detail: true,
        ..hard_case()
    };
    let mine = same_as_google("a failing detail", &failing, &RequestInfo::default());
    assert_eq!(mine.status(), 500);
    assert_eq!(
        text(mine.body()),
        r#"{"error":{"code":500,"message":"Internal Server Error","status":"INTERNAL","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"INTERNAL_ERROR","domain":"api.example.com"}]}}"#
    );
    // A status that is no error: the same plain 500.
    same_as_google(
        "a success status",
        &Hard::new(200, "OK"),
        &RequestInfo::default(),
    );
}

#[test]
fn my_google_agrees_on_every_status_and_retry_delay() {
    // Every error status, with and without a gRPC override.
    for status in 400..=599 {
        let plain = Hard::new(status, "SOME_CODE");
        same_as_google(&format!("status {status}"), &plain, &RequestInfo::new());
        let overridden = Hard {
            descriptor: const { &Descriptor::new().with_grpc("DATA_LOSS") },
            ..Hard::new(status, "some_code")
        };
        let mine = same_as_google(
            &format!("status {status}, overridden"),
            &overridden,
            &RequestInfo::new(),
        );
        assert!(text(mine.body()).contains(r#""status":"DATA_LOSS""#));
    }

    // Retry delays: the shortest exact fraction, and the protobuf maximum (the built-in's own
    // unit-test table).
    for (delay, written, header) in [
        (Duration::ZERO, "0s", "0"),
        (Duration::from_secs(5), "5s", "5"),
        (Duration::from_millis(1500), "1.5s", "2"),
        (Duration::from_millis(250), "0.25s", "1"),
        (Duration::from_nanos(1), "0.000000001s", "1"),
        (Duration::new(3, 100_000_000), "3.1s", "4"),
        (Duration::new(7, 999_999_999), "7.999999999s", "8"),
        (Duration::from_micros(10), "0.00001s", "1"),
        (
            Duration::new(315_575_999_999, 5),
            "315575999999.000000005s",
            "315576000000",
        ),
        (
            Duration::from_secs(315_576_000_000),
            "315576000000s",
            "315576000000",
        ),
        (
            Duration::new(315_576_000_000, 1),
            "315576000000s",
            "315576000001",
        ),
        (
            Duration::new(u64::MAX, 10),
            "315576000000s",
            "9007199254740991",
        ),
    ] {
        let error = Hard {
            retry_after: Some(delay),
            ..Hard::new(503, "UNAVAILABLE")
        };
        let mine = same_as_google(&format!("delay {delay:?}"), &error, &RequestInfo::new());
        let body = text(mine.body());
        assert!(
            body.contains(&format!(r#""retryDelay":"{written}"}}"#)),
            "{delay:?}: {body}"
        );
        assert_eq!(mine.headers()["retry-after"], header, "{delay:?}");
    }
}

#[test]
fn my_data_error_meta_agrees_with_data_error_meta_on_harder_inputs() {
    let request = RequestInfo::new().with_request_id("req-1");
    let mine = same_as_data_error_meta("the hard case", &hard_case(), &request);
    // This format has no place for details or violations.
    match_body(
        r#"{"data":null,"error":{"code":"user-Conflict","message":"Bad \"user\"\n\\ \u0001 café 😀"},"meta":{"request_id":"req-1","timestamp":"{{rfc3339_nanos}}","version":"1.0.0"}}"#,
        mine.body(),
        unix_nanos_now(),
    )
    .unwrap_or_else(|e| panic!("the hard case: {e}: {}", text(mine.body())));
    assert_eq!(mine.headers()["retry-after"], "2");

    // Without a request id: a fresh UUID v4 each time; without a version: no `version`.
    let bare = hard_case().without_api();
    let mut uuids = BTreeSet::new();
    for _ in 0..3 {
        let mine = same_as_data_error_meta("the bare case", &bare, &RequestInfo::default());
        let captured = match_body(
            r#"{"data":null,"error":{"code":"user-Conflict","message":"Bad \"user\"\n\\ \u0001 café 😀"},"meta":{"request_id":"{{uuid}}","timestamp":"{{rfc3339_nanos}}"}}"#,
            mine.body(),
            unix_nanos_now(),
        )
        .unwrap_or_else(|e| panic!("the bare case: {e}: {}", text(mine.body())));
        assert!(uuids.insert(captured.uuids[0].clone()), "a repeated UUID");
    }

    // A request id that needs escaping.
    let request = RequestInfo::new().with_request_id(r#"r"q\1"#);
    let mine = same_as_data_error_meta("an id to escape", &hard_case(), &request);
    assert!(text(mine.body()).contains(r#""request_id":"r\"q\\1","#));
    same_as_data_error_meta("an id to escape, bare", &bare, &request);

    // A failing detail: this format writes no details, so nothing fails.
    let failing = Hard {
        failing_detail: true,
        ..hard_case()
    };
    let mine = same_as_data_error_meta("a failing detail", &failing, &RequestInfo::default());
    assert_eq!(mine.status(), 409);
    // A status that is no error: the plain 500, in both.
    let mine = same_as_data_error_meta(
        "a success status",
        &Hard::new(200, "OK"),
        &RequestInfo::default(),
    );
    assert_eq!(mine.status(), 500);
}

#[test]
fn std_timestamps_are_the_built_ins() {
    // The built-in's own unit-test table (`humantime::format_rfc3339_nanos` after clamping).
    let at = |secs: u64, nanos: u32| {
        Rfc3339Nanos(representable(
            SystemTime::UNIX_EPOCH + Duration::new(secs, nanos),
        ))
        .to_string()
    };
    assert_eq!(at(0, 0), "1970-01-01T00:00:00.000000000Z");
    assert_eq!(
        at(1_773_006_993, 877_635_522),
        "2026-03-08T21:56:33.877635522Z"
    );
    assert_eq!(at(951_782_400, 1), "2000-02-29T00:00:00.000000001Z");
    assert_eq!(
        at(4_107_542_399, 999_999_999),
        "2100-02-28T23:59:59.999999999Z"
    );
    assert_eq!(at(253_402_300_799, 0), "9999-12-31T23:59:59.000000000Z");
    assert_eq!(at(253_402_300_800, 0), "9999-12-31T23:59:59.999999999Z");
    assert_eq!(at(u64::MAX / 4, 0), "9999-12-31T23:59:59.999999999Z");
    let before = SystemTime::UNIX_EPOCH - Duration::from_secs(86_400);
    assert_eq!(
        Rfc3339Nanos(representable(before)).to_string(),
        "1970-01-01T00:00:00.000000000Z"
    );

    // Every day of 1970 to 2400 round-trips through the test plumbing's own parser.
    for days in 0..(430 * 366) {
        let secs = days * 86_400 + 86_399;
        let written = at(secs, 5);
        let parsed = support::parse_rfc3339_nanos(written.as_bytes())
            .unwrap_or_else(|e| panic!("day {days}: {written}: {e}"));
        assert_eq!(
            parsed,
            i128::from(secs) * 1_000_000_000 + 5,
            "day {days}: {written}"
        );
    }

    // And the two envelopes write the time of rendering, in order.
    let error = Hard::new(400, "X");
    let before = unix_nanos_now();
    let builtin = apierror::render::<DataErrorMeta>(&error, &RequestInfo::new()).into_body();
    let mine = apierror::render::<MyDataErrorMeta>(&error, &RequestInfo::new()).into_body();
    let after = unix_nanos_now();
    let stamp = |body: &[u8]| {
        let body = text(body);
        let start = body.rfind("\"timestamp\":\"").expect("a timestamp") + 13;
        support::parse_rfc3339_nanos(&body.as_bytes()[start..start + 30]).expect("RFC 3339")
    };
    let (builtin, mine) = (stamp(&builtin), stamp(&mine));
    assert!(
        before <= builtin && builtin <= mine && mine <= after,
        "{before} <= {builtin} <= {mine} <= {after}"
    );
}

// =============================================================================================
// Through the framework glue
// =============================================================================================

/// `Canon` of `tests/vectors/ENVELOPES.md` derived with a user envelope, as
/// `support::derived` does for the built-ins.
mod user_derived {
    use std::time::Duration;

    crate::support::derived::canon_module!(crate::MyGoogle => google);
    crate::support::derived::canon_module!(crate::MyDataErrorMeta => data_error_meta);

    /// A derived error with the harder inputs, answering in `MyGoogle`.
    #[derive(Debug, thiserror::Error, apierror::ApiError)]
    #[api(
        envelope = crate::MyGoogle,
        domain = "api.example.com",
        version = "1.0.0"
    )]
    pub enum Hard {
        #[error("conflict")]
        #[api(
            status = 409,
            code = "user-conflict",
            grpc = "ABORTED",
            message = "user {name:?} is taken"
        )]
        Conflict {
            #[api(detail)]
            name: String,
            #[api(retry_after)]
            wait: Duration,
            #[api(violations)]
            violations: Vec<apierror::Violation>,
        },
    }
}

/// The `Hard` of `user_derived`, with text to escape.
fn derived_hard() -> user_derived::Hard {
    user_derived::Hard::Conflict {
        name: "a\"b\\c\n".to_owned(),
        wait: Duration::from_millis(2250),
        violations: vec![Violation::field("name", "is \"taken\"").with_code("TAKEN")],
    }
}

#[test]
fn derived_types_speak_a_user_envelope() {
    let request = RequestInfo::new().with_request_id("req-1");
    let mine = same_as_google("derived hard", &derived_hard(), &request);
    assert_eq!(
        text(mine.body()),
        concat!(
            r#"{"error":{"code":409,"message":"user \"a\\\"b\\\\c\\n\" is taken","status":"ABORTED","details":["#,
            r#"{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"USER-CONFLICT","domain":"api.example.com","metadata":{"name":"a\"b\\c\n"}},"#,
            r#"{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"2.25s"},"#,
            r#"{"@type":"type.googleapis.com/google.rpc.RequestInfo","requestId":"req-1"},"#,
            r#"{"@type":"type.googleapis.com/google.rpc.BadRequest","fieldViolations":[{"field":"name","description":"is \"taken\"","reason":"TAKEN"}]}]}}"#,
        )
    );
    same_as_data_error_meta("derived hard", &derived_hard(), &request);
    same_as_data_error_meta("derived hard", &derived_hard(), &RequestInfo::new());
}

/// Status, headers and body of a framework response, collected.
fn response_parts(
    status: u16,
    headers: impl Iterator<Item = (String, String)>,
    body: Vec<u8>,
) -> Rendered {
    let mut response = http::Response::new(body);
    *response.status_mut() = StatusCode::from_u16(status).expect("a status");
    for (name, value) in headers {
        response.headers_mut().append(
            http::HeaderName::from_bytes(name.as_bytes()).expect("a header name"),
            http::HeaderValue::from_str(&value).expect("a header value"),
        );
    }
    response
}

async fn from_axum(response: axum::response::Response) -> Rendered {
    let (parts, body) = response.into_parts();
    let body = axum::body::to_bytes(body, usize::MAX)
        .await
        .expect("an axum body");
    response_parts(
        parts.status.as_u16(),
        parts
            .headers
            .iter()
            .map(|(n, v)| (n.as_str().to_owned(), v.to_str().expect("ASCII").to_owned())),
        body.to_vec(),
    )
}

async fn from_actix(response: actix_web::HttpResponse) -> Rendered {
    let status = response.status().as_u16();
    let headers: Vec<(String, String)> = response
        .headers()
        .iter()
        .map(|(n, v)| (n.as_str().to_owned(), v.to_str().expect("ASCII").to_owned()))
        .collect();
    let body = actix_web::body::to_bytes(response.into_body())
        .await
        .unwrap_or_else(|_| panic!("an actix-web body"));
    response_parts(status, headers.into_iter(), body.to_vec())
}

#[tokio::test]
async fn the_glue_answers_in_a_user_envelope() {
    use axum::response::IntoResponse as _;

    for (envelope, uuid) in [("Google", false), ("DataErrorMeta", true)] {
        let file = vector_file(envelope);
        for case in &file.cases {
            let hand = canon_case(&case.case);
            let responses = if envelope == "Google" {
                let derived = user_derived::google::case(&case.case);
                [
                    (
                        "axum into_response",
                        from_axum(apierror::axum::into_response::<MyGoogle>(&hand)).await,
                    ),
                    (
                        "actix error_response",
                        from_actix(apierror::actix::error_response::<MyGoogle>(&hand)).await,
                    ),
                    (
                        "derived IntoResponse",
                        from_axum(user_derived::google::case(&case.case).into_response()).await,
                    ),
                    (
                        "derived ResponseError",
                        from_actix(actix_web::ResponseError::error_response(&derived)).await,
                    ),
                ]
            } else {
                let derived = user_derived::data_error_meta::case(&case.case);
                [
                    (
                        "axum into_response",
                        from_axum(apierror::axum::into_response::<MyDataErrorMeta>(&hand)).await,
                    ),
                    (
                        "actix error_response",
                        from_actix(apierror::actix::error_response::<MyDataErrorMeta>(&hand)).await,
                    ),
                    (
                        "derived IntoResponse",
                        from_axum(user_derived::data_error_meta::case(&case.case).into_response())
                            .await,
                    ),
                    (
                        "derived ResponseError",
                        from_actix(actix_web::ResponseError::error_response(&derived)).await,
                    ),
                ]
            };
            for (label, rendered) in &responses {
                let label = format!("{envelope}, {label}, case {}", case.case);
                let captured = check_vector(&label, case, rendered);
                assert_eq!(captured.uuids.len(), usize::from(uuid), "{label}");
            }
        }
    }
}

#[tokio::test]
async fn real_servers_answer_in_a_user_envelope() {
    let vectors = vec![vector_file("DataErrorMeta"), vector_file("Google")];

    let app = axum::Router::new()
        .route(
            "/hand/Google/{case}",
            axum::routing::get(
                |axum::extract::Path(case): axum::extract::Path<String>| async move {
                    apierror::axum::into_response::<MyGoogle>(&canon_case(&case))
                },
            ),
        )
        .route(
            "/hand/DataErrorMeta/{case}",
            axum::routing::get(
                |axum::extract::Path(case): axum::extract::Path<String>| async move {
                    apierror::axum::into_response::<MyDataErrorMeta>(&canon_case(&case))
                },
            ),
        )
        .route(
            "/derived/Google/{case}",
            axum::routing::get(user_derived::google::axum_handler),
        )
        .route(
            "/derived/DataErrorMeta/{case}",
            axum::routing::get(user_derived::data_error_meta::axum_handler),
        );
    let server = servers::AxumServer::start(app).await;
    for under in ["hand", "derived"] {
        let base = format!("{}/{under}", server.base());
        support::check_server(&format!("axum, user envelopes, {under}"), &base, &vectors).await;
    }
    drop(server);

    let server = servers::ActixServer::start(|| {
        actix_web::App::new()
            .route(
                "/hand/Google/{case}",
                actix_web::web::get().to(|case: actix_web::web::Path<String>| async move {
                    apierror::actix::error_response::<MyGoogle>(&canon_case(&case))
                }),
            )
            .route(
                "/hand/DataErrorMeta/{case}",
                actix_web::web::get().to(|case: actix_web::web::Path<String>| async move {
                    apierror::actix::error_response::<MyDataErrorMeta>(&canon_case(&case))
                }),
            )
            .route(
                "/derived/Google/{case}",
                actix_web::web::get().to(user_derived::google::actix_handler),
            )
            .route(
                "/derived/DataErrorMeta/{case}",
                actix_web::web::get().to(user_derived::data_error_meta::actix_handler),
            )
    });
    for under in ["hand", "derived"] {
        let base = format!("{}/{under}", server.base());
        support::check_server(
            &format!("actix-web, user envelopes, {under}"),
            &base,
            &vectors,
        )
        .await;
    }
    server.stop().await;
}

#[tokio::test]
async fn the_request_context_reaches_a_user_envelope() {
    // Behind the middleware, the user envelopes see the request id the built-ins see.
    let app = axum::Router::new()
        .route(
            "/{envelope}",
            axum::routing::get(
                |axum::extract::Path(envelope): axum::extract::Path<String>| async move {
                    let error = derived_hard();
                    match envelope.as_str() {
                        "MyGoogle" => apierror::axum::into_response::<MyGoogle>(&error),
                        "Google" => apierror::axum::into_response::<Google>(&error),
                        "MyDataErrorMeta" => {
                            apierror::axum::into_response::<MyDataErrorMeta>(&error)
                        }
                        _ => apierror::axum::into_response::<DataErrorMeta>(&error),
                    }
                },
            ),
        )
        .layer(apierror::axum::ErrorContextLayer::new());
    let server = servers::AxumServer::start(app).await;
    let client = reqwest::Client::builder()
        .no_proxy()
        .build()
        .expect("a client");
    let get = |path: &'static str| {
        let request = client
            .get(format!("{}/{path}", server.base()))
            .header("x-request-id", "req-42");
        async move {
            let response = request.send().await.expect("a response");
            let status = response.status().as_u16();
            let headers: Vec<(String, String)> = response
                .headers()
                .iter()
                .filter(|(n, _)| *n != "date")
                .map(|(n, v)| (n.as_str().to_owned(), v.to_str().expect("ASCII").to_owned()))
                .collect();
            let body = response.bytes().await.expect("a body").to_vec();
            response_parts(status, headers.into_iter(), body)
        }
    };

    let (mine, builtin) = (get("MyGoogle").await, get("Google").await);
    assert_eq!(mine.status(), builtin.status());
    assert_eq!(mine.headers(), builtin.headers());
    assert_eq!(mine.headers()["x-request-id"], "req-42");
    assert_eq!(text(mine.body()), text(builtin.body()));
    assert!(text(mine.body()).contains(r#""requestId":"req-42""#));

    let (mine, builtin) = (get("MyDataErrorMeta").await, get("DataErrorMeta").await);
    assert_eq!(mine.status(), builtin.status());
    assert_eq!(mine.headers(), builtin.headers());
    let template = meta_template(builtin.body(), false);
    assert!(template.contains(r#""request_id":"req-42""#), "{template}");
    match_body(&template, mine.body(), unix_nanos_now())
        .unwrap_or_else(|e| panic!("{e}: {}", text(mine.body())));
}
