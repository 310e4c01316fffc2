//! The retry policy's decisions, one rule at a time.
use super::*;
use http::HeaderValue;

fn response(status: u16, headers: &[(&'static str, &'static str)]) -> ErrorResponse {
    let mut map = HeaderMap::new();
    for (name, value) in headers {
        map.insert(*name, HeaderValue::from_static(value));
    }
    ErrorResponse::parse(StatusCode::from_u16(status).unwrap(), &map, b"")
}

fn decide(policy: &RetryPolicy, method: &Method, status: u16, retries: u32) -> Decision {
    let headers = HeaderMap::new();
    let response = response(status, &[]);
    let attempt = Attempt::response(method, &headers, &response).after_retries(retries);
    policy.decide(&attempt, &RetryBudget::unlimited())
}

#[test]
fn default_statuses() {
    let policy = RetryPolicy::default().no_jitter();
    for status in [408, 429, 500, 502, 503, 504] {
        assert_eq!(
            decide(&policy, &Method::GET, status, 0),
            Decision::Retry(Duration::from_secs(1)),
            "{status}"
        );
    }
    for status in [400, 401, 403, 404, 409, 422, 405, 418, 501, 505] {
        assert_eq!(
            decide(&policy, &Method::GET, status, 0),
            Decision::NotRetryable,
            "{status}"
        );
    }
}

#[test]
fn backoff_doubles_to_the_cap() {
    let policy = RetryPolicy::new().no_jitter().with_max_retries(10);
    let delays: Vec<_> = (0..7)
        .map(|n| decide(&policy, &Method::GET, 503, n).delay().unwrap())
        .collect();
    let secs = |s| Duration::from_secs(s);
    assert_eq!(
        delays,
        [
            secs(1),
            secs(2),
            secs(4),
            secs(8),
            secs(16),
            secs(30),
            secs(30)
        ]
    );
    assert_eq!(policy.backoff(u32::MAX), secs(30));
    assert_eq!(
        RetryPolicy::new().with_backoff_factor(1).backoff(5),
        secs(1)
    );
}

#[test]
fn three_retries() {
    let policy = RetryPolicy::new();
    assert!(decide(&policy, &Method::GET, 500, 2).is_retry());
    assert_eq!(
        decide(&policy, &Method::GET, 500, 3),
        Decision::OutOfAttempts
    );
    let none = RetryPolicy::new().with_max_retries(0);
    assert_eq!(decide(&none, &Method::GET, 500, 0), Decision::OutOfAttempts);
}

#[test]
fn full_jitter_stays_under_the_backoff_and_a_seed_repeats_it() {
    // Full jitter asked for: it is no longer the default.
    let policy = RetryPolicy::new()
        .full_jitter()
        .with_jitter_seed(7)
        .with_max_retries(10);
    let draw = |policy: &RetryPolicy| -> Vec<Duration> {
        (0..50)
            .map(|n| decide(policy, &Method::GET, 503, n % 6).delay().unwrap())
            .collect()
    };
    let first = draw(&policy);
    for (n, delay) in first.iter().enumerate() {
        assert!(*delay <= policy.backoff(u32::try_from(n % 6).unwrap()));
    }
    assert!(first.windows(2).any(|w| w[0] != w[1]));
    let again = draw(
        &RetryPolicy::new()
            .full_jitter()
            .with_jitter_seed(7)
            .with_max_retries(10),
    );
    assert_eq!(first, again);
}

#[test]
fn the_server_delay_wins_within_the_cap() {
    let policy = RetryPolicy::new();
    let headers = HeaderMap::new();
    let budget = RetryBudget::new();
    let decide = |response: &ErrorResponse| {
        policy.decide(
            &Attempt::response(&Method::GET, &headers, response).after_retries(2),
            &budget,
        )
    };
    assert_eq!(
        decide(&response(429, &[("retry-after", "7")])),
        Decision::Retry(Duration::from_secs(7))
    );
    assert_eq!(
        decide(&response(503, &[("retry-after", "0")])),
        Decision::Retry(Duration::ZERO)
    );
    assert_eq!(
        decide(&response(503, &[("retry-after", "120")])),
        Decision::DelayTooLong(Duration::from_secs(120))
    );
    // Unlisted statuses retry only with a delay; listed-never ones not even then.
    assert_eq!(
        decide(&response(529, &[("retry-after", "2")])),
        Decision::Retry(Duration::from_secs(2))
    );
    assert_eq!(decide(&response(529, &[])), Decision::NotRetryable);
    assert_eq!(
        decide(&response(400, &[("retry-after", "2")])),
        Decision::NotRetryable
    );
    let longer = RetryPolicy::new().with_max_server_delay(Duration::from_secs(300));
    assert_eq!(
        longer.decide(
            &Attempt::response(
                &Method::GET,
                &headers,
                &response(503, &[("retry-after", "120")])
            ),
            &budget
        ),
        Decision::Retry(Duration::from_secs(120))
    );
}

#[test]
fn delays_from_the_body_and_the_rate_limit() {
    let policy = RetryPolicy::new().no_jitter();
    let budget = RetryBudget::new();
    let headers = HeaderMap::new();
    let decide = |response: &ErrorResponse| {
        policy.decide(
            &Attempt::response(&Method::GET, &headers, response),
            &budget,
        )
    };
    let mut json = HeaderMap::new();
    json.insert("content-type", HeaderValue::from_static("application/json"));
    let flag = ErrorResponse::parse(
        StatusCode::TOO_MANY_REQUESTS,
        &json,
        br#"{"error":true,"message":"Slow down.","code":"RATE_LIMITED","retry_after_ms":1500}"#,
    );
    assert_eq!(decide(&flag), Decision::Retry(Duration::from_millis(1500)));

    // A rate limit with nothing left: its reset is the delay of a 429...
    let now = std::time::SystemTime::UNIX_EPOCH + Duration::from_secs(1_000);
    let mut limited = HeaderMap::new();
    limited.insert("x-ratelimit-limit", HeaderValue::from_static("10"));
    limited.insert("x-ratelimit-remaining", HeaderValue::from_static("0"));
    limited.insert("x-ratelimit-reset", HeaderValue::from_static("1005"));
    let response = ErrorResponse::parse_at(StatusCode::TOO_MANY_REQUESTS, &limited, b"", now);
    assert_eq!(decide(&response), Decision::Retry(Duration::from_secs(5)));
    // ...but no reason to retry a status off the lists.
    let response = ErrorResponse::parse_at(StatusCode::METHOD_NOT_ALLOWED, &limited, b"", now);
    assert_eq!(decide(&response), Decision::NotRetryable);
    // A delay too large to represent stops.
    let huge = response_with(503, "retry-after", "99999999999999999999");
    assert!(matches!(
        decide(&huge),
        Decision::DelayTooLong(_) | Decision::Retry(_)
    ));
}

fn response_with(status: u16, name: &'static str, value: &'static str) -> ErrorResponse {
    response(status, &[(name, value)])
}

#[test]
fn non_idempotent_methods_need_a_key() {
    let policy = RetryPolicy::new().no_jitter();
    let budget = RetryBudget::new();
    let response = response(503, &[]);
    let mut keyed = HeaderMap::new();
    keyed.insert("idempotency-key", HeaderValue::from_static("k-1"));
    let plain = HeaderMap::new();
    for method in [Method::POST, Method::PATCH] {
        assert_eq!(
            policy.decide(&Attempt::response(&method, &plain, &response), &budget),
            Decision::NotIdempotent
        );
        assert_eq!(
            policy.decide(&Attempt::connection_failed(&method, &plain), &budget),
            Decision::NotIdempotent
        );
        assert!(policy
            .decide(&Attempt::response(&method, &keyed, &response), &budget)
            .is_retry());
    }
    for method in [Method::GET, Method::PUT, Method::DELETE, Method::HEAD] {
        assert!(policy
            .decide(&Attempt::response(&method, &plain, &response), &budget)
            .is_retry());
    }
    let custom = RetryPolicy::new().with_idempotency_header(HeaderName::from_static("x-key"));
    assert_eq!(
        custom.decide(
            &Attempt::response(&Method::POST, &keyed, &response),
            &budget
        ),
        Decision::NotIdempotent
    );
}

#[test]
fn connection_failures_and_timeouts() {
    let headers = HeaderMap::new();
    let budget = RetryBudget::new();
    let policy = RetryPolicy::new().no_jitter();
    assert_eq!(
        policy.decide(&Attempt::connection_failed(&Method::GET, &headers), &budget),
        Decision::Retry(Duration::from_secs(1))
    );
    assert_eq!(
        policy.decide(&Attempt::timed_out(&Method::GET, &headers), &budget),
        Decision::Retry(Duration::from_secs(1))
    );
    assert_eq!(budget.available(), 500 - 5 - 10);
    let off = RetryPolicy::new()
        .with_retry_connection_failures(false)
        .with_retry_timeouts(false);
    assert_eq!(
        off.decide(&Attempt::connection_failed(&Method::GET, &headers), &budget),
        Decision::NotRetryable
    );
    assert_eq!(
        off.decide(&Attempt::timed_out(&Method::GET, &headers), &budget),
        Decision::NotRetryable
    );
}

#[test]
fn status_lists_are_configurable() {
    let policy = RetryPolicy::new()
        .no_jitter()
        .with_retry_status(StatusCode::CONFLICT)
        .with_never_status(StatusCode::SERVICE_UNAVAILABLE)
        .without_retry_status(StatusCode::INTERNAL_SERVER_ERROR);
    assert!(decide(&policy, &Method::GET, 409, 0).is_retry());
    assert_eq!(
        decide(&policy, &Method::GET, 503, 0),
        Decision::NotRetryable
    );
    assert_eq!(
        decide(&policy, &Method::GET, 500, 0),
        Decision::NotRetryable
    );
}

#[test]
fn the_budget_runs_out_and_successes_refill_it() {
    let policy = RetryPolicy::new().no_jitter();
    let budget = RetryBudget::new()
        .with_capacity(12)
        .with_retry_cost(5)
        .with_success_refund(2);
    let shared = budget.clone();
    let headers = HeaderMap::new();
    let response = response(503, &[]);
    let attempt = Attempt::response(&Method::GET, &headers, &response);
    assert!(policy.decide(&attempt, &budget).is_retry());
    assert!(policy.decide(&attempt, &shared).is_retry());
    assert_eq!(policy.decide(&attempt, &budget), Decision::OutOfBudget);
    assert_eq!(shared.available(), 2);
    budget.record_success();
    budget.record_success();
    assert_eq!(shared.available(), 6);
    assert!(policy.decide(&attempt, &shared).is_retry());
    for _ in 0..100 {
        budget.record_success();
    }
    assert_eq!(budget.available(), 12);
    let unlimited = RetryBudget::unlimited();
    for _ in 0..1000 {
        assert!(policy.decide(&attempt, &unlimited).is_retry());
    }
}

#[test]
fn the_observer_sees_every_decision() {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = Arc::clone(&seen);
    let policy = RetryPolicy::new()
        .no_jitter()
        .on_decision(move |attempt, decision| {
            log.lock()
                .unwrap()
                .push((attempt.status(), attempt.retries(), *decision));
        });
    let _ = decide(&policy, &Method::GET, 503, 1);
    let _ = decide(&policy.clone(), &Method::GET, 404, 0);
    assert_eq!(
        *seen.lock().unwrap(),
        [
            (
                Some(StatusCode::SERVICE_UNAVAILABLE),
                1,
                Decision::Retry(Duration::from_secs(2))
            ),
            (Some(StatusCode::NOT_FOUND), 0, Decision::NotRetryable),
        ]
    );
}

#[test]
fn the_default_jitter_stays_between_the_steps() {
    let policy = RetryPolicy::new().with_jitter_seed(11).with_max_retries(10);
    assert_eq!(policy.jitter(), Jitter::BetweenSteps);
    for retries in 0..8 {
        for _ in 0..20 {
            let delay = decide(&policy, &Method::GET, 503, retries).delay().unwrap();
            let low = policy.backoff(retries);
            let high = policy.backoff(retries + 1);
            assert!(low <= delay && delay <= high, "{retries}: {delay:?}");
        }
    }
    // `with_jitter(true)` is the default jitter, `false` none.
    assert_eq!(RetryPolicy::new().with_jitter(false).jitter(), Jitter::None);
    assert_eq!(
        RetryPolicy::new().no_jitter().with_jitter(true).jitter(),
        Jitter::BetweenSteps
    );
}

#[test]
fn the_deadline_comes_before_the_budget() {
    let policy = RetryPolicy::new()
        .no_jitter()
        .with_deadline(Duration::from_secs(10));
    let headers = HeaderMap::new();
    let budget = RetryBudget::new().with_capacity(5);
    let response = response(503, &[("retry-after", "4")]);
    let attempt = Attempt::response(&Method::GET, &headers, &response);
    // 6 s + 4 s reaches the deadline: not made, and not paid for.
    let late = attempt.with_elapsed(Duration::from_secs(6));
    assert_eq!(late.elapsed(), Duration::from_secs(6));
    assert_eq!(policy.decide(&late, &budget), Decision::OutOfTime);
    assert_eq!(budget.available(), 5);
    let in_time = attempt.with_elapsed(Duration::from_millis(5_999));
    assert_eq!(
        policy.decide(&in_time, &budget),
        Decision::Retry(Duration::from_secs(4))
    );
    assert_eq!(budget.available(), 0);
    // Not retryable stays not retryable, whatever the time.
    let final_response = response_with(404, "retry-after", "1");
    let attempt = Attempt::response(&Method::GET, &headers, &final_response)
        .with_elapsed(Duration::from_secs(60));
    assert_eq!(policy.decide(&attempt, &budget), Decision::NotRetryable);
    assert_eq!(RetryPolicy::new().deadline(), None);
}
