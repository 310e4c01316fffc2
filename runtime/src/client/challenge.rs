//! What a response's headers say of the error itself, when the body says less: the Bearer
//! challenge of `WWW-Authenticate` (RFC 6750 §3: its `error` and `error_description`
//! parameters) and the AWS JSON protocols' error type (`x-amzn-ErrorType`, and the same
//! sanitizing for the body's `__type`).
//!
//! Both read untrusted text by hand, with `get` and iterators only: nothing here panics.

use std::borrow::Cow;

/// The `error` and `error_description` parameters of the `Bearer` challenge in a
/// `WWW-Authenticate` value (RFC 6750 §3; the challenge grammar of RFC 9110 §11.6.1): each a
/// slice of `value` when written as a token or a quoted string without escapes.
///
/// The value may hold several challenges (`Basic realm="x", Bearer error="invalid_token"`): the
/// parameters are those after the `Bearer` scheme and before the next scheme. A parameter
/// without a value, or text that does not follow the grammar, ends the reading with what was
/// found.
pub(crate) fn bearer_error(value: &str) -> (Option<Cow<'_, str>>, Option<Cow<'_, str>>) {
    let (mut error, mut description) = (None, None);
    let mut bearer = false;
    let mut rest = value;
    loop {
        rest = rest.trim_start_matches([' ', '\t', ',']);
        let name_len = rest.bytes().take_while(|&b| is_tchar(b)).count();
        let Some(name) = rest.get(..name_len).filter(|name| !name.is_empty()) else {
            break;
        };
        rest = rest.get(name_len..).unwrap_or_default();
        let after = rest.trim_start_matches([' ', '\t']);
        let Some(after_equals) = after.strip_prefix('=') else {
            // A scheme (or a token68, which a Bearer challenge with an error never has).
            bearer = name.eq_ignore_ascii_case("bearer");
            continue;
        };
        let value_text = after_equals.trim_start_matches([' ', '\t']);
        let (param, left) = if let Some(quoted) = value_text.strip_prefix('"') {
            match quoted_string(quoted) {
                Some(read) => read,
                None => break,
            }
        } else {
            let len = value_text.bytes().take_while(|&b| is_tchar(b)).count();
            (
                Cow::Borrowed(value_text.get(..len).unwrap_or_default()),
                value_text.get(len..).unwrap_or_default(),
            )
        };
        rest = left;
        if bearer && !param.is_empty() {
            if name.eq_ignore_ascii_case("error") {
                error = Some(param);
            } else if name.eq_ignore_ascii_case("error_description") {
                description = Some(param);
            }
        }
    }
    (error, description)
}

/// A quoted string's contents (RFC 9110 §5.6.4; `text` starts after the opening quote), its
/// `\` escapes removed, and the text after the closing quote; `None` when it does not close.
fn quoted_string(text: &str) -> Option<(Cow<'_, str>, &str)> {
    let mut owned: Option<String> = None;
    let mut chars = text.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => {
                let rest = text.get(i + 1..)?;
                let contents = match owned {
                    Some(owned) => Cow::Owned(owned),
                    None => Cow::Borrowed(text.get(..i)?),
                };
                return Some((contents, rest));
            }
            '\\' => {
                let (_, escaped) = chars.next()?;
                owned
                    .get_or_insert_with(|| text.get(..i).unwrap_or_default().to_owned())
                    .push(escaped);
            }
            c => {
                if let Some(owned) = &mut owned {
                    owned.push(c);
                }
            }
        }
    }
    None
}

/// A `tchar` of RFC 9110 §5.6.2.
fn is_tchar(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}

/// An AWS error type as the SDKs read it (the sanitizing of smithy's `awsJson1_0`,
/// `awsJson1_1` and `restJson1` protocols): the text before the first `:` (the header may
/// carry a URL after it), then after the first `#` (the body's `__type` may be a shape id,
/// `namespace#Name`); `None` when nothing is left.
pub(crate) fn aws_error_type(value: &str) -> Option<&str> {
    let before_colon = value.split(':').next().unwrap_or_default();
    let name = match before_colon.split_once('#') {
        Some((_, name)) => name,
        None => before_colon,
    };
    let name = name.trim();
    (!name.is_empty()).then_some(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bearer_challenge_of_rfc_6750() {
        // RFC 6750 §3, the two examples.
        assert_eq!(
            bearer_error(r#"Bearer realm="example""#),
            (None, None),
            "no error: the request had no token"
        );
        let (error, description) = bearer_error(
            r#"Bearer realm="example", error="invalid_token", error_description="The access token expired""#,
        );
        assert_eq!(error.as_deref(), Some("invalid_token"));
        assert_eq!(description.as_deref(), Some("The access token expired"));
        assert!(matches!(error, Some(Cow::Borrowed(_))));
        // Among other challenges; tokens, escapes, any case.
        let (error, description) = bearer_error(
            r#"Basic realm="x", error="not_this", bearer error=insufficient_scope, error_description="say \"scope\"", scope="a b", Other error="nor_this""#,
        );
        assert_eq!(error.as_deref(), Some("insufficient_scope"));
        assert_eq!(description.as_deref(), Some(r#"say "scope""#));
        // Broken text: what was read before it.
        assert_eq!(
            bearer_error(r#"Bearer error="invalid_token", error_description="open"#)
                .0
                .as_deref(),
            Some("invalid_token")
        );
        for value in [
            "",
            "Bearer",
            "Bearer ,,, =",
            "Bearer error=",
            "\"",
            "Bearer error=\"\\",
        ] {
            let _ = bearer_error(value);
        }
        assert_eq!(bearer_error("Bearer error=\"\"").0, None);
    }

    #[test]
    fn aws_error_types_are_sanitized_as_the_sdks_do() {
        assert_eq!(
            aws_error_type("com.amazonaws.dynamodb.v20120810#ResourceNotFoundException"),
            Some("ResourceNotFoundException")
        );
        assert_eq!(
            aws_error_type(
                "ValidationException:http://internal.amazon.com/coral/com.amazon.coral.validate/"
            ),
            Some("ValidationException")
        );
        assert_eq!(
            aws_error_type("aws.protocoltests.restjson#FooError:http://internal.amazon.com/coral/com.amazon.coral.validate/"),
            Some("FooError")
        );
        assert_eq!(aws_error_type("FooError"), Some("FooError"));
        assert_eq!(aws_error_type(""), None);
        assert_eq!(aws_error_type("ns#"), None);
        assert_eq!(aws_error_type(":x"), None);
    }
}
