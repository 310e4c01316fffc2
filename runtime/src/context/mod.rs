//! The request context: what the error glue knows about the request an error answers.
//!
//! The middleware (`apierror::axum::ErrorContextLayer` with the `axum` feature,
//! `apierror::actix::ErrorContext` with `actix-web`, `apierror::poem::ErrorContext` with
//! `poem`) gives every request an id, and for as
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
//!   `Extension<RequestId>`, actix-web's `req.extensions().get::<RequestId>()`, poem's
//!   `Data<&RequestId>`), or anywhere
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
//!
//! # Logging (feature `tracing`)
//!
//! Every error response the glue makes (axum, actix-web, and a `tonic::Status` from a derived
//! error) is logged once, as one `tracing` event with the message `"error response"` and target
//! `apierror::log`. Its fields are named after OpenTelemetry's semantic conventions where one
//! fits, so a `tracing-opentelemetry` or OTLP pipeline gives dashboards the attributes they
//! already query, with the same `error.type` as the request-duration metric and the span
//! (read from [`ErrorType`](crate::ErrorType) in the response's extensions):
//!
//! | field | value | convention |
//! |---|---|---|
//! | `error.type` | the code the client got: `USER_NOT_FOUND`; `INTERNAL_ERROR` for the plain 500 | OpenTelemetry `error.type` (stable): "a class of error the operation ended with", low in cardinality; here the component-specific identifier the HTTP conventions allow, whose every value the [catalog](mod@crate::catalog) lists, as the conventions ask |
//! | `http.response.status_code` | the status the client got, a number (a gRPC call: the HTTP status its code maps to) | OpenTelemetry `http.response.status_code` (stable) |
//! | `request_id` | the request's [`RequestId`], with the middleware | none: OpenTelemetry has no request-id attribute, and `http.request.header.x-request-id` is the header as received (an array), which a generated id is not; the name is the one the envelopes use |
//! | `exception.message` | a 5xx's error and its `source()` chain, `": "`-separated, a source the message already shows left out | OpenTelemetry `exception.message` (stable): the message of the error that happened; never sent to the client |
//! | `apierror.render_failure` | why the error's own response became the plain 500 (a status outside `400..=599`, a failing `Display` or `Serialize`, a panic) | apierror's own, namespaced as OpenTelemetry asks of names outside the conventions |
//! | `apierror.failed_error_type` | with `apierror.render_failure`: the code the error would have had | apierror's own |
//!
//! The fields are the same at every level; one without a value is left out. A 5xx is logged
//! at ERROR and the rest at DEBUG, unless the variant's `#[api(log = "...")]` or the type's
//! says otherwise ([`LogLevel`](crate::LogLevel); `"off"` writes nothing); a response that
//! failed to render is always logged at ERROR.
//!
//! These names replace `status`, `code`, `error`, `cause` and `error_code` (apierror 0.x before
//! issue 18): a filter or a dashboard that read the old names must read the new ones.

use core::fmt;

use crate::envelope::RequestInfo;

// Negotiation is HTTP's: a tonic-only build keeps `Accept` unread.
#[cfg_attr(
    not(any(
        feature = "axum",
        feature = "actix-web",
        feature = "salvo",
        feature = "poem"
    )),
    allow(dead_code)
)]
mod accept;

#[cfg(any(
    feature = "axum",
    feature = "actix-web",
    feature = "salvo",
    feature = "poem"
))]
pub(crate) use accept::Choice;

pub(crate) use crate::envelope::X_REQUEST_ID;

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
pub struct RequestId(HeaderText);

impl RequestId {
    /// Keeps `value` when it is a valid id.
    fn valid(value: HeaderText) -> Option<Self> {
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
enum HeaderText {
    #[cfg(any(
        feature = "axum",
        feature = "tonic",
        feature = "salvo",
        feature = "poem"
    ))]
    Http(http::HeaderValue),
    #[cfg(feature = "actix-web")]
    Actix(actix_web::http::header::HeaderValue),
    Owned(Box<[u8]>),
}

impl HeaderText {
    fn as_bytes(&self) -> &[u8] {
        match self {
            #[cfg(any(
                feature = "axum",
                feature = "tonic",
                feature = "salvo",
                feature = "poem"
            ))]
            HeaderText::Http(value) => value.as_bytes(),
            #[cfg(feature = "actix-web")]
            HeaderText::Actix(value) => value.as_bytes(),
            HeaderText::Owned(bytes) => bytes,
        }
    }

    /// One header's values as one text: several `Accept` lines mean their comma-joined list.
    fn joined(mut rest: impl Iterator<Item = HeaderText>, first: HeaderText) -> HeaderText {
        match rest.next() {
            None => first,
            Some(second) => {
                let mut joined = first.as_bytes().to_vec();
                for value in core::iter::once(second).chain(rest) {
                    joined.extend_from_slice(b", ");
                    joined.extend_from_slice(value.as_bytes());
                }
                HeaderText::Owned(joined.into_boxed_slice())
            }
        }
    }
}

/// The request path, sharing the request's URI.
#[derive(Clone)]
enum RequestPath {
    #[cfg(any(
        feature = "axum",
        feature = "tonic",
        feature = "salvo",
        feature = "poem"
    ))]
    Http(http::Uri),
    #[cfg(feature = "actix-web")]
    Actix(actix_web::http::Uri),
}

impl RequestPath {
    fn as_str(&self) -> &str {
        match self {
            #[cfg(any(
                feature = "axum",
                feature = "tonic",
                feature = "salvo",
                feature = "poem"
            ))]
            RequestPath::Http(uri) => uri.path(),
            #[cfg(feature = "actix-web")]
            RequestPath::Actix(uri) => uri.path(),
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
    path: RequestPath,
    #[cfg_attr(
        not(any(
            feature = "axum",
            feature = "actix-web",
            feature = "salvo",
            feature = "poem"
        )),
        allow(dead_code)
    )]
    accept: Option<HeaderText>,
    /// The type of the last error response rendered in this context: poem's
    /// `Error::into_response` replaces a response's extensions with the error's own, so the
    /// poem middleware puts it back from here.
    #[cfg(feature = "poem")]
    answered: Answered,
}

/// The slot of [`Current`]'s `answered`: a `Mutex`, never contended (one request's task), so
/// that `Current` stays `Sync` and the futures holding it (axum's, tonic's) keep their auto
/// traits whether `poem` is on or not. A copy of the context starts empty.
#[cfg(feature = "poem")]
#[derive(Default)]
struct Answered(std::sync::Mutex<Option<crate::error_type::ErrorType>>);

#[cfg(feature = "poem")]
impl Clone for Answered {
    fn clone(&self) -> Self {
        Answered::default()
    }
}

tokio::task_local! {
    /// The request the current task is handling, set by the middleware around its inner
    /// service's `call` and future.
    static CURRENT: Current;
}

impl Current {
    /// The context of an `http` 1 request (axum, tonic, poem); the outer one when a request-context
    /// layer is already around this one, so nested layers agree on the id.
    #[cfg(any(
        feature = "axum",
        feature = "tonic",
        feature = "salvo",
        feature = "poem"
    ))]
    pub(crate) fn of_http(headers: &http::HeaderMap, uri: &http::Uri) -> Current {
        const NAME: http::HeaderName = http::HeaderName::from_static(X_REQUEST_ID);
        CURRENT.try_with(Current::clone).unwrap_or_else(|_| {
            Current::new(
                headers.get(NAME).cloned().map(HeaderText::Http),
                |fresh| {
                    http::HeaderValue::from_bytes(fresh)
                        .ok()
                        .map(HeaderText::Http)
                },
                headers
                    .get_all(http::header::ACCEPT)
                    .iter()
                    .cloned()
                    .map(HeaderText::Http),
                RequestPath::Http(uri.clone()),
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

        const NAME: HeaderName = HeaderName::from_static(X_REQUEST_ID);
        CURRENT.try_with(Current::clone).unwrap_or_else(|_| {
            Current::new(
                headers.get(NAME).cloned().map(HeaderText::Actix),
                |fresh| HeaderValue::from_bytes(fresh).ok().map(HeaderText::Actix),
                headers.get_all(ACCEPT).cloned().map(HeaderText::Actix),
                RequestPath::Actix(uri.clone()),
            )
        })
    }

    /// A context from a request's pieces, whatever the framework: the incoming id when valid,
    /// else a fresh one (kept as the framework's header value, `header`, so echoing it copies
    /// nothing); the `Accept` lines as one list.
    fn new(
        incoming: Option<HeaderText>,
        header: impl FnOnce(&[u8]) -> Option<HeaderText>,
        mut accept: impl Iterator<Item = HeaderText>,
        path: RequestPath,
    ) -> Current {
        let id = incoming.and_then(RequestId::valid).unwrap_or_else(|| {
            let fresh = RequestId::fresh_bytes();
            RequestId(header(&fresh).unwrap_or_else(|| HeaderText::Owned(Box::new(fresh))))
        });
        let accept = accept.next().map(|first| HeaderText::joined(accept, first));
        Current {
            id,
            path,
            accept,
            #[cfg(feature = "poem")]
            answered: Answered::default(),
        }
    }

    /// The request id.
    pub(crate) fn id(&self) -> &RequestId {
        &self.id
    }

    /// What a request-context middleware (axum's layer, tonic's) does with an `http` 1 request
    /// before its response: the request's context, the id as the header value to echo, the id
    /// in the request's extensions, and `inner` called with the request in that context.
    #[cfg(any(feature = "axum", feature = "tonic"))]
    pub(crate) fn call_http<S, B>(
        inner: &mut S,
        mut request: http::Request<B>,
    ) -> (Current, Option<http::HeaderValue>, S::Future)
    where
        S: tower_service::Service<http::Request<B>>,
    {
        let current = Current::of_http(request.headers(), request.uri());
        let id = current.http_id();
        request.extensions_mut().insert(current.id().clone());
        let future = current.clone().enter(|| inner.call(request));
        (current, id, future)
    }

    /// The id as an `http` 1 header value, for the response.
    #[cfg(any(
        feature = "axum",
        feature = "tonic",
        feature = "salvo",
        feature = "poem"
    ))]
    pub(crate) fn http_id(&self) -> Option<http::HeaderValue> {
        if let HeaderText::Http(value) = &self.id.0 {
            return Some(value.clone());
        }
        http::HeaderValue::from_bytes(self.id.0.as_bytes()).ok()
    }

    /// The id as an actix-web (`http` 0.2) header value, for the response.
    #[cfg(feature = "actix-web")]
    pub(crate) fn actix_id(&self) -> Option<actix_web::http::header::HeaderValue> {
        if let HeaderText::Actix(value) = &self.id.0 {
            return Some(value.clone());
        }
        actix_web::http::header::HeaderValue::from_bytes(self.id.0.as_bytes()).ok()
    }

    /// What the envelopes see of the request.
    pub(crate) fn info(&self) -> RequestInfo<'_> {
        RequestInfo::new()
            .with_request_id(self.id.as_str())
            .with_path(self.path.as_str())
    }

    /// Which envelope `Accept` prefers for an error whose own envelope's content type is `own`.
    #[cfg(any(
        feature = "axum",
        feature = "actix-web",
        feature = "salvo",
        feature = "poem"
    ))]
    pub(crate) fn choice(&self, own: &str) -> Choice {
        self.accept
            .as_ref()
            .map_or(Choice::Own, |accept| accept::choose(accept.as_bytes(), own))
    }

    /// Records the type of an error response rendered in this context (see `answered`).
    #[cfg(feature = "poem")]
    pub(crate) fn record(&self, error_type: crate::error_type::ErrorType) {
        if let Ok(mut answered) = self.answered.0.lock() {
            *answered = Some(error_type);
        }
    }

    /// The type of the error response rendered since the last call, if one was.
    #[cfg(feature = "poem")]
    pub(crate) fn take_answered(&self) -> Option<crate::error_type::ErrorType> {
        self.answered
            .0
            .lock()
            .ok()
            .and_then(|mut answered| answered.take())
    }

    /// Sets this context for `call`, the inner service's `call`: some services do their work
    /// there rather than in the future they return. (salvo's hoop has no such call.)
    #[cfg_attr(
        not(any(feature = "axum", feature = "actix-web", feature = "tonic")),
        allow(dead_code)
    )]
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
#[inline]
pub(crate) fn with_current<R>(mut f: impl FnMut(Option<&Current>) -> R) -> R {
    match CURRENT.try_with(|current| f(Some(current))) {
        Ok(result) => result,
        Err(_) => f(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
