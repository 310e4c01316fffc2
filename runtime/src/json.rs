//! The few JSON primitives the envelopes need, appending to one `Vec<u8>`.

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

/// Appends `text` escaped as the contents of a JSON string (without the quotes).
pub(crate) fn escape_into(buf: &mut Vec<u8>, text: &str) {
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
pub(crate) fn string_into(buf: &mut Vec<u8>, text: &str) {
    buf.push(b'"');
    escape_into(buf, text);
    buf.push(b'"');
}

/// Appends the decimal digits of `n`.
pub(crate) fn u64_into(buf: &mut Vec<u8>, mut n: u64) {
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    loop {
        i -= 1;
        // `n % 10` is below 10, so the cast keeps every bit.
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    buf.extend_from_slice(&digits[i..]);
}

/// Appends `n` with exactly `width` digits, zero-padded on the left.
pub(crate) fn padded_into(buf: &mut Vec<u8>, mut n: u64, width: usize) {
    let mut digits = [b'0'; 20];
    let mut i = digits.len();
    while i > digits.len() - width {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
    }
    buf.extend_from_slice(&digits[i..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn escaped(text: &str) -> String {
        let mut buf = Vec::new();
        string_into(&mut buf, text);
        String::from_utf8(buf).unwrap()
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
    fn integers() {
        for n in [0, 7, 10, 429, 5000, u64::MAX] {
            let mut buf = Vec::new();
            u64_into(&mut buf, n);
            assert_eq!(buf, n.to_string().as_bytes());
        }
        let mut buf = Vec::new();
        padded_into(&mut buf, 42, 4);
        padded_into(&mut buf, 123_456_789, 9);
        padded_into(&mut buf, 5, 9);
        assert_eq!(buf, b"0042123456789000000005");
    }
}
