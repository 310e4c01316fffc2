//! The public message: [`Message`], which an error writes into, and the pieces of a derived
//! `message` template ([`Literal`], [`Arg`]) that generated code writes with.

use core::fmt;

use http::StatusCode;

use crate::json::{self, Buf};

/// Where [`ApiError::message`](crate::ApiError::message) writes the public message.
///
/// It implements [`fmt::Write`], so `write!(out, "user {id} not found")` works. Inside an
/// envelope the text is JSON-escaped as it is written, straight into the response body.
///
/// ```
/// use core::fmt::Write as _;
/// use apierror::{ApiError, Message, StatusCode};
///
/// struct Quota { used: u32, limit: u32 }
///
/// impl ApiError for Quota {
///     fn status(&self) -> StatusCode { StatusCode::TOO_MANY_REQUESTS }
///     fn code(&self) -> &'static str { "QUOTA" }
///     fn message(&self, out: &mut Message<'_>) -> core::fmt::Result {
///         write!(out, "used {} of \"{}\"", self.used, self.limit)
///     }
/// }
///
/// let quota = Quota { used: 7, limit: 5 };
/// assert_eq!(apierror::message(&quota).to_string(), r#"used 7 of "5""#);
/// let response = apierror::render::<apierror::envelope::ErrorCode>(&quota, &Default::default());
/// assert_eq!(response.body(), br#"{"error":"QUOTA","message":"used 7 of \"5\"","status":429}"#);
/// ```
pub struct Message<'a> {
    sink: Sink<'a>,
}

enum Sink<'a> {
    /// Escaped as a JSON string's contents, appended to the body.
    Json(&'a mut Buf),
    /// Plain text, for [`message()`](crate::message).
    Text(&'a mut dyn fmt::Write),
}

impl<'a> Message<'a> {
    /// A message written into a JSON string in `buf` (the quotes are the caller's).
    pub(crate) fn json(buf: &'a mut Buf) -> Self {
        Message {
            sink: Sink::Json(buf),
        }
    }

    /// A message written as plain text.
    pub(crate) fn text(out: &'a mut dyn fmt::Write) -> Self {
        Message {
            sink: Sink::Text(out),
        }
    }

    /// Appends text to the message.
    pub fn write_str(&mut self, text: &str) -> fmt::Result {
        match &mut self.sink {
            Sink::Json(buf) => {
                json::escape_into(buf, text);
                Ok(())
            }
            Sink::Text(out) => out.write_str(text),
        }
    }

    /// Appends the [`Display`](fmt::Display) text of a value.
    pub fn write_display(&mut self, value: &dyn fmt::Display) -> fmt::Result {
        fmt::Write::write_fmt(self, format_args!("{value}"))
    }

    /// Appends the canonical reason phrase of a status (`"Not Found"`).
    pub fn write_reason(&mut self, status: StatusCode) -> fmt::Result {
        match &mut self.sink {
            // Every canonical reason is plain printable ASCII without quotes or backslashes.
            Sink::Json(buf) => {
                buf.extend_from_slice(reason(status).as_bytes());
                Ok(())
            }
            Sink::Text(out) => out.write_str(reason(status)),
        }
    }

    /// Appends a literal whose JSON form was worked out at compile time (the derive's fast path,
    /// reached through `__private`).
    #[inline]
    pub(crate) fn write_literal(&mut self, literal: Literal) -> fmt::Result {
        match &mut self.sink {
            Sink::Json(buf) if !literal.needs_escape => {
                buf.extend_from_slice(literal.text.as_bytes());
                Ok(())
            }
            _ => self.write_str(literal.text),
        }
    }
}

impl fmt::Write for Message<'_> {
    fn write_str(&mut self, text: &str) -> fmt::Result {
        Message::write_str(self, text)
    }
}

/// The canonical reason phrase of a status, or `"Error"` for a code without one.
pub(crate) fn reason(status: StatusCode) -> &'static str {
    status.canonical_reason().unwrap_or("Error")
}

/// A `'static` message piece whose JSON form was worked out at compile time: the derive puts
/// each one in a `const`, so writing it is a copy. Reached by generated code through
/// `__private`; not part of the public API.
#[doc(hidden)]
#[derive(Clone, Copy, Debug)]
pub struct Literal {
    text: &'static str,
    needs_escape: bool,
}

impl Literal {
    #[must_use]
    pub const fn new(text: &'static str) -> Self {
        Literal {
            text,
            needs_escape: json::needs_escape(text),
        }
    }
}

/// One argument of a plain-`{field}` template: a string type's text, copied as it is (escaped),
/// or anything else's `Display`, through `format_args!`.
#[derive(Clone, Copy)]
pub enum Arg<'a> {
    /// A field of a string type: its text, escaped as it is copied.
    Str(&'a str),
    /// Any other field: its `Display`.
    Display(&'a dyn fmt::Display),
}

/// Writes a `message` template whose placeholders are all plain `{field}`s: the text pieces
/// `text[start..=start + args.len()]` around the arguments (the derive's table of a type's
/// templates, so one function serves every variant).
pub fn write_template(
    out: &mut Message<'_>,
    text: &[Literal],
    start: usize,
    args: &[Arg<'_>],
) -> fmt::Result {
    let pieces = &text[start..=start + args.len()];
    for (piece, arg) in pieces.iter().zip(args) {
        out.write_literal(*piece)?;
        match *arg {
            Arg::Str(text) => out.write_str(text)?,
            Arg::Display(value) => out.write_display(value)?,
        }
    }
    out.write_literal(pieces[args.len()])
}

/// Writes a message literal (the derive's fast path: its escaping was decided at compile time).
#[inline]
pub fn write_literal(out: &mut Message<'_>, literal: Literal) -> fmt::Result {
    out.write_literal(literal)
}
