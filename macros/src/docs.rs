//! What the catalog reads besides `#[api(...)]`: doc comments, thiserror's `#[error("...")]`
//! template, and field types as text.

use proc_macro2::TokenTree;
use quote::ToTokens;
use syn::{Attribute, Expr, ExprLit, Lit, LitStr, Meta};

/// A doc comment split as rustdoc shows it: the first paragraph, and the rest.
#[derive(Default)]
pub(crate) struct Docs {
    /// The first paragraph, its lines joined by spaces.
    pub summary: String,
    /// The paragraphs after the first, as written (unindented).
    pub description: String,
}

/// The doc comment of an item as written: every `#[doc = "..."]` line, with the indentation
/// they share removed (as rustdoc does) and the blank lines around it trimmed. A `#[doc]`
/// that is not a string literal (`include_str!`) is not read.
pub(crate) fn text(attrs: &[Attribute]) -> String {
    let lines: Vec<String> = attrs
        .iter()
        .filter(|attr| attr.path().is_ident("doc"))
        .filter_map(|attr| match &attr.meta {
            Meta::NameValue(nv) => match &nv.value {
                Expr::Lit(ExprLit {
                    lit: Lit::Str(lit), ..
                }) => Some(lit.value()),
                _ => None,
            },
            _ => None,
        })
        .flat_map(|doc| doc.split('\n').map(str::to_owned).collect::<Vec<_>>())
        .collect();
    let indent = lines
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    let unindented: Vec<&str> = lines
        .iter()
        .map(|l| l.get(indent..).unwrap_or("").trim_end())
        .collect();
    unindented.join("\n").trim_matches('\n').to_owned()
}

/// The doc comment as a summary and a description.
pub(crate) fn split(attrs: &[Attribute]) -> Docs {
    let text = text(attrs);
    let (first, rest) = text.split_once("\n\n").unwrap_or((&text, ""));
    Docs {
        summary: first.lines().map(str::trim).collect::<Vec<_>>().join(" "),
        description: rest.trim_matches('\n').to_owned(),
    }
}

/// The template of thiserror's `#[error("...")]`, as written, when the item has one (not for
/// `#[error(transparent)]`).
pub(crate) fn display_template(attrs: &[Attribute]) -> Option<String> {
    let attr = attrs.iter().find(|attr| attr.path().is_ident("error"))?;
    let Meta::List(list) = &attr.meta else {
        return None;
    };
    let first = list.tokens.clone().into_iter().next()?;
    match first {
        TokenTree::Literal(_) => syn::parse2::<LitStr>(first.into_token_stream())
            .ok()
            .map(|lit| lit.value()),
        _ => None,
    }
}

/// A type as it would be written: `Option<Vec<u8>>`, `&'static str`, `[u8; 4]`.
pub(crate) fn type_text(ty: &syn::Type) -> String {
    let spaced = ty.to_token_stream().to_string();
    let chars: Vec<char> = spaced.chars().collect();
    let word = |c: char| c.is_alphanumeric() || c == '_';
    let mut out = String::with_capacity(spaced.len());
    for (i, &c) in chars.iter().enumerate() {
        if c == ' ' {
            let prev = out.chars().last().unwrap_or(' ');
            let next = chars.get(i + 1).copied().unwrap_or(' ');
            let keep = (word(prev) && (word(next) || next == '\''))
                || matches!(prev, ',' | ';' | '+' | '=')
                || matches!(next, '+' | '=');
            if !keep {
                continue;
            }
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attrs(tokens: &proc_macro2::TokenStream) -> Vec<Attribute> {
        let item: syn::ItemStruct = syn::parse2(quote::quote!(#tokens struct S;)).unwrap();
        item.attrs
    }

    #[test]
    fn the_first_paragraph_is_the_summary() {
        let docs = split(&attrs(&quote::quote! {
            /// The user does not exist
            /// (or was deleted).
            ///
            /// Ids are never reused:
            ///
            ///     retrying will not help.
            #[error("x")]
        }));
        assert_eq!(docs.summary, "The user does not exist (or was deleted).");
        assert_eq!(
            docs.description,
            "Ids are never reused:\n\n    retrying will not help."
        );
    }

    #[test]
    fn no_docs_no_text() {
        let docs = split(&attrs(&quote::quote!(#[error("x")])));
        assert!(docs.summary.is_empty() && docs.description.is_empty());
    }

    #[test]
    fn thiserror_templates_are_read_as_written() {
        assert_eq!(
            display_template(&attrs(&quote::quote!(#[error("user {id:?} not found")]))),
            Some("user {id:?} not found".to_owned())
        );
        assert_eq!(
            display_template(&attrs(&quote::quote!(#[error(transparent)]))),
            None
        );
        assert_eq!(display_template(&attrs(&quote::quote!(#[doc = "x"]))), None);
    }

    #[test]
    fn types_read_as_written() {
        for written in [
            "u64",
            "Option<Vec<String>>",
            "&'static str",
            "[u8; 4]",
            "std::collections::HashMap<String, u64>",
            "Box<dyn std::error::Error + Send>",
        ] {
            let ty: syn::Type = syn::parse_str(written).unwrap();
            assert_eq!(type_text(&ty), written);
        }
    }
}
