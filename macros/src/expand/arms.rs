//! The `match self` every per-variant method is built from: patterns, field bindings, the
//! merging of equal arms, and the arm of a `transparent` variant.

use std::collections::HashMap;

use proc_macro2::{Span, TokenStream};
use quote::{quote, quote_spanned, ToTokens};
use syn::spanned::Spanned as _;
use syn::Ident;

use super::bounds::Bound;
use super::Gen;
use crate::ast::{Field, Input, Variant};

/// The arm of one variant: the fields it binds, and its body.
pub(super) type Arm<'v, 'a> = (Vec<&'v Field<'a>>, TokenStream);

/// The pattern that matches a variant (or `Self` for a struct), binding the given fields.
pub(super) fn pattern(
    input: &Input<'_>,
    variant: &Variant<'_>,
    bound: &[&Field<'_>],
) -> TokenStream {
    let path = if input.is_enum {
        let ident = variant.ident;
        quote!(Self::#ident)
    } else {
        quote!(Self)
    };
    let bindings = bound.iter().map(|field| {
        let member = &field.member;
        let binding = binding(field);
        quote!(#member: #binding)
    });
    quote!(#path { #(#bindings,)* .. })
}

fn binding(field: &Field<'_>) -> Ident {
    binding_at(field, Span::call_site())
}

/// The binding of a field, as used at `span` (same name, so the same variable). Field bindings
/// are `__api_f_*`, so no field name can shadow the methods' own `__api_out`.
pub(super) fn binding_at(field: &Field<'_>, span: Span) -> Ident {
    Ident::new(&format!("__api_f_{}", field.name()), span)
}

/// A span that resolves names as generated code does (call site) but is reported at `location`
/// in the user's source: where a trait-bound error should point.
pub(super) fn at(location: Span) -> Span {
    Span::call_site().located_at(location)
}

/// One `match self` over every variant; arms with the same body that bind the same fields (by
/// name and type, or none) are merged into one `A { .. } | B { .. } =>` arm, which keeps the
/// output, and the compiler's work, small.
pub(super) fn arms<'a>(
    input: &Input<'a>,
    arm: impl for<'v> Fn(&'v Variant<'a>) -> Arm<'v, 'a>,
) -> TokenStream {
    if input.variants.is_empty() {
        return quote!(match *self {});
    }
    let mut merged: Vec<(Vec<TokenStream>, TokenStream)> = Vec::new();
    let mut unbound: Vec<bool> = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for variant in &input.variants {
        let (bound, body) = arm(variant);
        let pat = pattern(input, variant, &bound);
        // The bindings of an or-pattern must agree in name and type in every alternative.
        let mut key = body.to_string();
        for field in &bound {
            key.push_str(" @ ");
            key.push_str(&field.name());
            key.push(':');
            key.push_str(&field.ty.to_token_stream().to_string());
        }
        if let Some(&i) = seen.get(&key) {
            merged[i].0.push(pat);
            continue;
        }
        seen.insert(key, merged.len());
        merged.push((vec![pat], body));
        unbound.push(bound.is_empty());
    }
    // The largest group of arms that bind nothing becomes the last, `_`, arm (when it covers
    // two variants or more, so no wildcard stands for a single variant).
    let wildcard = merged
        .iter()
        .enumerate()
        .filter(|(_, (pats, _))| pats.len() >= 2 && merged.len() > 1)
        .filter(|(i, _)| unbound[*i])
        .max_by_key(|(i, (pats, _))| (pats.len(), usize::MAX - i))
        .map(|(i, _)| i);
    let mut out: Vec<TokenStream> = Vec::new();
    for (i, (pats, body)) in merged.iter().enumerate() {
        if Some(i) != wildcard {
            out.push(quote!(#(#pats)|* => #body,));
        }
    }
    if let Some(i) = wildcard {
        let body = &merged[i].1;
        out.push(quote!(_ => #body,));
    }
    quote! {
        match self {
            #(#out)*
        }
    }
}

/// The arm of a transparent variant: `<Inner as ApiError>::method(inner, extra args)`,
/// located at the field's type, where an inner error that is not an `ApiError` is reported.
pub(super) fn forward<'v, 'a>(
    gen: &Gen<'_, '_>,
    v: &'v Variant<'a>,
    method: &str,
    args: &TokenStream,
) -> Arm<'v, 'a> {
    let krate = gen.krate;
    let field = &v.fields[0];
    let ty = field.ty;
    gen.bounds.add(ty, Bound::ApiError);
    let span = at(ty.span());
    let inner = binding_at(field, span);
    let method = Ident::new(method, span);
    let call = quote_spanned!(span=> <#ty as #krate::ApiError>::#method(#inner #args));
    (v.fields.iter().take(1).collect(), call)
}
