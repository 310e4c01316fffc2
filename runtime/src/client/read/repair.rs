//! The two quirks of published bodies that the decoder forgives, repaired in a copy of the text
//! before a second reading (only when the first one failed, so a well-formed body is read once).
//!
//! This is not a JSON reader: it only follows where strings start and end (a `"` not escaped)
//! to leave their contents alone, and `serde_json` checks the repaired copy as strictly as the
//! first.

/// `text` with each comma that directly precedes (but for whitespace) a `}` or `]` made a space,
/// and each escaped UTF-16 surrogate that is not half of a pair (`\ud800` alone) made `\ufffd`,
/// the replacement character; `None` when there is nothing to repair.
///
/// The Azure guidelines' own example has a trailing comma. `serde_json` refuses a lone surrogate
/// in a string it decodes (Rust's strings cannot hold one), where the decoder has always read
/// U+FFFD; both replacements keep the text's length.
pub(crate) fn repaired(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out: Option<Vec<u8>> = None;
    let mut quoted = false;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if quoted {
            match b {
                b'"' => quoted = false,
                b'\\' if bytes.get(i + 1) == Some(&b'u') => {
                    let unit = hex4(bytes.get(i + 2..i + 6));
                    if let Some(0xd800..=0xdbff) = unit {
                        let low = match bytes.get(i + 6..i + 8) {
                            Some(b"\\u") => hex4(bytes.get(i + 8..i + 12)),
                            _ => None,
                        };
                        if matches!(low, Some(0xdc00..=0xdfff)) {
                            i += 12;
                            continue;
                        }
                        replace(&mut out, bytes, i);
                    } else if matches!(unit, Some(0xdc00..=0xdfff)) {
                        replace(&mut out, bytes, i);
                    }
                    i += 2;
                    continue;
                }
                // Any other escape: the escaped byte is not a quote that ends the string.
                b'\\' => {
                    i += 2;
                    continue;
                }
                _ => {}
            }
        } else if b == b'"' {
            quoted = true;
        } else if b == b',' {
            let next = bytes
                .get(i + 1..)
                .unwrap_or_default()
                .iter()
                .find(|&&c| !matches!(c, b' ' | b'\t' | b'\n' | b'\r'));
            if matches!(next, Some(b'}' | b']')) {
                if let Some(slot) = out.get_or_insert_with(|| bytes.to_vec()).get_mut(i) {
                    *slot = b' ';
                }
            }
        }
        i += 1;
    }
    // Only ASCII bytes were replaced by ASCII bytes: still UTF-8.
    out.and_then(|bytes| String::from_utf8(bytes).ok())
}

/// Makes the six bytes of the escape at `at` `\ufffd`.
fn replace(out: &mut Option<Vec<u8>>, bytes: &[u8], at: usize) {
    let copy = out.get_or_insert_with(|| bytes.to_vec());
    if let Some(escape) = copy.get_mut(at..at + 6) {
        escape.copy_from_slice(b"\\ufffd");
    }
}

/// Four hexadecimal digits' value.
fn hex4(digits: Option<&[u8]>) -> Option<u32> {
    let digits = std::str::from_utf8(digits?).ok()?;
    if digits.len() == 4 && digits.bytes().all(|b| b.is_ascii_hexdigit()) {
        u32::from_str_radix(digits, 16).ok()
    } else {
        None
    }
}
