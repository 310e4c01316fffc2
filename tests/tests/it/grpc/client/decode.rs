//! Decoding: every decodable variant typed from a real call, the others untyped, statuses no
//! server should send read without a panic.

use std::collections::HashMap;
use std::time::Duration;

use apierror::client::{
    ClientError, Decision, Decode, ErrorResponse, Format, RetryBudget, RetryPolicy,
};
use apierror::envelope::{Google, RequestInfo};
use apierror::ApiError;
use proptest::prelude::*;
use tonic::{Code, Status};
use tonic_types::{ErrorInfo, StatusExt};

use super::{call, code_named, decodable, serve, status_of, BoxFuture, Raw, Scripted, ShopError};

#[tokio::test]
async fn every_decodable_variant_comes_back_typed_from_a_real_call() {
    for (i, error) in decodable().into_iter().enumerate() {
        let request_id = format!("req-{i}");
        let server = Scripted::new([Err(status_of(&error, &request_id))]);
        let channel = serve(server.clone()).await;
        let status = call(channel, tonic::Request::new(vec![1, 2, 3]))
            .await
            .unwrap_err();

        let response = ErrorResponse::from_grpc(&status);
        assert_eq!(response.format(), Format::Grpc, "{error:?}");
        // The code is `ErrorInfo.reason`: the variant's code upper-cased (the Google envelope's
        // rule), which the decoder matches whatever the case.
        assert_eq!(
            response.code(),
            Some(error.code().to_uppercase().as_str()),
            "{error:?}"
        );
        assert_eq!(
            response.message(),
            Some(apierror::message(&error).to_string().as_str())
        );
        assert_eq!(response.request_id(), Some(request_id.as_str()));
        assert_eq!(response.retry_after(), error.retry_after(), "{error:?}");
        // The code on the wire is the variant's `grpc`, else its status's mapping.
        let grpc = error
            .descriptor()
            .grpc
            .map_or_else(|| status.code(), code_named);
        assert_eq!(response.grpc_code(), Some(grpc));
        assert_eq!(ShopError::decode(&response).as_ref(), Some(&error));
        assert!(matches!(
            ClientError::<ShopError>::from_response(response.clone()),
            ClientError::Api { error: ref decoded, .. } if decoded == &error
        ));

        // Where the code maps back to the variant's own status (code.proto), the JSON face is
        // the body the Google envelope renders over HTTP, byte for byte.
        if response.status() == error.status() {
            let rendered = apierror::render::<Google>(
                &error,
                &RequestInfo::new().with_request_id(&request_id),
            );
            assert_eq!(
                String::from_utf8_lossy(response.body()),
                String::from_utf8_lossy(rendered.body())
            );
        }
        assert_eq!(server.calls(), 1);
    }
}

/// Each variant of [`decodable`], by the request's one byte, converted by the derive's own
/// `From<ShopError> for Status` inside the call (behind the request-context layer).
#[derive(Clone, Copy)]
struct Derived;

impl tonic::server::NamedService for Derived {
    const NAME: &'static str = "shop.Orders";
}

impl tonic::server::UnaryService<Vec<u8>> for Derived {
    type Response = Vec<u8>;
    type Future = BoxFuture<Result<tonic::Response<Vec<u8>>, Status>>;

    fn call(&mut self, request: tonic::Request<Vec<u8>>) -> Self::Future {
        let which = usize::from(request.get_ref()[0]);
        Box::pin(async move { Err(decodable().swap_remove(which))? })
    }
}

impl tower::Service<http::Request<tonic::body::Body>> for Derived {
    type Response = http::Response<tonic::body::Body>;
    type Error = std::convert::Infallible;
    type Future = BoxFuture<Result<Self::Response, Self::Error>>;

    fn poll_ready(
        &mut self,
        _: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Result<(), Self::Error>> {
        std::task::Poll::Ready(Ok(()))
    }

    fn call(&mut self, request: http::Request<tonic::body::Body>) -> Self::Future {
        Box::pin(async move { Ok(tonic::server::Grpc::new(Raw).unary(Derived, request).await) })
    }
}

#[tokio::test]
async fn one_error_type_end_to_end_through_the_derived_conversion() {
    let layer = apierror::tonic::ErrorContextLayer::new();
    let channel = crate::grpc::serve(Derived, Some(layer)).await;
    for (i, error) in decodable().into_iter().enumerate() {
        let id = format!("e2e-{i}");
        let mut request = tonic::Request::new(vec![u8::try_from(i).unwrap()]);
        request
            .metadata_mut()
            .insert("x-request-id", id.parse().unwrap());
        let status = call(channel.clone(), request).await.unwrap_err();
        let response = ErrorResponse::from_grpc(&status);
        assert_eq!(ShopError::decode(&response).as_ref(), Some(&error));
        assert_eq!(response.request_id(), Some(id.as_str()));
        assert_eq!(response.retry_after(), error.retry_after(), "{error:?}");
        // The status is the one the server-side tests check against the Google envelope.
        assert_eq!(status.code(), apierror::tonic::status(&error).code());
    }
}

#[test]
fn the_checked_variants_are_the_ones_the_json_face_reaches() {
    // The byte-for-byte comparison above runs for the variants whose status code.proto maps
    // back: 404, 429, 409 (ABORTED), 503, not 422 (INVALID_ARGUMENT is 400) or the 409 sent
    // as FAILED_PRECONDITION (400). A change of mapping must be seen here.
    let same: Vec<_> = decodable()
        .iter()
        .filter(|e| {
            let status = status_of(*e, "r");
            ErrorResponse::from_grpc(&status).status() == e.status()
        })
        .map(|e| e.code())
        .collect();
    assert_eq!(
        same,
        ["ORDER_NOT_FOUND", "RATE_LIMITED", "CONFLICT", "MAINTENANCE"]
    );
}

#[tokio::test]
async fn unknown_codes_and_undecodable_variants_stay_untyped() {
    let unknown = Status::with_error_details_vec(
        Code::FailedPrecondition,
        "A new rule.",
        [ErrorInfo::new("SOMETHING_NEW", "shop.example.com", HashMap::new()).into()],
    );
    let undecodable = status_of(&ShopError::Database("disk full".into()), "req-db");
    // A status without details: its code's name is the code, which no variant has.
    let bare = Status::unavailable("");
    let garbage = Status::with_details(Code::Internal, "oops", b"\xff\x00garbage"[..].into());
    let server = Scripted::new([Err(unknown), Err(undecodable), Err(bare), Err(garbage)]);
    let channel = serve(server.clone()).await;
    let mut seen = Vec::new();
    for _ in 0..4 {
        let status = call(channel.clone(), tonic::Request::new(Vec::new()))
            .await
            .unwrap_err();
        let response = ErrorResponse::from_grpc(&status);
        assert_eq!(ShopError::decode(&response), None, "{response:?}");
        assert!(matches!(
            ClientError::<ShopError>::from_response(response.clone()),
            ClientError::Response(_)
        ));
        seen.push((
            response.grpc_code().unwrap(),
            response.code().map(str::to_owned),
            response.message().map(str::to_owned),
        ));
    }
    assert_eq!(
        seen,
        [
            (
                Code::FailedPrecondition,
                Some("SOMETHING_NEW".into()),
                Some("A new rule.".into())
            ),
            // A 5xx's public message is its reason phrase; the cause stays on the server.
            (
                Code::Internal,
                Some("DATABASE".into()),
                Some("Internal Server Error".into())
            ),
            (Code::Unavailable, Some("UNAVAILABLE".into()), None),
            (Code::Internal, Some("INTERNAL".into()), Some("oops".into())),
        ]
    );
}

/// A `google.rpc.Status` holding one `RetryInfo` of `seconds` and `nanos`, encoded by hand (no
/// encoder would write these).
fn retry_info_bytes(seconds: i64, nanos: i32) -> Vec<u8> {
    fn varint(out: &mut Vec<u8>, mut v: u64) {
        while v >= 0x80 {
            out.push(u8::try_from(v & 0x7f).unwrap() | 0x80);
            v >>= 7;
        }
        out.push(u8::try_from(v).unwrap());
    }
    fn field(out: &mut Vec<u8>, number: u64, bytes: &[u8]) {
        varint(out, number << 3 | 2);
        varint(out, bytes.len() as u64);
        out.extend_from_slice(bytes);
    }
    let mut duration = Vec::new();
    varint(&mut duration, 1 << 3);
    varint(&mut duration, seconds.cast_unsigned());
    varint(&mut duration, 2 << 3);
    // A negative int32 is sign-extended to 64 bits on the wire.
    varint(&mut duration, i64::from(nanos).cast_unsigned());
    let mut retry_info = Vec::new();
    field(&mut retry_info, 1, &duration);
    let mut any = Vec::new();
    field(&mut any, 1, b"type.googleapis.com/google.rpc.RetryInfo");
    field(&mut any, 2, &retry_info);
    let mut status = Vec::new();
    field(&mut status, 3, &any);
    status
}

#[test]
fn huge_and_negative_retry_delays_never_panic() {
    let delay = |seconds, nanos| {
        let status = Status::with_details(
            Code::ResourceExhausted,
            "slow down",
            retry_info_bytes(seconds, nanos).into(),
        );
        ErrorResponse::from_grpc(&status).retry_after()
    };
    assert_eq!(delay(2, 500_000_000), Some(Duration::from_millis(2500)));
    // Negative: no delay (not an instruction to wait). tonic-types' own reading of
    // `i64::MIN` seconds overflows.
    assert_eq!(delay(-1, 0), None);
    assert_eq!(delay(i64::MIN, 0), None);
    assert_eq!(delay(i64::MIN, i32::MIN), None);
    assert_eq!(delay(0, -1), None);
    // Beyond protobuf's ten thousand years, still a delay: the policy's cap stops it.
    assert_eq!(
        delay(i64::MAX, 999_999_999),
        Some(Duration::new(i64::MAX.cast_unsigned(), 999_999_999))
    );
    assert_eq!(delay(0, i32::MAX), Some(Duration::new(2, 147_483_647)));
    // A delay-typed field needs a delay: a negative one leaves the variant undecoded.
    let mut status = Status::with_error_details_vec(
        Code::ResourceExhausted,
        "slow down",
        [ErrorInfo::new("RATE_LIMITED", "", [("limit".to_owned(), "1".to_owned())]).into()],
    );
    let mut details = status.details().to_vec();
    details.extend(retry_info_bytes(-5, 0));
    status = Status::with_details(status.code(), status.message(), details.into());
    let response = ErrorResponse::from_grpc(&status);
    assert_eq!(response.code(), Some("RATE_LIMITED"));
    assert_eq!(ShopError::decode(&response), None);
    let policy = RetryPolicy::new().with_max_server_delay(Duration::from_secs(60));
    let long = Status::with_details(Code::Unavailable, "", retry_info_bytes(i64::MAX, 0).into());
    assert_eq!(
        policy.decide_grpc(&long, 0, Duration::ZERO, true, &RetryBudget::unlimited()),
        Decision::DelayTooLong(Duration::from_secs(i64::MAX.cast_unsigned()))
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Any details bytes, any message, any code: an `ErrorResponse` with the status's code
    /// and message, never a panic.
    #[test]
    fn any_status_decodes(code in 0..=16i32, message in ".*", details in proptest::collection::vec(any::<u8>(), 0..256)) {
        let status = Status::with_details(Code::from_i32(code), message.clone(), details.into());
        let response = ErrorResponse::from_grpc(&status);
        prop_assert_eq!(response.grpc_code(), Some(Code::from_i32(code)));
        prop_assert_eq!(response.message(), (!message.is_empty()).then_some(message.as_str()));
        let _ = (ShopError::decode(&response), response.violations(), response.details());
    }

    /// Valid details with arbitrary strings: each read back as sent.
    #[test]
    fn any_strings_come_back(reason in "\\PC+", key in "\\PC*", value in "\\PC*", id in "\\PC+") {
        let status = Status::with_error_details_vec(
            Code::Aborted,
            "m",
            [
                ErrorInfo::new(reason.clone(), "", [(key.clone(), value.clone())]).into(),
                tonic_types::RequestInfo::new(id.clone(), "").into(),
            ],
        );
        let response = ErrorResponse::from_grpc(&status);
        prop_assert_eq!(response.code(), Some(reason.as_str()));
        prop_assert_eq!(response.request_id(), Some(id.as_str()));
        prop_assert_eq!(response.header("x-request-id"), None);
        let details: serde_json::Value = serde_json::from_str(response.details().unwrap()).unwrap();
        prop_assert_eq!(&details[key.as_str()], &serde_json::Value::String(value));
    }
}
