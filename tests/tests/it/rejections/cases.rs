//! The requests and what each framework answers.

use super::*;

const JSON: Option<&str> = Some("application/json");
const GOOD_USER: &str = r#"{"name":"ann","age":30}"#;
const TRUNCATED: &str = r#"{"name":"ann","age":"#;
const WRONG_SHAPE: &str = r#"{"name":"ann","age":"old"}"#;
const MISSING_FIELD: &str = r#"{"name":"ann"}"#;

fn get(name: &'static str, path: &'static str, expected: Expected) -> Case {
    Case {
        name,
        method: Method::Get,
        path,
        content_type: None,
        body: "",
        expected,
    }
}

fn post(
    name: &'static str,
    content_type: Option<&'static str>,
    body: &'static str,
    expected: Expected,
) -> Case {
    post_to(name, "/users", content_type, body, expected)
}

fn post_to(
    name: &'static str,
    path: &'static str,
    content_type: Option<&'static str>,
    body: &'static str,
    expected: Expected,
) -> Case {
    Case {
        name,
        method: Method::Post,
        path,
        content_type,
        body,
        expected,
    }
}

fn error(status: u16, code: &'static str, message: impl Into<String>) -> Expected {
    Expected::Error(status, code, message.into())
}

fn good_cases() -> Vec<Case> {
    vec![
        post("a good body", JSON, GOOD_USER, Expected::Ok("ann is 30")),
        get(
            "a good query",
            "/search?q=rust&page=2",
            Expected::Ok("rust, page 2"),
        ),
        get("a good path", "/users/7", Expected::Ok("user 7")),
        get(
            "the handler's own error, next to the rejections",
            "/users/404",
            error(404, "USER_NOT_FOUND", "user 404 not found"),
        ),
    ]
}

/// axum's statuses and `body_text()`s: `serde_path_to_error` prefixes the failing field.
pub(super) fn axum_cases() -> Vec<Case> {
    const SYNTAX: &str = "Failed to parse the request body as JSON: ";
    const DATA: &str = "Failed to deserialize the JSON body into the target type: ";
    const MEDIA: &str = "Expected request with `Content-Type: application/json`";
    let mut cases = good_cases();
    cases.extend(axum_query_and_path_cases());
    cases.extend([
        post(
            "a malformed JSON body",
            JSON,
            TRUNCATED,
            error(
                400,
                "INVALID_JSON",
                format!("{SYNTAX}age: EOF while parsing a value at line 1 column 20"),
            ),
        ),
        post(
            "a body that is not JSON at all",
            JSON,
            "not json",
            error(
                400,
                "INVALID_JSON",
                format!("{SYNTAX}expected ident at line 1 column 2"),
            ),
        ),
        post(
            "a well-formed body of the wrong shape",
            JSON,
            WRONG_SHAPE,
            error(
                422,
                "INVALID_JSON_DATA",
                format!(
                    r#"{DATA}age: invalid type: string \"old\", expected u32 at line 1 column 25"#
                ),
            ),
        ),
        post(
            "a body missing a field",
            JSON,
            MISSING_FIELD,
            error(
                422,
                "INVALID_JSON_DATA",
                format!("{DATA}missing field `age` at line 1 column 14"),
            ),
        ),
        post(
            "a missing content type",
            None,
            GOOD_USER,
            error(415, "UNSUPPORTED_MEDIA_TYPE", MEDIA),
        ),
        post(
            "a content type that is not JSON",
            Some("text/plain"),
            GOOD_USER,
            error(415, "UNSUPPORTED_MEDIA_TYPE", MEDIA),
        ),
        post_to(
            "a body over the limit",
            "/small",
            JSON,
            BIG_BODY,
            error(
                413,
                "PAYLOAD_TOO_LARGE",
                "Failed to buffer the request body: length limit exceeded",
            ),
        ),
    ]);
    cases
}

/// axum's query and path rejections.
fn axum_query_and_path_cases() -> Vec<Case> {
    const QUERY: &str = "Failed to deserialize query string: ";
    vec![
        get(
            "a missing query parameter",
            "/search",
            error(400, "INVALID_QUERY", format!("{QUERY}missing field `q`")),
        ),
        get(
            "a malformed query parameter",
            "/search?q=rust&page=two",
            error(
                400,
                "INVALID_QUERY",
                format!("{QUERY}page: invalid digit found in string"),
            ),
        ),
        get(
            "a bad path parameter",
            "/users/abc",
            error(
                400,
                "INVALID_PATH",
                "Invalid URL: Cannot parse `abc` to a `u32`",
            ),
        ),
        // axum's 500 for an extractor that does not fit its route: the explanation is the
        // server's own mistake, so only the reason phrase goes out.
        get(
            "a Path extractor that does not fit the route",
            "/pair/7",
            error(500, "INTERNAL_ERROR", "Internal Server Error"),
        ),
    ]
}

/// actix-web's statuses (400 for every JSON problem but the size) and `Display`s.
pub(super) fn actix_cases() -> Vec<Case> {
    const JSON_ERROR: &str = "Json deserialize error: ";
    let mut cases = good_cases();
    cases.extend(actix_query_and_path_cases());
    cases.extend([
        post(
            "a malformed JSON body",
            JSON,
            TRUNCATED,
            error(
                400,
                "INVALID_JSON",
                format!("{JSON_ERROR}EOF while parsing a value at line 1 column 20"),
            ),
        ),
        post(
            "a body that is not JSON at all",
            JSON,
            "not json",
            error(
                400,
                "INVALID_JSON",
                format!("{JSON_ERROR}expected ident at line 1 column 2"),
            ),
        ),
        post(
            "a well-formed body of the wrong shape",
            JSON,
            WRONG_SHAPE,
            error(
                400,
                "INVALID_JSON_DATA",
                format!(
                    r#"{JSON_ERROR}invalid type: string \"old\", expected u32 at line 1 column 25"#
                ),
            ),
        ),
        post(
            "a body missing a field",
            JSON,
            MISSING_FIELD,
            error(
                400,
                "INVALID_JSON_DATA",
                format!("{JSON_ERROR}missing field `age` at line 1 column 14"),
            ),
        ),
        post(
            "a missing content type",
            None,
            GOOD_USER,
            error(400, "UNSUPPORTED_MEDIA_TYPE", "Content type error"),
        ),
        post(
            "a content type that is not JSON",
            Some("text/plain"),
            GOOD_USER,
            error(400, "UNSUPPORTED_MEDIA_TYPE", "Content type error"),
        ),
        post_to(
            "a body over the limit",
            "/small",
            JSON,
            BIG_BODY,
            error(
                413,
                "PAYLOAD_TOO_LARGE",
                "JSON payload (64 bytes) is larger than allowed (limit: 32 bytes).",
            ),
        ),
    ]);
    cases
}

/// actix-web's query and path errors.
fn actix_query_and_path_cases() -> Vec<Case> {
    const QUERY: &str = "Query deserialize error: ";
    const PATH: &str = "Path deserialize error: ";
    vec![
        get(
            "a missing query parameter",
            "/search",
            error(400, "INVALID_QUERY", format!("{QUERY}missing field `q`")),
        ),
        get(
            "a malformed query parameter",
            "/search?q=rust&page=two",
            error(
                400,
                "INVALID_QUERY",
                format!("{QUERY}invalid digit found in string"),
            ),
        ),
        get(
            "a bad path parameter",
            "/users/abc",
            error(
                400,
                "INVALID_PATH",
                format!(r#"{PATH}can not parse \"abc\" to a u32"#),
            ),
        ),
        // actix-web reports a tuple longer than the route's parameters as a 400.
        get(
            "a Path extractor that does not fit the route",
            "/pair/7",
            error(
                400,
                "INVALID_PATH",
                format!("{PATH}wrong number of parameters: 1 expected 2"),
            ),
        ),
    ]
}
