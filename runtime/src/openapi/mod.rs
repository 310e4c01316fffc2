//! OpenAPI 3.1 responses from the error catalog: one response per status, every code under it
//! as a named example, a schema per code, and the headers each status may carry.
//!
//! Without any OpenAPI crate, [`responses`] gives the Responses Object as JSON (for aide,
//! poem-openapi or a hand-built document) and [`components`] the schema it refers to. With the
//! `utoipa` feature the derive also implements `utoipa::IntoResponses`, each envelope
//! `utoipa::ToSchema`, and [`subset!`] names the codes of one operation.
//!
//! # Every response declared
//!
//! The responses list what the crate itself answers too: the renderer's `INTERNAL_ERROR`
//! (in every catalog) under `5XX`, and under `500` as well, the status the renderer gives it
//! when an error cannot be rendered (so every operation declares a `500`, as OWASP's API
//! security rules ask); and, for a type that wraps [`Rejection`](crate::Rejection),
//! `REQUEST_REJECTED` under `4XX`: the request-context middleware's `all_errors_as` makes
//! them from a bare status (a timeout layer's 408 or 503), so their status is
//! [open](crate::catalog::Entry::open_status), and each is also a possible body of every
//! listed status of its class. Every [`subset!`] adds these two, so each operation documented
//! with the type or a subset declares them. `ROUTE_NOT_FOUND` and `METHOD_NOT_ALLOWED` answer
//! requests no operation matches: the catalog lists them, no operation's responses do.
//!
//! # Codes typed for clients
//!
//! Each response's schema is a `oneOf` of one schema per code: `allOf` the envelope's `$ref`
//! and the code, where the envelope writes it, as a one-value `enum`, with each detail field
//! typed from its Rust type (`u64` an integer of format `uint64` from 0 to 2^64 - 1, each
//! integer type its range and its OpenAPI Format Registry format, `Option<T>` also `null`,
//! `Vec<T>` an array, `[T; N]` one of `N` items; a type the catalog cannot read is left out).
//! The bounds are the Rust type's, which the renderer writes in full, so each is true; a
//! `String` detail has none, as apierror knows none. openapi-typescript makes it
//! a union narrowed by `code`, so a misspelled code does not compile. It is a `oneOf` rather
//! than the envelope with an `enum` of the status's codes because only a schema per code can
//! say which details come with which code. Tools that compare documents (oasdiff) report a new
//! `oneOf` branch and a new `enum` value in a response alike, as a change a client with an
//! exhaustive `switch` must handle; the catalog's rule that a new code breaks no client
//! assumes a client that, as it must, handles an unknown code by its status: keep a default
//! branch, and read oasdiff's finding for a new code as that reminder. The JSON:API and Google
//! envelopes carry the code inside an array, which utoipa's schema types cannot constrain:
//! their responses keep the envelope's bare `$ref`.
//!
//! The examples carry values of each detail's JSON type (`"id": 42`), so they validate
//! against their own schema, and a mock server serving them answers bodies the schema takes.
//!
//! # OpenAPI 3.2
//!
//! The responses are the same in OpenAPI 3.2, which utoipa 6 writes on request: set
//! `doc.openapi = utoipa::openapi::OpenApiVersion::Version32` on the built document.
//!
//! ```
//! #[derive(Debug, thiserror::Error, apierror::ApiError)]
//! #[api(envelope = apierror::envelope::Problem)]
//! enum AppError {
//!     /// The user does not exist.
//!     #[error("user {id} not found")]
//!     #[api(status = 404, help = "Check the id.")]
//!     UserNotFound {
//!         #[api(detail)]
//!         id: u64,
//!     },
//!     /// Too many requests.
//!     #[error("slow down")]
//!     #[api(status = 429, code = "RATE_LIMITED", retry_after = 30)]
//!     RateLimited,
//! }
//!
//! let responses = apierror::openapi::responses::<AppError>();
//! let not_found = &responses["404"]["content"]["application/problem+json"];
//! // One code at 404: its schema is the envelope with the code and the typed detail.
//! assert_eq!(not_found["schema"]["allOf"][0]["$ref"], "#/components/schemas/Problem");
//! let shape = &not_found["schema"]["allOf"][1];
//! assert_eq!(shape["properties"]["code"]["enum"][0], "USER_NOT_FOUND");
//! assert_eq!(shape["properties"]["id"]["type"], "integer");
//! assert_eq!(not_found["examples"]["USER_NOT_FOUND"]["value"]["id"], 42);
//! assert_eq!(not_found["examples"]["USER_NOT_FOUND"]["summary"], "The user does not exist.");
//! assert!(responses["429"]["headers"]["Retry-After"].is_object());
//! assert!(responses["404"]["headers"].get("Retry-After").is_none());
//! // The renderer's own code, at any 5xx.
//! assert!(responses["5XX"]["content"]["application/problem+json"]["examples"]["INTERNAL_ERROR"].is_object());
//!
//! let components = apierror::openapi::components::<AppError>();
//! assert_eq!(components["schemas"]["Problem"], apierror::envelope::Problem::schema());
//! # use apierror::envelope::Envelope as _;
//! ```

use std::collections::BTreeMap;

use serde_json::{json, Map, Value};

use crate::api_error::ApiError;
use crate::catalog::{catalog, Catalog, FieldRole, JsonType, Record};
use crate::codes::ErrorCodes;
use crate::envelope::X_REQUEST_ID;
use crate::render::UsesEnvelope;

#[doc(hidden)]
pub mod glue;
mod shape;
#[cfg(feature = "utoipa")]
mod utoipa;
#[cfg(feature = "utoipa")]
#[cfg_attr(docsrs, doc(cfg(feature = "utoipa")))]
pub use self::utoipa::responses as utoipa_responses;

/// The codes one operation can answer with, out of an error type's: declare one with
/// [`subset!`], which checks the codes at compile time.
pub trait Subset {
    /// The error type the codes are of.
    type Of: ErrorCodes + ApiError + UsesEnvelope;
    /// The codes.
    const CODES: &'static [&'static str];

    /// The catalog of these codes, and of the codes every operation can answer: those whose
    /// status is [open](crate::catalog::Entry::open_status) (`INTERNAL_ERROR` at any 5xx;
    /// `REQUEST_REJECTED` at any 4xx when the type wraps [`Rejection`](crate::Rejection)).
    /// They are the framework's, not the handler's, so no operation can promise not to answer
    /// them; listed under `4XX` / `5XX`, they leave every specific status to the handler's.
    #[must_use]
    fn catalog() -> Catalog {
        let all = catalog::<Self::Of>();
        let mut codes: Vec<&str> = Self::CODES.to_vec();
        codes.extend(
            all.records()
                .iter()
                .map(crate::catalog::Record::entry)
                .filter(|e| e.open_status && !codes.contains(&e.code))
                .map(|e| e.code)
                .collect::<Vec<_>>(),
        );
        all.only(&codes)
    }

    /// Their OpenAPI 3.1 Responses Object, as JSON.
    #[must_use]
    fn responses() -> Value {
        Self::catalog().openapi_responses()
    }
}

/// Declares a [`Subset`]: a unit struct naming some codes of an error type, checked at
/// compile time (a code that is not the type's is an error naming it; `INTERNAL_ERROR` always
/// is one). With the `utoipa` feature it implements `utoipa::IntoResponses`, for
/// `#[utoipa::path(responses(...))]`.
///
/// Its responses add the framework's own, which every operation can answer (see
/// [`Subset::catalog`]): so an empty list, `[]`, documents an operation whose handler never
/// fails with nothing but those.
///
/// ```
/// #[derive(Debug, thiserror::Error, apierror::ApiError)]
/// enum AppError {
///     #[error("user not found")]
///     #[api(status = 404)]
///     UserNotFound,
///     #[error("slow down")]
///     #[api(status = 429, code = "RATE_LIMITED")]
///     RateLimited,
///     #[error("name taken")]
///     #[api(status = 409)]
///     NameTaken,
/// }
///
/// apierror::openapi::subset! {
///     /// What `GET /users/{id}` can answer.
///     struct GetUserErrors of AppError: ["USER_NOT_FOUND", "RATE_LIMITED"];
/// }
///
/// use apierror::openapi::Subset as _;
/// let responses = GetUserErrors::responses();
/// assert!(responses.get("404").is_some() && responses.get("429").is_some());
/// assert!(responses.get("409").is_none());
/// // The renderer's own code, at any 5xx, comes with every subset.
/// assert!(responses["5XX"]["content"]["application/json"]["examples"]["INTERNAL_ERROR"].is_object());
/// ```
///
/// ```compile_fail
/// # #[derive(Debug, thiserror::Error, apierror::ApiError)]
/// # enum AppError { #[error("user not found")] #[api(status = 404)] UserNotFound }
/// apierror::openapi::subset! {
///     struct Typo of AppError: ["USER_NOT_FOUN"]; // "USER_NOT_FOUN" is not a code
/// }
/// ```
#[doc(inline)]
pub use crate::__apierror_subset as subset;

/// The OpenAPI 3.1 Responses Object of every code of `T`, as JSON: `{"404": {...}, ...}`.
///
/// Each response refers to the envelope's schema as `#/components/schemas/<Envelope>`; add it
/// from [`components`] (or, with utoipa, `components(schemas(apierror::envelope::Problem))`).
#[must_use]
pub fn responses<T: ErrorCodes + ApiError + UsesEnvelope>() -> Value {
    catalog::<T>().openapi_responses()
}

/// The Components Object the [`responses`] of `T` refer to: `{"schemas": {"<Envelope>": …}}`.
#[must_use]
pub fn components<T: ErrorCodes + ApiError + UsesEnvelope>() -> Value {
    catalog::<T>().openapi_components()
}

impl Catalog {
    /// The OpenAPI 3.1 Responses Object of this catalog's codes, keyed by status; see
    /// [`responses`]. Combine with [`Catalog::only`] for one operation's codes.
    ///
    /// A code whose status is [open](crate::catalog::Entry::open_status) is listed under its
    /// class (`5XX`) and, as a possible body, with every status of that class the catalog has
    /// (a bare 503 is `INTERNAL_ERROR` even where the type has a 503 of its own); one whose
    /// own status is 500 (`INTERNAL_ERROR`) is also listed, with its example, under `500`,
    /// which is therefore always declared; a [routing](crate::catalog::Entry::routing) code is
    /// left out, as no operation answers it.
    #[must_use]
    pub fn openapi_responses(&self) -> Value {
        let listed: Vec<&Record> = self
            .records()
            .iter()
            .filter(|r| !r.entry().routing)
            .collect();
        let mut by_key: BTreeMap<String, Vec<&Record>> = BTreeMap::new();
        for record in &listed {
            let entry = record.entry();
            by_key.entry(entry.response_key()).or_default().push(record);
            // An open code whose own status is 500 (`INTERNAL_ERROR`: the renderer answers
            // exactly 500 whenever an error cannot be rendered) also has the 500 of its own,
            // so every operation declares a `500` beside `5XX`.
            if entry.open_status && entry.status == 500 {
                by_key.entry("500".to_owned()).or_default().push(record);
            }
        }
        let responses: Map<String, Value> = by_key
            .iter()
            .map(|(key, records)| {
                // The open codes of this status's class, which may come with it too.
                let also: Vec<&Record> = listed
                    .iter()
                    .filter(|r| {
                        let entry = r.entry();
                        entry.open_status
                            && !key.ends_with("XX")
                            && key.starts_with(&(entry.status / 100).to_string())
                            && !records.iter().any(|own| std::ptr::eq(*own, **r))
                    })
                    .copied()
                    .collect();
                (key.clone(), self.response(key, records, &also))
            })
            .collect();
        Value::Object(responses)
    }

    /// The Components Object with the envelope's schema; see [`components`].
    #[must_use]
    pub fn openapi_components(&self) -> Value {
        json!({ "schemas": { self.envelope.name: (self.envelope.schema)() } })
    }

    /// The name the envelope's schema has among the components (`Problem`).
    #[must_use]
    pub fn schema_name(&self) -> &'static str {
        self.envelope.name
    }

    /// The response of `records` (listed under `key`), whose body may also be one of `also`'s
    /// (open codes of the same class: in the schema and the description, without an example,
    /// whose status would not be this one).
    fn response(&self, key: &str, records: &[&Record], also: &[&Record]) -> Value {
        let reason = if key.ends_with("XX") {
            if key.starts_with('4') {
                "Client error"
            } else {
                "Server error"
            }
        } else {
            records[0]
                .entry()
                .status_code()
                .canonical_reason()
                .unwrap_or("Error")
        };
        let codes: Vec<String> = records
            .iter()
            .chain(also)
            .map(|r| format!("`{}`", r.entry().code))
            .collect();
        let examples: Map<String, Value> = records
            .iter()
            .map(|record| {
                let entry = record.entry();
                let summary = if entry.summary.is_empty() {
                    entry.title()
                } else {
                    entry.summary
                };
                let mut example =
                    json!({ "summary": summary, "value": record.example().body_json() });
                if let Some(help) = entry.help {
                    example["description"] = Value::String(help.to_owned());
                }
                (entry.code.to_owned(), example)
            })
            .collect();
        let envelope_ref = format!("#/components/schemas/{}", self.envelope.name);
        let mut content = Map::new();
        content.insert(
            self.envelope.content_type.to_owned(),
            json!({
                "schema": schema(&envelope_ref, records, also),
                "examples": examples,
            }),
        );
        json!({
            "description": format!("{reason}: {}", codes.join(", ")),
            "headers": headers(self, records),
            "content": content,
        })
    }
}

/// The schema of a response of these codes: one code's own schema, else a `oneOf` of them,
/// which a client generator turns into a union told apart by the code (`const` in each);
/// the envelope's bare `$ref` when its examples do not carry the code.
///
/// `oneOf` rather than the envelope with an `enum` of codes: only a schema per code can say
/// which details come with which code. Both are the same change to tools that compare
/// documents (oasdiff reports a new `enum` value and a new `oneOf` branch in a response
/// alike), and the catalog's rule that a new code does not break a client still holds for
/// one that, as it must, handles an unknown code by its status.
fn schema(envelope_ref: &str, records: &[&Record], also: &[&Record]) -> Value {
    let branches: Option<Vec<Value>> = records
        .iter()
        .chain(also)
        .map(|record| shape::code_schema(record, envelope_ref))
        .collect();
    match branches {
        Some(mut branches) if branches.len() == 1 => branches.remove(0),
        Some(branches) => json!({ "oneOf": branches }),
        None => json!({ "$ref": envelope_ref }),
    }
}

/// The headers some response of these codes may carry, each described.
fn headers(catalog: &Catalog, records: &[&Record]) -> Value {
    let mut headers = Map::new();
    if records.iter().any(|r| r.entry().may_have_retry_after()) {
        headers.insert(
            "Retry-After".to_owned(),
            header(
                "How long to wait before retrying, in whole seconds (sent when the delay is known).",
                // Rounded up and capped at 2^53 - 1, as the renderer writes it.
                &json!({
                    "type": "integer",
                    "format": "int64",
                    "minimum": 0,
                    "maximum": 9_007_199_254_740_991_u64,
                }),
            ),
        );
    }
    if records.iter().any(|r| r.entry().has(FieldRole::RateLimit)) {
        for (name, description) in catalog.api.rate_limit_headers.documented() {
            headers.insert(
                (*name).to_owned(),
                header(description, &rate_limit_schema(name)),
            );
        }
    }
    // The envelope's own headers, as its examples show them (OData's `x-ms-error-code`).
    for record in records {
        for (name, _) in record.example().headers() {
            let own = !matches!(name.as_str(), "content-type" | "retry-after")
                && !headers.keys().any(|k| k.eq_ignore_ascii_case(name));
            if own {
                headers.insert(
                    name.clone(),
                    header("Set by the error format.", &json!({ "type": "string" })),
                );
            }
        }
    }
    headers.insert(
        X_REQUEST_ID.to_owned(),
        header(
            "The request's id, the client's own when it sent one (with the request-context middleware).",
            // What the middleware keeps or makes: 1 to 128 visible ASCII characters.
            &json!({
                "type": "string",
                "minLength": 1,
                "maxLength": 128,
                "pattern": "^[!-~]+$",
            }),
        ),
    );
    Value::Object(headers)
}

/// The schema of a rate-limit header, as `rate_limit::write_headers` writes it from a
/// [`RateLimit`](crate::RateLimit)'s `u64`s: each `X-RateLimit-*` one in decimal; the IETF
/// fields in one shape each, a `u64` being 1 to 20 digits.
fn rate_limit_schema(name: &str) -> Value {
    match name {
        // `"default";r=<remaining>;t=<seconds to reset>`
        "RateLimit" => json!({
            "type": "string",
            "minLength": 17,
            "maxLength": 55,
            "pattern": "^\"default\";r=[0-9]{1,20};t=[0-9]{1,20}$",
        }),
        // `"default";q=<limit>[;w=<window>]`
        "RateLimit-Policy" => json!({
            "type": "string",
            "minLength": 13,
            "maxLength": 55,
            "pattern": "^\"default\";q=[0-9]{1,20}(;w=[0-9]{1,20})?$",
        }),
        _ => JsonType::of("u64").schema(),
    }
}

fn header(description: &str, schema: &Value) -> Value {
    json!({ "description": description, "schema": schema })
}
