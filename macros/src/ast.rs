//! The borrowed model of the input: one `Variant` per error (a struct is one variant), and
//! what follows from the attributes (a variant's code, status, retryability, catalog message),
//! so that the checks and the generators derive each once, the same way.

use proc_macro2::Span;
use syn::ext::IdentExt as _;
use syn::{Data, DeriveInput, Fields, Ident, LitStr, Member, Type};

use crate::attr::{self, ContainerAttrs, FieldAttrs, Place, VariantAttrs};
use crate::case::Case;
use crate::ctxt::Ctxt;
use crate::docs;
use crate::status;
use crate::template::{self, Piece};

pub(crate) struct Input<'a> {
    pub original: &'a DeriveInput,
    pub attrs: ContainerAttrs,
    pub variants: Vec<Variant<'a>>,
    /// An enum's doc comment, as written: the catalog's introduction (a struct's describes its
    /// one variant).
    pub about: String,
    /// A struct is a single error whose patterns are `Self { .. }`.
    pub is_enum: bool,
}

pub(crate) struct Variant<'a> {
    pub ident: &'a Ident,
    pub attrs: VariantAttrs,
    pub fields: Vec<Field<'a>>,
    /// The parsed `message` template, when given and well-formed.
    pub template: Option<Vec<Piece>>,
    /// The doc comment: the catalog's summary and description.
    pub docs: docs::Docs,
    /// thiserror's `#[error("...")]` template, as written.
    pub display: Option<String>,
}

pub(crate) struct Field<'a> {
    pub member: Member,
    pub ty: &'a Type,
    pub attrs: FieldAttrs,
}

impl<'a> Input<'a> {
    pub(crate) fn from_syn(cx: &Ctxt, input: &'a DeriveInput) -> Option<Self> {
        match &input.data {
            Data::Enum(data) => {
                let attrs = attr::parse(cx, &input.attrs, Place::Enum);
                let variants = data
                    .variants
                    .iter()
                    .map(|v| {
                        Variant::from_syn(
                            cx,
                            &v.ident,
                            &v.fields,
                            attr::parse(cx, &v.attrs, Place::Variant).variant,
                            &v.attrs,
                        )
                    })
                    .collect();
                Some(Input {
                    original: input,
                    attrs: attrs.container,
                    variants,
                    about: docs::text(&input.attrs),
                    is_enum: true,
                })
            }
            Data::Struct(data) => {
                let attrs = attr::parse(cx, &input.attrs, Place::Struct);
                let variant =
                    Variant::from_syn(cx, &input.ident, &data.fields, attrs.variant, &input.attrs);
                Some(Input {
                    original: input,
                    attrs: attrs.container,
                    variants: vec![variant],
                    about: String::new(),
                    is_enum: false,
                })
            }
            Data::Union(data) => {
                cx.spanned(
                    data.union_token,
                    "`ApiError` cannot be derived for a union: use an enum (one variant per error) or a struct",
                );
                None
            }
        }
    }
}

impl Input<'_> {
    /// How codes are derived from variant names: `code_case`, else `SCREAMING_SNAKE_CASE`.
    fn case(&self) -> Case {
        self.attrs
            .code_case
            .as_ref()
            .map_or(Case::ScreamingSnake, |c| c.value)
    }

    /// The code of a non-transparent variant and the span that decides it: its `code`, else
    /// its name in the container's case.
    pub(crate) fn code(&self, variant: &Variant<'_>) -> (String, Span) {
        match &variant.attrs.code {
            Some(code) => (code.value.value(), code.span),
            None => (
                self.case().apply(&variant.ident.to_string()),
                variant.ident.span(),
            ),
        }
    }

    /// A variant's problem type: its `type`, else the container's `type_base` joined with its
    /// code in kebab-case (percent-encoded where a code's visible ASCII is not allowed in a
    /// URI's path, such as `{` or `|`), else none.
    pub(crate) fn type_uri(&self, variant: &Variant<'_>) -> Option<LitStr> {
        variant
            .attrs
            .type_uri
            .as_ref()
            .map(|uri| uri.value.clone())
            .or_else(|| {
                let base = self.attrs.type_base.as_ref()?.value.value();
                let (code, span) = self.code(variant);
                Some(LitStr::new(
                    &format!("{base}{}", uri_segment(&Case::Kebab.apply(&code))),
                    span,
                ))
            })
    }

    /// Whether some variant forwards to an inner error.
    pub(crate) fn any_transparent(&self) -> bool {
        self.variants.iter().any(Variant::is_transparent)
    }

    /// The variants that are not transparent: those with an entry of their own.
    pub(crate) fn own(&self) -> impl Iterator<Item = &Variant<'_>> {
        self.variants.iter().filter(|v| !v.is_transparent())
    }
}

impl<'a> Variant<'a> {
    fn from_syn(
        cx: &Ctxt,
        ident: &'a Ident,
        fields: &'a Fields,
        attrs: VariantAttrs,
        raw: &[syn::Attribute],
    ) -> Self {
        let fields = fields
            .iter()
            .enumerate()
            .map(|(i, field)| Field {
                member: field
                    .ident
                    .clone()
                    .map_or_else(|| Member::Unnamed(i.into()), Member::Named),
                ty: &field.ty,
                attrs: attr::parse(cx, &field.attrs, Place::Field).field,
            })
            .collect();
        let template = attrs.message.as_ref().and_then(|message| {
            template::parse(&message.value.value())
                .map_err(|error| cx.error(message.span, error))
                .ok()
        });
        Variant {
            ident,
            attrs,
            fields,
            template,
            docs: docs::split(raw),
            display: docs::display_template(raw),
        }
    }

    /// The field a template names, by name or position.
    pub(crate) fn field(&self, reference: &template::FieldRef) -> Option<&Field<'a>> {
        self.fields.iter().find(|f| match (&f.member, reference) {
            (Member::Named(_), template::FieldRef::Named(name)) => f.name() == *name,
            (Member::Unnamed(index), template::FieldRef::Index(i)) => index.index as usize == *i,
            _ => false,
        })
    }

    /// Whether the variant forwards to its one field: `transparent`, or `server_fn` (whose
    /// field, `apierror::server_fn::Failure`, is an `ApiError` of its own).
    pub(crate) fn is_transparent(&self) -> bool {
        self.attrs.transparent.is_some() || self.attrs.server_fn.is_some()
    }

    /// The status code, `500` for a variant without one (a transparent one, whose status comes
    /// from its inner error).
    pub(crate) fn status_code(&self) -> u16 {
        self.attrs.status.as_ref().map_or(500, |s| s.value.code)
    }

    /// A 5xx without `expose`: its `Display` never reaches the client, whose message is the
    /// status's reason phrase.
    pub(crate) fn hides_display(&self) -> bool {
        self.status_code() >= 500 && self.attrs.expose.is_none()
    }

    /// `retryable`, else the default for the status.
    pub(crate) fn retryable(&self) -> bool {
        self.attrs.retryable.as_ref().map_or_else(
            || status::retryable_by_default(self.status_code()),
            |r| r.value,
        )
    }

    /// The message as the catalog shows it: the `message` template, else for a 5xx without
    /// `expose` the reason phrase the runtime writes (`Error` for a status without one), else
    /// thiserror's `#[error("...")]` template; `None` for a `Display` the derive cannot read.
    pub(crate) fn catalog_message(&self) -> Option<String> {
        match &self.attrs.message {
            Some(message) => Some(message.value.value()),
            None if self.hides_display() => self
                .attrs
                .status
                .as_ref()
                .map(|s| {
                    if s.value.reason.is_empty() {
                        "Error"
                    } else {
                        s.value.reason
                    }
                })
                .map(str::to_owned),
            None => self.display.clone(),
        }
    }
}

impl Field<'_> {
    /// The field's name without `r#` (`type` for `r#type`), or its position.
    pub(crate) fn name(&self) -> String {
        match &self.member {
            Member::Named(ident) => ident.unraw().to_string(),
            Member::Unnamed(index) => index.index.to_string(),
        }
    }

    /// The name a detail is written under: its rename, else the field's [name](Self::name).
    pub(crate) fn detail_name(&self) -> Option<String> {
        let detail = self.attrs.detail.as_ref()?;
        Some(match &detail.value {
            Some(rename) => rename.value(),
            None => self.name(),
        })
    }
}

/// `text` as one segment of a URI's path (RFC 3986): unreserved characters, sub-delimiters,
/// `:` and `@` as they are, every other byte percent-encoded.
fn uri_segment(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:@".contains(&byte) {
            out.push(char::from(byte));
        } else {
            // Two uppercase hex digits, as RFC 3986 recommends.
            const HEX: &[u8; 16] = b"0123456789ABCDEF";
            out.push('%');
            out.push(char::from(HEX[usize::from(byte >> 4)]));
            out.push(char::from(HEX[usize::from(byte & 0xF)]));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::uri_segment;

    #[test]
    fn a_code_is_one_segment_of_a_uri_path() {
        // RFC 3986: `segment = *pchar`, `pchar = unreserved / pct-encoded / sub-delims / ":" / "@"`.
        assert_eq!(uri_segment("rate-limited"), "rate-limited");
        assert_eq!(uri_segment("x:y@z!$&'()*+,;=~._"), "x:y@z!$&'()*+,;=~._");
        assert_eq!(uri_segment("a{b}|c/d?e#f%"), "a%7Bb%7D%7Cc%2Fd%3Fe%23f%25");
        assert_eq!(uri_segment("<^`>[]"), "%3C%5E%60%3E%5B%5D");
    }
}
