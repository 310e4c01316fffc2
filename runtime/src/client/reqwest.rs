//! Send a reqwest (0.13) request with the [`RetryPolicy`], and get the typed error back:
//! [`send`] retries what the policy says, waits what it says, and ends with the
//! `reqwest::Response` (any status under 400) or a [`ClientError<E>`] whose error response
//! has been read, decoded into `E` when `E` knows it, and kept.
//!
//! ```no_run
//! use apierror::client::{reqwest::send, ClientError, Decode, ErrorResponse, RetryBudget, RetryPolicy};
//!
//! # #[derive(Debug)] struct ApiError;
//! # impl Decode for ApiError { fn decode(_: &ErrorResponse) -> Option<Self> { None } }
//! # async fn run() -> Result<(), ClientError<ApiError>> {
//! // One policy and one budget per server, shared by every request to it.
//! let client = reqwest::Client::new();
//! let policy = RetryPolicy::new();
//! let budget = RetryBudget::new();
//!
//! let order = client
//!     .post("http://127.0.0.1:8080/orders")
//!     // Without it, a POST is sent once: it could be applied twice.
//!     .header("Idempotency-Key", "4c5a7c9e-order-42")
//!     .body(r#"{"sku":"A-1"}"#);
//! match send::<ApiError>(order, &policy, &budget).await {
//!     Ok(response) => println!("created: {}", response.status()),
//!     Err(ClientError::Api { error, response }) => println!("{error:?}, {:?}", response.code()),
//!     Err(other) => return Err(other),
//! }
//! # Ok(()) }
//! ```
//!
//! # reqwest's own retries
//!
//! reqwest 0.13 has a retry layer of its own (`ClientBuilder::retry`, `reqwest::retry`),
//! and [`send`] keeps what it gets right: the client's default, which resends only the
//! protocol's refusals (an HTTP/2 `REFUSED_STREAM`, a graceful `GOAWAY`), requests the
//! server never processed, at once and inside `Client::execute`. It cannot carry the rest of
//! this policy, which is why [`send`] runs its own loop around `Client::execute`, with
//! [`reqwest::Request::try_clone`] for each new attempt:
//!
//! - no delay: its policy's wait is `std::future::Ready<()>`, so every retry is immediate,
//!   without backoff, jitter or the server's `Retry-After`;
//! - its classifier (`retry::Builder::classify_fn`) sees the method, the URI and the status
//!   or the error, not the request's headers (no `Idempotency-Key` to allow a POST) nor
//!   the response's (no `Retry-After`, no rate-limit reset) nor its body;
//! - its budget (tower's `TpsBudget`: 20% extra load over 10 s, per client scope) is fixed
//!   but for the percentage, and is not shared with anything outside the client;
//! - it is set per client, not per request.
//!
//! Do not also give the client a status-retrying `reqwest::retry` policy: the two would
//! multiply (up to 3 × 4 attempts), the inner ones without delays.
//!
//! # The deadline
//!
//! With [`RetryPolicy::with_deadline`], each attempt's timeout is the time left before the
//! deadline (or the request's own timeout, if shorter), and a retry whose wait would reach the
//! deadline is not made: the caller gets the last error by then.
//!
//! # The body
//!
//! An error response's body is read whole, up to [`RetryPolicy::max_error_body`] (1 MiB by
//! default; the rest is dropped) before the policy decides, so delays in the body (Google's
//! `RetryInfo`, `details.retry_after`) count. A request whose body is a stream cannot be
//! cloned: it is sent once.

use reqwest::{Client, Request, RequestBuilder, Response};

use super::{Attempt, ClientError, Decision, Decode, ErrorResponse, RetryBudget, RetryPolicy};

/// Builds and sends `request` with `policy`, paid for from `budget`: the response when its
/// status is under 400, else the last error (see the [module](self)).
///
/// An invalid request (a bad URL, a header that did not parse) is a
/// [`ClientError::Transport`], never sent.
pub async fn send<E: Decode>(
    request: RequestBuilder,
    policy: &RetryPolicy,
    budget: &RetryBudget,
) -> Result<Response, ClientError<E>> {
    let (client, request) = request.build_split();
    match request {
        Ok(request) => execute(&client, request, policy, budget).await,
        Err(error) => Err(ClientError::Transport(Box::new(error))),
    }
}

/// Sends the built `request` with `client` and `policy`, paid for from `budget`: [`send`]
/// for a request already built.
pub async fn execute<E: Decode>(
    client: &Client,
    request: Request,
    policy: &RetryPolicy,
    budget: &RetryBudget,
) -> Result<Response, ClientError<E>> {
    // Each attempt sends a clone of the original, so every one has its headers (and its
    // `Idempotency-Key`) unchanged.
    let method = request.method().clone();
    let headers = request.headers().clone();
    // Tokio's clock, as the waits: the deadline is measured on the same one.
    let started = tokio::time::Instant::now();
    let own_timeout = request.timeout().copied();
    let mut request = request;
    let mut retries = 0;
    loop {
        if let Some(deadline) = policy.deadline() {
            // No attempt runs past the deadline: it has the time left, or less if it asked.
            let left = deadline.saturating_sub(started.elapsed());
            *request.timeout_mut() = Some(own_timeout.map_or(left, |own| own.min(left)));
        }
        let next = request.try_clone();
        let failure = match client.execute(request).await {
            Ok(response) if !is_error(&response) => {
                budget.record_success();
                return Ok(response);
            }
            Ok(response) => Unsuccessful::Response(Box::new(read_error(response, policy).await)),
            Err(error) => Unsuccessful::Transport(error),
        };
        let attempt = match &failure {
            Unsuccessful::Response(response) => Attempt::response(&method, &headers, response),
            Unsuccessful::Transport(error) if error.is_timeout() => {
                Attempt::timed_out(&method, &headers)
            }
            Unsuccessful::Transport(error) if error.is_connect() || error.is_request() => {
                Attempt::connection_failed(&method, &headers)
            }
            // A redirect loop, a body that failed to stream: the same again would fail again.
            Unsuccessful::Transport(_) => return Err(failure.into_error()),
        };
        let Some(next) = next else {
            return Err(failure.into_error());
        };
        let attempt = attempt
            .after_retries(retries)
            .with_elapsed(started.elapsed());
        match policy.decide(&attempt, budget) {
            Decision::Retry(delay) => {
                drop(failure);
                tokio::time::sleep(delay).await;
                request = next;
                retries += 1;
            }
            _ => return Err(failure.into_error()),
        }
    }
}

/// What one attempt ended with, when not a success.
enum Unsuccessful {
    // Boxed: the decoded response is large, and a transport error is one pointer.
    Response(Box<ErrorResponse>),
    Transport(reqwest::Error),
}

impl Unsuccessful {
    fn into_error<E: Decode>(self) -> ClientError<E> {
        match self {
            Unsuccessful::Response(response) => ClientError::from_response(*response),
            Unsuccessful::Transport(error) => ClientError::Transport(Box::new(error)),
        }
    }
}

fn is_error(response: &Response) -> bool {
    let status = response.status();
    status.is_client_error() || status.is_server_error()
}

/// The error response: status, headers and at most the policy's `max_error_body` bytes of
/// body, read with its parse options. A body that breaks off keeps what came.
async fn read_error(mut response: Response, policy: &RetryPolicy) -> ErrorResponse {
    let max = policy.max_error_body();
    let status = response.status();
    let headers = std::mem::take(response.headers_mut());
    let expected = response
        .content_length()
        .and_then(|len| usize::try_from(len).ok())
        .unwrap_or(0);
    let mut body = Vec::with_capacity(expected.min(max));
    while body.len() < max {
        match response.chunk().await {
            Ok(Some(chunk)) => {
                let room = max - body.len();
                body.extend_from_slice(&chunk[..chunk.len().min(room)]);
            }
            Ok(None) | Err(_) => break,
        }
    }
    ErrorResponse::parse_with(status, &headers, &body, policy.parse_options())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::SocketAddr;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::{Arc, Mutex};
    use std::time::Duration;

    use http::{HeaderMap, StatusCode};

    /// Any response: keeps it untyped.
    #[derive(Debug)]
    struct Untyped;

    impl Decode for Untyped {
        fn decode(_: &ErrorResponse) -> Option<Self> {
            None
        }
    }

    type Seen = Arc<Mutex<Vec<Option<String>>>>;

    /// A loopback server answering `script` in turn (the last one ever after), recording
    /// every request's `Idempotency-Key`.
    async fn server(script: &'static [(u16, &'static str)]) -> (SocketAddr, Seen) {
        let seen: Seen = Arc::default();
        let log = Arc::clone(&seen);
        let calls = Arc::new(AtomicUsize::new(0));
        let app = axum::Router::new().fallback(move |headers: HeaderMap| {
            let n = calls.fetch_add(1, Ordering::SeqCst);
            log.lock().unwrap().push(
                headers
                    .get("idempotency-key")
                    .map(|k| k.to_str().unwrap().to_owned()),
            );
            let (status, body) = script[n.min(script.len() - 1)];
            async move {
                (
                    StatusCode::from_u16(status).unwrap(),
                    [("content-type", "application/json")],
                    body,
                )
            }
        });
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        (addr, seen)
    }

    fn policy() -> (RetryPolicy, Arc<Mutex<Vec<Decision>>>) {
        let log: Arc<Mutex<Vec<Decision>>> = Arc::default();
        let seen = Arc::clone(&log);
        let policy = RetryPolicy::new()
            .no_jitter()
            .with_base_delay(Duration::from_millis(2))
            .on_decision(move |_, decision| seen.lock().unwrap().push(*decision));
        (policy, log)
    }

    const UNAVAILABLE: (u16, &str) = (503, r#"{"error":{"code":"MAINTENANCE","message":"m"}}"#);

    #[tokio::test]
    async fn retries_then_returns_the_success() {
        let (addr, seen) = server(&[UNAVAILABLE, (500, "{}"), (200, "ok")]).await;
        let (policy, log) = policy();
        let client = Client::new();
        let response = send::<Untyped>(
            client.get(format!("http://{addr}/")),
            &policy,
            &RetryBudget::new(),
        )
        .await
        .unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(response.text().await.unwrap(), "ok");
        assert_eq!(seen.lock().unwrap().len(), 3);
        assert_eq!(
            *log.lock().unwrap(),
            [
                Decision::Retry(Duration::from_millis(2)),
                Decision::Retry(Duration::from_millis(4))
            ]
        );
    }

    #[tokio::test]
    async fn gives_up_with_the_last_response_decoded() {
        let (addr, seen) = server(&[UNAVAILABLE]).await;
        let (policy, log) = policy();
        let error = send::<Untyped>(
            Client::new().get(format!("http://{addr}/")),
            &policy,
            &RetryBudget::new(),
        )
        .await
        .unwrap_err();
        let response = error.response().unwrap();
        assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(response.code(), Some("MAINTENANCE"));
        assert_eq!(seen.lock().unwrap().len(), 4);
        assert_eq!(log.lock().unwrap().last(), Some(&Decision::OutOfAttempts));
    }

    #[tokio::test]
    async fn a_post_is_retried_only_with_its_key() {
        let (policy, _) = policy();
        let budget = RetryBudget::new();
        let (addr, seen) = server(&[(429, "{}"), (200, "")]).await;
        let error = send::<Untyped>(
            Client::new().post(format!("http://{addr}/")).body("{}"),
            &policy,
            &budget,
        )
        .await
        .unwrap_err();
        assert_eq!(
            error.response().unwrap().status(),
            StatusCode::TOO_MANY_REQUESTS
        );
        assert_eq!(*seen.lock().unwrap(), [None]);

        let (addr, seen) = server(&[(429, "{}"), (502, ""), (201, "")]).await;
        let response = send::<Untyped>(
            Client::new()
                .post(format!("http://{addr}/"))
                .header("idempotency-key", "k-7")
                .body("{}"),
            &policy,
            &budget,
        )
        .await
        .unwrap();
        assert_eq!(response.status(), StatusCode::CREATED);
        assert_eq!(*seen.lock().unwrap(), vec![Some("k-7".to_owned()); 3]);
    }

    #[tokio::test]
    async fn a_400_is_final() {
        let (addr, seen) = server(&[(400, "{}"), (200, "")]).await;
        let (policy, log) = policy();
        let error = send::<Untyped>(
            Client::new().get(format!("http://{addr}/")),
            &policy,
            &RetryBudget::new(),
        )
        .await
        .unwrap_err();
        assert!(matches!(error, ClientError::Response(_)));
        assert_eq!(seen.lock().unwrap().len(), 1);
        assert_eq!(*log.lock().unwrap(), [Decision::NotRetryable]);
    }

    #[tokio::test]
    async fn connection_failures_are_retried_then_transport_errors() {
        // A port nobody listens on: bind one, then drop it.
        let addr = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .unwrap()
            .local_addr()
            .unwrap();
        let (policy, log) = policy();
        let budget = RetryBudget::new();
        let error = send::<Untyped>(
            Client::new().get(format!("http://{addr}/")),
            &policy,
            &budget,
        )
        .await
        .unwrap_err();
        assert!(matches!(error, ClientError::Transport(_)));
        assert_eq!(log.lock().unwrap().len(), 4);
        assert_eq!(budget.available(), 500 - 3 * 5);
    }

    #[tokio::test]
    async fn a_streamed_body_is_sent_once_and_a_bad_url_never() {
        let (addr, seen) = server(&[UNAVAILABLE, (200, "")]).await;
        let (policy, log) = policy();
        let stream = reqwest::Body::wrap(String::from("{}"));
        let error = send::<Untyped>(
            Client::new().put(format!("http://{addr}/")).body(stream),
            &policy,
            &RetryBudget::new(),
        )
        .await
        .unwrap_err();
        assert_eq!(
            error.response().unwrap().status(),
            StatusCode::SERVICE_UNAVAILABLE
        );
        assert_eq!(seen.lock().unwrap().len(), 1);
        assert!(log.lock().unwrap().is_empty());

        let error = send::<Untyped>(Client::new().get("not a url"), &policy, &RetryBudget::new())
            .await
            .unwrap_err();
        assert!(matches!(error, ClientError::Transport(_)));
    }

    #[test]
    fn the_future_is_send() {
        fn assert_send<T: Send>(_: &T) {}
        let (policy, budget) = (RetryPolicy::new(), RetryBudget::new());
        let client = Client::new();
        assert_send(&send::<Untyped>(
            client.get("http://127.0.0.1/"),
            &policy,
            &budget,
        ));
    }

    #[tokio::test]
    async fn the_error_body_is_bounded() {
        let (addr, _) =
            server(&[(404, r#"{"error":{"code":"NOT_FOUND","message":"gone"}}"#)]).await;
        let policy = RetryPolicy::new().with_max_error_body(10);
        let error = send::<Untyped>(
            Client::new().get(format!("http://{addr}/")),
            &policy,
            &RetryBudget::new(),
        )
        .await
        .unwrap_err();
        assert_eq!(error.response().unwrap().body().len(), 10);
    }
}
