//! The derive's poem glue: `poem::error::ResponseError` and `poem::IntoResponse` for every
//! derived type.
//!
//! The derive always calls the macro, since the macros crate has no features to ask; so this
//! file is compiled with and without the `poem` feature (as the hidden `apierror::poem::glue`
//! with it, as a private module of the crate root without it) and the macro is defined both
//! ways, beside each other: without the feature it expands to nothing. Everything else here
//! is what the macro's expansion names (through `$crate::poem::glue`), with the feature only.

#[cfg(feature = "poem")]
pub use ::poem::{error::ResponseError, http::StatusCode, IntoResponse, Response};

/// The derived `ResponseError::as_response` and `IntoResponse::into_response`, the poem twin of
/// axum's: the error rendered as its type renders (its envelope, or the one `Accept` chooses
/// for a `#[api(negotiate)]` type; its [`Api`](crate::Api)), in the context the
/// request-context middleware set for the handler's task (none outside it), then logged with
/// the `tracing` feature.
#[cfg(feature = "poem")]
#[inline]
pub fn respond<T: crate::render::UsesEnvelope + crate::ApiError>(error: &T) -> Response {
    crate::respond::respond_derived::<super::Poem, T>(error)
}

/// The derived `ResponseError::status`: the error's status, or 500 if it is no error status
/// (or `status()` panics), as the response will say.
#[cfg(feature = "poem")]
#[inline]
pub fn status<T: crate::ApiError>(error: &T) -> StatusCode {
    super::status_code(error)
}

/// poem's `ResponseError` and `IntoResponse` for a derived type:
/// `poem_glue!([impl generics] [type] [where clause])`.
#[cfg(feature = "poem")]
#[doc(hidden)]
#[macro_export]
macro_rules! __apierror_poem_glue {
    ([$($impl:tt)*] [$($ty:tt)*] [$($where:tt)*]) => {
        // `ResponseError` asks nothing of the type; poem's `From<T> for poem::Error` (what `?`
        // uses) asks `std::error::Error + Send + Sync + 'static` where it is used.
        #[automatically_derived]
        impl $($impl)* $crate::poem::glue::ResponseError for $($ty)* $($where)* {
            #[inline]
            fn status(&self) -> $crate::poem::glue::StatusCode {
                $crate::poem::glue::status(self)
            }

            #[inline]
            fn as_response(&self) -> $crate::poem::glue::Response {
                $crate::poem::glue::respond(self)
            }
        }

        // poem requires `Send` of every `IntoResponse`. The bound is written higher-ranked so
        // it is checked where the impl is used, not here: a type that is not `Send` still
        // derives `ApiError`, just not this impl.
        #[automatically_derived]
        impl $($impl)* $crate::poem::glue::IntoResponse for $($ty)*
        $($where)* for<'__api> Self: ::core::marker::Send,
        {
            #[inline]
            fn into_response(self) -> $crate::poem::glue::Response {
                $crate::poem::glue::respond(&self)
            }
        }
    };
}

/// Without the `poem` feature: nothing.
#[cfg(not(feature = "poem"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __apierror_poem_glue {
    ($($tt:tt)*) => {};
}
