//! Responding, the part of the framework glue both frameworks share: an error, in the context
//! of the request it answers, becomes the framework's response (the envelope `Accept` chooses,
//! `Vary: Accept`), and the log line; and what the two request-context middlewares share when
//! they answer a framework's own errors. (Each framework's `glue` module is the derive's macro
//! for it; this is what that macro's expansion ends in.)

use crate::any_error::AnyApiError;
use crate::api_error::{Api, ApiError, ErasedError};
use crate::context::{Choice, Current};
use crate::envelope::{JsonApi, Problem, RequestInfo};
use crate::error_type::ErrorType;
use crate::render::{ErasedEnvelope, RenderFailure, Rendering, UsesEnvelope};

/// What the shared glue needs of a framework: its response type, built from a rendering.
pub(crate) trait Framework {
    type Response;

    /// Renders `error` (of a type whose [`Api`] is `api`) in `envelope`, for `request`, as this
    /// framework's response; and why it became the plain 500, if it did.
    fn render(
        error: &dyn ErasedError,
        api: &Api,
        request: RequestInfo<'_>,
        envelope: &ErasedEnvelope,
    ) -> (Self::Response, Option<RenderFailure>);

    /// Adds `Vary: Accept` to a negotiated response.
    fn vary_accept(response: &mut Self::Response);

    /// The status the response carries.
    fn status(response: &Self::Response) -> http::StatusCode;

    /// Puts `error_type` in the response's extensions, for the layers around the handler.
    fn insert(response: &mut Self::Response, error_type: ErrorType);
}

/// Renders `error` in `envelope`, in the context of the request being handled (none outside
/// the middleware), puts its [`ErrorType`] in the response's extensions, and logs it: `apierror::axum::into_response` and
/// `apierror::actix::error_response`.
pub(crate) fn respond<F: Framework>(
    error: &dyn ErasedError,
    api: &Api,
    envelope: &ErasedEnvelope,
) -> F::Response {
    crate::context::with_current(|current| finish::<F>(error, api, current, envelope, false, None))
}

/// Renders `error` as the derived type `T` renders its own errors, in the context of the
/// request being handled, and logs it with `T`'s source chain: the derived `IntoResponse` and
/// `ResponseError`.
#[inline]
pub(crate) fn respond_derived<F: Framework, T: UsesEnvelope + ApiError>(error: &T) -> F::Response {
    crate::context::with_current(|current| {
        respond_as::<F>(error, Rendering::of::<T>(), current, error.as_error())
    })
}

/// Renders the boxed error as its own type renders it, in the context of the request being
/// handled, and logs it with its source chain: `AnyApiError`'s `IntoResponse` and
/// `ResponseError`, the same response as the derived impls of its type.
pub(crate) fn respond_any<F: Framework>(error: &AnyApiError) -> F::Response {
    crate::context::with_current(|current| {
        respond_as::<F>(error.erased(), error.rendering(), current, error.as_error())
    })
}

/// Renders `error` as a type of `rendering` renders its errors: in its envelope, or the one
/// `Accept` chooses for a `#[api(negotiate)]` type (then with `Vary: Accept`; without a request
/// context nothing is negotiated and nothing varies), with its [`Api`]; then logs it, with
/// `source` as the error's chain. The derived `IntoResponse` and `ResponseError`, those of
/// `AnyApiError`, and the middleware's answers to errors the framework made, come here.
pub(crate) fn respond_as<F: Framework>(
    error: &dyn ErasedError,
    rendering: &Rendering,
    current: Option<&Current>,
    source: Option<&dyn std::error::Error>,
) -> F::Response {
    let choice = match current {
        Some(current) if rendering.negotiate => current.choice(rendering.envelope.media_type()),
        _ => Choice::Own,
    };
    let envelope = match choice {
        Choice::Own => rendering.envelope,
        Choice::Problem => ErasedEnvelope::of::<Problem>(),
        Choice::JsonApi => ErasedEnvelope::of::<JsonApi>(),
    };
    finish::<F>(
        error,
        rendering.api,
        current,
        &envelope,
        rendering.negotiate && current.is_some(),
        source,
    )
}

#[inline]
fn finish<F: Framework>(
    error: &dyn ErasedError,
    api: &Api,
    current: Option<&Current>,
    envelope: &ErasedEnvelope,
    vary: bool,
    source: Option<&dyn std::error::Error>,
) -> F::Response {
    let request = current.map_or_else(RequestInfo::new, Current::info);
    let (mut response, failure) = F::render(error, api, request, envelope);
    if vary {
        F::vary_accept(&mut response);
    }
    let error_type = ErrorType::answered(error, F::status(&response), failure.is_some());
    F::insert(&mut response, error_type);
    // For the poem middleware, whose framework drops the response's extensions on the way.
    #[cfg(feature = "poem")]
    if let Some(current) = current {
        current.record(error_type);
    }
    #[cfg(feature = "tracing")]
    crate::log::log(
        error_type,
        error,
        api,
        current.map(|current| current.id().as_str()),
        source,
        failure.as_ref(),
    );
    #[cfg(not(feature = "tracing"))]
    let _ = (source, failure);
    response
}

/// Whether a response is an error that apierror did not render: a 4xx or 5xx whose body is
/// empty or plain text (`Content-Type` absent or `text/plain`), as a framework's own answers
/// are. The request-context middleware's `all_errors_as` answers those again.
pub(crate) fn is_unrendered_error(status: u16, content_type: Option<&[u8]>) -> bool {
    (400..=599).contains(&status)
        && content_type.is_none_or(|value| {
            value
                .get(..10)
                .is_some_and(|kind| kind.eq_ignore_ascii_case(b"text/plain"))
        })
}

/// Whether a header of a response `all_errors_as` replaces is kept on the answer, which
/// `answer_has` the header already or not: every header is, but those that describe the
/// replaced body (`Content-*`, `ETag`, `Last-Modified`, `Transfer-Encoding`: a kept
/// `Content-Encoding: gzip` would make a client decode the new JSON as gzip) and those the
/// answer sets itself; `Vary` is a list, so its values are added to the answer's.
pub(crate) fn keeps_header(name: &str, answer_has: bool) -> bool {
    // Header names are lower-case in both frameworks' maps.
    let describes_body = name.starts_with("content-")
        || matches!(name, "etag" | "last-modified" | "transfer-encoding");
    !describes_body && (!answer_has || name == "vary")
}

/// The request-context middleware of a framework (axum's layer, actix-web's transform): a
/// unit-like type whose parameter `T` is `()`, or the derived type that `all_errors_as` answers
/// as. Writes `new` and the impls that must not ask anything of `T`, once for both
/// (`all_errors_as` itself is written beside each type, so that its bound is reported there).
macro_rules! context_middleware {
    ($name:ident, $what:literal) => {
        impl $name {
            #[doc = concat!("The ", $what, ": request ids and the request context.")]
            #[must_use]
            pub const fn new() -> Self {
                $name {
                    all_errors_as: core::marker::PhantomData,
                }
            }
        }

        impl<T> Clone for $name<T> {
            fn clone(&self) -> Self {
                *self
            }
        }

        impl<T> Copy for $name<T> {}

        impl Default for $name {
            fn default() -> Self {
                $name::new()
            }
        }

        impl<T> core::fmt::Debug for $name<T> {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                f.debug_struct(stringify!($name))
                    .field("all_errors_as", &core::any::type_name::<T>())
                    .finish()
            }
        }
    };
}

pub(crate) use context_middleware;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaced_responses_keep_the_headers_that_do_not_describe_their_body() {
        for name in [
            "allow",
            "retry-after",
            "set-cookie",
            "x-trace",
            "www-authenticate",
        ] {
            assert!(keeps_header(name, false), "{name}");
        }
        for name in [
            "content-type",
            "content-length",
            "content-encoding",
            "content-range",
            "content-disposition",
            "etag",
            "last-modified",
            "transfer-encoding",
        ] {
            assert!(!keeps_header(name, false), "{name}");
        }
        // The answer's own header wins, but for `Vary`, whose values add up.
        assert!(!keeps_header("retry-after", true));
        assert!(keeps_header("vary", true));
        assert!(keeps_header("vary", false));
    }

    #[test]
    fn unrendered_errors_are_empty_or_plain_text_4xx_and_5xx() {
        assert!(is_unrendered_error(404, None));
        assert!(is_unrendered_error(405, Some(b"text/plain; charset=utf-8")));
        assert!(is_unrendered_error(500, Some(b"Text/Plain")));
        assert!(!is_unrendered_error(404, Some(b"application/json")));
        assert!(!is_unrendered_error(404, Some(b"text/html")));
        assert!(!is_unrendered_error(404, Some(b"text/plai")));
        assert!(!is_unrendered_error(200, None));
        assert!(!is_unrendered_error(302, Some(b"text/plain")));
        assert!(!is_unrendered_error(600, None));
    }
}
