//! `code_case`: how a code is derived from a variant's name when `code` is absent.

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Case {
    ScreamingSnake,
    Snake,
    Kebab,
    Camel,
    Pascal,
}

impl Case {
    pub(crate) const NAMES: &'static [&'static str] = &[
        "SCREAMING_SNAKE_CASE",
        "snake_case",
        "kebab-case",
        "camelCase",
        "PascalCase",
    ];

    pub(crate) fn from_name(name: &str) -> Option<Case> {
        Some(match name {
            "SCREAMING_SNAKE_CASE" => Case::ScreamingSnake,
            "snake_case" => Case::Snake,
            "kebab-case" => Case::Kebab,
            "camelCase" => Case::Camel,
            "PascalCase" => Case::Pascal,
            _ => return None,
        })
    }

    /// The code for an identifier (`r#` stripped) in this case.
    pub(crate) fn apply(self, ident: &str) -> String {
        let words = words(ident.strip_prefix("r#").unwrap_or(ident));
        match self {
            Case::ScreamingSnake => join(&words, "_", str::to_uppercase),
            Case::Snake => join(&words, "_", str::to_lowercase),
            Case::Kebab => join(&words, "-", str::to_lowercase),
            Case::Pascal => join(&words, "", capitalize),
            Case::Camel => {
                let mut out = String::new();
                for (i, word) in words.iter().enumerate() {
                    if i == 0 {
                        out.push_str(&word.to_lowercase());
                    } else {
                        out.push_str(&capitalize(word));
                    }
                }
                out
            }
        }
    }
}

fn join(words: &[String], sep: &str, f: fn(&str) -> String) -> String {
    words.iter().map(|w| f(w)).collect::<Vec<_>>().join(sep)
}

fn capitalize(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first
            .to_uppercase()
            .chain(chars.flat_map(char::to_lowercase))
            .collect(),
        None => String::new(),
    }
}

/// Splits `UserNotFound`, `HTTPError`, `user_not_found` or `Error404` into words; digits stay
/// with the word before them, and an acronym ends before the capital that starts a new word.
fn words(ident: &str) -> Vec<String> {
    let chars: Vec<char> = ident.chars().collect();
    let mut words = Vec::new();
    let mut current = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if c == '_' || c == '-' {
            if !current.is_empty() {
                words.push(std::mem::take(&mut current));
            }
            continue;
        }
        if c.is_uppercase() && !current.is_empty() {
            let prev = chars[i - 1];
            let next_is_lower = chars.get(i + 1).is_some_and(|n| n.is_lowercase());
            if prev.is_lowercase()
                || prev.is_ascii_digit()
                || (prev.is_uppercase() && next_is_lower)
            {
                words.push(std::mem::take(&mut current));
            }
        }
        current.push(c);
    }
    if !current.is_empty() {
        words.push(current);
    }
    words
}

#[cfg(test)]
mod tests {
    use super::Case;

    #[test]
    fn codes_from_names() {
        let cases = [
            (
                "UserNotFound",
                [
                    "USER_NOT_FOUND",
                    "user_not_found",
                    "user-not-found",
                    "userNotFound",
                    "UserNotFound",
                ],
            ),
            (
                "HTTPError",
                [
                    "HTTP_ERROR",
                    "http_error",
                    "http-error",
                    "httpError",
                    "HttpError",
                ],
            ),
            (
                "Error404Page",
                [
                    "ERROR404_PAGE",
                    "error404_page",
                    "error404-page",
                    "error404Page",
                    "Error404Page",
                ],
            ),
            ("r#Type", ["TYPE", "type", "type", "type", "Type"]),
            ("A", ["A", "a", "a", "a", "A"]),
            (
                "OAuthFailed",
                [
                    "O_AUTH_FAILED",
                    "o_auth_failed",
                    "o-auth-failed",
                    "oAuthFailed",
                    "OAuthFailed",
                ],
            ),
        ];
        for (ident, expected) in cases {
            for (name, want) in Case::NAMES.iter().zip(expected) {
                assert_eq!(
                    Case::from_name(name).unwrap().apply(ident),
                    want,
                    "{ident} as {name}"
                );
            }
        }
    }
}
