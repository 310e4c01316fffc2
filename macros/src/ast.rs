//! The borrowed model of the input: one `Variant` per error (a struct is one variant).

use syn::ext::IdentExt as _;
use syn::{Data, DeriveInput, Fields, Ident, Member, Type};

use crate::attr::{self, ContainerAttrs, Ctxt, FieldAttrs, Place, VariantAttrs};
use crate::docs;
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

    pub(crate) fn is_transparent(&self) -> bool {
        self.attrs.transparent.is_some()
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
