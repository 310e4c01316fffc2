//! The writers an error and an envelope fill, all appending to one response body: [`Message`]
//! (the public message), [`Details`] (an error's detail fields), [`JsonWriter`] (an envelope's
//! JSON) and [`Object`] (the object the details went into, for the envelope to finish).
//!
//! None of them allocates: text is escaped straight into the body as it is written.

use core::fmt;

use crate::json::{self, Buf};

mod details;
mod message;

pub use details::{Details, Object};
pub(crate) use message::reason;
pub use message::{write_literal, write_template, Arg, Literal, Message};

/// Appends JSON to the response body: what an [`Envelope`](crate::envelope::Envelope) writes
/// with.
///
/// Typed calls ([`string`](Self::string), [`display`](Self::display), [`u64`](Self::u64),
/// [`message`](Self::message), [`details`](Self::details)) always write valid JSON;
/// [`raw`](Self::raw) writes its text as it is, for the fixed punctuation and member names of
/// a format.
pub struct JsonWriter<'a> {
    buf: &'a mut Buf,
}

impl<'a> JsonWriter<'a> {
    pub(crate) fn new(buf: &'a mut Buf) -> Self {
        JsonWriter { buf }
    }

    /// The body, for the envelope machinery's own writers ([`message`](Self::message),
    /// [`details`](Self::details)).
    pub(crate) fn buf(&mut self) -> &mut Buf {
        self.buf
    }

    /// Appends `json` unchanged; it must be valid JSON in its place.
    #[inline]
    pub fn raw(&mut self, json: &str) {
        self.buf.extend_from_slice(json.as_bytes());
    }

    /// Appends a quoted, escaped JSON string.
    #[inline]
    pub fn string(&mut self, text: &str) {
        json::string_into(self.buf, text);
    }

    /// Appends the [`Display`](fmt::Display) text of `value` as a quoted, escaped JSON string,
    /// without building the text first (a timestamp, a duration).
    pub fn display(&mut self, value: &dyn fmt::Display) -> Result<(), WriteError> {
        self.buf.push(b'"');
        fmt::Write::write_fmt(&mut Message::json(self.buf), format_args!("{value}"))?;
        self.buf.push(b'"');
        Ok(())
    }

    /// Appends an unsigned integer.
    #[inline]
    pub fn u64(&mut self, n: u64) {
        json::u64_into(self.buf, n);
    }
}

/// Writing a response body failed: the error's message returned an error from `Display`, or
/// a detail failed to serialize.
///
/// The response is then a plain `500` with code `INTERNAL_ERROR` in the same envelope, and
/// the glue logs this error as the cause.
#[derive(Debug)]
pub struct WriteError {
    kind: WriteErrorKind,
}

#[derive(Debug)]
enum WriteErrorKind {
    Format,
    Serialize(Option<serde_json::Error>),
}

impl WriteError {
    pub(crate) fn serialize(error: serde_json::Error) -> Self {
        WriteError {
            kind: WriteErrorKind::Serialize(Some(error)),
        }
    }

    pub(crate) fn serialize_invalid() -> Self {
        WriteError {
            kind: WriteErrorKind::Serialize(None),
        }
    }
}

impl From<fmt::Error> for WriteError {
    fn from(_: fmt::Error) -> Self {
        WriteError {
            kind: WriteErrorKind::Format,
        }
    }
}

impl fmt::Display for WriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            WriteErrorKind::Format => f.write_str("the error's message failed to format"),
            WriteErrorKind::Serialize(Some(e)) => write!(f, "a detail failed to serialize: {e}"),
            WriteErrorKind::Serialize(None) => f.write_str("a detail serialized to invalid UTF-8"),
        }
    }
}

impl std::error::Error for WriteError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.kind {
            WriteErrorKind::Serialize(Some(e)) => Some(e),
            _ => None,
        }
    }
}
