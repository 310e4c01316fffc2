//! [`Kept`]: a string an [`ErrorResponse`](super::ErrorResponse) keeps, as a range of its
//! store when the body has it as written, else a copy.

use std::borrow::Cow;

/// A string of the response: a range of its store (the body, then the kept headers), or text
/// of its own (a string with escapes, a number's digits, a string of a repaired body).
#[derive(Clone, Debug)]
pub(crate) enum Kept {
    Range(usize, usize),
    Owned(Box<str>),
}

impl Kept {
    /// The string in `store`.
    pub(crate) fn get<'s>(&'s self, store: &'s [u8]) -> Option<&'s str> {
        match self {
            Kept::Range(start, end) => std::str::from_utf8(store.get(*start..*end)?).ok(),
            Kept::Owned(text) => Some(text),
        }
    }
}

/// Turns strings read from the body into [`Kept`]: a range when the string is a slice of the
/// body (`serde_json` lends strings without escapes, and raw members, from its input), else a copy.
#[derive(Clone, Copy)]
pub(crate) struct Keeper<'b>(pub(crate) &'b [u8]);

impl Keeper<'_> {
    #[inline]
    pub(crate) fn str(self, text: &str) -> Kept {
        match span_in(self.0, text) {
            Some((start, end)) => Kept::Range(start, end),
            None => Kept::Owned(text.into()),
        }
    }

    #[inline]
    pub(crate) fn cow(self, text: Cow<'_, str>) -> Kept {
        match text {
            Cow::Borrowed(text) => self.str(text),
            Cow::Owned(text) => Kept::Owned(text.into_boxed_str()),
        }
    }
}

/// Where `inner` lies in `outer`, as `(start, end)` byte offsets, when it is a slice of it
/// (found by its address: `serde_json` lends strings and raw values from its input).
#[inline]
pub(crate) fn span_in(outer: &[u8], inner: &str) -> Option<(usize, usize)> {
    let start = (inner.as_ptr() as usize).wrapping_sub(outer.as_ptr() as usize);
    let end = start.checked_add(inner.len())?;
    (start <= outer.len() && end <= outer.len()).then_some((start, end))
}
