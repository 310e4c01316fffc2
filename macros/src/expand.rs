//! Code generation, one file per generated item: the `ApiError` methods (`api_error.rs`, with
//! `message.rs`), the catalog table and code tree (`catalog.rs`), the client decoding
//! (`decode.rs`), the framework glue (`glue.rs`), the fallback after an error (`fallback.rs`);
//! shared by them, the `match` arms (`arms.rs`) and the inferred bounds (`bounds.rs`). This
//! file only runs the steps and wraps their output. Every path is absolute, through the
//! runtime's path (`::apierror` unless `#[api(crate = ...)]`), and every local is named
//! `__api_*`.

mod api_error;
mod arms;
mod bounds;
mod catalog;
mod decode;
mod fallback;
mod glue;
mod message;

use proc_macro2::TokenStream;
use quote::{quote, ToTokens};
use syn::{DeriveInput, Generics, Path};

use self::bounds::Bounds;
use self::catalog::CodeTree;
use self::message::LiteralTable;
use crate::ast::Input;
use crate::ctxt::Ctxt;

/// Parse, check, generate: the impls, or the errors next to a fallback impl.
pub(crate) fn derive(input: &DeriveInput) -> TokenStream {
    let cx = Ctxt::new();
    let parsed = Input::from_syn(&cx, input);
    if let Some(parsed) = &parsed {
        parsed.validate(&cx);
    }
    let errors = cx.check();
    match parsed {
        Some(parsed) if errors.is_empty() => impl_api_error(&parsed),
        parsed => fallback::expand(input, parsed.as_ref(), &errors),
    }
}

/// What every generator reads: the model, the runtime's path, and the bounds they add to.
struct Gen<'g, 'a> {
    input: &'g Input<'a>,
    krate: &'g Path,
    bounds: &'g Bounds<'g>,
}

/// The runtime's path: `crate = ...`, else `::apierror`.
fn krate(input: Option<&Input<'_>>) -> Path {
    input
        .and_then(|i| i.attrs.krate.as_ref())
        .map_or_else(|| syn::parse_quote!(::apierror), |k| k.value.clone())
}

/// The envelope type: `envelope = ...`, else `envelope::ErrorObject`.
fn envelope(input: Option<&Input<'_>>, krate: &Path) -> TokenStream {
    input.and_then(|i| i.attrs.envelope.as_ref()).map_or_else(
        || quote!(#krate::envelope::ErrorObject),
        |e| e.value.to_token_stream(),
    )
}

fn impl_api_error(input: &Input<'_>) -> TokenStream {
    let krate = krate(Some(input));
    let envelope = envelope(Some(input), &krate);
    let bounds = Bounds::new(input.original, &krate);
    let literals = LiteralTable::default();
    let gen = Gen {
        input,
        krate: &krate,
        bounds: &bounds,
    };
    let methods = api_error::methods(&gen, &literals);
    let mut support = api_error::status_paths(&gen);
    support.extend(literals.constant(&krate));
    let (entries, fields) = catalog::entries(&gen);
    support.extend(entries);
    let codes = CodeTree::new(&gen, fields);
    let decode = decode::body(&gen);
    let server_fn = glue::server_fn(input, &krate);
    if let Some((_, check)) = &server_fn {
        support.extend(check.clone());
    }
    let server_fn = server_fn.map(|(call, _)| call);
    let generics = bounds.into_generics();
    wrap(
        input.original,
        &krate,
        &generics,
        &Parts {
            envelope: &envelope,
            negotiate: input.attrs.negotiate.is_some(),
            methods: &methods,
            codes: &codes,
            support: &support,
            decode: &decode,
            server_fn: server_fn.as_ref(),
        },
    )
}

/// What goes inside the `const _` block.
struct Parts<'p> {
    envelope: &'p TokenStream,
    negotiate: bool,
    /// The methods of the `ApiError` impl.
    methods: &'p TokenStream,
    codes: &'p CodeTree,
    /// What the impls need beside them: the tables the methods read (`__API`, `__API_TEXT`,
    /// `__api_index`) and the items that only make the compiler check a path.
    support: &'p TokenStream,
    /// The body of `client::Decode` (empty: no impl).
    decode: &'p TokenStream,
    /// The `#[api(server_fn)]` variant, for the glue call (`None`: no such variant).
    server_fn: Option<&'p TokenStream>,
}

/// Wraps the impls in `const _: () = { ... };` with the lint allowances generated code needs.
fn wrap(input: &DeriveInput, krate: &Path, generics: &Generics, parts: &Parts<'_>) -> TokenStream {
    let Parts {
        envelope,
        negotiate,
        methods,
        codes,
        support,
        decode,
        server_fn,
    } = *parts;
    let ident = &input.ident;
    let (impl_generics, ty_generics, _) = generics.split_for_impl();
    let where_clause = glue::where_clause(generics);
    let glue = glue::expand(krate, ident, generics, envelope, negotiate, server_fn);
    let code_impls = catalog::impls(input, krate, generics, codes);
    let decode = (!decode.is_empty())
        .then(|| decode::glue(krate, &glue::header(ident, generics), &codes.inner, decode));
    quote! {
        // `deprecated`: matching a deprecated variant is not a use of it.
        // `unused_qualifications`: absolute paths are hygiene, not noise.
        #[allow(deprecated, unused_qualifications)]
        const _: () = {
            #[automatically_derived]
            impl #impl_generics #krate::ApiError for #ident #ty_generics #where_clause {
                #methods
            }
            #glue
            #code_impls
            #decode
            #support
        };
    }
}
