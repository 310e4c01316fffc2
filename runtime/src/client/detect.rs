//! [`Format`], the envelopes a body can be in, and [`detect`]: which one a body is in, by the
//! table of [`ErrorResponse`](super::ErrorResponse)'s documentation.

use http::StatusCode;

use super::headers::Media;
use super::read::atom::{Atom, RawKind};
use super::read::body::ErrorMember;
use super::read::errors::{ErrorsMember, ListedError};
use super::read::Parsed;

/// The envelope an [`ErrorResponse`](super::ErrorResponse) was written in, as [`ErrorResponse::parse`](super::ErrorResponse::parse) detected it.
///
/// The names are those of the crate's [envelopes](crate::envelope), which are also the shapes
/// most JSON APIs use; a body from another server is recognized by its shape, whoever wrote it.
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
    /// None of the above: not JSON (an HTML page from a proxy, an empty body, a truncated
    /// body), or JSON of another shape. Only the status, the headers and the raw body are read.
    Unknown,
}

impl Format {
    /// Whether the format has a place for field violations.
    pub(crate) fn has_violations(self) -> bool {
        !matches!(
            self,
            Format::ErrorFlag | Format::ErrorCode | Format::DataErrorMeta | Format::Unknown
        )
    }
}

/// Which envelope the body is in: the table of [`ErrorResponse`](super::ErrorResponse)'s
/// documentation, in order.
#[inline] // Called once per response.
pub(crate) fn detect(
    parsed: &Parsed<'_>,
    status: StatusCode,
    media: Media,
    ms_error_code: bool,
) -> Format {
    let top = &parsed.top;
    if media == Media::Problem {
        return Format::Problem;
    }
    let list = matches!(top.errors, Some(ErrorsMember::List { .. }));
    if media == Media::JsonApi && list {
        return Format::JsonApi;
    }
    match &top.error {
        Some(ErrorMember::Flag(true)) => return Format::ErrorFlag,
        Some(ErrorMember::Text(_)) => {
            let message = top
                .message
                .is_some_and(|raw| RawKind::of(raw) == RawKind::String);
            return if top.code.is_some() {
                Format::ErrorMessage
            } else if message || top.status.as_ref().is_some_and(Atom::is_number) {
                Format::ErrorCode
            } else {
                Format::ErrorMessage
            };
        }
        _ => {}
    }
    if let Some(error) = top.error_object() {
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
        if ms_error_code || error.innererror.is_some() || error.target || list.is_some() {
            return Format::OData;
        }
        return Format::ErrorObject;
    }
    let problem_members = top.problem_members();
    match &top.errors {
        Some(ErrorsMember::List { .. } | ErrorsMember::FieldMessages(_)) if problem_members > 0 => {
            return Format::Problem;
        }
        Some(ErrorsMember::List { .. })
            if parsed
                .first_errors
                .first
                .as_ref()
                .is_some_and(ListedError::is_json_api) =>
        {
            return Format::JsonApi;
        }
        _ => {}
    }
    if problem_members >= 2 {
        Format::Problem
    } else {
        Format::Unknown
    }
}
