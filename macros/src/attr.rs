//! `#[api(...)]` parsing: every key, at every place, with the spans later checks point at.

use std::cell::RefCell;

use proc_macro2::{Span, TokenStream, TokenTree};
use quote::ToTokens;
use syn::meta::ParseNestedMeta;
use syn::spanned::Spanned as _;
use syn::{Attribute, Expr, ExprLit, Lit, LitStr, Path, Token};

use crate::case::Case;
use crate::status;

/// Collects every error of one derive, so all are reported together (as serde's `Ctxt`).
#[derive(Default)]
pub(crate) struct Ctxt {
    errors: RefCell<Vec<syn::Error>>,
}

impl Ctxt {
    pub(crate) fn error(&self, span: Span, message: impl std::fmt::Display) {
        self.errors
            .borrow_mut()
            .push(syn::Error::new(span, message));
    }

    pub(crate) fn spanned(&self, tokens: impl ToTokens, message: impl std::fmt::Display) {
        self.errors
            .borrow_mut()
            .push(syn::Error::new_spanned(tokens, message));
    }

    pub(crate) fn syn_error(&self, error: syn::Error) {
        self.errors.borrow_mut().push(error);
    }

    pub(crate) fn into_errors(self) -> Vec<syn::Error> {
        self.errors.into_inner()
    }
}

/// A parsed value with the spans of its key and of its value.
#[derive(Clone)]
pub(crate) struct Spanned<T> {
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
    pub envelope: Option<Spanned<Path>>,
    pub code_case: Option<Spanned<Case>>,
    pub domain: Option<Spanned<LitStr>>,
    pub version: Option<Spanned<LitStr>>,
    pub krate: Option<Spanned<Path>>,
    pub type_base: Option<Spanned<LitStr>>,
    pub negotiate: Option<Spanned<()>>,
    pub rate_limit_headers: Option<Spanned<RateLimitHeaders>>,
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

#[derive(Default)]
pub(crate) struct VariantAttrs {
    pub status: Option<Spanned<Status>>,
    /// Where a `status` was written, even one whose value was rejected (or a key that is a typo
    /// of it), so that no "missing status" error follows the one already reported.
    pub status_written: Option<Span>,
    pub code: Option<Spanned<LitStr>>,
    pub message: Option<Spanned<LitStr>>,
    pub retryable: Option<Spanned<bool>>,
    pub retry_after: Option<Spanned<u64>>,
    pub expose: Option<Spanned<()>>,
    pub transparent: Option<Spanned<()>>,
    pub title: Option<Spanned<LitStr>>,
    pub type_uri: Option<Spanned<LitStr>>,
    pub grpc: Option<Spanned<LitStr>>,
    pub help: Option<Spanned<LitStr>>,
}

impl VariantAttrs {
    /// The key spans of every key given, with their names, in declaration order of the struct.
    pub(crate) fn given(&self) -> Vec<(&'static str, Span)> {
        given([
            ("status", self.status.as_ref().map(|s| s.key)),
            ("code", self.code.as_ref().map(|s| s.key)),
            ("message", self.message.as_ref().map(|s| s.key)),
            ("retryable", self.retryable.as_ref().map(|s| s.key)),
            ("retry_after", self.retry_after.as_ref().map(|s| s.key)),
            ("expose", self.expose.as_ref().map(|s| s.key)),
            ("title", self.title.as_ref().map(|s| s.key)),
            ("type", self.type_uri.as_ref().map(|s| s.key)),
            ("grpc", self.grpc.as_ref().map(|s| s.key)),
            ("help", self.help.as_ref().map(|s| s.key)),
        ])
    }
}

/// The keys that were given, from `(name, key span if given)` pairs.
fn given<const N: usize>(keys: [(&'static str, Option<Span>); N]) -> Vec<(&'static str, Span)> {
    keys.into_iter()
        .filter_map(|(name, span)| Some((name, span?)))
        .collect()
}

#[derive(Default)]
pub(crate) struct FieldAttrs {
    pub retry_after: Option<Spanned<()>>,
    /// `detail`, with its rename when given as `detail = "name"`.
    pub detail: Option<Spanned<Option<LitStr>>>,
    pub rate_limit: Option<Spanned<()>>,
    pub violations: Option<Spanned<()>>,
}

impl FieldAttrs {
    /// The keys given on this field, with their key spans, in a fixed order.
    pub(crate) fn given(&self) -> Vec<(&'static str, Span)> {
        given([
            ("retry_after", self.retry_after.as_ref().map(|s| s.key)),
            ("detail", self.detail.as_ref().map(|s| s.key)),
            ("rate_limit", self.rate_limit.as_ref().map(|s| s.key)),
            ("violations", self.violations.as_ref().map(|s| s.key)),
        ])
    }
}

const CONTAINER_KEYS: &[&str] = &[
    "envelope",
    "code_case",
    "domain",
    "version",
    "crate",
    "type_base",
    "negotiate",
    "rate_limit_headers",
];
const VARIANT_KEYS: &[&str] = &[
    "status",
    "code",
    "message",
    "retryable",
    "retry_after",
    "expose",
    "transparent",
    "title",
    "type",
    "grpc",
    "help",
];
const FIELD_KEYS: &[&str] = &["retry_after", "detail", "rate_limit", "violations"];

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
    fn allows(self, key: &str) -> bool {
        match self {
            Place::Enum => CONTAINER_KEYS.contains(&key),
            Place::Struct => CONTAINER_KEYS.contains(&key) || VARIANT_KEYS.contains(&key),
            Place::Variant => VARIANT_KEYS.contains(&key),
            Place::Field => FIELD_KEYS.contains(&key),
        }
    }

    fn keys(self) -> Vec<&'static str> {
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
        if !attr.path().is_ident("api") {
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
    let Some(ident) = meta.path.get_ident() else {
        cx.spanned(
            &meta.path,
            format_args!("expected a key such as `{}`, not a path", place.keys()[0]),
        );
        skip_value(meta);
        return;
    };
    let key = ident.to_string();
    let key_span = ident.span();
    if !place.allows(&key) {
        misplaced_key(cx, &key, key_span, place);
        if matches!(place, Place::Variant | Place::Struct) && closest(&key, &["status"]).is_some() {
            out.variant.status_written = Some(key_span);
        }
        skip_value(meta);
        return;
    }
    if CONTAINER_KEYS.contains(&key.as_str()) {
        container_key(cx, meta, &key, key_span, &mut out.container);
    } else if place == Place::Field {
        field_key(cx, meta, &key, key_span, &mut out.field);
    } else {
        variant_key(cx, meta, &key, key_span, &mut out.variant);
    }
}

fn container_key(
    cx: &Ctxt,
    meta: &ParseNestedMeta<'_>,
    key: &str,
    key_span: Span,
    out: &mut ContainerAttrs,
) {
    let key = key.to_owned();
    match key.as_str() {
        "envelope" => {
            if let Some(v) = value(cx, meta, &key)
                .and_then(|e| path_value(cx, &e, "envelope = apierror::envelope::Problem"))
            {
                set(cx, &mut out.envelope, &key, key_span, v);
            }
        }
        "crate" => {
            if let Some(v) = value(cx, meta, &key).and_then(|e| crate_path(cx, &e)) {
                set(cx, &mut out.krate, &key, key_span, v);
            }
        }
        "code_case" => {
            if let Some(lit) =
                value(cx, meta, &key).and_then(|e| str_value(cx, &e, "code_case = \"snake_case\""))
            {
                if let Some(case) = Case::from_name(&lit.value()) {
                    set(cx, &mut out.code_case, &key, key_span, (case, lit.span()));
                } else {
                    let names = Case::NAMES
                        .iter()
                        .map(|n| format!("\"{n}\""))
                        .collect::<Vec<_>>()
                        .join(", ");
                    let given = lit.value();
                    let message = match closest(&given, Case::NAMES) {
                            Some(name) => format!(
                                "unknown code_case {given:?}: did you mean \"{name}\"? Expected one of {names}"
                            ),
                            None => format!("unknown code_case {given:?}; expected one of {names}"),
                        };
                    cx.spanned(&lit, message);
                }
            }
        }
        "domain" => str_key(
            cx,
            meta,
            &key,
            key_span,
            &mut out.domain,
            "domain = \"api.example.com\"",
        ),
        "version" => str_key(
            cx,
            meta,
            &key,
            key_span,
            &mut out.version,
            "version = \"1.0.0\"",
        ),
        "type_base" => str_key(
            cx,
            meta,
            &key,
            key_span,
            &mut out.type_base,
            "type_base = \"https://errors.example.com/\"",
        ),
        "negotiate" => {
            flag(
                cx,
                meta,
                "`negotiate` takes no value: write `#[api(negotiate)]`",
            );
            set(cx, &mut out.negotiate, &key, key_span, ((), key_span));
        }
        "rate_limit_headers" => {
            if let Some(lit) = value(cx, meta, &key)
                .and_then(|e| str_value(cx, &e, "rate_limit_headers = \"ietf\""))
            {
                if let Some(style) = RateLimitHeaders::from_name(&lit.value()) {
                    set(
                        cx,
                        &mut out.rate_limit_headers,
                        &key,
                        key_span,
                        (style, lit.span()),
                    );
                } else {
                    let given = lit.value();
                    let hint = closest(&given, RateLimitHeaders::NAMES)
                        .map(|near| format!("did you mean \"{near}\"? "))
                        .unwrap_or_default();
                    cx.spanned(
                        &lit,
                        format_args!(
                            "unknown rate_limit_headers {given:?}: {hint}expected \"x-ratelimit\" \
                             (X-RateLimit-* headers), \"ietf\" (RateLimit and RateLimit-Policy) \
                             or \"both\""
                        ),
                    );
                }
            }
        }
        _ => unreachable_key(cx, key_span),
    }
}

fn variant_key(
    cx: &Ctxt,
    meta: &ParseNestedMeta<'_>,
    key: &str,
    key_span: Span,
    out: &mut VariantAttrs,
) {
    let key = key.to_owned();
    match key.as_str() {
        "status" => {
            out.status_written = Some(key_span);
            if let Some(status) = value(cx, meta, &key).and_then(|e| status_value(cx, &e)) {
                set(cx, &mut out.status, &key, key_span, status);
            }
        }
        "code" => str_key(
            cx,
            meta,
            &key,
            key_span,
            &mut out.code,
            "code = \"RATE_LIMITED\"",
        ),
        "message" => str_key(
            cx,
            meta,
            &key,
            key_span,
            &mut out.message,
            "message = \"user {id} not found\"",
        ),
        "retryable" => {
            let parsed = if meta.input.peek(Token![=]) {
                value(cx, meta, &key).and_then(|e| bool_value(cx, &e, "retryable = false"))
            } else {
                Some((true, key_span))
            };
            if let Some(v) = parsed {
                set(cx, &mut out.retryable, &key, key_span, v);
            }
        }
        "retry_after" => {
            if !meta.input.peek(Token![=]) {
                cx.error(
                    key_span,
                    "on a variant, `retry_after` needs a delay in seconds, as `retry_after = 60`; \
                     to read the delay from a field, put `#[api(retry_after)]` on that field",
                );
                return;
            }
            if let Some(v) =
                value(cx, meta, &key).and_then(|e| u64_value(cx, &e, "retry_after = 60"))
            {
                set(cx, &mut out.retry_after, &key, key_span, v);
            }
        }
        "expose" => {
            flag(cx, meta, "`expose` takes no value: write `#[api(expose)]`");
            set(cx, &mut out.expose, &key, key_span, ((), key_span));
        }
        "transparent" => {
            flag(
                cx,
                meta,
                "`transparent` takes no value: write `#[api(transparent)]`",
            );
            set(cx, &mut out.transparent, &key, key_span, ((), key_span));
        }
        "title" => str_key(
            cx,
            meta,
            &key,
            key_span,
            &mut out.title,
            "title = \"Too many requests\"",
        ),
        "type" => str_key(
            cx,
            meta,
            &key,
            key_span,
            &mut out.type_uri,
            "type = \"https://errors.example.com/rate-limited\"",
        ),
        "grpc" => str_key(
            cx,
            meta,
            &key,
            key_span,
            &mut out.grpc,
            "grpc = \"ABORTED\"",
        ),
        "help" => str_key(
            cx,
            meta,
            &key,
            key_span,
            &mut out.help,
            "help = \"Wait, then retry the request.\"",
        ),
        _ => unreachable_key(cx, key_span),
    }
}

fn field_key(
    cx: &Ctxt,
    meta: &ParseNestedMeta<'_>,
    key: &str,
    key_span: Span,
    out: &mut FieldAttrs,
) {
    let key = key.to_owned();
    match key.as_str() {
        "retry_after" => {
            flag(
                cx,
                meta,
                "`retry_after` on a field takes no value, since the field holds the delay: write \
                 `#[api(retry_after)]`, or put `retry_after = 60` on the variant for a fixed delay",
            );
            set(cx, &mut out.retry_after, &key, key_span, ((), key_span));
        }
        "detail" => {
            let rename = if meta.input.peek(Token![=]) {
                match value(cx, meta, &key).and_then(|e| str_value(cx, &e, "detail = \"name\"")) {
                    Some(lit) => Some(lit),
                    None => return,
                }
            } else {
                None
            };
            let span = rename.as_ref().map_or(key_span, LitStr::span);
            set(cx, &mut out.detail, &key, key_span, (rename, span));
        }
        "rate_limit" => {
            flag(
                cx,
                meta,
                "`rate_limit` takes no value, since the field holds the state: write `#[api(rate_limit)]`",
            );
            set(cx, &mut out.rate_limit, &key, key_span, ((), key_span));
        }
        "violations" => {
            flag(
                cx,
                meta,
                "`violations` takes no value, since the field holds them: write `#[api(violations)]`",
            );
            set(cx, &mut out.violations, &key, key_span, ((), key_span));
        }
        _ => unreachable_key(cx, key_span),
    }
}

/// Every allowed key has an arm above; this only guards against a key list out of step.
fn unreachable_key(cx: &Ctxt, span: Span) {
    cx.error(span, "internal error in apierror-macros: unhandled key");
}

/// A key whose value is a string literal, stored with the literal's span.
fn str_key(
    cx: &Ctxt,
    meta: &ParseNestedMeta<'_>,
    key: &str,
    key_span: Span,
    slot: &mut Option<Spanned<LitStr>>,
    example: &str,
) {
    if let Some(lit) = value(cx, meta, key).and_then(|e| str_value(cx, &e, example)) {
        let span = lit.span();
        set(cx, slot, key, key_span, (lit, span));
    }
}

/// Stores a value, or reports a duplicate key with a pointer to the first.
fn set<T>(
    cx: &Ctxt,
    slot: &mut Option<Spanned<T>>,
    key: &str,
    key_span: Span,
    (value, span): (T, Span),
) {
    if let Some(first) = slot {
        let mut error = syn::Error::new(
            key_span,
            format_args!("duplicate `{key}`: it is already given; remove one of them"),
        );
        error.combine(syn::Error::new(
            first.key,
            format_args!("`{key}` first given here"),
        ));
        cx.syn_error(error);
        return;
    }
    *slot = Some(Spanned {
        value,
        key: key_span,
        span,
    });
}

fn misplaced_key(cx: &Ctxt, key: &str, span: Span, place: Place) {
    let message = if place == Place::Enum && VARIANT_KEYS.contains(&key) {
        format!("`{key}` goes on each variant, not on the enum")
    } else if place == Place::Variant && CONTAINER_KEYS.contains(&key) {
        format!(
            "`{key}` is a container attribute: put it on the enum, next to `#[derive(ApiError)]`"
        )
    } else if place == Place::Field
        && (VARIANT_KEYS.contains(&key) || CONTAINER_KEYS.contains(&key))
    {
        let owner = if VARIANT_KEYS.contains(&key) {
            "variant (or struct)"
        } else {
            "container"
        };
        format!("`{key}` is a {owner} attribute, not a field attribute; fields take `detail`, `retry_after`, `rate_limit` and `violations`")
    } else if place != Place::Field && FIELD_KEYS.contains(&key) {
        format!("`{key}` is a field attribute: put `#[api({key})]` on the field it reads")
    } else {
        let keys = place.keys();
        match closest(key, &keys) {
            Some(near) => format!(
                "unknown key `{key}`: did you mean `{near}`? Expected one of: {}",
                keys.join(", ")
            ),
            None => format!("unknown key `{key}`; expected one of: {}", keys.join(", ")),
        }
    };
    cx.error(span, message);
}

/// The candidate the user most likely meant: the same word in another case, one that starts
/// with what they wrote, or the nearest within a small edit distance.
pub(crate) fn closest<'c>(given: &str, candidates: &[&'c str]) -> Option<&'c str> {
    let lower = given.to_lowercase();
    if let Some(same) = candidates
        .iter()
        .find(|c| c.to_lowercase() == lower && **c != given)
    {
        return Some(same);
    }
    if given.len() >= 3 {
        if let Some(longer) = candidates
            .iter()
            .find(|c| c.to_lowercase().starts_with(&lower))
        {
            return Some(longer);
        }
    }
    candidates
        .iter()
        .map(|c| (edit_distance(&lower, &c.to_lowercase()), *c))
        .filter(|&(distance, _)| distance > 0 && distance <= 2.max(given.len() / 3))
        .min()
        .map(|(_, c)| c)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = if ca == *cb {
                prev
            } else {
                1 + prev.min(row[j]).min(cur)
            };
            prev = cur;
        }
    }
    row[b.len()]
}

/// Skips whatever follows a key we do not understand, so parsing goes on with the next key.
fn skip_value(meta: &ParseNestedMeta<'_>) {
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
fn value(cx: &Ctxt, meta: &ParseNestedMeta<'_>, key: &str) -> Option<Expr> {
    if !meta.input.peek(Token![=]) {
        cx.spanned(
            &meta.path,
            format_args!("`{key}` needs a value: write `{key} = ...`"),
        );
        skip_value(meta);
        return None;
    }
    match meta
        .value()
        .and_then(syn::parse::ParseBuffer::parse::<Expr>)
    {
        Ok(expr) => Some(expr),
        Err(error) => {
            cx.syn_error(error);
            skip_value(meta);
            None
        }
    }
}

/// A key without a value; reports (and skips) `= ...` after it. The key still counts as
/// given, since what the user meant is clear.
fn flag(cx: &Ctxt, meta: &ParseNestedMeta<'_>, message: &str) {
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

fn str_value(cx: &Ctxt, expr: &Expr, example: &str) -> Option<LitStr> {
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

fn bool_value(cx: &Ctxt, expr: &Expr, example: &str) -> Option<(bool, Span)> {
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

fn u64_value(cx: &Ctxt, expr: &Expr, example: &str) -> Option<(u64, Span)> {
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

fn path_value(cx: &Ctxt, expr: &Expr, example: &str) -> Option<(Path, Span)> {
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
fn crate_path(cx: &Ctxt, expr: &Expr) -> Option<(Path, Span)> {
    let (path, span) = path_value(cx, expr, "crate = ::apierror")?;
    let first = path.segments.first().map(|s| s.ident.to_string());
    if path.leading_colon.is_some() || first.as_deref() == Some("crate") {
        return Some((path, span));
    }
    let text = path.to_token_stream().to_string().replace(' ', "");
    cx.error(
        span,
        format_args!(
            "`crate` needs an absolute path, the same from every module: write `crate = ::{text}` \
             (or `crate = crate::...` for a re-export in this crate)"
        ),
    );
    None
}

/// `status = 429` or `status = StatusCode::TOO_MANY_REQUESTS` (any path ending in a constant).
fn status_value(cx: &Ctxt, expr: &Expr) -> Option<(Status, Span)> {
    match unparen(expr) {
        Expr::Lit(ExprLit {
            lit: Lit::Int(lit), ..
        }) => {
            let Ok(code) = lit.base10_parse::<u16>() else {
                cx.spanned(lit, "status must be a number in 400..=599");
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
                         `StatusCode::NOT_FOUND`, or the number, as `status = 404`"
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
                "expected a status: a number, as `status = 404`, or a constant, as \
                 `status = StatusCode::NOT_FOUND`",
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
        format_args!("{written} is not an error status: `status` must be in 400..=599{hint}"),
    );
    None
}
