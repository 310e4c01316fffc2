use http::header::{HeaderMap, HeaderName, HeaderValue};

use super::{Envelope, ErrorView, JsonWriter};
use crate::WriteError;

static X_MS_ERROR_CODE: HeaderName = HeaderName::from_static("x-ms-error-code");

/// The Microsoft REST / Azure / `OData` v4 error:
/// `{"error":{"code":…,"message":…,"target":…,"details":[…],"innererror":{…}}}`, and the
/// header `x-ms-error-code: <code>`.
///
/// - `target`: the field's path (`user.emails[0]`), only when the error carries exactly one
///   field [violation](crate::Violation).
/// - `details`, when the error carries violations: one `{"code":…,"target":…,"message":…}`
///   each, `code` being the violation's own code, else the error's.
/// - `innererror`: the detail fields, left out when there are none.
///
/// The header is left out for a code that is not a valid header value (which only a
/// hand-written [`ApiError`](crate::ApiError) can return; the derive checks its codes).
///
/// ```
/// use apierror::envelope::OData;
/// use apierror::{ApiError, StatusCode, Violation};
///
/// #[derive(Debug)]
/// struct Invalid {
///     violations: Vec<Violation>,
/// }
///
/// impl ApiError for Invalid {
///     fn status(&self) -> StatusCode {
///         StatusCode::BAD_REQUEST
///     }
///     fn code(&self) -> &'static str {
///         "BadArgument"
///     }
///     fn violations(&self) -> &[Violation] {
///         &self.violations
///     }
/// }
///
/// let error = Invalid { violations: vec![Violation::field("user.name", "is required")] };
/// let response = apierror::render::<OData>(&error, &Default::default());
/// assert_eq!(response.headers()["x-ms-error-code"], "BadArgument");
/// assert_eq!(
///     response.body(),
///     br#"{"error":{"code":"BadArgument","message":"Bad Request","target":"user.name","details":[{"code":"BadArgument","target":"user.name","message":"is required"}]}}"#
/// );
/// ```
#[derive(Clone, Copy, Debug, Default)]
pub struct OData;

impl Envelope for OData {
    fn write_body(error: &ErrorView<'_>, out: &mut JsonWriter<'_>) -> Result<(), WriteError> {
        out.raw("{\"error\":{\"code\":");
        out.string(error.code());
        out.raw(",\"message\":");
        out.message(error)?;
        let violations = error.violations();
        if let [violation] = violations {
            out.raw(",\"target\":");
            out.string(&violation.path());
        }
        let mut open = ",\"details\":[{\"code\":";
        for violation in violations {
            out.raw(open);
            open = ",{\"code\":";
            out.string(violation.code().unwrap_or(error.code()));
            out.raw(",\"target\":");
            out.string(&violation.path());
            out.raw(",\"message\":");
            out.string(violation.message());
            out.raw("}");
        }
        if !violations.is_empty() {
            out.raw("]");
        }
        out.details(error, ",\"innererror\":{", &[])?.close("}");
        out.raw("}}");
        Ok(())
    }

    fn write_headers(error: &ErrorView<'_>, headers: &mut HeaderMap) {
        let code = error.code();
        // A code is `'static`: the header value is the code itself, not a copy (`http` checks
        // its bytes as `from_str` would).
        let value = HeaderValue::from_maybe_shared(bytes::Bytes::from_static(code.as_bytes()));
        if let Ok(value) = value {
            headers.insert(X_MS_ERROR_CODE.clone(), value);
        }
    }

    /// `details` holds the field violations, `innererror` the detail fields.
    fn schema() -> serde_json::Value {
        serde_json::json!({
            "description": "Microsoft REST API guidelines / OData error",
            "type": "object",
            "required": ["error"],
            "properties": {
                "error": {
                    "type": "object",
                    "required": ["code", "message"],
                    "properties": {
                        "code": { "type": "string" },
                        "message": { "type": "string" },
                        "target": { "type": "string" },
                        "details": {
                            "type": "array",
                            "items": {
                                "type": "object",
                                "required": ["code", "target", "message"],
                                "properties": {
                                    "code": { "type": "string" },
                                    "target": { "type": "string" },
                                    "message": { "type": "string" }
                                }
                            }
                        },
                        "innererror": { "type": "object", "additionalProperties": true }
                    }
                }
            }
        })
    }
}
