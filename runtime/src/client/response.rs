//! [`ErrorResponse`]: an error response read back, whatever envelope the server speaks: what
//! it keeps and its accessors. The body is read by [`read`], its envelope found by
//! [`detect`](super::detect) and its members by [`interpret`](super::interpret).

use std::borrow::Cow;
use std::cell::OnceCell;
use std::fmt;
use std::sync::OnceLock;
use std::time::{Duration, SystemTime};

use http::header::HeaderMap;
use http::StatusCode;
use serde::de::DeserializeOwned;
use serde_json::value::RawValue;

use super::challenge;
use super::detect::{detect, Format, Hints};
use super::headers::{
    self, find_headers, Media, KEPT_AMZN_ERROR_TYPE, KEPT_CONTENT_TYPE, KEPT_HEADERS,
    KEPT_MS_ERROR_CODE, KEPT_RETRY_AFTER, KEPT_RETRY_AFTER_MS, KEPT_WWW_AUTHENTICATE,
    REQUEST_ID_HEADERS,
};
use super::interpret::{built_details, interpret, Interpreted};
use super::kept::{Keeper, Kept};
use super::options::ParseOptions;
use super::read::atom::RawKind;
use super::read::members::RawMembers;
use super::read::{self, details};
use super::retry_after::{self, parse_retry_after_ms};
use super::violations::ViolationSource;
use crate::{RateLimit, Violation};

/// An error response, decoded: the status, the envelope it was written in and what that
/// envelope says (code, message, retry delay, request id, field violations, details), the
/// rate-limit headers, and the body, kept as it came.
///
/// [`ErrorResponse::parse`] never fails and never panics: a body it does not understand is
/// [`Format::Unknown`], with only the status, the headers and the raw body to read. It reads
/// real APIs as well as apierror servers: the published examples of RFC 9457, AIP-193, JSON:API
/// 1.1, the Microsoft REST API guidelines, RFC 6749 and RFC 6750 decode as their authors meant,
/// and so do the documented error responses of GitHub, Stripe, `OpenAI`, Anthropic, AWS's JSON
/// protocols, Azure Resource Manager, Twilio, Slack, Shopify and Auth0. Nothing is invented:
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
/// The body is parsed as JSON by `serde_json` (a leading UTF-8 byte order mark is skipped; a body
/// that is not UTF-8 is not JSON). Strict JSON first; only when that fails, once more with each
/// comma that directly precedes a `}` or `]` ignored (the Azure guidelines' own example has one)
/// and each lone surrogate escape read as U+FFFD (see below); nothing else is repaired, so a
/// truncated body is [`Format::Unknown`]. A body whose top level is not an
/// object is `Unknown`. Then the first rule that applies decides:
///
/// | # | when | format |
/// |---|---|---|
/// | 1 | `Content-Type: application/problem+json` | `Problem` |
/// | 2 | `Content-Type: application/vnd.api+json` and `errors` is an array | `JsonApi` |
/// | 3 | an `x-amzn-ErrorType` header, or `__type` is a string | `AwsJson` |
/// | 4 | `error` is `true` | `ErrorFlag` |
/// | 5 | `error` is a string, and `ok` is `false` | `Slack` |
/// | 6 | `error` is a string, beside `error_description` or `error_uri` | `OAuth` |
/// | 7 | `error` is a string, and there is a `code` member | `ErrorMessage` |
/// | 8 | `error` is a string, and `message` is a string or `status` a number | `ErrorCode` |
/// | 9 | `error` is a string that reads as a code: ASCII letters, digits and `_`, a letter first, at least one `_` | `ErrorCode` |
/// | 10 | `error` is a string | `ErrorMessage` |
/// | 11 | `error` is an object, beside `"type":"error"` | `Anthropic` |
/// | 12 | `error` is an object, beside a top-level `data` or `meta` | `DataErrorMeta` |
/// | 13 | `error` is an object with a `details` array holding an `@type`, or a string `status` and a `code` that is a number or absent, or a `code` that is the HTTP status as a number | `Google` |
/// | 14 | `error` is an object, and the `x-ms-error-code` header is present or the object has `innererror`, `target` or a `details` array | `OData` |
/// | 15 | `error` is an object | `ErrorObject` |
/// | 16 | `errors` (an array, or an object of field → messages) beside any Problem member (`type`, `title`, `detail`, `instance` strings, `status` number), or two or more Problem members | `Problem` |
/// | 17 | `message` is a string | `Flat` |
/// | 18 | `errors` is an array whose first object has any of `id`, `status`, `code`, `title`, `detail`, `source`, `meta` | `JsonApi` |
/// | 19 | `errors` is an array whose first object has a string `message` | `GraphQl` |
/// | 20 | `errors` is a string, an array whose first element is a string, or an object of field → messages (not empty) | `Rails` |
/// | 21 | anything else | `Unknown` |
///
/// The rules for the ambiguous shapes, where they are made: `error` as a string is a code
/// beside Slack's `"ok":false` (5), RFC 6749's members (6) or a `message` (8), and alone when it
/// reads as one (9: RFC 6749's `{"error":"invalid_request"}`; `{"error":"Unauthorized"}` stays a
/// message); an error object's `type` is a code only in Anthropic's body (11), never in
/// `OpenAI`'s or Stripe's, where it is a category beside the `code`; a top-level `message` makes
/// `errors` a list of field errors (17, GitHub's), not JSON:API's error objects. Whatever the
/// body, an `x-amzn-ErrorType` header makes it `AwsJson` even when it is not JSON, and a body
/// read as `Unknown` (not JSON too) with a `WWW-Authenticate: Bearer` challenge that has an
/// `error` parameter (RFC 6750 §3) is `BearerChallenge`.
///
/// `Grpc` is never detected: it is the format of a response read from a gRPC status
/// (`ErrorResponse::from_grpc`, feature `tonic`), whose JSON face is read as `Google`.
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
/// | `Grpc` | `ErrorInfo.reason`, else the code's name | the status's message | `ErrorInfo.metadata` | `RequestInfo.request_id` | `RetryInfo.retry_delay` | `BadRequest.field_violations` |
/// | `OData` | `error.code`, else the `x-ms-error-code` header | `error.message` | `error.innererror` | — | — | `error.details` with a `target` |
/// | `AwsJson` | the `x-amzn-ErrorType` header, else `code`, else `__type`, each before its first `:` and after its first `#`, as the AWS SDKs read them | `message`, else `Message` | — | — | — | — |
/// | `Anthropic` | `error.type` | `error.message` | — | `request_id` | — | — |
/// | `OAuth` | `error` | `error_description` | — | — | — | — |
/// | `Slack` | `error` | — | — | — | — | — |
/// | `Flat` | `code` | `message` | — | — | — | `errors` entries with a `field` or a `pointer` (GitHub's `{"resource","field","code"}`) |
/// | `GraphQl` | first error's `extensions.code` | first error's `message` | — | — | — | — |
/// | `Rails` | — | `errors` when a string, else its first element when a list of strings | — | — | — | `errors` as field → messages |
/// | `BearerChallenge` | the challenge's `error` | its `error_description` | — | — | — | — |
/// | `Unknown` | — | — | — | — | — | — |
///
/// Whatever the format, when the body gives no code, a `WWW-Authenticate: Bearer` challenge's
/// `error` is the code, and its `error_description` the message when the body has none either.
///
/// - A code is a non-empty string, or an integer that fits 64 bits (its decimal digits); an empty
///   string is no code, message or request id. A number `serde_json` reads as a float (`1.5`,
///   `1e3`, `-0`, an integer beyond 64 bits) is no code. `code()` is the top-level code: `OData`'s nested `innererror`
///   codes are in `details()` for the clients that look for them.
/// - `details()` is the object as written, the envelope's own members in it included
///   (`ErrorObject`'s `retry_after`, `request_id` and `violations`), but for two: `ErrorObject`'s
///   is its members as written, in order, without the whitespace between them (the pass reads
///   that object's members rather than reading it twice), and Problem's is an object built of its
///   extension members: every top-level member but `type`, `title`, `status`, `detail`,
///   `instance`, `code`, `errors` and `error`, raw and in order. Both keep their first 1024
///   members.
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
/// first of the headers the big APIs name it in (`x-request-id`, `request-id`,
/// `x-amzn-RequestId`, `x-amz-request-id`, `x-ms-request-id`, `x-github-request-id`,
/// `Twilio-Request-Id`, `x-slack-req-id`, in that order; yours before them with
/// [`parse_with`](Self::parse_with)), else the body's. [`rate_limit`](Self::rate_limit) is read from
/// `X-RateLimit-Limit`, `-Remaining` and `-Reset` (Unix seconds), all three, else from the IETF
/// `RateLimit` and `RateLimit-Policy` fields (the item with the least remaining, and its policy's
/// quota `q` and window `w`; the reset is `now` plus its `t`).
///
/// # Strings
///
/// A string is read as `serde_json` reads it, escapes decoded. A `\u` escape of a UTF-16
/// surrogate that is not half of a pair (`"\ud800"`) cannot be in a Rust string, and `serde_json`
/// refuses it; the decoder reads it as U+FFFD, the replacement character, as it always has: a
/// body `serde_json` refuses is read once more with each such escape made `\ufffd` (the members
/// kept raw, such as [`details`](Self::details), are then those of the repaired copy).
///
/// # Cost
///
/// One pass of `serde_json` over the body, with hand-written visitors: strings are borrowed
/// from the body (a string without escapes is never copied), the members an envelope reads are
/// kept, the others skipped without allocating. A few members are kept raw and read once more,
/// alone, when needed: a top-level `message`, `meta` or `details`, JSON:API's first two error
/// objects. Nothing recurses on the body's own nesting (values the decoder does not read are
/// skipped iteratively, and the shapes it reads are at most six levels deep), so no body
/// overflows the stack and no depth is refused. The body is copied once, with the kept headers
/// (and the details object when it is built), into one allocation.
/// [`violations`](Self::violations) own what they return: they are built when first asked for,
/// from what the pass read (`OData`'s) or from the one member that lists them (the others),
/// never from the whole body again. At most 4096 elements of a details array, 1024 violations
/// and 1024 members of a built details object are kept, however large the body.
#[derive(Clone)]
pub struct ErrorResponse {
    status: StatusCode,
    format: Format,
    // Visible to `client::tests`, which checks that they are ranges of the body.
    pub(super) code: Option<Kept>,
    pub(super) message: Option<Kept>,
    request_id: Option<Kept>,
    pub(super) details: Option<Kept>,
    retry_after: Option<Duration>,
    rate_limit: Option<RateLimit>,
    /// Where the violations are, found by the pass.
    violation_source: ViolationSource,
    /// Built from `violation_source` when first asked for.
    violations: OnceLock<Vec<Violation>>,
    /// The body, then the kept headers' values, then the details object when it is built of
    /// members (`ErrorObject`'s, Problem's): one allocation for all of it.
    store: Box<[u8]>,
    body_len: usize,
    /// Where each of [`KEPT_HEADERS`] is in `store`, after the body.
    headers: HeaderSpans,
    /// The gRPC status code, for a response read from a `tonic::Status`.
    #[cfg(feature = "tonic")]
    grpc: Option<tonic::Code>,
}

impl ErrorResponse {
    /// Decodes an error response (see the [type's documentation](Self) for how), with the
    /// current time for HTTP-date delays and the IETF rate-limit reset.
    #[must_use]
    pub fn parse(status: StatusCode, headers: &HeaderMap, body: &[u8]) -> Self {
        // The clock is read only if a date or a rate limit needs it.
        Self::read(status, headers, body, &OnceCell::new(), None, None)
    }

    /// Decodes an error response as [`parse`](Self::parse) does, with `options`: the request
    /// id is read from the headers they name first (see [`ParseOptions`]).
    #[must_use]
    pub fn parse_with(
        status: StatusCode,
        headers: &HeaderMap,
        body: &[u8],
        options: &ParseOptions,
    ) -> Self {
        Self::read(status, headers, body, &OnceCell::new(), Some(options), None)
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
        Self::read(status, headers, body, &OnceCell::from(now), None, None)
    }

    /// A gRPC status: its JSON face `json` (a `Google` body, read as one whatever the
    /// metadata's content type says), `metadata` as the headers, reported as [`Format::Grpc`].
    #[cfg(feature = "tonic")]
    pub(super) fn read_grpc(
        status: StatusCode,
        metadata: &HeaderMap,
        json: &[u8],
        code: tonic::Code,
    ) -> Self {
        let mut response = Self::read(
            status,
            metadata,
            json,
            &OnceCell::new(),
            None,
            Some(Format::Google),
        );
        response.format = Format::Grpc;
        response.grpc = Some(code);
        response
    }

    /// Decodes a response, with `options` when given; in `format` when it is given, else in
    /// the one [`detect`] finds.
    fn read(
        status: StatusCode,
        headers: &HeaderMap,
        body: &[u8],
        clock: &OnceCell<SystemTime>,
        options: Option<&ParseOptions>,
        format: Option<Format>,
    ) -> Self {
        let now = || *clock.get_or_init(SystemTime::now);
        let mut found = [None; KEPT_HEADERS.len()];
        let header_len = find_headers(headers, &mut found);
        let header = |index: usize| found.get(index).copied().flatten();
        let hints = hints(header);

        let header_delay = header(KEPT_RETRY_AFTER_MS)
            .and_then(|value| parse_retry_after_ms(value.as_bytes()))
            .or_else(|| {
                header(KEPT_RETRY_AFTER)
                    .and_then(|value| retry_after::parse_lazily(value.as_bytes(), now))
            });
        // Written in place by the pass (it is large: returning it would copy it).
        let mut said = Interpreted::default();
        let (
            format,
            Stored {
                store,
                headers: kept,
            },
        ) = read_body(
            body,
            (&found, header_len),
            (status, hints, format),
            header_delay.is_none(),
            &mut said,
        );

        let (rate_limit, reset_wait) = match headers::rate_limit(header, now) {
            Some((limit, wait)) => (Some(limit), (limit.remaining == 0).then_some(wait)),
            None => (None, None),
        };
        let retry_after = header_delay.or(said.retry_after).or(reset_wait);
        let in_store = |index: usize| {
            let (start, end) = kept.get(index)?;
            (end > start).then_some(Kept::Range(body.len() + start, body.len() + end))
        };
        // Yours, then the built-in headers in their order, then the body's.
        let request_id = options
            .and_then(|options| options.request_id(headers))
            .map(|id| Kept::Owned(id.into()))
            .or_else(|| REQUEST_ID_HEADERS.iter().find_map(|&index| in_store(index)))
            .or(said.request_id);
        // A part of a kept header's value, as a range of the store.
        // (`part` is a slice of the header's value in `headers`, which the store copied.)
        let in_header = |index: usize, part: &str| {
            let (start, _) = kept.get(index)?;
            let (from, to) = super::kept::span_in(header(index)?.as_bytes(), part)?;
            Some(Kept::Range(
                body.len() + start + from,
                body.len() + start + to,
            ))
        };
        let (mut format, mut code, mut message) = (format, said.code, said.message);
        match format {
            Format::OData if code.is_none() => code = in_store(KEPT_MS_ERROR_CODE),
            // The SDKs read the header before the body.
            Format::AwsJson | Format::Unknown => {
                if let Some(kind) = header(KEPT_AMZN_ERROR_TYPE).and_then(challenge::aws_error_type)
                {
                    code = in_header(KEPT_AMZN_ERROR_TYPE, kind).or(code);
                    format = Format::AwsJson;
                }
            }
            _ => {}
        }
        // RFC 6750 §3: the challenge's error, where the body has no code.
        if code.is_none() {
            if let Some(challenge) = header(KEPT_WWW_AUTHENTICATE) {
                let (error, description) = challenge::bearer_error(challenge);
                let keep = |text: std::borrow::Cow<'_, str>| match text {
                    std::borrow::Cow::Borrowed(part) => in_header(KEPT_WWW_AUTHENTICATE, part),
                    std::borrow::Cow::Owned(text) => Some(Kept::Owned(text.into())),
                };
                if let Some(error) = error.and_then(keep) {
                    code = Some(error);
                    if message.is_none() {
                        message = description.and_then(keep);
                    }
                    if format == Format::Unknown {
                        format = Format::BearerChallenge;
                    }
                }
            }
        }

        ErrorResponse {
            status,
            format,
            code,
            message,
            request_id,
            details: said.details,
            retry_after,
            rate_limit,
            violation_source: said.violations,
            violations: OnceLock::new(),
            store,
            body_len: body.len(),
            headers: kept,
            #[cfg(feature = "tonic")]
            grpc: None,
        }
    }

    /// The HTTP status of the response (never one the body claims). For a gRPC status
    /// (`from_grpc`, feature `tonic`), the one `google/rpc/code.proto` maps its code to.
    #[must_use]
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The envelope the body was written in.
    #[must_use]
    pub fn format(&self) -> Format {
        self.format
    }

    /// The gRPC status code, for a response read from a `tonic::Status`
    /// ([`from_grpc`](Self::from_grpc)); `None` for an HTTP response (whose `Google` body's
    /// `status` name, when it has one, is [`code`](Self::code) when there is no `ErrorInfo`).
    ///
    /// [`status`](Self::status) is the HTTP status `google/rpc/code.proto` maps the code to,
    /// which several codes share (`ABORTED` and `ALREADY_EXISTS` are both 409): this is the code
    /// itself.
    #[cfg(feature = "tonic")]
    #[cfg_attr(docsrs, doc(cfg(feature = "tonic")))]
    #[must_use]
    pub fn grpc_code(&self) -> Option<tonic::Code> {
        self.grpc
    }

    /// The machine code, where the format keeps one (Google: `ErrorInfo.reason`, else the
    /// `status` name; Problem and JSON:API: their `code` member; see the [type's
    /// documentation](Self) for every format), as a string (an integer code in its decimal
    /// digits: Twilio's `20404` is `"20404"`); `None` when the body has none.
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

    /// The request's id: a header of [`ParseOptions`] (with [`parse_with`](Self::parse_with)),
    /// else the first of `x-request-id`, `request-id` (Stripe, Anthropic), `x-amzn-RequestId`
    /// (AWS), `x-amz-request-id` (S3), `x-ms-request-id` (Azure), `x-github-request-id`,
    /// `Twilio-Request-Id`, `x-slack-req-id` that is not empty, else the body's
    /// (`DataErrorMeta`'s `meta.request_id`, `ErrorObject`'s `details.request_id`, Google's
    /// `RequestInfo.requestId`, JSON:API's `id` without apierror's `.1`, `.2` numbering,
    /// Anthropic's `request_id`).
    #[must_use]
    pub fn request_id(&self) -> Option<&str> {
        self.text(self.request_id.as_ref())
    }

    /// The field violations the body lists (see the [type's documentation](Self) for where),
    /// built when first asked for (most callers never do, so decoding does not).
    #[must_use]
    pub fn violations(&self) -> &[Violation] {
        if !self.format.has_violations() {
            return &[];
        }
        self.violations
            .get_or_init(|| self.violation_source.build(&self.store))
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
    /// or does not deserialize as a `T`. Google's metadata values are strings, so for Google
    /// (and gRPC) the string's content is tried as JSON first (`"7"` is `7`), then the string
    /// itself; content that is itself a JSON string (`"\"x\""`) is taken as written, since a
    /// value that is a string is written as its content, never quoted again.
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
        let google = matches!(self.format, Format::Google | Format::Grpc);
        // A value that does not deserialize is read once more repaired: a lone surrogate (see
        // above) is U+FFFD here too.
        read::or_repaired(self.details()?, |details| {
            let value = details::read_raw(details, details::RawMemberSeed(name))??;
            if google {
                if let Some(text) = details::read_raw(value.get(), details::TextSeed)? {
                    let quoted = serde_json::from_str::<&RawValue>(&text)
                        .is_ok_and(|json| RawKind::of(json) == RawKind::String);
                    if let (false, Ok(value)) = (quoted, serde_json::from_str::<T>(&text)) {
                        return Some(value);
                    }
                }
            }
            serde_json::from_str(value.get()).ok()
        })
    }

    /// A response header the decoder keeps, by name (case-insensitive): `Content-Type`,
    /// `Retry-After`, `retry-after-ms`, `X-RateLimit-Limit`, `X-RateLimit-Remaining`,
    /// `X-RateLimit-Reset`, `RateLimit`, `RateLimit-Policy`, `x-ms-error-code`,
    /// `WWW-Authenticate`, `x-amzn-ErrorType` and the request-id headers of
    /// [`request_id`](Self::request_id) (the first value of each that is UTF-8); `None` for any
    /// other.
    #[must_use]
    pub fn header(&self, name: &str) -> Option<&str> {
        let index = KEPT_HEADERS
            .iter()
            .position(|kept| kept.eq_ignore_ascii_case(name))?;
        let (start, end) = self.headers.get(index)?;
        std::str::from_utf8(self.store.get(self.body_len + start..self.body_len + end)?).ok()
    }

    /// The body, byte for byte as it came.
    #[must_use]
    pub fn body(&self) -> &[u8] {
        self.store.get(..self.body_len).unwrap_or_default()
    }

    fn text<'s>(&'s self, text: Option<&'s Kept>) -> Option<&'s str> {
        text?.get(&self.store)
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

/// The response's one allocation, and where the kept headers are in it.
struct Stored {
    store: Box<[u8]>,
    headers: HeaderSpans,
}

/// Where the kept headers' values are in the store, counted from the end of the body: they are
/// written one after the other in the order of [`KEPT_HEADERS`], so value `i` ends at `ends[i]`
/// and starts where value `i - 1` ends (at 0 for the first); bit `i` of `kept` says whether
/// header `i` is there (an empty value is one).
#[derive(Clone, Copy)]
struct HeaderSpans {
    ends: [u32; KEPT_HEADERS.len()],
    kept: u32,
}

// One bit of `HeaderSpans::kept` per kept header.
const _: () = assert!(KEPT_HEADERS.len() <= 32);

impl HeaderSpans {
    /// Where the value of header `index` is, from the end of the body.
    fn get(&self, index: usize) -> Option<(usize, usize)> {
        if index >= KEPT_HEADERS.len() || self.kept & (1 << index) == 0 {
            return None;
        }
        let start = match index.checked_sub(1) {
            Some(before) => *self.ends.get(before)?,
            None => 0,
        };
        Some((start as usize, *self.ends.get(index)? as usize))
    }
}

/// What the headers tell the detection: the content type, and whether an `x-ms-error-code`
/// or an `x-amzn-ErrorType` is there.
fn hints<'h>(header: impl Fn(usize) -> Option<&'h str>) -> Hints {
    Hints {
        media: header(KEPT_CONTENT_TYPE).map_or(Media::Other, Media::of),
        ms_error_code: header(KEPT_MS_ERROR_CODE).is_some_and(|code| !code.is_empty()),
        aws_error_type: header(KEPT_AMZN_ERROR_TYPE).is_some(),
    }
}

/// Reads the body: its format and the store, what it says written into `said` (nothing for a
/// body that is not one JSON object).
fn read_body(
    body: &[u8],
    found: (&[Option<&str>; KEPT_HEADERS.len()], usize),
    (status, hints, format): (StatusCode, Hints, Option<Format>),
    delay: bool,
    said: &mut Interpreted,
) -> (Format, Stored) {
    let json = body.strip_prefix(b"\xef\xbb\xbf").unwrap_or(body);
    let read = std::str::from_utf8(json).ok().and_then(|text| {
        read::with_body(text, hints.media, |parsed| {
            let format = format.unwrap_or_else(|| detect(parsed, status, hints));
            interpret(said, parsed, format, delay, Keeper(body));
            let members = built_details(parsed, format);
            let (stored, details) = store(body, found, members);
            if details.is_some() {
                said.details = details;
            }
            (format, stored)
        })
    });
    read.unwrap_or_else(|| (Format::Unknown, store(body, found, None).0))
}

/// The body, the kept headers' values (`header_len` bytes in all) and the object built of
/// `members` (each name written as JSON, each value as written), in one allocation; and where
/// that object is.
#[inline]
fn store(
    body: &[u8],
    (found, header_len): (&[Option<&str>; KEPT_HEADERS.len()], usize),
    members: Option<&RawMembers<'_>>,
) -> (Stored, Option<Kept>) {
    // Exact unless a name needs escapes (then the `Vec` grows), so that `into_boxed_slice`
    // does not reallocate: each member's name, its two quotes, the colon and its value, the
    // commas between members and the braces.
    let members_len = members.map_or(0, |members| {
        let (count, len) = members.iter().fold((0, 0), |(count, len), (name, value)| {
            (count + 1, len + name.len() + value.get().len() + 3)
        });
        len + count.max(1) + 1
    });
    let mut store = Vec::with_capacity(body.len() + header_len + members_len);
    store.extend_from_slice(body);
    let mut kept = HeaderSpans {
        ends: [0; KEPT_HEADERS.len()],
        kept: 0,
    };
    // Offsets are `u32`: headers past 4 GiB in all are not kept (it cannot happen in practice).
    if u32::try_from(header_len).is_ok() {
        let mut end = 0;
        // Up to the last header found: the spans after it are never read (their bits are off).
        let used = found
            .iter()
            .rposition(Option::is_some)
            .map_or(0, |last| last + 1);
        for (i, value) in found.iter().enumerate().take(used) {
            if let Some(value) = value {
                store.extend_from_slice(value.as_bytes());
                end = u32::try_from(store.len() - body.len()).unwrap_or(u32::MAX);
                kept.kept |= 1 << i;
            }
            if let Some(slot) = kept.ends.get_mut(i) {
                *slot = end;
            }
        }
    }
    let details = members.map(|members| {
        let start = store.len();
        store.push(b'{');
        for (i, (name, value)) in members.iter().enumerate() {
            if i > 0 {
                store.push(b',');
            }
            match name {
                // A name `serde_json` lends had no escapes, so it needs none (RFC 8259 §7).
                Cow::Borrowed(name) => {
                    store.push(b'"');
                    store.extend_from_slice(name.as_bytes());
                    store.push(b'"');
                }
                // Writing a string to a `Vec` cannot fail.
                Cow::Owned(name) => drop(serde_json::to_writer(&mut store, name)),
            }
            store.push(b':');
            store.extend_from_slice(value.get().as_bytes());
        }
        store.push(b'}');
        Kept::Range(start, store.len())
    });
    let stored = Stored {
        store: store.into_boxed_slice(),
        headers: kept,
    };
    (stored, details)
}
