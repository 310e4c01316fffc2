//! Every `#[api(...)]` key, spelled once (as `serde_derive`'s `internals/symbol.rs`): the parser
//! matches on these, the misplaced- and unknown-key errors list them, the suggestions pick
//! from them, and a test below checks them against the attribute tables of the derive's
//! documentation.

use std::fmt::{self, Display};

/// One attribute key.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
pub(crate) struct Symbol(&'static str);

impl Symbol {
    pub(crate) const fn name(self) -> &'static str {
        self.0
    }
}

impl Display for Symbol {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(self.0)
    }
}

/// The attribute itself: `#[api(...)]`.
pub(crate) const API: Symbol = Symbol("api");

// Container keys.
pub(crate) const ENVELOPE: Symbol = Symbol("envelope");
pub(crate) const CODE_CASE: Symbol = Symbol("code_case");
pub(crate) const DOMAIN: Symbol = Symbol("domain");
pub(crate) const VERSION: Symbol = Symbol("version");
pub(crate) const CRATE: Symbol = Symbol("crate");
pub(crate) const TYPE_BASE: Symbol = Symbol("type_base");
pub(crate) const NEGOTIATE: Symbol = Symbol("negotiate");
pub(crate) const RATE_LIMIT_HEADERS: Symbol = Symbol("rate_limit_headers");
/// The log level: the type's default on the container, the code's own on a variant.
pub(crate) const LOG: Symbol = Symbol("log");

// Variant keys (also on a struct, which is one error).
pub(crate) const STATUS: Symbol = Symbol("status");
pub(crate) const CODE: Symbol = Symbol("code");
pub(crate) const MESSAGE: Symbol = Symbol("message");
pub(crate) const RETRYABLE: Symbol = Symbol("retryable");
/// A constant delay on a variant, or the field that holds the delay.
pub(crate) const RETRY_AFTER: Symbol = Symbol("retry_after");
pub(crate) const EXPOSE: Symbol = Symbol("expose");
pub(crate) const TRANSPARENT: Symbol = Symbol("transparent");
/// The variant holding `server_fn`'s failures: `FromServerFnError` for the type.
pub(crate) const SERVER_FN: Symbol = Symbol("server_fn");
pub(crate) const TITLE: Symbol = Symbol("title");
pub(crate) const TYPE: Symbol = Symbol("type");
pub(crate) const GRPC: Symbol = Symbol("grpc");
pub(crate) const HELP: Symbol = Symbol("help");

// Field keys (and `RETRY_AFTER`).
pub(crate) const DETAIL: Symbol = Symbol("detail");
pub(crate) const RATE_LIMIT: Symbol = Symbol("rate_limit");
pub(crate) const VIOLATIONS: Symbol = Symbol("violations");

/// The keys of an enum (and of a struct), in the order the unknown-key error lists them.
pub(crate) const CONTAINER_KEYS: &[Symbol] = &[
    ENVELOPE,
    CODE_CASE,
    DOMAIN,
    VERSION,
    CRATE,
    TYPE_BASE,
    NEGOTIATE,
    RATE_LIMIT_HEADERS,
    LOG,
];

/// The keys of a variant (and of a struct), in the order the unknown-key error lists them.
pub(crate) const VARIANT_KEYS: &[Symbol] = &[
    STATUS,
    CODE,
    MESSAGE,
    RETRYABLE,
    RETRY_AFTER,
    EXPOSE,
    TRANSPARENT,
    SERVER_FN,
    TITLE,
    TYPE,
    GRPC,
    HELP,
    LOG,
];

/// The keys of a field, in the order the unknown-key error lists them.
pub(crate) const FIELD_KEYS: &[Symbol] = &[RETRY_AFTER, DETAIL, RATE_LIMIT, VIOLATIONS];

/// The key among `keys` spelled `name`.
pub(crate) fn find(keys: &[Symbol], name: &str) -> Option<Symbol> {
    keys.iter().copied().find(|key| key.0 == name)
}

/// The names of `keys`, for the suggestions and the lists in error messages.
pub(crate) fn names(keys: &[Symbol]) -> Vec<&'static str> {
    keys.iter().map(|key| key.0).collect()
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::{Symbol, CONTAINER_KEYS, FIELD_KEYS, VARIANT_KEYS};

    /// Where the derive is documented: the doc comment on `pub use apierror_macros::ApiError;`.
    const DOCS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../runtime/src/lib.rs");

    /// The doc comment just above `pub use apierror_macros::ApiError;`, its `///` removed.
    fn derive_docs() -> Vec<String> {
        let source = std::fs::read_to_string(DOCS)
            .unwrap_or_else(|error| panic!("the derive's documentation, {DOCS}: {error}"));
        let lines: Vec<&str> = source.lines().collect();
        let at = lines
            .iter()
            .position(|line| line.trim() == "pub use apierror_macros::ApiError;")
            .unwrap_or_else(|| panic!("{DOCS} has no `pub use apierror_macros::ApiError;`"));
        let mut docs: Vec<String> = lines[..at]
            .iter()
            .rev()
            .map(|line| line.trim_start())
            .take_while(|line| line.starts_with("///"))
            .map(|line| line.trim_start_matches("///").trim().to_owned())
            .collect();
        docs.reverse();
        docs
    }

    /// The keys in the first column of the table under the heading that starts with `heading`.
    fn documented(heading: &str) -> BTreeSet<String> {
        let docs = derive_docs();
        let start = docs
            .iter()
            .position(|line| line.starts_with(&format!("# {heading}")))
            .unwrap_or_else(|| panic!("{DOCS}: no `# {heading}` section on the derive"));
        let keys: BTreeSet<String> = docs[start + 1..]
            .iter()
            .take_while(|line| !line.starts_with("# "))
            .flat_map(|line| row_keys(line))
            .collect();
        // The header row (`| attribute | meaning |`) has no backquotes, so adds nothing.
        assert!(
            !keys.is_empty(),
            "{DOCS}: the `# {heading}` table lists no keys"
        );
        keys
    }

    /// The keys in the first column of one table row: the word that opens each backquoted
    /// piece (`status` from `` `status = 404` ``), skipping the pieces that are values
    /// (`` `"ietf"` ``); none for a line that is not a row.
    fn row_keys(line: &str) -> Vec<String> {
        let Some(row) = line.strip_prefix('|') else {
            return Vec::new();
        };
        let first = row.split('|').next().unwrap_or_default();
        first
            .split('`')
            .skip(1)
            .step_by(2)
            .map(|piece| {
                piece
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect::<String>()
            })
            .filter(|word| word.starts_with(|c: char| c.is_ascii_lowercase() || c == '_'))
            .collect()
    }

    fn parsed(keys: &[Symbol]) -> BTreeSet<String> {
        keys.iter().map(|key| key.name().to_owned()).collect()
    }

    fn same(heading: &str, keys: &[Symbol]) {
        let documented = documented(heading);
        let parsed = parsed(keys);
        let undocumented: Vec<_> = parsed.difference(&documented).collect();
        let unparsed: Vec<_> = documented.difference(&parsed).collect();
        assert!(
            undocumented.is_empty() && unparsed.is_empty(),
            "`# {heading}` in {DOCS} and the parser disagree: parsed but not documented \
             {undocumented:?}, documented but not parsed {unparsed:?}"
        );
    }

    #[test]
    fn container_keys_are_documented() {
        same("Container attributes", CONTAINER_KEYS);
    }

    #[test]
    fn variant_keys_are_documented() {
        same("Variant attributes", VARIANT_KEYS);
    }

    #[test]
    fn field_keys_are_documented() {
        same("Field attributes", FIELD_KEYS);
    }

    #[test]
    fn the_table_reader_reads_keys_and_skips_values() {
        let row = "| `rate_limit_headers = \"x-ratelimit\"` / `\"ietf\"` / `\"both\"` | `x` |";
        assert_eq!(row_keys(row), ["rate_limit_headers"]);
        assert_eq!(
            row_keys("| `retryable` / `retryable = false` | x |"),
            ["retryable", "retryable"]
        );
        assert_eq!(row_keys("| `crate = ::path` | x |"), ["crate"]);
        assert!(row_keys("| attribute | meaning |").is_empty());
        assert!(row_keys("|---|---|").is_empty());
        assert!(row_keys("no table here").is_empty());
    }
}
