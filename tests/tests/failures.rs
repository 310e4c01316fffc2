//! When the error's own code fails, through real servers (axum and actix-web, behind the
//! request-context middleware): a `Display` that returns `Err` or panics, a detail whose
//! `Serialize` returns `Err` or panics, a hand-written `status()` that panics or is not an
//! error status, a hand-written `code()` that panics. Each is answered with a well-formed
//! `500 INTERNAL_ERROR` in the type's own envelope (never a dropped connection, never a piece of
//! the half-written body), and logged once at ERROR with what the client got (`code`), why
//! (`cause`) and what the error would have been (`error_code`). An envelope with no place for
//! details (ErrorFlag) never serializes them, so a failing detail does not fail there.
//!
//! Also the log's chain: it does not repeat a source the message already shows, and a
//! `Display` that fails or panics while the log formats it is named in its place, the rest of
//! the chain and the line kept (see `PANICKING_SOURCE`).

mod logs;
mod servers;

use core::fmt;

use apierror::envelope::Envelope;
use apierror::{ApiError, RateLimit, StatusCode};
use logs::Buffer;
use servers::{client, ActixServer, AxumServer};

// ---------------------------------------------------------------------------------------------
// User code that fails
// ---------------------------------------------------------------------------------------------

/// Text each failing piece writes before it fails: it must never reach a body.
const LEAK_DISPLAY: &str = "LEAK-display-secret";
const LEAK_DETAIL: &str = "LEAK-detail-secret";

/// A `Display` that writes part of its text, then fails.
#[derive(Debug)]
struct Broken;

impl fmt::Display for Broken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(LEAK_DISPLAY)?;
        Err(fmt::Error)
    }
}

/// A `Display` that writes part of its text, then panics.
#[derive(Debug)]
struct Exploding;

impl fmt::Display for Exploding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(LEAK_DISPLAY)?;
        panic!("display exploded")
    }
}

/// A `Serialize` that fails.
#[derive(Debug)]
struct Refusing;

impl serde::Serialize for Refusing {
    fn serialize<S: serde::Serializer>(&self, _: S) -> Result<S::Ok, S::Error> {
        Err(serde::ser::Error::custom("no way"))
    }
}

/// A `Serialize` that panics.
#[derive(Debug)]
struct Bomb;

impl serde::Serialize for Bomb {
    fn serialize<S: serde::Serializer>(&self, _: S) -> Result<S::Ok, S::Error> {
        panic!("serialize exploded")
    }
}

/// The innermost source of `WrappedBroken` and `WrappedExploding`.
#[derive(Debug, thiserror::Error)]
#[error("inner cause")]
struct Inner;

/// A source whose `Display` fails, with a source of its own.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
struct BrokenSource(Broken, #[source] Inner);

/// A source whose `Display` panics, with a source of its own.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
struct ExplodingSource(Exploding, #[source] Inner);

/// The text of the I/O error behind `Database`.
const IO_TEXT: &str = "disk on fire (secret-io)";

// ---------------------------------------------------------------------------------------------
// The errors: one derived enum per envelope, and hand-written impls
// ---------------------------------------------------------------------------------------------

/// What a route answers with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// (a) A 4xx without `message`, whose `Display` fails.
    BadMessage,
    /// (a) The same on a 429 with a retry delay and a rate limit: the 500 carries neither.
    BadMessageRetry,
    /// (b) A detail whose `Serialize` fails, after a detail that did serialize.
    BadDetail,
    /// (c) A 4xx without `message`, whose `Display` panics.
    PanickingMessage,
    /// (d) A detail whose `Serialize` panics.
    PanickingDetail,
    /// (e) Hand-written: `status()` panics.
    StatusPanics,
    /// (e) Hand-written: `status()` is `200 OK`.
    StatusOk,
    /// Hand-written: `code()` panics.
    CodePanics,
    /// A 500 whose message shows its `#[from]` source.
    Database,
    /// A 503 (its `Display` is never shown) whose `Display` fails: only the log calls it.
    HiddenBroken,
    /// A 502 whose `Display` panics: only the log calls it.
    HiddenExploding,
    /// A 500 whose source's `Display` fails, with a source of its own.
    WrappedBroken,
    /// A 500 whose source's `Display` panics, with a source of its own.
    WrappedExploding,
    /// A healthy 404.
    NotFound,
}

/// A derived enum with a variant for every derived [`Kind`].
trait Failing: Sized + 'static {
    /// The envelope the type answers in.
    type Env: Envelope;

    /// The error for `kind`, `None` for the hand-written kinds.
    fn make(kind: Kind) -> Option<Self>;
}

macro_rules! failing_enum {
    ($name:ident, $($envelope:tt)+) => {
        #[derive(Debug, thiserror::Error, ApiError)]
        #[api(envelope = $($envelope)+)]
        enum $name {
            #[error("bad message: {0}")]
            #[api(status = 400)]
            BadMessage(Broken),
            #[error("slow down: {0}")]
            #[api(status = 429, retry_after = 30)]
            BadMessageRetry(
                Broken,
                #[api(rate_limit)] RateLimit,
            ),
            #[error("bad detail")]
            #[api(status = 422)]
            BadDetail {
                #[api(detail)]
                token: &'static str,
                #[api(detail)]
                refusing: Refusing,
            },
            #[error("panicking message: {0}")]
            #[api(status = 409)]
            PanickingMessage(Exploding),
            #[error("panicking detail")]
            #[api(status = 422)]
            PanickingDetail {
                #[api(detail)]
                token: &'static str,
                #[api(detail)]
                bomb: Bomb,
            },
            #[error("database failure: {0}")]
            #[api(status = 500)]
            Database(#[from] std::io::Error),
            #[error("user {0} not found")]
            #[api(status = 404, code = "USER_NOT_FOUND")]
            NotFound(u64),
            #[error("hidden: {0}")]
            #[api(status = 503)]
            HiddenBroken(Broken),
            #[error("hidden: {0}")]
            #[api(status = 502)]
            HiddenExploding(Exploding),
            #[error("wrapped")]
            #[api(status = 500)]
            WrappedBroken(#[source] BrokenSource),
            #[error("wrapped")]
            #[api(status = 500)]
            WrappedExploding(#[source] ExplodingSource),
        }

        impl Failing for $name {
            type Env = $($envelope)+;

            fn make(kind: Kind) -> Option<Self> {
                Some(match kind {
                    Kind::BadMessage => $name::BadMessage(Broken),
                    Kind::BadMessageRetry => {
                        $name::BadMessageRetry(Broken, RateLimit::new(100, 0, 1_767_225_600))
                    }
                    Kind::BadDetail => $name::BadDetail {
                        token: LEAK_DETAIL,
                        refusing: Refusing,
                    },
                    Kind::PanickingMessage => $name::PanickingMessage(Exploding),
                    Kind::PanickingDetail => $name::PanickingDetail {
                        token: LEAK_DETAIL,
                        bomb: Bomb,
                    },
                    Kind::Database => $name::Database(std::io::Error::other(IO_TEXT)),
                    Kind::NotFound => $name::NotFound(7),
                    Kind::HiddenBroken => $name::HiddenBroken(Broken),
                    Kind::HiddenExploding => $name::HiddenExploding(Exploding),
                    Kind::WrappedBroken => $name::WrappedBroken(BrokenSource(Broken, Inner)),
                    Kind::WrappedExploding => {
                        $name::WrappedExploding(ExplodingSource(Exploding, Inner))
                    }
                    Kind::StatusPanics | Kind::StatusOk | Kind::CodePanics => return None,
                })
            }
        }
    };
}

failing_enum!(ObjectError, apierror::envelope::ErrorObject);
failing_enum!(FlagError, apierror::envelope::ErrorFlag);

/// Hand-written: `status()` panics.
struct StatusPanics;

impl ApiError for StatusPanics {
    fn status(&self) -> StatusCode {
        panic!("status exploded")
    }

    fn code(&self) -> &'static str {
        "STATUS_PANICS"
    }
}

/// Hand-written: `status()` is a success.
struct StatusOk;

impl ApiError for StatusOk {
    fn status(&self) -> StatusCode {
        StatusCode::OK
    }

    fn code(&self) -> &'static str {
        "STATUS_OK"
    }

    fn message(&self, out: &mut apierror::Message<'_>) -> fmt::Result {
        out.write_str(LEAK_DISPLAY)
    }
}

/// Hand-written: `code()` panics (a 404 otherwise).
struct CodePanics;

impl ApiError for CodePanics {
    fn status(&self) -> StatusCode {
        StatusCode::NOT_FOUND
    }

    fn code(&self) -> &'static str {
        panic!("code exploded")
    }

    fn message(&self, out: &mut apierror::Message<'_>) -> fmt::Result {
        out.write_str(LEAK_DISPLAY)
    }
}

// ---------------------------------------------------------------------------------------------
// The cases
// ---------------------------------------------------------------------------------------------

/// One failing route and what its log line must say.
struct Case {
    kind: Kind,
    path: &'static str,
    /// The `cause` field, exactly.
    cause: &'static str,
    /// The `error_code` field, exactly; `None`: absent.
    error_code: Option<&'static str>,
    /// The `error` field (the chain), exactly; `None`: absent (not a `std::error::Error`).
    error: Option<&'static str>,
}

const CASES: &[Case] = &[
    Case {
        kind: Kind::BadMessage,
        path: "bad-message",
        cause: "the error's message failed to format",
        error_code: Some("BAD_MESSAGE"),
        error: Some("<the error's Display failed>"),
    },
    Case {
        kind: Kind::BadMessageRetry,
        path: "bad-message-retry",
        cause: "the error's message failed to format",
        error_code: Some("BAD_MESSAGE_RETRY"),
        error: Some("<the error's Display failed>"),
    },
    Case {
        kind: Kind::BadDetail,
        path: "bad-detail",
        cause: "a detail failed to serialize: no way",
        error_code: Some("BAD_DETAIL"),
        error: Some("bad detail"),
    },
    Case {
        kind: Kind::PanickingMessage,
        path: "panicking-message",
        cause: "rendering panicked: display exploded",
        error_code: Some("PANICKING_MESSAGE"),
        error: Some("<the error's Display panicked>"),
    },
    Case {
        kind: Kind::PanickingDetail,
        path: "panicking-detail",
        cause: "rendering panicked: serialize exploded",
        error_code: Some("PANICKING_DETAIL"),
        error: Some("panicking detail"),
    },
    Case {
        kind: Kind::StatusPanics,
        path: "status-panics",
        cause: "rendering panicked: status exploded",
        error_code: Some("STATUS_PANICS"),
        error: None,
    },
    Case {
        kind: Kind::StatusOk,
        path: "status-ok",
        cause: "status 200 OK is not an error status (400..=599)",
        error_code: Some("STATUS_OK"),
        error: None,
    },
    Case {
        kind: Kind::CodePanics,
        path: "code-panics",
        cause: "rendering panicked: code exploded",
        error_code: None,
        error: None,
    },
];

/// An error that renders (it shows no `Display`) but whose `Display` fails or panics when the
/// log formats its chain.
struct LogCase {
    kind: Kind,
    path: &'static str,
    status: u16,
    code: &'static str,
    /// The `error` field (the chain), exactly.
    error: &'static str,
}

const LOG_CASES: &[LogCase] = &[
    LogCase {
        kind: Kind::HiddenBroken,
        path: "hidden-broken",
        status: 503,
        code: "HIDDEN_BROKEN",
        error: "<the error's Display failed>",
    },
    LogCase {
        kind: Kind::HiddenExploding,
        path: "hidden-exploding",
        status: 502,
        code: "HIDDEN_EXPLODING",
        error: "<the error's Display panicked>",
    },
    LogCase {
        kind: Kind::WrappedBroken,
        path: "wrapped-broken",
        status: 500,
        code: "WRAPPED_BROKEN",
        error: "wrapped: <the error's Display failed>: inner cause",
    },
];

/// A source in the middle of the chain whose `Display` panics: named in its place, like one
/// that fails, keeping the error's own text and the sources after it.
const PANICKING_SOURCE: LogCase = LogCase {
    kind: Kind::WrappedExploding,
    path: "wrapped-exploding",
    status: 500,
    code: "WRAPPED_EXPLODING",
    error: "wrapped: <the error's Display panicked>: inner cause",
};

/// The routes every server has: `/{prefix}/{case}` for both envelopes.
fn all_routes() -> Vec<(String, Kind)> {
    let mut routes = Vec::new();
    for prefix in ["object", "flag"] {
        for case in CASES {
            routes.push((format!("/{prefix}/{}", case.path), case.kind));
        }
        routes.push((format!("/{prefix}/database"), Kind::Database));
        routes.push((format!("/{prefix}/not-found"), Kind::NotFound));
        for case in LOG_CASES.iter().chain([&PANICKING_SOURCE]) {
            routes.push((format!("/{prefix}/{}", case.path), case.kind));
        }
    }
    routes
}

/// The 500 each envelope answers with.
fn internal_body(prefix: &str, id: &str) -> String {
    match prefix {
        "object" => format!(
            r#"{{"error":{{"code":"INTERNAL_ERROR","message":"Internal Server Error","details":{{"request_id":"{id}"}}}}}}"#
        ),
        "flag" => {
            r#"{"error":true,"message":"Internal Server Error","code":"INTERNAL_ERROR"}"#.to_owned()
        }
        _ => unreachable!("{prefix}"),
    }
}

/// The fields the glue's line may have, in the order it writes them.
const FIELDS: &[&str] = &[
    "status",
    "code",
    "request_id",
    "error",
    "cause",
    "error_code",
];

/// The fields of one "error response" line, in order: `(name, value)`, each value up to the
/// next field's ` name=`.
fn fields(line: &str) -> Vec<(&'static str, String)> {
    let (_, rest) = line
        .split_once("error response")
        .unwrap_or_else(|| panic!("not a glue line: {line:?}"));
    let mut starts: Vec<(usize, &'static str)> = Vec::new();
    for name in FIELDS {
        let needle = format!(" {name}=");
        let mut from = 0;
        while let Some(at) = rest[from..].find(&needle) {
            starts.push((from + at, name));
            from += at + needle.len();
        }
    }
    starts.sort_unstable();
    starts
        .iter()
        .enumerate()
        .map(|(i, &(at, name))| {
            let value_start = at + name.len() + 2;
            let value_end = starts.get(i + 1).map_or(rest.len(), |&(next, _)| next);
            (name, rest[value_start..value_end].to_owned())
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Requests
// ---------------------------------------------------------------------------------------------

type Addr = std::net::SocketAddr;

struct Reply {
    status: u16,
    headers: reqwest::header::HeaderMap,
    body: String,
}

async fn get(client: &reqwest::Client, addr: Addr, path: &str, id: &str) -> Reply {
    let response = client
        .get(format!("http://{addr}{path}"))
        .header("x-request-id", id)
        .send()
        .await
        .unwrap_or_else(|error| panic!("GET {path}: no response (connection dropped?): {error}"));
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let body = response
        .text()
        .await
        .unwrap_or_else(|error| panic!("GET {path}: the body broke off: {error}"));
    Reply {
        status,
        headers,
        body,
    }
}

/// The one glue line of request `id`, at `level`.
fn one_line(framework: &str, log: &Buffer, id: &str, level: &str) -> String {
    let lines = log.lines_with(&format!("request_id={id}"));
    assert_eq!(
        lines.len(),
        1,
        "[{framework}] {id}: logged once: {:#?}",
        log.lines()
    );
    let line = lines.into_iter().next().unwrap_or_default();
    assert!(
        line.contains(&format!(" {level} ")),
        "[{framework}] {id}: not at {level}: {line:?}"
    );
    line
}

/// Every failing case in both envelopes: the plain 500, the log line; then the healthy 404 on
/// the same client, so the server (and the connection pool) survived.
async fn check_failures(framework: &str, addr: Addr, log: &Buffer) {
    let client = client();
    for prefix in ["object", "flag"] {
        for case in CASES {
            let path = format!("/{prefix}/{}", case.path);
            let id = format!("{framework}-{prefix}-{}", case.path);
            let reply = get(&client, addr, &path, &id).await;
            let what = format!("[{framework}] GET {path}");

            if prefix == "flag" && matches!(case.kind, Kind::BadDetail | Kind::PanickingDetail) {
                // ErrorFlag has no place for details: they are never serialized, so nothing
                // fails and the error answers with its own response.
                check_details_left_out(&what, &reply, case, log, &id);
                continue;
            }
            assert_eq!(reply.status, 500, "{what}: {}", reply.body);
            assert_eq!(
                reply.headers.get("content-type").map(|v| v.as_bytes()),
                Some(&b"application/json"[..]),
                "{what}"
            );
            assert_eq!(reply.body, internal_body(prefix, &id), "{what}");
            // The request id is the one piece of the body the client chose.
            let shown = reply.body.replace(&id, "");
            let secrets = [
                LEAK_DISPLAY,
                LEAK_DETAIL,
                "exploded",
                "no way",
                "bad message",
                "slow down",
                "bad detail",
                "panicking",
            ];
            for secret in secrets.into_iter().chain(case.error_code) {
                assert!(
                    !shown.contains(secret),
                    "{what}: the body shows {secret:?}: {}",
                    reply.body
                );
            }
            // The middleware still echoes the id; nothing of the failed attempt's headers stays.
            assert_eq!(
                reply.headers.get("x-request-id").map(|v| v.as_bytes()),
                Some(id.as_bytes()),
                "{what}"
            );
            for header in [
                "retry-after",
                "x-ratelimit-limit",
                "x-ratelimit-remaining",
                "x-ratelimit-reset",
            ] {
                assert!(
                    reply.headers.get(header).is_none(),
                    "{what}: the 500 carries {header}: {:?}",
                    reply.headers
                );
            }

            let line = one_line(framework, log, &id, "ERROR");
            let mut expected = vec![
                ("status", "500".to_owned()),
                ("code", r#""INTERNAL_ERROR""#.to_owned()),
                ("request_id", id.clone()),
            ];
            if let Some(error) = case.error {
                expected.push(("error", error.to_owned()));
            }
            expected.push(("cause", case.cause.to_owned()));
            if let Some(code) = case.error_code {
                // Both codes are strings, quoted alike by the formatter.
                expected.push(("error_code", format!("{code:?}")));
            }
            assert_eq!(fields(&line), expected, "{what}: {line:?}");

            // The same client is answered again: nothing was dropped or poisoned.
            let healthy_id = format!("{id}-then-404");
            let reply = get(&client, addr, &format!("/{prefix}/not-found"), &healthy_id).await;
            assert_eq!(reply.status, 404, "{what}, then 404: {}", reply.body);
            let line = one_line(framework, log, &healthy_id, "DEBUG");
            assert_eq!(
                fields(&line),
                vec![
                    ("status", "404".to_owned()),
                    ("code", r#""USER_NOT_FOUND""#.to_owned()),
                    ("request_id", healthy_id.clone()),
                ],
                "{what}, then 404: {line:?}"
            );
        }
    }
}

/// A variant whose failing detail the envelope (ErrorFlag) has no place for: its own 422,
/// logged at DEBUG without a cause.
fn check_details_left_out(what: &str, reply: &Reply, case: &Case, log: &Buffer, id: &str) {
    let (Some(message), Some(code)) = (case.error, case.error_code) else {
        unreachable!("{what}: a derived case")
    };
    assert_eq!(reply.status, 422, "{what}: {}", reply.body);
    assert_eq!(
        reply.body,
        format!(r#"{{"error":true,"message":"{message}","code":"{code}"}}"#),
        "{what}"
    );
    assert!(!reply.body.contains(LEAK_DETAIL), "{what}: {}", reply.body);
    let line = one_line(what, log, id, "DEBUG");
    assert_eq!(
        fields(&line),
        vec![
            ("status", "422".to_owned()),
            ("code", format!("{code:?}")),
            ("request_id", id.to_owned()),
        ],
        "{what}: {line:?}"
    );
}

/// `#[error("database failure: {0}")] Database(#[from] io::Error)`: the chain names the I/O
/// error once, as the message already holds it.
async fn check_no_repeated_source(framework: &str, addr: Addr, log: &Buffer) {
    let client = client();
    for (prefix, body) in [
        (
            "object",
            r#"{"error":{"code":"DATABASE","message":"Internal Server Error","details":{"request_id":"ID"}}}"#,
        ),
        (
            "flag",
            r#"{"error":true,"message":"Internal Server Error","code":"DATABASE"}"#,
        ),
    ] {
        let id = format!("{framework}-{prefix}-database");
        let path = format!("/{prefix}/database");
        let what = format!("[{framework}] GET {path}");
        let reply = get(&client, addr, &path, &id).await;
        assert_eq!(reply.status, 500, "{what}: {}", reply.body);
        assert_eq!(reply.body, body.replace("ID", &id), "{what}");
        for secret in ["disk on fire", "secret-io", "database failure"] {
            assert!(!reply.body.contains(secret), "{what}: shows {secret:?}");
        }

        let line = one_line(framework, log, &id, "ERROR");
        assert_eq!(
            fields(&line),
            vec![
                ("status", "500".to_owned()),
                ("code", r#""DATABASE""#.to_owned()),
                ("request_id", id.clone()),
                ("error", format!("database failure: {IO_TEXT}")),
            ],
            "{what}: {line:?}"
        );
        assert_eq!(
            line.matches(IO_TEXT).count(),
            1,
            "{what}: the source is repeated: {line:?}"
        );
    }
}

/// Errors whose own response renders, but whose `Display` fails or panics when the log formats
/// the chain: the response is theirs, and the line is there, naming the failure.
async fn check_log_survives(framework: &str, addr: Addr, log: &Buffer, cases: &[&LogCase]) {
    let client = client();
    for prefix in ["object", "flag"] {
        for case in cases {
            let path = format!("/{prefix}/{}", case.path);
            let id = format!("{framework}-{prefix}-{}", case.path);
            let what = format!("[{framework}] GET {path}");
            let reply = get(&client, addr, &path, &id).await;
            assert_eq!(reply.status, case.status, "{what}: {}", reply.body);
            let reason = StatusCode::from_u16(case.status)
                .ok()
                .and_then(|status| status.canonical_reason())
                .unwrap_or_default();
            let code = case.code;
            let body = match prefix {
                "object" => format!(
                    r#"{{"error":{{"code":"{code}","message":"{reason}","details":{{"request_id":"{id}"}}}}}}"#
                ),
                _ => format!(r#"{{"error":true,"message":"{reason}","code":"{code}"}}"#),
            };
            assert_eq!(reply.body, body, "{what}");

            let line = one_line(framework, log, &id, "ERROR");
            assert_eq!(
                fields(&line),
                vec![
                    ("status", case.status.to_string()),
                    ("code", format!("{code:?}")),
                    ("request_id", id.clone()),
                    ("error", case.error.to_owned()),
                ],
                "{what}: {line:?}"
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------
// axum
// ---------------------------------------------------------------------------------------------

fn axum_answer<T>(kind: Kind) -> axum::response::Response
where
    T: Failing + axum::response::IntoResponse,
{
    use axum::response::IntoResponse as _;
    match T::make(kind) {
        Some(error) => Err::<(), T>(error).into_response(),
        None => match kind {
            Kind::StatusPanics => apierror::axum::into_response::<T::Env>(&StatusPanics),
            Kind::StatusOk => apierror::axum::into_response::<T::Env>(&StatusOk),
            Kind::CodePanics => apierror::axum::into_response::<T::Env>(&CodePanics),
            _ => unreachable!("{kind:?} is derived"),
        },
    }
}

fn axum_app() -> axum::Router {
    let mut router = axum::Router::new();
    for (path, kind) in all_routes() {
        let handler = if path.starts_with("/object/") {
            axum::routing::get(move || async move { axum_answer::<ObjectError>(kind) })
        } else {
            axum::routing::get(move || async move { axum_answer::<FlagError>(kind) })
        };
        router = router.route(&path, handler);
    }
    router.layer(apierror::axum::ErrorContextLayer::new())
}

/// The server runs on this test's current-thread runtime, so the thread's default subscriber
/// sees its events.
#[tokio::test(flavor = "current_thread")]
async fn axum_failures_answer_a_plain_500() {
    let log = Buffer::default();
    let _guard = tracing::subscriber::set_default(log.subscriber());
    let server = AxumServer::start(axum_app()).await;
    check_failures("axum", server.addr, &log).await;
}

#[tokio::test(flavor = "current_thread")]
async fn axum_chain_does_not_repeat_the_message() {
    let log = Buffer::default();
    let _guard = tracing::subscriber::set_default(log.subscriber());
    let server = AxumServer::start(axum_app()).await;
    check_no_repeated_source("axum", server.addr, &log).await;
}

#[tokio::test(flavor = "current_thread")]
async fn axum_log_names_a_failing_display() {
    let log = Buffer::default();
    let _guard = tracing::subscriber::set_default(log.subscriber());
    let server = AxumServer::start(axum_app()).await;
    let cases: Vec<&LogCase> = LOG_CASES.iter().collect();
    check_log_survives("axum", server.addr, &log, &cases).await;
}

/// Fails: see `PANICKING_SOURCE`.
#[tokio::test(flavor = "current_thread")]
async fn axum_log_names_a_panicking_source_in_its_place() {
    let log = Buffer::default();
    let _guard = tracing::subscriber::set_default(log.subscriber());
    let server = AxumServer::start(axum_app()).await;
    check_log_survives("axum", server.addr, &log, &[&PANICKING_SOURCE]).await;
}

// ---------------------------------------------------------------------------------------------
// actix-web
// ---------------------------------------------------------------------------------------------

fn actix_answer<T>(kind: Kind) -> Result<actix_web::HttpResponse, actix_web::Error>
where
    T: Failing + actix_web::ResponseError,
{
    match T::make(kind) {
        // As a handler's `Err`: actix-web turns it into the response.
        Some(error) => Err(error.into()),
        None => Ok(match kind {
            Kind::StatusPanics => apierror::actix::error_response::<T::Env>(&StatusPanics),
            Kind::StatusOk => apierror::actix::error_response::<T::Env>(&StatusOk),
            Kind::CodePanics => apierror::actix::error_response::<T::Env>(&CodePanics),
            _ => unreachable!("{kind:?} is derived"),
        }),
    }
}

/// actix-web runs its worker on a thread of its own: the worker sets the subscriber as its
/// thread's default when it builds its app, and keeps it for good.
fn start_actix(log: &Buffer) -> ActixServer {
    let worker_log = log.clone();
    ActixServer::start(move || {
        std::mem::forget(tracing::subscriber::set_default(worker_log.subscriber()));
        let mut app = actix_web::App::new();
        for (path, kind) in all_routes() {
            app = if path.starts_with("/object/") {
                app.route(
                    &path,
                    actix_web::web::get()
                        .to(move || async move { actix_answer::<ObjectError>(kind) }),
                )
            } else {
                app.route(
                    &path,
                    actix_web::web::get()
                        .to(move || async move { actix_answer::<FlagError>(kind) }),
                )
            };
        }
        app.wrap(apierror::actix::ErrorContext::new())
    })
}

#[tokio::test(flavor = "current_thread")]
async fn actix_failures_answer_a_plain_500() {
    let log = Buffer::default();
    let server = start_actix(&log);
    check_failures("actix-web", server.addr, &log).await;
    server.stop().await;
}

#[tokio::test(flavor = "current_thread")]
async fn actix_chain_does_not_repeat_the_message() {
    let log = Buffer::default();
    let server = start_actix(&log);
    check_no_repeated_source("actix-web", server.addr, &log).await;
    server.stop().await;
}

#[tokio::test(flavor = "current_thread")]
async fn actix_log_names_a_failing_display() {
    let log = Buffer::default();
    let server = start_actix(&log);
    let cases: Vec<&LogCase> = LOG_CASES.iter().collect();
    check_log_survives("actix-web", server.addr, &log, &cases).await;
    server.stop().await;
}

/// Fails: see `PANICKING_SOURCE`.
#[tokio::test(flavor = "current_thread")]
async fn actix_log_names_a_panicking_source_in_its_place() {
    let log = Buffer::default();
    let server = start_actix(&log);
    check_log_survives("actix-web", server.addr, &log, &[&PANICKING_SOURCE]).await;
    server.stop().await;
}

// ---------------------------------------------------------------------------------------------
// The checks can fail
// ---------------------------------------------------------------------------------------------

#[test]
fn fields_are_split_exactly() {
    let line = "2026-01-01T00:00:00Z ERROR apierror::log: error response status=500 \
                code=\"INTERNAL_ERROR\" request_id=r-1 error=a: b cause=rendering panicked: x \
                error_code=X";
    assert_eq!(
        fields(line),
        vec![
            ("status", "500".to_owned()),
            ("code", r#""INTERNAL_ERROR""#.to_owned()),
            ("request_id", "r-1".to_owned()),
            ("error", "a: b".to_owned()),
            ("cause", "rendering panicked: x".to_owned()),
            ("error_code", "X".to_owned()),
        ]
    );
    // A field that is not there is not in the list, so a list that expects it differs.
    let without_cause = fields(
        "ERROR apierror::log: error response status=500 code=\"X\" request_id=r-2 error_code=X",
    );
    assert_eq!(
        without_cause
            .iter()
            .map(|(name, _)| *name)
            .collect::<Vec<_>>(),
        ["status", "code", "request_id", "error_code"]
    );
    assert_eq!(
        fields("x error response status=404"),
        [("status", "404".to_owned())]
    );
}
