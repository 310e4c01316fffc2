//! What the derived [`Decode`] calls to rebuild each kind of field, reached
//! through `__private`; and `Decode` for [`Rejection`].

use std::marker::PhantomData;
use std::time::Duration;

use serde::de::DeserializeOwned;

use super::{Decode, ErrorResponse};
use crate::rate_limit::RateLimit;
use crate::rejection::Rejection;
use crate::violation::Violation;

/// The index of the response's code among `codes`: the exact code, else the same code in
/// another case (Google's envelope upper-cases its `reason`).
///
/// JSON:API writes a response with violations as one error object per violation, each with
/// the violation's own code when it has one and the error's code otherwise; so there the codes
/// of the other objects are tried too.
#[must_use]
pub fn code_index(response: &ErrorResponse, codes: &[&str]) -> Option<usize> {
    let find = |code: &str| {
        codes
            .iter()
            .position(|c| *c == code)
            .or_else(|| codes.iter().position(|c| c.eq_ignore_ascii_case(code)))
    };
    let first = find(response.code()?);
    if first.is_some() || response.format() != super::Format::JsonApi {
        return first;
    }
    response
        .violations()
        .iter()
        .find_map(|v| v.code().and_then(find))
}

/// The response's violations as the variant of `code` made them: a JSON:API object carrying
/// the error's own code stood for a violation without one.
fn violations_of(response: &ErrorResponse, code: &str) -> Vec<Violation> {
    let mut violations = response.violations().to_vec();
    if response.format() == super::Format::JsonApi {
        for v in &mut violations {
            if v.code().is_some_and(|c| c.eq_ignore_ascii_case(code)) {
                *v = if v.path().is_empty() {
                    Violation::pointer(v.json_pointer().into_owned(), v.message().to_owned())
                } else {
                    Violation::field(v.path().into_owned(), v.message().to_owned())
                };
            }
        }
    }
    violations
}

/// A `#[api(retry_after)]` field rebuilt from the response's delay.
pub trait DelayField: Sized {
    /// `None` when the field needs a delay and there is none.
    fn from_delay(delay: Option<Duration>) -> Option<Self>;
}

impl DelayField for Duration {
    #[inline]
    fn from_delay(delay: Option<Duration>) -> Option<Self> {
        delay
    }
}

impl DelayField for u64 {
    /// Whole seconds, rounded up, as the server's `Retry-After` says them.
    #[inline]
    fn from_delay(delay: Option<Duration>) -> Option<Self> {
        delay.map(|d| d.as_secs().saturating_add(u64::from(d.subsec_nanos() > 0)))
    }
}

impl<T: DelayField> DelayField for Option<T> {
    #[inline]
    fn from_delay(delay: Option<Duration>) -> Option<Self> {
        Some(delay.and_then(|d| T::from_delay(Some(d))))
    }
}

/// A `#[api(rate_limit)]` field rebuilt from the response's rate-limit headers.
pub trait RateLimitDecode: Sized {
    /// `None` when the field needs a rate limit and there is none.
    fn from_rate_limit(limit: Option<RateLimit>) -> Option<Self>;
}

impl RateLimitDecode for RateLimit {
    #[inline]
    fn from_rate_limit(limit: Option<RateLimit>) -> Option<Self> {
        limit
    }
}

impl<T: RateLimitDecode> RateLimitDecode for Option<T> {
    #[inline]
    fn from_rate_limit(limit: Option<RateLimit>) -> Option<Self> {
        Some(limit.and_then(|l| T::from_rate_limit(Some(l))))
    }
}

/// A `#[api(violations)]` field rebuilt from the response's violations.
pub trait ViolationsDecode: Sized {
    /// The field holding `violations` (an `Option` is `None` when there are none).
    fn from_violations(violations: &[Violation]) -> Option<Self>;
}

impl ViolationsDecode for Vec<Violation> {
    #[inline]
    fn from_violations(violations: &[Violation]) -> Option<Self> {
        Some(violations.to_vec())
    }
}

impl ViolationsDecode for Box<[Violation]> {
    #[inline]
    fn from_violations(violations: &[Violation]) -> Option<Self> {
        Some(violations.into())
    }
}

impl<T: ViolationsDecode> ViolationsDecode for Option<T> {
    #[inline]
    fn from_violations(violations: &[Violation]) -> Option<Self> {
        if violations.is_empty() {
            Some(None)
        } else {
            T::from_violations(violations).map(Some)
        }
    }
}

/// Autoref specialization for every field the derive rebuilds:
/// `(&&FieldProbe::<T>::new()).__api_detail(response, name)` (and `__api_delay`,
/// `__api_rate_limit`, `__api_violations`) rebuilds the field when `T` can be rebuilt where the
/// call is written (`DeserializeOwned` for a detail, one of the field traits above for the
/// others), and is `None` (the variant does not decode) otherwise: a type that cannot be
/// rebuilt costs the variant its decoding, never a compile error.
pub struct FieldProbe<T>(PhantomData<fn() -> T>);

impl<T> FieldProbe<T> {
    /// The probe.
    #[must_use]
    pub const fn new() -> Self {
        FieldProbe(PhantomData)
    }
}

impl<T> Default for FieldProbe<T> {
    fn default() -> Self {
        FieldProbe::new()
    }
}

macro_rules! probe {
    ($decodes:ident, $opaque:ident, $method:ident($($arg:ident: $ty:ty),*), $bound:path, $body:expr) => {
        /// Chosen first (the receiver `&&FieldProbe` matches without auto-deref) when the
        /// field's type can be rebuilt.
        pub trait $decodes<T> {
            /// The field, rebuilt from the response.
            fn $method(&self, $($arg: $ty),*) -> Option<T>;
        }

        impl<T: $bound> $decodes<T> for &FieldProbe<T> {
            #[inline]
            fn $method(&self, $($arg: $ty),*) -> Option<T> {
                $body
            }
        }

        /// The fallback, one auto-deref further: a type that cannot be rebuilt.
        pub trait $opaque<T> {
            /// Always `None`.
            fn $method(&self, $($arg: $ty),*) -> Option<T>;
        }

        impl<T> $opaque<T> for FieldProbe<T> {
            #[inline]
            fn $method(&self, $(_: $ty),*) -> Option<T> {
                None
            }
        }
    };
}

probe!(
    DetailDecodes,
    DetailOpaque,
    __api_detail(response: &ErrorResponse, name: &str),
    DeserializeOwned,
    response.detail::<T>(name)
);
probe!(
    DelayDecodes,
    DelayOpaque,
    __api_delay(response: &ErrorResponse),
    DelayField,
    T::from_delay(response.retry_after())
);
probe!(
    RateLimitDecodes,
    RateLimitOpaque,
    __api_rate_limit(response: &ErrorResponse),
    RateLimitDecode,
    T::from_rate_limit(response.rate_limit())
);
probe!(
    ViolationsDecodes,
    ViolationsOpaque,
    __api_violations(response: &ErrorResponse, code: &str),
    ViolationsDecode,
    T::from_violations(&violations_of(response, code))
);

/// A rejection decodes from any of its codes (not `INTERNAL_ERROR`), with the response's
/// status and message.
impl Decode for Rejection {
    fn decode(response: &ErrorResponse) -> Option<Self> {
        Rejection::received(
            response.code()?,
            response.status().as_u16(),
            response.message().unwrap_or(""),
        )
    }
}
