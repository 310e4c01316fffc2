//! OpenAPI 3.1 responses from the error catalog: one response per status, every code under it
//! as a named example, the envelope's schema as a component, and the headers each status may
//! carry.
//!
//! Without any OpenAPI crate, [`responses`] gives the Responses Object as JSON (for aide,
//! poem-openapi or a hand-built document) and [`components`] the schema it refers to. With the
//! `utoipa` feature the derive also implements `utoipa::IntoResponses`, each envelope
//! `utoipa::ToSchema`, and [`subset!`] names the codes of one operation.
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
//! assert_eq!(not_found["schema"]["$ref"], "#/components/schemas/Problem");
//! assert_eq!(not_found["examples"]["USER_NOT_FOUND"]["summary"], "The user does not exist.");
//! assert!(responses["429"]["headers"]["Retry-After"].is_object());
//! assert!(responses["404"]["headers"].get("Retry-After").is_none());
//!
//! let components = apierror::openapi::components::<AppError>();
//! assert_eq!(components["schemas"]["Problem"], apierror::envelope::Problem::schema());
//! # use apierror::envelope::Envelope as _;
//! ```

use std::collections::BTreeMap;

use serde_json::{json, Map, Value};

use crate::api_error::ApiError;
use crate::catalog::{catalog, Catalog, FieldRole, Record};
use crate::codes::ErrorCodes;
use crate::envelope::X_REQUEST_ID;
use crate::render::UsesEnvelope;

#[doc(hidden)]
pub mod glue;
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

    /// The catalog of these codes.
    #[must_use]
    fn catalog() -> Catalog {
        catalog::<Self::Of>().only(Self::CODES)
    }

    /// Their OpenAPI 3.1 Responses Object, as JSON.
    #[must_use]
    fn responses() -> Value {
        Self::catalog().openapi_responses()
    }
}

/// Declares a [`Subset`]: a unit struct naming some codes of an error type, checked at
/// compile time (a code that is not the type's is an error naming it). With the `utoipa`
/// feature it implements `utoipa::IntoResponses`, for `#[utoipa::path(responses(...))]`.
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
    #[must_use]
    pub fn openapi_responses(&self) -> Value {
        let mut by_status: BTreeMap<u16, Vec<&Record>> = BTreeMap::new();
        for record in self.records() {
            by_status
                .entry(record.entry().status)
                .or_default()
                .push(record);
        }
        let responses: Map<String, Value> = by_status
            .into_iter()
            .map(|(status, records)| (status.to_string(), self.response(&records)))
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

    fn response(&self, records: &[&Record]) -> Value {
        let reason = records[0]
            .entry()
            .status_code()
            .canonical_reason()
            .unwrap_or("Error");
        let codes: Vec<String> = records
            .iter()
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
        let mut content = Map::new();
        content.insert(
            self.envelope.content_type.to_owned(),
            json!({
                "schema": { "$ref": format!("#/components/schemas/{}", self.envelope.name) },
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

/// The headers some response of these codes may carry, each described.
fn headers(catalog: &Catalog, records: &[&Record]) -> Value {
    let mut headers = Map::new();
    if records.iter().any(|r| r.entry().may_have_retry_after()) {
        headers.insert(
            "Retry-After".to_owned(),
            header(
                "How long to wait before retrying, in whole seconds (sent when the delay is known).",
                &json!({ "type": "integer", "minimum": 0 }),
            ),
        );
    }
    if records.iter().any(|r| r.entry().has(FieldRole::RateLimit)) {
        for (name, description) in catalog.api.rate_limit_headers.documented() {
            let schema = if name.starts_with("X-") {
                json!({ "type": "integer", "minimum": 0 })
            } else {
                json!({ "type": "string" })
            };
            headers.insert((*name).to_owned(), header(description, &schema));
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
            &json!({ "type": "string" }),
        ),
    );
    Value::Object(headers)
}

fn header(description: &str, schema: &Value) -> Value {
    json!({ "description": description, "schema": schema })
}
