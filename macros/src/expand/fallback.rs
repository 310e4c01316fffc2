//! After an error: the errors, and an impl that keeps the rest of the crate compiling, so the
//! user sees the mistake rather than a cascade (as thiserror-impl's `fallback.rs`).

use proc_macro2::TokenStream;
use quote::quote;
use syn::DeriveInput;

use super::catalog::CodeTree;
use super::{envelope, krate, wrap, Parts};
use crate::ast::Input;

/// The errors, then an `ApiError` impl answering 500 `INTERNAL_ERROR`, with the envelope and
/// runtime path of the input when it was read far enough to know them.
pub(super) fn expand(
    input: &DeriveInput,
    parsed: Option<&Input<'_>>,
    errors: &[syn::Error],
) -> TokenStream {
    let krate = krate(parsed);
    let envelope = envelope(parsed, &krate);
    let errors = errors.iter().map(syn::Error::to_compile_error);
    let methods = quote! {
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
            methods: &methods,
            codes: &CodeTree::default(),
            support: &TokenStream::new(),
            decode: &TokenStream::new(),
            server_fn: None,
        },
    );
    quote! {
        #(#errors)*
        #imp
    }
}
