//! The top-level `errors`: an array's elements kept raw by the pass and read when needed
//! (JSON:API's first two objects, for detection and the accessors; the violations of JSON:API's
//! and Problem's errors, when they are first asked for), ASP.NET Core's object of field →
//! messages read in the pass.

use std::borrow::Cow;
use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;

use super::atom::{other_values, Atom, Key, MemberVisitor, Picked, RawKind};
use super::details::read_raw;
use super::listed::{Listed, MAX_VIOLATIONS};

/// The top-level `errors`.
pub(crate) enum ErrorsMember<'de> {
    /// An array (JSON:API's, Problem's): its elements raw.
    List {
        /// The first two objects (JSON:API reads them).
        objects: [Option<&'de RawValue>; 2],
        /// The first element and the last: the text between them is all the elements.
        elements: Option<(&'de RawValue, &'de RawValue)>,
    },
    /// An object (ASP.NET Core's and Rails' field → messages): its violations.
    FieldMessages(Vec<Listed<'de>>),
    /// A string (Rails', Shopify's `{"errors":"Not Found"}`).
    Text(Cow<'de, str>),
    Other,
}

/// Reads the top-level `errors`: an array's elements each kept raw (one reading, no copy), an
/// object's messages (at most [`MAX_VIOLATIONS`]).
pub(crate) struct ErrorsSeed;

impl<'de> DeserializeSeed<'de> for ErrorsSeed {
    type Value = ErrorsMember<'de>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ErrorsSeed {
    type Value = ErrorsMember<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    other_values!(ErrorsMember::Other; bool, u64, i64, f64, unit);

    fn visit_borrowed_str<E>(self, text: &'de str) -> Result<Self::Value, E> {
        Ok(ErrorsMember::Text(Cow::Borrowed(text)))
    }

    fn visit_str<E>(self, text: &str) -> Result<Self::Value, E> {
        Ok(ErrorsMember::Text(Cow::Owned(text.to_owned())))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut objects = [None; 2];
        let mut elements: Option<(&'de RawValue, &'de RawValue)> = None;
        let mut found = 0;
        while let Some(element) = seq.next_element::<&'de RawValue>()? {
            if let (Some(slot), RawKind::Object) = (objects.get_mut(found), RawKind::of(element)) {
                *slot = Some(element);
                found += 1;
            }
            elements = Some((elements.map_or(element, |(first, _)| first), element));
        }
        Ok(ErrorsMember::List { objects, elements })
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut out = Vec::new();
        while let Some(Key(field)) = map.next_key()? {
            for message in map.next_value_seed(MessagesSeed)? {
                if out.len() < MAX_VIOLATIONS {
                    out.push(Listed {
                        path: field.clone(),
                        pointer: false,
                        message: Some(message),
                        code: None,
                    });
                }
            }
        }
        Ok(ErrorsMember::FieldMessages(out))
    }
}

/// Reads one of the first objects of `errors` (already checked: an object).
pub(crate) fn listed_error(raw: &RawValue) -> Option<ListedError<'_>> {
    read_raw(raw.get(), ListedSeed).flatten()
}

/// JSON:API's first error object, and the second's `id` (for the request id).
#[derive(Default)]
pub(crate) struct FirstErrors<'de> {
    pub(crate) first: Option<ListedError<'de>>,
    pub(crate) second_id: Option<Atom<'de>>,
}

/// Reads the violations of an `errors` array (see
/// [`ErrorResponse`](crate::client::ErrorResponse)'s documentation): JSON:API's error objects
/// with a `source.pointer`, or Problem's entries (`pointer`, else `field`); at most `max`.
pub(crate) struct ViolationsSeed {
    pub(crate) json_api: bool,
    pub(crate) max: usize,
}

impl<'de> DeserializeSeed<'de> for ViolationsSeed {
    type Value = Vec<Listed<'de>>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for ViolationsSeed {
    type Value = Vec<Listed<'de>>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut out = Vec::new();
        while out.len() < self.max {
            let Some(item) = seq.next_element_seed(ListedSeed)? else {
                return Ok(out);
            };
            let violation = match item {
                Some(item) if self.json_api => item.json_api_violation(),
                Some(item) => item.problem_violation(),
                None => None,
            };
            out.extend(violation);
        }
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(out)
    }
}

/// One field's messages in ASP.NET Core's `errors`: a string, or an array of strings (anything
/// else has none).
struct MessagesSeed;

impl<'de> DeserializeSeed<'de> for MessagesSeed {
    type Value = Vec<Cow<'de, str>>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for MessagesSeed {
    type Value = Vec<Cow<'de, str>>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string or an array")
    }

    fn visit_borrowed_str<E>(self, text: &'de str) -> Result<Self::Value, E> {
        Ok(vec![Cow::Borrowed(text)])
    }

    fn visit_str<E>(self, text: &str) -> Result<Self::Value, E> {
        Ok(vec![Cow::Owned(text.to_owned())])
    }

    other_values!(Vec::new(); u64, i64, f64, bool, unit, map);

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut messages = Vec::new();
        while let Some(message) = seq.next_element::<Atom<'de>>()? {
            if let Atom::Str(message) = message {
                messages.push(message);
            }
        }
        Ok(messages)
    }
}

/// An object of a top-level `errors` array: the members of JSON:API's error objects and of
/// Problem's violations.
#[derive(Default)]
pub(crate) struct ListedError<'de> {
    pub(crate) id: Option<Atom<'de>>,
    pub(crate) status: Option<Atom<'de>>,
    pub(crate) code: Option<Atom<'de>>,
    pub(crate) title: Option<Atom<'de>>,
    pub(crate) detail: Option<Atom<'de>>,
    pub(crate) message: Option<Atom<'de>>,
    pub(crate) field: Option<Atom<'de>>,
    pub(crate) pointer: Option<Atom<'de>>,
    /// Whether `source` is an object.
    pub(crate) source: bool,
    pub(crate) source_pointer: Option<Atom<'de>>,
    pub(crate) meta: Option<&'de RawValue>,
    /// GraphQL's `extensions` (its `code` is the error's, by convention).
    pub(crate) extensions: Option<&'de RawValue>,
}

impl<'de> ListedError<'de> {
    /// JSON:API's violation: `source.pointer`, the message `detail`, else `title` (when not
    /// empty).
    fn json_api_violation(self) -> Option<Listed<'de>> {
        let Some(Atom::Str(path)) = self.source_pointer else {
            return None;
        };
        let text = |atom: Option<Atom<'de>>| match atom {
            Some(Atom::Str(text)) if !text.is_empty() => Some(text),
            _ => None,
        };
        Some(Listed {
            path,
            pointer: true,
            message: text(self.detail).or_else(|| text(self.title)),
            code: self.code,
        })
    }

    /// Problem's violation: `pointer`, else `field`; the message `detail`, else `message`,
    /// else `title`.
    fn problem_violation(self) -> Option<Listed<'de>> {
        let (path, pointer) = match (self.pointer, self.field) {
            (Some(Atom::Str(pointer)), _) => (pointer, true),
            (_, Some(Atom::Str(field))) => (field, false),
            _ => return None,
        };
        let string = |atom: Option<Atom<'de>>| match atom {
            Some(Atom::Str(text)) => Some(text),
            _ => None,
        };
        Some(Listed {
            path,
            pointer,
            message: string(self.detail)
                .or_else(|| string(self.message))
                .or_else(|| string(self.title)),
            code: self.code,
        })
    }

    /// Whether this has any member of a JSON:API error object.
    pub(crate) fn is_json_api(&self) -> bool {
        self.source
            || self.meta.is_some()
            || [
                &self.id,
                &self.status,
                &self.code,
                &self.title,
                &self.detail,
            ]
            .iter()
            .any(|member| member.is_some())
    }
}

/// An element of a top-level `errors` array: `Some` for an object.
struct ListedSeed;

impl<'de> DeserializeSeed<'de> for ListedSeed {
    type Value = Option<ListedError<'de>>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ListedSeed {
    type Value = Option<ListedError<'de>>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    other_values!(None; bool, str, u64, i64, f64, unit, seq);

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut item = ListedError::default();
        while let Some(Key(name)) = map.next_key()? {
            let slot = match &*name {
                "id" => &mut item.id,
                "status" => &mut item.status,
                "code" => &mut item.code,
                "title" => &mut item.title,
                "detail" => &mut item.detail,
                "message" => &mut item.message,
                "field" => &mut item.field,
                "pointer" => &mut item.pointer,
                "meta" => {
                    item.meta = Some(map.next_value()?);
                    continue;
                }
                "extensions" => {
                    item.extensions = Some(map.next_value()?);
                    continue;
                }
                "source" => {
                    if let Some(pointer) = map.next_value_seed(SourceSeed)? {
                        item.source = true;
                        item.source_pointer = pointer;
                    }
                    continue;
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                    continue;
                }
            };
            *slot = Some(map.next_value()?);
        }
        Ok(Some(item))
    }
}

/// JSON:API's `source`: `Some` (with its `pointer`) when it is an object.
struct SourceSeed;

impl<'de> DeserializeSeed<'de> for SourceSeed {
    type Value = Option<Option<Atom<'de>>>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        match deserializer.deserialize_any(MemberVisitor("pointer"))? {
            Picked::Object(pointer) => Ok(Some(pointer)),
            Picked::NotObject => Ok(None),
        }
    }
}
