//! poem glue: the derive makes every type poem's `ResponseError` (so `?` turns it into a
//! `poem::Error`) and `IntoResponse` when the `poem` feature is on; the [`ErrorContext`]
//! middleware gives errors the request's context, and with `all_errors_as` answers poem's own
//! errors in the API's envelope too.
//!
//! poem 3 speaks `http` 1, as the rest of the crate does: status and headers go into poem's
//! response as they are.
//!
//! # Quickstart
//!
//! ```
//! use apierror::poem::ErrorContext;
//! use poem::{get, handler, web::Path, EndpointExt, Route};
//!
//! #[derive(Debug, thiserror::Error, apierror::ApiError)]
//! #[api(envelope = apierror::envelope::Problem)]
//! enum AppError {
//!     #[error("user {id} not found")]
//!     #[api(status = 404)] // code USER_NOT_FOUND
//!     UserNotFound {
//!         #[api(detail)]
//!         id: u64,
//!     },
//!     #[error("database failure: {0}")]
//!     #[api(status = 500)] // the body says "Internal Server Error", never the cause
//!     Database(#[from] std::io::Error),
//! }
//!
//! #[handler]
//! async fn user(Path(id): Path<u64>) -> Result<String, AppError> {
//!     if id == 1 {
//!         return Ok("ada".to_owned());
//!     }
//!     Err(AppError::UserNotFound { id })
//! }
//!
//! // `?` works in handlers returning `poem::Result` too.
//! #[handler]
//! async fn health() -> poem::Result<&'static str> {
//!     let ok: Result<&'static str, AppError> = Ok("ok");
//!     Ok(ok?)
//! }
//!
//! let app = Route::new()
//!     .at("/users/:id", get(user))
//!     .at("/health", get(health))
//!     // One line: request ids, the request's context, and poem's own errors (an unknown
//!     // route, a wrong method, a path that does not parse…) in the API's envelope.
//!     .with(ErrorContext::new().all_errors_as::<AppError>());
//!
//! # tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(async {
//! use poem::{Endpoint, Request};
//!
//! let request = Request::builder().uri_str("/users/7").header("x-request-id", "req-7").finish();
//! let response = app.get_response(request).await;
//! assert_eq!(response.status(), 404);
//! assert_eq!(response.headers()["x-request-id"], "req-7");
//! assert_eq!(response.content_type(), Some("application/problem+json"));
//! assert_eq!(
//!     response.into_body().into_string().await.unwrap(),
//!     r#"{"type":"about:blank","title":"Not Found","status":404,"detail":"user 7 not found","instance":"/users/7","code":"USER_NOT_FOUND","id":7}"#,
//! );
//!
//! // poem's own error for a path parameter that is not a number, in the same envelope.
//! let response = app.get_response(Request::builder().uri_str("/users/x").finish()).await;
//! assert_eq!(response.status(), 400);
//! assert_eq!(
//!     response.into_body().into_string().await.unwrap(),
//!     r#"{"type":"about:blank","title":"Bad Request","status":400,"detail":"invalid path params","instance":"/users/x","code":"INVALID_PATH"}"#,
//! );
//! # });
//! ```
//!
//! # poem's errors and their codes
//!
//! With `all_errors_as`, every error response apierror did not render is answered with a
//! [`Rejection`](crate::Rejection), whose code names the cause; the status is poem's own:
//!
//! | poem's error | code | status |
//! |---|---|---|
//! | `NotFoundError` (no route) | `ROUTE_NOT_FOUND` | 404 |
//! | `MethodNotAllowedError` | `METHOD_NOT_ALLOWED` | 405 |
//! | `ParseJsonError::Parse`, the body not valid JSON / valid JSON of the wrong shape | `INVALID_JSON` / `INVALID_JSON_DATA` | 400 |
//! | `ParseJsonError`, no JSON content type | `UNSUPPORTED_MEDIA_TYPE` | 415 |
//! | `ParseQueryError` | `INVALID_QUERY` | 400 |
//! | `ParsePathError` | `INVALID_PATH` | 400 |
//! | `ReadBodyError::PayloadTooLarge`, `SizedLimitError::PayloadTooLarge` (the `SizeLimit` middleware) | `PAYLOAD_TOO_LARGE` | 413 |
//! | `ReadBodyError` (UTF-8, I/O), `ParseFormError::UrlDecode` | `INVALID_BODY` | 400 |
//! | `ParseFormError`, no form content type | `UNSUPPORTED_MEDIA_TYPE` | 415 |
//! | any other plain error (`poem::Error::from_status`, `from_string`, a bare status…) | `REQUEST_REJECTED`, or by status as for axum (404, 405, 413, 415) | its own |
//! | any 5xx (`ReadBodyError::BodyHasBeenTaken`, a bare 500…) | `INTERNAL_ERROR` | its own |
//!
//! The message of a parse error is poem's explanation (it describes the client's own input);
//! the others' is the status's reason phrase.

#[doc(hidden)]
pub mod glue;
mod middleware;

pub use middleware::{ErrorContext, ErrorContextEndpoint};

use ::poem::http::{Extensions, HeaderMap, StatusCode, Version};
use ::poem::{error::ResponseError, Body, IntoResponse, Response, ResponseParts};

use crate::any_error::AnyApiError;
use crate::api_error::{is_error_status, Api, ApiError, ErasedError};
use crate::envelope::{Envelope, RequestInfo};
use crate::error_type::ErrorType;
use crate::render::{api_of, render_into, ErasedEnvelope, RenderFailure};
use crate::respond::Framework;

/// The status of `error`: its own, or 500 if it is not an error status or `status()` panics:
/// the derived `ResponseError::status`, and [`AnyApiError`]'s.
pub(crate) fn status_code(error: &dyn ErasedError) -> StatusCode {
    let status = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| error.status()));
    match status {
        Ok(status) if is_error_status(status) => status,
        _ => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

/// Builds a poem response for `error` in envelope `E`.
///
/// Inside a request handled behind [`ErrorContext`], the envelope sees the request's id and
/// path (see [`context`](crate::context)); elsewhere it sees nothing of the request, since
/// `ResponseError` is not given it. The derived `ResponseError` and `IntoResponse` go through
/// the same rendering, and also negotiate the envelope.
///
/// ```
/// use poem::error::ResponseError;
///
/// #[derive(Debug, thiserror::Error, apierror::ApiError)]
/// #[error("no such page")]
/// #[api(status = 404, code = "NO_SUCH_PAGE")]
/// struct NoSuchPage;
///
/// let response = NoSuchPage.as_response();
/// assert_eq!(response.status(), 404);
/// assert_eq!(response.content_type(), Some("application/json"));
/// let response = apierror::poem::into_response::<apierror::envelope::Problem>(&NoSuchPage);
/// assert_eq!(response.content_type(), Some("application/problem+json"));
/// ```
#[must_use]
pub fn into_response<E: Envelope>(error: &impl ApiError) -> Response {
    fn erased<T: ApiError>(error: &T, envelope: &ErasedEnvelope) -> Response {
        crate::respond::respond::<Poem>(error, api_of::<T>(), envelope)
    }
    erased(error, &ErasedEnvelope::of::<E>())
}

/// The response the boxed error's own type gives: see [`AnyApiError`].
impl ResponseError for AnyApiError {
    fn status(&self) -> StatusCode {
        status_code(self.erased())
    }

    fn as_response(&self) -> Response {
        crate::respond::respond_any::<Poem>(self)
    }
}

/// The response the boxed error's own type gives: see [`AnyApiError`].
impl IntoResponse for AnyApiError {
    fn into_response(self) -> Response {
        crate::respond::respond_any::<Poem>(&self)
    }
}

/// poem, for the glue shared with axum and actix-web in [`crate::respond`].
pub(crate) struct Poem;

impl Framework for Poem {
    type Response = Response;

    fn render(
        error: &dyn ErasedError,
        api: &Api,
        request: RequestInfo<'_>,
        envelope: &ErasedEnvelope,
    ) -> (Response, Option<RenderFailure>) {
        // The headers go straight into the response's own map; nothing is built twice.
        let mut headers = HeaderMap::new();
        let rendered = render_into(error, api, request, envelope, &mut headers);
        let parts = ResponseParts {
            status: rendered.status,
            version: Version::default(),
            headers,
            extensions: Extensions::new(),
        };
        (
            Response::from_parts(parts, Body::from_vec(rendered.body)),
            rendered.failure,
        )
    }

    fn vary_accept(response: &mut Response) {
        response
            .headers_mut()
            .append(http::header::VARY, http::HeaderValue::from_static("Accept"));
    }

    fn status(response: &Response) -> StatusCode {
        response.status()
    }

    fn insert(response: &mut Response, error_type: ErrorType) {
        response.extensions_mut().insert(error_type);
    }
}

#[cfg(test)]
mod tests {
    use ::poem::error::{
        MethodNotAllowedError, NotFoundError, ParseFormError, ParseJsonError, ParsePathError,
        ParseQueryError, ReadBodyError, SizedLimitError,
    };

    use crate::{ApiError, Rejection};

    /// The code, status and public message the middleware answers `error` with, one of
    /// poem's errors it names.
    fn named(error: impl Into<::poem::Error>) -> (&'static str, u16, String) {
        let rejection = Rejection::from_poem(&error.into()).expect("one of poem's errors");
        (
            rejection.code(),
            rejection.status().as_u16(),
            crate::message(&rejection).to_string(),
        )
    }

    /// Whether `error` is one the middleware tells by its status only.
    fn unnamed(error: impl Into<::poem::Error>) -> bool {
        Rejection::from_poem(&error.into()).is_none()
    }

    fn expect(code: &'static str, status: u16, message: &str) -> (&'static str, u16, String) {
        (code, status, message.to_owned())
    }

    #[test]
    fn poem_s_own_errors_are_named_by_their_cause() {
        let syntax = serde_json::from_str::<serde_json::Value>("{").unwrap_err();
        let data = serde_json::from_str::<u8>(r#""x""#).unwrap_err();
        assert_eq!(
            named(ParseJsonError::Parse(syntax)),
            expect(
                "INVALID_JSON",
                400,
                "parse error: EOF while parsing an object at line 1 column 1"
            )
        );
        assert_eq!(
            named(ParseJsonError::Parse(data)),
            expect(
                "INVALID_JSON_DATA",
                400,
                "parse error: invalid type: string \"x\", expected u8 at line 1 column 3"
            )
        );
        assert_eq!(
            named(ParseJsonError::ContentTypeRequired),
            expect(
                "UNSUPPORTED_MEDIA_TYPE",
                415,
                "expect content type `application/json`"
            )
        );
        assert_eq!(
            named(ParseJsonError::InvalidContentType("text/plain".to_owned())),
            expect(
                "UNSUPPORTED_MEDIA_TYPE",
                415,
                "invalid content type `text/plain`, expect: `application/json`"
            )
        );
        assert_eq!(
            named(ParsePathError),
            expect("INVALID_PATH", 400, "invalid path params")
        );
        // The query parser's error, whatever its type: serde's `custom`.
        let query = ParseQueryError(serde::de::Error::custom("invalid digit found in string"));
        assert_eq!(
            named(query),
            expect("INVALID_QUERY", 400, "invalid digit found in string")
        );
        assert_eq!(
            named(ReadBodyError::PayloadTooLarge),
            expect("PAYLOAD_TOO_LARGE", 413, "payload too large")
        );
        assert_eq!(
            named(SizedLimitError::PayloadTooLarge),
            expect("PAYLOAD_TOO_LARGE", 413, "payload too large")
        );
        assert_eq!(
            named(SizedLimitError::MissingContentLength),
            expect("REQUEST_REJECTED", 411, "missing `Content-Length` header")
        );
        assert_eq!(
            named(ReadBodyError::Io(std::io::Error::other("reset"))),
            expect("INVALID_BODY", 400, "io: reset")
        );
        // A 5xx shows only its reason phrase.
        assert_eq!(
            named(ReadBodyError::BodyHasBeenTaken),
            expect("INTERNAL_ERROR", 500, "Internal Server Error")
        );
        assert_eq!(
            named(ParseFormError::ContentTypeRequired),
            expect(
                "UNSUPPORTED_MEDIA_TYPE",
                415,
                "expect content type `application/x-www-form-urlencoded`"
            )
        );
    }

    #[test]
    fn routing_errors_and_others_are_told_by_their_status() {
        use ::poem::http::StatusCode;

        assert!(unnamed(NotFoundError));
        assert!(unnamed(MethodNotAllowedError));
        assert!(unnamed(::poem::Error::from_status(StatusCode::IM_A_TEAPOT)));
        assert!(unnamed(::poem::Error::from_string(
            "no",
            StatusCode::BAD_REQUEST
        )));
    }
}
