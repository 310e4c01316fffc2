//! [`ErrorResponse`]: an error response read back, whatever envelope the server speaks.
//!
//! The body is read in one pass ([`read`], built on the small strict JSON reader [`scan`]) that
//! checks all of it as JSON while keeping, as slices of the body, every member some envelope
//! uses; then the envelope is detected and its members interpreted. A string without escapes
//! is a range of the body (never copied), `details` is the range of its object, and the body and
//! the kept headers share one allocation. Everything the accessors return is computed in
//! [`ErrorResponse::parse_at`], so they are plain field reads, but for the two that build owned
//! values: the violations and Problem's details, made from the body when first asked for.
//! `serde_json` is used only to rebuild one detail as the caller's type.

use std::borrow::Cow;
use std::cell::OnceCell;
use std::fmt;
use std::sync::OnceLock;
use std::time::{Duration, SystemTime};

use http::header::{HeaderMap, HeaderName};
use http::StatusCode;
use serde::de::DeserializeOwned;

use self::scan::Json;

use super::retry_after::{self, parse_retry_after_ms};
use crate::{RateLimit, Violation};

/// Problem extension members kept in its details.
const MAX_MEMBERS: usize = 1024;
/// Violations kept, whatever the format (the rest of the array is not read).
const MAX_VIOLATIONS: usize = 1024;

/// The envelope an [`ErrorResponse`] was written in, as [`ErrorResponse::parse`] detected it.
///
/// The names are those of the crate's [envelopes](crate::envelope), which are also the shapes
/// most JSON APIs use; a body from another server is recognized by its shape, whoever wrote it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Format {
    /// `{"error":true,"message":…,"code":…,"retry_after_ms":…}`.
    ErrorFlag,
    /// `{"error":"<message>","code":…,"details":{…}}`.
    ErrorMessage,
    /// `{"error":"<code>","message":…,"status":…}`.
    ErrorCode,
    /// `{"data":null,"error":{"code":…,"message":…},"meta":{"request_id":…}}`.
    DataErrorMeta,
    /// `{"error":{"code":"<string>","message":…,"details":{…}}}`.
    ErrorObject,
    /// RFC 9457 problem details: `{"type":…,"title":…,"status":…,"detail":…,…}`.
    Problem,
    /// JSON:API error objects: `{"errors":[{"status":…,"code":…,"title":…,"detail":…}]}`.
    JsonApi,
    /// Google's AIP-193 `{"error":{"code":<status>,"message":…,"status":…,"details":[…]}}`.
    Google,
    /// The Microsoft REST / Azure / `OData` error:
    /// `{"error":{"code":…,"message":…,"target":…,"details":[…],"innererror":{…}}}`.
    OData,
    /// None of the above: not JSON (an HTML page from a proxy, an empty body, a truncated
    /// body), or JSON of another shape. Only the status, the headers and the raw body are read.
    Unknown,
}

impl Format {
    /// Whether the format has a place for field violations.
    fn has_violations(self) -> bool {
        !matches!(
            self,
            Format::ErrorFlag | Format::ErrorCode | Format::DataErrorMeta | Format::Unknown
        )
    }
}

/// A string of the response: a range of the body, or text of its own (an escaped string, a
/// header's value, a body repaired before parsing).
#[derive(Clone)]
enum Text {
    Span(usize, usize),
    Owned(Box<str>),
    /// Problem's extension members, gathered from the body when first asked for.
    Extensions,
}

/// An error response, decoded: the status, the envelope it was written in and what that
/// envelope says (code, message, retry delay, request id, field violations, details), the
/// rate-limit headers, and the body, kept as it came.
///
/// [`ErrorResponse::parse`] never fails and never panics: a body it does not understand is
/// [`Format::Unknown`], with only the status, the headers and the raw body to read. It reads
/// real APIs as well as apierror servers: the published examples of RFC 9457, AIP-193, JSON:API
/// 1.1 and the Microsoft REST API guidelines decode as their authors meant. Nothing is invented:
/// [`code`](Self::code) is `None` when the body has no machine code (a title or a type URI is
/// not one), and `status()` is always the HTTP status, never a status the body claims.
///
/// ```
/// use std::time::Duration;
/// use apierror::client::{ErrorResponse, Format};
/// use http::{header, HeaderMap, HeaderValue, StatusCode};
///
/// let mut headers = HeaderMap::new();
/// headers.insert(header::RETRY_AFTER, HeaderValue::from_static("5"));
/// let body = br#"{"error":{"code":"RATE_LIMITED","message":"Slow down.","details":{"limit":100,"retry_after":5}}}"#;
/// let response = ErrorResponse::parse(StatusCode::TOO_MANY_REQUESTS, &headers, body);
///
/// assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
/// assert_eq!(response.format(), Format::ErrorObject);
/// assert_eq!(response.code(), Some("RATE_LIMITED"));
/// assert_eq!(response.message(), Some("Slow down."));
/// assert_eq!(response.retry_after(), Some(Duration::from_secs(5)));
/// assert_eq!(response.detail::<u32>("limit"), Some(100));
/// assert_eq!(response.body(), body);
///
/// // A proxy's page: the status and the body, nothing made up.
/// let page = ErrorResponse::parse(StatusCode::BAD_GATEWAY, &HeaderMap::new(), b"<html>502</html>");
/// assert_eq!(page.format(), Format::Unknown);
/// assert_eq!((page.code(), page.message()), (None, None));
/// assert_eq!(page.status(), StatusCode::BAD_GATEWAY);
/// ```
///
/// # Detection
///
/// The body is parsed as JSON (a leading UTF-8 byte order mark is skipped; a body that is not
/// UTF-8 is not JSON). Strict JSON first; only when that fails, once more with each comma that
/// directly precedes a `}` or `]` ignored (the Azure guidelines' own example has one); nothing
/// else is repaired, so a truncated body is [`Format::Unknown`]. A body whose top level is not an
/// object is `Unknown`. Then the first rule that applies decides:
///
/// | # | when | format |
/// |---|---|---|
/// | 1 | `Content-Type: application/problem+json` | `Problem` |
/// | 2 | `Content-Type: application/vnd.api+json` and `errors` is an array | `JsonApi` |
/// | 3 | `error` is `true` | `ErrorFlag` |
/// | 4 | `error` is a string, and there is a `code` member | `ErrorMessage` |
/// | 5 | `error` is a string, and `message` is a string or `status` a number | `ErrorCode` |
/// | 6 | `error` is a string | `ErrorMessage` |
/// | 7 | `error` is an object, beside a top-level `data` or `meta` | `DataErrorMeta` |
/// | 8 | `error` is an object with a `details` array holding an `@type`, or a string `status` and a `code` that is a number or absent, or a `code` that is the HTTP status as a number | `Google` |
/// | 9 | `error` is an object, and the `x-ms-error-code` header is present or the object has `innererror`, `target` or a `details` array | `OData` |
/// | 10 | `error` is an object | `ErrorObject` |
/// | 11 | `errors` (an array, or ASP.NET's object of field → messages) beside any Problem member (`type`, `title`, `detail`, `instance` strings, `status` number) | `Problem` |
/// | 12 | `errors` is an array whose first object has any of `id`, `status`, `code`, `title`, `detail`, `source`, `meta` | `JsonApi` |
/// | 13 | two or more Problem members | `Problem` |
/// | 14 | anything else | `Unknown` |
///
/// Content types are compared without parameters and case-insensitively. A member of the wrong
/// type is ignored, as RFC 9457 §3.1 asks (a Problem `status` given as a string, a `source` that
/// is not an object), never an error.
///
/// # Where each accessor reads
///
/// | format | `code()` | `message()` | `details()` | body's request id | body's retry delay | `violations()` |
/// |---|---|---|---|---|---|---|
/// | `ErrorFlag` | `code` | `message` | — | — | `retry_after_ms` | — |
/// | `ErrorMessage` | `code` | `error` | `details` | — | — | `details.violations` |
/// | `ErrorCode` | `error` | `message` | — | — | — | — |
/// | `DataErrorMeta` | `error.code` | `error.message` | — | `meta.request_id` | — | — |
/// | `ErrorObject` | `error.code` | `error.message` | `error.details` | `error.details.request_id` | `error.details.retry_after` (seconds) | `error.details.violations` |
/// | `Problem` | `code` | `detail`, else `title` | the extension members as one object | — | — | `errors` |
/// | `JsonApi` | first error's `code` | first error's `detail`, else its `title` | first error's `meta` | first error's `id` | — | each error with `source.pointer` |
/// | `Google` | `ErrorInfo.reason`, else `error.status` | `error.message` | `ErrorInfo.metadata` | `RequestInfo.requestId` | `RetryInfo.retryDelay` | `BadRequest.fieldViolations` |
/// | `OData` | `error.code`, else the `x-ms-error-code` header | `error.message` | `error.innererror` | — | — | `error.details` with a `target` |
/// | `Unknown` | — | — | — | — | — | — |
///
/// - A code is a non-empty string, or an integer (its digits, as written); an empty string is no
///   code, message or request id. `code()` is the top-level code: `OData`'s nested `innererror`
///   codes are in `details()` for the clients that look for them.
/// - `details()` is the object as written, the envelope's own members in it included
///   (`ErrorObject`'s `retry_after`, `request_id` and `violations`). Problem's is an object built
///   of its extension members when it is first asked for: every top-level member but `type`,
///   `title`, `status`, `detail`, `instance`, `code`, `errors` and `error`, raw and in order (the
///   first 1024).
/// - Violations: Problem's `errors` entries `{"detail","pointer","code"}` (a `field` instead of
///   `pointer`, a `message` instead of `detail`, are read too; a pointer in URI-fragment form,
///   `#/age` as in RFC 9457's example, becomes `/age`), or ASP.NET Core's
///   `"errors":{"Name":["…"]}` (one violation per message); JSON:API's error objects with a
///   `source.pointer` (message: `detail`, else `title`); Google's `{"field","description",
///   "reason"}`; `OData`'s `{"code","target","message"}` (the code only when it is not the
///   error's own, which apierror writes for a violation without one); `{"field","message","code"}` in
///   `ErrorObject`'s and `ErrorMessage`'s `details.violations`. At most 1024.
/// - JSON:API's request id: the first error object's `id`; when there are several and they read
///   `<id>.1`, `<id>.2`, as apierror numbers the objects of one response, the common `<id>`.
///
/// Whatever the format, [`retry_after`](Self::retry_after) is the `retry-after-ms` header, else
/// `Retry-After` (delta-seconds or an HTTP-date, see [`parse_retry_after`](super::parse_retry_after)),
/// else the body's delay from the table, else the time to the rate limit's reset when
/// [`rate_limit`](Self::rate_limit) says nothing remains. [`request_id`](Self::request_id) is the
/// `x-request-id` header, else the body's. [`rate_limit`](Self::rate_limit) is read from
/// `X-RateLimit-Limit`, `-Remaining` and `-Reset` (Unix seconds), all three, else from the IETF
/// `RateLimit` and `RateLimit-Policy` fields (the item with the least remaining, and its policy's
/// quota `q` and window `w`; the reset is `now` plus its `t`).
///
/// [`violations`](Self::violations) and Problem's [`details`](Self::details) own what they
/// return: they are built from the body the first time they are asked for (a second reading),
/// not by `parse`.
///
/// Work is linear in the body's size: one pass checks the whole body as JSON (without
/// recursing on its nesting, so no body overflows the stack) and keeps what the envelopes read,
/// as slices of it; the body is copied once, with the kept headers, into one allocation. At most
/// 4096 array elements, 1024 violations and 1024 Problem extension members are kept, however
/// large the body.
#[derive(Clone)]
pub struct ErrorResponse {
    status: StatusCode,
    format: Format,
    code: Option<Text>,
    message: Option<Text>,
    request_id: Option<Text>,
    details: Option<Text>,
    retry_after: Option<Duration>,
    rate_limit: Option<RateLimit>,
    /// Built when first asked for, from the body.
    violations: OnceLock<Vec<Violation>>,
    /// The body, then the kept headers' values: one allocation for all of it.
    store: Box<[u8]>,
    body_len: usize,
    /// Where each of [`KEPT_HEADERS`] is in `store`, after the body: `(offset, length)`.
    headers: [Option<(u32, u32)>; KEPT_HEADERS.len()],
    /// Problem's details, built on first use ([`Text::Extensions`]).
    extensions: OnceLock<Option<Box<str>>>,
}

/// The indexes of [`KEPT_HEADERS`].
const CONTENT_TYPE: usize = 0;
const RETRY_AFTER: usize = 1;
const RETRY_AFTER_MS: usize = 2;
const REQUEST_ID: usize = 3;
const X_LIMIT: usize = 4;
const X_REMAINING: usize = 5;
const X_RESET: usize = 6;
const RATELIMIT: usize = 7;
const RATELIMIT_POLICY: usize = 8;
const MS_ERROR_CODE: usize = 9;

/// The response headers kept, for [`ErrorResponse::header`] and the accessors.
const KEPT_HEADERS: [&str; 10] = [
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
];

impl ErrorResponse {
    /// Decodes an error response (see the [type's documentation](Self) for how), with the
    /// current time for HTTP-date delays and the IETF rate-limit reset.
    #[must_use]
    pub fn parse(status: StatusCode, headers: &HeaderMap, body: &[u8]) -> Self {
        // The clock is read only if a date or a rate limit needs it.
        Self::decode(status, headers, body, &OnceCell::new())
    }

    /// Decodes an error response as [`parse`](Self::parse) does, `now` being the time it was
    /// received: an HTTP-date `Retry-After` is the time left after `now`, and the IETF
    /// `RateLimit` field's reset is `now` plus its `t`.
    ///
    /// ```
    /// use std::time::{Duration, SystemTime};
    /// use apierror::client::ErrorResponse;
    /// use http::{header, HeaderMap, HeaderValue, StatusCode};
    ///
    /// let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000);
    /// let mut headers = HeaderMap::new();
    /// headers.insert("ratelimit", HeaderValue::from_static("\"default\";r=0;t=30"));
    /// headers.insert("ratelimit-policy", HeaderValue::from_static("\"default\";q=100;w=60"));
    /// let response = ErrorResponse::parse_at(StatusCode::TOO_MANY_REQUESTS, &headers, b"", now);
    ///
    /// let limit = response.rate_limit().unwrap();
    /// assert_eq!((limit.limit, limit.remaining, limit.reset, limit.window), (100, 0, 1_030, Some(60)));
    /// // Nothing remains: wait for the reset.
    /// assert_eq!(response.retry_after(), Some(Duration::from_secs(30)));
    /// ```
    #[must_use]
    pub fn parse_at(status: StatusCode, headers: &HeaderMap, body: &[u8], now: SystemTime) -> Self {
        Self::decode(status, headers, body, &OnceCell::from(now))
    }

    fn decode(
        status: StatusCode,
        headers: &HeaderMap,
        body: &[u8],
        clock: &OnceCell<SystemTime>,
    ) -> Self {
        let now = || *clock.get_or_init(SystemTime::now);
        let found = find_headers(headers);
        let header = |index: usize| found.get(index).copied().flatten();
        let media = match header(CONTENT_TYPE) {
            Some(value) => Media::of(value),
            None => Media::Other,
        };
        let ms_error_code = header(MS_ERROR_CODE).filter(|code| !code.is_empty());

        let header_delay = header(RETRY_AFTER_MS)
            .and_then(|value| parse_retry_after_ms(value.as_bytes()))
            .or_else(|| {
                header(RETRY_AFTER)
                    .and_then(|value| retry_after::parse_lazily(value.as_bytes(), now))
            });
        let reading = Reading {
            status,
            media,
            ms_error_code: ms_error_code.is_some(),
            delay: header_delay.is_none(),
            violations: false,
        };
        let decoded = decode(body, reading);

        let (rate_limit, reset_wait) = match rate_limit(header, now) {
            Some((limit, wait)) => (Some(limit), (limit.remaining == 0).then_some(wait)),
            None => (None, None),
        };
        let retry_after = header_delay.or(decoded.retry_after).or(reset_wait);

        // The body and the kept headers' values in one allocation.
        let header_len: usize = found.iter().flatten().map(|value| value.len()).sum();
        let mut store = Vec::with_capacity(body.len() + header_len);
        store.extend_from_slice(body);
        let mut kept = [None; KEPT_HEADERS.len()];
        for (slot, value) in kept.iter_mut().zip(found) {
            let Some(value) = value else { continue };
            if let (Ok(offset), Ok(len)) = (
                u32::try_from(store.len() - body.len()),
                u32::try_from(value.len()),
            ) {
                *slot = Some((offset, len));
                store.extend_from_slice(value.as_bytes());
            }
        }
        let in_store = |index: usize| {
            let (offset, len) = kept.get(index).copied().flatten()?;
            let start = body.len() + offset as usize;
            (len > 0).then_some(Text::Span(start, start + len as usize))
        };
        let request_id = in_store(REQUEST_ID).or(decoded.request_id);
        let code = match (decoded.code, decoded.format) {
            (None, Format::OData) => in_store(MS_ERROR_CODE),
            (code, _) => code,
        };

        ErrorResponse {
            status,
            format: decoded.format,
            code,
            message: decoded.message,
            request_id,
            details: decoded.details,
            retry_after,
            rate_limit,
            // Left empty: a format without violations never fills it (`violations` answers `&[]`).
            violations: OnceLock::new(),
            store: store.into_boxed_slice(),
            body_len: body.len(),
            headers: kept,
            extensions: OnceLock::new(),
        }
    }

    /// The HTTP status of the response (never one the body claims).
    #[must_use]
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The envelope the body was written in.
    #[must_use]
    pub fn format(&self) -> Format {
        self.format
    }

    /// The machine code, where the format keeps one (Google: `ErrorInfo.reason`, else the
    /// `status` name; Problem and JSON:API: their `code` member); `None` when the body has none.
    #[must_use]
    pub fn code(&self) -> Option<&str> {
        self.text(self.code.as_ref())
    }

    /// The message for people: the format's message member (Problem's `detail`, JSON:API's
    /// first `detail`, else their `title`).
    #[must_use]
    pub fn message(&self) -> Option<&str> {
        self.text(self.message.as_ref())
    }

    /// How long the server asks the client to wait before retrying: the `retry-after-ms`
    /// header, else `Retry-After`, else the body's delay (`retry_after_ms`, Google's `RetryInfo`,
    /// `ErrorObject`'s `details.retry_after`), else the time to the rate limit's reset when
    /// nothing remains. A delay too large to represent is `u64::MAX` seconds: cap it before
    /// adding it to an `Instant`.
    #[must_use]
    pub fn retry_after(&self) -> Option<Duration> {
        self.retry_after
    }

    /// The request's id: the `x-request-id` header, else the body's (`DataErrorMeta`'s
    /// `meta.request_id`, `ErrorObject`'s `details.request_id`, Google's `RequestInfo.requestId`,
    /// JSON:API's `id` without apierror's `.1`, `.2` numbering).
    #[must_use]
    pub fn request_id(&self) -> Option<&str> {
        self.text(self.request_id.as_ref())
    }

    /// The field violations the body lists (see the [type's documentation](Self) for where),
    /// read from the body when first asked for (most callers never do, so decoding does not).
    #[must_use]
    pub fn violations(&self) -> &[Violation] {
        if !self.format.has_violations() {
            return &[];
        }
        self.violations.get_or_init(|| {
            // Read again, as it was the first time, but for the violations this time.
            let media = match self.header("content-type") {
                Some(value) => Media::of(value),
                None => Media::Other,
            };
            let ms_error_code = self
                .header("x-ms-error-code")
                .is_some_and(|code| !code.is_empty());
            let reading = Reading {
                status: self.status,
                media,
                ms_error_code,
                delay: false,
                violations: true,
            };
            decode(self.body(), reading).violations
        })
    }

    /// The rate-limit state the headers advertise: `X-RateLimit-Limit`, `-Remaining` and
    /// `-Reset` (Unix seconds), else the IETF `RateLimit` and `RateLimit-Policy` fields.
    #[must_use]
    pub fn rate_limit(&self) -> Option<RateLimit> {
        self.rate_limit
    }

    /// The details object's raw JSON text, where the format keeps details: `ErrorObject`'s
    /// `error.details`, `ErrorMessage`'s `details`, JSON:API's first error's `meta`, `OData`'s
    /// `innererror`, Google's `ErrorInfo.metadata`, Problem's extension members (as one object
    /// built of them). Always a JSON object.
    #[must_use]
    pub fn details(&self) -> Option<&str> {
        self.text(self.details.as_ref())
    }

    /// One member of the [details](Self::details), rebuilt with serde; `None` when it is absent
    /// or does not deserialize as a `T`. Google's metadata values are strings, so for Google the
    /// string's content is tried as JSON first (`"7"` is `7`), then the string itself.
    ///
    /// ```
    /// use apierror::client::ErrorResponse;
    /// use http::{HeaderMap, StatusCode};
    ///
    /// let body = br#"{"error":{"code":404,"message":"No user 7.","status":"NOT_FOUND","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"USER_NOT_FOUND","metadata":{"id":"7","name":"ada"}}]}}"#;
    /// let response = ErrorResponse::parse(StatusCode::NOT_FOUND, &HeaderMap::new(), body);
    /// assert_eq!(response.code(), Some("USER_NOT_FOUND"));
    /// assert_eq!(response.detail::<u64>("id"), Some(7));
    /// assert_eq!(response.detail::<String>("id").as_deref(), Some("7"));
    /// assert_eq!(response.detail::<String>("name").as_deref(), Some("ada"));
    /// assert_eq!(response.detail::<u64>("name"), None);
    /// ```
    #[must_use]
    pub fn detail<T: DeserializeOwned>(&self, name: &str) -> Option<T> {
        // Details are a checked object, or one built of checked members.
        let [value] = Json::checked(self.details()?).pick([name]);
        let value = value?;
        if self.format == Format::Google {
            if let Some(text) = value.string() {
                if let Ok(value) = serde_json::from_str::<T>(&text) {
                    return Some(value);
                }
            }
        }
        serde_json::from_str(value.text()).ok()
    }

    /// A response header the decoder keeps, by name (case-insensitive): `Content-Type`,
    /// `Retry-After`, `retry-after-ms`, `x-request-id`, `X-RateLimit-Limit`,
    /// `X-RateLimit-Remaining`, `X-RateLimit-Reset`, `RateLimit`, `RateLimit-Policy` and
    /// `x-ms-error-code` (the first value of each that is UTF-8); `None` for any other.
    #[must_use]
    pub fn header(&self, name: &str) -> Option<&str> {
        let index = KEPT_HEADERS
            .iter()
            .position(|kept| kept.eq_ignore_ascii_case(name))?;
        let (offset, len) = self.headers.get(index).copied().flatten()?;
        let start = self.body_len + offset as usize;
        std::str::from_utf8(self.store.get(start..start + len as usize)?).ok()
    }

    /// The body, byte for byte as it came.
    #[must_use]
    pub fn body(&self) -> &[u8] {
        self.store.get(..self.body_len).unwrap_or_default()
    }

    fn text<'s>(&'s self, text: Option<&'s Text>) -> Option<&'s str> {
        match text? {
            Text::Span(start, end) => std::str::from_utf8(self.store.get(*start..*end)?).ok(),
            Text::Owned(text) => Some(text),
            Text::Extensions => self
                .extensions
                .get_or_init(|| problem_extensions_of(self.body()))
                .as_deref(),
        }
    }
}

impl fmt::Debug for ErrorResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        /// The body as text, its first 512 bytes.
        struct Body<'a>(&'a [u8]);
        impl fmt::Debug for Body<'_> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                let shown = self.0.get(..512).unwrap_or(self.0);
                write!(f, "{:?}", String::from_utf8_lossy(shown))?;
                if shown.len() < self.0.len() {
                    write!(f, "… ({} bytes)", self.0.len())?;
                }
                Ok(())
            }
        }
        f.debug_struct("ErrorResponse")
            .field("status", &self.status)
            .field("format", &self.format)
            .field("code", &self.code())
            .field("message", &self.message())
            .field("request_id", &self.request_id())
            .field("retry_after", &self.retry_after)
            .field("rate_limit", &self.rate_limit)
            .field("violations", &self.violations())
            .field("details", &self.details())
            .field("body", &Body(self.body()))
            .finish_non_exhaustive()
    }
}

/// [`KEPT_HEADERS`] as header names: a standard header compares as a number.
static KEPT_NAMES: [HeaderName; KEPT_HEADERS.len()] = [
    HeaderName::from_static(KEPT_HEADERS[0]),
    HeaderName::from_static(KEPT_HEADERS[1]),
    HeaderName::from_static(KEPT_HEADERS[2]),
    HeaderName::from_static(KEPT_HEADERS[3]),
    HeaderName::from_static(KEPT_HEADERS[4]),
    HeaderName::from_static(KEPT_HEADERS[5]),
    HeaderName::from_static(KEPT_HEADERS[6]),
    HeaderName::from_static(KEPT_HEADERS[7]),
    HeaderName::from_static(KEPT_HEADERS[8]),
    HeaderName::from_static(KEPT_HEADERS[9]),
];

/// The first value of each kept header, when it is UTF-8.
fn find_headers(headers: &HeaderMap) -> [Option<&str>; KEPT_HEADERS.len()] {
    let mut found = [None; KEPT_HEADERS.len()];
    // One walk over the map (a response has a few headers).
    for (name, value) in headers {
        let Some(index) = KEPT_NAMES.iter().position(|kept| kept == name) else {
            continue;
        };
        if let Some(slot @ None) = found.get_mut(index) {
            *slot = std::str::from_utf8(value.as_bytes()).ok();
        }
    }
    found
}

/// What the `Content-Type` says, for detection.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Media {
    Problem,
    JsonApi,
    Other,
}

impl Media {
    fn of(content_type: &str) -> Self {
        let end = content_type
            .bytes()
            .position(|b| b == b';')
            .unwrap_or(content_type.len());
        let essence = content_type.get(..end).unwrap_or_default().trim();
        if essence.eq_ignore_ascii_case("application/problem+json") {
            Media::Problem
        } else if essence.eq_ignore_ascii_case("application/vnd.api+json") {
            Media::JsonApi
        } else {
            Media::Other
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Rate limits.

/// The rate limit the headers advertise, and the time until its reset.
fn rate_limit<'h>(
    header: impl Fn(usize) -> Option<&'h str>,
    now: impl Fn() -> SystemTime,
) -> Option<(RateLimit, Duration)> {
    let number = |index: usize| header(index).and_then(|value| value.trim().parse::<u64>().ok());
    if let (Some(limit), Some(remaining), Some(reset)) =
        (number(X_LIMIT), number(X_REMAINING), number(X_RESET))
    {
        let at = SystemTime::UNIX_EPOCH.checked_add(Duration::from_secs(reset));
        let wait = at.map_or(Duration::from_secs(u64::MAX), |at| {
            at.duration_since(now()).unwrap_or(Duration::ZERO)
        });
        return Some((RateLimit::new(limit, remaining, reset), wait));
    }
    // IETF: the most constrained item of `RateLimit`, and the policy of the same name.
    let (name, remaining, reset) = sf_items(header(RATELIMIT)?)
        .filter_map(|item| {
            let (name, params) = sf_item(item)?;
            Some((name, sf_param(params, "r")?, sf_param(params, "t")?))
        })
        .min_by(|a, b| a.1.cmp(&b.1).then(b.2.cmp(&a.2)))?;
    let (limit, window) = sf_items(header(RATELIMIT_POLICY)?).find_map(|item| {
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

// ---------------------------------------------------------------------------------------------
// Decoding the body.

/// What the body says, its strings as ranges of the body where it can.
struct Decoded {
    format: Format,
    code: Option<Text>,
    message: Option<Text>,
    request_id: Option<Text>,
    details: Option<Text>,
    retry_after: Option<Duration>,
    violations: Vec<Violation>,
}

impl Decoded {
    fn unknown() -> Self {
        Decoded {
            format: Format::Unknown,
            code: None,
            message: None,
            request_id: None,
            details: None,
            retry_after: None,
            violations: Vec::new(),
        }
    }
}

/// What a reading of the body needs to know, and what it reads.
#[derive(Clone, Copy)]
struct Reading {
    status: StatusCode,
    media: Media,
    /// Whether the `x-ms-error-code` header is present.
    ms_error_code: bool,
    /// Whether the body's retry delay is wanted (no header gave one).
    delay: bool,
    /// Whether the violations are wanted (they are read only when first asked for).
    violations: bool,
}

/// What the body says.
fn decode(body: &[u8], reading: Reading) -> Decoded {
    let json = body.strip_prefix(b"\xef\xbb\xbf").unwrap_or(body);
    let Ok(text) = std::str::from_utf8(json) else {
        return Decoded::unknown();
    };
    // Only an object can be an envelope: anything else (HTML, plain text) stops here.
    let first = text
        .bytes()
        .find(|b| !matches!(b, b' ' | b'\t' | b'\n' | b'\r'));
    if first != Some(b'{') {
        return Decoded::unknown();
    }
    let spans = Spans(body);
    let mut top = read::Top::default();
    if read::top(text, &mut top).is_some() {
        return interpret(&top, reading, spans);
    }
    let Some(repaired) = without_trailing_commas(text) else {
        return Decoded::unknown();
    };
    // Strings of the repaired copy are not ranges of the body: `Spans` copies them.
    let mut top = read::Top::default();
    match read::top(&repaired, &mut top) {
        Some(()) => interpret(&top, reading, spans),
        None => Decoded::unknown(),
    }
}

/// Turns strings of the parsed text into [`Text`]: a range of the body when the string is a
/// slice of it, else a copy.
#[derive(Clone, Copy)]
struct Spans<'b>(&'b [u8]);

impl Spans<'_> {
    fn text(self, text: &str) -> Text {
        let start = (text.as_ptr() as usize).wrapping_sub(self.0.as_ptr() as usize);
        match start.checked_add(text.len()) {
            Some(end) if start <= self.0.len() && end <= self.0.len() => Text::Span(start, end),
            _ => Text::Owned(text.into()),
        }
    }

    fn cow(self, text: Cow<'_, str>) -> Text {
        match text {
            Cow::Borrowed(text) => self.text(text),
            Cow::Owned(text) => Text::Owned(text.into_boxed_str()),
        }
    }

    /// A string member's contents, when it is a non-empty string.
    fn string(self, value: Option<Json<'_>>) -> Option<Text> {
        text_of(value).map(|text| self.cow(text))
    }

    /// A code member, when it is a non-empty string or an integer.
    fn code(self, value: Option<Json<'_>>) -> Option<Text> {
        value.and_then(code_of).map(|code| self.cow(code))
    }

    /// An object member's text, when it is an object.
    fn object(self, value: Option<Json<'_>>) -> Option<Text> {
        value
            .filter(|value| value.is_object())
            .map(|value| self.text(value.text()))
    }
}

fn interpret(top: &read::Top<'_>, reading: Reading, spans: Spans<'_>) -> Decoded {
    use read::{DetailsKind, ErrorField, Errors};

    let mut out = Decoded::unknown();
    out.format = detect(top, reading.status, reading.media, reading.ms_error_code);
    let (delay, violations) = (reading.delay, reading.violations);
    let error = match &top.error {
        Some(ErrorField::Object(error)) => Some(error),
        _ => None,
    };
    let error_text = match &top.error {
        Some(ErrorField::Text(text)) => Some(*text),
        _ => None,
    };
    match (out.format, error) {
        (Format::ErrorFlag, _) => {
            out.code = spans.code(top.code);
            out.message = spans.string(top.message);
            out.retry_after = top
                .retry_after_ms
                .filter(|_| delay)
                .and_then(|ms| retry_after::parse_json_delay(ms.text(), 1_000));
        }
        (Format::ErrorCode, _) => {
            out.code = spans.string(error_text);
            out.message = spans.string(top.message);
        }
        (Format::ErrorMessage, _) => {
            out.message = spans.string(error_text);
            out.code = spans.code(top.code);
            if let Some(details) = &top.details {
                out.details = spans.object(Some(details.raw));
                if let (
                    DetailsKind::Object {
                        violations: listed, ..
                    },
                    true,
                ) = (&details.kind, violations)
                {
                    out.violations = listed_violations(listed);
                }
            }
        }
        (Format::DataErrorMeta, Some(error)) => {
            out.code = spans.code(error.code);
            out.message = spans.string(error.message);
            out.request_id = spans.string(top.meta_request_id);
        }
        (Format::ErrorObject, Some(error)) => {
            out.code = spans.code(error.code);
            out.message = spans.string(error.message);
            if let Some(details) = &error.details {
                out.details = spans.object(Some(details.raw));
                if let DetailsKind::Object {
                    violations: listed,
                    request_id,
                    retry_after,
                } = &details.kind
                {
                    if violations {
                        out.violations = listed_violations(listed);
                    }
                    out.request_id = spans.string(*request_id);
                    out.retry_after = retry_after
                        .filter(|_| delay)
                        .and_then(|secs| retry_after::parse_json_delay(secs.text(), 1));
                }
            }
        }
        (Format::OData, Some(error)) => read_odata(&mut out, error, violations, spans),
        (Format::Google, Some(error)) => read_google(&mut out, error, reading, spans),
        (Format::JsonApi, _) => read_json_api(&mut out, top, violations, spans),
        (Format::Problem, _) => {
            out.code = spans.code(top.code);
            out.message = spans.string(top.detail).or_else(|| spans.string(top.title));
            out.details = (top.extensions > 0).then_some(Text::Extensions);
            out.violations = match &top.errors {
                Some(Errors::List(items)) if violations => problem_violations(items),
                Some(Errors::Map(fields)) if violations => field_messages(*fields),
                _ => Vec::new(),
            };
        }
        _ => {}
    }
    out
}

/// `OData`'s members: `code`, `message`, `innererror`, and each of `details` with a `target`.
fn read_odata(out: &mut Decoded, error: &read::ErrorObj<'_>, violations: bool, spans: Spans<'_>) {
    out.code = spans.code(error.code);
    out.message = spans.string(error.message);
    out.details = spans.object(error.innererror);
    // A detail's code is the violation's when it is not the error's own: the inverse
    // of apierror's writer, which gives a violation without a code the error's.
    let own = error.code.and_then(code_of);
    out.violations = error
        .details
        .iter()
        .filter(|_| violations)
        .flat_map(read::Details::items)
        .filter_map(|item| {
            let violation =
                Violation::field(owned(item.target)?, owned(item.message).unwrap_or_default());
            let code = item.code.filter(|code| code_of(*code) != own);
            Some(with_code(violation, code))
        })
        .take(MAX_VIOLATIONS)
        .collect();
}

/// Google's members: `ErrorInfo`, `RetryInfo`, `RequestInfo` and `BadRequest` among the details.
fn read_google(out: &mut Decoded, error: &read::ErrorObj<'_>, reading: Reading, spans: Spans<'_>) {
    let delay = reading.delay;
    out.message = spans.string(error.message);
    let mut reason = None;
    let mut bad_request = None;
    let (mut info, mut retry, mut request) = (false, false, false);
    for item in error.details.iter().flat_map(read::Details::items) {
        let Some(type_url) = item.type_url.and_then(Json::string) else {
            continue;
        };
        let name = match type_url.strip_prefix("type.googleapis.com/") {
            Some(name) => name,
            None => type_url.rfind('/').map_or(&*type_url, |slash| {
                type_url.get(slash + 1..).unwrap_or_default()
            }),
        };
        // The first of each type: AIP-193 allows one.
        match name {
            "google.rpc.ErrorInfo" if !info => {
                info = true;
                reason = item.reason;
                out.details = spans.object(item.metadata);
            }
            "google.rpc.RetryInfo" if !retry => {
                retry = true;
                out.retry_after = text_of(item.retry_delay.filter(|_| delay))
                    .and_then(|delay| retry_after::parse_proto_duration(&delay));
            }
            "google.rpc.RequestInfo" if !request => {
                request = true;
                out.request_id = spans.string(item.request_id);
            }
            "google.rpc.BadRequest" if bad_request.is_none() => {
                bad_request = Some(&item.field_violations);
            }
            _ => {}
        }
    }
    out.code = spans.string(reason).or_else(|| spans.string(error.status));
    out.violations = bad_request
        .filter(|_| reading.violations)
        .into_iter()
        .flatten()
        .filter_map(|item| {
            let violation = Violation::field(
                owned(item.field)?,
                owned(item.description).unwrap_or_default(),
            );
            Some(with_code(violation, item.reason))
        })
        .take(MAX_VIOLATIONS)
        .collect();
}

/// JSON:API's members: the first error object's, and every object's `source.pointer`.
fn read_json_api(out: &mut Decoded, top: &read::Top<'_>, violations: bool, spans: Spans<'_>) {
    let Some(read::Errors::List(items)) = &top.errors else {
        return;
    };
    if let Some(first) = items.first() {
        out.code = spans.code(first.code);
        out.message = spans
            .string(first.detail)
            .or_else(|| spans.string(first.title));
        out.details = spans.object(first.meta);
        let second = items.get(1).and_then(|second| second.id);
        out.request_id = json_api_request_id(first.id, second).map(|id| spans.cow(id));
    }
    out.violations = items
        .iter()
        .filter(|_| violations)
        .filter_map(|item| {
            let pointer = item.source_pointer.and_then(Json::string)?;
            let message = text_of(item.detail)
                .or_else(|| text_of(item.title))
                .unwrap_or_default();
            let violation = Violation::pointer(normalize_pointer(&pointer), message.into_owned());
            Some(with_code(violation, item.code))
        })
        .take(MAX_VIOLATIONS)
        .collect();
}

/// Which envelope the body is in: the table of [`ErrorResponse`]'s documentation, in order.
fn detect(top: &read::Top<'_>, status: StatusCode, media: Media, ms_error_code: bool) -> Format {
    use read::{DetailsKind, ErrorField, Errors};

    if media == Media::Problem {
        return Format::Problem;
    }
    if media == Media::JsonApi && matches!(top.errors, Some(Errors::List(_))) {
        return Format::JsonApi;
    }
    match &top.error {
        Some(ErrorField::Flag(true)) => return Format::ErrorFlag,
        Some(ErrorField::Text(_)) => {
            return if top.code.is_some() {
                Format::ErrorMessage
            } else if top.message.is_some_and(Json::is_string)
                || top.status.is_some_and(Json::is_number)
            {
                Format::ErrorCode
            } else {
                Format::ErrorMessage
            };
        }
        Some(ErrorField::Object(error)) => {
            if top.data.is_some() || top.meta.is_some() {
                return Format::DataErrorMeta;
            }
            let list = error
                .details
                .as_ref()
                .filter(|details| matches!(details.kind, DetailsKind::List(_)));
            let typed = list
                .is_some_and(|details| details.items().iter().any(|item| item.type_url.is_some()));
            let numeric_code = error.code.filter(|code| code.is_number());
            let status_name = error.status.is_some_and(Json::is_string);
            let is_status = numeric_code
                .is_some_and(|code| code.text().parse::<u16>().ok() == Some(status.as_u16()));
            if typed
                || is_status
                || (status_name && (error.code.is_none() || numeric_code.is_some()))
            {
                return Format::Google;
            }
            if ms_error_code
                || error.innererror.is_some()
                || error.target.is_some()
                || list.is_some()
            {
                return Format::OData;
            }
            return Format::ErrorObject;
        }
        _ => {}
    }
    let problem_members = [top.type_uri, top.title, top.detail, top.instance]
        .iter()
        .filter(|member| member.is_some_and(Json::is_string))
        .count()
        + usize::from(top.status.is_some_and(Json::is_number));
    match &top.errors {
        Some(Errors::List(_) | Errors::Map(_)) if problem_members > 0 => return Format::Problem,
        Some(Errors::List(items)) if items.first().is_some_and(read::Item::is_json_api) => {
            return Format::JsonApi;
        }
        _ => {}
    }
    if problem_members >= 2 {
        Format::Problem
    } else {
        Format::Unknown
    }
}

/// The contents of a string member, when it is one and not empty.
fn text_of(value: Option<Json<'_>>) -> Option<Cow<'_, str>> {
    value.and_then(Json::string).filter(|text| !text.is_empty())
}

/// A string member's contents, as the owned text a [`Violation`] keeps.
fn owned(value: Option<Json<'_>>) -> Option<String> {
    value.and_then(Json::string).map(Cow::into_owned)
}

/// A machine code: a non-empty string, or an integer as written.
fn code_of(value: Json<'_>) -> Option<Cow<'_, str>> {
    if value.is_string() {
        return value.string().filter(|code| !code.is_empty());
    }
    let text = value.text();
    let digits = text.strip_prefix('-').unwrap_or(text);
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        return Some(Cow::Borrowed(text));
    }
    value.string().filter(|code| !code.is_empty())
}

fn with_code(violation: Violation, code: Option<Json<'_>>) -> Violation {
    match code.and_then(code_of) {
        Some(code) => violation.with_code(code.into_owned()),
        None => violation,
    }
}

/// `{"field","message","code"}` entries (`ErrorObject`'s and `ErrorMessage`'s `violations`).
fn listed_violations(items: &[read::Item<'_>]) -> Vec<Violation> {
    items
        .iter()
        .filter_map(|item| {
            let violation =
                Violation::field(owned(item.field)?, owned(item.message).unwrap_or_default());
            Some(with_code(violation, item.code))
        })
        .take(MAX_VIOLATIONS)
        .collect()
}

/// Problem's `errors` entries: `{"detail","pointer","code"}`, or with `field` and `message`.
fn problem_violations(items: &[read::Item<'_>]) -> Vec<Violation> {
    items
        .iter()
        .filter_map(|item| {
            let message = owned(item.detail)
                .or_else(|| owned(item.message))
                .or_else(|| owned(item.title))
                .unwrap_or_default();
            let violation = match item.pointer.and_then(Json::string) {
                Some(pointer) => Violation::pointer(normalize_pointer(&pointer), message),
                None => Violation::field(owned(item.field)?, message),
            };
            Some(with_code(violation, item.code))
        })
        .take(MAX_VIOLATIONS)
        .collect()
}

/// ASP.NET Core's `"errors":{"Name":["message", …]}`: one violation per message.
fn field_messages(errors: Json<'_>) -> Vec<Violation> {
    errors
        .members()
        .flat_map(|(field, messages)| {
            let one = messages.is_string().then_some(messages);
            let field = field.name();
            one.into_iter()
                .chain(messages.elements())
                .filter_map(move |message| {
                    Some(Violation::field(
                        field.to_string(),
                        message.string()?.into_owned(),
                    ))
                })
        })
        .take(MAX_VIOLATIONS)
        .collect()
}

/// A JSON pointer as given, or, in URI-fragment form (`#/profile/color`, RFC 6901 §6), the
/// pointer it stands for (`/profile/color`).
fn normalize_pointer(pointer: &str) -> String {
    match pointer.strip_prefix('#') {
        Some(fragment) => percent_decode(fragment).unwrap_or_else(|| fragment.to_owned()),
        None => pointer.to_owned(),
    }
}

fn percent_decode(text: &str) -> Option<String> {
    if !text.contains('%') {
        return Some(text.to_owned());
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// JSON:API's request id: the first error object's `id`, without apierror's `.1`, `.2`
/// numbering when the second object's id continues it.
fn json_api_request_id<'a>(
    first: Option<Json<'a>>,
    second: Option<Json<'a>>,
) -> Option<Cow<'a, str>> {
    let first = text_of(first)?;
    let second = text_of(second);
    let keep = match (
        first.strip_suffix(".1"),
        second.as_deref().and_then(|id| id.strip_suffix(".2")),
    ) {
        (Some(base), Some(base_2)) if base == base_2 && !base.is_empty() => base.len(),
        _ => return Some(first),
    };
    Some(match first {
        Cow::Borrowed(first) => Cow::Borrowed(first.get(..keep).unwrap_or(first)),
        Cow::Owned(mut first) => {
            if first.is_char_boundary(keep) {
                first.truncate(keep);
            }
            Cow::Owned(first)
        }
    })
}

/// Problem's extension members as one object: every top-level member but the standard ones
/// and those the decoder reads (`code`, `errors`, `error`), the first [`MAX_MEMBERS`].
fn problem_extensions(top: Json<'_>) -> Option<String> {
    const OWN: [&str; 8] = [
        "type", "title", "status", "detail", "instance", "code", "errors", "error",
    ];
    let mut members = top
        .members()
        .filter(|(name, _)| !OWN.iter().any(|own| name.is(own)))
        .take(MAX_MEMBERS)
        .peekable();
    members.peek()?;
    let mut out = String::from("{");
    for (name, value) in members {
        if out.len() > 1 {
            out.push(',');
        }
        // Both checked JSON already: the name as written, quotes and escapes included.
        out.push_str(name.json());
        out.push(':');
        out.push_str(value.text());
    }
    out.push('}');
    Some(out)
}

/// Problem's extension members as one object, from the body (read again, as it was decoded).
fn problem_extensions_of(body: &[u8]) -> Option<Box<str>> {
    let json = body.strip_prefix(b"\xef\xbb\xbf").unwrap_or(body);
    let text = std::str::from_utf8(json).ok()?;
    let top = match Json::document(text) {
        Some(top) => problem_extensions(top),
        None => problem_extensions(Json::document(&without_trailing_commas(text)?)?),
    };
    top.map(String::into_boxed_str)
}

/// `text` with each comma that directly precedes (but for whitespace) a `}` or `]` made a space,
/// or `None` when there is none.
fn without_trailing_commas(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out: Option<Vec<u8>> = None;
    let mut quoted = false;
    let mut escaped = false;
    for (i, &b) in bytes.iter().enumerate() {
        if quoted {
            if escaped {
                escaped = false;
            } else if b == b'\\' {
                escaped = true;
            } else if b == b'"' {
                quoted = false;
            }
            continue;
        }
        match b {
            b'"' => quoted = true,
            b',' => {
                let next = bytes
                    .get(i + 1..)
                    .unwrap_or_default()
                    .iter()
                    .find(|&&c| !matches!(c, b' ' | b'\t' | b'\n' | b'\r'));
                if matches!(next, Some(b'}' | b']')) {
                    if let Some(slot) = out.get_or_insert_with(|| bytes.to_vec()).get_mut(i) {
                        *slot = b' ';
                    }
                }
            }
            _ => {}
        }
    }
    // Only ASCII commas became spaces: still UTF-8.
    out.and_then(|bytes| String::from_utf8(bytes).ok())
}

/// A small strict JSON reader (RFC 8259) that hands out values as slices of the text: the
/// lexical pieces ([`read`] builds the single pass over a body with them), and [`Json`], a value
/// already checked, whose members and elements are walked lazily.
///
/// Nothing recurses on the input's nesting (an array or object is skipped with a count of open
/// brackets, not stack frames), strings are scanned eight bytes at a time, and every step
/// indexes with `get`: even text that was never checked makes it answer nonsense, never panic.
mod scan {
    use std::borrow::Cow;

    /// A JSON value: its text, exactly as written (no surrounding whitespace).
    #[derive(Clone, Copy, Debug)]
    pub(super) struct Json<'a>(&'a str);

    /// An object member's name: its text as written, quotes included.
    #[derive(Clone, Copy)]
    pub(super) struct Name<'a> {
        quoted: &'a str,
        escaped: bool,
    }

    /// The bytes of `word` that are `"`, `\` or a control character, as high bits; exact for
    /// the lowest such byte (the usual "has a zero byte" trick may flag bytes above it too).
    const fn specials(word: u64) -> u64 {
        const ONES: u64 = 0x0101_0101_0101_0101;
        const HIGHS: u64 = 0x8080_8080_8080_8080;
        let control = word.wrapping_sub(ONES * 0x20) & !word;
        let quote = word ^ (ONES * 0x22);
        let quote = quote.wrapping_sub(ONES) & !quote;
        let backslash = word ^ (ONES * 0x5c);
        let backslash = backslash.wrapping_sub(ONES) & !backslash;
        (control | quote | backslash) & HIGHS
    }

    /// Whether `bytes` has a `\\`, eight bytes at a time.
    fn has_backslash(bytes: &[u8]) -> bool {
        const ONES: u64 = 0x0101_0101_0101_0101;
        const HIGHS: u64 = 0x8080_8080_8080_8080;
        let mut words = bytes.chunks_exact(8);
        for chunk in &mut words {
            let mut word = [0; 8];
            word.copy_from_slice(chunk);
            let word = u64::from_le_bytes(word) ^ (ONES * 0x5c);
            if word.wrapping_sub(ONES) & !word & HIGHS != 0 {
                return true;
            }
        }
        words.remainder().contains(&b'\\')
    }

    pub(super) fn ws(b: &[u8], mut i: usize) -> usize {
        while matches!(b.get(i), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            i += 1;
        }
        i
    }

    /// The end (past the closing quote) of the string whose opening quote is at `i`, and
    /// whether it has escapes; `None` for a malformed string.
    pub(super) fn string_end(b: &[u8], i: usize) -> Option<(usize, bool)> {
        // The common case, a string without escapes, in a small loop of its own.
        let j = plain_end(b, i + 1);
        if b.get(j) == Some(&b'"') {
            Some((j + 1, false))
        } else {
            escaped_end(b, j)
        }
    }

    /// Where the run of plain string bytes from `j` ends: at a `"`, a `\`, a control
    /// character or the end of `b`; eight bytes at a time.
    fn plain_end(b: &[u8], mut j: usize) -> usize {
        while let Some(chunk) = b.get(j..j + 8) {
            let mut word = [0; 8];
            word.copy_from_slice(chunk);
            let found = specials(u64::from_le_bytes(word));
            if found != 0 {
                return j + (found.trailing_zeros() / 8) as usize;
            }
            j += 8;
        }
        while let Some(&c) = b.get(j) {
            if c == b'"' || c == b'\\' || c < 0x20 {
                break;
            }
            j += 1;
        }
        j
    }

    /// [`string_end`] from `j`, the first byte after the opening quote that is not plain.
    #[cold]
    fn escaped_end(b: &[u8], mut j: usize) -> Option<(usize, bool)> {
        let mut escaped = false;
        loop {
            match *b.get(j)? {
                b'"' => return Some((j + 1, escaped)),
                b'\\' => {
                    escaped = true;
                    match *b.get(j + 1)? {
                        b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't' => j += 2,
                        b'u' if b.get(j + 2..j + 6)?.iter().all(u8::is_ascii_hexdigit) => j += 6,
                        _ => return None,
                    }
                }
                _ => return None,
            }
            j = plain_end(b, j);
        }
    }

    fn digits(b: &[u8], mut i: usize) -> usize {
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        i
    }

    /// The end of the number at `i` (`-?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?`).
    fn number_end(b: &[u8], mut i: usize) -> Option<usize> {
        if b.get(i) == Some(&b'-') {
            i += 1;
        }
        match *b.get(i)? {
            b'0' => i += 1,
            b'1'..=b'9' => i = digits(b, i + 1),
            _ => return None,
        }
        if b.get(i) == Some(&b'.') {
            let end = digits(b, i + 1);
            if end == i + 1 {
                return None;
            }
            i = end;
        }
        if matches!(b.get(i), Some(b'e' | b'E')) {
            i += 1;
            if matches!(b.get(i), Some(b'+' | b'-')) {
                i += 1;
            }
            let end = digits(b, i);
            if end == i {
                return None;
            }
            i = end;
        }
        Some(i)
    }

    fn literal(b: &[u8], i: usize, word: &[u8]) -> Option<usize> {
        (b.get(i..i + word.len())? == word).then_some(i + word.len())
    }

    /// Checks the string, number or literal at `i` and returns its end.
    fn scalar_end(b: &[u8], i: usize) -> Option<usize> {
        match *b.get(i)? {
            b'"' => Some(string_end(b, i)?.0),
            b't' => literal(b, i, b"true"),
            b'f' => literal(b, i, b"false"),
            b'n' => literal(b, i, b"null"),
            _ => number_end(b, i),
        }
    }

    /// At a member's name: checks `"name" :` and returns where its value starts.
    fn member_start(b: &[u8], i: usize) -> Option<usize> {
        if b.get(i) != Some(&b'"') {
            return None;
        }
        let (end, _) = string_end(b, i)?;
        let colon = ws(b, end);
        if b.get(colon) != Some(&b':') {
            return None;
        }
        Some(ws(b, colon + 1))
    }

    /// The brackets still open, whether each is an object's: one bit each for the first 64
    /// levels, then a `Vec`.
    struct Open {
        depth: usize,
        objects: u64,
        deeper: Vec<bool>,
    }

    impl Open {
        fn push(&mut self, object: bool) {
            if self.depth < 64 {
                let bit = 1 << self.depth;
                self.objects = if object {
                    self.objects | bit
                } else {
                    self.objects & !bit
                };
            } else {
                self.deeper.push(object);
            }
            self.depth += 1;
        }

        fn pop(&mut self) {
            if self.depth > 64 {
                self.deeper.pop();
            }
            self.depth = self.depth.saturating_sub(1);
        }

        /// Whether the innermost bracket still open is an object's.
        fn last(&self) -> Option<bool> {
            let level = self.depth.checked_sub(1)?;
            if level < 64 {
                Some(self.objects & (1 << level) != 0)
            } else {
                self.deeper.last().copied()
            }
        }
    }

    /// Checks the value starting at `i` and returns its end.
    pub(super) fn checked_end(b: &[u8], mut i: usize) -> Option<usize> {
        let mut open = Open {
            depth: 0,
            objects: 0,
            deeper: Vec::new(),
        };
        'value: loop {
            let c = *b.get(i)?;
            if c == b'{' || c == b'[' {
                let object = c == b'{';
                i = ws(b, i + 1);
                if b.get(i) == Some(if object { &b'}' } else { &b']' }) {
                    i += 1;
                } else {
                    open.push(object);
                    if object {
                        i = member_start(b, i)?;
                    }
                    continue 'value;
                }
            } else {
                i = scalar_end(b, i)?;
            }
            // A value ended at `i`: close what it ends, until a comma opens the next one.
            loop {
                let Some(object) = open.last() else {
                    return Some(i);
                };
                i = ws(b, i);
                let c = *b.get(i)?;
                if c == b',' {
                    i = ws(b, i + 1);
                    if object {
                        i = member_start(b, i)?;
                    }
                    continue 'value;
                }
                if c != if object { b'}' } else { b']' } {
                    return None;
                }
                open.pop();
                i += 1;
            }
        }
    }

    /// The end of the (checked) value starting at `i`.
    fn value_end(b: &[u8], i: usize) -> Option<usize> {
        match *b.get(i)? {
            b'"' => Some(string_end(b, i)?.0),
            b'{' | b'[' => {
                let mut depth = 0usize;
                let mut j = i;
                loop {
                    match *b.get(j)? {
                        b'"' => {
                            j = string_end(b, j)?.0;
                            continue;
                        }
                        b'{' | b'[' => depth += 1,
                        b'}' | b']' => {
                            depth = depth.checked_sub(1)?;
                            if depth == 0 {
                                return Some(j + 1);
                            }
                        }
                        _ => {}
                    }
                    j += 1;
                }
            }
            _ => {
                let mut j = i;
                while b.get(j).is_some_and(|c| {
                    !matches!(c, b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r')
                }) {
                    j += 1;
                }
                Some(j)
            }
        }
    }

    /// The contents of a string without its quotes, escapes decoded (a lone surrogate becomes
    /// U+FFFD).
    fn unescape(inner: &str) -> Option<String> {
        let mut out = String::with_capacity(inner.len());
        let mut rest = inner;
        while let Some(at) = rest.find('\\') {
            out.push_str(rest.get(..at)?);
            let escape = *rest.as_bytes().get(at + 1)?;
            let mut next = at + 2;
            let c = match escape {
                b'"' => '"',
                b'\\' => '\\',
                b'/' => '/',
                b'b' => '\u{8}',
                b'f' => '\u{c}',
                b'n' => '\n',
                b'r' => '\r',
                b't' => '\t',
                b'u' => {
                    let unit = hex4(rest.get(next..next + 4)?)?;
                    next += 4;
                    if (0xd800..0xdc00).contains(&unit) {
                        // A high surrogate: the pair's low half must follow.
                        let low = rest
                            .get(next..next + 6)
                            .and_then(|low| low.strip_prefix("\\u"))
                            .and_then(hex4)
                            .filter(|low| (0xdc00..0xe000).contains(low));
                        if let Some(low) = low {
                            next += 6;
                            char::from_u32(0x10000 + ((unit - 0xd800) << 10) + (low - 0xdc00))
                                .unwrap_or('\u{fffd}')
                        } else {
                            '\u{fffd}'
                        }
                    } else {
                        char::from_u32(unit).unwrap_or('\u{fffd}')
                    }
                }
                _ => return None,
            };
            out.push(c);
            rest = rest.get(next..)?;
        }
        out.push_str(rest);
        Some(out)
    }

    fn hex4(text: &str) -> Option<u32> {
        if text.len() == 4 && text.bytes().all(|b| b.is_ascii_hexdigit()) {
            u32::from_str_radix(text, 16).ok()
        } else {
            None
        }
    }

    impl<'a> Json<'a> {
        /// The value `text` holds, surrounded by optional whitespace, once it is checked to be
        /// well-formed JSON; `None` if it is not. (The decoder's pass is [`super::read::top`].)
        pub(super) fn document(text: &'a str) -> Option<Self> {
            let b = text.as_bytes();
            let start = ws(b, 0);
            let end = checked_end(b, start)?;
            if ws(b, end) != b.len() {
                return None;
            }
            Some(Json(text.get(start..end)?))
        }

        /// `text` taken as a value already checked.
        pub(super) fn checked(text: &'a str) -> Self {
            Json(text)
        }

        /// The value as written.
        pub(super) fn text(self) -> &'a str {
            self.0
        }

        fn first(self) -> Option<u8> {
            self.0.as_bytes().first().copied()
        }

        pub(super) fn is_object(self) -> bool {
            self.first() == Some(b'{')
        }

        pub(super) fn is_array(self) -> bool {
            self.first() == Some(b'[')
        }

        pub(super) fn is_string(self) -> bool {
            self.first() == Some(b'"')
        }

        pub(super) fn is_number(self) -> bool {
            self.first()
                .is_some_and(|b| b == b'-' || b.is_ascii_digit())
        }

        /// The string's contents (a slice of the text when it has no escapes); `None` for any
        /// value that is not a string.
        pub(super) fn string(self) -> Option<Cow<'a, str>> {
            let inner = self.0.strip_prefix('"')?.strip_suffix('"')?;
            if has_backslash(inner.as_bytes()) {
                unescape(inner).map(Cow::Owned)
            } else {
                Some(Cow::Borrowed(inner))
            }
        }

        /// The members of an object, in order (none for anything else).
        pub(super) fn members(self) -> Members<'a> {
            Members {
                text: self.0,
                at: if self.is_object() { 0 } else { self.0.len() },
            }
        }

        /// The elements of an array, in order (none for anything else).
        pub(super) fn elements(self) -> Elements<'a> {
            Elements {
                text: self.0,
                at: if self.is_array() { 0 } else { self.0.len() },
            }
        }

        /// The members named `names`, in one walk over the object (the last of a name, as
        /// last-value-wins parsers read it); all `None` for anything but an object.
        pub(super) fn pick<const N: usize>(self, names: [&str; N]) -> [Option<Json<'a>>; N] {
            let mut found = [None; N];
            for (name, value) in self.members() {
                let name = name.name();
                if let Some(slot) = names
                    .iter()
                    .position(|wanted| *wanted == name)
                    .and_then(|slot| found.get_mut(slot))
                {
                    *slot = Some(value);
                }
            }
            found
        }
    }

    impl<'a> Name<'a> {
        /// A name read at `quoted`, the string as written.
        pub(super) fn new(quoted: &'a str, escaped: bool) -> Self {
            Name { quoted, escaped }
        }

        /// Whether the name is `wanted`.
        pub(super) fn is(self, wanted: &str) -> bool {
            if self.escaped {
                self.name() == wanted
            } else {
                self.inner() == wanted
            }
        }

        /// The name, escapes decoded.
        pub(super) fn name(self) -> Cow<'a, str> {
            let inner = self.inner();
            if self.escaped {
                Cow::Owned(unescape(inner).unwrap_or_default())
            } else {
                Cow::Borrowed(inner)
            }
        }

        /// The name as JSON: quotes and escapes as written.
        pub(super) fn json(self) -> &'a str {
            self.quoted
        }

        fn inner(self) -> &'a str {
            self.quoted
                .strip_prefix('"')
                .and_then(|name| name.strip_suffix('"'))
                .unwrap_or_default()
        }
    }

    /// The members of an object: [`Json::members`].
    pub(super) struct Members<'a> {
        text: &'a str,
        /// Where the object's `{`, or the last value read, is or ends.
        at: usize,
    }

    impl<'a> Iterator for Members<'a> {
        type Item = (Name<'a>, Json<'a>);

        fn next(&mut self) -> Option<Self::Item> {
            let b = self.text.as_bytes();
            let at = ws(b, self.at);
            // Past the `{` or the `,`; anything else ends the object.
            let member = if matches!(b.get(at), Some(b'{' | b',')) {
                let name_at = ws(b, at + 1);
                (|| {
                    if b.get(name_at) != Some(&b'"') {
                        return None;
                    }
                    let (name_end, escaped) = string_end(b, name_at)?;
                    let colon = ws(b, name_end);
                    if b.get(colon) != Some(&b':') {
                        return None;
                    }
                    let start = ws(b, colon + 1);
                    let end = value_end(b, start)?;
                    let name = Name::new(self.text.get(name_at..name_end)?, escaped);
                    Some((name, Json(self.text.get(start..end)?), end))
                })()
            } else {
                None
            };
            if let Some((name, value, end)) = member {
                self.at = end;
                Some((name, value))
            } else {
                self.at = b.len();
                None
            }
        }
    }

    /// The elements of an array: [`Json::elements`].
    pub(super) struct Elements<'a> {
        text: &'a str,
        /// Where the array's `[`, or the last element read, is or ends.
        at: usize,
    }

    impl<'a> Iterator for Elements<'a> {
        type Item = Json<'a>;

        fn next(&mut self) -> Option<Self::Item> {
            let b = self.text.as_bytes();
            let at = ws(b, self.at);
            let start = ws(b, at + 1);
            let element = match b.get(at) {
                Some(b'[' | b',') if !matches!(b.get(start), Some(b']') | None) => {
                    value_end(b, start).and_then(|end| Some((self.text.get(start..end)?, end)))
                }
                _ => None,
            };
            if let Some((text, end)) = element {
                self.at = end;
                Some(Json(text))
            } else {
                self.at = b.len();
                None
            }
        }
    }
}

/// The single pass over a body: checks it as JSON while keeping every member that some
/// envelope reads, as [`Json`] slices, in the union of the envelopes' shapes.
///
/// Only the shapes are recursed into (a bounded depth); any other value is checked without
/// recursion. A member of an unexpected type is kept as it is or skipped, never an error. At
/// most [`read::MAX_ITEMS`] elements of arrays are kept in all.
mod read {
    use super::scan::{self, Json, Name};

    /// Array elements kept (error objects, details, violations), in all: the rest are checked
    /// and skipped, so memory is bounded whatever the body.
    pub(super) const MAX_ITEMS: usize = 4096;

    /// The top-level object.
    #[derive(Default)]
    pub(super) struct Top<'a> {
        pub(super) error: Option<ErrorField<'a>>,
        pub(super) errors: Option<Errors<'a>>,
        pub(super) code: Option<Json<'a>>,
        pub(super) message: Option<Json<'a>>,
        pub(super) status: Option<Json<'a>>,
        pub(super) detail: Option<Json<'a>>,
        pub(super) title: Option<Json<'a>>,
        pub(super) type_uri: Option<Json<'a>>,
        pub(super) instance: Option<Json<'a>>,
        pub(super) details: Option<Details<'a>>,
        pub(super) retry_after_ms: Option<Json<'a>>,
        pub(super) data: Option<Json<'a>>,
        pub(super) meta: Option<Json<'a>>,
        pub(super) meta_request_id: Option<Json<'a>>,
        /// How many members are not Problem's own (its extension members).
        pub(super) extensions: usize,
    }

    /// The top-level `error`.
    pub(super) enum ErrorField<'a> {
        Flag(bool),
        Text(Json<'a>),
        Object(ErrorObj<'a>),
        Other,
    }

    /// The object of `"error":{…}` (`ErrorObject`, `DataErrorMeta`, Google, `OData`).
    #[derive(Default)]
    pub(super) struct ErrorObj<'a> {
        pub(super) code: Option<Json<'a>>,
        pub(super) message: Option<Json<'a>>,
        pub(super) status: Option<Json<'a>>,
        pub(super) target: Option<Json<'a>>,
        pub(super) innererror: Option<Json<'a>>,
        pub(super) details: Option<Details<'a>>,
    }

    /// A `details` member: its text, and what is read inside.
    pub(super) struct Details<'a> {
        pub(super) raw: Json<'a>,
        pub(super) kind: DetailsKind<'a>,
    }

    pub(super) enum DetailsKind<'a> {
        /// `ErrorObject`'s and `ErrorMessage`'s object.
        Object {
            violations: Vec<Item<'a>>,
            request_id: Option<Json<'a>>,
            retry_after: Option<Json<'a>>,
        },
        /// Google's and `OData`'s array.
        List(Vec<Item<'a>>),
        Other,
    }

    impl<'a> Details<'a> {
        /// The elements of an array of details.
        pub(super) fn items(&self) -> &[Item<'a>] {
            match &self.kind {
                DetailsKind::List(items) => items,
                _ => &[],
            }
        }
    }

    /// The top-level `errors`: JSON:API's and Problem's array, or ASP.NET Core's object of
    /// field → messages.
    pub(super) enum Errors<'a> {
        List(Vec<Item<'a>>),
        Map(Json<'a>),
        Other,
    }

    /// An element of an array of errors, details or violations, whatever the format: the
    /// members of all of them.
    #[derive(Default)]
    pub(super) struct Item<'a> {
        pub(super) id: Option<Json<'a>>,
        pub(super) status: Option<Json<'a>>,
        pub(super) code: Option<Json<'a>>,
        pub(super) title: Option<Json<'a>>,
        pub(super) detail: Option<Json<'a>>,
        pub(super) message: Option<Json<'a>>,
        pub(super) description: Option<Json<'a>>,
        pub(super) reason: Option<Json<'a>>,
        pub(super) field: Option<Json<'a>>,
        pub(super) pointer: Option<Json<'a>>,
        pub(super) target: Option<Json<'a>>,
        pub(super) source: Option<Json<'a>>,
        pub(super) source_pointer: Option<Json<'a>>,
        pub(super) meta: Option<Json<'a>>,
        pub(super) type_url: Option<Json<'a>>,
        pub(super) metadata: Option<Json<'a>>,
        pub(super) retry_delay: Option<Json<'a>>,
        pub(super) request_id: Option<Json<'a>>,
        /// Google's `BadRequest.fieldViolations` (read in details only, not deeper).
        pub(super) field_violations: Vec<Item<'a>>,
    }

    impl Item<'_> {
        /// Whether this has any member of a JSON:API error object.
        pub(super) fn is_json_api(&self) -> bool {
            [
                self.id,
                self.status,
                self.code,
                self.title,
                self.detail,
                self.source,
                self.meta,
            ]
            .iter()
            .any(Option::is_some)
        }
    }

    /// The text, where the reading is, and how many more elements may be kept.
    struct Reader<'a> {
        text: &'a str,
        at: usize,
        budget: usize,
    }

    impl<'a> Reader<'a> {
        fn bytes(&self) -> &'a [u8] {
            self.text.as_bytes()
        }

        fn peek(&self) -> Option<u8> {
            self.bytes().get(self.at).copied()
        }

        fn ws(&mut self) {
            self.at = scan::ws(self.bytes(), self.at);
        }

        /// Checks any value and steps over it.
        fn value(&mut self) -> Option<Json<'a>> {
            let start = self.at;
            let end = if self.peek() == Some(b'"') {
                scan::string_end(self.bytes(), start)?.0
            } else {
                scan::checked_end(self.bytes(), start)?
            };
            self.at = end;
            Some(Json::checked(self.text.get(start..end)?))
        }

        /// At an object's `{`: reads each member with `member` (which must step over its
        /// value), checking the rest of the syntax; the object's text.
        fn object(
            &mut self,
            mut member: impl FnMut(&mut Self, Name<'a>) -> Option<()>,
        ) -> Option<Json<'a>> {
            self.sequence(b'}', |reader| {
                if reader.peek() != Some(b'"') {
                    return None;
                }
                let (end, escaped) = scan::string_end(reader.bytes(), reader.at)?;
                let name = Name::new(reader.text.get(reader.at..end)?, escaped);
                reader.at = end;
                reader.ws();
                if reader.peek() != Some(b':') {
                    return None;
                }
                reader.at += 1;
                reader.ws();
                member(reader, name)
            })
        }

        /// At an array's `[`: reads each element with `element` (which must step over it).
        fn array(&mut self, element: impl FnMut(&mut Self) -> Option<()>) -> Option<Json<'a>> {
            self.sequence(b']', element)
        }

        /// At an object's or array's opening byte: reads each entry with `entry`, separated by
        /// commas, up to `close`; the whole text.
        fn sequence(
            &mut self,
            close: u8,
            mut entry: impl FnMut(&mut Self) -> Option<()>,
        ) -> Option<Json<'a>> {
            let start = self.at;
            self.at += 1;
            self.ws();
            if self.peek() == Some(close) {
                self.at += 1;
            } else {
                loop {
                    entry(self)?;
                    self.ws();
                    match self.peek() {
                        Some(b',') => {
                            self.at += 1;
                            self.ws();
                        }
                        Some(byte) if byte == close => {
                            self.at += 1;
                            break;
                        }
                        _ => return None,
                    }
                }
            }
            Some(Json::checked(self.text.get(start..self.at)?))
        }

        /// An array of items (none for anything else), kept while the budget lasts.
        fn items(&mut self, nested: bool) -> Option<(Json<'a>, Vec<Item<'a>>)> {
            if self.peek() != Some(b'[') {
                return Some((self.value()?, Vec::new()));
            }
            let mut items = Vec::new();
            let raw = self.array(|reader| {
                if reader.peek() == Some(b'{') && reader.budget > 0 {
                    reader.budget -= 1;
                    items.push(reader.item(nested)?);
                } else {
                    reader.value()?;
                }
                Some(())
            })?;
            Some((raw, items))
        }

        /// An element of an array of errors, details or violations (at its `{`).
        fn item(&mut self, nested: bool) -> Option<Item<'a>> {
            let mut item = Item::default();
            self.object(|reader, name| {
                let slot = match &*name.name() {
                    "id" => &mut item.id,
                    "status" => &mut item.status,
                    "code" => &mut item.code,
                    "title" => &mut item.title,
                    "detail" => &mut item.detail,
                    "message" => &mut item.message,
                    "description" => &mut item.description,
                    "reason" => &mut item.reason,
                    "field" => &mut item.field,
                    "pointer" => &mut item.pointer,
                    "target" => &mut item.target,
                    "meta" => &mut item.meta,
                    "@type" => &mut item.type_url,
                    "metadata" => &mut item.metadata,
                    "retryDelay" => &mut item.retry_delay,
                    "requestId" => &mut item.request_id,
                    "source" if reader.peek() == Some(b'{') => {
                        let mut pointer = None;
                        item.source = Some(reader.object(|reader, name| {
                            let value = reader.value()?;
                            if name.is("pointer") {
                                pointer = Some(value);
                            }
                            Some(())
                        })?);
                        item.source_pointer = pointer;
                        return Some(());
                    }
                    "fieldViolations" if !nested => {
                        item.field_violations = reader.items(true)?.1;
                        return Some(());
                    }
                    _ => {
                        reader.value()?;
                        return Some(());
                    }
                };
                *slot = Some(reader.value()?);
                Some(())
            })?;
            Some(item)
        }

        /// A `details` member.
        fn details(&mut self) -> Option<Details<'a>> {
            match self.peek() {
                Some(b'{') => {
                    let (mut violations, mut request_id, mut retry_after) =
                        (Vec::new(), None, None);
                    let raw = self.object(|reader, name| {
                        match &*name.name() {
                            "violations" => violations = reader.items(true)?.1,
                            "request_id" => request_id = Some(reader.value()?),
                            "retry_after" => retry_after = Some(reader.value()?),
                            _ => {
                                reader.value()?;
                            }
                        }
                        Some(())
                    })?;
                    let kind = DetailsKind::Object {
                        violations,
                        request_id,
                        retry_after,
                    };
                    Some(Details { raw, kind })
                }
                Some(b'[') => {
                    let (raw, items) = self.items(false)?;
                    let kind = DetailsKind::List(items);
                    Some(Details { raw, kind })
                }
                _ => Some(Details {
                    raw: self.value()?,
                    kind: DetailsKind::Other,
                }),
            }
        }

        /// The top-level `error`.
        fn error(&mut self) -> Option<ErrorField<'a>> {
            if self.peek() != Some(b'{') {
                let value = self.value()?;
                return Some(match value.text() {
                    "true" => ErrorField::Flag(true),
                    "false" => ErrorField::Flag(false),
                    _ if value.is_string() => ErrorField::Text(value),
                    _ => ErrorField::Other,
                });
            }
            let mut error = ErrorObj::default();
            self.object(|reader, name| {
                let slot = match &*name.name() {
                    "code" => &mut error.code,
                    "message" => &mut error.message,
                    "status" => &mut error.status,
                    "target" => &mut error.target,
                    "innererror" => &mut error.innererror,
                    "details" => {
                        error.details = Some(reader.details()?);
                        return Some(());
                    }
                    _ => {
                        reader.value()?;
                        return Some(());
                    }
                };
                *slot = Some(reader.value()?);
                Some(())
            })?;
            Some(ErrorField::Object(error))
        }

        /// The top-level `errors`.
        fn errors(&mut self) -> Option<Errors<'a>> {
            match self.peek() {
                Some(b'[') => Some(Errors::List(self.items(true)?.1)),
                Some(b'{') => Some(Errors::Map(self.value()?)),
                _ => {
                    self.value()?;
                    Some(Errors::Other)
                }
            }
        }
    }

    /// The top-level object of `text`, read in one pass that checks all of `text` as JSON;
    /// `None` if it is not JSON, or not an object.
    /// Reads `text` into `top` (which starts as [`Top::default`]); `None` when it is not one
    /// JSON object. An out-parameter, because `Top` is large: returning it moved it twice.
    pub(super) fn top<'a>(text: &'a str, top: &mut Top<'a>) -> Option<()> {
        let mut reader = Reader {
            text,
            at: 0,
            budget: MAX_ITEMS,
        };
        reader.ws();
        if reader.peek() != Some(b'{') {
            return None;
        }
        reader.object(|reader, name| {
            let name = name.name();
            if !matches!(
                &*name,
                "type" | "title" | "status" | "detail" | "instance" | "code" | "errors" | "error"
            ) {
                top.extensions += 1;
            }
            let slot = match &*name {
                "error" => {
                    top.error = Some(reader.error()?);
                    return Some(());
                }
                "errors" => {
                    top.errors = Some(reader.errors()?);
                    return Some(());
                }
                "details" => {
                    top.details = Some(reader.details()?);
                    return Some(());
                }
                "meta" if reader.peek() == Some(b'{') => {
                    let mut request_id = None;
                    top.meta = Some(reader.object(|reader, name| {
                        let value = reader.value()?;
                        if name.is("request_id") {
                            request_id = Some(value);
                        }
                        Some(())
                    })?);
                    top.meta_request_id = request_id;
                    return Some(());
                }
                "meta" => &mut top.meta,
                "code" => &mut top.code,
                "message" => &mut top.message,
                "status" => &mut top.status,
                "detail" => &mut top.detail,
                "title" => &mut top.title,
                "type" => &mut top.type_uri,
                "instance" => &mut top.instance,
                "retry_after_ms" => &mut top.retry_after_ms,
                "data" => &mut top.data,
                _ => {
                    reader.value()?;
                    return Some(());
                }
            };
            *slot = Some(reader.value()?);
            Some(())
        })?;
        reader.ws();
        (reader.at == text.len()).then_some(())
    }
}

#[cfg(test)]
#[allow(clippy::cast_possible_truncation)] // the tests' random numbers, as indexes
mod tests {
    use super::*;
    use http::header::{HeaderName, HeaderValue};

    fn headers(pairs: &[(&str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(
                HeaderName::from_bytes(name.as_bytes()).unwrap(),
                HeaderValue::from_str(value).unwrap(),
            );
        }
        map
    }

    fn at(secs: u64) -> SystemTime {
        SystemTime::UNIX_EPOCH + Duration::from_secs(secs)
    }

    fn parse(status: u16, pairs: &[(&str, &str)], body: &str) -> ErrorResponse {
        ErrorResponse::parse_at(
            StatusCode::from_u16(status).unwrap(),
            &headers(pairs),
            body.as_bytes(),
            at(1_000),
        )
    }

    const JSON: (&str, &str) = ("content-type", "application/json");

    /// One body of each envelope, as the crate writes it (tests/vectors).
    const BODIES: &[(u16, &str, &str, Format)] = &[
        (
            429,
            "application/json",
            r#"{"error":true,"message":"Rate limit exceeded.","code":"RATE_LIMITED","retry_after_ms":5000}"#,
            Format::ErrorFlag,
        ),
        (
            400,
            "application/json",
            r#"{"error":"The 'role_id' field is required","code":"INVALID_PARAMETERS","details":{"field":"role_id","requirement":"required"}}"#,
            Format::ErrorMessage,
        ),
        (
            429,
            "application/json",
            r#"{"error":"RATE_LIMITED","message":"Rate limit exceeded.","status":429}"#,
            Format::ErrorCode,
        ),
        (
            429,
            "application/json",
            r#"{"data":null,"error":{"code":"RATE_LIMITED","message":"Rate limit exceeded."},"meta":{"request_id":"d6a8f6f2-3b5a-4f0a-81ab-1b4a4c9dd5ea","timestamp":"2026-03-08T21:56:33.877635522Z","version":"1.0.0"}}"#,
            Format::DataErrorMeta,
        ),
        (
            429,
            "application/json",
            r#"{"error":{"code":"RATE_LIMITED","message":"Rate limit exceeded.","details":{"retry_after":5}}}"#,
            Format::ErrorObject,
        ),
        (
            400,
            "application/problem+json",
            r#"{"type":"about:blank","title":"Bad Request","status":400,"detail":"The 'role_id' field is required","code":"INVALID_PARAMETERS","field":"role_id","requirement":"required"}"#,
            Format::Problem,
        ),
        (
            400,
            "application/vnd.api+json",
            r#"{"errors":[{"status":"400","code":"INVALID_PARAMETERS","title":"Bad Request","detail":"The 'role_id' field is required","meta":{"field":"role_id","requirement":"required"}}]}"#,
            Format::JsonApi,
        ),
        (
            429,
            "application/json",
            r#"{"error":{"code":429,"message":"Rate limit exceeded.","status":"RESOURCE_EXHAUSTED","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"RATE_LIMITED","domain":"api.example.com"},{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"5s"}]}}"#,
            Format::Google,
        ),
        (
            400,
            "application/json",
            r#"{"error":{"code":"INVALID_PARAMETERS","message":"The 'role_id' field is required","innererror":{"field":"role_id","requirement":"required"}}}"#,
            Format::OData,
        ),
    ];

    #[test]
    fn every_envelope_is_detected_and_read() {
        for &(status, content_type, body, format) in BODIES {
            let response = parse(status, &[("content-type", content_type)], body);
            assert_eq!(response.format(), format, "{body}");
            assert_eq!(response.status().as_u16(), status);
            assert_eq!(response.body(), body.as_bytes());
            assert!(response.code().is_some(), "{body}");
            assert!(response.message().is_some(), "{body}");
        }
    }

    #[test]
    fn each_format_reads_its_own_members() {
        let all: Vec<ErrorResponse> = BODIES
            .iter()
            .map(|&(status, content_type, body, _)| {
                parse(status, &[("content-type", content_type)], body)
            })
            .collect();
        let [flag, message, code, meta, object, problem, json_api, google, odata] = &all[..] else {
            panic!("nine bodies");
        };
        assert_eq!(flag.code(), Some("RATE_LIMITED"));
        assert_eq!(flag.retry_after(), Some(Duration::from_secs(5)));
        assert_eq!(message.message(), Some("The 'role_id' field is required"));
        assert_eq!(message.code(), Some("INVALID_PARAMETERS"));
        assert_eq!(
            message.detail::<String>("field").as_deref(),
            Some("role_id")
        );
        assert_eq!(code.code(), Some("RATE_LIMITED"));
        assert_eq!(code.message(), Some("Rate limit exceeded."));
        assert_eq!(
            meta.request_id(),
            Some("d6a8f6f2-3b5a-4f0a-81ab-1b4a4c9dd5ea")
        );
        assert_eq!(meta.details(), None);
        assert_eq!(object.retry_after(), Some(Duration::from_secs(5)));
        assert_eq!(object.details(), Some(r#"{"retry_after":5}"#));
        assert_eq!(problem.code(), Some("INVALID_PARAMETERS"));
        assert_eq!(
            problem.details(),
            Some(r#"{"field":"role_id","requirement":"required"}"#)
        );
        assert_eq!(
            problem.detail::<String>("requirement").as_deref(),
            Some("required")
        );
        assert_eq!(
            json_api.details(),
            Some(r#"{"field":"role_id","requirement":"required"}"#)
        );
        assert_eq!(google.code(), Some("RATE_LIMITED"));
        assert_eq!(google.retry_after(), Some(Duration::from_secs(5)));
        assert_eq!(
            odata.details(),
            Some(r#"{"field":"role_id","requirement":"required"}"#)
        );
        // Strings without escapes are ranges of the body, not copies.
        assert!(matches!(odata.code, Some(Text::Span(..))));
        assert!(matches!(odata.details, Some(Text::Span(..))));
    }

    #[test]
    fn codes_are_never_invented() {
        for body in [
            r#"{"type":"https://example.com/probs/out-of-credit","title":"You do not have enough credit.","status":403}"#,
            r#"{"errors":[{"status":"422","title":"Invalid Attribute","detail":"First name must contain at least two characters."}]}"#,
            r#"{"error":{"message":"no code here"}}"#,
            r#"{"error":"Not Found"}"#,
            r#"{"error":{"code":"","message":"empty code"}}"#,
            r#"{"error":{"code":null,"message":"null code"}}"#,
            r#"{"error":{"code":{"nested":"X"},"message":"object code"}}"#,
            r#"{"error":{"code":404,"message":"Google without status or reason"}}"#,
        ] {
            let response = parse(404, &[JSON], body);
            assert_eq!(response.code(), None, "{body}");
        }
    }

    #[test]
    fn escaped_strings_are_decoded() {
        let response = parse(
            400,
            &[JSON],
            r#"{"error":{"code":"BAD\u005fINPUT","message":"line\none \"quoted\" \ud83d\ude00 \ud800 tab\t"}}"#,
        );
        assert_eq!(response.code(), Some("BAD_INPUT"));
        assert_eq!(
            response.message(),
            Some("line\none \"quoted\" \u{1f600} \u{fffd} tab\t")
        );
        // Escaped member names too.
        let response = parse(400, &[JSON], r#"{"err\u006fr":{"c\u006fde":"X"}}"#);
        assert_eq!(response.code(), Some("X"));
    }

    #[test]
    fn numeric_codes_are_kept_as_written() {
        let response = parse(
            400,
            &[JSON],
            r#"{"error":{"code":1001,"message":"Bad thing."}}"#,
        );
        assert_eq!(response.format(), Format::ErrorObject);
        assert_eq!(response.code(), Some("1001"));
        let response = parse(400, &[JSON], r#"{"error":true,"code":-7}"#);
        assert_eq!(response.code(), Some("-7"));
        let response = parse(400, &[JSON], r#"{"error":true,"code":1.5}"#);
        assert_eq!(response.code(), None);
    }

    #[test]
    fn a_bom_and_whitespace_are_fine() {
        let body = "\u{feff} \n {\"error\":{\"code\":\"X\",\"message\":\"y\"}} \r\n";
        let response = parse(500, &[], body);
        assert_eq!(response.code(), Some("X"));
        assert_eq!(response.body(), body.as_bytes());
    }

    #[test]
    fn trailing_commas_are_forgiven_nothing_else() {
        let response = parse(
            400,
            &[JSON],
            "{\"error\":{\"code\":\"InvalidPasswordFormat\",\"message\":\"m\",\"innererror\":{\"code\":\"PasswordTooShort\",\"minLength\":6,},},}",
        );
        assert_eq!(response.format(), Format::OData);
        assert_eq!(response.code(), Some("InvalidPasswordFormat"));
        assert_eq!(response.detail::<u32>("minLength"), Some(6));
        // Violations (read when first asked for) and Problem's details (likewise) too.
        let response = parse(
            400,
            &[JSON],
            r#"{"error":{"code":"Bad","message":"m","details":[{"code":"NullValue","target":"a","message":"is null",},],},}"#,
        );
        let copy = response.clone();
        assert_eq!(response.violations().len(), 1);
        assert_eq!(response.violations()[0].path(), "a");
        assert_eq!(copy.violations(), response.violations());
        let response = parse(
            400,
            &[("content-type", "application/problem+json")],
            r#"{"title":"t","balance":30,"errors":[{"detail":"d","pointer":"/x",},],}"#,
        );
        assert_eq!(response.details(), Some(r#"{"balance":30}"#));
        assert_eq!(response.violations()[0].json_pointer(), "/x");
        // Commas inside strings stay.
        let response = parse(400, &[JSON], r#"{"error":{"code":"X","message":"a,}",},}"#);
        assert_eq!(response.message(), Some("a,}"));
        for body in [
            r#"{"error":{"code":"X",,}}"#,
            r#"{"error":{"code":"X""#,
            r"{,}",
        ] {
            assert_eq!(
                parse(400, &[JSON], body).format(),
                Format::Unknown,
                "{body}"
            );
        }
    }

    #[test]
    fn json_api_request_ids_lose_their_numbering() {
        let body = r#"{"errors":[{"id":"req-1.1","status":"422","code":"REQUIRED","title":"Unprocessable Entity","detail":"is required","source":{"pointer":"/data/attributes/name"}},{"id":"req-1.2","status":"422","code":"INVALID","title":"Unprocessable Entity","detail":"must be positive","source":{"pointer":"/data/attributes/age"}}]}"#;
        let response = parse(422, &[("content-type", "application/vnd.api+json")], body);
        assert_eq!(response.request_id(), Some("req-1"));
        assert_eq!(response.code(), Some("REQUIRED"));
        let violations = response.violations();
        assert_eq!(violations.len(), 2);
        assert_eq!(violations[0].json_pointer(), "/data/attributes/name");
        assert_eq!(violations[0].code(), Some("REQUIRED"));
        assert_eq!(violations[1].message(), "must be positive");
        // One object, or ids that do not continue each other: the id as it is.
        let one = r#"{"errors":[{"id":"abc.1","code":"X"}]}"#;
        assert_eq!(parse(400, &[], one).request_id(), Some("abc.1"));
        let other = r#"{"errors":[{"id":"a.1","code":"X"},{"id":"b.2","code":"Y"}]}"#;
        assert_eq!(parse(400, &[], other).request_id(), Some("a.1"));
        // The header wins.
        let response = parse(422, &[("x-request-id", "from-header")], body);
        assert_eq!(response.request_id(), Some("from-header"));
    }

    #[test]
    fn violations_of_every_format() {
        type Expected<'a> = &'a [(&'a str, &'a str, Option<&'a str>)];
        let cases: &[(&str, &str, Expected<'_>)] = &[
            (
                "application/problem+json",
                r##"{"type":"about:blank","title":"Unprocessable Entity","status":422,"detail":"d","code":"INVALID_USER","errors":[{"detail":"is not an email","pointer":"/emails/0","code":"EMAIL"},{"detail":"is required","pointer":"#/profile/first%20name"}]}"##,
                &[
                    ("emails[0]", "is not an email", Some("EMAIL")),
                    ("profile.first name", "is required", None),
                ],
            ),
            (
                "application/problem+json",
                r#"{"type":"https://tools.ietf.org/html/rfc9110#section-15.5.1","title":"One or more validation errors occurred.","status":400,"errors":{"Name":["The Name field is required.","Too short."],"Age":"Must be positive."}}"#,
                &[
                    ("Name", "The Name field is required.", None),
                    ("Name", "Too short.", None),
                    ("Age", "Must be positive.", None),
                ],
            ),
            (
                "application/json",
                r#"{"error":{"code":400,"message":"m","status":"INVALID_ARGUMENT","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"INVALID_USER"},{"@type":"type.googleapis.com/google.rpc.BadRequest","fieldViolations":[{"field":"user.emails[0]","description":"is not an email","reason":"EMAIL"}]}]}}"#,
                &[("user.emails[0]", "is not an email", Some("EMAIL"))],
            ),
            (
                "application/json",
                r#"{"error":{"code":"BadArgument","message":"Bad Request","target":"user.name","details":[{"code":"NullValue","target":"user.name","message":"is required"},{"code":"NoTarget","message":"skipped"}]}}"#,
                &[("user.name", "is required", Some("NullValue"))],
            ),
            (
                "application/json",
                r#"{"error":{"code":"INVALID","message":"m","details":{"violations":[{"field":"name","message":"is required","code":"REQUIRED"}],"request_id":"r-1"}}}"#,
                &[("name", "is required", Some("REQUIRED"))],
            ),
            (
                "application/json",
                r#"{"error":"m","code":"INVALID","details":{"violations":[{"field":"a.b","message":"bad"}]}}"#,
                &[("a.b", "bad", None)],
            ),
        ];
        for (content_type, body, expected) in cases {
            let response = parse(400, &[("content-type", content_type)], body);
            let got: Vec<(String, String, Option<String>)> = response
                .violations()
                .iter()
                .map(|v| {
                    (
                        v.path().into_owned(),
                        v.message().to_owned(),
                        v.code().map(str::to_owned),
                    )
                })
                .collect();
            let expected: Vec<(String, String, Option<String>)> = expected
                .iter()
                .map(|(p, m, c)| ((*p).to_owned(), (*m).to_owned(), c.map(str::to_owned)))
                .collect();
            assert_eq!(got, expected, "{body}");
        }
    }

    #[test]
    fn retry_after_sources_in_order() {
        let body = r#"{"error":true,"code":"X","retry_after_ms":7000}"#;
        let response = parse(
            429,
            &[("retry-after-ms", "1500"), ("retry-after", "5")],
            body,
        );
        assert_eq!(response.retry_after(), Some(Duration::from_millis(1_500)));
        let response = parse(
            429,
            &[("retry-after-ms", "soon"), ("retry-after", "5")],
            body,
        );
        assert_eq!(response.retry_after(), Some(Duration::from_secs(5)));
        let response = parse(429, &[("retry-after", "garbage")], body);
        assert_eq!(response.retry_after(), Some(Duration::from_secs(7)));
        let response = parse(
            429,
            &[
                ("x-ratelimit-limit", "100"),
                ("x-ratelimit-remaining", "0"),
                ("x-ratelimit-reset", "1030"),
            ],
            r#"{"error":true,"code":"X"}"#,
        );
        assert_eq!(response.retry_after(), Some(Duration::from_secs(30)));
        assert_eq!(response.rate_limit(), Some(RateLimit::new(100, 0, 1_030)));
        // Something remains: the reset is no reason to wait.
        let response = parse(
            429,
            &[
                ("x-ratelimit-limit", "100"),
                ("x-ratelimit-remaining", "3"),
                ("x-ratelimit-reset", "1030"),
            ],
            "",
        );
        assert_eq!(response.retry_after(), None);
        // Google's "1.5s".
        let body = r#"{"error":{"code":429,"message":"m","status":"RESOURCE_EXHAUSTED","details":[{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"1.5s"}]}}"#;
        assert_eq!(
            parse(429, &[], body).retry_after(),
            Some(Duration::from_millis(1_500))
        );
        // An HTTP-date, against `now`.
        let response = parse(503, &[("retry-after", "Thu, 01 Jan 1970 00:17:00 GMT")], "");
        assert_eq!(response.retry_after(), Some(Duration::from_secs(20)));
    }

    #[test]
    fn ietf_rate_limits() {
        let response = parse(
            429,
            &[
                ("ratelimit", "\"burst\";r=5;t=1, \"daily\";r=0;t=36400"),
                (
                    "ratelimit-policy",
                    "\"burst\";q=100;w=60,\"daily\";q=1000;w=86400",
                ),
            ],
            "",
        );
        let limit = response.rate_limit().unwrap();
        assert_eq!(
            (limit.limit, limit.remaining, limit.reset, limit.window),
            (1_000, 0, 37_400, Some(86_400))
        );
        assert_eq!(response.retry_after(), Some(Duration::from_secs(36_400)));
        // A policy of another name, or none: no rate limit.
        let response = parse(
            429,
            &[
                ("ratelimit", "\"a\";r=0;t=1"),
                ("ratelimit-policy", "\"b\";q=1"),
            ],
            "",
        );
        assert_eq!(response.rate_limit(), None);
        let response = parse(429, &[("ratelimit", "\"a\";r=0;t=1")], "");
        assert_eq!(response.rate_limit(), None);
        // Tokens as names, no window.
        let response = parse(
            429,
            &[
                ("ratelimit", "default;r=1;t=9"),
                ("ratelimit-policy", "default;q=10"),
            ],
            "",
        );
        assert_eq!(response.rate_limit(), Some(RateLimit::new(10, 1, 1_009)));
        for (state, policy) in [
            ("", ""),
            (";;;", ",,,"),
            ("\"", "\""),
            ("x;r=-1;t=1", "x;q=1"),
            ("x;r=1", "x;q=1"),
        ] {
            let response = parse(
                429,
                &[("ratelimit", state), ("ratelimit-policy", policy)],
                "",
            );
            assert_eq!(response.rate_limit(), None, "{state} / {policy}");
        }
    }

    #[test]
    fn headers_are_kept_case_insensitively() {
        let response = parse(
            500,
            &[("Content-Type", "text/html"), ("X-Other", "x")],
            "<html>",
        );
        assert_eq!(response.header("content-type"), Some("text/html"));
        assert_eq!(response.header("CONTENT-TYPE"), Some("text/html"));
        assert_eq!(response.header("x-other"), None);
    }

    #[test]
    fn google_details_strings_are_json_first() {
        let body = r#"{"error":{"code":400,"message":"m","status":"INVALID_ARGUMENT","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"R","metadata":{"id":"7","flag":"true","name":"ada","list":"[1,2]"}}]}}"#;
        let response = parse(400, &[], body);
        assert_eq!(response.detail::<u64>("id"), Some(7));
        assert_eq!(response.detail::<bool>("flag"), Some(true));
        assert_eq!(response.detail::<String>("name").as_deref(), Some("ada"));
        assert_eq!(response.detail::<Vec<u8>>("list"), Some(vec![1, 2]));
        assert_eq!(response.detail::<String>("missing"), None);
        // Elsewhere a string is a string.
        let body = r#"{"error":{"code":"X","message":"m","details":{"id":"7"}}}"#;
        assert_eq!(parse(400, &[], body).detail::<u64>("id"), None);
        assert_eq!(
            parse(400, &[], body).detail::<String>("id").as_deref(),
            Some("7")
        );
    }

    /// Every strict prefix of every body is `Unknown`; every mutation decodes without a panic,
    /// with the status and the body kept.
    #[test]
    fn truncations_and_mutations_never_panic() {
        const BYTES: &[u8] = b"{}[]\",:\\ 0123456789eE+-.tfnu\x00\x7f\xff\xc3";
        let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
        let mut random = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let status = StatusCode::TOO_MANY_REQUESTS;
        for &(_, content_type, body, _) in BODIES {
            let map = headers(&[("content-type", content_type), ("retry-after", "5")]);
            let bytes = body.as_bytes();
            for end in 0..bytes.len() {
                let response = ErrorResponse::parse(status, &map, &bytes[..end]);
                assert_eq!(response.format(), Format::Unknown, "{:?}", &body[..end]);
                assert_eq!(response.code(), None);
                assert_eq!(response.status(), status);
                assert_eq!(response.body(), &bytes[..end]);
            }
            for _ in 0..3_000 {
                let mut mutated = bytes.to_vec();
                for _ in 0..=(random() % 3) {
                    let at = (random() as usize) % mutated.len().max(1);
                    match random() % 3 {
                        0 if !mutated.is_empty() => {
                            mutated.remove(at);
                        }
                        1 => mutated.insert(at, BYTES[(random() as usize) % BYTES.len()]),
                        _ => {
                            if let Some(b) = mutated.get_mut(at) {
                                *b = BYTES[(random() as usize) % BYTES.len()];
                            }
                        }
                    }
                }
                let response = ErrorResponse::parse(status, &map, &mutated);
                assert_eq!(response.status(), status);
                assert_eq!(response.body(), &mutated[..]);
                // Every accessor answers.
                let _ = (
                    response.code(),
                    response.message(),
                    response.request_id(),
                    response.details(),
                );
                let _ = response.detail::<serde_json::Value>("field");
                let _ = format!("{response:?}");
            }
        }
    }

    /// The reader accepts exactly what `serde_json` accepts (but for what `serde_json` rejects
    /// as too deep or out of range), and reads the same strings, numbers and members.
    #[test]
    #[allow(clippy::too_many_lines)]
    fn the_reader_agrees_with_serde_json() {
        fn same(ours: Json<'_>, theirs: &serde_json::Value) {
            match theirs {
                serde_json::Value::Object(map) => {
                    assert!(ours.is_object(), "{}", ours.text());
                    let names: Vec<String> = ours
                        .members()
                        .map(|(name, _)| name.name().into_owned())
                        .collect();
                    for (name, value) in map {
                        assert!(names.contains(name), "{name} in {}", ours.text());
                        same(ours.pick([name.as_str()])[0].unwrap(), value);
                    }
                }
                serde_json::Value::Array(items) => {
                    assert!(ours.is_array());
                    let elements: Vec<Json<'_>> = ours.elements().collect();
                    assert_eq!(elements.len(), items.len(), "{}", ours.text());
                    for (ours, theirs) in elements.into_iter().zip(items) {
                        same(ours, theirs);
                    }
                }
                serde_json::Value::String(text) => {
                    assert_eq!(ours.string().as_deref(), Some(text.as_str()));
                }
                serde_json::Value::Number(number) => {
                    // serde_json's default float parsing may be off in the last bits.
                    let ours: f64 = ours.text().parse().unwrap();
                    let theirs = number.as_f64().unwrap();
                    assert!(
                        (ours - theirs).abs() <= ours.abs() * 1e-12,
                        "{ours} {theirs}"
                    );
                }
                other => assert_eq!(ours.text(), other.to_string()),
            }
        }
        const BYTES: &[u8] = b"{}[]\",:\\/ 0123456789eE+-.tfnrubx\t\n";
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        let mut random = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let mut corpus: Vec<String> = BODIES
            .iter()
            .map(|(_, _, body, _)| (*body).to_owned())
            .collect();
        corpus.extend(
            [
                r#" [ 1 , -0.5e+3 , "a\"b\\c\/d\b\f\n\r\t\u00e9\ud83d\ude00" , true , false , null , { } , [ ] ] "#,
                r#"{"":0,"a":{"b":[{"c":[]}]},"a":2}"#,
                "0",
                "\"x\"",
                "-0",
                "[[[[[[[[[[]]]]]]]]]]",
            ]
            .map(str::to_owned),
        );
        let mut checked = 0;
        for round in 0..40_000 {
            let base = &corpus[round % corpus.len()];
            let mut bytes = base.as_bytes().to_vec();
            if round >= corpus.len() {
                for _ in 0..=(random() % 2) {
                    let at = (random() as usize) % (bytes.len() + 1);
                    match random() % 3 {
                        0 if at < bytes.len() => {
                            bytes.remove(at);
                        }
                        1 => bytes.insert(at, BYTES[(random() as usize) % BYTES.len()]),
                        _ => {
                            if let Some(b) = bytes.get_mut(at) {
                                *b = BYTES[(random() as usize) % BYTES.len()];
                            }
                        }
                    }
                }
            }
            let Ok(text) = std::str::from_utf8(&bytes) else {
                continue;
            };
            let theirs = serde_json::from_str::<serde_json::Value>(text);
            let ours = Json::document(text);
            // The single pass over an object accepts exactly what the checker accepts.
            if text.trim_start().starts_with('{') {
                assert_eq!(
                    read::top(text, &mut read::Top::default()).is_some(),
                    ours.is_some(),
                    "{text}"
                );
            }
            match (&theirs, ours) {
                (Ok(theirs), Some(ours)) => {
                    same(ours, theirs);
                    checked += 1;
                }
                (Err(_), None) => {}
                (Err(error), Some(_)) => {
                    let why = error.to_string();
                    assert!(
                        why.contains("out of range")
                            || why.contains("recursion")
                            || why.contains("surrogate")
                            || why.contains("hex escape"),
                        "we accept what serde_json rejects ({why}): {text}"
                    );
                }
                (Ok(_), None) => panic!("we reject what serde_json accepts: {text}"),
            }
        }
        assert!(checked > 1_000, "{checked}");
    }

    #[test]
    fn huge_bodies_are_linear_and_kept() {
        let status = StatusCode::BAD_GATEWAY;
        let none = HeaderMap::new();
        // A megabyte message, a megabyte of nesting, a hundred thousand error objects.
        let long = format!(
            r#"{{"error":{{"code":"BIG","message":"{}"}}}}"#,
            "x".repeat(1 << 20)
        );
        let response = ErrorResponse::parse(status, &none, long.as_bytes());
        assert_eq!(response.code(), Some("BIG"));
        assert_eq!(response.message().map(str::len), Some(1 << 20));
        let deep = format!(
            r#"{{"error":{{"code":"DEEP","details":{}{}}}}}"#,
            "[".repeat(1 << 19),
            "]".repeat(1 << 19)
        );
        let response = ErrorResponse::parse(status, &none, deep.as_bytes());
        assert_eq!(response.format(), Format::OData);
        assert_eq!(response.code(), Some("DEEP"));
        let unclosed = "[".repeat(1 << 20);
        assert_eq!(
            ErrorResponse::parse(status, &none, unclosed.as_bytes()).format(),
            Format::Unknown
        );
        let many = format!(
            r#"{{"errors":[{}]}}"#,
            vec![r#"{"code":"C","detail":"d","source":{"pointer":"/a"}}"#; 100_000].join(",")
        );
        let response = ErrorResponse::parse(status, &none, many.as_bytes());
        assert_eq!(response.format(), Format::JsonApi);
        assert_eq!(response.violations().len(), MAX_VIOLATIONS);
        assert_eq!(response.body().len(), many.len());
    }
}
