//! What the derive asks of the fields it is given, one trait per role: each is implemented for
//! exactly the types the role accepts, and names the misuse in the error a user sees
//! (`#[diagnostic::on_unimplemented]`) rather than leaving it to an unreadable bound.

use core::fmt;
use std::time::Duration;

use serde::Serialize;

use crate::rate_limit::RateLimit;
use crate::violation::Violation;
use crate::writer::{Details, Message, WriteError};

/// What a `#[api(detail)]` field needs: `Serialize`, named in the error a user sees.
#[diagnostic::on_unimplemented(
    message = "`#[api(detail)]` needs a field that implements `serde::Serialize`; `{Self}` does not",
    label = "this field is marked `#[api(detail)]`",
    note = "derive `serde::Serialize` for `{Self}`, or remove `#[api(detail)]` from the field"
)]
pub trait Detail {
    /// Writes the field as the detail `name`.
    fn write(&self, name: &str, out: &mut Details<'_>) -> Result<(), WriteError>;
}

impl<T: Serialize + ?Sized> Detail for T {
    #[inline]
    fn write(&self, name: &str, out: &mut Details<'_>) -> Result<(), WriteError> {
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
    /// Writes the value's `Display` as the public message.
    fn write_display_message(&self, out: &mut Message<'_>) -> fmt::Result;
}

impl<T: fmt::Display + ?Sized> DisplayMessage for T {
    #[inline]
    fn write_display_message(&self, out: &mut Message<'_>) -> fmt::Result {
        fmt::Write::write_fmt(out, format_args!("{self}"))
    }
}

/// The types a `#[api(retry_after)]` field may have.
#[diagnostic::on_unimplemented(
    message = "`#[api(retry_after)]` needs a field of type `u64` (seconds), `std::time::Duration`, or an `Option` of one; `{Self}` is neither",
    label = "this field is marked `#[api(retry_after)]`",
    note = "use a `u64` of whole seconds or a `std::time::Duration`, or move `retry_after` to the right field"
)]
pub trait RetryAfterField {
    /// The delay, when the field holds one.
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
    /// The rate limit, when the field holds one.
    fn rate_limit(&self) -> Option<RateLimit>;
}

impl RateLimitField for RateLimit {
    #[inline]
    fn rate_limit(&self) -> Option<RateLimit> {
        Some(*self)
    }
}

impl<T: RateLimitField> RateLimitField for Option<T> {
    #[inline]
    fn rate_limit(&self) -> Option<RateLimit> {
        self.as_ref().and_then(RateLimitField::rate_limit)
    }
}

impl<T: RateLimitField + ?Sized> RateLimitField for &T {
    #[inline]
    fn rate_limit(&self) -> Option<RateLimit> {
        (**self).rate_limit()
    }
}

impl<T: RateLimitField + ?Sized> RateLimitField for Box<T> {
    #[inline]
    fn rate_limit(&self) -> Option<RateLimit> {
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
    /// The violations the field holds (none for `None`).
    fn violations(&self) -> &[Violation];
}

impl ViolationsField for [Violation] {
    #[inline]
    fn violations(&self) -> &[Violation] {
        self
    }
}

impl<const N: usize> ViolationsField for [Violation; N] {
    #[inline]
    fn violations(&self) -> &[Violation] {
        self
    }
}

impl ViolationsField for Vec<Violation> {
    #[inline]
    fn violations(&self) -> &[Violation] {
        self
    }
}

impl<T: ViolationsField + ?Sized> ViolationsField for Box<T> {
    #[inline]
    fn violations(&self) -> &[Violation] {
        (**self).violations()
    }
}

impl<T: ViolationsField + ?Sized> ViolationsField for &T {
    #[inline]
    fn violations(&self) -> &[Violation] {
        (**self).violations()
    }
}

impl<T: ViolationsField> ViolationsField for Option<T> {
    #[inline]
    fn violations(&self) -> &[Violation] {
        self.as_ref().map_or(&[], ViolationsField::violations)
    }
}
