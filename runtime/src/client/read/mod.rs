//! Reading a body: one pass of `serde_json` over it ([`body`]), with hand-written visitors that
//! keep, borrowed from the body, the members the envelopes read; the few members kept raw are
//! read when needed ([`details`], [`listed`]). Nothing here knows which envelope a body is in:
//! [`detect`](super::detect) and [`interpret`](super::interpret) decide that from what is read.

pub(crate) mod body;
pub(crate) mod details;
pub(crate) mod leaf;
pub(crate) mod listed;
pub(crate) mod members;
pub(crate) mod repair;

use serde::de::DeserializeSeed;

use self::body::{TopLevel, TopSeed, MAX_ITEMS};
use self::details::{read_raw, LeafSeed};
use self::leaf::{Leaf, RawKind};

/// A body, read: the top-level object, and `DataErrorMeta`'s request id from its raw `meta`.
#[derive(Default)]
pub(crate) struct Parsed<'de> {
    pub(crate) top: TopLevel<'de>,
    /// `meta.request_id`, when `meta` is an object.
    pub(crate) meta_request_id: Option<Leaf<'de>>,
}

/// Reads `text` (the body without its byte order mark) and hands what it says to `then`; `None`
/// when it is not one JSON object, even once repaired (see [`repair`]).
pub(crate) fn with_body<R>(text: &str, then: impl FnOnce(&mut Parsed<'_>) -> R) -> Option<R> {
    // Read in place (`Parsed` is large: returning it would copy it).
    let mut parsed = Parsed::default();
    if parse(text, &mut parsed).is_some() {
        return Some(then(&mut parsed));
    }
    // Only an object can be an envelope: anything else (HTML, plain text) is not repaired.
    if !text
        .trim_start_matches([' ', '\t', '\n', '\r'])
        .starts_with('{')
    {
        return None;
    }
    let repaired = repair::repaired(text)?;
    let mut parsed = Parsed::default();
    parse(&repaired, &mut parsed)?;
    Some(then(&mut parsed))
}

/// Reads `text` with `read` once, and once more repaired when that fails.
pub(crate) fn or_repaired<R>(text: &str, read: impl Fn(&str) -> Option<R>) -> Option<R> {
    read(text).or_else(|| read(&repair::repaired(text)?))
}

/// One pass over `text`, then `meta` if it is an object (a small member, read again alone).
fn parse<'de>(text: &'de str, parsed: &mut Parsed<'de>) -> Option<()> {
    let mut budget = MAX_ITEMS;
    let mut deserializer = serde_json::Deserializer::from_str(text);
    TopSeed {
        top: &mut parsed.top,
        budget: &mut budget,
    }
    .deserialize(&mut deserializer)
    .ok()?;
    deserializer.end().ok()?;
    if let Some(meta) = parsed.top.meta {
        if RawKind::of(meta) == RawKind::Object {
            parsed.meta_request_id = read_raw(meta.get(), LeafSeed("request_id"))?.flatten();
        }
    }
    Some(())
}
