use super::{violations_detail, violations_detail_schema, Envelope, ErrorView, JsonWriter};
use crate::WriteError;

/// `{"error":{"code":…,"message":…,"details":{…}}}`: the default envelope.
///
/// `details` holds the detail fields; then `violations` when the error carries field
/// [violations](crate::Violation) (`[{"field":…,"message":…,"code":…}]`, the field as a path
/// such as `user.emails[0]`, `code` only when the violation has one); then `request_id` on a
/// 5xx whose request id is known; then `retry_after` (whole seconds, rounded up) when a retry
/// delay is known (at most 2<sup>53</sup> − 1). It is left out when it would be empty. Those
/// three names belong to the envelope: a detail field of the same name is skipped, so name
/// such a field differently (`detail = "..."`).
///
/// ```
/// use apierror::envelope::{ErrorObject, RequestInfo};
///
/// #[derive(Debug, apierror::ApiError)]
/// #[api(status = 503, code = "MAINTENANCE", retry_after = 120)]
/// struct Maintenance {
///     #[api(detail)]
///     until: &'static str,
/// }
///
/// let error = Maintenance { until: "12:00Z" };
/// let request = RequestInfo::new().with_request_id("req-1");
/// let response = apierror::render::<ErrorObject>(&error, &request);
/// assert_eq!(
///     response.body(),
///     br#"{"error":{"code":"MAINTENANCE","message":"Service Unavailable","details":{"until":"12:00Z","request_id":"req-1","retry_after":120}}}"#
/// );
/// ```
#[derive(Clone, Copy, Debug, Default)]
pub struct ErrorObject;

/// The members of `details` that are the envelope's own.
const RESERVED: &[&str] = &["violations", "request_id", "retry_after"];

impl Envelope for ErrorObject {
    fn write_body(error: &ErrorView<'_>, out: &mut JsonWriter<'_>) -> Result<(), WriteError> {
        out.raw("{\"error\":{\"code\":");
        out.string(error.code());
        out.raw(",\"message\":");
        out.message(error)?;
        let mut details = out.details(error, ",\"details\":{", RESERVED)?;
        violations_detail(&mut details, error.violations());
        if error.status().is_server_error() {
            if let Some(id) = error.request_id() {
                details.string("request_id", id);
            }
        }
        if let Some(secs) = error.retry_after_secs() {
            details.u64("retry_after", secs);
        }
        details.close("}");
        out.raw("}}");
        Ok(())
    }

    /// `details` holds the detail fields, `violations`, `request_id` and `retry_after`.
    fn schema() -> serde_json::Value {
        serde_json::json!({
            "description": "Nested error object: `error` holds the code, the message and the details",
            "type": "object",
            "required": ["error"],
            "properties": {
                "error": {
                    "type": "object",
                    "required": ["code", "message"],
                    "properties": {
                        "code": { "type": "string" },
                        "message": { "type": "string" },
                        "details": {
                            "description": "The detail fields, then the field violations, the request id (5xx) and the retry delay.",
                            "type": "object",
                            "additionalProperties": true,
                            "properties": {
                                "violations": violations_detail_schema(),
                                "request_id": { "type": "string" },
                                "retry_after": {
                                    "description": "The retry delay in whole seconds, rounded up.",
                                    "type": "integer",
                                    "format": "int64",
                                    "minimum": 0,
                                    "maximum": super::MAX_SAFE_INTEGER
                                }
                            }
                        }
                    }
                }
            }
        })
    }
}
