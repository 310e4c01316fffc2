//! The request-context layer for tonic servers: a request id per call, the context the
//! `Status` conversion reads, and (with `all_errors_as`) `ErrorInfo` on the statuses tonic
//! makes itself.

use core::future::Future;
use core::pin::Pin;
use core::task::{ready, Context, Poll};

use ::tonic::Status;
use http::header::{HeaderName, HeaderValue};
use http::{HeaderMap, Request, Response};
use tower_layer::Layer;
use tower_service::Service;

use super::made::Made;
use crate::api_error::{Api, ApiError};
use crate::context::{Current, Scoped, X_REQUEST_ID};
use crate::render::api_of;

const REQUEST_ID: HeaderName = HeaderName::from_static(X_REQUEST_ID);

/// A tower [`Layer`] for tonic servers that gives every call an id and lets the errors
/// converted to `Status` while it is handled know it, as `apierror::axum::ErrorContextLayer`
/// does for HTTP ([`context`](crate::context) tells what that changes).
///
/// For each call it:
/// - keeps the incoming `x-request-id` metadata when it is 1 to 128 visible ASCII characters,
///   else makes a fresh UUID v4;
/// - inserts that [`RequestId`](crate::context::RequestId) into the request's extensions
///   (`request.extensions().get::<RequestId>()` on the `tonic::Request`);
/// - sets the request context for the inner service's `call` and every poll of its future, so
///   each `Status` converted from an error carries a `RequestInfo` with the id;
/// - adds `x-request-id` to the response's metadata, whatever its status.
///
/// Add it with `tonic::transport::Server::builder().layer(ErrorContextLayer::new())`. The
/// future is not boxed.
///
/// # Statuses tonic makes itself
///
/// With `all_errors_as::<AppError>()` the layer also gives `AppError`'s `ErrorInfo` (its
/// domain), the request id and the public-message rule to every status that an answer carries
/// in its headers without details: what tonic answers by itself, before any handler's response
/// starts (an unknown method, a request message that does not decode, a timeout of its own
/// `timeout` layer, a compression it does not support). The code is kept; `ErrorInfo.reason` is
/// the code's name (`UNIMPLEMENTED`, `INVALID_ARGUMENT`…); the message is tonic's for a code
/// HTTP answers with a 4xx (it describes the client's call) and the reason phrase for the
/// others (`"Not Implemented"`, `"Internal Server Error"`), which may describe the server. A
/// status sent in trailers after a response started (a stream that fails) is left as it is.
#[derive(Clone, Copy, Default)]
pub struct ErrorContextLayer {
    all_errors_as: Option<&'static Api>,
}

impl ErrorContextLayer {
    /// The layer: request ids and the request context.
    #[must_use]
    pub const fn new() -> Self {
        ErrorContextLayer {
            all_errors_as: None,
        }
    }

    /// The same layer, which also answers the statuses tonic makes itself with the details of
    /// `E`'s errors, as [above](#statuses-tonic-makes-itself).
    #[must_use]
    pub fn all_errors_as<E: ApiError>(self) -> Self {
        ErrorContextLayer {
            all_errors_as: Some(api_of::<E>()),
        }
    }
}

impl core::fmt::Debug for ErrorContextLayer {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("ErrorContextLayer")
            .field("all_errors_as", &self.all_errors_as.is_some())
            .finish()
    }
}

impl<S> Layer<S> for ErrorContextLayer {
    type Service = ErrorContextService<S>;

    fn layer(&self, inner: S) -> Self::Service {
        ErrorContextService {
            inner,
            all_errors_as: self.all_errors_as,
        }
    }
}

/// The service [`ErrorContextLayer`] wraps around its inner service.
#[derive(Clone)]
pub struct ErrorContextService<S> {
    inner: S,
    all_errors_as: Option<&'static Api>,
}

impl<S: core::fmt::Debug> core::fmt::Debug for ErrorContextService<S> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("ErrorContextService")
            .field("inner", &self.inner)
            .field("all_errors_as", &self.all_errors_as.is_some())
            .finish()
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
        let (current, id, future) = Current::call_http(&mut self.inner, request);
        let answer = self.all_errors_as.map(|api| (api, current.clone()));
        ErrorContextFuture {
            inner: current.scope(future),
            id,
            answer,
        }
    }
}

pin_project_lite::pin_project! {
    /// The response future of [`ErrorContextService`]: the inner future, run with the request
    /// context, whose response gets `x-request-id` (and, with `all_errors_as`, the details).
    pub struct ErrorContextFuture<F> {
        #[pin]
        inner: Scoped<F>,
        id: Option<HeaderValue>,
        // Kept only with `all_errors_as`: the type's API, and the context to answer in.
        answer: Option<(&'static Api, Current)>,
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
        if let Ok(response) = &mut result {
            if let Some((api, current)) = this.answer.take() {
                answer_made(response.headers_mut(), api, current);
            }
            if let Some(id) = this.id.take() {
                response.headers_mut().insert(REQUEST_ID, id);
            }
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

/// Rewrites a status tonic made (in the headers, not `OK`, without details) as apierror's,
/// with `api`'s domain, in the call's context.
fn answer_made(headers: &mut HeaderMap, api: &'static Api, current: Current) {
    if headers.contains_key(Status::GRPC_STATUS_DETAILS) {
        return;
    }
    let Some(made) = Status::from_header_map(headers) else {
        return;
    };
    if made.code() == ::tonic::Code::Ok {
        return;
    }
    let made = Made::new(made.code(), made.message());
    let status = current.enter(|| super::respond(&made, api, None));
    // Only a message or metadata that is no header value fails (ours never is): tonic's own
    // status is then kept rather than a half-written one.
    let mut written = HeaderMap::new();
    if status.add_header(&mut written).is_ok() {
        // Without a message of its own (never: the public message is not empty) tonic's
        // would stay.
        headers.remove(Status::GRPC_MESSAGE);
        headers.extend(written);
    }
}
