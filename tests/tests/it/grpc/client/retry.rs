//! Retrying: the gRPC retry policy around a real call, counted at a scripted server on tokio's
//! paused clock.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use apierror::client::grpc::{GrpcRetryPolicy, Idempotent};
use apierror::client::{Decision, Decode, ErrorResponse, RetryBudget, RetryPolicy};
use tonic::{Code, Status};
use tonic_types::{RetryInfo, StatusExt};
use tower::{Layer, ServiceExt};

use super::{caller, serve, status_of, Scripted, ShopError};

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

#[tokio::test(start_paused = true)]
async fn a_connection_that_fails_is_unavailable_and_retried() {
    // A port nothing listens on: tonic reports the refused connection as UNAVAILABLE (its
    // `ConnectError` mapping), which the policy retries like the server's own.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = closed.local_addr().unwrap();
    drop(closed);
    let channel = tonic::transport::Endpoint::from_shared(format!("http://{addr}"))
        .unwrap()
        .connect_lazy();
    let (policy, log) = recorded(RetryPolicy::new().with_max_retries(2));
    let status = GrpcRetryPolicy::new(policy, RetryBudget::new())
        .into_layer()
        .layer(caller(channel))
        .oneshot(tonic::Request::new(Vec::new()))
        .await
        .unwrap_err();
    assert_eq!(status.code(), Code::Unavailable, "{status:?}");
    assert_eq!(
        *log.lock().unwrap(),
        [
            Decision::Retry(Duration::from_secs(1)),
            Decision::Retry(Duration::from_secs(2)),
            Decision::OutOfAttempts
        ]
    );
}
