use super::{Envelope, JsonWriter, Rendering};
use crate::RenderError;

/// Not yet written (issue 3).
#[derive(Clone, Copy, Debug, Default)]
pub struct JsonApi;

impl Envelope for JsonApi {
    fn write_body(error: &Rendering<'_>, out: &mut JsonWriter<'_>) -> Result<(), RenderError> {
        let _ = error;
        out.raw("{}");
        Ok(())
    }
}
