//! The retry policy at work: reqwest 0.13 against a loopback axum server scripted to answer
//! 429 / 503 / 500 / 400 sequences (the attempts made, the decisions and their delays, the
//! `Idempotency-Key` reused, the budget running out, a POST without a key sent once, the last
//! error decoded into the type), and the tower policy over a mock service on tokio's paused
//! clock (the exact waits: the backoff, the server's delay, its cap, the jitter's bounds).

use std::collections::VecDeque;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use apierror::client::reqwest::send;
use apierror::client::tower::HttpRetryPolicy;
use apierror::client::{ClientError, Decision, RetryBudget, RetryPolicy};
use axum::response::{IntoResponse, Response};
use http::{HeaderMap, Method, StatusCode};

use tower::{Layer, ServiceExt};

#[derive(Debug, Clone, PartialEq, thiserror::Error, apierror::ApiError)]
enum AppError {
    #[error("down for maintenance")]
    #[api(status = 503)]
    Maintenance,
    #[error("database failure")]
    #[api(status = 500)]
    Database,
    #[error("bad input")]
    #[api(status = 400)]
    BadInput,
}

/// One answer of the scripted server.
#[derive(Clone)]
enum Step {
    /// The derived error, rendered by apierror.
    Error(AppError),
    /// A status with headers and an empty JSON body.
    Raw(u16, &'static [(&'static str, &'static str)]),
    /// 200 with a body.
    Ok,
}

/// What the server saw of one request.
#[derive(Debug, Clone)]
struct Seen {
    method: Method,
    key: Option<String>,
    body: String,
    at: Instant,
}

type Log = Arc<Mutex<Vec<Seen>>>;

/// A server on 127.0.0.1 answering `script` in turn, its last step ever after.
async fn server(script: Vec<Step>) -> (SocketAddr, Log) {
    let log: Log = Arc::default();
    let seen = Arc::clone(&log);
    let script = Arc::new(Mutex::new(VecDeque::from(script)));
    let app =
        axum::Router::new().fallback(move |method: Method, headers: HeaderMap, body: String| {
            let step = {
                let mut script = script.lock().unwrap();
                if script.len() > 1 {
                    script.pop_front().unwrap()
                } else {
                    script[0].clone()
                }
            };
            seen.lock().unwrap().push(Seen {
                method,
                key: headers
                    .get("idempotency-key")
                    .map(|key| key.to_str().unwrap().to_owned()),
                body,
                at: Instant::now(),
            });
            async move {
                match step {
                    Step::Error(error) => error.into_response(),
                    Step::Raw(status, headers) => {
                        let mut response: Response = (
                            StatusCode::from_u16(status).unwrap(),
                            [("content-type", "application/json")],
                            "{}",
                        )
                            .into_response();
                        for (name, value) in headers {
                            response.headers_mut().insert(*name, value.parse().unwrap());
                        }
                        response
                    }
                    Step::Ok => "done".into_response(),
                }
            }
        });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (addr, log)
}

type Decisions = Arc<Mutex<Vec<(Option<u16>, u32, Decision)>>>;

/// The default policy with jitter off and milliseconds for seconds (10 ms doubling), every
/// decision recorded.
fn fast_policy() -> (RetryPolicy, Decisions) {
    let decisions: Decisions = Arc::default();
    let log = Arc::clone(&decisions);
    let policy = RetryPolicy::new()
        .no_jitter()
        .with_base_delay(Duration::from_millis(10))
        .with_max_server_delay(Duration::from_millis(200))
        .on_decision(move |attempt, decision| {
            log.lock().unwrap().push((
                attempt.status().map(|s| s.as_u16()),
                attempt.retries(),
                *decision,
            ));
        });
    (policy, decisions)
}

fn ms(n: u64) -> Duration {
    Duration::from_millis(n)
}

/// The gaps between the server's requests are at least the decided delays.
fn assert_spacing(seen: &[Seen], decisions: &Decisions) {
    let delays: Vec<Duration> = decisions
        .lock()
        .unwrap()
        .iter()
        .filter_map(|(_, _, d)| d.delay())
        .collect();
    for (pair, delay) in seen.windows(2).zip(delays) {
        assert!(pair[1].at - pair[0].at >= delay, "{delay:?}");
    }
}

#[tokio::test]
async fn a_get_retries_503_429_500_then_succeeds() {
    let (addr, seen) = server(vec![
        Step::Error(AppError::Maintenance),
        Step::Raw(429, &[("retry-after-ms", "30")]),
        Step::Error(AppError::Database),
        Step::Ok,
    ])
    .await;
    let (policy, decisions) = fast_policy();
    let budget = RetryBudget::new();
    let client = reqwest::Client::new();

    let response = send::<AppError>(
        client.get(format!("http://{addr}/orders")),
        &policy,
        &budget,
    )
    .await
    .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.text().await.unwrap(), "done");

    let seen = seen.lock().unwrap().clone();
    assert_eq!(seen.len(), 4);
    assert_eq!(
        *decisions.lock().unwrap(),
        [
            // The backoff: 10 ms, then the server's 30 ms, then 40 ms (the third backoff).
            (Some(503), 0, Decision::Retry(ms(10))),
            (Some(429), 1, Decision::Retry(ms(30))),
            (Some(500), 2, Decision::Retry(ms(40))),
        ]
    );
    assert_spacing(&seen, &decisions);
    // Three retries at 5 tokens, one success refunded.
    assert_eq!(budget.available(), 500 - 15 + 1);
}

#[tokio::test]
async fn three_retries_then_the_typed_error_with_its_body() {
    let (addr, seen) = server(vec![Step::Error(AppError::Maintenance)]).await;
    let (policy, decisions) = fast_policy();
    let error = send::<AppError>(
        reqwest::Client::new().get(format!("http://{addr}/")),
        &policy,
        &RetryBudget::new(),
    )
    .await
    .unwrap_err();

    let ClientError::Api { error, response } = error else {
        panic!("not decoded: {error:?}");
    };
    assert_eq!(error, AppError::Maintenance);
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(response.code(), Some("MAINTENANCE"));
    assert!(!response.body().is_empty());

    assert_eq!(seen.lock().unwrap().len(), 4);
    let decisions: Vec<Decision> = decisions.lock().unwrap().iter().map(|d| d.2).collect();
    assert_eq!(
        decisions,
        [
            Decision::Retry(ms(10)),
            Decision::Retry(ms(20)),
            Decision::Retry(ms(40)),
            Decision::OutOfAttempts,
        ]
    );
}

/// A request the policy sends once and gives up on: the script, how the request is built, the
/// one decision, and what the error must be.
struct OneAttempt {
    what: &'static str,
    script: Vec<Step>,
    request: fn(&reqwest::Client, SocketAddr) -> reqwest::RequestBuilder,
    decision: (Option<u16>, u32, Decision),
    error: fn(&ClientError<AppError>) -> bool,
}

/// A 400, a POST without an `Idempotency-Key`, a server delay over the cap: each is sent once,
/// its one decision says why, and the error is the answer's.
#[tokio::test]
async fn sent_once_then_the_error() {
    let rows = [
        OneAttempt {
            what: "a 400 is never retried",
            script: vec![Step::Error(AppError::BadInput), Step::Ok],
            request: |client, addr| client.get(format!("http://{addr}/")),
            decision: (Some(400), 0, Decision::NotRetryable),
            error: |error| {
                matches!(
                    error,
                    ClientError::Api {
                        error: AppError::BadInput,
                        ..
                    }
                )
            },
        },
        OneAttempt {
            what: "a POST without a key is sent once",
            script: vec![Step::Error(AppError::Maintenance), Step::Ok],
            request: |client, addr| {
                client
                    .post(format!("http://{addr}/orders"))
                    .body(r#"{"sku":"A-1"}"#)
            },
            decision: (Some(503), 0, Decision::NotIdempotent),
            error: |error| {
                matches!(
                    error,
                    ClientError::Api {
                        error: AppError::Maintenance,
                        ..
                    }
                )
            },
        },
        OneAttempt {
            what: "a server delay over the cap ends with the error",
            script: vec![Step::Raw(503, &[("retry-after", "120")]), Step::Ok],
            request: |client, addr| client.get(format!("http://{addr}/")),
            decision: (
                Some(503),
                0,
                Decision::DelayTooLong(Duration::from_secs(120)),
            ),
            error: |error| {
                error.response().is_some_and(|response| {
                    response.retry_after() == Some(Duration::from_secs(120))
                })
            },
        },
    ];
    for row in rows {
        let (addr, seen) = server(row.script).await;
        let (policy, decisions) = fast_policy();
        let error = match send::<AppError>(
            (row.request)(&reqwest::Client::new(), addr),
            &policy,
            &RetryBudget::new(),
        )
        .await
        {
            Ok(response) => panic!("{}: succeeded: {response:?}", row.what),
            Err(error) => error,
        };
        assert!((row.error)(&error), "{}: {error:?}", row.what);
        assert_eq!(seen.lock().unwrap().len(), 1, "{}", row.what);
        assert_eq!(*decisions.lock().unwrap(), [row.decision], "{}", row.what);
    }
}

#[tokio::test]
async fn a_post_with_a_key_is_retried_with_the_same_key_and_body() {
    let (addr, seen) = server(vec![
        Step::Raw(429, &[]),
        Step::Error(AppError::Maintenance),
        Step::Ok,
    ])
    .await;
    let (policy, _) = fast_policy();
    let response = send::<AppError>(
        reqwest::Client::new()
            .post(format!("http://{addr}/orders"))
            .header("Idempotency-Key", "order-42")
            .body(r#"{"sku":"A-1"}"#),
        &policy,
        &RetryBudget::new(),
    )
    .await
    .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let seen = seen.lock().unwrap().clone();
    assert_eq!(seen.len(), 3);
    for request in &seen {
        assert_eq!(request.method, Method::POST);
        assert_eq!(request.key.as_deref(), Some("order-42"));
        assert_eq!(request.body, r#"{"sku":"A-1"}"#);
    }
}

#[tokio::test]
async fn the_budget_runs_out_and_requests_fail_fast() {
    let (addr, seen) = server(vec![Step::Error(AppError::Database)]).await;
    let (policy, decisions) = fast_policy();
    // Room for two retries.
    let budget = RetryBudget::new().with_capacity(10);
    let client = reqwest::Client::new();
    for _ in 0..3 {
        let error = send::<AppError>(client.get(format!("http://{addr}/")), &policy, &budget)
            .await
            .unwrap_err();
        assert!(matches!(
            error,
            ClientError::Api {
                error: AppError::Database,
                ..
            }
        ));
    }
    // The first request: 3 attempts (2 retries); the next two: 1 each.
    assert_eq!(seen.lock().unwrap().len(), 5);
    assert_eq!(budget.available(), 0);
    let stops: Vec<Decision> = decisions
        .lock()
        .unwrap()
        .iter()
        .filter(|d| !d.2.is_retry())
        .map(|d| d.2)
        .collect();
    assert_eq!(stops, [Decision::OutOfBudget; 3]);
}

#[tokio::test]
async fn a_refused_connection_is_retried_then_a_transport_error() {
    let addr = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .unwrap()
        .local_addr()
        .unwrap();
    let (policy, decisions) = fast_policy();
    let error = send::<AppError>(
        reqwest::Client::new().get(format!("http://{addr}/")),
        &policy,
        &RetryBudget::new(),
    )
    .await
    .unwrap_err();
    assert!(matches!(error, ClientError::Transport(_)));
    let decisions = decisions.lock().unwrap().clone();
    assert_eq!(decisions.len(), 4);
    assert!(decisions.iter().all(|(status, _, _)| status.is_none()));
}

// ===== tower, on the paused clock =====

type Calls = Arc<Mutex<Vec<(tokio::time::Instant, Option<String>)>>>;

/// A mock service answering `script` in turn (the last ever after): status and headers.
fn mock(
    script: &'static [(u16, &'static [(&'static str, &'static str)])],
) -> (
    impl tower::Service<
            http::Request<String>,
            Response = http::Response<String>,
            Error = std::io::Error,
        > + Clone,
    Calls,
) {
    let calls: Calls = Arc::default();
    let log = Arc::clone(&calls);
    let service = tower::service_fn(move |request: http::Request<String>| {
        let n = {
            let mut log = log.lock().unwrap();
            log.push((
                tokio::time::Instant::now(),
                request
                    .headers()
                    .get("idempotency-key")
                    .map(|key| key.to_str().unwrap().to_owned()),
            ));
            log.len() - 1
        };
        let (status, headers) = script[n.min(script.len() - 1)];
        async move {
            let mut response = http::Response::new(String::from("{}"));
            *response.status_mut() = StatusCode::from_u16(status).unwrap();
            for (name, value) in headers {
                response.headers_mut().insert(*name, value.parse().unwrap());
            }
            Ok(response)
        }
    });
    (service, calls)
}

/// The waits between the calls.
fn gaps(calls: &Calls) -> Vec<Duration> {
    calls
        .lock()
        .unwrap()
        .windows(2)
        .map(|pair| pair[1].0 - pair[0].0)
        .collect()
}

fn get() -> http::Request<String> {
    http::Request::get("http://api.example.com/orders/1")
        .body(String::new())
        .unwrap()
}

fn secs(n: u64) -> Duration {
    Duration::from_secs(n)
}

/// The waits of one retried request: the script, the policy, the status it ends with, the gaps
/// between the calls and, where the row says, the time it took.
struct Waits {
    what: &'static str,
    script: &'static [(u16, &'static [(&'static str, &'static str)])],
    policy: RetryPolicy,
    status: StatusCode,
    gaps: Vec<Duration>,
    elapsed: Option<Duration>,
}

/// The exact waits on the paused clock: the default backoff, its cap, the server's delays.
#[tokio::test(start_paused = true)]
async fn tower_waits() {
    let rows = [
        Waits {
            what: "the default backoff without jitter: 1 s, doubling; three retries",
            script: &[(503, &[])],
            policy: RetryPolicy::new().no_jitter(),
            status: StatusCode::SERVICE_UNAVAILABLE,
            gaps: vec![secs(1), secs(2), secs(4)],
            elapsed: None,
        },
        Waits {
            what: "the backoff reaches the cap",
            script: &[(500, &[])],
            policy: RetryPolicy::new().no_jitter().with_max_retries(7),
            status: StatusCode::INTERNAL_SERVER_ERROR,
            gaps: vec![
                secs(1),
                secs(2),
                secs(4),
                secs(8),
                secs(16),
                secs(30),
                secs(30),
            ],
            elapsed: None,
        },
        Waits {
            what:
                "the server's delays win over the backoff (1 s, 2 s); then the third backoff, 4 s",
            script: &[
                (429, &[("retry-after", "7")]),
                (503, &[("retry-after-ms", "2500")]),
                (502, &[]),
                (200, &[]),
            ],
            policy: RetryPolicy::new().no_jitter(),
            status: StatusCode::OK,
            gaps: vec![secs(7), ms(2500), secs(4)],
            elapsed: Some(ms(13_500)),
        },
    ];
    for row in rows {
        let (service, calls) = mock(row.script);
        let layer = HttpRetryPolicy::new(row.policy, RetryBudget::new()).into_layer();
        let started = tokio::time::Instant::now();
        let response = layer
            .layer(service)
            .oneshot(get())
            .await
            .unwrap_or_else(|error| panic!("{}: {error}", row.what));
        assert_eq!(response.status(), row.status, "{}", row.what);
        assert_eq!(gaps(&calls), row.gaps, "{}", row.what);
        if let Some(elapsed) = row.elapsed {
            assert_eq!(started.elapsed(), elapsed, "{}", row.what);
        }
    }
}

#[tokio::test(start_paused = true)]
async fn tower_stops_at_a_delay_over_the_cap() {
    let (service, calls) = mock(&[(503, &[("retry-after", "61")]), (200, &[])]);
    let layer = HttpRetryPolicy::new(RetryPolicy::new(), RetryBudget::new()).into_layer();
    let response = layer.layer(service).oneshot(get()).await.unwrap();
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(calls.lock().unwrap().len(), 1);

    // 60 s, the cap itself, is waited.
    let (service, calls) = mock(&[(503, &[("retry-after", "60")]), (200, &[])]);
    let layer = HttpRetryPolicy::new(RetryPolicy::new(), RetryBudget::new()).into_layer();
    let response = layer.layer(service).oneshot(get()).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(gaps(&calls), [secs(60)]);
}

#[tokio::test(start_paused = true)]
async fn tower_full_jitter_stays_within_the_backoff() {
    for seed in 0..20 {
        let (service, calls) = mock(&[(503, &[])]);
        // Full jitter asked for: it is no longer the default.
        let policy = RetryPolicy::new().full_jitter().with_jitter_seed(seed);
        let layer = HttpRetryPolicy::new(policy, RetryBudget::new()).into_layer();
        let _ = layer.layer(service).oneshot(get()).await.unwrap();
        let gaps = gaps(&calls);
        assert_eq!(gaps.len(), 3);
        for (gap, backoff) in gaps.iter().zip([secs(1), secs(2), secs(4)]) {
            assert!(*gap <= backoff, "seed {seed}: {gap:?} > {backoff:?}");
        }
    }
    // The same seed, the same waits.
    let run = |seed| async move {
        let (service, calls) = mock(&[(503, &[])]);
        // Full jitter asked for: it is no longer the default.
        let policy = RetryPolicy::new().full_jitter().with_jitter_seed(seed);
        let layer = HttpRetryPolicy::new(policy, RetryBudget::new()).into_layer();
        let _ = layer.layer(service).oneshot(get()).await.unwrap();
        gaps(&calls)
    };
    assert_eq!(run(3).await, run(3).await);
}

#[tokio::test(start_paused = true)]
async fn tower_keyed_post_reuses_the_key_and_unkeyed_is_sent_once() {
    let (service, calls) = mock(&[(503, &[]), (500, &[]), (201, &[])]);
    let layer =
        HttpRetryPolicy::new(RetryPolicy::new().no_jitter(), RetryBudget::new()).into_layer();
    let keyed = http::Request::post("http://api.example.com/orders")
        .header("Idempotency-Key", "order-42")
        .body(String::from("{}"))
        .unwrap();
    let response = layer.layer(service).oneshot(keyed).await.unwrap();
    assert_eq!(response.status(), StatusCode::CREATED);
    let keys: Vec<_> = calls.lock().unwrap().iter().map(|c| c.1.clone()).collect();
    assert_eq!(keys, vec![Some("order-42".to_owned()); 3]);

    let (service, calls) = mock(&[(503, &[]), (201, &[])]);
    let plain = http::Request::patch("http://api.example.com/orders/1")
        .body(String::from("{}"))
        .unwrap();
    let response = layer.layer(service).oneshot(plain).await.unwrap();
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(calls.lock().unwrap().len(), 1);
}

#[tokio::test(start_paused = true)]
async fn tower_budget_is_shared_by_the_requests() {
    let budget = RetryBudget::new().with_capacity(15);
    let layer = HttpRetryPolicy::new(RetryPolicy::new(), budget.clone()).into_layer();
    let (service, calls) = mock(&[(503, &[])]);
    let service = layer.layer(service);
    for _ in 0..4 {
        let response = service.clone().oneshot(get()).await.unwrap();
        assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    }
    // 4 attempts for the first request (3 retries, 15 tokens), then 1 each.
    assert_eq!(calls.lock().unwrap().len(), 7);
    assert_eq!(budget.available(), 0);
    // Successes refill it, one token each: five pay for the next retry.
    let (ok, _) = mock(&[(200, &[])]);
    let ok = layer.layer(ok);
    for _ in 0..5 {
        ok.clone().oneshot(get()).await.unwrap();
    }
    assert_eq!(budget.available(), 5);
    let (flaky, calls) = mock(&[(503, &[]), (200, &[])]);
    let response = layer.layer(flaky).oneshot(get()).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(calls.lock().unwrap().len(), 2);
}
