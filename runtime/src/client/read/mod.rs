//! Reading a body: one pass of `serde_json` over it ([`body`]), with hand-written visitors that
//! keep, borrowed from the body, the members the envelopes read; the few members kept raw are
//! read when needed ([`details`], [`listed`]). Nothing here knows which envelope a body is in:
//! [`detect`](super::detect) and [`interpret`](super::interpret) decide that from what is read.

pub(crate) mod body;
pub(crate) mod details;
pub(crate) mod leaf;
pub(crate) mod listed;
pub(crate) mod repair;

use serde::de::DeserializeSeed;

use self::body::{ErrorMember, TopLevel, TopSeed, MAX_ITEMS};
use self::details::{read_raw, GoogleDetails, GoogleSeed, LeafSeed, ObjectDetails, ObjectSeed};
use self::leaf::{Leaf, RawKind};

/// Problem extension members kept.
pub(crate) const MAX_EXTENSIONS: usize = 1024;

/// A body, read: the top-level object and what its raw members say that detection and every
/// envelope need.
pub(crate) struct Parsed<'de> {
    pub(crate) top: TopLevel<'de>,
    /// `error.details` when it is an array, read as Google's.
    pub(crate) google: Option<GoogleDetails<'de>>,
    /// `error.details` when it is an object, read as `ErrorObject`'s.
    pub(crate) object_details: Option<ObjectDetails<'de>>,
    /// `meta.request_id`, when `meta` is an object.
    pub(crate) meta_request_id: Option<Leaf<'de>>,
}

/// Reads `text` (the body without its byte order mark) and hands what it says to `then`; `None`
/// when it is not one JSON object, even once repaired (see [`repair`]).
pub(crate) fn with_body<R>(text: &str, then: impl FnOnce(&Parsed<'_>) -> R) -> Option<R> {
    if let Some(parsed) = parse(text) {
        return Some(then(&parsed));
    }
    // Only an object can be an envelope: anything else (HTML, plain text) is not repaired.
    if !text
        .trim_start_matches([' ', '\t', '\n', '\r'])
        .starts_with('{')
    {
        return None;
    }
    let repaired = repair::repaired(text)?;
    parse(&repaired).map(|parsed| then(&parsed))
}

/// Reads `text` with `read` once, and once more repaired when that fails.
pub(crate) fn or_repaired<R>(text: &str, read: impl Fn(&str) -> Option<R>) -> Option<R> {
    read(text).or_else(|| read(&repair::repaired(text)?))
}

/// One pass over `text`, then the raw members detection needs.
fn parse(text: &str) -> Option<Parsed<'_>> {
    let mut top = TopLevel::default();
    let mut budget = MAX_ITEMS;
    let mut deserializer = serde_json::Deserializer::from_str(text);
    TopSeed {
        top: &mut top,
        budget: &mut budget,
    }
    .deserialize(&mut deserializer)
    .ok()?;
    deserializer.end().ok()?;
    let (mut google, mut object_details) = (None, None);
    if let Some(ErrorMember::Object(error)) = &top.error {
        if let Some(details) = error.details {
            match RawKind::of(details) {
                RawKind::Array => google = Some(read_raw(details.get(), GoogleSeed(&mut budget))?),
                RawKind::Object => object_details = Some(read_raw(details.get(), ObjectSeed)?),
                RawKind::String | RawKind::Other => {}
            }
        }
    }
    let meta_request_id = match top.meta {
        Some(meta) if RawKind::of(meta) == RawKind::Object => {
            read_raw(meta.get(), LeafSeed("request_id"))?.flatten()
        }
        _ => None,
    };
    Some(Parsed {
        top,
        google,
        object_details,
        meta_request_id,
    })
}
