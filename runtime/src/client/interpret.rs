//! What a body says, once its envelope is known: the table "Where each accessor reads" of
//! [`ErrorResponse`](super::ErrorResponse)'s documentation, from what the pass read.

use std::borrow::Cow;
use std::time::Duration;

use super::detect::Format;
use super::kept::{Keeper, Kept};
use serde_json::value::RawValue;

use super::read::body::{ErrorMember, ErrorsMember, ListedError, NestedError, TopLevel};
use super::read::details::{read_raw, TextSeed};
use super::read::leaf::{self, Leaf};
use super::read::{or_repaired, Parsed};
use super::retry_after;
use super::violations::{Pending, ViolationSource, MAX_VIOLATIONS};

/// What the details accessor returns: a member of the body, or Problem's extension members as
/// one object, built when first asked for.
#[derive(Clone, Debug)]
pub(crate) enum DetailsSource {
    Member(Kept),
    /// Each extension member's name (escapes decoded) and value (as written).
    Extensions(Box<[(Kept, Kept)]>),
}

/// What the body says, its strings kept.
#[derive(Default)]
pub(crate) struct Interpreted {
    pub(crate) code: Option<Kept>,
    pub(crate) message: Option<Kept>,
    pub(crate) request_id: Option<Kept>,
    pub(crate) details: Option<DetailsSource>,
    pub(crate) retry_after: Option<Duration>,
    pub(crate) violations: ViolationSource,
}

/// Reads what `parsed` says in `format`; the body's delay only when `delay` (no header gave
/// one).
pub(crate) fn interpret(
    parsed: &Parsed<'_>,
    format: Format,
    delay: bool,
    keep: Keeper<'_>,
) -> Interpreted {
    let top = &parsed.top;
    let mut out = Interpreted::default();
    let error = match &top.error {
        Some(ErrorMember::Object(error)) => Some(error),
        _ => None,
    };
    match (format, error) {
        (Format::ErrorFlag, _) => {
            out.code = code(keep, top.code.as_ref());
            out.message = raw_text(top.message, keep);
            out.retry_after = top
                .retry_after_ms
                .filter(|_| delay)
                .and_then(|ms| retry_after::parse_json_delay(ms.get(), 1_000));
        }
        (Format::ErrorCode, _) => {
            out.code = error_text(top, keep);
            out.message = raw_text(top.message, keep);
        }
        (Format::ErrorMessage, _) => {
            out.message = error_text(top, keep);
            out.code = code(keep, top.code.as_ref());
            if let Some(details) = object(keep, top.details) {
                out.violations = ViolationSource::Listed(details.clone());
                out.details = Some(DetailsSource::Member(details));
            }
        }
        (Format::DataErrorMeta, Some(error)) => {
            out.code = code(keep, error.code.as_ref());
            out.message = text(keep, error.message.as_ref());
            out.request_id = text(keep, parsed.meta_request_id.as_ref());
        }
        (Format::ErrorObject, Some(error)) => {
            out.code = code(keep, error.code.as_ref());
            out.message = text(keep, error.message.as_ref());
            let details = object(keep, error.details);
            if let (Some(details), Some(read)) = (details, &parsed.object_details) {
                out.violations = ViolationSource::Listed(details.clone());
                out.details = Some(DetailsSource::Member(details));
                out.request_id = text(keep, read.request_id.as_ref());
                out.retry_after = read
                    .retry_after
                    .filter(|_| delay)
                    .and_then(|secs| retry_after::parse_json_delay(secs.get(), 1));
            }
        }
        (Format::OData, Some(error)) => {
            out.code = code(keep, error.code.as_ref());
            out.message = text(keep, error.message.as_ref());
            out.details = object(keep, error.innererror).map(DetailsSource::Member);
            if let (Some(details), Some(_)) = (error.details, &parsed.google) {
                out.violations = ViolationSource::OData {
                    details: keep.str(details.get()),
                    own: out.code.clone(),
                };
            }
        }
        (Format::Google, Some(error)) => google(&mut out, error, parsed, delay, keep),
        (Format::JsonApi, _) => json_api(&mut out, top, keep),
        (Format::Problem, _) => problem(&mut out, top, keep),
        _ => {}
    }
    out
}

/// A string member, when it is a string that is not empty.
fn text(keep: Keeper<'_>, leaf: Option<&Leaf<'_>>) -> Option<Kept> {
    leaf.and_then(Leaf::text).map(|text| keep.cow(text.clone()))
}

/// A code member, when it is a string that is not empty or an integer.
fn code(keep: Keeper<'_>, leaf: Option<&Leaf<'_>>) -> Option<Kept> {
    leaf.and_then(Leaf::code).map(|code| keep.cow(code))
}

/// A raw member, when it is an object.
fn object(keep: Keeper<'_>, raw: Option<&RawValue>) -> Option<Kept> {
    leaf::object(raw).map(|raw| keep.str(raw.get()))
}

/// Google's members: `ErrorInfo`, `RetryInfo`, `RequestInfo` and `BadRequest` among the details.
fn google(
    out: &mut Interpreted,
    error: &NestedError<'_>,
    parsed: &Parsed<'_>,
    delay: bool,
    keep: Keeper<'_>,
) {
    out.message = text(keep, error.message.as_ref());
    let google = parsed.google.as_ref();
    let info = google.and_then(|google| google.info.as_ref());
    out.code = info
        .and_then(|(reason, _)| text(keep, reason.as_ref()))
        .or_else(|| text(keep, error.status.as_ref()));
    out.details = info
        .and_then(|(_, metadata)| object(keep, *metadata))
        .map(DetailsSource::Member);
    let Some(google) = google else {
        return;
    };
    out.request_id = google
        .request_id
        .as_ref()
        .and_then(|id| text(keep, id.as_ref()));
    out.retry_after = google
        .retry_delay
        .as_ref()
        .filter(|_| delay)
        .and_then(|delay| delay.as_ref()?.text())
        .and_then(|delay| retry_after::parse_proto_duration(delay));
    if let Some(Some(list)) = google.field_violations {
        out.violations = ViolationSource::Google(keep.str(list.get()));
    }
}

/// Problem's members, its extension members and its `errors`.
fn problem(out: &mut Interpreted, top: &TopLevel<'_>, keep: Keeper<'_>) {
    out.code = code(keep, top.code.as_ref());
    out.message = text(keep, top.detail.as_ref()).or_else(|| text(keep, top.title.as_ref()));
    if !top.extensions.is_empty() {
        let members = top.extensions.iter();
        let members = members.map(|(name, value)| (keep.cow(name.clone()), keep.str(value.get())));
        out.details = Some(DetailsSource::Extensions(members.collect()));
    }
    out.violations = match &top.errors {
        Some(ErrorsMember::List(items)) => pending(items.iter().filter_map(|item| {
            let message = [&item.detail, &item.message, &item.title]
                .into_iter()
                .find_map(|member| member.as_ref()?.string());
            let (path, pointer) = match (&item.pointer, &item.field) {
                (Some(Leaf::Str(pointer)), _) => (pointer, true),
                (_, Some(Leaf::Str(field))) => (field, false),
                _ => return None,
            };
            Some(Pending {
                path: keep.cow(path.clone()),
                pointer,
                message: message.map(|message| keep.cow(message.clone())),
                code: code(keep, item.code.as_ref()),
            })
        })),
        Some(ErrorsMember::FieldMessages(messages)) => {
            pending(messages.iter().map(|(field, message)| Pending {
                path: keep.cow(field.clone()),
                pointer: false,
                message: Some(keep.cow(message.clone())),
                code: None,
            }))
        }
        _ => ViolationSource::None,
    };
}

/// The top-level `error` as a string that is not empty.
fn error_text(top: &TopLevel<'_>, keep: Keeper<'_>) -> Option<Kept> {
    match &top.error {
        Some(ErrorMember::Text(text)) if !text.is_empty() => Some(keep.cow(text.clone())),
        _ => None,
    }
}

/// A raw member's string contents, when it is a string that is not empty.
fn raw_text(raw: Option<&serde_json::value::RawValue>, keep: Keeper<'_>) -> Option<Kept> {
    or_repaired(raw?.get(), |raw| {
        let text = read_raw(raw, TextSeed)?;
        Some(
            text.filter(|text| !text.is_empty())
                .map(|text| keep.cow(text)),
        )
    })?
}

/// The violations read by the pass, at most [`MAX_VIOLATIONS`].
fn pending(violations: impl Iterator<Item = Pending>) -> ViolationSource {
    let violations: Box<[Pending]> = violations.take(MAX_VIOLATIONS).collect();
    if violations.is_empty() {
        ViolationSource::None
    } else {
        ViolationSource::Pending(violations)
    }
}

/// JSON:API's members: the first error object's, and every object's `source.pointer`.
fn json_api(out: &mut Interpreted, top: &TopLevel<'_>, keep: Keeper<'_>) {
    let Some(ErrorsMember::List(items)) = &top.errors else {
        return;
    };
    if let Some(first) = items.first() {
        out.code = code(keep, first.code.as_ref());
        out.message =
            text(keep, first.detail.as_ref()).or_else(|| text(keep, first.title.as_ref()));
        out.details = object(keep, first.meta).map(DetailsSource::Member);
        let second = items.get(1).and_then(|second| second.id.as_ref()?.text());
        let first_id = first.id.as_ref().and_then(Leaf::text);
        out.request_id =
            json_api_request_id(first_id, second.map(|id| &**id)).map(|id| keep.str(id));
    }
    out.violations = pending(items.iter().filter_map(|item: &ListedError<'_>| {
        let Some(Leaf::Str(pointer)) = &item.source_pointer else {
            return None;
        };
        let message = text(keep, item.detail.as_ref()).or_else(|| text(keep, item.title.as_ref()));
        Some(Pending {
            path: keep.cow(pointer.clone()),
            pointer: true,
            message,
            code: code(keep, item.code.as_ref()),
        })
    }));
}

/// JSON:API's request id: the first error object's `id`, without apierror's `.1`, `.2`
/// numbering when the second object's id continues it.
fn json_api_request_id<'a>(
    first: Option<&'a Cow<'_, str>>,
    second: Option<&str>,
) -> Option<&'a str> {
    let first: &str = first?;
    match (
        first.strip_suffix(".1"),
        second.and_then(|id| id.strip_suffix(".2")),
    ) {
        (Some(base), Some(base_2)) if base == base_2 && !base.is_empty() => Some(base),
        _ => Some(first),
    }
}
