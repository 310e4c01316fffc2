use http::header::{HeaderMap, HeaderName, HeaderValue};

use super::{Envelope, ErrorView, JsonWriter};
use crate::WriteError;

static X_MS_ERROR_CODE: HeaderName = HeaderName::from_static("x-ms-error-code");

/// The Microsoft REST / Azure / `OData` v4 error:
/// `{"error":{"code":…,"message":…,"target":…,"details":[…],"innererror":{…}}}`, and the
/// header `x-ms-error-code: <code>`.
///
/// - `target`: the field's path (`user.emails[0]`), only when the error carries exactly one
///   field [violation](crate::Violation).
/// - `details`, when the error carries violations: one `{"code":…,"target":…,"message":…}`
///   each, `code` being the violation's own code, else the error's.
/// - `innererror`: the detail fields, left out when there are none.
///
/// The header is left out for a code that is not a valid header value (which only a
/// hand-written [`ApiError`](crate::ApiError) can return; the derive checks its codes).
///
/// ```
/// use apierror::envelope::OData;
/// use apierror::{ApiError, StatusCode, Violation};
///
/// #[derive(Debug)]
/// struct Invalid {
///     violations: Vec<Violation>,
/// }
///
/// impl ApiError for Invalid {
///     fn status(&self) -> StatusCode {
///         StatusCode::BAD_REQUEST
///     }
///     fn code(&self) -> &'static str {
///         "BadArgument"
///     }
///     fn violations(&self) -> &[Violation] {
///         &self.violations
///     }
/// }
///
/// let error = Invalid { violations: vec![Violation::field("user.name", "is required")] };
/// let response = apierror::render::<OData>(&error, &Default::default());
/// assert_eq!(response.headers()["x-ms-error-code"], "BadArgument");
/// assert_eq!(
///     response.body(),
///     br#"{"error":{"code":"BadArgument","message":"Bad Request","target":"user.name","details":[{"code":"BadArgument","target":"user.name","message":"is required"}]}}"#
/// );
/// ```
#[derive(Clone, Copy, Debug, Default)]
pub struct OData;

/// Whether `bytes` is all visible ASCII (`0x20..=0x7e`), which `HeaderValue::from_static`
/// accepts, checked eight bytes at a time (its own check goes byte by byte).
fn is_visible_ascii(bytes: &[u8]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    // A byte below 0x20, or from 0x7f up: exact per byte (the low seven bits plus one carry
    // into the high bit only from 0x7f, never into the next byte).
    let invalid = |word: u64| {
        let below = word.wrapping_sub(ONES * 0x20) & !word;
        let above = ((word & !HIGHS) + ONES) | word;
        (below | above) & HIGHS != 0
    };
    let word_at = |i: usize| {
        let mut word = [0u8; 8];
        word.copy_from_slice(&bytes[i..i + 8]);
        u64::from_le_bytes(word)
    };
    let n = bytes.len();
    if n < 8 {
        return bytes.iter().all(|&b| (0x20..0x7f).contains(&b));
    }
    let mut i = 0;
    while i + 8 <= n {
        if invalid(word_at(i)) {
            return false;
        }
        i += 8;
    }
    i == n || !invalid(word_at(n - 8))
}

impl Envelope for OData {
    fn write_body(error: &ErrorView<'_>, out: &mut JsonWriter<'_>) -> Result<(), WriteError> {
        out.raw("{\"error\":{\"code\":");
        out.string(error.code());
        out.raw(",\"message\":");
        out.message(error)?;
        let violations = error.violations();
        if let [violation] = violations {
            out.raw(",\"target\":");
            out.string(&violation.path());
        }
        let mut open = ",\"details\":[{\"code\":";
        for violation in violations {
            out.raw(open);
            open = ",{\"code\":";
            out.string(violation.code().unwrap_or(error.code()));
            out.raw(",\"target\":");
            out.string(&violation.path());
            out.raw(",\"message\":");
            out.string(violation.message());
            out.raw("}");
        }
        if !violations.is_empty() {
            out.raw("]");
        }
        out.details(error, ",\"innererror\":{", &[])?.close("}");
        out.raw("}}");
        Ok(())
    }

    fn write_headers(error: &ErrorView<'_>, headers: &mut HeaderMap) {
        let code = error.code();
        // A code is `'static`: when it is visible ASCII (every derived one), the header value
        // is the code itself, not a copy.
        let value = if is_visible_ascii(code.as_bytes()) {
            Ok(HeaderValue::from_static(code))
        } else {
            HeaderValue::from_str(code)
        };
        if let Ok(value) = value {
            headers.insert(X_MS_ERROR_CODE.clone(), value);
        }
    }

    /// `details` holds the field violations, `innererror` the detail fields.
    fn schema() -> serde_json::Value {
        serde_json::json!({
            "description": "Microsoft REST API guidelines / OData error",
            "type": "object",
            "required": ["error"],
            "properties": {
                "error": {
                    "type": "object",
                    "required": ["code", "message"],
                    "properties": {
                        "code": { "type": "string" },
                        "message": { "type": "string" },
                        "target": { "type": "string" },
                        "details": {
                            "type": "array",
                            "items": {
                                "type": "object",
                                "required": ["code", "target", "message"],
                                "properties": {
                                    "code": { "type": "string" },
                                    "target": { "type": "string" },
                                    "message": { "type": "string" }
                                }
                            }
                        },
                        "innererror": { "type": "object", "additionalProperties": true }
                    }
                }
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn visible_ascii_agrees_with_the_byte_rule_at_every_length_and_position() {
        for len in 0..24 {
            for position in 0..len {
                for byte in [0x00, 0x09, 0x1f, 0x20, 0x21, 0x41, 0x7e, 0x7f, 0x80, 0xff] {
                    let mut text = vec![b'A'; len];
                    text[position] = byte;
                    let expected = text.iter().all(|&b| (0x20..0x7f).contains(&b));
                    assert_eq!(
                        is_visible_ascii(&text),
                        expected,
                        "{len} {position} {byte:#x}"
                    );
                }
            }
            assert!(is_visible_ascii(&vec![b'~'; len]));
        }
    }
}
