//! gRPC's side of the client (feature `tonic`): a `tonic::Status` read as an
//! [`ErrorResponse`] ([`ErrorResponse::from_grpc`]), so the derived [`Decode`](super::Decode)
//! rebuilds the user's error from a status exactly as from an HTTP response; the gRPC retry
//! decision ([`RetryPolicy::decide_grpc`](super::RetryPolicy::decide_grpc)); and, with the
//! `tower` feature, that decision as a `tower::retry::Policy` ([`GrpcRetryPolicy`]).
//!
//! ```
//! use std::collections::HashMap;
//! use std::time::Duration;
//! use apierror::client::{ErrorResponse, Format};
//! use tonic_types::{ErrorInfo, RetryInfo, StatusExt};
//!
//! #[derive(Debug, PartialEq, apierror::ApiError)]
//! enum ShopError {
//!     #[api(status = 404, message = "No order {id}.")]
//!     OrderNotFound {
//!         #[api(detail)]
//!         id: u64,
//!     },
//!     #[api(status = 429, code = "RATE_LIMITED", message = "Slow down.")]
//!     RateLimited {
//!         #[api(retry_after)]
//!         wait: Duration,
//!     },
//! }
//!
//! // What a server sends (the `tonic` feature's `From<ShopError> for Status` writes the same).
//! let status = tonic::Status::with_error_details_vec(
//!     tonic::Code::ResourceExhausted,
//!     "Slow down.",
//!     [
//!         ErrorInfo::new("RATE_LIMITED", "shop.example.com", HashMap::new()).into(),
//!         RetryInfo::new(Some(Duration::from_secs(2))).into(),
//!     ],
//! );
//!
//! let response = ErrorResponse::from_grpc(&status);
//! assert_eq!(response.format(), Format::Grpc);
//! assert_eq!(response.grpc_code(), Some(tonic::Code::ResourceExhausted));
//! assert_eq!(response.status(), 429);
//! assert_eq!(response.code(), Some("RATE_LIMITED"));
//! assert_eq!(response.retry_after(), Some(Duration::from_secs(2)));
//! assert_eq!(
//!     apierror::client::Decode::decode(&response),
//!     Some(ShopError::RateLimited { wait: Duration::from_secs(2) })
//! );
//! ```

use std::io::Write as _;
use std::time::Duration;

use http::StatusCode;
use tonic::Code;

use super::ErrorResponse;
use crate::grpc_code::{http_status, name as code_name};

mod proto;
mod retry;
#[cfg(feature = "tower")]
mod tower;

pub use retry::Idempotent;
#[cfg(feature = "tower")]
#[cfg_attr(docsrs, doc(cfg(feature = "tower")))]
pub use tower::GrpcRetryPolicy;

use proto::Detail;

impl ErrorResponse {
    /// Decodes a gRPC status: its code, its message and the `google.rpc` details of its
    /// `grpc-status-details-bin` (`ErrorInfo`, `RetryInfo`, `RequestInfo`, `BadRequest`), read
    /// as their JSON face, the body Google's AIP-193 (the [`Google`](crate::envelope::Google)
    /// envelope) writes for the same error, so that every accessor and the derived
    /// [`Decode`](super::Decode) work as for that HTTP response:
    ///
    /// - [`format`](Self::format) is [`Format::Grpc`](super::Format::Grpc), and
    ///   [`grpc_code`](Self::grpc_code) the status's code;
    /// - [`status`](Self::status) is the HTTP status `google/rpc/code.proto` documents for the
    ///   code (`NOT_FOUND` 404, `RESOURCE_EXHAUSTED` 429, `UNAVAILABLE` 503, `INVALID_ARGUMENT`,
    ///   `FAILED_PRECONDITION` and `OUT_OF_RANGE` 400, `ABORTED` and `ALREADY_EXISTS` 409,
    ///   `UNKNOWN`, `INTERNAL` and `DATA_LOSS` 500, `OK` 200…), not the status the server's
    ///   variant declares (a 422 variant is `INVALID_ARGUMENT`, read back as 400; the typed
    ///   decode goes by the code, never the status);
    /// - [`code`](Self::code) is `ErrorInfo.reason`, else the code's name (`"NOT_FOUND"`);
    ///   [`message`](Self::message) the status's message (`None` when empty);
    ///   [`details`](Self::details) `ErrorInfo.metadata` (its values strings, read by
    ///   [`detail`](Self::detail) as Google's are); [`retry_after`](Self::retry_after)
    ///   `RetryInfo.retry_delay` (a negative delay is none); [`request_id`](Self::request_id)
    ///   `RequestInfo.request_id`; [`violations`](Self::violations) `BadRequest`'s field
    ///   violations (field path, description, reason as the code);
    /// - the status's metadata are its headers, read as the HTTP path reads them: an
    ///   `x-request-id`, a `retry-after` or `retry-after-ms`, the rate-limit headers count
    ///   (before the details, as headers do over HTTP), [`header`](Self::header) finds them;
    /// - [`body`](Self::body) is that JSON face, as the decoder wrote it:
    ///   `{"error":{"code":<HTTP status>,"message":…,"status":"<code name>","details":[…]}}`
    ///   with the four details in the status's order (other detail types are left out; the
    ///   status's own bytes are [`tonic::Status::details`]).
    ///
    /// It never panics and never fails: details that are not a valid `google.rpc.Status` are
    /// none (the code and the message still read), a detail of a known type that is not valid
    /// is left out, a string that is not UTF-8 has each bad sequence replaced by U+FFFD.
    #[cfg_attr(docsrs, doc(cfg(feature = "tonic")))]
    #[must_use]
    pub fn from_grpc(status: &tonic::Status) -> Self {
        let code = status.code();
        let http = http_status(code);
        let json = json_face(http, code, status.message(), status.details());
        ErrorResponse::read_grpc(http, status.metadata().as_ref(), &json, code)
    }
}

/// The status as Google's AIP-193 body: what the `Google` envelope writes for the same error
/// (the details' JSON names, a delay as a protobuf `Duration`'s JSON string), so that the
/// decoder's one reading of that body serves both.
fn json_face(http: StatusCode, code: Code, message: &str, details: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(96 + message.len() + details.len() * 2);
    out.extend_from_slice(b"{\"error\":{\"code\":");
    out.extend_from_slice(http.as_str().as_bytes());
    out.extend_from_slice(b",\"message\":");
    string(&mut out, message);
    out.extend_from_slice(b",\"status\":\"");
    // Upper-case ASCII and `_`: nothing to escape.
    out.extend_from_slice(code_name(code).as_bytes());
    out.push(b'"');
    let details = proto::details(details);
    for (i, detail) in details.iter().enumerate() {
        out.extend_from_slice(if i == 0 { b",\"details\":[" } else { b"," });
        write_detail(&mut out, detail);
    }
    if !details.is_empty() {
        out.push(b']');
    }
    out.extend_from_slice(b"}}");
    out
}

fn write_detail(out: &mut Vec<u8>, detail: &Detail) {
    out.extend_from_slice(b"{\"@type\":\"type.googleapis.com/google.rpc.");
    match detail {
        Detail::ErrorInfo {
            reason,
            domain,
            metadata,
        } => {
            out.extend_from_slice(b"ErrorInfo\",\"reason\":");
            string(out, reason);
            if !domain.is_empty() {
                out.extend_from_slice(b",\"domain\":");
                string(out, domain);
            }
            for (i, (key, value)) in metadata.iter().enumerate() {
                out.extend_from_slice(if i == 0 { b",\"metadata\":{" } else { b"," });
                string(out, key);
                out.push(b':');
                string(out, value);
            }
            if !metadata.is_empty() {
                out.push(b'}');
            }
        }
        Detail::RetryInfo(delay) => {
            out.extend_from_slice(b"RetryInfo\"");
            if let Some(delay) = delay {
                out.extend_from_slice(b",\"retryDelay\":");
                proto_duration(out, *delay);
            }
        }
        Detail::RequestInfo(id) => {
            out.extend_from_slice(b"RequestInfo\",\"requestId\":");
            string(out, id);
        }
        Detail::BadRequest(violations) => {
            out.extend_from_slice(b"BadRequest\",\"fieldViolations\":[");
            for (i, violation) in violations.iter().enumerate() {
                out.extend_from_slice(if i == 0 {
                    b"{\"field\":"
                } else {
                    b",{\"field\":"
                });
                string(out, &violation.field);
                out.extend_from_slice(b",\"description\":");
                string(out, &violation.description);
                if !violation.reason.is_empty() {
                    out.extend_from_slice(b",\"reason\":");
                    string(out, &violation.reason);
                }
                out.push(b'}');
            }
            out.push(b']');
        }
    }
    out.push(b'}');
}

/// `text` as a JSON string.
fn string(out: &mut Vec<u8>, text: &str) {
    // Writing a string to a `Vec` cannot fail.
    drop(serde_json::to_writer(&mut *out, text));
}

/// A delay as a protobuf `Duration`'s JSON string: seconds, the nanoseconds as the shortest
/// decimal fraction, `s` (`"5s"`, `"1.5s"`). Any `u64` of seconds: the reader saturates what a
/// `Duration` cannot hold, as it does over HTTP.
fn proto_duration(out: &mut Vec<u8>, delay: Duration) {
    let nanos = delay.subsec_nanos();
    // Writing to a `Vec` cannot fail.
    drop(if nanos == 0 {
        write!(out, "\"{}s\"", delay.as_secs())
    } else {
        let fraction = format!("{nanos:09}");
        write!(
            out,
            "\"{}.{}s\"",
            delay.as_secs(),
            fraction.trim_end_matches('0')
        )
    });
}

#[cfg(test)]
mod tests;
