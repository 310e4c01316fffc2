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

/// One argument of a plain-`{field}` template: a string type's text, copied as it is (escaped),
/// or anything else's `Display`, through `format_args!`.
#[derive(Clone, Copy)]
pub enum Arg<'a> {
    Str(&'a str),
    Display(&'a dyn core::fmt::Display),
}

/// What the derive wraps each template argument in, to tell string types from the rest:
/// `(&&ArgProbe(field)).__api_arg()` finds [`ArgIsStr`] on `&&ArgProbe` of a string type
/// without auto-deref, else [`ArgDisplay`] on `&ArgProbe` of anything else (whose `Display` is
/// required at the call, so a field that is not `Display` is reported there).
pub struct ArgProbe<'a, T: ?Sized>(pub &'a T);

/// [`ArgProbe`]'s choice for the string types.
pub trait ArgIsStr<'a> {
    fn __api_arg(self) -> Arg<'a>;
}

/// [`ArgProbe`]'s choice for everything else.
pub trait ArgDisplay<'a, T: ?Sized> {
    fn __api_arg(self) -> Arg<'a>
    where
        T: core::fmt::Display + Sized + 'a;
}

macro_rules! str_args {
    ($($ty:ty => |$value:ident| $text:expr;)*) => {$(
        impl<'a, 'b: 'a> ArgIsStr<'a> for &&ArgProbe<'a, $ty> {
            #[inline]
            fn __api_arg(self) -> Arg<'a> {
                let $value = self.0;
                Arg::Str($text)
            }
        }
    )*};
}

// A field is never a bare `str`; its binding is `&T` of the field's type.
str_args! {
    &'b str => |value| value;
    std::string::String => |value| value.as_str();
    std::boxed::Box<str> => |value| value;
    std::borrow::Cow<'b, str> => |value| value;
}

impl<'a, T: ?Sized> ArgDisplay<'a, T> for &ArgProbe<'a, T> {
    #[inline]
    fn __api_arg(self) -> Arg<'a>
    where
        T: core::fmt::Display + Sized + 'a,
    {
        Arg::Display(self.0)
    }
}

/// Writes a `message` template whose placeholders are all plain `{field}`s: the text pieces
/// `text[start..=start + args.len()]` around the arguments (the derive's table of a type's
/// templates, so one function serves every variant).
pub fn write_template(
    out: &mut crate::Message<'_>,
    text: &[Literal],
    start: usize,
    args: &[Arg<'_>],
) -> core::fmt::Result {
    let pieces = &text[start..=start + args.len()];
    for (piece, arg) in pieces.iter().zip(args) {
        out.write_literal(*piece)?;
        match *arg {
            Arg::Str(text) => out.write_str(text)?,
            Arg::Display(value) => out.write_display(value)?,
        }
    }
    out.write_literal(pieces[args.len()])
}

/// A derived type's own catalog entries (those of its variants that are not `transparent`), as
/// the derive writes them: one array per column, literals only, so a type of many variants costs
/// the compiler little. `status`, `code`, `retryable` and `descriptor` read it by the variant's
/// index; the catalog's [`Entry`](crate::catalog::Entry)s are built from it where they are used.
#[derive(Clone, Copy, Debug)]
pub struct Table {
    pub codes: &'static [&'static str],
    pub statuses: &'static [u16],
    /// Empty when every entry is retryable as its status is by default.
    pub retryable: &'static [bool],
    /// The messages as written, but for the entries in `unread`, which have none.
    pub messages: &'static [&'static str],
    pub unread: &'static [usize],
    /// Empty when no entry has a doc comment.
    pub summaries: &'static [&'static str],
    pub descriptions: &'static [&'static str],
    /// Empty when no entry has `help`; else `""` for one without.
    pub helps: &'static [&'static str],
    /// The constant retry delays, in seconds, by entry.
    pub retry_after: &'static [(usize, u64)],
    /// Empty when no entry sets one.
    pub descriptors: &'static [crate::Descriptor],
    /// Where each entry's fields end in [`CodeItems::FIELDS`]; empty when no entry has one.
    pub field_ends: &'static [usize],
}

impl Table {
    /// The table of a type whose variants are all `transparent`.
    pub const EMPTY: Table = Table {
        codes: &[],
        statuses: &[],
        retryable: &[],
        messages: &[],
        unread: &[],
        summaries: &[],
        descriptions: &[],
        helps: &[],
        retry_after: &[],
        descriptors: &[],
        field_ends: &[],
    };
}

/// The code tree of a derived type, `N` members and `M` fields, in associated constants: they
/// are evaluated only where the tree is used (the catalog, OpenAPI), not in every build.
pub trait CodeItems<const N: usize, const M: usize> {
    const TABLE: Table;
    const FIELDS: [crate::catalog::Field; M];
    const ITEMS: [crate::Item; N];
}

/// `T`'s code tree, for its `ErrorCodes::CODES`.
#[must_use]
pub const fn code_items<T: CodeItems<N, M>, const N: usize, const M: usize>(
) -> &'static [crate::Item] {
    &T::ITEMS
}

/// The status of entry `i`.
#[must_use]
#[inline]
pub fn status_at(table: &Table, i: usize) -> StatusCode {
    status(table.statuses[i])
}

/// Whether entry `i` is retryable.
#[must_use]
#[inline]
pub fn retryable_at(table: &Table, i: usize) -> bool {
    match table.retryable {
        [] => crate::api_error::retryable_by_default_u16(table.statuses[i]),
        retryable => retryable[i],
    }
}

/// The descriptor of entry `i`.
#[must_use]
#[inline]
pub fn descriptor_at(table: &'static Table, i: usize) -> &'static crate::Descriptor {
    match table.descriptors {
        [] => const { &crate::Descriptor::new() },
        descriptors => &descriptors[i],
    }
}

/// Entry `i`, as the catalog lists it.
#[must_use]
pub const fn entry_at(
    table: &Table,
    all_fields: &'static [crate::catalog::Field],
    i: usize,
) -> crate::catalog::Entry {
    let mut entry = crate::catalog::Entry::new(table.codes[i], table.statuses[i]);
    if !table.retryable.is_empty() {
        entry = entry.with_retryable(table.retryable[i]);
    }
    let mut j = 0;
    let mut read = true;
    while j < table.unread.len() {
        if table.unread[j] == i {
            read = false;
        }
        j += 1;
    }
    if read {
        entry = entry.with_message(table.messages[i]);
    }
    if !table.summaries.is_empty() {
        entry = entry.with_docs(table.summaries[i], table.descriptions[i]);
    }
    if !table.helps.is_empty() && !table.helps[i].is_empty() {
        entry = entry.with_help(table.helps[i]);
    }
    let mut j = 0;
    while j < table.retry_after.len() {
        if table.retry_after[j].0 == i {
            entry = entry.with_retry_after(Duration::from_secs(table.retry_after[j].1));
        }
        j += 1;
    }
    if !table.descriptors.is_empty() {
        entry = entry.with_descriptor(table.descriptors[i]);
    }
    if !table.field_ends.is_empty() {
        let start = if i == 0 { 0 } else { table.field_ends[i - 1] };
        let (_, rest) = all_fields.split_at(start);
        let (fields, _) = rest.split_at(table.field_ends[i] - start);
        entry = entry.with_fields(fields);
    }
    entry
}

/// The code tree of a type without `transparent` variants: its `N` entries, in order.
#[must_use]
pub const fn items<T: CodeItems<N, M>, const N: usize, const M: usize>() -> [crate::Item; N] {
    let fields: &'static [crate::catalog::Field] = &T::FIELDS;
    let mut items = [crate::Item::Code(crate::catalog::Entry::new("", 500)); N];
    let mut i = 0;
    while i < N {
        items[i] = crate::Item::Code(entry_at(&T::TABLE, fields, i));
        i += 1;
    }
    items
}

/// The member of `T`'s code tree for its entry `i`, in a type with `transparent` variants.
#[must_use]
pub const fn item<T: CodeItems<N, M>, const N: usize, const M: usize>(i: usize) -> crate::Item {
    let fields: &'static [crate::catalog::Field] = &T::FIELDS;
    crate::Item::Code(entry_at(&T::TABLE, fields, i))
}

/// The fields of a type's entries, from one array per column (roles: 0 detail, 1 retry
/// delay, 2 rate limit, 3 violations).
#[must_use]
pub const fn fields<const N: usize>(
    names: &[&'static str; N],
    types: &[&'static str; N],
    roles: &[u8; N],
) -> [crate::catalog::Field; N] {
    use crate::catalog::{Field, FieldRole};
    let mut fields = [Field::new("", "", FieldRole::Detail); N];
    let mut i = 0;
    while i < N {
        let role = match roles[i] {
            0 => FieldRole::Detail,
            1 => FieldRole::RetryAfter,
            2 => FieldRole::RateLimit,
            _ => FieldRole::Violations,
        };
        fields[i] = Field::new(names[i], types[i], role);
        i += 1;
    }
    fields
}

/// What the derive's `FIELDS` are.
pub use crate::catalog::Field;
