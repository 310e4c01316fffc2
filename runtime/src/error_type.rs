//! [`ErrorType`]: what an error response was, as a typed value the glue puts in its
//! extensions, for whatever wraps the handler (a tower layer, an actix-web middleware) to read:
//! OpenTelemetry's `error.type` on a metric or a span, without parsing the body.

use std::panic::{self, AssertUnwindSafe};

use http::StatusCode;

use crate::api_error::{retryable_by_default, ApiError, ErasedError, INTERNAL_ERROR};

/// The code, status and retryability of an error response: what the client got.
///
/// With the `axum` feature every error response the glue makes carries one in its extensions
/// (the derived `IntoResponse`, `apierror::axum::into_response`, `AnyApiError`'s, and the
/// request-context layer's `all_errors_as` answers); with `actix-web` likewise (`ResponseError`'s
/// `error_response`, the middleware's answers), read from `res.response().extensions()`. A
/// response that failed to render is the plain 500, and so is its `ErrorType`:
/// `INTERNAL_ERROR`, 500, not retryable. A response no glue made (a handler's own 500)
/// carries none, so its absence means "not one of the API's errors".
///
/// The [`code`](Self::code) is the value of OpenTelemetry's `error.type` attribute (stable; it
/// "describes a class of error the operation ended with", SHOULD have low cardinality, and the
/// HTTP conventions allow a component-specific error identifier): the catalog lists every
/// value, as the conventions ask instrumentations to, so a metric labelled with it has a
/// known, bounded set of series. The log line of the `tracing` feature names the same value
/// `error.type`. (For a server, those conventions set `error.type` when the status is an error
/// by their span-status rule, a 5xx; that a 4xx carries one too is for the layer to use or
/// leave out.)
///
/// ```
/// use apierror::{ApiError, ErrorType};
///
/// #[derive(Debug, ApiError)]
/// #[api(status = 429, code = "RATE_LIMITED", message = "slow down")]
/// struct RateLimited;
///
/// let expected = ErrorType::of(&RateLimited);
/// assert_eq!(expected.code(), "RATE_LIMITED");
/// assert_eq!(expected.status(), 429);
/// assert!(expected.retryable());
///
/// # #[cfg(feature = "axum")] {
/// use axum_core::response::IntoResponse;
///
/// let response = RateLimited.into_response();
/// // What an outer layer sees, whatever envelope the body is in.
/// assert_eq!(response.extensions().get::<ErrorType>(), Some(&expected));
/// # }
/// ```
///
/// The crate's `metrics` example times requests in a tower layer and labels each duration
/// with `error.type` read from here.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ErrorType {
    code: &'static str,
    status: StatusCode,
    retryable: bool,
}

impl ErrorType {
    /// An error type from its parts.
    #[must_use]
    pub const fn new(code: &'static str, status: StatusCode, retryable: bool) -> Self {
        ErrorType {
            code,
            status,
            retryable,
        }
    }

    /// The type of `error`'s own response: its code, status and retryability. (The glue's value
    /// differs only when rendering fails: then it is the plain 500's.)
    #[must_use]
    pub fn of(error: &impl ApiError) -> Self {
        ErrorType::new(error.code(), error.status(), error.retryable())
    }

    /// The machine code, `"RATE_LIMITED"`: OpenTelemetry's `error.type`.
    #[must_use]
    pub const fn code(&self) -> &'static str {
        self.code
    }

    /// The HTTP status: OpenTelemetry's `http.response.status_code`.
    #[must_use]
    pub const fn status(&self) -> StatusCode {
        self.status
    }

    /// Whether a client may send the same request again ([`ApiError::retryable`]).
    #[must_use]
    pub const fn retryable(&self) -> bool {
        self.retryable
    }

    /// The type of the plain `500 INTERNAL_ERROR` a failed rendering answers.
    // Read by the HTTP glue (`respond`) only: a `tonic::Status` has no extensions.
    #[cfg_attr(
        not(any(
            feature = "axum",
            feature = "actix-web",
            feature = "salvo",
            feature = "poem"
        )),
        allow(dead_code)
    )]
    pub(crate) fn internal() -> Self {
        let status = StatusCode::INTERNAL_SERVER_ERROR;
        ErrorType::new(INTERNAL_ERROR, status, retryable_by_default(status))
    }

    /// The type of the response `error` got, whose status is `status`: the plain 500's when
    /// it `failed` to render (or when its code or retryability panics now, user code being
    /// called again).
    // Read by the HTTP glue (`respond`) only: a `tonic::Status` has no extensions.
    #[cfg_attr(
        not(any(
            feature = "axum",
            feature = "actix-web",
            feature = "salvo",
            feature = "poem"
        )),
        allow(dead_code)
    )]
    pub(crate) fn answered(error: &dyn ErasedError, status: StatusCode, failed: bool) -> Self {
        if failed {
            return ErrorType::internal();
        }
        panic::catch_unwind(AssertUnwindSafe(|| {
            ErrorType::new(error.code(), status, error.retryable())
        }))
        .unwrap_or_else(|_| ErrorType::internal())
    }
}

impl core::fmt::Display for ErrorType {
    /// The code alone, as `error.type` is written.
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A code that panics when asked a second time, as user code may.
    struct Flaky(core::cell::Cell<bool>);

    impl ApiError for Flaky {
        fn status(&self) -> StatusCode {
            StatusCode::TOO_MANY_REQUESTS
        }
        fn code(&self) -> &'static str {
            assert!(!self.0.replace(true), "asked twice");
            "FLAKY"
        }
    }

    #[test]
    fn the_glue_value_is_what_the_client_got() {
        let flaky = Flaky(core::cell::Cell::new(false));
        let status = StatusCode::TOO_MANY_REQUESTS;
        // Rendered: its own code and status, retryable by default at 429.
        assert_eq!(
            ErrorType::answered(&flaky, status, false),
            ErrorType::new("FLAKY", status, true)
        );
        // Its code panics now: the plain 500's type, as for a failed rendering.
        let internal = ErrorType::new(INTERNAL_ERROR, StatusCode::INTERNAL_SERVER_ERROR, false);
        assert_eq!(ErrorType::answered(&flaky, status, false), internal);
        assert_eq!(ErrorType::answered(&flaky, status, true), internal);
    }
}
