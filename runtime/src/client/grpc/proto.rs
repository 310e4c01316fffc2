//! The protobuf wire format, read: a `google.rpc.Status`'s details (the bytes tonic keeps
//! from the `grpc-status-details-bin` trailer) as the four messages the decoder reads.
//!
//! Written here rather than taken from tonic-types because its decoding is not total: its
//! `RetryInfo` conversion goes through prost-types' `Duration` to `std::time::Duration`, which
//! negates the seconds of a negative duration and so overflows (a panic with overflow checks)
//! on `seconds = i64::MIN`; a decoder here must survive any bytes. The wire format is small
//! (varints, length-delimited fields, two fixed widths), and only these fields are read.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::time::Duration;

/// The detail messages the decoder reads, in the order the status lists them; any other is
/// left out.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Detail<'a> {
    /// `google.rpc.ErrorInfo`: the reason, the domain and the metadata (a protobuf map: the
    /// last value of a key wins, and the keys are in their sorted order, since a map has none).
    ErrorInfo {
        reason: Cow<'a, str>,
        domain: Cow<'a, str>,
        metadata: BTreeMap<Cow<'a, str>, Cow<'a, str>>,
    },
    /// `google.rpc.RetryInfo`: the delay, `None` when absent or negative.
    RetryInfo(Option<Duration>),
    /// `google.rpc.RequestInfo`: the request id.
    RequestInfo(Cow<'a, str>),
    /// `google.rpc.BadRequest`: each field violation's field, description and reason.
    BadRequest(Vec<FieldViolation<'a>>),
}

/// One `google.rpc.BadRequest.FieldViolation`.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct FieldViolation<'a> {
    pub(super) field: Cow<'a, str>,
    pub(super) description: Cow<'a, str>,
    pub(super) reason: Cow<'a, str>,
}

/// The details of the serialized `google.rpc.Status` `status` (field 3, `repeated Any`), those
/// of the four types above. A status that is not valid protobuf has none (as prost reads it, a
/// message with one bad field is not read at all); a detail of a known type whose value is
/// not valid is left out, the others kept.
pub(super) fn details(status: &[u8]) -> Vec<Detail<'_>> {
    let mut anys = Vec::new();
    let valid = fields(status, |number, value| {
        if let (3, Value::Bytes(any)) = (number, value) {
            anys.push(any);
        }
    });
    if !valid {
        return Vec::new();
    }
    anys.into_iter().filter_map(detail).collect()
}

/// One `google.protobuf.Any`, when it is one of the four types and valid.
fn detail(any: &[u8]) -> Option<Detail<'_>> {
    let (mut type_url, mut value) = (&[][..], &[][..]);
    let valid = fields(any, |number, field| match (number, field) {
        (1, Value::Bytes(bytes)) => type_url = bytes,
        (2, Value::Bytes(bytes)) => value = bytes,
        _ => {}
    });
    // The type is the URL's last segment, whatever its host (`type.googleapis.com/…`).
    let name = type_url.rsplit(|&b| b == b'/').next()?;
    let detail = match name {
        b"google.rpc.ErrorInfo" => error_info(value),
        b"google.rpc.RetryInfo" => retry_info(value),
        b"google.rpc.RequestInfo" => request_info(value),
        b"google.rpc.BadRequest" => bad_request(value),
        _ => None,
    };
    detail.filter(|_| valid)
}

fn error_info(bytes: &[u8]) -> Option<Detail<'_>> {
    let (mut reason, mut domain) = (Cow::Borrowed(""), Cow::Borrowed(""));
    let mut metadata = BTreeMap::new();
    let mut entries_valid = true;
    let valid = fields(bytes, |number, value| match (number, value) {
        (1, Value::Bytes(bytes)) => reason = text(bytes),
        (2, Value::Bytes(bytes)) => domain = text(bytes),
        (3, Value::Bytes(entry)) => {
            let (mut key, mut value) = (Cow::Borrowed(""), Cow::Borrowed(""));
            entries_valid &= fields(entry, |number, field| match (number, field) {
                (1, Value::Bytes(bytes)) => key = text(bytes),
                (2, Value::Bytes(bytes)) => value = text(bytes),
                _ => {}
            });
            metadata.insert(key, value);
        }
        _ => {}
    });
    (valid && entries_valid).then_some(Detail::ErrorInfo {
        reason,
        domain,
        metadata,
    })
}

fn retry_info(bytes: &[u8]) -> Option<Detail<'_>> {
    let mut delay = None;
    let mut duration_valid = true;
    let valid = fields(bytes, |number, value| {
        if let (1, Value::Bytes(duration)) = (number, value) {
            let (mut seconds, mut nanos) = (0i64, 0i64);
            duration_valid &= fields(duration, |number, field| match (number, field) {
                (1, Value::Varint(v)) => seconds = signed(v),
                (2, Value::Varint(v)) => nanos = signed(v),
                _ => {}
            });
            delay = Some(non_negative(seconds, nanos));
        }
    });
    (valid && duration_valid).then_some(Detail::RetryInfo(delay.flatten()))
}

fn request_info(bytes: &[u8]) -> Option<Detail<'_>> {
    let mut id = Cow::Borrowed("");
    let valid = fields(bytes, |number, value| {
        if let (1, Value::Bytes(bytes)) = (number, value) {
            id = text(bytes);
        }
    });
    valid.then_some(Detail::RequestInfo(id))
}

fn bad_request(bytes: &[u8]) -> Option<Detail<'_>> {
    let mut violations = Vec::new();
    let mut violations_valid = true;
    let valid = fields(bytes, |number, value| {
        if let (1, Value::Bytes(violation)) = (number, value) {
            let mut one = FieldViolation {
                field: Cow::Borrowed(""),
                description: Cow::Borrowed(""),
                reason: Cow::Borrowed(""),
            };
            violations_valid &= fields(violation, |number, field| match (number, field) {
                (1, Value::Bytes(bytes)) => one.field = text(bytes),
                (2, Value::Bytes(bytes)) => one.description = text(bytes),
                (3, Value::Bytes(bytes)) => one.reason = text(bytes),
                _ => {}
            });
            violations.push(one);
        }
    });
    (valid && violations_valid).then_some(Detail::BadRequest(violations))
}

/// A protobuf `string`: UTF-8 by the spec, read as the decoder reads JSON strings it cannot
/// take as they are (each invalid sequence U+FFFD), so a bad byte costs a character, not the
/// detail.
fn text(bytes: &[u8]) -> Cow<'_, str> {
    String::from_utf8_lossy(bytes)
}

/// A varint as the `int64` or `int32` it encodes: two's complement in 64 bits (protobuf writes
/// a negative `int32` sign-extended too).
#[allow(clippy::cast_possible_wrap)] // The wire's own encoding of negative numbers.
fn signed(varint: u64) -> i64 {
    varint as i64
}

/// A `google.protobuf.Duration` as a delay: `None` when negative (not an instruction to wait;
/// the policy's backoff applies). The sum is taken in `i128`, so no value of either field
/// overflows; seconds beyond `u64` (impossible from an `i64`) would saturate.
fn non_negative(seconds: i64, nanos: i64) -> Option<Duration> {
    const NANOS: i128 = 1_000_000_000;
    let total = i128::from(seconds) * NANOS + i128::from(nanos);
    if total < 0 {
        return None;
    }
    let secs = u64::try_from(total / NANOS).unwrap_or(u64::MAX);
    // In 0..1_000_000_000.
    let subsec = u32::try_from(total % NANOS).unwrap_or(0);
    Some(Duration::new(secs, subsec))
}

/// A field's value, by wire type.
#[derive(Clone, Copy)]
enum Value<'a> {
    Varint(u64),
    Bytes(&'a [u8]),
    /// A `fixed32` or `fixed64` (none of the fields read is one).
    Fixed,
}

/// Calls `each` with every field of the message `bytes`, in order; `false` when the bytes are
/// not a valid message (then `each` has seen the fields before the fault). Groups (wire types
/// 3 and 4, deprecated, used by none of these messages) are invalid.
fn fields<'a>(mut bytes: &'a [u8], mut each: impl FnMut(u64, Value<'a>)) -> bool {
    while !bytes.is_empty() {
        let Some(key) = varint(&mut bytes) else {
            return false;
        };
        let value = match key & 7 {
            0 => match varint(&mut bytes) {
                Some(v) => Value::Varint(v),
                None => return false,
            },
            1 | 5 => {
                let width = if key & 7 == 1 { 8 } else { 4 };
                let Some(rest) = bytes.get(width..) else {
                    return false;
                };
                bytes = rest;
                Value::Fixed
            }
            2 => {
                let Some(len) = varint(&mut bytes).and_then(|len| usize::try_from(len).ok()) else {
                    return false;
                };
                let (Some(value), Some(rest)) = (bytes.get(..len), bytes.get(len..)) else {
                    return false;
                };
                bytes = rest;
                Value::Bytes(value)
            }
            _ => return false,
        };
        let number = key >> 3;
        // Field number 0 does not exist.
        if number == 0 {
            return false;
        }
        each(number, value);
    }
    true
}

/// A base-128 varint from the front of `bytes`, which it advances; `None` when it is cut off
/// or longer than ten bytes.
fn varint(bytes: &mut &[u8]) -> Option<u64> {
    let mut value = 0u64;
    for (i, &byte) in bytes.iter().enumerate().take(10) {
        value |= u64::from(byte & 0x7f) << (7 * i);
        if byte & 0x80 == 0 {
            *bytes = bytes.get(i + 1..)?;
            return Some(value);
        }
    }
    None
}

#[cfg(test)]
// The encoder of the tests writes what it is given, as the wire does.
#[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
mod tests {
    use super::*;

    /// Protobuf encoding, for the tests: a varint, and a field (`key`, then the value).
    fn put_varint(out: &mut Vec<u8>, mut v: u64) {
        while v >= 0x80 {
            out.push((v as u8) | 0x80);
            v >>= 7;
        }
        out.push(v as u8);
    }

    fn bytes_field(number: u64, value: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        put_varint(&mut out, number << 3 | 2);
        put_varint(&mut out, value.len() as u64);
        out.extend_from_slice(value);
        out
    }

    fn varint_field(number: u64, value: u64) -> Vec<u8> {
        let mut out = Vec::new();
        put_varint(&mut out, number << 3);
        put_varint(&mut out, value);
        out
    }

    fn any(name: &str, value: &[u8]) -> Vec<u8> {
        let mut any = bytes_field(1, format!("type.googleapis.com/{name}").as_bytes());
        any.extend(bytes_field(2, value));
        bytes_field(3, &any)
    }

    fn retry(seconds: i64, nanos: i64) -> Vec<Detail<'static>> {
        let mut duration = varint_field(1, seconds as u64);
        duration.extend(varint_field(2, nanos as u64));
        let status = any("google.rpc.RetryInfo", &bytes_field(1, &duration));
        details(&status)
            .into_iter()
            .map(|d| match d {
                Detail::RetryInfo(delay) => Detail::RetryInfo(delay),
                _ => unreachable!(),
            })
            .collect()
    }

    #[test]
    fn retry_delays_of_any_sign_and_size() {
        let one = |delay| vec![Detail::RetryInfo(delay)];
        assert_eq!(retry(5, 0), one(Some(Duration::from_secs(5))));
        assert_eq!(
            retry(1, 500_000_000),
            one(Some(Duration::from_millis(1500)))
        );
        // Negative: no delay. prost-types' own conversion overflows on `i64::MIN`.
        assert_eq!(retry(-1, 0), one(None));
        assert_eq!(retry(i64::MIN, 0), one(None));
        assert_eq!(retry(i64::MIN, i64::from(i32::MIN)), one(None));
        assert_eq!(retry(0, -1), one(None));
        // Out of the normal range, summed exactly.
        assert_eq!(
            retry(1, -500_000_000),
            one(Some(Duration::from_millis(500)))
        );
        assert_eq!(
            retry(0, i64::from(i32::MAX)),
            one(Some(Duration::new(2, 147_483_647)))
        );
        assert_eq!(
            retry(i64::MAX, 999_999_999),
            one(Some(Duration::new(i64::MAX as u64, 999_999_999)))
        );
    }

    #[test]
    fn the_four_details_in_order() {
        let mut info = bytes_field(1, b"OUT_OF_STOCK");
        info.extend(bytes_field(2, b"shop.example.com"));
        let mut entry = bytes_field(1, b"sku");
        entry.extend(bytes_field(2, b"first"));
        info.extend(bytes_field(3, &entry));
        let mut entry = bytes_field(1, b"sku");
        entry.extend(bytes_field(2, b"last"));
        info.extend(bytes_field(3, &entry));
        let mut violation = bytes_field(1, b"items[0].qty");
        violation.extend(bytes_field(2, b"too many"));
        violation.extend(bytes_field(3, b"TOO_MANY"));
        let mut status = varint_field(1, 9);
        status.extend(bytes_field(2, b"sold out"));
        status.extend(any("google.rpc.BadRequest", &bytes_field(1, &violation)));
        status.extend(any("google.rpc.Help", b"\x0a\x00"));
        status.extend(any("google.rpc.ErrorInfo", &info));
        status.extend(any("google.rpc.RequestInfo", &bytes_field(1, b"req-\xff")));
        assert_eq!(
            details(&status),
            [
                Detail::BadRequest(vec![FieldViolation {
                    field: "items[0].qty".into(),
                    description: "too many".into(),
                    reason: "TOO_MANY".into(),
                }]),
                Detail::ErrorInfo {
                    reason: "OUT_OF_STOCK".into(),
                    domain: "shop.example.com".into(),
                    metadata: [("sku".into(), "last".into())].into(),
                },
                Detail::RequestInfo("req-\u{fffd}".into()),
            ]
        );
    }

    #[test]
    fn bad_bytes_are_no_details() {
        let good = any("google.rpc.RequestInfo", &bytes_field(1, b"r"));
        assert_eq!(details(&good).len(), 1);
        // Cut anywhere: never a panic; cut inside the detail, the status is invalid.
        for end in 0..good.len() {
            assert!(details(&good[..end]).is_empty(), "{end}");
        }
        // A detail of a known type that is not valid is left out, the next one kept.
        let mut status = any("google.rpc.ErrorInfo", b"\x0a\x05ab");
        status.extend(&good);
        assert_eq!(details(&status), [Detail::RequestInfo("r".into())]);
        for garbage in [
            &b"\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff"[..],
            b"\x1a\xff\xff\xff\xff\x0f",
            b"\x0b\x0c",
            b"\x00",
            b"\x1d\x01",
        ] {
            assert!(details(garbage).is_empty());
        }
        // Varints: ten bytes at most, and a cut one is none.
        assert_eq!(
            varint(&mut &b"\xff\xff\xff\xff\xff\xff\xff\xff\xff\x01"[..]),
            Some(u64::MAX)
        );
        assert_eq!(varint(&mut &b"\x80"[..]), None);
    }
}
