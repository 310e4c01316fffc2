//! Checks across attributes: what each one alone cannot know. Only checks: what follows from
//! the attributes is derived in `ast`. The checks of the fields are in `valid/fields.rs`.

mod fields;

use std::collections::BTreeMap;

use proc_macro2::Span;
use syn::Member;

use self::fields::field_keys;
use crate::ast::{Input, Variant};
use crate::ctxt::Ctxt;
use crate::suggest::closest;
use crate::symbol::{SERVER_FN, TRANSPARENT};
use crate::template::Piece;

impl Input<'_> {
    pub(crate) fn validate(&self, cx: &Ctxt) {
        for variant in &self.variants {
            variant.validate(cx, self.is_enum);
        }
        self.unique_codes(cx);
        self.validate_type_base(cx);
        self.one_server_fn(cx);
    }

    /// One variant holds `server_fn`'s failures: `from_server_fn_error` builds that one.
    fn one_server_fn(&self, cx: &Ctxt) {
        let mut marked = self
            .variants
            .iter()
            .filter_map(|v| Some((v.ident, v.attrs.server_fn.as_ref()?.key)));
        let Some((first, _)) = marked.next() else {
            return;
        };
        for (_, key) in marked {
            cx.error(
                key,
                format_args!(
                    "`{SERVER_FN}` goes on one variant only, and `{first}` already has it: \
                     remove this one"
                ),
            );
        }
    }

    /// The URI every derived problem type starts with: the code is appended to it as it is.
    fn validate_type_base(&self, cx: &Ctxt) {
        let Some(base) = &self.attrs.type_base else {
            return;
        };
        let text = base.value.value();
        if let Some(message) = uri_problem(&text) {
            cx.error(base.span, format_args!("`type_base` {message}"));
        } else if !text.ends_with(['/', '#', ':', '=']) {
            cx.error(
                base.span,
                format_args!(
                    "`type_base` is joined with each code as it is, so it must end with `/`, `#`, \
                     `:` or `=`: write \"{text}/\""
                ),
            );
        }
    }

    fn unique_codes(&self, cx: &Ctxt) {
        let mut seen: BTreeMap<String, (Span, &syn::Ident)> = BTreeMap::new();
        for variant in self.variants.iter().filter(|v| !v.is_transparent()) {
            let (code, span) = self.code(variant);
            // An explicit code is checked where it is written; one derived from a name that is
            // not ASCII (Rust allows `Überfüllt`) would put that name into headers and URIs.
            if variant.attrs.code.is_none() && !code.bytes().all(|b| b.is_ascii_graphic()) {
                cx.error(
                    span,
                    format_args!(
                        "the code derived from `{}` is \"{code}\", but a code is a single token \
                         of visible ASCII (it also goes into headers): name it with \
                         `#[api(code = \"{}\")]`",
                        variant.ident,
                        suggest_code(&code)
                    ),
                );
            }
            if let Some((first_span, first)) = seen.get(&code) {
                let how = if variant.attrs.code.is_some() {
                    String::new()
                } else {
                    format!(" (derived from the name `{}`)", variant.ident)
                };
                let mut error = syn::Error::new(
                    span,
                    format_args!(
                        "duplicate code \"{code}\"{how}: variant `{first}` already uses it; \
                         codes must be unique within the type, so give one a different \
                         `#[api(code = \"...\")]`"
                    ),
                );
                error.combine(syn::Error::new(
                    *first_span,
                    format_args!("\"{code}\" first used here"),
                ));
                cx.syn_error(error);
            } else {
                seen.insert(code, (span, variant.ident));
            }
        }
    }
}

impl Variant<'_> {
    fn validate(&self, cx: &Ctxt, is_enum: bool) {
        let what = if is_enum { "variant" } else { "struct" };
        if self.attrs.transparent.is_some() || self.attrs.server_fn.is_some() {
            self.validate_transparent(cx, what);
            return;
        }
        let Some(status) = &self.attrs.status else {
            if self.attrs.status_written.is_some() {
                // Its value (or its spelling) was already reported.
                return;
            }
            cx.error(
                self.ident.span(),
                format_args!(
                    "missing status: add `#[api(status = ...)]` to {what} `{}`, as \
                     `#[api(status = 400)]` (or `#[api(transparent)]` to forward to an inner error)",
                    self.ident
                ),
            );
            return;
        };
        self.validate_expose(cx, status.value.code);
        self.validate_retryable(cx);
        self.validate_code(cx);
        self.validate_retry_after(cx);
        self.validate_details(cx);
        self.validate_template(cx, what);
        self.validate_field_roles(cx);
        self.validate_problem_keys(cx);
    }

    /// `help`, `title`, `type` and `grpc` hold what their formats allow.
    fn validate_problem_keys(&self, cx: &Ctxt) {
        if let Some(help) = &self.attrs.help {
            if help.value.value().trim().is_empty() {
                cx.error(
                    help.span,
                    "`help` cannot be empty: say what the client should do, as \
                     `help = \"Wait, then retry the request.\"`, or remove `help`",
                );
            }
        }
        if let Some(title) = &self.attrs.title {
            if title.value.value().trim().is_empty() {
                cx.error(
                    title.span,
                    "a title cannot be empty: write one, or remove `title` to use the reason \
                     phrase of the status",
                );
            }
        }
        if let Some(uri) = &self.attrs.type_uri {
            if let Some(message) = uri_problem(&uri.value.value()) {
                cx.error(uri.span, format_args!("`type` {message}"));
            }
        }
        if let Some(grpc) = &self.attrs.grpc {
            let given = grpc.value.value();
            if !GRPC_CODES.contains(&given.as_str()) || given == "OK" {
                let codes = &GRPC_CODES[1..];
                let hint = match closest(&given, codes) {
                    Some(near) => format!("did you mean \"{near}\"? "),
                    None => String::new(),
                };
                cx.error(
                    grpc.span,
                    format_args!(
                        "{given:?} is not a gRPC error code name: {hint}expected one of {}",
                        codes.join(", ")
                    ),
                );
            }
        }
    }

    /// A `transparent` or `server_fn` variant: one field, which supplies everything.
    fn validate_transparent(&self, cx: &Ctxt, what: &str) {
        let (key, span, field) = match (&self.attrs.transparent, &self.attrs.server_fn) {
            (Some(_), Some(server_fn)) => {
                cx.error(
                    server_fn.key,
                    format_args!(
                        "`{SERVER_FN}` cannot be combined with `{TRANSPARENT}`: a `{SERVER_FN}` \
                         variant already forwards everything to its `Failure`; remove \
                         `{TRANSPARENT}`"
                    ),
                );
                return;
            }
            (Some(transparent), None) => (TRANSPARENT, transparent.key, "the inner error"),
            (None, Some(server_fn)) => (SERVER_FN, server_fn.key, "`apierror::server_fn::Failure`"),
            (None, None) => return,
        };
        for (given, given_span) in self.attrs.given() {
            cx.error(
                given_span,
                format_args!(
                    "`{given}` cannot be combined with `{key}`: {field} supplies it; remove \
                     `{given}`, or remove `{key}`"
                ),
            );
        }
        let source = if key == SERVER_FN {
            "its `Failure`"
        } else {
            "its inner error"
        };
        if self.fields.len() != 1 {
            let instead = if key == SERVER_FN {
                format!(
                    "write the {what} as `{}(apierror::server_fn::Failure)`",
                    self.ident
                )
            } else {
                "keep only the inner error's field, or replace `transparent` with `status = ...`"
                    .to_owned()
            };
            cx.error(
                span,
                format_args!(
                    "`{key}` needs exactly one field, {field}, but this {what} has {}: {instead}",
                    self.fields.len()
                ),
            );
        }
        for field in &self.fields {
            for field_span in field_keys(field) {
                cx.error(
                    field_span,
                    format_args!(
                        "a `{key}` error takes everything from {source}: remove this field attribute"
                    ),
                );
            }
        }
    }

    fn validate_expose(&self, cx: &Ctxt, status: u16) {
        let server_error = status >= 500;

        if let Some(expose) = &self.attrs.expose {
            if !server_error {
                cx.error(
                    expose.key,
                    format_args!(
                        "`expose` is for a 5xx: a {status} already shows its Display text; remove `expose`"
                    ),
                );
            } else if self.attrs.message.is_some() {
                cx.error(
                    expose.key,
                    "`expose` shows the Display text, but `message` already sets the public \
                     message; remove one of them",
                );
            }
        }
    }

    /// A retry delay on an error that says not to retry contradicts itself.
    fn validate_retryable(&self, cx: &Ctxt) {
        let Some(retryable) = self.attrs.retryable.as_ref().filter(|r| !r.value) else {
            return;
        };
        let delay = self.attrs.retry_after.as_ref().map(|r| r.key).or_else(|| {
            self.fields
                .iter()
                .find_map(|f| f.attrs.retry_after.as_ref().map(|r| r.key))
        });
        if let Some(delay) = delay {
            let mut error = syn::Error::new(
                delay,
                "a retry delay on an error marked `retryable = false` contradicts it: remove \
                 `retry_after`, or remove `retryable = false`",
            );
            error.combine(syn::Error::new(retryable.key, "marked not retryable here"));
            cx.syn_error(error);
        }
    }

    fn validate_code(&self, cx: &Ctxt) {
        if let Some(code) = &self.attrs.code {
            let text = code.value.value();
            if text.is_empty() {
                cx.error(
                    code.span,
                    "a code cannot be empty: write one, as `code = \"NOT_FOUND\"`",
                );
            } else if let Some(bad) = text
                .chars()
                .find(|c| !c.is_ascii_graphic() || *c == '"' || *c == '\\')
            {
                cx.error(
                    code.span,
                    format_args!(
                        "a code is a single token of visible ASCII (it also goes into headers); \
                         {bad:?} is not allowed: write it as \"{}\"",
                        suggest_code(&text)
                    ),
                );
            }
        }
    }

    /// Every field a message names exists, named as the variant's kind of fields are.
    fn validate_template(&self, cx: &Ctxt, what: &str) {
        if let Some(message) = &self.attrs.message {
            if message.value.value().trim().is_empty() {
                cx.error(
                    message.span,
                    "a message cannot be empty: write one, or remove `message` to use the default \
                     (Display for a 4xx, the reason phrase for a 5xx)",
                );
            }
        }
        if let (Some(template), Some(message)) = (&self.template, &self.attrs.message) {
            for piece in template {
                let Piece::Arg { field, .. } = piece else {
                    continue;
                };
                if self.field(field).is_some() {
                    continue;
                }
                let has_named = self
                    .fields
                    .iter()
                    .any(|f| matches!(f.member, Member::Named(_)));
                let available = self
                    .fields
                    .iter()
                    .map(|f| match &f.member {
                        Member::Named(ident) => format!("{{{ident}}}"),
                        Member::Unnamed(index) => format!("{{{}}}", index.index),
                    })
                    .collect::<Vec<_>>();
                let hint = match (field, has_named, available.is_empty()) {
                    (_, _, true) => {
                        format!("this {what} has no fields, so the message can only be text")
                    }
                    (crate::template::FieldRef::Index(_), true, _) => format!(
                        "this {what} has named fields, so name them: {}",
                        available.join(", ")
                    ),
                    (crate::template::FieldRef::Named(_), false, _) => format!(
                        "this {what} has tuple fields, so refer to them by position: {}",
                        available.join(", ")
                    ),
                    _ => format!("the fields are {}", available.join(", ")),
                };
                cx.error(
                    message.span,
                    format_args!("the message names `{{{field}}}`, which is not a field: {hint}"),
                );
            }
        }
    }
}

/// The canonical gRPC code names (google/rpc/code.proto), `OK` first.
const GRPC_CODES: &[&str] = &[
    "OK",
    "CANCELLED",
    "UNKNOWN",
    "INVALID_ARGUMENT",
    "DEADLINE_EXCEEDED",
    "NOT_FOUND",
    "ALREADY_EXISTS",
    "PERMISSION_DENIED",
    "RESOURCE_EXHAUSTED",
    "FAILED_PRECONDITION",
    "ABORTED",
    "OUT_OF_RANGE",
    "UNIMPLEMENTED",
    "INTERNAL",
    "UNAVAILABLE",
    "DATA_LOSS",
    "UNAUTHENTICATED",
];

/// What is wrong with a URI written in an attribute, if anything: it goes into JSON and must
/// be one token.
fn uri_problem(text: &str) -> Option<String> {
    if text.is_empty() {
        return Some("cannot be empty: write a URI, as \"https://errors.example.com/\"".into());
    }
    text.chars()
        .find(|c| c.is_whitespace() || c.is_control() || *c == '"' || *c == '\\')
        .map(|bad| format!("is a URI and cannot contain {bad:?}: percent-encode it or remove it"))
}

/// A code made of the allowed characters: other runs become `_`.
fn suggest_code(text: &str) -> String {
    let mut out = String::new();
    for c in text.trim().chars() {
        if c.is_ascii_graphic() && c != '"' && c != '\\' {
            out.push(c);
        } else if !out.ends_with('_') {
            out.push('_');
        }
    }
    out
}
