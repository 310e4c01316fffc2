//! axum glue: the derive makes every type `IntoResponse` when the `axum` feature is on; the
//! [`ErrorContextLayer`] gives errors the request's context, and with `all_errors_as` answers
//! axum's own errors in the API's envelope too. The extractors ([`Json`], [`Query`], [`Path`])
//! need the `axum-extract` feature.

#[cfg(feature = "axum-extract")]
mod extract;
#[doc(hidden)]
pub mod glue;
mod layer;

#[cfg(feature = "axum-extract")]
pub use extract::{Json, Path, Query};
pub use layer::{ErrorContextFuture, ErrorContextLayer, ErrorContextService};

use axum_core::body::Body;
use axum_core::response::{IntoResponse, Response};

use crate::any_error::AnyApiError;
use crate::api_error::{Api, ApiError, ErasedError};
use crate::envelope::{Envelope, RequestInfo};
use crate::error_type::ErrorType;
use crate::render::{api_of, render_into, ErasedEnvelope, RenderFailure};
use crate::respond::Framework;

/// Builds an axum response for `error` in envelope `E`.
///
/// Inside a request handled behind [`ErrorContextLayer`], the envelope sees the request's id
/// and path (see [`context`](crate::context)); elsewhere it sees nothing of the request, since
/// `IntoResponse` is not given it. The derive's `IntoResponse` goes through the same rendering,
/// and also negotiates the envelope.
///
/// ```
/// use axum_core::response::IntoResponse;
///
/// #[derive(Debug, apierror::ApiError)]
/// #[api(status = 404, code = "NO_SUCH_PAGE", message = "no such page")]
/// struct NoSuchPage;
///
/// let response = NoSuchPage.into_response();
/// assert_eq!(response.status(), 404);
/// assert_eq!(response.headers()["content-type"], "application/json");
/// let response = apierror::axum::into_response::<apierror::envelope::Problem>(&NoSuchPage);
/// assert_eq!(response.headers()["content-type"], "application/problem+json");
/// ```
#[must_use]
pub fn into_response<E: Envelope>(error: &impl ApiError) -> Response {
    fn erased<T: ApiError>(error: &T, envelope: &ErasedEnvelope) -> Response {
        crate::respond::respond::<Axum>(error, api_of::<T>(), envelope)
    }
    erased(error, &ErasedEnvelope::of::<E>())
}

/// The response the boxed error's own type gives: see [`AnyApiError`].
impl IntoResponse for AnyApiError {
    fn into_response(self) -> Response {
        crate::respond::respond_any::<Axum>(&self)
    }
}

/// axum, for the glue shared with actix-web in [`crate::respond`].
pub(crate) struct Axum;

impl Framework for Axum {
    type Response = Response;

    #[inline]
    fn render(
        error: &dyn ErasedError,
        api: &Api,
        request: RequestInfo<'_>,
        envelope: &ErasedEnvelope,
    ) -> (Response, Option<RenderFailure>) {
        // The headers go straight into the response's own map; nothing is built twice.
        let (mut parts, ()) = Response::new(()).into_parts();
        let rendered = render_into(error, api, request, envelope, &mut parts.headers);
        parts.status = rendered.status;
        (
            Response::from_parts(parts, Body::from(rendered.body)),
            rendered.failure,
        )
    }

    fn vary_accept(response: &mut Response) {
        response
            .headers_mut()
            .append(http::header::VARY, http::HeaderValue::from_static("Accept"));
    }

    fn status(response: &Response) -> http::StatusCode {
        response.status()
    }

    fn insert(response: &mut Response, error_type: ErrorType) {
        response.extensions_mut().insert(error_type);
    }
}
