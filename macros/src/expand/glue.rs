//! The framework glue: the `__private::UsesEnvelope` impl, which names the envelope, and the
//! `__private::glue!` call, which the runtime expands into the impls of the enabled framework
//! features (axum's `IntoResponse`, actix-web's `ResponseError`, utoipa's `IntoResponses`).

use proc_macro2::TokenStream;
use quote::quote;
use syn::{Generics, Ident, Path};

/// `UsesEnvelope` and the `glue!` call, for `ident` with `generics` (its bounds included).
pub(super) fn expand(
    krate: &Path,
    ident: &Ident,
    generics: &Generics,
    envelope: &TokenStream,
    negotiate: bool,
    server_fn: Option<&TokenStream>,
) -> TokenStream {
    let (impl_generics, ty_generics, _) = generics.split_for_impl();
    let where_clause = where_clause(generics);
    let header = header(ident, generics);
    let negotiate = negotiate.then(|| {
        quote!(
            const NEGOTIATE: bool = true;
        )
    });
    quote! {
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
        #krate::__private::glue!(#header #server_fn);
    }
}

/// `server_fn [Self::Variant] [member]` for the glue call: the `#[api(server_fn)]` variant that
/// `FromServerFnError` builds, the member spanned at its field's type, which must be
/// `apierror::server_fn::Failure` (a mismatch is reported there). `None` without the key.
pub(super) fn server_fn(input: &crate::ast::Input<'_>) -> Option<TokenStream> {
    let variant = input
        .variants
        .iter()
        .find(|v| v.attrs.server_fn.is_some())?;
    let [field] = variant.fields.as_slice() else {
        return None;
    };
    let span = syn::spanned::Spanned::span(field.ty);
    let member = match &field.member {
        syn::Member::Named(ident) => {
            let mut ident = ident.clone();
            ident.set_span(span);
            syn::Member::Named(ident)
        }
        syn::Member::Unnamed(index) => syn::Member::Unnamed(syn::Index {
            index: index.index,
            span,
        }),
    };
    let path = if input.is_enum {
        let ident = variant.ident;
        quote!(Self::#ident)
    } else {
        quote!(Self)
    };
    Some(quote!(server_fn [#path] [#member]))
}

/// Always `where`, each predicate followed by a comma, so the glue macros can append their own.
pub(super) fn where_clause(generics: &Generics) -> TokenStream {
    let predicates = generics
        .where_clause
        .iter()
        .flat_map(|w| w.predicates.iter());
    quote!(where #(#predicates,)*)
}

/// What the runtime's glue macros read first: `[impl generics] [type] [where clause]`.
pub(super) fn header(ident: &Ident, generics: &Generics) -> TokenStream {
    let (impl_generics, ty_generics, _) = generics.split_for_impl();
    let where_clause = where_clause(generics);
    quote!([#impl_generics] [#ident #ty_generics] [#where_clause])
}
