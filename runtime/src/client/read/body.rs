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

use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde_json::value::RawValue;

use super::atom::{other_values, Atom, Key};
use super::details::{DetailsList, DetailsMember, DetailsSeed};
use super::errors::{ErrorsMember, ErrorsSeed};
use super::members::RawMembers;

/// Elements of `error.details` kept: the rest are checked and skipped, so memory is bounded
/// whatever the body.
pub(crate) const MAX_ITEMS: usize = 4096;

/// Problem's own members and those the decoder reads in Problem: every other top-level member is
/// an extension member.
const PROBLEM_OWN: [&str; 8] = [
    "type", "title", "status", "detail", "instance", "code", "errors", "error",
];

/// The top-level object.
#[derive(Default)]
pub(crate) struct TopLevel<'de> {
    pub(crate) error: Option<ErrorMember<'de>>,
    /// The object of the last `error` that is one, read in place (it is large); `None` until
    /// one is read, so a body without one neither builds nor drops it.
    pub(crate) error_object: Option<NestedError<'de>>,
    /// Its elements kept raw, read for JSON:API's first objects and for the violations
    /// ([`super::errors`]).
    pub(crate) errors: Option<ErrorsMember<'de>>,
    pub(crate) code: Option<Atom<'de>>,
    pub(crate) status: Option<Atom<'de>>,
    pub(crate) detail: Option<Atom<'de>>,
    pub(crate) title: Option<Atom<'de>>,
    pub(crate) type_uri: Option<Atom<'de>>,
    pub(crate) instance: Option<Atom<'de>>,
    // The members below are Problem extension members too: kept raw, read when needed.
    pub(crate) message: Option<&'de RawValue>,
    pub(crate) details: Option<&'de RawValue>,
    pub(crate) retry_after_ms: Option<&'de RawValue>,
    pub(crate) data: Option<&'de RawValue>,
    pub(crate) meta: Option<&'de RawValue>,
    /// Slack's `ok`.
    pub(crate) ok: Option<&'de RawValue>,
    /// OAuth 2.0's `error_description` and `error_uri` (RFC 6749 §5.2).
    pub(crate) error_description: Option<&'de RawValue>,
    pub(crate) error_uri: Option<&'de RawValue>,
    /// The AWS JSON protocols' `__type`, and their other spelling of `message`.
    pub(crate) aws_type: Option<&'de RawValue>,
    pub(crate) capital_message: Option<&'de RawValue>,
    /// Anthropic's top-level `request_id`.
    pub(crate) request_id: Option<&'de RawValue>,
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
    /// How many of Problem's own members are there (`type`, `title`, `detail`, `instance`
    /// strings, a `status` number).
    pub(crate) fn problem_members(&self) -> usize {
        [&self.type_uri, &self.title, &self.detail, &self.instance]
            .iter()
            .filter(|member| member.as_ref().is_some_and(Atom::is_string))
            .count()
            + usize::from(self.status.as_ref().is_some_and(Atom::is_number))
    }

    pub(crate) fn has_problem_members(&self) -> bool {
        self.problem_members() > 0
    }

    /// The object of `"error":{…}`, when `error` is one.
    pub(crate) fn error_object(&self) -> Option<&NestedError<'de>> {
        match self.error {
            Some(ErrorMember::Object) => self.error_object.as_ref(),
            _ => None,
        }
    }
}

/// The object of `"error":{…}` (`ErrorObject`, `DataErrorMeta`, Google, `OData`).
#[derive(Default)]
pub(crate) struct NestedError<'de> {
    pub(crate) code: Option<Atom<'de>>,
    pub(crate) message: Option<Atom<'de>>,
    pub(crate) status: Option<Atom<'de>>,
    /// Anthropic's `type`, its error type.
    pub(crate) kind: Option<Atom<'de>>,
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
                    let seed = ErrorSeed {
                        object: &mut top.error_object,
                        budget: self.budget,
                    };
                    top.error = Some(map.next_value_seed(seed)?);
                    continue;
                }
                "errors" => {
                    top.errors = Some(map.next_value_seed(ErrorsSeed)?);
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
                        "ok" => top.ok = Some(raw),
                        "error_description" => top.error_description = Some(raw),
                        "error_uri" => top.error_uri = Some(raw),
                        "__type" => top.aws_type = Some(raw),
                        "Message" => top.capital_message = Some(raw),
                        "request_id" => top.request_id = Some(raw),
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

/// The top-level `error`, its object read into `object` (replacing any read before: the last
/// one counts).
struct ErrorSeed<'t, 'de> {
    object: &'t mut Option<NestedError<'de>>,
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

    other_values!(ErrorMember::Other; u64, i64, f64, unit, seq);

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let error = self.object.insert(NestedError::default());
        while let Some(Key(name)) = map.next_key()? {
            let slot = match &*name {
                "code" => &mut error.code,
                "message" => &mut error.message,
                "status" => &mut error.status,
                "type" => &mut error.kind,
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
