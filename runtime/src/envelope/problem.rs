use super::{Envelope, ErrorView, JsonWriter};
use crate::WriteError;

/// RFC 9457 problem details, `application/problem+json`:
/// `{"type":…,"title":…,"status":…,"detail":…,"instance":…,"code":…,…details,"errors":[…]}`.
///
/// - `type`: the code's [`Descriptor::type_uri`](crate::Descriptor::type_uri), else `about:blank`.
/// - `title`: the code's [`Descriptor::title`](crate::Descriptor::title), else the status's
///   reason phrase.
/// - `status`: the status as a number; `detail`: the public message.
/// - `instance`: the request path, only when it is known.
/// - `code` and the detail fields follow as extension members of the top object; a detail
///   field named like one of the members here (`type`, `title`, `status`, `detail`,
///   `instance`, `code`, `errors`) is skipped.
/// - `errors`, when the error carries field [violations](crate::Violation): one
///   `{"detail":…,"pointer":…}` each, the field as a JSON pointer (RFC 6901), with `"code"`
///   as a third member when the violation has one.
///
/// The retry delay is the `Retry-After` header only; the request id is not echoed.
///
/// ```
/// use apierror::envelope::{Problem, RequestInfo};
/// use apierror::{ApiError, Descriptor, StatusCode, Violation};
///
/// #[derive(Debug)]
/// struct Invalid {
///     violations: Vec<Violation>,
/// }
///
/// impl ApiError for Invalid {
///     fn status(&self) -> StatusCode {
///         StatusCode::UNPROCESSABLE_ENTITY
///     }
///     fn code(&self) -> &'static str {
///         "INVALID_USER"
///     }
///     fn descriptor(&self) -> &'static Descriptor {
///         const { &Descriptor::new().with_type_uri("https://errors.example.com/invalid-user") }
///     }
///     fn violations(&self) -> &[Violation] {
///         &self.violations
///     }
/// }
///
/// let error = Invalid {
///     violations: vec![Violation::field("emails[0]", "is not an email").with_code("EMAIL")],
/// };
/// let request = RequestInfo::new().with_path("/users");
/// let response = apierror::render::<Problem>(&error, &request);
/// assert_eq!(response.headers()["content-type"], "application/problem+json");
/// assert_eq!(
///     response.body(),
///     br#"{"type":"https://errors.example.com/invalid-user","title":"Unprocessable Entity","status":422,"detail":"Unprocessable Entity","instance":"/users","code":"INVALID_USER","errors":[{"detail":"is not an email","pointer":"/emails/0","code":"EMAIL"}]}"#
/// );
/// ```
#[derive(Clone, Copy, Debug, Default)]
pub struct Problem;

/// The members of the top object that are the envelope's own, which detail fields (extension
/// members of the same object) cannot take.
const RESERVED: &[&str] = &[
    "type", "title", "status", "detail", "instance", "code", "errors",
];

impl Envelope for Problem {
    const CONTENT_TYPE: &'static str = "application/problem+json";

    fn write_body(error: &ErrorView<'_>, out: &mut JsonWriter<'_>) -> Result<(), WriteError> {
        let descriptor = error.descriptor();
        if let Some(uri) = descriptor.type_uri {
            out.raw("{\"type\":");
            out.string(uri);
            out.raw(",\"title\":");
        } else {
            out.raw("{\"type\":\"about:blank\",\"title\":");
        }
        if let Some(title) = descriptor.title {
            out.string(title);
        } else {
            // A reason phrase is plain printable ASCII: nothing to escape.
            out.raw("\"");
            out.raw(error.reason());
            out.raw("\"");
        }
        out.raw(",\"status\":");
        // Three digits: a status is always in 100..=999.
        out.raw(error.status().as_str());
        out.raw(",\"detail\":");
        out.message(error)?;
        if let Some(path) = error.path() {
            out.raw(",\"instance\":");
            out.string(path);
        }
        out.raw(",\"code\":");
        out.string(error.code());
        out.details(error, ",", RESERVED)?.close("");
        let mut open = ",\"errors\":[{\"detail\":";
        let violations = error.violations();
        for violation in violations {
            out.raw(open);
            open = ",{\"detail\":";
            out.string(violation.message());
            out.raw(",\"pointer\":");
            out.string(&violation.json_pointer());
            if let Some(code) = violation.code() {
                out.raw(",\"code\":");
                out.string(code);
            }
            out.raw("}");
        }
        if !violations.is_empty() {
            out.raw("]");
        }
        out.raw("}");
        Ok(())
    }

    /// The detail fields are extension members, so any other member is allowed.
    fn schema() -> serde_json::Value {
        serde_json::json!({
            "description": "RFC 9457 problem details; the detail fields are extension members",
            "type": "object",
            "required": ["type", "title", "status", "detail", "code"],
            "additionalProperties": true,
            "properties": {
                "type": { "type": "string", "format": "uri-reference" },
                "title": { "type": "string" },
                "status": { "type": "integer", "format": "int32", "minimum": 400, "maximum": 599 },
                "detail": { "type": "string" },
                "instance": { "type": "string", "format": "uri-reference" },
                "code": { "type": "string" },
                "errors": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": ["detail", "pointer"],
                        "properties": {
                            "detail": { "type": "string" },
                            "pointer": { "type": "string", "format": "json-pointer" },
                            "code": { "type": "string" }
                        }
                    }
                }
            }
        })
    }
}
