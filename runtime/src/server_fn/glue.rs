//! The derive's `server_fn` glue: `server_fn::error::FromServerFnError` for a derived type with an
//! `#[api(server_fn)]` variant.
//!
//! The derive always calls the macro (through `__apierror_glue!`), since the macros crate has no
//! features to ask, and passes `server_fn [constructor path] [member]` only for a type with the
//! key: the impl builds the type from a [`Failure`](crate::server_fn::Failure), which only such a
//! type can do, so every other type gets nothing (features are additive: an impl with a bound no
//! type meets would break them all). So this file is compiled with and without the `server_fn`
//! feature (as the hidden `apierror::server_fn::glue` with it, as a private module of the crate
//! root without it) and the macro is defined both ways; without the feature it expands to
//! nothing, and the variant's field type, `apierror::server_fn::Failure`, does not resolve.

#[cfg(feature = "server_fn")]
pub use ::server_fn::error::{FromServerFnError, ServerFnErrorErr};

/// A derived type that holds a [`Failure`](crate::server_fn::Failure) in its
/// `#[api(server_fn)]` variant: written by the glue, read by
/// [`Encoding`](crate::server_fn::Encoding) to answer a response the type does not decode.
#[cfg(feature = "server_fn")]
pub trait CarriesFailure: Sized {
    /// The `#[api(server_fn)]` variant holding `failure`.
    fn from_failure(failure: crate::server_fn::Failure) -> Self;
}

/// `FromServerFnError` for a derived type:
/// `server_fn_glue!([impl generics] [type] [where clause] server_fn [variant path] [member]
/// [field])`, nothing without the last four; `field` is the derive's function that returns a
/// `Failure` as the field's type (where a field of another type is reported).
#[cfg(feature = "server_fn")]
#[doc(hidden)]
#[macro_export]
macro_rules! __apierror_server_fn_glue {
    ([$($impl:tt)*] [$($ty:tt)*] [$($where:tt)*]) => {};
    (
        [$($impl:tt)*] [$($ty:tt)*] [$($where:tt)*]
        server_fn [$($variant:tt)*] [$member:tt] [$field:ident]
    ) => {
        #[automatically_derived]
        impl $($impl)* $crate::server_fn::glue::CarriesFailure for $($ty)* $($where)* {
            #[inline]
            fn from_failure(__api_failure: $crate::server_fn::Failure) -> Self {
                $($variant)* { $member: $field(__api_failure) }
            }
        }

        #[automatically_derived]
        impl $($impl)* $crate::server_fn::glue::FromServerFnError for $($ty)*
        $($where)* Self: ::core::fmt::Debug + 'static,
        {
            type Encoder = $crate::server_fn::Encoding<Self>;

            #[inline]
            fn from_server_fn_error(
                __api_error: $crate::server_fn::glue::ServerFnErrorErr,
            ) -> Self {
                <Self as $crate::server_fn::glue::CarriesFailure>::from_failure(
                    <$crate::server_fn::Failure as ::core::convert::From<
                        $crate::server_fn::glue::ServerFnErrorErr,
                    >>::from(__api_error),
                )
            }
        }
    };
}

/// Without the `server_fn` feature: nothing.
#[cfg(not(feature = "server_fn"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __apierror_server_fn_glue {
    ($($tt:tt)*) => {};
}
