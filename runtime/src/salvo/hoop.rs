//! The request-context hoop: a request id per request, the context the error glue reads, and
//! (with `all_errors_as`) the API's envelope for the error responses the application did not
//! render itself.

use core::marker::PhantomData;

use http::header::{HeaderName, CONTENT_TYPE};
use http::HeaderValue;
use salvo_core::http::ResBody;
use salvo_core::{Depot, FlowCtrl, Handler, Request, Response};

use super::Salvo;
use crate::api_error::ApiError;
use crate::context::{Current, X_REQUEST_ID};
use crate::rejection::Rejection;
use crate::render::{Rendering, UsesEnvelope};
use crate::respond::{is_unrendered_error, respond_as};

const REQUEST_ID: HeaderName = HeaderName::from_static(X_REQUEST_ID);

/// A salvo hoop (a [`Handler`] used as middleware) that gives every request an id and lets the
/// errors rendered while it is handled know the request ([`context`](crate::context) tells
/// what that changes).
///
/// For each request it:
/// - keeps the incoming `x-request-id` when it is 1 to 128 visible ASCII characters, else makes
///   a fresh UUID v4;
/// - inserts that [`RequestId`](crate::context::RequestId) into the request's extensions and
///   the [`Depot`] (`depot.get_typed::<RequestId>()` in a handler);
/// - sets the request context (id, path, `Accept`) for everything after it in the chain: the
///   other hoops and the handler, so every derived error they render;
/// - adds `x-request-id` to the response, whatever its status.
///
/// Add it with `Service::hoop`, so that it runs for every request, also those no route takes
/// (with `Router::hoop` it runs only for the routes of that router). salvo's `Catcher` runs
/// after the service's hoops, so what it writes is outside the context; with `all_errors_as`
/// nothing is left for it.
///
/// ```
/// use apierror::context::RequestId;
/// use salvo::prelude::*;
///
/// #[derive(Debug, apierror::ApiError)]
/// #[api(status = 500, code = "INTERNAL_ERROR")]
/// struct Internal;
///
/// #[handler]
/// async fn handler(depot: &mut Depot) -> Result<&'static str, Internal> {
///     let id = depot.get_typed::<RequestId>().ok().cloned();
///     println!("request {id:?}: failing");
///     Err(Internal) // {"error":{"code":"INTERNAL_ERROR",…,"details":{"request_id":"…"}}}
/// }
///
/// let service = Service::new(Router::with_path("users").get(handler))
///     .hoop(apierror::salvo::ErrorContext::new());
/// # let _ = service;
/// ```
///
/// # Every error response in the envelope
///
/// `ErrorContext::new().all_errors_as::<AppError>()` also answers, in `AppError`'s envelope
/// (and negotiation, and [`Api`](crate::Api)), every error response that apierror did not
/// render: a 4xx or 5xx whose body is empty, salvo's `StatusError` (which salvo leaves for its
/// `Catcher` to write), or plain text (`Content-Type` absent or `text/plain`). That is what
/// salvo answers by itself: an unknown route (404 `ROUTE_NOT_FOUND`), a wrong method (405
/// `METHOD_NOT_ALLOWED`; salvo adds its `Allow` afterwards), the parse errors of
/// `req.parse_json` and its kin, each with its cause's code (a body over the request's limit
/// 413 `PAYLOAD_TOO_LARGE`, no JSON content type `UNSUPPORTED_MEDIA_TYPE`, `INVALID_JSON`,
/// `INVALID_JSON_DATA`, `INVALID_BODY`, with salvo's status, 400 but for the 413), an
/// extractor's (whose cause salvo keeps only as text) 400 `REQUEST_REJECTED`, a handler's
/// other `StatusError` or bare status (404 `ROUTE_NOT_FOUND`, any other 4xx
/// `REQUEST_REJECTED`, a 5xx `INTERNAL_ERROR`); the message is always the status's reason
/// phrase, as salvo's own pages keep causes out (the codes are [`Rejection`]'s). A response of
/// any other content type, such as JSON a handler wrote itself, is left as it is; the other
/// headers of a replaced response are kept.
pub struct ErrorContext<T = ()> {
    all_errors_as: PhantomData<fn() -> T>,
}

crate::respond::context_middleware!(ErrorContext, "hoop");

impl<T> ErrorContext<T> {
    /// The same hoop, which also answers every error response apierror did not render (an
    /// unknown route, a wrong method, salvo's own parse errors and `StatusError`s) in the
    /// envelope of `E`, as [above](#every-error-response-in-the-envelope).
    #[must_use]
    pub const fn all_errors_as<E: UsesEnvelope + ApiError>(self) -> ErrorContext<E> {
        ErrorContext {
            all_errors_as: PhantomData,
        }
    }
}

/// The context of `req`, its id in the request's extensions and the depot, and the id as the
/// header value to echo.
fn start(req: &mut Request, depot: &mut Depot) -> (Current, Option<HeaderValue>) {
    let current = Current::of_http(req.headers(), req.uri());
    let id = current.http_id();
    req.extensions_mut().insert(current.id().clone());
    depot.insert_typed(current.id().clone());
    (current, id)
}

/// Echoes the request id on the response.
fn echo(res: &mut Response, id: Option<HeaderValue>) {
    if let Some(id) = id {
        res.headers.insert(REQUEST_ID, id);
    }
}

#[salvo_core::async_trait]
impl Handler for ErrorContext {
    async fn handle(
        &self,
        req: &mut Request,
        depot: &mut Depot,
        res: &mut Response,
        ctrl: &mut FlowCtrl,
    ) {
        let (current, id) = start(req, depot);
        current.scope(ctrl.call_next(req, depot, res)).await;
        echo(res, id);
    }
}

#[salvo_core::async_trait]
impl<T: UsesEnvelope + ApiError + 'static> Handler for ErrorContext<T> {
    async fn handle(
        &self,
        req: &mut Request,
        depot: &mut Depot,
        res: &mut Response,
        ctrl: &mut FlowCtrl,
    ) {
        let (current, id) = start(req, depot);
        current.clone().scope(ctrl.call_next(req, depot, res)).await;
        if is_unrendered(res) {
            answer_as::<T>(res, &current);
        }
        echo(res, id);
    }
}

/// Whether `res` is an error response apierror did not render: an error status with no body,
/// a `StatusError` left for the catcher, or a plain-text (or untyped) body.
fn is_unrendered(res: &Response) -> bool {
    // salvo sets a matched route's 200, and an unmatched request's 404 or 405, before the
    // hoops run; a status taken away again is no error.
    let status = res.status_code.unwrap_or(http::StatusCode::OK).as_u16();
    let content_type = match &res.body {
        // A `StatusError` dropped the old body's `Content-Type`; nothing describes it.
        ResBody::None | ResBody::Error(_) => None,
        _ => res.headers.get(CONTENT_TYPE).map(HeaderValue::as_bytes),
    };
    is_unrendered_error(status, content_type)
}

/// `res`, answered again as `T` answers: the rejection its status stands for, in `T`'s
/// envelope; the response's other headers are kept.
fn answer_as<T: UsesEnvelope + ApiError>(res: &mut Response, current: &Current) {
    let rejection = match &res.body {
        // salvo's own error, with its cause: `req.parse_json`'s, an extractor's.
        ResBody::Error(error) => Rejection::from(error),
        _ => Rejection::from_status(
            res.status_code
                .unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR)
                .as_u16(),
        ),
    };
    let answer = respond_as::<Salvo>(&rejection, Rendering::of::<T>(), Some(current), None);
    super::answer(res, answer);
}
