//! The request-context middleware: a request id per request, and the context the error glue
//! reads.

use core::future::{ready, Future, Ready};
use core::marker::PhantomData;
use core::pin::Pin;
use core::task::{self, Context, Poll};

use actix_web::body::{BoxBody, EitherBody};
use actix_web::dev::{Service, ServiceRequest, ServiceResponse, Transform};
use actix_web::http::header::{HeaderName, HeaderValue, CONTENT_TYPE};
use actix_web::HttpMessage;

use super::Actix;
use crate::api_error::ApiError;
use crate::context::{Current, Scoped, X_REQUEST_ID};
use crate::rejection::Rejection;
use crate::render::{Rendering, UsesEnvelope};
use crate::respond::{is_unrendered_error, keeps_header, respond_as};

const REQUEST_ID: HeaderName = HeaderName::from_static(X_REQUEST_ID);

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
/// # Every error response in the envelope
///
/// `ErrorContext::new().all_errors_as::<AppError>()` also answers, in `AppError`'s envelope
/// (and negotiation, and [`Api`](crate::Api)), every error response that apierror did not
/// render: a 4xx or 5xx whose body is empty or plain text (`Content-Type` absent or
/// `text/plain`). That is what actix-web answers by itself: an unknown route (404
/// `ROUTE_NOT_FOUND`), a wrong method (405 `METHOD_NOT_ALLOWED`), a JSON body over the limit
/// (413 `PAYLOAD_TOO_LARGE`) and every other extractor error without an apierror config
/// (`REQUEST_REJECTED`, or `INTERNAL_ERROR` for a 5xx), each with its reason phrase as the
/// message (the codes are [`Rejection`]'s). Responses of any other content type are left as
/// they are; the other headers of a replaced response are kept. The response body becomes
/// `EitherBody<B>`.
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
pub struct ErrorContext<T = ()> {
    all_errors_as: PhantomData<fn() -> T>,
}

crate::respond::context_middleware!(ErrorContext, "middleware");

impl<T> ErrorContext<T> {
    /// The same middleware, which also answers every error response apierror did not render (an
    /// unknown route, a wrong method, actix-web's own extractor errors) in the envelope of `E`, as
    /// [above](#every-error-response-in-the-envelope).
    #[must_use]
    pub const fn all_errors_as<E: UsesEnvelope + ApiError>(self) -> ErrorContext<E> {
        ErrorContext {
            all_errors_as: PhantomData,
        }
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
        ready(Ok(ErrorContextMiddleware {
            service,
            all_errors_as: PhantomData,
        }))
    }
}

impl<S, B, T> Transform<S, ServiceRequest> for ErrorContext<T>
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>>,
    T: UsesEnvelope + ApiError,
{
    type Response = ServiceResponse<EitherBody<B>>;
    type Error = S::Error;
    type Transform = ErrorContextMiddleware<S, T>;
    type InitError = ();
    type Future = Ready<Result<Self::Transform, Self::InitError>>;

    fn new_transform(&self, service: S) -> Self::Future {
        ready(Ok(ErrorContextMiddleware {
            service,
            all_errors_as: PhantomData,
        }))
    }
}

/// The service [`ErrorContext`] wraps around its inner service.
pub struct ErrorContextMiddleware<S, T = ()> {
    service: S,
    all_errors_as: PhantomData<fn() -> T>,
}

impl<S: core::fmt::Debug, T> core::fmt::Debug for ErrorContextMiddleware<S, T> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("ErrorContextMiddleware")
            .field("service", &self.service)
            .field("all_errors_as", &core::any::type_name::<T>())
            .finish()
    }
}

impl<S, T> ErrorContextMiddleware<S, T> {
    /// The shared part of `call`: the context, the id extension, the inner call in context.
    fn start(&self, request: ServiceRequest, keep: bool) -> ErrorContextFuture<S::Future, T>
    where
        S: Service<ServiceRequest>,
    {
        let current = Current::of_actix(request.headers(), request.uri());
        let id = current.actix_id();
        request.extensions_mut().insert(current.id().clone());
        let future = current.clone().enter(|| self.service.call(request));
        let kept = keep.then(|| current.clone());
        ErrorContextFuture {
            inner: current.scope(future),
            id,
            current: kept,
            all_errors_as: PhantomData,
        }
    }
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
        self.start(request, false)
    }
}

impl<S, B, T> Service<ServiceRequest> for ErrorContextMiddleware<S, T>
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>>,
    T: UsesEnvelope + ApiError,
{
    type Response = ServiceResponse<EitherBody<B>>;
    type Error = S::Error;
    type Future = ErrorContextFuture<S::Future, T>;

    actix_web::dev::forward_ready!(service);

    fn call(&self, request: ServiceRequest) -> Self::Future {
        self.start(request, true)
    }
}

pin_project_lite::pin_project! {
    /// The response future of [`ErrorContextMiddleware`]: the inner future, run with the
    /// request context, whose response gets `x-request-id` (and, with `all_errors_as`, the
    /// envelope).
    pub struct ErrorContextFuture<F, T = ()> {
        #[pin]
        inner: Scoped<F>,
        id: Option<HeaderValue>,
        // Kept only with `all_errors_as`, to answer in the request's context.
        current: Option<Current>,
        all_errors_as: PhantomData<fn() -> T>,
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
            response.headers_mut().insert(REQUEST_ID, id);
        }
        Poll::Ready(result)
    }
}

impl<F, B, E, T> Future for ErrorContextFuture<F, T>
where
    F: Future<Output = Result<ServiceResponse<B>, E>>,
    T: UsesEnvelope + ApiError,
{
    type Output = Result<ServiceResponse<EitherBody<B>>, E>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.project();
        let result = task::ready!(this.inner.poll(cx));
        let current = this.current.take();
        Poll::Ready(result.map(|response| {
            let status = response.status().as_u16();
            let content_type = response
                .headers()
                .get(CONTENT_TYPE)
                .map(HeaderValue::as_bytes);
            let mut response = if is_unrendered_error(status, content_type) {
                answer_as::<T, B>(response, current.as_ref()).map_into_right_body()
            } else {
                response.map_into_left_body()
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
fn answer_as<T: UsesEnvelope + ApiError, B>(
    response: ServiceResponse<B>,
    current: Option<&Current>,
) -> ServiceResponse<BoxBody> {
    let rejection = Rejection::from_status(response.status().as_u16());
    let mut answer = respond_as::<Actix>(&rejection, Rendering::of::<T>(), current, None);
    let (request, original) = response.into_parts();
    for name in original.headers().keys() {
        if keeps_header(name.as_str(), answer.headers().contains_key(name)) {
            for value in original.headers().get_all(name) {
                answer.headers_mut().append(name.clone(), value.clone());
            }
        }
    }
    ServiceResponse::new(request, answer)
}

impl<F, T> core::fmt::Debug for ErrorContextFuture<F, T> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("ErrorContextFuture")
            .field("id", &self.id)
            .finish_non_exhaustive()
    }
}
