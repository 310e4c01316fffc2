//! Requests the framework rejected itself (a malformed body, a bad query or path, no route, a
//! wrong method) as an [`ApiError`].

use core::fmt;

use http::StatusCode;

use crate::api_error::{is_error_status, ApiError, INTERNAL_ERROR};
use crate::codes::{Codes, Entry, ErrorCodes, Item};
use crate::writer::Message;

/// A request the framework rejected before the handler ran (a malformed JSON body, a missing
/// query parameter, a path segment of the wrong type), as an [`ApiError`], so that it is
/// answered in the API's own envelope instead of the framework's plain text.
///
/// A user's error type takes it in with one transparent variant; the extractors of
/// `apierror::axum` (`Json`, `Query`, `Path`, feature `axum`) and the extractor configs of
/// `apierror::actix` (`json_config`, `query_config`, `path_config`, feature `actix-web`) then
/// convert every rejection into that type, whose derived glue renders it:
///
/// ```
/// #[derive(Debug, thiserror::Error, apierror::ApiError)]
/// #[api(envelope = apierror::envelope::ErrorFlag)]
/// enum AppError {
///     #[error(transparent)]
///     #[api(transparent)] // status, code and message of the rejection
///     Rejected(#[from] apierror::Rejection),
///     #[error("user {0} not found")]
///     #[api(status = 404)]
///     UserNotFound(u64),
/// }
/// # #[cfg(feature = "axum-extract")] {
/// use apierror::ApiError as _;
///
/// #[derive(Debug, serde::Deserialize)]
/// struct NewUser {
///     name: String,
/// }
///
/// // What axum's `Json` extractor rejects a body of the wrong shape with…
/// let rejection = axum::Json::<NewUser>::from_bytes(br#"{"name":5}"#).unwrap_err();
/// // …and what `apierror::axum::Json<NewUser, AppError>` turns it into.
/// let error = AppError::from(apierror::Rejection::from(rejection));
/// assert_eq!(error.status(), 422);
/// assert_eq!(error.code(), "INVALID_JSON_DATA");
/// let body = apierror::render::<apierror::envelope::ErrorFlag>(&error, &Default::default()).into_body();
/// assert_eq!(
///     body,
///     br#"{"error":true,"message":"Failed to deserialize the JSON body into the target type: name: invalid type: integer `5`, expected a string at line 1 column 9","code":"INVALID_JSON_DATA"}"#
/// );
/// # }
/// ```
///
/// # Status, code and message
///
/// The **status is the framework's own** (axum's `status()`, actix-web's `status_code()`), so
/// turning the envelope on changes no status a client already sees. The **code** names the
/// cause and is stable; the **message** is the framework's explanation, the text it would
/// have answered with: it describes the client's own input, so it is safe to show for a 4xx.
///
/// | code | cause | axum | actix-web |
/// |---|---|---|---|
/// | `INVALID_JSON` | the body is not syntactically valid JSON (or ends early) | 400 | 400 |
/// | `INVALID_JSON_DATA` | the body is valid JSON of the wrong shape for the target type | 422 | 400 |
/// | `UNSUPPORTED_MEDIA_TYPE` | the `Content-Type` is missing or is not JSON | 415 | 400 |
/// | `PAYLOAD_TOO_LARGE` | the body is larger than the configured limit | 413 | 413 |
/// | `INVALID_BODY` | the body could not be read (any other body error) | 400 | 400 |
/// | `INVALID_QUERY` | the query string does not deserialize into the target type | 400 | 400 |
/// | `INVALID_PATH` | a path parameter does not deserialize into the target type | 400 | 400 |
/// | `ROUTE_NOT_FOUND` | no route matches the path | 404 | 404 |
/// | `METHOD_NOT_ALLOWED` | the route does not take the request's method | 405 | 405 |
/// | `REQUEST_REJECTED` | any other 4xx the framework or a middleware answered by itself | its own | its own |
/// | `INTERNAL_ERROR` | the framework answered 5xx: axum's `Path` does not fit the route (the wrong number of parameters, or none); actix-web's `JsonPayloadError::Serialize`, which extraction never produces (actix-web answers a `Path` that does not fit with 400 `INVALID_PATH`) | 500 | 500 |
///
/// Like every 5xx that is not exposed, an `INTERNAL_ERROR` rejection's message is the reason
/// phrase only (`Internal Server Error`): its explanation describes the server's own
/// mistake. [`Display`](fmt::Display) always gives the full explanation, for logs.
///
/// Should a framework report a status outside `400..=599` for a rejection (none does), the
/// status is the one of the table's axum column for that code.
///
/// The last three codes come from the request-context middleware's
/// [`all_errors_as`](crate::axum::ErrorContextLayer::all_errors_as), which answers the
/// responses the application did not render itself (an unknown route, a wrong method, a
/// framework's own plain-text rejection) in the API's envelope, knowing only their status.
///
/// # In the code tree
///
/// `Rejection` implements [`ErrorCodes`] with the codes of the table, so a type that wraps it
/// in a `transparent` variant can still check its tree with
/// [`assert_unique_codes`](crate::assert_unique_codes). `INTERNAL_ERROR` is left out of that
/// list: it is also the code of the renderer's own fallback 500 and the conventional code of an
/// application's internal errors, and means the same thing in all three.
#[derive(Clone, Debug)]
pub struct Rejection {
    status: StatusCode,
    kind: Kind,
    text: Box<str>,
}

/// What was wrong with the request: one per code of the table on [`Rejection`].
// Without a framework feature no `From` impl exists, so nothing makes a rejection.
#[cfg_attr(
    not(any(
        feature = "axum",
        feature = "actix-web",
        feature = "salvo",
        feature = "poem"
    )),
    allow(dead_code)
)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    InvalidJson,
    InvalidJsonData,
    UnsupportedMediaType,
    PayloadTooLarge,
    InvalidBody,
    InvalidQuery,
    InvalidPath,
    RouteNotFound,
    MethodNotAllowed,
    RequestRejected,
}

impl Kind {
    /// Every kind, in the order of the table on [`Rejection`].
    const ALL: [Kind; 10] = [
        Kind::InvalidJson,
        Kind::InvalidJsonData,
        Kind::UnsupportedMediaType,
        Kind::PayloadTooLarge,
        Kind::InvalidBody,
        Kind::InvalidQuery,
        Kind::InvalidPath,
        Kind::RouteNotFound,
        Kind::MethodNotAllowed,
        Kind::RequestRejected,
    ];

    const fn code(self) -> &'static str {
        match self {
            Kind::InvalidJson => "INVALID_JSON",
            Kind::InvalidJsonData => "INVALID_JSON_DATA",
            Kind::UnsupportedMediaType => "UNSUPPORTED_MEDIA_TYPE",
            Kind::PayloadTooLarge => "PAYLOAD_TOO_LARGE",
            Kind::InvalidBody => "INVALID_BODY",
            Kind::InvalidQuery => "INVALID_QUERY",
            Kind::InvalidPath => "INVALID_PATH",
            Kind::RouteNotFound => "ROUTE_NOT_FOUND",
            Kind::MethodNotAllowed => "METHOD_NOT_ALLOWED",
            Kind::RequestRejected => "REQUEST_REJECTED",
        }
    }

    /// The status when the framework's is not an error status.
    fn fallback_status(self) -> StatusCode {
        match self {
            Kind::InvalidJsonData => StatusCode::UNPROCESSABLE_ENTITY,
            Kind::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Kind::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            Kind::RouteNotFound => StatusCode::NOT_FOUND,
            Kind::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            Kind::InvalidJson
            | Kind::InvalidBody
            | Kind::InvalidQuery
            | Kind::InvalidPath
            | Kind::RequestRejected => StatusCode::BAD_REQUEST,
        }
    }

    /// A body error the rejection type does not name more precisely, told by its status.
    #[cfg(any(feature = "axum-extract", feature = "actix-web"))]
    fn body(status: u16) -> Kind {
        match status {
            413 => Kind::PayloadTooLarge,
            415 => Kind::UnsupportedMediaType,
            _ => Kind::InvalidBody,
        }
    }

    /// A `serde_json` error: syntax (or early end) versus a well-formed body of the wrong shape.
    #[cfg(any(feature = "actix-web", feature = "salvo", feature = "poem"))]
    fn json(error: &serde_json::Error) -> Kind {
        match error.classify() {
            serde_json::error::Category::Data => Kind::InvalidJsonData,
            serde_json::error::Category::Syntax | serde_json::error::Category::Eof => {
                Kind::InvalidJson
            }
            serde_json::error::Category::Io => Kind::InvalidBody,
        }
    }
}

impl Rejection {
    /// A rejection of `kind` with the framework's status code and explanation.
    #[cfg_attr(
        not(any(
            feature = "axum",
            feature = "actix-web",
            feature = "salvo",
            feature = "poem"
        )),
        allow(dead_code)
    )]
    fn new(kind: Kind, status: u16, text: String) -> Self {
        let status = StatusCode::from_u16(status)
            .ok()
            .filter(|status| is_error_status(*status))
            .unwrap_or_else(|| kind.fallback_status());
        Rejection {
            status,
            kind,
            text: text.into_boxed_str(),
        }
    }

    /// The rejection a client received: `code` one of the table's (but `INTERNAL_ERROR`, which
    /// is no rejection's own), with the status and message it came with.
    #[cfg(feature = "client")]
    pub(crate) fn received(code: &str, status: u16, message: &str) -> Option<Self> {
        let kind = Kind::ALL
            .into_iter()
            .find(|kind| kind.code().eq_ignore_ascii_case(code))?;
        Some(Rejection::new(kind, status, message.to_owned()))
    }

    /// An error response the application did not render itself, of which only the status is
    /// known (an empty or plain-text body): 404 `ROUTE_NOT_FOUND`, 405 `METHOD_NOT_ALLOWED`,
    /// 413 `PAYLOAD_TOO_LARGE`, 415 `UNSUPPORTED_MEDIA_TYPE`, any other 4xx
    /// `REQUEST_REJECTED`, a 5xx `INTERNAL_ERROR`; the message is the reason phrase.
    #[cfg_attr(
        not(any(
            feature = "axum",
            feature = "actix-web",
            feature = "salvo",
            feature = "poem"
        )),
        allow(dead_code)
    )]
    pub(crate) fn from_status(status: u16) -> Self {
        let kind = match status {
            404 => Kind::RouteNotFound,
            405 => Kind::MethodNotAllowed,
            413 => Kind::PayloadTooLarge,
            415 => Kind::UnsupportedMediaType,
            _ => Kind::RequestRejected,
        };
        let text = StatusCode::from_u16(status)
            .ok()
            .and_then(|status| status.canonical_reason())
            .unwrap_or("Error");
        Rejection::new(kind, status, text.to_owned())
    }
}

impl Kind {
    /// The catalog's entry: the table's cause as the summary, and what a client can do.
    const fn entry(self) -> Entry {
        let (status, summary, help) = match self {
            Kind::InvalidJson => (
                400,
                "The body is not syntactically valid JSON, or it ends early.",
                "Send a complete, well-formed JSON document.",
            ),
            Kind::InvalidJsonData => (
                422,
                "The body is valid JSON of the wrong shape for this operation.",
                "Correct the members the message names; the operation documents the shape.",
            ),
            Kind::UnsupportedMediaType => (
                415,
                "The `Content-Type` is missing or is not JSON.",
                "Send the body with `Content-Type: application/json`.",
            ),
            Kind::PayloadTooLarge => (
                413,
                "The body is larger than the server accepts.",
                "Send a smaller body.",
            ),
            Kind::InvalidBody => (
                400,
                "The body could not be read.",
                "Send the request again with a complete body.",
            ),
            Kind::InvalidQuery => (
                400,
                "The query string does not fit this operation.",
                "Correct the query parameters the message names.",
            ),
            Kind::InvalidPath => (
                400,
                "A path parameter does not fit this operation.",
                "Correct the path segment the message names.",
            ),
            Kind::RouteNotFound => (
                404,
                "No operation has this path.",
                "Check the path against the API's reference.",
            ),
            Kind::MethodNotAllowed => (
                405,
                "The path does not take this method.",
                "Use one of the methods the `Allow` header lists.",
            ),
            Kind::RequestRejected => (
                400,
                "The server rejected the request before handling it; the status says why.",
                "Read the message and the status, correct the request, and send it again.",
            ),
        };
        let entry = Entry::new(self.code(), status)
            .with_docs(summary, "")
            .with_help(help);
        // The request-context middleware makes these from a bare response's status alone.
        match self {
            Kind::RequestRejected => entry.with_open_status(),
            Kind::RouteNotFound | Kind::MethodNotAllowed => entry.for_routing(),
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

impl ErrorCodes for Rejection {
    /// Every code of the table above but `INTERNAL_ERROR` (see "In the code tree"), with the
    /// axum column's status (`REQUEST_REJECTED` with 400, the most common).
    const CODES: Codes = Codes::new(&KIND_ITEMS)
        .with_about("Requests the framework rejected before the handler ran.");
}

impl ApiError for Rejection {
    fn status(&self) -> StatusCode {
        self.status
    }

    fn code(&self) -> &'static str {
        if self.status.is_server_error() {
            INTERNAL_ERROR
        } else {
            self.kind.code()
        }
    }

    fn message(&self, out: &mut Message<'_>) -> fmt::Result {
        if self.status.is_server_error() {
            out.write_reason(self.status)
        } else {
            out.write_str(&self.text)
        }
    }
}

impl fmt::Display for Rejection {
    /// The framework's full explanation, also for a 5xx (whose public message hides it).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl std::error::Error for Rejection {}

// ---------------------------------------------------------------------------------------------
// axum
// ---------------------------------------------------------------------------------------------

/// axum's `Json` rejection: syntax 400 `INVALID_JSON`, wrong shape 422 `INVALID_JSON_DATA`,
/// no JSON content type 415 `UNSUPPORTED_MEDIA_TYPE`, body over the limit 413
/// `PAYLOAD_TOO_LARGE`, any other body error `INVALID_BODY`. The message is its `body_text()`.
#[cfg(feature = "axum-extract")]
impl From<::axum::extract::rejection::JsonRejection> for Rejection {
    fn from(rejection: ::axum::extract::rejection::JsonRejection) -> Self {
        use ::axum::extract::rejection::JsonRejection;

        let status = rejection.status().as_u16();
        let kind = match &rejection {
            JsonRejection::JsonSyntaxError(_) => Kind::InvalidJson,
            JsonRejection::JsonDataError(_) => Kind::InvalidJsonData,
            JsonRejection::MissingJsonContentType(_) => Kind::UnsupportedMediaType,
            // `BytesRejection`, and whatever a later axum adds.
            _ => Kind::body(status),
        };
        Rejection::new(kind, status, rejection.body_text())
    }
}

/// axum's `Query` rejection: 400 `INVALID_QUERY`. The message is its `body_text()`.
#[cfg(feature = "axum-extract")]
impl From<::axum::extract::rejection::QueryRejection> for Rejection {
    fn from(rejection: ::axum::extract::rejection::QueryRejection) -> Self {
        Rejection::new(
            Kind::InvalidQuery,
            rejection.status().as_u16(),
            rejection.body_text(),
        )
    }
}

/// axum's `Path` rejection: 400 `INVALID_PATH` for a parameter that does not parse; 500
/// `INTERNAL_ERROR` when the extractor does not fit the route. The message is its `body_text()`.
#[cfg(feature = "axum-extract")]
impl From<::axum::extract::rejection::PathRejection> for Rejection {
    fn from(rejection: ::axum::extract::rejection::PathRejection) -> Self {
        Rejection::new(
            Kind::InvalidPath,
            rejection.status().as_u16(),
            rejection.body_text(),
        )
    }
}

// ---------------------------------------------------------------------------------------------
// actix-web
// ---------------------------------------------------------------------------------------------

/// actix-web's `Json` error: syntax `INVALID_JSON`, wrong shape `INVALID_JSON_DATA`, no JSON
/// content type `UNSUPPORTED_MEDIA_TYPE`, over the limit 413 `PAYLOAD_TOO_LARGE`, any other
/// body error `INVALID_BODY`, each with actix-web's status. The message is its `Display`.
#[cfg(feature = "actix-web")]
impl From<::actix_web::error::JsonPayloadError> for Rejection {
    fn from(error: ::actix_web::error::JsonPayloadError) -> Self {
        use ::actix_web::error::JsonPayloadError;
        use ::actix_web::ResponseError as _;

        let status = error.status_code().as_u16();
        let kind = match &error {
            JsonPayloadError::OverflowKnownLength { .. } | JsonPayloadError::Overflow { .. } => {
                Kind::PayloadTooLarge
            }
            JsonPayloadError::ContentType => Kind::UnsupportedMediaType,
            JsonPayloadError::Deserialize(error) => Kind::json(error),
            // `Payload` (its own status), `Serialize` (500), and whatever a later actix-web adds.
            _ => Kind::body(status),
        };
        Rejection::new(kind, status, error.to_string())
    }
}

/// actix-web's `Query` error: 400 `INVALID_QUERY`. The message is its `Display`.
#[cfg(feature = "actix-web")]
impl From<::actix_web::error::QueryPayloadError> for Rejection {
    fn from(error: ::actix_web::error::QueryPayloadError) -> Self {
        use ::actix_web::ResponseError as _;

        Rejection::new(
            Kind::InvalidQuery,
            error.status_code().as_u16(),
            error.to_string(),
        )
    }
}

/// actix-web's `Path` error: 400 `INVALID_PATH`. The message is its `Display`.
#[cfg(feature = "actix-web")]
impl From<::actix_web::error::PathError> for Rejection {
    fn from(error: ::actix_web::error::PathError) -> Self {
        use ::actix_web::ResponseError as _;

        Rejection::new(
            Kind::InvalidPath,
            error.status_code().as_u16(),
            error.to_string(),
        )
    }
}

// ---------------------------------------------------------------------------------------------
// salvo
// ---------------------------------------------------------------------------------------------

/// salvo's `StatusError`, which its `Catcher` would have written: the rejection of its status
/// (as `from_status`), or, when its cause is a `ParseError` (what `req.parse_json` and the
/// extractors fail with), the code of that cause: `PAYLOAD_TOO_LARGE` (413),
/// `UNSUPPORTED_MEDIA_TYPE` (no JSON content type), `INVALID_JSON` (syntax), `INVALID_JSON_DATA`
/// (wrong shape), `INVALID_BODY` (the body could not be read), else `REQUEST_REJECTED` (an
/// extractor's `Deserialize`, whose cause is text only), with salvo's status. The message is the status's reason phrase: salvo
/// keeps a cause out of its own pages (`SALVO_STATUS_ERROR`), and so does this.
#[cfg(feature = "salvo")]
impl From<&::salvo_core::http::StatusError> for Rejection {
    fn from(error: &::salvo_core::http::StatusError) -> Self {
        use ::salvo_core::http::ParseError;

        let status = error.code.as_u16();
        let parse = error
            .cause
            .as_deref()
            .and_then(|cause| cause.downcast_ref::<ParseError>());
        let Some(parse) = parse else {
            return Rejection::from_status(status);
        };
        let kind = match parse {
            ParseError::PayloadTooLarge => Kind::PayloadTooLarge,
            ParseError::InvalidContentType => Kind::UnsupportedMediaType,
            ParseError::SerdeJson(error) => Kind::json(error),
            ParseError::EmptyBody | ParseError::Io(_) | ParseError::Hyper(_) => Kind::InvalidBody,
            _ => Kind::RequestRejected,
        };
        let text = error.code.canonical_reason().unwrap_or("Error");
        Rejection::new(kind, status, text.to_owned())
    }
}

// ---------------------------------------------------------------------------------------------
// poem
// ---------------------------------------------------------------------------------------------

#[cfg(feature = "poem")]
impl Rejection {
    /// The rejection one of poem's own errors stands for, with poem's status and its `Display`
    /// as the explanation; `None` for any other error (a route's `NotFoundError` and
    /// `MethodNotAllowedError` too: they are told by their status, as axum's and actix-web's
    /// are): see the table in `apierror::poem`.
    pub(crate) fn from_poem(error: &::poem::Error) -> Option<Self> {
        use ::poem::error::{
            ParseFormError, ParseJsonError, ParsePathError, ParseQueryError, ReadBodyError,
            SizedLimitError,
        };

        let kind = if let Some(error) = error.downcast_ref::<ParseJsonError>() {
            match error {
                ParseJsonError::InvalidContentType(_) | ParseJsonError::ContentTypeRequired => {
                    Kind::UnsupportedMediaType
                }
                // Read through `source()`: with poem's `sonic-rs` feature the variant holds
                // another parser's error, which is told no further.
                ParseJsonError::Parse(_) => std::error::Error::source(error)
                    .and_then(|source| source.downcast_ref::<serde_json::Error>())
                    .map_or(Kind::InvalidJson, Kind::json),
            }
        } else if error.is::<ParseQueryError>() {
            Kind::InvalidQuery
        } else if error.is::<ParsePathError>() {
            Kind::InvalidPath
        } else if let Some(error) = error.downcast_ref::<ReadBodyError>() {
            match error {
                ReadBodyError::PayloadTooLarge => Kind::PayloadTooLarge,
                _ => Kind::InvalidBody,
            }
        } else if let Some(error) = error.downcast_ref::<SizedLimitError>() {
            match error {
                SizedLimitError::PayloadTooLarge => Kind::PayloadTooLarge,
                // 411 Length Required.
                SizedLimitError::MissingContentLength => Kind::RequestRejected,
            }
        } else if let Some(error) = error.downcast_ref::<ParseFormError>() {
            match error {
                ParseFormError::UrlDecode(_) => Kind::InvalidBody,
                _ => Kind::UnsupportedMediaType,
            }
        } else {
            return None;
        };
        Some(Rejection::new(
            kind,
            error.status().as_u16(),
            error.to_string(),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(rejection: &Rejection) -> (u16, &'static str, String) {
        (
            rejection.status().as_u16(),
            rejection.code(),
            crate::message(rejection).to_string(),
        )
    }

    #[test]
    fn every_kind_keeps_the_framework_status_and_explanation() {
        for (kind, code) in [
            (Kind::InvalidJson, "INVALID_JSON"),
            (Kind::InvalidJsonData, "INVALID_JSON_DATA"),
            (Kind::UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE"),
            (Kind::PayloadTooLarge, "PAYLOAD_TOO_LARGE"),
            (Kind::InvalidBody, "INVALID_BODY"),
            (Kind::InvalidQuery, "INVALID_QUERY"),
            (Kind::InvalidPath, "INVALID_PATH"),
            (Kind::RouteNotFound, "ROUTE_NOT_FOUND"),
            (Kind::MethodNotAllowed, "METHOD_NOT_ALLOWED"),
            (Kind::RequestRejected, "REQUEST_REJECTED"),
        ] {
            let rejection = Rejection::new(kind, 409, "bad \"input\"".to_owned());
            assert_eq!(parts(&rejection), (409, code, "bad \"input\"".to_owned()));
            assert_eq!(rejection.to_string(), "bad \"input\"");
            assert!(!rejection.retryable());
        }
    }

    #[test]
    fn a_5xx_is_internal_error_with_the_reason_only() {
        for kind in [Kind::InvalidPath, Kind::InvalidJson, Kind::InvalidBody] {
            let rejection = Rejection::new(kind, 500, "Wrong number of path arguments".to_owned());
            assert_eq!(
                parts(&rejection),
                (500, "INTERNAL_ERROR", "Internal Server Error".to_owned())
            );
            // Logs still see what went wrong.
            assert_eq!(rejection.to_string(), "Wrong number of path arguments");
        }
    }

    #[test]
    fn a_status_that_is_not_an_error_falls_back_to_the_kind_s_own() {
        for (kind, status) in [
            (Kind::InvalidJson, 400),
            (Kind::InvalidJsonData, 422),
            (Kind::UnsupportedMediaType, 415),
            (Kind::PayloadTooLarge, 413),
            (Kind::InvalidBody, 400),
            (Kind::InvalidQuery, 400),
            (Kind::InvalidPath, 400),
            (Kind::RouteNotFound, 404),
            (Kind::MethodNotAllowed, 405),
            (Kind::RequestRejected, 400),
        ] {
            for reported in [0, 99, 200, 302, 600, 1000] {
                let rejection = Rejection::new(kind, reported, "x".to_owned());
                assert_eq!(rejection.status().as_u16(), status, "{kind:?} {reported}");
                assert_eq!(rejection.code(), kind.code());
            }
        }
    }

    #[test]
    fn responses_known_only_by_their_status() {
        for (status, code, message) in [
            (404, "ROUTE_NOT_FOUND", "Not Found"),
            (405, "METHOD_NOT_ALLOWED", "Method Not Allowed"),
            (413, "PAYLOAD_TOO_LARGE", "Payload Too Large"),
            (415, "UNSUPPORTED_MEDIA_TYPE", "Unsupported Media Type"),
            (400, "REQUEST_REJECTED", "Bad Request"),
            (408, "REQUEST_REJECTED", "Request Timeout"),
            (499, "REQUEST_REJECTED", "Error"),
            (503, "INTERNAL_ERROR", "Service Unavailable"),
        ] {
            let rejection = Rejection::from_status(status);
            assert_eq!(
                parts(&rejection),
                (status, code, message.to_owned()),
                "{status}"
            );
        }
    }

    #[test]
    fn the_code_tree_lists_every_code_but_internal_error() {
        const _: () = crate::assert_unique_codes::<Rejection>();
        assert_eq!(
            crate::all_codes::<Rejection>(),
            Kind::ALL.map(Kind::code).to_vec()
        );
        assert_eq!(crate::all_codes::<Rejection>().len(), 10);
    }

    #[cfg(any(feature = "axum-extract", feature = "actix-web"))]
    #[test]
    fn an_unnamed_body_error_is_told_by_its_status() {
        assert_eq!(Kind::body(413), Kind::PayloadTooLarge);
        assert_eq!(Kind::body(415), Kind::UnsupportedMediaType);
        assert_eq!(Kind::body(400), Kind::InvalidBody);
        assert_eq!(Kind::body(500), Kind::InvalidBody);
    }
}
