//! The gRPC retry decision: [`RetryPolicy::decide_grpc`], which the tower policy and the
//! caller's own loop share, on the same backoff, server-delay cap and [`RetryBudget`] as HTTP.

use std::time::Duration;

use http::{HeaderMap, Method};
use tonic::Code;

use super::super::{Attempt, Decision, ErrorResponse, RetryBudget, RetryPolicy};

/// Marks a gRPC call safe to repeat (its method is idempotent: a read, a `Set`, a `Delete` by
/// id…), so that `DEADLINE_EXCEEDED` and `ABORTED` are retried too: put it in the request's
/// extensions (`request.extensions_mut().insert(Idempotent)`), where
/// [`GrpcRetryPolicy`](super::GrpcRetryPolicy) looks.
///
/// gRPC has no header for it (proto's `idempotency_level` option stays in the descriptor),
/// so the caller, who knows the method, says it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Idempotent;

/// What a status code says about retrying.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Class {
    /// Retried, whatever the call: the server did not do the work.
    Transient,
    /// Retried when the call is idempotent: the work may have been done.
    IfIdempotent,
    /// Never retried.
    Final,
}

/// The class of `code`, as `google/rpc/code.proto` describes each code.
fn class(code: Code) -> Class {
    match code {
        // "The service is currently unavailable… most likely a transient condition", and
        // "some resource has been exhausted" (a quota, a rate limit): the call was refused,
        // not run.
        Code::Unavailable | Code::ResourceExhausted => Class::Transient,
        // The deadline passed or a concurrency conflict aborted the call, which "may have
        // completed": retried only when running it twice is harmless.
        Code::DeadlineExceeded | Code::Aborted => Class::IfIdempotent,
        // INVALID_ARGUMENT, NOT_FOUND, PERMISSION_DENIED, UNAUTHENTICATED, FAILED_PRECONDITION
        // fail the same way until something else changes; OK, CANCELLED (the caller's own),
        // UNKNOWN, ALREADY_EXISTS, OUT_OF_RANGE, UNIMPLEMENTED, INTERNAL and DATA_LOSS are not
        // transient either (gRPC's own retry design retries only the codes a service lists).
        _ => Class::Final,
    }
}

impl RetryPolicy {
    /// Whether a gRPC call that ended with `status` may be made again, and after how long:
    /// the decision [`GrpcRetryPolicy`](super::GrpcRetryPolicy) takes, for a caller's own loop.
    /// `retries` is how many retries came before this attempt (0 after the first), `elapsed`
    /// the time since the first attempt began (for the [deadline](Self::with_deadline)),
    /// `idempotent` whether the call is safe to repeat. A [`Decision::Retry`] has taken its cost from
    /// `budget`; call [`RetryBudget::record_success`] after a call that succeeds.
    ///
    /// | code | decision |
    /// |---|---|
    /// | `UNAVAILABLE`, `RESOURCE_EXHAUSTED` | retried, any call |
    /// | `DEADLINE_EXCEEDED`, `ABORTED` | retried when `idempotent`, else [`Decision::NotIdempotent`] |
    /// | any other (`INVALID_ARGUMENT`, `NOT_FOUND`, `PERMISSION_DENIED`, `UNAUTHENTICATED`, `FAILED_PRECONDITION`, `INTERNAL`…) | [`Decision::NotRetryable`] |
    ///
    /// Then as over HTTP ([`decide`](Self::decide)): at most
    /// [`max_retries`](Self::max_retries); the server's delay
    /// ([`ErrorResponse::retry_after`]: `RetryInfo`, or a `retry-after` metadata) waited
    /// exactly up to the [cap](Self::with_max_server_delay) ([`Decision::DelayTooLong`]
    /// beyond), else the backoff with its jitter; a wait that would end past the deadline is
    /// [`Decision::OutOfTime`]; paid from `budget`, a `DEADLINE_EXCEEDED`
    /// at the timeout's cost. The HTTP status lists (`with_retry_status`…) do not apply. The
    /// [observer](Self::on_decision) sees an [`Attempt`] whose method is `POST` (gRPC's) and
    /// whose response is [`ErrorResponse::from_grpc`] of the status.
    ///
    /// ```
    /// use std::time::Duration;
    /// use apierror::client::{Decision, RetryBudget, RetryPolicy};
    /// use tonic::{Code, Status};
    ///
    /// let policy = RetryPolicy::new().no_jitter();
    /// let budget = RetryBudget::new();
    /// let busy = Status::unavailable("try again");
    /// assert_eq!(policy.decide_grpc(&busy, 0, Duration::ZERO, false, &budget), Decision::Retry(Duration::from_secs(1)));
    /// assert_eq!(policy.decide_grpc(&busy, 1, Duration::ZERO, false, &budget), Decision::Retry(Duration::from_secs(2)));
    /// assert_eq!(policy.decide_grpc(&busy, 3, Duration::ZERO, false, &budget), Decision::OutOfAttempts);
    ///
    /// let late = Status::deadline_exceeded("too slow");
    /// assert_eq!(policy.decide_grpc(&late, 0, Duration::ZERO, false, &budget), Decision::NotIdempotent);
    /// assert!(policy.decide_grpc(&late, 0, Duration::ZERO, true, &budget).is_retry());
    /// assert_eq!(policy.decide_grpc(&Status::not_found("no"), 0, Duration::ZERO, true, &budget), Decision::NotRetryable);
    /// ```
    pub fn decide_grpc(
        &self,
        status: &tonic::Status,
        retries: u32,
        elapsed: Duration,
        idempotent: bool,
        budget: &RetryBudget,
    ) -> Decision {
        self.decide_grpc_for(
            status,
            retries,
            elapsed,
            idempotent,
            &HeaderMap::new(),
            budget,
        )
    }

    /// [`decide_grpc`](Self::decide_grpc), the observer shown the request's metadata.
    pub(super) fn decide_grpc_for(
        &self,
        status: &tonic::Status,
        retries: u32,
        elapsed: Duration,
        idempotent: bool,
        request_metadata: &HeaderMap,
        budget: &RetryBudget,
    ) -> Decision {
        let code = status.code();
        let class = class(code);
        // Read only when it matters: a retryable code's delay, or an observer's attempt.
        let response =
            (class != Class::Final || self.is_observed()).then(|| ErrorResponse::from_grpc(status));
        let decision = match class {
            Class::Final => Decision::NotRetryable,
            Class::Transient | Class::IfIdempotent => self.schedule(
                class == Class::Transient || idempotent,
                retries,
                response.as_ref().and_then(ErrorResponse::retry_after),
                code == Code::DeadlineExceeded,
                elapsed,
                budget,
            ),
        };
        if let Some(response) = &response {
            let attempt = Attempt::response(&Method::POST, request_metadata, response);
            self.observe(
                &attempt.after_retries(retries).with_elapsed(elapsed),
                &decision,
            );
        }
        decision
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{Arc, Mutex};
    use std::time::Duration;
    use tonic::Status;
    use tonic_types::{ErrorInfo, RetryInfo, StatusExt};

    fn exhausted(delay: Duration) -> Status {
        Status::with_error_details_vec(
            Code::ResourceExhausted,
            "slow down",
            [
                ErrorInfo::new("RATE_LIMITED", "", std::collections::HashMap::new()).into(),
                RetryInfo::new(Some(delay)).into(),
            ],
        )
    }

    #[test]
    fn every_code_has_its_class() {
        // The issue's table: retried, retried when idempotent, never.
        let policy = RetryPolicy::new().no_jitter();
        let budget = RetryBudget::unlimited();
        for code in (0..=16).map(Code::from_i32) {
            let status = Status::new(code, "x");
            let (any, idempotent) = (
                policy.decide_grpc(&status, 0, Duration::ZERO, false, &budget),
                policy.decide_grpc(&status, 0, Duration::ZERO, true, &budget),
            );
            let expected = match code {
                Code::Unavailable | Code::ResourceExhausted => (
                    Decision::Retry(Duration::from_secs(1)),
                    Decision::Retry(Duration::from_secs(1)),
                ),
                Code::DeadlineExceeded | Code::Aborted => (
                    Decision::NotIdempotent,
                    Decision::Retry(Duration::from_secs(1)),
                ),
                _ => (Decision::NotRetryable, Decision::NotRetryable),
            };
            assert_eq!((any, idempotent), expected, "{code:?}");
        }
    }

    #[test]
    fn retry_info_is_waited_up_to_the_cap() {
        let policy = RetryPolicy::new().with_max_server_delay(Duration::from_secs(10));
        let budget = RetryBudget::unlimited();
        let wait = exhausted(Duration::from_millis(2500));
        let delay = ErrorResponse::from_grpc(&wait).retry_after();
        assert_eq!(delay, Some(Duration::from_millis(2500)));
        assert_eq!(
            policy.decide_grpc(&wait, 0, Duration::ZERO, false, &budget),
            Decision::Retry(Duration::from_millis(2500))
        );
        let long = exhausted(Duration::from_secs(11));
        assert_eq!(
            policy.decide_grpc(&long, 0, Duration::ZERO, false, &budget),
            Decision::DelayTooLong(Duration::from_secs(11))
        );
    }

    #[test]
    fn the_budget_pays_and_a_deadline_costs_a_timeout() {
        let policy = RetryPolicy::new().no_jitter();
        let budget = RetryBudget::new().with_capacity(15);
        let late = Status::deadline_exceeded("late");
        assert!(policy
            .decide_grpc(&late, 0, Duration::ZERO, true, &budget)
            .is_retry());
        // The default costs: a timeout 10, another retry 5.
        assert_eq!(budget.available(), 5);
        let busy = Status::unavailable("busy");
        assert!(policy
            .decide_grpc(&busy, 0, Duration::ZERO, true, &budget)
            .is_retry());
        assert_eq!(
            policy.decide_grpc(&busy, 0, Duration::ZERO, true, &budget),
            Decision::OutOfBudget
        );
        // A final code costs nothing.
        let budget = RetryBudget::new().with_capacity(5);
        policy.decide_grpc(
            &Status::invalid_argument("no"),
            0,
            Duration::ZERO,
            true,
            &budget,
        );
        assert_eq!(budget.available(), 5);
    }

    #[test]
    fn the_observer_sees_the_status_as_a_response() {
        let seen = Arc::new(Mutex::new(Vec::new()));
        let log = Arc::clone(&seen);
        let policy = RetryPolicy::new().on_decision(move |attempt, decision| {
            let response = attempt.error_response().unwrap();
            log.lock().unwrap().push((
                attempt.method().clone(),
                attempt.retries(),
                response.grpc_code(),
                response.code().map(str::to_owned),
                *decision,
            ));
        });
        let budget = RetryBudget::unlimited();
        policy.decide_grpc(
            &exhausted(Duration::from_secs(1)),
            2,
            Duration::ZERO,
            false,
            &budget,
        );
        policy.decide_grpc(
            &Status::not_found("gone"),
            0,
            Duration::ZERO,
            false,
            &budget,
        );
        assert_eq!(
            *seen.lock().unwrap(),
            [
                (
                    Method::POST,
                    2,
                    Some(Code::ResourceExhausted),
                    Some("RATE_LIMITED".to_owned()),
                    Decision::Retry(Duration::from_secs(1))
                ),
                (
                    Method::POST,
                    0,
                    Some(Code::NotFound),
                    Some("NOT_FOUND".to_owned()),
                    Decision::NotRetryable
                ),
            ]
        );
    }

    #[test]
    fn a_wait_that_ends_past_the_deadline_is_out_of_time() {
        let policy = RetryPolicy::new()
            .no_jitter()
            .with_deadline(Duration::from_secs(10));
        let budget = RetryBudget::new();
        let busy = Status::unavailable("busy");
        // The first backoff is 1 s: 8 s in, it ends at 9 s; 9 s in, at the deadline.
        assert_eq!(
            policy.decide_grpc(&busy, 0, Duration::from_secs(8), false, &budget),
            Decision::Retry(Duration::from_secs(1))
        );
        assert_eq!(
            policy.decide_grpc(&busy, 0, Duration::from_secs(9), false, &budget),
            Decision::OutOfTime
        );
    }
}
