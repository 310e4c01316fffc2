//! How long a server asks the client to wait: the `Retry-After` header (RFC 9110 §10.2.3), and
//! the other spellings [`ErrorResponse`](super::ErrorResponse) reads (`retry-after-ms`, a
//! protobuf `Duration` such as Google's `"1.5s"`, a JSON number of seconds or milliseconds).
//!
//! Every function here takes untrusted input and answers `None` for anything it does not
//! understand; none of them panics. A delay too large for a [`Duration`] saturates at
//! `u64::MAX` seconds ("not in any useful time"), so callers that add it to an `Instant` must
//! bound it first ([`RetryPolicy`](super::RetryPolicy) gives up on a delay over its cap).

use std::time::{Duration, SystemTime};

/// The delay a delta-seconds or milliseconds value saturates at.
const SATURATED: Duration = Duration::from_secs(u64::MAX);

/// Parses a `Retry-After` value: delta-seconds, or an HTTP-date in any of RFC 9110's three forms
/// (via the `httpdate` crate), as the time left after `now` (zero for a date in the past); `None`
/// for anything else.
///
/// Delta-seconds is one or more ASCII digits (no sign, no fraction); a number of seconds too large
/// for a `u64` saturates at `u64::MAX` seconds. The three date forms are IMF-fixdate
/// (`Sun, 06 Nov 1994 08:49:37 GMT`), the obsolete RFC 850 form (`Sunday, 06-Nov-94 08:49:37 GMT`,
/// two-digit years read as 1970 to 2069) and C's `asctime()` form (`Sun Nov  6 08:49:37 1994`).
/// Optional whitespace around the value is ignored.
///
/// ```
/// use std::time::{Duration, SystemTime};
/// use apierror::client::parse_retry_after;
///
/// let now = SystemTime::UNIX_EPOCH + Duration::from_secs(784_111_717); // 1994-11-06 08:48:37 UTC
/// assert_eq!(parse_retry_after(b"120", now), Some(Duration::from_secs(120)));
/// assert_eq!(
///     parse_retry_after(b"Sun, 06 Nov 1994 08:49:37 GMT", now),
///     Some(Duration::from_secs(60))
/// );
/// assert_eq!(parse_retry_after(b"Sunday, 06-Nov-94 08:49:37 GMT", now), Some(Duration::from_secs(60)));
/// assert_eq!(parse_retry_after(b"Sun Nov  6 08:49:37 1994", now), Some(Duration::from_secs(60)));
/// // A date already past: retry now.
/// assert_eq!(parse_retry_after(b"Sun, 06 Nov 1994 08:00:00 GMT", now), Some(Duration::ZERO));
/// assert_eq!(parse_retry_after(b"-5", now), None);
/// assert_eq!(parse_retry_after(b"soon", now), None);
/// ```
#[must_use]
pub fn parse_retry_after(value: &[u8], now: SystemTime) -> Option<Duration> {
    parse_lazily(value, || now)
}

/// [`parse_retry_after`], reading the clock only for an HTTP-date.
#[inline]
pub(crate) fn parse_lazily(value: &[u8], now: impl FnOnce() -> SystemTime) -> Option<Duration> {
    let value = trim(value);
    if value.is_empty() {
        return None;
    }
    if value.iter().all(u8::is_ascii_digit) {
        return Some(digits(value).map_or(SATURATED, Duration::from_secs));
    }
    let text = std::str::from_utf8(value).ok()?;
    let date = httpdate::parse_http_date(text).ok()?;
    Some(date.duration_since(now()).unwrap_or(Duration::ZERO))
}

/// Parses a `retry-after-ms` value (Azure's and `OpenAI`'s header): milliseconds, as ASCII digits
/// with an optional fraction (`1500`, `1500.5`); `None` for anything else.
pub(crate) fn parse_retry_after_ms(value: &[u8]) -> Option<Duration> {
    let value = trim(value);
    let (whole, fraction) = match value.iter().position(|&b| b == b'.') {
        Some(dot) => (value.get(..dot)?, value.get(dot + 1..)?),
        None => (value, &[][..]),
    };
    if whole.is_empty() || !whole.iter().all(u8::is_ascii_digit) {
        return None;
    }
    if !fraction.iter().all(u8::is_ascii_digit)
        || (value.len() > whole.len() && fraction.is_empty())
    {
        return None;
    }
    let Some(millis) = digits(whole) else {
        return Some(SATURATED);
    };
    // Nanoseconds from the first six fractional digits; the rest is below a nanosecond.
    let mut nanos = 0u64;
    for i in 0..6 {
        nanos = nanos * 10 + fraction.get(i).map_or(0, |d| u64::from(d - b'0'));
    }
    Some(Duration::from_millis(millis).saturating_add(Duration::from_nanos(nanos)))
}

/// Parses a protobuf `Duration` in its JSON form, as Google's `RetryInfo.retryDelay` is written:
/// seconds with up to nine fractional digits and an `s` (`"5s"`, `"1.5s"`, `"0.000000001s"`).
/// Negative durations and anything else are `None`.
pub(crate) fn parse_proto_duration(text: &str) -> Option<Duration> {
    let number = text.strip_suffix('s')?.as_bytes();
    let (whole, fraction) = match number.iter().position(|&b| b == b'.') {
        Some(dot) => (number.get(..dot)?, number.get(dot + 1..)?),
        None => (number, &[][..]),
    };
    if whole.is_empty() || !whole.iter().all(u8::is_ascii_digit) {
        return None;
    }
    if number.len() > whole.len()
        && (fraction.is_empty() || fraction.len() > 9 || !fraction.iter().all(u8::is_ascii_digit))
    {
        return None;
    }
    let Some(secs) = digits(whole) else {
        return Some(SATURATED);
    };
    let mut nanos = 0u32;
    for i in 0..9 {
        nanos = nanos * 10 + fraction.get(i).map_or(0, |d| u32::from(d - b'0'));
    }
    Some(Duration::new(secs, nanos))
}

/// A JSON number of `unit`s (`1` for seconds, `1000` for milliseconds) as a delay: an integer or a
/// non-negative finite fraction, written as JSON writes numbers; `None` for a negative number or
/// anything that is not a number. Too large for a `Duration`: saturated.
pub(crate) fn parse_json_delay(number: &str, per_second: u32) -> Option<Duration> {
    let first = *number.as_bytes().first()?;
    if !first.is_ascii_digit() {
        return None;
    }
    if number.bytes().all(|b| b.is_ascii_digit()) {
        let Some(n) = digits(number.as_bytes()) else {
            return Some(SATURATED);
        };
        // The two units the envelopes use, without a division.
        match per_second {
            1 => return Some(Duration::from_secs(n)),
            1_000 => return Some(Duration::from_millis(n)),
            _ => {}
        }
        let per_second = u64::from(per_second.max(1));
        let secs = n / per_second;
        // `n % per_second < per_second <= u32::MAX`, so the product fits in a u64.
        let nanos = (n % per_second) * 1_000_000_000 / per_second;
        return Some(Duration::from_secs(secs).saturating_add(Duration::from_nanos(nanos)));
    }
    let value: f64 = number.parse().ok()?;
    if !value.is_finite() || value < 0.0 {
        return None;
    }
    Some(Duration::try_from_secs_f64(value / f64::from(per_second.max(1))).unwrap_or(SATURATED))
}

/// `value` without the optional whitespace (spaces and tabs) HTTP allows around a field value.
fn trim(value: &[u8]) -> &[u8] {
    let start = value
        .iter()
        .position(|&b| b != b' ' && b != b'\t')
        .unwrap_or(value.len());
    let end = value
        .iter()
        .rposition(|&b| b != b' ' && b != b'\t')
        .map_or(start, |i| i + 1);
    value.get(start..end).unwrap_or_default()
}

/// The value of ASCII digits, `None` when it does not fit in a `u64` (or there are none).
fn digits(digits: &[u8]) -> Option<u64> {
    if digits.is_empty() {
        return None;
    }
    digits.iter().try_fold(0u64, |n, &d| {
        if d.is_ascii_digit() {
            n.checked_mul(10)?.checked_add(u64::from(d - b'0'))
        } else {
            None
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(secs: u64) -> SystemTime {
        SystemTime::UNIX_EPOCH + Duration::from_secs(secs)
    }

    /// 1994-11-06 08:49:37 UTC, RFC 9110's example date.
    const EXAMPLE: u64 = 784_111_777;

    #[test]
    fn delta_seconds() {
        let now = at(1_000);
        assert_eq!(parse_retry_after(b"0", now), Some(Duration::ZERO));
        assert_eq!(parse_retry_after(b"5", now), Some(Duration::from_secs(5)));
        assert_eq!(
            parse_retry_after(b" \t120 ", now),
            Some(Duration::from_secs(120))
        );
        assert_eq!(parse_retry_after(b"007", now), Some(Duration::from_secs(7)));
        assert_eq!(
            parse_retry_after(b"9007199254740991", now),
            Some(Duration::from_secs(9_007_199_254_740_991))
        );
        assert_eq!(
            parse_retry_after(b"18446744073709551615", now),
            Some(Duration::from_secs(u64::MAX))
        );
        // Too large for any clock: saturated, not wrapped and not dropped.
        assert_eq!(
            parse_retry_after(b"99999999999999999999999999999", now),
            Some(SATURATED)
        );
    }

    #[test]
    fn the_three_date_forms() {
        let now = at(EXAMPLE - 90);
        for form in [
            &b"Sun, 06 Nov 1994 08:49:37 GMT"[..],
            b"Sunday, 06-Nov-94 08:49:37 GMT",
            b"Sun Nov  6 08:49:37 1994",
        ] {
            assert_eq!(
                parse_retry_after(form, now),
                Some(Duration::from_secs(90)),
                "{}",
                String::from_utf8_lossy(form)
            );
        }
        // Sub-second `now`: the exact time left.
        let now = at(EXAMPLE - 2) + Duration::from_millis(250);
        assert_eq!(
            parse_retry_after(b"Sun, 06 Nov 1994 08:49:37 GMT", now),
            Some(Duration::from_millis(1_750))
        );
    }

    #[test]
    fn dates_in_the_past_are_zero() {
        let now = at(EXAMPLE + 3_600);
        assert_eq!(
            parse_retry_after(b"Sun, 06 Nov 1994 08:49:37 GMT", now),
            Some(Duration::ZERO)
        );
        assert_eq!(
            parse_retry_after(b"Thu, 01 Jan 1970 00:00:00 GMT", now),
            Some(Duration::ZERO)
        );
        // Exactly now.
        assert_eq!(
            parse_retry_after(b"Sun, 06 Nov 1994 08:49:37 GMT", at(EXAMPLE)),
            Some(Duration::ZERO)
        );
    }

    #[test]
    fn garbage_is_none() {
        let now = at(EXAMPLE);
        for value in [
            &b""[..],
            b"   ",
            b"-5",
            b"+5",
            b"1.5",
            b"5s",
            b"0x10",
            b"5 5",
            b"soon",
            b"Sun, 06 Nov 1994 08:49:37",
            b"Sun, 32 Nov 1994 08:49:37 GMT",
            b"Sun, 06 Nov 1994 25:49:37 GMT",
            b"2026-03-08T21:56:33Z",
            b"\xff\xfe",
            "\u{665}".as_bytes(), // an Arabic-Indic digit is not an ASCII digit
        ] {
            assert_eq!(
                parse_retry_after(value, now),
                None,
                "{}",
                String::from_utf8_lossy(value)
            );
        }
    }

    #[test]
    fn milliseconds() {
        assert_eq!(
            parse_retry_after_ms(b"1500"),
            Some(Duration::from_millis(1_500))
        );
        assert_eq!(parse_retry_after_ms(b" 0 "), Some(Duration::ZERO));
        assert_eq!(
            parse_retry_after_ms(b"1500.25"),
            Some(Duration::from_micros(1_500_250))
        );
        assert_eq!(
            parse_retry_after_ms(b"99999999999999999999999"),
            Some(SATURATED)
        );
        for value in [&b""[..], b"-1", b"1.", b".5", b"1e3", b"abc", b"1.2.3"] {
            assert_eq!(
                parse_retry_after_ms(value),
                None,
                "{}",
                String::from_utf8_lossy(value)
            );
        }
    }

    #[test]
    fn proto_durations() {
        assert_eq!(parse_proto_duration("5s"), Some(Duration::from_secs(5)));
        assert_eq!(
            parse_proto_duration("1.5s"),
            Some(Duration::from_millis(1_500))
        );
        assert_eq!(
            parse_proto_duration("0.000000001s"),
            Some(Duration::from_nanos(1))
        );
        assert_eq!(
            parse_proto_duration("315576000000s"),
            Some(Duration::from_secs(315_576_000_000))
        );
        for text in [
            "",
            "s",
            "5",
            "-1s",
            "1.s",
            ".5s",
            "1.0000000001s",
            "1e3s",
            "5 s",
            "5S",
        ] {
            assert_eq!(parse_proto_duration(text), None, "{text}");
        }
    }

    #[test]
    fn json_numbers() {
        assert_eq!(parse_json_delay("5", 1), Some(Duration::from_secs(5)));
        assert_eq!(
            parse_json_delay("5000", 1_000),
            Some(Duration::from_secs(5))
        );
        assert_eq!(
            parse_json_delay("1500", 1_000),
            Some(Duration::from_millis(1_500))
        );
        assert_eq!(
            parse_json_delay("1.5", 1),
            Some(Duration::from_millis(1_500))
        );
        assert_eq!(
            parse_json_delay("2.5e3", 1_000),
            Some(Duration::from_millis(2_500))
        );
        assert_eq!(parse_json_delay("1e400", 1), None); // not finite as an f64
        assert_eq!(parse_json_delay("1e300", 1), Some(SATURATED));
        for text in ["", "-1", "-0.5", "\"5\"", "true", "null", "{}"] {
            assert_eq!(parse_json_delay(text, 1), None, "{text}");
        }
    }
}
