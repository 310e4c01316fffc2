use std::borrow::Cow;
use std::time::Duration;

use http::StatusCode;

use super::{Envelope, JsonWriter, Rendering};
use crate::json;
use crate::RenderError;

/// Google's AIP-193 errors (`google.rpc.Status` over HTTP):
/// `{"error":{"code":…,"message":…,"status":…,"details":[…]}}`.
///
/// - `code`: the HTTP status as a number; `message`: the public message.
/// - `status`: the gRPC canonical code name: [`ApiError::grpc_status`](crate::ApiError::grpc_status)
///   when the error names one, else the HTTP status read backwards through `google/rpc/code.proto`
///   (400 and 422 `INVALID_ARGUMENT`, 401 `UNAUTHENTICATED`, 403 `PERMISSION_DENIED`,
///   404 `NOT_FOUND`, 408 and 504 `DEADLINE_EXCEEDED`, 409 `ALREADY_EXISTS`,
///   412 `FAILED_PRECONDITION`, 416 `OUT_OF_RANGE`, 429 `RESOURCE_EXHAUSTED`, 499 `CANCELLED`,
///   501 `UNIMPLEMENTED`, 502 and 503 `UNAVAILABLE`, any other 4xx `FAILED_PRECONDITION`, any
///   other 5xx `INTERNAL`).
/// - `details`, in this order:
///   - `ErrorInfo`, always: `reason` is the code upper-cased (ASCII), `domain` is
///     [`ApiError::domain`](crate::ApiError::domain) (left out when `None`), `metadata` the
///     detail fields, each value as a string (left out when there are none);
///   - `RetryInfo` when a retry delay is known: `retryDelay` in seconds with the shortest exact
///     decimal fraction (`"5s"`, `"1.5s"`, `"0.25s"`);
///   - `RequestInfo` when the request id is known: `requestId`;
///   - `BadRequest` when the error carries field [violations](crate::Violation):
///     `fieldViolations`, one `{"field":…,"description":…,"reason":…}` each, the field as a
///     path (`user.emails[0]`), `reason` only when the violation has a code.
///
/// ```
/// use std::time::Duration;
/// use apierror::envelope::{Google, RequestContext};
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
/// let context = RequestContext::new().with_request_id("req-1");
/// let rendered = apierror::render::<Google>(&error, &context);
/// assert_eq!(
///     rendered.body,
///     br#"{"error":{"code":429,"message":"Slow down.","status":"RESOURCE_EXHAUSTED","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"RATE_LIMITED","domain":"api.example.com","metadata":{"limit":"100"}},{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"1.5s"},{"@type":"type.googleapis.com/google.rpc.RequestInfo","requestId":"req-1"}]}}"#
/// );
/// assert_eq!(rendered.headers["retry-after"], "2");
/// ```
#[derive(Clone, Copy, Debug, Default)]
pub struct Google;

impl Envelope for Google {
    fn write_body(error: &Rendering<'_>, out: &mut JsonWriter<'_>) -> Result<(), RenderError> {
        out.raw("{\"error\":{\"code\":");
        out.u64(error.status().as_u16().into());
        out.raw(",\"message\":");
        out.message(error)?;
        out.raw(",\"status\":");
        let status = error.error().grpc_status();
        out.string(status.unwrap_or_else(|| grpc_status_name(error.status())));

        out.raw(
            ",\"details\":[{\"@type\":\"type.googleapis.com/google.rpc.ErrorInfo\",\"reason\":",
        );
        out.string(&upper_case(error.code()));
        if let Some(domain) = error.error().domain() {
            out.raw(",\"domain\":");
            out.string(domain);
        }
        out.details_as_strings(error, ",\"metadata\":{")?.close("}");
        out.raw("}");

        if let Some(delay) = error.retry_after() {
            out.raw(",{\"@type\":\"type.googleapis.com/google.rpc.RetryInfo\",\"retryDelay\":\"");
            seconds_into(out, delay);
            out.raw("s\"}");
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
}

/// The gRPC canonical code name an HTTP error status maps to (`google/rpc/code.proto` read
/// backwards).
fn grpc_status_name(status: StatusCode) -> &'static str {
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
fn upper_case(code: &str) -> Cow<'_, str> {
    if code.bytes().any(|b| b.is_ascii_lowercase()) {
        Cow::Owned(code.to_ascii_uppercase())
    } else {
        Cow::Borrowed(code)
    }
}

/// Appends `delay` in seconds with the shortest exact decimal fraction (`5`, `1.5`, `0.25`,
/// `0.000000001`), the JSON form of a `google.protobuf.Duration` without its `s`.
fn seconds_into(out: &mut JsonWriter<'_>, delay: Duration) {
    out.u64(delay.as_secs());
    let mut nanos = u64::from(delay.subsec_nanos());
    if nanos > 0 {
        let mut digits = 9;
        while nanos % 10 == 0 {
            nanos /= 10;
            digits -= 1;
        }
        out.raw(".");
        json::padded_into(out.buf(), nanos, digits);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::Buf;

    fn seconds(delay: Duration) -> String {
        let mut buf = Buf::new();
        seconds_into(&mut JsonWriter::new(&mut buf), delay);
        String::from_utf8(buf.take_exact_vec()).unwrap()
    }

    #[test]
    fn retry_delays_use_the_shortest_exact_fraction() {
        for (delay, text) in [
            (Duration::ZERO, "0"),
            (Duration::from_secs(5), "5"),
            (Duration::from_millis(1500), "1.5"),
            (Duration::from_millis(250), "0.25"),
            (Duration::from_nanos(1), "0.000000001"),
            (Duration::new(3, 100_000_000), "3.1"),
            (Duration::new(7, 999_999_999), "7.999999999"),
            (Duration::from_micros(10), "0.00001"),
            (Duration::new(u64::MAX, 10), "18446744073709551615.00000001"),
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
