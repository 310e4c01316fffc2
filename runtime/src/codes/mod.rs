//! Every code an error type can answer with, described as `const` data (the catalog's
//! entries), its `transparent` inner types' included: the tree itself here, the compile-time
//! checks of its codes in `check`, and the tables the derive writes it from in `table`.

use std::time::Duration;

use crate::api_error::Descriptor;

mod check;
pub(crate) mod table;

pub use check::{assert_known, assert_unique_codes};

/// What one code means: everything the error catalog and the OpenAPI responses say of it.
///
/// The derive writes one per variant, from its `#[api(...)]` keys and its doc comment;
/// `#[non_exhaustive]`: build one by hand with [`Entry::new`] and the `with_*` methods, in a
/// `const`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Entry {
    /// The machine code.
    pub code: &'static str,
    /// The HTTP status, in `400..=599`.
    pub status: u16,
    /// The first paragraph of the variant's doc comment, its lines joined by spaces; empty when
    /// it has none.
    pub summary: &'static str,
    /// The rest of the doc comment, as written (Markdown); empty when there is none.
    pub description: &'static str,
    /// What the client should do: the variant's `help = "..."`.
    pub help: Option<&'static str>,
    /// Whether retrying the same request may succeed ([`ApiError::retryable`](crate::ApiError::retryable)).
    pub retryable: bool,
    /// The constant retry delay (`retry_after = 60`); `None` when there is none, or when a
    /// field holds it (see [`fields`](Self::fields)).
    pub retry_after: Option<Duration>,
    /// The problem type URI, title and gRPC name.
    pub descriptor: Descriptor,
    /// The public message as written: the `message` template, else the `#[error("...")]`
    /// template of thiserror (the `Display` that is the message), else for a 5xx without
    /// `expose` the reason phrase it shows; `None` for a `Display` the derive cannot read.
    pub message: Option<&'static str>,
    /// The fields that reach the wire, in declaration order.
    pub fields: &'static [Field],
    /// Whether the code comes at any status of [`status`](Self::status)'s class: the
    /// framework makes it from a status it did not choose (a bare 408 is `REQUEST_REJECTED`,
    /// a bare 503 `INTERNAL_ERROR`), so `status` is only the most common one. OpenAPI lists
    /// such a code under `4XX` / `5XX`, and with every status of that class.
    pub open_status: bool,
    /// Whether the code answers only requests that no operation matches (an unknown path, a
    /// method the path does not take): the catalog lists it, an operation's OpenAPI
    /// responses do not.
    pub routing: bool,
}

impl Entry {
    /// A code and its status, with nothing else said of it.
    #[must_use]
    pub const fn new(code: &'static str, status: u16) -> Self {
        Entry {
            code,
            status,
            summary: "",
            description: "",
            help: None,
            retryable: crate::api_error::retryable_by_default_u16(status),
            retry_after: None,
            descriptor: Descriptor::new(),
            message: None,
            fields: &[],
            open_status: false,
            routing: false,
        }
    }

    /// Marks the code as coming at any status of its status's class; see
    /// [`open_status`](Self::open_status).
    #[must_use]
    pub const fn with_open_status(mut self) -> Self {
        self.open_status = true;
        self
    }

    /// Marks the code as an answer to requests no operation matches; see
    /// [`routing`](Self::routing).
    #[must_use]
    pub const fn for_routing(mut self) -> Self {
        self.routing = true;
        self
    }

    /// The key of the OpenAPI response this code is listed under: its status (`"404"`), or
    /// its status's class (`"4XX"`) when the status is [open](Self::open_status).
    ///
    /// ```
    /// use apierror::catalog::Entry;
    ///
    /// assert_eq!(Entry::new("USER_NOT_FOUND", 404).response_key(), "404");
    /// assert_eq!(Entry::new("REQUEST_REJECTED", 400).with_open_status().response_key(), "4XX");
    /// ```
    #[must_use]
    pub fn response_key(&self) -> String {
        if self.open_status {
            format!("{}XX", self.status / 100)
        } else {
            self.status.to_string()
        }
    }

    /// Sets the summary and the longer description.
    #[must_use]
    pub const fn with_docs(mut self, summary: &'static str, description: &'static str) -> Self {
        self.summary = summary;
        self.description = description;
        self
    }

    /// Sets what the client should do.
    #[must_use]
    pub const fn with_help(mut self, help: &'static str) -> Self {
        self.help = Some(help);
        self
    }

    /// Sets whether a retry may succeed (the default follows
    /// [`retryable_by_default`](crate::retryable_by_default)).
    #[must_use]
    pub const fn with_retryable(mut self, retryable: bool) -> Self {
        self.retryable = retryable;
        self
    }

    /// Sets the constant retry delay.
    #[must_use]
    pub const fn with_retry_after(mut self, delay: Duration) -> Self {
        self.retry_after = Some(delay);
        self
    }

    /// Sets the problem type URI, title and gRPC name.
    #[must_use]
    pub const fn with_descriptor(mut self, descriptor: Descriptor) -> Self {
        self.descriptor = descriptor;
        self
    }

    /// Sets the message template.
    #[must_use]
    pub const fn with_message(mut self, template: &'static str) -> Self {
        self.message = Some(template);
        self
    }

    /// Sets the fields.
    #[must_use]
    pub const fn with_fields(mut self, fields: &'static [Field]) -> Self {
        self.fields = fields;
        self
    }

    /// The status as a [`StatusCode`](http::StatusCode) (`500` if it is not a valid status).
    #[must_use]
    pub fn status_code(&self) -> http::StatusCode {
        http::StatusCode::from_u16(self.status).unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR)
    }

    /// The gRPC code name: the [`Descriptor::grpc`], else the status mapped as the
    /// [`Google`](crate::envelope::Google) envelope (and the `tonic` feature's `Status`) maps it.
    #[must_use]
    pub fn grpc(&self) -> &'static str {
        self.descriptor
            .grpc
            .unwrap_or_else(|| crate::envelope::grpc_status_name(self.status_code()))
    }

    /// The title clients see: the [`Descriptor::title`], else the status's reason phrase.
    #[must_use]
    pub fn title(&self) -> &'static str {
        self.descriptor
            .title
            .or_else(|| self.status_code().canonical_reason())
            .unwrap_or("")
    }

    /// Whether some response of this code carries a retry delay: a constant one, or a
    /// `retry_after` field.
    #[must_use]
    pub fn may_have_retry_after(&self) -> bool {
        self.retry_after.is_some() || self.has(FieldRole::RetryAfter)
    }

    /// Whether some field of this code plays `role`.
    #[must_use]
    pub fn has(&self, role: FieldRole) -> bool {
        self.fields.iter().any(|f| f.role == role)
    }
}

/// A field of an error that reaches the wire: a detail, the delay, the rate limit or the
/// violations.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Field {
    /// For a detail, the name it is written under; else the field's name (or position).
    pub name: &'static str,
    /// The field's Rust type, as written (`Option<u64>`).
    pub rust_type: &'static str,
    /// What the field is.
    pub role: FieldRole,
}

impl Field {
    /// A field named `name`, of the Rust type `rust_type`, playing `role`.
    #[must_use]
    pub const fn new(name: &'static str, rust_type: &'static str, role: FieldRole) -> Self {
        Field {
            name,
            rust_type,
            role,
        }
    }
}

/// What a [`Field`] is: which `#[api(...)]` key it carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum FieldRole {
    /// `#[api(detail)]`: written among the details.
    Detail,
    /// `#[api(retry_after)]`: the retry delay.
    RetryAfter,
    /// `#[api(rate_limit)]`: the rate-limit headers.
    RateLimit,
    /// `#[api(violations)]`: per-field errors.
    Violations,
}

impl FieldRole {
    /// The key, as written in `#[api(...)]`.
    #[must_use]
    pub const fn key(self) -> &'static str {
        match self {
            FieldRole::Detail => "detail",
            FieldRole::RetryAfter => "retry_after",
            FieldRole::RateLimit => "rate_limit",
            FieldRole::Violations => "violations",
        }
    }
}

/// One member of a code tree, in declaration order.
#[derive(Clone, Copy, Debug)]
#[non_exhaustive]
pub enum Item {
    /// A code of the type's own.
    Code(Entry),
    /// The codes of the type a `transparent` variant forwards to.
    Transparent(&'static Codes),
}

/// The codes of one error type, in declaration order: its own, and those of the types its
/// `transparent` variants forward to; and what the type's doc comment says of the API.
///
/// `#[non_exhaustive]`: build one with [`Codes::new`], in a `const`.
#[derive(Clone, Copy, Debug)]
#[non_exhaustive]
pub struct Codes {
    /// The members, in declaration order.
    pub items: &'static [Item],
    /// The type's doc comment, as written: the catalog's introduction.
    pub about: &'static str,
}

impl Codes {
    /// A tree of `items`.
    ///
    /// ```
    /// use apierror::catalog::Entry;
    /// use apierror::{Codes, ErrorCodes, Item};
    ///
    /// struct Teapot;
    /// impl ErrorCodes for Teapot {
    ///     const CODES: Codes = Codes::new(&[Item::Code(Entry::new("TEAPOT", 418))]);
    /// }
    /// struct App;
    /// impl ErrorCodes for App {
    ///     const CODES: Codes = Codes::new(&[
    ///         Item::Code(Entry::new("NOT_FOUND", 404).with_help("Check the id.")),
    ///         Item::Transparent(&Teapot::CODES),
    ///     ]);
    /// }
    /// assert_eq!(apierror::all_codes::<App>(), ["NOT_FOUND", "TEAPOT"]);
    /// ```
    #[must_use]
    pub const fn new(items: &'static [Item]) -> Self {
        Codes { items, about: "" }
    }

    /// Sets the introduction.
    #[must_use]
    pub const fn with_about(mut self, about: &'static str) -> Self {
        self.about = about;
        self
    }

    /// Every entry of the tree, depth first in declaration order.
    #[must_use]
    pub fn entries(&self) -> Vec<&'static Entry> {
        fn walk(codes: &'static [Item], out: &mut Vec<&'static Entry>) {
            for item in codes {
                match item {
                    Item::Code(entry) => out.push(entry),
                    Item::Transparent(inner) => walk(inner.items, out),
                }
            }
        }
        let mut out = Vec::new();
        walk(self.items, &mut out);
        out
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
#[diagnostic::on_unimplemented(
    message = "`{Self}` has no code tree: it does not implement `apierror::ErrorCodes`",
    label = "not a type with `#[derive(apierror::ApiError)]`",
    note = "name an error type that derives `ApiError` (whose `transparent` inner types implement `ErrorCodes` too), or implement `ErrorCodes` by hand"
)]
pub trait ErrorCodes {
    /// The type's codes.
    const CODES: Codes;
}

/// Every code of `T`'s tree, depth first in declaration order: the codes clients may see.
#[must_use]
pub fn all_codes<T: ErrorCodes>() -> Vec<&'static str> {
    T::CODES.entries().iter().map(|e| e.code).collect()
}
