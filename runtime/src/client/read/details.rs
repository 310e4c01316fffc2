//! `error.details`, read in the pass whatever it is (Google's list of typed details, `OData`'s
//! list of violations, `ErrorObject`'s object), and the readings of members kept raw: one
//! member of an object (`DataErrorMeta`'s `meta.request_id`, a detail for
//! [`detail`](crate::client::ErrorResponse::detail)) or a string.

use std::borrow::Cow;
use std::fmt;

use serde::de::{
    Deserialize, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor,
};
use serde_json::value::RawValue;

use super::atom::{other_values, Atom, Key};
use super::atom::{MemberVisitor, Picked};
use super::listed::{Listed, MAX_VIOLATIONS};
use super::members::RawMembers;

/// Reads `raw` with `seed`; `None` when `serde_json` refuses it (a string with a lone surrogate
/// is the one thing a member the pass accepted can still fail on).
pub(crate) fn read_raw<'de, S: DeserializeSeed<'de>>(raw: &'de str, seed: S) -> Option<S::Value> {
    let mut deserializer = serde_json::Deserializer::from_str(raw);
    let value = seed.deserialize(&mut deserializer).ok()?;
    deserializer.end().ok()?;
    Some(value)
}

/// What Google's `details` array says: the first detail of each type AIP-193 reads.
///
/// Each outer `Option` says whether a detail of that type was found (the first counts, even
/// without the member), the inner one its member.
#[derive(Default)]
#[allow(clippy::option_option)]
pub(crate) struct GoogleDetails<'de> {
    /// Whether any detail has an `@type` member (what makes the list Google's).
    pub(crate) typed: bool,
    /// `ErrorInfo`: its `reason` and `metadata`.
    pub(crate) info: Option<(Option<Atom<'de>>, Option<&'de RawValue>)>,
    /// `RetryInfo`'s `retryDelay`.
    pub(crate) retry_delay: Option<Option<Atom<'de>>>,
    /// `RequestInfo`'s `requestId`.
    pub(crate) request_id: Option<Option<Atom<'de>>>,
    /// `BadRequest`'s `fieldViolations`, kept raw for the violations.
    pub(crate) field_violations: Option<Option<&'de RawValue>>,
}

/// What `error.details` is (what it says is read in place, see [`DetailsSeed`]).
#[derive(Clone, Copy)]
pub(crate) enum DetailsMember {
    /// An array: Google's typed details, `OData`'s violations.
    List,
    /// An object (`ErrorObject`'s details): its members, raw.
    Object,
    Other,
}

/// What an array of details says, read as Google's and as `OData`'s at once.
#[derive(Default)]
pub(crate) struct DetailsList<'de> {
    pub(crate) google: GoogleDetails<'de>,
    /// The objects with a string `target`, `{"code","target","message"}`: `OData`'s violations
    /// (the first [`MAX_VIOLATIONS`]).
    pub(crate) odata: Vec<Listed<'de>>,
}

/// Reads `error.details` in place: an array into `list` (keeping at most `budget` of its
/// objects), an object into `members`.
pub(crate) struct DetailsSeed<'t, 'de> {
    pub(crate) list: &'t mut DetailsList<'de>,
    pub(crate) members: &'t mut RawMembers<'de>,
    pub(crate) budget: &'t mut usize,
}

impl<'de> DeserializeSeed<'de> for DetailsSeed<'_, 'de> {
    type Value = DetailsMember;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for DetailsSeed<'_, 'de> {
    type Value = DetailsMember;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    other_values!(DetailsMember::Other; bool, str, u64, i64, f64, unit);

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        while let Some(Key(name)) = map.next_key()? {
            self.members.push(name, map.next_value()?);
        }
        Ok(DetailsMember::Object)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        while *self.budget > 0 {
            match seq.next_element_seed(TypedSeed(&mut *self.list))? {
                Some(true) => *self.budget -= 1,
                Some(false) => {}
                None => return Ok(DetailsMember::List),
            }
        }
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(DetailsMember::List)
    }
}

impl<'de> DetailsList<'de> {
    fn add(&mut self, item: TypedDetail<'de>) {
        if let (Some(Atom::Str(target)), true) = (&item.target, self.odata.len() < MAX_VIOLATIONS) {
            self.odata.push(Listed {
                path: target.clone(),
                pointer: false,
                message: match &item.message {
                    Some(Atom::Str(message)) => Some(message.clone()),
                    _ => None,
                },
                code: item.code.clone(),
            });
        }
        self.google.add(item);
    }
}

/// One object of Google's `details`, the members of every detail type read.
#[derive(Default)]
struct TypedDetail<'de> {
    type_url: Option<Atom<'de>>,
    code: Option<Atom<'de>>,
    target: Option<Atom<'de>>,
    message: Option<Atom<'de>>,
    reason: Option<Atom<'de>>,
    metadata: Option<&'de RawValue>,
    retry_delay: Option<Atom<'de>>,
    request_id: Option<Atom<'de>>,
    field_violations: Option<&'de RawValue>,
}

impl<'de> GoogleDetails<'de> {
    fn add(&mut self, item: TypedDetail<'de>) {
        let Some(type_url) = item.type_url else {
            return;
        };
        self.typed = true;
        let Some(type_url) = type_url.string() else {
            return;
        };
        let name = match type_url.strip_prefix("type.googleapis.com/") {
            Some(name) => name,
            None => type_url.rfind('/').map_or(&**type_url, |slash| {
                type_url.get(slash + 1..).unwrap_or_default()
            }),
        };
        // The first of each type: AIP-193 allows one.
        match name {
            "google.rpc.ErrorInfo" if self.info.is_none() => {
                self.info = Some((item.reason, item.metadata));
            }
            "google.rpc.RetryInfo" if self.retry_delay.is_none() => {
                self.retry_delay = Some(item.retry_delay);
            }
            "google.rpc.RequestInfo" if self.request_id.is_none() => {
                self.request_id = Some(item.request_id);
            }
            "google.rpc.BadRequest" if self.field_violations.is_none() => {
                self.field_violations = Some(item.field_violations);
            }
            _ => {}
        }
    }
}

/// An element of `error.details`, added to the list: `true` for an object.
struct TypedSeed<'t, 'de>(&'t mut DetailsList<'de>);

impl<'de> DeserializeSeed<'de> for TypedSeed<'_, 'de> {
    type Value = bool;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for TypedSeed<'_, 'de> {
    type Value = bool;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    other_values!(false; bool, str, u64, i64, f64, unit, seq);

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut item = TypedDetail::default();
        while let Some(Key(name)) = map.next_key()? {
            let slot = match &*name {
                "@type" => &mut item.type_url,
                "code" => &mut item.code,
                "target" => &mut item.target,
                "message" => &mut item.message,
                "reason" => &mut item.reason,
                "retryDelay" => &mut item.retry_delay,
                "requestId" => &mut item.request_id,
                "metadata" => {
                    item.metadata = Some(map.next_value()?);
                    continue;
                }
                "fieldViolations" => {
                    item.field_violations = Some(map.next_value()?);
                    continue;
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                    continue;
                }
            };
            *slot = Some(map.next_value()?);
        }
        self.0.add(item);
        Ok(true)
    }
}

/// Reads one member of an object as a [`Atom`] (the last of its name): `None` inside when it is
/// absent, `None` outside when the value is not an object.
pub(crate) struct AtomSeed(pub(crate) &'static str);

impl<'de> DeserializeSeed<'de> for AtomSeed {
    type Value = Option<Option<Atom<'de>>>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        match deserializer.deserialize_any(MemberVisitor(self.0))? {
            Picked::Object(found) => Ok(Some(found)),
            Picked::NotObject => Ok(None),
        }
    }
}

/// Reads one member of an object raw (the last of its name); `None` when it is absent.
pub(crate) struct RawMemberSeed<'n>(pub(crate) &'n str);

impl<'de> DeserializeSeed<'de> for RawMemberSeed<'_> {
    type Value = Option<&'de RawValue>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for RawMemberSeed<'_> {
    type Value = Option<&'de RawValue>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object")
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
        Ok(found)
    }
}

/// A string, borrowed when it can be; `None` for any other value.
pub(crate) struct TextSeed;

impl<'de> DeserializeSeed<'de> for TextSeed {
    type Value = Option<Cow<'de, str>>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        match <Atom<'de> as Deserialize<'de>>::deserialize(deserializer)? {
            Atom::Str(text) => Ok(Some(text)),
            _ => Ok(None),
        }
    }
}
