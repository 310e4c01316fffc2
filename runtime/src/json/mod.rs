//! The few JSON primitives the envelopes need, and the buffer they append to.

mod buf;
mod escape;
mod scalar;

pub(crate) use buf::Buf;
pub(crate) use escape::{escape_into, is_plain, needs_escape, string_into, u64_into};
pub(crate) use scalar::scalar_into;
