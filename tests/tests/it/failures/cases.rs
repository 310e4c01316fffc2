//! The cases: each failure of user code, and what each envelope answers for it.

use super::*;

pub(super) const CASES: &[Case] = &[
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

pub(super) const LOG_CASES: &[LogCase] = &[
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
pub(super) const PANICKING_SOURCE: LogCase = LogCase {
    kind: Kind::WrappedExploding,
    path: "wrapped-exploding",
    status: 500,
    code: "WRAPPED_EXPLODING",
    error: "wrapped: <the error's Display panicked>: inner cause",
};

/// The routes every server has: `/{prefix}/{case}` for both envelopes.
pub(super) fn all_routes() -> Vec<(String, Kind)> {
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
pub(super) fn internal_body(prefix: &str, id: &str) -> String {
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
    "error.type",
    "http.response.status_code",
    "request_id",
    "exception.message",
    "apierror.render_failure",
    "apierror.failed_error_type",
];

/// The fields of one "error response" line, in order: `(name, value)`, each value up to the
/// next field's ` name=`.
pub(super) fn fields(line: &str) -> Vec<(&'static str, String)> {
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
