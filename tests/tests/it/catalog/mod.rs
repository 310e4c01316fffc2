// Rewrite the example app's snapshots: APIERROR_BLESS=1 cargo test -p apierror-tests --test it catalog::

//! The error catalog, as a spec: what each `#[api(...)]` key, doc comment and `#[error("...")]`
//! template puts into a code's entry; how `transparent` variants compose the entries of a
//! tree; the example response of each code, in the outer type's envelope; the JSON records and
//! the Markdown page; the compatibility check against a saved catalog; and the example app's
//! catalog, kept as snapshots and as a frozen contract.
//!
//! Every expected value is worked out from the attributes written here and the rules of the
//! derive's documentation and `tests/vectors/ENVELOPES.md`.

use crate::app;

use std::panic::{catch_unwind, UnwindSafe};
use std::path::{Path, PathBuf};
use std::time::Duration;

use apierror::catalog::{assert_compatible, Break, Catalog, Entry, Field, FieldRole};
use apierror::envelope::{ErrorObject, Problem, RequestInfo};
use apierror::{Descriptor, RateLimit, StatusCode, Violation};
use serde_json::json;

// ---------------------------------------------------------------------------------------------
// A type using every key
// ---------------------------------------------------------------------------------------------

/// Errors of the Example Shop API.
///
/// Every error is a nested `error` object with a stable `code`:
/// branch on the code, never on the message.
#[derive(Debug, thiserror::Error, apierror::ApiError)]
#[api(
    envelope = apierror::envelope::ErrorObject,
    type_base = "https://errors.example.com/shop/",
    code_case = "snake_case"
)]
#[allow(dead_code)] // Only the catalog of most variants is read.
enum Shop {
    /// The item does not exist
    /// (or was withdrawn from sale).
    ///
    /// Item ids are never reused.
    ///
    ///     GET /items/{id}
    #[error("item {item_id:?} not found")]
    #[api(status = 404, help = "Check the id; `GET /items` lists them | all.")]
    ItemNotFound {
        #[api(detail = "id")]
        item_id: u64,
    },

    /// Not enough of the item is left for the order.
    #[error("only {available} left")]
    #[api(
        status = 409,
        code = "OUT_OF_STOCK",
        message = "only {available} of {sku:?} left",
        retryable,
        title = "Out of stock",
        type = "https://docs.example.com/problems/out-of-stock",
        grpc = "ABORTED",
        help = "Order fewer, or retry once the item is restocked."
    )]
    OutOfStock {
        #[api(detail)]
        sku: String,
        warehouse: String,
        #[api(detail)]
        available: u32,
    },

    /// Too many requests in the current window.
    #[error("slow down")]
    #[api(status = 429)]
    RateLimited {
        #[api(retry_after)]
        wait: Option<u64>,
        #[api(rate_limit)]
        limit: RateLimit,
    },

    /// The shop is down for planned maintenance.
    #[error("down for maintenance until {until}")]
    #[api(
        status = 503,
        retry_after = 120,
        expose,
        help = "Retry after two minutes."
    )]
    Maintenance { until: String },

    #[error("database failure: {0}")]
    #[api(status = 500)]
    Database(#[source] std::io::Error),

    /// The payment provider answered with an error.
    #[error("provider said {0}")]
    #[api(status = StatusCode::BAD_GATEWAY, retryable = false)]
    Provider(String),

    /// The shop is closed today.
    #[error("closed: {reason}")]
    #[api(
        status = 500,
        code = "SHOP_CLOSED",
        message = "the shop is closed today"
    )]
    Closed { reason: String },

    /// The order failed validation.
    #[error("invalid order")]
    #[api(status = 422)]
    InvalidOrder {
        #[api(violations)]
        violations: Vec<Violation>,
    },

    #[error(transparent)]
    #[api(transparent)]
    Payment(#[from] Payment),
}

/// Errors of the payment module (this text is not the outer catalog's).
#[derive(Debug, thiserror::Error, apierror::ApiError)]
#[allow(dead_code)]
enum Payment {
    /// The card was declined.
    #[error("card declined")]
    #[api(status = 402)]
    CardDeclined,
}
// ---------------------------------------------------------------------------------------------
// Transparent composition
// ---------------------------------------------------------------------------------------------

/// Errors of the Example Orders API.
///
/// Problems in RFC 9457 form.
#[derive(Debug, thiserror::Error, apierror::ApiError)]
#[api(envelope = apierror::envelope::Problem)]
#[allow(dead_code)]
enum Orders {
    /// The order does not exist.
    #[error("order {id} not found")]
    #[api(status = 404)]
    OrderNotFound {
        #[api(detail)]
        id: u64,
    },

    /// Not this text: a transparent variant's codes are its inner type's.
    #[error(transparent)]
    #[api(transparent)]
    Billing(#[from] Billing),

    /// The order was already shipped.
    #[error("already shipped")]
    #[api(status = 409, help = "Create a return instead.")]
    AlreadyShipped,

    #[error(transparent)]
    #[api(transparent)]
    Rejected(#[from] apierror::Rejection),
}

/// Errors of billing: not the outer catalog's introduction.
#[derive(Debug, thiserror::Error, apierror::ApiError)]
#[api(type_base = "https://errors.example.com/billing/")]
enum Billing {
    /// The card was declined.
    #[error("card declined")]
    #[api(status = 402, title = "Card declined")]
    CardDeclined,

    #[error(transparent)]
    #[api(transparent)]
    Gateway(#[from] Gateway),

    /// Too many payment attempts.
    #[error("too many attempts")]
    #[api(status = 429, retry_after = 30)]
    TooManyAttempts,
}

/// Errors of the payment gateway, two levels below `Orders`, in an envelope of its own.
#[derive(Debug, thiserror::Error, apierror::ApiError)]
#[api(envelope = apierror::envelope::ErrorFlag)]
enum Gateway {
    /// The gateway did not answer in time.
    #[error("gateway timeout")]
    #[api(status = 504, expose)]
    GatewayTimeout,

    /// The gateway is not answering.
    #[error("gateway unreachable")]
    #[api(status = 502)]
    GatewayDown,
}

/// An example's headers, in order: lowercase name and value.
type Headers<'a> = &'a [(&'a str, &'a str)];

fn codes(catalog: &Catalog) -> Vec<&'static str> {
    catalog.records().iter().map(|r| r.entry().code).collect()
}

mod compatibility;
mod example_app;
mod examples;
mod keys;
mod records;
mod transparent;

use compatibility::{blessing, panic_text};
use keys::SHOP_ABOUT;
use transparent::REJECTION_CODES;
