//! The derive behind the `apierror` crate: use it through that crate, which
//! re-exports it as `apierror::ApiError` and documents the attributes.
//!
//! Pipeline, one file a step: `attr` parses `#[api(...)]` keeping spans, `docs` reads the doc
//! comments and thiserror's `#[error("...")]` for the catalog, `ast` builds the borrowed model,
//! `valid` checks across attributes, `expand` generates code. Every error of
//! one derive is reported at once, next to a fallback impl so they do not cascade.

mod ast;
mod attr;
mod case;
mod docs;
mod expand;
mod status;
mod template;
mod valid;

#[cfg(test)]
mod snapshot;

use proc_macro::TokenStream;

/// Derives `apierror::ApiError`; see the `apierror` crate for the attributes.
#[proc_macro_derive(ApiError, attributes(api))]
pub fn derive_api_error(input: TokenStream) -> TokenStream {
    let input = syn::parse_macro_input!(input as syn::DeriveInput);
    expand::derive(&input).into()
}
