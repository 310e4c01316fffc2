//! Rendering: one error and one envelope to status, headers and body bytes, whatever the error
//! does: a status that is no error, a `Display` that fails, a detail that does not serialize,
//! user code that panics: all become a well-formed `500 INTERNAL_ERROR` in the same envelope,
//! with the cause kept for the log.

use core::fmt;
use std::panic::{self, AssertUnwindSafe};

use http::header::{HeaderMap, HeaderValue, CONTENT_TYPE, RETRY_AFTER};
use http::StatusCode;

use crate::api_error::{is_error_status, Api, ApiError, ErasedError, INTERNAL_ERROR};
use crate::envelope::{Envelope, ErrorView, JsonWriter, RequestInfo};
use crate::json::Buf;
use crate::rate_limit::RateLimit;
use crate::writer::WriteError;

/// Renders `error` in envelope `E` as an `http` response: status, headers (`Content-Type`,
/// `Retry-After`, the rate-limit headers, the envelope's own) and the JSON body.
///
/// Never panics and never returns a success status: if the error's status is outside
/// `400..=599`, its message or a detail fails to render, or its code panics, the result is a
/// plain `500 INTERNAL_ERROR` written by the same envelope.
///
/// ```
/// use apierror::envelope::ErrorCode;
///
/// #[derive(Debug, apierror::ApiError)]
/// #[api(status = 409, code = "TAKEN", message = "name {0:?} is taken")]
/// struct Taken(String);
///
/// let response = apierror::render::<ErrorCode>(&Taken("ada".into()), &Default::default());
/// assert_eq!(response.status(), 409);
/// assert_eq!(response.headers()["content-type"], "application/json");
/// assert_eq!(response.body(), br#"{"error":"TAKEN","message":"name \"ada\" is taken","status":409}"#);
/// ```
#[must_use]
pub fn render<E: Envelope>(
    error: &impl ApiError,
    request: &RequestInfo<'_>,
) -> http::Response<Vec<u8>> {
    fn erased<T: ApiError>(
        error: &T,
        request: RequestInfo<'_>,
        envelope: &ErasedEnvelope,
    ) -> http::Response<Vec<u8>> {
        render_response(error, api_of::<T>(), request, envelope)
    }
    erased(error, *request, &ErasedEnvelope::of::<E>())
}

/// [`render`] once the error's type is erased: also what `AnyApiError::render` returns.
pub(crate) fn render_response(
    error: &dyn ErasedError,
    api: &Api,
    request: RequestInfo<'_>,
    envelope: &ErasedEnvelope,
) -> http::Response<Vec<u8>> {
    let (mut parts, ()) = http::Response::new(()).into_parts();
    let rendered = render_into(error, api, request, envelope, &mut parts.headers);
    parts.status = rendered.status;
    http::Response::from_parts(parts, rendered.body)
}

/// The [`Api`] of an error type, as the erased renderer takes it.
pub(crate) fn api_of<T: ApiError>() -> &'static Api {
    const { &T::API }
}

/// What a derived type says about its rendering besides [`ApiError`]: its envelope, its
/// negotiation, and itself as `std::error::Error` for the log. Implemented by the derive, read
/// by the framework glue and [`AnyApiError`](crate::AnyApiError); reached through `__private`, not
/// part of the public API.
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "`{Self}` does not derive `ApiError`, so it names no envelope to answer in",
    label = "not a type with `#[derive(apierror::ApiError)]`",
    note = "name your API's error type here, the one with `#[derive(apierror::ApiError)]`"
)]
pub trait UsesEnvelope {
    /// The container's `envelope = ...`.
    type Envelope: Envelope;

    /// The container's `negotiate`: whether `Accept` may choose Problem or JSON:API instead.
    const NEGOTIATE: bool = false;

    /// The error as `std::error::Error` when it is one, for logging its source chain; the
    /// derive fills it in by autoref specialization.
    fn as_error(&self) -> Option<&dyn std::error::Error> {
        None
    }
}

/// An envelope as plain data (its content type and its two writers), so that the rendering
/// itself is compiled once: the envelope's counterpart of
/// [`ErasedError`](crate::api_error::ErasedError).
#[derive(Clone, Copy)]
pub(crate) struct ErasedEnvelope {
    /// `E::CONTENT_TYPE`, which negotiation compares (in the framework glue).
    #[cfg_attr(
        not(any(
            feature = "axum",
            feature = "actix-web",
            feature = "salvo",
            feature = "poem"
        )),
        allow(dead_code)
    )]
    media_type: &'static str,
    content_type: fn() -> HeaderValue,
    write_body: fn(&ErrorView<'_>, &mut JsonWriter<'_>) -> Result<(), WriteError>,
    write_headers: fn(&ErrorView<'_>, &mut HeaderMap),
}

impl ErasedEnvelope {
    pub(crate) const fn of<E: Envelope>() -> Self {
        ErasedEnvelope {
            media_type: E::CONTENT_TYPE,
            content_type: ContentType::<E>::value,
            write_body: E::write_body,
            write_headers: E::write_headers,
        }
    }

    /// The envelope's media type, `application/problem+json` for Problem.
    #[cfg_attr(
        not(any(
            feature = "axum",
            feature = "actix-web",
            feature = "salvo",
            feature = "poem"
        )),
        allow(dead_code)
    )]
    pub(crate) fn media_type(&self) -> &'static str {
        self.media_type
    }
}

/// How an error type renders its errors, the same for all its values: its own envelope,
/// whether `Accept` may choose another (`#[api(negotiate)]`), and its [`Api`].
pub(crate) struct Rendering {
    pub(crate) envelope: ErasedEnvelope,
    // Read by the framework glue, which negotiates.
    #[cfg_attr(
        not(any(
            feature = "axum",
            feature = "actix-web",
            feature = "salvo",
            feature = "poem"
        )),
        allow(dead_code)
    )]
    pub(crate) negotiate: bool,
    pub(crate) api: &'static Api,
}

impl Rendering {
    /// The rendering of a derived type, a constant.
    pub(crate) fn of<T: UsesEnvelope + ApiError>() -> &'static Rendering {
        const {
            &Rendering {
                envelope: ErasedEnvelope::of::<T::Envelope>(),
                negotiate: T::NEGOTIATE,
                api: &T::API,
            }
        }
    }

    /// The rendering of any error type in envelope `E`, without negotiation.
    pub(crate) fn in_envelope<T: ApiError, E: Envelope>() -> &'static Rendering {
        const {
            &Rendering {
                envelope: ErasedEnvelope::of::<E>(),
                negotiate: false,
                api: &T::API,
            }
        }
    }
}

/// An envelope's `Content-Type` as a header value, built once at compile time: free at run
/// time (a copy of a constant, nothing to clone or drop), and an invalid content type in a
/// custom envelope is a compile error, not a 500.
struct ContentType<E>(core::marker::PhantomData<E>);

impl<E: Envelope> ContentType<E> {
    const VALUE: HeaderValue = HeaderValue::from_static(E::CONTENT_TYPE);

    fn value() -> HeaderValue {
        Self::VALUE
    }
}

/// What rendering produced: the status and body (the headers went into the caller's map), and
/// why the error's own response was replaced by the plain 500, if it was.
pub(crate) struct Rendered {
    pub(crate) status: StatusCode,
    pub(crate) body: Vec<u8>,
    // Read by the framework glue, for the log.
    #[cfg_attr(
        not(any(
            feature = "axum",
            feature = "actix-web",
            feature = "salvo",
            feature = "poem"
        )),
        allow(dead_code)
    )]
    pub(crate) failure: Option<RenderFailure>,
}

/// Why an error was answered with the plain `500 INTERNAL_ERROR` instead of its own response.
#[derive(Debug)]
pub(crate) enum RenderFailure {
    /// `status()` returned a status outside `400..=599`.
    Status(StatusCode),
    /// The message or a detail failed to write.
    Write(WriteError),
    /// User code (a `Display`, a `Serialize`, a hand-written method or envelope) panicked.
    Panic(Box<str>),
}

impl fmt::Display for RenderFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RenderFailure::Status(status) => {
                write!(f, "status {status} is not an error status (400..=599)")
            }
            RenderFailure::Write(error) => fmt::Display::fmt(error, f),
            RenderFailure::Panic(message) => write!(f, "rendering panicked: {message}"),
        }
    }
}

/// Renders `error` (of a type whose [`Api`] is `api`) in `envelope` into `headers`, which must
/// be empty: the headers of a failed attempt are cleared before the plain 500 is written.
///
/// Every call into user code (the error's methods, its `Display` and `Serialize` impls, a
/// custom envelope) runs under `catch_unwind`, so a panic there becomes the plain 500 rather
/// than a dropped connection. With `panic = "abort"` nothing can be caught, as everywhere.
pub(crate) fn render_into(
    error: &dyn ErasedError,
    api: &Api,
    request: RequestInfo<'_>,
    envelope: &ErasedEnvelope,
    headers: &mut HeaderMap,
) -> Rendered {
    let mut body = Buf::new();
    let attempt = panic::catch_unwind(AssertUnwindSafe(|| {
        let status = error.status();
        if !is_error_status(status) {
            return Err(RenderFailure::Status(status));
        }
        let view = ErrorView::new(error, api, status, request);
        (envelope.write_body)(&view, &mut JsonWriter::new(&mut body))
            .map_err(RenderFailure::Write)?;
        write_headers(&view, envelope, error.rate_limit(), headers);
        Ok(status)
    }));
    let failure = match attempt {
        Ok(Ok(status)) => {
            return Rendered {
                status,
                body: body.take_exact_vec(),
                failure: None,
            }
        }
        Ok(Err(failure)) => failure,
        Err(payload) => RenderFailure::Panic(panic_message(payload.as_ref())),
    };

    body.clear();
    headers.clear();
    let fallback = panic::catch_unwind(AssertUnwindSafe(|| {
        let view = ErrorView::new(&Internal, api, StatusCode::INTERNAL_SERVER_ERROR, request);
        let written = (envelope.write_body)(&view, &mut JsonWriter::new(&mut body));
        write_headers(&view, envelope, None, headers);
        written
    }));
    if !matches!(fallback, Ok(Ok(()))) {
        // Only a custom envelope that fails (or panics) on every input gets here.
        body.clear();
        body.extend_from_slice(LAST_RESORT);
        headers.clear();
        headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    }
    Rendered {
        status: StatusCode::INTERNAL_SERVER_ERROR,
        body: body.take_exact_vec(),
        failure: Some(failure),
    }
}

/// `Content-Type`, `Retry-After`, the rate-limit headers and the envelope's own headers.
fn write_headers(
    view: &ErrorView<'_>,
    envelope: &ErasedEnvelope,
    limit: Option<RateLimit>,
    headers: &mut HeaderMap,
) {
    headers.insert(CONTENT_TYPE, (envelope.content_type)());
    if let Some(secs) = view.retry_after_secs() {
        headers.insert(RETRY_AFTER, seconds_value(secs));
    }
    if let Some(limit) = limit {
        let headers_kind = view.api().rate_limit_headers;
        crate::rate_limit::write_headers(
            &limit,
            headers_kind,
            std::time::SystemTime::now(),
            headers,
        );
    }
    (envelope.write_headers)(view, headers);
}

/// The text of a panic's payload: what `panic!` was given, when it is a string.
pub(crate) fn panic_message(payload: &(dyn core::any::Any + Send)) -> Box<str> {
    if let Some(text) = payload.downcast_ref::<&str>() {
        (*text).into()
    } else if let Some(text) = payload.downcast_ref::<String>() {
        text.as_str().into()
    } else {
        "a panic without a message".into()
    }
}

/// The body when even the fallback fails to render: the default envelope's 500.
const LAST_RESORT: &[u8] =
    br#"{"error":{"code":"INTERNAL_ERROR","message":"Internal Server Error"}}"#;

/// The error rendered in place of one that failed to render.
pub(crate) struct Internal;

impl ApiError for Internal {
    fn status(&self) -> StatusCode {
        StatusCode::INTERNAL_SERVER_ERROR
    }

    fn code(&self) -> &'static str {
        INTERNAL_ERROR
    }
}

/// `0` to `999` as text, three bytes each, zero-padded: the common `Retry-After` values
/// become headers without an allocation (a slice of a `'static` text, checked once, at compile
/// time).
static SECONDS: &str = {
    const DIGITS: &[u8; 10] = b"0123456789";
    const TABLE: [u8; 3000] = {
        let mut table = [0u8; 3000];
        let mut n = 0;
        while n < 1000 {
            table[3 * n] = DIGITS[n / 100];
            table[3 * n + 1] = DIGITS[n / 10 % 10];
            table[3 * n + 2] = DIGITS[n % 10];
            n += 1;
        }
        table
    };
    match core::str::from_utf8(&TABLE) {
        Ok(text) => text,
        Err(_) => panic!("digits are ASCII"),
    }
};

fn seconds_value(secs: u64) -> HeaderValue {
    match usize::try_from(secs) {
        Ok(n) if n < 1000 => {
            let skip = usize::from(n < 100) + usize::from(n < 10);
            match SECONDS.get(3 * n + skip..3 * n + 3) {
                Some(digits) => HeaderValue::from_static(digits),
                None => HeaderValue::from(secs),
            }
        }
        _ => HeaderValue::from(secs),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seconds_values() {
        for n in [
            0,
            1,
            5,
            9,
            10,
            42,
            99,
            100,
            120,
            999,
            1000,
            86_400,
            u64::MAX,
        ] {
            assert_eq!(seconds_value(n), n.to_string().as_str(), "{n}");
        }
    }

    #[test]
    fn panic_payloads_keep_their_text() {
        let text = panic::catch_unwind(|| panic!("boom {}", 7)).unwrap_err();
        assert_eq!(&*panic_message(text.as_ref()), "boom 7");
        let text = panic::catch_unwind(|| panic!("static")).unwrap_err();
        assert_eq!(&*panic_message(text.as_ref()), "static");
        let other = panic::catch_unwind(|| std::panic::panic_any(5_u8)).unwrap_err();
        assert_eq!(&*panic_message(other.as_ref()), "a panic without a message");
    }
}
