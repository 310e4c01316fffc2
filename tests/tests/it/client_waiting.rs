//! Waiting as the seeds say: the default jitter never retries before the schedule ("start with
//! 1 second and double", capped at 30 s) and spreads clients over each step; full jitter on
//! request; and the deadline across attempts, in the tower policy on tokio's paused clock and in
//! the reqwest adapter against a loopback server.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use apierror::client::reqwest::send;
use apierror::client::tower::HttpRetryPolicy;
use apierror::client::{
    ClientError, Decision, Decode, ErrorResponse, Jitter, RetryBudget, RetryPolicy,
};
use http::StatusCode;
use tower::{Layer, ServiceExt};

type Calls = Arc<Mutex<Vec<tokio::time::Instant>>>;

/// A service answering `status` (with `headers`) to every call, `answer_after` after it came.
fn always(
    status: u16,
    headers: &'static [(&'static str, &'static str)],
    answer_after: Duration,
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
    let service = tower::service_fn(move |_: http::Request<String>| {
        log.lock().unwrap().push(tokio::time::Instant::now());
        async move {
            tokio::time::sleep(answer_after).await;
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

/// The waits between the calls (each call's start to the next's).
fn gaps(calls: &Calls) -> Vec<Duration> {
    let calls = calls.lock().unwrap();
    calls.windows(2).map(|pair| pair[1] - pair[0]).collect()
}

fn get() -> http::Request<String> {
    http::Request::get("http://api.example.com/orders/1")
        .body(String::new())
        .unwrap()
}

fn secs(n: u64) -> Duration {
    Duration::from_secs(n)
}

type Decisions = Arc<Mutex<Vec<Decision>>>;

fn recorded(policy: RetryPolicy) -> (RetryPolicy, Decisions) {
    let decisions: Decisions = Arc::default();
    let log = Arc::clone(&decisions);
    let policy = policy.on_decision(move |_, decision| log.lock().unwrap().push(*decision));
    (policy, decisions)
}

/// The seeds' schedule is a floor: 1 s, 2 s, 4 s, never less; the draws reach up to the next
/// step and differ from client to client.
#[tokio::test(start_paused = true)]
async fn the_default_jitter_never_retries_before_the_schedule() {
    assert_eq!(RetryPolicy::new().jitter(), Jitter::BetweenSteps);
    let mut firsts = Vec::new();
    for seed in 0..40 {
        let (service, calls) = always(503, &[], Duration::ZERO);
        let policy = RetryPolicy::new().with_jitter_seed(seed);
        let layer = HttpRetryPolicy::new(policy, RetryBudget::unlimited()).into_layer();
        let response = layer.layer(service).oneshot(get()).await.unwrap();
        assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
        let gaps = gaps(&calls);
        assert_eq!(gaps.len(), 3, "seed {seed}");
        for (gap, (floor, ceiling)) in
            gaps.iter()
                .zip([(secs(1), secs(2)), (secs(2), secs(4)), (secs(4), secs(8))])
        {
            assert!(
                floor <= *gap && *gap <= ceiling,
                "seed {seed}: {gap:?} not in {floor:?}..={ceiling:?}"
            );
        }
        firsts.push(gaps[0]);
    }
    // Spread: forty clients that failed together do not retry together.
    firsts.sort();
    firsts.dedup();
    assert!(firsts.len() >= 35, "{firsts:?}");
    assert!(firsts.first().unwrap() < &Duration::from_millis(1_250));
    assert!(firsts.last().unwrap() > &Duration::from_millis(1_750));
}

/// At the cap there is no next step: 30 s exactly; full jitter, asked for, may go below.
#[tokio::test(start_paused = true)]
async fn at_the_cap_and_with_full_jitter() {
    let (service, calls) = always(503, &[], Duration::ZERO);
    let policy = RetryPolicy::new()
        .with_base_delay(secs(30))
        .with_max_retries(2)
        .with_jitter_seed(1);
    let layer = HttpRetryPolicy::new(policy, RetryBudget::unlimited()).into_layer();
    let _ = layer.layer(service).oneshot(get()).await.unwrap();
    assert_eq!(gaps(&calls), [secs(30), secs(30)]);

    let mut below = 0;
    for seed in 0..20 {
        let (service, calls) = always(503, &[], Duration::ZERO);
        let policy = RetryPolicy::new().full_jitter().with_jitter_seed(seed);
        let layer = HttpRetryPolicy::new(policy, RetryBudget::unlimited()).into_layer();
        let _ = layer.layer(service).oneshot(get()).await.unwrap();
        let gaps = gaps(&calls);
        for (gap, backoff) in gaps.iter().zip([secs(1), secs(2), secs(4)]) {
            assert!(*gap <= backoff, "seed {seed}");
        }
        below += usize::from(gaps[0] < secs(1));
    }
    // Full jitter draws from 0: the first retry comes before the schedule.
    assert!(below >= 15, "{below}");
}

/// A deadline of 5 s: retries at 1 s and 3 s (1 + 2); the third would wait 4 s from 3 s, past
/// it: not made.
#[tokio::test(start_paused = true)]
async fn tower_the_deadline_stops_a_retry_that_could_not_finish() {
    let (service, calls) = always(503, &[], Duration::ZERO);
    let (policy, decisions) = recorded(RetryPolicy::new().no_jitter().with_deadline(secs(5)));
    let layer = HttpRetryPolicy::new(policy, RetryBudget::new()).into_layer();
    let started = tokio::time::Instant::now();
    let response = layer.layer(service).oneshot(get()).await.unwrap();
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(gaps(&calls), [secs(1), secs(2)]);
    assert_eq!(started.elapsed(), secs(3));
    assert_eq!(
        *decisions.lock().unwrap(),
        [
            Decision::Retry(secs(1)),
            Decision::Retry(secs(2)),
            Decision::OutOfTime
        ]
    );
}

/// The time the attempts take counts: each answers after 1.5 s, so with a 6 s deadline the first
/// retry starts at 2.5 s, the second would start at 6 s (4 s + 2 s): not made.
#[tokio::test(start_paused = true)]
async fn tower_the_deadline_counts_the_attempts_too() {
    let (service, calls) = always(503, &[], Duration::from_millis(1_500));
    let (policy, decisions) = recorded(RetryPolicy::new().no_jitter().with_deadline(secs(6)));
    let layer = HttpRetryPolicy::new(policy, RetryBudget::new()).into_layer();
    let started = tokio::time::Instant::now();
    let _ = layer.layer(service).oneshot(get()).await.unwrap();
    assert_eq!(gaps(&calls), [Duration::from_millis(2_500)]);
    assert_eq!(started.elapsed(), secs(4));
    assert_eq!(
        *decisions.lock().unwrap(),
        [Decision::Retry(secs(1)), Decision::OutOfTime]
    );
    // The same layer serves another request: its clock starts again.
    let (service, calls) = always(503, &[], Duration::ZERO);
    let (policy, _) = recorded(RetryPolicy::new().no_jitter().with_deadline(secs(5)));
    let layer = HttpRetryPolicy::new(policy, RetryBudget::new()).into_layer();
    let service = layer.layer(service);
    for _ in 0..2 {
        let before = calls.lock().unwrap().len();
        let _ = service.clone().oneshot(get()).await.unwrap();
        assert_eq!(calls.lock().unwrap().len() - before, 3);
    }
}

/// The server's delay counts against the deadline like a backoff.
#[tokio::test(start_paused = true)]
async fn tower_a_server_delay_past_the_deadline_is_not_waited() {
    let (service, calls) = always(429, &[("retry-after", "20")], Duration::ZERO);
    let (policy, decisions) = recorded(RetryPolicy::new().with_deadline(secs(10)));
    let layer = HttpRetryPolicy::new(policy, RetryBudget::new()).into_layer();
    let started = tokio::time::Instant::now();
    let response = layer.layer(service).oneshot(get()).await.unwrap();
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(calls.lock().unwrap().len(), 1);
    assert_eq!(started.elapsed(), Duration::ZERO);
    assert_eq!(*decisions.lock().unwrap(), [Decision::OutOfTime]);
}

#[derive(Debug)]
struct Untyped;

impl Decode for Untyped {
    fn decode(_: &ErrorResponse) -> Option<Self> {
        None
    }
}

/// A loopback server that answers `status` with `retry-after`, after `answer_after`, counting
/// the requests.
async fn server(
    status: u16,
    retry_after: &'static str,
    answer_after: Duration,
) -> (std::net::SocketAddr, Arc<Mutex<usize>>) {
    let count = Arc::new(Mutex::new(0));
    let seen = Arc::clone(&count);
    let app = axum::Router::new().fallback(move || {
        *seen.lock().unwrap() += 1;
        async move {
            tokio::time::sleep(answer_after).await;
            (
                StatusCode::from_u16(status).unwrap(),
                [
                    ("retry-after", retry_after),
                    ("content-type", "application/json"),
                ],
                r#"{"error":{"code":"BUSY","message":"busy"}}"#,
            )
        }
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (addr, count)
}

/// reqwest: a retry whose wait would reach the deadline is not made, and the last response
/// comes back decoded. (Real time: reqwest's own timers do not follow a paused clock; nothing
/// here depends on how long anything takes.)
#[tokio::test]
async fn reqwest_a_wait_past_the_deadline_is_not_made() {
    let (addr, count) = server(503, "30", Duration::ZERO).await;
    let (policy, decisions) = recorded(RetryPolicy::new().with_deadline(secs(20)));
    let error = send::<Untyped>(
        reqwest::Client::new().get(format!("http://{addr}/")),
        &policy,
        &RetryBudget::new(),
    )
    .await
    .unwrap_err();
    let response = error.response().unwrap();
    assert_eq!(response.code(), Some("BUSY"));
    assert_eq!(response.retry_after(), Some(secs(30)));
    assert_eq!(*count.lock().unwrap(), 1);
    assert_eq!(*decisions.lock().unwrap(), [Decision::OutOfTime]);
}

/// reqwest: an attempt is cut at the deadline (its timeout is the time left), and none follows.
#[tokio::test]
async fn reqwest_an_attempt_does_not_run_past_the_deadline() {
    let (addr, count) = server(503, "0", secs(30)).await;
    let (policy, decisions) =
        recorded(RetryPolicy::new().with_deadline(Duration::from_millis(200)));
    let started = std::time::Instant::now();
    let error = send::<Untyped>(
        reqwest::Client::new().get(format!("http://{addr}/")),
        &policy,
        &RetryBudget::new(),
    )
    .await
    .unwrap_err();
    // Well before the server's 30 s: the deadline cut it.
    assert!(started.elapsed() < secs(20));
    let ClientError::Transport(error) = error else {
        panic!("{error:?}");
    };
    assert!(
        error
            .downcast_ref::<reqwest::Error>()
            .is_some_and(reqwest::Error::is_timeout),
        "{error:?}"
    );
    assert_eq!(*count.lock().unwrap(), 1);
    // Timed out, 200 ms in: the first retry's wait (at least 1 s) would pass the deadline.
    assert_eq!(*decisions.lock().unwrap(), [Decision::OutOfTime]);
}
