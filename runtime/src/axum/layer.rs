//! The request-context layer: a request id per request, the context the error glue reads, and
//! (with `all_errors_as`) the API's envelope for the error responses the application did not
//! render itself.

use core::future::Future;
use core::marker::PhantomData;
use core::pin::Pin;
use core::task::{ready, Context, Poll};

use axum_core::body::Body;
use bytes::Bytes;
use http::header::{HeaderName, HeaderValue, CONTENT_TYPE};
use http::{Request, Response};
use tower_layer::Layer;
use tower_service::Service;

use super::Axum;
use crate::api_error::ApiError;
use crate::context::{Current, Scoped, X_REQUEST_ID};
use crate::rejection::Rejection;
use crate::render::{Rendering, UsesEnvelope};
use crate::respond::{is_unrendered_error, keeps_header, respond_as};

const REQUEST_ID: HeaderName = HeaderName::from_static(X_REQUEST_ID);

/// A tower [`Layer`] that gives every request an id and lets the errors rendered while it is
/// handled know the request ([`context`](crate::context) tells what that changes).
///
/// For each request it:
/// - keeps the incoming `x-request-id` when it is 1 to 128 visible ASCII characters, else makes
///   a fresh UUID v4;
/// - inserts that [`RequestId`](crate::context::RequestId) into the request's extensions
///   (`Extension<RequestId>` in a handler);
/// - sets the request context (id, path, `Accept`) for the inner service's `call` and for every
///   poll of its future;
/// - adds `x-request-id` to the response, whatever its status.
///
/// Add it with `Router::layer` so that it wraps every route and the fallback. Works with any
/// request and response body; the future is not boxed.
///
/// ```
/// # #[cfg(feature = "axum")] {
/// use apierror::axum::ErrorContextLayer;
/// use axum::{routing::get, Router};
/// use tower_service::Service;
///
/// #[derive(Debug, apierror::ApiError)]
/// #[api(status = 500, code = "INTERNAL_ERROR")]
/// struct Internal;
///
/// async fn handler() -> Result<&'static str, Internal> {
///     Err(Internal)
/// }
///
/// let mut app: Router = Router::new()
///     .route("/users", get(handler))
///     .layer(ErrorContextLayer::new());
///
/// let request = http::Request::get("/users")
///     .header("x-request-id", "req-42")
///     .body(axum::body::Body::empty())
///     .unwrap();
/// let runtime = tokio::runtime::Builder::new_current_thread().build().unwrap();
/// let response = runtime.block_on(app.call(request)).unwrap();
///
/// assert_eq!(response.status(), 500);
/// assert_eq!(response.headers()["x-request-id"], "req-42");
/// // The default envelope shows the id of a 5xx in its details.
/// let body = runtime.block_on(axum::body::to_bytes(response.into_body(), usize::MAX)).unwrap();
/// assert_eq!(
///     body,
///     r#"{"error":{"code":"INTERNAL_ERROR","message":"Internal Server Error","details":{"request_id":"req-42"}}}"#
/// );
/// # }
/// ```
///
/// # Every error response in the envelope
///
/// `ErrorContextLayer::new().all_errors_as::<AppError>()` also answers, in `AppError`'s
/// envelope (and negotiation, and [`Api`](crate::Api)), every error response that apierror did
/// not render: a response with a 4xx or 5xx status whose body is empty or plain text
/// (`Content-Type` absent or `text/plain`). That is what axum answers by itself: an unknown
/// route (404 `ROUTE_NOT_FOUND`), a wrong method (405 `METHOD_NOT_ALLOWED`, keeping axum's
/// `Allow` header), a body over the limit of `axum::Json` or `DefaultBodyLimit` (413
/// `PAYLOAD_TOO_LARGE`), a missing JSON content type (415), and any other plain rejection
/// (`REQUEST_REJECTED`; a 5xx is `INTERNAL_ERROR`), each with its reason phrase as the message
/// (the codes are [`Rejection`]'s). Responses with any other content type, such as a page of
/// HTML or JSON a handler wrote itself, are left as they are. The other headers of a replaced
/// response are kept.
///
/// ```
/// # #[cfg(feature = "axum")] {
/// use apierror::axum::ErrorContextLayer;
/// use axum::{routing::get, Router};
/// use tower_service::Service;
///
/// #[derive(Debug, thiserror::Error, apierror::ApiError)]
/// #[api(envelope = apierror::envelope::Problem)]
/// enum AppError {
///     #[error("user {0} not found")]
///     #[api(status = 404)]
///     UserNotFound(u64),
/// }
///
/// let mut app: Router = Router::new()
///     .route("/users", get(|| async { "ada" }))
///     .layer(ErrorContextLayer::new().all_errors_as::<AppError>());
///
/// let runtime = tokio::runtime::Builder::new_current_thread().build().unwrap();
/// let request = http::Request::get("/nowhere").body(axum::body::Body::empty()).unwrap();
/// let response = runtime.block_on(app.call(request)).unwrap();
/// assert_eq!(response.status(), 404);
/// assert_eq!(response.headers()["content-type"], "application/problem+json");
/// let body = runtime.block_on(axum::body::to_bytes(response.into_body(), usize::MAX)).unwrap();
/// assert_eq!(
///     body,
///     r#"{"type":"about:blank","title":"Not Found","status":404,"detail":"Not Found","instance":"/nowhere","code":"ROUTE_NOT_FOUND"}"#
/// );
/// # }
/// ```
pub struct ErrorContextLayer<T = ()> {
    all_errors_as: PhantomData<fn() -> T>,
}

crate::respond::context_middleware!(ErrorContextLayer, "layer");

impl<T> ErrorContextLayer<T> {
    /// The same layer, which also answers every error response apierror did not render (an
    /// unknown route, a wrong method, axum's own rejections) in the envelope of `E`, as
    /// [above](#every-error-response-in-the-envelope).
    #[must_use]
    pub const fn all_errors_as<E: UsesEnvelope + ApiError>(self) -> ErrorContextLayer<E> {
        ErrorContextLayer {
            all_errors_as: PhantomData,
        }
    }
}

impl<S, T> Layer<S> for ErrorContextLayer<T> {
    type Service = ErrorContextService<S, T>;

    fn layer(&self, inner: S) -> Self::Service {
        ErrorContextService {
            inner,
            all_errors_as: PhantomData,
        }
    }
}

/// The service [`ErrorContextLayer`] wraps around its inner service.
pub struct ErrorContextService<S, T = ()> {
    inner: S,
    all_errors_as: PhantomData<fn() -> T>,
}

impl<S> ErrorContextService<S> {
    /// Wraps `inner`; the same as `ErrorContextLayer::new().layer(inner)`.
    #[must_use]
    pub const fn new(inner: S) -> Self {
        ErrorContextService {
            inner,
            all_errors_as: PhantomData,
        }
    }
}

impl<S: Clone, T> Clone for ErrorContextService<S, T> {
    fn clone(&self) -> Self {
        ErrorContextService {
            inner: self.inner.clone(),
            all_errors_as: PhantomData,
        }
    }
}

impl<S: core::fmt::Debug, T> core::fmt::Debug for ErrorContextService<S, T> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("ErrorContextService")
            .field("inner", &self.inner)
            .field("all_errors_as", &core::any::type_name::<T>())
            .finish()
    }
}

impl<S, T> ErrorContextService<S, T> {
    /// The shared part of `call`: the context, the id extension, the inner call in context.
    fn start<ReqBody>(
        &mut self,
        request: Request<ReqBody>,
        keep: bool,
    ) -> ErrorContextFuture<S::Future, T>
    where
        S: Service<Request<ReqBody>>,
    {
        let (current, id, future) = Current::call_http(&mut self.inner, request);
        let kept = keep.then(|| current.clone());
        ErrorContextFuture {
            inner: current.scope(future),
            id,
            current: kept,
            all_errors_as: PhantomData,
        }
    }
}

impl<S, ReqBody, ResBody> Service<Request<ReqBody>> for ErrorContextService<S>
where
    S: Service<Request<ReqBody>, Response = Response<ResBody>>,
{
    type Response = Response<ResBody>;
    type Error = S::Error;
    type Future = ErrorContextFuture<S::Future>;

    #[inline]
    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request<ReqBody>) -> Self::Future {
        self.start(request, false)
    }
}

impl<S, ReqBody, ResBody, T> Service<Request<ReqBody>> for ErrorContextService<S, T>
where
    S: Service<Request<ReqBody>, Response = Response<ResBody>>,
    ResBody: http_body::Body<Data = Bytes> + Send + 'static,
    ResBody::Error: Into<axum_core::BoxError>,
    T: UsesEnvelope + ApiError,
{
    type Response = Response<Body>;
    type Error = S::Error;
    type Future = ErrorContextFuture<S::Future, T>;

    #[inline]
    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request<ReqBody>) -> Self::Future {
        self.start(request, true)
    }
}

pin_project_lite::pin_project! {
    /// The response future of [`ErrorContextService`]: the inner future, run with the request
    /// context, whose response gets `x-request-id` (and, with `all_errors_as`, the envelope).
    pub struct ErrorContextFuture<F, T = ()> {
        #[pin]
        inner: Scoped<F>,
        id: Option<HeaderValue>,
        // Kept only with `all_errors_as`, to answer in the request's context.
        current: Option<Current>,
        all_errors_as: PhantomData<fn() -> T>,
    }
}

impl<F, ResBody, E> Future for ErrorContextFuture<F>
where
    F: Future<Output = Result<Response<ResBody>, E>>,
{
    type Output = F::Output;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.project();
        let mut result = ready!(this.inner.poll(cx));
        if let (Ok(response), Some(id)) = (&mut result, this.id.take()) {
            response.headers_mut().insert(REQUEST_ID, id);
        }
        Poll::Ready(result)
    }
}

impl<F, ResBody, E, T> Future for ErrorContextFuture<F, T>
where
    F: Future<Output = Result<Response<ResBody>, E>>,
    ResBody: http_body::Body<Data = Bytes> + Send + 'static,
    ResBody::Error: Into<axum_core::BoxError>,
    T: UsesEnvelope + ApiError,
{
    type Output = Result<Response<Body>, E>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.project();
        let result = ready!(this.inner.poll(cx));
        let current = this.current.take();
        Poll::Ready(result.map(|response| {
            let content_type = response
                .headers()
                .get(CONTENT_TYPE)
                .map(HeaderValue::as_bytes);
            let mut response = if is_unrendered_error(response.status().as_u16(), content_type) {
                answer_as::<T>(response, current.as_ref())
            } else {
                response.map(Body::new)
            };
            if let Some(id) = this.id.take() {
                response.headers_mut().insert(REQUEST_ID, id);
            }
            response
        }))
    }
}

/// `response`, answered again as `T` answers: the rejection its status stands for, in `T`'s
/// envelope; the response's other headers are kept.
fn answer_as<T: UsesEnvelope + ApiError>(
    response: Response<impl Sized>,
    current: Option<&Current>,
) -> Response<Body> {
    let (parts, _) = response.into_parts();
    let rejection = Rejection::from_status(parts.status.as_u16());
    let mut answer = respond_as::<Axum>(&rejection, Rendering::of::<T>(), current, None);
    for name in parts.headers.keys() {
        if keeps_header(name.as_str(), answer.headers().contains_key(name)) {
            for value in parts.headers.get_all(name) {
                answer.headers_mut().append(name.clone(), value.clone());
            }
        }
    }
    answer
}

impl<F, T> core::fmt::Debug for ErrorContextFuture<F, T> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("ErrorContextFuture")
            .field("id", &self.id)
            .finish_non_exhaustive()
    }
}
