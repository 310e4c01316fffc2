//! axum glue: the derive makes every type `IntoResponse` when the `axum` feature is on.

mod extract;
mod layer;

pub use extract::*;
pub use layer::*;

use axum_core::body::Body;
use axum_core::response::Response;

use crate::context::Framework;
use crate::envelope::{Envelope, RequestContext};
use crate::ApiError;

/// Builds an axum response for `error` in envelope `E`.
///
/// Inside a request handled behind [`ErrorContextLayer`], the envelope sees the request's id
/// and path (see [`context`](crate::context)); elsewhere it sees nothing of the request, since
/// `IntoResponse` is not given it. The derive's `IntoResponse` goes through the same rendering,
/// and also negotiates the envelope and logs.
///
/// ```
/// # #[cfg(feature = "axum")] {
/// use axum_core::response::IntoResponse;
///
/// #[derive(Debug, apierror::ApiError)]
/// #[api(status = 404, code = "NO_SUCH_PAGE", message = "no such page")]
/// struct NoSuchPage;
///
/// let response = NoSuchPage.into_response();
/// assert_eq!(response.status(), 404);
/// assert_eq!(response.headers()["content-type"], "application/json");
/// # }
/// ```
#[must_use]
pub fn into_response<E: Envelope>(error: &dyn ApiError) -> Response {
    crate::context::respond::<Axum, E>(error)
}

/// axum, for the glue shared with actix-web in [`crate::context`].
pub(crate) struct Axum;

impl Framework for Axum {
    type Response = Response;

    fn render<E: Envelope>(error: &dyn ApiError, context: &RequestContext<'_>) -> Response {
        // The headers go straight into the response's own map; nothing is built twice.
        let (mut parts, ()) = Response::new(()).into_parts();
        let (status, body) = crate::response::render_into::<E>(error, context, &mut parts.headers);
        parts.status = status;
        Response::from_parts(parts, Body::from(body))
    }

    fn vary_accept(response: &mut Response) {
        response
            .headers_mut()
            .append(http::header::VARY, http::HeaderValue::from_static("Accept"));
    }

    #[cfg(feature = "tracing")]
    fn status(response: &Response) -> u16 {
        response.status().as_u16()
    }
}
