//! [`Format`], the envelopes a body can be in, and [`detect`]: which one a body is in, by the
//! table of [`ErrorResponse`](super::ErrorResponse)'s documentation.

use http::StatusCode;

use super::headers::Media;
use super::read::atom::{Atom, RawKind};
use super::read::body::{ErrorMember, TopLevel};
use super::read::errors::{ErrorsMember, ListedError};
use super::read::Parsed;

/// The envelope an [`ErrorResponse`](super::ErrorResponse) was written in, as [`ErrorResponse::parse`](super::ErrorResponse::parse) detected it.
///
/// The first nine are the crate's [envelopes](crate::envelope), which are also the shapes most
/// JSON APIs use; the others are named after the API or standard that made the shape known
/// (AWS, Anthropic, OAuth 2.0, Slack, GraphQL, Rails, RFC 6750's Bearer challenge) or after the
/// shape itself (`Flat`). A body is recognized by its shape, whoever wrote it (see the detection
/// table of [`ErrorResponse`](super::ErrorResponse)): `Slack` is any `{"ok":false,"error":…}`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Format {
    /// `{"error":true,"message":…,"code":…,"retry_after_ms":…}`.
    ErrorFlag,
    /// `{"error":"<message>","code":…,"details":{…}}`.
    ErrorMessage,
    /// `{"error":"<code>","message":…,"status":…}`.
    ErrorCode,
    /// `{"data":null,"error":{"code":…,"message":…},"meta":{"request_id":…}}`.
    DataErrorMeta,
    /// `{"error":{"code":"<string>","message":…,"details":{…}}}`.
    ErrorObject,
    /// RFC 9457 problem details: `{"type":…,"title":…,"status":…,"detail":…,…}`.
    Problem,
    /// JSON:API error objects: `{"errors":[{"status":…,"code":…,"title":…,"detail":…}]}`.
    JsonApi,
    /// Google's AIP-193 `{"error":{"code":<status>,"message":…,"status":…,"details":[…]}}`.
    Google,
    /// The Microsoft REST / Azure / `OData` error:
    /// `{"error":{"code":…,"message":…,"target":…,"details":[…],"innererror":{…}}}`.
    OData,
    /// A gRPC `google.rpc.Status` (`tonic::Status`), read by `ErrorResponse::from_grpc`
    /// (features `client` and `tonic`) as its JSON face, the [`Google`](Self::Google) body:
    /// its code name, message and the `ErrorInfo`, `RetryInfo`, `RequestInfo` and `BadRequest`
    /// details, every accessor reading where it reads for `Google`.
    Grpc,
    /// The AWS JSON protocols (`awsJson1_0`, `awsJson1_1`, `restJson1`: `DynamoDB`, Lambda, API
    /// Gateway…): `{"__type":"<namespace>#<Name>","message":…}`, or any body with an
    /// `x-amzn-ErrorType` header.
    AwsJson,
    /// Anthropic's `{"type":"error","error":{"type":"<code>","message":…},"request_id":…}`.
    Anthropic,
    /// An OAuth 2.0 error (RFC 6749 §5.2):
    /// `{"error":"<code>","error_description":…,"error_uri":…}`.
    OAuth,
    /// Slack's `{"ok":false,"error":"<code>"}`.
    Slack,
    /// A flat object with a top-level message: `{"message":…,"code":…}` (GitHub's
    /// `{"message","documentation_url"}` and its `errors` list, Twilio's numeric `code`).
    Flat,
    /// A GraphQL response's errors: `{"errors":[{"message":…,"extensions":{"code":…}}]}`.
    GraphQl,
    /// Rails' `errors`: a string, a list of messages, or an object of field → messages
    /// (Shopify's REST Admin API).
    Rails,
    /// A body none of the above reads, with a `WWW-Authenticate: Bearer` challenge that has an
    /// `error` (RFC 6750 §3): the code and message are the challenge's.
    BearerChallenge,
    /// None of the above: not JSON (an HTML page from a proxy, an empty body, a truncated
    /// body), or JSON of another shape. Only the status, the headers and the raw body are read.
    Unknown,
}

impl Format {
    /// Whether the format has a place for field violations.
    pub(crate) fn has_violations(self) -> bool {
        matches!(
            self,
            Format::ErrorMessage
                | Format::ErrorObject
                | Format::Problem
                | Format::JsonApi
                | Format::Google
                | Format::Grpc
                | Format::OData
                | Format::Flat
                | Format::Rails
        )
    }
}

/// Which envelope the body is in: the table of [`ErrorResponse`](super::ErrorResponse)'s
/// documentation, in order.
#[inline] // Called once per response.
pub(crate) fn detect(parsed: &Parsed<'_>, status: StatusCode, hints: Hints) -> Format {
    let top = &parsed.top;
    if hints.media == Media::Problem {
        return Format::Problem;
    }
    let list = matches!(top.errors, Some(ErrorsMember::List { .. }));
    if hints.media == Media::JsonApi && list {
        return Format::JsonApi;
    }
    // AWS: the header says so, or `__type`, a member no other format has.
    if hints.aws_error_type
        || top
            .aws_type
            .is_some_and(|t| RawKind::of(t) == RawKind::String)
    {
        return Format::AwsJson;
    }
    match &top.error {
        Some(ErrorMember::Flag(true)) => return Format::ErrorFlag,
        Some(ErrorMember::Text(text)) => return error_text(top, text),
        _ => {}
    }
    if let Some(error) = top.error_object() {
        // Anthropic's body says it is an error: `"type":"error"` beside the object.
        if top
            .type_uri
            .as_ref()
            .and_then(Atom::string)
            .is_some_and(|t| t == "error")
        {
            return Format::Anthropic;
        }
        if top.data.is_some() || top.meta.is_some() {
            return Format::DataErrorMeta;
        }
        let list = error.list();
        let typed = list.is_some_and(|list| list.google.typed);
        let numeric_code = error.code.as_ref().filter(|code| code.is_number());
        let status_name = error.status.as_ref().is_some_and(Atom::is_string);
        let is_status = numeric_code
            .and_then(Atom::integer)
            .is_some_and(|code| code == i128::from(status.as_u16()));
        if typed || is_status || (status_name && (error.code.is_none() || numeric_code.is_some())) {
            return Format::Google;
        }
        if hints.ms_error_code || error.innererror.is_some() || error.target || list.is_some() {
            return Format::OData;
        }
        return Format::ErrorObject;
    }
    let problem_members = top.problem_members();
    if problem_members > 0
        && matches!(
            top.errors,
            Some(ErrorsMember::List { .. } | ErrorsMember::FieldMessages(_))
        )
        || problem_members >= 2
    {
        return Format::Problem;
    }
    // A top-level message (never a JSON:API or GraphQL member): GitHub's `errors` beside it
    // are its field errors, not JSON:API's error objects.
    if top
        .message
        .is_some_and(|raw| RawKind::of(raw) == RawKind::String)
    {
        return Format::Flat;
    }
    match &top.errors {
        Some(ErrorsMember::List { elements, .. }) => {
            let first = parsed.first_errors.first.as_ref();
            if first.is_some_and(ListedError::is_json_api) {
                Format::JsonApi
            } else if first.is_some_and(|first| first.message.as_ref().is_some_and(Atom::is_string))
            {
                Format::GraphQl
            } else if elements.is_some_and(|(first, _)| RawKind::of(first) == RawKind::String) {
                Format::Rails
            } else {
                Format::Unknown
            }
        }
        Some(ErrorsMember::Text(_)) => Format::Rails,
        Some(ErrorsMember::FieldMessages(messages)) if !messages.is_empty() => Format::Rails,
        _ => Format::Unknown,
    }
}

/// What the headers tell detection.
#[derive(Clone, Copy)]
pub(crate) struct Hints {
    pub(crate) media: Media,
    /// An `x-ms-error-code` header that is not empty.
    pub(crate) ms_error_code: bool,
    /// An `x-amzn-ErrorType` header.
    pub(crate) aws_error_type: bool,
}

/// The format of a body whose `error` is a string: which member is the code and which the
/// message (rules 4 to 10 of the table).
fn error_text(top: &TopLevel<'_>, text: &str) -> Format {
    // Slack answers `"ok":false` beside a code, and never a message.
    if top.ok.is_some_and(|ok| ok.get() == "false") {
        return Format::Slack;
    }
    // RFC 6749's members: `error` is one of its codes.
    if top.error_description.is_some() || top.error_uri.is_some() {
        return Format::OAuth;
    }
    let message = top
        .message
        .is_some_and(|raw| RawKind::of(raw) == RawKind::String);
    if top.code.is_some() {
        Format::ErrorMessage
    } else if message || top.status.as_ref().is_some_and(Atom::is_number) {
        Format::ErrorCode
    } else if is_code(text) {
        // Alone, `error` is a code when it reads as one (RFC 6749's `{"error":"invalid_request"}`),
        // else a message (`{"error":"Not found"}`, `{"error":"Unauthorized"}`).
        Format::ErrorCode
    } else {
        Format::ErrorMessage
    }
}

/// Whether `text` reads as a machine code rather than a message: ASCII letters, digits and
/// underscores, starting with a letter, with at least one underscore (`invalid_request`,
/// `RATE_LIMITED`). A single word (`Unauthorized`) is a message: it could be either, and a
/// message is what it has always been read as.
fn is_code(text: &str) -> bool {
    text.bytes().next().is_some_and(|b| b.is_ascii_alphabetic())
        && text.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
        && text.contains('_')
}
