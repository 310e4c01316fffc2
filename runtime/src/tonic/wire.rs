//! An error's `google.rpc.Status` in protobuf's binary form (what `grpc-status-details-bin`
//! carries), written straight into one buffer of the exact size.
//!
//! tonic-types builds each detail as a message struct of owned strings (`ErrorInfo`'s metadata a
//! `HashMap` of them), encodes each into an `Any` of its own, then the `Status` around them: a
//! dozen allocations for an `ErrorInfo` with two metadata entries, which made the conversion
//! slower than a `Status` built by hand with tonic-types. Here every length is computed from
//! the borrowed parts first, then the bytes are written once (`benches/grpc.rs`, BENCHMARKS.md).
//!
//! The encoding is proto3's as prost writes it: fields in tag order, a string field left out
//! when empty, a message field written when present even if empty, a map entry always written.
//! The tests check it byte for byte against tonic-types' own encoding of the same details, and
//! decode the rest back with prost.

use std::borrow::Cow;
use std::time::Duration;

use bytes::Bytes;
use tonic_types::{BadRequest, ErrorInfo, RequestInfo, RetryInfo};

use crate::violation::Violation;

/// What the `google.rpc.Status` of one error holds, borrowed from the error and its view.
pub(super) struct Parts<'a> {
    /// `Status.code`, the gRPC code's number.
    pub code: i32,
    /// `Status.message`.
    pub message: &'a str,
    /// `ErrorInfo.reason`.
    pub reason: &'a str,
    /// `ErrorInfo.domain`.
    pub domain: &'a str,
    /// `ErrorInfo.metadata`, each entry written in this order.
    pub metadata: &'a [(Cow<'a, str>, Cow<'a, str>)],
    /// `RetryInfo.retry_delay`, when there is a delay (already within `Duration`'s range).
    pub retry_delay: Option<Duration>,
    /// `RequestInfo.request_id`, when the request has an id.
    pub request_id: Option<&'a str>,
    /// `BadRequest.field_violations`, when there are any.
    pub violations: &'a [Violation],
}

/// One detail of the status, in the `Google` envelope's order.
#[derive(Clone, Copy)]
enum Detail {
    ErrorInfo,
    RetryInfo(Duration),
    RequestInfo,
    BadRequest,
}

/// Protobuf's wire types: a varint, and a length-delimited field (a string, bytes, a message).
const VARINT: u8 = 0;
const DELIMITED: u8 = 2;

/// The `google.rpc.Status` of `parts`, encoded.
pub(super) fn encode(parts: &Parts<'_>) -> Bytes {
    // Each present detail with the length of its message, computed once.
    let details = [
        Some(Detail::ErrorInfo),
        parts.retry_delay.map(Detail::RetryInfo),
        parts.request_id.map(|_| Detail::RequestInfo),
        (!parts.violations.is_empty()).then_some(Detail::BadRequest),
    ]
    .map(|detail| detail.map(|detail| (detail, detail.len(parts))));
    let any_len = |(detail, len): (Detail, usize)| string_len(detail.type_url()) + bytes_len(len);

    let code = u64::from(parts.code.unsigned_abs());
    let len = varint_field_len(code)
        + string_len(parts.message)
        + details
            .iter()
            .flatten()
            .map(|&detail| delimited_len(any_len(detail)))
            .sum::<usize>();
    let mut buf = Vec::with_capacity(len);
    if parts.code != 0 {
        key(&mut buf, 1, VARINT);
        varint(&mut buf, code);
    }
    string(&mut buf, 2, parts.message);
    for (detail, value_len) in details.into_iter().flatten() {
        header(&mut buf, 3, any_len((detail, value_len)));
        string(&mut buf, 1, detail.type_url());
        if value_len > 0 {
            header(&mut buf, 2, value_len);
            detail.write(&mut buf, parts);
        }
    }
    debug_assert_eq!(buf.len(), len, "the computed length is the written one");
    Bytes::from(buf)
}

impl Detail {
    /// The `Any.type_url` of this detail's message, as tonic-types names it.
    fn type_url(self) -> &'static str {
        match self {
            Detail::ErrorInfo => ErrorInfo::TYPE_URL,
            Detail::RetryInfo(_) => RetryInfo::TYPE_URL,
            Detail::RequestInfo => RequestInfo::TYPE_URL,
            Detail::BadRequest => BadRequest::TYPE_URL,
        }
    }

    /// The length of this detail's message.
    fn len(self, parts: &Parts<'_>) -> usize {
        match self {
            Detail::ErrorInfo => {
                string_len(parts.reason)
                    + string_len(parts.domain)
                    + parts
                        .metadata
                        .iter()
                        .map(|(name, value)| delimited_len(string_len(name) + string_len(value)))
                        .sum::<usize>()
            }
            Detail::RetryInfo(delay) => delimited_len(duration_len(delay)),
            Detail::RequestInfo => string_len(parts.request_id.unwrap_or_default()),
            Detail::BadRequest => parts
                .violations
                .iter()
                .map(|violation| delimited_len(violation_len(violation)))
                .sum(),
        }
    }

    /// Writes this detail's message (without its key and length).
    fn write(self, buf: &mut Vec<u8>, parts: &Parts<'_>) {
        match self {
            Detail::ErrorInfo => {
                string(buf, 1, parts.reason);
                string(buf, 2, parts.domain);
                for (name, value) in parts.metadata {
                    header(buf, 3, string_len(name) + string_len(value));
                    string(buf, 1, name);
                    string(buf, 2, value);
                }
            }
            Detail::RetryInfo(delay) => {
                header(buf, 1, duration_len(delay));
                if delay.as_secs() != 0 {
                    key(buf, 1, VARINT);
                    varint(buf, delay.as_secs());
                }
                if delay.subsec_nanos() != 0 {
                    key(buf, 2, VARINT);
                    varint(buf, u64::from(delay.subsec_nanos()));
                }
            }
            Detail::RequestInfo => string(buf, 1, parts.request_id.unwrap_or_default()),
            Detail::BadRequest => {
                for violation in parts.violations {
                    header(buf, 1, violation_len(violation));
                    string(buf, 1, &violation.path());
                    string(buf, 2, violation.message());
                    string(buf, 3, violation.code().unwrap_or_default());
                }
            }
        }
    }
}

/// A `google.protobuf.Duration`'s length: `seconds` and `nanos`, each left out when zero.
fn duration_len(delay: Duration) -> usize {
    varint_field_len(delay.as_secs()) + varint_field_len(u64::from(delay.subsec_nanos()))
}

/// A `FieldViolation`'s length: `field`, `description`, `reason`.
fn violation_len(violation: &Violation) -> usize {
    string_len(&violation.path())
        + string_len(violation.message())
        + string_len(violation.code().unwrap_or_default())
}

/// How many bytes `value` takes as a varint: seven bits a byte.
fn varint_len(value: u64) -> usize {
    (70 - (value | 1).leading_zeros() as usize) / 7
}

/// A varint field's length (a non-negative number), left out when zero.
fn varint_field_len(value: u64) -> usize {
    if value == 0 {
        0
    } else {
        1 + varint_len(value)
    }
}

/// A length-delimited field's length: its key (one byte: every tag here is below 16), its
/// length as a varint, its `len` bytes.
fn delimited_len(len: usize) -> usize {
    1 + varint_len(len as u64) + len
}

/// A string field's length, left out when empty.
fn string_len(text: &str) -> usize {
    bytes_len(text.len())
}

/// A bytes field's length, left out when empty.
fn bytes_len(len: usize) -> usize {
    if len == 0 {
        0
    } else {
        delimited_len(len)
    }
}

fn key(buf: &mut Vec<u8>, tag: u8, wire_type: u8) {
    buf.push(tag << 3 | wire_type);
}

fn varint(buf: &mut Vec<u8>, mut value: u64) {
    while value >= 0x80 {
        // The low seven bits, and the high bit saying more follow: the cast keeps eight bits.
        #[allow(clippy::cast_possible_truncation)]
        buf.push(value as u8 | 0x80);
        value >>= 7;
    }
    #[allow(clippy::cast_possible_truncation)]
    buf.push(value as u8);
}

/// The key and length of a length-delimited field of `len` bytes.
fn header(buf: &mut Vec<u8>, tag: u8, len: usize) {
    key(buf, tag, DELIMITED);
    varint(buf, len as u64);
}

/// A string field, left out when empty.
fn string(buf: &mut Vec<u8>, tag: u8, text: &str) {
    if !text.is_empty() {
        header(buf, tag, text.len());
        buf.extend_from_slice(text.as_bytes());
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use prost::Message as _;
    use tonic::{Code, Status};
    use tonic_types::{ErrorDetail, FieldViolation, StatusExt as _};

    use super::*;

    /// The same details through tonic-types, the reference encoder.
    fn reference(parts: &Parts<'_>) -> Bytes {
        let mut details = vec![ErrorDetail::ErrorInfo(ErrorInfo::new(
            parts.reason,
            parts.domain,
            parts
                .metadata
                .iter()
                .map(|(name, value)| (name.to_string(), value.to_string()))
                .collect::<HashMap<_, _>>(),
        ))];
        details.extend(
            parts
                .retry_delay
                .map(|delay| RetryInfo::new(Some(delay)).into()),
        );
        details.extend(parts.request_id.map(|id| RequestInfo::new(id, "").into()));
        if !parts.violations.is_empty() {
            let fields = parts.violations.iter().map(|violation| {
                let mut field = FieldViolation::new(violation.path(), violation.message());
                field.reason = violation.code().unwrap_or_default().to_owned();
                field
            });
            details.push(BadRequest::new(fields.collect::<Vec<_>>()).into());
        }
        let status = Status::with_error_details_vec(Code::from(parts.code), parts.message, details);
        Bytes::copy_from_slice(status.details())
    }

    fn parts<'a>(
        metadata: &'a [(Cow<'a, str>, Cow<'a, str>)],
        violations: &'a [Violation],
    ) -> Parts<'a> {
        Parts {
            code: 3,
            message: "The 'email' field is required",
            reason: "INVALID_PARAMETERS",
            domain: "api.example.com",
            metadata,
            retry_delay: None,
            request_id: None,
            violations,
        }
    }

    #[test]
    fn every_detail_is_tonic_types_bytes_exactly() {
        let one = [(Cow::Borrowed("field"), Cow::Borrowed("email"))];
        let violations = [
            Violation::field("user.email", "must be an address").with_code("EMAIL"),
            Violation::pointer("/items/2/quantity", "must be positive"),
        ];
        let long = "x".repeat(300); // lengths of two varint bytes
        let cases = [
            parts(&[], &[]),
            parts(&one, &[]),
            Parts {
                retry_delay: Some(Duration::from_millis(1500)),
                ..parts(&[], &[])
            },
            Parts {
                retry_delay: Some(Duration::ZERO),
                ..parts(&[], &[])
            },
            Parts {
                retry_delay: Some(Duration::new(315_576_000_000, 999_999_999)),
                ..parts(&[], &[])
            },
            Parts {
                request_id: Some("req-7"),
                ..parts(&one, &violations)
            },
            Parts {
                code: 0,
                message: "",
                reason: "",
                domain: "",
                ..parts(&[], &[])
            },
            Parts {
                code: 16,
                message: &long,
                domain: &long,
                ..parts(&one, &violations)
            },
        ];
        for (index, case) in cases.iter().enumerate() {
            assert_eq!(encode(case), reference(case), "case {index}");
        }
    }

    #[test]
    fn several_metadata_entries_decode_as_written() {
        // A map's entries come out of tonic-types in its hash order: compare them decoded.
        let metadata = [
            (Cow::Borrowed("a"), Cow::Borrowed("1")),
            (Cow::Borrowed(""), Cow::Borrowed("")),
            (
                Cow::Owned("é \"q\"".to_owned()),
                Cow::Borrowed("line\nbreak"),
            ),
        ];
        let case = parts(&metadata, &[]);
        let decode = |bytes: Bytes| {
            let status = tonic_types::pb::Status::decode(bytes).expect("a status");
            assert_eq!(status.details.len(), 1);
            assert_eq!(status.details[0].type_url, ErrorInfo::TYPE_URL);
            let info = tonic_types::pb::ErrorInfo::decode(&*status.details[0].value);
            (status.code, status.message, info.expect("an ErrorInfo"))
        };
        let (ours, theirs) = (decode(encode(&case)), decode(reference(&case)));
        assert_eq!(ours, theirs);
        let info = ours.2;
        assert_eq!(info.metadata.len(), 3);
        assert_eq!(info.metadata["é \"q\""], "line\nbreak");
        assert_eq!(info.metadata[""], "");
    }

    #[test]
    fn varint_lengths_match_prost() {
        for value in [
            0,
            1,
            127,
            128,
            16_383,
            16_384,
            u64::from(u32::MAX),
            u64::MAX,
        ] {
            assert_eq!(
                varint_len(value),
                prost::encoding::encoded_len_varint(value),
                "{value}"
            );
            let mut ours = Vec::new();
            varint(&mut ours, value);
            let mut theirs = Vec::new();
            prost::encoding::encode_varint(value, &mut theirs);
            assert_eq!(ours, theirs, "{value}");
        }
    }
}
