//! The request-context layer: a request id per request, and the context the error glue reads.

use core::future::Future;
use core::pin::Pin;
use core::task::{ready, Context, Poll};

use http::{Request, Response};
use tower_layer::Layer;
use tower_service::Service;

use crate::context::{Current, Scoped, X_REQUEST_ID};

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
#[derive(Clone, Copy, Debug, Default)]
pub struct ErrorContextLayer {
    _private: (),
}

impl ErrorContextLayer {
    /// The layer.
    #[must_use]
    pub const fn new() -> Self {
        ErrorContextLayer { _private: () }
    }
}

impl<S> Layer<S> for ErrorContextLayer {
    type Service = ErrorContextService<S>;

    fn layer(&self, inner: S) -> Self::Service {
        ErrorContextService { inner }
    }
}

/// The service [`ErrorContextLayer`] wraps around its inner service.
#[derive(Clone, Copy, Debug)]
pub struct ErrorContextService<S> {
    inner: S,
}

impl<S> ErrorContextService<S> {
    /// Wraps `inner`; the same as `ErrorContextLayer::new().layer(inner)`.
    #[must_use]
    pub const fn new(inner: S) -> Self {
        ErrorContextService { inner }
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

    fn call(&mut self, mut request: Request<ReqBody>) -> Self::Future {
        let current = Current::of_http(request.headers(), request.uri());
        let id = current.http_id();
        request.extensions_mut().insert(current.id().clone());
        let inner = &mut self.inner;
        let future = current.clone().enter(|| inner.call(request));
        ErrorContextFuture {
            inner: current.scope(future),
            id,
        }
    }
}

pin_project_lite::pin_project! {
    /// The response future of [`ErrorContextService`]: the inner future, run with the request
    /// context, whose response gets `x-request-id`.
    pub struct ErrorContextFuture<F> {
        #[pin]
        inner: Scoped<F>,
        id: Option<http::HeaderValue>,
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
            response.headers_mut().insert(X_REQUEST_ID, id);
        }
        Poll::Ready(result)
    }
}

impl<F> core::fmt::Debug for ErrorContextFuture<F> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("ErrorContextFuture")
            .field("id", &self.id)
            .finish_non_exhaustive()
    }
}
