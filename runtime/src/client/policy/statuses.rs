//! [`StatusSet`]: the statuses a [`RetryPolicy`](super::RetryPolicy) retries or never retries.

use std::fmt;

use http::StatusCode;

/// The statuses 100 to 999, one bit each.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) struct StatusSet([u64; 16]);

impl StatusSet {
    pub(super) const fn of(statuses: &[u16]) -> Self {
        let mut set = StatusSet([0; 16]);
        let mut i = 0;
        while i < statuses.len() {
            #[allow(clippy::cast_lossless)] // `usize::from` is not `const`.
            let s = statuses[i] as usize;
            set.0[s / 64] |= 1 << (s % 64);
            i += 1;
        }
        set
    }

    pub(super) fn contains(&self, status: StatusCode) -> bool {
        let s = usize::from(status.as_u16());
        self.0[s / 64] & (1 << (s % 64)) != 0
    }

    pub(super) fn insert(&mut self, status: StatusCode) {
        let s = usize::from(status.as_u16());
        self.0[s / 64] |= 1 << (s % 64);
    }

    pub(super) fn remove(&mut self, status: StatusCode) {
        let s = usize::from(status.as_u16());
        self.0[s / 64] &= !(1 << (s % 64));
    }

    fn iter(&self) -> impl Iterator<Item = u16> + '_ {
        (100..1000).filter(|s| self.0[usize::from(*s) / 64] & (1 << (s % 64)) != 0)
    }
}

impl fmt::Debug for StatusSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.iter()).finish()
    }
}
