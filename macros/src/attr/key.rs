//! The keys of each place: what each one's value must be, and where it is stored.

use proc_macro2::Span;
use syn::meta::ParseNestedMeta;
use syn::{LitStr, Token};

use super::value::{
    self, bool_value, crate_path, flag, path_value, status_value, str_value, u64_value, Example,
};
use super::{ContainerAttrs, FieldAttrs, Keyed, LogLevel, RateLimitHeaders, VariantAttrs};
use crate::case::Case;
use crate::ctxt::Ctxt;
use crate::suggest::closest;
use crate::symbol::{
    Symbol, CODE, CODE_CASE, CRATE, DETAIL, DOMAIN, ENVELOPE, EXPOSE, GRPC, HELP, LOG, MESSAGE,
    NEGOTIATE, RATE_LIMIT, RATE_LIMIT_HEADERS, RETRYABLE, RETRY_AFTER, SERVER_FN, STATUS, TITLE,
    TRANSPARENT, TYPE, TYPE_BASE, VERSION, VIOLATIONS,
};

/// A container key, on an enum or a struct.
pub(super) fn container(
    cx: &Ctxt,
    meta: &ParseNestedMeta<'_>,
    key: Symbol,
    key_span: Span,
    out: &mut ContainerAttrs,
) {
    match key {
        ENVELOPE => {
            if let Some(v) = value::expr(cx, meta, key)
                .and_then(|e| path_value(cx, &e, Example(ENVELOPE, "apierror::envelope::Problem")))
            {
                set(cx, &mut out.envelope, key, key_span, v);
            }
        }
        CRATE => {
            if let Some(v) = value::expr(cx, meta, key).and_then(|e| crate_path(cx, &e)) {
                set(cx, &mut out.krate, key, key_span, v);
            }
        }
        CODE_CASE => {
            if let Some(lit) = value::expr(cx, meta, key)
                .and_then(|e| str_value(cx, &e, Example(CODE_CASE, "\"snake_case\"")))
            {
                if let Some(case) = Case::from_name(&lit.value()) {
                    set(cx, &mut out.code_case, key, key_span, (case, lit.span()));
                } else {
                    let names = Case::NAMES
                        .iter()
                        .map(|n| format!("\"{n}\""))
                        .collect::<Vec<_>>()
                        .join(", ");
                    let given = lit.value();
                    let message = match closest(&given, Case::NAMES) {
                            Some(name) => format!(
                                "unknown {CODE_CASE} {given:?}: did you mean \"{name}\"? Expected one of {names}"
                            ),
                            None => format!("unknown {CODE_CASE} {given:?}; expected one of {names}"),
                        };
                    cx.spanned(&lit, message);
                }
            }
        }
        DOMAIN => str_key(
            cx,
            meta,
            key,
            key_span,
            &mut out.domain,
            "\"api.example.com\"",
        ),
        VERSION => str_key(cx, meta, key, key_span, &mut out.version, "\"1.0.0\""),
        TYPE_BASE => str_key(
            cx,
            meta,
            key,
            key_span,
            &mut out.type_base,
            "\"https://errors.example.com/\"",
        ),
        NEGOTIATE => {
            flag(
                cx,
                meta,
                format_args!("`{NEGOTIATE}` takes no value: write `#[api({NEGOTIATE})]`"),
            );
            set(cx, &mut out.negotiate, key, key_span, ((), key_span));
        }
        RATE_LIMIT_HEADERS => {
            if let Some(lit) = value::expr(cx, meta, key)
                .and_then(|e| str_value(cx, &e, Example(RATE_LIMIT_HEADERS, "\"ietf\"")))
            {
                if let Some(style) = RateLimitHeaders::from_name(&lit.value()) {
                    set(
                        cx,
                        &mut out.rate_limit_headers,
                        key,
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
                            "unknown {RATE_LIMIT_HEADERS} {given:?}: {hint}expected \"x-ratelimit\" \
                             (X-RateLimit-* headers), \"ietf\" (RateLimit and RateLimit-Policy) \
                             or \"both\""
                        ),
                    );
                }
            }
        }
        LOG => log_key(cx, meta, key, key_span, &mut out.log),
        _ => unreachable_key(cx, key_span),
    }
}

/// A variant key, on a variant or a struct.
pub(super) fn variant(
    cx: &Ctxt,
    meta: &ParseNestedMeta<'_>,
    key: Symbol,
    key_span: Span,
    out: &mut VariantAttrs,
) {
    match key {
        STATUS => {
            out.status_written = Some(key_span);
            if let Some(status) = value::expr(cx, meta, key).and_then(|e| status_value(cx, &e)) {
                set(cx, &mut out.status, key, key_span, status);
            }
        }
        CODE => str_key(cx, meta, key, key_span, &mut out.code, "\"RATE_LIMITED\""),
        MESSAGE => str_key(
            cx,
            meta,
            key,
            key_span,
            &mut out.message,
            "\"user {id} not found\"",
        ),
        RETRYABLE => {
            let parsed = if meta.input.peek(Token![=]) {
                value::expr(cx, meta, key)
                    .and_then(|e| bool_value(cx, &e, Example(RETRYABLE, "false")))
            } else {
                Some((true, key_span))
            };
            if let Some(v) = parsed {
                set(cx, &mut out.retryable, key, key_span, v);
            }
        }
        RETRY_AFTER => {
            if !meta.input.peek(Token![=]) {
                cx.error(
                    key_span,
                    format_args!(
                        "on a variant, `{RETRY_AFTER}` needs a delay in seconds, as \
                         `{RETRY_AFTER} = 60`; to read the delay from a field, put \
                         `#[api({RETRY_AFTER})]` on that field"
                    ),
                );
                return;
            }
            if let Some(v) = value::expr(cx, meta, key)
                .and_then(|e| u64_value(cx, &e, Example(RETRY_AFTER, "60")))
            {
                set(cx, &mut out.retry_after, key, key_span, v);
            }
        }
        EXPOSE => {
            flag(
                cx,
                meta,
                format_args!("`{EXPOSE}` takes no value: write `#[api({EXPOSE})]`"),
            );
            set(cx, &mut out.expose, key, key_span, ((), key_span));
        }
        TRANSPARENT => {
            flag(
                cx,
                meta,
                format_args!("`{TRANSPARENT}` takes no value: write `#[api({TRANSPARENT})]`"),
            );
            set(cx, &mut out.transparent, key, key_span, ((), key_span));
        }
        SERVER_FN => {
            flag(
                cx,
                meta,
                format_args!("`{SERVER_FN}` takes no value: write `#[api({SERVER_FN})]`"),
            );
            set(cx, &mut out.server_fn, key, key_span, ((), key_span));
        }
        TITLE => str_key(
            cx,
            meta,
            key,
            key_span,
            &mut out.title,
            "\"Too many requests\"",
        ),
        TYPE => str_key(
            cx,
            meta,
            key,
            key_span,
            &mut out.type_uri,
            "\"https://errors.example.com/rate-limited\"",
        ),
        GRPC => str_key(cx, meta, key, key_span, &mut out.grpc, "\"ABORTED\""),
        HELP => str_key(
            cx,
            meta,
            key,
            key_span,
            &mut out.help,
            "\"Wait, then retry the request.\"",
        ),
        LOG => log_key(cx, meta, key, key_span, &mut out.log),
        _ => unreachable_key(cx, key_span),
    }
}

/// A field key.
pub(super) fn field(
    cx: &Ctxt,
    meta: &ParseNestedMeta<'_>,
    key: Symbol,
    key_span: Span,
    out: &mut FieldAttrs,
) {
    match key {
        RETRY_AFTER => {
            flag(
                cx,
                meta,
                format_args!(
                    "`{RETRY_AFTER}` on a field takes no value, since the field holds the delay: \
                     write `#[api({RETRY_AFTER})]`, or put `{RETRY_AFTER} = 60` on the variant for \
                     a fixed delay"
                ),
            );
            set(cx, &mut out.retry_after, key, key_span, ((), key_span));
        }
        DETAIL => {
            let rename = if meta.input.peek(Token![=]) {
                match value::expr(cx, meta, key)
                    .and_then(|e| str_value(cx, &e, Example(DETAIL, "\"name\"")))
                {
                    Some(lit) => Some(lit),
                    None => return,
                }
            } else {
                None
            };
            let span = rename.as_ref().map_or(key_span, LitStr::span);
            set(cx, &mut out.detail, key, key_span, (rename, span));
        }
        RATE_LIMIT => {
            flag(
                cx,
                meta,
                format_args!(
                    "`{RATE_LIMIT}` takes no value, since the field holds the state: write \
                     `#[api({RATE_LIMIT})]`"
                ),
            );
            set(cx, &mut out.rate_limit, key, key_span, ((), key_span));
        }
        VIOLATIONS => {
            flag(
                cx,
                meta,
                format_args!(
                    "`{VIOLATIONS}` takes no value, since the field holds them: write \
                     `#[api({VIOLATIONS})]`"
                ),
            );
            set(cx, &mut out.violations, key, key_span, ((), key_span));
        }
        _ => unreachable_key(cx, key_span),
    }
}

/// Every allowed key has an arm above; this only guards against a key list out of step.
fn unreachable_key(cx: &Ctxt, span: Span) {
    cx.error(span, "internal error in apierror-macros: unhandled key");
}

/// `log = "warn"`: one of the level names, a misspelt one reported at the literal with the
/// name it likely meant (`"warning"` and `"WARN"` mean `"warn"`).
fn log_key(
    cx: &Ctxt,
    meta: &ParseNestedMeta<'_>,
    key: Symbol,
    key_span: Span,
    slot: &mut Option<Keyed<LogLevel>>,
) {
    let Some(lit) =
        value::expr(cx, meta, key).and_then(|e| str_value(cx, &e, Example(LOG, "\"warn\"")))
    else {
        return;
    };
    let given = lit.value();
    if let Some(level) = LogLevel::from_name(&given) {
        set(cx, slot, key, key_span, (level, lit.span()));
        return;
    }
    let lower = given.to_lowercase();
    let near = closest(&given, LogLevel::NAMES).or_else(|| {
        LogLevel::NAMES
            .iter()
            .copied()
            .find(|name| lower.starts_with(name))
    });
    let hint = near
        .map(|near| format!("did you mean \"{near}\"? "))
        .unwrap_or_default();
    cx.spanned(
        &lit,
        format_args!(
            "unknown {LOG} level {given:?}: {hint}expected \"error\", \"warn\", \"info\", \
             \"debug\", \"trace\" or \"off\" (no log line)"
        ),
    );
}

/// A key whose value is a string literal, stored with the literal's span; `example` is a value
/// to show in the error.
fn str_key(
    cx: &Ctxt,
    meta: &ParseNestedMeta<'_>,
    key: Symbol,
    key_span: Span,
    slot: &mut Option<Keyed<LitStr>>,
    example: &'static str,
) {
    if let Some(lit) =
        value::expr(cx, meta, key).and_then(|e| str_value(cx, &e, Example(key, example)))
    {
        let span = lit.span();
        set(cx, slot, key, key_span, (lit, span));
    }
}

/// Stores a value, or reports a duplicate key with a pointer to the first.
fn set<T>(
    cx: &Ctxt,
    slot: &mut Option<Keyed<T>>,
    key: Symbol,
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
    *slot = Some(Keyed {
        value,
        key: key_span,
        span,
    });
}
