//! [`RetryBudget`]: the token bucket that pays for retries, shared by the requests to one
//! server; [`RetryPolicy`](super::RetryPolicy) withdraws from it before each retry.

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;

#[derive(Debug, Clone, Copy)]
struct BudgetConfig {
    capacity: u32,
    retry_cost: u32,
    timeout_cost: u32,
    success_refund: u32,
}

#[derive(Debug)]
struct Bucket {
    config: BudgetConfig,
    tokens: AtomicU32,
}

/// A token bucket that pays for retries, shared by the requests to one server (clones share
/// it): a retry takes tokens, a success gives some back, and when a failing server has
/// emptied it, requests fail fast instead of multiplying its load (a retry storm).
///
/// The default ([`RetryBudget::new`]) is AWS's standard retry quota: 500 tokens, a retry
/// costs 5, a retry after a timeout 10, a success refunds 1. A full bucket pays for 100
/// retries in a row; after that, one retry per five successes.
///
/// ```
/// use apierror::client::RetryBudget;
///
/// let budget = RetryBudget::new().with_capacity(10);
/// let shared = budget.clone();
/// assert_eq!(shared.available(), 10);
/// ```
#[derive(Debug, Clone)]
pub struct RetryBudget {
    // `None`: unlimited.
    bucket: Option<Arc<Bucket>>,
}

impl RetryBudget {
    /// A full bucket of 500 tokens; a retry costs 5, after a timeout 10; a success refunds 1.
    #[must_use]
    pub fn new() -> Self {
        Self::with_config(BudgetConfig {
            capacity: 500,
            retry_cost: 5,
            timeout_cost: 10,
            success_refund: 1,
        })
    }

    /// A budget that pays for every retry: only
    /// [`RetryPolicy::with_max_retries`](super::RetryPolicy::with_max_retries) limits them.
    /// Not recommended against a server you do not control.
    #[must_use]
    pub fn unlimited() -> Self {
        Self { bucket: None }
    }

    fn with_config(config: BudgetConfig) -> Self {
        Self {
            bucket: Some(Arc::new(Bucket {
                config,
                tokens: AtomicU32::new(config.capacity),
            })),
        }
    }

    fn map_config(self, change: impl FnOnce(&mut BudgetConfig)) -> Self {
        let Some(bucket) = &self.bucket else {
            return self;
        };
        let mut config = bucket.config;
        change(&mut config);
        Self::with_config(config)
    }

    /// A new, full bucket of `tokens` tokens. Like every `with_` method, it makes a new
    /// budget: set it up before cloning it.
    #[must_use]
    pub fn with_capacity(self, tokens: u32) -> Self {
        self.map_config(|c| c.capacity = tokens)
    }

    /// What a retry costs (after an error response or a connection failure).
    #[must_use]
    pub fn with_retry_cost(self, tokens: u32) -> Self {
        self.map_config(|c| c.retry_cost = tokens)
    }

    /// What a retry after a timeout costs.
    #[must_use]
    pub fn with_timeout_cost(self, tokens: u32) -> Self {
        self.map_config(|c| c.timeout_cost = tokens)
    }

    /// What a success gives back (never over the capacity).
    #[must_use]
    pub fn with_success_refund(self, tokens: u32) -> Self {
        self.map_config(|c| c.success_refund = tokens)
    }

    /// The tokens left (`u32::MAX` when unlimited).
    #[must_use]
    pub fn available(&self) -> u32 {
        self.bucket
            .as_ref()
            .map_or(u32::MAX, |b| b.tokens.load(Ordering::Acquire))
    }

    /// The bucket's size (`u32::MAX` when unlimited).
    #[must_use]
    pub fn capacity(&self) -> u32 {
        self.bucket.as_ref().map_or(u32::MAX, |b| b.config.capacity)
    }

    /// A request succeeded: refund its share. The adapters call it on every response under
    /// 400; a caller of [`RetryPolicy::decide`](super::RetryPolicy::decide) calls it itself.
    pub fn record_success(&self) {
        if let Some(bucket) = &self.bucket {
            let Bucket { config, tokens } = &**bucket;
            // The closure always returns `Some`: the update cannot fail.
            let _ = tokens.fetch_update(Ordering::AcqRel, Ordering::Acquire, |t| {
                Some(t.saturating_add(config.success_refund).min(config.capacity))
            });
        }
    }

    /// Takes a retry's cost, when the bucket holds it.
    pub(super) fn withdraw(&self, timed_out: bool) -> bool {
        let Some(bucket) = &self.bucket else {
            return true;
        };
        let Bucket { config, tokens } = &**bucket;
        let cost = if timed_out {
            config.timeout_cost
        } else {
            config.retry_cost
        };
        tokens
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |t| t.checked_sub(cost))
            .is_ok()
    }
}

impl Default for RetryBudget {
    /// [`RetryBudget::new`].
    fn default() -> Self {
        Self::new()
    }
}
