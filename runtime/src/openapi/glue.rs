//! The macros behind the OpenAPI side of the derive: `utoipa::IntoResponses` for every derived
//! type and every [`subset!`](crate::openapi::subset), and the body of `subset!` itself.
//!
//! The derive always calls the utoipa macro, since the macros crate has no features to ask; so
//! it is defined with and without the `utoipa` feature, beside each other: without it, it
//! expands to nothing. The rest of this hidden module is what the expansions name.

pub use crate::codes::assert_known;
#[cfg(feature = "utoipa")]
pub use utoipa::openapi::{response::Response, RefOr};
#[cfg(feature = "utoipa")]
pub use utoipa::IntoResponses;

/// `IntoResponses` for a derived type (for types whose `ErrorCodes` exists, which the
/// higher-ranked bound checks where it is used):
/// `utoipa_glue!([impl generics] [type] [where clause])`.
#[cfg(feature = "utoipa")]
#[doc(hidden)]
#[macro_export]
macro_rules! __apierror_utoipa_glue {
    ([$($impl:tt)*] [$($ty:tt)*] [$($where:tt)*]) => {
        #[automatically_derived]
        impl $($impl)* $crate::openapi::glue::IntoResponses for $($ty)*
        $($where)* for<'__api> Self: $crate::ErrorCodes,
        {
            fn responses() -> ::std::collections::BTreeMap<
                ::std::string::String,
                $crate::openapi::glue::RefOr<$crate::openapi::glue::Response>,
            > {
                $crate::openapi::utoipa_responses(&$crate::catalog::<Self>())
            }
        }
    };
}

/// Without the `utoipa` feature: nothing.
#[cfg(not(feature = "utoipa"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __apierror_utoipa_glue {
    ($($tt:tt)*) => {};
}

/// `IntoResponses` for a `subset!`.
#[cfg(feature = "utoipa")]
#[doc(hidden)]
#[macro_export]
macro_rules! __apierror_utoipa_subset_glue {
    ($name:ident) => {
        #[automatically_derived]
        impl $crate::openapi::glue::IntoResponses for $name {
            fn responses() -> ::std::collections::BTreeMap<
                ::std::string::String,
                $crate::openapi::glue::RefOr<$crate::openapi::glue::Response>,
            > {
                $crate::openapi::utoipa_responses(&<$name as $crate::openapi::Subset>::catalog())
            }
        }
    };
}

/// Without the `utoipa` feature: nothing.
#[cfg(not(feature = "utoipa"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __apierror_utoipa_subset_glue {
    ($($tt:tt)*) => {};
}

/// The body of `apierror::openapi::subset!`.
#[doc(hidden)]
#[macro_export]
macro_rules! __apierror_subset {
    ($(#[$attr:meta])* $vis:vis struct $name:ident of $error:ty : [$($code:literal),* $(,)?];) => {
        $(#[$attr])*
        #[derive(Clone, Copy, Debug, Default)]
        $vis struct $name;

        const _: () = $crate::openapi::glue::assert_known::<$error>(&[$($code),*]);

        #[automatically_derived]
        impl $crate::openapi::Subset for $name {
            type Of = $error;
            const CODES: &'static [&'static str] = &[$($code),*];
        }

        $crate::__apierror_utoipa_subset_glue!($name);
    };
}
