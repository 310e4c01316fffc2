//! The error catalog: every code of an error type, described from the same attributes that
//! render it, as the page an API's documentation shows and as JSON records for tools.
//!
//! The derive describes each code as `const` data ([`Entry`]): its status, the variant's doc
//! comment (the first paragraph is the summary), `help = "..."` (what the client should do),
//! the retry data, the problem type, the message template as written and the fields that reach
//! the wire. [`catalog`](fn@crate::catalog) gathers the entries of a whole error tree, through
//! `transparent` variants, and renders an example body of each in the type's own envelope.
//!
//! ```
//! /// Errors of the user service.
//! #[derive(Debug, thiserror::Error, apierror::ApiError)]
//! #[api(envelope = apierror::envelope::Problem)]
//! enum AppError {
//!     /// The user does not exist.
//!     ///
//!     /// Ids are never reused.
//!     #[error("user {id} not found")]
//!     #[api(status = 404, help = "Check the id; list users with `GET /users`.")]
//!     UserNotFound {
//!         #[api(detail)]
//!         id: u64,
//!     },
//!     /// Too many requests in the current window.
//!     #[error("slow down")]
//!     #[api(status = 429, code = "RATE_LIMITED", retry_after = 30)]
//!     RateLimited,
//! }
//!
//! let catalog = apierror::catalog::<AppError>();
//! let entry = catalog.entry("USER_NOT_FOUND").unwrap();
//! assert_eq!(entry.status, 404);
//! assert_eq!(entry.summary, "The user does not exist.");
//! assert_eq!(entry.description, "Ids are never reused.");
//! assert_eq!(entry.message, Some("user {id} not found"));
//!
//! // The example is rendered by the envelope itself: the template as written, the detail a
//! // value of its type.
//! assert_eq!(
//!     catalog.records()[0].example().body(),
//!     r#"{"type":"about:blank","title":"Not Found","status":404,"detail":"user {id} not found","code":"USER_NOT_FOUND","id":42}"#
//! );
//! assert!(catalog.markdown().contains("| `RATE_LIMITED` | 429 | RESOURCE_EXHAUSTED | Too many requests in the current window. |"));
//! ```
//!
//! # Codes are a public contract
//!
//! Clients branch on codes, so a removed code, a changed status or a switched `retryable` breaks
//! them; a new code does not. [`assert_compatible`] checks the current catalog against one saved
//! in the repository, in one line of a test.

use core::fmt;
use std::marker::PhantomData;
use std::time::Duration;

use http::StatusCode;

use crate::api_error::{Api, ApiError, Descriptor};
use crate::codes::ErrorCodes;
use crate::envelope::{Envelope, RequestInfo};
use crate::render::UsesEnvelope;
use crate::violation::Violation;
use crate::writer::{Details, Message, WriteError};

pub use crate::codes::{Entry, Field, FieldRole};

mod compat;
mod json_type;
mod markdown;

pub(crate) use json_type::JsonType;

pub use compat::{assert_compatible, Break};

/// Every code of `T`'s tree, depth first in declaration order, each with an example response
/// in `T`'s envelope: `apierror::catalog::<AppError>()`. The renderer's own
/// [`INTERNAL_ERROR`](INTERNAL_ERROR_ENTRY) comes last, unless the tree has that code itself.
///
/// For an error type that does not derive `ApiError`, [`Catalog::of`] names the envelope.
#[must_use]
pub fn catalog<T: ErrorCodes + ApiError + UsesEnvelope>() -> Catalog {
    Catalog::of::<T, T::Envelope>()
}

/// The code apierror itself answers with when it cannot answer the error it was given: a
/// status that is not an error, a body the envelope could not write, a panic (see
/// [`render`](crate::render())); and, behind the request-context middleware's
/// `all_errors_as`, any 5xx the application did not render (a timeout layer's 503). Its
/// status is [open](Entry::open_status): any 5xx, 500 the most common.
///
/// ```
/// #[derive(Debug, thiserror::Error, apierror::ApiError)]
/// enum AppError {
///     #[error("not found")]
///     #[api(status = 404)]
///     NotFound,
/// }
///
/// let catalog = apierror::catalog::<AppError>();
/// assert_eq!(catalog.entry("INTERNAL_ERROR"), Some(&apierror::catalog::INTERNAL_ERROR_ENTRY));
/// assert_eq!(apierror::catalog::INTERNAL_ERROR_ENTRY.response_key(), "5XX");
/// ```
pub static INTERNAL_ERROR_ENTRY: Entry = Entry::new(crate::api_error::INTERNAL_ERROR, 500)
    .with_docs(
        "The server could not answer the request, and says nothing of why.",
        "Made by apierror itself (a failure to render the real error, a panic) or, behind \
         `all_errors_as`, from a 5xx the application did not render (a timeout, load \
         shedding): its status is any 5xx. The server's log has the cause under the \
         response's `x-request-id`.",
    )
    .with_help("If it persists, report the response's `x-request-id` header.")
    .with_message("Internal Server Error")
    .with_open_status();

/// The described codes of an error type; see the [module](self).
#[derive(Clone, Debug)]
pub struct Catalog {
    about: &'static str,
    records: Vec<Record>,
    pub(crate) api: Api,
    pub(crate) envelope: EnvelopeInfo,
}

/// What the OpenAPI rendering needs of the envelope the examples are in.
#[derive(Clone, Copy, Debug)]
pub(crate) struct EnvelopeInfo {
    /// The type's name without its path: the schema component's name.
    pub(crate) name: &'static str,
    pub(crate) content_type: &'static str,
    pub(crate) schema: fn() -> serde_json::Value,
}

impl EnvelopeInfo {
    fn of<E: Envelope>() -> Self {
        let full = core::any::type_name::<E>();
        let path = full.split_once('<').map_or(full, |(path, _)| path);
        EnvelopeInfo {
            name: path.rsplit_once("::").map_or(path, |(_, name)| name),
            content_type: E::CONTENT_TYPE,
            schema: E::schema,
        }
    }
}

/// One code of a [`Catalog`]: its entry and an example response.
#[derive(Clone, Debug)]
pub struct Record {
    entry: &'static Entry,
    example: Example,
}

/// An example response of one code, rendered from its entry by the envelope itself: the
/// message is the template as written (`user {id} not found`), each detail a value of its
/// JSON type (`42` for an integer, `true`, `[42]`; the placeholder `"{name}"` for a string or
/// a type the catalog cannot read), the violations one placeholder `{field}` / `{message}`, the request id
/// `{request_id}`, the delay the constant one when there is one.
#[derive(Clone, Debug)]
pub struct Example {
    status: StatusCode,
    headers: Vec<(String, String)>,
    body: String,
}

impl Catalog {
    /// The catalog of `T`'s tree with examples in the envelope `E`.
    #[must_use]
    pub fn of<T: ErrorCodes + ApiError, E: Envelope>() -> Self {
        let mut entries = T::CODES.entries();
        // Every type can answer the renderer's own 500 (and, behind `all_errors_as`, a bare
        // 5xx), so every catalog lists it: documented, it is no surprise to a client.
        if !entries.iter().any(|e| e.code == INTERNAL_ERROR_ENTRY.code) {
            entries.push(&INTERNAL_ERROR_ENTRY);
        }
        let records = entries
            .into_iter()
            .map(|entry| Record {
                entry,
                example: Example::render::<T, E>(entry),
            })
            .collect();
        Catalog {
            about: T::CODES.about,
            records,
            api: T::API,
            envelope: EnvelopeInfo::of::<E>(),
        }
    }

    /// The same catalog with only `codes`, in this catalog's order: the errors one operation
    /// can answer with.
    ///
    /// # Panics
    ///
    /// When a code is not in the catalog, naming it (a typo would otherwise document nothing).
    /// The [`subset!`](crate::openapi::subset) macro checks its codes at compile time instead.
    #[must_use]
    #[track_caller]
    pub fn only(&self, codes: &[&str]) -> Catalog {
        for code in codes {
            assert!(
                self.entry(code).is_some(),
                "`{code}` is not a code of this error type; its codes are: {}",
                self.records
                    .iter()
                    .map(|r| r.entry.code)
                    .collect::<Vec<_>>()
                    .join(", ")
            );
        }
        Catalog {
            records: self
                .records
                .iter()
                .filter(|r| codes.contains(&r.entry.code))
                .cloned()
                .collect(),
            ..self.clone()
        }
    }

    /// The error type's doc comment: the introduction of the page.
    #[must_use]
    pub fn about(&self) -> &'static str {
        self.about
    }

    /// Every code, in declaration order.
    #[must_use]
    pub fn records(&self) -> &[Record] {
        &self.records
    }

    /// The entry of `code`.
    #[must_use]
    pub fn entry(&self, code: &str) -> Option<&'static Entry> {
        self.records
            .iter()
            .find(|r| r.entry.code == code)
            .map(|r| r.entry)
    }

    /// The records ordered as the page lists them: by status, then code.
    #[must_use]
    pub fn by_status(&self) -> Vec<&Record> {
        let mut sorted: Vec<&Record> = self.records.iter().collect();
        sorted.sort_by_key(|r| (r.entry.status, r.entry.code));
        sorted
    }

    /// The catalog as JSON: `{"about":…,"codes":[record…]}`, one record per code in
    /// declaration order, each with `code`, `status`, `title`, `summary`, `description`,
    /// `help`, `retryable`, `retry_after` (seconds or `null`), `type` (the problem type URI,
    /// `about:blank` when none), `grpc` (the gRPC name Google's envelope writes), `message`,
    /// `fields` (`name`, `type`, `role`) and `example` (`status`, `headers`, and `body` as
    /// parsed JSON, whose members a JSON writer may reorder: the Markdown shows the bytes).
    ///
    /// This is the format [`assert_compatible`] reads back; it also `Serialize`s this way.
    #[must_use]
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "about": self.about,
            "codes": self.records.iter().map(Record::to_json).collect::<Vec<_>>(),
        })
    }

    /// [`to_json`](Self::to_json), pretty-printed with a final newline: what a saved catalog
    /// file holds.
    #[must_use]
    pub fn to_json_string(&self) -> String {
        let mut text = serde_json::to_string_pretty(&self.to_json()).unwrap_or_default();
        text.push('\n');
        text
    }
}

impl serde::Serialize for Catalog {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.to_json().serialize(serializer)
    }
}

impl Record {
    /// What the code is.
    #[must_use]
    pub fn entry(&self) -> &'static Entry {
        self.entry
    }

    /// An example response.
    #[must_use]
    pub fn example(&self) -> &Example {
        &self.example
    }

    fn to_json(&self) -> serde_json::Value {
        let entry = self.entry;
        let fields: Vec<serde_json::Value> = entry
            .fields
            .iter()
            .map(|f| serde_json::json!({"name": f.name, "type": f.rust_type, "role": f.role.key()}))
            .collect();
        serde_json::json!({
            "code": entry.code,
            "status": entry.status,
            "title": entry.title(),
            "summary": entry.summary,
            "description": entry.description,
            "help": entry.help,
            "retryable": entry.retryable,
            "retry_after": entry.retry_after.map(|d| d.as_secs() + u64::from(d.subsec_nanos() > 0)),
            "type": entry.descriptor.type_uri.unwrap_or("about:blank"),
            "grpc": entry.grpc(),
            "message": entry.message,
            "fields": fields,
            "example": self.example.to_json(),
        })
    }
}

impl Example {
    fn render<T: ApiError, E: Envelope>(entry: &'static Entry) -> Self {
        let response = crate::render::render::<E>(
            &Described::<T> {
                entry,
                violations: if entry.has(FieldRole::Violations) {
                    vec![Violation::field("{field}", "{message}")]
                } else {
                    Vec::new()
                },
                api: PhantomData,
            },
            &RequestInfo::new().with_request_id("{request_id}"),
        );
        let headers = response
            .headers()
            .iter()
            .map(|(name, value)| {
                (
                    name.as_str().to_owned(),
                    String::from_utf8_lossy(value.as_bytes()).into_owned(),
                )
            })
            .collect();
        Example {
            status: response.status(),
            headers,
            body: String::from_utf8_lossy(response.body()).into_owned(),
        }
    }

    /// The status.
    #[must_use]
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The headers the envelope and the renderer set, lowercase names in order.
    #[must_use]
    pub fn headers(&self) -> &[(String, String)] {
        &self.headers
    }

    /// The header `name` (lowercase), when set.
    #[must_use]
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The body, exactly as the envelope writes it.
    #[must_use]
    pub fn body(&self) -> &str {
        &self.body
    }

    /// The body as a JSON value (`null` if the envelope wrote something that is not JSON).
    #[must_use]
    pub fn body_json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or(serde_json::Value::Null)
    }

    fn to_json(&self) -> serde_json::Value {
        let headers: serde_json::Map<String, serde_json::Value> = self
            .headers
            .iter()
            .map(|(n, v)| (n.clone(), serde_json::Value::String(v.clone())))
            .collect();
        serde_json::json!({
            "status": self.status.as_u16(),
            "headers": headers,
            "body": self.body_json(),
        })
    }
}

/// An error made from an entry alone, in `T`'s [`Api`]: what the example renders.
struct Described<T> {
    entry: &'static Entry,
    /// One placeholder violation, `{field}` / `{message}`, when the code carries violations.
    violations: Vec<Violation>,
    api: PhantomData<fn() -> T>,
}

impl<T: ApiError> ApiError for Described<T> {
    const API: Api = T::API;

    fn status(&self) -> StatusCode {
        self.entry.status_code()
    }

    fn code(&self) -> &'static str {
        self.entry.code
    }

    fn message(&self, out: &mut Message<'_>) -> fmt::Result {
        let entry = self.entry;
        match entry.message {
            // `{{` and `}}` are the template's escapes for a brace: clients see one brace.
            Some(template) => out.write_str(&template.replace("{{", "{").replace("}}", "}")),
            None if !entry.summary.is_empty() => out.write_str(entry.summary),
            None => out.write_reason(self.status()),
        }
    }

    fn retryable(&self) -> bool {
        self.entry.retryable
    }

    fn retry_after(&self) -> Option<Duration> {
        self.entry.retry_after
    }

    fn details(&self, out: &mut Details<'_>) -> Result<(), WriteError> {
        for field in self.entry.fields {
            if field.role == FieldRole::Detail {
                // A value of the field's JSON type (`42` for a `u64`), so that the example
                // validates against the typed schema; a string or an unknown type keeps the
                // placeholder `"{name}"`.
                match JsonType::of(field.rust_type).example() {
                    Some(value) => out.field(field.name, &value)?,
                    None => out.field(field.name, &format!("{{{}}}", field.name))?,
                }
            }
        }
        Ok(())
    }

    fn violations(&self) -> &[Violation] {
        &self.violations
    }

    fn descriptor(&self) -> &'static Descriptor {
        &self.entry.descriptor
    }
}
