//! The body matcher: a response body against a vector's template with placeholders.

use super::*;

/// How far a `{{rfc3339_nanos}}` may be from the time of the check.
pub const CLOCK_TOLERANCE: Duration = Duration::from_secs(300);

/// Nanoseconds since the Unix epoch, now.
#[must_use]
pub fn unix_nanos_now() -> i128 {
    let since = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .expect("the clock is after 1970");
    i128::try_from(since.as_nanos()).expect("a plausible clock")
}

/// Compares `actual` with the `template` of a vector: every byte equal, except that
/// `{{uuid}}` matches a lower-case hyphenated UUID v4 and `{{rfc3339_nanos}}` a UTC timestamp
/// with nine fractional digits within [`CLOCK_TOLERANCE`] of `now` (Unix nanoseconds).
///
/// # Errors
///
/// A description of the first difference.
pub fn match_body(template: &str, actual: &[u8], now: i128) -> Result<Captured, String> {
    let mut captured = Captured::default();
    let mut rest = template;
    let mut pos = 0; // in `actual`
    loop {
        let (literal, placeholder) = match rest.find("{{") {
            Some(start) => {
                let end = rest[start..]
                    .find("}}")
                    .map(|e| start + e)
                    .ok_or_else(|| format!("unterminated placeholder in template: {rest:?}"))?;
                let literal = &rest[..start];
                let name = &rest[start + 2..end];
                rest = &rest[end + 2..];
                (literal, Some(name))
            }
            None => {
                let literal = rest;
                rest = "";
                (literal, None)
            }
        };

        // The literal bytes.
        let want = literal.as_bytes();
        let got = actual.get(pos..).unwrap_or_default();
        if let Some(i) = want.iter().zip(got).position(|(w, g)| w != g) {
            return Err(format!(
                "byte {} differs: expected {:?}, found {:?}",
                pos + i,
                excerpt(&want[i..]),
                excerpt(&got[i..])
            ));
        }
        if got.len() < want.len() {
            return Err(format!(
                "body ends at byte {}, expected {:?} more",
                actual.len(),
                excerpt(&want[got.len()..])
            ));
        }
        pos += want.len();

        // The placeholder, if any.
        let Some(name) = placeholder else { break };
        let (len, check): (usize, ShapeCheck) = match name {
            "uuid" => (36, check_uuid_v4),
            "rfc3339_nanos" => (30, check_rfc3339_nanos),
            other => return Err(format!("unknown placeholder {{{{{other}}}}} in template")),
        };
        let Some(value) = actual.get(pos..pos + len) else {
            return Err(format!(
                "body ends within {{{{{name}}}}} at byte {pos}: {:?}",
                excerpt(&actual[pos.min(actual.len())..])
            ));
        };
        check(value, now).map_err(|e| format!("{{{{{name}}}}} at byte {pos}: {e}"))?;
        let text = String::from_utf8_lossy(value).into_owned();
        match name {
            "uuid" => captured.uuids.push(text),
            _ => captured.timestamps.push(text),
        }
        pos += len;
    }
    if pos != actual.len() {
        return Err(format!(
            "body has {} extra bytes at byte {pos}: {:?}",
            actual.len() - pos,
            excerpt(&actual[pos..])
        ));
    }
    Ok(captured)
}

fn excerpt(bytes: &[u8]) -> String {
    let cut = &bytes[..bytes.len().min(40)];
    let mut text = String::from_utf8_lossy(cut).into_owned();
    if cut.len() < bytes.len() {
        text.push('…');
    }
    text
}

/// A lower-case hyphenated UUID v4: `xxxxxxxx-xxxx-4xxx-[89ab]xxx-xxxxxxxxxxxx`.
fn check_uuid_v4(value: &[u8], _now: i128) -> Result<(), String> {
    let fail = |why: &str| Err(format!("{:?} is not a UUID v4: {why}", excerpt(value)));
    if value.len() != 36 {
        return fail("not 36 bytes");
    }
    for (i, &b) in value.iter().enumerate() {
        let ok = match i {
            8 | 13 | 18 | 23 => b == b'-',
            _ => b.is_ascii_digit() || (b'a'..=b'f').contains(&b),
        };
        if !ok {
            return fail(&format!("byte {i} is {:?}", char::from(b)));
        }
    }
    if value[14] != b'4' {
        return fail("the version nibble is not 4");
    }
    if !matches!(value[19], b'8' | b'9' | b'a' | b'b') {
        return fail("the variant nibble is not 8, 9, a or b");
    }
    Ok(())
}

/// `YYYY-MM-DDTHH:MM:SS.nnnnnnnnnZ`, a real date and time, within the tolerance of `now`.
fn check_rfc3339_nanos(value: &[u8], now: i128) -> Result<(), String> {
    let nanos = parse_rfc3339_nanos(value).map_err(|why| {
        format!(
            "{:?} is not YYYY-MM-DDTHH:MM:SS.nnnnnnnnnZ: {why}",
            excerpt(value)
        )
    })?;
    let off = (nanos - now).abs();
    if off > i128::from(CLOCK_TOLERANCE.as_secs()) * 1_000_000_000 {
        return Err(format!(
            "{:?} is {} s away from now",
            excerpt(value),
            off / 1_000_000_000
        ));
    }
    Ok(())
}

/// Parses `YYYY-MM-DDTHH:MM:SS.nnnnnnnnnZ` to nanoseconds since the Unix epoch.
pub fn parse_rfc3339_nanos(value: &[u8]) -> Result<i128, String> {
    if value.len() != 30 {
        return Err(format!("{} bytes, not 30", value.len()));
    }
    for (i, sep) in [
        (4, b'-'),
        (7, b'-'),
        (10, b'T'),
        (13, b':'),
        (16, b':'),
        (19, b'.'),
        (29, b'Z'),
    ] {
        if value[i] != sep {
            return Err(format!("byte {i} is not {:?}", char::from(sep)));
        }
    }
    let number = |range: std::ops::Range<usize>| -> Result<i64, String> {
        let mut n = 0i64;
        for i in range {
            let b = value[i];
            if !b.is_ascii_digit() {
                return Err(format!("byte {i} is not a digit"));
            }
            n = n * 10 + i64::from(b - b'0');
        }
        Ok(n)
    };
    let (year, month, day) = (number(0..4)?, number(5..7)?, number(8..10)?);
    let (hour, minute, second) = (number(11..13)?, number(14..16)?, number(17..19)?);
    let fraction = number(20..29)?;
    if !(1..=12).contains(&month) {
        return Err(format!("month {month}"));
    }
    if !(1..=days_in_month(year, month)).contains(&day) {
        return Err(format!("day {day} of month {month}"));
    }
    if hour > 23 || minute > 59 || second > 59 {
        return Err(format!("time {hour}:{minute}:{second}"));
    }
    let secs = days_from_civil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second;
    Ok(i128::from(secs) * 1_000_000_000 + i128::from(fraction))
}

fn days_in_month(year: i64, month: i64) -> i64 {
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let yoe = year - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}
