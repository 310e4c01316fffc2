use super::{violations_detail, violations_detail_schema, Envelope, ErrorView, JsonWriter};
use crate::WriteError;

/// `{"error":…message…,"code":…,"details":{…}}`: `error` is the message string.
///
/// `details` holds the detail fields, then `violations` when the error carries field
/// [violations](crate::Violation) (`[{"field":…,"message":…,"code":…}]`, the field as a path
/// such as `user.emails[0]`, `code` only when the violation has one); it is left out when it
/// would be empty. `violations` is the envelope's own name there: a detail field of that name
/// is skipped.
///
/// ```
/// #[derive(Debug, apierror::ApiError)]
/// #[api(status = 400, code = "INVALID_PARAMETERS", message = "The '{field}' field is required")]
/// struct Invalid {
///     #[api(detail)]
///     field: &'static str,
/// }
///
/// let response = apierror::render::<apierror::envelope::ErrorMessage>(
///     &Invalid { field: "role_id" },
///     &Default::default(),
/// );
/// assert_eq!(
///     response.body(),
///     br#"{"error":"The 'role_id' field is required","code":"INVALID_PARAMETERS","details":{"field":"role_id"}}"#
/// );
/// ```
#[derive(Clone, Copy, Debug, Default)]
pub struct ErrorMessage;

/// The member of `details` that is the envelope's own.
const RESERVED: &[&str] = &["violations"];

impl Envelope for ErrorMessage {
    fn write_body(error: &ErrorView<'_>, out: &mut JsonWriter<'_>) -> Result<(), WriteError> {
        out.raw("{\"error\":");
        out.message(error)?;
        out.raw(",\"code\":");
        out.string(error.code());
        let mut details = out.details(error, ",\"details\":{", RESERVED)?;
        violations_detail(&mut details, error.violations());
        details.close("}");
        out.raw("}");
        Ok(())
    }

    /// `error` is the message; `details` holds the detail fields and `violations`.
    fn schema() -> serde_json::Value {
        serde_json::json!({
            "description": "Error message: `error` is the message, with the code and the details",
            "type": "object",
            "required": ["error", "code"],
            "properties": {
                "error": { "description": "The public message.", "type": "string" },
                "code": { "type": "string" },
                "details": {
                    "description": "The detail fields, then the field violations.",
                    "type": "object",
                    "additionalProperties": true,
                    "properties": {
                        "violations": violations_detail_schema()
                    }
                }
            }
        })
    }
}
