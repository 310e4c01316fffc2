//! Rendering: one error and one envelope to status, headers and body bytes.

use http::header::{HeaderMap, HeaderValue, CONTENT_TYPE, RETRY_AFTER};
use http::StatusCode;

use crate::envelope::{Envelope, JsonWriter, Rendering, RequestContext};
use crate::json::Buf;
use crate::{ApiError, RenderError};

/// A rendered error response, independent of any framework.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct Rendered {
    /// The status: the error's own, or `500` if rendering failed.
    pub status: StatusCode,
    /// `Content-Type`, `Retry-After`, the rate-limit headers and the envelope's own headers.
    pub headers: HeaderMap,
    /// The JSON body.
    pub body: Vec<u8>,
}

/// Renders `error` in envelope `E`.
///
/// Never panics and never returns a success status: if the error's status is outside
/// `400..=599`, or its message or a detail fails to render, the result is a plain
/// `500 INTERNAL_ERROR` written by the same envelope.
///
/// ```
/// use apierror::envelope::ErrorCode;
///
/// #[derive(Debug, apierror::ApiError)]
/// #[api(status = 409, code = "TAKEN", message = "name {0:?} is taken")]
/// struct Taken(String);
///
/// let rendered = apierror::render::<ErrorCode>(&Taken("ada".into()), &Default::default());
/// assert_eq!(rendered.status, 409);
/// assert_eq!(rendered.headers["content-type"], "application/json");
/// assert_eq!(rendered.body, br#"{"error":"TAKEN","message":"name \"ada\" is taken","status":409}"#);
/// ```
#[must_use]
pub fn render<E: Envelope>(error: &dyn ApiError, context: &RequestContext<'_>) -> Rendered {
    let mut headers = HeaderMap::with_capacity(4);
    let (status, body) = render_into::<E>(error, context, &mut headers);
    Rendered {
        status,
        headers,
        body,
    }
}

/// [`render`] with the headers written into a map the caller already has, such as the one of
/// the framework's response (which saves building and dropping a second map).
pub(crate) fn render_into<E: Envelope>(
    error: &dyn ApiError,
    context: &RequestContext<'_>,
    headers: &mut HeaderMap,
) -> (StatusCode, Vec<u8>) {
    let format = Format {
        content_type: ContentType::<E>::VALUE,
        write_body: E::write_body,
        write_headers: E::write_headers,
    };
    render_with(error, *context, format, headers)
}

/// An envelope's `Content-Type` as a header value, built once at compile time: free at run
/// time, and an invalid content type in a custom envelope is a compile error, not a 500.
struct ContentType<E>(core::marker::PhantomData<E>);

impl<E: Envelope> ContentType<E> {
    const VALUE: HeaderValue = HeaderValue::from_static(E::CONTENT_TYPE);
}

/// An envelope as plain data, so that the rendering itself is compiled once.
struct Format {
    content_type: HeaderValue,
    write_body: fn(&Rendering<'_>, &mut JsonWriter<'_>) -> Result<(), RenderError>,
    write_headers: fn(&Rendering<'_>, &mut HeaderMap),
}

// `format` by value: its content type is moved into the map rather than cloned and dropped.
fn render_with(
    error: &dyn ApiError,
    context: RequestContext<'_>,
    format: Format,
    headers: &mut HeaderMap,
) -> (StatusCode, Vec<u8>) {
    let mut body = Buf::new();
    let status = error.status();
    let mut rendering = Rendering::new(error, status, context);
    let written = if is_error_status(status) {
        (format.write_body)(&rendering, &mut JsonWriter::new(&mut body))
    } else {
        Err(RenderError::status(status))
    };
    if written.is_err() {
        body.clear();
        rendering = Rendering::new(&Internal, StatusCode::INTERNAL_SERVER_ERROR, context);
        if (format.write_body)(&rendering, &mut JsonWriter::new(&mut body)).is_err() {
            // Only a custom envelope that fails on every input gets here.
            body.clear();
            body.extend_from_slice(LAST_RESORT);
        }
    }

    headers.insert(CONTENT_TYPE, format.content_type);
    if let Some(secs) = rendering.retry_after_secs() {
        headers.insert(RETRY_AFTER, seconds_value(secs));
    }
    // A rendering that fell back to the plain 500 reads nothing more from the failed error.
    if written.is_ok() {
        if let Some(limit) = error.rate_limit() {
            crate::rate_limit::write_headers(
                &limit,
                error.rate_limit_headers(),
                std::time::SystemTime::now(),
                headers,
            );
        }
    }
    (format.write_headers)(&rendering, headers);
    (rendering.status(), body.take_exact_vec())
}

/// Whether `status` is in `400..=599`, the only statuses an error response may carry.
pub(crate) fn is_error_status(status: StatusCode) -> bool {
    status.is_client_error() || status.is_server_error()
}

/// The body when even the fallback fails to render: the default envelope's 500.
const LAST_RESORT: &[u8] =
    br#"{"error":{"code":"INTERNAL_ERROR","message":"Internal Server Error"}}"#;

/// The error rendered in place of one that failed to render.
struct Internal;

impl ApiError for Internal {
    fn status(&self) -> StatusCode {
        StatusCode::INTERNAL_SERVER_ERROR
    }

    fn code(&self) -> &'static str {
        "INTERNAL_ERROR"
    }
}

/// `0` to `999` as text, three bytes each, zero-padded: the common `Retry-After` values
/// become headers without an allocation.
static SECONDS: [u8; 3000] = {
    const DIGITS: &[u8; 10] = b"0123456789";
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

fn seconds_value(secs: u64) -> HeaderValue {
    match usize::try_from(secs) {
        Ok(n) if n < 1000 => {
            let skip = usize::from(n < 100) + usize::from(n < 10);
            let digits: &'static [u8] = &SECONDS[3 * n + skip..3 * n + 3];
            match core::str::from_utf8(digits) {
                Ok(text) => HeaderValue::from_static(text),
                Err(_) => HeaderValue::from(secs),
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
}
