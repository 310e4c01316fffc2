//! [`Jitter`]: how a [`RetryPolicy`](super::RetryPolicy) spreads its backoff, so that clients
//! that failed together do not retry together.

use std::time::Duration;

/// How the policy draws each delay from its backoff (the schedule: the base delay, times the
/// factor after each retry, at most the cap).
///
/// ```
/// use std::time::Duration;
/// use apierror::client::{Jitter, RetryPolicy};
///
/// // The default: never sooner than the schedule, at most its next step.
/// assert_eq!(RetryPolicy::new().jitter(), Jitter::BetweenSteps);
/// // AWS's full jitter, for clients that prefer to finish sooner on average.
/// assert_eq!(RetryPolicy::new().full_jitter().jitter(), Jitter::Full);
/// assert_eq!(RetryPolicy::new().no_jitter().jitter(), Jitter::None);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum Jitter {
    /// Every delay is the backoff itself: deterministic, for tests and for one client alone.
    None,
    /// Uniform between zero and the backoff (AWS's "full jitter"): the most spread, and the
    /// soonest on average, but the first retry of a 503 may come at once, before the schedule.
    Full,
    /// Uniform between the backoff and the next step's (this backoff times the factor, at most
    /// the cap): 1 to 2 s, then 2 to 4 s, 4 to 8 s… with the defaults. The default, because the
    /// seeds' schedule ("start with 1 second and double") is the least a server that asked for
    /// room gets, never less, while clients that failed together are spread over the whole
    /// step, as far apart as full jitter spreads them over the step before (Google Cloud
    /// Storage's backoff likewise never waits less than its schedule). Once the backoff reaches
    /// the cap (or with a factor of 1) there is no next step: the delay is the backoff, and
    /// clients stay as far apart as their earlier waits drew them.
    #[default]
    BetweenSteps,
}

impl Jitter {
    /// The bounds, in nanoseconds, of a delay drawn for `backoff` with `factor` and `cap`.
    pub(super) fn bounds(self, backoff: Duration, factor: u32, cap: Duration) -> (u64, u64) {
        let nanos = |d: Duration| u64::try_from(d.as_nanos()).unwrap_or(u64::MAX);
        match self {
            Jitter::None => (nanos(backoff), nanos(backoff)),
            Jitter::Full => (0, nanos(backoff)),
            Jitter::BetweenSteps => {
                let next = backoff
                    .checked_mul(factor)
                    .map_or(cap, |next| next.min(cap));
                (nanos(backoff), nanos(next.max(backoff)))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds() {
        let s = Duration::from_secs;
        let n = |secs: u64| secs * 1_000_000_000;
        let cap = s(30);
        assert_eq!(Jitter::None.bounds(s(4), 2, cap), (n(4), n(4)));
        assert_eq!(Jitter::Full.bounds(s(4), 2, cap), (0, n(4)));
        assert_eq!(Jitter::BetweenSteps.bounds(s(1), 2, cap), (n(1), n(2)));
        assert_eq!(Jitter::BetweenSteps.bounds(s(16), 2, cap), (n(16), n(30)));
        assert_eq!(Jitter::BetweenSteps.bounds(s(30), 2, cap), (n(30), n(30)));
        assert_eq!(Jitter::BetweenSteps.bounds(s(5), 1, cap), (n(5), n(5)));
        // A backoff over the cap (it cannot be, but the bounds stay ordered).
        assert_eq!(Jitter::BetweenSteps.bounds(s(40), 2, cap), (n(40), n(40)));
        assert_eq!(
            Jitter::BetweenSteps.bounds(Duration::MAX, u32::MAX, Duration::MAX),
            (u64::MAX, u64::MAX)
        );
    }
}
