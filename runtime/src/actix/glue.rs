//! The derive's actix-web glue: `ResponseError` for every derived type that is `Display`.
//!
//! The derive always calls the macro, since the macros crate has no features to ask; so this
//! file is compiled with and without the `actix-web` feature (as the hidden
//! `apierror::actix::glue` with it, as a private module of the crate root without it) and the
//! macro is defined both ways, beside each other: without the feature it expands to nothing.
//! Everything else here is what the macro's expansion names (through `$crate::actix::glue`),
//! with the feature only.

#[cfg(feature = "actix-web")]
pub use actix_web::{body::BoxBody, http::StatusCode, HttpResponse, ResponseError};

/// The derived `ResponseError::error_response`, the actix-web twin of axum's: the error
/// rendered as its type renders, in the request's context, then logged.
#[cfg(feature = "actix-web")]
#[inline]
pub fn respond<T: crate::render::UsesEnvelope + crate::ApiError>(error: &T) -> HttpResponse {
    crate::respond::respond_derived::<super::Actix, T>(error)
}

/// The derived `ResponseError::status_code`: the error's status, or 500 if it is no error.
#[cfg(feature = "actix-web")]
#[inline]
pub fn status_code<T: crate::ApiError>(error: &T) -> StatusCode {
    super::status_code(error)
}

/// `ResponseError` for a derived type: `actix_glue!([impl generics] [type] [where clause])`.
#[cfg(feature = "actix-web")]
#[doc(hidden)]
#[macro_export]
macro_rules! __apierror_actix_glue {
    ([$($impl:tt)*] [$($ty:tt)*] [$($where:tt)*]) => {
        // actix-web requires `Display + Debug` of every `ResponseError`. The bound is written
        // higher-ranked so it is checked where the impl is used, not here: a type without
        // `Display` still derives `ApiError` (and gets `IntoResponse`), just not this impl.
        #[automatically_derived]
        impl $($impl)* $crate::actix::glue::ResponseError for $($ty)*
        $($where)* for<'__api> Self: ::core::fmt::Display + ::core::fmt::Debug,
        {
            #[inline]
            fn status_code(&self) -> $crate::actix::glue::StatusCode {
                $crate::actix::glue::status_code(self)
            }

            #[inline]
            fn error_response(
                &self,
            ) -> $crate::actix::glue::HttpResponse<$crate::actix::glue::BoxBody> {
                $crate::actix::glue::respond(self)
            }
        }
    };
}

/// Without the `actix-web` feature: nothing.
#[cfg(not(feature = "actix-web"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __apierror_actix_glue {
    ($($tt:tt)*) => {};
}
