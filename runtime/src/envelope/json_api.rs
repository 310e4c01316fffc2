use super::{Envelope, JsonWriter, Rendering};
use crate::{RenderError, Violation};

/// JSON:API 1.1 error objects, `application/vnd.api+json`:
/// `{"errors":[{"id":…,"status":"429","code":…,"title":…,"detail":…,"source":{…},"meta":{…}}]}`.
///
/// - `id`: the request id, only when it is known.
/// - `status`: the status as a string, as JSON:API wants it.
/// - `title`: [`ApiError::title`](crate::ApiError::title), else the status's reason phrase.
/// - `detail`: the public message.
/// - `meta`: the detail fields, left out when there are none.
///
/// An error carrying field [violations](crate::Violation) becomes one error object per
/// violation instead of one for the whole error: `code` is the violation's own code, else the
/// error's; `detail` is the violation's message; `source` is `{"pointer":…}`, the field as a
/// JSON pointer (RFC 6901); `id`, `status`, `title` and `meta` are the error's, on each.
///
/// ```
/// use apierror::envelope::{JsonApi, RequestContext};
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
/// let context = RequestContext::new().with_request_id("req-1");
/// let rendered = apierror::render::<JsonApi>(&error, &context);
/// assert_eq!(rendered.headers["content-type"], "application/vnd.api+json");
/// assert_eq!(
///     rendered.body,
///     br#"{"errors":[{"id":"req-1","status":"422","code":"REQUIRED","title":"Unprocessable Entity","detail":"is required","source":{"pointer":"/data/attributes/name"}},{"id":"req-1","status":"422","code":"INVALID","title":"Unprocessable Entity","detail":"must be positive","source":{"pointer":"/data/attributes/age"}}]}"#
/// );
/// ```
#[derive(Clone, Copy, Debug, Default)]
pub struct JsonApi;

impl Envelope for JsonApi {
    const CONTENT_TYPE: &'static str = "application/vnd.api+json";

    fn write_body(error: &Rendering<'_>, out: &mut JsonWriter<'_>) -> Result<(), RenderError> {
        out.raw("{\"errors\":[");
        let violations = error.violations();
        if violations.is_empty() {
            error_object(error, None, out)?;
        } else {
            for (i, violation) in violations.iter().enumerate() {
                if i > 0 {
                    out.raw(",");
                }
                error_object(error, Some(violation), out)?;
            }
        }
        out.raw("]}");
        Ok(())
    }
}

/// Writes one error object: for the whole error, or for one of its violations.
fn error_object(
    error: &Rendering<'_>,
    violation: Option<&Violation>,
    out: &mut JsonWriter<'_>,
) -> Result<(), RenderError> {
    if let Some(id) = error.request_id() {
        out.raw("{\"id\":");
        out.string(id);
        out.raw(",\"status\":\"");
    } else {
        out.raw("{\"status\":\"");
    }
    // Three digits: a status is always in 100..=999.
    out.raw(error.status().as_str());
    out.raw("\",\"code\":");
    out.string(violation.and_then(Violation::code).unwrap_or(error.code()));
    out.raw(",\"title\":");
    out.string(error.title());
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
    out.details(error, ",\"meta\":{")?.close("}");
    out.raw("}");
    Ok(())
}
