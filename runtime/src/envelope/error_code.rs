use super::{Envelope, ErrorView, JsonWriter};
use crate::WriteError;

/// `{"error":…code…,"message":…,"status":…}`: `error` is the code and the status is echoed.
///
/// This format has no place for details.
///
/// ```
/// #[derive(Debug, apierror::ApiError)]
/// #[api(status = 429, code = "RATE_LIMITED", message = "Slow down.")]
/// struct RateLimited;
///
/// let response = apierror::render::<apierror::envelope::ErrorCode>(&RateLimited, &Default::default());
/// assert_eq!(response.body(), br#"{"error":"RATE_LIMITED","message":"Slow down.","status":429}"#);
/// ```
#[derive(Clone, Copy, Debug, Default)]
pub struct ErrorCode;

impl Envelope for ErrorCode {
    fn write_body(error: &ErrorView<'_>, out: &mut JsonWriter<'_>) -> Result<(), WriteError> {
        out.raw("{\"error\":");
        out.string(error.code());
        out.raw(",\"message\":");
        out.message(error)?;
        out.raw(",\"status\":");
        // Three digits: a status is always in 100..=999.
        out.raw(error.status().as_str());
        out.raw("}");
        Ok(())
    }

    /// `error` is the code; `status` echoes the HTTP status.
    fn schema() -> serde_json::Value {
        serde_json::json!({
            "description": "Error code: `error` is the machine code, with the message and the HTTP status",
            "type": "object",
            "required": ["error", "message", "status"],
            "properties": {
                "error": { "description": "The machine code.", "type": "string" },
                "message": { "type": "string" },
                "status": { "type": "integer", "format": "int32", "minimum": 400, "maximum": 599 }
            }
        })
    }
}
