//! actix-web glue: the derive makes every type `ResponseError` when the `actix-web` feature is
//! on; the [`ErrorContext`] middleware gives errors the request's context, and with
//! `all_errors_as` answers actix-web's own errors in the API's envelope too.
//!
//! actix-web 4 speaks `http` 0.2 while the rest of the crate speaks `http` 1, so status and
//! headers are carried across by their numbers and bytes.

mod extract;
#[doc(hidden)]
pub mod glue;
mod middleware;

pub use extract::{json_config, path_config, query_config};
pub use middleware::{ErrorContext, ErrorContextFuture, ErrorContextMiddleware};

use actix_web::http::header::{HeaderName, HeaderValue};
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};

use crate::any_error::AnyApiError;
use crate::api_error::{is_error_status, Api, ApiError, ErasedError};
use crate::envelope::{Envelope, RequestInfo};
use crate::error_type::ErrorType;
use crate::render::{api_of, render_into, ErasedEnvelope, RenderFailure};
use crate::respond::Framework;

/// The actix-web status of `error`: its own, or 500 if it is not an error status or `status()`
/// panics: the derived `ResponseError::status_code`, and [`AnyApiError`]'s.
pub(crate) fn status_code(error: &dyn ErasedError) -> StatusCode {
    let status = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| error.status()));
    match status {
        Ok(status) if is_error_status(status) => {
            StatusCode::from_u16(status.as_u16()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
        }
        _ => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

/// Builds an actix-web response for `error` in envelope `E`.
///
/// Inside a request handled behind [`ErrorContext`], the envelope sees the request's id and
/// path (see [`context`](crate::context)); elsewhere it sees nothing of the request, since
/// `ResponseError` is not given it. The derive's `ResponseError` goes through the same
/// rendering, and also negotiates the envelope.
///
/// ```
/// use actix_web::ResponseError;
///
/// #[derive(Debug, thiserror::Error, apierror::ApiError)]
/// #[error("no such page")] // actix-web requires Display
/// #[api(status = 404, code = "NO_SUCH_PAGE")]
/// struct NoSuchPage;
///
/// let response = NoSuchPage.error_response();
/// assert_eq!(response.status().as_u16(), 404);
/// assert_eq!(response.headers().get("content-type").unwrap(), "application/json");
/// ```
#[must_use]
pub fn error_response<E: Envelope>(error: &impl ApiError) -> HttpResponse {
    fn erased<T: ApiError>(error: &T, envelope: &ErasedEnvelope) -> HttpResponse {
        crate::respond::respond::<Actix>(error, api_of::<T>(), envelope)
    }
    erased(error, &ErasedEnvelope::of::<E>())
}

/// The response the boxed error's own type gives: see [`AnyApiError`].
impl ResponseError for AnyApiError {
    fn status_code(&self) -> StatusCode {
        status_code(self.erased())
    }

    fn error_response(&self) -> HttpResponse {
        crate::respond::respond_any::<Actix>(self)
    }
}

/// actix-web, for the glue shared with axum in [`crate::respond`].
pub(crate) struct Actix;

impl Framework for Actix {
    type Response = HttpResponse;

    fn render(
        error: &dyn ErasedError,
        api: &Api,
        request: RequestInfo<'_>,
        envelope: &ErasedEnvelope,
    ) -> (HttpResponse, Option<RenderFailure>) {
        let mut headers = http::HeaderMap::new();
        let rendered = render_into(error, api, request, envelope, &mut headers);
        let status = StatusCode::from_u16(rendered.status.as_u16())
            .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let mut response = HttpResponse::with_body(status, rendered.body);
        for (name, value) in &headers {
            // Both sides validate the same grammar, so a header that was valid stays valid.
            if let (Ok(name), Ok(value)) = (
                HeaderName::from_bytes(name.as_str().as_bytes()),
                HeaderValue::from_bytes(value.as_bytes()),
            ) {
                response.headers_mut().append(name, value);
            }
        }
        (response.map_into_boxed_body(), rendered.failure)
    }

    fn vary_accept(response: &mut HttpResponse) {
        response.headers_mut().append(
            actix_web::http::header::VARY,
            HeaderValue::from_static("Accept"),
        );
    }

    fn status(response: &HttpResponse) -> http::StatusCode {
        // actix-web 4 is on `http` 0.2: the number crosses, checked (an error status always is).
        http::StatusCode::from_u16(response.status().as_u16())
            .unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR)
    }

    fn insert(response: &mut HttpResponse, error_type: ErrorType) {
        response.extensions_mut().insert(error_type);
    }
}
