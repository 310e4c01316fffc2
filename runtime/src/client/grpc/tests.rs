//! `ErrorResponse::from_grpc`: the JSON face against the `Google` envelope's own body, every
//! accessor, and statuses no server should send.

use std::time::Duration;

use bytes::Bytes;
use tonic::{Code, Status};
use tonic_types::{BadRequest, ErrorInfo, RequestInfo, RetryInfo, StatusExt};

use super::*;
use crate::client::Format;
use crate::Violation;

#[test]
fn the_json_face_is_the_google_envelopes_body() {
    // The status carries what the `Google` envelope's documented example renders (a 429
    // `RATE_LIMITED` with `limit: 100`, a 1.5 s delay, request `req-1`; envelope/google.rs),
    // the way the `tonic` feature's conversion sends it. 429 maps to RESOURCE_EXHAUSTED and
    // back (code.proto), so the decoder's JSON face is that example, byte for byte.
    let example = br#"{"error":{"code":429,"message":"Slow down.","status":"RESOURCE_EXHAUSTED","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"RATE_LIMITED","domain":"api.example.com","metadata":{"limit":"100"}},{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"1.5s"},{"@type":"type.googleapis.com/google.rpc.RequestInfo","requestId":"req-1"}]}}"#;
    let status = Status::with_error_details_vec(
        Code::ResourceExhausted,
        "Slow down.",
        [
            ErrorInfo::new(
                "RATE_LIMITED",
                "api.example.com",
                [("limit".to_owned(), "100".to_owned())],
            )
            .into(),
            RetryInfo::new(Some(Duration::from_millis(1500))).into(),
            RequestInfo::new("req-1", "").into(),
        ],
    );
    let response = ErrorResponse::from_grpc(&status);
    assert_eq!(
        String::from_utf8_lossy(response.body()),
        String::from_utf8_lossy(example)
    );
    assert_eq!(response.format(), Format::Grpc);
    assert_eq!(response.grpc_code(), Some(Code::ResourceExhausted));
    assert_eq!(response.status(), 429);
    assert_eq!(response.code(), Some("RATE_LIMITED"));
    assert_eq!(response.message(), Some("Slow down."));
    assert_eq!(response.retry_after(), Some(Duration::from_millis(1500)));
    assert_eq!(response.request_id(), Some("req-1"));
    assert_eq!(response.detail::<u32>("limit"), Some(100));
}

#[test]
fn violations_come_from_bad_request() {
    let status = Status::with_error_details_vec(
        Code::InvalidArgument,
        "Invalid order.",
        [
            ErrorInfo::new("INVALID_ORDER", "", std::collections::HashMap::new()).into(),
            BadRequest::new([
                tonic_types::FieldViolation {
                    field: "items[0].qty".into(),
                    description: "must be positive".into(),
                    reason: "TOO_SMALL".into(),
                    localized_message: None,
                },
                tonic_types::FieldViolation::new("email", "required"),
            ])
            .into(),
        ],
    );
    let response = ErrorResponse::from_grpc(&status);
    assert_eq!(
        response.violations(),
        [
            Violation::field("items[0].qty", "must be positive").with_code("TOO_SMALL"),
            Violation::field("email", "required"),
        ]
    );
    assert_eq!(response.status(), 400);
    // An empty domain is left out, as the envelope leaves out `None`.
    assert!(!String::from_utf8_lossy(response.body()).contains("domain"));
}

#[test]
fn without_details_the_code_name_is_the_code() {
    let response = ErrorResponse::from_grpc(&Status::not_found(""));
    assert_eq!(
        response.body(),
        br#"{"error":{"code":404,"message":"","status":"NOT_FOUND"}}"#
    );
    assert_eq!(response.format(), Format::Grpc);
    assert_eq!(response.code(), Some("NOT_FOUND"));
    assert_eq!(response.message(), None);
    assert_eq!(response.retry_after(), None);
    assert!(response.violations().is_empty());
}

#[test]
fn every_code_maps_as_code_proto_says() {
    // google/rpc/code.proto, each code's "HTTP Mapping" line.
    let table = [
        (Code::Ok, 200, "OK"),
        (Code::Cancelled, 499, "CANCELLED"),
        (Code::Unknown, 500, "UNKNOWN"),
        (Code::InvalidArgument, 400, "INVALID_ARGUMENT"),
        (Code::DeadlineExceeded, 504, "DEADLINE_EXCEEDED"),
        (Code::NotFound, 404, "NOT_FOUND"),
        (Code::AlreadyExists, 409, "ALREADY_EXISTS"),
        (Code::PermissionDenied, 403, "PERMISSION_DENIED"),
        (Code::ResourceExhausted, 429, "RESOURCE_EXHAUSTED"),
        (Code::FailedPrecondition, 400, "FAILED_PRECONDITION"),
        (Code::Aborted, 409, "ABORTED"),
        (Code::OutOfRange, 400, "OUT_OF_RANGE"),
        (Code::Unimplemented, 501, "UNIMPLEMENTED"),
        (Code::Internal, 500, "INTERNAL"),
        (Code::Unavailable, 503, "UNAVAILABLE"),
        (Code::DataLoss, 500, "DATA_LOSS"),
        (Code::Unauthenticated, 401, "UNAUTHENTICATED"),
    ];
    for (code, status, name) in table {
        let response = ErrorResponse::from_grpc(&Status::new(code, "m"));
        assert_eq!(
            (response.status().as_u16(), response.code()),
            (status, Some(name))
        );
        assert_eq!(response.grpc_code(), Some(code));
    }
}

#[test]
fn metadata_are_headers() {
    let mut status = Status::with_error_details_vec(
        Code::Unavailable,
        "down",
        [
            RequestInfo::new("from-details", "").into(),
            RetryInfo::new(Some(Duration::from_secs(9))).into(),
        ],
    );
    // As over HTTP, a header comes before the body; a content type does not change the format.
    let metadata = status.metadata_mut();
    metadata.insert("x-request-id", "from-metadata".parse().unwrap());
    metadata.insert("retry-after", "2".parse().unwrap());
    metadata.insert("content-type", "application/problem+json".parse().unwrap());
    let response = ErrorResponse::from_grpc(&status);
    assert_eq!(response.format(), Format::Grpc);
    assert_eq!(response.request_id(), Some("from-metadata"));
    assert_eq!(response.retry_after(), Some(Duration::from_secs(2)));
    assert_eq!(response.header("retry-after"), Some("2"));
}

#[test]
fn bad_details_never_panic() {
    let garbage: [&[u8]; 5] = [
        b"\xff\xfe\xfd",
        b"\x1a\x03\x0a\x01",
        b"{\"error\":1}",
        &[0x1a; 64],
        b"\x1a\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x01",
    ];
    for bytes in garbage {
        let status = Status::with_details(Code::Internal, "boom", Bytes::from_static(bytes));
        let response = ErrorResponse::from_grpc(&status);
        assert_eq!(response.code(), Some("INTERNAL"), "{bytes:?}");
        assert_eq!(response.message(), Some("boom"));
        assert_eq!(response.details(), None);
    }
    // A message that JSON must escape.
    let status = Status::new(Code::Aborted, "\"quoted\"\n\u{1}\u{fffd}");
    let response = ErrorResponse::from_grpc(&status);
    assert_eq!(response.message(), Some("\"quoted\"\n\u{1}\u{fffd}"));
}
