//! [`ParseOptions`]: what a caller can add to how [`ErrorResponse`](super::ErrorResponse) reads
//! a response (today: the headers its request id is in).

use http::header::{HeaderMap, HeaderName};

/// How [`ErrorResponse::parse_with`](super::ErrorResponse::parse_with) reads a response,
/// beyond what [`parse`](super::ErrorResponse::parse) knows: the headers of your API that carry
/// its request id, read before the ones built in.
///
/// The built-in list covers the big APIs (`x-request-id`, `request-id`, `x-amzn-RequestId`,
/// `x-amz-request-id`, `x-ms-request-id`, `x-github-request-id`, `Twilio-Request-Id`,
/// `x-slack-req-id`); an API that names its header otherwise (`x-correlation-id`,
/// `cf-ray`…) is read by naming it here. Options are plain data, built once and shared: the
/// reqwest adapter takes them from [`RetryPolicy::with_parse_options`](super::RetryPolicy::with_parse_options).
///
/// ```
/// use apierror::client::{ErrorResponse, ParseOptions};
/// use http::{HeaderMap, HeaderName, HeaderValue, StatusCode};
///
/// let mut headers = HeaderMap::new();
/// headers.insert("x-request-id", HeaderValue::from_static("from-the-proxy"));
/// headers.insert("x-correlation-id", HeaderValue::from_static("c-42"));
///
/// let plain = ErrorResponse::parse(StatusCode::NOT_FOUND, &headers, b"");
/// assert_eq!(plain.request_id(), Some("from-the-proxy"));
///
/// let options = ParseOptions::new().with_request_id_header(HeaderName::from_static("x-correlation-id"));
/// let response = ErrorResponse::parse_with(StatusCode::NOT_FOUND, &headers, b"", &options);
/// // Yours first: a proxy's id is not your API's.
/// assert_eq!(response.request_id(), Some("c-42"));
/// ```
#[derive(Clone, Debug, Default)]
pub struct ParseOptions {
    request_id_headers: Vec<HeaderName>,
}

impl ParseOptions {
    /// Nothing beyond [`ErrorResponse::parse`](super::ErrorResponse::parse).
    #[must_use]
    pub const fn new() -> Self {
        Self {
            request_id_headers: Vec::new(),
        }
    }

    /// Reads the request id from `name` too, before the built-in headers and the body (the
    /// headers added first are tried first). A value that is empty or not UTF-8 is skipped.
    #[must_use]
    pub fn with_request_id_header(mut self, name: HeaderName) -> Self {
        self.request_id_headers.push(name);
        self
    }

    /// The request-id headers added, in the order they are tried.
    #[must_use]
    pub fn request_id_headers(&self) -> &[HeaderName] {
        &self.request_id_headers
    }

    /// The first non-empty UTF-8 value of the headers added.
    pub(crate) fn request_id<'h>(&self, headers: &'h HeaderMap) -> Option<&'h str> {
        self.request_id_headers.iter().find_map(|name| {
            let value = headers.get(name)?;
            let text = std::str::from_utf8(value.as_bytes()).ok()?;
            (!text.is_empty()).then_some(text)
        })
    }
}
