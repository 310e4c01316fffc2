//! Message defaults and message templates.

use super::*;

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
