//! Lists of field violations kept raw by the pass, read when the violations are first asked
//! for: `ErrorObject`'s and `ErrorMessage`'s `details.violations`, `OData`'s `details` and
//! Google's `BadRequest.fieldViolations`.

use std::borrow::Cow;
use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::atom::{other_values, Atom, Key};

/// Violations kept, whatever the format (the rest of the list is not read).
pub(crate) const MAX_VIOLATIONS: usize = 1024;

/// The names of a violation's path, message and code in one format.
#[derive(Clone, Copy)]
pub(crate) struct Shape {
    pub(crate) path: &'static str,
    pub(crate) message: &'static str,
    pub(crate) code: &'static str,
}

/// One violation as written: its path (any string), message (a string) and code.
pub(crate) struct Listed<'de> {
    pub(crate) path: Cow<'de, str>,
    /// Whether `path` is a JSON pointer (else a field path).
    pub(crate) pointer: bool,
    pub(crate) message: Option<Cow<'de, str>>,
    pub(crate) code: Option<Atom<'de>>,
}

/// Reads an array of violations of `shape`, at most `max` of them (an object without a string
/// path is none); anything but an array has none.
pub(crate) struct ListSeed {
    pub(crate) shape: Shape,
    pub(crate) max: usize,
}

impl<'de> DeserializeSeed<'de> for ListSeed {
    type Value = Vec<Listed<'de>>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ListSeed {
    type Value = Vec<Listed<'de>>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    other_values!(Vec::new(); bool, str, u64, i64, f64, unit, map);

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut out = Vec::new();
        while out.len() < self.max {
            match seq.next_element_seed(ItemSeed(self.shape))? {
                Some(Some(item)) => out.push(item),
                Some(None) => {}
                None => return Ok(out),
            }
        }
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(out)
    }
}

/// One element: `Some` for an object with a string path.
struct ItemSeed(Shape);

impl<'de> DeserializeSeed<'de> for ItemSeed {
    type Value = Option<Listed<'de>>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        match deserializer.deserialize_any(ItemVisitor(self.0))? {
            Some((Some(Atom::Str(path)), message, code)) => Ok(Some(Listed {
                path,
                pointer: false,
                message: match message {
                    Some(Atom::Str(message)) => Some(message),
                    _ => None,
                },
                code,
            })),
            _ => Ok(None),
        }
    }
}

type Members<'de> = (Option<Atom<'de>>, Option<Atom<'de>>, Option<Atom<'de>>);

struct ItemVisitor(Shape);

impl<'de> Visitor<'de> for ItemVisitor {
    type Value = Option<Members<'de>>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    other_values!(None; bool, str, u64, i64, f64, unit, seq);

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let (mut path, mut message, mut code) = (None, None, None);
        while let Some(Key(name)) = map.next_key()? {
            let slot = if name == self.0.path {
                &mut path
            } else if name == self.0.message {
                &mut message
            } else if name == self.0.code {
                &mut code
            } else {
                map.next_value::<IgnoredAny>()?;
                continue;
            };
            *slot = Some(map.next_value()?);
        }
        Ok(Some((path, message, code)))
    }
}
