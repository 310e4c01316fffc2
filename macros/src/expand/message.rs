//! The `message` method of the `ApiError` impl: a `message` template written piece by piece,
//! a 5xx's reason phrase, or the type's `Display`; and `__API_TEXT`, the table of the literal
//! pieces the arms write.

use std::cell::RefCell;
use std::collections::HashMap;

use proc_macro2::{Literal, Span, TokenStream};
use quote::{quote, quote_spanned};
use syn::{LitStr, Path};

use super::arms::{arms, at, binding_at, forward, Arm};
use super::bounds::Bound;
use super::Gen;
use crate::ast::{Field, Variant};
use crate::template::{Piece, Trait};

/// `fn message`: one arm per variant, the literal pieces collected in `literals`.
pub(super) fn method(gen: &Gen<'_, '_>, literals: &LiteralTable) -> TokenStream {
    let krate = gen.krate;
    let message = arms(gen.input, |v| {
        if v.is_transparent() {
            return forward(gen, v, "message", &quote!(, __api_out));
        }
        arm(gen, v, literals)
    });
    quote! {
        fn message(&self, __api_out: &mut #krate::Message<'_>) -> ::core::fmt::Result {
            #message
        }
    }
}

/// The arm of a variant that is not transparent.
fn arm<'v, 'a>(gen: &Gen<'_, '_>, v: &'v Variant<'a>, literals: &LiteralTable) -> Arm<'v, 'a> {
    let (krate, bounds) = (gen.krate, gen.bounds);
    let status = v.attrs.status.as_ref().map(|s| &s.value);
    if let (Some(template), Some(message)) = (&v.template, &v.attrs.message) {
        let span = message.span;
        if let Some(arm) = template_arm(gen, v, template, span, literals) {
            return arm;
        }
        let mut fields: Vec<&Field<'_>> = Vec::new();
        let mut writes = Vec::new();
        for piece in template {
            match piece {
                Piece::Literal(text) => writes.push(literal(krate, text, span)),
                Piece::Arg { field, spec, bound } => {
                    let Some(field) = v.field(field) else {
                        continue;
                    };
                    if !fields.iter().any(|f| f.member == field.member) {
                        fields.push(field);
                    }
                    // Located at the message, where a field that cannot be formatted is reported.
                    let span = at(span);
                    let inner = binding_at(field, span);
                    let ty = field.ty;
                    bounds.add(ty, Bound::Fmt(*bound));
                    let format = if spec.is_empty() {
                        LitStr::new("{}", span)
                    } else {
                        LitStr::new(&format!("{{:{spec}}}"), span)
                    };
                    writes.push(quote_spanned! {span=>
                        ::core::fmt::Write::write_fmt(__api_out, ::core::format_args!(#format, #inner))?;
                    });
                }
            }
        }
        return (
            fields,
            quote!({ #(#writes)* ::core::result::Result::Ok(()) }),
        );
    }
    match status {
        // `status_code()` is this status's code: `hides_display` reads the same attribute.
        Some(status) if v.hides_display() => {
            if status.reason.is_empty() {
                let code = status.code;
                (
                    Vec::new(),
                    quote!(#krate::Message::write_reason(__api_out, #krate::__private::status(#code))),
                )
            } else {
                let start = literals.add(vec![status.reason.to_owned()]);
                (Vec::new(), write_template(krate, &start, &[]))
            }
        }
        _ => {
            bounds.add_self_display();
            // Located at the variant, whose missing `message` is what needs the `Display`.
            let span = at(v.ident.span());
            let call = quote_spanned! {span=>
                <Self as #krate::__private::DisplayMessage>::write_display_message(self, __api_out)
            };
            (Vec::new(), call)
        }
    }
}

/// The arm of a template whose every placeholder is a plain `{field}` (`Display`, no spec): one
/// call of a runtime function, with the text around the fields in the type's `__API_TEXT`
/// table, instead of a `write_fmt` and a `const` per piece. `None` for other templates.
fn template_arm<'v, 'a>(
    gen: &Gen<'_, '_>,
    v: &'v Variant<'a>,
    template: &[Piece],
    span: Span,
    literals: &LiteralTable,
) -> Option<Arm<'v, 'a>> {
    let krate = gen.krate;
    let mut fields: Vec<&Field<'_>> = Vec::new();
    let mut pieces = vec![String::new()];
    let mut args = Vec::new();
    for piece in template {
        match piece {
            Piece::Literal(t) => pieces.last_mut()?.push_str(t),
            Piece::Arg { field, spec, bound } => {
                if !spec.is_empty() || *bound != Trait::Display {
                    return None;
                }
                let field = v.field(field)?;
                if !fields.iter().any(|f| f.member == field.member) {
                    fields.push(field);
                }
                gen.bounds.add(field.ty, Bound::Fmt(Trait::Display));
                // Located at the message, where a field that cannot be formatted is reported.
                let span = at(span);
                let binding = binding_at(field, span);
                // A string type's text is copied as it is, anything else goes through `Display`.
                args.push(quote_spanned! {span=>
                    (&&#krate::__private::ArgProbe(#binding)).__api_arg()
                });
                pieces.push(String::new());
            }
        }
    }
    let start = literals.add(pieces);
    Some((fields, write_template(krate, &start, &args)))
}

/// The call that writes the template at `start` of `__API_TEXT` with `args`; a template of one
/// piece is that literal, written directly.
fn write_template(krate: &Path, start: &Literal, args: &[TokenStream]) -> TokenStream {
    if args.is_empty() {
        return quote!(#krate::__private::write_literal(__api_out, __API_TEXT[#start]));
    }
    quote!({
        use #krate::__private::{ArgDisplay as _, ArgIsStr as _};
        #krate::__private::write_template(__api_out, __API_TEXT, #start, &[#(#args),*])
    })
}

/// The literal pieces of a type's templates, in one `const` table (`__API_TEXT`, of
/// `__private::Literal`) that the message arms index: a template of `n` fields is `n + 1`
/// pieces from its start. Equal templates share their pieces (so their arms can merge). Arms
/// add through `&self`, from the closures `arms` calls, hence the `RefCell`s.
#[derive(Default)]
pub(super) struct LiteralTable {
    pieces: RefCell<Vec<String>>,
    starts: RefCell<HashMap<Vec<String>, usize>>,
}

impl LiteralTable {
    /// The start of `pieces` in the table, as an unsuffixed literal.
    fn add(&self, pieces: Vec<String>) -> Literal {
        let mut table = self.pieces.borrow_mut();
        let start = *self
            .starts
            .borrow_mut()
            .entry(pieces)
            .or_insert_with_key(|pieces| {
                let start = table.len();
                table.extend(pieces.iter().cloned());
                start
            });
        Literal::usize_unsuffixed(start)
    }

    /// The `__API_TEXT` constant, when some arm uses it.
    pub(super) fn constant(&self, krate: &Path) -> TokenStream {
        let pieces = self.pieces.borrow();
        if pieces.is_empty() {
            return TokenStream::new();
        }
        let pieces = pieces.iter();
        quote! {
            const __API_TEXT: &[#krate::__private::Literal] = &[
                #(#krate::__private::Literal::new(#pieces)),*
            ];
        }
    }
}

/// A literal piece: an inline `const` whose JSON escaping is decided at compile time.
fn literal(krate: &Path, text: &str, span: Span) -> TokenStream {
    let lit = LitStr::new(text, span);
    quote! {
        #krate::__private::write_literal(
            __api_out,
            const { #krate::__private::Literal::new(#lit) },
        )?;
    }
}
