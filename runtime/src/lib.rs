//! HTTP API errors from one derive.
//!
//! `#[derive(ApiError)]` on an error enum (or struct) gives, from a few `#[api(...)]`
//! attributes, everything an HTTP API's error handling needs: the status, a stable machine
//! code, a public message that never leaks a 5xx's internals, retry signals (`Retry-After`),
//! the body in the JSON [envelope](envelope) the API has chosen, and the framework glue
//! (axum's `IntoResponse` with the `axum` feature, actix-web's `ResponseError` with
//! `actix-web`).
//!
//! ```
//! use apierror::ApiError;
//!
//! #[derive(Debug, thiserror::Error, ApiError)]
//! #[api(envelope = apierror::envelope::ErrorObject)]
//! enum AppError {
//!     #[error("user {id} not found")]
//!     #[api(status = 404)] // code derived from the name: "USER_NOT_FOUND"
//!     UserNotFound {
//!         #[api(detail)]
//!         id: u64,
//!     },
//!     #[error("slow down")]
//!     #[api(status = 429, code = "RATE_LIMITED")]
//!     RateLimited {
//!         #[api(retry_after)]
//!         wait: std::time::Duration,
//!     },
//!     #[error("database failure: {0}")]
//!     #[api(status = 500)] // the body says "Internal Server Error", never the cause
//!     Database(std::io::Error),
//! }
//!
//! let error = AppError::UserNotFound { id: 7 };
//! assert_eq!(error.status(), 404);
//! assert_eq!(error.code(), "USER_NOT_FOUND");
//! assert_eq!(apierror::message(&error).to_string(), "user 7 not found");
//!
//! let rendered = apierror::render::<apierror::envelope::ErrorObject>(&error, &Default::default());
//! assert_eq!(
//!     rendered.body,
//!     br#"{"error":{"code":"USER_NOT_FOUND","message":"user 7 not found","details":{"id":7}}}"#
//! );
//!
//! let hidden = AppError::Database(std::io::Error::other("password=hunter2"));
//! assert_eq!(apierror::message(&hidden).to_string(), "Internal Server Error");
//! ```
//!
//! The attribute language is described on the [derive](derive@ApiError); the formats on
//! [`envelope`].

#![cfg_attr(docsrs, feature(doc_auto_cfg))]

mod api_error;
pub mod envelope;
mod json;
mod response;

#[cfg(feature = "actix-web")]
pub mod actix;
#[cfg(feature = "axum")]
pub mod axum;

#[doc(hidden)]
pub mod __private;

/// The README's examples, compiled and run as doctests.
#[cfg(all(doctest, feature = "axum"))]
#[doc = include_str!("../../README.md")]
struct ReadmeDoctests;

pub use api_error::{
    message, retryable_by_default, ApiError, DetailStyle, Details, Message, PublicMessage,
    RenderError,
};
pub use http::StatusCode;
pub use response::{render, Rendered};

/// Derives [`ApiError`](trait@ApiError) (and, with the framework features, axum's
/// `IntoResponse` and actix-web's `ResponseError`).
///
/// See the crate README for the whole attribute reference.
pub use apierror_macros::ApiError;
