//! Envelopes: the JSON shapes an error is written in.
//!
//! An envelope is a type implementing [`Envelope`]; the derive picks one with
//! `#[api(envelope = apierror::envelope::ErrorFlag)]`, and [`ErrorObject`] is the default.
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
//! # The rules every envelope keeps
//!
//! - The body is compact JSON (no spaces), members in the fixed order each envelope documents,
//!   members with nothing to say left out unless the format requires them.
//! - `Content-Type` is `application/json` unless the format names another.
//! - A known retry delay sets `Retry-After: <whole seconds, rounded up>` (RFC 9110
//!   `delay-seconds`), whatever the envelope.
//! - A 5xx without `expose` never shows its `Display` text or its source: the message is the
//!   status's canonical reason phrase (`Internal Server Error`).
//! - Detail fields are serialized with serde, in declaration order, under their field names,
//!   into the envelope's place for details; an envelope with no such place leaves them out.
//! - No member name appears twice in any object the envelope writes, its details object
//!   included: a detail named like a member the envelope writes in the same object (its
//!   *reserved* names, listed on each envelope), or like a detail already written, is skipped.
//!   Last-value-wins parsers (JavaScript, `serde_json::Value`) would otherwise read the detail
//!   in place of the envelope's member. A detail's own value is written as its `Serialize` impl
//!   makes it (a derived impl never repeats a name; two `#[serde(flatten)]` maps sharing a key
//!   would, as anywhere `serde_json` writes them).
//! - Numbers stay exact for every JSON parser: a delay written as a JSON number is at most
//!   2<sup>53</sup> − 1 (see [`ErrorView::retry_after_secs`]).
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
//! between its typed calls through [`JsonWriter::raw`] must itself be valid JSON. Everything the
//! nine envelopes above use is public: a test outside the crate writes `Google` and
//! `DataErrorMeta` again with only this module's API and matches their wire vectors byte for
//! byte.
//!
//! ```
//! use apierror::envelope::{Envelope, ErrorView, JsonWriter};
//! use apierror::WriteError;
//!
//! /// `{"ok":false,"err":{"code":"…","text":"…",…details}}`
//! pub struct OkFalse;
//!
//! impl Envelope for OkFalse {
//!     fn write_body(error: &ErrorView<'_>, out: &mut JsonWriter<'_>) -> Result<(), WriteError> {
//!         out.raw("{\"ok\":false,\"err\":{\"code\":");
//!         out.string(error.code());
//!         out.raw(",\"text\":");
//!         out.message(error)?;
//!         // The details become members of `err`; `code` and `text` are this object's own.
//!         out.details(error, ",", &["code", "text"])?.close("");
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
//!     #[api(detail)]
//!     code: &'static str, // a reserved name: skipped
//! }
//!
//! let response = apierror::render::<OkFalse>(&NoSuchUser { id: 7, code: "x" }, &Default::default());
//! assert_eq!(response.status(), 404);
//! assert_eq!(
//!     response.body(),
//!     br#"{"ok":false,"err":{"code":"NO_SUCH_USER","text":"no user 7","id":7}}"#
//! );
//! ```

use std::time::Duration;

use http::{HeaderMap, StatusCode};

use crate::api_error::{Api, Descriptor, ErasedError};
use crate::rate_limit::RateLimit;
use crate::violation::Violation;
use crate::writer::{self, Details, Message};

pub use crate::writer::{JsonWriter, Object};

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
pub(crate) use google::grpc_status_name;
pub use google::Google;
#[cfg(feature = "tonic")]
pub(crate) use google::{upper_case, MAX_PROTO_SECONDS};
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
    /// `500 INTERNAL_ERROR`, written again by this same envelope; so does a panic.
    fn write_body(
        error: &ErrorView<'_>,
        out: &mut JsonWriter<'_>,
    ) -> Result<(), writer::WriteError>;

    /// Adds the envelope's own headers. `Content-Type` and `Retry-After` are already set.
    fn write_headers(error: &ErrorView<'_>, headers: &mut HeaderMap) {
        let _ = (error, headers);
    }

    /// The JSON Schema (OpenAPI 3.1's dialect, JSON Schema 2020-12) of every body this
    /// envelope writes: the error catalog's OpenAPI responses name it as a component. The
    /// default, `{"type":"object"}`, says only that the body is a JSON object.
    #[must_use]
    fn schema() -> serde_json::Value {
        serde_json::json!({ "type": "object" })
    }
}

/// The name of the request (and response) header that carries the request id; each
/// framework's glue makes its own typed header name of it, and the OpenAPI responses
/// document it.
pub(crate) const X_REQUEST_ID: &str = "x-request-id";

/// What is known about the request an error answers: its id and path, when known.
///
/// The request-context middleware fills it for the framework glue; [`render`](crate::render)
/// takes one. Envelopes that echo a request id use it (`DataErrorMeta`'s `meta.request_id`,
/// `ErrorObject`'s `details.request_id` on a 5xx, JSON:API's `id`, Google's `RequestInfo`),
/// and Problem writes the path as its `instance`. `RequestInfo::default()` knows nothing.
///
/// ```
/// use apierror::envelope::{ErrorObject, RequestInfo};
///
/// #[derive(Debug, apierror::ApiError)]
/// #[api(status = 500, code = "INTERNAL_ERROR")]
/// struct Internal;
///
/// let request = RequestInfo::new().with_request_id("req-7").with_path("/users/7");
/// let response = apierror::render::<ErrorObject>(&Internal, &request);
/// assert_eq!(
///     response.body(),
///     br#"{"error":{"code":"INTERNAL_ERROR","message":"Internal Server Error","details":{"request_id":"req-7"}}}"#
/// );
/// ```
#[derive(Clone, Copy, Debug, Default)]
pub struct RequestInfo<'a> {
    request_id: Option<&'a str>,
    path: Option<&'a str>,
}

impl<'a> RequestInfo<'a> {
    /// Nothing known.
    #[must_use]
    pub const fn new() -> Self {
        RequestInfo {
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

    /// The request id, when known.
    #[must_use]
    pub const fn request_id(&self) -> Option<&'a str> {
        self.request_id
    }

    /// The request path, when known.
    #[must_use]
    pub const fn path(&self) -> Option<&'a str> {
        self.path
    }
}

/// Everything an envelope may read of the error it writes: the error's core (status, code,
/// message, retry delay and whether to retry, details, violations, rate limit), its code's
/// [`Descriptor`], its type's [`Api`], and the [request](RequestInfo).
///
/// The status and retry delay are read from the error once, so an envelope may ask for them as
/// often as it likes.
pub struct ErrorView<'a> {
    error: &'a dyn ErasedError,
    api: &'a Api,
    status: StatusCode,
    retry_after: Option<Duration>,
    request: RequestInfo<'a>,
}

/// The largest integer every JSON parser reads exactly: 2^53 - 1 (`Number.MAX_SAFE_INTEGER`).
const MAX_SAFE_INTEGER: u64 = (1 << 53) - 1;

impl<'a> ErrorView<'a> {
    pub(crate) fn new(
        error: &'a dyn ErasedError,
        api: &'a Api,
        status: StatusCode,
        request: RequestInfo<'a>,
    ) -> Self {
        ErrorView {
            error,
            api,
            status,
            retry_after: error.retry_after(),
            request,
        }
    }

    /// The HTTP status.
    #[must_use]
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The canonical reason phrase of the status (`"Too Many Requests"`).
    #[must_use]
    pub fn reason(&self) -> &'static str {
        writer::reason(self.status)
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

    /// The retry delay in whole seconds, rounded up (RFC 9110 `delay-seconds`), and at most
    /// 2<sup>53</sup> − 1 so that JavaScript and every other JSON parser read it exactly (a
    /// delay that long is forever in practice).
    #[must_use]
    pub fn retry_after_secs(&self) -> Option<u64> {
        self.retry_after.map(|d| {
            d.as_secs()
                .saturating_add(u64::from(d.subsec_nanos() > 0))
                .min(MAX_SAFE_INTEGER)
        })
    }

    /// The retry delay in whole milliseconds, rounded up, and at most 2<sup>53</sup> − 1 (as
    /// [`retry_after_secs`](Self::retry_after_secs)).
    #[must_use]
    pub fn retry_after_millis(&self) -> Option<u64> {
        self.retry_after.map(|d| {
            let millis = d.as_millis() + u128::from(d.subsec_nanos() % 1_000_000 > 0);
            u64::try_from(millis).map_or(MAX_SAFE_INTEGER, |ms| ms.min(MAX_SAFE_INTEGER))
        })
    }

    /// Whether a client may send the same request again ([`ApiError::retryable`](crate::ApiError::retryable)).
    #[must_use]
    pub fn retryable(&self) -> bool {
        self.error.retryable()
    }

    /// The per-field violations; empty when there are none.
    #[must_use]
    pub fn violations(&self) -> &'a [Violation] {
        self.error.violations()
    }

    /// The client's rate-limit state, when known (the renderer also writes it as headers).
    #[must_use]
    pub fn rate_limit(&self) -> Option<RateLimit> {
        self.error.rate_limit()
    }

    /// What this code is beyond the core ([`ApiError::descriptor`](crate::ApiError::descriptor)).
    #[must_use]
    pub fn descriptor(&self) -> &'static Descriptor {
        self.error.descriptor()
    }

    /// The title: the code's own ([`Descriptor::title`]), else the status's reason phrase.
    #[must_use]
    pub fn title(&self) -> &'static str {
        self.descriptor().title.unwrap_or_else(|| self.reason())
    }

    /// The API the error's type belongs to ([`ApiError::API`](crate::ApiError::API)).
    #[must_use]
    pub fn api(&self) -> &'a Api {
        self.api
    }

    /// The id of the request being answered, when known.
    #[must_use]
    pub fn request_id(&self) -> Option<&'a str> {
        self.request.request_id
    }

    /// The path of the request being answered, when known.
    #[must_use]
    pub fn path(&self) -> Option<&'a str> {
        self.request.path
    }
}

impl JsonWriter<'_> {
    /// Appends the error's public message as a JSON string.
    #[inline]
    pub fn message(&mut self, error: &ErrorView<'_>) -> Result<(), writer::WriteError> {
        let buf = self.buf();
        buf.push(b'"');
        error.error.message(&mut Message::json(buf))?;
        buf.push(b'"');
        Ok(())
    }

    /// Writes the error's detail fields as members of one object, each value as serde makes
    /// it, and returns the open [`Object`] so the envelope may add members of its own.
    ///
    /// Nothing is written until the first member, which is preceded by `open`; finish with
    /// [`Object::close`], which writes its text only if a member was written. `reserved` are
    /// the names the envelope itself writes in this object, before or after the details: a
    /// detail of one of those names is skipped, as is a repeated one.
    pub fn details(
        &mut self,
        error: &ErrorView<'_>,
        open: &'static str,
        reserved: &'static [&'static str],
    ) -> Result<Object<'_>, writer::WriteError> {
        self.details_styled(error, open, reserved, false)
    }

    /// Like [`details`](Self::details), with each value written as a JSON string: strings as
    /// they are, other values as their JSON text (`42` becomes `"42"`), for formats whose
    /// metadata is a map of strings.
    pub fn details_as_strings(
        &mut self,
        error: &ErrorView<'_>,
        open: &'static str,
        reserved: &'static [&'static str],
    ) -> Result<Object<'_>, writer::WriteError> {
        self.details_styled(error, open, reserved, true)
    }

    fn details_styled(
        &mut self,
        error: &ErrorView<'_>,
        open: &'static str,
        reserved: &'static [&'static str],
        strings: bool,
    ) -> Result<Object<'_>, writer::WriteError> {
        let mut details = Details::new(self.buf(), open, reserved, strings);
        error.error.details(&mut details)?;
        Ok(Object::new(details))
    }
}

/// The JSON Schema of what [`violations_detail`] writes.
fn violations_detail_schema() -> serde_json::Value {
    serde_json::json!({
        "type": "array",
        "items": {
            "type": "object",
            "required": ["field", "message"],
            "properties": {
                "field": { "type": "string" },
                "message": { "type": "string" },
                "code": { "type": "string" }
            }
        }
    })
}

/// Writes `"violations":[{"field":…,"message":…,"code":…},…]` into an open details object
/// (`code` only for a violation that has one); nothing when there are no violations.
///
/// `field` is the path form (`user.emails[0]`): the shape of `details.violations` in
/// [`ErrorObject`] and [`ErrorMessage`]. Written with the public API only.
fn violations_detail(details: &mut Object<'_>, violations: &[Violation]) {
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
