//! Rate-limit state and the headers that advertise it.

use std::time::{Duration, SystemTime};

use http::header::{HeaderMap, HeaderName, HeaderValue};

/// The state of a client's rate limit, as a `#[api(rate_limit)]` field carries it.
///
/// It becomes the `X-RateLimit-Limit`, `X-RateLimit-Remaining` and `X-RateLimit-Reset` headers
/// (the de facto convention, reset in Unix seconds), or the IETF `RateLimit` and
/// `RateLimit-Policy` fields (draft-ietf-httpapi-ratelimit-headers), or both, as the
/// container's `rate_limit_headers = "..."` says.
///
/// ```
/// use apierror::RateLimit;
///
/// #[derive(Debug, apierror::ApiError)]
/// #[api(status = 429, code = "RATE_LIMITED", message = "Slow down.")]
/// struct RateLimited {
///     #[api(rate_limit)]
///     limit: RateLimit,
/// }
///
/// let error = RateLimited { limit: RateLimit::new(100, 0, 1_767_225_600).with_window(60) };
/// let response = apierror::render::<apierror::envelope::ErrorObject>(&error, &Default::default());
/// assert_eq!(response.headers()["x-ratelimit-limit"], "100");
/// assert_eq!(response.headers()["x-ratelimit-remaining"], "0");
/// assert_eq!(response.headers()["x-ratelimit-reset"], "1767225600");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct RateLimit {
    /// How many requests the window allows.
    pub limit: u64,
    /// How many are left in the current window.
    pub remaining: u64,
    /// When the window resets, in Unix seconds.
    pub reset: u64,
    /// The window's length in seconds, when known (the IETF policy's `w`).
    pub window: Option<u64>,
}

impl RateLimit {
    /// A rate-limit state: `limit` requests per window, `remaining` left, the window resetting
    /// at `reset` (Unix seconds).
    #[must_use]
    pub const fn new(limit: u64, remaining: u64, reset: u64) -> Self {
        RateLimit {
            limit,
            remaining,
            reset,
            window: None,
        }
    }

    /// Sets the window's length in seconds.
    #[must_use]
    pub const fn with_window(mut self, secs: u64) -> Self {
        self.window = Some(secs);
        self
    }

    /// Seconds from `now` until the reset, zero if it has passed (the IETF field's `t`).
    #[must_use]
    pub fn reset_after(&self, now: SystemTime) -> u64 {
        let now = now
            .duration_since(SystemTime::UNIX_EPOCH)
            .unwrap_or(Duration::ZERO)
            .as_secs();
        self.reset.saturating_sub(now)
    }
}

/// Which headers a [`RateLimit`] becomes: the container's `rate_limit_headers = "..."`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum RateLimitHeaders {
    /// `X-RateLimit-Limit`, `X-RateLimit-Remaining`, `X-RateLimit-Reset` (Unix seconds):
    /// `rate_limit_headers = "x-ratelimit"`, the default.
    #[default]
    XRateLimit,
    /// `RateLimit: "default";r=<remaining>;t=<seconds to reset>` and
    /// `RateLimit-Policy: "default";q=<limit>[;w=<window>]`: `rate_limit_headers = "ietf"`.
    Ietf,
    /// Both sets: `rate_limit_headers = "both"`.
    Both,
}

impl RateLimitHeaders {
    /// The headers of this style, each with what it says: for documenting responses.
    pub(crate) fn documented(self) -> &'static [(&'static str, &'static str)] {
        const X: &[(&str, &str)] = &[
            (
                "X-RateLimit-Limit",
                "Requests allowed in the current window.",
            ),
            (
                "X-RateLimit-Remaining",
                "Requests left in the current window.",
            ),
            (
                "X-RateLimit-Reset",
                "When the window resets, in Unix seconds.",
            ),
        ];
        const IETF: &[(&str, &str)] = &[
            (
                "RateLimit",
                "The requests left and the seconds until the window resets: `\"default\";r=0;t=30` (draft-ietf-httpapi-ratelimit-headers).",
            ),
            (
                "RateLimit-Policy",
                "The quota and window: `\"default\";q=100;w=60`.",
            ),
        ];
        const BOTH: &[(&str, &str)] = &[X[0], X[1], X[2], IETF[0], IETF[1]];
        match self {
            RateLimitHeaders::XRateLimit => X,
            RateLimitHeaders::Ietf => IETF,
            RateLimitHeaders::Both => BOTH,
        }
    }
}

static X_LIMIT: HeaderName = HeaderName::from_static("x-ratelimit-limit");
static X_REMAINING: HeaderName = HeaderName::from_static("x-ratelimit-remaining");
static X_RESET: HeaderName = HeaderName::from_static("x-ratelimit-reset");
static IETF: HeaderName = HeaderName::from_static("ratelimit");
static IETF_POLICY: HeaderName = HeaderName::from_static("ratelimit-policy");

/// Writes the headers of `limit` in the style `headers_style`.
pub(crate) fn write_headers(
    limit: &RateLimit,
    style: RateLimitHeaders,
    now: SystemTime,
    headers: &mut HeaderMap,
) {
    if matches!(style, RateLimitHeaders::XRateLimit | RateLimitHeaders::Both) {
        headers.insert(X_LIMIT.clone(), HeaderValue::from(limit.limit));
        headers.insert(X_REMAINING.clone(), HeaderValue::from(limit.remaining));
        headers.insert(X_RESET.clone(), HeaderValue::from(limit.reset));
    }
    if matches!(style, RateLimitHeaders::Ietf | RateLimitHeaders::Both) {
        let state = format!(
            "\"default\";r={};t={}",
            limit.remaining,
            limit.reset_after(now)
        );
        let policy = match limit.window {
            Some(window) => format!("\"default\";q={};w={window}", limit.limit),
            None => format!("\"default\";q={}", limit.limit),
        };
        // Digits, quotes, `;` and `=` only: always a valid header value.
        if let (Ok(state), Ok(policy)) =
            (HeaderValue::try_from(state), HeaderValue::try_from(policy))
        {
            headers.insert(IETF.clone(), state);
            headers.insert(IETF_POLICY.clone(), policy);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(limit: RateLimit, style: RateLimitHeaders) -> Vec<(String, String)> {
        let mut map = HeaderMap::new();
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000);
        write_headers(&limit, style, now, &mut map);
        map.iter()
            .map(|(k, v)| (k.to_string(), v.to_str().unwrap().to_owned()))
            .collect()
    }

    #[test]
    fn x_ratelimit_headers_carry_unix_reset() {
        assert_eq!(
            headers(RateLimit::new(100, 7, 1_030), RateLimitHeaders::XRateLimit),
            [
                ("x-ratelimit-limit".into(), "100".into()),
                ("x-ratelimit-remaining".into(), "7".into()),
                ("x-ratelimit-reset".into(), "1030".into()),
            ]
        );
    }

    #[test]
    fn ietf_headers_carry_seconds_to_reset_and_the_window() {
        assert_eq!(
            headers(
                RateLimit::new(100, 7, 1_030).with_window(60),
                RateLimitHeaders::Ietf
            ),
            [
                ("ratelimit".into(), "\"default\";r=7;t=30".into()),
                ("ratelimit-policy".into(), "\"default\";q=100;w=60".into()),
            ]
        );
        // A reset in the past is zero seconds away; no window, no `w`.
        assert_eq!(
            headers(RateLimit::new(5, 0, 10), RateLimitHeaders::Ietf),
            [
                ("ratelimit".into(), "\"default\";r=0;t=0".into()),
                ("ratelimit-policy".into(), "\"default\";q=5".into()),
            ]
        );
    }

    #[test]
    fn both_writes_both_sets() {
        assert_eq!(
            headers(RateLimit::new(1, 1, 1_001), RateLimitHeaders::Both).len(),
            5
        );
    }
}
