//! What `#[derive(ApiError)]` does, one test per rule of the attribute reference (the derive's docs) and `tests/vectors/ENVELOPES.md`.
//!
//! Every expected body below is written by hand from `tests/vectors/ENVELOPES.md`'s rules (compact JSON,
//! members in the documented order, `null` members left out), never copied from output.

use std::collections::BTreeMap;
use std::time::Duration;

use apierror::envelope::{
    DataErrorMeta, Envelope, ErrorCode, ErrorFlag, ErrorMessage, ErrorObject, ErrorView,
    JsonWriter, RequestInfo,
};
use apierror::{ApiError, StatusCode, WriteError};
use serde::Serialize;

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

/// The public message, as `apierror::message` displays it.
fn message(error: &impl ApiError) -> String {
    apierror::message(error).to_string()
}

/// The body rendered in envelope `E` without a request context, as text.
fn body<E: Envelope>(error: &impl ApiError) -> String {
    let rendered = apierror::render::<E>(error, &RequestInfo::default());
    String::from_utf8(rendered.into_body()).expect("bodies are UTF-8")
}

/// Status, every header (sorted, as `(name, value)` text) and body of a rendering.
fn rendered<E: Envelope>(error: &impl ApiError) -> (u16, Vec<(String, String)>, String) {
    let rendered = apierror::render::<E>(error, &RequestInfo::default());
    (
        rendered.status().as_u16(),
        headers(rendered.headers()),
        String::from_utf8(rendered.into_body()).expect("bodies are UTF-8"),
    )
}

fn headers(map: &http::HeaderMap) -> Vec<(String, String)> {
    let mut list: Vec<(String, String)> = map
        .iter()
        .map(|(name, value)| {
            (
                name.as_str().to_owned(),
                value.to_str().expect("ASCII header").to_owned(),
            )
        })
        .collect();
    list.sort();
    list
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut list: Vec<(String, String)> = list
        .iter()
        .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
        .collect();
    list.sort();
    list
}

// ---------------------------------------------------------------------------------------------
// Codes: `code_case` and explicit `code`
// ---------------------------------------------------------------------------------------------

macro_rules! case_enum {
    ($name:ident $(, $case:literal)?) => {
        #[derive(Debug, ApiError)]
        $(#[api(code_case = $case)])?
        #[allow(clippy::upper_case_acronyms)]
        enum $name {
            #[api(status = 400, message = "m")]
            UserNotFound,
            #[api(status = 400, message = "m")]
            HTTPError,
            #[api(status = 400, message = "m")]
            IOFailure,
            #[api(status = 400, message = "m")]
            Error404Page,
            #[api(status = 400, message = "m")]
            A,
        }
    };
}

case_enum!(DefaultCase);
case_enum!(ScreamingCase, "SCREAMING_SNAKE_CASE");
case_enum!(SnakeCase, "snake_case");
case_enum!(KebabCase, "kebab-case");
case_enum!(CamelCase, "camelCase");
case_enum!(PascalCase, "PascalCase");

#[test]
fn code_default_case_is_screaming_snake_case() {
    assert_eq!(DefaultCase::UserNotFound.code(), "USER_NOT_FOUND");
    assert_eq!(DefaultCase::HTTPError.code(), "HTTP_ERROR");
    assert_eq!(DefaultCase::IOFailure.code(), "IO_FAILURE");
    assert_eq!(DefaultCase::Error404Page.code(), "ERROR404_PAGE");
    assert_eq!(DefaultCase::A.code(), "A");
}

#[test]
fn code_case_screaming_snake_case_explicit() {
    assert_eq!(ScreamingCase::UserNotFound.code(), "USER_NOT_FOUND");
    assert_eq!(ScreamingCase::HTTPError.code(), "HTTP_ERROR");
    assert_eq!(ScreamingCase::IOFailure.code(), "IO_FAILURE");
    assert_eq!(ScreamingCase::Error404Page.code(), "ERROR404_PAGE");
    assert_eq!(ScreamingCase::A.code(), "A");
}

#[test]
fn code_case_snake_case() {
    assert_eq!(SnakeCase::UserNotFound.code(), "user_not_found");
    assert_eq!(SnakeCase::HTTPError.code(), "http_error");
    assert_eq!(SnakeCase::IOFailure.code(), "io_failure");
    assert_eq!(SnakeCase::Error404Page.code(), "error404_page");
    assert_eq!(SnakeCase::A.code(), "a");
}

#[test]
fn code_case_kebab_case() {
    assert_eq!(KebabCase::UserNotFound.code(), "user-not-found");
    assert_eq!(KebabCase::HTTPError.code(), "http-error");
    assert_eq!(KebabCase::IOFailure.code(), "io-failure");
    assert_eq!(KebabCase::Error404Page.code(), "error404-page");
    assert_eq!(KebabCase::A.code(), "a");
}

#[test]
fn code_case_camel_case() {
    assert_eq!(CamelCase::UserNotFound.code(), "userNotFound");
    assert_eq!(CamelCase::HTTPError.code(), "httpError");
    assert_eq!(CamelCase::IOFailure.code(), "ioFailure");
    assert_eq!(CamelCase::Error404Page.code(), "error404Page");
    assert_eq!(CamelCase::A.code(), "a");
}

#[test]
fn code_case_pascal_case() {
    assert_eq!(PascalCase::UserNotFound.code(), "UserNotFound");
    assert_eq!(PascalCase::HTTPError.code(), "HttpError");
    assert_eq!(PascalCase::IOFailure.code(), "IoFailure");
    assert_eq!(PascalCase::Error404Page.code(), "Error404Page");
    assert_eq!(PascalCase::A.code(), "A");
}

#[derive(Debug, ApiError)]
#[api(code_case = "snake_case")]
enum ExplicitCodes {
    #[api(status = 429, code = "RATE_LIMITED", message = "slow down")]
    Throttled,
    #[api(status = 400, code = "legacy.Code-1", message = "old")]
    Legacy,
    #[api(status = 400, message = "derived")]
    StillDerived,
}

#[test]
fn explicit_code_wins_over_code_case_unchanged() {
    assert_eq!(ExplicitCodes::Throttled.code(), "RATE_LIMITED");
    assert_eq!(ExplicitCodes::Legacy.code(), "legacy.Code-1");
    assert_eq!(ExplicitCodes::StillDerived.code(), "still_derived");
    assert_eq!(
        body::<ErrorObject>(&ExplicitCodes::Throttled),
        r#"{"error":{"code":"RATE_LIMITED","message":"slow down"}}"#
    );
}

// ---------------------------------------------------------------------------------------------
// Status forms
// ---------------------------------------------------------------------------------------------

#[derive(Debug, thiserror::Error, ApiError)]
enum Statuses {
    #[error("by number")]
    #[api(status = 404)]
    Number,
    #[error("by http path")]
    #[api(status = http::StatusCode::NOT_FOUND)]
    HttpPath,
    #[error("by short path")]
    #[api(status = StatusCode::TOO_MANY_REQUESTS)]
    ShortPath,
    #[error("by runtime path")]
    #[api(status = apierror::StatusCode::UNPROCESSABLE_ENTITY)]
    RuntimePath,
    #[error("password=hunter2")]
    #[api(status = StatusCode::INTERNAL_SERVER_ERROR)]
    ServerByPath,
}

#[test]
fn status_as_number() {
    assert_eq!(Statuses::Number.status(), StatusCode::NOT_FOUND);
    assert_eq!(Statuses::Number.status().as_u16(), 404);
}

#[test]
fn status_as_http_status_code_path() {
    assert_eq!(Statuses::HttpPath.status().as_u16(), 404);
    assert_eq!(message(&Statuses::HttpPath), "by http path");
}

#[test]
fn status_as_short_status_code_path() {
    assert_eq!(Statuses::ShortPath.status().as_u16(), 429);
    assert_eq!(Statuses::RuntimePath.status().as_u16(), 422);
    // 429 through a path is still retryable by default.
    assert!(Statuses::ShortPath.retryable());
}

#[test]
fn status_path_to_a_5xx_hides_the_display_text() {
    assert_eq!(Statuses::ServerByPath.status().as_u16(), 500);
    assert_eq!(message(&Statuses::ServerByPath), "Internal Server Error");
    assert_eq!(
        body::<ErrorObject>(&Statuses::ServerByPath),
        r#"{"error":{"code":"SERVER_BY_PATH","message":"Internal Server Error"}}"#
    );
}

// ---------------------------------------------------------------------------------------------
// Message defaults
// ---------------------------------------------------------------------------------------------

#[derive(Debug, thiserror::Error, ApiError)]
enum Defaults {
    #[error("user {id} not found")]
    #[api(status = 404)]
    UserNotFound { id: u64 },
    #[error("db password={0}")]
    #[api(status = 500)]
    Database(String),
    #[error("upstream password={0}")]
    #[api(status = 502)]
    Gateway(String),
    #[error("gateway timed out after {0} ms")]
    #[api(status = 504, expose)]
    Exposed(u32),
}

/// Every string type a template copies as it is, beside types that go through `Display`.
#[derive(Debug, thiserror::Error, apierror::ApiError)]
#[error("mixed")]
#[api(
    status = 400,
    code = "MIXED",
    message = "{borrowed}|{owned}|{boxed}|{cow}|{number}|{shown}"
)]
struct TemplateKinds<'a> {
    borrowed: &'a str,
    owned: String,
    boxed: Box<str>,
    cow: std::borrow::Cow<'a, str>,
    number: u32,
    shown: std::net::Ipv4Addr,
}

#[test]
fn template_fields_of_every_string_type_are_escaped_like_display_ones() {
    let error = TemplateKinds {
        borrowed: "a\"b",
        owned: "tab\there".to_owned(),
        boxed: "é\u{1}".into(),
        cow: std::borrow::Cow::Borrowed("</x>"),
        number: 42,
        shown: std::net::Ipv4Addr::LOCALHOST,
    };
    assert_eq!(message(&error), "a\"b|tab\there|é\u{1}|</x>|42|127.0.0.1");
    assert_eq!(
        body::<ErrorObject>(&error),
        r#"{"error":{"code":"MIXED","message":"a\"b|tab\there|é\u0001|</x>|42|127.0.0.1"}}"#
    );
}

#[test]
fn message_of_a_4xx_defaults_to_display() {
    let error = Defaults::UserNotFound { id: 7 };
    assert_eq!(message(&error), "user 7 not found");
    assert_eq!(
        body::<ErrorObject>(&error),
        r#"{"error":{"code":"USER_NOT_FOUND","message":"user 7 not found"}}"#
    );
}

#[test]
fn message_of_a_5xx_is_the_canonical_reason_even_with_a_secret_display() {
    let error = Defaults::Database("hunter2".into());
    assert_eq!(error.to_string(), "db password=hunter2");
    assert_eq!(message(&error), "Internal Server Error");
    assert_eq!(message(&Defaults::Gateway("hunter2".into())), "Bad Gateway");
    assert_eq!(
        body::<ErrorObject>(&error),
        r#"{"error":{"code":"DATABASE","message":"Internal Server Error"}}"#
    );
    assert_eq!(
        body::<ErrorFlag>(&error),
        r#"{"error":true,"message":"Internal Server Error","code":"DATABASE"}"#
    );
    assert_eq!(
        body::<ErrorMessage>(&error),
        r#"{"error":"Internal Server Error","code":"DATABASE"}"#
    );
    assert_eq!(
        body::<ErrorCode>(&error),
        r#"{"error":"DATABASE","message":"Internal Server Error","status":500}"#
    );
    assert!(!body::<DataErrorMeta>(&error).contains("hunter2"));
}

#[test]
fn message_of_an_exposed_5xx_is_display() {
    let error = Defaults::Exposed(1500);
    assert_eq!(message(&error), "gateway timed out after 1500 ms");
    assert_eq!(
        body::<ErrorCode>(&error),
        r#"{"error":"EXPOSED","message":"gateway timed out after 1500 ms","status":504}"#
    );
}

// ---------------------------------------------------------------------------------------------
// Message templates
// ---------------------------------------------------------------------------------------------

#[derive(Debug, ApiError)]
enum Templates {
    #[api(status = 404, message = "user {id} not found")]
    Named { id: u64 },
    #[api(status = 409, message = "name {name:?} is taken")]
    Debugged { name: String },
    #[api(status = 400, message = "{1} of {0}")]
    Tuple(u32, &'static str),
    #[api(status = 400, message = "use {{}} or {{name}}, not {n}}}")]
    Braces { n: u8 },
    #[api(
        status = 400,
        message = "[{n:>5}] [{n:<4}] [{n:05}] [{x:.2}] [{n:#x}] [{s:^7}] [{s:?}]"
    )]
    Specs { n: u32, x: f64, s: &'static str },
    #[api(status = 400, message = "{n} and {n} again")]
    Repeated { n: u8 },
    #[api(status = 500, message = "template on a 5xx: {0}")]
    ServerTemplate(u16),
}

#[test]
fn template_with_named_fields() {
    let error = Templates::Named { id: 42 };
    assert_eq!(message(&error), "user 42 not found");
    assert_eq!(
        body::<ErrorObject>(&error),
        r#"{"error":{"code":"NAMED","message":"user 42 not found"}}"#
    );
}

#[test]
fn template_with_debug_field_is_json_escaped() {
    let error = Templates::Debugged { name: "ada".into() };
    assert_eq!(message(&error), r#"name "ada" is taken"#);
    assert_eq!(
        body::<ErrorMessage>(&error),
        r#"{"error":"name \"ada\" is taken","code":"DEBUGGED"}"#
    );
}

#[test]
fn template_with_tuple_fields() {
    let error = Templates::Tuple(3, "page");
    assert_eq!(message(&error), "page of 3");
    assert_eq!(
        body::<ErrorFlag>(&error),
        r#"{"error":true,"message":"page of 3","code":"TUPLE"}"#
    );
}

#[test]
fn template_with_escaped_braces() {
    let error = Templates::Braces { n: 1 };
    assert_eq!(message(&error), "use {} or {name}, not 1}");
    assert_eq!(
        body::<ErrorObject>(&error),
        r#"{"error":{"code":"BRACES","message":"use {} or {name}, not 1}"}}"#
    );
}

#[test]
fn template_with_format_specs() {
    let error = Templates::Specs {
        n: 42,
        x: 12.3456,
        s: "mid",
    };
    assert_eq!(
        message(&error),
        r#"[   42] [42  ] [00042] [12.35] [0x2a] [  mid  ] ["mid"]"#
    );
    assert_eq!(
        body::<ErrorCode>(&error),
        r#"{"error":"SPECS","message":"[   42] [42  ] [00042] [12.35] [0x2a] [  mid  ] [\"mid\"]","status":400}"#
    );
}

#[test]
fn template_may_use_a_field_twice() {
    assert_eq!(message(&Templates::Repeated { n: 9 }), "9 and 9 again");
}

#[test]
fn template_on_a_5xx_is_shown() {
    let error = Templates::ServerTemplate(17);
    assert_eq!(message(&error), "template on a 5xx: 17");
    assert_eq!(
        body::<ErrorObject>(&error),
        r#"{"error":{"code":"SERVER_TEMPLATE","message":"template on a 5xx: 17"}}"#
    );
}

/// Generic fields under every kind of format spec. Each field's type implements only the
/// formatting trait its placeholder needs, so a bound the derive wrongly adds, or one it
/// forgets (`{id:>5}` on a type parameter once got none), is a compile error here.
mod generic_specs {
    use core::fmt;

    macro_rules! only {
        ($($name:ident: $trait:ident => $text:literal;)*) => {$(
            /// Implements only `core::fmt::
            #[doc = stringify!($trait)]
            /// `.
            pub struct $name;
            impl fmt::$trait for $name {
                fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    f.pad($text)
                }
            }
        )*};
    }

    only! {
        DisplayOnly: Display => "shown";
        DebugOnly: Debug => "debugged";
        LowerHexOnly: LowerHex => "ff";
        UpperHexOnly: UpperHex => "FF";
        OctalOnly: Octal => "17";
        BinaryOnly: Binary => "101";
        LowerExpOnly: LowerExp => "1e3";
        UpperExpOnly: UpperExp => "1E3";
    }

    macro_rules! generic {
        ($($name:ident: $template:literal;)*) => {$(
            #[derive(apierror::ApiError)]
            #[api(status = 400, message = $template)]
            pub struct $name<K> {
                pub id: K,
            }
        )*};
    }

    generic! {
        Plain: "[{id}]";
        Aligned: "[{id:>7}]";
        Debugged: "[{id:?}]";
        PrettyDebugged: "[{id:#?}]";
        HexDebugged: "[{id:x?}]";
        LowerHex: "[{id:x}]";
        UpperHex: "[{id:X}]";
        Octal: "[{id:o}]";
        Binary: "[{id:b}]";
        LowerExp: "[{id:e}]";
        UpperExp: "[{id:E}]";
    }
}

#[test]
fn a_generic_field_gets_the_trait_of_its_format_spec() {
    use generic_specs::*;

    assert_eq!(message(&Plain { id: DisplayOnly }), "[shown]");
    assert_eq!(message(&Aligned { id: DisplayOnly }), "[  shown]");
    assert_eq!(message(&Debugged { id: DebugOnly }), "[debugged]");
    assert_eq!(message(&PrettyDebugged { id: DebugOnly }), "[debugged]");
    assert_eq!(message(&HexDebugged { id: DebugOnly }), "[debugged]");
    assert_eq!(message(&LowerHex { id: LowerHexOnly }), "[ff]");
    assert_eq!(message(&UpperHex { id: UpperHexOnly }), "[FF]");
    assert_eq!(message(&Octal { id: OctalOnly }), "[17]");
    assert_eq!(message(&Binary { id: BinaryOnly }), "[101]");
    assert_eq!(message(&LowerExp { id: LowerExpOnly }), "[1e3]");
    assert_eq!(message(&UpperExp { id: UpperExpOnly }), "[1E3]");
    // And with ordinary types, the formatting itself.
    assert_eq!(message(&Aligned { id: 42_u8 }), "[     42]");
    assert_eq!(message(&LowerHex { id: 255_u32 }), "[ff]");
    assert_eq!(message(&Binary { id: 5_u8 }), "[101]");
    assert_eq!(message(&LowerExp { id: 1500.0_f64 }), "[1.5e3]");
    assert_eq!(
        body::<ErrorObject>(&Debugged { id: "a\"b" }),
        r#"{"error":{"code":"DEBUGGED","message":"[\"a\\\"b\"]"}}"#
    );
}

#[derive(Debug, thiserror::Error, ApiError)]
enum Escaping {
    #[api(status = 400, message = "say \"hi\" \\ C:\\dir\nnext\tline é ✓ 😀 {v}")]
    #[error("unused")]
    Template { v: String },
    #[error("bad \"{0}\"\r\nüber")]
    #[api(status = 422)]
    Display(String),
}

#[test]
fn template_with_quotes_backslash_newline_and_non_ascii_is_json_escaped() {
    let error = Escaping::Template {
        v: "\u{1}q\"\u{7f}".into(),
    };
    assert_eq!(
        message(&error),
        "say \"hi\" \\ C:\\dir\nnext\tline é ✓ 😀 \u{1}q\"\u{7f}"
    );
    assert_eq!(
        body::<ErrorObject>(&error),
        "{\"error\":{\"code\":\"TEMPLATE\",\"message\":\
         \"say \\\"hi\\\" \\\\ C:\\\\dir\\nnext\\tline é ✓ 😀 \\u0001q\\\"\u{7f}\"}}"
    );
}

#[test]
fn display_with_quotes_backslash_newline_and_non_ascii_is_json_escaped() {
    let error = Escaping::Display("a\\b".into());
    assert_eq!(message(&error), "bad \"a\\b\"\r\nüber");
    assert_eq!(
        body::<ErrorMessage>(&error),
        r#"{"error":"bad \"a\\b\"\r\nüber","code":"DISPLAY"}"#
    );
}

// ---------------------------------------------------------------------------------------------
// retryable
// ---------------------------------------------------------------------------------------------

#[derive(Debug, ApiError)]
enum Retryability {
    #[api(status = 408, message = "m")]
    S408,
    #[api(status = 429, message = "m")]
    S429,
    #[api(status = 502, message = "m")]
    S502,
    #[api(status = 503, message = "m")]
    S503,
    #[api(status = 504, message = "m")]
    S504,
    #[api(status = 400, message = "m")]
    S400,
    #[api(status = 404, message = "m")]
    S404,
    #[api(status = 500, message = "m")]
    S500,
    #[api(status = 409, message = "m", retryable)]
    ForcedOn,
    #[api(status = 409, message = "m", retryable = true)]
    ForcedOnExplicitly,
    #[api(status = 503, message = "m", retryable = false)]
    ForcedOff,
}

#[test]
fn retryable_by_default_for_408_429_502_503_504() {
    for error in [
        Retryability::S408,
        Retryability::S429,
        Retryability::S502,
        Retryability::S503,
        Retryability::S504,
    ] {
        assert!(error.retryable(), "{error:?}");
    }
}

#[test]
fn not_retryable_by_default_for_400_404_500() {
    for error in [Retryability::S400, Retryability::S404, Retryability::S500] {
        assert!(!error.retryable(), "{error:?}");
    }
}

#[test]
fn retryable_flag_overrides_the_default() {
    assert!(Retryability::ForcedOn.retryable());
    assert!(Retryability::ForcedOnExplicitly.retryable());
    assert!(!Retryability::ForcedOff.retryable());
}

// ---------------------------------------------------------------------------------------------
// retry_after
// ---------------------------------------------------------------------------------------------

#[derive(Debug, ApiError)]
enum Delays {
    #[api(status = 503, message = "m", retry_after = 60)]
    Constant,
    #[api(status = 429, message = "m")]
    Seconds {
        #[api(retry_after)]
        secs: u64,
    },
    #[api(status = 429, message = "m")]
    Precise {
        #[api(retry_after)]
        wait: Duration,
    },
    #[api(status = 429, message = "m")]
    Maybe {
        #[api(retry_after)]
        wait: Option<Duration>,
    },
    #[api(status = 503, message = "m")]
    TupleDelay(#[api(retry_after)] Duration),
    #[api(status = 429, message = "m")]
    NoDelay,
}

#[test]
fn retry_after_constant() {
    let error = Delays::Constant;
    assert_eq!(error.retry_after(), Some(Duration::from_secs(60)));
    let (status, headers, body) = rendered::<ErrorObject>(&error);
    assert_eq!(status, 503);
    assert_eq!(
        headers,
        pairs(&[("content-type", "application/json"), ("retry-after", "60")])
    );
    assert_eq!(
        body,
        r#"{"error":{"code":"CONSTANT","message":"m","details":{"retry_after":60}}}"#
    );
    assert_eq!(
        self::body::<ErrorFlag>(&error),
        r#"{"error":true,"message":"m","code":"CONSTANT","retry_after_ms":60000}"#
    );
}

#[test]
fn retry_after_field_of_u64_seconds() {
    let error = Delays::Seconds { secs: 30 };
    assert_eq!(error.retry_after(), Some(Duration::from_secs(30)));
    let (_, headers, body) = rendered::<ErrorObject>(&error);
    assert_eq!(
        headers,
        pairs(&[("content-type", "application/json"), ("retry-after", "30")])
    );
    assert_eq!(
        body,
        r#"{"error":{"code":"SECONDS","message":"m","details":{"retry_after":30}}}"#
    );
}

#[test]
fn retry_after_duration_rounds_up_to_whole_seconds_in_the_header() {
    let error = Delays::Precise {
        wait: Duration::from_millis(1500),
    };
    assert_eq!(error.retry_after(), Some(Duration::from_millis(1500)));
    let (_, headers, body) = rendered::<ErrorObject>(&error);
    assert_eq!(
        headers,
        pairs(&[("content-type", "application/json"), ("retry-after", "2")])
    );
    assert_eq!(
        body,
        r#"{"error":{"code":"PRECISE","message":"m","details":{"retry_after":2}}}"#
    );
    assert_eq!(
        self::body::<ErrorFlag>(&error),
        r#"{"error":true,"message":"m","code":"PRECISE","retry_after_ms":1500}"#
    );

    // A quarter second is still one second; exactly two seconds stays two.
    let quarter = Delays::Precise {
        wait: Duration::from_millis(250),
    };
    assert_eq!(rendered::<ErrorObject>(&quarter).1[1].1, "1");
    let exact = Delays::Precise {
        wait: Duration::from_secs(2),
    };
    assert_eq!(rendered::<ErrorObject>(&exact).1[1].1, "2");
}

#[test]
fn retry_after_ms_rounds_up_to_whole_milliseconds() {
    let error = Delays::Precise {
        wait: Duration::from_micros(1_500_001),
    };
    assert_eq!(
        body::<ErrorFlag>(&error),
        r#"{"error":true,"message":"m","code":"PRECISE","retry_after_ms":1501}"#
    );
    let tiny = Delays::Precise {
        wait: Duration::from_nanos(1),
    };
    assert_eq!(
        body::<ErrorFlag>(&tiny),
        r#"{"error":true,"message":"m","code":"PRECISE","retry_after_ms":1}"#
    );
    assert_eq!(rendered::<ErrorFlag>(&tiny).1[1].1, "1");
}

#[test]
fn retry_after_option_none_sets_no_header_and_no_member() {
    let error = Delays::Maybe { wait: None };
    assert_eq!(error.retry_after(), None);
    let (status, headers, body) = rendered::<ErrorObject>(&error);
    assert_eq!(status, 429);
    assert_eq!(headers, pairs(&[("content-type", "application/json")]));
    assert_eq!(body, r#"{"error":{"code":"MAYBE","message":"m"}}"#);
    assert_eq!(
        self::body::<ErrorFlag>(&error),
        r#"{"error":true,"message":"m","code":"MAYBE"}"#
    );
}

#[test]
fn retry_after_option_some_sets_the_header() {
    let error = Delays::Maybe {
        wait: Some(Duration::from_secs(5)),
    };
    assert_eq!(error.retry_after(), Some(Duration::from_secs(5)));
    let (_, headers, body) = rendered::<ErrorFlag>(&error);
    assert_eq!(
        headers,
        pairs(&[("content-type", "application/json"), ("retry-after", "5")])
    );
    assert_eq!(
        body,
        r#"{"error":true,"message":"m","code":"MAYBE","retry_after_ms":5000}"#
    );
}

#[test]
fn retry_after_on_a_tuple_field() {
    let error = Delays::TupleDelay(Duration::from_secs(3));
    assert_eq!(error.retry_after(), Some(Duration::from_secs(3)));
    assert_eq!(Delays::NoDelay.retry_after(), None);
}

// ---------------------------------------------------------------------------------------------
// Details
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Serialize)]
struct Limits {
    max: u32,
    window: &'static str,
    nested: Inner,
}

#[derive(Debug, Serialize)]
struct Inner {
    flag: bool,
}

#[derive(Debug, ApiError)]
enum WithDetails {
    #[api(status = 422, code = "INVALID", message = "invalid {field}")]
    Invalid {
        #[api(detail)]
        field: String,
        #[api(detail = "reason")]
        requirement: String,
        #[api(detail)]
        limits: Limits,
        #[api(detail)]
        allowed: Vec<u8>,
        #[api(detail)]
        hint: Option<String>,
        #[allow(dead_code)]
        not_a_detail: u32,
    },
    #[api(status = 400, message = "order")]
    Order {
        #[api(detail)]
        zulu: u8,
        #[api(detail)]
        alpha: u8,
        #[api(detail)]
        mike: u8,
    },
    #[api(status = 400, message = "tuple")]
    TupleDetail(
        #[api(detail = "value")] u32,
        #[api(detail = "label")] &'static str,
    ),
    #[api(status = 429, message = "later")]
    DetailAndDelay {
        #[api(detail)]
        bucket: &'static str,
        #[api(retry_after)]
        wait: u64,
    },
    #[api(status = 400, message = "none")]
    NoDetails,
}

fn invalid() -> WithDetails {
    WithDetails::Invalid {
        field: "role_id".into(),
        requirement: "required".into(),
        limits: Limits {
            max: 3,
            window: "1m",
            nested: Inner { flag: true },
        },
        allowed: vec![1, 2],
        hint: None,
        not_a_detail: 99,
    }
}

#[test]
fn details_in_error_object_nested_vec_option_null_and_renamed() {
    assert_eq!(
        body::<ErrorObject>(&invalid()),
        r#"{"error":{"code":"INVALID","message":"invalid role_id","details":{"field":"role_id","reason":"required","limits":{"max":3,"window":"1m","nested":{"flag":true}},"allowed":[1,2],"hint":null}}}"#
    );
}

#[test]
fn details_in_error_message() {
    assert_eq!(
        body::<ErrorMessage>(&invalid()),
        r#"{"error":"invalid role_id","code":"INVALID","details":{"field":"role_id","reason":"required","limits":{"max":3,"window":"1m","nested":{"flag":true}},"allowed":[1,2],"hint":null}}"#
    );
}

#[test]
fn details_option_some_is_its_value() {
    let mut error = invalid();
    if let WithDetails::Invalid { hint, .. } = &mut error {
        *hint = Some("use an id".into());
    }
    assert!(body::<ErrorObject>(&error).ends_with(r#""allowed":[1,2],"hint":"use an id"}}}"#));
}

#[test]
fn details_are_left_out_by_envelopes_without_a_place_for_them() {
    let error = invalid();
    assert_eq!(
        body::<ErrorFlag>(&error),
        r#"{"error":true,"message":"invalid role_id","code":"INVALID"}"#
    );
    assert_eq!(
        body::<ErrorCode>(&error),
        r#"{"error":"INVALID","message":"invalid role_id","status":422}"#
    );
    let data = body::<DataErrorMeta>(&error);
    assert!(!data.contains("\"field\""), "{data}");
    assert!(!data.contains("required"), "{data}");
}

#[test]
fn details_follow_declaration_order() {
    let error = WithDetails::Order {
        zulu: 26,
        alpha: 1,
        mike: 13,
    };
    assert_eq!(
        body::<ErrorObject>(&error),
        r#"{"error":{"code":"ORDER","message":"order","details":{"zulu":26,"alpha":1,"mike":13}}}"#
    );
}

#[test]
fn details_on_tuple_fields_use_their_names() {
    assert_eq!(
        body::<ErrorMessage>(&WithDetails::TupleDetail(5, "five")),
        r#"{"error":"tuple","code":"TUPLE_DETAIL","details":{"value":5,"label":"five"}}"#
    );
}

#[test]
fn details_then_retry_after_last_in_error_object() {
    let error = WithDetails::DetailAndDelay {
        bucket: "writes",
        wait: 5,
    };
    assert_eq!(
        body::<ErrorObject>(&error),
        r#"{"error":{"code":"DETAIL_AND_DELAY","message":"later","details":{"bucket":"writes","retry_after":5}}}"#
    );
}

#[test]
fn details_omitted_when_empty() {
    assert_eq!(
        body::<ErrorObject>(&WithDetails::NoDetails),
        r#"{"error":{"code":"NO_DETAILS","message":"none"}}"#
    );
    assert_eq!(
        body::<ErrorMessage>(&WithDetails::NoDetails),
        r#"{"error":"none","code":"NO_DETAILS"}"#
    );
}

#[test]
fn details_on_a_5xx_with_a_request_id_end_with_request_id_in_error_object() {
    #[derive(Debug, ApiError)]
    #[api(status = 500, code = "INTERNAL_ERROR")]
    struct Internal {
        #[api(detail)]
        shard: u8,
    }
    let context = RequestInfo::new().with_request_id("req-1");
    let rendered = apierror::render::<ErrorObject>(&Internal { shard: 3 }, &context);
    assert_eq!(
        rendered.body(),
        br#"{"error":{"code":"INTERNAL_ERROR","message":"Internal Server Error","details":{"shard":3,"request_id":"req-1"}}}"#
    );
}

// ---------------------------------------------------------------------------------------------
// A struct is one error
// ---------------------------------------------------------------------------------------------

#[derive(Debug, thiserror::Error, ApiError)]
#[error("quota of {limit} exceeded")]
#[api(envelope = ErrorMessage)]
#[api(status = 429, retry_after = 10)]
struct QuotaExceeded {
    #[api(detail)]
    limit: u32,
}

#[test]
fn struct_derives_one_error() {
    let error = QuotaExceeded { limit: 100 };
    assert_eq!(error.status().as_u16(), 429);
    assert_eq!(error.code(), "QUOTA_EXCEEDED");
    assert_eq!(message(&error), "quota of 100 exceeded");
    assert!(error.retryable());
    assert_eq!(error.retry_after(), Some(Duration::from_secs(10)));
    let (status, headers, body) = rendered::<ErrorMessage>(&error);
    assert_eq!(status, 429);
    assert_eq!(
        headers,
        pairs(&[("content-type", "application/json"), ("retry-after", "10")])
    );
    assert_eq!(
        body,
        r#"{"error":"quota of 100 exceeded","code":"QUOTA_EXCEEDED","details":{"limit":100}}"#
    );
}

#[tokio::test]
async fn struct_into_response_uses_its_envelope() {
    let response = axum::response::IntoResponse::into_response(QuotaExceeded { limit: 1 });
    assert_eq!(response.status(), 429);
    assert_eq!(
        headers(response.headers()),
        pairs(&[("content-type", "application/json"), ("retry-after", "10")])
    );
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap();
    assert_eq!(
        &bytes[..],
        br#"{"error":"quota of 1 exceeded","code":"QUOTA_EXCEEDED","details":{"limit":1}}"#
    );
}

// ---------------------------------------------------------------------------------------------
// transparent
// ---------------------------------------------------------------------------------------------

#[derive(Debug, thiserror::Error, ApiError)]
#[api(envelope = ErrorFlag, domain = "billing.example.com", version = "9.9.9")]
enum BillingError {
    #[error("card {last4} declined")]
    #[api(status = 402, code = "CARD_DECLINED")]
    CardDeclined {
        #[api(detail)]
        last4: &'static str,
    },
    #[error("processor down")]
    #[api(status = 503, retry_after = 30)]
    ProcessorDown,
    #[error("ledger password=hunter2")]
    #[api(status = 500)]
    Ledger,
    #[error("not retryable")]
    #[api(status = 429, retryable = false)]
    Quota,
}

#[derive(Debug, thiserror::Error, ApiError)]
enum AppError {
    #[error(transparent)]
    #[api(transparent)]
    Billing(#[from] BillingError),
    #[error(transparent)]
    #[api(transparent)]
    Named { inner: BillingError },
    #[error("local")]
    #[api(status = 400)]
    Local,
}

#[derive(Debug, thiserror::Error, ApiError)]
#[api(envelope = ErrorCode)]
enum TopError {
    #[error(transparent)]
    #[api(transparent)]
    App(AppError),
}

#[test]
fn transparent_forwards_status_code_message_and_details() {
    let error = AppError::from(BillingError::CardDeclined { last4: "4242" });
    assert_eq!(error.status().as_u16(), 402);
    assert_eq!(error.code(), "CARD_DECLINED");
    assert_eq!(message(&error), "card 4242 declined");
    assert!(!error.retryable());
    assert_eq!(error.retry_after(), None);
    // The outer error keeps its own envelope (ErrorObject), with the inner details.
    assert_eq!(
        body::<ErrorObject>(&error),
        r#"{"error":{"code":"CARD_DECLINED","message":"card 4242 declined","details":{"last4":"4242"}}}"#
    );
}

#[test]
fn transparent_forwards_retryable_and_retry_after() {
    let error = AppError::Billing(BillingError::ProcessorDown);
    assert_eq!(error.status().as_u16(), 503);
    assert!(error.retryable());
    assert_eq!(error.retry_after(), Some(Duration::from_secs(30)));
    assert_eq!(message(&error), "Service Unavailable");
    let (status, headers, body) = rendered::<ErrorObject>(&error);
    assert_eq!(status, 503);
    assert_eq!(
        headers,
        pairs(&[("content-type", "application/json"), ("retry-after", "30")])
    );
    assert_eq!(
        body,
        r#"{"error":{"code":"PROCESSOR_DOWN","message":"Service Unavailable","details":{"retry_after":30}}}"#
    );
    assert!(!AppError::Billing(BillingError::Quota).retryable());
}

#[test]
fn transparent_keeps_the_inner_5xx_hidden() {
    let error = AppError::Named {
        inner: BillingError::Ledger,
    };
    assert_eq!(message(&error), "Internal Server Error");
    assert_eq!(
        body::<ErrorObject>(&error),
        r#"{"error":{"code":"LEDGER","message":"Internal Server Error"}}"#
    );
}

#[test]
fn transparent_outer_keeps_its_envelope_domain_and_version() {
    let inner = BillingError::CardDeclined { last4: "1111" };
    assert_eq!(api(&inner).domain, Some("billing.example.com"));
    assert_eq!(api(&inner).version, Some("9.9.9"));
    let outer = AppError::from(BillingError::CardDeclined { last4: "1111" });
    assert_eq!(api(&outer).domain, Some(env!("CARGO_PKG_NAME")));
    assert_eq!(api(&outer).version, Some(env!("CARGO_PKG_VERSION")));
}

#[tokio::test]
async fn transparent_into_response_uses_the_outer_envelope() {
    let inner =
        axum::response::IntoResponse::into_response(BillingError::CardDeclined { last4: "4242" });
    let inner = axum::body::to_bytes(inner.into_body(), usize::MAX)
        .await
        .unwrap();
    assert_eq!(
        &inner[..],
        br#"{"error":true,"message":"card 4242 declined","code":"CARD_DECLINED"}"#
    );

    let outer =
        axum::response::IntoResponse::into_response(AppError::from(BillingError::CardDeclined {
            last4: "4242",
        }));
    assert_eq!(outer.status(), 402);
    let outer = axum::body::to_bytes(outer.into_body(), usize::MAX)
        .await
        .unwrap();
    assert_eq!(
        &outer[..],
        br#"{"error":{"code":"CARD_DECLINED","message":"card 4242 declined","details":{"last4":"4242"}}}"#
    );
}

#[test]
fn transparent_through_two_levels() {
    let error = TopError::App(AppError::Billing(BillingError::ProcessorDown));
    assert_eq!(error.status().as_u16(), 503);
    assert_eq!(error.code(), "PROCESSOR_DOWN");
    assert_eq!(error.retry_after(), Some(Duration::from_secs(30)));
    assert_eq!(
        body::<ErrorCode>(&error),
        r#"{"error":"PROCESSOR_DOWN","message":"Service Unavailable","status":503}"#
    );
    let local = TopError::App(AppError::Local);
    assert_eq!(message(&local), "local");
    assert_eq!(local.code(), "LOCAL");
}

// ---------------------------------------------------------------------------------------------
// domain and version
// ---------------------------------------------------------------------------------------------

#[derive(Debug, ApiError)]
#[api(envelope = DataErrorMeta)]
#[api(status = 410, message = "gone away")]
struct DefaultMeta;

#[derive(Debug, ApiError)]
#[api(envelope = DataErrorMeta, domain = "api.example.com", version = "1.0.0")]
#[api(status = 410, message = "gone \"away\"")]
struct ExplicitMeta;

#[test]
fn domain_and_version_default_to_the_deriving_crate() {
    assert_eq!(api(&DefaultMeta).domain, Some(env!("CARGO_PKG_NAME")));
    assert_eq!(api(&DefaultMeta).version, Some(env!("CARGO_PKG_VERSION")));
}

#[test]
fn domain_and_version_explicit() {
    assert_eq!(api(&ExplicitMeta).domain, Some("api.example.com"));
    assert_eq!(api(&ExplicitMeta).version, Some("1.0.0"));
}

/// Checks `YYYY-MM-DDTHH:MM:SS.nnnnnnnnnZ`.
fn assert_rfc3339_nanos(text: &str) {
    let bytes = text.as_bytes();
    assert_eq!(bytes.len(), 30, "{text}");
    for (i, &b) in bytes.iter().enumerate() {
        let expected = match i {
            4 | 7 => Some(b'-'),
            10 => Some(b'T'),
            13 | 16 => Some(b':'),
            19 => Some(b'.'),
            29 => Some(b'Z'),
            _ => None,
        };
        match expected {
            Some(c) => assert_eq!(b, c, "{text} at {i}"),
            None => assert!(b.is_ascii_digit(), "{text} at {i}"),
        }
    }
}

#[test]
fn data_error_meta_uses_the_explicit_version_and_the_request_id() {
    let context = RequestInfo::new().with_request_id("req-7");
    let rendered = apierror::render::<DataErrorMeta>(&ExplicitMeta, &context);
    assert_eq!(rendered.status(), 410);
    let body = String::from_utf8(rendered.into_body()).unwrap();
    let prefix = r#"{"data":null,"error":{"code":"EXPLICIT_META","message":"gone \"away\""},"meta":{"request_id":"req-7","timestamp":""#;
    let suffix = r#"","version":"1.0.0"}}"#;
    assert!(body.starts_with(prefix), "{body}");
    assert!(body.ends_with(suffix), "{body}");
    assert_rfc3339_nanos(&body[prefix.len()..body.len() - suffix.len()]);
}

#[test]
fn data_error_meta_defaults_to_the_crate_version_and_a_fresh_uuid_v4() {
    let body = body::<DataErrorMeta>(&DefaultMeta);
    let prefix = r#"{"data":null,"error":{"code":"DEFAULT_META","message":"gone away"},"meta":{"request_id":""#;
    let suffix = format!(r#"Z","version":"{}"}}}}"#, env!("CARGO_PKG_VERSION"));
    assert!(body.starts_with(prefix), "{body}");
    assert!(body.ends_with(&suffix), "{body}");
    let middle = &body[prefix.len()..body.len() - suffix.len() + 1];
    let (uuid, rest) = middle.split_at(36);
    let groups: Vec<&str> = uuid.split('-').collect();
    assert_eq!(
        groups.iter().map(|g| g.len()).collect::<Vec<_>>(),
        [8, 4, 4, 4, 12],
        "{uuid}"
    );
    assert!(uuid
        .chars()
        .all(|c| c == '-' || c.is_ascii_digit() || ('a'..='f').contains(&c)));
    assert!(groups[2].starts_with('4'), "version 4: {uuid}");
    assert!(
        groups[3].starts_with(['8', '9', 'a', 'b']),
        "RFC 4122 variant: {uuid}"
    );
    let timestamp = rest
        .strip_prefix(r#"","timestamp":""#)
        .unwrap_or_else(|| panic!("{body}"));
    assert_rfc3339_nanos(timestamp);
    // Two renderings get two ids.
    assert_ne!(
        body,
        self::body::<DataErrorMeta>(&DefaultMeta),
        "fresh id per response"
    );
}

// ---------------------------------------------------------------------------------------------
// ErrorView failures
// ---------------------------------------------------------------------------------------------

#[derive(Debug)]
struct Failing;

impl Serialize for Failing {
    fn serialize<S: serde::Serializer>(&self, _: S) -> Result<S::Ok, S::Error> {
        Err(serde::ser::Error::custom("refuses to serialize"))
    }
}

#[derive(Debug, ApiError)]
enum Broken {
    #[api(status = 429, message = "m", retry_after = 5)]
    BadMap {
        #[api(detail)]
        map: BTreeMap<(u8, u8), u8>,
    },
    #[api(status = 400, message = "m")]
    BadImpl {
        #[api(detail)]
        ok: u8,
        #[api(detail)]
        value: Failing,
    },
}

fn bad_map() -> Broken {
    Broken::BadMap {
        map: BTreeMap::from([((1, 2), 3)]),
    }
}

#[test]
fn detail_that_fails_to_serialize_gives_a_plain_500_in_the_same_envelope() {
    for error in [
        bad_map(),
        Broken::BadImpl {
            ok: 1,
            value: Failing,
        },
    ] {
        let (status, headers, body) = rendered::<ErrorObject>(&error);
        assert_eq!(status, 500, "{error:?}");
        assert_eq!(headers, pairs(&[("content-type", "application/json")]));
        assert_eq!(
            body,
            r#"{"error":{"code":"INTERNAL_ERROR","message":"Internal Server Error"}}"#
        );

        let (status, headers, body) = rendered::<ErrorMessage>(&error);
        assert_eq!(status, 500);
        assert_eq!(headers, pairs(&[("content-type", "application/json")]));
        assert_eq!(
            body,
            r#"{"error":"Internal Server Error","code":"INTERNAL_ERROR"}"#
        );
    }
}

#[test]
fn detail_failure_through_into_response_is_a_plain_500() {
    let response = axum::response::IntoResponse::into_response(bad_map());
    assert_eq!(response.status(), 500);
    assert_eq!(
        headers(response.headers()),
        pairs(&[("content-type", "application/json")])
    );
}

#[derive(Debug, ApiError)]
#[api(status = 400)]
struct DisplayFails;

impl std::fmt::Display for DisplayFails {
    fn fmt(&self, _: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        Err(std::fmt::Error)
    }
}

#[test]
fn display_that_fails_gives_a_plain_500() {
    let (status, _, body) = rendered::<ErrorCode>(&DisplayFails);
    assert_eq!(status, 500);
    assert_eq!(
        body,
        r#"{"error":"INTERNAL_ERROR","message":"Internal Server Error","status":500}"#
    );
}

#[derive(Debug)]
struct NotAnError(u16);

impl ApiError for NotAnError {
    fn status(&self) -> StatusCode {
        StatusCode::from_u16(self.0).unwrap()
    }
    fn code(&self) -> &'static str {
        "ALL_GOOD"
    }
    fn retry_after(&self) -> Option<Duration> {
        Some(Duration::from_secs(7))
    }
}

#[test]
fn hand_written_success_status_renders_as_500_internal_error() {
    for status in [200, 204, 302, 100] {
        let (code, headers, body) = rendered::<ErrorObject>(&NotAnError(status));
        assert_eq!(code, 500, "{status}");
        assert_eq!(headers, pairs(&[("content-type", "application/json")]));
        assert_eq!(
            body,
            r#"{"error":{"code":"INTERNAL_ERROR","message":"Internal Server Error"}}"#
        );
        assert_eq!(
            self::body::<ErrorFlag>(&NotAnError(status)),
            r#"{"error":true,"message":"Internal Server Error","code":"INTERNAL_ERROR"}"#
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Headers
// ---------------------------------------------------------------------------------------------

#[test]
fn rendered_headers_are_exactly_content_type_and_retry_after() {
    let (_, plain, _) = rendered::<ErrorObject>(&Templates::Named { id: 1 });
    assert_eq!(plain, pairs(&[("content-type", "application/json")]));
    let (_, with_delay, _) = rendered::<ErrorCode>(&Delays::Seconds { secs: 120 });
    assert_eq!(
        with_delay,
        pairs(&[("content-type", "application/json"), ("retry-after", "120")])
    );
    let (_, large, _) = rendered::<ErrorCode>(&Delays::Seconds { secs: 86_400 });
    assert_eq!(
        large,
        pairs(&[
            ("content-type", "application/json"),
            ("retry-after", "86400")
        ])
    );
}

#[tokio::test]
async fn derived_into_response_default_envelope() {
    let response = axum::response::IntoResponse::into_response(Delays::Precise {
        wait: Duration::from_millis(1500),
    });
    assert_eq!(response.status(), 429);
    assert_eq!(
        headers(response.headers()),
        pairs(&[("content-type", "application/json"), ("retry-after", "2")])
    );
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap();
    assert_eq!(
        &bytes[..],
        br#"{"error":{"code":"PRECISE","message":"m","details":{"retry_after":2}}}"#
    );
}

// ---------------------------------------------------------------------------------------------
// A user-defined envelope
// ---------------------------------------------------------------------------------------------

/// `{"kind":code,"status":n,"text":message,"extra":{details}}`, its own content type and an
/// `x-error-kind` header.
struct Custom;

impl Envelope for Custom {
    const CONTENT_TYPE: &'static str = "application/vnd.example.error+json";

    fn write_body(error: &ErrorView<'_>, out: &mut JsonWriter<'_>) -> Result<(), WriteError> {
        out.raw("{\"kind\":");
        out.string(error.code());
        out.raw(",\"status\":");
        out.u64(error.status().as_u16().into());
        out.raw(",\"text\":");
        out.message(error)?;
        out.details(error, ",\"extra\":{", &[])?.close("}");
        out.raw("}");
        Ok(())
    }

    fn write_headers(error: &ErrorView<'_>, headers: &mut http::HeaderMap) {
        headers.insert("x-error-kind", http::HeaderValue::from_static(error.code()));
    }
}

#[derive(Debug, thiserror::Error, ApiError)]
#[api(envelope = Custom)]
enum CustomError {
    #[error("no user {id}")]
    #[api(status = 404)]
    NoSuchUser {
        #[api(detail)]
        id: u64,
    },
    #[error("wait")]
    #[api(status = 503, retry_after = 9)]
    Busy,
    #[error("broken")]
    #[api(status = 400)]
    Broken {
        #[api(detail)]
        value: Failing,
    },
}

#[test]
fn custom_envelope_through_render() {
    let (status, headers, body) = rendered::<Custom>(&CustomError::NoSuchUser { id: 7 });
    assert_eq!(status, 404);
    assert_eq!(
        headers,
        pairs(&[
            ("content-type", "application/vnd.example.error+json"),
            ("x-error-kind", "NO_SUCH_USER"),
        ])
    );
    assert_eq!(
        body,
        r#"{"kind":"NO_SUCH_USER","status":404,"text":"no user 7","extra":{"id":7}}"#
    );

    let (status, headers, body) = rendered::<Custom>(&CustomError::Busy);
    assert_eq!(status, 503);
    assert_eq!(
        headers,
        pairs(&[
            ("content-type", "application/vnd.example.error+json"),
            ("retry-after", "9"),
            ("x-error-kind", "BUSY"),
        ])
    );
    assert_eq!(
        body,
        r#"{"kind":"BUSY","status":503,"text":"Service Unavailable"}"#
    );
}

#[test]
fn custom_envelope_fallback_is_written_by_the_same_envelope() {
    let (status, headers, body) = rendered::<Custom>(&CustomError::Broken { value: Failing });
    assert_eq!(status, 500);
    assert_eq!(
        headers,
        pairs(&[
            ("content-type", "application/vnd.example.error+json"),
            ("x-error-kind", "INTERNAL_ERROR"),
        ])
    );
    assert_eq!(
        body,
        r#"{"kind":"INTERNAL_ERROR","status":500,"text":"Internal Server Error"}"#
    );
}

#[tokio::test]
async fn custom_envelope_through_derived_into_response() {
    let response = axum::response::IntoResponse::into_response(CustomError::NoSuchUser { id: 7 });
    assert_eq!(response.status(), 404);
    assert_eq!(
        headers(response.headers()),
        pairs(&[
            ("content-type", "application/vnd.example.error+json"),
            ("x-error-kind", "NO_SUCH_USER"),
        ])
    );
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap();
    assert_eq!(
        &bytes[..],
        br#"{"kind":"NO_SUCH_USER","status":404,"text":"no user 7","extra":{"id":7}}"#
    );

    let busy = axum::response::IntoResponse::into_response(CustomError::Busy);
    assert_eq!(busy.status(), 503);
    assert_eq!(
        headers(busy.headers()),
        pairs(&[
            ("content-type", "application/vnd.example.error+json"),
            ("retry-after", "9"),
            ("x-error-kind", "BUSY"),
        ])
    );
}

// ---------------------------------------------------------------------------------------------
// Edges
// ---------------------------------------------------------------------------------------------

#[test]
fn retry_after_of_duration_max_saturates_without_panicking() {
    // Rounded up, `Duration::MAX` is 2^64 seconds, one more than a u64 holds: the header and
    // the members saturate rather than overflowing (a panic in debug builds, a wrap to
    // `Retry-After: 0` in release builds), at 2^53 - 1 = 9007199254740991, the largest integer
    // JavaScript's `Number` (and so every JSON parser) reads exactly.
    let error = Delays::Precise {
        wait: Duration::MAX,
    };
    let result = std::panic::catch_unwind(|| rendered::<ErrorObject>(&error));
    let (status, headers, body) = result.expect("render must never panic");
    assert_eq!(status, 429);
    assert_eq!(
        headers,
        pairs(&[
            ("content-type", "application/json"),
            ("retry-after", "9007199254740991")
        ])
    );
    assert_eq!(
        body,
        r#"{"error":{"code":"PRECISE","message":"m","details":{"retry_after":9007199254740991}}}"#
    );
    assert_eq!(
        self::body::<ErrorFlag>(&error),
        r#"{"error":true,"message":"m","code":"PRECISE","retry_after_ms":9007199254740991}"#
    );
}

#[test]
fn request_id_is_not_added_to_a_4xx_in_error_object() {
    let context = RequestInfo::new().with_request_id("req-2");
    let rendered = apierror::render::<ErrorObject>(&Templates::Named { id: 1 }, &context);
    assert_eq!(
        rendered.body(),
        br#"{"error":{"code":"NAMED","message":"user 1 not found"}}"#
    );
}

#[test]
fn long_message_and_details_render_whole() {
    let long: String = "é\"x".repeat(400);
    let error = WithDetails::Invalid {
        field: long.clone(),
        requirement: "required".into(),
        limits: Limits {
            max: 1,
            window: "1s",
            nested: Inner { flag: false },
        },
        allowed: vec![7; 100],
        hint: Some(long.clone()),
        not_a_detail: 0,
    };
    let escaped = "é\\\"x".repeat(400);
    let allowed = vec!["7"; 100].join(",");
    let expected = format!(
        r#"{{"error":{{"code":"INVALID","message":"invalid {escaped}","details":{{"field":"{escaped}","reason":"required","limits":{{"max":1,"window":"1s","nested":{{"flag":false}}}},"allowed":[{allowed}],"hint":"{escaped}"}}}}}}"#
    );
    assert_eq!(body::<ErrorObject>(&error), expected);
}

/// The per-type settings of an error's type.
fn api<T: apierror::ApiError>(_: &T) -> apierror::Api {
    T::API
}
