//! The gRPC client side against a real tonic server and client on loopback (no protoc: a
//! raw-bytes codec and a hand-written unary service): every decodable variant of a derived enum
//! rebuilt from a real call's `Status` by `ErrorResponse::from_grpc` and the derived `Decode`,
//! unknown codes and undecodable variants left untyped, statuses no server should send read
//! without a panic, and the gRPC retry policy counted against a scripted server on tokio's
//! paused clock.
//!
//! The server builds each `Status` by hand with tonic-types, from the body the `Google`
//! envelope renders for the same error (its `status` name, message and four details, in that
//! order): the shape the runtime's `From<E> for tonic::Status` sends.

use std::collections::{HashMap, VecDeque};
use std::convert::Infallible;
use std::future::Future;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;

use apierror::client::grpc::{GrpcRetryPolicy, Idempotent};
use apierror::client::{
    ClientError, Decision, Decode, ErrorResponse, Format, RetryBudget, RetryPolicy,
};
use apierror::envelope::{Google, RequestInfo};
use apierror::{ApiError, Violation};
use bytes::{Buf, BufMut};
use http::uri::PathAndQuery;
use proptest::prelude::*;
use tonic::codec::{Codec, DecodeBuf, Decoder, EncodeBuf, Encoder};
use tonic::transport::{Channel, Endpoint, Server};
use tonic::{Code, Status};
use tonic_types::{BadRequest, ErrorDetail, ErrorInfo, FieldViolation, RetryInfo, StatusExt};
use tower::{Layer, Service, ServiceExt};

#[derive(Debug, Clone, PartialEq, thiserror::Error, ApiError)]
#[api(domain = "shop.example.com")]
enum ShopError {
    #[error("no order {id}")]
    #[api(status = 404)]
    OrderNotFound {
        #[api(detail)]
        id: u64,
        #[api(detail)]
        region: String,
    },
    #[error("slow down")]
    #[api(status = 429, code = "RATE_LIMITED")]
    RateLimited {
        #[api(retry_after)]
        wait: Duration,
        #[api(detail)]
        limit: u32,
    },
    #[error("invalid order")]
    #[api(status = 422)]
    InvalidOrder {
        #[api(violations)]
        violations: Vec<Violation>,
    },
    #[error("the order changed meanwhile")]
    #[api(status = 409, grpc = "ABORTED")]
    Conflict,
    #[error("down for maintenance")]
    #[api(status = 503, retry_after = 30)]
    Maintenance,
    #[error("already paid")]
    #[api(status = 409, code = "already-paid", grpc = "FAILED_PRECONDITION")]
    AlreadyPaid {
        #[api(detail)]
        receipt: Option<String>,
    },
    /// Not decodable: its field is not on the wire.
    #[error("database: {0}")]
    #[api(status = 500)]
    Database(String),
}

/// Every variant that decodes, and one that does not.
fn decodable() -> Vec<ShopError> {
    vec![
        ShopError::OrderNotFound {
            id: 7,
            region: "eu-west".into(),
        },
        ShopError::RateLimited {
            wait: Duration::from_millis(1500),
            limit: 100,
        },
        ShopError::InvalidOrder {
            violations: vec![
                Violation::field("items[0].qty", "must be positive").with_code("TOO_SMALL"),
                Violation::field("email", "required"),
            ],
        },
        ShopError::Conflict,
        ShopError::Maintenance,
        ShopError::AlreadyPaid {
            receipt: Some("r-1".into()),
        },
        ShopError::AlreadyPaid { receipt: None },
    ]
}

// ---------------------------------------------------------------------------------------------
// The wire: a raw-bytes codec, a scripted unary service, a server and a client on loopback.

/// `Vec<u8>` in and out: the message is its bytes.
#[derive(Clone, Copy, Debug, Default)]
struct Raw;

impl Codec for Raw {
    type Encode = Vec<u8>;
    type Decode = Vec<u8>;
    type Encoder = Raw;
    type Decoder = Raw;

    fn encoder(&mut self) -> Raw {
        Raw
    }

    fn decoder(&mut self) -> Raw {
        Raw
    }
}

impl Encoder for Raw {
    type Item = Vec<u8>;
    type Error = Status;

    fn encode(&mut self, item: Vec<u8>, dst: &mut EncodeBuf<'_>) -> Result<(), Status> {
        dst.put_slice(&item);
        Ok(())
    }
}

impl Decoder for Raw {
    type Item = Vec<u8>;
    type Error = Status;

    fn decode(&mut self, src: &mut DecodeBuf<'_>) -> Result<Option<Vec<u8>>, Status> {
        let mut message = vec![0; src.remaining()];
        src.copy_to_slice(&mut message);
        Ok(Some(message))
    }
}

const PATH: &str = "/shop.Orders/Get";

/// One answer of the server: a message, or a status.
type Answer = Result<Vec<u8>, Status>;

/// The scripted answers, in turn, the last ever after; and when each call came.
#[derive(Clone, Default)]
struct Scripted {
    script: Arc<Mutex<VecDeque<Answer>>>,
    calls: Arc<Mutex<Vec<tokio::time::Instant>>>,
}

impl Scripted {
    fn new(script: impl IntoIterator<Item = Answer>) -> Self {
        Self {
            script: Arc::new(Mutex::new(script.into_iter().collect())),
            calls: Arc::default(),
        }
    }

    fn calls(&self) -> usize {
        self.calls.lock().unwrap().len()
    }

    /// The time between each call and the next.
    fn gaps(&self) -> Vec<Duration> {
        let calls = self.calls.lock().unwrap();
        calls.windows(2).map(|w| w[1] - w[0]).collect()
    }
}

impl tonic::server::NamedService for Scripted {
    const NAME: &'static str = "shop.Orders";
}

type BoxFuture<T> = Pin<Box<dyn Future<Output = T> + Send>>;

impl tonic::server::UnaryService<Vec<u8>> for Scripted {
    type Response = Vec<u8>;
    type Future = BoxFuture<Result<tonic::Response<Vec<u8>>, Status>>;

    fn call(&mut self, _: tonic::Request<Vec<u8>>) -> Self::Future {
        self.calls.lock().unwrap().push(tokio::time::Instant::now());
        let answer = {
            let mut script = self.script.lock().unwrap();
            if script.len() > 1 {
                script.pop_front().unwrap()
            } else {
                script[0].clone()
            }
        };
        Box::pin(async move { answer.map(tonic::Response::new) })
    }
}

impl Service<http::Request<tonic::body::Body>> for Scripted {
    type Response = http::Response<tonic::body::Body>;
    type Error = Infallible;
    type Future = BoxFuture<Result<Self::Response, Infallible>>;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, request: http::Request<tonic::body::Body>) -> Self::Future {
        let service = self.clone();
        Box::pin(async move {
            let mut grpc = tonic::server::Grpc::new(Raw);
            Ok(grpc.unary(service, request).await)
        })
    }
}

/// A tonic server on 127.0.0.1 answering `service`, and a channel to it.
async fn serve(service: Scripted) -> Channel {
    let incoming =
        tonic::transport::server::TcpIncoming::bind(SocketAddr::from(([127, 0, 0, 1], 0))).unwrap();
    let addr = incoming.local_addr().unwrap();
    tokio::spawn(
        Server::builder()
            .add_service(service)
            .serve_with_incoming(incoming),
    );
    Endpoint::from_shared(format!("http://{addr}"))
        .unwrap()
        .connect()
        .await
        .unwrap()
}

/// One unary call on `channel`, as a generated client's method makes it.
async fn call(channel: Channel, request: tonic::Request<Vec<u8>>) -> Result<Vec<u8>, Status> {
    let mut grpc = tonic::client::Grpc::new(channel);
    grpc.ready()
        .await
        .map_err(|error| Status::unavailable(error.to_string()))?;
    let response = grpc
        .unary(request, PathAndQuery::from_static(PATH), Raw)
        .await?;
    Ok(response.into_inner())
}

/// The call as a tower service, for the retry layer.
fn caller(
    channel: Channel,
) -> impl Service<
    tonic::Request<Vec<u8>>,
    Response = tonic::Response<Vec<u8>>,
    Error = Status,
    Future = impl Send,
> + Clone {
    tower::service_fn(move |request: tonic::Request<Vec<u8>>| {
        let channel = channel.clone();
        async move { call(channel, request).await.map(tonic::Response::new) }
    })
}

// ---------------------------------------------------------------------------------------------
// The server's statuses: the Google envelope's body, sent as google.rpc details.

/// The gRPC code named `name` (google/rpc/code.proto).
fn code_named(name: &str) -> Code {
    (0..=16)
        .map(Code::from_i32)
        .find(|code| format!("{code:?}").to_uppercase() == name.replace('_', ""))
        .unwrap_or_else(|| panic!("no gRPC code {name}"))
}

/// A protobuf `Duration`'s JSON string (`"1.5s"`) as a delay.
fn proto_duration(text: &str) -> Duration {
    let number = text.strip_suffix('s').unwrap();
    let (secs, fraction) = number.split_once('.').unwrap_or((number, ""));
    let nanos = format!("{fraction:0<9}").parse().unwrap();
    Duration::new(secs.parse().unwrap(), nanos)
}

/// The status a server sends for `error`: the `Google` envelope's body for it (with the
/// request id `request_id`) as a `Status`, its details in the body's order.
fn status_of<E: ApiError>(error: &E, request_id: &str) -> Status {
    let rendered =
        apierror::render::<Google>(error, &RequestInfo::new().with_request_id(request_id));
    let body: serde_json::Value = serde_json::from_slice(rendered.body()).unwrap();
    let error = &body["error"];
    let text = |value: &serde_json::Value| value.as_str().unwrap_or_default().to_owned();
    let details = error["details"].as_array().unwrap().iter().map(|detail| {
        match detail["@type"].as_str().unwrap() {
            "type.googleapis.com/google.rpc.ErrorInfo" => {
                let metadata: HashMap<String, String> = detail["metadata"]
                    .as_object()
                    .map(|m| m.iter().map(|(k, v)| (k.clone(), text(v))).collect())
                    .unwrap_or_default();
                ErrorInfo::new(text(&detail["reason"]), text(&detail["domain"]), metadata).into()
            }
            "type.googleapis.com/google.rpc.RetryInfo" => {
                RetryInfo::new(Some(proto_duration(detail["retryDelay"].as_str().unwrap()))).into()
            }
            "type.googleapis.com/google.rpc.RequestInfo" => {
                tonic_types::RequestInfo::new(text(&detail["requestId"]), "").into()
            }
            "type.googleapis.com/google.rpc.BadRequest" => {
                let violations: Vec<FieldViolation> = detail["fieldViolations"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|v| FieldViolation {
                        field: text(&v["field"]),
                        description: text(&v["description"]),
                        reason: text(&v["reason"]),
                        localized_message: None,
                    })
                    .collect();
                BadRequest::new(violations).into()
            }
            other => panic!("the Google envelope wrote a {other}"),
        }
    });
    Status::with_error_details_vec(
        code_named(error["status"].as_str().unwrap()),
        text(&error["message"]),
        details.collect::<Vec<ErrorDetail>>(),
    )
}

// ---------------------------------------------------------------------------------------------
// Decoding.

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
        policy.decide_grpc(&long, 0, true, &RetryBudget::unlimited()),
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

// ---------------------------------------------------------------------------------------------
// Retrying.

/// A policy without jitter whose decisions are recorded.
fn recorded(policy: RetryPolicy) -> (RetryPolicy, Arc<Mutex<Vec<Decision>>>) {
    let log = Arc::new(Mutex::new(Vec::new()));
    let seen = Arc::clone(&log);
    let policy = policy.no_jitter().on_decision(move |_, decision| {
        seen.lock().unwrap().push(*decision);
    });
    (policy, log)
}

#[tokio::test(start_paused = true)]
async fn unavailable_is_retried_with_backoff_until_it_succeeds() {
    let server = Scripted::new([
        Err(Status::unavailable("starting")),
        Err(status_of(&ShopError::Maintenance, "r")),
        Ok(b"order".to_vec()),
    ]);
    let channel = serve(server.clone()).await;
    let (policy, log) = recorded(RetryPolicy::new().with_max_server_delay(Duration::from_secs(60)));
    let budget = RetryBudget::new();
    let layer = GrpcRetryPolicy::new(policy, budget.clone()).into_layer();
    let response = layer
        .layer(caller(channel))
        .oneshot(tonic::Request::new(b"get".to_vec()))
        .await
        .unwrap();
    assert_eq!(response.get_ref(), b"order");
    assert_eq!(server.calls(), 3);
    // The first wait is the backoff (1 s); the second the server's RetryInfo (Maintenance's
    // `retry_after = 30`), waited exactly on the paused clock.
    assert_eq!(
        *log.lock().unwrap(),
        [
            Decision::Retry(Duration::from_secs(1)),
            Decision::Retry(Duration::from_secs(30))
        ]
    );
    let gaps = server.gaps();
    assert!(
        gaps[0] >= Duration::from_secs(1) && gaps[0] < Duration::from_millis(1100),
        "{gaps:?}"
    );
    assert!(
        gaps[1] >= Duration::from_secs(30) && gaps[1] < Duration::from_millis(30_100),
        "{gaps:?}"
    );
    // Two retries paid (5 each), the success refunded 1.
    assert_eq!(budget.available(), 500 - 10 + 1);
}

#[tokio::test(start_paused = true)]
async fn resource_exhausted_waits_its_retry_info_then_the_error_is_typed() {
    let limited = ShopError::RateLimited {
        wait: Duration::from_millis(7250),
        limit: 10,
    };
    let server = Scripted::new([Err(status_of(&limited, "r"))]);
    let channel = serve(server.clone()).await;
    let (policy, log) = recorded(RetryPolicy::new().with_max_retries(2));
    let layer = GrpcRetryPolicy::new(policy, RetryBudget::new()).into_layer();
    let status = layer
        .layer(caller(channel))
        .oneshot(tonic::Request::new(Vec::new()))
        .await
        .unwrap_err();
    assert_eq!(server.calls(), 3);
    for gap in server.gaps() {
        assert!(
            gap >= Duration::from_millis(7250) && gap < Duration::from_millis(7350),
            "{gap:?}"
        );
    }
    assert_eq!(
        *log.lock().unwrap(),
        [
            Decision::Retry(Duration::from_millis(7250)),
            Decision::Retry(Duration::from_millis(7250)),
            Decision::OutOfAttempts
        ]
    );
    // The last status, typed.
    let response = ErrorResponse::from_grpc(&status);
    assert_eq!(ShopError::decode(&response), Some(limited));
}

#[tokio::test(start_paused = true)]
async fn never_retried_codes_make_exactly_one_attempt() {
    let never = [
        Code::InvalidArgument,
        Code::NotFound,
        Code::PermissionDenied,
        Code::Unauthenticated,
        Code::FailedPrecondition,
    ];
    for code in never {
        // Even with a RetryInfo, even for an idempotent call.
        let status = Status::with_error_details_vec(
            code,
            "no",
            [RetryInfo::new(Some(Duration::from_secs(1))).into()],
        );
        let server = Scripted::new([Err(status), Ok(Vec::new())]);
        let channel = serve(server.clone()).await;
        let (policy, log) = recorded(RetryPolicy::new());
        let layer = GrpcRetryPolicy::new(policy, RetryBudget::new())
            .idempotent()
            .into_layer();
        let status = layer
            .layer(caller(channel))
            .oneshot(tonic::Request::new(Vec::new()))
            .await
            .unwrap_err();
        assert_eq!(status.code(), code);
        assert_eq!(server.calls(), 1, "{code:?}");
        assert_eq!(*log.lock().unwrap(), [Decision::NotRetryable], "{code:?}");
    }
}

#[tokio::test(start_paused = true)]
async fn deadline_exceeded_and_aborted_are_retried_only_when_idempotent() {
    for code in [Code::DeadlineExceeded, Code::Aborted] {
        // Not marked: one attempt, the status returned.
        let server = Scripted::new([Err(Status::new(code, "again")), Ok(b"ok".to_vec())]);
        let channel = serve(server.clone()).await;
        let (policy, log) = recorded(RetryPolicy::new());
        let policy = GrpcRetryPolicy::new(policy, RetryBudget::new());
        let status = policy
            .clone()
            .into_layer()
            .layer(caller(channel.clone()))
            .oneshot(tonic::Request::new(Vec::new()))
            .await
            .unwrap_err();
        assert_eq!(status.code(), code);
        assert_eq!(server.calls(), 1);
        assert_eq!(*log.lock().unwrap(), [Decision::NotIdempotent]);

        // Marked with `Idempotent`: retried (the script's next answer is the success).
        let server = Scripted::new([Err(Status::new(code, "again")), Ok(b"ok".to_vec())]);
        let channel = serve(server.clone()).await;
        let mut request = tonic::Request::new(Vec::new());
        request.extensions_mut().insert(Idempotent);
        let response = policy
            .clone()
            .into_layer()
            .layer(caller(channel))
            .oneshot(request)
            .await
            .unwrap();
        assert_eq!(response.get_ref(), b"ok");
        assert_eq!(server.calls(), 2);

        // Every call through an `idempotent()` policy.
        let server = Scripted::new([Err(Status::new(code, "again")), Ok(b"ok".to_vec())]);
        let channel = serve(server.clone()).await;
        let response = policy
            .idempotent()
            .into_layer()
            .layer(caller(channel))
            .oneshot(tonic::Request::new(Vec::new()))
            .await
            .unwrap();
        assert_eq!(response.get_ref(), b"ok");
        assert_eq!(server.calls(), 2);
    }
}

#[tokio::test(start_paused = true)]
async fn the_budget_stops_retries() {
    let server = Scripted::new([Err(Status::unavailable("down"))]);
    let channel = serve(server.clone()).await;
    let (policy, log) = recorded(RetryPolicy::new());
    let budget = RetryBudget::new().with_capacity(10);
    let service = GrpcRetryPolicy::new(policy, budget.clone())
        .into_layer()
        .layer(caller(channel));
    for _ in 0..3 {
        let status = service
            .clone()
            .oneshot(tonic::Request::new(Vec::new()))
            .await
            .unwrap_err();
        assert_eq!(status.code(), Code::Unavailable);
    }
    // Two retries (5 tokens each) empty the bucket: 3 calls, 5 attempts.
    assert_eq!(server.calls(), 5);
    assert_eq!(budget.available(), 0);
    let stops = log
        .lock()
        .unwrap()
        .iter()
        .filter(|d| **d == Decision::OutOfBudget)
        .count();
    assert_eq!(stops, 3);
}
