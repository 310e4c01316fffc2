//! The response headers the decoder keeps, what the `Content-Type` says, and the rate limit the
//! headers advertise (`X-RateLimit-*`, or the IETF `RateLimit` and `RateLimit-Policy` structured
//! fields).

use std::time::{Duration, SystemTime};

use http::header::{HeaderMap, CONTENT_TYPE, RETRY_AFTER, WWW_AUTHENTICATE};

use crate::RateLimit;

/// The index of each kept header in [`KEPT_HEADERS`] (prefixed, so as not to read as the
/// `HeaderName`s of `http::header`).
pub(crate) const KEPT_CONTENT_TYPE: usize = 0;
pub(crate) const KEPT_RETRY_AFTER: usize = 1;
pub(crate) const KEPT_RETRY_AFTER_MS: usize = 2;
pub(crate) const KEPT_REQUEST_ID: usize = 3;
pub(crate) const KEPT_X_LIMIT: usize = 4;
pub(crate) const KEPT_X_REMAINING: usize = 5;
pub(crate) const KEPT_X_RESET: usize = 6;
pub(crate) const KEPT_RATELIMIT: usize = 7;
pub(crate) const KEPT_RATELIMIT_POLICY: usize = 8;
pub(crate) const KEPT_MS_ERROR_CODE: usize = 9;
pub(crate) const KEPT_WWW_AUTHENTICATE: usize = 17;
pub(crate) const KEPT_AMZN_ERROR_TYPE: usize = 18;

/// The response headers kept, for [`ErrorResponse::header`](super::ErrorResponse::header) and
/// the accessors.
pub(crate) const KEPT_HEADERS: [&str; 19] = [
    "content-type",
    "retry-after",
    "retry-after-ms",
    "x-request-id",
    "x-ratelimit-limit",
    "x-ratelimit-remaining",
    "x-ratelimit-reset",
    "ratelimit",
    "ratelimit-policy",
    "x-ms-error-code",
    // The other request-id headers, in the order of `REQUEST_ID_HEADERS`.
    "request-id",
    "x-amzn-requestid",
    "x-amz-request-id",
    "x-ms-request-id",
    "x-github-request-id",
    "twilio-request-id",
    "x-slack-req-id",
    // RFC 6750 §3's Bearer challenge, and the AWS JSON protocols' error type.
    "www-authenticate",
    "x-amzn-errortype",
];

/// The headers a request id is read from, first found first, as the big APIs name them:
/// `x-request-id` (the de facto standard: `OpenAI`, Shopify, most proxies), `request-id`
/// (Stripe, Anthropic), `x-amzn-RequestId` (AWS JSON and REST-JSON services), `x-amz-request-id`
/// (S3), `x-ms-request-id` (Azure), `x-github-request-id`, `Twilio-Request-Id`, `x-slack-req-id`.
/// Indices into [`KEPT_HEADERS`].
pub(crate) const REQUEST_ID_HEADERS: [usize; 8] = [KEPT_REQUEST_ID, 10, 11, 12, 13, 14, 15, 16];

/// The index of `name` (lower case, as `HeaderName` keeps it) in [`KEPT_HEADERS`]: one match on
/// the text, which the compiler decides by length first (comparing the name with each of the
/// kept names in turn cost about 300 instructions a header once they were nineteen).
fn kept_index(name: &str) -> Option<usize> {
    let index = match name {
        "content-type" => 0,
        "retry-after" => 1,
        "retry-after-ms" => 2,
        "x-request-id" => 3,
        "x-ratelimit-limit" => 4,
        "x-ratelimit-remaining" => 5,
        "x-ratelimit-reset" => 6,
        "ratelimit" => 7,
        "ratelimit-policy" => 8,
        "x-ms-error-code" => 9,
        "request-id" => 10,
        "x-amzn-requestid" => 11,
        "x-amz-request-id" => 12,
        "x-ms-request-id" => 13,
        "x-github-request-id" => 14,
        "twilio-request-id" => 15,
        "x-slack-req-id" => 16,
        "www-authenticate" => 17,
        "x-amzn-errortype" => 18,
        _ => return None,
    };
    debug_assert_eq!(KEPT_HEADERS.get(index), Some(&name));
    Some(index)
}

/// Writes into `found` (all `None`) the first value of each kept header that is UTF-8; returns
/// their length in all.
pub(crate) fn find_headers<'h>(
    headers: &'h HeaderMap,
    found: &mut [Option<&'h str>; KEPT_HEADERS.len()],
) -> usize {
    let mut len = 0usize;
    // One walk over the map (a response has a few headers).
    for (name, value) in headers {
        // The standard headers kept compare as numbers; the others by their text.
        let index = if name == CONTENT_TYPE {
            Some(KEPT_CONTENT_TYPE)
        } else if name == RETRY_AFTER {
            Some(KEPT_RETRY_AFTER)
        } else if name == WWW_AUTHENTICATE {
            Some(KEPT_WWW_AUTHENTICATE)
        } else {
            kept_index(name.as_str())
        };
        let Some(index) = index else {
            continue;
        };
        if let Some(slot @ None) = found.get_mut(index) {
            // `to_str` (visible ASCII, the common case) is cheaper on short values than
            // `from_utf8`, which decides for the others.
            *slot = value
                .to_str()
                .ok()
                .or_else(|| std::str::from_utf8(value.as_bytes()).ok());
            len = len.saturating_add(slot.map_or(0, str::len));
        }
    }
    len
}

/// What the `Content-Type` says, for detection.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Media {
    Problem,
    JsonApi,
    Other,
}

impl Media {
    #[inline]
    pub(crate) fn of(content_type: &str) -> Self {
        // Both media types are 24 bytes long: a shorter value (`application/json`) is neither.
        const LEN: usize = "application/problem+json".len();
        const _: () = assert!("application/vnd.api+json".len() == LEN);
        // The value as servers write it is compared at once, the rest case-insensitively after
        // its parameters and whitespace are dropped.
        match content_type {
            "application/problem+json" => return Media::Problem,
            "application/vnd.api+json" => return Media::JsonApi,
            _ if content_type.len() < LEN => return Media::Other,
            _ => {}
        }
        let end = content_type
            .bytes()
            .position(|b| b == b';')
            .unwrap_or(content_type.len());
        let essence = content_type.get(..end).unwrap_or_default().trim_ascii();
        // A header value has no ASCII whitespace but those `trim_ascii` trims; other Unicode
        // whitespace (`\u{a0}`) is rare, so `trim` runs only when an end is not ASCII.
        let essence = match (essence.bytes().next(), essence.bytes().next_back()) {
            (Some(first), Some(last)) if !(first.is_ascii() && last.is_ascii()) => essence.trim(),
            _ => essence,
        };
        if essence.eq_ignore_ascii_case("application/problem+json") {
            Media::Problem
        } else if essence.eq_ignore_ascii_case("application/vnd.api+json") {
            Media::JsonApi
        } else {
            Media::Other
        }
    }
}

/// The rate limit the headers advertise, and the time until its reset.
#[inline]
pub(crate) fn rate_limit<'h>(
    header: impl Fn(usize) -> Option<&'h str>,
    now: impl Fn() -> SystemTime,
) -> Option<(RateLimit, Duration)> {
    // Either way needs its first header: most responses have neither.
    if header(KEPT_X_LIMIT).is_none() && header(KEPT_RATELIMIT).is_none() {
        return None;
    }
    let number = |index: usize| header(index).and_then(|value| value.trim().parse::<u64>().ok());
    if let (Some(limit), Some(remaining), Some(reset)) = (
        number(KEPT_X_LIMIT),
        number(KEPT_X_REMAINING),
        number(KEPT_X_RESET),
    ) {
        let at = SystemTime::UNIX_EPOCH.checked_add(Duration::from_secs(reset));
        let wait = at.map_or(Duration::from_secs(u64::MAX), |at| {
            at.duration_since(now()).unwrap_or(Duration::ZERO)
        });
        return Some((RateLimit::new(limit, remaining, reset), wait));
    }
    // IETF: the most constrained item of `RateLimit`, and the policy of the same name.
    let (name, remaining, reset) = sf_items(header(KEPT_RATELIMIT)?)
        .filter_map(|item| {
            let (name, params) = sf_item(item)?;
            Some((name, sf_param(params, "r")?, sf_param(params, "t")?))
        })
        .min_by(|a, b| a.1.cmp(&b.1).then(b.2.cmp(&a.2)))?;
    let (limit, window) = sf_items(header(KEPT_RATELIMIT_POLICY)?).find_map(|item| {
        let (policy, params) = sf_item(item)?;
        if policy != name {
            return None;
        }
        Some((sf_param(params, "q")?, sf_param(params, "w")))
    })?;
    let now_secs = now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |since| since.as_secs());
    let limit = RateLimit::new(limit, remaining, now_secs.saturating_add(reset));
    let limit = match window {
        Some(window) => limit.with_window(window),
        None => limit,
    };
    Some((limit, Duration::from_secs(reset)))
}

/// The members of a structured-field list (RFC 8941), split at the commas outside strings.
fn sf_items(list: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(list);
    std::iter::from_fn(move || {
        let text = rest?;
        let mut quoted = false;
        let mut escaped = false;
        for (i, c) in text.char_indices() {
            match c {
                _ if escaped => escaped = false,
                '\\' if quoted => escaped = true,
                '"' => quoted = !quoted,
                ',' if !quoted => {
                    rest = text.get(i + 1..);
                    return Some(text.get(..i).unwrap_or_default().trim());
                }
                _ => {}
            }
        }
        rest = None;
        Some(text.trim())
    })
    .filter(|item| !item.is_empty())
}

/// An item's name (a string or a token) and its parameters (`;r=0;t=30`).
fn sf_item(item: &str) -> Option<(&str, &str)> {
    if let Some(quoted) = item.strip_prefix('"') {
        let end = quoted.find('"')?;
        Some((quoted.get(..end)?, quoted.get(end + 1..)?))
    } else {
        let end = item.find(';').unwrap_or(item.len());
        Some((item.get(..end)?.trim(), item.get(end..)?))
    }
}

/// The integer parameter `key` of an item's parameters.
fn sf_param(params: &str, key: &str) -> Option<u64> {
    params.split(';').find_map(|param| {
        let (name, value) = param.split_once('=')?;
        if name.trim() != key {
            return None;
        }
        value.trim().parse().ok()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kept_header_has_its_index() {
        for (i, name) in KEPT_HEADERS.iter().enumerate() {
            assert_eq!(kept_index(name), Some(i));
        }
        assert_eq!(kept_index("x-request-ids"), None);
        assert_eq!(kept_index(""), None);
    }
}
