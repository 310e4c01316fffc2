//! The checks of a variant's fields: the role each plays (detail, delay, rate limit,
//! violations), a delay given once, and detail names that exist (a tuple field needs one) and are
//! unique.

use std::collections::BTreeMap;

use proc_macro2::Span;
use syn::Member;

use crate::ast::{Field, Variant};
use crate::ctxt::Ctxt;
use crate::symbol::{RATE_LIMIT, RETRY_AFTER, VIOLATIONS};

impl Variant<'_> {
    /// A field plays one role: a delay, a rate limit, violations, or (alone or with a delay)
    /// a detail; and a variant has at most one rate limit and one set of violations.
    pub(super) fn validate_field_roles(&self, cx: &Ctxt) {
        for field in &self.fields {
            let given = field.attrs.given();
            let exclusive: Vec<_> = given
                .iter()
                .filter(|(key, _)| [RETRY_AFTER, RATE_LIMIT, VIOLATIONS].contains(key))
                .collect();
            for (key, span) in exclusive.iter().skip(1) {
                let mut error = syn::Error::new(
                    *span,
                    format_args!(
                        "`{key}` and `{}` cannot be on the same field: each reads a field of its \
                         own type; keep one",
                        exclusive[0].0
                    ),
                );
                error.combine(syn::Error::new(
                    exclusive[0].1,
                    format_args!("`{}` is here", exclusive[0].0),
                ));
                cx.syn_error(error);
            }
            if let Some(detail) = &field.attrs.detail {
                for (key, _) in exclusive.iter().filter(|(key, _)| *key != RETRY_AFTER) {
                    cx.error(
                        detail.key,
                        format_args!(
                            "a `{key}` field is already written by the envelope; remove `detail`"
                        ),
                    );
                }
            }
        }
        for key in [RATE_LIMIT, VIOLATIONS] {
            let spans: Vec<Span> = self
                .fields
                .iter()
                .filter_map(|f| f.attrs.given().into_iter().find(|(k, _)| *k == key))
                .map(|(_, span)| span)
                .collect();
            for span in spans.iter().skip(1) {
                let mut error = syn::Error::new(
                    *span,
                    format_args!("`{key}` is on two fields; a response has one, so keep one"),
                );
                error.combine(syn::Error::new(
                    spans[0],
                    format_args!("first `{key}` field here"),
                ));
                cx.syn_error(error);
            }
        }
    }

    pub(super) fn validate_retry_after(&self, cx: &Ctxt) {
        let retry_fields: Vec<_> = self
            .fields
            .iter()
            .filter_map(|f| f.attrs.retry_after.as_ref())
            .collect();
        if let Some(constant) = &self.attrs.retry_after {
            for field in &retry_fields {
                let mut error = syn::Error::new(
                    field.key,
                    "`retry_after` is given twice: on this field and as a constant on the \
                     variant; keep one of them",
                );
                error.combine(syn::Error::new(
                    constant.key,
                    "the constant `retry_after` is here",
                ));
                cx.syn_error(error);
            }
        } else if retry_fields.len() > 1 {
            for field in &retry_fields[1..] {
                let mut error = syn::Error::new(
                    field.key,
                    "`retry_after` is on two fields; a response has one delay, so keep one",
                );
                error.combine(syn::Error::new(
                    retry_fields[0].key,
                    "first `retry_after` field here",
                ));
                cx.syn_error(error);
            }
        }
    }

    /// Tuple details need a name, and two details cannot share one.
    pub(super) fn validate_details(&self, cx: &Ctxt) {
        let mut names: BTreeMap<String, Span> = BTreeMap::new();
        for field in &self.fields {
            let Some(detail) = &field.attrs.detail else {
                continue;
            };
            if detail.value.is_none() && matches!(field.member, Member::Unnamed(_)) {
                cx.error(
                    detail.key,
                    "a tuple field has no name to write its detail under: write \
                     `#[api(detail = \"name\")]`",
                );
                continue;
            }
            let name = field.detail_name().unwrap_or_default();
            if let Some(first) = names.get(&name) {
                let mut error = syn::Error::new(
                    detail.span,
                    format_args!(
                        "two details are named \"{name}\"; rename one with `#[api(detail = \"other_name\")]`"
                    ),
                );
                error.combine(syn::Error::new(*first, "the first is here"));
                cx.syn_error(error);
            } else {
                names.insert(name, detail.span);
            }
        }
    }
}

/// The key spans of a field's attributes.
pub(super) fn field_keys(field: &Field<'_>) -> Vec<Span> {
    field
        .attrs
        .given()
        .into_iter()
        .map(|(_, span)| span)
        .collect()
}
