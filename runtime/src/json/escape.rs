//! JSON strings and numbers: escaping, eight bytes at a time where it can.

use super::buf::Buf;

/// Copies `bytes` into `dst` (of the same length) if none needs escaping, checking and copying
/// eight bytes at a time (overlapping words for the tail, no loop for up to sixteen bytes);
/// returns `false` if a byte needs escaping (`dst` may then hold part of `bytes`, which the
/// caller does not count as written).
#[inline]
pub(super) fn copy_plain(dst: &mut [u8], bytes: &[u8]) -> bool {
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

#[cfg(test)]
mod tests {
    use super::super::buf::INLINE;
    use super::*;

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
