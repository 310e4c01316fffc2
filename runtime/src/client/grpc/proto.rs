//! A `google.rpc.Status`'s details (the bytes tonic keeps from the `grpc-status-details-bin`
//! trailer) as the four messages the decoder reads, decoded by prost into tonic-types' own
//! `google.rpc` messages.
//!
//! Not through tonic-types' `ErrorDetails`: its `RetryInfo` conversion goes through
//! prost-types' `Duration` to `std::time::Duration`, which negates the seconds of a negative
//! duration and so overflows (a panic with overflow checks) on `seconds = i64::MIN`, and a
//! decoder here must survive any bytes. prost's decoding itself never panics: it returns an
//! error for bytes that are not the message.

use std::collections::BTreeMap;
use std::time::Duration;

use prost::Message as _;
use tonic_types::pb;

/// The detail messages the decoder reads, in the order the status lists them; any other is
/// left out.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Detail {
    /// `google.rpc.ErrorInfo`: the reason, the domain and the metadata (a protobuf map: the
    /// last value of a key wins, and the keys are in their sorted order, since a map has none).
    ErrorInfo {
        reason: String,
        domain: String,
        metadata: BTreeMap<String, String>,
    },
    /// `google.rpc.RetryInfo`: the delay, `None` when absent or negative.
    RetryInfo(Option<Duration>),
    /// `google.rpc.RequestInfo`: the request id.
    RequestInfo(String),
    /// `google.rpc.BadRequest`: each field violation's field, description and reason.
    BadRequest(Vec<FieldViolation>),
}

/// One `google.rpc.BadRequest.FieldViolation`.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct FieldViolation {
    pub(super) field: String,
    pub(super) description: String,
    pub(super) reason: String,
}

/// The details of the serialized `google.rpc.Status` `status`, those of the four types above.
/// A status that is not a valid message (its framing, or its `message` not UTF-8) has none; a
/// detail of a known type that is not a valid message of that type (a string field not
/// UTF-8, as protobuf requires) is left out, the others kept.
pub(super) fn details(status: &[u8]) -> Vec<Detail> {
    let Ok(status) = pb::Status::decode(status) else {
        return Vec::new();
    };
    status
        .details
        .into_iter()
        .filter_map(|any| detail(&any.type_url, &any.value))
        .collect()
}

/// One `google.protobuf.Any` (its type URL and value), when it is one of the four types and
/// valid.
fn detail(type_url: &str, value: &[u8]) -> Option<Detail> {
    // The type is the URL's last segment, whatever its host (`type.googleapis.com/…`).
    Some(match type_url.rsplit('/').next()? {
        "google.rpc.ErrorInfo" => {
            let info = pb::ErrorInfo::decode(value).ok()?;
            Detail::ErrorInfo {
                reason: info.reason,
                domain: info.domain,
                metadata: info.metadata.into_iter().collect(),
            }
        }
        "google.rpc.RetryInfo" => {
            let info = pb::RetryInfo::decode(value).ok()?;
            Detail::RetryInfo(
                info.retry_delay
                    .and_then(|delay| non_negative(delay.seconds, i64::from(delay.nanos))),
            )
        }
        "google.rpc.RequestInfo" => {
            Detail::RequestInfo(pb::RequestInfo::decode(value).ok()?.request_id)
        }
        "google.rpc.BadRequest" => Detail::BadRequest(
            pb::BadRequest::decode(value)
                .ok()?
                .field_violations
                .into_iter()
                .map(|violation| FieldViolation {
                    field: violation.field,
                    description: violation.description,
                    reason: violation.reason,
                })
                .collect(),
        ),
        _ => return None,
    })
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

    fn retry(seconds: i64, nanos: i64) -> Vec<Detail> {
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
        status.extend(any("google.rpc.RequestInfo", &bytes_field(1, b"req-1")));
        // A string that is not UTF-8 is no valid message (protobuf requires UTF-8): left out.
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
                Detail::RequestInfo("req-1".into()),
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
    }
}
