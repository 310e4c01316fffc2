//! The OpenAPI 3.1 output: the example app's utoipa document is a valid OpenAPI 3.1 document
//! whose every example matches its schema; the responses have the documented structure (one
//! per status, every code a named example, the envelope's content type and schema, the headers
//! each status may carry); the utoipa glue gives the same JSON as `apierror::openapi`; a
//! document built by hand validates for each of the nine envelopes; and a real axum server
//! serves the document and the Markdown catalog byte for byte.

use crate::openapi_check;
use crate::servers;

use std::collections::BTreeSet;
use std::panic::AssertUnwindSafe;
use std::time::Duration;

use apierror::envelope::Envelope;
use apierror::openapi::Subset;
use apierror::{ErrorCodes, RateLimit, Violation};
use serde_json::{json, Value};
use utoipa::OpenApi as _;

use openapi_check::{validate_document, validate_examples};
use servers::{client, AxumServer, Received};

// The example app (`crate::app`). Its `pub mod openapi;` is behind the `utoipa` feature of the
// example's own crate, which this crate has no feature of, so the file is included here beside
// it: it imports `super::AppError`, which the `use` below provides.
#[path = "../../../../runtime/examples/app/openapi.rs"]
#[allow(dead_code)] // `NewUser::name` is only deserialized
mod app_openapi;

// The example app's routes, which `examples/axum_server.rs` serves; they name the document's
// module `super::openapi`.
#[path = "../../../../runtime/examples/app/server.rs"]
mod app_server;
use app_openapi as openapi;

use crate::app::AppError;
use app_openapi::{ApiDoc, GetUserErrors, ListUsersErrors};

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

/// Panics with every error of a check, one a line.
#[track_caller]
fn expect_valid<T>(what: &str, result: Result<T, Vec<String>>) -> T {
    result.unwrap_or_else(|errors| {
        panic!(
            "{what}: {} error(s):\n  {}",
            errors.len(),
            errors.join("\n  ")
        )
    })
}

/// The derived `utoipa::IntoResponses` of `T`, as JSON.
fn utoipa_responses<T: utoipa::IntoResponses>() -> Value {
    serde_json::to_value(T::responses()).expect("utoipa's responses serialize")
}

/// The keys of a JSON object, sorted.
fn keys(value: &Value) -> BTreeSet<String> {
    value
        .as_object()
        .unwrap_or_else(|| panic!("not an object: {value}"))
        .keys()
        .cloned()
        .collect()
}

/// A set of strings, to compare with [`keys`].
fn set(items: &[&str]) -> BTreeSet<String> {
    items.iter().map(|s| (*s).to_owned()).collect()
}

/// `value` with every `timestamp` member a placeholder: `DataErrorMeta` writes the time of
/// rendering into `meta.timestamp`, so each rendering of its examples differs there (see
/// `examples_are_the_same_each_time`).
fn without_timestamps(value: &Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(key, member)| {
                    let member = if key == "timestamp" && member.is_string() {
                        json!("{timestamp}")
                    } else {
                        without_timestamps(member)
                    };
                    (key.clone(), member)
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(without_timestamps).collect()),
        other => other.clone(),
    }
}

/// Where two JSON values differ, as JSON Pointers with both sides, for a readable failure.
fn diff(path: &str, left: &Value, right: &Value, out: &mut Vec<String>) {
    match (left, right) {
        (Value::Object(l), Value::Object(r)) => {
            let all: BTreeSet<&String> = l.keys().chain(r.keys()).collect();
            for key in all {
                let path = format!("{path}/{}", key.replace('~', "~0").replace('/', "~1"));
                match (l.get(key), r.get(key)) {
                    (Some(a), Some(b)) => diff(&path, a, b, out),
                    (Some(a), None) => out.push(format!("{path}: only left: {a}")),
                    (None, Some(b)) => out.push(format!("{path}: only right: {b}")),
                    (None, None) => {}
                }
            }
        }
        (Value::Array(l), Value::Array(r)) if l.len() == r.len() => {
            for (i, (a, b)) in l.iter().zip(r).enumerate() {
                diff(&format!("{path}/{i}"), a, b, out);
            }
        }
        _ if left == right => {}
        _ => out.push(format!("{path}: left {left} != right {right}")),
    }
}

/// Asserts `left == right`, listing the differing pointers.
#[track_caller]
fn assert_same_json(what: &str, left: &Value, right: &Value) {
    let mut out = Vec::new();
    diff("", left, right, &mut out);
    assert!(
        out.is_empty(),
        "{what}: {} difference(s):\n  {}",
        out.len(),
        out.join("\n  ")
    );
}

/// A document of one operation answering with `responses` (error responses only) and the
/// `components` they refer to, built without utoipa.
fn hand_document(responses: Value, components: Value) -> Value {
    json!({
        "openapi": "3.1.0",
        "info": { "title": "hand-built", "version": "1.0.0" },
        "paths": {
            "/things/{id}": {
                "get": {
                    "operationId": "get_thing",
                    "parameters": [
                        { "name": "id", "in": "path", "required": true, "schema": { "type": "integer" } }
                    ],
                    "responses": responses
                }
            }
        },
        "components": components
    })
}

// ---------------------------------------------------------------------------------------------
// 2. The structure of the responses
// ---------------------------------------------------------------------------------------------

/// Errors of a shop, one code per case the structure depends on.
#[derive(Debug, thiserror::Error, apierror::ApiError)]
#[api(envelope = apierror::envelope::ErrorObject)]
#[allow(dead_code)] // only described, never constructed
enum Shop {
    /// The item does not exist.
    ///
    /// Items are never deleted.
    #[error("item {id} not found")]
    #[api(status = 404, help = "Check the id.")]
    ItemNotFound {
        #[api(detail)]
        id: u64,
    },
    // No doc comment: the summary is the title.
    #[error("no cart")]
    #[api(status = 404, title = "Cart missing")]
    CartMissing,
    /// Too many requests.
    #[error("slow down")]
    #[api(status = 429, code = "RATE_LIMITED")]
    RateLimited {
        #[api(rate_limit)]
        limit: RateLimit,
    },
    /// Down for maintenance.
    #[error("maintenance")]
    #[api(status = 503, retry_after = 30, help = "Retry in half a minute.")]
    Maintenance,
    /// The upstream is busy.
    #[error("busy")]
    #[api(status = 502, expose)]
    UpstreamBusy {
        #[api(retry_after)]
        wait: Option<u64>,
    },
    /// Something broke on the server's side.
    #[error("database: {0}")]
    #[api(status = 500)]
    Database(#[source] std::io::Error),
    #[error(transparent)]
    #[api(transparent)]
    Rejected(#[from] apierror::Rejection),
}

mod app_document;
mod example_server;
mod per_envelope;
mod responses;
mod server;
mod utoipa_glue;

use app_document::app_document;
use responses::{check_structure, rate_limit_styles, X_RATE_LIMIT};
