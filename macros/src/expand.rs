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
    items: Vec<TokenStream>,
    inner: Vec<syn::Type>,
    about: String,
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
    let items = &codes.items;
    let inner = &codes.inner;
    let about = (!codes.about.is_empty()).then(|| {
        let about = &codes.about;
        quote!(.with_about(#about))
    });
    quote! {
        #[automatically_derived]
        impl #impl_generics #krate::ErrorCodes for #ident #ty_generics
        where
            #(#predicates,)*
            #(for<'__api> #inner: #krate::ErrorCodes,)*
        {
            const CODES: #krate::Codes = #krate::Codes::new(&[#(#items),*]) #about;
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

/// One `match self` over every variant; arms without bindings and with the same body are
/// merged into one `A { .. } | B { .. } =>` arm, which keeps the output small.
fn arms<'a>(
    input: &Input<'a>,
    arm: impl for<'v> Fn(&'v Variant<'a>) -> (Vec<&'v Field<'a>>, TokenStream),
) -> TokenStream {
    if input.variants.is_empty() {
        return quote!(match *self {});
    }
    let mut merged: Vec<(Vec<TokenStream>, String, TokenStream)> = Vec::new();
    let mut out = Vec::new();
    for variant in &input.variants {
        let (bound, body) = arm(variant);
        let pat = pattern(input, variant, &bound);
        if bound.is_empty() {
            let key = body.to_string();
            if let Some(entry) = merged.iter_mut().find(|m| m.1 == key) {
                entry.0.push(pat);
                continue;
            }
            merged.push((vec![pat], key, body));
        } else {
            out.push(quote!(#pat => #body,));
        }
    }
    for (pats, _, body) in merged {
        out.push(quote!(#(#pats)|* => #body,));
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
    let gen = Gen {
        input,
        krate: &krate,
        bounds: &bounds,
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
    let checks = input
        .variants
        .iter()
        .filter_map(|v| v.attrs.status.as_ref()?.value.path.as_ref())
        .map(|path| {
            let span = at(path.span());
            quote_spanned!(span=> const _: #krate::StatusCode = #path;)
        })
        .collect();
    let codes = Codes {
        items: input.variants.iter().map(|v| gen.item(v)).collect(),
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

    fn status(&self) -> TokenStream {
        let krate = self.krate;
        let status = arms(self.input, |v| {
            if v.is_transparent() {
                return self.forward(v, "status", &TokenStream::new());
            }
            let code = v.attrs.status.as_ref().map_or(500, |s| s.value.code);
            (Vec::new(), quote!(#krate::__private::status(#code)))
        });
        quote! {
            #[inline]
            fn status(&self) -> #krate::StatusCode {
                #status
            }
        }
    }

    fn code(&self) -> TokenStream {
        let code = arms(self.input, |v| {
            if v.is_transparent() {
                return self.forward(v, "code", &TokenStream::new());
            }
            let (code, span) = self.input.code(v);
            let lit = LitStr::new(&code, span);
            (Vec::new(), quote!(#lit))
        });
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
            message_arm(v, krate, self.bounds)
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
        let retryable = arms(self.input, |v| {
            if v.is_transparent() {
                return self.forward(v, "retryable", &TokenStream::new());
            }
            let value = retryable(v);
            (Vec::new(), quote!(#value))
        });
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
            let writes: Vec<TokenStream> = fields
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
                        <#ty as #krate::__private::Detail>::write(#inner, #name, __api_out)?;
                    }
                })
                .collect();
            (
                fields,
                quote!({ #(#writes)* ::core::result::Result::Ok(()) }),
            )
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
        let body = arms(self.input, |v| {
            if v.is_transparent() {
                return self.forward(v, "descriptor", &TokenStream::new());
            }
            let setters = setters(v);
            (
                Vec::new(),
                quote!(const { &#krate::Descriptor::new() #setters }),
            )
        });
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

    /// A variant's member of the code tree: its catalog entry, or its inner type's codes.
    fn item(&self, v: &Variant<'_>) -> TokenStream {
        let krate = self.krate;
        if v.is_transparent() {
            let ty = v.fields.first().map(|f| f.ty);
            return quote!(#krate::Item::Transparent(&<#ty as #krate::ErrorCodes>::CODES));
        }
        let (code, span) = self.input.code(v);
        let code = LitStr::new(&code, span);
        let status = v.attrs.status.as_ref().map_or(500, |s| s.value.code);
        // Only what differs from `Entry::new`'s defaults is set, which keeps the output small.
        let mut setters = TokenStream::new();
        let docs = &v.docs;
        if !docs.summary.is_empty() || !docs.description.is_empty() {
            let (summary, description) = (&docs.summary, &docs.description);
            setters.extend(quote!(.with_docs(#summary, #description)));
        }
        if let Some(help) = &v.attrs.help {
            let help = &help.value;
            setters.extend(quote!(.with_help(#help)));
        }
        let retryable = retryable(v);
        if retryable != status::retryable_by_default(status) {
            setters.extend(quote!(.with_retryable(#retryable)));
        }
        if let Some(secs) = &v.attrs.retry_after {
            let secs = secs.value;
            setters.extend(quote!(.with_retry_after(::core::time::Duration::from_secs(#secs))));
        }
        let descriptor = self.descriptor_setters(v);
        if !descriptor.is_empty() {
            setters.extend(quote!(.with_descriptor(#krate::Descriptor::new() #descriptor)));
        }
        let hidden = status >= 500 && v.attrs.expose.is_none();
        let message = match &v.attrs.message {
            Some(message) => Some(message.value.value()),
            // What the runtime writes: the reason phrase, `Error` for a status without one.
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
        };
        if let Some(message) = message {
            setters.extend(quote!(.with_message(#message)));
        }
        let fields: Vec<TokenStream> = v
            .fields
            .iter()
            .flat_map(|field| {
                let ty = crate::docs::type_text(field.ty);
                let roles = [
                    ("Detail", field.detail_name()),
                    (
                        "RetryAfter",
                        field.attrs.retry_after.as_ref().map(|_| field.name()),
                    ),
                    (
                        "RateLimit",
                        field.attrs.rate_limit.as_ref().map(|_| field.name()),
                    ),
                    (
                        "Violations",
                        field.attrs.violations.as_ref().map(|_| field.name()),
                    ),
                ];
                roles.into_iter().filter_map(move |(role, name)| {
                    let name = name?;
                    let role = Ident::new(role, Span::call_site());
                    Some(quote!(
                        #krate::__private::field(#name, #ty, #krate::catalog::FieldRole::#role)
                    ))
                })
            })
            .collect();
        if !fields.is_empty() {
            setters.extend(quote!(.with_fields(&[#(#fields),*])));
        }
        // Through `__private`: a path ending in `Entry` would make rustc suggest
        // `std::collections::hash_map::Entry` when the crate path does not resolve.
        quote!(#krate::Item::Code(#krate::__private::entry(#code, #status) #setters))
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
) -> (Vec<&'v Field<'a>>, TokenStream) {
    let status = v.attrs.status.as_ref().map(|s| &s.value);
    if let (Some(template), Some(message)) = (&v.template, &v.attrs.message) {
        let span = message.span;
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
                let write = literal(krate, status.reason, Span::call_site());
                (
                    Vec::new(),
                    quote!({ #write ::core::result::Result::Ok(()) }),
                )
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
