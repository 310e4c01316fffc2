//! The derive's salvo glue: `Scribe` for every derived type, so that salvo's blanket `Writer`
//! makes a handler returning `Result<T, AppError>` answer in the type's envelope.
//!
//! The derive always calls the macro, since the macros crate has no features to ask; so this
//! file is compiled with and without the `salvo` feature (as the hidden `apierror::salvo::glue`
//! with it, as a private module of the crate root without it) and the macro is defined both
//! ways, beside each other: without the feature it expands to nothing. Everything else here
//! is what the macro's expansion names (through `$crate::salvo::glue`), with the feature only.

#[cfg(feature = "salvo")]
pub use salvo_core::{Response, Scribe};

/// The derived `Scribe::render`: the error rendered as its type renders (its envelope, or the
/// one `Accept` chooses for a `#[api(negotiate)]` type; its [`Api`](crate::Api)), in the
/// context the [`ErrorContext`](super::ErrorContext) hoop set for the request (none outside
/// it), logged with the `tracing` feature, and written over `res` (see
/// [`write_error`](super::write_error) for what of `res` is kept).
#[cfg(feature = "salvo")]
#[inline]
pub fn respond<T: crate::render::UsesEnvelope + crate::ApiError>(error: &T, res: &mut Response) {
    super::answer(
        res,
        crate::respond::respond_derived::<super::Salvo, T>(error),
    );
}

/// `Scribe` for a derived type: `salvo_glue!([impl generics] [type] [where clause])`.
#[cfg(feature = "salvo")]
#[doc(hidden)]
#[macro_export]
macro_rules! __apierror_salvo_glue {
    ([$($impl:tt)*] [$($ty:tt)*] [$($where:tt)*]) => {
        #[automatically_derived]
        impl $($impl)* $crate::salvo::glue::Scribe for $($ty)* $($where)* {
            #[inline]
            fn render(self, __api_res: &mut $crate::salvo::glue::Response) {
                $crate::salvo::glue::respond(&self, __api_res);
            }
        }
    };
}

/// Without the `salvo` feature: nothing.
#[cfg(not(feature = "salvo"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __apierror_salvo_glue {
    ($($tt:tt)*) => {};
}
