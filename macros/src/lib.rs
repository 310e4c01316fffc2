//! The derive behind the `apierror` crate: use it through that crate, which
//! re-exports it as `apierror::ApiError` and documents the attributes.
//!
//! Pipeline, one way, one step a file (as `thiserror-impl` and `serde_derive`):
//!
//! 1. `ast`: `Input::from_syn` builds the borrowed model, reading `#[api(...)]` through `attr`
//!    (keys from `symbol`, values kept with their spans), doc comments and thiserror's
//!    `#[error("...")]` through `docs`, message templates through `template`; the model also
//!    answers what follows from the attributes (a variant's code, status, retryability).
//! 2. `valid`: `Input::validate` checks what no single attribute can know, and only checks.
//! 3. `expand`: generates the impls, one file per generated item (see its module doc).
//!
//! Every error of one derive is collected in a `ctxt::Ctxt` and reported at once, next to a
//! fallback impl so that they do not cascade. `case`, `status` and `suggest` are the tables and
//! helpers the steps share (code cases, `StatusCode` names, did-you-mean).

mod ast;
mod attr;
mod case;
mod ctxt;
mod docs;
mod expand;
mod status;
mod suggest;
mod symbol;
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
