//! HTTP API errors from one derive.
//!
//! `#[derive(ApiError)]` on an error enum (or struct) gives, from a few `#[api(...)]`
//! attributes, everything an HTTP API's error handling needs: the status, a stable machine
//! code, a public message that never leaks a 5xx's internals, retry signals (`Retry-After`),
//! the body in the JSON [envelope] the API has chosen, and the framework glue
//! (axum's `IntoResponse` with the `axum` feature, actix-web's `ResponseError` with
//! `actix-web`; poem, salvo, Leptos server functions and tonic with theirs).
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
//! let response = apierror::render::<apierror::envelope::ErrorObject>(&error, &Default::default());
//! assert_eq!(
//!     response.body(),
//!     br#"{"error":{"code":"USER_NOT_FOUND","message":"user 7 not found","details":{"id":7}}}"#
//! );
//!
//! let hidden = AppError::Database(std::io::Error::other("password=hunter2"));
//! assert_eq!(apierror::message(&hidden).to_string(), "Internal Server Error");
//! ```
//!
//! The attribute language is described on the [derive](derive@ApiError); the formats on
//! [`envelope`]. Each capability has its example where it lives:
//!
//! - the nine envelopes, `Problem`, `JsonApi`, `Google` and `OData` among them: [`envelope`];
//! - rate-limit headers from a `#[api(rate_limit)]` field: [`RateLimit`];
//! - per-field errors from a `#[api(violations)]` field: [`Violation`];
//! - request ids, paths and `Accept` negotiation: the [`context`] module, with
//!   `axum::ErrorContextLayer`, `actix::ErrorContext`, `poem::ErrorContext` (feature `poem`)
//!   and `salvo::ErrorContext` (feature `salvo`), whose `all_errors_as::<AppError>()` also
//!   answers the framework's own errors (no route, wrong method, body too large) in the API's
//!   envelope;
//! - Leptos server functions returning the derived type, the same value back on the client:
//!   `server_fn` (feature `server_fn`, with an `#[api(server_fn)]` variant);
//! - framework rejections in the API's envelope: [`Rejection`], with the `axum::Json` /
//!   `Query` / `Path` extractors and `actix::json_config` / `query_config` / `path_config`;
//! - errors of several types in one list, or boxed, each answering as its own type:
//!   [`AnyApiError`];
//! - codes unique across `transparent` variants: [`ErrorCodes`] and [`assert_unique_codes`];
//! - the error catalog (a Markdown page, JSON records, a compatibility check of codes against a
//!   saved catalog): [`catalog`](mod@catalog);
//! - OpenAPI 3.1 responses, with utoipa or as JSON: [`openapi`];
//! - gRPC: every derived error as a `tonic::Status` with the `google.rpc` details the
//!   `Google` envelope writes, and a request-context layer for tonic servers: `tonic`
//!   (feature `tonic`);
//! - the client side, decoding any envelope back (typed, for a derived type) and retrying the
//!   way the seed documents say: `client` (feature `client`, with `reqwest` and `tower`);
//! - logging every error response with OpenTelemetry's attribute names (`error.type`,
//!   `http.response.status_code`, `exception.message`), a 5xx with its source chain, at the
//!   level `#[api(log = "...")]` sets ([`LogLevel`]): the `tracing` feature (see
//!   [`context`](mod@context#logging-feature-tracing));
//! - the code, status and retryability of every error response in its extensions, for the
//!   layers around the handler (a request-duration metric labelled with `error.type`):
//!   [`ErrorType`].
//!
//! Rendering never panics and never answers a success: a status outside `400..=599`, a
//! `Display` or `Serialize` that fails, and a panic in any user code it calls become a plain
//! `500 INTERNAL_ERROR` in the same envelope ([`render`]).

#![cfg_attr(docsrs, feature(doc_cfg))]

// A one-way stack, from the bottom up: each module imports only modules listed before it.

// The body and the writers that fill it.
mod json;
mod writer;

// What errors carry and are.
mod rate_limit;
mod violation;

// How loud an error's log line is: data of `Api` and `Descriptor`.
mod level;

mod api_error;

// What a response was, for the layers around the handler.
mod error_type;

// gRPC's canonical codes, for the tonic conversion and the client's `from_grpc`.
#[cfg(feature = "tonic")]
mod grpc_code;

// Every code of a type, as data; and the table the derive writes it from.
mod codes;
mod rejection;

// What generated code asks of the user's types: field roles, autoref probes, the entry macro
// of the framework glue.
mod derived;

// Formats, and rendering in them; any error behind one pointer.
pub mod envelope;

mod render;

mod any_error;

// What the codes are, for people and for tools.
pub mod catalog;
pub mod openapi;

// The other side of the wire: decoding error responses, and retrying.
#[cfg(feature = "client")]
#[cfg_attr(docsrs, doc(cfg(feature = "client")))]
pub mod client;

// The request, and responding: what the frameworks share.
#[cfg(any(
    feature = "axum",
    feature = "actix-web",
    feature = "tonic",
    feature = "salvo",
    feature = "poem"
))]
pub mod context;

#[cfg(all(
    feature = "tracing",
    any(
        feature = "axum",
        feature = "actix-web",
        feature = "tonic",
        feature = "salvo",
        feature = "poem"
    )
))]
mod log;

#[cfg(any(
    feature = "axum",
    feature = "actix-web",
    feature = "salvo",
    feature = "poem"
))]
mod respond;

// The frameworks.
#[cfg(feature = "actix-web")]
pub mod actix;
#[cfg(feature = "axum")]
pub mod axum;
#[cfg(feature = "poem")]
#[cfg_attr(docsrs, doc(cfg(feature = "poem")))]
pub mod poem;
#[cfg(feature = "salvo")]
#[cfg_attr(docsrs, doc(cfg(feature = "salvo")))]
pub mod salvo;
#[cfg(feature = "server_fn")]
#[cfg_attr(docsrs, doc(cfg(feature = "server_fn")))]
pub mod server_fn;
#[cfg(feature = "tonic")]
#[cfg_attr(docsrs, doc(cfg(feature = "tonic")))]
pub mod tonic;

// Each framework's derive glue lives in its folder, in a file that defines its macro with the
// feature and, expanding to nothing, without it (the macros crate has no features to ask).
// With the feature the framework's module declares the file; without it, the root does here.
#[cfg(not(feature = "actix-web"))]
#[path = "actix/glue.rs"]
mod actix_glue;
#[cfg(not(feature = "axum"))]
#[path = "axum/glue.rs"]
mod axum_glue;
#[cfg(not(feature = "client"))]
#[path = "client/glue.rs"]
mod client_glue;
#[cfg(not(feature = "poem"))]
#[path = "poem/glue.rs"]
mod poem_glue;
#[cfg(not(feature = "salvo"))]
#[path = "salvo/glue.rs"]
mod salvo_glue;
#[cfg(not(feature = "server_fn"))]
#[path = "server_fn/glue.rs"]
mod server_fn_glue;
#[cfg(not(feature = "tonic"))]
#[path = "tonic/glue.rs"]
mod tonic_glue;

// For generated code only: re-exports, and no module imports it.
#[doc(hidden)]
pub mod __private;

/// The README's examples, compiled and run as doctests.
#[cfg(all(doctest, feature = "axum"))]
#[doc = include_str!("../../README.md")]
struct ReadmeDoctests;

pub use any_error::AnyApiError;
pub use api_error::{message, retryable_by_default, Api, ApiError, Descriptor, PublicMessage};
pub use catalog::catalog;
pub use codes::{all_codes, assert_unique_codes, Codes, ErrorCodes, Item};
pub use error_type::ErrorType;
pub use http::StatusCode;
pub use level::LogLevel;
pub use rate_limit::{RateLimit, RateLimitHeaders};
pub use rejection::Rejection;
pub use render::render;
pub use violation::Violation;
pub use writer::{Details, Message, WriteError};

/// Derives [`ApiError`](trait@ApiError), and with the framework features axum's
/// `IntoResponse` (feature `axum`) and actix-web's `ResponseError` (feature `actix-web`, for
/// types that also implement `Display`, which actix-web requires); with `utoipa`,
/// `utoipa::IntoResponses`; with `client`, `client::Decode`; with `tonic`,
/// `From<T> for tonic::Status`; with `poem`, poem's `ResponseError` and `IntoResponse`; with
/// `salvo`, `salvo::Scribe`; with `server_fn`, for a type with an `#[api(server_fn)]`
/// variant, `server_fn::error::FromServerFnError`.
///
/// # Container attributes (on the enum, or on a struct, which is one error)
///
/// | attribute | meaning | default |
/// |---|---|---|
/// | `envelope = path` | the [envelope] type | [`envelope::ErrorObject`] |
/// | `code_case = "..."` | how codes are derived from variant names: `SCREAMING_SNAKE_CASE`, `snake_case`, `kebab-case`, `camelCase`, `PascalCase` | `SCREAMING_SNAKE_CASE` |
/// | `domain = "..."` | [`Api::domain`] in [`ApiError::API`]: Google's `ErrorInfo.domain` | the package's name (cargo's `CARGO_PKG_NAME`; none when built without cargo) |
/// | `version = "..."` | [`Api::version`]: `DataErrorMeta`'s `meta.version` | the package's version (`CARGO_PKG_VERSION`; none without cargo) |
/// | `crate = ::path` | where this crate is, for a renamed or re-exported dependency | `::apierror` |
/// | `type_base = "https://errors.example.com/"` | [`Descriptor::type_uri`] of every variant without `type`: the base joined with the code in kebab-case (must end with `/`, `#`, `:` or `=`) | none (`about:blank`) |
/// | `rate_limit_headers = "x-ratelimit"` / `"ietf"` / `"both"` | [`Api::rate_limit_headers`]: which headers a `rate_limit` field becomes | `"x-ratelimit"` |
/// | `log = "warn"` | [`Api::log`]: the level of the log line (feature `tracing`) of every variant without its own `log`: `"error"`, `"warn"`, `"info"`, `"debug"`, `"trace"`, or `"off"` for none ([`LogLevel`]) | `"error"` for a 5xx, `"debug"` for the rest |
/// | `negotiate` | with the request-context middleware, `Accept: application/problem+json` or `application/vnd.api+json` picks [`envelope::Problem`] or [`envelope::JsonApi`] instead of `envelope` | off |
///
/// # Variant attributes (or on the struct)
///
/// | attribute | meaning | default |
/// |---|---|---|
/// | `status = 404` or `status = StatusCode::NOT_FOUND` | the status, in 400..=599 | required |
/// | `code = "NOT_FOUND"` | the machine code, unique within the type (checked at compile time) | derived from the name by `code_case` |
/// | `message = "user {id} not found"` | the public message: a template over the fields (`{field}`, `{field:?}`, `{0}`, any format spec such as `{n:>5}` or `{n:#x}`; `{{` for a brace); a generic field gets the bound its spec needs | `Display` for a 4xx, the canonical reason for a 5xx |
/// | `expose` | a 5xx that may show its `Display` text | off |
/// | `retryable` / `retryable = false` | [`ApiError::retryable`] | [`retryable_by_default`] |
/// | `retry_after = 60` | a constant retry delay, in seconds | none |
/// | `title = "..."` | [`Descriptor::title`]: Problem's and JSON:API's `title` | the status's reason phrase |
/// | `type = "uri"` | [`Descriptor::type_uri`]: Problem's `type` | from `type_base`, else `about:blank` |
/// | `grpc = "ABORTED"` | [`Descriptor::grpc`]: Google's `status` and the code of the `tonic::Status` (feature `tonic`), one of the gRPC code names | mapped from the status |
/// | `help = "..."` | what the client should do: the [catalog](mod@catalog)'s "What to do" column and each OpenAPI example's description | none |
/// | `log = "warn"` | [`Descriptor::log`]: this code's log level, over the container's `log` ([`LogLevel`]; a response that failed to render is always logged at error) | the container's `log`, else by status |
/// | `server_fn` | a one-field variant holding `apierror::server_fn::Failure` (feature `server_fn`): it forwards like `transparent`, and the type implements Leptos' `server_fn::error::FromServerFnError`, `server_fn`'s own failures landing in this variant; one per type | |
/// | `transparent` | a one-field variant forwarding status, code, message, retry, details, violations, rate limit and [`Descriptor`] (title, type, grpc) to its field (the outer type keeps its envelope, negotiation and [`Api`]: domain, version, `rate_limit_headers`) | |
///
/// # Doc comments
///
/// The [catalog](mod@catalog) and the OpenAPI responses read them: a variant's first paragraph is its
/// summary (the catalog's "Description", each example's summary), the rest its longer
/// description; the enum's doc comment introduces the catalog. thiserror's `#[error("...")]`
/// template is the catalog's message template when there is no `message`.
///
/// # Field attributes
///
/// | attribute | meaning |
/// |---|---|
/// | `retry_after` | the retry delay: `u64` seconds, `Duration`, or an `Option` of either (`None`: no delay) |
/// | `detail` / `detail = "name"` | serialized with serde into the envelope's details, under the field's name or the given one |
/// | `rate_limit` | a [`RateLimit`] (or `Option` of one): the rate-limit headers |
/// | `violations` | a `Vec<`[`Violation`]`>` (or boxed slice, or `Option` of either): per-field errors, written the way each envelope does |
///
/// # Mistakes, builds without cargo, the output
///
/// Every misuse is a compile error at the token to change, all of one derive reported at once:
/// a missing or out-of-range status, an unknown key (with a suggestion), a key or code given
/// twice, a template naming no field, `transparent` without exactly one field, a `retry_after`,
/// `rate_limit` or `violations` field of the wrong type, a `detail` that is not `Serialize`, an
/// unknown gRPC name (with a suggestion). Each is a compile-fail case in the repository's
/// `tests/compile-fail/tests/ui/`.
///
/// The defaults that come from cargo (`domain`, `version`) are read with `option_env!`, so the
/// derive's output also compiles in builds without cargo (Bazel, Buck, plain `rustc`), where
/// they are simply absent. What the derive emits for a few inputs is kept, pretty-printed, in
/// the repository's `macros/snapshots/`.
///
/// ```
/// use std::time::Duration;
/// use apierror::{ApiError, StatusCode};
///
/// #[derive(Debug, thiserror::Error, ApiError)]
/// #[api(code_case = "snake_case")]
/// enum PaymentError {
///     #[error("card declined")]
///     #[api(status = StatusCode::PAYMENT_REQUIRED)]
///     CardDeclined,
///     #[error("gateway down")]
///     #[api(status = 503, retry_after = 30)]
///     GatewayDown,
///     #[error("limit {limit} exceeded")]
///     #[api(status = 422, code = "over_limit", message = "over the limit of {limit}")]
///     OverLimit {
///         #[api(detail)]
///         limit: u32,
///     },
/// }
///
/// assert_eq!(PaymentError::CardDeclined.code(), "card_declined");
/// assert_eq!(apierror::message(&PaymentError::CardDeclined).to_string(), "card declined");
/// assert_eq!(PaymentError::GatewayDown.retry_after(), Some(Duration::from_secs(30)));
/// assert!(PaymentError::GatewayDown.retryable());
/// assert_eq!(apierror::message(&PaymentError::GatewayDown).to_string(), "Service Unavailable");
/// assert_eq!(apierror::message(&PaymentError::OverLimit { limit: 5 }).to_string(), "over the limit of 5");
/// ```
pub use apierror_macros::ApiError;
