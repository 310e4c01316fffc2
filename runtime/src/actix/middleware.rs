//! The request-context middleware: a request id per request, and the context the error glue
//! reads.

use core::future::{ready, Future, Ready};
use core::pin::Pin;
use core::task::{self, Context, Poll};

use actix_web::dev::{Service, ServiceRequest, ServiceResponse, Transform};
use actix_web::http::header::{HeaderName, HeaderValue};
use actix_web::HttpMessage;

use crate::context::{Current, Scoped};

const X_REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// An actix-web middleware that gives every request an id and lets the errors rendered while
/// it is handled know the request ([`context`](crate::context) tells what that changes).
///
/// For each request it:
/// - keeps the incoming `x-request-id` when it is 1 to 128 visible ASCII characters, else makes
///   a fresh UUID v4;
/// - inserts that [`RequestId`](crate::context::RequestId) into the request's extensions
///   (`req.extensions().get::<RequestId>()` in a handler);
/// - sets the request context (id, path, `Accept`) for the inner service's `call` and for every
///   poll of its future;
/// - adds `x-request-id` to the response, whatever its status.
///
/// A handler returning `Result<_, E>` has its error turned into a response inside its own
/// future, so within the context. What it does not cover: an error that a middleware (inside or
/// outside this one) returns as `Err` rather than as a response is turned into a response by
/// actix-web itself after this middleware's future has finished, so it renders without the
/// context and without `x-request-id`. Such middleware should answer with
/// `req.error_response(error)` instead, and be wrapped inside this one (registered before it:
/// the last `wrap` is the outermost).
///
/// ```
/// use actix_web::{web, App, HttpMessage, HttpRequest};
/// use apierror::actix::ErrorContext;
/// use apierror::context::RequestId;
///
/// #[derive(Debug, thiserror::Error, apierror::ApiError)]
/// #[error("database down")]
/// #[api(status = 500, code = "INTERNAL_ERROR")]
/// struct Internal;
///
/// async fn handler(req: HttpRequest) -> Result<&'static str, Internal> {
///     let id = req.extensions().get::<RequestId>().cloned();
///     assert_eq!(id.as_ref().map(RequestId::as_str), Some("req-42"));
///     Err(Internal)
/// }
///
/// actix_web::rt::System::new().block_on(async {
///     let app = App::new()
///         .route("/users", web::get().to(handler))
///         .wrap(ErrorContext::new());
///     let app = actix_web::test::init_service(app).await;
///     let request = actix_web::test::TestRequest::get()
///         .uri("/users")
///         .insert_header(("x-request-id", "req-42"))
///         .to_request();
///     let response = actix_web::test::call_service(&app, request).await;
///     assert_eq!(response.status(), 500);
///     assert_eq!(response.headers().get("x-request-id").unwrap(), "req-42");
///     let body = actix_web::test::read_body(response).await;
///     assert_eq!(
///         body,
///         r#"{"error":{"code":"INTERNAL_ERROR","message":"Internal Server Error","details":{"request_id":"req-42"}}}"#
///     );
/// });
/// ```
#[derive(Clone, Copy, Debug, Default)]
pub struct ErrorContext {
    _private: (),
}

impl ErrorContext {
    /// The middleware.
    #[must_use]
    pub const fn new() -> Self {
        ErrorContext { _private: () }
    }
}

impl<S, B> Transform<S, ServiceRequest> for ErrorContext
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>>,
{
    type Response = ServiceResponse<B>;
    type Error = S::Error;
    type Transform = ErrorContextMiddleware<S>;
    type InitError = ();
    type Future = Ready<Result<Self::Transform, Self::InitError>>;

    fn new_transform(&self, service: S) -> Self::Future {
        ready(Ok(ErrorContextMiddleware { service }))
    }
}

/// The service [`ErrorContext`] wraps around its inner service.
#[derive(Debug)]
pub struct ErrorContextMiddleware<S> {
    service: S,
}

impl<S, B> Service<ServiceRequest> for ErrorContextMiddleware<S>
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>>,
{
    type Response = ServiceResponse<B>;
    type Error = S::Error;
    type Future = ErrorContextFuture<S::Future>;

    actix_web::dev::forward_ready!(service);

    fn call(&self, request: ServiceRequest) -> Self::Future {
        let current = Current::of_actix(request.headers(), request.uri());
        let id = current.actix_id();
        request.extensions_mut().insert(current.id().clone());
        let future = current.clone().enter(|| self.service.call(request));
        ErrorContextFuture {
            inner: current.scope(future),
            id,
        }
    }
}

pin_project_lite::pin_project! {
    /// The response future of [`ErrorContextMiddleware`]: the inner future, run with the
    /// request context, whose response gets `x-request-id`.
    pub struct ErrorContextFuture<F> {
        #[pin]
        inner: Scoped<F>,
        id: Option<HeaderValue>,
    }
}

impl<F, B, E> Future for ErrorContextFuture<F>
where
    F: Future<Output = Result<ServiceResponse<B>, E>>,
{
    type Output = F::Output;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.project();
        let mut result = task::ready!(this.inner.poll(cx));
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
