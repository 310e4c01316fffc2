//! Shared plumbing for the wire-format tests: the reference error `Canon` of `tests/vectors/ENVELOPES.md`
//! (written by hand until the derive is ready), the vector files of `tests/vectors/`, the
//! servers that render every vector through real axum and actix-web stacks, and the byte
//! matcher that compares a response body with a vector's template.
//!
//! Every vector is served twice by each framework: under `/hand/` by the hand-written `Canon`
//! below (the `ApiError` trait implemented without the derive), and under `/derived/` by the
//! derived `Canon` of [`derived`], through handlers returning `Result<_, Canon>`.

pub mod derived;

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::fmt::{self, Write as _};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use apierror::envelope::Envelope;
use apierror::{Api, ApiError, Details, Message, StatusCode, WriteError};
use serde::Deserialize;

use crate::servers::{ActixServer, AxumServer};

// ---------------------------------------------------------------------------------------------
// The reference error
// ---------------------------------------------------------------------------------------------

/// The reference error of `tests/vectors/ENVELOPES.md`, implemented by hand (without the derive). Its `Display` (which the wire
/// must not show for the 5xx) is thiserror's, as a user of the derive would write it.
#[derive(Debug, thiserror::Error)]
pub enum Canon {
    /// 429 `RATE_LIMITED`, with a retry delay.
    #[error("rate limited for {wait:?}")]
    RateLimited { wait: Duration },
    /// 400 `INVALID_PARAMETERS`, with two detail fields.
    #[error("parameter {field} is {requirement}")]
    InvalidParameters { field: String, requirement: String },
    /// 500 `INTERNAL_ERROR`, whose cause must never reach the wire.
    #[error("database failure: {0}")]
    Internal(#[source] std::io::Error),
}

impl ApiError for Canon {
    const API: Api = Api::new()
        .with_domain("api.example.com")
        .with_version("1.0.0");
    fn status(&self) -> StatusCode {
        match self {
            Canon::RateLimited { .. } => StatusCode::TOO_MANY_REQUESTS,
            Canon::InvalidParameters { .. } => StatusCode::BAD_REQUEST,
            Canon::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn code(&self) -> &'static str {
        match self {
            Canon::RateLimited { .. } => "RATE_LIMITED",
            Canon::InvalidParameters { .. } => "INVALID_PARAMETERS",
            Canon::Internal(_) => "INTERNAL_ERROR",
        }
    }

    fn message(&self, out: &mut Message<'_>) -> fmt::Result {
        match self {
            Canon::RateLimited { .. } => {
                out.write_str("Rate limit exceeded. Please retry after the specified period.")
            }
            Canon::InvalidParameters { field, .. } => {
                write!(out, "The '{field}' field is required")
            }
            // A 5xx without `expose`: the default, the canonical reason phrase.
            Canon::Internal(_) => out.write_reason(self.status()),
        }
    }

    fn retry_after(&self) -> Option<Duration> {
        match self {
            Canon::RateLimited { wait } => Some(*wait),
            _ => None,
        }
    }

    fn details(&self, out: &mut Details<'_>) -> Result<(), WriteError> {
        if let Canon::InvalidParameters { field, requirement } = self {
            out.field("field", field)?;
            out.field("requirement", requirement)?;
        }
        Ok(())
    }
}

/// The secret inside `Canon::Internal`; it must never appear in any response.
pub const SECRET: &str = "hunter2";

/// The case names the vectors use, in the order of `tests/vectors/ENVELOPES.md`.
pub const CASES: &[&str] = &["rate_limited", "invalid_parameters", "internal"];

/// The `Canon` value a vector case stands for.
///
/// # Panics
///
/// On a case name the vectors do not define (see [`CASES`]).
pub fn canon_case(name: &str) -> Canon {
    match name {
        "rate_limited" => Canon::RateLimited {
            wait: Duration::from_secs(5),
        },
        "invalid_parameters" => Canon::InvalidParameters {
            field: "role_id".to_owned(),
            requirement: "required".to_owned(),
        },
        "internal" => Canon::Internal(std::io::Error::other("db password=hunter2")),
        other => panic!("unknown vector case {other:?} (known: {CASES:?})"),
    }
}

// ---------------------------------------------------------------------------------------------
// Which envelopes exist
// ---------------------------------------------------------------------------------------------

/// The envelopes of the seed documents; their vector files must exist.
pub const SEED_ENVELOPES: &[&str] = &[
    "ErrorFlag",
    "ErrorMessage",
    "ErrorCode",
    "DataErrorMeta",
    "ErrorObject",
];

/// Envelopes that have vector files but no runtime type yet: their vectors are skipped.
///
/// When the runtime gains one, remove it from here and add it to `implemented_envelopes!`
/// below; a vector file whose envelope is in neither list fails the tests.
pub const NOT_YET_IMPLEMENTED: &[&str] = &[];

/// Lists the envelope types of the runtime that the vectors are checked against, and builds
/// from that one list the names, the axum routes and the actix-web routes.
macro_rules! implemented_envelopes {
    ($($name:ident),+ $(,)?) => {
        /// The envelopes whose vectors are checked, by the names the vector files use.
        pub const IMPLEMENTED: &[&str] = &[$(stringify!($name)),+];

        /// An axum router serving `GET /hand/{Envelope}/{case}` for every implemented envelope.
        pub fn axum_router<T: ApiError + 'static>(make: fn(&str) -> T) -> axum::Router {
            axum::Router::new()
                $(.route(
                    concat!("/hand/", stringify!($name), "/{case}"),
                    axum_route::<apierror::envelope::$name, T>(make),
                ))+
        }

        /// Adds `GET /hand/{Envelope}/{case}` to an actix-web app for every implemented envelope.
        pub fn actix_routes<T: ApiError + 'static>(
            config: &mut actix_web::web::ServiceConfig,
            make: fn(&str) -> T,
        ) {
            $(config.route(
                concat!("/hand/", stringify!($name), "/{case}"),
                actix_route::<apierror::envelope::$name, T>(make),
            );)+
        }
    };
}

implemented_envelopes!(
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

fn axum_route<E: Envelope + 'static, T: ApiError + 'static>(
    make: fn(&str) -> T,
) -> axum::routing::MethodRouter {
    axum::routing::get(
        move |axum::extract::Path(case): axum::extract::Path<String>| async move {
            apierror::axum::into_response::<E>(&make(&case))
        },
    )
}

fn actix_route<E: Envelope + 'static, T: ApiError + 'static>(
    make: fn(&str) -> T,
) -> actix_web::Route {
    actix_web::web::get().to(move |case: actix_web::web::Path<String>| async move {
        apierror::actix::error_response::<E>(&make(&case))
    })
}

// ---------------------------------------------------------------------------------------------
// Vector files
// ---------------------------------------------------------------------------------------------

/// The directory of the wire-format vector files: the repository's own copy (`tests/vectors/`).
pub const VECTOR_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/vectors");

/// One vector file: one envelope, its cases.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VectorFile {
    pub envelope: String,
    /// Prose for humans; not checked.
    #[serde(default, rename = "note")]
    pub _note: Option<serde::de::IgnoredAny>,
    pub cases: Vec<VectorCase>,
    #[serde(skip)]
    pub path: PathBuf,
}

/// One expected response.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VectorCase {
    pub case: String,
    pub status: u16,
    /// Header names (lower-case) and their exact values.
    pub headers: BTreeMap<String, String>,
    /// The exact body, with `{{uuid}}` and `{{rfc3339_nanos}}` placeholders.
    pub body: String,
}

/// All vector files, checked for consistency with the lists above: the seed envelopes are
/// all there, every file's envelope is either implemented or explicitly not yet implemented,
/// every implemented envelope has a file, and every case is one `canon_case` knows.
///
/// Returns the files of the implemented envelopes, sorted by envelope name.
///
/// # Panics
///
/// On any of those inconsistencies, or an unreadable or malformed file.
pub fn load_implemented_vectors() -> Vec<VectorFile> {
    load_all_vectors().0
}

/// Like [`load_implemented_vectors`], also returning the names of the skipped envelopes.
pub fn load_all_vectors() -> (Vec<VectorFile>, Vec<String>) {
    for name in IMPLEMENTED {
        assert!(
            !NOT_YET_IMPLEMENTED.contains(name),
            "envelope {name} is both implemented and listed as not yet implemented"
        );
    }

    let dir = Path::new(VECTOR_DIR);
    let entries = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read the vector directory {}: {e}", dir.display()));
    let mut paths: Vec<PathBuf> = entries
        .map(|entry| entry.expect("vector directory entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    paths.sort();

    let mut seen = BTreeSet::new();
    let mut implemented = Vec::new();
    let mut skipped = Vec::new();
    for path in paths {
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        let mut file: VectorFile = serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("malformed vector file {}: {e}", path.display()));
        file.path.clone_from(&path);
        check_file(&file);
        assert!(
            seen.insert(file.envelope.clone()),
            "two vector files for envelope {} (the second is {})",
            file.envelope,
            path.display()
        );
        if IMPLEMENTED.contains(&file.envelope.as_str()) {
            implemented.push(file);
        } else if NOT_YET_IMPLEMENTED.contains(&file.envelope.as_str()) {
            skipped.push(file.envelope);
        } else {
            panic!(
                "vector file {} is for envelope {:?}, which is neither implemented {IMPLEMENTED:?} \
                 nor listed as not yet implemented {NOT_YET_IMPLEMENTED:?}",
                path.display(),
                file.envelope
            );
        }
    }

    for name in SEED_ENVELOPES {
        assert!(
            seen.contains(*name),
            "no vector file for the seed envelope {name} in {VECTOR_DIR} (found {seen:?})"
        );
    }
    for name in IMPLEMENTED {
        assert!(
            seen.contains(*name),
            "envelope {name} is implemented but has no vector file in {VECTOR_DIR}"
        );
    }
    implemented.sort_by(|a, b| a.envelope.cmp(&b.envelope));
    skipped.sort();
    (implemented, skipped)
}

fn check_file(file: &VectorFile) {
    let where_ = file.path.display();
    assert!(!file.cases.is_empty(), "{where_}: no cases");
    let mut names = HashSet::new();
    for case in &file.cases {
        assert!(
            CASES.contains(&case.case.as_str()),
            "{where_}: unknown case {:?} (canon_case knows {CASES:?})",
            case.case
        );
        assert!(
            names.insert(case.case.as_str()),
            "{where_}: case {:?} appears twice",
            case.case
        );
        assert!(
            (400..=599).contains(&case.status),
            "{where_}: case {:?} has the non-error status {}",
            case.case,
            case.status
        );
        for name in case.headers.keys() {
            assert!(
                *name == name.to_ascii_lowercase(),
                "{where_}: case {:?}: header name {name:?} is not lower-case",
                case.case
            );
        }
        assert!(
            !case.body.contains(SECRET),
            "{where_}: case {:?}: the expected body contains the secret",
            case.case
        );
    }
}

// ---------------------------------------------------------------------------------------------
// The body matcher
// ---------------------------------------------------------------------------------------------

/// How far a `{{rfc3339_nanos}}` may be from the time of the check.
pub const CLOCK_TOLERANCE: Duration = Duration::from_secs(300);

/// Nanoseconds since the Unix epoch, now.
#[must_use]
pub fn unix_nanos_now() -> i128 {
    let since = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .expect("the clock is after 1970");
    i128::try_from(since.as_nanos()).expect("a plausible clock")
}

/// The values the placeholders of one body stood for.
#[derive(Debug, Default)]
pub struct Captured {
    pub uuids: Vec<String>,
    pub timestamps: Vec<String>,
}

/// Compares `actual` with the `template` of a vector: every byte equal, except that
/// `{{uuid}}` matches a lower-case hyphenated UUID v4 and `{{rfc3339_nanos}}` a UTC timestamp
/// with nine fractional digits within [`CLOCK_TOLERANCE`] of `now` (Unix nanoseconds).
///
/// # Errors
///
/// A description of the first difference.
pub fn match_body(template: &str, actual: &[u8], now: i128) -> Result<Captured, String> {
    let mut captured = Captured::default();
    let mut rest = template;
    let mut pos = 0; // in `actual`
    loop {
        let (literal, placeholder) = match rest.find("{{") {
            Some(start) => {
                let end = rest[start..]
                    .find("}}")
                    .map(|e| start + e)
                    .ok_or_else(|| format!("unterminated placeholder in template: {rest:?}"))?;
                let literal = &rest[..start];
                let name = &rest[start + 2..end];
                rest = &rest[end + 2..];
                (literal, Some(name))
            }
            None => {
                let literal = rest;
                rest = "";
                (literal, None)
            }
        };

        // The literal bytes.
        let want = literal.as_bytes();
        let got = actual.get(pos..).unwrap_or_default();
        if let Some(i) = want.iter().zip(got).position(|(w, g)| w != g) {
            return Err(format!(
                "byte {} differs: expected {:?}, found {:?}",
                pos + i,
                excerpt(&want[i..]),
                excerpt(&got[i..])
            ));
        }
        if got.len() < want.len() {
            return Err(format!(
                "body ends at byte {}, expected {:?} more",
                actual.len(),
                excerpt(&want[got.len()..])
            ));
        }
        pos += want.len();

        // The placeholder, if any.
        let Some(name) = placeholder else { break };
        let (len, check): (usize, ShapeCheck) = match name {
            "uuid" => (36, check_uuid_v4),
            "rfc3339_nanos" => (30, check_rfc3339_nanos),
            other => return Err(format!("unknown placeholder {{{{{other}}}}} in template")),
        };
        let Some(value) = actual.get(pos..pos + len) else {
            return Err(format!(
                "body ends within {{{{{name}}}}} at byte {pos}: {:?}",
                excerpt(&actual[pos.min(actual.len())..])
            ));
        };
        check(value, now).map_err(|e| format!("{{{{{name}}}}} at byte {pos}: {e}"))?;
        let text = String::from_utf8_lossy(value).into_owned();
        match name {
            "uuid" => captured.uuids.push(text),
            _ => captured.timestamps.push(text),
        }
        pos += len;
    }
    if pos != actual.len() {
        return Err(format!(
            "body has {} extra bytes at byte {pos}: {:?}",
            actual.len() - pos,
            excerpt(&actual[pos..])
        ));
    }
    Ok(captured)
}

/// Checks the bytes a placeholder stands for, given the time of the check.
type ShapeCheck = fn(&[u8], i128) -> Result<(), String>;

fn excerpt(bytes: &[u8]) -> String {
    let cut = &bytes[..bytes.len().min(40)];
    let mut text = String::from_utf8_lossy(cut).into_owned();
    if cut.len() < bytes.len() {
        text.push('…');
    }
    text
}

/// A lower-case hyphenated UUID v4: `xxxxxxxx-xxxx-4xxx-[89ab]xxx-xxxxxxxxxxxx`.
fn check_uuid_v4(value: &[u8], _now: i128) -> Result<(), String> {
    let fail = |why: &str| Err(format!("{:?} is not a UUID v4: {why}", excerpt(value)));
    if value.len() != 36 {
        return fail("not 36 bytes");
    }
    for (i, &b) in value.iter().enumerate() {
        let ok = match i {
            8 | 13 | 18 | 23 => b == b'-',
            _ => b.is_ascii_digit() || (b'a'..=b'f').contains(&b),
        };
        if !ok {
            return fail(&format!("byte {i} is {:?}", char::from(b)));
        }
    }
    if value[14] != b'4' {
        return fail("the version nibble is not 4");
    }
    if !matches!(value[19], b'8' | b'9' | b'a' | b'b') {
        return fail("the variant nibble is not 8, 9, a or b");
    }
    Ok(())
}

/// `YYYY-MM-DDTHH:MM:SS.nnnnnnnnnZ`, a real date and time, within the tolerance of `now`.
fn check_rfc3339_nanos(value: &[u8], now: i128) -> Result<(), String> {
    let nanos = parse_rfc3339_nanos(value).map_err(|why| {
        format!(
            "{:?} is not YYYY-MM-DDTHH:MM:SS.nnnnnnnnnZ: {why}",
            excerpt(value)
        )
    })?;
    let off = (nanos - now).abs();
    if off > i128::from(CLOCK_TOLERANCE.as_secs()) * 1_000_000_000 {
        return Err(format!(
            "{:?} is {} s away from now",
            excerpt(value),
            off / 1_000_000_000
        ));
    }
    Ok(())
}

/// Parses `YYYY-MM-DDTHH:MM:SS.nnnnnnnnnZ` to nanoseconds since the Unix epoch.
pub fn parse_rfc3339_nanos(value: &[u8]) -> Result<i128, String> {
    if value.len() != 30 {
        return Err(format!("{} bytes, not 30", value.len()));
    }
    for (i, sep) in [
        (4, b'-'),
        (7, b'-'),
        (10, b'T'),
        (13, b':'),
        (16, b':'),
        (19, b'.'),
        (29, b'Z'),
    ] {
        if value[i] != sep {
            return Err(format!("byte {i} is not {:?}", char::from(sep)));
        }
    }
    let number = |range: std::ops::Range<usize>| -> Result<i64, String> {
        let mut n = 0i64;
        for i in range {
            let b = value[i];
            if !b.is_ascii_digit() {
                return Err(format!("byte {i} is not a digit"));
            }
            n = n * 10 + i64::from(b - b'0');
        }
        Ok(n)
    };
    let (year, month, day) = (number(0..4)?, number(5..7)?, number(8..10)?);
    let (hour, minute, second) = (number(11..13)?, number(14..16)?, number(17..19)?);
    let fraction = number(20..29)?;
    if !(1..=12).contains(&month) {
        return Err(format!("month {month}"));
    }
    if !(1..=days_in_month(year, month)).contains(&day) {
        return Err(format!("day {day} of month {month}"));
    }
    if hour > 23 || minute > 59 || second > 59 {
        return Err(format!("time {hour}:{minute}:{second}"));
    }
    let secs = days_from_civil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second;
    Ok(i128::from(secs) * 1_000_000_000 + i128::from(fraction))
}

fn days_in_month(year: i64, month: i64) -> i64 {
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let yoe = year - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

// ---------------------------------------------------------------------------------------------
// Checking one server
// ---------------------------------------------------------------------------------------------

/// Headers the HTTP stacks add on their own; any other header must be listed in the vector.
pub const TRANSPORT_HEADERS: &[&str] = &["content-length", "date", "connection", "keep-alive"];

/// One response as received.
pub struct Received {
    pub status: u16,
    pub headers: Vec<(String, Vec<u8>)>,
    pub body: Vec<u8>,
}

impl Received {
    fn describe(&self) -> String {
        let mut text = format!("status {}\n", self.status);
        for (name, value) in &self.headers {
            let _ = writeln!(text, "{name}: {}", String::from_utf8_lossy(value));
        }
        let _ = write!(text, "\n{}", String::from_utf8_lossy(&self.body));
        text
    }

    fn values(&self, name: &str) -> Vec<&[u8]> {
        self.headers
            .iter()
            .filter(|(n, _)| n == name)
            .map(|(_, v)| v.as_slice())
            .collect()
    }
}

/// Compares one received response with one vector case; `now` is in Unix nanoseconds.
///
/// # Errors
///
/// Every difference found, one a line.
pub fn compare(expected: &VectorCase, received: &Received, now: i128) -> Result<Captured, String> {
    let mut problems = Vec::new();

    if received.status != expected.status {
        problems.push(format!(
            "status {} instead of {}",
            received.status, expected.status
        ));
    }

    for (name, value) in &expected.headers {
        match received.values(name).as_slice() {
            [] => problems.push(format!("header {name} is missing (expected {value:?})")),
            [got] if *got == value.as_bytes() => {}
            [got] => problems.push(format!(
                "header {name} is {:?} instead of {value:?}",
                String::from_utf8_lossy(got)
            )),
            many => problems.push(format!(
                "header {name} appears {} times (expected once, {value:?})",
                many.len()
            )),
        }
    }
    for (name, _) in &received.headers {
        if !expected.headers.contains_key(name) && !TRANSPORT_HEADERS.contains(&name.as_str()) {
            problems.push(format!(
                "unexpected header {name} (neither in the vector nor a transport header {TRANSPORT_HEADERS:?})"
            ));
        }
    }
    let length = received.body.len().to_string();
    match received.values("content-length").as_slice() {
        [got] if *got == length.as_bytes() => {}
        other => problems.push(format!(
            "content-length {:?} does not state the body length {length}",
            other
                .iter()
                .map(|v| String::from_utf8_lossy(v))
                .collect::<Vec<_>>()
        )),
    }

    let captured = match match_body(&expected.body, &received.body, now) {
        Ok(captured) => captured,
        Err(why) => {
            problems.push(format!("body: {why}"));
            Captured::default()
        }
    };

    if contains(&received.body, SECRET.as_bytes()) {
        problems.push(format!("the body leaks the secret {SECRET:?}"));
    }
    for (name, value) in &received.headers {
        if contains(value, SECRET.as_bytes()) || name.contains(SECRET) {
            problems.push(format!("header {name} leaks the secret {SECRET:?}"));
        }
    }

    if problems.is_empty() {
        Ok(captured)
    } else {
        Err(problems.join("\n"))
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// Sends a real GET for every case of every vector to `base` (`http://127.0.0.1:port`),
/// where `framework` serves `/{Envelope}/{case}`, and compares the responses.
///
/// # Panics
///
/// With every failure, each naming envelope, case and framework, and showing the expected and
/// the actual response.
pub async fn check_server(framework: &str, base: &str, vectors: &[VectorFile]) {
    let client = reqwest::Client::builder()
        .no_proxy()
        .timeout(Duration::from_secs(30))
        .build()
        .expect("reqwest client");

    let mut failures = Vec::new();
    let mut checked = 0;
    let mut uuids = BTreeMap::new();
    for file in vectors {
        for case in &file.cases {
            let url = format!("{base}/{}/{}", file.envelope, case.case);
            let context = format!(
                "[{framework}] envelope {}, case {} (GET {url}, vector {})",
                file.envelope,
                case.case,
                file.path.display()
            );
            let received = match get(&client, &url).await {
                Ok(received) => received,
                Err(e) => {
                    failures.push(format!("{context}: request failed: {e}"));
                    continue;
                }
            };
            checked += 1;
            match compare(case, &received, unix_nanos_now()) {
                Ok(captured) => {
                    for uuid in captured.uuids {
                        if let Some(other) = uuids.insert(uuid.clone(), context.clone()) {
                            failures.push(format!(
                                "{context}: request id {uuid} was already used by {other}; \
                                 a fresh UUID v4 is expected per response"
                            ));
                        }
                    }
                }
                Err(why) => failures.push(format!(
                    "{context}:\n{}\n--- expected: status {}, headers {:?}\n{}\n--- actual:\n{}",
                    indent(&why),
                    case.status,
                    case.headers,
                    case.body,
                    received.describe()
                )),
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of the {framework} responses differ from the vectors:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
    let expected: usize = vectors.iter().map(|file| file.cases.len()).sum();
    assert_eq!(
        checked, expected,
        "[{framework}] not every case was checked"
    );
}

fn indent(text: &str) -> String {
    text.lines()
        .map(|line| format!("    {line}"))
        .collect::<Vec<_>>()
        .join("\n")
}

async fn get(client: &reqwest::Client, url: &str) -> Result<Received, reqwest::Error> {
    let response = client.get(url).send().await?;
    let status = response.status().as_u16();
    let headers = response
        .headers()
        .iter()
        .map(|(name, value)| (name.as_str().to_owned(), value.as_bytes().to_vec()))
        .collect();
    let body = response.bytes().await?.to_vec();
    Ok(Received {
        status,
        headers,
        body,
    })
}

// ---------------------------------------------------------------------------------------------
// The servers
// ---------------------------------------------------------------------------------------------

/// An axum server answering the hand-written impl (`make`) under `/hand` and the derived one
/// under `/derived`.
pub async fn axum_server<T: ApiError + 'static>(make: fn(&str) -> T) -> AxumServer {
    AxumServer::start(derived::axum_routes(axum_router(make))).await
}

/// The actix-web twin of [`axum_server`].
#[must_use]
pub fn actix_server<T: ApiError + 'static>(make: fn(&str) -> T) -> ActixServer {
    ActixServer::start(move || {
        actix_web::App::new()
            .configure(|config| actix_routes(config, make))
            .configure(derived::actix_routes)
    })
}
