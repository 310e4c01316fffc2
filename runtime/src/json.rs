//! The few JSON primitives the envelopes need, and the buffer they append to.

/// Bodies up to this size are written on the stack and then copied once into an allocation of
/// exactly their size; every envelope's body with a sentence-long message fits.
const INLINE: usize = 384;

/// The body being written: on the stack while it fits in [`INLINE`] bytes, else on the heap.
///
/// Writing on the stack and copying once into an exact-size `Vec` costs one allocation and no
/// `realloc`, and a `Vec` whose length equals its capacity becomes `Bytes` (the framework's body)
/// without a second allocation.
pub(crate) struct Buf {
    inline: [u8; INLINE],
    /// The length of the body while it is inline; [`SPILLED`] once it moved to `heap`, so that
    /// every write's one capacity check (`len + n <= INLINE`) also sends it to the heap.
    len: usize,
    /// Holds everything once the body outgrows `inline` (empty, unallocated, until then).
    heap: Vec<u8>,
}

/// `Buf::len` of a body on the heap: larger than [`INLINE`], and small enough that adding the
/// length of any slice (at most `isize::MAX`) cannot overflow.
const SPILLED: usize = 1 << 62;

impl Buf {
    #[inline]
    pub(crate) fn new() -> Self {
        Buf {
            inline: [0; INLINE],
            len: 0,
            heap: Vec::new(),
        }
    }

    #[inline]
    fn spilled(&self) -> bool {
        self.len == SPILLED
    }

    pub(crate) fn len(&self) -> usize {
        if self.spilled() {
            self.heap.len()
        } else {
            self.len
        }
    }

    pub(crate) fn as_slice(&self) -> &[u8] {
        if self.spilled() {
            &self.heap
        } else {
            &self.inline[..self.len]
        }
    }

    fn as_mut_slice(&mut self) -> &mut [u8] {
        if self.spilled() {
            &mut self.heap
        } else {
            &mut self.inline[..self.len]
        }
    }

    /// Puts the body from `start` on in quotes when it needs no escaping (a number, `true`:
    /// a detail written as a string), in place; else leaves it and returns `false`.
    pub(crate) fn quote_plain_tail(&mut self, start: usize) -> bool {
        if start > self.len() || !is_plain(&self.as_slice()[start..]) {
            return false;
        }
        self.push(b'"');
        self.as_mut_slice()[start..].rotate_right(1);
        self.push(b'"');
        true
    }

    #[inline]
    pub(crate) fn push(&mut self, byte: u8) {
        if let Some(slot) = self.inline.get_mut(self.len) {
            *slot = byte;
            self.len += 1;
        } else {
            self.extend_slow(&[byte]);
        }
    }

    // Inlined so that the many short constant-length writes of an envelope compile to a few
    // stores instead of a call to `memcpy` each.
    #[inline]
    pub(crate) fn extend_from_slice(&mut self, bytes: &[u8]) {
        let start = self.len;
        let end = start + bytes.len();
        if end <= INLINE {
            copy_short(&mut self.inline[start..end], bytes);
            self.len = end;
        } else {
            self.extend_slow(bytes);
        }
    }

    /// Appends `"bytes"`, with one capacity check for all of it.
    #[inline]
    pub(crate) fn quoted(&mut self, bytes: &[u8]) {
        let start = self.len;
        let end = start + bytes.len() + 2;
        if end <= INLINE {
            self.inline[start] = b'"';
            copy_short(&mut self.inline[start + 1..end - 1], bytes);
            self.inline[end - 1] = b'"';
            self.len = end;
        } else {
            self.extend_slow(b"\"");
            self.extend_slow(bytes);
            self.extend_slow(b"\"");
        }
    }

    /// Appends `"bytes"` if it fits inline and `bytes` needs no escaping, checking and
    /// copying eight bytes at a time in one pass (no `memcpy` call); else writes nothing and
    /// returns `false`.
    #[inline]
    pub(crate) fn quoted_if_plain(&mut self, bytes: &[u8]) -> bool {
        let start = self.len;
        let end = start + bytes.len() + 2;
        if end > INLINE || !copy_plain(&mut self.inline[start + 1..end - 1], bytes) {
            return false;
        }
        self.inline[start] = b'"';
        self.inline[end - 1] = b'"';
        self.len = end;
        true
    }

    /// Appends `bytes` if it fits inline and needs no escaping, as
    /// [`quoted_if_plain`](Self::quoted_if_plain) does; else writes nothing and returns `false`.
    #[inline]
    pub(crate) fn extend_if_plain(&mut self, bytes: &[u8]) -> bool {
        let start = self.len;
        let end = start + bytes.len();
        if end > INLINE || !copy_plain(&mut self.inline[start..end], bytes) {
            return false;
        }
        self.len = end;
        true
    }

    #[cold]
    fn extend_slow(&mut self, bytes: &[u8]) {
        if !self.spilled() {
            let mut heap = Vec::with_capacity((self.len + bytes.len()).max(2 * INLINE));
            heap.extend_from_slice(&self.inline[..self.len]);
            self.heap = heap;
            self.len = SPILLED;
        }
        self.heap.extend_from_slice(bytes);
    }

    pub(crate) fn truncate(&mut self, len: usize) {
        if self.spilled() {
            self.heap.truncate(len);
        } else {
            self.len = self.len.min(len);
        }
    }

    pub(crate) fn clear(&mut self) {
        self.heap = Vec::new();
        self.len = 0;
    }

    /// The body in an allocation of exactly its length, leaving the buffer empty. Takes
    /// `&mut self`, not `self`: moving the buffer would copy all of `inline` only to read a few
    /// bytes of it.
    #[inline]
    pub(crate) fn take_exact_vec(&mut self) -> Vec<u8> {
        if self.spilled() {
            self.len = 0;
            let mut heap = core::mem::take(&mut self.heap);
            heap.shrink_to_fit();
            heap
        } else {
            let len = core::mem::take(&mut self.len);
            self.inline[..len].to_vec()
        }
    }
}

impl std::io::Write for Buf {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn write_all(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        self.extend_from_slice(bytes);
        Ok(())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// `dst.copy_from_slice(src)` (of the same length) without a call to `memcpy` for up to 32
/// bytes, the length of most pieces of a body: two overlapping word copies. A constant length
/// folds to its own case.
#[inline]
fn copy_short(dst: &mut [u8], src: &[u8]) {
    let n = src.len();
    if dst.len() != n {
        dst.copy_from_slice(src);
    } else if (8..=16).contains(&n) {
        dst[..8].copy_from_slice(&src[..8]);
        dst[n - 8..].copy_from_slice(&src[n - 8..]);
    } else if (17..=32).contains(&n) {
        dst[..16].copy_from_slice(&src[..16]);
        dst[n - 16..].copy_from_slice(&src[n - 16..]);
    } else if (4..8).contains(&n) {
        dst[..4].copy_from_slice(&src[..4]);
        dst[n - 4..].copy_from_slice(&src[n - 4..]);
    } else {
        dst.copy_from_slice(src);
    }
}

/// Copies `bytes` into `dst` (of the same length) if none needs escaping, checking and copying
/// eight bytes at a time (overlapping words for the tail, no loop for up to sixteen bytes);
/// returns `false` if a byte needs escaping (`dst` may then hold part of `bytes`, which the
/// caller does not count as written).
#[inline]
fn copy_plain(dst: &mut [u8], bytes: &[u8]) -> bool {
    let n = bytes.len();
    if dst.len() != n {
        return false;
    }
    let word_at = |i: usize| {
        let mut word = [0u8; 8];
        word.copy_from_slice(&bytes[i..i + 8]);
        word
    };
    if n >= 8 {
        let last = word_at(n - 8);
        let mut i = 0;
        while i + 8 < n {
            let word = word_at(i);
            if escape_mask(u64::from_le_bytes(word)) != 0 {
                return false;
            }
            dst[i..i + 8].copy_from_slice(&word);
            i += 8;
        }
        if escape_mask(u64::from_le_bytes(last)) != 0 {
            return false;
        }
        dst[n - 8..].copy_from_slice(&last);
        return true;
    }
    if n >= 4 {
        // Two overlapping halves, checked as one word.
        let mut head = [0u8; 4];
        let mut tail = [0u8; 4];
        head.copy_from_slice(&bytes[..4]);
        tail.copy_from_slice(&bytes[n - 4..]);
        let word = u64::from(u32::from_le_bytes(head)) | u64::from(u32::from_le_bytes(tail)) << 32;
        if escape_mask(word) != 0 {
            return false;
        }
        dst[..4].copy_from_slice(&head);
        dst[n - 4..].copy_from_slice(&tail);
        return true;
    }
    for (slot, &byte) in dst.iter_mut().zip(bytes) {
        if ESCAPE[byte as usize] != 0 {
            return false;
        }
        *slot = byte;
    }
    true
}

/// For each byte: 0 if it stands for itself inside a JSON string, else the letter of its
/// short escape (`n` for `\n`), or `u` for the `\u00XX` form.
const ESCAPE: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut i = 0;
    while i < 0x20 {
        table[i] = b'u';
        i += 1;
    }
    table[0x08] = b'b';
    table[0x09] = b't';
    table[0x0a] = b'n';
    table[0x0c] = b'f';
    table[0x0d] = b'r';
    table[b'"' as usize] = b'"';
    table[b'\\' as usize] = b'\\';
    table
};

/// Whether `text` needs any escaping to stand inside a JSON string.
#[must_use]
pub(crate) const fn needs_escape(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if ESCAPE[bytes[i] as usize] != 0 {
            return true;
        }
        i += 1;
    }
    false
}

/// Whether any byte of `word` needs escaping: a control character, `"` or `\\`, found eight
/// bytes at a time with the usual "has a byte less than" bit trick.
#[inline]
const fn word_needs_escape(word: u64) -> bool {
    escape_mask(word) != 0
}

/// Non-zero when a byte of `word` needs escaping. `b ^ 0x02` is below `0x21` exactly for the
/// control characters and `"` (the flip only permutes `0x00..=0x1f` and swaps `0x20` with
/// `0x22`), so one "less than" test finds both, and a "zero byte" test finds `\\`. Each test
/// is exact for "is there any such byte" (a borrow only marks bytes above a real match), and
/// bytes from `0x80` up never match.
#[inline]
const fn escape_mask(word: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let flipped = word ^ (ONES * 0x02);
    let control_or_quote = flipped.wrapping_sub(ONES * 0x21) & !flipped;
    let backslash = word ^ (ONES * 0x5c);
    let backslash = backslash.wrapping_sub(ONES) & !backslash;
    (control_or_quote | backslash) & HIGHS
}

/// Whether `bytes` contains nothing that needs escaping, eight bytes at a time.
#[inline]
pub(crate) fn is_plain(bytes: &[u8]) -> bool {
    let n = bytes.len();
    if n < 8 {
        return bytes.iter().all(|&b| ESCAPE[b as usize] == 0);
    }
    let word_at = |i: usize| {
        let mut word = [0u8; 8];
        word.copy_from_slice(&bytes[i..i + 8]);
        u64::from_le_bytes(word)
    };
    let mut i = 0;
    while i + 8 <= n {
        if word_needs_escape(word_at(i)) {
            return false;
        }
        i += 8;
    }
    // The tail as the last eight bytes, overlapping words already checked: no byte loop.
    i == n || !word_needs_escape(word_at(n - 8))
}

/// Appends `text` escaped as the contents of a JSON string (without the quotes).
///
/// Written here rather than taken from `serde_json`, which escapes only whole strings, quotes
/// included, while a message is written in pieces (its literal parts, then each field's
/// `Display`) into one string; the check eight bytes at a time is the fast path the
/// benchmark's codes and messages take.
#[inline]
pub(crate) fn escape_into(buf: &mut Buf, text: &str) {
    // Most codes and messages need no escaping: check and copy by words, in one pass.
    if buf.extend_if_plain(text.as_bytes()) {
        return;
    }
    escape_into_slow(buf, text);
}

#[cold]
#[inline(never)]
fn escape_into_slow(buf: &mut Buf, text: &str) {
    if is_plain(text.as_bytes()) {
        buf.extend_from_slice(text.as_bytes());
    } else {
        escape_slow(buf, text);
    }
}

fn escape_slow(buf: &mut Buf, text: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let bytes = text.as_bytes();
    let mut start = 0;
    for (i, &byte) in bytes.iter().enumerate() {
        let escape = ESCAPE[byte as usize];
        if escape == 0 {
            continue;
        }
        buf.extend_from_slice(&bytes[start..i]);
        if escape == b'u' {
            buf.extend_from_slice(&[
                b'\\',
                b'u',
                b'0',
                b'0',
                HEX[(byte >> 4) as usize],
                HEX[(byte & 0xf) as usize],
            ]);
        } else {
            buf.extend_from_slice(&[b'\\', escape]);
        }
        start = i + 1;
    }
    buf.extend_from_slice(&bytes[start..]);
}

/// Appends `text` as a quoted JSON string.
#[inline]
pub(crate) fn string_into(buf: &mut Buf, text: &str) {
    if !buf.quoted_if_plain(text.as_bytes()) {
        string_slow(buf, text);
    }
}

/// [`string_into`] for a string that needs escaping or does not fit inline.
#[cold]
#[inline(never)]
fn string_slow(buf: &mut Buf, text: &str) {
    if is_plain(text.as_bytes()) {
        buf.quoted(text.as_bytes());
    } else {
        buf.push(b'"');
        escape_slow(buf, text);
        buf.push(b'"');
    }
}

/// Appends the decimal digits of `n` (with `itoa`, which `serde_json` uses too).
pub(crate) fn u64_into(buf: &mut Buf, n: u64) {
    buf.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
}

/// Writes `value` as JSON if it is a string, a boolean, an integer, a unit or a newtype or
/// `Some` of one (every `#[api(detail)]` of such a type, the common case), escaping strings as
/// [`string_into`] does; returns `false`, having written nothing, for anything else (numbers
/// with a fraction, sequences, maps, structs…), which the caller hands to `serde_json`.
///
/// A `Serialize` impl makes exactly one call on its serializer, so whatever this one refuses
/// is refused before anything is written; an error the impl returns itself is refused too, and
/// `serde_json` then reports it with its own error type. What is written is byte for byte what
/// `serde_json` writes for the same value.
#[inline]
pub(crate) fn scalar_into<T: serde::Serialize + ?Sized>(buf: &mut Buf, value: &T) -> bool {
    value.serialize(Scalar { buf }).is_ok()
}

/// The serializer of [`scalar_into`]: the scalars, and [`Refused`] for everything else.
struct Scalar<'a> {
    buf: &'a mut Buf,
}

/// Why [`Scalar`] did not write a value: it is not a scalar, or its `Serialize` impl failed.
#[derive(Debug)]
struct Refused;

impl core::fmt::Display for Refused {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("not a scalar")
    }
}

impl std::error::Error for Refused {}

impl serde::ser::Error for Refused {
    fn custom<T: core::fmt::Display>(_: T) -> Self {
        Refused
    }
}

type Compound = serde::ser::Impossible<(), Refused>;

impl serde::Serializer for Scalar<'_> {
    type Ok = ();
    type Error = Refused;
    type SerializeSeq = Compound;
    type SerializeTuple = Compound;
    type SerializeTupleStruct = Compound;
    type SerializeTupleVariant = Compound;
    type SerializeMap = Compound;
    type SerializeStruct = Compound;
    type SerializeStructVariant = Compound;

    #[inline]
    fn serialize_str(self, text: &str) -> Result<(), Refused> {
        string_into(self.buf, text);
        Ok(())
    }

    #[inline]
    fn serialize_bool(self, value: bool) -> Result<(), Refused> {
        self.buf
            .extend_from_slice(if value { b"true" } else { b"false" });
        Ok(())
    }

    fn serialize_i8(self, n: i8) -> Result<(), Refused> {
        self.serialize_i64(n.into())
    }

    fn serialize_i16(self, n: i16) -> Result<(), Refused> {
        self.serialize_i64(n.into())
    }

    fn serialize_i32(self, n: i32) -> Result<(), Refused> {
        self.serialize_i64(n.into())
    }

    fn serialize_i64(self, n: i64) -> Result<(), Refused> {
        self.buf
            .extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
        Ok(())
    }

    fn serialize_u8(self, n: u8) -> Result<(), Refused> {
        self.serialize_u64(n.into())
    }

    fn serialize_u16(self, n: u16) -> Result<(), Refused> {
        self.serialize_u64(n.into())
    }

    fn serialize_u32(self, n: u32) -> Result<(), Refused> {
        self.serialize_u64(n.into())
    }

    fn serialize_u64(self, n: u64) -> Result<(), Refused> {
        u64_into(self.buf, n);
        Ok(())
    }

    fn serialize_f32(self, _: f32) -> Result<(), Refused> {
        Err(Refused)
    }

    fn serialize_f64(self, _: f64) -> Result<(), Refused> {
        Err(Refused)
    }

    fn serialize_char(self, c: char) -> Result<(), Refused> {
        self.serialize_str(c.encode_utf8(&mut [0; 4]))
    }

    fn serialize_bytes(self, _: &[u8]) -> Result<(), Refused> {
        Err(Refused)
    }

    fn serialize_none(self) -> Result<(), Refused> {
        self.serialize_unit()
    }

    #[inline]
    fn serialize_some<T: serde::Serialize + ?Sized>(self, value: &T) -> Result<(), Refused> {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<(), Refused> {
        self.buf.extend_from_slice(b"null");
        Ok(())
    }

    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Refused> {
        self.serialize_unit()
    }

    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), Refused> {
        self.serialize_str(variant)
    }

    #[inline]
    fn serialize_newtype_struct<T: serde::Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), Refused> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: serde::Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), Refused> {
        Err(Refused)
    }

    fn serialize_seq(self, _: Option<usize>) -> Result<Compound, Refused> {
        Err(Refused)
    }

    fn serialize_tuple(self, _: usize) -> Result<Compound, Refused> {
        Err(Refused)
    }

    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Compound, Refused> {
        Err(Refused)
    }

    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Compound, Refused> {
        Err(Refused)
    }

    fn serialize_map(self, _: Option<usize>) -> Result<Compound, Refused> {
        Err(Refused)
    }

    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Compound, Refused> {
        Err(Refused)
    }

    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Compound, Refused> {
        Err(Refused)
    }

    fn collect_str<T: core::fmt::Display + ?Sized>(self, _: &T) -> Result<(), Refused> {
        Err(Refused)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write as _;

    #[test]
    fn buffer_spills_to_the_heap_and_ends_exact() {
        for sizes in [
            &[10usize, 20][..],
            &[INLINE],
            &[INLINE - 1, 1, 1],
            &[300, 300, 3000],
            &[],
        ] {
            let mut buf = Buf::new();
            let mut expected = Vec::new();
            for (i, &size) in sizes.iter().enumerate() {
                let chunk = vec![b'a' + u8::try_from(i).unwrap(); size];
                if i % 2 == 0 {
                    buf.extend_from_slice(&chunk);
                } else {
                    buf.write_all(&chunk).unwrap();
                }
                expected.extend_from_slice(&chunk);
                assert_eq!(buf.len(), expected.len());
            }
            assert_eq!(buf.as_slice(), expected);
            let vec = buf.take_exact_vec();
            assert_eq!(vec, expected);
            assert_eq!(vec.len(), vec.capacity(), "exact allocation for {sizes:?}");
        }
        let mut buf = Buf::new();
        buf.extend_from_slice(&[b'x'; 2 * INLINE]);
        buf.truncate(3);
        assert_eq!(buf.as_slice(), b"xxx");
        buf.clear();
        buf.push(b'y');
        assert_eq!(buf.take_exact_vec(), b"y");
    }

    fn escaped(text: &str) -> String {
        let mut buf = Buf::new();
        string_into(&mut buf, text);
        String::from_utf8(buf.take_exact_vec()).unwrap()
    }

    #[test]
    fn escapes_like_serde_json() {
        for text in [
            "plain",
            "quote \" and backslash \\",
            "tab\tnewline\ncr\rbell\u{7}nul\0",
            "unicode é ✓ 😀 stays",
            "\u{1f}\u{8}\u{c}",
            "",
        ] {
            assert_eq!(
                escaped(text),
                serde_json::to_string(text).unwrap(),
                "{text:?}"
            );
            assert_eq!(needs_escape(text), escaped(text).len() != text.len() + 2);
        }
    }

    #[test]
    fn plain_check_agrees_with_the_table_at_every_length_and_position() {
        for len in 0..40 {
            for position in 0..len {
                for byte in [b'"', b'\\', 0x00, 0x1f, b'a', 0x7f, 0xc3] {
                    let mut text = vec![b'x'; len];
                    text[position] = byte;
                    let expected = text.iter().all(|&b| ESCAPE[b as usize] == 0);
                    assert_eq!(
                        is_plain(&text),
                        expected,
                        "len {len}, {byte:#04x} at {position}"
                    );
                }
            }
        }
    }

    #[test]
    fn strings_are_escaped_like_serde_json_at_every_length_and_position() {
        for len in 0..40 {
            for position in 0..len.max(1) {
                for byte in [b'"', b'\\', 0x00, 0x1f, 0x20, 0x21, 0x23, b'a', 0x7f, 0xc3] {
                    let mut text = vec![b'x'; len];
                    if len > 0 {
                        text[position] = byte;
                    }
                    let text = String::from_utf8_lossy(&text).into_owned();
                    let expected = serde_json::to_string(&text).unwrap();
                    for offset in [0, 1, 7, INLINE - len - 2, INLINE - len - 1] {
                        let mut buf = Buf::new();
                        buf.extend_from_slice(&vec![b' '; offset]);
                        string_into(&mut buf, &text);
                        assert_eq!(&buf.as_slice()[offset..], expected.as_bytes(), "{text:?}");
                        let mut buf = Buf::new();
                        buf.extend_from_slice(&vec![b' '; offset]);
                        escape_into(&mut buf, &text);
                        let inner = &expected.as_bytes()[1..expected.len() - 1];
                        assert_eq!(&buf.as_slice()[offset..], inner, "{text:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn scalars_are_written_like_serde_json() {
        fn check<T: serde::Serialize + ?Sized>(value: &T, scalar: bool) {
            let mut buf = Buf::new();
            assert_eq!(scalar_into(&mut buf, value), scalar);
            if scalar {
                assert_eq!(buf.as_slice(), serde_json::to_vec(value).unwrap());
            } else {
                assert_eq!(buf.as_slice(), b"");
            }
        }
        check("a\"b\n", true);
        check(&String::from("role_id"), true);
        check(&true, true);
        check(&false, true);
        check(&-42_i32, true);
        check(&i64::MIN, true);
        check(&u64::MAX, true);
        check(&7_u8, true);
        check(&'"', true);
        check(&(), true);
        check(&None::<u8>, true);
        check(&Some("x"), true);
        check(&Some(Some(3_u16)), true);
        check(&std::borrow::Cow::Borrowed("c"), true);
        check(&1.5_f64, false);
        check(&[1, 2], false);
        check(&vec!["a"], false);
        check(&serde_json::json!({"a": 1}), false);
        check(&serde_json::json!("v"), true);
        check(&serde_json::json!(null), true);
        check(&1_u128, false);
        check(b"bytes".as_slice(), false);
    }

    #[test]
    fn quoted_strings_inline_and_spilled() {
        let mut buf = Buf::new();
        buf.extend_from_slice(&[b' '; INLINE - 5]);
        string_into(&mut buf, "ab"); // exactly fills the inline buffer
        string_into(&mut buf, "cd\"e"); // spills, and escapes
        let text = String::from_utf8(buf.take_exact_vec()).unwrap();
        assert!(text.ends_with(r#""ab""cd\"e""#), "{text}");
        assert_eq!(text.len(), INLINE - 5 + 4 + 7); // "ab" and "cd\"e" with their quotes
    }

    #[test]
    fn word_check_agrees_with_the_table() {
        // Every byte value in every position of a word, against the byte table.
        for byte in 0..=255u8 {
            for position in 0..8 {
                let mut word = *b"abcdefgh";
                word[position] = byte;
                assert_eq!(
                    word_needs_escape(u64::from_le_bytes(word)),
                    ESCAPE[byte as usize] != 0,
                    "byte {byte:#04x} at {position}"
                );
                assert_eq!(is_plain(&word), ESCAPE[byte as usize] == 0);
            }
        }
        // Neighbouring bytes must not mask or fake a match (borrows between bytes).
        for pair in [
            [0x21u8, 0x22],
            [0x23, 0x22],
            [0x00, 0x01],
            [0x80, 0x1f],
            [0xff, 0x5c],
            [0x5b, 0x5d],
        ] {
            let mut word = [b'a'; 8];
            word[3..5].copy_from_slice(&pair);
            let expected = pair.iter().any(|&b| ESCAPE[b as usize] != 0);
            assert_eq!(
                word_needs_escape(u64::from_le_bytes(word)),
                expected,
                "{pair:?}"
            );
        }
    }

    #[test]
    fn integers() {
        for n in [0, 7, 10, 429, 5000, u64::MAX] {
            let mut buf = Buf::new();
            u64_into(&mut buf, n);
            assert_eq!(buf.as_slice(), n.to_string().as_bytes());
        }
    }
}
