//! What a body says, once its envelope is known: the table "Where each accessor reads" of
//! [`ErrorResponse`](super::ErrorResponse)'s documentation, from what the pass read.

use std::borrow::Cow;
use std::time::Duration;

use serde_json::value::RawValue;

use super::challenge;
use super::detect::Format;
use super::kept::{Keeper, Kept};
use super::read::atom::{self, Atom};
use super::read::body::{ErrorMember, NestedError, TopLevel};
use super::read::details::{read_raw, AtomSeed, DetailsMember, TextSeed};
use super::read::errors::{ErrorsMember, FirstErrors};
use super::read::members::RawMembers;
use super::read::{or_repaired, Parsed};
use super::retry_after;
use super::violations::{Pending, ViolationSource};

/// What the body says, its strings kept.
#[derive(Default)]
pub(crate) struct Interpreted {
    pub(crate) code: Option<Kept>,
    pub(crate) message: Option<Kept>,
    pub(crate) request_id: Option<Kept>,
    /// A member of the body; `None` where [`built_details`] builds them.
    pub(crate) details: Option<Kept>,
    pub(crate) retry_after: Option<Duration>,
    pub(crate) violations: ViolationSource,
}

/// Reads what `parsed` says in `format` into `out` (which is as [`Interpreted::default`]); the
/// body's delay only when `delay` (no header gave one).
#[inline] // Called once per response.
pub(crate) fn interpret(
    out: &mut Interpreted,
    parsed: &mut Parsed<'_>,
    format: Format,
    delay: bool,
    keep: Keeper<'_>,
) {
    match format {
        Format::JsonApi => json_api(out, parsed, keep),
        Format::Problem => problem(out, parsed, keep),
        Format::Flat | Format::GraphQl | Format::Rails | Format::AwsJson => {
            return elsewhere(out, parsed, format, keep);
        }
        _ => {}
    }
    let meta_request_id = parsed.meta_request_id.as_ref();
    let top = &mut parsed.top;
    let error = match top.error {
        Some(ErrorMember::Object) => top.error_object.as_mut(),
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
        (Format::Slack, _) => out.code = error_text(top, keep),
        (Format::OAuth, _) => {
            out.code = error_text(top, keep);
            out.message = raw_text(top.error_description, keep);
        }
        (Format::Anthropic, Some(error)) => {
            out.code = text(keep, error.kind.as_ref());
            out.message = text(keep, error.message.as_ref());
            out.request_id = raw_text(top.request_id, keep);
        }
        (Format::ErrorMessage, _) => {
            out.message = error_text(top, keep);
            out.code = code(keep, top.code.as_ref());
            if let Some(details) = object(keep, top.details) {
                out.violations = ViolationSource::ListedIn(details.clone());
                out.details = Some(details);
            }
        }
        (Format::DataErrorMeta, Some(error)) => {
            out.code = code(keep, error.code.as_ref());
            out.message = text(keep, error.message.as_ref());
            out.request_id = text(keep, meta_request_id);
        }
        (Format::ErrorObject, Some(error)) => {
            out.code = code(keep, error.code.as_ref());
            out.message = text(keep, error.message.as_ref());
            if let Some(members) = error.members() {
                // `details` itself is built of the members by the caller (`built_details`).
                if let Some(list) = members.last("violations") {
                    out.violations = ViolationSource::Listed(keep.str(list.get()));
                }
                out.request_id = raw_text(members.last("request_id"), keep);
                out.retry_after = members
                    .last("retry_after")
                    .filter(|_| delay)
                    .and_then(|secs| retry_after::parse_json_delay(secs.get(), 1));
            }
        }
        (Format::OData, Some(error)) => {
            out.code = code(keep, error.code.as_ref());
            out.message = text(keep, error.message.as_ref());
            out.details = object(keep, error.innererror);
            if let Some(DetailsMember::List) = error.details {
                let list = &mut error.details_list;
                // A detail's code is the violation's when it is not the error's own: the inverse
                // of apierror's writer, which gives a violation without a code the error's.
                let own = error.code.as_ref().and_then(Atom::code);
                out.violations = pending(std::mem::take(&mut list.odata), |listed| {
                    Some(Pending {
                        path: keep.cow(listed.path),
                        pointer: false,
                        message: listed.message.map(|message| keep.cow(message)),
                        code: listed
                            .code
                            .as_ref()
                            .and_then(Atom::code)
                            .filter(|code| Some(code) != own.as_ref())
                            .map(|code| keep.cow(code)),
                    })
                });
            }
        }
        (Format::Google, Some(error)) => google(out, error, delay, keep),
        _ => {}
    }
}

/// The members the details object is built of, where it is not a member of the body:
/// `ErrorObject`'s details object (its members as written, whitespace between them dropped) and
/// Problem's extension members.
pub(crate) fn built_details<'p, 'de>(
    parsed: &'p Parsed<'de>,
    format: Format,
) -> Option<&'p RawMembers<'de>> {
    match format {
        Format::ErrorObject => parsed.top.error_object()?.members(),
        Format::Problem if !parsed.top.extensions.is_empty() => Some(&parsed.top.extensions),
        _ => None,
    }
}

/// A string member, when it is a string that is not empty.
fn text(keep: Keeper<'_>, atom: Option<&Atom<'_>>) -> Option<Kept> {
    atom.and_then(Atom::text).map(|text| keep.cow(text.clone()))
}

/// A code member, when it is a string that is not empty or an integer.
fn code(keep: Keeper<'_>, atom: Option<&Atom<'_>>) -> Option<Kept> {
    atom.and_then(Atom::code).map(|code| keep.cow(code))
}

/// A raw member, when it is an object.
fn object(keep: Keeper<'_>, raw: Option<&RawValue>) -> Option<Kept> {
    atom::object(raw).map(|raw| keep.str(raw.get()))
}

/// Google's members: `ErrorInfo`, `RetryInfo`, `RequestInfo` and `BadRequest` among the details.
fn google(out: &mut Interpreted, error: &NestedError<'_>, delay: bool, keep: Keeper<'_>) {
    out.message = text(keep, error.message.as_ref());
    let google = error.list().map(|list| &list.google);
    let info = google.and_then(|google| google.info.as_ref());
    out.code = info
        .and_then(|(reason, _)| text(keep, reason.as_ref()))
        .or_else(|| text(keep, error.status.as_ref()));
    out.details = info.and_then(|(_, metadata)| object(keep, *metadata));
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
fn problem(out: &mut Interpreted, parsed: &mut Parsed<'_>, keep: Keeper<'_>) {
    let top = &parsed.top;
    out.code = code(keep, top.code.as_ref());
    out.message = text(keep, top.detail.as_ref()).or_else(|| text(keep, top.title.as_ref()));
    out.violations = errors_list(parsed, keep);
}

/// The violations of a top-level `errors`: an object of field → messages, or an array of
/// violations (`pointer` or `field`, Problem's and GitHub's).
fn errors_list(parsed: &mut Parsed<'_>, keep: Keeper<'_>) -> ViolationSource {
    match &mut parsed.top.errors {
        Some(ErrorsMember::FieldMessages(messages)) => {
            pending(std::mem::take(messages), |listed| {
                Some(Pending {
                    path: keep.cow(listed.path),
                    pointer: false,
                    message: listed.message.map(|message| keep.cow(message)),
                    code: None,
                })
            })
        }
        _ => errors_violations(parsed.errors_elements, false, keep),
    }
}

/// The formats whose members are at the top level, beside no `error` member: the flat
/// object, GraphQL's and Rails' `errors`, the AWS JSON protocols.
fn elsewhere(out: &mut Interpreted, parsed: &mut Parsed<'_>, format: Format, keep: Keeper<'_>) {
    let top = &parsed.top;
    match format {
        Format::Flat => {
            out.code = code(keep, top.code.as_ref());
            out.message = raw_text(top.message, keep);
            out.violations = errors_list(parsed, keep);
        }
        Format::AwsJson => {
            // The SDKs' order: the `x-amzn-ErrorType` header (the caller's), `code`, `__type`.
            // Both sanitized as the SDKs do (`namespace#Name:uri` is `Name`); `keep` makes the
            // name a range of the body when it is one.
            let sanitized = |text: &str| challenge::aws_error_type(text).map(|name| keep.str(name));
            out.code = match top.code.as_ref() {
                Some(Atom::Str(text)) => sanitized(text),
                other => code(keep, other),
            }
            .or_else(|| {
                or_repaired(top.aws_type?.get(), |raw| {
                    sanitized(&read_raw(raw, TextSeed)??)
                })
            });
            out.message =
                raw_text(top.message, keep).or_else(|| raw_text(top.capital_message, keep));
        }
        Format::GraphQl => {
            if let Some(first) = &parsed.first_errors.first {
                out.message = text(keep, first.message.as_ref());
                // The convention of GraphQL servers (Apollo's, Shopify's): `extensions.code`.
                out.code = first
                    .extensions
                    .and_then(|raw| read_raw(raw.get(), AtomSeed("code")).flatten().flatten())
                    .and_then(|atom| code(keep, Some(&atom)));
            }
        }
        Format::Rails => match &top.errors {
            Some(ErrorsMember::Text(text)) if !text.is_empty() => {
                out.message = Some(keep.cow(text.clone()));
            }
            Some(ErrorsMember::List {
                elements: Some((first, _)),
                ..
            }) => out.message = raw_text(Some(first), keep),
            _ => out.violations = errors_list(parsed, keep),
        },
        _ => {}
    }
}

/// The violations of an `errors` array, read from its elements when first asked for.
fn errors_violations(elements: Option<&str>, json_api: bool, keep: Keeper<'_>) -> ViolationSource {
    match elements {
        Some(elements) => ViolationSource::Errors {
            elements: keep.str(elements),
            json_api,
        },
        None => ViolationSource::None,
    }
}

/// The top-level `error` as a string that is not empty.
#[inline]
fn error_text(top: &TopLevel<'_>, keep: Keeper<'_>) -> Option<Kept> {
    match &top.error {
        Some(ErrorMember::Text(text)) if !text.is_empty() => Some(keep.cow(text.clone())),
        _ => None,
    }
}

/// A raw member's string contents, when it is a string that is not empty.
#[inline]
fn raw_text(raw: Option<&RawValue>, keep: Keeper<'_>) -> Option<Kept> {
    let raw = raw?.get();
    // A JSON string without a backslash is its contents between its quotes (RFC 8259 §7), and
    // `RawValue` holds exactly one checked value: no need to read it again.
    if let Some(inner) = raw.strip_prefix('"').and_then(|raw| raw.strip_suffix('"')) {
        if !has_backslash(inner) {
            return (!inner.is_empty()).then(|| keep.str(inner));
        }
    }
    or_repaired(raw, |raw| {
        let text = read_raw(raw, TextSeed)?;
        Some(
            text.filter(|text| !text.is_empty())
                .map(|text| keep.cow(text)),
        )
    })?
}

/// Whether `text` has a backslash: a fold over every byte, which the compiler vectorizes (faster than
/// `memchr` on the short strings of a body, which rarely have one).
#[inline]
fn has_backslash(text: &str) -> bool {
    text.bytes()
        .fold(0u8, |found, b| found | u8::from(b == b'\\'))
        != 0
}

/// The violations read by the pass, in the allocation that held them (the pass kept at most
/// [`MAX_VIOLATIONS`](super::read::listed::MAX_VIOLATIONS)).
fn pending<T>(candidates: Vec<T>, pending: impl FnMut(T) -> Option<Pending>) -> ViolationSource {
    let violations: Vec<Pending> = candidates.into_iter().filter_map(pending).collect();
    if violations.is_empty() {
        ViolationSource::None
    } else {
        ViolationSource::Pending(violations)
    }
}

/// JSON:API's members: the first error object's, and every object's `source.pointer`.
fn json_api(out: &mut Interpreted, parsed: &Parsed<'_>, keep: Keeper<'_>) {
    let FirstErrors { first, second_id } = &parsed.first_errors;
    if let Some(first) = first {
        out.code = code(keep, first.code.as_ref());
        out.message =
            text(keep, first.detail.as_ref()).or_else(|| text(keep, first.title.as_ref()));
        out.details = object(keep, first.meta);
        let second = second_id.as_ref().and_then(Atom::text);
        let first_id = first.id.as_ref().and_then(Atom::text);
        out.request_id =
            json_api_request_id(first_id, second.map(|id| &**id)).map(|id| keep.str(id));
    }
    out.violations = errors_violations(parsed.errors_elements, true, keep);
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
