//! Per-field validation errors.

use std::borrow::Cow;
use std::fmt::Write as _;

/// One field that failed validation: which field, what is wrong, and optionally a code.
///
/// A `#[api(violations)]` field (a `Vec<Violation>`, a boxed slice, or an `Option` of either)
/// carries them; each envelope writes them its own way: Problem `errors` with `pointer`,
/// JSON:API one error object each with `source.pointer`, Google `BadRequest.fieldViolations`,
/// `OData` `details` with `target`, `ErrorObject` and `ErrorMessage` a `violations` detail.
///
/// The field is given either as a path of names (`user.emails[0]`), as most validators report
/// it, or as a JSON pointer (`/user/emails/0`, RFC 6901); each envelope gets the form it wants.
///
/// ```
/// use apierror::Violation;
///
/// let v = Violation::field("user.emails[0]", "must be an email address").with_code("EMAIL");
/// assert_eq!(v.path(), "user.emails[0]");
/// assert_eq!(v.json_pointer(), "/user/emails/0");
/// assert_eq!(v.message(), "must be an email address");
/// assert_eq!(v.code(), Some("EMAIL"));
///
/// let v = Violation::pointer("/data/attributes/role_id", "is required");
/// assert_eq!(v.path(), "data.attributes.role_id");
/// assert_eq!(v, Violation::field("data.attributes.role_id", "is required"));
/// ```
///
/// Two violations are equal when they name the same field (however it is addressed: the path
/// `user.emails[0]` is the pointer `/user/emails/0`), with the same message and code; so a
/// violation decoded from a body that wrote it as a pointer equals the one the server made.
#[derive(Clone, Debug)]
pub struct Violation {
    target: Target,
    message: Cow<'static, str>,
    code: Option<Cow<'static, str>>,
}

impl PartialEq for Violation {
    fn eq(&self, other: &Self) -> bool {
        self.message == other.message
            && self.code == other.code
            && self.json_pointer() == other.json_pointer()
    }
}

impl Eq for Violation {}

impl core::hash::Hash for Violation {
    fn hash<H: core::hash::Hasher>(&self, state: &mut H) {
        self.json_pointer().hash(state);
        self.message.hash(state);
        self.code.hash(state);
    }
}

#[derive(Clone, Debug)]
enum Target {
    Path(Cow<'static, str>),
    Pointer(Cow<'static, str>),
}

impl Violation {
    /// A violation of the field at `path`: a name, or names joined by `.` with `[n]` for an
    /// array index (`user.emails[0]`).
    #[must_use]
    pub fn field(
        path: impl Into<Cow<'static, str>>,
        message: impl Into<Cow<'static, str>>,
    ) -> Self {
        Violation {
            target: Target::Path(path.into()),
            message: message.into(),
            code: None,
        }
    }

    /// A violation of the value at a JSON pointer (RFC 6901), such as `/data/attributes/name`.
    #[must_use]
    pub fn pointer(
        pointer: impl Into<Cow<'static, str>>,
        message: impl Into<Cow<'static, str>>,
    ) -> Self {
        Violation {
            target: Target::Pointer(pointer.into()),
            message: message.into(),
            code: None,
        }
    }

    /// Sets a machine code for this violation (such as `"REQUIRED"`).
    #[must_use]
    pub fn with_code(mut self, code: impl Into<Cow<'static, str>>) -> Self {
        self.code = Some(code.into());
        self
    }

    /// What is wrong, for a person.
    #[must_use]
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The violation's own code, when it has one.
    #[must_use]
    pub fn code(&self) -> Option<&str> {
        self.code.as_deref()
    }

    /// The field as a path of names: `user.emails[0]`.
    #[must_use]
    pub fn path(&self) -> Cow<'_, str> {
        match &self.target {
            Target::Path(path) => Cow::Borrowed(path),
            Target::Pointer(pointer) => Cow::Owned(pointer_to_path(pointer)),
        }
    }

    /// The field as a JSON pointer: `/user/emails/0`.
    #[must_use]
    pub fn json_pointer(&self) -> Cow<'_, str> {
        match &self.target {
            Target::Pointer(pointer) => Cow::Borrowed(pointer),
            Target::Path(path) => Cow::Owned(path_to_pointer(path)),
        }
    }
}

/// `user.emails[0]` → `/user/emails/0`, each name escaped as RFC 6901 says (`~` → `~0`,
/// `/` → `~1`).
fn path_to_pointer(path: &str) -> String {
    let mut out = String::with_capacity(path.len() + 1);
    if path.is_empty() {
        return out;
    }
    for segment in path.split('.') {
        let (name, indexes) = match segment.find('[') {
            Some(at) if segment.ends_with(']') => (&segment[..at], &segment[at..]),
            _ => (segment, ""),
        };
        if !name.is_empty() || indexes.is_empty() {
            out.push('/');
            for c in name.chars() {
                match c {
                    '~' => out.push_str("~0"),
                    '/' => out.push_str("~1"),
                    c => out.push(c),
                }
            }
        }
        for index in indexes.split(['[', ']']).filter(|index| !index.is_empty()) {
            let _ = write!(out, "/{index}");
        }
    }
    out
}

/// `/user/emails/0` → `user.emails[0]`: the inverse of [`path_to_pointer`] for pointers it
/// makes; numeric segments become indexes.
fn pointer_to_path(pointer: &str) -> String {
    let mut out = String::with_capacity(pointer.len());
    for segment in pointer.split('/').skip(1) {
        let segment = segment.replace("~1", "/").replace("~0", "~");
        if !segment.is_empty() && segment.bytes().all(|b| b.is_ascii_digit()) && !out.is_empty() {
            let _ = write!(out, "[{segment}]");
        } else {
            if !out.is_empty() {
                out.push('.');
            }
            out.push_str(&segment);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_pointers() {
        for (path, pointer) in [
            ("role_id", "/role_id"),
            ("user.emails[0]", "/user/emails/0"),
            ("matrix[1][2]", "/matrix/1/2"),
            ("a/b.c~d", "/a~1b/c~0d"),
            ("", ""),
        ] {
            assert_eq!(path_to_pointer(path), pointer, "{path}");
            assert_eq!(pointer_to_path(pointer), path, "{pointer}");
        }
    }

    #[test]
    fn pointers_become_paths() {
        assert_eq!(
            pointer_to_path("/data/attributes/name"),
            "data.attributes.name"
        );
        assert_eq!(pointer_to_path("/0/name"), "0.name");
        assert_eq!(pointer_to_path("/"), "");
    }
}
