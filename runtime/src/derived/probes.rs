//! Autoref specialization: the derive cannot see whether a type implements a trait, so it
//! wraps a value in a probe and calls a method that two traits provide, one on `&&Probe` (found
//! first, without auto-deref, when the type qualifies) and one on `&Probe` (the fallback, one
//! auto-deref further). The call is resolved where generated code writes it, in the user's
//! crate, with the user's types.

use crate::writer::Arg;

/// Autoref specialization: `(&&ErrorProbe(x)).__api_as_error()` is `Some` when `x`'s type
/// implements `std::error::Error` where the call is written, else `None`.
pub struct ErrorProbe<'a, T: ?Sized>(pub &'a T);

/// Chosen first (the receiver `&&ErrorProbe` matches without auto-deref) when `T: Error`.
pub trait ProbeIsError<'a> {
    /// `Some`: the value is an error.
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
    /// `None`: the value is not an error.
    fn __api_as_error(&self) -> Option<&'a dyn std::error::Error>;
}

impl<'a, T: ?Sized> ProbeNotError<'a> for ErrorProbe<'a, T> {
    #[inline]
    fn __api_as_error(&self) -> Option<&'a dyn std::error::Error> {
        None
    }
}

/// What the derive wraps each template argument in, to tell string types from the rest:
/// `(&&ArgProbe(field)).__api_arg()` finds [`ArgIsStr`] on `&&ArgProbe` of a string type
/// without auto-deref, else [`ArgDisplay`] on `&ArgProbe` of anything else (whose `Display` is
/// required at the call, so a field that is not `Display` is reported there).
pub struct ArgProbe<'a, T: ?Sized>(pub &'a T);

/// [`ArgProbe`]'s choice for the string types.
pub trait ArgIsStr<'a> {
    /// [`Arg::Str`], the text itself.
    fn __api_arg(self) -> Arg<'a>;
}

/// [`ArgProbe`]'s choice for everything else.
pub trait ArgDisplay<'a, T: ?Sized> {
    /// [`Arg::Display`], the value's `Display`.
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
