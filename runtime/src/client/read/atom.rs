//! The small pieces every visitor of the body uses: a member's name ([`Key`]), a member's value
//! as the envelopes read it ([`Atom`]), and what a raw member holds ([`RawKind`]).
//!
//! Everything is borrowed from the input where `serde_json` can (a string without escapes comes
//! back as a slice of it, through `visit_borrowed_str`); what is not read is skipped with
//! [`IgnoredAny`], which `serde_json` walks without recursing (its stack of open brackets is a
//! buffer it keeps) and without building anything.

use std::borrow::Cow;
use std::fmt;

use serde::de::{Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;

/// The `visit_*` methods of a visitor for the kinds of values it does not read (`bool`, `str`,
/// `u64`, `i64`, `f64`, `unit`, `seq`, `map`): each is `$other`.
macro_rules! other_values {
    ($other:expr; $($kind:ident),+) => {
        $(other_values!(@ $other, $kind);)+
    };
    (@ $other:expr, bool) => {
        fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
            Ok($other)
        }
    };
    (@ $other:expr, str) => {
        fn visit_str<E>(self, _: &str) -> Result<Self::Value, E> {
            Ok($other)
        }
    };
    (@ $other:expr, u64) => {
        fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> {
            Ok($other)
        }
    };
    (@ $other:expr, i64) => {
        fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
            Ok($other)
        }
    };
    (@ $other:expr, f64) => {
        fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
            Ok($other)
        }
    };
    (@ $other:expr, unit) => {
        fn visit_unit<E>(self) -> Result<Self::Value, E> {
            Ok($other)
        }
    };
    // An array or an object: skipped (`serde_json` skips without recursing).
    (@ $other:expr, seq) => {
        fn visit_seq<A>(self, mut seq: A) -> Result<Self::Value, A::Error>
        where
            A: ::serde::de::SeqAccess<'de>,
        {
            while seq.next_element::<::serde::de::IgnoredAny>()?.is_some() {}
            Ok($other)
        }
    };
    (@ $other:expr, map) => {
        fn visit_map<A>(self, mut map: A) -> Result<Self::Value, A::Error>
        where
            A: ::serde::de::MapAccess<'de>,
        {
            while map
                .next_entry::<::serde::de::IgnoredAny, ::serde::de::IgnoredAny>()?
                .is_some()
            {}
            Ok($other)
        }
    };
}

pub(crate) use other_values;

/// An object member's name, its escapes decoded (borrowed when it has none).
pub(crate) struct Key<'de>(pub(crate) Cow<'de, str>);

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(TextVisitor).map(Key)
    }
}

/// A string, borrowed when `serde_json` can lend it.
struct TextVisitor;

impl<'de> Visitor<'de> for TextVisitor {
    type Value = Cow<'de, str>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_borrowed_str<E>(self, text: &'de str) -> Result<Self::Value, E> {
        Ok(Cow::Borrowed(text))
    }

    fn visit_str<E>(self, text: &str) -> Result<Self::Value, E> {
        Ok(Cow::Owned(text.to_owned()))
    }

    fn visit_string<E>(self, text: String) -> Result<Self::Value, E> {
        Ok(Cow::Owned(text))
    }
}

/// A member's value as the envelopes read it: a string or an integer is kept, anything else
/// only says what it was (an object or an array is skipped, never read).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Atom<'de> {
    Str(Cow<'de, str>),
    /// An integer that fits 64 bits, as `serde_json` reads it (a larger one is a float).
    Unsigned(u64),
    Signed(i64),
    Float,
    Bool(bool),
    Null,
    Object,
    Array,
}

impl<'de> Atom<'de> {
    /// The contents of a string that is not empty.
    pub(crate) fn text(&self) -> Option<&Cow<'de, str>> {
        match self {
            Atom::Str(text) if !text.is_empty() => Some(text),
            _ => None,
        }
    }

    /// The string's contents, empty or not.
    pub(crate) fn string(&self) -> Option<&Cow<'de, str>> {
        match self {
            Atom::Str(text) => Some(text),
            _ => None,
        }
    }

    pub(crate) fn is_string(&self) -> bool {
        matches!(self, Atom::Str(_))
    }

    pub(crate) fn is_number(&self) -> bool {
        matches!(self, Atom::Unsigned(_) | Atom::Signed(_) | Atom::Float)
    }

    /// A machine code: a non-empty string, or an integer in its decimal digits.
    pub(crate) fn code(&self) -> Option<Cow<'de, str>> {
        match self {
            Atom::Str(text) if !text.is_empty() => Some(text.clone()),
            Atom::Unsigned(n) => Some(Cow::Owned(itoa::Buffer::new().format(*n).to_owned())),
            Atom::Signed(n) => Some(Cow::Owned(itoa::Buffer::new().format(*n).to_owned())),
            _ => None,
        }
    }

    /// The integer, when it is one.
    pub(crate) fn integer(&self) -> Option<i128> {
        match self {
            Atom::Unsigned(n) => Some(i128::from(*n)),
            Atom::Signed(n) => Some(i128::from(*n)),
            _ => None,
        }
    }
}

impl<'de> Deserialize<'de> for Atom<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(AtomVisitor)
    }
}

struct AtomVisitor;

impl<'de> Visitor<'de> for AtomVisitor {
    type Value = Atom<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_borrowed_str<E>(self, text: &'de str) -> Result<Self::Value, E> {
        Ok(Atom::Str(Cow::Borrowed(text)))
    }

    fn visit_str<E>(self, text: &str) -> Result<Self::Value, E> {
        Ok(Atom::Str(Cow::Owned(text.to_owned())))
    }

    fn visit_string<E>(self, text: String) -> Result<Self::Value, E> {
        Ok(Atom::Str(Cow::Owned(text)))
    }

    fn visit_u64<E>(self, n: u64) -> Result<Self::Value, E> {
        Ok(Atom::Unsigned(n))
    }

    fn visit_i64<E>(self, n: i64) -> Result<Self::Value, E> {
        Ok(Atom::Signed(n))
    }

    fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
        Ok(Atom::Float)
    }

    fn visit_bool<E>(self, flag: bool) -> Result<Self::Value, E> {
        Ok(Atom::Bool(flag))
    }

    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(Atom::Null)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Atom::Object)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Atom::Array)
    }
}

/// What a raw member holds: `RawValue` keeps exactly one JSON value without the whitespace
/// around it, so its first byte says which kind.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum RawKind {
    Object,
    Array,
    String,
    Other,
}

impl RawKind {
    pub(crate) fn of(raw: &RawValue) -> Self {
        match raw.get().as_bytes().first() {
            Some(b'{') => RawKind::Object,
            Some(b'[') => RawKind::Array,
            Some(b'"') => RawKind::String,
            _ => RawKind::Other,
        }
    }
}

/// A raw member when it is an object.
pub(crate) fn object(raw: Option<&RawValue>) -> Option<&RawValue> {
    raw.filter(|raw| RawKind::of(raw) == RawKind::Object)
}

/// What [`MemberVisitor`] found.
pub(crate) enum Picked<T> {
    /// An object, and its member (the last of that name).
    Object(Option<T>),
    NotObject,
}

/// Reads one member of an object (the last of its name), skipping everything else.
pub(crate) struct MemberVisitor(pub(crate) &'static str);

impl<'de> Visitor<'de> for MemberVisitor {
    type Value = Picked<Atom<'de>>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    other_values!(Picked::NotObject; bool, str, u64, i64, f64, unit, seq);

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut found = None;
        while let Some(Key(name)) = map.next_key()? {
            if name == self.0 {
                found = Some(map.next_value()?);
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(Picked::Object(found))
    }
}
