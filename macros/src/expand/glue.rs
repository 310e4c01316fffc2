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

/// For a type with an `#[api(server_fn)]` variant: `server_fn [Self::Variant] [member]
/// [__api_failure_field]` for the glue call, and beside it the function `__api_failure_field`,
/// which returns a `Failure` as the field's type: a field of another type is reported there, at
/// the field's type (the glue's own expansion, in another crate, would point at the derive).
/// `None` without the key.
pub(super) fn server_fn(
    input: &crate::ast::Input<'_>,
    krate: &Path,
) -> Option<(TokenStream, TokenStream)> {
    let variant = input
        .variants
        .iter()
        .find(|v| v.attrs.server_fn.is_some())?;
    let [field] = variant.fields.as_slice() else {
        return None;
    };
    let ty = field.ty;
    let span = syn::spanned::Spanned::span(ty);
    let member = &field.member;
    let path = if input.is_enum {
        let ident = variant.ident;
        quote!(Self::#ident)
    } else {
        quote!(Self)
    };
    let value = quote::quote_spanned!(span=> __api_failure);
    let check = quote! {
        #[inline]
        fn __api_failure_field(__api_failure: #krate::server_fn::Failure) -> #ty {
            #value
        }
    };
    Some((
        quote!(server_fn [#path] [#member] [__api_failure_field]),
        check,
    ))
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
