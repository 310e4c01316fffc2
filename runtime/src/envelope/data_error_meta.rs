use std::time::{Duration, SystemTime};

use super::{Envelope, ErrorView, JsonWriter};
use crate::WriteError;

/// `{"data":null,"error":{"code":…,"message":…},"meta":{"request_id":…,"timestamp":…,"version":…}}`.
///
/// `data` is always `null`. `meta.request_id` is the request's id when known, else a fresh
/// UUID v4; `meta.timestamp` is the time of rendering in RFC 3339 UTC with nine fractional
/// digits (a clock outside 1970 to 9999 is written as the nearest end of that range);
/// `meta.version` is [`Api::version`](crate::Api::version) (the derive's
/// `#[api(version = "...")]`, else the deriving package's version) and is left out when `None`.
/// This format has no place for details.
///
/// ```
/// use apierror::envelope::{DataErrorMeta, RequestInfo};
///
/// #[derive(Debug, apierror::ApiError)]
/// #[api(version = "1.0.0", status = 429, code = "RATE_LIMITED", message = "Slow down.")]
/// struct RateLimited;
///
/// let request = RequestInfo::new().with_request_id("d6a8f6f2-3b5a-4f0a-81ab-1b4a4c9dd5ea");
/// let body = apierror::render::<DataErrorMeta>(&RateLimited, &request).into_body();
/// let body = String::from_utf8(body).unwrap();
/// assert!(body.starts_with(
///     r#"{"data":null,"error":{"code":"RATE_LIMITED","message":"Slow down."},"meta":{"request_id":"d6a8f6f2-3b5a-4f0a-81ab-1b4a4c9dd5ea","timestamp":""#
/// ));
/// assert!(body.ends_with(r#"Z","version":"1.0.0"}}"#)); // e.g. 2026-03-08T21:56:33.877635522Z
/// ```
#[derive(Clone, Copy, Debug, Default)]
pub struct DataErrorMeta;

impl Envelope for DataErrorMeta {
    fn write_body(error: &ErrorView<'_>, out: &mut JsonWriter<'_>) -> Result<(), WriteError> {
        out.raw("{\"data\":null,\"error\":{\"code\":");
        out.string(error.code());
        out.raw(",\"message\":");
        out.message(error)?;
        out.raw("},\"meta\":{\"request_id\":");
        if let Some(id) = error.request_id() {
            out.string(id);
        } else {
            let mut text = [0u8; uuid::fmt::Hyphenated::LENGTH];
            out.string(uuid::Uuid::new_v4().hyphenated().encode_lower(&mut text));
        }
        out.raw(",\"timestamp\":");
        out.display(&humantime::format_rfc3339_nanos(representable(
            SystemTime::now(),
        )))?;
        if let Some(version) = error.api().version {
            out.raw(",\"version\":");
            out.string(version);
        }
        out.raw("}}");
        Ok(())
    }

    /// `data` is `null`; `meta` holds the request id, the timestamp and the version.
    fn schema() -> serde_json::Value {
        serde_json::json!({
            "description": "`data`/`error`/`meta` wrapper: `data` is null, `error` holds the code and the message",
            "type": "object",
            "required": ["data", "error", "meta"],
            "properties": {
                "data": { "type": "null", "enum": [null] },
                "error": {
                    "type": "object",
                    "required": ["code", "message"],
                    "properties": {
                        "code": { "type": "string" },
                        "message": { "type": "string" }
                    }
                },
                "meta": {
                    "type": "object",
                    "required": ["request_id", "timestamp"],
                    "properties": {
                        "request_id": {
                            "description": "The request's id when known, else a fresh UUID v4.",
                            "type": "string"
                        },
                        "timestamp": {
                            "description": "The time of rendering, RFC 3339 UTC with nine fractional digits.",
                            "type": "string",
                            "format": "date-time",
                            "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\\.[0-9]{9}Z$"
                        },
                        "version": { "type": "string" }
                    }
                }
            }
        })
    }
}

/// `time` within what RFC 3339 with a four-digit year can write, 1970 (the epoch) to the last
/// nanosecond of 9999, which is what the formatter accepts.
fn representable(time: SystemTime) -> SystemTime {
    let last = SystemTime::UNIX_EPOCH + Duration::new(253_402_300_799, 999_999_999);
    time.clamp(SystemTime::UNIX_EPOCH, last)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn format(time: SystemTime) -> String {
        humantime::format_rfc3339_nanos(representable(time)).to_string()
    }

    fn at(secs: u64, nanos: u32) -> String {
        format(SystemTime::UNIX_EPOCH + Duration::new(secs, nanos))
    }

    #[test]
    fn rfc3339_known_instants() {
        // Checked against `date -u -d @SECS +%Y-%m-%dT%H:%M:%S`.
        assert_eq!(at(0, 0), "1970-01-01T00:00:00.000000000Z");
        assert_eq!(
            at(1_773_006_993, 877_635_522),
            "2026-03-08T21:56:33.877635522Z"
        );
        assert_eq!(at(951_782_400, 1), "2000-02-29T00:00:00.000000001Z");
        assert_eq!(
            at(4_107_542_399, 999_999_999),
            "2100-02-28T23:59:59.999999999Z"
        );
        assert_eq!(at(253_402_300_799, 0), "9999-12-31T23:59:59.000000000Z");
    }

    #[test]
    fn clocks_outside_the_calendar_are_clamped() {
        let before = SystemTime::UNIX_EPOCH - Duration::from_secs(86_400);
        assert_eq!(format(before), "1970-01-01T00:00:00.000000000Z");
        assert_eq!(at(253_402_300_800, 0), "9999-12-31T23:59:59.999999999Z");
        assert_eq!(at(u64::MAX / 4, 0), "9999-12-31T23:59:59.999999999Z");
    }
}
