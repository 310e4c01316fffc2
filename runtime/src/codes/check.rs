//! Compile-time checks of a code tree: its codes are unique, and a list of codes is among them.

use super::{Codes, ErrorCodes, Item};

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

/// Appends the codes of `tree` to `out[len..]` (arrays by value: `&mut` in a `const fn` needs
/// a newer compiler than this crate's minimum).
const fn flatten(
    tree: &Codes,
    mut out: [&'static str; MAX_CODES],
    mut len: usize,
) -> ([&'static str; MAX_CODES], usize) {
    let mut i = 0;
    while i < tree.items.len() {
        match &tree.items[i] {
            Item::Code(entry) => {
                assert!(
                    len < MAX_CODES,
                    "apierror::assert_unique_codes checks at most 1024 codes"
                );
                out[len] = entry.code;
                len += 1;
            }
            Item::Transparent(inner) => (out, len) = flatten(inner, out, len),
        }
        i += 1;
    }
    (out, len)
}

/// Whether `code` is one of `tree`'s codes, at any depth.
const fn contains(tree: &Codes, code: &str) -> bool {
    let mut i = 0;
    while i < tree.items.len() {
        let found = match &tree.items[i] {
            Item::Code(entry) => str_eq(entry.code, code),
            Item::Transparent(inner) => contains(inner, code),
        };
        if found {
            return true;
        }
        i += 1;
    }
    false
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

/// Panics with `duplicate error code "<code>" …`.
const fn duplicate(code: &str) -> ! {
    panic_naming(
        b"duplicate error code \"",
        code,
        b"\" in the error tree (transparent variants include their inner type's codes): give one a different `#[api(code = \"...\")]`",
    )
}

/// Panics at compile time, when used in a `const`, naming the first of `codes` that is not in
/// `T`'s tree nor `INTERNAL_ERROR` (the renderer's own code, which every type can answer and
/// its catalog lists): what [`subset!`](crate::openapi::subset) checks.
///
/// # Panics
///
/// When a code is not one of `T`'s.
pub const fn assert_known<T: ErrorCodes>(codes: &[&str]) {
    let mut i = 0;
    while i < codes.len() {
        if !contains(&T::CODES, codes[i]) && !str_eq(codes[i], crate::api_error::INTERNAL_ERROR) {
            panic_naming(
                b"\"",
                codes[i],
                b"\" is not a code of the error type (nor of its transparent variants' types): check its spelling against the type's codes",
            );
        }
        i += 1;
    }
}

/// Panics with `head`, `code` and `tail` joined: the message is assembled in a buffer, as a
/// `const fn` can only panic with one `&str`.
const fn panic_naming(head: &[u8], code: &str, tail: &[u8]) -> ! {
    let mut buf = [0u8; 512];
    let mut len = 0;
    let parts = [head, code.as_bytes(), tail];
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
        Err(_) => panic!("an error code is wrong in the error tree"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codes::{all_codes, Entry};

    struct Leaf;
    impl ErrorCodes for Leaf {
        const CODES: Codes = Codes::new(&[
            Item::Code(Entry::new("A", 400)),
            Item::Code(Entry::new("B", 404)),
        ]);
    }
    struct Root;
    impl ErrorCodes for Root {
        const CODES: Codes = Codes::new(&[
            Item::Code(Entry::new("C", 409)),
            Item::Transparent(&<Leaf as ErrorCodes>::CODES),
            Item::Code(Entry::new("D", 503)),
        ]);
    }
    struct Clash;
    impl ErrorCodes for Clash {
        const CODES: Codes = Codes::new(&[
            Item::Code(Entry::new("B", 400)),
            Item::Transparent(&<Leaf as ErrorCodes>::CODES),
        ]);
    }

    const _: () = assert_unique_codes::<Root>();

    #[test]
    fn all_codes_walks_depth_first() {
        assert_eq!(all_codes::<Root>(), ["C", "A", "B", "D"]);
        assert!(contains(&Root::CODES, "B") && !contains(&Root::CODES, "E"));
        assert!(
            Root::CODES.entries()[3].retryable,
            "503 is retryable by default"
        );
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
