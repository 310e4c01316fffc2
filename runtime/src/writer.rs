//! The writers an error and an envelope fill, all appending to one response body: [`Message`]
//! (the public message), [`Details`] (an error's detail fields), [`JsonWriter`] (an envelope's
//! JSON) and [`Object`] (the object the details went into, for the envelope to finish).
//!
//! None of them allocates: text is escaped straight into the body as it is written.

use core::fmt;

use http::StatusCode;
use serde::Serialize;

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

/// Where [`ApiError::details`](crate::ApiError::details) writes its fields: members of one
/// JSON object, which the envelope opens (before the first member) and closes.
///
/// An error only names its fields; the envelope decides where the object goes. Values are
/// serialized with serde straight into the response body. A member name the envelope writes
/// itself in that object (such as Problem's `status`, or `ErrorObject`'s `retry_after`), or one
/// already written, is **skipped**: no envelope ever writes a member name twice, which
/// last-value-wins parsers would read as the detail instead of the envelope's own member.
///
/// ```
/// use apierror::{ApiError, Details, StatusCode, WriteError};
///
/// struct Conflict { ids: Vec<u64> }
///
/// impl ApiError for Conflict {
///     fn status(&self) -> StatusCode { StatusCode::CONFLICT }
///     fn code(&self) -> &'static str { "CONFLICT" }
///     fn details(&self, out: &mut Details<'_>) -> Result<(), WriteError> {
///         out.field("ids", &self.ids)?;
///         out.field("count", &self.ids.len())?;
///         out.field("count", &0) // a name already written: skipped
///     }
/// }
///
/// let response = apierror::render::<apierror::envelope::ErrorObject>(
///     &Conflict { ids: vec![3, 4] },
///     &Default::default(),
/// );
/// assert_eq!(
///     response.body(),
///     br#"{"error":{"code":"CONFLICT","message":"Conflict","details":{"ids":[3,4],"count":2}}}"#
/// );
/// ```
pub struct Details<'a> {
    buf: &'a mut Buf,
    open: &'static str,
    /// Where the object's first member starts, once `open` is written.
    first: Option<usize>,
    /// Each value as a JSON string, for formats whose metadata is a map of strings.
    strings: bool,
    /// The names the envelope writes in this object itself.
    reserved: &'static [&'static str],
    /// Whether a member came through [`field`](Details::field), whose names nothing checked
    /// before (the derive's come from one variant, unique at compile time).
    unchecked: bool,
}

impl<'a> Details<'a> {
    /// A details writer that writes `open` (such as `,"details":{`) before its first member and
    /// skips the `reserved` names.
    pub(crate) fn new(
        buf: &'a mut Buf,
        open: &'static str,
        reserved: &'static [&'static str],
        strings: bool,
    ) -> Self {
        Details {
            buf,
            open,
            first: None,
            strings,
            reserved,
            unchecked: false,
        }
    }

    /// Writes one member, `"name":value`, serializing the value with serde; a name the
    /// envelope keeps for itself in this object, or one already written, is skipped.
    ///
    /// A value that fails to serialize (a map with non-string keys, a `Serialize` impl that
    /// returns an error) fails the whole response, which then becomes a plain 500.
    pub fn field<T: Serialize + ?Sized>(
        &mut self,
        name: &str,
        value: &T,
    ) -> Result<(), WriteError> {
        self.unchecked = true;
        self.member(name, value)
    }

    /// [`field`](Self::field) for the derive, whose names are unique within the variant that
    /// writes them (checked at compile time): only what `field` wrote before is compared.
    #[inline]
    pub(crate) fn derived_field<T: Serialize + ?Sized>(
        &mut self,
        name: &str,
        value: &T,
    ) -> Result<(), WriteError> {
        self.member(name, value)
    }

    #[inline]
    fn member<T: Serialize + ?Sized>(&mut self, name: &str, value: &T) -> Result<(), WriteError> {
        if self.reserved.contains(&name) || self.repeats(name) {
            return Ok(());
        }
        self.write_key(name);
        let start = self.buf.len();
        // Strings, integers and booleans straight into the body; anything else through
        // serde_json (from `start`, whatever the fast path may have written). A value of
        // another kind has its `Serialize` called twice: the first call stops at its first
        // serializer call, before anything of it is written.
        if !json::scalar_into(self.buf, value) {
            self.buf.truncate(start);
            serde_json::to_writer(&mut *self.buf, value).map_err(WriteError::serialize)?;
        }
        if self.strings
            && self.buf.as_slice().get(start) != Some(&b'"')
            && !self.buf.quote_plain_tail(start)
        {
            let text = self.buf.as_slice()[start..].to_vec();
            self.buf.truncate(start);
            // serde_json wrote UTF-8; the error only guards against a broken serializer.
            let text = String::from_utf8(text).map_err(|_| WriteError::serialize_invalid())?;
            json::string_into(self.buf, &text);
        }
        Ok(())
    }

    /// Whether `name` was written before in this object; only asked once a member came
    /// through [`field`](Self::field) (the derive's names are unique by construction).
    #[inline]
    fn repeats(&self, name: &str) -> bool {
        self.unchecked
            && self.first.is_some_and(|first| {
                escaped(name, |bytes| has_member(self.buf.as_slice(), first, bytes))
            })
    }

    /// Writes `"name":` (escaped), opening the object first if this is its first member.
    #[inline]
    fn write_key(&mut self, name: &str) {
        if self.first.is_some() {
            self.buf.push(b',');
        } else {
            self.buf.extend_from_slice(self.open.as_bytes());
            self.first = Some(self.buf.len());
        }
        json::string_into(self.buf, name);
        self.buf.push(b':');
    }
}

/// Whether the object whose members start at `first` in `body` (valid JSON, as far as it is
/// written) has a member named `escaped` (as JSON writes it, without quotes): the members are
/// walked, each value skipped over whole.
fn has_member(body: &[u8], first: usize, escaped: &[u8]) -> bool {
    let mut at = first;
    while body.get(at) == Some(&b'"') {
        let end = string_end(body, at);
        if body.get(at + 1..end - 1) == Some(escaped) {
            return true;
        }
        // `:`, the value, then `,` and the next member, or the end of what is written.
        at = value_end(body, end + 1);
        if body.get(at) != Some(&b',') {
            return false;
        }
        at += 1;
    }
    false
}

/// The index just past the JSON string that starts at `at` (its opening quote).
fn string_end(body: &[u8], at: usize) -> usize {
    let mut i = at + 1;
    while let Some(&byte) = body.get(i) {
        match byte {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    body.len()
}

/// The index just past the JSON value that starts at `at`: at the `,` that follows it, or the
/// end of what is written.
fn value_end(body: &[u8], mut at: usize) -> usize {
    let mut depth = 0_usize;
    while let Some(&byte) = body.get(at) {
        match byte {
            b'"' => {
                at = string_end(body, at);
                continue;
            }
            b'{' | b'[' => depth += 1,
            b'}' | b']' => depth = depth.saturating_sub(1),
            b',' if depth == 0 => return at,
            _ => {}
        }
        at += 1;
    }
    at
}

/// Calls `f` with `name` as it stands inside a JSON string: itself when it needs no escaping
/// (a member name almost always), else escaped on the side.
#[inline]
fn escaped<R>(name: &str, f: impl FnOnce(&[u8]) -> R) -> R {
    if json::is_plain(name.as_bytes()) {
        f(name.as_bytes())
    } else {
        let mut buf = Buf::new();
        json::escape_into(&mut buf, name);
        f(buf.as_slice())
    }
}

/// The object an envelope's [details](crate::envelope::JsonWriter::details) went into, still
/// open: the envelope may add members of its own (the names it reserved), then closes it.
///
/// Nothing is written until the first member, which is preceded by the object's opening text;
/// [`close`](Object::close) writes its text only if a member was written, so an object without
/// members leaves no trace in the body.
pub struct Object<'a> {
    details: Details<'a>,
}

impl<'a> Object<'a> {
    pub(crate) fn new(details: Details<'a>) -> Self {
        Object { details }
    }

    /// Writes the name of one of the envelope's own members, `"name":`, and returns a writer
    /// for its value, which the caller must write in full (such as a `violations` array).
    ///
    /// The name should be one the envelope reserved when it wrote the details, so that no
    /// detail took it; it is written as given, even if it repeats.
    #[inline]
    pub fn member(&mut self, name: &str) -> JsonWriter<'_> {
        self.details.write_key(name);
        JsonWriter::new(self.details.buf)
    }

    /// Writes one of the envelope's own members whose value is a string.
    #[inline]
    pub fn string(&mut self, name: &str, value: &str) {
        self.member(name).string(value);
    }

    /// Writes one of the envelope's own members whose value is an unsigned integer (as a
    /// string when the details are [written as strings](crate::envelope::JsonWriter::details_as_strings)).
    #[inline]
    pub fn u64(&mut self, name: &str, value: u64) {
        let strings = self.details.strings;
        let mut out = self.member(name);
        if strings {
            out.raw("\"");
            out.u64(value);
            out.raw("\"");
        } else {
            out.u64(value);
        }
    }

    /// Ends the object: writes `close` if any member was written, else nothing.
    #[inline]
    pub fn close(self, close: &str) {
        if self.details.first.is_some() {
            self.details.buf.extend_from_slice(close.as_bytes());
        }
    }
}

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
    fn serialize(error: serde_json::Error) -> Self {
        WriteError {
            kind: WriteErrorKind::Serialize(Some(error)),
        }
    }

    fn serialize_invalid() -> Self {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn object(reserved: &'static [&'static str], fields: &[&str]) -> String {
        let mut buf = Buf::new();
        let mut details = Details::new(&mut buf, "{", reserved, false);
        for (i, name) in fields.iter().enumerate() {
            details.field(name, &i).unwrap();
        }
        let mut object = Object::new(details);
        for name in reserved {
            object.u64(name, 99);
        }
        object.close("}");
        String::from_utf8(buf.take_exact_vec()).unwrap()
    }

    #[test]
    fn reserved_and_repeated_names_are_skipped() {
        assert_eq!(
            object(&["code"], &["a", "code", "b"]),
            r#"{"a":0,"b":2,"code":99}"#
        );
        assert_eq!(object(&[], &["a", "a", "b", "a"]), r#"{"a":0,"b":2}"#);
        assert_eq!(object(&["a"], &["a"]), r#"{"a":99}"#);
        assert_eq!(object(&[], &[]), "");
    }

    #[test]
    fn derived_fields_are_checked_only_against_hand_written_ones() {
        let written = |calls: &[(bool, &str)]| {
            let mut buf = Buf::new();
            let mut details = Details::new(&mut buf, "{", &["code"], false);
            for (i, (derived, name)) in calls.iter().enumerate() {
                if *derived {
                    details.derived_field(name, &i).unwrap();
                } else {
                    details.field(name, &i).unwrap();
                }
            }
            Object::new(details).close("}");
            String::from_utf8(buf.take_exact_vec()).unwrap()
        };
        // The derive's own names are unique by construction; reserved names are still skipped.
        assert_eq!(
            written(&[(true, "a"), (true, "code"), (true, "b")]),
            r#"{"a":0,"b":2}"#
        );
        // A hand-written impl that delegates to a derived one, before or after its own fields.
        assert_eq!(
            written(&[(true, "a"), (false, "a"), (false, "b")]),
            r#"{"a":0,"b":2}"#
        );
        assert_eq!(
            written(&[(false, "a"), (true, "a"), (true, "b")]),
            r#"{"a":0,"b":2}"#
        );
    }

    #[test]
    fn names_are_found_past_every_kind_of_value() {
        let mut buf = Buf::new();
        let mut details = Details::new(&mut buf, ",\"details\":{", &[], false);
        let value = serde_json::json!({"x": [1, {"y": "}\\\"],"}], "z": null});
        details.field("nested", &value).unwrap();
        details.field("s", "a\"b,\"c\":1").unwrap();
        details.field("n", &-1.5e3).unwrap();
        details.field("t", &true).unwrap();
        for name in ["x", "y", "z", "c"] {
            // Names inside values are not members of the object.
            details.field(name, &1).unwrap();
        }
        for name in ["nested", "s", "n", "t", "x"] {
            details.field(name, &2).unwrap();
        }
        Object::new(details).close("}");
        assert_eq!(
            String::from_utf8(buf.take_exact_vec()).unwrap(),
            r#","details":{"nested":{"x":[1,{"y":"}\\\"],"}],"z":null},"s":"a\"b,\"c\":1","n":-1500.0,"t":true,"x":1,"y":1,"z":1,"c":1}"#
        );
    }

    #[test]
    fn names_are_compared_as_written() {
        // Escaped names, and many names.
        let names = [
            "q\"uote", "q\"uote", "\n", "\n", "1", "2", "3", "4", "5", "6", "7", "8", "9", "9", "1",
        ];
        let body = object(&[], &names);
        assert_eq!(
            body,
            r#"{"q\"uote":0,"\n":2,"1":4,"2":5,"3":6,"4":7,"5":8,"6":9,"7":10,"8":11,"9":12}"#
        );
        // A name that is a prefix or an extension of another is a different name.
        assert_eq!(
            object(&["ab"], &["a", "abc", "ab"]),
            r#"{"a":0,"abc":1,"ab":99}"#
        );
    }

    #[test]
    fn display_values_are_escaped_strings() {
        let mut buf = Buf::new();
        JsonWriter::new(&mut buf).display(&"a\"b").unwrap();
        assert_eq!(buf.as_slice(), br#""a\"b""#);
    }
}
