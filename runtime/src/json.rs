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
    len: usize,
    /// Holds everything once the body outgrows `inline`.
    heap: Option<Vec<u8>>,
}

impl Buf {
    pub(crate) fn new() -> Self {
        Buf {
            inline: [0; INLINE],
            len: 0,
            heap: None,
        }
    }

    pub(crate) fn len(&self) -> usize {
        match &self.heap {
            Some(heap) => heap.len(),
            None => self.len,
        }
    }

    pub(crate) fn as_slice(&self) -> &[u8] {
        match &self.heap {
            Some(heap) => heap,
            None => &self.inline[..self.len],
        }
    }

    #[inline]
    pub(crate) fn push(&mut self, byte: u8) {
        if self.heap.is_none() && self.len < INLINE {
            self.inline[self.len] = byte;
            self.len += 1;
        } else {
            self.extend_slow(&[byte]);
        }
    }

    // Inlined so that the many short constant-length writes of an envelope compile to a few
    // stores instead of a call to `memcpy` each.
    #[inline]
    pub(crate) fn extend_from_slice(&mut self, bytes: &[u8]) {
        let end = self.len + bytes.len();
        if self.heap.is_none() && end <= INLINE {
            self.inline[self.len..end].copy_from_slice(bytes);
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
        if self.heap.is_none() && end <= INLINE {
            self.inline[start] = b'"';
            self.inline[start + 1..end - 1].copy_from_slice(bytes);
            self.inline[end - 1] = b'"';
            self.len = end;
        } else {
            self.extend_slow(b"\"");
            self.extend_slow(bytes);
            self.extend_slow(b"\"");
        }
    }

    #[cold]
    fn extend_slow(&mut self, bytes: &[u8]) {
        if let Some(heap) = &mut self.heap {
            heap.extend_from_slice(bytes);
        } else {
            let mut heap = Vec::with_capacity((self.len + bytes.len()).max(2 * INLINE));
            heap.extend_from_slice(&self.inline[..self.len]);
            heap.extend_from_slice(bytes);
            self.heap = Some(heap);
        }
    }

    pub(crate) fn truncate(&mut self, len: usize) {
        match &mut self.heap {
            Some(heap) => heap.truncate(len),
            None => self.len = self.len.min(len),
        }
    }

    pub(crate) fn clear(&mut self) {
        self.heap = None;
        self.len = 0;
    }

    /// The body in an allocation of exactly its length. Takes `&mut self`, not `self`: moving
    /// the buffer would copy all of `inline` only to read a few bytes of it.
    pub(crate) fn take_exact_vec(&mut self) -> Vec<u8> {
        match self.heap.take() {
            Some(mut heap) => {
                heap.shrink_to_fit();
                heap
            }
            None => self.inline[..self.len].to_vec(),
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
/// bytes at a time with the usual "has a zero byte" bit trick.
#[inline]
const fn word_needs_escape(word: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    // A byte below 0x20 (valid for thresholds up to 0x80; bytes >= 0x80 never match).
    let control = word.wrapping_sub(ONES * 0x20) & !word & HIGHS;
    let quote = (word ^ (ONES * 0x22)).wrapping_sub(ONES) & !(word ^ (ONES * 0x22)) & HIGHS;
    let backslash = (word ^ (ONES * 0x5c)).wrapping_sub(ONES) & !(word ^ (ONES * 0x5c)) & HIGHS;
    control | quote | backslash != 0
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
    // Most codes and messages need no escaping: check by words, copy in one go.
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
