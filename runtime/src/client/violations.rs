//! Where a response's field violations are, found by the pass, and the [`Violation`]s built
//! from there when they are first asked for: the pieces the pass read ([`Pending`]: `OData`'s
//! `details`, ASP.NET Core's field messages), or the one raw member that lists them, read then.

use std::borrow::Cow;

use super::kept::Kept;
use super::read::atom::Atom;
use super::read::errors::ViolationsSeed;
use super::read::listed::{ListSeed, Listed, Shape, MAX_VIOLATIONS};
use super::read::{details, or_repaired};
use crate::Violation;

/// A violation read by the pass, its strings kept.
#[derive(Clone, Debug)]
pub(crate) struct Pending {
    pub(crate) path: Kept,
    /// Whether `path` is a JSON pointer (else a field path).
    pub(crate) pointer: bool,
    pub(crate) message: Option<Kept>,
    pub(crate) code: Option<Kept>,
}

/// Where the violations are.
#[derive(Clone, Debug, Default)]
pub(crate) enum ViolationSource {
    #[default]
    None,
    /// Read by the pass (`OData`'s `details`, ASP.NET Core's field messages).
    Pending(Vec<Pending>),
    /// The elements of Problem's or JSON:API's `errors` array.
    Errors { elements: Kept, json_api: bool },
    /// `ErrorObject`'s `details.violations`, `{"field","message","code"}`.
    Listed(Kept),
    /// `ErrorMessage`'s details object, whose `violations` are those of [`Self::Listed`].
    ListedIn(Kept),
    /// Google's `BadRequest.fieldViolations`, `{"field","description","reason"}`.
    Google(Kept),
}

impl ViolationSource {
    /// The violations, reading the raw member from `store` if that is where they are.
    pub(crate) fn build(&self, store: &[u8]) -> Vec<Violation> {
        let (raw, shape) = match self {
            ViolationSource::None => return Vec::new(),
            ViolationSource::Errors { elements, json_api } => {
                let Some(elements) = elements.get(store) else {
                    return Vec::new();
                };
                // The array again around its elements (one copy, when first asked for).
                let errors = format!("[{elements}]");
                let seed = || ViolationsSeed {
                    json_api: *json_api,
                    max: MAX_VIOLATIONS,
                };
                return or_repaired(&errors, |errors| {
                    let listed = details::read_raw(errors, seed())?;
                    Some(listed.into_iter().map(violation).collect())
                })
                .unwrap_or_default();
            }
            ViolationSource::Pending(pending) => {
                return pending.iter().map(|one| one.build(store)).collect();
            }
            ViolationSource::Listed(raw) | ViolationSource::ListedIn(raw) => (raw, LISTED),
            ViolationSource::Google(raw) => (raw, GOOGLE),
        };
        let Some(raw) = raw.get(store) else {
            return Vec::new();
        };
        let inside = matches!(self, ViolationSource::ListedIn(_));
        or_repaired(raw, |raw| {
            let list = if inside {
                let member = details::read_raw(raw, details::RawMemberSeed("violations"))?;
                match member {
                    Some(member) => violations_of(member.get(), shape)?,
                    None => Vec::new(),
                }
            } else {
                violations_of(raw, shape)?
            };
            Some(list)
        })
        .unwrap_or_default()
    }
}

const LISTED: Shape = Shape {
    path: "field",
    message: "message",
    code: "code",
};
const GOOGLE: Shape = Shape {
    path: "field",
    message: "description",
    code: "reason",
};

/// The violations of the list `raw`, of `shape`.
fn violations_of(raw: &str, shape: Shape) -> Option<Vec<Violation>> {
    let max = MAX_VIOLATIONS;
    let list = details::read_raw(raw, ListSeed { shape, max })?;
    Some(list.into_iter().map(violation).collect())
}

/// A violation as written, owned.
fn violation(listed: Listed<'_>) -> Violation {
    let message = listed.message.map(Cow::into_owned).unwrap_or_default();
    let violation = if listed.pointer {
        Violation::pointer(normalize_pointer(&listed.path), message)
    } else {
        Violation::field(listed.path.into_owned(), message)
    };
    match listed.code.as_ref().and_then(Atom::code) {
        Some(code) => violation.with_code(code.into_owned()),
        None => violation,
    }
}

impl Pending {
    fn build(&self, store: &[u8]) -> Violation {
        let get = |kept: &Kept| kept.get(store).unwrap_or_default().to_owned();
        let path = get(&self.path);
        let message = self.message.as_ref().map(get).unwrap_or_default();
        let violation = if self.pointer {
            Violation::pointer(normalize_pointer(&path), message)
        } else {
            Violation::field(path, message)
        };
        match &self.code {
            Some(code) => violation.with_code(get(code)),
            None => violation,
        }
    }
}

/// A JSON pointer as given, or, in URI-fragment form (`#/profile/color`, RFC 6901 §6), the
/// pointer it stands for (`/profile/color`).
fn normalize_pointer(pointer: &str) -> String {
    match pointer.strip_prefix('#') {
        Some(fragment) => percent_decode(fragment).unwrap_or_else(|| fragment.to_owned()),
        None => pointer.to_owned(),
    }
}

fn percent_decode(text: &str) -> Option<String> {
    if !text.contains('%') {
        return Some(text.to_owned());
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}
