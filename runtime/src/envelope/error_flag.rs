use super::{Envelope, JsonWriter, Rendering};
use crate::RenderError;

/// `{"error":true,"message":…,"code":…,"retry_after_ms":…}`: `error` is the flag `true`.
///
/// `retry_after_ms` (whole milliseconds, rounded up) appears only when a retry delay is known.
/// This format has no place for details.
///
/// ```json
/// {"error":true,"message":"Rate limit exceeded.","code":"RATE_LIMITED","retry_after_ms":5000}
/// ```
#[derive(Clone, Copy, Debug, Default)]
pub struct ErrorFlag;

impl Envelope for ErrorFlag {
    fn write_body(error: &Rendering<'_>, out: &mut JsonWriter<'_>) -> Result<(), RenderError> {
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
}
