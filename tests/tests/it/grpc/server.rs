//! The server side: a derived error as a `tonic::Status`, checked as a gRPC peer reads it
//! (tonic-types decoding `grpc-status-details-bin`), through a real tonic server and client on
//! loopback; and the one model with two faces: the `Google` envelope's JSON body is the
//! protobuf JSON mapping of the `google.rpc.Status` the conversion makes.

use std::task::{Context, Poll};
use std::time::Duration;

use apierror::envelope::{Google, RequestInfo};
use apierror::{AnyApiError, RateLimit, Rejection, Violation};
use serde_json::{json, Value};
use tonic::{Code, Status};
use tonic_types::{ErrorDetail, StatusExt as _};

use super::{BoxFuture, Raw};
use crate::logs::Buffer;

/// Every shape the conversion has to carry: a `grpc` override, details of several JSON types,
/// a retry delay (whole and fractional), violations with and without a code, a rate limit,
/// a hidden and an exposed 5xx, a `Display` that panics.
#[derive(Debug, thiserror::Error, apierror::ApiError)]
#[api(envelope = apierror::envelope::Google, domain = "users.example.com")]
pub enum AppError {
    #[error("user {id} not found")]
    #[api(status = 404)]
    UserNotFound {
        #[api(detail)]
        id: u64,
        #[api(detail)]
        tenant: String,
    },
    #[error("version {seen} is stale")]
    #[api(status = 409, code = "STALE_VERSION", grpc = "ABORTED")]
    Stale {
        #[api(detail)]
        seen: u32,
        #[api(detail)]
        tags: Vec<String>,
    },
    #[error("slow down")]
    #[api(status = 429, code = "RATE_LIMITED")]
    RateLimited {
        #[api(retry_after)]
        wait: Duration,
        #[api(rate_limit)]
        limit: RateLimit,
    },
    #[error("invalid request")]
    #[api(status = 422, code = "INVALID_FIELDS")]
    Invalid {
        #[api(violations)]
        violations: Vec<Violation>,
    },
    #[error("maintenance")]
    #[api(status = 503, retry_after = 120)]
    Maintenance,
    #[error("database: {0}")]
    #[api(status = 500)]
    Database(#[source] std::io::Error),
    #[error("quota of {0} used up")]
    #[api(status = 507, expose)]
    Storage(u32),
    #[error("the inventory service failed")]
    #[api(status = 502, code = "UPSTREAM_FAILED")]
    Upstream(#[from] Status),
    #[error("{0}")]
    #[api(status = 400)]
    Panicking(Panics),
}

/// A `Display` that panics: the conversion must answer `INTERNAL`, not drop the call.
#[derive(Debug)]
pub struct Panics;

impl std::fmt::Display for Panics {
    fn fmt(&self, _: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        panic!("a Display that panics")
    }
}

const SECRET: &str = "password=hunter2";

/// One value of each variant that renders; the panicking one is checked apart.
fn variants() -> Vec<AppError> {
    vec![
        AppError::UserNotFound {
            id: 7,
            tenant: "acme \"eu\"".into(),
        },
        AppError::Stale {
            seen: 3,
            tags: vec!["a".into(), "b".into()],
        },
        AppError::RateLimited {
            wait: Duration::from_millis(1500),
            limit: RateLimit::new(100, 0, 30),
        },
        AppError::Invalid {
            violations: vec![
                Violation::field("user.emails[0]", "must be an address").with_code("EMAIL"),
                Violation::field("name", "is required"),
            ],
        },
        AppError::Maintenance,
        AppError::Database(std::io::Error::other(SECRET)),
        AppError::Storage(5),
        AppError::Upstream(Status::permission_denied(SECRET)),
    ]
}

// ---------------------------------------------------------------------------------------------
// One model, two faces
// ---------------------------------------------------------------------------------------------

/// The canonical gRPC code names by number, from `google/rpc/code.proto`.
fn code_name(code: Code) -> &'static str {
    [
        "OK",
        "CANCELLED",
        "UNKNOWN",
        "INVALID_ARGUMENT",
        "DEADLINE_EXCEEDED",
        "NOT_FOUND",
        "ALREADY_EXISTS",
        "PERMISSION_DENIED",
        "RESOURCE_EXHAUSTED",
        "FAILED_PRECONDITION",
        "ABORTED",
        "OUT_OF_RANGE",
        "UNIMPLEMENTED",
        "INTERNAL",
        "UNAVAILABLE",
        "DATA_LOSS",
        "UNAUTHENTICATED",
    ][usize::try_from(i32::from(code)).unwrap()]
}

/// A `google.protobuf.Duration` in its JSON form: seconds with any number of fractional digits
/// up to nine and an `s` (the proto3 JSON mapping accepts every such text).
fn parse_duration(text: &str) -> Duration {
    let number = text.strip_suffix('s').expect("a duration ends in `s`");
    let (secs, fraction) = number.split_once('.').unwrap_or((number, ""));
    assert!(fraction.len() <= 9, "{text}");
    let nanos = format!("{fraction:0<9}");
    Duration::new(secs.parse().unwrap(), nanos.parse().unwrap())
}

/// A `Status` written as AIP-193's HTTP JSON: `code` the HTTP status (which the `Status` does
/// not carry, so it is given), `status` the code's name, and each detail by the proto3 JSON
/// mapping (`@type`, lowerCamelCase names, empty strings and maps left out). `retryDelay` is
/// kept as a `Duration` under `retryDelay` so texts of equal value compare equal.
fn proto_json(status: &Status, http: u16) -> Value {
    let details: Vec<Value> = status
        .check_error_details_vec()
        .expect("the details decode")
        .into_iter()
        .map(|detail| match detail {
            ErrorDetail::ErrorInfo(info) => {
                let mut out = json!({
                    "@type": "type.googleapis.com/google.rpc.ErrorInfo",
                    "reason": info.reason,
                });
                if !info.domain.is_empty() {
                    out["domain"] = json!(info.domain);
                }
                if !info.metadata.is_empty() {
                    out["metadata"] = json!(info.metadata);
                }
                out
            }
            ErrorDetail::RetryInfo(info) => json!({
                "@type": "type.googleapis.com/google.rpc.RetryInfo",
                "retryDelay": format!("{:?}", info.retry_delay.expect("a delay")),
            }),
            ErrorDetail::RequestInfo(info) => {
                assert!(info.serving_data.is_empty());
                json!({
                    "@type": "type.googleapis.com/google.rpc.RequestInfo",
                    "requestId": info.request_id,
                })
            }
            ErrorDetail::BadRequest(request) => {
                let violations: Vec<Value> = request
                    .field_violations
                    .into_iter()
                    .map(|violation| {
                        let mut out = json!({
                            "field": violation.field,
                            "description": violation.description,
                        });
                        if !violation.reason.is_empty() {
                            out["reason"] = json!(violation.reason);
                        }
                        out
                    })
                    .collect();
                json!({
                    "@type": "type.googleapis.com/google.rpc.BadRequest",
                    "fieldViolations": violations,
                })
            }
            other => panic!("a detail the Google envelope does not write: {other:?}"),
        })
        .collect();
    json!({"error": {
        "code": http,
        "message": status.message(),
        "status": code_name(status.code()),
        "details": details,
    }})
}

/// The `Google` body with each `retryDelay` read as a `Duration`, as [`proto_json`] keeps it.
fn google_json(body: &[u8]) -> Value {
    let mut value: Value = serde_json::from_slice(body).unwrap();
    for detail in value["error"]["details"].as_array_mut().unwrap() {
        if let Some(Value::String(text)) = detail.get("retryDelay") {
            let delay = parse_duration(text);
            detail["retryDelay"] = json!(format!("{delay:?}"));
        }
    }
    value
}

fn assert_same_model(error: &AppError, request: &RequestInfo<'_>, status: &Status) {
    let response = apierror::render::<Google>(error, request);
    assert_eq!(
        google_json(response.body()),
        proto_json(status, response.status().as_u16()),
        "{error:?}"
    );
}

#[test]
fn every_variant_is_the_same_status_in_json_and_in_protobuf() {
    for error in variants() {
        let status = apierror::tonic::status(&error);
        assert_same_model(&error, &RequestInfo::new(), &status);
    }
    // The reference error of ENVELOPES.md too, whose Google vectors are the published bytes.
    for case in crate::canon::CASES {
        let error = crate::support::derived::google::case(case);
        let status = Status::from(crate::support::derived::google::case(case));
        let response = apierror::render::<Google>(&error, &RequestInfo::new());
        assert_eq!(
            google_json(response.body()),
            proto_json(&status, response.status().as_u16()),
            "{case}"
        );
    }
}

#[test]
fn what_a_grpc_peer_reads() {
    let status = Status::from(AppError::Stale {
        seen: 3,
        tags: vec!["a".into()],
    });
    // `grpc` overrides the mapping of 409, which would be ALREADY_EXISTS.
    assert_eq!(status.code(), Code::Aborted);
    assert_eq!(status.message(), "version 3 is stale");
    let info = status.get_details_error_info().unwrap();
    assert_eq!(info.reason, "STALE_VERSION");
    assert_eq!(info.domain, "users.example.com");
    // Metadata is a map of strings: a number as its text, anything else as its JSON text.
    assert_eq!(info.metadata["seen"], "3");
    assert_eq!(info.metadata["tags"], r#"["a"]"#);
    assert_eq!(info.metadata.len(), 2);

    let status = Status::from(AppError::RateLimited {
        wait: Duration::from_millis(1500),
        limit: RateLimit::new(100, 0, 30),
    });
    assert_eq!(status.code(), Code::ResourceExhausted);
    assert_eq!(
        status.get_details_retry_info().unwrap().retry_delay,
        Some(Duration::from_millis(1500))
    );
    // The delay is also gRPC's own server pushback (the retry design A6), in milliseconds,
    // which gRPC clients' retry policies read; the rate-limit headers are named as over HTTP.
    assert_eq!(
        status.metadata().get("grpc-retry-pushback-ms").unwrap(),
        "1500"
    );
    assert!(status.metadata().get("retry-after").is_none());
    assert_eq!(status.metadata().get("x-ratelimit-limit").unwrap(), "100");
    assert_eq!(status.metadata().get("x-ratelimit-remaining").unwrap(), "0");
    let status = Status::from(AppError::Maintenance);
    assert_eq!(
        status.metadata().get("grpc-retry-pushback-ms").unwrap(),
        "120000"
    );
    // Only a retryable error asks a client's retry policy to wait: no pushback otherwise
    // (the derive refuses the contradiction; a hand-written impl can state it).
    struct Locked;
    impl apierror::ApiError for Locked {
        fn status(&self) -> http::StatusCode {
            http::StatusCode::CONFLICT
        }
        fn code(&self) -> &'static str {
            "LOCKED"
        }
        fn retryable(&self) -> bool {
            false
        }
        fn retry_after(&self) -> Option<Duration> {
            Some(Duration::from_secs(5))
        }
    }
    let status = apierror::tonic::status(&Locked);
    assert!(status.metadata().get("grpc-retry-pushback-ms").is_none());
    assert_eq!(
        status.get_details_retry_info().unwrap().retry_delay,
        Some(Duration::from_secs(5))
    );

    let status = Status::from(AppError::Invalid {
        violations: vec![
            Violation::field("user.emails[0]", "must be an address").with_code("EMAIL"),
            Violation::field("name", "is required"),
        ],
    });
    assert_eq!(status.code(), Code::InvalidArgument);
    let violations = status.get_details_bad_request().unwrap().field_violations;
    assert_eq!(violations.len(), 2);
    assert_eq!(violations[0].field, "user.emails[0]");
    assert_eq!(violations[0].description, "must be an address");
    assert_eq!(violations[0].reason, "EMAIL");
    assert_eq!(violations[1].reason, "");
}

#[test]
fn a_5xx_never_shows_its_cause() {
    for error in [
        AppError::Database(std::io::Error::other(SECRET)),
        AppError::Upstream(Status::permission_denied(SECRET)),
    ] {
        let status = Status::from(error);
        assert!(matches!(status.code(), Code::Internal | Code::Unavailable));
        assert!(!status.message().contains("hunter2"));
        assert!(!String::from_utf8_lossy(status.details()).contains("hunter2"));
        assert!(!format!("{:?}", status.metadata()).contains("hunter2"));
    }
    let status = Status::from(AppError::Upstream(Status::permission_denied(SECRET)));
    assert_eq!(status.code(), Code::Unavailable);
    assert_eq!(status.message(), "Bad Gateway");
    assert_eq!(
        status.get_details_error_info().unwrap().reason,
        "UPSTREAM_FAILED"
    );
    // `expose` shows a 5xx's Display, as over HTTP.
    assert_eq!(
        Status::from(AppError::Storage(5)).message(),
        "quota of 5 used up"
    );
}

#[test]
fn a_panic_in_user_code_is_internal_and_logged() {
    let buffer = Buffer::default();
    let status = tracing::subscriber::with_default(buffer.subscriber(), || {
        Status::from(AppError::Panicking(Panics))
    });
    assert_eq!(status.code(), Code::Internal);
    assert_eq!(status.message(), "Internal Server Error");
    let info = status.get_details_error_info().unwrap();
    assert_eq!(info.reason, "INTERNAL_ERROR");
    assert_eq!(info.domain, "users.example.com");
    let lines = buffer.lines_with("a Display that panics");
    assert_eq!(lines.len(), 1, "{:?}", buffer.lines());
    assert!(lines[0].contains("ERROR"), "{}", lines[0]);
    // The same OpenTelemetry names as over HTTP: the code the caller got, its HTTP status.
    for field in [
        r#"error.type="INTERNAL_ERROR""#,
        "http.response.status_code=500",
        "apierror.render_failure=rendering panicked",
    ] {
        assert!(lines[0].contains(field), "{field:?} not in {}", lines[0]);
    }
}

#[test]
fn rejections_and_boxed_errors_convert_too() {
    #[derive(Debug, serde::Deserialize)]
    struct NewUser {
        #[allow(dead_code)]
        name: String,
    }
    let rejected = axum::Json::<NewUser>::from_bytes(br#"{"name":5}"#).unwrap_err();
    let status = Status::from(Rejection::from(rejected));
    // 422 maps to INVALID_ARGUMENT; the message is axum's, about the client's own body.
    assert_eq!(status.code(), Code::InvalidArgument);
    assert!(status
        .message()
        .starts_with("Failed to deserialize the JSON body"));
    let info = status.get_details_error_info().unwrap();
    assert_eq!(info.reason, "INVALID_JSON_DATA");
    assert_eq!(info.domain, "");

    let boxed = AnyApiError::from(AppError::UserNotFound {
        id: 1,
        tenant: "t".into(),
    });
    let status = Status::from(boxed);
    assert_eq!(status.code(), Code::NotFound);
    assert_eq!(
        status.get_details_error_info().unwrap().domain,
        "users.example.com"
    );
}

// ---------------------------------------------------------------------------------------------
// A real server and client
// ---------------------------------------------------------------------------------------------

/// The service `test.Errors`: `Fail` answers the variant named by the request's one byte (an
/// index into [`variants`], 254 the panicking one) with `?`; `Id` answers the request id it
/// sees.
#[derive(Clone, Copy)]
struct Errors;

impl tonic::server::NamedService for Errors {
    const NAME: &'static str = "test.Errors";
}

impl tower::Service<http::Request<tonic::body::Body>> for Errors {
    type Response = http::Response<tonic::body::Body>;
    type Error = std::convert::Infallible;
    type Future = BoxFuture<Result<Self::Response, Self::Error>>;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, request: http::Request<tonic::body::Body>) -> Self::Future {
        Box::pin(async move {
            let mut grpc = tonic::server::Grpc::new(Raw);
            Ok(match request.uri().path() {
                "/test.Errors/Fail" => grpc.unary(Unary(fail), request).await,
                "/test.Errors/Id" => grpc.unary(Unary(id), request).await,
                // What tonic's generated code answers for a method it does not have.
                _ => Status::unimplemented("").into_http(),
            })
        })
    }
}

/// A unary handler as tonic's generated code calls it.
#[derive(Clone, Copy)]
struct Unary(fn(tonic::Request<Vec<u8>>) -> Reply);

/// What a unary handler returns.
type Reply = Result<tonic::Response<Vec<u8>>, Status>;

impl tonic::server::UnaryService<Vec<u8>> for Unary {
    type Response = Vec<u8>;
    type Future = BoxFuture<Reply>;

    fn call(&mut self, request: tonic::Request<Vec<u8>>) -> Self::Future {
        let handler = self.0;
        Box::pin(async move { handler(request) })
    }
}

fn fail(request: tonic::Request<Vec<u8>>) -> Reply {
    let which = request.get_ref().first().copied().unwrap_or(0);
    let error = if which == 254 {
        AppError::Panicking(Panics)
    } else {
        variants().swap_remove(usize::from(which))
    };
    Err(error)?
}

fn id(request: tonic::Request<Vec<u8>>) -> Reply {
    let seen = request
        .extensions()
        .get::<apierror::context::RequestId>()
        .map(ToString::to_string)
        .unwrap_or_default();
    // The same id, anywhere in the handler's task.
    assert_eq!(
        apierror::context::request_id().map(|id| id.to_string()),
        Some(seen.clone())
    );
    Ok(tonic::Response::new(seen.into_bytes()))
}

/// A tonic server of [`Errors`] behind the request-context layer, and a channel to it.
async fn serve() -> tonic::transport::Channel {
    let layer = apierror::tonic::ErrorContextLayer::new().all_errors_as::<AppError>();
    super::serve(Errors, Some(layer)).await
}

/// Calls `path` with `message` and, when given, an `x-request-id`.
async fn call(
    channel: &tonic::transport::Channel,
    path: &'static str,
    message: Vec<u8>,
    id: Option<&str>,
) -> Result<tonic::Response<Vec<u8>>, Status> {
    let mut client = tonic::client::Grpc::new(channel.clone());
    client.ready().await.unwrap();
    let mut request = tonic::Request::new(message);
    if let Some(id) = id {
        request
            .metadata_mut()
            .insert("x-request-id", id.parse().unwrap());
    }
    client
        .unary(request, http::uri::PathAndQuery::from_static(path), Raw)
        .await
}

#[tokio::test]
async fn every_variant_through_a_real_call() {
    let channel = serve().await;
    for (index, error) in variants().into_iter().enumerate() {
        let id = format!("req-{index}");
        let index = u8::try_from(index).unwrap();
        let status = call(&channel, "/test.Errors/Fail", vec![index], Some(&id))
            .await
            .unwrap_err();
        // The same status the conversion makes in the call's context, read back by a peer.
        let request = RequestInfo::new().with_request_id(&id);
        assert_same_model(&error, &request, &status);
        assert_eq!(status.get_details_request_info().unwrap().request_id, id);
        assert_eq!(status.metadata().get("x-request-id").unwrap(), id.as_str());
        assert!(!status.message().contains("hunter2"));
    }
}

#[tokio::test]
async fn a_panicking_handler_error_is_answered_not_dropped() {
    let channel = serve().await;
    let status = call(&channel, "/test.Errors/Fail", vec![254], None)
        .await
        .unwrap_err();
    assert_eq!(status.code(), Code::Internal);
    assert_eq!(status.message(), "Internal Server Error");
    assert_eq!(
        status.get_details_error_info().unwrap().reason,
        "INTERNAL_ERROR"
    );
    // The channel still works.
    let answer = call(&channel, "/test.Errors/Id", vec![], Some("after")).await;
    assert_eq!(answer.unwrap().into_inner(), b"after");
}

#[tokio::test]
async fn the_request_id_is_kept_or_made_and_echoed() {
    let channel = serve().await;
    let answer = call(&channel, "/test.Errors/Id", vec![], Some("req-42"))
        .await
        .unwrap();
    assert_eq!(answer.metadata().get("x-request-id").unwrap(), "req-42");
    assert_eq!(answer.get_ref(), b"req-42");

    // No id, or one that is not 1 to 128 visible ASCII characters: a fresh UUID v4.
    for sent in [None, Some("a b"), Some(&*"x".repeat(129))] {
        let answer = call(&channel, "/test.Errors/Id", vec![], sent)
            .await
            .unwrap();
        let echoed = answer
            .metadata()
            .get("x-request-id")
            .unwrap()
            .to_str()
            .unwrap();
        assert_eq!(answer.get_ref(), echoed.as_bytes());
        let uuid = uuid::Uuid::parse_str(echoed).unwrap();
        assert_eq!(uuid.get_version_num(), 4);
    }
}

#[tokio::test]
async fn concurrent_calls_each_keep_their_own_id() {
    let channel = serve().await;
    let calls = (0..100).map(|n| {
        let channel = channel.clone();
        tokio::spawn(async move {
            let id = format!("call-{n}");
            let status = call(&channel, "/test.Errors/Fail", vec![0], Some(&id))
                .await
                .unwrap_err();
            (id, status.get_details_request_info().unwrap().request_id)
        })
    });
    for call in calls {
        let (sent, got) = call.await.unwrap();
        assert_eq!(sent, got);
    }
}

#[tokio::test]
async fn statuses_tonic_makes_itself_get_the_types_details() {
    let channel = serve().await;

    // A method the service does not have.
    let status = call(&channel, "/test.Errors/Nope", vec![], Some("req-u"))
        .await
        .unwrap_err();
    assert_eq!(status.code(), Code::Unimplemented);
    assert_eq!(status.message(), "Not Implemented");
    let info = status.get_details_error_info().unwrap();
    assert_eq!(info.reason, "UNIMPLEMENTED");
    assert_eq!(info.domain, "users.example.com");
    assert_eq!(
        status.get_details_request_info().unwrap().request_id,
        "req-u"
    );

    // A service the server does not have: tonic's router answers.
    let status = call(&channel, "/other.Service/Method", vec![], None)
        .await
        .unwrap_err();
    assert_eq!(status.code(), Code::Unimplemented);
    assert_eq!(
        status.get_details_error_info().unwrap().reason,
        "UNIMPLEMENTED"
    );

    // A message that does not decode: tonic's message describes the client's call, a 4xx's.
    let status = call(&channel, "/test.Errors/Fail", vec![0xFF], None)
        .await
        .unwrap_err();
    assert_eq!(status.code(), Code::InvalidArgument);
    assert_eq!(status.message(), "the message does not decode");
    assert_eq!(
        status.get_details_error_info().unwrap().reason,
        "INVALID_ARGUMENT"
    );

    // The handler's own errors keep theirs.
    let status = call(&channel, "/test.Errors/Fail", vec![0], None)
        .await
        .unwrap_err();
    assert_eq!(
        status.get_details_error_info().unwrap().reason,
        "USER_NOT_FOUND"
    );
}
