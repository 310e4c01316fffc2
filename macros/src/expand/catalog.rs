//! The catalog side of the expansion: `__API`, the table of the entries of the variants that
//! are not transparent (codes, statuses, messages, docs, field roles, descriptors), which the
//! `ApiError` methods and the catalog both read; `__api_index`; and the `ErrorCodes` and
//! `__private::CodeItems` impls that publish the code tree.

use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::quote;
use syn::{DeriveInput, Generics, LitStr, Path, Type, WherePredicate};

use super::Gen;
use crate::ast::Variant;
use crate::docs;
use crate::status;

/// `FIELDS` of `__private::CodeItems`, the marked fields of every entry, and its length (empty
/// and `0` when no variant marks a field).
#[derive(Default)]
pub(super) struct FieldsTable {
    tokens: TokenStream,
    count: usize,
}

/// `__API` and, for an enum, `__api_index`; empty when every variant is transparent.
pub(super) fn entries(gen: &Gen<'_, '_>) -> (TokenStream, FieldsTable) {
    if gen.input.own().next().is_none() {
        return (TokenStream::new(), FieldsTable::default());
    }
    let (table, fields) = table(gen);
    if !gen.input.is_enum {
        return (table, fields);
    }
    let original = gen.input.original;
    let ident = &original.ident;
    let (impl_generics, ty_generics, where_clause) = original.generics.split_for_impl();
    let mut arms = Vec::new();
    let mut transparent = Vec::new();
    let mut index = 0usize;
    for v in &gen.input.variants {
        let variant = v.ident;
        let pat = quote!(#ident::#variant { .. });
        if v.is_transparent() {
            transparent.push(pat);
        } else {
            let lit = Literal::usize_unsuffixed(index);
            arms.push(quote!(#pat => #lit,));
            index += 1;
        }
    }
    // A transparent variant has no entry: its methods forward before reading one.
    let transparent = (!transparent.is_empty()).then(|| quote!(#(#transparent)|* => usize::MAX,));
    let tokens = quote! {
        #table
        #[inline]
        #[allow(clippy::trivially_copy_pass_by_ref)]
        fn __api_index #impl_generics (__api_self: &#ident #ty_generics) -> usize #where_clause {
            match __api_self {
                #(#arms)*
                #transparent
            }
        }
    };
    (tokens, fields)
}

/// The `with_*` calls on `Descriptor::new()` for a variant's `type` (or `type_base`), `title`,
/// `grpc` and `log`; empty when it sets none.
pub(super) fn descriptor_setters(gen: &Gen<'_, '_>, v: &Variant<'_>) -> TokenStream {
    let mut setters = TokenStream::new();
    if let Some(uri) = gen.input.type_uri(v) {
        setters.extend(quote!(.with_type_uri(#uri)));
    }
    if let Some(title) = &v.attrs.title {
        let title = &title.value;
        setters.extend(quote!(.with_title(#title)));
    }
    if let Some(grpc) = &v.attrs.grpc {
        let grpc = &grpc.value;
        setters.extend(quote!(.with_grpc(#grpc)));
    }
    if let Some(level) = &v.attrs.log {
        let krate = gen.krate;
        let level = Ident::new(level.value.variant(), Span::call_site());
        setters.extend(quote!(.with_log(#krate::LogLevel::#level)));
    }
    setters
}

/// The `__API` table: the catalog entries of the variants that are not transparent, one array
/// of literals per column (see `__private::Table`); a column every entry leaves at its default
/// is empty. Also `FIELDS`, the roles of the marked fields.
fn table(gen: &Gen<'_, '_>) -> (TokenStream, FieldsTable) {
    let krate = gen.krate;
    let mut codes = Vec::new();
    let mut statuses = Vec::new();
    let mut retryables = Vec::new();
    let mut messages = Vec::new();
    let mut unread = Vec::new();
    let mut summaries = Vec::new();
    let mut descriptions = Vec::new();
    let mut helps = Vec::new();
    let mut retry_after = Vec::new();
    let mut descriptors = Vec::new();
    let mut field_ends = Vec::new();
    let mut marked = MarkedFields::default();
    let (mut any_retryable, mut any_docs, mut any_help, mut any_descriptor) =
        (false, false, false, false);
    for (i, v) in gen.input.own().enumerate() {
        let (code, span) = gen.input.code(v);
        codes.push(LitStr::new(&code, span));
        let status = v.status_code();
        statuses.push(Literal::u16_unsuffixed(status));
        let value = v.retryable();
        any_retryable |= value != status::retryable_by_default(status);
        retryables.push(value);
        let docs = &v.docs;
        any_docs |= !docs.summary.is_empty() || !docs.description.is_empty();
        summaries.push(docs.summary.as_str());
        descriptions.push(docs.description.as_str());
        any_help |= v.attrs.help.is_some();
        helps.push(v.attrs.help.as_ref().map(|h| h.value.value()));
        if let Some(secs) = &v.attrs.retry_after {
            let secs = secs.value;
            let i = Literal::usize_unsuffixed(i);
            retry_after.push(quote!((#i, #secs)));
        }
        let descriptor = descriptor_setters(gen, v);
        any_descriptor |= !descriptor.is_empty();
        descriptors.push(quote!(#krate::Descriptor::new() #descriptor));
        let message = v.catalog_message();
        if message.is_none() {
            unread.push(Literal::usize_unsuffixed(i));
        }
        messages.push(message.unwrap_or_default());
        marked.push(v);
        field_ends.push(Literal::usize_unsuffixed(marked.names.len()));
    }
    let retryable = if any_retryable { &retryables[..] } else { &[] };
    let (summaries, descriptions) = if any_docs {
        (&summaries[..], &descriptions[..])
    } else {
        (&[][..], &[][..])
    };
    let helps: Vec<String> = if any_help {
        helps.into_iter().map(Option::unwrap_or_default).collect()
    } else {
        Vec::new()
    };
    let descriptors = if any_descriptor {
        &descriptors[..]
    } else {
        &[]
    };
    let fields = if marked.names.is_empty() {
        field_ends.clear();
        FieldsTable::default()
    } else {
        let MarkedFields {
            names,
            types,
            roles,
        } = &marked;
        let count = names.len();
        FieldsTable {
            tokens: quote!(#krate::__private::fields::<#count>(&[#(#names),*], &[#(#types),*], &[#(#roles),*])),
            count,
        }
    };
    let table = quote! {
        const __API: #krate::__private::Table = #krate::__private::Table {
            codes: &[#(#codes),*],
            statuses: &[#(#statuses),*],
            retryable: &[#(#retryable),*],
            messages: &[#(#messages),*],
            unread: &[#(#unread),*],
            summaries: &[#(#summaries),*],
            descriptions: &[#(#descriptions),*],
            helps: &[#(#helps),*],
            retry_after: &[#(#retry_after),*],
            descriptors: &[#(#descriptors),*],
            field_ends: &[#(#field_ends),*],
        };
    };
    (table, fields)
}

/// The columns of `FIELDS`: each marked field's name, type as written, and role.
#[derive(Default)]
struct MarkedFields {
    names: Vec<String>,
    types: Vec<String>,
    roles: Vec<Literal>,
}

impl MarkedFields {
    /// The marked fields of `v`, a field once per role (a delay can also be a detail).
    fn push(&mut self, v: &Variant<'_>) {
        for field in &v.fields {
            // The roles of `__private::FieldRole`, by number.
            let roles_of = [
                (0u8, field.detail_name()),
                (1, field.attrs.retry_after.as_ref().map(|_| field.name())),
                (2, field.attrs.rate_limit.as_ref().map(|_| field.name())),
                (3, field.attrs.violations.as_ref().map(|_| field.name())),
            ];
            for (role, name) in roles_of {
                if let Some(name) = name {
                    self.names.push(name);
                    self.types.push(docs::type_text(field.ty));
                    self.roles.push(Literal::u8_unsuffixed(role));
                }
            }
        }
    }
}

/// The code tree of a type: one `Item` per variant, in declaration order (an entry, or the
/// inner type of a `transparent` variant), and the type's doc comment.
#[derive(Default)]
pub(super) struct CodeTree {
    items: CodeItems,
    /// The inner types of the `transparent` variants.
    pub(super) inner: Vec<Type>,
    about: String,
}

/// The code tree in `__private::CodeItems`, whose constants are evaluated only where used.
#[derive(Default)]
struct CodeItems {
    /// `ITEMS`, `[Item; count]` (empty: the tree is empty).
    items: TokenStream,
    count: usize,
    fields: FieldsTable,
    /// Whether some variant is not transparent (so `__API` exists).
    own: bool,
}

impl CodeTree {
    /// The tree of `gen`'s input, whose marked fields are `fields` (from [`entries`]).
    pub(super) fn new(gen: &Gen<'_, '_>, fields: FieldsTable) -> Self {
        let (items, count) = items(gen, &fields);
        CodeTree {
            items: CodeItems {
                items,
                count,
                fields,
                own: gen.input.own().next().is_some(),
            },
            inner: gen
                .input
                .variants
                .iter()
                .filter(|v| v.is_transparent())
                .filter_map(|v| v.fields.first().map(|f| f.ty.clone()))
                .collect(),
            about: gen.input.about.clone(),
        }
    }
}

/// The members of the code tree, `ITEMS` of `__private::CodeItems`: the entries of `__API`, in
/// one call when no variant is transparent, else each in turn with the inner types' codes
/// between them; and their count.
fn items(gen: &Gen<'_, '_>, fields: &FieldsTable) -> (TokenStream, usize) {
    let krate = gen.krate;
    let count = gen.input.variants.len();
    let fields_count = fields.count;
    let lazy = quote!(::<Self, #count, #fields_count>);
    if !gen.input.any_transparent() {
        return if count == 0 {
            (TokenStream::new(), 0)
        } else {
            (quote!(#krate::__private::items #lazy()), count)
        };
    }
    let mut index = 0usize;
    let items = gen.input.variants.iter().map(|v| {
        if v.is_transparent() {
            let ty = v.fields.first().map(|f| f.ty);
            quote!(#krate::Item::Transparent(&<#ty as #krate::ErrorCodes>::CODES))
        } else {
            let lit = Literal::usize_unsuffixed(index);
            index += 1;
            quote!(#krate::__private::item #lazy(#lit))
        }
    });
    (quote!([#(#items),*]), count)
}

/// `ErrorCodes`, which exists only when every transparent inner type implements it: the
/// higher-ranked bound is checked where the impl is used, so a hand-written inner `ApiError`
/// without `ErrorCodes` costs the outer type nothing but this impl.
pub(super) fn impls(
    input: &DeriveInput,
    krate: &Path,
    generics: &Generics,
    codes: &CodeTree,
) -> TokenStream {
    let ident = &input.ident;
    let (impl_generics, ty_generics, _) = generics.split_for_impl();
    let predicates = generics
        .where_clause
        .iter()
        .flat_map(|w| w.predicates.iter());
    let inner = &codes.inner;
    let about = (!codes.about.is_empty()).then(|| {
        let about = &codes.about;
        quote!(.with_about(#about))
    });
    let CodeItems {
        items,
        count,
        fields: FieldsTable {
            tokens: fields,
            count: fields_count,
        },
        own,
    } = &codes.items;
    let table = if *own {
        quote!(__API)
    } else {
        quote!(#krate::__private::Table::EMPTY)
    };
    if items.is_empty() {
        return quote! {
            #[automatically_derived]
            impl #impl_generics #krate::ErrorCodes for #ident #ty_generics
            where
                #(#predicates,)*
            {
                const CODES: #krate::Codes = #krate::Codes::new(&[]) #about;
            }
        };
    }
    let fields = if fields.is_empty() {
        quote!([])
    } else {
        fields.clone()
    };
    let predicates: Vec<&WherePredicate> = predicates.collect();
    quote! {
        #[automatically_derived]
        impl #impl_generics #krate::__private::CodeItems<#count, #fields_count> for #ident #ty_generics
        where
            #(#predicates,)*
            #(for<'__api> #inner: #krate::ErrorCodes,)*
        {
            const TABLE: #krate::__private::Table = #table;
            const FIELDS: [#krate::__private::Field; #fields_count] = #fields;
            const ITEMS: [#krate::Item; #count] = #items;
        }
        #[automatically_derived]
        impl #impl_generics #krate::ErrorCodes for #ident #ty_generics
        where
            #(#predicates,)*
            #(for<'__api> #inner: #krate::ErrorCodes,)*
        {
            const CODES: #krate::Codes =
                #krate::Codes::new(#krate::__private::code_items::<Self, #count, #fields_count>()) #about;
        }
    }
}
