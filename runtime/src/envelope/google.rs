use core::fmt;
use std::borrow::Cow;
use std::time::Duration;

use http::StatusCode;

use super::{Envelope, ErrorView, JsonWriter};
use crate::WriteError;

/// Google's AIP-193 errors (`google.rpc.Status` over HTTP):
/// `{"error":{"code":…,"message":…,"status":…,"details":[…]}}`.
///
/// - `code`: the HTTP status as a number; `message`: the public message.
/// - `status`: the gRPC canonical code name: the code's [`Descriptor::grpc`](crate::Descriptor::grpc)
///   when it names one, else the HTTP status read backwards through `google/rpc/code.proto`
///   (400 and 422 `INVALID_ARGUMENT`, 401 `UNAUTHENTICATED`, 403 `PERMISSION_DENIED`,
///   404 `NOT_FOUND`, 408 and 504 `DEADLINE_EXCEEDED`, 409 `ALREADY_EXISTS`,
///   412 `FAILED_PRECONDITION`, 416 `OUT_OF_RANGE`, 429 `RESOURCE_EXHAUSTED`, 499 `CANCELLED`,
///   501 `UNIMPLEMENTED`, 502 and 503 `UNAVAILABLE`, any other 4xx `FAILED_PRECONDITION`, any
///   other 5xx `INTERNAL`).
/// - `details`, in this order:
///   - `ErrorInfo`, always: `reason` is the code upper-cased (ASCII), `domain` is
///     [`Api::domain`](crate::Api::domain) (left out when `None`), `metadata` the
///     detail fields, each value as a string (left out when there are none);
///   - `RetryInfo` when a retry delay is known: `retryDelay` in seconds with the shortest exact
///     decimal fraction (`"5s"`, `"1.5s"`, `"0.25s"`), at most `"315576000000s"`, the largest
///     `google.protobuf.Duration` (ten thousand years; a longer delay would make the whole
///     status unreadable to protobuf's JSON parsers);
///   - `RequestInfo` when the request id is known: `requestId`;
///   - `BadRequest` when the error carries field [violations](crate::Violation):
///     `fieldViolations`, one `{"field":…,"description":…,"reason":…}` each, the field as a
///     path (`user.emails[0]`), `reason` only when the violation has a code.
///
/// ```
/// use std::time::Duration;
/// use apierror::envelope::{Google, RequestInfo};
///
/// #[derive(Debug, apierror::ApiError)]
/// #[api(domain = "api.example.com")]
/// #[api(status = 429, code = "RATE_LIMITED", message = "Slow down.")]
/// struct RateLimited {
///     #[api(retry_after)]
///     wait: Duration,
///     #[api(detail)]
///     limit: u32,
/// }
///
/// let error = RateLimited { wait: Duration::from_millis(1500), limit: 100 };
/// let request = RequestInfo::new().with_request_id("req-1");
/// let response = apierror::render::<Google>(&error, &request);
/// assert_eq!(
///     response.body(),
///     br#"{"error":{"code":429,"message":"Slow down.","status":"RESOURCE_EXHAUSTED","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"RATE_LIMITED","domain":"api.example.com","metadata":{"limit":"100"}},{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"1.5s"},{"@type":"type.googleapis.com/google.rpc.RequestInfo","requestId":"req-1"}]}}"#
/// );
/// assert_eq!(response.headers()["retry-after"], "2");
/// ```
#[derive(Clone, Copy, Debug, Default)]
pub struct Google;

impl Envelope for Google {
    fn write_body(error: &ErrorView<'_>, out: &mut JsonWriter<'_>) -> Result<(), WriteError> {
        out.raw("{\"error\":{\"code\":");
        // Three digits: a status is always in 100..=999.
        out.raw(error.status().as_str());
        out.raw(",\"message\":");
        out.message(error)?;
        out.raw(",\"status\":");
        if let Some(name) = error.descriptor().grpc {
            out.string(name);
        } else {
            // The canonical names are upper-case ASCII and `_`: nothing to escape.
            out.raw("\"");
            out.raw(grpc_status_name(error.status()));
            out.raw("\"");
        }

        out.raw(
            ",\"details\":[{\"@type\":\"type.googleapis.com/google.rpc.ErrorInfo\",\"reason\":",
        );
        out.string(&upper_case(error.code()));
        if let Some(domain) = error.api().domain {
            out.raw(",\"domain\":");
            out.string(domain);
        }
        out.details_as_strings(error, ",\"metadata\":{", &[])?
            .close("}");
        out.raw("}");

        if let Some(delay) = error.retry_after() {
            out.raw(",{\"@type\":\"type.googleapis.com/google.rpc.RetryInfo\",\"retryDelay\":");
            ProtoDuration(delay).write(out);
            out.raw("}");
        }

        if let Some(id) = error.request_id() {
            out.raw(",{\"@type\":\"type.googleapis.com/google.rpc.RequestInfo\",\"requestId\":");
            out.string(id);
            out.raw("}");
        }

        let violations = error.violations();
        if !violations.is_empty() {
            out.raw(
                ",{\"@type\":\"type.googleapis.com/google.rpc.BadRequest\",\"fieldViolations\":[",
            );
            for (i, violation) in violations.iter().enumerate() {
                out.raw(if i == 0 {
                    "{\"field\":"
                } else {
                    ",{\"field\":"
                });
                out.string(&violation.path());
                out.raw(",\"description\":");
                out.string(violation.message());
                if let Some(code) = violation.code() {
                    out.raw(",\"reason\":");
                    out.string(code);
                }
                out.raw("}");
            }
            out.raw("]}");
        }
        out.raw("]}}");
        Ok(())
    }

    /// `details` is an `ErrorInfo`, then `RetryInfo`, `RequestInfo` and `BadRequest` as they apply.
    fn schema() -> serde_json::Value {
        serde_json::json!({
            "description": "Google AIP-193 error (google.rpc.Status over HTTP)",
            "type": "object",
            "required": ["error"],
            "properties": {
                "error": {
                    "type": "object",
                    "required": ["code", "message", "status", "details"],
                    "properties": {
                        "code": {
                            "description": "The HTTP status.",
                            "type": "integer",
                            "format": "int32",
                            "minimum": 400,
                            "maximum": 599
                        },
                        "message": { "type": "string" },
                        "status": {
                            "description": "The gRPC canonical code name, such as `RESOURCE_EXHAUSTED`.",
                            "type": "string"
                        },
                        "details": {
                            "type": "array",
                            "minItems": 1,
                            "prefixItems": [{
                                "type": "object",
                                "required": ["@type", "reason"],
                                "properties": {
                                    "@type": {
                                        "type": "string",
                                        "enum": ["type.googleapis.com/google.rpc.ErrorInfo"]
                                    },
                                    "reason": { "type": "string" },
                                    "domain": { "type": "string" },
                                    "metadata": {
                                        "type": "object",
                                        "additionalProperties": { "type": "string" }
                                    }
                                }
                            }],
                            "items": {
                                "oneOf": [
                                    {
                                        "type": "object",
                                        "required": ["@type", "retryDelay"],
                                        "properties": {
                                            "@type": {
                                                "type": "string",
                                                "enum": ["type.googleapis.com/google.rpc.RetryInfo"]
                                            },
                                            "retryDelay": {
                                                "type": "string",
                                                "pattern": "^[0-9]+(\\.[0-9]{1,9})?s$"
                                            }
                                        }
                                    },
                                    {
                                        "type": "object",
                                        "required": ["@type", "requestId"],
                                        "properties": {
                                            "@type": {
                                                "type": "string",
                                                "enum": ["type.googleapis.com/google.rpc.RequestInfo"]
                                            },
                                            "requestId": { "type": "string" }
                                        }
                                    },
                                    {
                                        "type": "object",
                                        "required": ["@type", "fieldViolations"],
                                        "properties": {
                                            "@type": {
                                                "type": "string",
                                                "enum": ["type.googleapis.com/google.rpc.BadRequest"]
                                            },
                                            "fieldViolations": {
                                                "type": "array",
                                                "items": {
                                                    "type": "object",
                                                    "required": ["field", "description"],
                                                    "properties": {
                                                        "field": { "type": "string" },
                                                        "description": { "type": "string" },
                                                        "reason": { "type": "string" }
                                                    }
                                                }
                                            }
                                        }
                                    }
                                ]
                            }
                        }
                    }
                }
            }
        })
    }
}

/// The gRPC canonical code name an HTTP error status maps to (`google/rpc/code.proto` read
/// backwards).
pub(crate) fn grpc_status_name(status: StatusCode) -> &'static str {
    match status.as_u16() {
        400 | 422 => "INVALID_ARGUMENT",
        401 => "UNAUTHENTICATED",
        403 => "PERMISSION_DENIED",
        404 => "NOT_FOUND",
        408 | 504 => "DEADLINE_EXCEEDED",
        409 => "ALREADY_EXISTS",
        416 => "OUT_OF_RANGE",
        429 => "RESOURCE_EXHAUSTED",
        499 => "CANCELLED",
        501 => "UNIMPLEMENTED",
        502 | 503 => "UNAVAILABLE",
        500..=599 => "INTERNAL",
        // 412 and every other 4xx; the renderer only lets 400..=599 through.
        _ => "FAILED_PRECONDITION",
    }
}

/// `code` with its ASCII letters upper-cased, borrowed when it already is (derived codes in
/// the default `SCREAMING_SNAKE_CASE` always are).
pub(crate) fn upper_case(code: &str) -> Cow<'_, str> {
    if code.bytes().any(|b| b.is_ascii_lowercase()) {
        Cow::Owned(code.to_ascii_uppercase())
    } else {
        Cow::Borrowed(code)
    }
}

/// The largest `google.protobuf.Duration`: 315,576,000,000 seconds (10,000 years).
pub(crate) const MAX_PROTO_SECONDS: u64 = 315_576_000_000;

/// A delay as the JSON form of a `google.protobuf.Duration`: seconds with the shortest exact
/// decimal fraction and an `s` (`5s`, `1.5s`, `0.000000001s`), at most [`MAX_PROTO_SECONDS`].
struct ProtoDuration(Duration);

impl ProtoDuration {
    /// The whole seconds, and the fraction's digits without trailing zeros (none for a whole
    /// number of seconds).
    fn parts(&self) -> (u64, ([u8; 9], usize)) {
        let (secs, nanos) = if self.0.as_secs() >= MAX_PROTO_SECONDS {
            (MAX_PROTO_SECONDS, 0)
        } else {
            (self.0.as_secs(), self.0.subsec_nanos())
        };
        let mut digits = [b'0'; 9];
        let mut rest = nanos;
        for digit in digits.iter_mut().rev() {
            *digit = b'0' + u8::try_from(rest % 10).unwrap_or(0);
            rest /= 10;
        }
        let mut len = 9;
        while len > 0 && digits[len - 1] == b'0' {
            len -= 1;
        }
        (secs, (digits, len))
    }

    /// Writes the duration as a JSON string, with the writer's own number and text calls (no
    /// formatting machinery).
    fn write(&self, out: &mut JsonWriter<'_>) {
        let (secs, (digits, len)) = self.parts();
        out.raw("\"");
        out.u64(secs);
        if len > 0 {
            out.raw(".");
            // ASCII digits.
            out.raw(core::str::from_utf8(&digits[..len]).unwrap_or_default());
        }
        out.raw("s\"");
    }
}

impl fmt::Display for ProtoDuration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (secs, (digits, len)) = self.parts();
        write!(f, "{secs}")?;
        if len > 0 {
            f.write_str(".")?;
            f.write_str(core::str::from_utf8(&digits[..len]).unwrap_or_default())?;
        }
        f.write_str("s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seconds(delay: Duration) -> String {
        let text = ProtoDuration(delay).to_string();
        let mut buf = crate::json::Buf::new();
        ProtoDuration(delay).write(&mut JsonWriter::new(&mut buf));
        assert_eq!(buf.as_slice(), format!("\"{text}\"").as_bytes());
        text
    }

    #[test]
    fn retry_delays_use_the_shortest_exact_fraction() {
        for (delay, text) in [
            (Duration::ZERO, "0s"),
            (Duration::from_secs(5), "5s"),
            (Duration::from_millis(1500), "1.5s"),
            (Duration::from_millis(250), "0.25s"),
            (Duration::from_nanos(1), "0.000000001s"),
            (Duration::new(3, 100_000_000), "3.1s"),
            (Duration::new(7, 999_999_999), "7.999999999s"),
            (Duration::from_micros(10), "0.00001s"),
            // The largest protobuf Duration, and anything longer clamped to it.
            (Duration::new(315_575_999_999, 5), "315575999999.000000005s"),
            (Duration::from_secs(315_576_000_000), "315576000000s"),
            (Duration::new(315_576_000_000, 1), "315576000000s"),
            (Duration::new(u64::MAX, 10), "315576000000s"),
        ] {
            assert_eq!(seconds(delay), text, "{delay:?}");
        }
    }

    #[test]
    fn statuses_map_to_canonical_names() {
        for (status, name) in [
            (400, "INVALID_ARGUMENT"),
            (401, "UNAUTHENTICATED"),
            (402, "FAILED_PRECONDITION"),
            (403, "PERMISSION_DENIED"),
            (404, "NOT_FOUND"),
            (405, "FAILED_PRECONDITION"),
            (408, "DEADLINE_EXCEEDED"),
            (409, "ALREADY_EXISTS"),
            (410, "FAILED_PRECONDITION"),
            (412, "FAILED_PRECONDITION"),
            (416, "OUT_OF_RANGE"),
            (422, "INVALID_ARGUMENT"),
            (429, "RESOURCE_EXHAUSTED"),
            (499, "CANCELLED"),
            (500, "INTERNAL"),
            (501, "UNIMPLEMENTED"),
            (502, "UNAVAILABLE"),
            (503, "UNAVAILABLE"),
            (504, "DEADLINE_EXCEEDED"),
            (505, "INTERNAL"),
            (599, "INTERNAL"),
        ] {
            let status = StatusCode::from_u16(status).unwrap();
            assert_eq!(grpc_status_name(status), name, "{status}");
        }
    }

    #[test]
    fn reasons_are_upper_cased() {
        assert!(matches!(
            upper_case("RATE_LIMITED"),
            Cow::Borrowed("RATE_LIMITED")
        ));
        assert_eq!(upper_case("rate-limited"), "RATE-LIMITED");
        assert_eq!(upper_case("épée_x"), "éPéE_X");
    }
}
