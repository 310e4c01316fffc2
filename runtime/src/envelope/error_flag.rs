use super::{Envelope, ErrorView, JsonWriter};
use crate::WriteError;

/// `{"error":true,"message":…,"code":…,"retry_after_ms":…}`: `error` is the flag `true`.
///
/// `retry_after_ms` (whole milliseconds, rounded up) appears only when a retry delay is known.
/// This format has no place for details.
///
/// ```
/// # use std::time::Duration;
/// #[derive(Debug, apierror::ApiError)]
/// #[api(envelope = apierror::envelope::ErrorFlag)]
/// #[api(status = 429, code = "RATE_LIMITED", message = "Slow down.")]
/// struct RateLimited {
///     #[api(retry_after)]
///     wait: Duration,
/// }
///
/// let error = RateLimited { wait: Duration::from_millis(1500) };
/// let response = apierror::render::<apierror::envelope::ErrorFlag>(&error, &Default::default());
/// assert_eq!(
///     response.body(),
///     br#"{"error":true,"message":"Slow down.","code":"RATE_LIMITED","retry_after_ms":1500}"#
/// );
/// assert_eq!(response.headers()["retry-after"], "2"); // whole seconds, rounded up
/// ```
#[derive(Clone, Copy, Debug, Default)]
pub struct ErrorFlag;

impl Envelope for ErrorFlag {
    fn write_body(error: &ErrorView<'_>, out: &mut JsonWriter<'_>) -> Result<(), WriteError> {
        out.raw("{\"error\":true,\"message\":");
        out.message(error)?;
        out.raw(",\"code\":");
        out.string(error.code());
        if let Some(millis) = error.retry_after_millis() {
            out.raw(",\"retry_after_ms\":");
            out.u64(millis);
        }
        out.raw("}");
        Ok(())
    }

    /// `error` is the constant `true`; `retry_after_ms` is there only with a known delay.
    fn schema() -> serde_json::Value {
        serde_json::json!({
            "description": "Error flag: `error` is `true`, with the message and the code",
            "type": "object",
            "required": ["error", "message", "code"],
            "properties": {
                "error": { "type": "boolean", "enum": [true] },
                "message": { "type": "string" },
                "code": { "type": "string" },
                "retry_after_ms": {
                    "description": "The retry delay in whole milliseconds, rounded up.",
                    "type": "integer",
                    "format": "int64",
                    "minimum": 0,
                    "maximum": super::MAX_SAFE_INTEGER
                }
            }
        })
    }
}
