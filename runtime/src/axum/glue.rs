//! The derive's axum glue: `IntoResponse` for every derived type.
//!
//! The derive always calls the macro, since the macros crate has no features to ask; so this
//! file is compiled with and without the `axum` feature (as the hidden `apierror::axum::glue`
//! with it, as a private module of the crate root without it) and the macro is defined both
//! ways, beside each other: without the feature it expands to nothing. Everything else here
//! is what the macro's expansion names (through `$crate::axum::glue`), with the feature only.

#[cfg(feature = "axum")]
pub use axum_core::response::{IntoResponse, Response};

/// The derived `IntoResponse`: the error rendered as its type renders (its envelope, or the
/// one `Accept` chooses for a `#[api(negotiate)]` type; its [`Api`](crate::Api)), in the
/// context the request-context middleware set for the handler's task (none outside it), then
/// logged with the `tracing` feature. Generic over the derived type, whose envelope bound is
/// implied by `UsesEnvelope`, so a type that is not an envelope is reported once, at
/// `envelope = ...`.
#[cfg(feature = "axum")]
#[inline]
pub fn respond<T: crate::render::UsesEnvelope + crate::ApiError>(error: &T) -> Response {
    crate::respond::respond_derived::<super::Axum, T>(error)
}

/// `IntoResponse` for a derived type: `axum_glue!([impl generics] [type] [where clause])`.
#[cfg(feature = "axum")]
#[doc(hidden)]
#[macro_export]
macro_rules! __apierror_axum_glue {
    ([$($impl:tt)*] [$($ty:tt)*] [$($where:tt)*]) => {
        #[automatically_derived]
        impl $($impl)* $crate::axum::glue::IntoResponse for $($ty)* $($where)* {
            #[inline]
            fn into_response(self) -> $crate::axum::glue::Response {
                $crate::axum::glue::respond(&self)
            }
        }
    };
}

/// Without the `axum` feature: nothing.
#[cfg(not(feature = "axum"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __apierror_axum_glue {
    ($($tt:tt)*) => {};
}
