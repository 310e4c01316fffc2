//! What only a unit test can see (the decoder's own representation) and the behaviours of
//! `ErrorResponse::parse` that no integration test pins (`tests/tests/it/client_decode/` and the
//! published examples pin the rest).

use std::time::{Duration, SystemTime};

use http::header::{HeaderMap, HeaderName, HeaderValue};
use http::StatusCode;

use super::kept::Kept;
use super::read::listed::MAX_VIOLATIONS;
use super::{ErrorResponse, Format};
use crate::RateLimit;

fn headers(pairs: &[(&str, &str)]) -> HeaderMap {
    let mut map = HeaderMap::new();
    for (name, value) in pairs {
        map.append(
            HeaderName::from_bytes(name.as_bytes()).unwrap(),
            HeaderValue::from_str(value).unwrap(),
        );
    }
    map
}

fn parse(status: u16, pairs: &[(&str, &str)], body: &str) -> ErrorResponse {
    ErrorResponse::parse_at(
        StatusCode::from_u16(status).unwrap(),
        &headers(pairs),
        body.as_bytes(),
        SystemTime::UNIX_EPOCH + Duration::from_secs(1_000),
    )
}

const JSON: (&str, &str) = ("content-type", "application/json");

#[test]
fn strings_without_escapes_are_ranges_of_the_body() {
    let body = r#"{"error":{"code":"INVALID_PARAMETERS","message":"The 'role_id' field is required","innererror":{"field":"role_id"}}}"#;
    let response = parse(400, &[JSON], body);
    assert_eq!(response.format(), Format::OData);
    assert!(matches!(response.code, Some(Kept::Range(..))));
    assert!(matches!(response.message, Some(Kept::Range(..))));
    assert!(matches!(response.details, Some(Kept::Range(..))));
    // An escaped string is a copy, decoded.
    let response = parse(400, &[JSON], r#"{"error":{"code":"A\u005fB"}}"#);
    assert!(matches!(response.code, Some(Kept::Owned(_))));
    assert_eq!(response.code(), Some("A_B"));
}

#[test]
fn codes_are_never_invented() {
    for body in [
        r#"{"error":{"message":"no code here"}}"#,
        r#"{"error":"Not Found"}"#,
        r#"{"error":{"code":"","message":"empty code"}}"#,
        r#"{"error":{"code":null,"message":"null code"}}"#,
        r#"{"error":{"code":{"nested":"X"},"message":"object code"}}"#,
        r#"{"error":{"code":["X"],"message":"array code"}}"#,
        r#"{"error":{"code":404,"message":"Google without status or reason"}}"#,
    ] {
        assert_eq!(parse(404, &[JSON], body).code(), None, "{body}");
    }
}

/// The decision on lone surrogates (see `ErrorResponse`'s documentation): `serde_json` refuses
/// them in a string, the decoder reads each as U+FFFD, as it always has.
#[test]
fn lone_surrogates_are_replacement_characters() {
    let body = r#"{"error":{"code":"BAD\u005fINPUT","message":"line\none \"quoted\" \ud83d\ude00 \ud800 \udc00 tab\t"}}"#;
    let response = parse(400, &[JSON], body);
    assert_eq!(response.format(), Format::ErrorObject);
    assert_eq!(response.code(), Some("BAD_INPUT"));
    assert_eq!(
        response.message(),
        Some("line\none \"quoted\" \u{1f600} \u{fffd} \u{fffd} tab\t")
    );
    // In a member read later (a violation, a detail) too.
    let body = r#"{"error":{"code":"X","message":"m","details":{"name":"a\ud800b","violations":[{"field":"f\udbff","message":"\udfff"}]}}}"#;
    let response = parse(400, &[JSON], body);
    assert_eq!(
        response.detail::<String>("name").as_deref(),
        Some("a\u{fffd}b")
    );
    assert_eq!(response.violations()[0].path(), "f\u{fffd}");
    assert_eq!(response.violations()[0].message(), "\u{fffd}");
    // Escaped member names are read too.
    let response = parse(400, &[JSON], r#"{"err\u006fr":{"c\u006fde":"X"}}"#);
    assert_eq!(response.code(), Some("X"));
}

#[test]
fn numeric_codes_are_their_digits() {
    let response = parse(
        400,
        &[JSON],
        r#"{"error":{"code":1001,"message":"Bad thing."}}"#,
    );
    assert_eq!(response.format(), Format::ErrorObject);
    assert_eq!(response.code(), Some("1001"));
    assert_eq!(
        parse(400, &[JSON], r#"{"error":true,"code":-7}"#).code(),
        Some("-7")
    );
    for float in ["1.5", "1e3", "-0", "18446744073709551616"] {
        let body = format!(r#"{{"error":true,"code":{float}}}"#);
        assert_eq!(parse(400, &[JSON], &body).code(), None, "{float}");
    }
}

#[test]
fn a_bom_and_whitespace_are_fine() {
    let body = "\u{feff} \n {\"error\":{\"code\":\"X\",\"message\":\"y\"}} \r\n";
    let response = parse(500, &[], body);
    assert_eq!(response.code(), Some("X"));
    assert_eq!(response.body(), body.as_bytes());
}

#[test]
fn repaired_bodies_are_read_whole() {
    // Violations (read when first asked for) and Problem's details (likewise) too.
    let response = parse(
        400,
        &[JSON],
        r#"{"error":{"code":"Bad","message":"m","details":[{"code":"NullValue","target":"a","message":"is null",},],},}"#,
    );
    let copy = response.clone();
    assert_eq!(response.violations().len(), 1);
    assert_eq!(response.violations()[0].path(), "a");
    assert_eq!(copy.violations(), response.violations());
    let response = parse(
        400,
        &[("content-type", "application/problem+json")],
        r#"{"title":"t","balance":30,"errors":[{"detail":"d","pointer":"/x",},],}"#,
    );
    assert_eq!(response.details(), Some(r#"{"balance":30}"#));
    assert_eq!(response.violations()[0].json_pointer(), "/x");
    // Commas inside strings stay.
    let response = parse(400, &[JSON], r#"{"error":{"code":"X","message":"a,}",},}"#);
    assert_eq!(response.message(), Some("a,}"));
    assert_eq!(parse(400, &[JSON], r"{,}").format(), Format::Unknown);
}

#[test]
fn json_api_request_ids_lose_their_numbering() {
    let body = r#"{"errors":[{"id":"req-1.1","status":"422","code":"REQUIRED","title":"Unprocessable Entity","detail":"is required","source":{"pointer":"/data/attributes/name"}},{"id":"req-1.2","status":"422","code":"INVALID","title":"Unprocessable Entity","detail":"must be positive","source":{"pointer":"/data/attributes/age"}}]}"#;
    let response = parse(422, &[("content-type", "application/vnd.api+json")], body);
    assert_eq!(response.request_id(), Some("req-1"));
    // One object, or ids that do not continue each other: the id as it is.
    let one = r#"{"errors":[{"id":"abc.1","code":"X"}]}"#;
    assert_eq!(parse(400, &[], one).request_id(), Some("abc.1"));
    let other = r#"{"errors":[{"id":"a.1","code":"X"},{"id":"b.2","code":"Y"}]}"#;
    assert_eq!(parse(400, &[], other).request_id(), Some("a.1"));
    // The header wins.
    let response = parse(422, &[("x-request-id", "from-header")], body);
    assert_eq!(response.request_id(), Some("from-header"));
}

#[test]
fn problem_violations_in_their_other_forms() {
    type Expected<'a> = &'a [(&'a str, &'a str, Option<&'a str>)];
    let cases: &[(&str, Expected<'_>)] = &[
        (
            r##"{"title":"t","errors":[{"detail":"is not an email","pointer":"/emails/0","code":"EMAIL"},{"detail":"is required","pointer":"#/profile/first%20name"},{"message":"by field","field":"a.b"}]}"##,
            &[
                ("emails[0]", "is not an email", Some("EMAIL")),
                ("profile.first name", "is required", None),
                ("a.b", "by field", None),
            ],
        ),
        (
            r#"{"title":"One or more validation errors occurred.","status":400,"errors":{"Name":["The Name field is required.","Too short.",7],"Age":"Must be positive.","N":null}}"#,
            &[
                ("Name", "The Name field is required.", None),
                ("Name", "Too short.", None),
                ("Age", "Must be positive.", None),
            ],
        ),
    ];
    for (body, expected) in cases {
        let response = parse(400, &[("content-type", "application/problem+json")], body);
        let got: Vec<(String, String, Option<String>)> = response
            .violations()
            .iter()
            .map(|v| {
                (
                    v.path().into_owned(),
                    v.message().to_owned(),
                    v.code().map(str::to_owned),
                )
            })
            .collect();
        let expected: Vec<(String, String, Option<String>)> = expected
            .iter()
            .map(|(p, m, c)| ((*p).to_owned(), (*m).to_owned(), c.map(str::to_owned)))
            .collect();
        assert_eq!(got, expected, "{body}");
    }
}

#[test]
fn ietf_rate_limits_pick_the_least_remaining() {
    let response = parse(
        429,
        &[
            ("ratelimit", "\"burst\";r=5;t=1, \"daily\";r=0;t=36400"),
            (
                "ratelimit-policy",
                "\"burst\";q=100;w=60,\"daily\";q=1000;w=86400",
            ),
        ],
        "",
    );
    let limit = response.rate_limit().unwrap();
    assert_eq!(
        (limit.limit, limit.remaining, limit.reset, limit.window),
        (1_000, 0, 37_400, Some(86_400))
    );
    assert_eq!(response.retry_after(), Some(Duration::from_secs(36_400)));
    // Tokens as names, no window.
    let response = parse(
        429,
        &[
            ("ratelimit", "default;r=1;t=9"),
            ("ratelimit-policy", "default;q=10"),
        ],
        "",
    );
    assert_eq!(response.rate_limit(), Some(RateLimit::new(10, 1, 1_009)));
    for (state, policy) in [
        ("\"a\";r=0;t=1", "\"b\";q=1"),
        ("", ""),
        (";;;", ",,,"),
        ("\"", "\""),
        ("x;r=-1;t=1", "x;q=1"),
        ("x;r=1", "x;q=1"),
    ] {
        let response = parse(
            429,
            &[("ratelimit", state), ("ratelimit-policy", policy)],
            "",
        );
        assert_eq!(response.rate_limit(), None, "{state} / {policy}");
    }
}

#[test]
fn headers_are_kept_case_insensitively() {
    let response = parse(
        500,
        &[("Content-Type", "text/html"), ("X-Other", "x")],
        "<html>",
    );
    assert_eq!(response.header("CONTENT-TYPE"), Some("text/html"));
    assert_eq!(response.header("x-other"), None);
}

#[test]
fn google_details_strings_are_json_first() {
    let body = r#"{"error":{"code":400,"message":"m","status":"INVALID_ARGUMENT","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"R","metadata":{"id":"7","flag":"true","name":"ada","list":"[1,2]"}}]}}"#;
    let response = parse(400, &[], body);
    assert_eq!(response.detail::<u64>("id"), Some(7));
    assert_eq!(response.detail::<bool>("flag"), Some(true));
    assert_eq!(response.detail::<String>("name").as_deref(), Some("ada"));
    assert_eq!(response.detail::<Vec<u8>>("list"), Some(vec![1, 2]));
    assert_eq!(response.detail::<String>("missing"), None);
    // A string whose content is a JSON string is that content as written: apierror writes a
    // string detail as its content, `""` included.
    let body = r#"{"error":{"code":400,"message":"m","status":"INVALID_ARGUMENT","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"R","metadata":{"name":"\"\"","nick":"\"x\""}}]}}"#;
    let response = parse(400, &[], body);
    assert_eq!(response.detail::<String>("name").as_deref(), Some("\"\""));
    assert_eq!(response.detail::<String>("nick").as_deref(), Some("\"x\""));
    // Elsewhere a string is a string.
    let body = r#"{"error":{"code":"X","message":"m","details":{"id":"7"}}}"#;
    assert_eq!(parse(400, &[], body).detail::<u64>("id"), None);
    assert_eq!(
        parse(400, &[], body).detail::<String>("id").as_deref(),
        Some("7")
    );
}

#[test]
fn duplicate_members_last_one_wins() {
    let body = r#"{"error":{"code":"A","code":"B","message":"m","details":{"k":1,"k":2}},"error":{"code":"C","message":"n","details":{"k":3,"k":4}}}"#;
    let response = parse(400, &[JSON], body);
    assert_eq!(response.code(), Some("C"));
    assert_eq!(response.detail::<u32>("k"), Some(4));
}

#[test]
fn violations_stop_at_the_limit() {
    let many = format!(
        r#"{{"errors":[{}]}}"#,
        vec![r#"{"code":"C","detail":"d","source":{"pointer":"/a"}}"#; 5_000].join(",")
    );
    let response = parse(400, &[], &many);
    assert_eq!(response.format(), Format::JsonApi);
    assert_eq!(response.violations().len(), MAX_VIOLATIONS);
    let odata = format!(
        r#"{{"error":{{"code":"X","details":[{}]}}}}"#,
        vec![r#"{"code":"C","target":"t","message":"m"}"#; 5_000].join(",")
    );
    assert_eq!(parse(400, &[], &odata).violations().len(), MAX_VIOLATIONS);
}

/// Deeper than `serde_json`'s recursion limit (128) where the decoder does not look: skipped
/// without recursing, so the body still reads.
#[test]
fn nesting_where_nothing_is_read_has_no_limit() {
    let deep = format!(
        r#"{{"error":{{"code":"DEEP","message":{a}{b},"details":{{"x":{a}{b}}}}},"extra":{a}{b}}}"#,
        a = "[".repeat(10_000),
        b = "]".repeat(10_000)
    );
    let response = parse(400, &[JSON], &deep);
    assert_eq!(response.format(), Format::ErrorObject);
    assert_eq!(response.code(), Some("DEEP"));
    assert_eq!(response.message(), None);
}

/// `ErrorObject`'s details are built of the members the pass read: as written, in order, the
/// whitespace between them dropped; Problem's extension members likewise.
#[test]
fn built_details_are_the_members_as_written() {
    let body = "{\"error\":{\"code\":\"X\",\"details\": { \"a\" : 1 ,\n \"b\":[1, 2], \"c\\u0064\":\"\\u00e9\" }}}";
    let response = parse(400, &[JSON], body);
    assert_eq!(response.format(), Format::ErrorObject);
    assert_eq!(
        response.details(),
        Some(r#"{"a":1,"b":[1, 2],"cd":"\u00e9"}"#)
    );
    assert_eq!(response.detail::<String>("cd").as_deref(), Some("\u{e9}"));
    assert_eq!(
        parse(400, &[JSON], r#"{"error":{"code":"X","details":{}}}"#).details(),
        Some("{}")
    );
    let problem = r#"{"title":"t","n\"q":{"k" : true},"status":400,"x":[]}"#;
    let response = parse(
        400,
        &[("content-type", "application/problem+json")],
        problem,
    );
    assert_eq!(response.details(), Some(r#"{"n\"q":{"k" : true},"x":[]}"#));
}
