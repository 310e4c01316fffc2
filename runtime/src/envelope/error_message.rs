use super::{violations_detail, Envelope, JsonWriter, Rendering};
use crate::RenderError;

/// `{"error":…message…,"code":…,"details":{…}}`: `error` is the message string.
///
/// `details` holds the detail fields, then `violations` when the error carries field
/// [violations](crate::Violation) (`[{"field":…,"message":…,"code":…}]`, the field as a path
/// such as `user.emails[0]`, `code` only when the violation has one); it is left out when it
/// would be empty.
///
/// ```
/// #[derive(Debug, apierror::ApiError)]
/// #[api(status = 400, code = "INVALID_PARAMETERS", message = "The '{field}' field is required")]
/// struct Invalid {
///     #[api(detail)]
///     field: &'static str,
/// }
///
/// let rendered = apierror::render::<apierror::envelope::ErrorMessage>(
///     &Invalid { field: "role_id" },
///     &Default::default(),
/// );
/// assert_eq!(
///     rendered.body,
///     br#"{"error":"The 'role_id' field is required","code":"INVALID_PARAMETERS","details":{"field":"role_id"}}"#
/// );
/// ```
#[derive(Clone, Copy, Debug, Default)]
pub struct ErrorMessage;

impl Envelope for ErrorMessage {
    fn write_body(error: &Rendering<'_>, out: &mut JsonWriter<'_>) -> Result<(), RenderError> {
        out.raw("{\"error\":");
        out.message(error)?;
        out.raw(",\"code\":");
        out.string(error.code());
        let mut details = out.details(error, ",\"details\":{")?;
        violations_detail(&mut details, error.violations());
        details.close("}");
        out.raw("}");
        Ok(())
    }
}
