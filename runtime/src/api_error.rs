//! The [`ApiError`] trait and the writers it fills: [`Message`] and [`Details`].

use core::fmt;
use std::time::Duration;

use http::StatusCode;
use serde::Serialize;

use crate::json::{self, Buf};
use crate::{RateLimit, RateLimitHeaders, Violation};

/// An error that knows how it looks on the wire of an HTTP API.
///
/// `#[derive(ApiError)]` implements it from `#[api(...)]` attributes; it can also be written by
/// hand, for a type the derive does not fit. Only [`status`](ApiError::status) and
/// [`code`](ApiError::code) are required; every other method has the default the derive uses.
///
/// ```
/// use apierror::{ApiError, Message, StatusCode};
///
/// #[derive(Debug)]
/// struct Maintenance;
///
/// impl ApiError for Maintenance {
///     fn status(&self) -> StatusCode {
///         StatusCode::SERVICE_UNAVAILABLE
///     }
///     fn code(&self) -> &'static str {
///         "MAINTENANCE"
///     }
///     fn message(&self, out: &mut Message<'_>) -> core::fmt::Result {
///         out.write_str("Down for maintenance")
///     }
///     fn retry_after(&self) -> Option<std::time::Duration> {
///         Some(std::time::Duration::from_secs(120))
///     }
/// }
///
/// assert!(Maintenance.retryable()); // 503 is retryable unless told otherwise
/// assert_eq!(apierror::message(&Maintenance).to_string(), "Down for maintenance");
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not an API error: it does not implement `apierror::ApiError`",
    label = "not an `ApiError`",
    note = "derive it with `#[derive(apierror::ApiError)]`, or implement `apierror::ApiError` by hand"
)]
pub trait ApiError {
    /// The HTTP status, in `400..=599`.
    ///
    /// A status outside that range is a bug in a hand-written impl: the response is then a plain
    /// `500 INTERNAL_ERROR` in the same envelope rather than a success carrying an error body.
    fn status(&self) -> StatusCode;

    /// The stable machine-readable code, such as `"RATE_LIMITED"`.
    fn code(&self) -> &'static str;

    /// Writes the public message: what a client may be shown.
    ///
    /// The default writes the status's canonical reason phrase (`"Too Many Requests"`), which
    /// never leaks internals. The derive writes the `message` template, else `Display` for a 4xx
    /// (or an exposed 5xx), else that same reason phrase.
    fn message(&self, out: &mut Message<'_>) -> fmt::Result {
        out.write_reason(self.status())
    }

    /// Whether a client may send the same request again.
    ///
    /// Defaults to `true` for 408, 429, 502, 503 and 504 (see [`retryable_by_default`]).
    fn retryable(&self) -> bool {
        retryable_by_default(self.status())
    }

    /// How long a client should wait before retrying, when known: sets `Retry-After`.
    fn retry_after(&self) -> Option<Duration> {
        None
    }

    /// Writes the machine-readable details, one [`Details::field`] call each, in order.
    ///
    /// Envelopes put them where their format keeps details (`details`, `meta`, `innererror`…)
    /// and leave them out when the format has no such place.
    fn details(&self, out: &mut Details<'_>) -> Result<(), RenderError> {
        let _ = out;
        Ok(())
    }

    /// The URI that identifies this kind of problem (Problem's `type`), when known.
    ///
    /// The derive returns the variant's `#[api(type = "...")]`, else the container's
    /// `type_base` joined with the code in kebab-case; envelopes write `about:blank` for `None`.
    fn type_uri(&self) -> Option<&'static str> {
        None
    }

    /// A short summary of this kind of problem (Problem's and JSON:API's `title`), when set.
    ///
    /// The derive returns `#[api(title = "...")]`; envelopes fall back to the status's reason.
    fn title(&self) -> Option<&'static str> {
        None
    }

    /// The gRPC canonical code name (Google's `error.status`) when it is not the one the HTTP
    /// status maps to: the derive's `#[api(grpc = "ABORTED")]`.
    fn grpc_status(&self) -> Option<&'static str> {
        None
    }

    /// The client's rate-limit state, when known: sets the rate-limit headers.
    fn rate_limit(&self) -> Option<RateLimit> {
        None
    }

    /// Which headers [`rate_limit`](ApiError::rate_limit) becomes: the derive's container
    /// `rate_limit_headers = "x-ratelimit" | "ietf" | "both"`.
    fn rate_limit_headers(&self) -> RateLimitHeaders {
        RateLimitHeaders::XRateLimit
    }

    /// The per-field validation errors, when the error carries them.
    fn violations(&self) -> &[Violation] {
        &[]
    }

    /// The API's domain, for envelopes that name it (Google's `ErrorInfo.domain`).
    ///
    /// The derive returns `#[api(domain = "...")]`, else the deriving crate's package name.
    fn domain(&self) -> Option<&'static str> {
        None
    }

    /// The API's version, for envelopes that echo it (`DataErrorMeta`'s `meta.version`).
    ///
    /// The derive returns `#[api(version = "...")]`, else the deriving crate's package version.
    fn version(&self) -> Option<&'static str> {
        None
    }
}

/// The default of [`ApiError::retryable`]: `true` for 408, 429, 502, 503 and 504.
///
/// ```
/// use apierror::{retryable_by_default, StatusCode};
///
/// assert!(retryable_by_default(StatusCode::SERVICE_UNAVAILABLE));
/// assert!(!retryable_by_default(StatusCode::INTERNAL_SERVER_ERROR));
/// ```
#[must_use]
pub fn retryable_by_default(status: StatusCode) -> bool {
    matches!(status.as_u16(), 408 | 429 | 502 | 503 | 504)
}

/// The public message of an error as a value that implements [`Display`](fmt::Display).
///
/// ```
/// # use apierror::{ApiError, StatusCode};
/// # struct Gone;
/// # impl ApiError for Gone {
/// #     fn status(&self) -> StatusCode { StatusCode::GONE }
/// #     fn code(&self) -> &'static str { "GONE" }
/// # }
/// assert_eq!(apierror::message(&Gone).to_string(), "Gone");
/// ```
#[must_use]
pub fn message(error: &dyn ApiError) -> PublicMessage<'_> {
    PublicMessage(error)
}

/// The value returned by [`message()`]: displays an error's public message.
#[derive(Clone, Copy)]
pub struct PublicMessage<'a>(&'a dyn ApiError);

impl fmt::Display for PublicMessage<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.message(&mut Message {
            sink: Sink::Text(f),
        })
    }
}

impl fmt::Debug for PublicMessage<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("\"")?;
        fmt::Display::fmt(self, f)?;
        f.write_str("\"")
    }
}

/// Where [`ApiError::message`] writes the public message.
///
/// It implements [`fmt::Write`], so `write!(out, "user {id} not found")` works. Inside an
/// envelope the text is JSON-escaped as it is written, straight into the response body.
///
/// ```
/// use core::fmt::Write as _;
/// use apierror::{ApiError, Message, StatusCode};
///
/// struct Quota { used: u32, limit: u32 }
///
/// impl ApiError for Quota {
///     fn status(&self) -> StatusCode { StatusCode::TOO_MANY_REQUESTS }
///     fn code(&self) -> &'static str { "QUOTA" }
///     fn message(&self, out: &mut Message<'_>) -> core::fmt::Result {
///         write!(out, "used {} of \"{}\"", self.used, self.limit)
///     }
/// }
///
/// let quota = Quota { used: 7, limit: 5 };
/// assert_eq!(apierror::message(&quota).to_string(), r#"used 7 of "5""#);
/// let body = apierror::render::<apierror::envelope::ErrorCode>(&quota, &Default::default()).body;
/// assert_eq!(body, br#"{"error":"QUOTA","message":"used 7 of \"5\"","status":429}"#);
/// ```
pub struct Message<'a> {
    sink: Sink<'a>,
}

enum Sink<'a> {
    /// Escaped as a JSON string's contents, appended to the body.
    Json(&'a mut Buf),
    /// Plain text, for [`message()`].
    Text(&'a mut dyn fmt::Write),
}

impl<'a> Message<'a> {
    pub(crate) fn json(buf: &'a mut Buf) -> Self {
        Message {
            sink: Sink::Json(buf),
        }
    }

    /// Appends text to the message.
    pub fn write_str(&mut self, text: &str) -> fmt::Result {
        match &mut self.sink {
            Sink::Json(buf) => {
                json::escape_into(buf, text);
                Ok(())
            }
            Sink::Text(out) => out.write_str(text),
        }
    }

    /// Appends the [`Display`](fmt::Display) text of a value.
    pub fn write_display(&mut self, value: &dyn fmt::Display) -> fmt::Result {
        fmt::Write::write_fmt(self, format_args!("{value}"))
    }

    /// Appends the canonical reason phrase of a status (`"Not Found"`).
    pub fn write_reason(&mut self, status: StatusCode) -> fmt::Result {
        match &mut self.sink {
            // Every canonical reason is plain printable ASCII without quotes or backslashes.
            Sink::Json(buf) => {
                buf.extend_from_slice(reason(status).as_bytes());
                Ok(())
            }
            Sink::Text(out) => out.write_str(reason(status)),
        }
    }

    /// Appends a literal whose JSON form was worked out at compile time (the derive's fast path).
    #[doc(hidden)]
    #[inline]
    pub fn __write_literal(&mut self, literal: crate::__private::Literal) -> fmt::Result {
        match &mut self.sink {
            Sink::Json(buf) if !literal.needs_escape => {
                buf.extend_from_slice(literal.text.as_bytes());
                Ok(())
            }
            _ => self.write_str(literal.text),
        }
    }
}

impl fmt::Write for Message<'_> {
    fn write_str(&mut self, text: &str) -> fmt::Result {
        Message::write_str(self, text)
    }
}

/// The canonical reason phrase of a status, or `"Error"` for a code without one.
pub(crate) fn reason(status: StatusCode) -> &'static str {
    status.canonical_reason().unwrap_or("Error")
}

/// Where [`ApiError::details`] writes its fields: one JSON object, opened on the first field.
///
/// An envelope decides where the object goes and what opens and closes it; the error only
/// names its fields. Values are serialized with serde straight into the response body.
///
/// ```
/// use apierror::{ApiError, Details, RenderError, StatusCode};
///
/// struct Conflict { ids: Vec<u64> }
///
/// impl ApiError for Conflict {
///     fn status(&self) -> StatusCode { StatusCode::CONFLICT }
///     fn code(&self) -> &'static str { "CONFLICT" }
///     fn details(&self, out: &mut Details<'_>) -> Result<(), RenderError> {
///         out.field("ids", &self.ids)?;
///         out.field("count", &self.ids.len())
///     }
/// }
///
/// let body = apierror::render::<apierror::envelope::ErrorObject>(
///     &Conflict { ids: vec![3, 4] },
///     &Default::default(),
/// ).body;
/// assert_eq!(body, br#"{"error":{"code":"CONFLICT","message":"Conflict","details":{"ids":[3,4],"count":2}}}"#);
/// ```
pub struct Details<'a> {
    buf: &'a mut Buf,
    open: &'static str,
    opened: bool,
    style: DetailStyle,
}

/// How [`Details`] writes values.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum DetailStyle {
    /// Each value as the JSON serde makes of it.
    Json,
    /// Each value as a JSON string: strings as they are, other values as their JSON text
    /// (`42` becomes `"42"`), for formats whose metadata is a map of strings.
    Strings,
}

impl<'a> Details<'a> {
    /// A details writer that writes `open` (such as `,"details":{`) before its first member.
    pub(crate) fn new(buf: &'a mut Buf, open: &'static str, style: DetailStyle) -> Self {
        Details {
            buf,
            open,
            opened: false,
            style,
        }
    }

    /// Writes one member, `"name":value`, serializing the value with serde.
    ///
    /// A value that fails to serialize (a map with non-string keys, a `Serialize` impl that
    /// returns an error) fails the whole response, which then becomes a plain 500.
    pub fn field<T: Serialize + ?Sized>(
        &mut self,
        name: &str,
        value: &T,
    ) -> Result<(), RenderError> {
        self.key(name);
        let start = self.buf.len();
        serde_json::to_writer(&mut *self.buf, value).map_err(RenderError::serialize)?;
        if self.style == DetailStyle::Strings && self.buf.as_slice().get(start) != Some(&b'"') {
            let text = self.buf.as_slice()[start..].to_vec();
            self.buf.truncate(start);
            // serde_json wrote UTF-8; the error only guards against a broken serializer.
            let text = String::from_utf8(text).map_err(|_| RenderError::serialize_invalid())?;
            json::string_into(self.buf, &text);
        }
        Ok(())
    }

    /// Ends the object: writes `close` if any member was written, else nothing.
    pub fn close(self, close: &str) {
        if self.opened {
            self.buf.extend_from_slice(close.as_bytes());
        }
    }

    /// Writes one member whose value is an unsigned integer.
    pub(crate) fn u64(&mut self, name: &str, value: u64) {
        self.key(name);
        if self.style == DetailStyle::Strings {
            self.buf.push(b'"');
            json::u64_into(self.buf, value);
            self.buf.push(b'"');
        } else {
            json::u64_into(self.buf, value);
        }
    }

    /// Writes one member whose value is a string.
    pub(crate) fn str(&mut self, name: &str, value: &str) {
        self.key(name);
        json::string_into(self.buf, value);
    }

    /// Writes the name of one member, `"name":`, and returns a writer for its value, which
    /// the caller must write in full (an envelope's own array member, such as `violations`).
    pub(crate) fn member(&mut self, name: &str) -> crate::envelope::JsonWriter<'_> {
        self.key(name);
        crate::envelope::JsonWriter::new(self.buf)
    }

    fn key(&mut self, name: &str) {
        if self.opened {
            self.buf.push(b',');
        } else {
            self.buf.extend_from_slice(self.open.as_bytes());
            self.opened = true;
        }
        json::string_into(self.buf, name);
        self.buf.push(b':');
    }
}

/// Rendering an error failed: its status was not an error status, its message's `Display`
/// returned an error, or a detail failed to serialize.
///
/// The response is then a plain `500` with code `INTERNAL_ERROR` in the same envelope.
#[derive(Debug)]
pub struct RenderError {
    kind: RenderErrorKind,
}

#[derive(Debug)]
enum RenderErrorKind {
    Status(StatusCode),
    Format,
    Serialize(Option<serde_json::Error>),
}

impl RenderError {
    fn serialize(error: serde_json::Error) -> Self {
        RenderError {
            kind: RenderErrorKind::Serialize(Some(error)),
        }
    }

    pub(crate) fn status(status: StatusCode) -> Self {
        RenderError {
            kind: RenderErrorKind::Status(status),
        }
    }

    fn serialize_invalid() -> Self {
        RenderError {
            kind: RenderErrorKind::Serialize(None),
        }
    }
}

impl From<fmt::Error> for RenderError {
    fn from(_: fmt::Error) -> Self {
        RenderError {
            kind: RenderErrorKind::Format,
        }
    }
}

impl fmt::Display for RenderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            RenderErrorKind::Status(status) => {
                write!(f, "status {status} is not an error status (400..=599)")
            }
            RenderErrorKind::Format => f.write_str("the error's message failed to format"),
            RenderErrorKind::Serialize(Some(e)) => write!(f, "a detail failed to serialize: {e}"),
            RenderErrorKind::Serialize(None) => f.write_str("a detail serialized to invalid UTF-8"),
        }
    }
}

impl std::error::Error for RenderError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.kind {
            RenderErrorKind::Serialize(Some(e)) => Some(e),
            _ => None,
        }
    }
}
