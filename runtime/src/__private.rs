//! What the derive's generated code calls: re-exports and the glue macros. Not public API:
//! anything here may change in any release. No module of the runtime imports this one.

pub use serde::Serialize;

pub use crate::render::UsesEnvelope;
pub use crate::writer::Literal;

use http::StatusCode;
use std::time::Duration;

#[cfg(feature = "actix-web")]
pub use actix_web;
#[cfg(feature = "axum")]
pub use axum_core;

/// Writes a message literal (the derive's fast path: its escaping was decided at compile time).
#[inline]
pub fn write_literal(out: &mut crate::Message<'_>, literal: Literal) -> core::fmt::Result {
    out.write_literal(literal)
}

/// The status for a code the derive has checked to be in `400..=599`.
#[must_use]
#[inline]
pub fn status(code: u16) -> StatusCode {
    StatusCode::from_u16(code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
}

/// A derived type's [`Api`](crate::Api) before its `with_*` settings: its domain and version,
/// which default to the package's name and version when cargo provides them
/// (`option_env!`, so a build without cargo still compiles, with neither).
#[must_use]
pub const fn api(domain: Option<&'static str>, version: Option<&'static str>) -> crate::Api {
    let mut api = crate::Api::new();
    api.domain = domain;
    api.version = version;
    api
}

/// What a `#[api(detail)]` field needs: `Serialize`, named in the error a user sees.
#[diagnostic::on_unimplemented(
    message = "`#[api(detail)]` needs a field that implements `serde::Serialize`; `{Self}` does not",
    label = "this field is marked `#[api(detail)]`",
    note = "derive `serde::Serialize` for `{Self}`, or remove `#[api(detail)]` from the field"
)]
pub trait Detail {
    fn write(&self, name: &str, out: &mut crate::Details<'_>) -> Result<(), crate::WriteError>;
}

impl<T: Serialize + ?Sized> Detail for T {
    #[inline]
    fn write(&self, name: &str, out: &mut crate::Details<'_>) -> Result<(), crate::WriteError> {
        out.derived_field(name, self)
    }
}

/// What a 4xx (or exposed 5xx) without `message` needs: `Display`, named in the error.
#[diagnostic::on_unimplemented(
    message = "`{Self}` has no `Display`, which is the public message of a variant without `message`",
    label = "this variant's message defaults to `Display`",
    note = "add `message = \"...\"` to the variant, or implement `Display` for `{Self}` (e.g. `thiserror::Error` with `#[error(\"...\")]`)"
)]
pub trait DisplayMessage {
    fn write_display_message(&self, out: &mut crate::Message<'_>) -> core::fmt::Result;
}

impl<T: core::fmt::Display + ?Sized> DisplayMessage for T {
    #[inline]
    fn write_display_message(&self, out: &mut crate::Message<'_>) -> core::fmt::Result {
        core::fmt::Write::write_fmt(out, format_args!("{self}"))
    }
}

/// The types a `#[api(retry_after)]` field may have.
#[diagnostic::on_unimplemented(
    message = "`#[api(retry_after)]` needs a field of type `u64` (seconds), `std::time::Duration`, or an `Option` of one; `{Self}` is neither",
    label = "this field is marked `#[api(retry_after)]`",
    note = "use a `u64` of whole seconds or a `std::time::Duration`, or move `retry_after` to the right field"
)]
pub trait RetryAfterField {
    fn retry_after(&self) -> Option<Duration>;
}

impl RetryAfterField for Duration {
    #[inline]
    fn retry_after(&self) -> Option<Duration> {
        Some(*self)
    }
}

impl RetryAfterField for u64 {
    #[inline]
    fn retry_after(&self) -> Option<Duration> {
        Some(Duration::from_secs(*self))
    }
}

impl RetryAfterField for u32 {
    #[inline]
    fn retry_after(&self) -> Option<Duration> {
        Some(Duration::from_secs((*self).into()))
    }
}

impl<T: RetryAfterField> RetryAfterField for Option<T> {
    #[inline]
    fn retry_after(&self) -> Option<Duration> {
        self.as_ref().and_then(RetryAfterField::retry_after)
    }
}

impl<T: RetryAfterField + ?Sized> RetryAfterField for &T {
    #[inline]
    fn retry_after(&self) -> Option<Duration> {
        (**self).retry_after()
    }
}

impl<T: RetryAfterField + ?Sized> RetryAfterField for Box<T> {
    #[inline]
    fn retry_after(&self) -> Option<Duration> {
        (**self).retry_after()
    }
}

/// The types a `#[api(rate_limit)]` field may have.
#[diagnostic::on_unimplemented(
    message = "`#[api(rate_limit)]` needs a field of type `apierror::RateLimit` or `Option<apierror::RateLimit>`; `{Self}` is neither",
    label = "this field is marked `#[api(rate_limit)]`",
    note = "store the limiter's state as an `apierror::RateLimit`, or move `rate_limit` to the right field"
)]
pub trait RateLimitField {
    fn rate_limit(&self) -> Option<crate::RateLimit>;
}

impl RateLimitField for crate::RateLimit {
    #[inline]
    fn rate_limit(&self) -> Option<crate::RateLimit> {
        Some(*self)
    }
}

impl<T: RateLimitField> RateLimitField for Option<T> {
    #[inline]
    fn rate_limit(&self) -> Option<crate::RateLimit> {
        self.as_ref().and_then(RateLimitField::rate_limit)
    }
}

impl<T: RateLimitField + ?Sized> RateLimitField for &T {
    #[inline]
    fn rate_limit(&self) -> Option<crate::RateLimit> {
        (**self).rate_limit()
    }
}

impl<T: RateLimitField + ?Sized> RateLimitField for Box<T> {
    #[inline]
    fn rate_limit(&self) -> Option<crate::RateLimit> {
        (**self).rate_limit()
    }
}

/// The types a `#[api(violations)]` field may have.
#[diagnostic::on_unimplemented(
    message = "`#[api(violations)]` needs a field of type `Vec<apierror::Violation>` (or a boxed slice, or an `Option` of one); `{Self}` is not",
    label = "this field is marked `#[api(violations)]`",
    note = "collect the field errors as `apierror::Violation`s, or move `violations` to the right field"
)]
pub trait ViolationsField {
    fn violations(&self) -> &[crate::Violation];
}

impl ViolationsField for [crate::Violation] {
    #[inline]
    fn violations(&self) -> &[crate::Violation] {
        self
    }
}

impl<const N: usize> ViolationsField for [crate::Violation; N] {
    #[inline]
    fn violations(&self) -> &[crate::Violation] {
        self
    }
}

impl ViolationsField for Vec<crate::Violation> {
    #[inline]
    fn violations(&self) -> &[crate::Violation] {
        self
    }
}

impl<T: ViolationsField + ?Sized> ViolationsField for Box<T> {
    #[inline]
    fn violations(&self) -> &[crate::Violation] {
        (**self).violations()
    }
}

impl<T: ViolationsField + ?Sized> ViolationsField for &T {
    #[inline]
    fn violations(&self) -> &[crate::Violation] {
        (**self).violations()
    }
}

impl<T: ViolationsField> ViolationsField for Option<T> {
    #[inline]
    fn violations(&self) -> &[crate::Violation] {
        self.as_ref().map_or(&[], ViolationsField::violations)
    }
}

/// Autoref specialization: `(&&ErrorProbe(x)).__api_as_error()` is `Some` when `x`'s type
/// implements `std::error::Error` where the call is written, else `None`.
pub struct ErrorProbe<'a, T: ?Sized>(pub &'a T);

/// Chosen first (the receiver `&&ErrorProbe` matches without auto-deref) when `T: Error`.
pub trait ProbeIsError<'a> {
    fn __api_as_error(&self) -> Option<&'a dyn std::error::Error>;
}

impl<'a, T: std::error::Error> ProbeIsError<'a> for &ErrorProbe<'a, T> {
    #[inline]
    fn __api_as_error(&self) -> Option<&'a dyn std::error::Error> {
        Some(self.0)
    }
}

/// The fallback, one auto-deref further.
pub trait ProbeNotError<'a> {
    fn __api_as_error(&self) -> Option<&'a dyn std::error::Error>;
}

impl<'a, T: ?Sized> ProbeNotError<'a> for ErrorProbe<'a, T> {
    #[inline]
    fn __api_as_error(&self) -> Option<&'a dyn std::error::Error> {
        None
    }
}

/// The derived `IntoResponse`: the error rendered as its type renders (its envelope, or the
/// one `Accept` chooses for a `#[api(negotiate)]` type; its [`Api`](crate::Api)), in the
/// context the request-context middleware set for the handler's task (none outside it), then
/// logged with the `tracing` feature. Generic over the derived type, whose envelope bound is
/// implied by `UsesEnvelope`, so a type that is not an envelope is reported once, at
/// `envelope = ...`.
#[cfg(feature = "axum")]
#[inline]
pub fn axum_response<T: UsesEnvelope + crate::ApiError>(
    error: &T,
) -> axum_core::response::Response {
    crate::context::with_current(|current| {
        crate::glue::respond_as::<crate::axum::Axum, T>(error, current, error.as_error())
    })
}

/// The derived `ResponseError::error_response`, the actix-web twin of `axum_response`.
#[cfg(feature = "actix-web")]
#[inline]
pub fn actix_response<T: UsesEnvelope + crate::ApiError>(error: &T) -> actix_web::HttpResponse {
    crate::context::with_current(|current| {
        crate::glue::respond_as::<crate::actix::Actix, T>(error, current, error.as_error())
    })
}

/// The derived `ResponseError::status_code`: the error's status, or 500 if it is no error.
#[cfg(feature = "actix-web")]
#[inline]
pub fn actix_status_code<T: crate::ApiError>(error: &T) -> actix_web::http::StatusCode {
    crate::actix::status_code(error)
}

/// The framework glue for a derived type: `IntoResponse` with the `axum` feature,
/// `ResponseError` with `actix-web`. Called by the derive as
/// `glue!([impl generics] [type] [where clause])`, the where clause always
/// `where` followed by predicates that each end in a comma.
///
/// The cfgs are evaluated here, in the runtime, so the macros crate needs no features.
#[doc(hidden)]
#[macro_export]
macro_rules! __apierror_glue {
    ([$($impl:tt)*] [$($ty:tt)*] [$($where:tt)*]) => {
        $crate::__private::axum_glue!([$($impl)*] [$($ty)*] [$($where)*]);
        $crate::__private::actix_glue!([$($impl)*] [$($ty)*] [$($where)*]);
        $crate::__private::utoipa_glue!([$($impl)*] [$($ty)*] [$($where)*]);
    };
}

#[cfg(feature = "axum")]
#[doc(hidden)]
#[macro_export]
macro_rules! __apierror_axum_glue {
    ([$($impl:tt)*] [$($ty:tt)*] [$($where:tt)*]) => {
        #[automatically_derived]
        impl $($impl)* $crate::__private::axum_core::response::IntoResponse for $($ty)* $($where)* {
            #[inline]
            fn into_response(self) -> $crate::__private::axum_core::response::Response {
                $crate::__private::axum_response(&self)
            }
        }
    };
}

#[cfg(not(feature = "axum"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __apierror_axum_glue {
    ($($tt:tt)*) => {};
}

#[cfg(feature = "actix-web")]
#[doc(hidden)]
#[macro_export]
macro_rules! __apierror_actix_glue {
    ([$($impl:tt)*] [$($ty:tt)*] [$($where:tt)*]) => {
        // actix-web requires `Display + Debug` of every `ResponseError`. The bound is written
        // higher-ranked so it is checked where the impl is used, not here: a type without
        // `Display` still derives `ApiError` (and gets `IntoResponse`), just not this impl.
        #[automatically_derived]
        impl $($impl)* $crate::__private::actix_web::ResponseError for $($ty)*
        $($where)* for<'__api> Self: ::core::fmt::Display + ::core::fmt::Debug,
        {
            #[inline]
            fn status_code(&self) -> $crate::__private::actix_web::http::StatusCode {
                $crate::__private::actix_status_code(self)
            }

            #[inline]
            fn error_response(
                &self,
            ) -> $crate::__private::actix_web::HttpResponse<$crate::__private::actix_web::body::BoxBody> {
                $crate::__private::actix_response(self)
            }
        }
    };
}

#[cfg(not(feature = "actix-web"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __apierror_actix_glue {
    ($($tt:tt)*) => {};
}

/// `IntoResponses` for a derived type, with the `utoipa` feature (for types whose
/// `ErrorCodes` exists, which the higher-ranked bound checks where it is used).
#[cfg(feature = "utoipa")]
#[doc(hidden)]
#[macro_export]
macro_rules! __apierror_utoipa_glue {
    ([$($impl:tt)*] [$($ty:tt)*] [$($where:tt)*]) => {
        #[automatically_derived]
        impl $($impl)* $crate::__private::utoipa::IntoResponses for $($ty)*
        $($where)* for<'__api> Self: $crate::ErrorCodes,
        {
            fn responses() -> ::std::collections::BTreeMap<
                ::std::string::String,
                $crate::__private::utoipa::openapi::RefOr<
                    $crate::__private::utoipa::openapi::response::Response,
                >,
            > {
                $crate::openapi::utoipa_responses(&$crate::catalog::<Self>())
            }
        }
    };
}

#[cfg(not(feature = "utoipa"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __apierror_utoipa_glue {
    ($($tt:tt)*) => {};
}

/// `IntoResponses` for a `subset!`, with the `utoipa` feature.
#[cfg(feature = "utoipa")]
#[doc(hidden)]
#[macro_export]
macro_rules! __apierror_utoipa_subset_glue {
    ($name:ident) => {
        #[automatically_derived]
        impl $crate::__private::utoipa::IntoResponses for $name {
            fn responses() -> ::std::collections::BTreeMap<
                ::std::string::String,
                $crate::__private::utoipa::openapi::RefOr<
                    $crate::__private::utoipa::openapi::response::Response,
                >,
            > {
                $crate::openapi::utoipa_responses(&<$name as $crate::openapi::Subset>::catalog())
            }
        }
    };
}

#[cfg(not(feature = "utoipa"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __apierror_utoipa_subset_glue {
    ($($tt:tt)*) => {};
}

/// `client::Decode` for a derived type, with the `client` feature: the derive writes the
/// body, which without the feature is dropped unread.
#[cfg(feature = "client")]
#[doc(hidden)]
#[macro_export]
macro_rules! __apierror_client_glue {
    ([$($impl:tt)*] [$($ty:tt)*] [$($where:tt)*] [$($bounds:tt)*] { $($body:tt)* }) => {
        #[automatically_derived]
        impl $($impl)* $crate::client::Decode for $($ty)* $($where)* $($bounds)* {
            $($body)*
        }
    };
}

#[cfg(not(feature = "client"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __apierror_client_glue {
    ($($tt:tt)*) => {};
}

/// The body of `apierror::openapi::subset!`.
#[doc(hidden)]
#[macro_export]
macro_rules! __apierror_subset {
    ($(#[$attr:meta])* $vis:vis struct $name:ident of $error:ty : [$($code:literal),+ $(,)?];) => {
        $(#[$attr])*
        #[derive(Clone, Copy, Debug, Default)]
        $vis struct $name;

        const _: () = $crate::__private::assert_known::<$error>(&[$($code),+]);

        #[automatically_derived]
        impl $crate::openapi::Subset for $name {
            type Of = $error;
            const CODES: &'static [&'static str] = &[$($code),+];
        }

        $crate::__private::utoipa_subset_glue!($name);
    };
}

pub use crate::codes::assert_known;
#[cfg(feature = "utoipa")]
pub use utoipa;

#[cfg(feature = "client")]
pub use crate::client::typed::{
    code_index, DelayDecodes, DelayOpaque, DetailDecodes, DetailOpaque, FieldProbe,
    RateLimitDecodes, RateLimitOpaque, ViolationsDecodes, ViolationsOpaque,
};

pub use __apierror_actix_glue as actix_glue;
pub use __apierror_axum_glue as axum_glue;
pub use __apierror_client_glue as client_glue;
pub use __apierror_glue as glue;
pub use __apierror_utoipa_glue as utoipa_glue;
pub use __apierror_utoipa_subset_glue as utoipa_subset_glue;

/// `Entry::new`, under a name rustc suggests no import for when the crate path is wrong.
#[must_use]
pub const fn entry(code: &'static str, status: u16) -> crate::catalog::Entry {
    crate::catalog::Entry::new(code, status)
}

/// `Field::new`, for the same reason.
#[must_use]
pub const fn field(
    name: &'static str,
    rust_type: &'static str,
    role: crate::catalog::FieldRole,
) -> crate::catalog::Field {
    crate::catalog::Field::new(name, rust_type, role)
}
