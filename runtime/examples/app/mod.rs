//! The example app's errors: a small user service that documents them the way the error
//! pages of real APIs do. `examples/catalog.rs` prints its catalog, `examples/openapi.rs` its
//! OpenAPI document, `examples/axum_server.rs` serves its routes (`server.rs`) and both; the test suite keeps its codes
//! compatible with the frozen contract `tests/catalog/example-app.v1.json`.

// Each example that includes this module uses part of it.
#![allow(dead_code)]

use std::time::Duration;

use apierror::{RateLimit, Violation};

#[cfg(feature = "utoipa")]
pub mod openapi;
#[cfg(all(feature = "axum-extract", feature = "utoipa"))]
pub mod server;

/// Errors of the Example Users API.
///
/// Every error is an RFC 9457 problem (`application/problem+json`) with a stable `code`:
/// branch on the code, never on the message. Retry only the codes marked retryable, after the
/// `Retry-After` delay when there is one, reusing the same `Idempotency-Key`.
#[derive(Debug, thiserror::Error, apierror::ApiError)]
#[api(
    envelope = apierror::envelope::Problem,
    domain = "users.example.com",
    type_base = "https://errors.example.com/users/",
    rate_limit_headers = "ietf"
)]
pub enum AppError {
    /// The user does not exist.
    ///
    /// Ids are never reused, so retrying with the same id will not help.
    #[error("user {id} not found")]
    #[api(
        status = 404,
        help = "Check the id; `GET /users` lists the users you can see."
    )]
    UserNotFound {
        #[api(detail)]
        id: u64,
    },

    /// The request body failed validation.
    #[error("invalid user")]
    #[api(
        status = 422,
        code = "INVALID_USER",
        title = "Invalid user",
        message = "the user is invalid",
        help = "Fix each field listed in `errors`, then send the request again."
    )]
    InvalidUser {
        #[api(violations)]
        violations: Vec<Violation>,
    },

    /// Another user already has this name.
    #[error("the name {name:?} is taken")]
    #[api(
        status = 409,
        message = "the name {name} is taken",
        help = "Choose another name."
    )]
    NameTaken {
        #[api(detail)]
        name: String,
    },

    /// Too many requests in the current window.
    #[error("rate limited")]
    #[api(
        status = 429,
        code = "RATE_LIMITED",
        message = "too many requests; retry after the delay",
        help = "Wait for the `Retry-After` delay, then retry with exponential backoff."
    )]
    RateLimited {
        #[api(retry_after)]
        wait: Duration,
        #[api(rate_limit)]
        limit: RateLimit,
    },

    /// The service is down for planned maintenance.
    #[error("down for maintenance")]
    #[api(
        status = 503,
        retry_after = 120,
        expose,
        help = "Retry after two minutes."
    )]
    Maintenance,

    /// Something failed on the server's side.
    ///
    /// The response never says what; the server's log does, under the response's
    /// `x-request-id`.
    #[error("database failure: {0}")]
    #[api(
        status = 500,
        retryable,
        help = "Retry with backoff; if it persists, contact support with the `x-request-id` header."
    )]
    Database(#[source] std::io::Error),

    /// The request has no bearer token.
    #[error("missing bearer token")]
    #[api(
        status = 401,
        message = "this operation needs a bearer token",
        help = "Send `Authorization: Bearer <token>`."
    )]
    Unauthorized,

    #[error(transparent)]
    #[api(transparent)]
    Billing(#[from] BillingError),

    #[error(transparent)]
    #[api(transparent)]
    Rejected(#[from] apierror::Rejection),
}

/// Errors of the billing module, which `AppError` wraps.
#[derive(Debug, thiserror::Error, apierror::ApiError)]
pub enum BillingError {
    /// The card issuer declined the payment.
    #[error("card declined")]
    #[api(status = 402, help = "Ask the customer for another card.")]
    CardDeclined,

    #[error(transparent)]
    #[api(transparent)]
    Gateway(#[from] GatewayError),
}

/// Errors of the payment gateway, which `BillingError` wraps: two levels below `AppError`.
#[derive(Debug, thiserror::Error, apierror::ApiError)]
pub enum GatewayError {
    /// The payment gateway did not answer in time; no charge was made.
    #[error("payment gateway timeout")]
    #[api(
        status = 504,
        expose,
        help = "Retry with backoff; the same `Idempotency-Key` keeps it from charging twice."
    )]
    GatewayTimeout,
}

// The whole tree's codes are unique, checked at compile time.
const _: () = apierror::assert_unique_codes::<AppError>();
