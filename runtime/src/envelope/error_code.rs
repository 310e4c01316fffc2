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
        out.u64(error.status().as_u16().into());
        out.raw("}");
        Ok(())
    }
}
