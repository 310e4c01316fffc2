//! [`ErrorStatusLayer`]: gives a server function's error response the status and headers its
//! error renders with, which `server_fn` 0.8's axum integration replaces with a bare 500.

use core::future::Future;
use core::pin::Pin;
use core::task::{ready, Context, Poll};
use std::sync::{Arc, Mutex, PoisonError};

use http::response::Parts;
use http::{HeaderName, Request, Response};
use tower_layer::Layer;
use tower_service::Service;

/// The header `server_fn` puts on every error response it makes (`SERVER_FN_ERROR_HEADER`).
const SERVER_FN_ERROR: HeaderName = HeaderName::from_static("serverfnerror");

/// Where the encoder leaves the status and headers of the error it rendered, for the layer
/// around the request: shared by the layer's future and the task-local the encoder reads.
type Slot = Arc<Mutex<Option<Parts>>>;

tokio::task_local! {
    /// The slot of the request the current task is handling, set by [`ErrorStatusLayer`].
    static RECORDED: Slot;
}

/// Keeps `parts`, the status and headers of an error just rendered, for the layer around the
/// request; outside one (a client, a test), nothing.
pub(super) fn record(parts: Parts) {
    let _ = RECORDED.try_with(|slot| {
        *slot.lock().unwrap_or_else(PoisonError::into_inner) = Some(parts);
    });
}

/// Whether this task is handling a request behind the layer.
pub(super) fn serving() -> bool {
    RECORDED.try_with(|_| ()).is_ok()
}

/// A tower [`Layer`] that gives a server function's error response the status and headers of
/// its error (`404`, `429` with `Retry-After`, the envelope's content type and extra headers),
/// and the [`ErrorType`](crate::ErrorType) extension for the layers around it.
///
/// `server_fn` 0.8's axum integration answers every error with `500` and the `serverfnerror`
/// header, whatever the error. The encoder of a derived type ([`Encoding`](super::Encoding))
/// leaves the status and headers it rendered in a task-local this layer sets; the layer puts
/// them on the response that carries the `serverfnerror` header. Any other response passes
/// untouched, so the layer may wrap the whole router; the body is never read or copied.
///
/// ```
/// # async fn handle_server_fn(_: http::Request<axum::body::Body>) -> &'static str { "" }
/// use axum::{routing::post, Router};
///
/// let app: Router = Router::new()
///     // `server_fn::axum::handle_server_fn`, or leptos_axum's routes:
///     .route("/api/{*fn_name}", post(handle_server_fn))
///     .layer(apierror::server_fn::ErrorStatusLayer::new()); // the one line
/// ```
#[derive(Clone, Copy, Debug, Default)]
pub struct ErrorStatusLayer {
    _private: (),
}

impl ErrorStatusLayer {
    /// The layer.
    #[must_use]
    pub const fn new() -> Self {
        ErrorStatusLayer { _private: () }
    }
}

impl<S> Layer<S> for ErrorStatusLayer {
    type Service = ErrorStatusService<S>;

    fn layer(&self, inner: S) -> Self::Service {
        ErrorStatusService { inner }
    }
}

/// The service [`ErrorStatusLayer`] wraps around its inner service.
#[derive(Clone, Debug)]
pub struct ErrorStatusService<S> {
    inner: S,
}

impl<S, ReqBody, ResBody> Service<Request<ReqBody>> for ErrorStatusService<S>
where
    S: Service<Request<ReqBody>, Response = Response<ResBody>>,
{
    type Response = Response<ResBody>;
    type Error = S::Error;
    type Future = ErrorStatusFuture<S::Future>;

    #[inline]
    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request<ReqBody>) -> Self::Future {
        let slot = Slot::default();
        // Some services do their work in `call`: the slot is there too.
        let future = RECORDED.sync_scope(slot.clone(), || self.inner.call(request));
        ErrorStatusFuture {
            inner: RECORDED.scope(slot.clone(), future),
            slot,
        }
    }
}

pin_project_lite::pin_project! {
    /// The response future of [`ErrorStatusService`].
    pub struct ErrorStatusFuture<F> {
        #[pin]
        inner: tokio::task::futures::TaskLocalFuture<Slot, F>,
        slot: Slot,
    }
}

impl<F, ResBody, E> Future for ErrorStatusFuture<F>
where
    F: Future<Output = Result<Response<ResBody>, E>>,
{
    type Output = F::Output;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.project();
        let mut result = ready!(this.inner.poll(cx));
        if let Ok(response) = &mut result {
            if response.headers().contains_key(SERVER_FN_ERROR) {
                let recorded = this
                    .slot
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .take();
                if let Some(parts) = recorded {
                    apply(response, parts);
                }
            }
        }
        Poll::Ready(result)
    }
}

/// The rendered status, headers (each replacing the response's of that name) and extensions,
/// on `response`.
fn apply<B>(response: &mut Response<B>, parts: Parts) {
    *response.status_mut() = parts.status;
    let headers = response.headers_mut();
    let mut last = None;
    for (name, value) in parts.headers {
        // `None`: another value of the header just replaced.
        let name = match name {
            Some(name) => {
                headers.remove(&name);
                last = Some(name.clone());
                name
            }
            None => match &last {
                Some(name) => name.clone(),
                None => continue,
            },
        };
        headers.append(name, value);
    }
    response.extensions_mut().extend(parts.extensions);
}
