//! salvo glue: the derive makes every type a `salvo::Scribe` when the `salvo` feature is on, so
//! a handler returning `Result<T, AppError>` answers in the type's envelope (salvo's blanket
//! `Writer` for every `Scribe`); the [`ErrorContext`] hoop gives errors the request's context,
//! and with `all_errors_as` answers salvo's own errors in the API's envelope too.
//!
//! salvo 1 requires Rust 1.95, above the crate's own `rust-version`: the feature is for projects
//! on that compiler.
//!
//! # Quickstart
//!
//! Put the hoop on the [`Service`](salvo_core::Service), not on a `Router`: a router's hoops
//! run only for a request that matched one of its routes, the service's for every request, so
//! an unknown path (404) and a wrong method (405) are answered in the envelope as well.
//!
//! ```
//! use apierror::ApiError;
//! use salvo::prelude::*;
//!
//! #[derive(Debug, thiserror::Error, ApiError)]
//! #[api(envelope = apierror::envelope::Problem)]
//! enum AppError {
//!     #[error("user {id} not found")]
//!     #[api(status = 404)] // code derived from the name: "USER_NOT_FOUND"
//!     UserNotFound {
//!         #[api(detail)]
//!         id: u64,
//!     },
//! }
//!
//! #[handler]
//! async fn get_user(req: &mut Request) -> Result<&'static str, AppError> {
//!     let id = req.param::<u64>("id").unwrap_or_default();
//!     Err(AppError::UserNotFound { id })
//! }
//!
//! let router = Router::with_path("users/{id}").get(get_user);
//! // Request ids for every response, the request known to every error, and salvo's own
//! // errors (no route, wrong method, its parse errors) in AppError's envelope too.
//! let service = Service::new(router)
//!     .hoop(apierror::salvo::ErrorContext::new().all_errors_as::<AppError>());
//!
//! # let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
//! # runtime.block_on(async {
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
//! let addr = listener.local_addr().unwrap();
//! let acceptor = salvo::conn::tcp::TcpAcceptor::try_from(listener).unwrap();
//! tokio::spawn(Server::new(acceptor).serve(service));
//! # let get = |path: &'static str| tokio::task::spawn_blocking(move || {
//! #     use std::io::{Read, Write};
//! #     let mut stream = std::net::TcpStream::connect(addr).unwrap();
//! #     write!(stream, "GET {path} HTTP/1.1\r\nHost: x\r\nx-request-id: req-7\r\nConnection: close\r\n\r\n").unwrap();
//! #     let mut response = String::new();
//! #     stream.read_to_string(&mut response).unwrap();
//! #     response
//! # });
//!
//! // GET /users/7 answers 404, content-type: application/problem+json, x-request-id: req-7,
//! let response = get("/users/7").await.unwrap();
//! # assert!(response.starts_with("HTTP/1.1 404"), "{response}");
//! # assert!(response.contains("content-type: application/problem+json\r\n"), "{response}");
//! # assert!(response.contains("x-request-id: req-7\r\n"), "{response}");
//! assert!(response.ends_with(
//!     r#"{"type":"about:blank","title":"Not Found","status":404,"detail":"user 7 not found","instance":"/users/7","code":"USER_NOT_FOUND","id":7}"#
//! ));
//! // and GET /nowhere, which no route takes, answers in the same envelope.
//! let response = get("/nowhere").await.unwrap();
//! # assert!(response.starts_with("HTTP/1.1 404"), "{response}");
//! assert!(response.ends_with(
//!     r#"{"type":"about:blank","title":"Not Found","status":404,"detail":"Not Found","instance":"/nowhere","code":"ROUTE_NOT_FOUND"}"#
//! ));
//! # });
//! ```
//!
//! # What salvo gives the glue
//!
//! `Scribe::render` takes the response being built, not a fresh one: the error's status, headers
//! and body are written over it, and what a hoop set before the handler ran (a CORS header, a
//! cookie) stays, but for the headers that described the replaced body (`Content-*`, `ETag`…)
//! and those the error sets itself. salvo's `Response` has extensions: the
//! [`ErrorType`] of every error response is in `res.extensions`, for the
//! hoops around the handler, as with axum and actix-web.

#[doc(hidden)]
pub mod glue;
mod hoop;

pub use hoop::ErrorContext;

use salvo_core::http::ResBody;
use salvo_core::{Response, Scribe};

use crate::any_error::AnyApiError;
use crate::api_error::{Api, ApiError, ErasedError};
use crate::envelope::{Envelope, RequestInfo};
use crate::error_type::ErrorType;
use crate::render::{api_of, render_into, ErasedEnvelope, RenderFailure};
use crate::respond::{keeps_header, Framework};

/// Writes `error` in envelope `E` over `res`, the response salvo is building.
///
/// Inside a request handled behind [`ErrorContext`], the envelope sees the request's id and
/// path (see [`context`](crate::context)); elsewhere it sees nothing of the request, since
/// `Scribe` is not given it. The derive's `Scribe` goes through the same rendering, and also
/// negotiates the envelope.
///
/// The status, the body and the error's headers replace those of `res`; the other headers of
/// `res` are kept, but for those that described its old body (`Content-*`, `ETag`,
/// `Last-Modified`, `Transfer-Encoding`); a `Vary` of both is kept whole.
///
/// ```
/// #[derive(Debug, apierror::ApiError)]
/// #[api(status = 404, code = "NO_SUCH_PAGE", message = "no such page")]
/// struct NoSuchPage;
///
/// let mut res = salvo_core::Response::new();
/// res.render(NoSuchPage); // the derived `Scribe`
/// assert_eq!(res.status_code, Some(salvo_core::http::StatusCode::NOT_FOUND));
/// assert_eq!(res.headers["content-type"], "application/json");
///
/// apierror::salvo::write_error::<apierror::envelope::Problem>(&NoSuchPage, &mut res);
/// assert_eq!(res.headers["content-type"], "application/problem+json");
/// ```
pub fn write_error<E: Envelope>(error: &impl ApiError, res: &mut Response) {
    fn erased<T: ApiError>(error: &T, envelope: &ErasedEnvelope) -> Response {
        crate::respond::respond::<Salvo>(error, api_of::<T>(), envelope)
    }
    answer(res, erased(error, &ErasedEnvelope::of::<E>()));
}

/// The response the boxed error's own type gives: see [`AnyApiError`].
impl Scribe for AnyApiError {
    fn render(self, res: &mut Response) {
        answer(res, crate::respond::respond_any::<Salvo>(&self));
    }
}

/// Writes `answer`, an error response apierror rendered, over `res`: its status, body,
/// headers and extensions; of the headers of `res`, those [`keeps_header`] keeps.
pub(crate) fn answer(res: &mut Response, answer: Response) {
    let old = core::mem::replace(&mut res.headers, answer.headers);
    for name in old.keys() {
        // Each name comes once, so `res` has it here only if the answer set it.
        if keeps_header(name.as_str(), res.headers.contains_key(name)) {
            for value in old.get_all(name) {
                res.headers.append(name.clone(), value.clone());
            }
        }
    }
    res.status_code = answer.status_code;
    res.body = answer.body;
    res.extensions.extend(answer.extensions);
}

/// salvo, for the glue shared with axum and actix-web in [`crate::respond`].
pub(crate) struct Salvo;

impl Framework for Salvo {
    type Response = Response;

    fn render(
        error: &dyn ErasedError,
        api: &Api,
        request: RequestInfo<'_>,
        envelope: &ErasedEnvelope,
    ) -> (Response, Option<RenderFailure>) {
        let mut response = Response::new();
        let rendered = render_into(error, api, request, envelope, &mut response.headers);
        response.status_code = Some(rendered.status);
        response.body = ResBody::Once(rendered.body.into());
        (response, rendered.failure)
    }

    fn vary_accept(response: &mut Response) {
        response
            .headers
            .append(http::header::VARY, http::HeaderValue::from_static("Accept"));
    }

    fn status(response: &Response) -> http::StatusCode {
        response
            .status_code
            .unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR)
    }

    fn insert(response: &mut Response, error_type: ErrorType) {
        response.extensions.insert(error_type);
    }
}
