//! [`AnyApiError`]: an error of any type behind one pointer, rendered and logged as its own
//! type renders and logs it.

use core::any::Any;
use core::fmt;
use core::marker::PhantomData;

use http::StatusCode;

use crate::api_error::{ApiError, ErasedError, PublicMessage};
use crate::envelope::{Envelope, RequestInfo};
use crate::render::{render_response, Rendering, UsesEnvelope};

/// An API error of any type, boxed: for a list of errors of different types, or a handler
/// that may fail with several.
///
/// [`ApiError`] cannot be a trait object (its [`API`](ApiError::API) is a constant of the
/// type), so this is the pointer to use instead of `Box<dyn ApiError>`. It keeps, beside the
/// boxed error, what its type says about rendering, so it answers exactly as the error would
/// on its own:
///
/// - [`render`](Self::render) gives the response [`apierror::render`](crate::render) gives in
///   the type's own envelope: same status, headers and body;
/// - with the `axum` feature it is `IntoResponse`, with `actix-web` `ResponseError`, with
///   `poem` poem's `ResponseError` and `IntoResponse`, and its
///   response is the one the derived impls of its type give: the type's envelope, the one
///   `Accept` chooses for a `#[api(negotiate)]` type (with `Vary: Accept`), the request's
///   context, and with `tracing` the same log line, source chain included.
///
/// A type that derives `ApiError` converts with `From` (so `?` works) or [`new`](Self::new);
/// any other [`ApiError`] names its envelope with [`in_envelope`](Self::in_envelope). The error
/// must be `Debug + Send + Sync + 'static`, as a handler's error is in practice, and can be
/// had back with [`downcast_ref`](Self::downcast_ref).
///
/// ```
/// use apierror::envelope::{ErrorCode, Problem};
/// use apierror::AnyApiError;
///
/// #[derive(Debug, thiserror::Error, apierror::ApiError)]
/// #[api(envelope = apierror::envelope::Problem)]
/// enum UserError {
///     #[error("user {0} not found")]
///     #[api(status = 404)]
///     NotFound(u64),
/// }
///
/// #[derive(Debug, thiserror::Error, apierror::ApiError)]
/// #[api(envelope = apierror::envelope::ErrorCode)]
/// #[error("slow down")]
/// #[api(status = 429, code = "RATE_LIMITED", retry_after = 5)]
/// struct RateLimited;
///
/// let errors: Vec<AnyApiError> = vec![UserError::NotFound(7).into(), RateLimited.into()];
/// let request = Default::default();
///
/// // Each renders in its own type's envelope, as `apierror::render` renders it.
/// let first = errors[0].render(&request);
/// assert_eq!(first.headers()["content-type"], "application/problem+json");
/// assert_eq!(
///     first.body(),
///     apierror::render::<Problem>(&UserError::NotFound(7), &request).body()
/// );
/// let second = errors[1].render(&request);
/// assert_eq!(second.status(), 429);
/// assert_eq!(second.headers()["retry-after"], "5");
/// assert_eq!(
///     second.body(),
///     br#"{"error":"RATE_LIMITED","message":"slow down","status":429}"#
/// );
/// assert_eq!(second.body(), apierror::render::<ErrorCode>(&RateLimited, &request).body());
///
/// assert_eq!(errors[0].code(), "NOT_FOUND");
/// assert!(errors[1].downcast_ref::<RateLimited>().is_some());
/// ```
///
/// In an axum handler (feature `axum`), `?` boxes whichever error occurs:
///
/// ```
/// # #[cfg(feature = "axum")] {
/// # #[derive(Debug, thiserror::Error, apierror::ApiError)]
/// # enum UserError { #[error("user {0} not found")] #[api(status = 404)] NotFound(u64) }
/// # #[derive(Debug, thiserror::Error, apierror::ApiError)]
/// # #[error("slow down")] #[api(status = 429, code = "RATE_LIMITED")] struct RateLimited;
/// # fn check_quota() -> Result<(), RateLimited> { Ok(()) }
/// async fn get_user() -> Result<String, apierror::AnyApiError> {
///     check_quota()?;
///     Err(UserError::NotFound(7))?
/// }
/// # }
/// ```
pub struct AnyApiError(Box<dyn Held>);

/// What [`AnyApiError`] keeps of the error it boxes.
trait Held: Send + Sync {
    fn error(&self) -> &dyn ErasedError;
    fn rendering(&self) -> &'static Rendering;
    /// The error as `std::error::Error` when it is one: its `Display` and source chain.
    fn as_error(&self) -> Option<&dyn std::error::Error>;
    fn debug(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result;
    fn as_any(&self) -> &dyn Any;
}

/// A derived type, in its own envelope.
struct Derived<T>(T);

impl<T> Held for Derived<T>
where
    T: ApiError + UsesEnvelope + fmt::Debug + Send + Sync + 'static,
{
    fn error(&self) -> &dyn ErasedError {
        &self.0
    }
    fn rendering(&self) -> &'static Rendering {
        Rendering::of::<T>()
    }
    fn as_error(&self) -> Option<&dyn std::error::Error> {
        self.0.as_error()
    }
    fn debug(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
    }
    fn as_any(&self) -> &dyn Any {
        &self.0
    }
}

/// Any [`ApiError`] in envelope `E`, as [`apierror::render::<E>`](crate::render) and
/// `apierror::axum::into_response::<E>` render it: no negotiation, and no source chain, since
/// whether the type is a `std::error::Error` cannot be asked of it here.
struct InEnvelope<T, E>(T, PhantomData<fn() -> E>);

impl<T, E> Held for InEnvelope<T, E>
where
    T: ApiError + fmt::Debug + Send + Sync + 'static,
    E: Envelope + 'static,
{
    fn error(&self) -> &dyn ErasedError {
        &self.0
    }
    fn rendering(&self) -> &'static Rendering {
        Rendering::in_envelope::<T, E>()
    }
    fn as_error(&self) -> Option<&dyn std::error::Error> {
        None
    }
    fn debug(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
    }
    fn as_any(&self) -> &dyn Any {
        &self.0
    }
}

impl AnyApiError {
    /// Boxes an error of a type that derives `ApiError`: it renders in that type's envelope,
    /// negotiated when the type says `negotiate`. `From` does the same.
    #[must_use]
    pub fn new<T>(error: T) -> Self
    where
        T: ApiError + UsesEnvelope + fmt::Debug + Send + Sync + 'static,
    {
        AnyApiError(Box::new(Derived(error)))
    }

    /// Boxes any [`ApiError`], such as a hand-written one, which names no envelope of its own:
    /// it renders in envelope `E` (as `apierror::render::<E>` renders it), without negotiation.
    ///
    /// ```
    /// use apierror::{AnyApiError, ApiError, StatusCode};
    ///
    /// #[derive(Debug)]
    /// struct Gone;
    ///
    /// impl ApiError for Gone {
    ///     fn status(&self) -> StatusCode { StatusCode::GONE }
    ///     fn code(&self) -> &'static str { "GONE" }
    /// }
    ///
    /// let error = AnyApiError::in_envelope::<apierror::envelope::ErrorMessage>(Gone);
    /// assert_eq!(error.render(&Default::default()).body(), br#"{"error":"Gone","code":"GONE"}"#);
    /// ```
    #[must_use]
    pub fn in_envelope<E: Envelope + 'static>(
        error: impl ApiError + fmt::Debug + Send + Sync + 'static,
    ) -> Self {
        fn boxed<T, E>(error: T) -> AnyApiError
        where
            T: ApiError + fmt::Debug + Send + Sync + 'static,
            E: Envelope + 'static,
        {
            AnyApiError(Box::new(InEnvelope::<T, E>(error, PhantomData)))
        }
        boxed::<_, E>(error)
    }

    /// The error's status: [`ApiError::status`].
    #[must_use]
    pub fn status(&self) -> StatusCode {
        self.0.error().status()
    }

    /// The error's code: [`ApiError::code`].
    #[must_use]
    pub fn code(&self) -> &'static str {
        self.0.error().code()
    }

    /// The error's public message, as [`apierror::message`](crate::message()) shows it.
    #[must_use]
    pub fn message(&self) -> PublicMessage<'_> {
        PublicMessage::of(self.0.error())
    }

    /// The error as an `http` response in its type's envelope, for `request`: byte for byte
    /// what [`apierror::render`](crate::render) gives for the error itself in that envelope
    /// (no negotiation: `request` carries no `Accept`). Never panics and never answers a
    /// success, as [`render`](crate::render).
    #[must_use]
    pub fn render(&self, request: &RequestInfo<'_>) -> http::Response<Vec<u8>> {
        let rendering = self.0.rendering();
        render_response(self.0.error(), rendering.api, *request, &rendering.envelope)
    }

    /// The error, when it is a `T`.
    #[must_use]
    pub fn downcast_ref<T: 'static>(&self) -> Option<&T> {
        self.0.as_any().downcast_ref()
    }
}

/// What the framework glue reads of the boxed error.
#[cfg_attr(
    not(any(
        feature = "axum",
        feature = "actix-web",
        feature = "salvo",
        feature = "poem"
    )),
    allow(dead_code)
)]
impl AnyApiError {
    /// The boxed error, type erased, for the renderer.
    pub(crate) fn erased(&self) -> &dyn ErasedError {
        self.0.error()
    }

    /// How the boxed error's type renders.
    pub(crate) fn rendering(&self) -> &'static Rendering {
        self.0.rendering()
    }

    /// The boxed error as `std::error::Error`, when it is one: the log's source chain.
    pub(crate) fn as_error(&self) -> Option<&dyn std::error::Error> {
        self.0.as_error()
    }
}

impl<T> From<T> for AnyApiError
where
    T: ApiError + UsesEnvelope + fmt::Debug + Send + Sync + 'static,
{
    fn from(error: T) -> Self {
        AnyApiError::new(error)
    }
}

/// The boxed error's own `Debug`.
impl fmt::Debug for AnyApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.debug(f)
    }
}

/// The boxed error's own `Display` when its type is a `std::error::Error` (as every
/// `thiserror` type is), else its public message: the text the log shows. Like the error's
/// own `Display`, it may hold a 5xx's internals: what a client may see is
/// [`message`](AnyApiError::message).
impl fmt::Display for AnyApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0.as_error() {
            Some(error) => fmt::Display::fmt(error, f),
            None => fmt::Display::fmt(&self.message(), f),
        }
    }
}

/// An error like the one it boxes, so it goes where errors go (`Box<dyn Error>`, a log's source
/// chain): its `Display` is the boxed error's (above), and its [`source`](std::error::Error::source)
/// the boxed error's source, as if the box were not there.
impl std::error::Error for AnyApiError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.0.as_error()?.source()
    }
}
