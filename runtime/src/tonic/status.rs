//! An error as a `tonic::Status`: the `google.rpc.Status` whose JSON face the
//! [`Google`](crate::envelope::Google) envelope writes, with the same code name, message and
//! details in the same order, built with tonic-types' `ErrorDetails` messages.

use std::collections::HashMap;
use std::panic::{self, AssertUnwindSafe};
use std::time::{Duration, SystemTime};

use ::tonic::metadata::MetadataMap;
use ::tonic::{Code, Status};
use http::header::{HeaderMap, HeaderValue, RETRY_AFTER};
use http::StatusCode;
use tonic_types::{
    BadRequest, ErrorDetail, ErrorInfo, FieldViolation, RequestInfo as RpcRequestInfo, RetryInfo,
    StatusExt as _,
};

use crate::api_error::{is_error_status, Api, ErasedError};
use crate::envelope::{
    grpc_status_name, upper_case, ErrorView, JsonWriter, RequestInfo, MAX_PROTO_SECONDS,
};
use crate::json::Buf;
use crate::render::{panic_message, Internal, RenderFailure};
use crate::writer::{Message, WriteError};

use super::code::code_named;

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

    let mut message = String::new();
    error.message(&mut Message::text(&mut message))?;

    // The order of the `Google` envelope's `details`, which tonic-types keeps for a list.
    let mut details = Vec::with_capacity(4);
    details.push(ErrorDetail::ErrorInfo(ErrorInfo::new(
        upper_case(view.code()),
        view.api().domain.unwrap_or_default(),
        metadata(view)?,
    )));
    if let Some(delay) = view.retry_after() {
        // Capped as the JSON is: the largest `google.protobuf.Duration`, in whole seconds.
        let delay = delay.min(Duration::from_secs(MAX_PROTO_SECONDS));
        details.push(ErrorDetail::RetryInfo(RetryInfo::new(Some(delay))));
    }
    if let Some(id) = view.request_id() {
        details.push(ErrorDetail::RequestInfo(RpcRequestInfo::new(id, "")));
    }
    let violations = view.violations();
    if !violations.is_empty() {
        let fields: Vec<FieldViolation> = violations
            .iter()
            .map(|violation| {
                let mut field = FieldViolation::new(violation.path(), violation.message());
                violation
                    .code()
                    .unwrap_or_default()
                    .clone_into(&mut field.reason);
                field
            })
            .collect();
        details.push(ErrorDetail::BadRequest(BadRequest::new(fields)));
    }

    Ok(Status::with_error_details_vec_and_metadata(
        code,
        message,
        details,
        headers(view),
    ))
}

/// The detail fields as `ErrorInfo.metadata`: each value as the `Google` envelope writes it, a
/// string (a string as itself, anything else as its JSON text), a repeated name once.
fn metadata(view: &ErrorView<'_>) -> Result<HashMap<String, String>, WriteError> {
    let mut buf = Buf::new();
    JsonWriter::new(&mut buf)
        .details_as_strings(view, "{", &[])?
        .close("}");
    if buf.as_slice().is_empty() {
        return Ok(HashMap::new());
    }
    // The writer made an object of strings: reading it back cannot fail, short of a bug here.
    serde_json::from_slice(buf.as_slice()).map_err(WriteError::serialize)
}

/// What HTTP says in headers, as the `Status`'s metadata (trailers, or headers in a
/// trailers-only answer): `retry-after` in whole seconds and the rate-limit headers, named as
/// over HTTP so that one client reads both.
fn headers(view: &ErrorView<'_>) -> MetadataMap {
    let mut headers = HeaderMap::new();
    if let Some(secs) = view.retry_after_secs() {
        headers.insert(RETRY_AFTER, HeaderValue::from(secs));
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
