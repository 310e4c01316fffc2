//! When the error's own code fails, through real servers (axum and actix-web, behind the
//! request-context middleware): a `Display` that returns `Err` or panics, a detail whose
//! `Serialize` returns `Err` or panics, a hand-written `status()` that panics or is not an
//! error status, a hand-written `code()` that panics. Each is answered with a well-formed
//! `500 INTERNAL_ERROR` in the type's own envelope (never a dropped connection, never a piece of
//! the half-written body), and logged once at ERROR with what the client got (`error.type`,
//! `http.response.status_code`), why (`apierror.render_failure`) and what the error would have
//! been (`apierror.failed_error_type`). An envelope with no place for
//! details (ErrorFlag) never serializes them, so a failing detail does not fail there.
//!
//! Also the log's chain: it does not repeat a source the message already shows, and a
//! `Display` that fails or panics while the log formats it is named in its place, the rest of
//! the chain and the line kept (see `PANICKING_SOURCE`).

use crate::logs;
use crate::servers;

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
    /// The `apierror.render_failure` field, exactly.
    cause: &'static str,
    /// The `apierror.failed_error_type` field, exactly; `None`: absent.
    error_code: Option<&'static str>,
    /// The `exception.message` field (the chain), exactly; `None`: absent (not a `std::error::Error`).
    error: Option<&'static str>,
}

/// An error that renders (it shows no `Display`) but whose `Display` fails or panics when the
/// log formats its chain.
struct LogCase {
    kind: Kind,
    path: &'static str,
    status: u16,
    code: &'static str,
    /// The `exception.message` field (the chain), exactly.
    error: &'static str,
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
                ("error.type", r#""INTERNAL_ERROR""#.to_owned()),
                ("http.response.status_code", "500".to_owned()),
                ("request_id", id.clone()),
            ];
            if let Some(error) = case.error {
                expected.push(("exception.message", error.to_owned()));
            }
            expected.push(("apierror.render_failure", case.cause.to_owned()));
            if let Some(code) = case.error_code {
                // Both codes are strings, quoted alike by the formatter.
                expected.push(("apierror.failed_error_type", format!("{code:?}")));
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
                    ("error.type", r#""USER_NOT_FOUND""#.to_owned()),
                    ("http.response.status_code", "404".to_owned()),
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
            ("error.type", format!("{code:?}")),
            ("http.response.status_code", "422".to_owned()),
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
                ("error.type", r#""DATABASE""#.to_owned()),
                ("http.response.status_code", "500".to_owned()),
                ("request_id", id.clone()),
                ("exception.message", format!("database failure: {IO_TEXT}")),
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
                    ("error.type", format!("{code:?}")),
                    ("http.response.status_code", case.status.to_string()),
                    ("request_id", id.clone()),
                    ("exception.message", case.error.to_owned()),
                ],
                "{what}: {line:?}"
            );
        }
    }
}

mod cases;
mod on_actix;
mod on_axum;
mod on_poem;
mod on_salvo;
mod self_checks;

use cases::{all_routes, fields, internal_body, CASES, LOG_CASES, PANICKING_SOURCE};
