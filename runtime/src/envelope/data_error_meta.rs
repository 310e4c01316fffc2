use std::time::SystemTime;

use super::{Envelope, JsonWriter, Rendering};
use crate::json::{self, Buf};
use crate::RenderError;

/// `{"data":null,"error":{"code":…,"message":…},"meta":{"request_id":…,"timestamp":…,"version":…}}`.
///
/// `data` is always `null`. `meta.request_id` is the request's id when known, else a fresh
/// UUID v4; `meta.timestamp` is the time of rendering in RFC 3339 UTC with nine fractional
/// digits; `meta.version` is [`ApiError::version`](crate::ApiError::version) (the derive's
/// `#[api(version = "...")]`, else the deriving crate's version) and is left out when `None`.
/// This format has no place for details.
///
/// ```
/// use apierror::envelope::{DataErrorMeta, RequestContext};
///
/// #[derive(Debug, apierror::ApiError)]
/// #[api(version = "1.0.0", status = 429, code = "RATE_LIMITED", message = "Slow down.")]
/// struct RateLimited;
///
/// let context = RequestContext::new().with_request_id("d6a8f6f2-3b5a-4f0a-81ab-1b4a4c9dd5ea");
/// let body = apierror::render::<DataErrorMeta>(&RateLimited, &context).body;
/// let body = String::from_utf8(body).unwrap();
/// assert!(body.starts_with(
///     r#"{"data":null,"error":{"code":"RATE_LIMITED","message":"Slow down."},"meta":{"request_id":"d6a8f6f2-3b5a-4f0a-81ab-1b4a4c9dd5ea","timestamp":""#
/// ));
/// assert!(body.ends_with(r#"Z","version":"1.0.0"}}"#)); // e.g. 2026-03-08T21:56:33.877635522Z
/// ```
#[derive(Clone, Copy, Debug, Default)]
pub struct DataErrorMeta;

impl Envelope for DataErrorMeta {
    fn write_body(error: &Rendering<'_>, out: &mut JsonWriter<'_>) -> Result<(), RenderError> {
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
        out.raw(",\"timestamp\":\"");
        rfc3339_nanos(out.buf(), SystemTime::now());
        out.raw("\"");
        if let Some(version) = error.error().version() {
            out.raw(",\"version\":");
            out.string(version);
        }
        out.raw("}}");
        Ok(())
    }
}

/// Appends `time` as `YYYY-MM-DDTHH:MM:SS.nnnnnnnnnZ` (times before 1970 as the epoch).
fn rfc3339_nanos(buf: &mut Buf, time: SystemTime) {
    let since = time
        .duration_since(SystemTime::UNIX_EPOCH)
        .unwrap_or_default();
    let secs = since.as_secs();
    let (year, month, day) = civil_from_days(secs / 86_400);
    let rem = secs % 86_400;
    json::padded_into(buf, year, 4);
    buf.push(b'-');
    json::padded_into(buf, month, 2);
    buf.push(b'-');
    json::padded_into(buf, day, 2);
    buf.push(b'T');
    json::padded_into(buf, rem / 3600, 2);
    buf.push(b':');
    json::padded_into(buf, rem / 60 % 60, 2);
    buf.push(b':');
    json::padded_into(buf, rem % 60, 2);
    buf.push(b'.');
    json::padded_into(buf, since.subsec_nanos().into(), 9);
    buf.push(b'Z');
}

/// Year, month, day of the proleptic Gregorian calendar for days since 1970-01-01
/// (Howard Hinnant's `civil_from_days`, for non-negative days).
fn civil_from_days(days: u64) -> (u64, u64, u64) {
    let z = days + 719_468;
    let era = z / 146_097;
    let doe = z % 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + u64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn format(secs: u64, nanos: u32) -> String {
        let mut buf = Buf::new();
        rfc3339_nanos(
            &mut buf,
            SystemTime::UNIX_EPOCH + Duration::new(secs, nanos),
        );
        String::from_utf8(buf.take_exact_vec()).unwrap()
    }

    #[test]
    fn rfc3339_known_instants() {
        // Checked against `date -u -d @SECS +%Y-%m-%dT%H:%M:%S`.
        assert_eq!(format(0, 0), "1970-01-01T00:00:00.000000000Z");
        assert_eq!(
            format(1_773_006_993, 877_635_522),
            "2026-03-08T21:56:33.877635522Z"
        );
        assert_eq!(format(951_782_400, 1), "2000-02-29T00:00:00.000000001Z");
        assert_eq!(
            format(4_107_542_399, 999_999_999),
            "2100-02-28T23:59:59.999999999Z"
        );
        assert_eq!(format(253_402_300_799, 0), "9999-12-31T23:59:59.000000000Z");
    }
}
