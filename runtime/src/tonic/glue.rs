//! The derive's tonic glue: `From<E> for tonic::Status` for every derived type, so that `?`
//! works in a tonic handler.
//!
//! Compiled with and without the `tonic` feature, as the other frameworks' glue is (see
//! `axum/glue.rs`): without it the macro expands to nothing.

#[cfg(feature = "tonic")]
pub use ::tonic::Status;

/// The derived conversion: the error as its type's `Status` (see [`status`](super::status)),
/// in the context the request-context layer set for the call (none outside it), then logged
/// with the `tracing` feature.
#[cfg(feature = "tonic")]
#[inline]
pub fn status<T: crate::render::UsesEnvelope + crate::ApiError>(error: &T) -> Status {
    super::respond(
        error,
        crate::render::api_of::<T>(),
        crate::render::UsesEnvelope::as_error(error),
    )
}

/// `From<T> for tonic::Status` for a derived type: `tonic_glue!([impl generics] [type] [where clause])`.
#[cfg(feature = "tonic")]
#[doc(hidden)]
#[macro_export]
macro_rules! __apierror_tonic_glue {
    ([$($impl:tt)*] [$($ty:tt)*] [$($where:tt)*]) => {
        #[automatically_derived]
        impl $($impl)* ::core::convert::From<$($ty)*> for $crate::tonic::glue::Status $($where)* {
            #[inline]
            fn from(error: $($ty)*) -> Self {
                $crate::tonic::glue::status(&error)
            }
        }
    };
}

/// Without the `tonic` feature: nothing.
#[cfg(not(feature = "tonic"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __apierror_tonic_glue {
    ($($tt:tt)*) => {};
}
