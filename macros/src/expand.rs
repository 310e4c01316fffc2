//! Code generation. Every path is absolute, through the runtime's path (`::apierror` unless
//! `#[api(crate = ...)]`), and every local is named `__api_*`.

use proc_macro2::{Span, TokenStream};
use quote::{quote, quote_spanned, ToTokens};
use syn::spanned::Spanned as _;
use syn::{DeriveInput, Ident, LitStr, Path, WherePredicate};

use crate::ast::{Field, Input, Variant};
use crate::attr::Ctxt;
use crate::status;
use crate::template::Piece;

pub(crate) fn derive(input: &DeriveInput) -> TokenStream {
    let cx = Ctxt::default();
    let parsed = Input::from_syn(&cx, input);
    if let Some(parsed) = &parsed {
        parsed.validate(&cx);
    }
    let errors = cx.into_errors();
    match parsed {
        Some(parsed) if errors.is_empty() => impl_api_error(&parsed),
        parsed => fallback(input, parsed.as_ref(), &errors),
    }
}

fn krate(input: Option<&Input<'_>>) -> Path {
    input
        .and_then(|i| i.attrs.krate.as_ref())
        .map_or_else(|| syn::parse_quote!(::apierror), |k| k.value.clone())
}

fn envelope(input: Option<&Input<'_>>, krate: &Path) -> TokenStream {
    input.and_then(|i| i.attrs.envelope.as_ref()).map_or_else(
        || quote!(#krate::envelope::ErrorObject),
        |e| e.value.to_token_stream(),
    )
}

/// What goes inside the `const _` block besides the glue.
struct Parts<'p> {
    envelope: &'p TokenStream,
    negotiate: bool,
    /// The methods of the `ApiError` impl.
    body: &'p TokenStream,
    codes: &'p Codes,
    checks: &'p TokenStream,
    /// The body of `client::Decode` (dropped unread without the runtime's `client` feature).
    decode: &'p TokenStream,
}

/// Wraps the impls in `const _: () = { ... };` with the lint allowances generated code needs,
/// and adds the framework glue.
fn wrap(
    input: &DeriveInput,
    krate: &Path,
    generics: &syn::Generics,
    parts: &Parts<'_>,
) -> TokenStream {
    let Parts {
        envelope,
        negotiate,
        body,
        codes,
        checks,
        decode,
    } = *parts;
    let codes_impl = codes_impl(input, krate, generics, codes);
    let negotiate = negotiate.then(|| {
        quote!(
            const NEGOTIATE: bool = true;
        )
    });
    let ident = &input.ident;
    let (impl_generics, ty_generics, _) = generics.split_for_impl();
    // Always `where`, each predicate followed by a comma, so the glue can append its own.
    let predicates = generics
        .where_clause
        .iter()
        .flat_map(|w| w.predicates.iter());
    let where_clause = quote!(where #(#predicates,)*);
    let decode_impl = (!decode.is_empty()).then(|| {
        let inner = &codes.inner;
        quote! {
            #krate::__private::client_glue!(
                [#impl_generics] [#ident #ty_generics] [#where_clause]
                [#(for<'__api> #inner: #krate::client::Decode,)*]
                { #decode }
            );
        }
    });
    quote! {
        // `deprecated`: matching a deprecated variant is not a use of it.
        // `unused_qualifications`: absolute paths are hygiene, not noise.
        #[allow(deprecated, unused_qualifications)]
        const _: () = {
            #[automatically_derived]
            impl #impl_generics #krate::ApiError for #ident #ty_generics #where_clause {
                #body
            }
            // The envelope is named once, here, so a type that is not one is reported once.
            #[automatically_derived]
            impl #impl_generics #krate::__private::UsesEnvelope for #ident #ty_generics #where_clause {
                type Envelope = #envelope;
                #negotiate
                #[inline]
                fn as_error(&self) -> ::core::option::Option<&dyn ::std::error::Error> {
                    #[allow(unused_imports)]
                    use #krate::__private::{ProbeIsError as _, ProbeNotError as _};
                    (&&#krate::__private::ErrorProbe(self)).__api_as_error()
                }
            }
            #krate::__private::glue!([#impl_generics] [#ident #ty_generics] [#where_clause]);
            #codes_impl
            #decode_impl
            #checks
        };
    }
}

/// The code tree of a type: one `Item` per variant, in declaration order (an entry, or the
/// inner type of a `transparent` variant), and the type's doc comment.
#[derive(Default)]
struct Codes {
    items: Lazy,
    inner: Vec<syn::Type>,
    about: String,
}

/// The code tree in `__private::CodeItems`, whose constants are evaluated only where used.
#[derive(Default)]
struct Lazy {
    /// `ITEMS`, `[Item; count]` (empty: the tree is empty).
    items: TokenStream,
    count: usize,
    /// `FIELDS`, `[Field; fields_count]` (empty: none).
    fields: TokenStream,
    fields_count: usize,
    /// Whether some variant is not transparent (so `__API` exists).
    own: bool,
}

/// `ErrorCodes`, which exists only when every transparent inner type implements it: the
/// higher-ranked bound is checked where the impl is used, so a hand-written inner `ApiError`
/// without `ErrorCodes` costs the outer type nothing but this impl.
fn codes_impl(
    input: &DeriveInput,
    krate: &Path,
    generics: &syn::Generics,
    codes: &Codes,
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
    let Lazy {
        items,
        count,
        fields,
        fields_count,
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

/// After an error: the errors, and an impl that keeps the rest of the crate compiling so the
/// user sees the mistake rather than a cascade (as thiserror does).
fn fallback(input: &DeriveInput, parsed: Option<&Input<'_>>, errors: &[syn::Error]) -> TokenStream {
    let krate = krate(parsed);
    let envelope = envelope(parsed, &krate);
    let errors = errors.iter().map(syn::Error::to_compile_error);
    let body = quote! {
        fn status(&self) -> #krate::StatusCode {
            #krate::StatusCode::INTERNAL_SERVER_ERROR
        }
        fn code(&self) -> &'static str {
            "INTERNAL_ERROR"
        }
    };
    let imp = wrap(
        input,
        &krate,
        &input.generics,
        &Parts {
            envelope: &envelope,
            negotiate: false,
            body: &body,
            codes: &Codes::default(),
            checks: &TokenStream::new(),
            decode: &TokenStream::new(),
        },
    );
    quote! {
        #(#errors)*
        #imp
    }
}

/// The pattern that matches a variant (or `Self` for a struct), binding the given fields.
fn pattern(input: &Input<'_>, variant: &Variant<'_>, bound: &[&Field<'_>]) -> TokenStream {
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
fn binding_at(field: &Field<'_>, span: Span) -> Ident {
    Ident::new(&format!("__api_f_{}", field.name()), span)
}

/// A span that resolves names as generated code does (call site) but is reported at `location`
/// in the user's source: where a trait-bound error should point.
fn at(location: Span) -> Span {
    Span::call_site().located_at(location)
}

/// One `match self` over every variant; arms with the same body that bind the same fields (by
/// name and type, or none) are merged into one `A { .. } | B { .. } =>` arm, which keeps the
/// output, and the compiler's work, small.
fn arms<'a>(
    input: &Input<'a>,
    arm: impl for<'v> Fn(&'v Variant<'a>) -> (Vec<&'v Field<'a>>, TokenStream),
) -> TokenStream {
    if input.variants.is_empty() {
        return quote!(match *self {});
    }
    let mut merged: Vec<(Vec<TokenStream>, TokenStream)> = Vec::new();
    let mut unbound: Vec<bool> = Vec::new();
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
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

fn impl_api_error(input: &Input<'_>) -> TokenStream {
    let krate = krate(Some(input));
    let envelope = envelope(Some(input), &krate);
    let bounds = Bounds::new(input.original);
    let text = Text::default();
    let gen = Gen {
        input,
        krate: &krate,
        bounds: &bounds,
        text: &text,
        fields: std::cell::RefCell::default(),
    };
    let mut methods = gen.api();
    methods.extend(gen.status());
    methods.extend(gen.code());
    methods.extend(gen.message());
    methods.extend(gen.retryable());
    methods.extend(gen.retry_after());
    methods.extend(gen.details());
    methods.extend(gen.descriptor());
    methods.extend(gen.field_method(
        "rate_limit",
        |f| f.attrs.rate_limit.is_some(),
        "RateLimitField",
        &quote!(::core::option::Option<#krate::RateLimit>),
        &quote!(::core::option::Option::None),
    ));
    methods.extend(gen.field_method(
        "violations",
        |f| f.attrs.violations.is_some(),
        "ViolationsField",
        &quote!(&[#krate::Violation]),
        &quote!(&[]),
    ));
    // Each `status = StatusCode::X` is named once, so the compiler checks that the path exists
    // and is a `StatusCode` (and counts the user's import as used).
    let mut checks: TokenStream = input
        .variants
        .iter()
        .filter_map(|v| v.attrs.status.as_ref()?.value.path.as_ref())
        .map(|path| {
            let span = at(path.span());
            quote_spanned!(span=> const _: #krate::StatusCode = #path;)
        })
        .collect();
    checks.extend(text.table(&krate));
    checks.extend(gen.entries());
    let codes = Codes {
        items: {
            let (items, count) = gen.items();
            let (fields, fields_count) = gen.fields.borrow().clone();
            Lazy {
                items,
                count,
                fields,
                fields_count,
                own: input.variants.iter().any(|v| !v.is_transparent()),
            }
        },
        inner: input
            .variants
            .iter()
            .filter(|v| v.is_transparent())
            .filter_map(|v| v.fields.first().map(|f| f.ty.clone()))
            .collect(),
        about: input.about.clone(),
    };
    let decode = gen.decode();
    let generics = bounds.into_generics();
    wrap(
        input.original,
        &krate,
        &generics,
        &Parts {
            envelope: &envelope,
            negotiate: input.attrs.negotiate.is_some(),
            body: &methods,
            codes: &codes,
            checks: &checks,
            decode: &decode,
        },
    )
}

/// Generates the methods of the `ApiError` impl, one function each. A method whose every arm
/// would return the trait's default is left out, which keeps the expansion small.
struct Gen<'g, 'a> {
    input: &'g Input<'a>,
    krate: &'g Path,
    bounds: &'g Bounds<'g>,
    text: &'g Text,
    /// `FIELDS` of `__private::CodeItems` and its length, set by `table`.
    fields: std::cell::RefCell<(TokenStream, usize)>,
}

impl Gen<'_, '_> {
    fn any_transparent(&self) -> bool {
        self.input.variants.iter().any(Variant::is_transparent)
    }

    /// The arm of a transparent variant: `<Inner as ApiError>::method(inner, extra args)`,
    /// located at the field's type, where an inner error that is not an `ApiError` is reported.
    fn forward<'v, 'a>(
        &self,
        v: &'v Variant<'a>,
        method: &str,
        args: &TokenStream,
    ) -> (Vec<&'v Field<'a>>, TokenStream) {
        let krate = self.krate;
        let field = &v.fields[0];
        let ty = field.ty;
        self.bounds.add(ty, &quote!(#krate::ApiError));
        let span = at(ty.span());
        let inner = binding_at(field, span);
        let method = Ident::new(method, span);
        let call = quote_spanned!(span=> <#ty as #krate::ApiError>::#method(#inner #args));
        (v.fields.iter().take(1).collect(), call)
    }

    /// The variants that are not transparent: those with an entry in `__API`.
    fn own(&self) -> impl Iterator<Item = &Variant<'_>> {
        self.input.variants.iter().filter(|v| !v.is_transparent())
    }

    /// A method whose value, for a variant that is not transparent, is read from its entry in
    /// the type's `__API` table (`read` gets the entry's index); transparent variants
    /// forward to their inner type.
    fn by_entry(&self, method: &str, read: impl Fn(&TokenStream) -> TokenStream) -> TokenStream {
        let entry = if self.input.is_enum {
            quote!(__api_index(self))
        } else {
            quote!(0)
        };
        let read = read(&entry);
        if self.input.variants.is_empty() {
            return quote!(match *self {});
        }
        if !self.any_transparent() {
            return read;
        }
        let mut out: Vec<TokenStream> = self
            .input
            .variants
            .iter()
            .filter(|v| v.is_transparent())
            .map(|v| {
                let (bound, body) = self.forward(v, method, &TokenStream::new());
                let pat = pattern(self.input, v, &bound);
                quote!(#pat => #body,)
            })
            .collect();
        let own: Vec<&Variant<'_>> = self.own().collect();
        match own.as_slice() {
            [] => {}
            // No wildcard that stands for a single variant.
            [v] => {
                let pat = pattern(self.input, v, &[]);
                out.push(quote!(#pat => #read,));
            }
            _ => out.push(quote!(_ => #read,)),
        }
        quote!(match self { #(#out)* })
    }

    /// `__API`, the entries of the variants that are not transparent (what `status`,
    /// `code`, `retryable` and `descriptor` read, and the catalog lists), and for an enum
    /// `__api_index`, which maps a value to its variant's entry: one match for all of them.
    fn entries(&self) -> TokenStream {
        if self.own().next().is_none() {
            return TokenStream::new();
        }
        let table = self.table();
        if !self.input.is_enum {
            return table;
        }
        let original = self.input.original;
        let ident = &original.ident;
        let (impl_generics, ty_generics, where_clause) = original.generics.split_for_impl();
        let mut arms = Vec::new();
        let mut transparent = Vec::new();
        let mut index = 0usize;
        for v in &self.input.variants {
            let variant = v.ident;
            let pat = quote!(#ident::#variant { .. });
            if v.is_transparent() {
                transparent.push(pat);
            } else {
                let lit = proc_macro2::Literal::usize_unsuffixed(index);
                arms.push(quote!(#pat => #lit,));
                index += 1;
            }
        }
        // A transparent variant has no entry: its methods forward before reading one.
        let transparent =
            (!transparent.is_empty()).then(|| quote!(#(#transparent)|* => usize::MAX,));
        quote! {
            #table
            #[inline]
            #[allow(clippy::trivially_copy_pass_by_ref)]
            fn __api_index #impl_generics (__api_self: &#ident #ty_generics) -> usize #where_clause {
                match __api_self {
                    #(#arms)*
                    #transparent
                }
            }
        }
    }

    /// The members of the code tree, `ITEMS` of `__private::CodeItems`: the entries of
    /// `__API`, in one call when no variant is transparent, else each in turn with the inner
    /// types' codes between them; and their count. Called after `entries`.
    fn items(&self) -> (TokenStream, usize) {
        let krate = self.krate;
        let count = self.input.variants.len();
        let (fields, fields_count) = self.fields.borrow().clone();
        let fields_count = if fields.is_empty() { 0 } else { fields_count };
        let lazy = quote!(::<Self, #count, #fields_count>);
        if !self.any_transparent() {
            return if count == 0 {
                (TokenStream::new(), 0)
            } else {
                (quote!(#krate::__private::items #lazy()), count)
            };
        }
        let mut index = 0usize;
        let items = self.input.variants.iter().map(|v| {
            if v.is_transparent() {
                let ty = v.fields.first().map(|f| f.ty);
                quote!(#krate::Item::Transparent(&<#ty as #krate::ErrorCodes>::CODES))
            } else {
                let lit = proc_macro2::Literal::usize_unsuffixed(index);
                index += 1;
                quote!(#krate::__private::item #lazy(#lit))
            }
        });
        (quote!([#(#items),*]), count)
    }

    fn status(&self) -> TokenStream {
        let krate = self.krate;
        let status = self.by_entry(
            "status",
            |e| quote!(#krate::__private::status_at(&__API, #e)),
        );
        quote! {
            #[inline]
            fn status(&self) -> #krate::StatusCode {
                #status
            }
        }
    }

    fn code(&self) -> TokenStream {
        let code = self.by_entry("code", |e| quote!(__API.codes[#e]));
        quote! {
            #[inline]
            fn code(&self) -> &'static str {
                #code
            }
        }
    }

    fn message(&self) -> TokenStream {
        let krate = self.krate;
        let message = arms(self.input, |v| {
            if v.is_transparent() {
                return self.forward(v, "message", &quote!(, __api_out));
            }
            message_arm(v, krate, self.bounds, self.text)
        });
        quote! {
            fn message(&self, __api_out: &mut #krate::Message<'_>) -> ::core::fmt::Result {
                #message
            }
        }
    }

    fn retryable(&self) -> TokenStream {
        if !self.any_transparent()
            && self
                .input
                .variants
                .iter()
                .all(|v| v.attrs.retryable.is_none())
        {
            return TokenStream::new();
        }
        let krate = self.krate;
        let retryable = self.by_entry(
            "retryable",
            |e| quote!(#krate::__private::retryable_at(&__API, #e)),
        );
        quote! {
            #[inline]
            fn retryable(&self) -> bool {
                #retryable
            }
        }
    }

    fn retry_after(&self) -> TokenStream {
        let has_retry = |v: &Variant<'_>| {
            v.attrs.retry_after.is_some() || v.fields.iter().any(|f| f.attrs.retry_after.is_some())
        };
        if !self.any_transparent() && !self.input.variants.iter().any(has_retry) {
            return TokenStream::new();
        }
        let krate = self.krate;
        let retry_after = arms(self.input, |v| {
            if v.is_transparent() {
                return self.forward(v, "retry_after", &TokenStream::new());
            }
            if let Some(secs) = &v.attrs.retry_after {
                let secs = secs.value;
                let some =
                    quote!(::core::option::Option::Some(::core::time::Duration::from_secs(#secs)));
                return (Vec::new(), some);
            }
            if let Some(field) = v.fields.iter().find(|f| f.attrs.retry_after.is_some()) {
                let ty = field.ty;
                self.bounds
                    .add(ty, &quote!(#krate::__private::RetryAfterField));
                // Located at the field's type, where a type that is no delay is reported.
                let span = at(ty.span());
                let inner = binding_at(field, span);
                let call = quote_spanned! {span=>
                    <#ty as #krate::__private::RetryAfterField>::retry_after(#inner)
                };
                return (vec![field], call);
            }
            (Vec::new(), quote!(::core::option::Option::None))
        });
        quote! {
            #[inline]
            fn retry_after(&self) -> ::core::option::Option<::core::time::Duration> {
                #retry_after
            }
        }
    }

    fn details(&self) -> TokenStream {
        let has_details = |v: &Variant<'_>| v.fields.iter().any(|f| f.attrs.detail.is_some());
        if !self.any_transparent() && !self.input.variants.iter().any(has_details) {
            return TokenStream::new();
        }
        let krate = self.krate;
        let details = arms(self.input, |v| {
            if v.is_transparent() {
                return self.forward(v, "details", &quote!(, __api_out));
            }
            let fields: Vec<&Field<'_>> = v
                .fields
                .iter()
                .filter(|f| f.attrs.detail.is_some())
                .collect();
            let mut writes: Vec<TokenStream> = fields
                .iter()
                .map(|field| {
                    let name = field.detail_name().unwrap_or_default();
                    let ty = field.ty;
                    self.bounds.add(ty, &quote!(#krate::__private::Serialize));
                    // Located at the field's type, where a type that is not `Serialize` is
                    // reported.
                    let span = at(ty.span());
                    let inner = binding_at(field, span);
                    quote_spanned! {span=>
                        <#ty as #krate::__private::Detail>::write(#inner, #name, __api_out)
                    }
                })
                .collect();
            // One detail is the arm's value; more are written in turn.
            let body = match writes.pop() {
                None => quote!(::core::result::Result::Ok(())),
                Some(last) if writes.is_empty() => last,
                Some(last) => quote!({ #(#writes?;)* #last }),
            };
            (fields, body)
        });
        quote! {
            fn details(&self, __api_out: &mut #krate::Details<'_>) -> ::core::result::Result<(), #krate::WriteError> {
                #details
            }
        }
    }

    /// `descriptor`: one constant per variant from `type`, `type_base`, `title` and `grpc`
    /// (forwarded by transparent variants); left out when no variant sets any of them.
    fn descriptor(&self) -> TokenStream {
        let krate = self.krate;
        let setters = |v: &Variant<'_>| self.descriptor_setters(v);
        let any = self
            .input
            .variants
            .iter()
            .any(|v| !v.is_transparent() && !setters(v).is_empty());
        if !any && !self.any_transparent() {
            return TokenStream::new();
        }
        let body = self.by_entry(
            "descriptor",
            |e| quote!(#krate::__private::descriptor_at(&__API, #e)),
        );
        quote! {
            #[inline]
            fn descriptor(&self) -> &'static #krate::Descriptor {
                #body
            }
        }
    }

    /// The `with_*` calls on `Descriptor::new()` for a variant's `type`, `type_base`, `title`
    /// and `grpc`.
    fn descriptor_setters(&self, v: &Variant<'_>) -> TokenStream {
        let type_uri = v
            .attrs
            .type_uri
            .as_ref()
            .map(|uri| uri.value.clone())
            .or_else(|| {
                let base = self.input.attrs.type_base.as_ref()?.value.value();
                let (code, span) = self.input.code(v);
                Some(LitStr::new(
                    &format!("{base}{}", crate::case::Case::Kebab.apply(&code)),
                    span,
                ))
            });
        let mut setters = TokenStream::new();
        if let Some(uri) = type_uri {
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
        setters
    }

    /// The `__API` table: the catalog entries of the variants that are not transparent, one
    /// array of literals per column (see `__private::Table`).
    fn table(&self) -> TokenStream {
        let krate = self.krate;
        let own: Vec<&Variant<'_>> = self.own().collect();
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
        let (mut names, mut types, mut roles) = (Vec::new(), Vec::new(), Vec::new());
        let (mut any_retryable, mut any_docs, mut any_help, mut any_descriptor) =
            (false, false, false, false);
        for (i, v) in own.iter().enumerate() {
            let (code, span) = self.input.code(v);
            codes.push(LitStr::new(&code, span));
            let status = v.attrs.status.as_ref().map_or(500, |s| s.value.code);
            statuses.push(proc_macro2::Literal::u16_unsuffixed(status));
            let value = retryable(v);
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
                let i = proc_macro2::Literal::usize_unsuffixed(i);
                retry_after.push(quote!((#i, #secs)));
            }
            let descriptor = self.descriptor_setters(v);
            any_descriptor |= !descriptor.is_empty();
            descriptors.push(quote!(#krate::Descriptor::new() #descriptor));
            let message = catalog_message(v);
            if message.is_none() {
                unread.push(proc_macro2::Literal::usize_unsuffixed(i));
            }
            messages.push(message.unwrap_or_default());
            for field in &v.fields {
                let roles_of = [
                    (0u8, field.detail_name()),
                    (1, field.attrs.retry_after.as_ref().map(|_| field.name())),
                    (2, field.attrs.rate_limit.as_ref().map(|_| field.name())),
                    (3, field.attrs.violations.as_ref().map(|_| field.name())),
                ];
                for (role, name) in roles_of {
                    if let Some(name) = name {
                        names.push(name);
                        types.push(crate::docs::type_text(field.ty));
                        roles.push(proc_macro2::Literal::u8_unsuffixed(role));
                    }
                }
            }
            field_ends.push(proc_macro2::Literal::usize_unsuffixed(names.len()));
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
        if names.is_empty() {
            field_ends.clear();
        } else {
            let count = names.len();
            *self.fields.borrow_mut() = (
                quote!(#krate::__private::fields::<#count>(&[#(#names),*], &[#(#types),*], &[#(#roles),*])),
                count,
            );
        }
        quote! {
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
        }
    }

    /// The body of `client::Decode`: the response's code picks the variant, whose fields are
    /// rebuilt from the wire (a variant with a field that is not, or whose type cannot be
    /// rebuilt, does not decode); then each `transparent` variant tries its inner type.
    fn decode(&self) -> TokenStream {
        let krate = self.krate;
        let mut codes = Vec::new();
        let mut arms = Vec::new();
        let mut inner = Vec::new();
        for v in &self.input.variants {
            let path = if self.input.is_enum {
                let ident = v.ident;
                quote!(Self::#ident)
            } else {
                quote!(Self)
            };
            if v.is_transparent() {
                let Some(field) = v.fields.first() else {
                    continue;
                };
                let (ty, member) = (field.ty, &field.member);
                inner.push(quote! {
                    if let ::core::option::Option::Some(__api_inner) =
                        <#ty as #krate::client::Decode>::decode(__api_response)
                    {
                        return ::core::option::Option::Some(#path { #member: __api_inner });
                    }
                });
                continue;
            }
            let Some(fields) = v
                .fields
                .iter()
                .map(|field| {
                    let ty = field.ty;
                    // A borrowed type cannot be rebuilt from a response the client owns (and the
                    // probe's `DeserializeOwned` cannot even be asked of it): no decoding.
                    if borrows(ty.to_token_stream()) {
                        return None;
                    }
                    let member = &field.member;
                    let probe = quote!((&&#krate::__private::FieldProbe::<#ty>::new()));
                    let value = if field.attrs.retry_after.is_some() {
                        quote!(#probe.__api_delay(__api_response)?)
                    } else if field.attrs.rate_limit.is_some() {
                        quote!(#probe.__api_rate_limit(__api_response)?)
                    } else if field.attrs.violations.is_some() {
                        let (code, _) = self.input.code(v);
                        quote!(#probe.__api_violations(__api_response, #code)?)
                    } else {
                        let name = field.detail_name()?;
                        quote!(#probe.__api_detail(__api_response, #name)?)
                    };
                    Some(quote!(#member: #value))
                })
                .collect::<Option<Vec<_>>>()
            else {
                // A field that is not on the wire: this variant does not decode.
                continue;
            };
            let (code, span) = self.input.code(v);
            let index = proc_macro2::Literal::usize_unsuffixed(codes.len());
            codes.push(LitStr::new(&code, span));
            arms.push(quote!(#index => ::core::option::Option::Some(#path { #(#fields,)* }),));
        }
        let lookup = (!arms.is_empty()).then(|| {
            quote! {
                #[allow(unused_imports)]
                use #krate::__private::{
                    DelayDecodes as _, DelayOpaque as _, DetailDecodes as _, DetailOpaque as _,
                    RateLimitDecodes as _, RateLimitOpaque as _, ViolationsDecodes as _,
                    ViolationsOpaque as _,
                };
                if let ::core::option::Option::Some(__api_index) =
                    #krate::__private::code_index(__api_response, &[#(#codes),*])
                {
                    return match __api_index {
                        #(#arms)*
                        _ => ::core::option::Option::None,
                    };
                }
            }
        });
        quote! {
            fn decode(
                __api_response: &#krate::client::ErrorResponse,
            ) -> ::core::option::Option<Self> {
                #lookup
                #(#inner)*
                ::core::option::Option::None
            }
        }
    }

    /// A method that reads one marked field through a `__private` trait (`rate_limit`,
    /// `violations`), forwarded by transparent variants and left out when no variant needs it.
    fn field_method(
        &self,
        method: &str,
        marked: fn(&Field<'_>) -> bool,
        field_trait: &str,
        ret: &TokenStream,
        none: &TokenStream,
    ) -> TokenStream {
        if !self.any_transparent()
            && !self
                .input
                .variants
                .iter()
                .any(|v| v.fields.iter().any(marked))
        {
            return TokenStream::new();
        }
        let krate = self.krate;
        let body = arms(self.input, |v| {
            if v.is_transparent() {
                return self.forward(v, method, &TokenStream::new());
            }
            let Some(field) = v.fields.iter().find(|f| marked(f)) else {
                return (Vec::new(), none.clone());
            };
            let ty = field.ty;
            let field_trait = Ident::new(field_trait, Span::call_site());
            self.bounds
                .add(ty, &quote!(#krate::__private::#field_trait));
            // Located at the field's type, where a type of the wrong kind is reported.
            let span = at(ty.span());
            let inner = binding_at(field, span);
            let method = Ident::new(method, span);
            let call = quote_spanned! {span=>
                <#ty as #krate::__private::#field_trait>::#method(#inner)
            };
            (vec![field], call)
        });
        let method = Ident::new(method, Span::call_site());
        quote! {
            #[inline]
            fn #method(&self) -> #ret {
                #body
            }
        }
    }

    /// `API`: the container's `domain`, `version` and `rate_limit_headers`; the domain and
    /// version default to the package's name and version when cargo provides them
    /// (`option_env!`: a build without cargo, such as Bazel's or plain rustc's, has neither).
    fn api(&self) -> TokenStream {
        let krate = self.krate;
        let attrs = &self.input.attrs;
        let domain = attrs.domain.as_ref().map_or_else(
            || quote!(::core::option_env!("CARGO_PKG_NAME")),
            |d| {
                let d = &d.value;
                quote!(::core::option::Option::Some(#d))
            },
        );
        let version = attrs.version.as_ref().map_or_else(
            || quote!(::core::option_env!("CARGO_PKG_VERSION")),
            |v| {
                let v = &v.value;
                quote!(::core::option::Option::Some(#v))
            },
        );
        let headers = attrs.rate_limit_headers.as_ref().map(|style| {
            let variant = match style.value {
                crate::attr::RateLimitHeaders::XRateLimit => quote!(XRateLimit),
                crate::attr::RateLimitHeaders::Ietf => quote!(Ietf),
                crate::attr::RateLimitHeaders::Both => quote!(Both),
            };
            quote!(.with_rate_limit_headers(#krate::RateLimitHeaders::#variant))
        });
        quote! {
            const API: #krate::Api = #krate::__private::api(#domain, #version) #headers;
        }
    }
}

/// The message of a variant as the catalog shows it: the `message` template, else for a 5xx
/// without `expose` the reason phrase the runtime writes (`Error` for a status without one),
/// else thiserror's `#[error("...")]` template; `None` for a `Display` the derive cannot read.
fn catalog_message(v: &Variant<'_>) -> Option<String> {
    let status = v.attrs.status.as_ref().map_or(500, |s| s.value.code);
    let hidden = status >= 500 && v.attrs.expose.is_none();
    match &v.attrs.message {
        Some(message) => Some(message.value.value()),
        None if hidden => v
            .attrs
            .status
            .as_ref()
            .map(|s| {
                if s.value.reason.is_empty() {
                    "Error"
                } else {
                    s.value.reason
                }
            })
            .map(str::to_owned),
        None => v.display.clone(),
    }
}

/// Whether a type names a lifetime or a reference anywhere (`&str`, `Cow<'a, str>`).
fn borrows(tokens: TokenStream) -> bool {
    tokens.into_iter().any(|tt| match tt {
        proc_macro2::TokenTree::Punct(p) => p.as_char() == '&' || p.as_char() == '\'',
        proc_macro2::TokenTree::Group(group) => borrows(group.stream()),
        _ => false,
    })
}

/// A variant's `retryable`, else the default for its status.
fn retryable(v: &Variant<'_>) -> bool {
    let code = v.attrs.status.as_ref().map_or(500, |s| s.value.code);
    v.attrs
        .retryable
        .as_ref()
        .map_or_else(|| status::retryable_by_default(code), |r| r.value)
}

fn message_arm<'v, 'a>(
    v: &'v Variant<'a>,
    krate: &Path,
    bounds: &Bounds<'_>,
    text: &Text,
) -> (Vec<&'v Field<'a>>, TokenStream) {
    let status = v.attrs.status.as_ref().map(|s| &s.value);
    if let (Some(template), Some(message)) = (&v.template, &v.attrs.message) {
        let span = message.span;
        if let Some(arm) = template_arm(v, template, span, krate, bounds, text) {
            return arm;
        }
        let mut fields: Vec<&Field<'_>> = Vec::new();
        let mut writes = Vec::new();
        for piece in template {
            match piece {
                Piece::Text(text) => writes.push(literal(krate, text, span)),
                Piece::Arg { field, spec, bound } => {
                    let Some(field) = v.field(field) else {
                        continue;
                    };
                    if !fields.iter().any(|f| f.member == field.member) {
                        fields.push(field);
                    }
                    // Located at the message, where a field that cannot be formatted is reported.
                    let span = at(span);
                    let inner = binding_at(field, span);
                    let ty = field.ty;
                    let bound = Ident::new(bound.name(), Span::call_site());
                    bounds.add(ty, &quote!(::core::fmt::#bound));
                    let format = if spec.is_empty() {
                        LitStr::new("{}", span)
                    } else {
                        LitStr::new(&format!("{{:{spec}}}"), span)
                    };
                    writes.push(quote_spanned! {span=>
                        ::core::fmt::Write::write_fmt(__api_out, ::core::format_args!(#format, #inner))?;
                    });
                }
            }
        }
        return (
            fields,
            quote!({ #(#writes)* ::core::result::Result::Ok(()) }),
        );
    }
    let expose = v.attrs.expose.is_some();
    match status {
        Some(status) if status.code >= 500 && !expose => {
            if status.reason.is_empty() {
                let code = status.code;
                (
                    Vec::new(),
                    quote!(#krate::Message::write_reason(__api_out, #krate::__private::status(#code))),
                )
            } else {
                let start = text.add(vec![status.reason.to_owned()]);
                (Vec::new(), write_template(krate, &start, &[]))
            }
        }
        _ => {
            bounds.add_self();
            // Located at the variant, whose missing `message` is what needs the `Display`.
            let span = at(v.ident.span());
            let call = quote_spanned! {span=>
                <Self as #krate::__private::DisplayMessage>::write_display_message(self, __api_out)
            };
            (Vec::new(), call)
        }
    }
}

/// The arm of a template whose every placeholder is a plain `{field}` (`Display`, no spec): one
/// call of a runtime function, with the text around the fields in the type's `__API_TEXT`
/// table, instead of a `write_fmt` and a `const` per piece. `None` for other templates.
fn template_arm<'v, 'a>(
    v: &'v Variant<'a>,
    template: &[Piece],
    span: Span,
    krate: &Path,
    bounds: &Bounds<'_>,
    text: &Text,
) -> Option<(Vec<&'v Field<'a>>, TokenStream)> {
    let mut fields: Vec<&Field<'_>> = Vec::new();
    let mut pieces = vec![String::new()];
    let mut args = Vec::new();
    for piece in template {
        match piece {
            Piece::Text(t) => pieces.last_mut()?.push_str(t),
            Piece::Arg { field, spec, bound } => {
                if !spec.is_empty() || *bound != crate::template::Trait::Display {
                    return None;
                }
                let field = v.field(field)?;
                if !fields.iter().any(|f| f.member == field.member) {
                    fields.push(field);
                }
                bounds.add(field.ty, &quote!(::core::fmt::Display));
                // Located at the message, where a field that cannot be formatted is reported.
                let span = at(span);
                let binding = binding_at(field, span);
                // A string type's text is copied as it is, anything else goes through `Display`.
                args.push(quote_spanned! {span=>
                    (&&#krate::__private::ArgProbe(#binding)).__api_arg()
                });
                pieces.push(String::new());
            }
        }
    }
    let start = text.add(pieces);
    Some((fields, write_template(krate, &start, &args)))
}

/// The call that writes the template at `start` of `__API_TEXT` with `args`; a template of one
/// piece is that literal, written directly.
fn write_template(krate: &Path, start: &proc_macro2::Literal, args: &[TokenStream]) -> TokenStream {
    if args.is_empty() {
        return quote!(#krate::__private::write_literal(__api_out, __API_TEXT[#start]));
    }
    quote!({
        use #krate::__private::{ArgDisplay as _, ArgIsStr as _};
        #krate::__private::write_template(__api_out, __API_TEXT, #start, &[#(#args),*])
    })
}

/// The text pieces of a type's templates, in one `const` table (`__API_TEXT`) that the message
/// arms index: a template of `n` fields is `n + 1` pieces from its start. Equal templates share
/// their pieces (so their arms can merge).
#[derive(Default)]
struct Text {
    pieces: std::cell::RefCell<Vec<String>>,
    starts: std::cell::RefCell<std::collections::HashMap<Vec<String>, usize>>,
}

impl Text {
    /// The start of `pieces` in the table, as an unsuffixed literal.
    fn add(&self, pieces: Vec<String>) -> proc_macro2::Literal {
        let mut table = self.pieces.borrow_mut();
        let start = *self
            .starts
            .borrow_mut()
            .entry(pieces)
            .or_insert_with_key(|pieces| {
                let start = table.len();
                table.extend(pieces.iter().cloned());
                start
            });
        proc_macro2::Literal::usize_unsuffixed(start)
    }

    /// The table, when some arm uses it.
    fn table(&self, krate: &Path) -> TokenStream {
        let pieces = self.pieces.borrow();
        if pieces.is_empty() {
            return TokenStream::new();
        }
        let pieces = pieces.iter();
        quote! {
            const __API_TEXT: &[#krate::__private::Literal] = &[
                #(#krate::__private::Literal::new(#pieces)),*
            ];
        }
    }
}

/// A literal piece: an inline `const` whose JSON escaping is decided at compile time.
fn literal(krate: &Path, text: &str, span: Span) -> TokenStream {
    let lit = LitStr::new(text, span);
    quote! {
        #krate::__private::write_literal(
            __api_out,
            const { #krate::__private::Literal::new(#lit) },
        )?;
    }
}

/// Where-clause predicates for fields whose types mention a type parameter, added only where
/// needed (as thiserror does): a non-generic field needs no bound.
struct Bounds<'i> {
    original: &'i DeriveInput,
    params: Vec<String>,
    predicates: std::cell::RefCell<Vec<WherePredicate>>,
}

impl<'i> Bounds<'i> {
    fn new(original: &'i DeriveInput) -> Self {
        let params = original
            .generics
            .type_params()
            .map(|p| p.ident.to_string())
            .collect();
        Bounds {
            original,
            params,
            predicates: std::cell::RefCell::default(),
        }
    }

    fn mentions_param(&self, tokens: TokenStream) -> bool {
        tokens.into_iter().any(|tt| match tt {
            proc_macro2::TokenTree::Ident(ident) => self.params.iter().any(|p| ident == p),
            proc_macro2::TokenTree::Group(group) => self.mentions_param(group.stream()),
            _ => false,
        })
    }

    fn add(&self, ty: &syn::Type, bound: &TokenStream) {
        if self.mentions_param(ty.to_token_stream()) {
            self.predicates
                .borrow_mut()
                .push(syn::parse_quote!(#ty: #bound));
        }
    }

    /// `Self: Display`, for a generic type whose message defaults to its `Display`.
    fn add_self(&self) {
        if !self.params.is_empty() {
            let ident = &self.original.ident;
            let (_, ty_generics, _) = self.original.generics.split_for_impl();
            self.predicates
                .borrow_mut()
                .push(syn::parse_quote!(#ident #ty_generics: ::core::fmt::Display));
        }
    }

    fn into_generics(self) -> syn::Generics {
        let mut generics = self.original.generics.clone();
        let predicates = self.predicates.into_inner();
        if !predicates.is_empty() {
            let clause = generics.make_where_clause();
            let mut seen = std::collections::BTreeSet::new();
            for predicate in predicates {
                // Without syn's "extra-traits", tokens are what can be compared.
                if seen.insert(predicate.to_token_stream().to_string()) {
                    clause.predicates.push(predicate);
                }
            }
        }
        generics
    }
}
