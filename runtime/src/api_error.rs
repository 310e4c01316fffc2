//! The [`ApiError`] trait: what an error says on the wire. The core is one method each
//! (status, code, message, retry, details, violations, rate limit); what only some envelopes
//! show is data that can grow without new methods: a [`Descriptor`] per code and an [`Api`]
//! per type.

use core::fmt;
use std::time::Duration;

use http::StatusCode;

use crate::level::LogLevel;
use crate::rate_limit::{RateLimit, RateLimitHeaders};
use crate::violation::Violation;
use crate::writer::{Details, Message, WriteError};

/// An error that knows how it looks on the wire of an HTTP API.
///
/// `#[derive(ApiError)]` implements it from `#[api(...)]` attributes; it can also be written by
/// hand, for a type the derive does not fit. Only [`status`](ApiError::status) and
/// [`code`](ApiError::code) are required; every other item has the default the derive uses.
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
///
/// The trait is not object-safe: [`API`](ApiError::API) is an associated constant, a setting
/// of the type rather than of each value. To keep errors of several types in one list, or to
/// box one, use [`AnyApiError`](crate::AnyApiError), which renders each as its own type does.
/// The renderer erases the type itself, so it is compiled once however many error types an
/// application has.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not an API error: it does not implement `apierror::ApiError`",
    label = "not an `ApiError`",
    note = "derive it with `#[derive(apierror::ApiError)]`, or implement `apierror::ApiError` by hand"
)]
pub trait ApiError {
    /// The API this type's errors belong to: its domain, version and rate-limit headers, the
    /// same for every value. The derive sets it from the container attributes.
    const API: Api = Api::new();

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
    fn details(&self, out: &mut Details<'_>) -> Result<(), WriteError> {
        let _ = out;
        Ok(())
    }

    /// The per-field validation errors, when the error carries them.
    fn violations(&self) -> &[Violation] {
        &[]
    }

    /// The client's rate-limit state, when known: sets the rate-limit headers.
    fn rate_limit(&self) -> Option<RateLimit> {
        None
    }

    /// What this code is, beyond the core, for the envelopes that show it: Problem's `type`
    /// and `title`, Google's gRPC `status`.
    ///
    /// The derive returns one constant per variant, from `type`, `type_base`, `title` and `grpc`.
    fn descriptor(&self) -> &'static Descriptor {
        const { &Descriptor::new() }
    }
}

/// The API an error type belongs to: the same for all its values, read from
/// [`ApiError::API`].
///
/// The derive fills it from the container: `domain`, `version`, `rate_limit_headers` and `log`.
/// Construct one with [`Api::new`] and the `with_*` methods, in a `const`; the fields can be
/// read, and new ones may be added (it is `#[non_exhaustive]`).
///
/// ```
/// use apierror::{Api, ApiError, RateLimitHeaders, StatusCode};
///
/// struct Gone;
///
/// impl ApiError for Gone {
///     const API: Api = Api::new()
///         .with_domain("api.example.com")
///         .with_rate_limit_headers(RateLimitHeaders::Ietf);
///     fn status(&self) -> StatusCode { StatusCode::GONE }
///     fn code(&self) -> &'static str { "GONE" }
/// }
///
/// assert_eq!(Gone::API.domain, Some("api.example.com"));
/// assert_eq!(Gone::API.version, None);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Api {
    /// The API's domain, for envelopes that name it (Google's `ErrorInfo.domain`, left out
    /// when `None`). The derive's default is the deriving package's name.
    pub domain: Option<&'static str>,
    /// The API's version, for envelopes that echo it (`DataErrorMeta`'s `meta.version`, left
    /// out when `None`). The derive's default is the deriving package's version.
    pub version: Option<&'static str>,
    /// Which headers a [rate limit](ApiError::rate_limit) becomes.
    pub rate_limit_headers: RateLimitHeaders,
    /// The level of the log line of every code without its own [`Descriptor::log`]; `None`:
    /// [`LogLevel::default_for`] its status. The derive: the container's `log = "warn"`.
    pub log: Option<LogLevel>,
}

impl Api {
    /// No domain, no version, the `X-RateLimit-*` headers.
    #[must_use]
    pub const fn new() -> Self {
        Api {
            domain: None,
            version: None,
            rate_limit_headers: RateLimitHeaders::XRateLimit,
            log: None,
        }
    }

    /// Sets the domain.
    #[must_use]
    pub const fn with_domain(mut self, domain: &'static str) -> Self {
        self.domain = Some(domain);
        self
    }

    /// Sets the version.
    #[must_use]
    pub const fn with_version(mut self, version: &'static str) -> Self {
        self.version = Some(version);
        self
    }

    /// Sets which headers a rate limit becomes.
    #[must_use]
    pub const fn with_rate_limit_headers(mut self, headers: RateLimitHeaders) -> Self {
        self.rate_limit_headers = headers;
        self
    }

    /// Sets the log level of the codes that set none.
    #[must_use]
    pub const fn with_log(mut self, level: LogLevel) -> Self {
        self.log = Some(level);
        self
    }
}

impl Default for Api {
    fn default() -> Self {
        Api::new()
    }
}

/// What one error code is, beyond status, code and message: the data that only some envelopes
/// show, returned by [`ApiError::descriptor`].
///
/// The derive makes one constant per variant. It is `#[non_exhaustive]` so that what the next
/// envelope needs is a new field here, not a new trait method; construct one with
/// [`Descriptor::new`] and the `with_*` methods, in a `const`.
///
/// ```
/// use apierror::{ApiError, Descriptor, StatusCode};
///
/// struct Locked;
///
/// impl ApiError for Locked {
///     fn status(&self) -> StatusCode { StatusCode::LOCKED }
///     fn code(&self) -> &'static str { "LOCKED" }
///     fn descriptor(&self) -> &'static Descriptor {
///         const {
///             &Descriptor::new()
///                 .with_type_uri("https://errors.example.com/locked")
///                 .with_title("The resource is locked")
///         }
///     }
/// }
///
/// let response = apierror::render::<apierror::envelope::Problem>(&Locked, &Default::default());
/// assert_eq!(
///     response.body(),
///     br#"{"type":"https://errors.example.com/locked","title":"The resource is locked","status":423,"detail":"Locked","code":"LOCKED"}"#
/// );
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Descriptor {
    /// The URI that identifies this kind of problem (Problem's `type`); envelopes write
    /// `about:blank` for `None`. The derive: `type = "uri"`, else `type_base` joined with the
    /// code in kebab-case.
    pub type_uri: Option<&'static str>,
    /// A short summary of this kind of problem (Problem's and JSON:API's `title`); envelopes
    /// fall back to the status's reason phrase. The derive: `title = "..."`.
    pub title: Option<&'static str>,
    /// The gRPC canonical code name (Google's `error.status`) when it is not the one the HTTP
    /// status maps to. The derive: `grpc = "ABORTED"`.
    pub grpc: Option<&'static str>,
    /// The level of this code's log line (feature `tracing`), over the type's [`Api::log`].
    /// The derive: `log = "warn"` on the variant.
    pub log: Option<LogLevel>,
}

impl Descriptor {
    /// Nothing beyond the core: `about:blank`, the reason phrase, the mapped gRPC name.
    #[must_use]
    pub const fn new() -> Self {
        Descriptor {
            type_uri: None,
            title: None,
            grpc: None,
            log: None,
        }
    }

    /// Sets the problem type URI.
    #[must_use]
    pub const fn with_type_uri(mut self, uri: &'static str) -> Self {
        self.type_uri = Some(uri);
        self
    }

    /// Sets the title.
    #[must_use]
    pub const fn with_title(mut self, title: &'static str) -> Self {
        self.title = Some(title);
        self
    }

    /// Sets the gRPC canonical code name.
    #[must_use]
    pub const fn with_grpc(mut self, name: &'static str) -> Self {
        self.grpc = Some(name);
        self
    }

    /// Sets the log level.
    #[must_use]
    pub const fn with_log(mut self, level: LogLevel) -> Self {
        self.log = Some(level);
        self
    }
}

impl Default for Descriptor {
    fn default() -> Self {
        Descriptor::new()
    }
}

/// [`ApiError`] as a trait object, so the renderer, the envelopes and the glue are compiled
/// once: [`ApiError`] itself is not object-safe (its [`API`](ApiError::API) constant), so
/// every `T: ApiError` is erased to this, with its `API` passed beside it.
pub(crate) trait ErasedError {
    fn status(&self) -> StatusCode;
    fn code(&self) -> &'static str;
    fn message(&self, out: &mut Message<'_>) -> fmt::Result;
    fn retryable(&self) -> bool;
    fn retry_after(&self) -> Option<Duration>;
    fn details(&self, out: &mut Details<'_>) -> Result<(), WriteError>;
    fn violations(&self) -> &[Violation];
    fn rate_limit(&self) -> Option<RateLimit>;
    fn descriptor(&self) -> &'static Descriptor;
}

impl<T: ApiError> ErasedError for T {
    #[inline]
    fn status(&self) -> StatusCode {
        ApiError::status(self)
    }
    #[inline]
    fn code(&self) -> &'static str {
        ApiError::code(self)
    }
    #[inline]
    fn message(&self, out: &mut Message<'_>) -> fmt::Result {
        ApiError::message(self, out)
    }
    #[inline]
    fn retryable(&self) -> bool {
        ApiError::retryable(self)
    }
    #[inline]
    fn retry_after(&self) -> Option<Duration> {
        ApiError::retry_after(self)
    }
    #[inline]
    fn details(&self, out: &mut Details<'_>) -> Result<(), WriteError> {
        ApiError::details(self, out)
    }
    #[inline]
    fn violations(&self) -> &[Violation] {
        ApiError::violations(self)
    }
    #[inline]
    fn rate_limit(&self) -> Option<RateLimit> {
        ApiError::rate_limit(self)
    }
    #[inline]
    fn descriptor(&self) -> &'static Descriptor {
        ApiError::descriptor(self)
    }
}

/// A derived type's [`Api`] before its `with_*` settings: its domain and version, which
/// default to the package's name and version when cargo provides them (`option_env!`, so a
/// build without cargo still compiles, with neither). Generated code reaches it through
/// `__private`.
#[must_use]
pub const fn derived_api(domain: Option<&'static str>, version: Option<&'static str>) -> Api {
    let mut api = Api::new();
    api.domain = domain;
    api.version = version;
    api
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
    retryable_by_default_u16(status.as_u16())
}

/// [`retryable_by_default`] for a status number, in a `const`.
pub(crate) const fn retryable_by_default_u16(status: u16) -> bool {
    matches!(status, 408 | 429 | 502 | 503 | 504)
}

/// The code of the plain 500 that replaces an error that failed to render, and of a
/// framework's own 5xx rejection: one code for one meaning, across the crate.
pub(crate) const INTERNAL_ERROR: &str = "INTERNAL_ERROR";

/// Whether `status` is in `400..=599`, the only statuses an error response may carry.
pub(crate) fn is_error_status(status: StatusCode) -> bool {
    status.is_client_error() || status.is_server_error()
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
pub fn message(error: &impl ApiError) -> PublicMessage<'_> {
    PublicMessage(error)
}

/// The value returned by [`message()`]: displays an error's public message.
#[derive(Clone, Copy)]
pub struct PublicMessage<'a>(&'a dyn ErasedError);

impl<'a> PublicMessage<'a> {
    /// The public message of an error whose type is erased.
    pub(crate) fn of(error: &'a dyn ErasedError) -> Self {
        PublicMessage(error)
    }
}

impl fmt::Display for PublicMessage<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.message(&mut Message::text(f))
    }
}

impl fmt::Debug for PublicMessage<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("\"")?;
        fmt::Display::fmt(self, f)?;
        f.write_str("\"")
    }
}
