//! The one pass over a body: a visitor of the top-level object that keeps, borrowed from the
//! body, every member some envelope reads, in the union of the envelopes' shapes.
//!
//! Only those shapes are visited (a depth of at most six objects and arrays, far below
//! `serde_json`'s recursion limit of 128); every other value is skipped with `IgnoredAny` or kept
//! as a `&RawValue`, which `serde_json` walks without recursing, so no nesting overflows the stack
//! or is refused. A member of an unexpected type is kept for what it is or skipped, never an
//! error; of a member given twice, the last one counts.

use std::borrow::Cow;
use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;

use super::details::{DetailsList, DetailsMember, DetailsSeed};
use super::leaf::{Key, Leaf};
use super::members::RawMembers;
use crate::client::violations::MAX_VIOLATIONS;

/// Array elements kept (error objects, details), in all: the rest are checked and skipped, so
/// memory is bounded whatever the body.
pub(crate) const MAX_ITEMS: usize = 4096;

/// Violations kept of a top-level `errors` (see [`MAX_VIOLATIONS`]).
const MAX_CANDIDATES: usize = MAX_VIOLATIONS;

/// Problem's own members and those the decoder reads in Problem: every other top-level member is
/// an extension member.
const PROBLEM_OWN: [&str; 8] = [
    "type", "title", "status", "detail", "instance", "code", "errors", "error",
];

/// The top-level object.
#[derive(Default)]
pub(crate) struct TopLevel<'de> {
    pub(crate) error: Option<ErrorMember<'de>>,
    /// The object of `error` when it is [`ErrorMember::Object`], read in place (it is large).
    pub(crate) error_object: NestedError<'de>,
    pub(crate) errors: Option<ErrorsMember<'de>>,
    pub(crate) code: Option<Leaf<'de>>,
    pub(crate) status: Option<Leaf<'de>>,
    pub(crate) detail: Option<Leaf<'de>>,
    pub(crate) title: Option<Leaf<'de>>,
    pub(crate) type_uri: Option<Leaf<'de>>,
    pub(crate) instance: Option<Leaf<'de>>,
    // The members below are Problem extension members too: kept raw, read when needed.
    pub(crate) message: Option<&'de RawValue>,
    pub(crate) details: Option<&'de RawValue>,
    pub(crate) retry_after_ms: Option<&'de RawValue>,
    pub(crate) data: Option<&'de RawValue>,
    pub(crate) meta: Option<&'de RawValue>,
    /// Every member that is not Problem's own, in order.
    pub(crate) extensions: RawMembers<'de>,
}

/// The top-level `error`.
pub(crate) enum ErrorMember<'de> {
    Flag(bool),
    Text(Cow<'de, str>),
    /// An object: [`TopLevel::error_object`].
    Object,
    Other,
}

impl<'de> TopLevel<'de> {
    /// The object of `"error":{…}`, when `error` is one.
    pub(crate) fn error_object(&self) -> Option<&NestedError<'de>> {
        matches!(self.error, Some(ErrorMember::Object)).then_some(&self.error_object)
    }
}

/// The object of `"error":{…}` (`ErrorObject`, `DataErrorMeta`, Google, `OData`).
#[derive(Default)]
pub(crate) struct NestedError<'de> {
    pub(crate) code: Option<Leaf<'de>>,
    pub(crate) message: Option<Leaf<'de>>,
    pub(crate) status: Option<Leaf<'de>>,
    /// Whether there is a `target` member, of any type.
    pub(crate) target: bool,
    pub(crate) innererror: Option<&'de RawValue>,
    pub(crate) details: Option<DetailsMember>,
    /// `details` when it is [`DetailsMember::List`].
    pub(crate) details_list: DetailsList<'de>,
    /// `details` when it is [`DetailsMember::Object`].
    pub(crate) details_members: RawMembers<'de>,
}

impl<'de> NestedError<'de> {
    /// `details`, when it is an array.
    pub(crate) fn list(&self) -> Option<&DetailsList<'de>> {
        matches!(self.details, Some(DetailsMember::List)).then_some(&self.details_list)
    }

    /// `details`, when it is an object.
    pub(crate) fn members(&self) -> Option<&RawMembers<'de>> {
        matches!(self.details, Some(DetailsMember::Object)).then_some(&self.details_members)
    }
}

/// The top-level `errors`: JSON:API's and Problem's array, or ASP.NET Core's object of
/// field → messages.
// Large, but read in place once per response: a `Box` would be an allocation each time.
#[allow(clippy::large_enum_variant)]
pub(crate) enum ErrorsMember<'de> {
    List(ErrorsList<'de>),
    /// ASP.NET Core's messages, each a [`Candidate`] with a field path.
    FieldMessages(Vec<Candidate<'de>>),
    Other,
}

/// A top-level `errors` array: its first object whole (JSON:API reads it), the second's `id`,
/// and each object's violation.
#[derive(Default)]
pub(crate) struct ErrorsList<'de> {
    pub(crate) first: Option<ListedError<'de>>,
    pub(crate) second_id: Option<Leaf<'de>>,
    pub(crate) violations: Vec<Candidate<'de>>,
}

/// The violation an object of `errors` may be, read both ways, since the format is not known
/// yet: as JSON:API's and as Problem's.
pub(crate) struct Candidate<'de> {
    /// JSON:API: `source.pointer`.
    pub(crate) source_pointer: Option<Cow<'de, str>>,
    /// JSON:API: `detail`, else `title`, when not empty.
    pub(crate) json_api_message: Option<Cow<'de, str>>,
    /// Problem: `pointer` (a JSON pointer: `true`), else `field`.
    pub(crate) problem_path: Option<(Cow<'de, str>, bool)>,
    /// Problem: `detail`, else `message`, else `title`.
    pub(crate) problem_message: Option<Cow<'de, str>>,
    pub(crate) code: Option<Leaf<'de>>,
}

impl<'de> Candidate<'de> {
    fn of(item: &ListedError<'de>) -> Option<Self> {
        let string = |leaf: &Option<Leaf<'de>>| leaf.as_ref().and_then(Leaf::string).cloned();
        let text = |leaf: &Option<Leaf<'de>>| leaf.as_ref().and_then(Leaf::text).cloned();
        let source_pointer = string(&item.source_pointer);
        let problem_path = match (&item.pointer, &item.field) {
            (Some(Leaf::Str(pointer)), _) => Some((pointer.clone(), true)),
            (_, Some(Leaf::Str(field))) => Some((field.clone(), false)),
            _ => None,
        };
        if source_pointer.is_none() && problem_path.is_none() {
            return None;
        }
        Some(Candidate {
            json_api_message: source_pointer
                .as_ref()
                .and_then(|_| text(&item.detail).or_else(|| text(&item.title))),
            problem_message: problem_path.as_ref().and_then(|_| {
                string(&item.detail)
                    .or_else(|| string(&item.message))
                    .or_else(|| string(&item.title))
            }),
            source_pointer,
            problem_path,
            code: item.code.clone(),
        })
    }
}

/// An object of a top-level `errors` array: the members of JSON:API's error objects and of
/// Problem's violations.
#[derive(Default)]
pub(crate) struct ListedError<'de> {
    pub(crate) id: Option<Leaf<'de>>,
    pub(crate) status: Option<Leaf<'de>>,
    pub(crate) code: Option<Leaf<'de>>,
    pub(crate) title: Option<Leaf<'de>>,
    pub(crate) detail: Option<Leaf<'de>>,
    pub(crate) message: Option<Leaf<'de>>,
    pub(crate) field: Option<Leaf<'de>>,
    pub(crate) pointer: Option<Leaf<'de>>,
    /// Whether `source` is an object.
    pub(crate) source: bool,
    pub(crate) source_pointer: Option<Leaf<'de>>,
    pub(crate) meta: Option<&'de RawValue>,
}

impl ListedError<'_> {
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

/// Reads the top-level object into `top`, with `budget` array elements left to keep.
pub(crate) struct TopSeed<'t, 'de> {
    pub(crate) top: &'t mut TopLevel<'de>,
    pub(crate) budget: &'t mut usize,
}

impl<'de> DeserializeSeed<'de> for TopSeed<'_, 'de> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for TopSeed<'_, 'de> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let top = self.top;
        while let Some(Key(name)) = map.next_key()? {
            let slot = match &*name {
                "error" => {
                    if matches!(top.error, Some(ErrorMember::Object)) {
                        // The last one counts.
                        top.error_object = NestedError::default();
                    }
                    let seed = ErrorSeed {
                        object: &mut top.error_object,
                        budget: self.budget,
                    };
                    top.error = Some(map.next_value_seed(seed)?);
                    continue;
                }
                "errors" => {
                    top.errors = Some(map.next_value_seed(ErrorsSeed(self.budget))?);
                    continue;
                }
                "code" => &mut top.code,
                "status" => &mut top.status,
                "detail" => &mut top.detail,
                "title" => &mut top.title,
                "type" => &mut top.type_uri,
                "instance" => &mut top.instance,
                _ => {
                    debug_assert!(!PROBLEM_OWN.contains(&&*name));
                    let raw: &'de RawValue = map.next_value()?;
                    match &*name {
                        "message" => top.message = Some(raw),
                        "details" => top.details = Some(raw),
                        "retry_after_ms" => top.retry_after_ms = Some(raw),
                        "data" => top.data = Some(raw),
                        "meta" => top.meta = Some(raw),
                        _ => {}
                    }
                    top.extensions.push(name, raw);
                    continue;
                }
            };
            *slot = Some(map.next_value()?);
        }
        Ok(())
    }
}

/// The top-level `error`, its object read into `object`.
struct ErrorSeed<'t, 'de> {
    object: &'t mut NestedError<'de>,
    budget: &'t mut usize,
}

impl<'de> DeserializeSeed<'de> for ErrorSeed<'_, 'de> {
    type Value = ErrorMember<'de>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ErrorSeed<'_, 'de> {
    type Value = ErrorMember<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, flag: bool) -> Result<Self::Value, E> {
        Ok(ErrorMember::Flag(flag))
    }

    fn visit_borrowed_str<E>(self, text: &'de str) -> Result<Self::Value, E> {
        Ok(ErrorMember::Text(Cow::Borrowed(text)))
    }

    fn visit_str<E>(self, text: &str) -> Result<Self::Value, E> {
        Ok(ErrorMember::Text(Cow::Owned(text.to_owned())))
    }

    fn visit_string<E>(self, text: String) -> Result<Self::Value, E> {
        Ok(ErrorMember::Text(Cow::Owned(text)))
    }

    fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> {
        Ok(ErrorMember::Other)
    }

    fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
        Ok(ErrorMember::Other)
    }

    fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
        Ok(ErrorMember::Other)
    }

    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(ErrorMember::Other)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(ErrorMember::Other)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let error = self.object;
        while let Some(Key(name)) = map.next_key()? {
            let slot = match &*name {
                "code" => &mut error.code,
                "message" => &mut error.message,
                "status" => &mut error.status,
                "innererror" => {
                    error.innererror = Some(map.next_value()?);
                    continue;
                }
                "details" => {
                    if error.details.is_some() {
                        // The last one counts.
                        error.details_list = DetailsList::default();
                        error.details_members = RawMembers::default();
                    }
                    let seed = DetailsSeed {
                        list: &mut error.details_list,
                        members: &mut error.details_members,
                        budget: &mut *self.budget,
                    };
                    error.details = Some(map.next_value_seed(seed)?);
                    continue;
                }
                "target" => {
                    map.next_value::<IgnoredAny>()?;
                    error.target = true;
                    continue;
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                    continue;
                }
            };
            *slot = Some(map.next_value()?);
        }
        Ok(ErrorMember::Object)
    }
}

/// The top-level `errors`.
struct ErrorsSeed<'t>(&'t mut usize);

impl<'de> DeserializeSeed<'de> for ErrorsSeed<'_> {
    type Value = ErrorsMember<'de>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ErrorsSeed<'_> {
    type Value = ErrorsMember<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
        Ok(ErrorsMember::Other)
    }

    fn visit_str<E>(self, _: &str) -> Result<Self::Value, E> {
        Ok(ErrorsMember::Other)
    }

    fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> {
        Ok(ErrorsMember::Other)
    }

    fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
        Ok(ErrorsMember::Other)
    }

    fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
        Ok(ErrorsMember::Other)
    }

    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(ErrorsMember::Other)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut list = ErrorsList::default();
        let mut objects = 0usize;
        loop {
            if *self.0 == 0 {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                break;
            }
            match seq.next_element_seed(ListedSeed)? {
                Some(Some(item)) => {
                    *self.0 -= 1;
                    objects += 1;
                    if list.violations.len() < MAX_CANDIDATES {
                        list.violations.extend(Candidate::of(&item));
                    }
                    match objects {
                        1 => list.first = Some(item),
                        2 => list.second_id = item.id,
                        _ => {}
                    }
                }
                Some(None) => {}
                None => break,
            }
        }
        Ok(ErrorsMember::List(list))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut messages = Vec::new();
        while let Some(Key(field)) = map.next_key()? {
            map.next_value_seed(MessagesSeed {
                field,
                into: &mut messages,
            })?;
        }
        Ok(ErrorsMember::FieldMessages(messages))
    }
}

/// One field's messages in ASP.NET Core's `errors`: a string, or an array of strings.
struct MessagesSeed<'t, 'de> {
    field: Cow<'de, str>,
    into: &'t mut Vec<Candidate<'de>>,
}

impl<'de> DeserializeSeed<'de> for MessagesSeed<'_, 'de> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        let Self { field, into } = self;
        let mut push = |message: Leaf<'de>| {
            if let (Leaf::Str(message), true) = (message, into.len() < MAX_CANDIDATES) {
                into.push(Candidate {
                    source_pointer: None,
                    json_api_message: None,
                    problem_path: Some((field.clone(), false)),
                    problem_message: Some(message),
                    code: None,
                });
            }
        };
        match deserializer.deserialize_any(MessagesVisitor)? {
            Messages::One(message) => push(message),
            Messages::Many(messages) => messages.into_iter().for_each(push),
        }
        Ok(())
    }
}

enum Messages<'de> {
    One(Leaf<'de>),
    Many(Vec<Leaf<'de>>),
}

struct MessagesVisitor;

impl<'de> Visitor<'de> for MessagesVisitor {
    type Value = Messages<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string or an array")
    }

    fn visit_borrowed_str<E>(self, text: &'de str) -> Result<Self::Value, E> {
        Ok(Messages::One(Leaf::Str(Cow::Borrowed(text))))
    }

    fn visit_str<E>(self, text: &str) -> Result<Self::Value, E> {
        Ok(Messages::One(Leaf::Str(Cow::Owned(text.to_owned()))))
    }

    fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> {
        Ok(Messages::One(Leaf::Null))
    }

    fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
        Ok(Messages::One(Leaf::Null))
    }

    fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
        Ok(Messages::One(Leaf::Null))
    }

    fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
        Ok(Messages::One(Leaf::Null))
    }

    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(Messages::One(Leaf::Null))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Messages::One(Leaf::Null))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut messages = Vec::new();
        while let Some(message) = seq.next_element::<Leaf<'de>>()? {
            if messages.len() < MAX_CANDIDATES {
                messages.push(message);
            }
        }
        Ok(Messages::Many(messages))
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

    fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_str<E>(self, _: &str) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(None)
    }

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
    type Value = Option<Option<Leaf<'de>>>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        match deserializer.deserialize_any(MemberVisitor("pointer"))? {
            Picked::Object(pointer) => Ok(Some(pointer)),
            Picked::NotObject => Ok(None),
        }
    }
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
    type Value = Picked<Leaf<'de>>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
        Ok(Picked::NotObject)
    }

    fn visit_str<E>(self, _: &str) -> Result<Self::Value, E> {
        Ok(Picked::NotObject)
    }

    fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> {
        Ok(Picked::NotObject)
    }

    fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
        Ok(Picked::NotObject)
    }

    fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
        Ok(Picked::NotObject)
    }

    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(Picked::NotObject)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Picked::NotObject)
    }

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
