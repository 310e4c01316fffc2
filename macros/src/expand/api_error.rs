//! The methods of the `ApiError` impl, one function each. A method whose every arm would return
//! the trait's default is left out, which keeps the expansion small. Those that a variant's
//! entry decides (`status`, `code`, `retryable`, `descriptor`) read `__API` (see `catalog.rs`);
//! `message` is in `message.rs`.

use proc_macro2::{Span, TokenStream};
use quote::{quote, quote_spanned};
use syn::spanned::Spanned as _;
use syn::Ident;

use super::arms::{arms, at, binding_at, forward, pattern};
use super::bounds::{Bound, FieldReader};
use super::catalog::descriptor_setters;
use super::message::{self, LiteralTable};
use super::Gen;
use crate::ast::{Field, Variant};
use crate::attr::RateLimitHeaders;

/// Every method of the impl, in a fixed order (the expansion snapshots show it).
pub(super) fn methods(gen: &Gen<'_, '_>, literals: &LiteralTable) -> TokenStream {
    let krate = gen.krate;
    let mut methods = api(gen);
    methods.extend(status(gen));
    methods.extend(code(gen));
    methods.extend(message::method(gen, literals));
    methods.extend(retryable(gen));
    methods.extend(retry_after(gen));
    methods.extend(details(gen));
    methods.extend(descriptor(gen));
    methods.extend(field_method(
        gen,
        "rate_limit",
        |f| f.attrs.rate_limit.is_some(),
        FieldReader::RateLimit,
        &quote!(::core::option::Option<#krate::RateLimit>),
        &quote!(::core::option::Option::None),
    ));
    methods.extend(field_method(
        gen,
        "violations",
        |f| f.attrs.violations.is_some(),
        FieldReader::Violations,
        &quote!(&[#krate::Violation]),
        &quote!(&[]),
    ));
    methods
}

/// Each `status = StatusCode::X`, named once, so the compiler checks that the path exists and
/// is a `StatusCode` (and counts the user's import as used).
pub(super) fn status_paths(gen: &Gen<'_, '_>) -> TokenStream {
    let krate = gen.krate;
    gen.input
        .variants
        .iter()
        .filter_map(|v| v.attrs.status.as_ref()?.value.path.as_ref())
        .map(|path| {
            let span = at(path.span());
            quote_spanned!(span=> const _: #krate::StatusCode = #path;)
        })
        .collect()
}

/// A method whose value, for a variant that is not transparent, is read from its entry in
/// the type's `__API` table (`read` gets the entry's index); transparent variants
/// forward to their inner type.
fn by_entry(
    gen: &Gen<'_, '_>,
    method: &str,
    read: impl Fn(&TokenStream) -> TokenStream,
) -> TokenStream {
    let entry = if gen.input.is_enum {
        quote!(__api_index(self))
    } else {
        quote!(0)
    };
    let read = read(&entry);
    if gen.input.variants.is_empty() {
        return quote!(match *self {});
    }
    if !gen.input.any_transparent() {
        return read;
    }
    let mut out: Vec<TokenStream> = gen
        .input
        .variants
        .iter()
        .filter(|v| v.is_transparent())
        .map(|v| {
            let (bound, body) = forward(gen, v, method, &TokenStream::new());
            let pat = pattern(gen.input, v, &bound);
            quote!(#pat => #body,)
        })
        .collect();
    let own: Vec<&Variant<'_>> = gen.input.own().collect();
    match own.as_slice() {
        [] => {}
        // No wildcard that stands for a single variant.
        [v] => {
            let pat = pattern(gen.input, v, &[]);
            out.push(quote!(#pat => #read,));
        }
        _ => out.push(quote!(_ => #read,)),
    }
    quote!(match self { #(#out)* })
}

fn status(gen: &Gen<'_, '_>) -> TokenStream {
    let krate = gen.krate;
    let status = by_entry(
        gen,
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

fn code(gen: &Gen<'_, '_>) -> TokenStream {
    let code = by_entry(gen, "code", |e| quote!(__API.codes[#e]));
    quote! {
        #[inline]
        fn code(&self) -> &'static str {
            #code
        }
    }
}

fn retryable(gen: &Gen<'_, '_>) -> TokenStream {
    if !gen.input.any_transparent()
        && gen
            .input
            .variants
            .iter()
            .all(|v| v.attrs.retryable.is_none())
    {
        return TokenStream::new();
    }
    let krate = gen.krate;
    let retryable = by_entry(
        gen,
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

fn retry_after(gen: &Gen<'_, '_>) -> TokenStream {
    let has_retry = |v: &Variant<'_>| {
        v.attrs.retry_after.is_some() || v.fields.iter().any(|f| f.attrs.retry_after.is_some())
    };
    if !gen.input.any_transparent() && !gen.input.variants.iter().any(has_retry) {
        return TokenStream::new();
    }
    let krate = gen.krate;
    let retry_after = arms(gen.input, |v| {
        if v.is_transparent() {
            return forward(gen, v, "retry_after", &TokenStream::new());
        }
        if let Some(secs) = &v.attrs.retry_after {
            let secs = secs.value;
            let some =
                quote!(::core::option::Option::Some(::core::time::Duration::from_secs(#secs)));
            return (Vec::new(), some);
        }
        if let Some(field) = v.fields.iter().find(|f| f.attrs.retry_after.is_some()) {
            let ty = field.ty;
            gen.bounds
                .add(ty, Bound::FieldReader(FieldReader::RetryAfter));
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

fn details(gen: &Gen<'_, '_>) -> TokenStream {
    let has_details = |v: &Variant<'_>| v.fields.iter().any(|f| f.attrs.detail.is_some());
    if !gen.input.any_transparent() && !gen.input.variants.iter().any(has_details) {
        return TokenStream::new();
    }
    let krate = gen.krate;
    let details = arms(gen.input, |v| {
        if v.is_transparent() {
            return forward(gen, v, "details", &quote!(, __api_out));
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
                gen.bounds.add(ty, Bound::Serialize);
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

/// `descriptor`: one constant per variant from `type`, `type_base`, `title`, `grpc` and `log`
/// (forwarded by transparent variants); left out when no variant sets any of them.
fn descriptor(gen: &Gen<'_, '_>) -> TokenStream {
    let krate = gen.krate;
    let setters = |v: &Variant<'_>| descriptor_setters(gen, v);
    let any = gen
        .input
        .variants
        .iter()
        .any(|v| !v.is_transparent() && !setters(v).is_empty());
    if !any && !gen.input.any_transparent() {
        return TokenStream::new();
    }
    let body = by_entry(
        gen,
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

/// A method that reads one marked field through a `__private` trait (`rate_limit`,
/// `violations`), forwarded by transparent variants and left out when no variant needs it.
fn field_method(
    gen: &Gen<'_, '_>,
    method: &str,
    marked: fn(&Field<'_>) -> bool,
    reader: FieldReader,
    ret: &TokenStream,
    none: &TokenStream,
) -> TokenStream {
    if !gen.input.any_transparent()
        && !gen
            .input
            .variants
            .iter()
            .any(|v| v.fields.iter().any(marked))
    {
        return TokenStream::new();
    }
    let krate = gen.krate;
    let body = arms(gen.input, |v| {
        if v.is_transparent() {
            return forward(gen, v, method, &TokenStream::new());
        }
        let Some(field) = v.fields.iter().find(|f| marked(f)) else {
            return (Vec::new(), none.clone());
        };
        let ty = field.ty;
        let field_trait = Ident::new(reader.trait_name(), Span::call_site());
        gen.bounds.add(ty, Bound::FieldReader(reader));
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

/// `API`: the container's `domain`, `version`, `rate_limit_headers` and `log`; the domain and
/// version default to the package's name and version when cargo provides them
/// (`option_env!`: a build without cargo, such as Bazel's or plain rustc's, has neither).
fn api(gen: &Gen<'_, '_>) -> TokenStream {
    let krate = gen.krate;
    let attrs = &gen.input.attrs;
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
            RateLimitHeaders::XRateLimit => quote!(XRateLimit),
            RateLimitHeaders::Ietf => quote!(Ietf),
            RateLimitHeaders::Both => quote!(Both),
        };
        quote!(.with_rate_limit_headers(#krate::RateLimitHeaders::#variant))
    });
    let log = attrs.log.as_ref().map(|level| {
        let variant = Ident::new(level.value.variant(), Span::call_site());
        quote!(.with_log(#krate::LogLevel::#variant))
    });
    quote! {
        const API: #krate::Api = #krate::__private::api(#domain, #version) #headers #log;
    }
}
