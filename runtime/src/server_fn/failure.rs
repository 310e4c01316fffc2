//! [`Failure`]: what `server_fn` itself can fail with, as an [`ApiError`] with its own codes, and
//! an error response the client could not decode.

use core::fmt;

use http::StatusCode;
use server_fn::error::ServerFnErrorErr;

use crate::api_error::ApiError;
use crate::client::{Decode, ErrorResponse};
use crate::codes::{Codes, Entry, ErrorCodes, Item};
use crate::writer::Message;

/// What a server function failed with that is not one of the application's own errors: a
/// failure of `server_fn` itself (arguments that do not deserialize, a request that never
/// reached the server…), or, on the client, an error response the application's type does not
/// know.
///
/// The variant of the application's error type marked `#[api(server_fn)]` holds it, and
/// forwards to it everything a `transparent` variant forwards (status, code, message, retry):
///
/// | code | status | `server_fn`'s failure | where it happens |
/// |---|---|---|---|
/// | `SERVER_FN_INVALID_ARGUMENTS` | 400 | `Args`: the arguments do not deserialize (and a `Deserialization` made on a server, see `From`) | server |
/// | `SERVER_FN_MISSING_ARGUMENT` | 400 | `MissingArg` | server |
/// | `SERVER_FN_UNSUPPORTED_METHOD` | 405 | `UnsupportedRequestMethod` | client |
/// | `SERVER_FN_ERROR` | 500 | `ServerError`: a plain `ServerFnError` from the function | server |
/// | `SERVER_FN_MIDDLEWARE` | 500 | `MiddlewareError` | server |
/// | `SERVER_FN_SERIALIZATION` | 500 | `Serialization`: the result (or, on the client, the arguments) did not serialize | both |
/// | `SERVER_FN_RESPONSE` | 500 | `Response`: the response could not be built | server |
/// | `SERVER_FN_REGISTRATION` | 500 | `Registration` | server |
/// | `SERVER_FN_UNREACHABLE` | 502 | `Request`: the request never reached the server (connection refused, timeout) | client |
/// | `SERVER_FN_BAD_RESPONSE` | 502 | `Deserialization` on a client: the server's answer could not be read | client |
/// | `SERVER_FN_UNKNOWN_ERROR` | 502 | [`Failure::Response`]: an error response the type does not decode | client |
///
/// A 4xx's message is `server_fn`'s explanation, which describes the caller's own input; a 5xx
/// shows its reason phrase only, as every unexposed 5xx does, and [`Display`](fmt::Display)
/// keeps the whole text for the logs. The client-side failures have the status a gateway
/// would give them (502: no usable answer came from upstream), so a server function that calls
/// another one and passes its failure on answers sensibly; only `SERVER_FN_UNREACHABLE` is
/// retryable, since a response that did not parse, or an unknown code, will not change by
/// asking again.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub enum Failure {
    /// `server_fn`'s own failure, on the server or on the client.
    ServerFn(ServerFnErrorErr),
    /// On the client: an error response whose code the application's type does not know, or
    /// whose variant it cannot rebuild, or a body that is not an envelope at all, kept whole.
    ///
    /// `server_fn` 0.8 hands the decoder the body alone, so the response's
    /// [`status`](ErrorResponse::status) reads 500 and its headers are empty; its code,
    /// message, details and violations are the body's.
    Response(Box<ErrorResponse>),
}

/// One row of the table on [`Failure`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    InvalidArguments,
    MissingArgument,
    UnsupportedMethod,
    Error,
    Middleware,
    Serialization,
    Response,
    Registration,
    Unreachable,
    BadResponse,
    Unknown,
}

impl Kind {
    /// Every kind, in the order of the table.
    const ALL: [Kind; 11] = [
        Kind::InvalidArguments,
        Kind::MissingArgument,
        Kind::UnsupportedMethod,
        Kind::Error,
        Kind::Middleware,
        Kind::Serialization,
        Kind::Response,
        Kind::Registration,
        Kind::Unreachable,
        Kind::BadResponse,
        Kind::Unknown,
    ];

    fn of(error: &ServerFnErrorErr) -> Kind {
        match error {
            ServerFnErrorErr::Args(_) => Kind::InvalidArguments,
            ServerFnErrorErr::MissingArg(_) => Kind::MissingArgument,
            ServerFnErrorErr::UnsupportedRequestMethod(_) => Kind::UnsupportedMethod,
            ServerFnErrorErr::ServerError(_) => Kind::Error,
            ServerFnErrorErr::MiddlewareError(_) => Kind::Middleware,
            ServerFnErrorErr::Serialization(_) => Kind::Serialization,
            ServerFnErrorErr::Response(_) => Kind::Response,
            ServerFnErrorErr::Registration(_) => Kind::Registration,
            ServerFnErrorErr::Request(_) => Kind::Unreachable,
            ServerFnErrorErr::Deserialization(_) => Kind::BadResponse,
        }
    }

    /// `server_fn`'s failure of this kind with `text` as its explanation; `None` for `Unknown`.
    fn error(self, text: String) -> Option<ServerFnErrorErr> {
        Some(match self {
            Kind::InvalidArguments => ServerFnErrorErr::Args(text),
            Kind::MissingArgument => ServerFnErrorErr::MissingArg(text),
            Kind::UnsupportedMethod => ServerFnErrorErr::UnsupportedRequestMethod(text),
            Kind::Error => ServerFnErrorErr::ServerError(text),
            Kind::Middleware => ServerFnErrorErr::MiddlewareError(text),
            Kind::Serialization => ServerFnErrorErr::Serialization(text),
            Kind::Response => ServerFnErrorErr::Response(text),
            Kind::Registration => ServerFnErrorErr::Registration(text),
            Kind::Unreachable => ServerFnErrorErr::Request(text),
            Kind::BadResponse => ServerFnErrorErr::Deserialization(text),
            Kind::Unknown => return None,
        })
    }

    /// The code, the status, the summary and what to do: the table, and the catalog's entry.
    const fn row(self) -> (&'static str, u16, &'static str, &'static str) {
        match self {
            Kind::InvalidArguments => (
                "SERVER_FN_INVALID_ARGUMENTS",
                400,
                "The server function's arguments do not deserialize.",
                "Send the arguments the function takes, in its input encoding.",
            ),
            Kind::MissingArgument => (
                "SERVER_FN_MISSING_ARGUMENT",
                400,
                "An argument of the server function is missing.",
                "Send every argument the function takes.",
            ),
            Kind::UnsupportedMethod => (
                "SERVER_FN_UNSUPPORTED_METHOD",
                405,
                "The client could not build a request with the function's method.",
                "Use a client that supports the function's HTTP method.",
            ),
            Kind::Error => (
                "SERVER_FN_ERROR",
                500,
                "The server function failed with an untyped server_fn error.",
                "Retry later; report it if it persists.",
            ),
            Kind::Middleware => (
                "SERVER_FN_MIDDLEWARE",
                500,
                "A middleware of the server function failed.",
                "Retry later; report it if it persists.",
            ),
            Kind::Serialization => (
                "SERVER_FN_SERIALIZATION",
                500,
                "A value of the server function call did not serialize.",
                "Report it: the function's result cannot be sent.",
            ),
            Kind::Response => (
                "SERVER_FN_RESPONSE",
                500,
                "The server function's response could not be built.",
                "Retry later; report it if it persists.",
            ),
            Kind::Registration => (
                "SERVER_FN_REGISTRATION",
                500,
                "The server functions could not be registered.",
                "Report it: the server is misconfigured.",
            ),
            Kind::Unreachable => (
                "SERVER_FN_UNREACHABLE",
                502,
                "The request never reached the server function (connection refused, timeout).",
                "Retry after a delay.",
            ),
            Kind::BadResponse => (
                "SERVER_FN_BAD_RESPONSE",
                502,
                "The server function's answer could not be read.",
                "Check that client and server run the same version.",
            ),
            Kind::Unknown => (
                "SERVER_FN_UNKNOWN_ERROR",
                502,
                "The server answered with an error this client does not know.",
                "Update the client; the untyped response says what the server meant.",
            ),
        }
    }

    const fn code(self) -> &'static str {
        self.row().0
    }

    fn status(self) -> StatusCode {
        StatusCode::from_u16(self.row().1).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
    }

    const fn entry(self) -> Entry {
        let (code, status, summary, help) = self.row();
        let entry = Entry::new(code, status)
            .with_docs(summary, "")
            .with_help(help);
        match self {
            Kind::BadResponse | Kind::Unknown => entry.with_retryable(false),
            _ => entry,
        }
    }
}

/// The entry of every kind, in the order of [`Kind::ALL`].
const KIND_ITEMS: [Item; Kind::ALL.len()] = {
    let mut items = [Item::Code(Entry::new("", 400)); Kind::ALL.len()];
    let mut i = 0;
    while i < items.len() {
        items[i] = Item::Code(Kind::ALL[i].entry());
        i += 1;
    }
    items
};

impl Failure {
    fn kind(&self) -> Kind {
        match self {
            Failure::ServerFn(error) => Kind::of(error),
            Failure::Response(_) => Kind::Unknown,
        }
    }

    /// `server_fn`'s own failure, when this is one.
    #[must_use]
    pub fn server_fn_error(&self) -> Option<&ServerFnErrorErr> {
        match self {
            Failure::ServerFn(error) => Some(error),
            Failure::Response(_) => None,
        }
    }

    /// The untyped error response, when this is one.
    #[must_use]
    pub fn response(&self) -> Option<&ErrorResponse> {
        match self {
            Failure::ServerFn(_) => None,
            Failure::Response(response) => Some(response),
        }
    }
}

/// `server_fn`'s failure; on a server handling a request (behind [`ErrorStatusLayer`] or the
/// request-context layer), a `Deserialization` becomes `Args`, which is what `server_fn` documents
/// it for: its JSON and other body codecs report arguments that do not deserialize as
/// `Deserialization`, the client's failure to read a response.
///
/// [`ErrorStatusLayer`]: super::ErrorStatusLayer
impl From<ServerFnErrorErr> for Failure {
    fn from(error: ServerFnErrorErr) -> Self {
        Failure::ServerFn(match error {
            ServerFnErrorErr::Deserialization(text) if serving() => ServerFnErrorErr::Args(text),
            other => other,
        })
    }
}

/// Whether this task is handling a request on a server.
fn serving() -> bool {
    #[cfg(feature = "axum")]
    return super::layer::serving() || crate::context::request_id().is_some();
    #[cfg(not(feature = "axum"))]
    false
}

impl From<ErrorResponse> for Failure {
    fn from(response: ErrorResponse) -> Self {
        Failure::Response(Box::new(response))
    }
}

impl ErrorCodes for Failure {
    /// Every code of the table on [`Failure`].
    const CODES: Codes = Codes::new(&KIND_ITEMS)
        .with_about("Failures of server_fn itself (Leptos server functions).");
}

impl ApiError for Failure {
    fn status(&self) -> StatusCode {
        self.kind().status()
    }

    fn code(&self) -> &'static str {
        self.kind().code()
    }

    fn message(&self, out: &mut Message<'_>) -> fmt::Result {
        let status = self.status();
        match self {
            Failure::ServerFn(error) if !status.is_server_error() => {
                fmt::Write::write_fmt(out, format_args!("{error}"))
            }
            _ => out.write_reason(status),
        }
    }

    fn retryable(&self) -> bool {
        self.kind() == Kind::Unreachable
    }
}

impl fmt::Display for Failure {
    /// `server_fn`'s whole explanation, or the untyped response's status, code and message.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::ServerFn(error) => fmt::Display::fmt(error, f),
            Failure::Response(response) => {
                f.write_str("an error response this type does not know")?;
                if let Some(code) = response.code() {
                    write!(f, ": {code}")?;
                }
                if let Some(message) = response.message() {
                    write!(f, ": {message}")?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for Failure {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Failure::ServerFn(error) => Some(error),
            Failure::Response(_) => None,
        }
    }
}

/// Equal failures: `server_fn`'s equal failures, or responses with the same code, message and
/// body.
impl PartialEq for Failure {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Failure::ServerFn(a), Failure::ServerFn(b)) => a == b,
            (Failure::Response(a), Failure::Response(b)) => {
                a.code() == b.code() && a.message() == b.message() && a.body() == b.body()
            }
            _ => false,
        }
    }
}

/// A failure decodes from any of its codes but `SERVER_FN_UNKNOWN_ERROR`, as `server_fn`'s
/// failure of that kind, the response's message its explanation (without the prefix
/// `server_fn`'s `Display` adds, so that it is not doubled).
impl Decode for Failure {
    fn decode(response: &ErrorResponse) -> Option<Self> {
        let code = response.code()?;
        let kind = Kind::ALL.into_iter().find(|kind| kind.code() == code)?;
        let message = response.message().unwrap_or_default();
        let prefixed = kind.error(String::new())?.to_string();
        let text = message.strip_prefix(prefixed.as_str()).unwrap_or(message);
        kind.error(text.to_owned()).map(Failure::ServerFn)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_code_tree_lists_every_code_once() {
        const _: () = crate::assert_unique_codes::<Failure>();
        assert_eq!(
            crate::all_codes::<Failure>(),
            Kind::ALL.map(Kind::code).to_vec()
        );
    }

    #[test]
    fn every_server_fn_failure_has_its_row() {
        let text = || "x".to_owned();
        for (error, code, status) in [
            (
                ServerFnErrorErr::Args(text()),
                "SERVER_FN_INVALID_ARGUMENTS",
                400,
            ),
            (
                ServerFnErrorErr::MissingArg(text()),
                "SERVER_FN_MISSING_ARGUMENT",
                400,
            ),
            (
                ServerFnErrorErr::UnsupportedRequestMethod(text()),
                "SERVER_FN_UNSUPPORTED_METHOD",
                405,
            ),
            (
                ServerFnErrorErr::ServerError(text()),
                "SERVER_FN_ERROR",
                500,
            ),
            (
                ServerFnErrorErr::MiddlewareError(text()),
                "SERVER_FN_MIDDLEWARE",
                500,
            ),
            (
                ServerFnErrorErr::Serialization(text()),
                "SERVER_FN_SERIALIZATION",
                500,
            ),
            (
                ServerFnErrorErr::Response(text()),
                "SERVER_FN_RESPONSE",
                500,
            ),
            (
                ServerFnErrorErr::Registration(text()),
                "SERVER_FN_REGISTRATION",
                500,
            ),
            (
                ServerFnErrorErr::Request(text()),
                "SERVER_FN_UNREACHABLE",
                502,
            ),
            (
                ServerFnErrorErr::Deserialization(text()),
                "SERVER_FN_BAD_RESPONSE",
                502,
            ),
        ] {
            let failure = Failure::from(error);
            assert_eq!((failure.code(), failure.status().as_u16()), (code, status));
            assert_eq!(
                failure.retryable(),
                code == "SERVER_FN_UNREACHABLE",
                "{code}"
            );
        }
    }

    #[test]
    fn a_5xx_shows_its_reason_only_and_a_4xx_its_explanation() {
        let hidden = Failure::from(ServerFnErrorErr::ServerError("password=hunter2".into()));
        assert_eq!(crate::message(&hidden).to_string(), "Internal Server Error");
        assert!(hidden.to_string().contains("hunter2"));
        let shown = Failure::from(ServerFnErrorErr::MissingArg("id".into()));
        assert_eq!(crate::message(&shown).to_string(), "missing argument id");
    }
}
