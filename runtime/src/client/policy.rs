//! When to send a failed request again, and how long to wait first: [`RetryPolicy`] decides
//! each [`Attempt`], a [`RetryBudget`] shared by the requests to one server pays for it.

use std::fmt;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use http::header::{HeaderMap, HeaderName};
use http::{Method, StatusCode};

use super::{ErrorResponse, ParseOptions, RetryBudget};

mod jitter;
mod statuses;
pub use jitter::Jitter;
use statuses::StatusSet;

/// What the server (or the network) answered one attempt, as the policy sees it.
#[derive(Debug, Clone, Copy)]
enum Answer<'a> {
    Response(&'a ErrorResponse),
    ConnectionFailed,
    TimedOut,
}

/// One failed attempt at a request, for [`RetryPolicy::decide`]: the request's method and
/// headers (the `Idempotency-Key` is read there), how many retries came before it, how long the
/// request has taken so far (for the [deadline](RetryPolicy::with_deadline)), and what came
/// back.
///
/// ```
/// use apierror::client::{Attempt, Decision, ErrorResponse, RetryBudget, RetryPolicy};
/// use http::{HeaderMap, Method, StatusCode};
///
/// let policy = RetryPolicy::new().no_jitter();
/// let budget = RetryBudget::new();
/// let request_headers = HeaderMap::new();
/// let response = ErrorResponse::parse(StatusCode::SERVICE_UNAVAILABLE, &HeaderMap::new(), b"");
///
/// let first = Attempt::response(&Method::GET, &request_headers, &response);
/// assert_eq!(policy.decide(&first, &budget), Decision::Retry(std::time::Duration::from_secs(1)));
/// let third = first.after_retries(2);
/// assert_eq!(policy.decide(&third, &budget), Decision::Retry(std::time::Duration::from_secs(4)));
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Attempt<'a> {
    method: &'a Method,
    headers: &'a HeaderMap,
    retries: u32,
    elapsed: Duration,
    answer: Answer<'a>,
}

impl<'a> Attempt<'a> {
    /// The server answered with the error `response` (any 4xx or 5xx).
    #[must_use]
    pub fn response(
        method: &'a Method,
        request_headers: &'a HeaderMap,
        response: &'a ErrorResponse,
    ) -> Self {
        Self::new(method, request_headers, Answer::Response(response))
    }

    /// No response: the connection could not be made, or broke before the response came.
    #[must_use]
    pub fn connection_failed(method: &'a Method, request_headers: &'a HeaderMap) -> Self {
        Self::new(method, request_headers, Answer::ConnectionFailed)
    }

    /// No response in time: the client's own timeout ran out.
    #[must_use]
    pub fn timed_out(method: &'a Method, request_headers: &'a HeaderMap) -> Self {
        Self::new(method, request_headers, Answer::TimedOut)
    }

    fn new(method: &'a Method, headers: &'a HeaderMap, answer: Answer<'a>) -> Self {
        Self {
            method,
            headers,
            retries: 0,
            elapsed: Duration::ZERO,
            answer,
        }
    }

    /// The same attempt, `elapsed` after the request's first attempt began (zero, the
    /// default, when the caller does not keep time): what the
    /// [deadline](RetryPolicy::with_deadline) is measured against.
    #[must_use]
    pub const fn with_elapsed(mut self, elapsed: Duration) -> Self {
        self.elapsed = elapsed;
        self
    }

    /// How long the request has taken so far, its attempts and waits included.
    #[must_use]
    pub const fn elapsed(&self) -> Duration {
        self.elapsed
    }

    /// The same attempt, after `retries` retries of the request (the first attempt has 0,
    /// the default).
    #[must_use]
    pub const fn after_retries(mut self, retries: u32) -> Self {
        self.retries = retries;
        self
    }

    /// The request's method.
    #[must_use]
    pub const fn method(&self) -> &'a Method {
        self.method
    }

    /// The request's headers.
    #[must_use]
    pub const fn request_headers(&self) -> &'a HeaderMap {
        self.headers
    }

    /// How many retries came before this attempt.
    #[must_use]
    pub const fn retries(&self) -> u32 {
        self.retries
    }

    /// The error response, when the server answered.
    #[must_use]
    pub const fn error_response(&self) -> Option<&'a ErrorResponse> {
        match self.answer {
            Answer::Response(response) => Some(response),
            Answer::ConnectionFailed | Answer::TimedOut => None,
        }
    }

    /// The response's status, when the server answered.
    #[must_use]
    pub fn status(&self) -> Option<StatusCode> {
        self.error_response().map(ErrorResponse::status)
    }

    /// Whether the connection failed (no response).
    #[must_use]
    pub const fn is_connection_failure(&self) -> bool {
        matches!(self.answer, Answer::ConnectionFailed)
    }

    /// Whether the client's timeout ran out (no response).
    #[must_use]
    pub const fn is_timeout(&self) -> bool {
        matches!(self.answer, Answer::TimedOut)
    }
}

/// What [`RetryPolicy::decide`] says about a failed attempt: send it again after a delay, or
/// stop (and why), handing the caller the last error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Decision {
    /// Wait this long, then send the request again (the same headers, its `Idempotency-Key`
    /// unchanged). The budget has been charged.
    Retry(Duration),
    /// The answer is final: a status the policy does not retry (400, 404…), a connection
    /// failure or timeout when those are switched off.
    NotRetryable,
    /// The answer is retryable but the request is not: a POST, a PATCH (any method that is
    /// not idempotent) without an `Idempotency-Key`.
    NotIdempotent,
    /// The request has had all its retries.
    OutOfAttempts,
    /// The budget shared with the other requests cannot pay for a retry: the server is
    /// failing too often to retry now.
    OutOfBudget,
    /// The server asked to wait longer than the policy's cap
    /// ([`RetryPolicy::with_max_server_delay`]): the caller gets the error (with the delay)
    /// and can schedule the request later.
    DelayTooLong(Duration),
    /// The retry could not finish before the policy's deadline
    /// ([`RetryPolicy::with_deadline`]): its wait alone would end at or after it.
    OutOfTime,
}

impl Decision {
    /// The delay, when the decision is to retry.
    #[must_use]
    pub const fn delay(&self) -> Option<Duration> {
        match self {
            Decision::Retry(delay) => Some(*delay),
            _ => None,
        }
    }

    /// Whether the decision is to retry.
    #[must_use]
    pub const fn is_retry(&self) -> bool {
        matches!(self, Decision::Retry(_))
    }
}

type Observer = Arc<dyn Fn(&Attempt<'_>, &Decision) + Send + Sync>;

/// When to retry a failed request and how long to wait first, as the seed documents say:
/// retry what is transient, with exponential backoff (never sooner than its schedule, spread by
/// [`Jitter`]), the server's own delay first, idempotent requests only, never more than the
/// budget allows, never past the deadline.
///
/// The default ([`RetryPolicy::new`]):
///
/// | | default | change with |
/// |---|---|---|
/// | statuses retried | 408, 429, 500, 502, 503, 504 | [`with_retry_status`](Self::with_retry_status), [`without_retry_status`](Self::without_retry_status) |
/// | statuses never retried | 400, 401, 403, 404, 409, 422 | [`with_never_status`](Self::with_never_status) |
/// | any other 4xx / 5xx | retried only with a `Retry-After` or `retry-after-ms` header | |
/// | connection failures, timeouts | retried | [`with_retry_connection_failures`](Self::with_retry_connection_failures), [`with_retry_timeouts`](Self::with_retry_timeouts) |
/// | retries per request | 3 (4 attempts) | [`with_max_retries`](Self::with_max_retries) |
/// | backoff | 1 s, doubling, capped at 30 s | [`with_base_delay`](Self::with_base_delay), [`with_backoff_factor`](Self::with_backoff_factor), [`with_max_backoff`](Self::with_max_backoff) |
/// | jitter | [between steps](Jitter::BetweenSteps): uniform between the backoff and the next step's (1 to 2 s, 2 to 4 s…) | [`full_jitter`](Self::full_jitter), [`no_jitter`](Self::no_jitter), [`with_jitter_mode`](Self::with_jitter_mode), [`with_jitter_seed`](Self::with_jitter_seed) |
/// | deadline across attempts | none | [`with_deadline`](Self::with_deadline) |
/// | the server's delay | waited exactly, up to 60 s; longer stops | [`with_max_server_delay`](Self::with_max_server_delay) |
/// | non-idempotent methods (POST, PATCH…) | retried only with an `Idempotency-Key` | [`with_idempotency_header`](Self::with_idempotency_header) |
/// | error body read by the reqwest adapter | 1 MiB | [`with_max_error_body`](Self::with_max_error_body) |
/// | how the reqwest adapter reads it | [`ErrorResponse::parse`] | [`with_parse_options`](Self::with_parse_options) |
///
/// The order of the checks: the answer must be retryable, then the request (idempotent),
/// then a retry must be left, then the server's delay within the cap, then the retry's wait
/// before the deadline, then the [`RetryBudget`] must pay.
///
/// ```
/// use std::time::Duration;
/// use apierror::client::RetryPolicy;
///
/// let policy = RetryPolicy::new()
///     .with_max_retries(5)
///     .with_base_delay(Duration::from_millis(200))
///     .with_max_backoff(Duration::from_secs(10))
///     .no_jitter();
/// assert_eq!(policy.backoff(0), Duration::from_millis(200));
/// assert_eq!(policy.backoff(3), Duration::from_millis(1600));
/// assert_eq!(policy.backoff(10), Duration::from_secs(10));
/// ```
pub struct RetryPolicy {
    max_retries: u32,
    base_delay: Duration,
    factor: u32,
    max_backoff: Duration,
    jitter: Jitter,
    deadline: Option<Duration>,
    max_server_delay: Duration,
    retry: StatusSet,
    never: StatusSet,
    retry_connection_failures: bool,
    retry_timeouts: bool,
    idempotency_header: HeaderName,
    max_error_body: usize,
    parse_options: Arc<ParseOptions>,
    rng: Mutex<fastrand::Rng>,
    observer: Option<Observer>,
}

impl RetryPolicy {
    /// The seeds' transient statuses: 408 Request Timeout, 429 Too Many Requests, 500, 502,
    /// 503, 504.
    const RETRY: StatusSet = StatusSet::of(&[408, 429, 500, 502, 503, 504]);
    /// The seeds' final statuses: the same request will fail the same way.
    const NEVER: StatusSet = StatusSet::of(&[400, 401, 403, 404, 409, 422]);

    /// The default policy (the table above).
    #[must_use]
    pub fn new() -> Self {
        Self {
            // Three retries, four attempts: the seeds' count (AWS's standard mode makes three
            // attempts in all).
            max_retries: 3,
            // The first retry waits 1 s, the next 2 s, 4 s… (before jitter, which only adds).
            base_delay: Duration::from_secs(1),
            factor: 2,
            // No backoff over 30 s: longer waits belong to the caller, not to one request.
            max_backoff: Duration::from_secs(30),
            // Never sooner than the seeds' schedule, clients spread up to its next step (see
            // `Jitter::BetweenSteps` for why not AWS's full jitter).
            jitter: Jitter::BetweenSteps,
            // No deadline: how long a whole call may take is the caller's to say.
            deadline: None,
            // A minute covers the usual rate-limit window; a longer delay (a maintenance
            // window) is the caller's to schedule.
            max_server_delay: Duration::from_secs(60),
            // The seeds' lists; any other error status retries only on the server's
            // `Retry-After`.
            retry: Self::RETRY,
            never: Self::NEVER,
            // A connection that failed or a request that timed out had no answer: retried
            // like a 503, idempotent requests only.
            retry_connection_failures: true,
            retry_timeouts: true,
            // The IETF draft's header (draft-ietf-httpapi-idempotency-key-header), which
            // Stripe and others use.
            idempotency_header: HeaderName::from_static("idempotency-key"),
            // Enough for any error envelope; a larger body is not one.
            max_error_body: 1 << 20,
            parse_options: Arc::new(ParseOptions::new()),
            rng: Mutex::new(fastrand::Rng::new()),
            observer: None,
        }
    }

    /// At most `retries` retries per request (`0`: never retry).
    #[must_use]
    pub fn with_max_retries(mut self, retries: u32) -> Self {
        self.max_retries = retries;
        self
    }

    /// The backoff before the first retry (before jitter).
    #[must_use]
    pub fn with_base_delay(mut self, delay: Duration) -> Self {
        self.base_delay = delay;
        self
    }

    /// How much longer each backoff is than the one before (`1`: constant).
    #[must_use]
    pub fn with_backoff_factor(mut self, factor: u32) -> Self {
        self.factor = factor;
        self
    }

    /// The longest backoff (before jitter).
    #[must_use]
    pub fn with_max_backoff(mut self, max: Duration) -> Self {
        self.max_backoff = max;
        self
    }

    /// Jitter on (the default, [`Jitter::BetweenSteps`]) or off: off, every delay is the
    /// backoff itself and the policy is deterministic.
    #[must_use]
    pub fn with_jitter(self, jitter: bool) -> Self {
        self.with_jitter_mode(if jitter {
            Jitter::BetweenSteps
        } else {
            Jitter::None
        })
    }

    /// How each delay is drawn from the backoff (see [`Jitter`]).
    #[must_use]
    pub fn with_jitter_mode(mut self, jitter: Jitter) -> Self {
        self.jitter = jitter;
        self
    }

    /// Full jitter ([`Jitter::Full`], AWS's): a uniform delay between zero and the backoff.
    #[must_use]
    pub fn full_jitter(self) -> Self {
        self.with_jitter_mode(Jitter::Full)
    }

    /// Jitter off: every delay is [`backoff`](Self::backoff) exactly.
    #[must_use]
    pub fn no_jitter(self) -> Self {
        self.with_jitter_mode(Jitter::None)
    }

    /// The longest a request may take, all its attempts and waits included (as Google's gax
    /// and AWS's smithy-rs bound a call): a retry whose wait would end at or after `deadline`,
    /// counted from the start of the first attempt, is not made ([`Decision::OutOfTime`]).
    /// The reqwest adapter also gives each attempt the time that is left as its timeout, so
    /// none runs past it; the tower policy cannot cut an attempt (put tower's `TimeoutLayer`
    /// outside it for that).
    ///
    /// ```
    /// use std::time::Duration;
    /// use apierror::client::{Attempt, Decision, ErrorResponse, RetryBudget, RetryPolicy};
    /// use http::{HeaderMap, Method, StatusCode};
    ///
    /// let policy = RetryPolicy::new().no_jitter().with_deadline(Duration::from_secs(5));
    /// let (headers, budget) = (HeaderMap::new(), RetryBudget::new());
    /// let response = ErrorResponse::parse(StatusCode::SERVICE_UNAVAILABLE, &HeaderMap::new(), b"");
    /// let attempt = Attempt::response(&Method::GET, &headers, &response);
    ///
    /// // 3 s in, after two retries: the third (4 s) would end past the 5 s.
    /// let third = attempt.after_retries(2).with_elapsed(Duration::from_secs(3));
    /// assert_eq!(policy.decide(&third, &budget), Decision::OutOfTime);
    /// // 0.5 s in, the first retry (1 s) ends well before it.
    /// let first = attempt.with_elapsed(Duration::from_millis(500));
    /// assert_eq!(policy.decide(&first, &budget), Decision::Retry(Duration::from_secs(1)));
    /// ```
    #[must_use]
    pub fn with_deadline(mut self, deadline: Duration) -> Self {
        self.deadline = Some(deadline);
        self
    }

    /// How the reqwest adapter reads an error response (the request-id headers of your API,
    /// see [`ParseOptions`]).
    #[must_use]
    pub fn with_parse_options(mut self, options: ParseOptions) -> Self {
        self.parse_options = Arc::new(options);
        self
    }

    /// Jitter drawn from a generator seeded with `seed` (by default it is seeded at random):
    /// the same seed, the same delays.
    #[must_use]
    pub fn with_jitter_seed(mut self, seed: u64) -> Self {
        self.rng = Mutex::new(fastrand::Rng::with_seed(seed));
        self
    }

    /// The longest server's delay (`Retry-After`, `retry-after-ms`, a delay in the body, a
    /// rate-limit reset) the policy waits; a longer one ends with
    /// [`Decision::DelayTooLong`].
    #[must_use]
    pub fn with_max_server_delay(mut self, max: Duration) -> Self {
        self.max_server_delay = max;
        self
    }

    /// Retry `status` (with backoff, or after the server's delay).
    #[must_use]
    pub fn with_retry_status(mut self, status: StatusCode) -> Self {
        self.retry.insert(status);
        self.never.remove(status);
        self
    }

    /// Never retry `status`, whatever the server's delay.
    #[must_use]
    pub fn with_never_status(mut self, status: StatusCode) -> Self {
        self.never.insert(status);
        self.retry.remove(status);
        self
    }

    /// Neither list for `status`: it is retried only when the response has a `Retry-After`
    /// (or `retry-after-ms`) header.
    #[must_use]
    pub fn without_retry_status(mut self, status: StatusCode) -> Self {
        self.retry.remove(status);
        self.never.remove(status);
        self
    }

    /// Whether to retry a connection that failed (refused, reset) before a response.
    #[must_use]
    pub fn with_retry_connection_failures(mut self, retry: bool) -> Self {
        self.retry_connection_failures = retry;
        self
    }

    /// Whether to retry a request the client's timeout cut off.
    #[must_use]
    pub fn with_retry_timeouts(mut self, retry: bool) -> Self {
        self.retry_timeouts = retry;
        self
    }

    /// The request header whose presence makes a non-idempotent request retryable
    /// (`Idempotency-Key` by default).
    #[must_use]
    pub fn with_idempotency_header(mut self, name: HeaderName) -> Self {
        self.idempotency_header = name;
        self
    }

    /// The most of an error body the reqwest adapter reads to decode it (the rest is
    /// dropped).
    #[must_use]
    pub fn with_max_error_body(mut self, bytes: usize) -> Self {
        self.max_error_body = bytes;
        self
    }

    /// Calls `observer` with every attempt [`decide`](Self::decide) sees and its decision:
    /// for logs, metrics and tests.
    #[must_use]
    pub fn on_decision(
        mut self,
        observer: impl Fn(&Attempt<'_>, &Decision) + Send + Sync + 'static,
    ) -> Self {
        self.observer = Some(Arc::new(observer));
        self
    }

    /// The most retries per request.
    #[must_use]
    pub const fn max_retries(&self) -> u32 {
        self.max_retries
    }

    /// The most of an error body the reqwest adapter reads.
    #[must_use]
    pub const fn max_error_body(&self) -> usize {
        self.max_error_body
    }

    /// How each delay is drawn from the backoff.
    #[must_use]
    pub const fn jitter(&self) -> Jitter {
        self.jitter
    }

    /// The longest a request may take, attempts and waits included, if there is a limit.
    #[must_use]
    pub const fn deadline(&self) -> Option<Duration> {
        self.deadline
    }

    /// How the reqwest adapter reads an error response.
    #[must_use]
    pub fn parse_options(&self) -> &ParseOptions {
        &self.parse_options
    }

    /// The header that marks a request safe to repeat.
    #[must_use]
    pub const fn idempotency_header(&self) -> &HeaderName {
        &self.idempotency_header
    }

    /// The backoff after `retries` retries, before jitter: the base delay times the factor
    /// `retries` times, at most the cap.
    #[must_use]
    pub fn backoff(&self, retries: u32) -> Duration {
        self.factor
            .checked_pow(retries)
            .and_then(|m| self.base_delay.checked_mul(m))
            .map_or(self.max_backoff, |d| d.min(self.max_backoff))
    }

    /// Whether `attempt`'s request may be sent again, and after how long. A
    /// [`Decision::Retry`] has taken its cost from `budget`; a timeout costs more than other
    /// failures (see [`RetryBudget`]).
    pub fn decide(&self, attempt: &Attempt<'_>, budget: &RetryBudget) -> Decision {
        let decision = self.decide_quietly(attempt, budget);
        self.observe(attempt, &decision);
        decision
    }

    /// Whether an observer ([`on_decision`](Self::on_decision)) is set: gRPC builds the
    /// [`Attempt`] it sees only then.
    #[cfg(feature = "tonic")]
    pub(super) fn is_observed(&self) -> bool {
        self.observer.is_some()
    }

    /// Shows the observer, if any, `attempt` and its decision.
    pub(super) fn observe(&self, attempt: &Attempt<'_>, decision: &Decision) {
        if let Some(observer) = &self.observer {
            observer(attempt, decision);
        }
    }

    fn decide_quietly(&self, attempt: &Attempt<'_>, budget: &RetryBudget) -> Decision {
        let server_delay = match attempt.answer {
            Answer::Response(response) => {
                if !self.retries_status(response) {
                    return Decision::NotRetryable;
                }
                response.retry_after()
            }
            Answer::ConnectionFailed if self.retry_connection_failures => None,
            Answer::TimedOut if self.retry_timeouts => None,
            Answer::ConnectionFailed | Answer::TimedOut => return Decision::NotRetryable,
        };
        self.schedule(
            self.is_idempotent(attempt),
            attempt.retries,
            server_delay,
            matches!(attempt.answer, Answer::TimedOut),
            attempt.elapsed,
            budget,
        )
    }

    /// The checks after the answer's own, which every protocol shares (HTTP here, gRPC in
    /// `client::grpc`): the request must be safe to repeat, a retry must be left, the server's
    /// delay within the cap (else the backoff, jittered), the wait must end before the
    /// deadline (`elapsed` is the time since the first attempt began), and the budget must
    /// pay (a timeout costs more).
    pub(super) fn schedule(
        &self,
        idempotent: bool,
        retries: u32,
        server_delay: Option<Duration>,
        timed_out: bool,
        elapsed: Duration,
        budget: &RetryBudget,
    ) -> Decision {
        if !idempotent {
            return Decision::NotIdempotent;
        }
        if retries >= self.max_retries {
            return Decision::OutOfAttempts;
        }
        let delay = match server_delay {
            Some(delay) if delay > self.max_server_delay => {
                return Decision::DelayTooLong(delay);
            }
            Some(delay) => delay,
            None => self.jittered(self.backoff(retries)),
        };
        if self
            .deadline
            .is_some_and(|deadline| elapsed.saturating_add(delay) >= deadline)
        {
            return Decision::OutOfTime;
        }
        if !budget.withdraw(timed_out) {
            return Decision::OutOfBudget;
        }
        Decision::Retry(delay)
    }

    fn retries_status(&self, response: &ErrorResponse) -> bool {
        let status = response.status();
        if self.never.contains(status) {
            false
        } else if self.retry.contains(status) {
            true
        } else {
            // An explicit retry signal, not a delay from elsewhere (a rate limit's reset says
            // when the quota returns, not that this request will then succeed).
            (status.is_client_error() || status.is_server_error())
                && (response.header("retry-after").is_some()
                    || response.header("retry-after-ms").is_some())
        }
    }

    fn is_idempotent(&self, attempt: &Attempt<'_>) -> bool {
        attempt.method.is_idempotent()
            || attempt
                .headers
                .get(&self.idempotency_header)
                .is_some_and(|key| !key.is_empty())
    }

    fn jittered(&self, backoff: Duration) -> Duration {
        let (low, high) = self.jitter.bounds(backoff, self.factor, self.max_backoff);
        if low == high {
            // No jitter, or no room for it: the generator is left as it is.
            return backoff;
        }
        let mut rng = self.rng.lock().unwrap_or_else(PoisonError::into_inner);
        Duration::from_nanos(rng.u64(low..=high))
    }
}

impl Default for RetryPolicy {
    /// [`RetryPolicy::new`].
    fn default() -> Self {
        Self::new()
    }
}

impl Clone for RetryPolicy {
    /// The same policy; its jitter generator forked from this one's.
    fn clone(&self) -> Self {
        let rng = self
            .rng
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .fork();
        Self {
            max_retries: self.max_retries,
            base_delay: self.base_delay,
            factor: self.factor,
            max_backoff: self.max_backoff,
            jitter: self.jitter,
            deadline: self.deadline,
            max_server_delay: self.max_server_delay,
            retry: self.retry,
            never: self.never,
            retry_connection_failures: self.retry_connection_failures,
            retry_timeouts: self.retry_timeouts,
            idempotency_header: self.idempotency_header.clone(),
            max_error_body: self.max_error_body,
            parse_options: Arc::clone(&self.parse_options),
            rng: Mutex::new(rng),
            observer: self.observer.clone(),
        }
    }
}

impl fmt::Debug for RetryPolicy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RetryPolicy")
            .field("max_retries", &self.max_retries)
            .field("base_delay", &self.base_delay)
            .field("factor", &self.factor)
            .field("max_backoff", &self.max_backoff)
            .field("jitter", &self.jitter)
            .field("deadline", &self.deadline)
            .field("max_server_delay", &self.max_server_delay)
            .field("retry", &self.retry)
            .field("never", &self.never)
            .field("retry_connection_failures", &self.retry_connection_failures)
            .field("retry_timeouts", &self.retry_timeouts)
            .field("idempotency_header", &self.idempotency_header)
            .field("max_error_body", &self.max_error_body)
            .field("parse_options", &self.parse_options)
            .field("observer", &self.observer.is_some())
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests;
