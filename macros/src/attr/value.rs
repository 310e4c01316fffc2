//! The values of `#[api(...)]` keys: literals, paths and statuses, each reported at the token
//! to change, with an example of what to write.

use std::fmt::Display;

use proc_macro2::{Span, TokenStream, TokenTree};
use quote::ToTokens;
use syn::meta::ParseNestedMeta;
use syn::spanned::Spanned as _;
use syn::{Expr, ExprLit, Lit, LitStr, Path, Token};

use super::Status;
use crate::ctxt::Ctxt;
use crate::status;
use crate::suggest::closest;
use crate::symbol::{Symbol, CRATE, STATUS};

/// What to write instead, shown in an error: a key and an example of its value.
#[derive(Clone, Copy)]
pub(super) struct Example(pub Symbol, pub &'static str);

impl Display for Example {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(formatter, "{} = {}", self.0, self.1)
    }
}

/// Skips whatever follows a key we do not understand, so parsing goes on with the next key.
pub(super) fn skip(meta: &ParseNestedMeta<'_>) {
    let _ = meta.input.step(|cursor| {
        let mut rest = *cursor;
        while let Some((tt, next)) = rest.token_tree() {
            if let TokenTree::Punct(p) = &tt {
                if p.as_char() == ',' {
                    break;
                }
            }
            rest = next;
        }
        Ok(((), rest))
    });
}

/// Reads `= <expr>`, reporting a missing `=` at the key.
pub(super) fn expr(cx: &Ctxt, meta: &ParseNestedMeta<'_>, key: Symbol) -> Option<Expr> {
    if !meta.input.peek(Token![=]) {
        cx.spanned(
            &meta.path,
            format_args!("`{key}` needs a value: write `{key} = ...`"),
        );
        skip(meta);
        return None;
    }
    match meta
        .value()
        .and_then(syn::parse::ParseBuffer::parse::<Expr>)
    {
        Ok(expr) => Some(expr),
        Err(error) => {
            cx.syn_error(error);
            skip(meta);
            None
        }
    }
}

/// A key without a value; reports (and skips) `= ...` after it. The key still counts as
/// given, since what the user meant is clear.
pub(super) fn flag(cx: &Ctxt, meta: &ParseNestedMeta<'_>, message: impl Display) {
    if meta.input.peek(Token![=]) || !meta.input.is_empty() && !meta.input.peek(Token![,]) {
        let tokens: TokenStream = {
            let mut tokens = TokenStream::new();
            let _ = meta.input.step(|cursor| {
                let mut rest = *cursor;
                while let Some((tt, next)) = rest.token_tree() {
                    if let TokenTree::Punct(p) = &tt {
                        if p.as_char() == ',' {
                            break;
                        }
                    }
                    tokens.extend([tt]);
                    rest = next;
                }
                Ok(((), rest))
            });
            tokens
        };
        cx.spanned(tokens, message);
    }
}

fn unparen(expr: &Expr) -> &Expr {
    match expr {
        Expr::Paren(p) => unparen(&p.expr),
        Expr::Group(g) => unparen(&g.expr),
        other => other,
    }
}

pub(super) fn str_value(cx: &Ctxt, expr: &Expr, example: Example) -> Option<LitStr> {
    if let Expr::Lit(ExprLit {
        lit: Lit::Str(lit), ..
    }) = unparen(expr)
    {
        return Some(lit.clone());
    }
    cx.spanned(
        expr,
        format_args!("expected a string literal, as `{example}`"),
    );
    None
}

pub(super) fn bool_value(cx: &Ctxt, expr: &Expr, example: Example) -> Option<(bool, Span)> {
    if let Expr::Lit(ExprLit {
        lit: Lit::Bool(lit),
        ..
    }) = unparen(expr)
    {
        return Some((lit.value, lit.span()));
    }
    cx.spanned(
        expr,
        format_args!("expected `true` or `false`, as `{example}`"),
    );
    None
}

pub(super) fn u64_value(cx: &Ctxt, expr: &Expr, example: Example) -> Option<(u64, Span)> {
    if let Expr::Lit(ExprLit {
        lit: Lit::Int(lit), ..
    }) = unparen(expr)
    {
        match lit.base10_parse::<u64>() {
            Ok(n) => return Some((n, lit.span())),
            Err(error) => {
                cx.syn_error(error);
                return None;
            }
        }
    }
    cx.spanned(
        expr,
        format_args!("expected a whole number of seconds, as `{example}`"),
    );
    None
}

pub(super) fn path_value(cx: &Ctxt, expr: &Expr, example: Example) -> Option<(Path, Span)> {
    match unparen(expr) {
        Expr::Path(p) if p.qself.is_none() => Some((p.path.clone(), p.span())),
        Expr::Lit(ExprLit {
            lit: Lit::Str(lit), ..
        }) => {
            if let Ok(path) = lit.parse::<Path>() {
                Some((path, lit.span()))
            } else {
                cx.spanned(lit, format_args!("expected a path, as `{example}`"));
                None
            }
        }
        other => {
            cx.spanned(other, format_args!("expected a path, as `{example}`"));
            None
        }
    }
}

/// `crate = ::name` or `crate = crate::path`: a path that means the same from every module.
pub(super) fn crate_path(cx: &Ctxt, expr: &Expr) -> Option<(Path, Span)> {
    let (path, span) = path_value(cx, expr, Example(CRATE, "::apierror"))?;
    let first = path.segments.first().map(|s| s.ident.to_string());
    if path.leading_colon.is_some() || first.as_deref() == Some("crate") {
        return Some((path, span));
    }
    let text = path.to_token_stream().to_string().replace(' ', "");
    cx.error(
        span,
        format_args!(
            "`{CRATE}` needs an absolute path, the same from every module: write \
             `{CRATE} = ::{text}` (or `{CRATE} = crate::...` for a re-export in this crate)"
        ),
    );
    None
}

/// `status = 429` or `status = StatusCode::TOO_MANY_REQUESTS` (any path ending in a constant).
pub(super) fn status_value(cx: &Ctxt, expr: &Expr) -> Option<(Status, Span)> {
    match unparen(expr) {
        Expr::Lit(ExprLit {
            lit: Lit::Int(lit), ..
        }) => {
            let Ok(code) = lit.base10_parse::<u16>() else {
                cx.spanned(lit, format_args!("{STATUS} must be a number in 400..=599"));
                return None;
            };
            error_status(cx, lit.span(), code, &code.to_string(), None).map(|s| (s, lit.span()))
        }
        Expr::Path(p) if p.qself.is_none() => {
            let last = p.path.segments.last()?;
            let name = last.ident.to_string();
            let Some((code, _, _)) = status::by_name(&name) else {
                let names: Vec<&str> = status::STATUSES
                    .iter()
                    .filter(|s| (400..=599).contains(&s.0))
                    .map(|s| s.1)
                    .collect();
                let hint = match closest(&name, &names) {
                    Some(near) => format!(": did you mean `{near}`? Write"),
                    None => "; write".to_owned(),
                };
                cx.spanned(
                    &last.ident,
                    format_args!(
                        "`{name}` is not a `StatusCode` constant{hint} a constant such as \
                         `StatusCode::NOT_FOUND`, or the number, as `{STATUS} = 404`"
                    ),
                );
                return None;
            };
            error_status(
                cx,
                // The constant's name is the token to change when the status is wrong.
                last.ident.span(),
                code,
                &format!("StatusCode::{name}"),
                Some(&p.path),
            )
            .map(|s| (s, p.span()))
        }
        other => {
            cx.spanned(
                other,
                format_args!(
                    "expected a status: a number, as `{STATUS} = 404`, or a constant, as \
                     `{STATUS} = StatusCode::NOT_FOUND`"
                ),
            );
            None
        }
    }
}

fn error_status(
    cx: &Ctxt,
    span: Span,
    code: u16,
    written: &str,
    path: Option<&Path>,
) -> Option<Status> {
    if (400..=599).contains(&code) {
        let reason = status::by_code(code).map_or("", |s| s.2);
        return Some(Status {
            code,
            reason,
            path: path.cloned(),
        });
    }
    // A likely slip: a digit too many or too few, or a success status.
    let guess = [code / 10, code * 10, code % 1000]
        .into_iter()
        .find(|c| (400..=599).contains(c) && status::by_code(*c).is_some())
        .and_then(status::by_code);
    let hint = match guess {
        Some((c, name, _)) => format!("; did you mean {c} (`StatusCode::{name}`)?"),
        None => String::new(),
    };
    cx.error(
        span,
        format_args!("{written} is not an error status: `{STATUS}` must be in 400..=599{hint}"),
    );
    None
}
