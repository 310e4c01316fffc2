//! Leptos server functions (`server_fn` 0.8): a derived error type as a server function's error.
//!
//! Mark one variant `#[api(server_fn)]`, holding a [`Failure`], and the derive implements
//! `server_fn::error::FromServerFnError` for the type:
//!
//! ```
//! use apierror::server_fn::Failure;
//! use server_fn::error::{FromServerFnError, ServerFnErrorErr};
//!
//! #[derive(Debug, PartialEq, thiserror::Error, apierror::ApiError)]
//! enum AppError {
//!     #[error("user {id} not found")]
//!     #[api(status = 404)]
//!     UserNotFound {
//!         #[api(detail)]
//!         id: u64,
//!     },
//!     #[error(transparent)]
//!     #[api(server_fn)] // server_fn's own failures, and what the client cannot decode
//!     ServerFn(#[from] Failure),
//! }
//!
//! // The server function's error body is the envelope's, exactly as on axum…
//! let body = AppError::UserNotFound { id: 7 }.ser();
//! assert_eq!(
//!     body,
//!     r#"{"error":{"code":"USER_NOT_FOUND","message":"user 7 not found","details":{"id":7}}}"#
//! );
//! // …and the client reads it back as the same value.
//! assert_eq!(AppError::de(body), AppError::UserNotFound { id: 7 });
//!
//! // server_fn's own failures have their codes and statuses (here 400).
//! let bad = AppError::from_server_fn_error(ServerFnErrorErr::Args("expected u64".into()));
//! assert_eq!(
//!     bad.ser(),
//!     r#"{"error":{"code":"SERVER_FN_INVALID_ARGUMENTS","message":"error deserializing server function arguments: expected u64"}}"#
//! );
//!
//! // A code the client does not know, or bytes that are no envelope, come back untyped.
//! let newer = AppError::de(r#"{"error":{"code":"ACCOUNT_FROZEN","message":"frozen"}}"#.into());
//! let AppError::ServerFn(Failure::Response(response)) = newer else { panic!("{newer:?}") };
//! assert_eq!(response.code(), Some("ACCOUNT_FROZEN"));
//! assert!(matches!(AppError::de("\u{0}garbage".into()), AppError::ServerFn(Failure::Response(_))));
//! ```
//!
//! Each choice, in one sentence:
//!
//! - **An opt-in variant.** `from_server_fn_error` must build the type from `server_fn`'s
//!   failure, which only a type with a place for it can do, so only types with an
//!   `#[api(server_fn)]` variant get the impl (and the feature breaks no other type).
//! - **[`Failure`] is an [`ApiError`](crate::ApiError).** The variant forwards to it as a
//!   `transparent` one does, so `server_fn`'s failures get codes and statuses of their own (bad
//!   arguments 400, an unreachable server 502, a 5xx masked), listed in the catalog.
//! - **The body is the envelope's.** [`Encoding`] writes the error exactly as the type renders
//!   it on axum, with the envelope's content type, so a server function is one more endpoint of
//!   the same API, readable by any client of it.
//! - **Decoding never fails.** The client decodes with the derived
//!   [`Decode`](crate::client::Decode), and whatever it does not know comes back as
//!   [`Failure::Response`], never a panic, so a new code on the server breaks no old client.
//! - **The status is the variant's.** `server_fn` 0.8 answers every error with 500; with the
//!   `axum` feature, [`ErrorStatusLayer`] (one `.layer(...)` line) gives the response the status
//!   and headers (`Retry-After`, the envelope's own) the error rendered with; `server_fn` 0.9's
//!   `FromServerFnError::status_code` will make that line unnecessary for the status.
//! - **The client sees the body only.** `server_fn` 0.8 hands the decoder the body alone, so a
//!   variant decodes from its code and the body's members; a delay only in `Retry-After` is
//!   lost to it.
//!
//! The feature needs Rust 1.88, as `server_fn` 0.8 does; it implies `client`.

mod encoding;
mod failure;
#[doc(hidden)]
pub mod glue;
#[cfg(feature = "axum")]
mod layer;

pub use ::server_fn::error::ServerFnErrorErr;
pub use encoding::Encoding;
pub use failure::Failure;
#[cfg(feature = "axum")]
pub use layer::{ErrorStatusFuture, ErrorStatusLayer, ErrorStatusService};
