//! The where-clause predicates the generated impls need (as thiserror-impl's `generics.rs`):
//! a bound on a field's type only when that type mentions a type parameter of the input, since
//! a bound on a concrete type is either always true or an error the field's own span reports.

use std::cell::RefCell;
use std::collections::BTreeSet;

use proc_macro2::{Span, TokenStream, TokenTree};
use quote::{quote, ToTokens};
use syn::{DeriveInput, Generics, Ident, Path, Type, WherePredicate};

use crate::template::Trait;

/// What a type must implement for one generated use of it.
#[derive(Clone, Copy)]
pub(super) enum Bound {
    /// `core::fmt::*`, for a `{field}` of a `message` template.
    Fmt(Trait),
    /// The inner error of a `transparent` variant.
    ApiError,
    /// A `detail` field.
    Serialize,
    /// The `__private` trait that reads a marked field (`retry_after`, `rate_limit`,
    /// `violations`).
    FieldReader(FieldReader),
}

/// The `__private` traits that read a marked field, each named after its trait.
#[derive(Clone, Copy)]
pub(super) enum FieldReader {
    RetryAfter,
    RateLimit,
    Violations,
}

impl FieldReader {
    /// The trait's name in `__private`.
    pub(super) fn trait_name(self) -> &'static str {
        match self {
            FieldReader::RetryAfter => "RetryAfterField",
            FieldReader::RateLimit => "RateLimitField",
            FieldReader::Violations => "ViolationsField",
        }
    }
}

impl Bound {
    /// The bound as written in the where clause.
    fn to_tokens(self, krate: &Path) -> TokenStream {
        match self {
            Bound::Fmt(fmt) => {
                let name = Ident::new(fmt.name(), Span::call_site());
                quote!(::core::fmt::#name)
            }
            Bound::ApiError => quote!(#krate::ApiError),
            Bound::Serialize => quote!(#krate::__private::Serialize),
            Bound::FieldReader(reader) => {
                let name = Ident::new(reader.trait_name(), Span::call_site());
                quote!(#krate::__private::#name)
            }
        }
    }
}

/// The type parameters of the input, by name.
struct ParamsInScope {
    names: Vec<String>,
}

impl ParamsInScope {
    fn new(generics: &Generics) -> Self {
        ParamsInScope {
            names: generics
                .type_params()
                .map(|p| p.ident.to_string())
                .collect(),
        }
    }

    /// Whether `tokens` name a parameter anywhere: a token scan, so `[T; 4]`, `fn(T)` and
    /// `<T as Trait>::Out` count as well as `Vec<T>`.
    fn mentioned_in(&self, tokens: TokenStream) -> bool {
        tokens.into_iter().any(|tt| match tt {
            TokenTree::Ident(ident) => self.names.iter().any(|p| ident == p),
            TokenTree::Group(group) => self.mentioned_in(group.stream()),
            _ => false,
        })
    }
}

/// One predicate of the where clause.
enum Predicate {
    /// A field's type and what it must implement.
    Type(Box<Type>, Bound),
    /// The input type's `Display`, which a default message writes.
    SelfDisplay,
}

/// The predicates added while generating, in the order they were first needed; duplicates are
/// dropped when they are written. Generators add through `&self` (the `match` arms that need a
/// bound are built in closures), hence the `RefCell`.
pub(super) struct Bounds<'i> {
    original: &'i DeriveInput,
    krate: Path,
    params: ParamsInScope,
    predicates: RefCell<Vec<Predicate>>,
}

impl<'i> Bounds<'i> {
    pub(super) fn new(original: &'i DeriveInput, krate: &Path) -> Self {
        Bounds {
            original,
            krate: krate.clone(),
            params: ParamsInScope::new(&original.generics),
            predicates: RefCell::default(),
        }
    }

    /// `ty: bound`, when `ty` mentions a type parameter.
    pub(super) fn add(&self, ty: &Type, bound: Bound) {
        if self.params.mentioned_in(ty.to_token_stream()) {
            self.predicates
                .borrow_mut()
                .push(Predicate::Type(Box::new(ty.clone()), bound));
        }
    }

    /// `Self: Display`, for a generic type whose message defaults to its `Display`.
    pub(super) fn add_self_display(&self) {
        if !self.params.names.is_empty() {
            self.predicates.borrow_mut().push(Predicate::SelfDisplay);
        }
    }

    /// The input's generics with the predicates appended to its where clause.
    pub(super) fn into_generics(self) -> Generics {
        let mut generics = self.original.generics.clone();
        let predicates = self.predicates.into_inner();
        if predicates.is_empty() {
            return generics;
        }
        let ident = &self.original.ident;
        let (_, ty_generics, _) = self.original.generics.split_for_impl();
        let clause = generics.make_where_clause();
        let mut seen = BTreeSet::new();
        for predicate in predicates {
            let predicate: WherePredicate = match predicate {
                Predicate::Type(ty, bound) => {
                    let bound = bound.to_tokens(&self.krate);
                    syn::parse_quote!(#ty: #bound)
                }
                Predicate::SelfDisplay => {
                    syn::parse_quote!(#ident #ty_generics: ::core::fmt::Display)
                }
            };
            // Without syn's "extra-traits", tokens are what can be compared.
            if seen.insert(predicate.to_token_stream().to_string()) {
                clause.predicates.push(predicate);
            }
        }
        generics
    }
}
