//! The request-context middleware: a request id per request, the context the error glue reads,
//! and (with `all_errors_as`) the API's envelope for the error responses the application did
//! not render itself.

use core::marker::PhantomData;

use ::poem::http::header::{HeaderName, HeaderValue, CONTENT_TYPE};
use ::poem::{Endpoint, IntoResponse, Middleware, Request, Response};

use super::Poem;
use crate::api_error::ApiError;
use crate::context::{with_current, Current, X_REQUEST_ID};
use crate::rejection::Rejection;
use crate::render::{Rendering, UsesEnvelope};
use crate::respond::{is_unrendered_error, keeps_header, respond_as};

const REQUEST_ID: HeaderName = HeaderName::from_static(X_REQUEST_ID);

/// A poem [`Middleware`] that gives every request an id and lets the errors rendered while it
/// is handled know the request ([`context`](crate::context) tells what that changes).
///
/// For each request it:
/// - keeps the incoming `x-request-id` when it is 1 to 128 visible ASCII characters, else makes
///   a fresh UUID v4;
/// - inserts that [`RequestId`](crate::context::RequestId) into the request's extensions
///   (`Data<&RequestId>` in a handler);
/// - sets the request context (id, path, `Accept`) for the inner endpoint's `call` and for
///   every poll of its future;
/// - turns an error of the inner endpoint into its response there, in the request's context,
///   as `Endpoint::get_response` does (poem would otherwise do it after every middleware has
///   returned, knowing no request): the middleware around this one sees the response, with the
///   error's [`ErrorType`](crate::ErrorType) in its extensions (and the error's own data, set
///   with `poem::Error::set_data`); put it outermost, so poem's `Tracing` and the like, inside
///   it, still see the error;
/// - adds `x-request-id` to the response, whatever its status.
///
/// Add it with `EndpointExt::with` on the `Route`, so that it wraps every route and the
/// unknown ones.
///
/// ```
/// use apierror::context::RequestId;
/// use apierror::poem::ErrorContext;
/// use poem::{get, handler, web::Data, EndpointExt, Route};
///
/// #[derive(Debug, thiserror::Error, apierror::ApiError)]
/// #[error("database down")]
/// #[api(status = 500, code = "INTERNAL_ERROR")]
/// struct Internal;
///
/// #[handler]
/// async fn users(Data(id): Data<&RequestId>) -> Result<String, Internal> {
///     assert_eq!(id.as_str(), "req-42");
///     Err(Internal)
/// }
///
/// let app = Route::new().at("/users", get(users)).with(ErrorContext::new());
///
/// # tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(async {
/// use poem::{Endpoint, Request};
///
/// let request = Request::builder().uri_str("/users").header("x-request-id", "req-42").finish();
/// let response = app.get_response(request).await;
/// assert_eq!(response.status(), 500);
/// assert_eq!(response.headers()["x-request-id"], "req-42");
/// // The default envelope shows the id of a 5xx in its details.
/// assert_eq!(
///     response.into_body().into_string().await.unwrap(),
///     r#"{"error":{"code":"INTERNAL_ERROR","message":"Internal Server Error","details":{"request_id":"req-42"}}}"#,
/// );
/// # });
/// ```
///
/// # Every error response in the envelope
///
/// `ErrorContext::new().all_errors_as::<AppError>()` also answers, in `AppError`'s envelope
/// (and negotiation, and [`Api`](crate::Api)), every error response that apierror did not
/// render: a 4xx or 5xx, returned as an error or as a response, whose body is empty or plain
/// text (`Content-Type` absent or `text/plain`). That is what poem answers by itself: an
/// unknown route (404 `ROUTE_NOT_FOUND`), a wrong method (405 `METHOD_NOT_ALLOWED`), its
/// extractors' errors (bad JSON, query or path), a body over the `SizeLimit` (413
/// `PAYLOAD_TOO_LARGE`), and any other plain error (`REQUEST_REJECTED`; a 5xx is
/// `INTERNAL_ERROR`), with the codes of [`Rejection`] as the [module](super#poems-errors-and-their-codes)
/// lists them. Responses with any other content type, such as a page of HTML or JSON a handler
/// wrote itself, are left as they are; the other headers of a replaced response are kept.
pub struct ErrorContext<T = ()> {
    all_errors_as: PhantomData<fn() -> T>,
}

crate::respond::context_middleware!(ErrorContext, "middleware");

impl<T> ErrorContext<T> {
    /// The same middleware, which also answers every error response apierror did not render (an
    /// unknown route, a wrong method, poem's own extractor errors) in the envelope of `E`, as
    /// [above](#every-error-response-in-the-envelope).
    #[must_use]
    pub const fn all_errors_as<E: UsesEnvelope + ApiError>(self) -> ErrorContext<E> {
        ErrorContext {
            all_errors_as: PhantomData,
        }
    }
}

impl<E: Endpoint> Middleware<E> for ErrorContext {
    type Output = ErrorContextEndpoint<E>;

    fn transform(&self, inner: E) -> Self::Output {
        ErrorContextEndpoint {
            inner,
            all_errors_as: PhantomData,
        }
    }
}

impl<E: Endpoint, T: UsesEnvelope + ApiError> Middleware<E> for ErrorContext<T> {
    type Output = ErrorContextEndpoint<E, T>;

    fn transform(&self, inner: E) -> Self::Output {
        ErrorContextEndpoint {
            inner,
            all_errors_as: PhantomData,
        }
    }
}

/// The endpoint [`ErrorContext`] wraps around its inner endpoint.
pub struct ErrorContextEndpoint<E, T = ()> {
    inner: E,
    all_errors_as: PhantomData<fn() -> T>,
}

impl<E: core::fmt::Debug, T> core::fmt::Debug for ErrorContextEndpoint<E, T> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("ErrorContextEndpoint")
            .field("inner", &self.inner)
            .field("all_errors_as", &core::any::type_name::<T>())
            .finish()
    }
}

impl<E: Endpoint, T> ErrorContextEndpoint<E, T> {
    /// The shared part of `call`: the context, the id extension, the inner call in context,
    /// and `answer` making its result (the output, or the error) a response there; then
    /// `x-request-id`.
    async fn handle(
        &self,
        mut request: Request,
        answer: impl FnOnce(::poem::Result<Response>, &Current) -> Response + Send,
    ) -> ::poem::Result<Response> {
        // The URI as this endpoint sees it (the path the client asked for when the middleware
        // wraps the outermost `Route`; `Route::nest` strips its prefix from the endpoints
        // inside). Not `original_uri`, which poem sets in its server only.
        let current = Current::of_http(request.headers(), request.uri());
        let id = current.http_id();
        request.extensions_mut().insert(current.id().clone());
        let future = current.clone().enter(|| self.inner.call(request));
        let mut response = current
            .clone()
            .scope(async move {
                let result = future.await.map(IntoResponse::into_response);
                answer(result, &current)
            })
            .await;
        if let Some(id) = id {
            response.headers_mut().insert(REQUEST_ID, id);
        }
        Ok(response)
    }
}

/// `error`'s response, made in the request's context (inside its scope); with the
/// [`ErrorType`] an error response rendered by apierror carries, which poem's
/// `Error::into_response` takes off it (it sets the response's extensions to the error's own).
fn error_response(error: ::poem::Error) -> Response {
    let take = || with_current(|current| current.and_then(Current::take_answered));
    // One rendered before this error (and answered otherwise) is not this error's type.
    take();
    let mut response = error.into_response();
    if let Some(error_type) = take() {
        response.extensions_mut().insert(error_type);
    }
    response
}

impl<E: Endpoint> Endpoint for ErrorContextEndpoint<E> {
    type Output = Response;

    async fn call(&self, request: Request) -> ::poem::Result<Response> {
        self.handle(request, |result, _| result.unwrap_or_else(error_response))
            .await
    }
}

impl<E: Endpoint, T: UsesEnvelope + ApiError> Endpoint for ErrorContextEndpoint<E, T> {
    type Output = Response;

    async fn call(&self, request: Request) -> ::poem::Result<Response> {
        self.handle(request, |result, current| {
            // poem's own errors are told by their type, before they become a response.
            let (response, cause) = match result {
                Ok(response) => (response, None),
                Err(error) => {
                    let cause = Rejection::from_poem(&error);
                    (error_response(error), cause)
                }
            };
            let content_type = response
                .headers()
                .get(CONTENT_TYPE)
                .map(HeaderValue::as_bytes);
            if is_unrendered_error(response.status().as_u16(), content_type) {
                answer_as::<T>(response, cause, current)
            } else {
                response
            }
        })
        .await
    }
}

/// `response`, answered again as `T` answers: the rejection its `cause` (poem's own error) or
/// else its status stands for, in `T`'s envelope; the response's other headers are kept.
fn answer_as<T: UsesEnvelope + ApiError>(
    response: Response,
    cause: Option<Rejection>,
    current: &Current,
) -> Response {
    let status = response.status().as_u16();
    let rejection = cause.unwrap_or_else(|| Rejection::from_status(status));
    let mut answer = respond_as::<Poem>(&rejection, Rendering::of::<T>(), Some(current), None);
    let (parts, _) = response.into_parts();
    for name in parts.headers.keys() {
        if keeps_header(name.as_str(), answer.headers().contains_key(name)) {
            for value in parts.headers.get_all(name) {
                answer.headers_mut().append(name.clone(), value.clone());
            }
        }
    }
    answer
}
