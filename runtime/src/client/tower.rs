//! The [`RetryPolicy`] as a [`tower::retry::Policy`], for tower-based HTTP clients
//! (hyper-util's `Client`, tonic's channels, any `Service<http::Request<B>>`): the standard
//! one tower-rs/tower#682 asks for.
//!
//! ```no_run
//! # async fn run() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
//! use apierror::client::tower::HttpRetryPolicy;
//! use apierror::client::{RetryBudget, RetryPolicy};
//! use tower::{ServiceBuilder, ServiceExt};
//!
//! // Any service from `http::Request<B>` (`B: Clone`) to `http::Response<_>`.
//! let inner = tower::service_fn(|_request: http::Request<String>| async {
//!     Ok::<_, std::io::Error>(http::Response::new(String::new()))
//! });
//! let client = ServiceBuilder::new()
//!     .layer(HttpRetryPolicy::new(RetryPolicy::new(), RetryBudget::new()).into_layer())
//!     .service(inner);
//! let response = client
//!     .oneshot(http::Request::get("http://127.0.0.1:8080/orders/1").body(String::new())?)
//!     .await?;
//! # Ok(()) }
//! ```
//!
//! # What it sees
//!
//! A tower policy decides before anyone reads the response's body (the body may be a
//! stream, and reading it would take it from the caller): an error response is classified
//! by its status and headers alone, its delay read from `Retry-After`, `retry-after-ms` and
//! the rate-limit headers, never from the body (the delays of Google's `RetryInfo` or of
//! `details.retry_after` are seen by the [reqwest adapter](super::reqwest), which reads the
//! body). The response the caller finally gets is untouched, body unread: decode it with
//! [`ErrorResponse::parse`](super::ErrorResponse::parse) once collected.
//!
//! The [deadline](super::RetryPolicy::with_deadline) counts from the first attempt's start
//! (when tower's `Retry` clones the request for it): a retry whose wait would reach it is not
//! made. A tower policy cannot cut an attempt that runs long; for a hard bound on the whole
//! call, put `tower::timeout::TimeoutLayer` with the same duration outside the retry layer.
//!
//! An `Err` from the inner service had no response: it is a timeout when its error (a
//! `std::io::Error`, or tower's `BoxError`, and their sources) holds an `io::Error` of kind
//! `TimedOut` or tokio's `Elapsed`, else a connection failure. Both retry idempotent requests
//! only, as any retry does.
//!
//! The request is cloned before each attempt (`B: Clone`: `String`, `Bytes`,
//! `http_body_util::Full`…; a streaming body must be buffered first), headers and all, so a
//! retried request carries the same `Idempotency-Key`. The waits are tokio timers: the
//! service must run on a tokio runtime with its time driver.

use std::any::Any;
use std::error::Error;
use std::sync::Arc;

use http::{Request, Response};
use tower::retry::RetryLayer;

use super::{Attempt, Decision, ErrorResponse, RetryBudget, RetryPolicy};

/// A [`RetryPolicy`] and the [`RetryBudget`] it draws on, as a [`tower::retry::Policy`] over
/// `http::Request<B>` and `http::Response<_>`.
///
/// Tower clones the policy for every request: the count of retries is the request's, the
/// budget (shared) is the client's.
#[derive(Debug, Clone)]
pub struct HttpRetryPolicy {
    policy: Arc<RetryPolicy>,
    budget: RetryBudget,
    retries: u32,
    /// When the request's first attempt began (set by `clone_request`, which tower's `Retry`
    /// calls before it), for the policy's deadline.
    started: Option<tokio::time::Instant>,
}

impl HttpRetryPolicy {
    /// `policy`, paid for from `budget`.
    #[must_use]
    pub fn new(policy: impl Into<Arc<RetryPolicy>>, budget: RetryBudget) -> Self {
        Self {
            policy: policy.into(),
            budget,
            retries: 0,
            started: None,
        }
    }

    /// This policy as a [`RetryLayer`], for `ServiceBuilder::layer`.
    #[must_use]
    pub fn into_layer(self) -> RetryLayer<Self> {
        RetryLayer::new(self)
    }

    /// The retry policy.
    #[must_use]
    pub fn policy(&self) -> &RetryPolicy {
        &self.policy
    }

    /// The budget.
    #[must_use]
    pub fn budget(&self) -> &RetryBudget {
        &self.budget
    }
}

impl<B, ResB, E> tower::retry::Policy<Request<B>, Response<ResB>, E> for HttpRetryPolicy
where
    B: Clone,
    E: 'static,
{
    type Future = tokio::time::Sleep;

    fn retry(
        &mut self,
        request: &mut Request<B>,
        result: &mut Result<Response<ResB>, E>,
    ) -> Option<Self::Future> {
        let (method, headers) = (request.method(), request.headers());
        let elapsed = self
            .started
            .get_or_insert_with(tokio::time::Instant::now)
            .elapsed();
        let decision = match result {
            Ok(response) => {
                let status = response.status();
                if !(status.is_client_error() || status.is_server_error()) {
                    self.budget.record_success();
                    return None;
                }
                let error = ErrorResponse::parse(status, response.headers(), &[]);
                let attempt = Attempt::response(method, headers, &error);
                let attempt = attempt.after_retries(self.retries).with_elapsed(elapsed);
                self.policy.decide(&attempt, &self.budget)
            }
            Err(error) => {
                let attempt = if is_timeout(error) {
                    Attempt::timed_out(method, headers)
                } else {
                    Attempt::connection_failed(method, headers)
                };
                let attempt = attempt.after_retries(self.retries).with_elapsed(elapsed);
                self.policy.decide(&attempt, &self.budget)
            }
        };
        match decision {
            Decision::Retry(delay) => {
                self.retries += 1;
                Some(tokio::time::sleep(delay))
            }
            _ => None,
        }
    }

    fn clone_request(&mut self, request: &Request<B>) -> Option<Request<B>> {
        if self.retries == 0 {
            // Before the first attempt (on the service's own copy, which tower then clones for
            // the request): the clock of the deadline starts here.
            self.started = Some(tokio::time::Instant::now());
        }
        let mut clone = Request::new(request.body().clone());
        clone.method_mut().clone_from(request.method());
        clone.uri_mut().clone_from(request.uri());
        *clone.version_mut() = request.version();
        clone.headers_mut().clone_from(request.headers());
        clone.extensions_mut().clone_from(request.extensions());
        Some(clone)
    }
}

/// Whether the service's error is a timeout, as far as its type can be seen.
fn is_timeout<E: 'static>(error: &E) -> bool {
    let any: &dyn Any = error;
    let error: &(dyn Error + 'static) =
        if let Some(error) = any.downcast_ref::<Box<dyn Error + Send + Sync>>() {
            &**error
        } else if let Some(error) = any.downcast_ref::<Box<dyn Error>>() {
            &**error
        } else if let Some(error) = any.downcast_ref::<std::io::Error>() {
            error
        } else if let Some(error) = any.downcast_ref::<tokio::time::error::Elapsed>() {
            error
        } else {
            return false;
        };
    let mut source = Some(error);
    while let Some(error) = source {
        if error.is::<tokio::time::error::Elapsed>() {
            return true;
        }
        source = match error.downcast_ref::<std::io::Error>() {
            Some(io) if io.kind() == std::io::ErrorKind::TimedOut => return true,
            // An `io::Error` wrapping another error hides it from `source`.
            Some(io) => match io.get_ref() {
                Some(inner) => Some(inner as &(dyn Error + 'static)),
                None => error.source(),
            },
            None => error.source(),
        };
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Mutex;
    use std::time::{Duration, Instant};

    use http::StatusCode;
    use tower::ServiceExt;

    type Log = Arc<Mutex<Vec<(Option<StatusCode>, Decision)>>>;
    type Keys = Arc<Mutex<Vec<Option<String>>>>;

    /// A policy with millisecond delays and no jitter, recording its decisions.
    fn policy() -> (RetryPolicy, Log) {
        let log: Log = Arc::default();
        let seen = Arc::clone(&log);
        let policy = RetryPolicy::new()
            .no_jitter()
            .with_base_delay(Duration::from_millis(5))
            .on_decision(move |attempt, decision| {
                seen.lock().unwrap().push((attempt.status(), *decision));
            });
        (policy, log)
    }

    /// A service answering `script` in turn (the last one ever after), recording the
    /// `Idempotency-Key` of every request.
    fn scripted(
        script: &'static [(u16, Option<&'static str>)],
    ) -> (
        impl tower::Service<Request<String>, Response = Response<String>, Error = std::io::Error>
            + Clone,
        Keys,
    ) {
        let keys: Keys = Arc::default();
        let seen = Arc::clone(&keys);
        let calls = Arc::new(AtomicUsize::new(0));
        let service = tower::service_fn(move |request: Request<String>| {
            let n = calls.fetch_add(1, Ordering::SeqCst);
            seen.lock().unwrap().push(
                request
                    .headers()
                    .get("idempotency-key")
                    .map(|k| k.to_str().unwrap().to_owned()),
            );
            let (status, retry_after) = script[n.min(script.len() - 1)];
            async move {
                let mut response = Response::new(String::from("{}"));
                *response.status_mut() = StatusCode::from_u16(status).unwrap();
                if let Some(delay) = retry_after {
                    response
                        .headers_mut()
                        .insert("retry-after", delay.parse().unwrap());
                }
                Ok(response)
            }
        });
        (service, keys)
    }

    fn get() -> Request<String> {
        Request::get("http://127.0.0.1/x")
            .body(String::new())
            .unwrap()
    }

    #[tokio::test]
    async fn retries_until_success_with_backoff() {
        let (policy, log) = policy();
        let (service, keys) = scripted(&[(503, None), (500, None), (200, None)]);
        let budget = RetryBudget::new();
        let retry = HttpRetryPolicy::new(policy, budget.clone()).into_layer();
        let started = Instant::now();
        let response = tower::Layer::layer(&retry, service)
            .oneshot(get())
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        assert!(started.elapsed() >= Duration::from_millis(15));
        assert_eq!(keys.lock().unwrap().len(), 3);
        assert_eq!(
            *log.lock().unwrap(),
            [
                (
                    Some(StatusCode::SERVICE_UNAVAILABLE),
                    Decision::Retry(Duration::from_millis(5))
                ),
                (
                    Some(StatusCode::INTERNAL_SERVER_ERROR),
                    Decision::Retry(Duration::from_millis(10))
                ),
            ]
        );
        // Two retries paid (5 each), one success refunded (1).
        assert_eq!(budget.available(), 500 - 10 + 1);
    }

    #[tokio::test]
    async fn honours_retry_after_and_stops_after_three_retries() {
        let (policy, log) = policy();
        let (service, keys) = scripted(&[(429, Some("0"))]);
        let layer = HttpRetryPolicy::new(policy, RetryBudget::new()).into_layer();
        let response = tower::Layer::layer(&layer, service)
            .oneshot(get())
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(keys.lock().unwrap().len(), 4);
        let decisions: Vec<_> = log.lock().unwrap().iter().map(|(_, d)| *d).collect();
        assert_eq!(
            decisions,
            [
                Decision::Retry(Duration::ZERO),
                Decision::Retry(Duration::ZERO),
                Decision::Retry(Duration::ZERO),
                Decision::OutOfAttempts,
            ]
        );
    }

    #[tokio::test]
    async fn never_retries_a_400_or_an_unkeyed_post() {
        let (policy, log) = policy();
        let (service, keys) = scripted(&[(400, None), (200, None)]);
        let layer = HttpRetryPolicy::new(policy.clone(), RetryBudget::new()).into_layer();
        let response = tower::Layer::layer(&layer, service)
            .oneshot(get())
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::BAD_REQUEST);
        assert_eq!(keys.lock().unwrap().len(), 1);

        let (service, keys) = scripted(&[(503, None), (200, None)]);
        let post = Request::post("http://127.0.0.1/x")
            .body(String::from("{}"))
            .unwrap();
        let response = tower::Layer::layer(&layer, service)
            .oneshot(post)
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(keys.lock().unwrap().len(), 1);
        assert_eq!(
            *log.lock().unwrap(),
            [
                (Some(StatusCode::BAD_REQUEST), Decision::NotRetryable),
                (
                    Some(StatusCode::SERVICE_UNAVAILABLE),
                    Decision::NotIdempotent
                ),
            ]
        );
    }

    #[tokio::test]
    async fn a_keyed_post_retries_with_the_same_key() {
        let (policy, _) = policy();
        let (service, keys) = scripted(&[(503, None), (502, None), (201, None)]);
        let layer = HttpRetryPolicy::new(policy, RetryBudget::new()).into_layer();
        let post = Request::post("http://127.0.0.1/x")
            .header("idempotency-key", "order-42")
            .body(String::from("{}"))
            .unwrap();
        let response = tower::Layer::layer(&layer, service)
            .oneshot(post)
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::CREATED);
        assert_eq!(*keys.lock().unwrap(), vec![Some("order-42".to_owned()); 3]);
    }

    #[tokio::test]
    async fn the_budget_runs_out() {
        let (policy, log) = policy();
        let budget = RetryBudget::new().with_capacity(10);
        let layer = HttpRetryPolicy::new(policy, budget.clone()).into_layer();
        let (service, keys) = scripted(&[(503, None)]);
        let service = tower::Layer::layer(&layer, service);
        for _ in 0..3 {
            let response = service.clone().oneshot(get()).await.unwrap();
            assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
        }
        // Two retries (5 tokens each) empty the bucket: 3 requests, 5 attempts.
        assert_eq!(keys.lock().unwrap().len(), 5);
        assert_eq!(budget.available(), 0);
        let stops = log
            .lock()
            .unwrap()
            .iter()
            .filter(|(_, d)| *d == Decision::OutOfBudget)
            .count();
        assert_eq!(stops, 3);
    }

    #[tokio::test]
    async fn errors_are_connection_failures_or_timeouts() {
        let (policy, log) = policy();
        let calls = Arc::new(AtomicUsize::new(0));
        let counter = Arc::clone(&calls);
        let service = tower::service_fn(move |_: Request<String>| {
            let n = counter.fetch_add(1, Ordering::SeqCst);
            async move {
                match n {
                    0 => Err::<Response<String>, Box<dyn Error + Send + Sync>>(
                        std::io::Error::from(std::io::ErrorKind::ConnectionRefused).into(),
                    ),
                    1 => Err(std::io::Error::from(std::io::ErrorKind::TimedOut).into()),
                    _ => Ok(Response::new(String::new())),
                }
            }
        });
        let budget = RetryBudget::new();
        let layer = HttpRetryPolicy::new(policy, budget.clone()).into_layer();
        let response = tower::Layer::layer(&layer, service)
            .oneshot(get())
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(calls.load(Ordering::SeqCst), 3);
        assert_eq!(log.lock().unwrap().len(), 2);
        // A connection failure costs 5, a timeout 10, the success refunds 1.
        assert_eq!(budget.available(), 500 - 15 + 1);
    }

    #[test]
    fn the_policy_is_send_and_sync() {
        fn assert_send_sync<T: Send + Sync + Clone>() {}
        assert_send_sync::<HttpRetryPolicy>();
        assert_send_sync::<RetryLayer<HttpRetryPolicy>>();
    }

    #[test]
    fn timeouts_are_found_in_the_chain() {
        let io = std::io::Error::new(std::io::ErrorKind::TimedOut, "slow");
        assert!(is_timeout(&io));
        let boxed: Box<dyn Error + Send + Sync> = Box::new(std::io::Error::other(io));
        assert!(is_timeout(&boxed));
        assert!(!is_timeout(&std::io::Error::from(
            std::io::ErrorKind::ConnectionReset
        )));
        assert!(!is_timeout(&"not an error"));
    }
}
