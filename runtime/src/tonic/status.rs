//! An error as a `tonic::Status`: the `google.rpc.Status` whose JSON face the
//! [`Google`](crate::envelope::Google) envelope writes, with the same code name, message and
//! details in the same order, encoded straight from the error (`wire`).

use std::borrow::Cow;
use std::panic::{self, AssertUnwindSafe};
use std::time::{Duration, SystemTime};

use ::tonic::metadata::MetadataMap;
use ::tonic::{Code, Status};
use http::header::{HeaderMap, HeaderName, HeaderValue};
use http::StatusCode;

use crate::api_error::{is_error_status, Api, ErasedError};
use crate::envelope::{
    grpc_status_name, upper_case, ErrorView, JsonWriter, RequestInfo, MAX_PROTO_SECONDS,
};
use crate::json::Buf;
use crate::render::{panic_message, Internal, RenderFailure};
use crate::writer::{Message, WriteError};

use crate::grpc_code::code_named;

use super::wire;

/// The `Status` for `error` (of a type whose [`Api`] is `api`) answering `request`, the HTTP
/// status it stands for (for the log), and why it became the plain `INTERNAL` one, if it did.
///
/// Every call into user code runs under `catch_unwind`, as when rendering over HTTP: a status
/// outside `400..=599`, a message or detail that fails to write, and a panic all give
/// `INTERNAL` with the message `Internal Server Error` and an `ErrorInfo` of `INTERNAL_ERROR`,
/// exactly the `Google` envelope's plain 500.
pub(crate) fn status_of(
    error: &dyn ErasedError,
    api: &Api,
    request: RequestInfo<'_>,
) -> (Status, StatusCode, Option<RenderFailure>) {
    let attempt = panic::catch_unwind(AssertUnwindSafe(|| {
        let status = error.status();
        if !is_error_status(status) {
            return Err(RenderFailure::Status(status));
        }
        let view = ErrorView::new(error, api, status, request);
        build(error, &view)
            .map(|answer| (answer, status))
            .map_err(RenderFailure::Write)
    }));
    let failure = match attempt {
        Ok(Ok((answer, status))) => return (answer, status, None),
        Ok(Err(failure)) => failure,
        Err(payload) => RenderFailure::Panic(panic_message(payload.as_ref())),
    };
    let view = ErrorView::new(&Internal, api, StatusCode::INTERNAL_SERVER_ERROR, request);
    // `Internal` is ours: its message and details cannot fail; the match keeps it total anyway.
    let status = build(&Internal, &view)
        .unwrap_or_else(|_| Status::internal(crate::writer::reason(view.status())));
    (status, StatusCode::INTERNAL_SERVER_ERROR, Some(failure))
}

/// The `Status` of one error: its code, public message, details and metadata.
fn build(error: &dyn ErasedError, view: &ErrorView<'_>) -> Result<Status, WriteError> {
    let code = view
        .descriptor()
        .grpc
        .and_then(code_named)
        .unwrap_or_else(|| code_named(grpc_status_name(view.status())).unwrap_or(Code::Unknown));

    // Room for most messages at once: a reason phrase, a short sentence.
    let mut message = String::with_capacity(64);
    error.message(&mut Message::text(&mut message))?;

    // The detail fields as `ErrorInfo.metadata`: each value as the `Google` envelope writes it,
    // a string (a string as itself, anything else as its JSON text), a repeated name once. The
    // envelope's own writer makes the object, so both faces agree by construction; `entries`
    // reads it back, borrowing what has no escapes.
    let mut object = Buf::new();
    JsonWriter::new(&mut object)
        .details_as_strings(view, "{", &[])?
        .close("}");
    let mut metadata = Vec::new();
    if !object.as_slice().is_empty() {
        // Short of a bug in the writer, its object always reads back.
        core::str::from_utf8(object.as_slice())
            .ok()
            .and_then(|object| entries(object, &mut metadata))
            .ok_or_else(WriteError::serialize_invalid)?;
    }

    let details = wire::encode(&wire::Parts {
        code: code as i32,
        message: &message,
        reason: &upper_case(view.code()),
        domain: view.api().domain.unwrap_or_default(),
        metadata: &metadata,
        // Capped as the JSON is: the largest `google.protobuf.Duration`, in whole seconds.
        retry_delay: view
            .retry_after()
            .map(|delay| delay.min(Duration::from_secs(MAX_PROTO_SECONDS))),
        request_id: view.request_id(),
        violations: view.violations(),
    });
    Ok(Status::with_details_and_metadata(
        code,
        message,
        details,
        headers(view),
    ))
}

/// Reads `{"name":"value",…}` as the details writer makes it, every name and value a JSON
/// string, into `entries`; `None` for any other text. A fixed-shape reader, not a JSON parser:
/// a parser was most of the conversion's cost (see `benches/grpc.rs`).
fn entries<'a>(object: &'a str, entries: &mut Vec<(Cow<'a, str>, Cow<'a, str>)>) -> Option<()> {
    let mut rest = object.strip_prefix('{')?;
    loop {
        let (name, after) = string(rest)?;
        let (value, after) = string(after.strip_prefix(':')?)?;
        entries.push((name, value));
        rest = match after.as_bytes().first()? {
            b',' => &after[1..],
            b'}' if after.len() == 1 => return Some(()),
            _ => return None,
        };
    }
}

/// The JSON string at the start of `text` and what follows it. A string without escapes is
/// borrowed as it is; one with escapes is decoded by `serde_json`.
fn string(text: &str) -> Option<(Cow<'_, str>, &str)> {
    let body = text.strip_prefix('"')?;
    // Bytes, not chars: both are ASCII, and a byte search is what makes this cheap.
    let mut end = body.bytes().position(|b| b == b'"' || b == b'\\')?;
    if body.as_bytes()[end] == b'"' {
        return Some((Cow::Borrowed(&body[..end]), &body[end + 1..]));
    }
    // An escape: find the closing quote, stepping over each escaped character.
    while body.as_bytes().get(end)? != &b'"' {
        end += if body.as_bytes()[end] == b'\\' { 2 } else { 1 };
    }
    let value: String = serde_json::from_str(text.get(..end + 2)?).ok()?;
    Some((Cow::Owned(value), body.get(end + 1..)?))
}

/// gRPC's server pushback (the retry design A6): how many milliseconds a client's own retry
/// policy waits before its next attempt.
const RETRY_PUSHBACK: HeaderName = HeaderName::from_static("grpc-retry-pushback-ms");

/// What HTTP says in headers, as the `Status`'s metadata (trailers, or headers in a
/// trailers-only answer): the retry delay of a retryable error as gRPC's own pushback (in
/// milliseconds, rounded up), which gRPC clients with a retry policy honour without reading
/// any detail (not as `retry-after`: whole seconds would round the exact `RetryInfo` a
/// client reads); the rate-limit headers, named as over HTTP.
fn headers(view: &ErrorView<'_>) -> MetadataMap {
    let mut headers = HeaderMap::new();
    if let Some(millis) = view.retry_after_millis().filter(|_| view.retryable()) {
        headers.insert(RETRY_PUSHBACK, HeaderValue::from(millis));
    }
    if let Some(limit) = view.rate_limit() {
        crate::rate_limit::write_headers(
            &limit,
            view.api().rate_limit_headers,
            SystemTime::now(),
            &mut headers,
        );
    }
    MetadataMap::from_headers(headers)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_details_object_reads_back_as_written() {
        let mut read = Vec::new();
        let object =
            r#"{"a":"1","quote \"q\"":"line\nbreak \u00e9","empty":"","uni":"\ud83d\ude00"}"#;
        assert_eq!(entries(object, &mut read), Some(()));
        let read: Vec<(&str, &str)> = read.iter().map(|(k, v)| (&**k, &**v)).collect();
        assert_eq!(
            read,
            [
                ("a", "1"),
                ("quote \"q\"", "line\nbreak \u{e9}"),
                ("empty", ""),
                ("uni", "\u{1f600}")
            ]
        );
    }

    #[test]
    fn anything_else_is_refused_without_a_panic() {
        for text in [
            "",
            "{",
            "{}",
            r#"{"a"}"#,
            r#"{"a":1}"#,
            r#"{"a":"1""#,
            r#"{"a":"1",}"#,
            r#"{"a":"1"}x"#,
            r#"{"a":"\"}"#,
            r#"{"a":"\"#,
            r#"{"a":"\x"}"#,
            r#"{"é":"\u00"}"#,
        ] {
            assert_eq!(entries(text, &mut Vec::new()), None, "{text:?}");
        }
    }
}
