//! The OpenAPI 3.1 output: the example app's utoipa document is a valid OpenAPI 3.1 document
//! whose every example matches its schema; the responses have the documented structure (one
//! per status, every code a named example, the envelope's content type and schema, the headers
//! each status may carry); the utoipa glue gives the same JSON as `apierror::openapi`; a
//! document built by hand validates for each of the nine envelopes; and a real axum server
//! serves the document and the Markdown catalog byte for byte.

mod openapi_check;
mod servers;

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

// The example app, as `runtime/examples/` includes it. Its `pub mod openapi;` is behind the
// `utoipa` feature of the example's own crate, which this crate has no feature of, so the file
// is included again beside it: it imports `super::AppError`, which the `use` below provides.
#[path = "../../runtime/examples/app/mod.rs"]
#[allow(unexpected_cfgs)] // its `feature = "utoipa"`, not a feature of this crate
mod app;
#[path = "../../runtime/examples/app/openapi.rs"]
#[allow(dead_code)] // `NewUser::name` is only deserialized
mod app_openapi;

use app::AppError;
use app_openapi::{ApiDoc, GetUserErrors};

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
// 1. The example app's document
// ---------------------------------------------------------------------------------------------

fn app_document() -> Value {
    serde_json::to_value(ApiDoc::openapi()).expect("the app's document serializes")
}

#[test]
fn app_document_is_valid_openapi_3_1() {
    let doc = app_document();
    expect_valid("the app's document", validate_document(&doc));
    let version = doc["openapi"]
        .as_str()
        .expect("an `openapi` version string");
    assert!(version.starts_with("3.1."), "OpenAPI {version}, not 3.1.x");
    // `json()`, which the example prints and the server below serves, is the same document.
    let printed: Value = serde_json::from_str(&app_openapi::json()).expect("json() is JSON");
    assert_eq!(printed, doc);
}

#[test]
fn app_document_examples_match_their_schemas() {
    let doc = app_document();
    let checked = expect_valid("the app's examples", validate_examples(&doc));
    // One example per code per operation: `POST /users` answers with every code of the tree
    // (the app's, billing's, the gateway's and the rejections'), `GET /users/{id}` with four.
    let all = apierror::all_codes::<AppError>();
    assert_eq!(all.len(), 18, "the app's tree: {all:?}");
    assert_eq!(GetUserErrors::CODES.len(), 4);
    assert_eq!(checked, all.len() + GetUserErrors::CODES.len());
    assert_eq!(checked, 22);

    // The checks bite on this document: an example off its schema, a response without its
    // required description.
    let mut broken = doc.clone();
    let example = "/paths/~1users~1{id}/get/responses/404/content/application~1problem+json/examples/USER_NOT_FOUND/value";
    broken.pointer_mut(example).expect("the 404 example")["status"] = json!("404");
    let errors = validate_examples(&broken).expect_err("a string status");
    assert!(
        errors.len() == 1
            && errors[0].contains("GET /users/{id} 404")
            && errors[0].contains("USER_NOT_FOUND"),
        "{errors:?}"
    );
    let mut broken = doc;
    broken
        .pointer_mut("/paths/~1users/post/responses/409")
        .and_then(Value::as_object_mut)
        .expect("the 409")
        .remove("description");
    validate_document(&broken).expect_err("a response without a description");
}

#[test]
fn app_document_problem_component_is_the_envelope_schema() {
    let doc = app_document();
    let schemas = &doc["components"]["schemas"];
    assert_eq!(keys(schemas), set(&["NewUser", "Problem", "User"]));
    assert_same_json(
        "components.schemas.Problem vs Problem::schema()",
        &schemas["Problem"],
        &apierror::envelope::Problem::schema(),
    );
}

#[test]
fn app_document_error_responses_are_the_catalog_responses() {
    let doc = app_document();
    let paths = &doc["paths"];
    assert_eq!(keys(paths), set(&["/users", "/users/{id}"]));

    let mut post = paths["/users"]["post"]["responses"].clone();
    assert_eq!(post["201"]["description"], "The user created");
    post.as_object_mut().expect("responses").remove("201");
    assert_same_json(
        "POST /users errors vs responses::<AppError>()",
        &post,
        &apierror::openapi::responses::<AppError>(),
    );

    let mut get = paths["/users/{id}"]["get"]["responses"].clone();
    assert_eq!(get["200"]["description"], "The user");
    get.as_object_mut().expect("responses").remove("200");
    assert_eq!(keys(&get), set(&["404", "429", "500", "503"]));
    assert_same_json(
        "GET /users/{id} errors vs GetUserErrors::responses()",
        &get,
        &GetUserErrors::responses(),
    );
    // The app's `rate_limit_headers = "ietf"`: the IETF headers, not the X- ones.
    assert_eq!(
        keys(&get["429"]["headers"]),
        set(&[
            "RateLimit",
            "RateLimit-Policy",
            "Retry-After",
            "x-request-id"
        ])
    );
    assert_eq!(
        keys(&get["503"]["headers"]),
        set(&["Retry-After", "x-request-id"])
    );
    assert_eq!(keys(&get["404"]["headers"]), set(&["x-request-id"]));
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

/// The statuses of `Shop`'s tree, its own and the rejections'.
const SHOP_STATUSES: [&str; 10] = [
    "400", "404", "405", "413", "415", "422", "429", "500", "502", "503",
];

const X_RATE_LIMIT: [&str; 3] = [
    "X-RateLimit-Limit",
    "X-RateLimit-Remaining",
    "X-RateLimit-Reset",
];
const IETF_RATE_LIMIT: [&str; 2] = ["RateLimit", "RateLimit-Policy"];

/// Checks the documented structure of `responses`, the Responses Object of every code of
/// `T`'s tree: one response per status; each code of the status a named example (summary,
/// help, body); the codes in the description; the envelope's content type and schema `$ref`;
/// `Retry-After` exactly where a delay may be sent; the rate-limit headers of `rate_limit`
/// exactly where a code has a rate limit; `x-request-id` everywhere.
#[track_caller]
fn check_structure<T: ErrorCodes + apierror::ApiError + apierror::__private::UsesEnvelope>(
    what: &str,
    responses: &Value,
    envelope: &str,
    content_type: &str,
    rate_limit: &[&str],
) {
    let catalog = apierror::catalog::<T>();
    let statuses: BTreeSet<String> = catalog
        .records()
        .iter()
        .map(|r| r.entry().status.to_string())
        .collect();
    assert_eq!(keys(responses), statuses, "{what}: one response per status");
    assert_eq!(catalog.schema_name(), envelope, "{what}");

    for status in &statuses {
        let response = &responses[status.as_str()];
        let records: Vec<_> = catalog
            .records()
            .iter()
            .filter(|r| r.entry().status.to_string() == *status)
            .collect();
        let context = format!("{what} {status}");

        // The description: the reason phrase, then every code.
        let description = response["description"].as_str().expect("a description");
        let reason = records[0]
            .entry()
            .status_code()
            .canonical_reason()
            .expect("a reason phrase");
        assert!(
            description.starts_with(&format!("{reason}: ")),
            "{context}: {description}"
        );
        for record in &records {
            assert!(
                description.contains(&format!("`{}`", record.entry().code)),
                "{context}: {description} does not name {}",
                record.entry().code
            );
        }

        // The content: the envelope's type only, its schema a reference to the component.
        assert_eq!(
            keys(&response["content"]),
            set(&[content_type]),
            "{context}"
        );
        let media = &response["content"][content_type];
        assert_eq!(
            media["schema"],
            json!({ "$ref": format!("#/components/schemas/{envelope}") }),
            "{context}"
        );

        // The examples: one per code, named by it.
        let codes: Vec<&str> = records.iter().map(|r| r.entry().code).collect();
        assert_eq!(keys(&media["examples"]), set(&codes), "{context}");
        for record in &records {
            let entry = record.entry();
            let summary = if entry.summary.is_empty() {
                entry.title()
            } else {
                entry.summary
            };
            assert!(
                !summary.is_empty(),
                "{context} {}: empty summary",
                entry.code
            );
            let mut expected = json!({ "summary": summary, "value": record.example().body_json() });
            if let Some(help) = entry.help {
                expected["description"] = json!(help);
            }
            assert_eq!(
                without_timestamps(&media["examples"][entry.code]),
                without_timestamps(&expected),
                "{context} {}",
                entry.code
            );
            assert_ne!(
                record.example().body_json(),
                Value::Null,
                "{context} {}: the example body is not JSON",
                entry.code
            );
        }

        // The headers.
        let headers = &response["headers"];
        let delay = records.iter().any(|r| r.entry().may_have_retry_after());
        let limited = records
            .iter()
            .any(|r| r.entry().has(apierror::catalog::FieldRole::RateLimit));
        let mut expected = set(&["x-request-id"]);
        if delay {
            expected.insert("Retry-After".to_owned());
        }
        if limited {
            expected.extend(rate_limit.iter().map(|s| (*s).to_owned()));
        }
        if envelope == "OData" {
            expected.insert("x-ms-error-code".to_owned());
        }
        assert_eq!(keys(headers), expected, "{context}: headers");
        for (name, header) in headers.as_object().expect("headers") {
            assert!(
                header["description"]
                    .as_str()
                    .is_some_and(|d| !d.is_empty()),
                "{context} {name}: no description"
            );
            assert!(
                header["schema"]["type"].is_string(),
                "{context} {name}: no schema type"
            );
        }
        if delay {
            assert_eq!(
                headers["Retry-After"]["schema"],
                json!({ "type": "integer", "minimum": 0 }),
                "{context}"
            );
        }
    }
}

#[test]
fn responses_structure_of_a_derived_type() {
    let responses = apierror::openapi::responses::<Shop>();
    check_structure::<Shop>(
        "responses::<Shop>()",
        &responses,
        "ErrorObject",
        "application/json",
        &X_RATE_LIMIT,
    );

    // The same, spelled out for the cases the structure depends on.
    assert_eq!(keys(&responses), set(&SHOP_STATUSES));
    let not_found = &responses["404"];
    assert_eq!(
        not_found["description"],
        "Not Found: `ITEM_NOT_FOUND`, `CART_MISSING`, `ROUTE_NOT_FOUND`"
    );
    let examples = &not_found["content"]["application/json"]["examples"];
    assert_eq!(
        keys(examples),
        set(&["CART_MISSING", "ITEM_NOT_FOUND", "ROUTE_NOT_FOUND"])
    );
    assert_eq!(
        examples["ITEM_NOT_FOUND"]["summary"],
        "The item does not exist."
    );
    assert_eq!(examples["ITEM_NOT_FOUND"]["description"], "Check the id.");
    assert_eq!(
        examples["ITEM_NOT_FOUND"]["value"]["error"]["code"],
        "ITEM_NOT_FOUND"
    );
    // No doc comment: the title; no help: no description.
    assert_eq!(examples["CART_MISSING"]["summary"], "Cart missing");
    assert!(examples["CART_MISSING"].get("description").is_none());
    // The transparent rejection's codes sit under their statuses.
    assert_eq!(
        keys(&responses["400"]["content"]["application/json"]["examples"]),
        set(&[
            "INVALID_BODY",
            "INVALID_JSON",
            "INVALID_PATH",
            "INVALID_QUERY",
            "REQUEST_REJECTED"
        ])
    );
    assert_eq!(
        keys(&responses["422"]["content"]["application/json"]["examples"]),
        set(&["INVALID_JSON_DATA"])
    );
    for (status, code) in [
        ("405", "METHOD_NOT_ALLOWED"),
        ("413", "PAYLOAD_TOO_LARGE"),
        ("415", "UNSUPPORTED_MEDIA_TYPE"),
    ] {
        assert_eq!(
            keys(&responses[status]["content"]["application/json"]["examples"]),
            set(&[code]),
            "{status}"
        );
    }

    // Headers: a rate limit without a delay has the rate-limit headers only; a constant delay
    // and a delay field each have `Retry-After` only; the others neither.
    let header_keys = |status: &str| keys(&responses[status]["headers"]);
    assert_eq!(
        header_keys("429"),
        set(&[
            "X-RateLimit-Limit",
            "X-RateLimit-Remaining",
            "X-RateLimit-Reset",
            "x-request-id"
        ])
    );
    assert_eq!(header_keys("503"), set(&["Retry-After", "x-request-id"]));
    assert_eq!(header_keys("502"), set(&["Retry-After", "x-request-id"]));
    for status in ["400", "404", "405", "413", "415", "422", "500"] {
        assert_eq!(header_keys(status), set(&["x-request-id"]), "{status}");
    }
    assert_eq!(
        responses["429"]["headers"]["X-RateLimit-Reset"]["schema"],
        json!({ "type": "integer", "minimum": 0 })
    );
    // The 500's example hides the cause, as the wire does.
    let database = &responses["500"]["content"]["application/json"]["examples"]["DATABASE"];
    assert!(!database.to_string().contains("database:"), "{database}");
}

#[test]
fn responses_structure_through_utoipa() {
    check_structure::<Shop>(
        "<Shop as IntoResponses>::responses()",
        &utoipa_responses::<Shop>(),
        "ErrorObject",
        "application/json",
        &X_RATE_LIMIT,
    );
}

/// The rate-limit header styles, each a type with one limited and one plain code.
mod rate_limit_styles {
    use apierror::RateLimit;

    /// IETF headers.
    #[derive(Debug, thiserror::Error, apierror::ApiError)]
    #[api(rate_limit_headers = "ietf")]
    #[allow(dead_code)]
    pub enum Ietf {
        /// Too many requests.
        #[error("slow down")]
        #[api(status = 429, code = "RATE_LIMITED")]
        RateLimited {
            #[api(rate_limit)]
            limit: Option<RateLimit>,
            #[api(retry_after)]
            wait: u64,
        },
        /// Nothing here.
        #[error("gone")]
        #[api(status = 410)]
        Gone,
    }

    /// Both sets.
    #[derive(Debug, thiserror::Error, apierror::ApiError)]
    #[api(rate_limit_headers = "both")]
    #[allow(dead_code)]
    pub enum Both {
        /// Too many requests.
        #[error("slow down")]
        #[api(status = 429, code = "RATE_LIMITED")]
        RateLimited {
            #[api(rate_limit)]
            limit: RateLimit,
        },
        /// Nothing here.
        #[error("gone")]
        #[api(status = 410)]
        Gone,
    }

    /// The default, named.
    #[derive(Debug, thiserror::Error, apierror::ApiError)]
    #[api(rate_limit_headers = "x-ratelimit")]
    #[allow(dead_code)]
    pub enum XRateLimit {
        /// Too many requests.
        #[error("slow down")]
        #[api(status = 429, code = "RATE_LIMITED")]
        RateLimited {
            #[api(rate_limit)]
            limit: RateLimit,
        },
        /// Nothing here.
        #[error("gone")]
        #[api(status = 410)]
        Gone,
    }
}

#[test]
fn rate_limit_headers_follow_the_style() {
    use rate_limit_styles::{Both, Ietf, XRateLimit};

    let ietf = apierror::openapi::responses::<Ietf>();
    check_structure::<Ietf>(
        "ietf",
        &ietf,
        "ErrorObject",
        "application/json",
        &IETF_RATE_LIMIT,
    );
    assert_eq!(
        keys(&ietf["429"]["headers"]),
        set(&[
            "RateLimit",
            "RateLimit-Policy",
            "Retry-After",
            "x-request-id"
        ])
    );
    assert_eq!(
        ietf["429"]["headers"]["RateLimit"]["schema"],
        json!({ "type": "string" })
    );
    assert_eq!(keys(&ietf["410"]["headers"]), set(&["x-request-id"]));

    let both = apierror::openapi::responses::<Both>();
    let all: Vec<&str> = X_RATE_LIMIT
        .iter()
        .chain(&IETF_RATE_LIMIT)
        .copied()
        .collect();
    check_structure::<Both>("both", &both, "ErrorObject", "application/json", &all);
    assert_eq!(
        keys(&both["429"]["headers"]),
        set(&[
            "RateLimit",
            "RateLimit-Policy",
            "X-RateLimit-Limit",
            "X-RateLimit-Remaining",
            "X-RateLimit-Reset",
            "x-request-id"
        ])
    );
    assert_eq!(keys(&both["410"]["headers"]), set(&["x-request-id"]));

    let x = apierror::openapi::responses::<XRateLimit>();
    check_structure::<XRateLimit>(
        "x-ratelimit",
        &x,
        "ErrorObject",
        "application/json",
        &X_RATE_LIMIT,
    );
    assert_eq!(
        x["429"]["headers"],
        apierror::openapi::responses::<Shop>()["429"]["headers"]
    );

    for (name, value) in [("ietf", &ietf), ("both", &both), ("x-ratelimit", &x)] {
        let doc = hand_document(
            value.clone(),
            json!({ "schemas": { "ErrorObject": apierror::envelope::ErrorObject::schema() } }),
        );
        expect_valid(name, validate_document(&doc));
        assert_eq!(expect_valid(name, validate_examples(&doc)), 2, "{name}");
    }
}

#[test]
fn components_hold_the_envelope_schema() {
    assert_eq!(
        apierror::openapi::components::<Shop>(),
        json!({ "schemas": { "ErrorObject": apierror::envelope::ErrorObject::schema() } })
    );
    assert_eq!(
        apierror::openapi::components::<AppError>(),
        json!({ "schemas": { "Problem": apierror::envelope::Problem::schema() } })
    );
}

// ---------------------------------------------------------------------------------------------
// 3. utoipa
// ---------------------------------------------------------------------------------------------

#[test]
fn utoipa_responses_equal_the_json_responses() {
    assert_same_json(
        "Shop: IntoResponses vs responses()",
        &utoipa_responses::<Shop>(),
        &apierror::openapi::responses::<Shop>(),
    );
    assert_same_json(
        "AppError: IntoResponses vs responses()",
        &utoipa_responses::<AppError>(),
        &apierror::openapi::responses::<AppError>(),
    );
    assert_same_json(
        "Ietf: IntoResponses vs responses()",
        &utoipa_responses::<rate_limit_styles::Ietf>(),
        &apierror::openapi::responses::<rate_limit_styles::Ietf>(),
    );
    // The raw maps: a status each, every one a response (not a reference), none of them the
    // fallback that reports a deserialization failure.
    let raw = <AppError as utoipa::IntoResponses>::responses();
    assert_eq!(raw.len(), 12);
    for (status, response) in &raw {
        let utoipa::openapi::RefOr::T(response) = response else {
            panic!("{status}: a reference");
        };
        assert!(
            !response.description.contains("could not describe"),
            "{status}: {}",
            response.description
        );
    }
}

/// `value` without its `const` members: utoipa 6's `Schema` has no `const` keyword, so it
/// drops every one when it reads a schema (see `to_schema_keeps_const`).
fn without_const(value: &Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .filter(|(key, _)| *key != "const")
                .map(|(key, member)| (key.clone(), without_const(member)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(without_const).collect()),
        other => other.clone(),
    }
}

/// Where `E`'s `utoipa::ToSchema` differs from what it should be: named after the type, its
/// schema its `Envelope::schema()` (compared by `compare`).
fn to_schema_differences<E: Envelope + utoipa::ToSchema>(
    name: &str,
    compare: fn(&Value) -> Value,
    out: &mut Vec<String>,
) {
    let named = <E as utoipa::ToSchema>::name();
    if named != name {
        out.push(format!("{name}: ToSchema::name() is {named:?}"));
    }
    let schema = serde_json::to_value(<E as utoipa::PartialSchema>::schema())
        .expect("the utoipa schema serializes");
    // Not the empty object the glue falls back to when `schema()` does not deserialize.
    if schema == json!({ "type": "object" }) || schema == json!({}) {
        out.push(format!("{name}: the fallback schema {schema}"));
    }
    let mut differences = Vec::new();
    diff(
        "",
        &compare(&schema),
        &compare(&<E as Envelope>::schema()),
        &mut differences,
    );
    out.extend(differences.into_iter().map(|d| format!("{name}: {d}")));
}

/// Every envelope's differences, by `compare`.
fn all_to_schema_differences(compare: fn(&Value) -> Value) -> Vec<String> {
    use apierror::envelope::{
        DataErrorMeta, ErrorCode, ErrorFlag, ErrorMessage, ErrorObject, Google, JsonApi, OData,
        Problem,
    };
    let mut out = Vec::new();
    to_schema_differences::<DataErrorMeta>("DataErrorMeta", compare, &mut out);
    to_schema_differences::<ErrorCode>("ErrorCode", compare, &mut out);
    to_schema_differences::<ErrorFlag>("ErrorFlag", compare, &mut out);
    to_schema_differences::<ErrorMessage>("ErrorMessage", compare, &mut out);
    to_schema_differences::<ErrorObject>("ErrorObject", compare, &mut out);
    to_schema_differences::<Google>("Google", compare, &mut out);
    to_schema_differences::<JsonApi>("JsonApi", compare, &mut out);
    to_schema_differences::<OData>("OData", compare, &mut out);
    to_schema_differences::<Problem>("Problem", compare, &mut out);
    out
}

#[test]
fn every_envelope_implements_to_schema() {
    let differences = all_to_schema_differences(without_const);
    assert!(
        differences.is_empty(),
        "ToSchema vs Envelope::schema() (`const` aside):\n  {}",
        differences.join("\n  ")
    );
}

/// utoipa 6.0.0's `Schema` has no `const` (it ignores unknown members), so the envelopes write
/// one-value `enum`s instead: nothing is lost on the way into utoipa's types.
#[test]
fn to_schema_keeps_const() {
    let differences = all_to_schema_differences(Value::clone);
    assert!(
        differences.is_empty(),
        "ToSchema vs Envelope::schema():\n  {}",
        differences.join("\n  ")
    );
}

apierror::openapi::subset! {
    /// What `GET /items/{id}` can answer.
    struct GetItemErrors of Shop: ["ITEM_NOT_FOUND", "MAINTENANCE", "INVALID_PATH"];
}

#[test]
fn subset_has_only_its_codes() {
    let responses = GetItemErrors::responses();
    assert_eq!(keys(&responses), set(&["400", "404", "503"]));
    assert_eq!(
        keys(&responses["404"]["content"]["application/json"]["examples"]),
        set(&["ITEM_NOT_FOUND"])
    );
    assert_eq!(
        responses["404"]["description"],
        "Not Found: `ITEM_NOT_FOUND`"
    );
    assert_eq!(
        keys(&responses["400"]["content"]["application/json"]["examples"]),
        set(&["INVALID_PATH"])
    );
    assert_eq!(
        responses["400"]["description"],
        "Bad Request: `INVALID_PATH`"
    );
    assert_eq!(
        keys(&responses["503"]["headers"]),
        set(&["Retry-After", "x-request-id"])
    );
    // Each response of the subset is the whole type's, but with only the subset's examples.
    let whole = apierror::openapi::responses::<Shop>();
    assert_eq!(
        responses["404"]["content"]["application/json"]["examples"]["ITEM_NOT_FOUND"],
        whole["404"]["content"]["application/json"]["examples"]["ITEM_NOT_FOUND"]
    );
    assert_eq!(responses["503"], whole["503"]);

    // The catalog: the codes in the type's order (not the subset's).
    let codes: Vec<&str> = GetItemErrors::catalog()
        .records()
        .iter()
        .map(|r| r.entry().code)
        .collect();
    assert_eq!(codes, ["ITEM_NOT_FOUND", "MAINTENANCE", "INVALID_PATH"]);
    assert_eq!(
        GetItemErrors::responses(),
        apierror::catalog::<Shop>()
            .only(&["INVALID_PATH", "MAINTENANCE", "ITEM_NOT_FOUND"])
            .openapi_responses()
    );

    // utoipa: the same.
    assert_same_json(
        "GetItemErrors: IntoResponses vs Subset::responses()",
        &utoipa_responses::<GetItemErrors>(),
        &responses,
    );
    assert_same_json(
        "GetUserErrors: IntoResponses vs Subset::responses()",
        &utoipa_responses::<GetUserErrors>(),
        &GetUserErrors::responses(),
    );
}

#[test]
fn catalog_only_panics_naming_an_unknown_code() {
    let catalog = apierror::catalog::<Shop>();
    let panic = std::panic::catch_unwind(AssertUnwindSafe(|| {
        catalog.only(&["ITEM_NOT_FOUND", "ITEM_NOT_FOUN"])
    }))
    .expect_err("an unknown code panics");
    let message = panic
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()))
        .expect("a message");
    assert!(
        message.contains("`ITEM_NOT_FOUN` is not a code of this error type"),
        "{message}"
    );
    assert!(
        message.contains("ITEM_NOT_FOUND, CART_MISSING, RATE_LIMITED"),
        "lists the codes: {message}"
    );
    // A known list does not panic, and an empty one documents nothing.
    assert_eq!(catalog.only(&[]).openapi_responses(), json!({}));
}

// ---------------------------------------------------------------------------------------------
// 4. A hand-built document for each envelope
// ---------------------------------------------------------------------------------------------

/// Checks the hand-built document of `T` (envelope `E`, named `name`, of `content_type`): valid
/// OpenAPI 3.1, every example matching the envelope's own schema, the structure of its
/// responses, and the same document from utoipa's `IntoResponses` and `ToSchema`.
fn check_envelope<T, E>(name: &str, content_type: &str)
where
    T: ErrorCodes + apierror::ApiError + apierror::__private::UsesEnvelope + utoipa::IntoResponses,
    E: Envelope + utoipa::PartialSchema,
{
    let responses = apierror::openapi::responses::<T>();
    let components = apierror::openapi::components::<T>();
    assert_eq!(
        components,
        json!({ "schemas": { name: <E as Envelope>::schema() } }),
        "{name}"
    );
    assert_eq!(E::CONTENT_TYPE, content_type, "{name}");
    let doc = hand_document(responses.clone(), components);
    expect_valid(name, validate_document(&doc));
    let checked = expect_valid(name, validate_examples(&doc));
    assert_eq!(checked, apierror::all_codes::<T>().len(), "{name}");
    assert_eq!(checked, 16, "{name}");

    check_structure::<T>(name, &responses, name, content_type, &X_RATE_LIMIT);
    if name != "DataErrorMeta" {
        // The same each time (DataErrorMeta's timestamps aside: `examples_are_the_same_each_time`).
        assert_eq!(responses, apierror::openapi::responses::<T>(), "{name}");
    }
    let through_utoipa = utoipa_responses::<T>();
    assert_same_json(
        &format!("{name}: IntoResponses vs responses()"),
        &without_timestamps(&through_utoipa),
        &without_timestamps(&responses),
    );

    // The same document from utoipa's side: `IntoResponses` and `ToSchema`.
    let schema = serde_json::to_value(<E as utoipa::PartialSchema>::schema())
        .expect("the utoipa schema serializes");
    let doc = hand_document(through_utoipa, json!({ "schemas": { name: schema } }));
    expect_valid(&format!("{name} (utoipa)"), validate_document(&doc));
    assert_eq!(
        expect_valid(&format!("{name} (utoipa)"), validate_examples(&doc)),
        checked,
        "{name} (utoipa)"
    );

    // OData's own header, on every response and only for OData.
    for (status, response) in responses.as_object().expect("responses") {
        assert_eq!(
            response["headers"].get("x-ms-error-code").is_some(),
            name == "OData",
            "{name} {status}"
        );
    }
}

macro_rules! envelope_documents {
    ($($module:ident => $envelope:ident, $content_type:literal;)+) => {$(
        mod $module {
            use super::{Duration, RateLimit, Violation};

            /// Errors of the hand-built document of one envelope.
            #[derive(Debug, thiserror::Error, apierror::ApiError)]
            #[api(
                envelope = apierror::envelope::$envelope,
                domain = "things.example.com",
                type_base = "https://errors.example.com/things/"
            )]
            #[allow(dead_code)]
            pub enum ThingError {
                /// The thing does not exist.
                #[error("thing {id} not found")]
                #[api(status = 404, help = "Check the id.")]
                ThingNotFound {
                    #[api(detail)]
                    id: u64,
                },
                /// The thing failed validation.
                #[error("invalid thing")]
                #[api(status = 422, code = "INVALID_THING", title = "Invalid thing")]
                InvalidThing {
                    #[api(violations)]
                    violations: Vec<Violation>,
                },
                /// Another thing has this name.
                #[error("the name {name} is taken by {owner}")]
                #[api(status = 409, grpc = "ALREADY_EXISTS")]
                NameTaken {
                    #[api(detail)]
                    name: String,
                    #[api(detail = "owner_id")]
                    owner: u32,
                },
                /// Too many requests.
                #[error("rate limited")]
                #[api(status = 429, code = "RATE_LIMITED", message = "retry in {wait:?}")]
                RateLimited {
                    #[api(retry_after)]
                    wait: Duration,
                    #[api(rate_limit)]
                    limit: RateLimit,
                },
                /// Down for maintenance.
                #[error("maintenance")]
                #[api(status = 503, retry_after = 120, expose)]
                Maintenance,
                /// The server failed.
                #[error("database: {0}")]
                #[api(status = 500, retryable)]
                Database(#[source] std::io::Error),
                #[error(transparent)]
                #[api(transparent)]
                Rejected(#[from] apierror::Rejection),
            }

            #[test]
            fn hand_built_document() {
                super::check_envelope::<ThingError, apierror::envelope::$envelope>(
                    stringify!($envelope),
                    $content_type,
                );
            }
        }
    )+};
}

envelope_documents! {
    data_error_meta => DataErrorMeta, "application/json";
    error_code => ErrorCode, "application/json";
    error_flag => ErrorFlag, "application/json";
    error_message => ErrorMessage, "application/json";
    error_object => ErrorObject, "application/json";
    google => Google, "application/json";
    json_api => JsonApi, "application/vnd.api+json";
    odata => OData, "application/json";
    problem => Problem, "application/problem+json";
}

// ---------------------------------------------------------------------------------------------
// 5. A real server
// ---------------------------------------------------------------------------------------------

const MARKDOWN: &str = "text/markdown; charset=utf-8";

fn docs_app() -> axum::Router {
    use axum::http::header::CONTENT_TYPE;
    axum::Router::new()
        .route(
            "/openapi.json",
            axum::routing::get(|| async {
                ([(CONTENT_TYPE, "application/json")], app_openapi::json())
            }),
        )
        .route(
            "/errors",
            axum::routing::get(|| async {
                (
                    [(CONTENT_TYPE, MARKDOWN)],
                    apierror::catalog::<AppError>().markdown(),
                )
            }),
        )
}

#[tokio::test]
async fn a_server_serves_the_document_and_the_catalog() {
    let server = AxumServer::start(docs_app()).await;
    let client = client();

    let document = Received::of(client.get(format!("{}/openapi.json", server.base()))).await;
    assert_eq!(document.status, 200, "{document:?}");
    assert_eq!(document.header("content-type"), "application/json");
    assert_eq!(document.body, app_openapi::json().into_bytes());
    let served = document.json();
    assert_eq!(served, app_document());
    expect_valid("the served document", validate_document(&served));
    assert_eq!(
        expect_valid("the served examples", validate_examples(&served)),
        22
    );

    let errors = Received::of(client.get(format!("{}/errors", server.base()))).await;
    assert_eq!(errors.status, 200, "{errors:?}");
    assert_eq!(errors.header("content-type"), MARKDOWN);
    let markdown = apierror::catalog::<AppError>().markdown();
    assert_eq!(errors.body, markdown.as_bytes());
    // The page names every code of the tree.
    for code in apierror::all_codes::<AppError>() {
        assert!(errors.text().contains(&format!("`{code}`")), "{code}");
    }
}
