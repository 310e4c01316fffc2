//! An error's details: [`Details`], the object its fields go into, and [`Object`], the same
//! object still open for the envelope's own members.

use serde::Serialize;

use super::{JsonWriter, WriteError};
use crate::json::{self, Buf};

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
