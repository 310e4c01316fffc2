//! `#[api(...)]` parsing: every key, at every place, with the spans later checks point at.
//! This file holds what the attributes say and dispatches each key to the parser of its place
//! (`attr/key.rs`), which reads values with `attr/value.rs`.

mod key;
mod value;

use proc_macro2::Span;
use syn::meta::ParseNestedMeta;
use syn::{Attribute, LitStr, Path};

use crate::case::Case;
use crate::ctxt::Ctxt;
use crate::suggest::closest;
use crate::symbol::{
    self, Symbol, API, CODE, CONTAINER_KEYS, DETAIL, EXPOSE, FIELD_KEYS, GRPC, HELP, LOG, MESSAGE,
    RATE_LIMIT, RETRYABLE, RETRY_AFTER, STATUS, TITLE, TYPE, VARIANT_KEYS, VIOLATIONS,
};

/// A parsed value with the spans of its key and of its value.
#[derive(Clone)]
pub(crate) struct Keyed<T> {
    pub value: T,
    pub key: Span,
    pub span: Span,
}

/// A resolved status.
#[derive(Clone)]
pub(crate) struct Status {
    pub code: u16,
    pub reason: &'static str,
    /// The constant as written (`StatusCode::NOT_FOUND`), which the expansion names once so that
    /// the compiler checks it resolves to a `StatusCode` (and the user's import is used).
    pub path: Option<Path>,
}

#[derive(Default)]
pub(crate) struct ContainerAttrs {
    pub envelope: Option<Keyed<Path>>,
    pub code_case: Option<Keyed<Case>>,
    pub domain: Option<Keyed<LitStr>>,
    pub version: Option<Keyed<LitStr>>,
    pub krate: Option<Keyed<Path>>,
    pub type_base: Option<Keyed<LitStr>>,
    pub negotiate: Option<Keyed<()>>,
    pub rate_limit_headers: Option<Keyed<RateLimitHeaders>>,
    pub log: Option<Keyed<LogLevel>>,
}

/// The container's `rate_limit_headers = "..."`.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum RateLimitHeaders {
    XRateLimit,
    Ietf,
    Both,
}

impl RateLimitHeaders {
    pub(crate) const NAMES: &'static [&'static str] = &["x-ratelimit", "ietf", "both"];

    fn from_name(name: &str) -> Option<Self> {
        Some(match name {
            "x-ratelimit" => RateLimitHeaders::XRateLimit,
            "ietf" => RateLimitHeaders::Ietf,
            "both" => RateLimitHeaders::Both,
            _ => return None,
        })
    }
}

/// `log = "..."`, on the container (the type's default) or a variant (the code's own): the
/// runtime's `LogLevel`.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum LogLevel {
    Off,
    Error,
    Warn,
    Info,
    Debug,
    Trace,
}

impl LogLevel {
    /// `tracing`'s levels, most severe first, then `off`.
    pub(crate) const NAMES: &'static [&'static str] =
        &["error", "warn", "info", "debug", "trace", "off"];

    fn from_name(name: &str) -> Option<Self> {
        Some(match name {
            "off" => LogLevel::Off,
            "error" => LogLevel::Error,
            "warn" => LogLevel::Warn,
            "info" => LogLevel::Info,
            "debug" => LogLevel::Debug,
            "trace" => LogLevel::Trace,
            _ => return None,
        })
    }

    /// The runtime's `LogLevel` variant.
    pub(crate) fn variant(self) -> &'static str {
        match self {
            LogLevel::Off => "Off",
            LogLevel::Error => "Error",
            LogLevel::Warn => "Warn",
            LogLevel::Info => "Info",
            LogLevel::Debug => "Debug",
            LogLevel::Trace => "Trace",
        }
    }
}

#[derive(Default)]
pub(crate) struct VariantAttrs {
    pub status: Option<Keyed<Status>>,
    /// Where a `status` was written, even one whose value was rejected (or a key that is a typo
    /// of it), so that no "missing status" error follows the one already reported.
    pub status_written: Option<Span>,
    pub code: Option<Keyed<LitStr>>,
    pub message: Option<Keyed<LitStr>>,
    pub retryable: Option<Keyed<bool>>,
    pub retry_after: Option<Keyed<u64>>,
    pub expose: Option<Keyed<()>>,
    pub transparent: Option<Keyed<()>>,
    pub server_fn: Option<Keyed<()>>,
    pub title: Option<Keyed<LitStr>>,
    pub type_uri: Option<Keyed<LitStr>>,
    pub grpc: Option<Keyed<LitStr>>,
    pub help: Option<Keyed<LitStr>>,
    pub log: Option<Keyed<LogLevel>>,
}

impl VariantAttrs {
    /// The keys given besides `transparent`, with their key spans, in declaration order of the
    /// struct.
    pub(crate) fn given(&self) -> Vec<(Symbol, Span)> {
        given([
            (STATUS, self.status.as_ref().map(|s| s.key)),
            (CODE, self.code.as_ref().map(|s| s.key)),
            (MESSAGE, self.message.as_ref().map(|s| s.key)),
            (RETRYABLE, self.retryable.as_ref().map(|s| s.key)),
            (RETRY_AFTER, self.retry_after.as_ref().map(|s| s.key)),
            (EXPOSE, self.expose.as_ref().map(|s| s.key)),
            (TITLE, self.title.as_ref().map(|s| s.key)),
            (TYPE, self.type_uri.as_ref().map(|s| s.key)),
            (GRPC, self.grpc.as_ref().map(|s| s.key)),
            (HELP, self.help.as_ref().map(|s| s.key)),
            (LOG, self.log.as_ref().map(|s| s.key)),
        ])
    }
}

/// The keys that were given, from `(key, key span if given)` pairs.
fn given<const N: usize>(keys: [(Symbol, Option<Span>); N]) -> Vec<(Symbol, Span)> {
    keys.into_iter()
        .filter_map(|(key, span)| Some((key, span?)))
        .collect()
}

#[derive(Default)]
pub(crate) struct FieldAttrs {
    pub retry_after: Option<Keyed<()>>,
    /// `detail`, with its rename when given as `detail = "name"`.
    pub detail: Option<Keyed<Option<LitStr>>>,
    pub rate_limit: Option<Keyed<()>>,
    pub violations: Option<Keyed<()>>,
}

impl FieldAttrs {
    /// The keys given on this field, with their key spans, in a fixed order.
    pub(crate) fn given(&self) -> Vec<(Symbol, Span)> {
        given([
            (RETRY_AFTER, self.retry_after.as_ref().map(|s| s.key)),
            (DETAIL, self.detail.as_ref().map(|s| s.key)),
            (RATE_LIMIT, self.rate_limit.as_ref().map(|s| s.key)),
            (VIOLATIONS, self.violations.as_ref().map(|s| s.key)),
        ])
    }
}

/// Where an `#[api(...)]` stands, which decides the keys it may hold.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Place {
    /// On an enum: container keys only.
    Enum,
    /// On a struct: container keys and variant keys (the struct is one error).
    Struct,
    Variant,
    Field,
}

impl Place {
    /// The keys allowed here, in the order the unknown-key error lists them.
    fn keys(self) -> Vec<Symbol> {
        match self {
            Place::Enum => CONTAINER_KEYS.to_vec(),
            Place::Struct => CONTAINER_KEYS.iter().chain(VARIANT_KEYS).copied().collect(),
            Place::Variant => VARIANT_KEYS.to_vec(),
            Place::Field => FIELD_KEYS.to_vec(),
        }
    }
}

/// Everything `#[api(...)]` can say, from one place's attributes.
#[derive(Default)]
pub(crate) struct Attrs {
    pub container: ContainerAttrs,
    pub variant: VariantAttrs,
    pub field: FieldAttrs,
}

/// Parses every `#[api(...)]` among `attrs`, as found at `place`.
pub(crate) fn parse(cx: &Ctxt, attrs: &[Attribute], place: Place) -> Attrs {
    let mut out = Attrs::default();
    for attr in attrs {
        if !attr.path().is_ident(API.name()) {
            continue;
        }
        if let syn::Meta::Path(_) | syn::Meta::NameValue(_) = &attr.meta {
            cx.spanned(attr, "expected a list of keys, as `#[api(status = 404)]`");
            continue;
        }
        let result = attr.parse_nested_meta(|meta| {
            parse_key(cx, &meta, place, &mut out);
            Ok(())
        });
        if let Err(error) = result {
            cx.syn_error(error);
        }
    }
    out
}

fn parse_key(cx: &Ctxt, meta: &ParseNestedMeta<'_>, place: Place, out: &mut Attrs) {
    let keys = place.keys();
    let Some(ident) = meta.path.get_ident() else {
        cx.spanned(
            &meta.path,
            format_args!("expected a key such as `{}`, not a path", keys[0]),
        );
        value::skip(meta);
        return;
    };
    let name = ident.to_string();
    let key_span = ident.span();
    let Some(key) = symbol::find(&keys, &name) else {
        misplaced_key(cx, &name, key_span, place);
        if matches!(place, Place::Variant | Place::Struct)
            && closest(&name, &[STATUS.name()]).is_some()
        {
            out.variant.status_written = Some(key_span);
        }
        value::skip(meta);
        return;
    };
    // `log` is both: on an enum or a struct it is the type's default (a struct is one error, so
    // the two are the same), on a variant the code's own.
    if CONTAINER_KEYS.contains(&key) && place != Place::Variant {
        key::container(cx, meta, key, key_span, &mut out.container);
    } else if place == Place::Field {
        key::field(cx, meta, key, key_span, &mut out.field);
    } else {
        key::variant(cx, meta, key, key_span, &mut out.variant);
    }
}

/// A key that is not allowed at `place`: where it goes instead, or the key it likely meant.
fn misplaced_key(cx: &Ctxt, name: &str, span: Span, place: Place) {
    let is_container = symbol::find(CONTAINER_KEYS, name).is_some();
    let is_variant = symbol::find(VARIANT_KEYS, name).is_some();
    let is_field = symbol::find(FIELD_KEYS, name).is_some();
    let message = if place == Place::Enum && is_variant {
        format!("`{name}` goes on each variant, not on the enum")
    } else if place == Place::Variant && is_container {
        format!(
            "`{name}` is a container attribute: put it on the enum, next to `#[derive(ApiError)]`"
        )
    } else if place == Place::Field && (is_variant || is_container) {
        let owner = if is_variant {
            "variant (or struct)"
        } else {
            "container"
        };
        // `detail` first, the key most fields take, then the others in their listed order.
        let mut field_keys = std::iter::once(DETAIL)
            .chain(FIELD_KEYS.iter().copied().filter(|key| *key != DETAIL))
            .map(|key| format!("`{key}`"))
            .collect::<Vec<_>>();
        let last = field_keys.pop().unwrap_or_default();
        format!(
            "`{name}` is a {owner} attribute, not a field attribute; fields take {} and {last}",
            field_keys.join(", ")
        )
    } else if place != Place::Field && is_field {
        format!("`{name}` is a field attribute: put `#[api({name})]` on the field it reads")
    } else {
        let keys = symbol::names(&place.keys());
        match closest(name, &keys) {
            Some(near) => format!(
                "unknown key `{name}`: did you mean `{near}`? Expected one of: {}",
                keys.join(", ")
            ),
            None => format!("unknown key `{name}`; expected one of: {}", keys.join(", ")),
        }
    };
    cx.error(span, message);
}

#[cfg(test)]
mod tests {
    use super::{parse, Place};
    use crate::ctxt::Ctxt;
    use crate::symbol::{Symbol, CONTAINER_KEYS, FIELD_KEYS, VARIANT_KEYS};

    /// The errors of `#[api(key)]` and of `#[api(key = 1)]` at `place`.
    fn errors(place: Place, key: &str) -> Vec<String> {
        let mut messages = Vec::new();
        for written in [key.to_owned(), format!("{key} = 1")] {
            let item: syn::DeriveInput = syn::parse_str(&format!("#[api({written})] struct S;"))
                .expect("the test input parses");
            let cx = Ctxt::new();
            let _ = parse(&cx, &item.attrs, place);
            messages.extend(cx.check().iter().map(ToString::to_string));
        }
        messages
    }

    /// Whether a message says the key is not one of `place`'s.
    fn rejected(messages: &[String]) -> bool {
        messages.iter().any(|m| {
            [
                "unknown key",
                "internal error",
                " attribute",
                "goes on each",
            ]
            .iter()
            .any(|s| m.contains(s))
        })
    }

    /// Each listed key is handled where it is listed (its value may be wrong, its name is not):
    /// with `symbol`'s test against the documentation, a key the parser takes is documented.
    #[test]
    fn every_listed_key_is_parsed_where_it_is_listed() {
        let places: [(Place, Vec<Symbol>); 4] = [
            (Place::Enum, CONTAINER_KEYS.to_vec()),
            (
                Place::Struct,
                CONTAINER_KEYS.iter().chain(VARIANT_KEYS).copied().collect(),
            ),
            (Place::Variant, VARIANT_KEYS.to_vec()),
            (Place::Field, FIELD_KEYS.to_vec()),
        ];
        for (place, keys) in places {
            for key in keys {
                let messages = errors(place, key.name());
                assert!(
                    !rejected(&messages),
                    "`{key}` is listed but rejected: {messages:?}"
                );
            }
        }
    }

    #[test]
    fn an_unlisted_key_is_rejected() {
        assert!(rejected(&errors(Place::Variant, "stauts")));
        assert!(rejected(&errors(Place::Enum, "status")));
        assert!(rejected(&errors(Place::Field, "status")));
        assert!(rejected(&errors(Place::Variant, "detail")));
    }
}
