//! `client::Decode`: rebuilding the error from a response, through the runtime's
//! `__private::client_glue!`, which drops it unread without the runtime's `client` feature.

use proc_macro2::{Literal, TokenStream, TokenTree};
use quote::{quote, ToTokens};
use syn::{LitStr, Path, Type};

use super::Gen;

/// The `client_glue!` call around `body`; `for<'__api> Inner: Decode` for each transparent
/// inner type, checked where the impl is used.
pub(super) fn glue(
    krate: &Path,
    header: &TokenStream,
    inner: &[Type],
    body: &TokenStream,
) -> TokenStream {
    quote! {
        #krate::__private::client_glue!(
            #header
            [#(for<'__api> #inner: #krate::client::Decode,)*]
            { #body }
        );
    }
}

/// The body of `client::Decode`: the response's code picks the variant, whose fields are
/// rebuilt from the wire (a variant with a field that is not, or whose type cannot be
/// rebuilt, does not decode); then each `transparent` variant tries its inner type.
pub(super) fn body(gen: &Gen<'_, '_>) -> TokenStream {
    let krate = gen.krate;
    let mut codes = Vec::new();
    let mut arms = Vec::new();
    let mut inner = Vec::new();
    for v in &gen.input.variants {
        let path = if gen.input.is_enum {
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
                    let (code, _) = gen.input.code(v);
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
        let (code, span) = gen.input.code(v);
        let index = Literal::usize_unsuffixed(codes.len());
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

/// Whether a type names a lifetime or a reference anywhere (`&str`, `Cow<'a, str>`).
fn borrows(tokens: TokenStream) -> bool {
    tokens.into_iter().any(|tt| match tt {
        TokenTree::Punct(p) => p.as_char() == '&' || p.as_char() == '\'',
        TokenTree::Group(group) => borrows(group.stream()),
        _ => false,
    })
}
