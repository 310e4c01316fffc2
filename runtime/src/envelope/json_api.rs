use super::{Envelope, ErrorView, JsonWriter};
use crate::{Violation, WriteError};

/// JSON:API 1.1 error objects, `application/vnd.api+json`:
/// `{"errors":[{"id":…,"status":"429","code":…,"title":…,"detail":…,"source":{…},"meta":{…}}]}`.
///
/// - `id`: the request id, only when it is known; each object's own when there are several
///   (below).
/// - `status`: the status as a string, as JSON:API wants it.
/// - `title`: the code's [`Descriptor::title`](crate::Descriptor::title), else the status's
///   reason phrase.
/// - `detail`: the public message.
/// - `meta`: the detail fields, left out when there are none.
///
/// An error carrying field [violations](crate::Violation) becomes one error object per
/// violation instead of one for the whole error: `code` is the violation's own code, else the
/// error's; `detail` is the violation's message; `source` is `{"pointer":…}`, the field as a
/// JSON pointer (RFC 6901); `status`, `title` and `meta` are the error's, on each. JSON:API
/// gives each occurrence its own `id`, so with a request id and more than one violation the
/// objects' ids are the request id followed by `.1`, `.2`, … (a search for the request id
/// still finds them all).
///
/// ```
/// use apierror::envelope::{JsonApi, RequestInfo};
/// use apierror::{ApiError, StatusCode, Violation};
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
///         "INVALID"
///     }
///     fn violations(&self) -> &[Violation] {
///         &self.violations
///     }
/// }
///
/// let error = Invalid {
///     violations: vec![
///         Violation::pointer("/data/attributes/name", "is required").with_code("REQUIRED"),
///         Violation::pointer("/data/attributes/age", "must be positive"),
///     ],
/// };
/// let request = RequestInfo::new().with_request_id("req-1");
/// let response = apierror::render::<JsonApi>(&error, &request);
/// assert_eq!(response.headers()["content-type"], "application/vnd.api+json");
/// assert_eq!(
///     response.body(),
///     br#"{"errors":[{"id":"req-1.1","status":"422","code":"REQUIRED","title":"Unprocessable Entity","detail":"is required","source":{"pointer":"/data/attributes/name"}},{"id":"req-1.2","status":"422","code":"INVALID","title":"Unprocessable Entity","detail":"must be positive","source":{"pointer":"/data/attributes/age"}}]}"#
/// );
/// ```
#[derive(Clone, Copy, Debug, Default)]
pub struct JsonApi;

impl Envelope for JsonApi {
    const CONTENT_TYPE: &'static str = "application/vnd.api+json";

    fn write_body(error: &ErrorView<'_>, out: &mut JsonWriter<'_>) -> Result<(), WriteError> {
        out.raw("{\"errors\":[");
        let violations = error.violations();
        if violations.is_empty() {
            error_object(error, None, None, out)?;
        } else {
            let numbered = violations.len() > 1;
            for (i, violation) in violations.iter().enumerate() {
                if i > 0 {
                    out.raw(",");
                }
                error_object(error, Some(violation), numbered.then_some(i + 1), out)?;
            }
        }
        out.raw("]}");
        Ok(())
    }

    /// One error object, or one per field violation.
    fn schema() -> serde_json::Value {
        serde_json::json!({
            "description": "JSON:API 1.1 error document",
            "type": "object",
            "required": ["errors"],
            "properties": {
                "errors": {
                    "type": "array",
                    "minItems": 1,
                    "items": {
                        "type": "object",
                        "required": ["status", "code", "title", "detail"],
                        "properties": {
                            "id": { "type": "string" },
                            "status": { "type": "string", "pattern": "^[45][0-9]{2}$" },
                            "code": { "type": "string" },
                            "title": { "type": "string" },
                            "detail": { "type": "string" },
                            "source": {
                                "type": "object",
                                "required": ["pointer"],
                                "properties": {
                                    "pointer": { "type": "string", "format": "json-pointer" }
                                }
                            },
                            "meta": { "type": "object", "additionalProperties": true }
                        }
                    }
                }
            }
        })
    }
}

/// Writes one error object: for the whole error, or for one of its violations, the `number`th
/// of several.
fn error_object(
    error: &ErrorView<'_>,
    violation: Option<&Violation>,
    number: Option<usize>,
    out: &mut JsonWriter<'_>,
) -> Result<(), WriteError> {
    if let Some(id) = error.request_id() {
        out.raw("{\"id\":");
        match number {
            Some(number) => out.display(&format_args!("{id}.{number}"))?,
            None => out.string(id),
        }
        out.raw(",\"status\":\"");
    } else {
        out.raw("{\"status\":\"");
    }
    // Three digits: a status is always in 100..=999.
    out.raw(error.status().as_str());
    out.raw("\",\"code\":");
    out.string(violation.and_then(Violation::code).unwrap_or(error.code()));
    out.raw(",\"title\":");
    if let Some(title) = error.descriptor().title {
        out.string(title);
    } else {
        // A reason phrase is plain printable ASCII: nothing to escape.
        out.raw("\"");
        out.raw(error.reason());
        out.raw("\"");
    }
    out.raw(",\"detail\":");
    match violation {
        Some(violation) => {
            out.string(violation.message());
            out.raw(",\"source\":{\"pointer\":");
            out.string(&violation.json_pointer());
            out.raw("}");
        }
        None => out.message(error)?,
    }
    out.details(error, ",\"meta\":{", &[])?.close("}");
    out.raw("}");
    Ok(())
}
