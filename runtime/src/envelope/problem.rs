use super::{Envelope, JsonWriter, Rendering};
use crate::RenderError;

/// Not yet written (issue 3).
#[derive(Clone, Copy, Debug, Default)]
pub struct Problem;

impl Envelope for Problem {
    fn write_body(error: &Rendering<'_>, out: &mut JsonWriter<'_>) -> Result<(), RenderError> {
        let _ = error;
        out.raw("{}");
        Ok(())
    }
}
