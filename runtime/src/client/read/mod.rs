//! Reading a body: one pass of `serde_json` over it ([`body`]), with hand-written visitors that
//! keep, borrowed from the body, the members the envelopes read; the few members kept raw are
//! read when needed ([`details`], [`errors`], [`listed`]). Nothing here knows which envelope a
//! body is in: [`detect`](super::detect) and [`interpret`](super::interpret) decide that from
//! what is read.

pub(crate) mod atom;
pub(crate) mod body;
pub(crate) mod details;
pub(crate) mod errors;
pub(crate) mod listed;
pub(crate) mod members;
pub(crate) mod repair;

use serde::de::DeserializeSeed;

use super::headers::Media;
use super::kept::span_in;

use self::atom::{Atom, RawKind};
use self::body::ErrorMember;
use self::body::{TopLevel, TopSeed, MAX_ITEMS};
use self::details::{read_raw, AtomSeed};
use self::errors::{listed_error, ErrorsMember, FirstErrors};

/// A body, read: the top-level object, and `DataErrorMeta`'s request id from its raw `meta`.
#[derive(Default)]
pub(crate) struct Parsed<'de> {
    pub(crate) top: TopLevel<'de>,
    /// JSON:API's first error objects, read when the body may be JSON:API's.
    pub(crate) first_errors: FirstErrors<'de>,
    /// The elements of an `errors` array, as written (without the brackets).
    pub(crate) errors_elements: Option<&'de str>,
    /// `meta.request_id`, when `meta` is an object.
    pub(crate) meta_request_id: Option<Atom<'de>>,
}

/// Reads `text` (the body without its byte order mark) and hands what it says to `then`; `None`
/// when it is not one JSON object, even once repaired (see [`repair`]).
#[inline] // Called once per response.
pub(crate) fn with_body<R>(
    text: &str,
    json_api: Media,
    then: impl FnOnce(&mut Parsed<'_>) -> R,
) -> Option<R> {
    // Read in place (`Parsed` is large: returning it would copy it).
    let mut parsed = Parsed::default();
    if parse(text, json_api, &mut parsed).is_some() {
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
    parse(&repaired, json_api, &mut parsed)?;
    Some(then(&mut parsed))
}

/// Reads `text` with `read` once, and once more repaired when that fails: for a member read
/// again alone. (`with_body` does the same for the whole body, which it first checks is an
/// object, and whose reading it hands on in place rather than returning.)
pub(crate) fn or_repaired<R>(text: &str, read: impl Fn(&str) -> Option<R>) -> Option<R> {
    read(text).or_else(|| read(&repair::repaired(text)?))
}

/// One pass over `text`, then, read again alone, the first objects of `errors` when the body
/// may be JSON:API's and `meta` when it is an object.
fn parse<'de>(text: &'de str, media: Media, parsed: &mut Parsed<'de>) -> Option<()> {
    let mut budget = MAX_ITEMS;
    let mut deserializer = serde_json::Deserializer::from_str(text);
    TopSeed {
        top: &mut parsed.top,
        budget: &mut budget,
    }
    .deserialize(&mut deserializer)
    .ok()?;
    deserializer.end().ok()?;
    let top = &parsed.top;
    if let Some(ErrorsMember::List { objects, elements }) = &top.errors {
        // All the elements, for the violations: the text from the first to the last.
        parsed.errors_elements = elements.and_then(|(first, last)| {
            let (start, _) = span_in(text.as_bytes(), first.get())?;
            let (_, end) = span_in(text.as_bytes(), last.get())?;
            text.get(start..end)
        });
        // What detection's rules 2 and 12 look at, and what JSON:API's accessors read.
        let decided = matches!(
            top.error,
            Some(ErrorMember::Flag(true) | ErrorMember::Text(_) | ErrorMember::Object)
        );
        let may_be_json_api = match media {
            Media::JsonApi => true,
            Media::Problem => false,
            // A top-level message makes the body flat (GitHub's `errors` are field errors).
            Media::Other => {
                !decided
                    && !top.has_problem_members()
                    && !top
                        .message
                        .is_some_and(|raw| RawKind::of(raw) == RawKind::String)
            }
        };
        if may_be_json_api {
            if let Some(first) = objects[0] {
                parsed.first_errors.first = Some(listed_error(first)?);
            }
            if let Some(second) = objects[1] {
                parsed.first_errors.second_id = listed_error(second)?.id;
            }
        }
    }
    if let Some(meta) = parsed.top.meta {
        if RawKind::of(meta) == RawKind::Object {
            parsed.meta_request_id = read_raw(meta.get(), AtomSeed("request_id"))?.flatten();
        }
    }
    Some(())
}
