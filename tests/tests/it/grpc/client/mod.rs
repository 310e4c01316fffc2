//! The client side against a real tonic server and client on loopback (no protoc: a
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
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;

use apierror::envelope::{Google, RequestInfo};
use apierror::{ApiError, Violation};
use http::uri::PathAndQuery;
use tonic::transport::Channel;
use tonic::{Code, Status};
use tonic_types::{BadRequest, ErrorDetail, ErrorInfo, FieldViolation, RetryInfo, StatusExt};
use tower::Service;

use super::{BoxFuture, Raw};

mod decode;
mod retry;

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

/// A tonic server on 127.0.0.1 answering `service` (no layer: the statuses reach the client
/// as scripted), and a channel to it.
async fn serve(service: Scripted) -> Channel {
    super::serve(service, None).await
}

/// One unary call on `channel`, as a generated client's method makes it.
async fn call(channel: Channel, request: tonic::Request<Vec<u8>>) -> Result<Vec<u8>, Status> {
    let mut grpc = tonic::client::Grpc::new(channel);
    // As tonic-build's generated methods do.
    grpc.ready()
        .await
        .map_err(|error| Status::unknown(format!("Service was not ready: {error}")))?;
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
