//! gRPC with tonic: every derived error is a [`tonic::Status`], so `?` works
//! in a tonic handler, and the `Status` carries the same `google.rpc` model the
//! [`Google`](crate::envelope::Google) envelope writes over HTTP (AIP-193 is that model's JSON
//! face). One error type answers both protocols.
//!
//! - **Code**: the variant's `grpc = "..."`, else the HTTP status mapped as the `Google`
//!   envelope maps it (404 `NOT_FOUND`, 429 `RESOURCE_EXHAUSTED`, 503 `UNAVAILABLE`…).
//! - **Message**: the public message; a 5xx's `Display` never leaks, as over HTTP.
//! - **Details** (`grpc-status-details-bin`, read with tonic-types' `StatusExt`), in the
//!   envelope's order: `ErrorInfo` always (`reason` the code upper-cased, `domain` the type's
//!   [`Api::domain`](crate::Api::domain), `metadata` the detail fields as strings);
//!   `RetryInfo` when a retry delay is known (at most the largest `google.protobuf.Duration`);
//!   `RequestInfo` with the request id behind [`ErrorContextLayer`]; `BadRequest` with the
//!   field violations.
//! - **Metadata**: `grpc-retry-pushback-ms`, the retry delay of a retryable error as gRPC's
//!   own retry policies read it (in milliseconds, rounded up), and the rate-limit headers,
//!   named as over HTTP. (`QuotaFailure` would need a quota's subject and description, which an error does
//!   not know; `Help` and `LocalizedMessage` would need links and locales: none is written,
//!   as the `Google` envelope writes none.)
//!
//! A status outside `400..=599`, a message or detail that fails to write, and a panic in any
//! user code become `INTERNAL` "Internal Server Error" with an `ErrorInfo` of
//! `INTERNAL_ERROR`, logged with its cause (feature `tracing`): never a dropped call.
//!
//! ```
//! use apierror::ApiError;
//! use tonic_types::StatusExt as _;
//!
//! #[derive(Debug, thiserror::Error, ApiError)]
//! #[api(domain = "users.example.com")]
//! enum AppError {
//!     #[error("user {id} not found")]
//!     #[api(status = 404)]
//!     UserNotFound {
//!         #[api(detail)]
//!         id: u64,
//!     },
//!     #[error("database: {0}")]
//!     #[api(status = 500)]
//!     Database(std::io::Error),
//! }
//!
//! // What a tonic handler returning `Result<tonic::Response<T>, tonic::Status>` gets from `?`.
//! let status = tonic::Status::from(AppError::UserNotFound { id: 7 });
//! assert_eq!(status.code(), tonic::Code::NotFound);
//! assert_eq!(status.message(), "user 7 not found");
//! let info = status.get_details_error_info().unwrap();
//! assert_eq!(info.reason, "USER_NOT_FOUND");
//! assert_eq!(info.domain, "users.example.com");
//! assert_eq!(info.metadata["id"], "7");
//!
//! let status = tonic::Status::from(AppError::Database(std::io::Error::other("password=hunter2")));
//! assert_eq!(status.code(), tonic::Code::Internal);
//! assert_eq!(status.message(), "Internal Server Error");
//! ```
//!
//! # Errors from downstream services
//!
//! A handler that forwards a downstream call's `Status` with `?` answers that service's code,
//! message and details as its own. Route it through your type instead: a variant holding the
//! `Status` as its source keeps the downstream message out of the answer (a 5xx shows only
//! its reason) and logs it in the chain; a `From<tonic::Status>` of your own maps the codes you
//! care about to your variants.
//!
//! ```
//! #[derive(Debug, thiserror::Error, apierror::ApiError)]
//! enum AppError {
//!     #[error("the inventory service failed")]
//!     #[api(status = 502, code = "UPSTREAM_FAILED")]
//!     Upstream(#[from] tonic::Status),
//! }
//!
//! async fn handler() -> Result<tonic::Response<()>, tonic::Status> {
//!     let downstream: Result<(), tonic::Status> =
//!         Err(tonic::Status::permission_denied("token for db-admin@10.0.0.7 expired"));
//!     downstream.map_err(AppError::from)?; // not `downstream?`
//!     Ok(tonic::Response::new(()))
//! }
//!
//! let status = block_on(handler()).unwrap_err();
//! assert_eq!(status.code(), tonic::Code::Unavailable); // 502, as the `Google` envelope maps it
//! assert_eq!(status.message(), "Bad Gateway");
//! # fn block_on<F: std::future::Future>(f: F) -> F::Output {
//! #     tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(f)
//! # }
//! ```
//!
//! # Statuses tonic makes itself
//!
//! An unknown service or method and a request message that does not decode get the same
//! `ErrorInfo` (and request id) as your errors with [`ErrorContextLayer::all_errors_as`].
//! A deadline is the exception: tonic applies `Server::timeout` and the client's
//! `grpc-timeout` outside every layer you add, so no layer of yours sees those statuses. Give
//! the work its own, shorter deadline instead, answered by a variant of yours, which then
//! carries your code, domain and request id like any other:
//!
//! ```
//! # use std::time::Duration;
//! #[derive(Debug, thiserror::Error, apierror::ApiError)]
//! enum AppError {
//!     #[error("the lookup took too long")]
//!     #[api(status = 504, code = "LOOKUP_TIMEOUT")] // DEADLINE_EXCEEDED
//!     Timeout,
//! }
//!
//! async fn handler() -> Result<tonic::Response<()>, tonic::Status> {
//!     let lookup = std::future::pending::<()>(); // the work
//!     tokio::time::timeout(Duration::from_millis(10), lookup)
//!         .await
//!         .map_err(|_| AppError::Timeout)?;
//!     Ok(tonic::Response::new(()))
//! }
//! # let status = tokio::runtime::Builder::new_current_thread().enable_time().build().unwrap()
//! #     .block_on(handler()).unwrap_err();
//! # assert_eq!(status.code(), tonic::Code::DeadlineExceeded);
//! ```
//!
//! Turning the feature on makes the derive write `From<AppError> for tonic::Status`: remove a
//! hand-written one, which would now conflict with it.

#[doc(hidden)]
pub mod glue;
mod layer;
mod made;
mod status;
mod wire;

pub use layer::{ErrorContextFuture, ErrorContextLayer, ErrorContextService};

use ::tonic::Status;

use crate::any_error::AnyApiError;
use crate::api_error::{Api, ApiError, ErasedError};
use crate::context::Current;
use crate::envelope::RequestInfo;
use crate::rejection::Rejection;
use crate::render::api_of;

/// The `Status` for any [`ApiError`], such as a hand-written one; the derive's `From` impl is
/// this with the type's source chain in the log.
///
/// Inside a call handled behind [`ErrorContextLayer`], the details carry the call's request
/// id; elsewhere nothing of the request is known.
///
/// ```
/// use apierror::{ApiError, StatusCode};
///
/// struct Maintenance;
///
/// impl ApiError for Maintenance {
///     fn status(&self) -> StatusCode {
///         StatusCode::SERVICE_UNAVAILABLE
///     }
///     fn code(&self) -> &'static str {
///         "MAINTENANCE"
///     }
/// }
///
/// let status = apierror::tonic::status(&Maintenance);
/// assert_eq!(status.code(), tonic::Code::Unavailable);
/// assert_eq!(status.message(), "Service Unavailable");
/// ```
#[must_use]
pub fn status(error: &impl ApiError) -> Status {
    fn erased<T: ApiError>(error: &T) -> Status {
        respond(error, api_of::<T>(), None)
    }
    erased(error)
}

/// The `Status` the boxed error's own type gives: see [`AnyApiError`].
impl From<AnyApiError> for Status {
    fn from(error: AnyApiError) -> Status {
        respond(error.erased(), error.rendering().api, error.as_error())
    }
}

/// A rejection on its own (outside a user's type, whose `transparent` variant is the usual
/// home of one), with the default [`Api`].
impl From<Rejection> for Status {
    fn from(rejection: Rejection) -> Status {
        respond(&rejection, api_of::<Rejection>(), Some(&rejection))
    }
}

/// `error` as a `Status`, in the context of the call being handled (none outside the layer),
/// logged with `source` as its chain.
pub(crate) fn respond(
    error: &dyn ErasedError,
    api: &Api,
    source: Option<&dyn std::error::Error>,
) -> Status {
    crate::context::with_current(|current| {
        let request = current.map_or_else(RequestInfo::new, Current::info);
        let (status, http, failure) = status::status_of(error, api, request);
        // A `Status` has no extensions to carry the `ErrorType`; the log line has it.
        #[cfg(feature = "tracing")]
        crate::log::log(
            crate::error_type::ErrorType::answered(error, http, failure.is_some()),
            error,
            api,
            current.map(|current| current.id().as_str()),
            source,
            failure.as_ref(),
        );
        #[cfg(not(feature = "tracing"))]
        let _ = (http, source, failure);
        status
    })
}
