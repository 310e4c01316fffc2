//! The derive's description of a type's own codes: one array of literals per column (a type
//! of many variants costs the compiler little), read by the derived `status`, `code`,
//! `retryable` and `descriptor` by the variant's index, and turned into the code tree's
//! [`Entry`]s only where the tree is used (the catalog, OpenAPI). Generated code reaches it
//! through `__private`.

use std::time::Duration;

use http::StatusCode;

use super::{Entry, Field, FieldRole, Item};
use crate::api_error::{retryable_by_default_u16, Descriptor};

/// The status for a code the derive has checked to be in `400..=599`.
#[must_use]
#[inline]
pub fn status(code: u16) -> StatusCode {
    StatusCode::from_u16(code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
}

/// A derived type's own catalog entries (those of its variants that are not `transparent`), as
/// the derive writes them: one array per column, literals only, so a type of many variants costs
/// the compiler little. `status`, `code`, `retryable` and `descriptor` read it by the variant's
/// index; the catalog's [`Entry`](Entry)s are built from it where they are used.
#[derive(Clone, Copy, Debug)]
pub struct Table {
    /// The codes, by entry.
    pub codes: &'static [&'static str],
    /// The statuses, in `400..=599`, by entry.
    pub statuses: &'static [u16],
    /// Empty when every entry is retryable as its status is by default.
    pub retryable: &'static [bool],
    /// The messages as written, but for the entries in `unread`, which have none.
    pub messages: &'static [&'static str],
    /// The entries whose message the derive cannot read (a `Display` that is not thiserror's).
    pub unread: &'static [usize],
    /// Empty when no entry has a doc comment.
    pub summaries: &'static [&'static str],
    /// The rest of each doc comment; as `summaries`, empty when no entry has a doc comment.
    pub descriptions: &'static [&'static str],
    /// Empty when no entry has `help`; else `""` for one without.
    pub helps: &'static [&'static str],
    /// The constant retry delays, in seconds, by entry.
    pub retry_after: &'static [(usize, u64)],
    /// Empty when no entry sets one.
    pub descriptors: &'static [Descriptor],
    /// Where each entry's fields end in [`CodeItems::FIELDS`]; empty when no entry has one.
    pub field_ends: &'static [usize],
}

impl Table {
    /// The table of a type whose variants are all `transparent`.
    pub const EMPTY: Table = Table {
        codes: &[],
        statuses: &[],
        retryable: &[],
        messages: &[],
        unread: &[],
        summaries: &[],
        descriptions: &[],
        helps: &[],
        retry_after: &[],
        descriptors: &[],
        field_ends: &[],
    };
}

/// The code tree of a derived type, `N` members and `M` fields, in associated constants: they
/// are evaluated only where the tree is used (the catalog, OpenAPI), not in every build.
pub trait CodeItems<const N: usize, const M: usize> {
    /// The type's own entries, one array per column.
    const TABLE: Table;
    /// The fields of all its entries, in order ([`Table::field_ends`] splits them).
    const FIELDS: [Field; M];
    /// The members of the tree: its entries and its `transparent` variants' trees.
    const ITEMS: [Item; N];
}

/// `T`'s code tree, for its `ErrorCodes::CODES`.
#[must_use]
pub const fn code_items<T: CodeItems<N, M>, const N: usize, const M: usize>() -> &'static [Item] {
    &T::ITEMS
}

/// The status of entry `i`.
#[must_use]
#[inline]
pub fn status_at(table: &Table, i: usize) -> StatusCode {
    status(table.statuses[i])
}

/// Whether entry `i` is retryable.
#[must_use]
#[inline]
pub fn retryable_at(table: &Table, i: usize) -> bool {
    match table.retryable {
        [] => retryable_by_default_u16(table.statuses[i]),
        retryable => retryable[i],
    }
}

/// The descriptor of entry `i`.
#[must_use]
#[inline]
pub fn descriptor_at(table: &'static Table, i: usize) -> &'static Descriptor {
    match table.descriptors {
        [] => const { &Descriptor::new() },
        descriptors => &descriptors[i],
    }
}

/// Entry `i`, as the catalog lists it.
#[must_use]
pub const fn entry_at(table: &Table, all_fields: &'static [Field], i: usize) -> Entry {
    let mut entry = Entry::new(table.codes[i], table.statuses[i]);
    if !table.retryable.is_empty() {
        entry = entry.with_retryable(table.retryable[i]);
    }
    let mut j = 0;
    let mut read = true;
    while j < table.unread.len() {
        if table.unread[j] == i {
            read = false;
        }
        j += 1;
    }
    if read {
        entry = entry.with_message(table.messages[i]);
    }
    if !table.summaries.is_empty() {
        entry = entry.with_docs(table.summaries[i], table.descriptions[i]);
    }
    if !table.helps.is_empty() && !table.helps[i].is_empty() {
        entry = entry.with_help(table.helps[i]);
    }
    let mut j = 0;
    while j < table.retry_after.len() {
        if table.retry_after[j].0 == i {
            entry = entry.with_retry_after(Duration::from_secs(table.retry_after[j].1));
        }
        j += 1;
    }
    if !table.descriptors.is_empty() {
        entry = entry.with_descriptor(table.descriptors[i]);
    }
    if !table.field_ends.is_empty() {
        let start = if i == 0 { 0 } else { table.field_ends[i - 1] };
        let (_, rest) = all_fields.split_at(start);
        let (fields, _) = rest.split_at(table.field_ends[i] - start);
        entry = entry.with_fields(fields);
    }
    entry
}

/// The code tree of a type without `transparent` variants: its `N` entries, in order.
#[must_use]
pub const fn items<T: CodeItems<N, M>, const N: usize, const M: usize>() -> [Item; N] {
    let fields: &'static [Field] = &T::FIELDS;
    let mut items = [Item::Code(Entry::new("", 500)); N];
    let mut i = 0;
    while i < N {
        items[i] = Item::Code(entry_at(&T::TABLE, fields, i));
        i += 1;
    }
    items
}

/// The member of `T`'s code tree for its entry `i`, in a type with `transparent` variants.
#[must_use]
pub const fn item<T: CodeItems<N, M>, const N: usize, const M: usize>(i: usize) -> Item {
    let fields: &'static [Field] = &T::FIELDS;
    Item::Code(entry_at(&T::TABLE, fields, i))
}

/// The fields of a type's entries, from one array per column (roles: 0 detail, 1 retry
/// delay, 2 rate limit, 3 violations).
#[must_use]
pub const fn fields<const N: usize>(
    names: &[&'static str; N],
    types: &[&'static str; N],
    roles: &[u8; N],
) -> [Field; N] {
    let mut fields = [Field::new("", "", FieldRole::Detail); N];
    let mut i = 0;
    while i < N {
        let role = match roles[i] {
            0 => FieldRole::Detail,
            1 => FieldRole::RetryAfter,
            2 => FieldRole::RateLimit,
            _ => FieldRole::Violations,
        };
        fields[i] = Field::new(names[i], types[i], role);
        i += 1;
    }
    fields
}
