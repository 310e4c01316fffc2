//! What proxies and broken servers send.

use super::*;

// ---------------------------------------------------------------------------------------------
// What proxies and broken servers send.

#[test]
fn proxies_and_broken_servers() {
    let nginx = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
    // Every one is `Unknown` but the last, whose trailing comma is forgiven. (GitHub's
    // `{"message","documentation_url"}`, Rails' `{"errors":"…"}` and a GraphQL `errors` list were
    // here; they are read now: `client_decode::world`.)
    let cases: &[(u16, &str, &str)] = &[
        (502, "text/html", nginx),
        (
            503,
            "text/html; charset=utf-8",
            "<!DOCTYPE html><html><body>{\"error\":{\"code\":\"NOT_THIS\"}}</body></html>",
        ),
        (500, "application/json", ""),
        (500, "", ""),
        (504, "text/plain", "upstream request timeout"),
        (500, "application/json", "   \n\t "),
        (500, "application/json", "null"),
        (500, "application/json", "true"),
        (500, "application/json", "42"),
        (500, "application/json", "\"INTERNAL_ERROR\""),
        (
            500,
            "application/json",
            "[{\"code\":\"INTERNAL_ERROR\",\"message\":\"m\"}]",
        ),
        (500, "application/json", "{}"),
        (
            500,
            "application/json",
            "{\"foo\":\"bar\",\"code\":\"ONLY_A_CODE\"}",
        ),
        (500, "application/json", "{\"error\":null}"),
        (500, "application/json", "{\"error\":false,\"code\":\"X\"}"),
        (500, "application/json", "{\"error\":42}"),
        (500, "application/json", "{\"error\":[\"INTERNAL_ERROR\"]}"),
        (500, "application/json", "{\"errors\":[]}"),
        (500, "application/json", "{\"errors\":[1,2,3]}"),
        (500, "application/json", "{\"type\":\"about:blank\"}"),
        (500, "application/json", "{\"error\":{\"code\":\"X\"}"),
        (500, "application/json", "{\"error\":{\"code\":\"X\"}}}"),
        (
            500,
            "application/json",
            "{\"error\":{\"code\":\"X\"}} trailing",
        ),
        (
            500,
            "application/json",
            "{\"error\":{\"code\":\"X\",\"message\":\"\u{1}\"}}",
        ),
        (
            500,
            "application/json",
            "{\"error\":{\"code\":\"X\",\"message\":\"\\x\"}}",
        ),
        (500, "application/json", "{\"error\":{\"code\":'X'}}"),
        (500, "application/json", "{error:{code:\"X\"}}"),
        (500, "application/json", "{\"error\":{\"code\":\"X\",,}}"),
        (500, "application/json", "{\"error\":{\"code\":\"X\"},}"),
    ];
    for (i, &(status, content_type, body)) in cases.iter().enumerate() {
        let status = StatusCode::from_u16(status).unwrap();
        let map = if content_type.is_empty() {
            HeaderMap::new()
        } else {
            headers(&[("content-type", content_type)])
        };
        let response = ErrorResponse::parse(status, &map, body.as_bytes());
        assert_eq!(response.status(), status, "{body}");
        assert_eq!(response.body(), body.as_bytes(), "{body}");
        assert_eq!(response.message(), None, "{body}");
        assert_eq!(response.details(), None, "{body}");
        assert!(response.violations().is_empty(), "{body}");
        if i + 1 == cases.len() {
            assert_eq!(response.format(), Format::ErrorObject, "{body}");
            assert_eq!(response.code(), Some("X"));
        } else {
            assert_eq!(response.format(), Format::Unknown, "{body}");
            assert_eq!(response.code(), None, "{body}");
        }
    }
    // Not UTF-8: not JSON.
    let latin1 = b"{\"error\":{\"code\":\"X\",\"message\":\"caf\xe9\"}}";
    let response = ErrorResponse::parse(StatusCode::BAD_REQUEST, &HeaderMap::new(), latin1);
    assert_eq!(response.format(), Format::Unknown);
    assert_eq!(response.body(), latin1);
}

#[test]
fn ten_megabyte_bodies() {
    const SIZE: usize = 10 << 20;
    let status = StatusCode::BAD_GATEWAY;
    let json = headers(&[("content-type", "application/json")]);
    let html = headers(&[("content-type", "text/html")]);
    let mut page = String::from("<html><body>");
    while page.len() < SIZE {
        page.push_str("<p>upstream connect error or disconnect/reset before headers</p>\n");
    }
    let bodies: Vec<(&str, HeaderMap, String, Option<&str>)> = vec![
        ("an HTML page", html, page, None),
        (
            "a message of 10 MB",
            json.clone(),
            format!(
                r#"{{"error":{{"code":"HUGE","message":"{}"}}}}"#,
                "a".repeat(SIZE)
            ),
            Some("HUGE"),
        ),
        (
            "escaped text",
            json.clone(),
            format!(
                r#"{{"error":{{"code":"ESCAPED","message":"{}"}}}}"#,
                "\\n\\u00e9".repeat(SIZE / 8)
            ),
            Some("ESCAPED"),
        ),
        (
            "details of 10 MB",
            json.clone(),
            format!(
                r#"{{"error":{{"code":"DETAILS","message":"m","details":{{"blob":[{}]}}}}}}"#,
                vec!["{\"k\":[1,2,3]}"; SIZE / 14].join(",")
            ),
            Some("DETAILS"),
        ),
        (
            "a million error objects",
            json.clone(),
            format!(
                r#"{{"errors":[{}]}}"#,
                vec![r#"{"code":"E","detail":"d","source":{"pointer":"/a"}}"#; SIZE / 52].join(",")
            ),
            Some("E"),
        ),
        (
            "a million Google details",
            json.clone(),
            format!(
                r#"{{"error":{{"code":400,"status":"INVALID_ARGUMENT","details":[{}]}}}}"#,
                vec![r#"{"@type":"type.googleapis.com/x.Y","v":1}"#; SIZE / 42].join(",")
            ),
            Some("INVALID_ARGUMENT"),
        ),
        (
            "a million Problem members",
            headers(&[("content-type", "application/problem+json")]),
            format!(
                r#"{{"title":"t",{}"code":"LAST"}}"#,
                (0..SIZE / 16).fold(String::new(), |mut members, i| {
                    use std::fmt::Write as _;
                    let _ = write!(members, "\"m{i}\":{i},");
                    members
                })
            ),
            Some("LAST"),
        ),
        (
            "ten million brackets, never closed",
            json.clone(),
            "[".repeat(SIZE),
            None,
        ),
        (
            "nesting five million deep",
            json.clone(),
            format!(
                r#"{{"error":{{"code":"DEEP","details":{}{}}}}}"#,
                "[".repeat(SIZE / 2),
                "]".repeat(SIZE / 2)
            ),
            Some("DEEP"),
        ),
        (
            "a string never closed",
            json.clone(),
            format!(r#"{{"error":{{"code":"X","message":"{}"#, "a".repeat(SIZE)),
            None,
        ),
        (
            "ten million commas",
            json,
            format!(r#"{{"error":{{"code":"X",{}}}}}"#, ",".repeat(SIZE)),
            None,
        ),
    ];
    for (what, map, body, code) in bodies {
        let started = Instant::now();
        let response = ErrorResponse::parse(status, &map, body.as_bytes());
        let took = started.elapsed();
        assert_eq!(response.status(), status, "{what}");
        assert_eq!(response.body().len(), body.len(), "{what}");
        assert_eq!(response.code(), code, "{what}");
        assert!(response.violations().len() <= 1024, "{what}");
        // Linear work: even an unoptimized build reads 10 MB in well under this.
        assert!(took < Duration::from_secs(20), "{what}: {took:?}");
        eprintln!("{what}: {} bytes in {took:?}", body.len());
    }
}
