//! Envelopes: the JSON shapes an error is written in.
//!
//! An envelope is a type implementing [`Envelope`]; the derive picks one with
//! `#[api(envelope = apierror::envelope::ErrorFlag)]`, and [`ErrorObject`] is the default.
//! Every envelope writes compact JSON straight into the response body, members in a fixed
//! order, leaving out members that have nothing to say.
//!
//! | envelope | body of `RateLimited` (429, 5 s) |
//! |---|---|
//! | [`ErrorFlag`] | `{"error":true,"message":"…","code":"RATE_LIMITED","retry_after_ms":5000}` |
//! | [`ErrorMessage`] | `{"error":"…","code":"RATE_LIMITED"}` |
//! | [`ErrorCode`] | `{"error":"RATE_LIMITED","message":"…","status":429}` |
//! | [`DataErrorMeta`] | `{"data":null,"error":{"code":"RATE_LIMITED","message":"…"},"meta":{…}}` |
//! | [`ErrorObject`] | `{"error":{"code":"RATE_LIMITED","message":"…","details":{"retry_after":5}}}` |
//! | [`Problem`] (RFC 9457, `application/problem+json`) | `{"type":"about:blank","title":"Too Many Requests","status":429,"detail":"…","code":"RATE_LIMITED"}` |
//! | [`JsonApi`] (JSON:API 1.1, `application/vnd.api+json`) | `{"errors":[{"status":"429","code":"RATE_LIMITED","title":"Too Many Requests","detail":"…"}]}` |
//! | [`Google`] (AIP-193) | `{"error":{"code":429,"message":"…","status":"RESOURCE_EXHAUSTED","details":[{…ErrorInfo…},{…RetryInfo…,"retryDelay":"5s"}]}}` |
//! | [`OData`] (Microsoft / Azure, header `x-ms-error-code`) | `{"error":{"code":"RATE_LIMITED","message":"…"}}` |
//!
//! Field [violations](crate::Violation) go where each format keeps them: [`Problem`]'s
//! `errors` (with JSON pointers), one [`JsonApi`] error object each (with `source.pointer`),
//! [`Google`]'s `BadRequest.fieldViolations`, [`OData`]'s `details` (and `target` for a single
//! one), and a `violations` member of the `details` of [`ErrorObject`] and [`ErrorMessage`].
//! [`ErrorFlag`], [`ErrorCode`] and [`DataErrorMeta`] have no place for them and leave them
//! out, as they leave out the details.
//!
//! # Writing your own
//!
//! Implement [`Envelope`] on a unit type. [`JsonWriter`] appends JSON to the body; what goes
//! between its typed calls through [`JsonWriter::raw`] must itself be valid JSON.
//!
//! ```
//! use apierror::envelope::{Envelope, JsonWriter, Rendering};
//! use apierror::RenderError;
//!
//! /// `{"ok":false,"err":{"code":"…","text":"…",…details}}`
//! pub struct OkFalse;
//!
//! impl Envelope for OkFalse {
//!     fn write_body(error: &Rendering<'_>, out: &mut JsonWriter<'_>) -> Result<(), RenderError> {
//!         out.raw("{\"ok\":false,\"err\":{\"code\":");
//!         out.string(error.code());
//!         out.raw(",\"text\":");
//!         out.message(error)?;
//!         out.details(error, ",")?.close("");
//!         out.raw("}}");
//!         Ok(())
//!     }
//! }
//!
//! #[derive(Debug, apierror::ApiError)]
//! #[api(envelope = OkFalse)]
//! #[api(status = 404, code = "NO_SUCH_USER", message = "no user {id}")]
//! struct NoSuchUser {
//!     #[api(detail)]
//!     id: u64,
//! }
//!
//! let rendered = apierror::render::<OkFalse>(&NoSuchUser { id: 7 }, &Default::default());
//! assert_eq!(rendered.status, 404);
//! assert_eq!(
//!     rendered.body,
//!     br#"{"ok":false,"err":{"code":"NO_SUCH_USER","text":"no user 7","id":7}}"#
//! );
//! ```

use std::time::Duration;

use http::{HeaderMap, StatusCode};

use crate::api_error::{ApiError, DetailStyle, Details, Message, RenderError};
use crate::json::{self, Buf};
use crate::Violation;

mod data_error_meta;
mod error_code;
mod error_flag;
mod error_message;
mod error_object;
mod google;
mod json_api;
mod odata;
mod problem;

pub use data_error_meta::DataErrorMeta;
pub use error_code::ErrorCode;
pub use error_flag::ErrorFlag;
pub use error_message::ErrorMessage;
pub use error_object::ErrorObject;
pub use google::Google;
pub use json_api::JsonApi;
pub use odata::OData;
pub use problem::Problem;

/// A JSON error format: its content type, its body, and any headers of its own.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not an envelope: it does not implement `apierror::envelope::Envelope`",
    label = "`envelope = ...` names this type",
    note = "use one of the envelopes in `apierror::envelope` (such as `apierror::envelope::ErrorObject`), or implement `Envelope` for it"
)]
pub trait Envelope {
    /// The `Content-Type` of the body.
    const CONTENT_TYPE: &'static str = "application/json";

    /// Writes the whole body of `error`.
    ///
    /// Returning an error (a failing `Display` or detail) turns the response into a plain
    /// `500 INTERNAL_ERROR`, written again by this same envelope.
    fn write_body(error: &Rendering<'_>, out: &mut JsonWriter<'_>) -> Result<(), RenderError>;

    /// Adds the envelope's own headers. `Content-Type` and `Retry-After` are already set.
    fn write_headers(error: &Rendering<'_>, headers: &mut HeaderMap) {
        let _ = (error, headers);
    }
}

/// What is known about the request an error answers: its id and path, when known.
///
/// Envelopes that echo a request id use it (`DataErrorMeta`'s `meta.request_id`, `ErrorObject`'s
/// `details.request_id` on a 5xx, JSON:API's `id`, Google's `RequestInfo`), and Problem writes
/// the path as its `instance`. `RequestContext::default()` knows nothing.
///
/// ```
/// use apierror::envelope::{ErrorObject, RequestContext};
///
/// #[derive(Debug, apierror::ApiError)]
/// #[api(status = 500, code = "INTERNAL_ERROR")]
/// struct Internal;
///
/// let context = RequestContext::new().with_request_id("req-7").with_path("/users/7");
/// let body = apierror::render::<ErrorObject>(&Internal, &context).body;
/// assert_eq!(
///     body,
///     br#"{"error":{"code":"INTERNAL_ERROR","message":"Internal Server Error","details":{"request_id":"req-7"}}}"#
/// );
/// ```
#[derive(Clone, Copy, Debug, Default)]
pub struct RequestContext<'a> {
    request_id: Option<&'a str>,
    path: Option<&'a str>,
}

impl<'a> RequestContext<'a> {
    /// A context that knows nothing.
    #[must_use]
    pub const fn new() -> Self {
        RequestContext {
            request_id: None,
            path: None,
        }
    }

    /// Sets the request id.
    #[must_use]
    pub const fn with_request_id(mut self, id: &'a str) -> Self {
        self.request_id = Some(id);
        self
    }

    /// Sets the request path.
    #[must_use]
    pub const fn with_path(mut self, path: &'a str) -> Self {
        self.path = Some(path);
        self
    }
}

/// One error being rendered: the error, its status, and the request context.
///
/// The status and retry delay are read from the error once, so an envelope may ask for them as
/// often as it likes.
pub struct Rendering<'a> {
    error: &'a dyn ApiError,
    status: StatusCode,
    retry_after: Option<Duration>,
    context: RequestContext<'a>,
}

impl<'a> Rendering<'a> {
    pub(crate) fn new(
        error: &'a dyn ApiError,
        status: StatusCode,
        context: RequestContext<'a>,
    ) -> Self {
        Rendering {
            error,
            status,
            retry_after: error.retry_after(),
            context,
        }
    }

    /// The error itself.
    #[must_use]
    pub fn error(&self) -> &'a dyn ApiError {
        self.error
    }

    /// The HTTP status.
    #[must_use]
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The canonical reason phrase of the status (`"Too Many Requests"`).
    #[must_use]
    pub fn reason(&self) -> &'static str {
        crate::api_error::reason(self.status)
    }

    /// The machine code.
    #[must_use]
    pub fn code(&self) -> &'static str {
        self.error.code()
    }

    /// The retry delay, when known.
    #[must_use]
    pub fn retry_after(&self) -> Option<Duration> {
        self.retry_after
    }

    /// The retry delay in whole seconds, rounded up (RFC 9110 `delay-seconds`).
    #[must_use]
    pub fn retry_after_secs(&self) -> Option<u64> {
        self.retry_after
            .map(|d| d.as_secs().saturating_add(u64::from(d.subsec_nanos() > 0)))
    }

    /// The retry delay in whole milliseconds, rounded up.
    #[must_use]
    pub fn retry_after_millis(&self) -> Option<u64> {
        self.retry_after.map(|d| {
            let millis = d.as_millis() + u128::from(d.subsec_nanos() % 1_000_000 > 0);
            u64::try_from(millis).unwrap_or(u64::MAX)
        })
    }

    /// The problem type URI ([`ApiError::type_uri`]), when the error names one.
    #[must_use]
    pub fn type_uri(&self) -> Option<&'static str> {
        self.error.type_uri()
    }

    /// The title: the error's own ([`ApiError::title`]), else the status's reason phrase.
    #[must_use]
    pub fn title(&self) -> &'static str {
        self.error.title().unwrap_or_else(|| self.reason())
    }

    /// The per-field violations ([`ApiError::violations`]); empty when there are none.
    #[must_use]
    pub fn violations(&self) -> &'a [Violation] {
        self.error.violations()
    }

    /// The id of the request being answered, when known.
    #[must_use]
    pub fn request_id(&self) -> Option<&'a str> {
        self.context.request_id
    }

    /// The path of the request being answered, when known.
    #[must_use]
    pub fn path(&self) -> Option<&'a str> {
        self.context.path
    }
}

/// Appends JSON to the response body.
///
/// Typed calls ([`string`](Self::string), [`u64`](Self::u64), [`message`](Self::message),
/// [`details`](Self::details)) always write valid JSON; [`raw`](Self::raw) writes its text as
/// it is, for the fixed punctuation and member names of a format.
pub struct JsonWriter<'a> {
    buf: &'a mut Buf,
}

impl<'a> JsonWriter<'a> {
    pub(crate) fn new(buf: &'a mut Buf) -> Self {
        JsonWriter { buf }
    }

    /// Appends `json` unchanged; it must be valid JSON in its place.
    #[inline]
    pub fn raw(&mut self, json: &str) {
        self.buf.extend_from_slice(json.as_bytes());
    }

    /// Appends a quoted, escaped JSON string.
    #[inline]
    pub fn string(&mut self, text: &str) {
        json::string_into(self.buf, text);
    }

    /// Appends an unsigned integer.
    #[inline]
    pub fn u64(&mut self, n: u64) {
        json::u64_into(self.buf, n);
    }

    /// Appends the error's public message as a JSON string.
    #[inline]
    pub fn message(&mut self, error: &Rendering<'_>) -> Result<(), RenderError> {
        self.buf.push(b'"');
        error.error.message(&mut Message::json(self.buf))?;
        self.buf.push(b'"');
        Ok(())
    }

    /// Writes the error's detail fields as members of one object, each value as serde makes
    /// it, and returns the open [`Details`] so the envelope may add members of its own.
    ///
    /// Nothing is written until the first member, which is preceded by `open`; finish with
    /// [`Details::close`], which writes its text only if a member was written.
    pub fn details(
        &mut self,
        error: &Rendering<'_>,
        open: &'static str,
    ) -> Result<Details<'_>, RenderError> {
        self.details_styled(error, open, DetailStyle::Json)
    }

    /// Like [`details`](Self::details), with each value written as a JSON string.
    pub fn details_as_strings(
        &mut self,
        error: &Rendering<'_>,
        open: &'static str,
    ) -> Result<Details<'_>, RenderError> {
        self.details_styled(error, open, DetailStyle::Strings)
    }

    fn details_styled(
        &mut self,
        error: &Rendering<'_>,
        open: &'static str,
        style: DetailStyle,
    ) -> Result<Details<'_>, RenderError> {
        let mut details = Details::new(self.buf, open, style);
        error.error.details(&mut details)?;
        Ok(details)
    }

    pub(crate) fn buf(&mut self) -> &mut Buf {
        self.buf
    }
}

/// Writes `"violations":[{"field":…,"message":…,"code":…},…]` into an open details object
/// (`code` only for a violation that has one); nothing when there are no violations.
///
/// `field` is the path form (`user.emails[0]`): the shape of `details.violations` in
/// [`ErrorObject`] and [`ErrorMessage`].
fn violations_detail(details: &mut Details<'_>, violations: &[Violation]) {
    if violations.is_empty() {
        return;
    }
    let mut out = details.member("violations");
    let mut open = "[{\"field\":";
    for violation in violations {
        out.raw(open);
        open = ",{\"field\":";
        out.string(&violation.path());
        out.raw(",\"message\":");
        out.string(violation.message());
        if let Some(code) = violation.code() {
            out.raw(",\"code\":");
            out.string(code);
        }
        out.raw("}");
    }
    out.raw("]");
}
