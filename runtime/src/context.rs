//! The request context: what the error glue knows about the request an error answers.
//!
//! The middleware (`apierror::axum::ErrorContextLayer` with the `axum` feature,
//! `apierror::actix::ErrorContext` with `actix-web`) gives every request an id, and for as
//! long as the request's handler runs it keeps the id, the request path and the `Accept` header
//! in a [tokio task-local](tokio::task_local): no global state, nothing shared between requests.
//! The derived `IntoResponse` / `ResponseError` read it there, because neither trait sees the
//! request. So with the middleware:
//!
//! - the envelopes that echo the request show it: `DataErrorMeta`'s `meta.request_id`,
//!   `ErrorObject`'s `details.request_id` on a 5xx, `Problem`'s `instance` (the path),
//!   `JsonApi`'s `id`, `Google`'s `RequestInfo`;
//! - every response, error or not, carries the id as `x-request-id`;
//! - a type deriving with `#[api(negotiate)]` answers in `Problem` or `JsonApi` when the
//!   client's `Accept` prefers `application/problem+json` or `application/vnd.api+json`
//!   (with `Vary: Accept`; see [below](#content-negotiation));
//! - handlers can read the id: as an extension of the request (axum's
//!   `Extension<RequestId>`, actix-web's `req.extensions().get::<RequestId>()`), or anywhere
//!   in the handler's task through [`request_id`], for their own logs.
//!
//! The incoming `x-request-id` is kept when it is 1 to 128 visible ASCII characters
//! (`0x21..=0x7E`), so a proxy's id carries through; anything else (absent, empty, too long,
//! control characters, spaces, non-ASCII) is replaced by a fresh UUID v4. The request's own
//! header is left as it was sent: the id to use is the extension's.
//!
//! Without the middleware everything still works, with nothing known about the request: no
//! `x-request-id`, no negotiation, `DataErrorMeta` makes a fresh UUID per response.
//!
//! # Content negotiation
//!
//! For a type with `#[api(negotiate)]`, three media types compete: its own envelope's
//! content type, `application/problem+json` and `application/vnd.api+json`. Each gets the q-value
//! of the most specific `Accept` range that matches it (`type/subtype` over `type/*` over
//! `*/*`; types compared without regard to case, parameters other than `q` ignored), or 0 when
//! none does; q=0 means not acceptable. The highest q wins; at equal q, the more specific match;
//! any remaining tie keeps the type's own envelope (and prefers Problem to JSON:API). A header
//! that accepts none of them also gets the own envelope: never a 406. Malformed ranges are
//! skipped. `Accept` is kept as it came (several lines as one list) and parsed only when a
//! negotiating type renders an error, so requests that end well never pay for it.
//!
//! A task-local does not cross [`tokio::spawn`]: an error rendered in a spawned task knows no
//! request unless its response is produced back in the handler's task.

use core::fmt;

/// The response (and request) header that carries the request id.
#[cfg(feature = "axum")]
pub(crate) const X_REQUEST_ID: http::HeaderName = http::HeaderName::from_static("x-request-id");

/// The id of one request: the client's (or a proxy's) `x-request-id` when it is 1 to 128
/// visible ASCII characters, else a fresh UUID v4.
///
/// The middleware puts it in the request's extensions, so a handler can ask for it;
/// [`request_id`] returns it anywhere in the handler's task.
///
/// ```
/// # #[cfg(feature = "axum")] {
/// use apierror::axum::ErrorContextLayer;
/// use apierror::context::RequestId;
/// use axum::{routing::get, Extension, Router};
///
/// async fn handler(Extension(id): Extension<RequestId>) -> String {
///     format!("your request is {id}")
/// }
///
/// let app: Router = Router::new()
///     .route("/", get(handler))
///     .layer(ErrorContextLayer::new());
/// # }
/// ```
#[derive(Clone)]
pub struct RequestId(Text);

impl RequestId {
    /// Keeps `value` when it is a valid id.
    fn valid(value: Text) -> Option<Self> {
        is_valid_id(value.as_bytes()).then_some(RequestId(value))
    }

    /// A fresh UUID v4, lower-case and hyphenated.
    fn fresh_bytes() -> [u8; uuid::fmt::Hyphenated::LENGTH] {
        let mut text = [0u8; uuid::fmt::Hyphenated::LENGTH];
        uuid::Uuid::new_v4().hyphenated().encode_lower(&mut text);
        text
    }

    /// The id as text.
    ///
    /// ```
    /// # #[cfg(feature = "axum")] {
    /// use apierror::context::RequestId;
    /// use axum::Extension;
    ///
    /// async fn handler(Extension(id): Extension<RequestId>) -> String {
    ///     id.as_str().to_owned()
    /// }
    /// # }
    /// ```
    #[must_use]
    pub fn as_str(&self) -> &str {
        // Only visible ASCII is ever stored, so the text is always UTF-8.
        core::str::from_utf8(self.0.as_bytes()).unwrap_or_default()
    }
}

impl fmt::Display for RequestId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for RequestId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("RequestId").field(&self.as_str()).finish()
    }
}

impl PartialEq for RequestId {
    fn eq(&self, other: &Self) -> bool {
        self.0.as_bytes() == other.0.as_bytes()
    }
}

impl Eq for RequestId {}

impl core::hash::Hash for RequestId {
    fn hash<H: core::hash::Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

/// The id of the request being handled by the current task, when the request went through
/// the request-context middleware: for a handler's own logs.
///
/// ```
/// // Outside a request (here, a doctest), there is none.
/// assert_eq!(apierror::context::request_id(), None);
/// ```
///
/// ```
/// # #[cfg(feature = "axum")] {
/// async fn handler() -> &'static str {
///     if let Some(id) = apierror::context::request_id() {
///         println!("request {id}: creating the user");
///     }
///     "created"
/// }
/// # }
/// ```
#[must_use]
pub fn request_id() -> Option<RequestId> {
    CURRENT.try_with(|current| current.id.clone()).ok()
}

/// Whether `bytes` may be kept as a request id: 1 to 128 visible ASCII characters.
fn is_valid_id(bytes: &[u8]) -> bool {
    (1..=128).contains(&bytes.len()) && bytes.iter().all(|b| (0x21..=0x7E).contains(b))
}

/// Header text as it came, shared rather than copied.
#[derive(Clone)]
enum Text {
    #[cfg(feature = "axum")]
    Http(http::HeaderValue),
    #[cfg(feature = "actix-web")]
    Actix(actix_web::http::header::HeaderValue),
    Owned(Box<[u8]>),
}

impl Text {
    fn as_bytes(&self) -> &[u8] {
        match self {
            #[cfg(feature = "axum")]
            Text::Http(value) => value.as_bytes(),
            #[cfg(feature = "actix-web")]
            Text::Actix(value) => value.as_bytes(),
            Text::Owned(bytes) => bytes,
        }
    }

    /// One header's values as one text: several `Accept` lines mean their comma-joined list.
    fn joined(mut rest: impl Iterator<Item = Text>, first: Text) -> Text {
        match rest.next() {
            None => first,
            Some(second) => {
                let mut joined = first.as_bytes().to_vec();
                for value in core::iter::once(second).chain(rest) {
                    joined.extend_from_slice(b", ");
                    joined.extend_from_slice(value.as_bytes());
                }
                Text::Owned(joined.into_boxed_slice())
            }
        }
    }
}

/// The request path, sharing the request's URI.
#[derive(Clone)]
enum Path {
    #[cfg(feature = "axum")]
    Http(http::Uri),
    #[cfg(feature = "actix-web")]
    Actix(actix_web::http::Uri),
}

impl Path {
    fn as_str(&self) -> &str {
        match self {
            #[cfg(feature = "axum")]
            Path::Http(uri) => uri.path(),
            #[cfg(feature = "actix-web")]
            Path::Actix(uri) => uri.path(),
        }
    }
}

/// What is known about the request being handled.
///
/// `Accept` is kept as it came and only parsed when a type with `#[api(negotiate)]` renders
/// an error ([`Current::choice`]): a request that ends well never pays for parsing it.
#[derive(Clone)]
pub(crate) struct Current {
    id: RequestId,
    path: Path,
    accept: Option<Text>,
}

tokio::task_local! {
    /// The request the current task is handling, set by the middleware around its inner
    /// service's `call` and future.
    static CURRENT: Current;
}

impl Current {
    /// The context of an axum (`http` 1) request; the outer one when a request-context layer
    /// is already around this one, so nested layers agree on the id.
    #[cfg(feature = "axum")]
    pub(crate) fn of_http(headers: &http::HeaderMap, uri: &http::Uri) -> Current {
        CURRENT.try_with(Current::clone).unwrap_or_else(|_| {
            Current::new(
                headers.get(X_REQUEST_ID).cloned().map(Text::Http),
                |fresh| http::HeaderValue::from_bytes(fresh).ok().map(Text::Http),
                headers
                    .get_all(http::header::ACCEPT)
                    .iter()
                    .cloned()
                    .map(Text::Http),
                Path::Http(uri.clone()),
            )
        })
    }

    /// The context of an actix-web (`http` 0.2) request; the outer one when a request-context
    /// middleware is already around this one.
    #[cfg(feature = "actix-web")]
    pub(crate) fn of_actix(
        headers: &actix_web::http::header::HeaderMap,
        uri: &actix_web::http::Uri,
    ) -> Current {
        use actix_web::http::header::{HeaderName, HeaderValue, ACCEPT};

        const X_REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

        CURRENT.try_with(Current::clone).unwrap_or_else(|_| {
            Current::new(
                headers.get(X_REQUEST_ID).cloned().map(Text::Actix),
                |fresh| HeaderValue::from_bytes(fresh).ok().map(Text::Actix),
                headers.get_all(ACCEPT).cloned().map(Text::Actix),
                Path::Actix(uri.clone()),
            )
        })
    }

    /// A context from a request's pieces, whatever the framework: the incoming id when valid,
    /// else a fresh one (kept as the framework's header value, `header`, so echoing it copies
    /// nothing); the `Accept` lines as one list.
    fn new(
        incoming: Option<Text>,
        header: impl FnOnce(&[u8]) -> Option<Text>,
        mut accept: impl Iterator<Item = Text>,
        path: Path,
    ) -> Current {
        let id = incoming.and_then(RequestId::valid).unwrap_or_else(|| {
            let fresh = RequestId::fresh_bytes();
            RequestId(header(&fresh).unwrap_or_else(|| Text::Owned(Box::new(fresh))))
        });
        let accept = accept.next().map(|first| Text::joined(accept, first));
        Current { id, path, accept }
    }

    /// The request id.
    pub(crate) fn id(&self) -> &RequestId {
        &self.id
    }

    /// The id as an `http` 1 header value, for the response.
    #[cfg(feature = "axum")]
    pub(crate) fn http_id(&self) -> Option<http::HeaderValue> {
        if let Text::Http(value) = &self.id.0 {
            return Some(value.clone());
        }
        http::HeaderValue::from_bytes(self.id.0.as_bytes()).ok()
    }

    /// The id as an actix-web (`http` 0.2) header value, for the response.
    #[cfg(feature = "actix-web")]
    pub(crate) fn actix_id(&self) -> Option<actix_web::http::header::HeaderValue> {
        if let Text::Actix(value) = &self.id.0 {
            return Some(value.clone());
        }
        actix_web::http::header::HeaderValue::from_bytes(self.id.0.as_bytes()).ok()
    }

    /// The context the envelopes see.
    pub(crate) fn request_context(&self) -> crate::envelope::RequestContext<'_> {
        crate::envelope::RequestContext::new()
            .with_request_id(self.id.as_str())
            .with_path(self.path.as_str())
    }

    /// Which envelope `Accept` prefers for an error whose own envelope's content type is `own`.
    pub(crate) fn choice(&self, own: &str) -> Choice {
        self.accept
            .as_ref()
            .map_or(Choice::Own, |accept| choose(accept.as_bytes(), own))
    }

    /// Sets this context for `call`, the inner service's `call`: some services do their work
    /// there rather than in the future they return.
    pub(crate) fn enter<R>(self, call: impl FnOnce() -> R) -> R {
        CURRENT.sync_scope(self, call)
    }

    /// Sets this context for every poll of `future`.
    pub(crate) fn scope<F: core::future::Future>(self, future: F) -> Scoped<F> {
        CURRENT.scope(self, future)
    }
}

/// A future run with a request context.
pub(crate) type Scoped<F> = tokio::task::futures::TaskLocalFuture<Current, F>;

/// Runs `f` with the current request's context, or `None` outside one.
pub(crate) fn with_current<R>(mut f: impl FnMut(Option<&Current>) -> R) -> R {
    match CURRENT.try_with(|current| f(Some(current))) {
        Ok(result) => result,
        Err(_) => f(None),
    }
}

/// What the shared glue below needs of a framework: its response type, built from a rendering.
pub(crate) trait Framework {
    type Response;

    /// Renders `error` in envelope `E`, with `context`, as this framework's response.
    fn render<E: crate::envelope::Envelope>(
        error: &dyn crate::ApiError,
        context: &crate::envelope::RequestContext<'_>,
    ) -> Self::Response;

    /// Adds `Vary: Accept` to a negotiated response.
    fn vary_accept(response: &mut Self::Response);

    /// The status the response carries, for the log.
    #[cfg(feature = "tracing")]
    fn status(response: &Self::Response) -> u16;
}

/// Renders `error` in `E`, in the context of the request being handled (an empty one outside
/// the middleware): `apierror::axum::into_response` and `apierror::actix::error_response`.
pub(crate) fn respond<F: Framework, E: crate::envelope::Envelope>(
    error: &dyn crate::ApiError,
) -> F::Response {
    with_current(|current| F::render::<E>(error, &context_of(current)))
}

/// The derived glue (`IntoResponse`, `ResponseError`): [`respond`] in the envelope that
/// `Accept` chooses for a `#[api(negotiate)]` type (with `Vary: Accept`), else the type's own;
/// then, with the `tracing` feature, the log line.
pub(crate) fn respond_derived<F, T>(error: &T) -> F::Response
where
    F: Framework,
    T: crate::__private::UsesEnvelope + crate::ApiError,
{
    use crate::envelope::{Envelope, JsonApi, Problem};

    with_current(|current| {
        let context = context_of(current);
        let choice = match current {
            Some(current) if T::NEGOTIATE => {
                current.choice(<T::Envelope as Envelope>::CONTENT_TYPE)
            }
            _ => Choice::Own,
        };
        let mut response = match choice {
            Choice::Own => F::render::<T::Envelope>(error, &context),
            Choice::Problem => F::render::<Problem>(error, &context),
            Choice::JsonApi => F::render::<JsonApi>(error, &context),
        };
        // Without a context nothing was negotiated, so nothing varies.
        if T::NEGOTIATE && current.is_some() {
            F::vary_accept(&mut response);
        }
        #[cfg(feature = "tracing")]
        log(
            F::status(&response),
            error.code(),
            error.as_error(),
            current,
        );
        response
    })
}

/// The envelopes' view of `current`, empty outside a request.
fn context_of(current: Option<&Current>) -> crate::envelope::RequestContext<'_> {
    current.map_or_else(
        crate::envelope::RequestContext::new,
        Current::request_context,
    )
}

/// The envelope an error is rendered in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Choice {
    /// The type's own envelope.
    Own,
    /// [`crate::envelope::Problem`].
    Problem,
    /// [`crate::envelope::JsonApi`].
    JsonApi,
}

const PROBLEM: (&[u8], &[u8]) = (b"application", b"problem+json");
const JSON_API: (&[u8], &[u8]) = (b"application", b"vnd.api+json");

/// How well one media range matched a media type: its q-value in thousandths, then its
/// specificity (`*/*` 0, `type/*` 1, exact 2). Compared in that order.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Rank {
    q: u16,
    specificity: u8,
}

/// Picks the envelope for an error whose own envelope's content type is `own`, from an
/// `Accept` header (RFC 9110 §12.5.1).
///
/// Each candidate (the own type, `application/problem+json`, `application/vnd.api+json`) gets
/// the q-value of the most specific range that matches it (types and subtypes compared without
/// regard to case, parameters other than `q` ignored), 0 when none does. The highest q wins, at
/// equal q the more specific range; any remaining tie, and a header that accepts none of them,
/// keeps the own envelope (between Problem and JSON:API, Problem). Malformed ranges are skipped.
fn choose(accept: &[u8], own: &str) -> Choice {
    let own_type = own.split(';').next().unwrap_or_default().trim();
    let own = own_type
        .split_once('/')
        .map_or((own_type.as_bytes(), &b""[..]), |(t, s)| {
            (t.as_bytes(), s.as_bytes())
        });

    // (specificity of the most specific matching range, its best q) per candidate.
    let mut best: [Option<Rank>; 3] = [None; 3];
    for range in ranges(accept) {
        for (slot, candidate) in best.iter_mut().zip([own, PROBLEM, JSON_API]) {
            let Some(specificity) = range.specificity(candidate) else {
                continue;
            };
            let better = match slot {
                None => true,
                Some(rank) => {
                    specificity > rank.specificity
                        || (specificity == rank.specificity && range.q > rank.q)
                }
            };
            if better {
                *slot = Some(Rank {
                    q: range.q,
                    specificity,
                });
            }
        }
    }

    let zero = Rank {
        q: 0,
        specificity: 0,
    };
    let [own, problem, json_api] = best.map(|rank| rank.unwrap_or(zero));
    let mut choice = (Choice::Own, own);
    for (candidate, rank) in [(Choice::Problem, problem), (Choice::JsonApi, json_api)] {
        if rank.q > 0 && rank > choice.1 {
            choice = (candidate, rank);
        }
    }
    choice.0
}

/// One media range of an `Accept` header.
struct Range<'a> {
    kind: &'a [u8],
    subtype: &'a [u8],
    /// Thousandths.
    q: u16,
}

impl Range<'_> {
    /// How specifically this range matches `(type, subtype)`, or `None` if it does not.
    fn specificity(&self, (kind, subtype): (&[u8], &[u8])) -> Option<u8> {
        if self.kind == b"*" {
            Some(0)
        } else if !self.kind.eq_ignore_ascii_case(kind) {
            None
        } else if self.subtype == b"*" {
            Some(1)
        } else if self.subtype.eq_ignore_ascii_case(subtype) {
            Some(2)
        } else {
            None
        }
    }

    /// Parses one list element: `type/subtype *( OWS ";" OWS name=value )`.
    fn parse(element: &[u8]) -> Option<Range<'_>> {
        let mut parts = split_unquoted(element, b';');
        let media = trim(parts.next()?);
        let slash = media.iter().position(|&b| b == b'/')?;
        let (kind, subtype) = (trim(&media[..slash]), trim(&media[slash + 1..]));
        if !is_token(kind) || !is_token(subtype) || (kind == b"*" && subtype != b"*") {
            return None;
        }
        let mut q = 1000;
        for parameter in parts {
            let parameter = trim(parameter);
            let (name, value) = match parameter.iter().position(|&b| b == b'=') {
                Some(eq) => (trim(&parameter[..eq]), trim(&parameter[eq + 1..])),
                None => (parameter, &b""[..]),
            };
            if name.eq_ignore_ascii_case(b"q") {
                q = parse_q(value)?;
                // What follows `q` are accept-extensions, which change nothing here.
                break;
            }
        }
        Some(Range { kind, subtype, q })
    }
}

/// The media ranges of an `Accept` value, malformed ones left out.
fn ranges(accept: &[u8]) -> impl Iterator<Item = Range<'_>> {
    split_unquoted(accept, b',')
        .map(trim)
        .filter(|element| !element.is_empty())
        .filter_map(Range::parse)
}

/// Splits at `separator` outside double-quoted strings (which may hold `\"`).
fn split_unquoted(text: &[u8], separator: u8) -> impl Iterator<Item = &[u8]> {
    let mut rest = Some(text);
    core::iter::from_fn(move || {
        let text = rest?;
        let (mut quoted, mut escaped) = (false, false);
        for (i, &b) in text.iter().enumerate() {
            if escaped {
                escaped = false;
            } else if quoted && b == b'\\' {
                escaped = true;
            } else if b == b'"' {
                quoted = !quoted;
            } else if b == separator && !quoted {
                rest = Some(&text[i + 1..]);
                return Some(&text[..i]);
            }
        }
        rest = None;
        Some(text)
    })
}

fn trim(mut bytes: &[u8]) -> &[u8] {
    while let [b' ' | b'\t', rest @ ..] = bytes {
        bytes = rest;
    }
    while let [rest @ .., b' ' | b'\t'] = bytes {
        bytes = rest;
    }
    bytes
}

/// RFC 9110 `token`.
fn is_token(bytes: &[u8]) -> bool {
    !bytes.is_empty()
        && bytes
            .iter()
            .all(|&b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

/// `qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] )`, in thousandths.
fn parse_q(value: &[u8]) -> Option<u16> {
    let (whole, fraction) = match value.iter().position(|&b| b == b'.') {
        Some(dot) => (&value[..dot], &value[dot + 1..]),
        None => (value, &b""[..]),
    };
    if fraction.len() > 3 || !fraction.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let mut thousandths = 0u16;
    for i in 0..3 {
        thousandths = thousandths * 10 + fraction.get(i).map_or(0, |d| u16::from(d - b'0'));
    }
    match whole {
        b"0" => Some(thousandths),
        b"1" if thousandths == 0 => Some(1000),
        _ => None,
    }
}

/// Logs one rendered error response: a 5xx at error level with the error's source chain, any
/// other status at debug level.
#[cfg(feature = "tracing")]
pub(crate) fn log(
    status: u16,
    code: &'static str,
    source: Option<&dyn std::error::Error>,
    current: Option<&Current>,
) {
    let request_id = current.map(|current| tracing::field::display(current.id.as_str()));
    if status >= 500 {
        let error = source.map(|source| tracing::field::display(SourceChain(source)));
        tracing::error!(status, code, request_id, error, "error response");
    } else {
        tracing::debug!(status, code, request_id, "error response");
    }
}

/// An error and its sources, `": "`-separated: `db failed: connection refused`.
#[cfg(feature = "tracing")]
struct SourceChain<'a>(&'a dyn std::error::Error);

#[cfg(feature = "tracing")]
impl fmt::Display for SourceChain<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)?;
        let mut source = self.0.source();
        while let Some(error) = source {
            write!(f, ": {error}")?;
            source = error.source();
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const JSON: &str = "application/json";

    fn pick(accept: &str) -> Choice {
        choose(accept.as_bytes(), JSON)
    }

    #[test]
    fn exact_types() {
        assert_eq!(pick("application/problem+json"), Choice::Problem);
        assert_eq!(pick("application/vnd.api+json"), Choice::JsonApi);
        assert_eq!(pick("APPLICATION/Problem+JSON"), Choice::Problem);
        assert_eq!(pick("application/json"), Choice::Own);
        assert_eq!(pick("text/html"), Choice::Own);
        assert_eq!(pick(""), Choice::Own);
    }

    #[test]
    fn wildcards_keep_the_own_envelope() {
        assert_eq!(pick("*/*"), Choice::Own);
        assert_eq!(pick("application/*"), Choice::Own);
        assert_eq!(pick("application/problem+json, */*"), Choice::Problem);
        assert_eq!(
            pick("*/*;q=0.9, application/problem+json;q=0.5"),
            Choice::Own
        );
        assert_eq!(
            pick("application/*;q=0.5, application/vnd.api+json;q=0.5"),
            Choice::JsonApi
        );
    }

    #[test]
    fn q_values() {
        assert_eq!(
            pick("application/json;q=0.5, application/problem+json"),
            Choice::Problem
        );
        assert_eq!(
            pick("application/json, application/problem+json;q=0.9"),
            Choice::Own
        );
        assert_eq!(pick("application/problem+json;q=0"), Choice::Own);
        assert_eq!(pick("*/*, application/problem+json;q=0"), Choice::Own);
        assert_eq!(
            pick("application/problem+json;q=0.4, application/vnd.api+json;q=0.6"),
            Choice::JsonApi
        );
        assert_eq!(
            pick("application/problem+json;q=0.6, application/vnd.api+json;q=0.6"),
            Choice::Problem
        );
        assert_eq!(
            pick("application/json;q=0.5;ext=1, application/problem+json;q=1.000"),
            Choice::Problem
        );
        assert_eq!(
            pick("application/json; Q=0.001, application/problem+json ; q = 0.002"),
            Choice::Problem
        );
        // The most specific range decides a type's q, whatever the order.
        assert_eq!(
            pick("application/problem+json;q=0, application/*"),
            Choice::Own
        );
        assert_eq!(
            pick("application/*;q=0, application/problem+json"),
            Choice::Problem
        );
    }

    #[test]
    fn malformed_ranges_are_skipped() {
        assert_eq!(pick("application/problem+json;q=2"), Choice::Own);
        assert_eq!(pick("application/problem+json;q=0.5555"), Choice::Own);
        assert_eq!(
            pick("application/problem+json;q=abc, application/vnd.api+json"),
            Choice::JsonApi
        );
        assert_eq!(pick("*/problem+json"), Choice::Own);
        assert_eq!(pick("problem+json, ,,;, /, a/"), Choice::Own);
        assert_eq!(
            pick("\u{e9}/\u{e9}, application/problem+json"),
            Choice::Problem
        );
        assert_eq!(
            pick(r#"text/html;x="a,b\"c,d", application/vnd.api+json"#),
            Choice::JsonApi
        );
        assert_eq!(
            pick(r#"application/problem+json;x="unterminated, */*"#),
            Choice::Problem
        );
    }

    #[test]
    fn parameters_are_ignored() {
        assert_eq!(
            pick("application/problem+json; charset=utf-8"),
            Choice::Problem
        );
        assert_eq!(
            choose(b"application/json", "application/json; charset=utf-8"),
            Choice::Own
        );
        assert_eq!(
            choose(
                b"application/problem+json, application/json",
                "Application/JSON"
            ),
            Choice::Own
        );
    }

    #[test]
    fn own_envelope_is_problem() {
        let own = "application/problem+json";
        assert_eq!(choose(b"application/problem+json", own), Choice::Own);
        assert_eq!(choose(b"application/vnd.api+json", own), Choice::JsonApi);
        assert_eq!(choose(b"application/json", own), Choice::Own);
    }

    #[test]
    fn q_value_grammar() {
        assert_eq!(parse_q(b"0"), Some(0));
        assert_eq!(parse_q(b"0."), Some(0));
        assert_eq!(parse_q(b"0.5"), Some(500));
        assert_eq!(parse_q(b"0.05"), Some(50));
        assert_eq!(parse_q(b"0.123"), Some(123));
        assert_eq!(parse_q(b"1"), Some(1000));
        assert_eq!(parse_q(b"1.000"), Some(1000));
        assert_eq!(parse_q(b"1.001"), None);
        assert_eq!(parse_q(b"0.1234"), None);
        assert_eq!(parse_q(b""), None);
        assert_eq!(parse_q(b".5"), None);
        assert_eq!(parse_q(b"-0"), None);
        assert_eq!(parse_q(b"0.-1"), None);
    }

    #[test]
    fn id_validity() {
        assert!(is_valid_id(b"a"));
        assert!(is_valid_id(&[b'~'; 128]));
        assert!(is_valid_id(b"!#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"));
        assert!(!is_valid_id(b""));
        assert!(!is_valid_id(&[b'a'; 129]));
        assert!(!is_valid_id(b"a b"));
        assert!(!is_valid_id(b"a\r\nb"));
        assert!(!is_valid_id(b"a\tb"));
        assert!(!is_valid_id("\u{e9}".as_bytes()));
        assert!(!is_valid_id(b"a\x7f"));
    }

    #[test]
    fn fresh_ids_are_uuid_v4() {
        let id = RequestId::fresh_bytes();
        let parsed = uuid::Uuid::try_parse_ascii(&id).unwrap();
        assert_eq!(parsed.get_version_num(), 4);
        assert!(is_valid_id(&id));
    }
}
