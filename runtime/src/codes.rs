//! Every code an error type can answer with, its `transparent` inner types' included, and a
//! compile-time check that they are unique across the whole tree.

/// The codes of one error type: its own, and those of the types its `transparent` variants
/// forward to.
///
/// `#[non_exhaustive]`: build one with [`Codes::new`], in a `const`.
#[derive(Clone, Copy, Debug)]
#[non_exhaustive]
pub struct Codes {
    /// The codes of the type's own (non-transparent) variants, in declaration order.
    pub own: &'static [&'static str],
    /// The codes of each inner type a `transparent` variant forwards to.
    pub inner: &'static [&'static Codes],
}

impl Codes {
    /// The codes `own`, and the code trees of the `inner` types.
    ///
    /// ```
    /// use apierror::{Codes, ErrorCodes};
    ///
    /// struct Teapot;
    /// impl ErrorCodes for Teapot {
    ///     const CODES: Codes = Codes::new(&["TEAPOT"], &[]);
    /// }
    /// struct App;
    /// impl ErrorCodes for App {
    ///     const CODES: Codes = Codes::new(&["NOT_FOUND"], &[&Teapot::CODES]);
    /// }
    /// assert_eq!(apierror::all_codes::<App>(), ["NOT_FOUND", "TEAPOT"]);
    /// ```
    #[must_use]
    pub const fn new(own: &'static [&'static str], inner: &'static [&'static Codes]) -> Self {
        Codes { own, inner }
    }
}

/// An error type whose codes are known at compile time. The derive implements it (when every
/// `transparent` inner type implements it too); implement it by hand for a hand-written
/// [`ApiError`](crate::ApiError) that a derived type wraps.
///
/// ```
/// use apierror::{Codes, ErrorCodes};
///
/// #[derive(Debug, thiserror::Error, apierror::ApiError)]
/// enum Billing {
///     #[error("card declined")]
///     #[api(status = 402)]
///     CardDeclined,
/// }
///
/// #[derive(Debug, thiserror::Error, apierror::ApiError)]
/// enum AppError {
///     #[error("not found")]
///     #[api(status = 404)]
///     NotFound,
///     #[error(transparent)]
///     #[api(transparent)]
///     Billing(#[from] Billing),
/// }
///
/// // Fails to compile if two codes anywhere in the tree are equal.
/// const _: () = apierror::assert_unique_codes::<AppError>();
/// assert_eq!(apierror::all_codes::<AppError>(), ["NOT_FOUND", "CARD_DECLINED"]);
/// ```
pub trait ErrorCodes {
    /// The type's codes.
    const CODES: Codes;
}

/// The most codes [`assert_unique_codes`] checks in one tree.
const MAX_CODES: usize = 1024;

/// Panics at compile time, when used in a `const`, if two codes in `T`'s tree are equal,
/// naming the code: `const _: () = apierror::assert_unique_codes::<AppError>();`
///
/// The derive already rejects a duplicate within one type; this also sees the codes that
/// `transparent` variants pull in from their inner types. An inner type wrapped by two
/// variants counts twice, and is reported. Trees of more than 1024 codes are rejected.
///
/// # Panics
///
/// When two codes are equal, or the tree has more than 1024 codes.
pub const fn assert_unique_codes<T: ErrorCodes>() {
    let (codes, len) = flatten(&T::CODES, [""; MAX_CODES], 0);
    let mut i = 0;
    while i < len {
        let mut j = 0;
        while j < i {
            if str_eq(codes[i], codes[j]) {
                duplicate(codes[i]);
            }
            j += 1;
        }
        i += 1;
    }
}

/// Every code of `T`'s tree, depth first in declaration order: the catalog of what clients
/// may see.
#[must_use]
pub fn all_codes<T: ErrorCodes>() -> Vec<&'static str> {
    fn walk(codes: &Codes, out: &mut Vec<&'static str>) {
        out.extend_from_slice(codes.own);
        for inner in codes.inner {
            walk(inner, out);
        }
    }
    let mut out = Vec::new();
    walk(&T::CODES, &mut out);
    out
}

/// Appends the codes of `tree` to `out[len..]` (arrays by value: `&mut` in a `const fn` needs
/// a newer compiler than this crate's minimum).
const fn flatten(
    tree: &Codes,
    mut out: [&'static str; MAX_CODES],
    mut len: usize,
) -> ([&'static str; MAX_CODES], usize) {
    let mut i = 0;
    while i < tree.own.len() {
        assert!(
            len < MAX_CODES,
            "apierror::assert_unique_codes checks at most 1024 codes"
        );
        out[len] = tree.own[i];
        len += 1;
        i += 1;
    }
    let mut k = 0;
    while k < tree.inner.len() {
        (out, len) = flatten(tree.inner[k], out, len);
        k += 1;
    }
    (out, len)
}

const fn str_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// Panics with `duplicate error code "<code>" …`: the message is assembled in a buffer, as
/// a `const fn` can only panic with one `&str`.
const fn duplicate(code: &str) -> ! {
    const HEAD: &[u8] = b"duplicate error code \"";
    const TAIL: &[u8] =
        b"\" in the error tree (transparent variants include their inner type's codes): give one a different `#[api(code = \"...\")]`";
    let mut buf = [0u8; 512];
    let mut len = 0;
    let parts = [HEAD, code.as_bytes(), TAIL];
    let mut p = 0;
    while p < parts.len() {
        let part = parts[p];
        let mut i = 0;
        while i < part.len() && len < buf.len() {
            buf[len] = part[i];
            len += 1;
            i += 1;
        }
        p += 1;
    }
    let (message, _) = buf.split_at(len);
    match core::str::from_utf8(message) {
        Ok(message) => panic!("{}", message),
        Err(_) => panic!("duplicate error code in the error tree"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Leaf;
    impl ErrorCodes for Leaf {
        const CODES: Codes = Codes::new(&["A", "B"], &[]);
    }
    struct Root;
    impl ErrorCodes for Root {
        const CODES: Codes = Codes::new(&["C"], &[&<Leaf as ErrorCodes>::CODES]);
    }
    struct Clash;
    impl ErrorCodes for Clash {
        const CODES: Codes = Codes::new(&["B"], &[&<Leaf as ErrorCodes>::CODES]);
    }

    const _: () = assert_unique_codes::<Root>();

    #[test]
    fn all_codes_walks_depth_first() {
        assert_eq!(all_codes::<Root>(), ["C", "A", "B"]);
    }

    #[test]
    fn a_duplicate_across_the_tree_is_named() {
        let panic = std::panic::catch_unwind(assert_unique_codes::<Clash>).unwrap_err();
        let message = panic.downcast_ref::<String>().unwrap();
        assert!(
            message.starts_with("duplicate error code \"B\" in the error tree"),
            "{message}"
        );
        assert!(std::panic::catch_unwind(assert_unique_codes::<Root>).is_ok());
    }
}
