//! axum glue: the derive makes every type `IntoResponse` when the `axum` feature is on.

mod extract;
mod layer;

pub use extract::*;
pub use layer::*;

use axum_core::body::Body;
use axum_core::response::Response;

use crate::envelope::{Envelope, RequestContext};
use crate::ApiError;

/// Builds an axum response for `error` in envelope `E`; the derive's `IntoResponse` calls this.
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
    // The headers go straight into the response's own map; nothing is built twice.
    let (mut parts, ()) = Response::new(()).into_parts();
    let (status, body) =
        crate::response::render_into::<E>(error, &RequestContext::new(), &mut parts.headers);
    parts.status = status;
    Response::from_parts(parts, Body::from(body))
}
