//! [`GrpcRetryPolicy`]: the gRPC retry decision as a [`tower::retry::Policy`] over tonic's
//! calls.

use std::sync::Arc;

use tower::retry::RetryLayer;

use super::super::{Decision, RetryBudget, RetryPolicy};
use super::Idempotent;

/// A [`RetryPolicy`] and the [`RetryBudget`] it draws on, deciding by
/// [`RetryPolicy::decide_grpc`], as a [`tower::retry::Policy`] over tonic's calls: from
/// `tonic::Request<M>` to `Result<tonic::Response<R>, tonic::Status>`, `M: Clone` (every
/// message prost generates is).
///
/// # Where it goes: around the call, not under the `Channel`
///
/// A tonic `Channel` is a `Service<http::Request<tonic::body::Body>>`, and that body (the
/// encoded message, a stream) cannot be cloned: a policy under the channel would have to
/// buffer every request's body first, and would see a status only when the server answers
/// trailers-only (a tonic server's unary error does; a status after a message does not). One
/// level up, the request is the message, which clones, and the result is the `Status` tonic
/// has already read, however it came: in trailers, trailers-only, or from the client itself
/// (a connection that failed is `UNAVAILABLE`, retried; the client's own timeout is
/// `CANCELLED`, final). So the policy wraps a service that makes the call:
/// `tower::service_fn` around a generated client's method (or `tonic::client::Grpc::unary`),
/// the client cloned into each call, which is how tonic clients are shared anyway (a
/// `Channel` clones cheaply). One layer per method, whose idempotency it then knows.
///
/// Each attempt is the same request again: the same metadata (a `grpc-timeout` set with
/// `Request::set_timeout` is sent again, so each attempt has the whole timeout, the waits not
/// counted in it), extensions and message. Tower clones the policy for every request: the
/// count of retries is the request's, the budget (shared) the client's. A success refunds the
/// budget. The waits are tokio timers: run on a tokio runtime with its time driver.
///
/// `DEADLINE_EXCEEDED` and `ABORTED` are retried only for an idempotent call: one whose
/// request carries [`Idempotent`] in its extensions, or every call through a policy made
/// [`idempotent`](Self::idempotent) (a layer around one idempotent method).
///
/// ```
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() {
/// use std::sync::atomic::{AtomicU32, Ordering};
/// use std::sync::Arc;
/// use std::time::Duration;
/// use apierror::client::grpc::{GrpcRetryPolicy, Idempotent};
/// use apierror::client::{RetryBudget, RetryPolicy};
/// use tower::{ServiceBuilder, ServiceExt};
///
/// // In an application: `move |request| { let mut client = client.clone();
/// // async move { client.get_order(request).await } }`, `client` a generated client on a
/// // `Channel`. Here, a call that fails once.
/// let calls = Arc::new(AtomicU32::new(0));
/// let counter = Arc::clone(&calls);
/// let get_order = tower::service_fn(move |request: tonic::Request<u64>| {
///     let first = counter.fetch_add(1, Ordering::SeqCst) == 0;
///     async move {
///         if first {
///             return Err(tonic::Status::unavailable("starting up"));
///         }
///         Ok(tonic::Response::new(format!("order {}", request.get_ref())))
///     }
/// });
///
/// let policy = RetryPolicy::new().with_base_delay(Duration::from_millis(1));
/// let get_order = ServiceBuilder::new()
///     .layer(GrpcRetryPolicy::new(policy, RetryBudget::new()).into_layer())
///     .service(get_order);
///
/// let mut request = tonic::Request::new(7);
/// request.extensions_mut().insert(Idempotent);
/// let response = get_order.oneshot(request).await.unwrap();
/// assert_eq!(response.get_ref(), "order 7");
/// assert_eq!(calls.load(Ordering::SeqCst), 2);
/// # }
/// ```
#[derive(Debug, Clone)]
pub struct GrpcRetryPolicy {
    policy: Arc<RetryPolicy>,
    budget: RetryBudget,
    idempotent: bool,
    retries: u32,
    // When the first attempt began, for the policy's deadline.
    started: Option<tokio::time::Instant>,
}

impl GrpcRetryPolicy {
    /// `policy`, paid for from `budget`; a call is idempotent when its request carries
    /// [`Idempotent`].
    #[must_use]
    pub fn new(policy: impl Into<Arc<RetryPolicy>>, budget: RetryBudget) -> Self {
        Self {
            policy: policy.into(),
            budget,
            idempotent: false,
            retries: 0,
            started: None,
        }
    }

    /// Every call through this policy is idempotent, marked or not: for a layer around one
    /// idempotent method.
    #[must_use]
    pub fn idempotent(mut self) -> Self {
        self.idempotent = true;
        self
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

impl<M, R> tower::retry::Policy<tonic::Request<M>, tonic::Response<R>, tonic::Status>
    for GrpcRetryPolicy
where
    M: Clone,
{
    type Future = tokio::time::Sleep;

    fn retry(
        &mut self,
        request: &mut tonic::Request<M>,
        result: &mut Result<tonic::Response<R>, tonic::Status>,
    ) -> Option<Self::Future> {
        let Err(status) = result else {
            self.budget.record_success();
            return None;
        };
        let idempotent = self.idempotent || request.extensions().get::<Idempotent>().is_some();
        let elapsed = self
            .started
            .get_or_insert_with(tokio::time::Instant::now)
            .elapsed();
        let decision = self.policy.decide_grpc_for(
            status,
            self.retries,
            elapsed,
            idempotent,
            request.metadata().as_ref(),
            &self.budget,
        );
        match decision {
            Decision::Retry(delay) => {
                self.retries += 1;
                Some(tokio::time::sleep(delay))
            }
            _ => None,
        }
    }

    fn clone_request(&mut self, request: &tonic::Request<M>) -> Option<tonic::Request<M>> {
        if self.retries == 0 {
            // Before the first attempt (on the service's own copy, which tower then clones for
            // the request): the clock of the deadline starts here.
            self.started = Some(tokio::time::Instant::now());
        }
        Some(tonic::Request::from_parts(
            request.metadata().clone(),
            request.extensions().clone(),
            request.get_ref().clone(),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_policy_is_send_and_sync() {
        fn assert_send_sync<T: Send + Sync + Clone>() {}
        assert_send_sync::<GrpcRetryPolicy>();
        assert_send_sync::<RetryLayer<GrpcRetryPolicy>>();
    }
}
