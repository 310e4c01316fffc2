//! The example server answers what its document says (issue 18, "the example server matches
//! its document"): each request below, sent by a real client to the example app's real
//! router behind `all_errors_as::<AppError>()`, gets a status its operation documents (or the
//! class `4XX` / `5XX`), a media type that response documents, and a body its schema accepts,
//! as Schemathesis's conformance checks require. And the schemas tell the codes apart: a
//! misspelled code or a detail of the wrong JSON type is refused.

use super::*;

use crate::openapi_check::validate_response;

/// `(method, documented path, request path, bearer token?, JSON body, expected status, code)`.
type Case = (
    &'static str,
    &'static str,
    &'static str,
    bool,
    Option<&'static str>,
    u16,
    Option<&'static str>,
);

const CASES: [Case; 12] = [
    (
        "post",
        "/users",
        "/users",
        true,
        Some(r#"{"name":"ada"}"#),
        201,
        None,
    ),
    ("get", "/users/{id}", "/users/1", true, None, 200, None),
    ("get", "/users", "/users", true, None, 200, None),
    (
        "get",
        "/users/{id}",
        "/users/7",
        true,
        None,
        404,
        Some("USER_NOT_FOUND"),
    ),
    (
        "get",
        "/users/{id}",
        "/users/abc",
        true,
        None,
        400,
        Some("INVALID_PATH"),
    ),
    (
        "get",
        "/users/{id}",
        "/users/-1",
        true,
        None,
        400,
        Some("INVALID_PATH"),
    ),
    (
        "get",
        "/users/{id}",
        "/users/1",
        false,
        None,
        401,
        Some("UNAUTHORIZED"),
    ),
    (
        "get",
        "/users",
        "/users",
        false,
        None,
        401,
        Some("UNAUTHORIZED"),
    ),
    (
        "post",
        "/users",
        "/users",
        true,
        Some(r#"{"name":"ada"}"#),
        409,
        Some("NAME_TAKEN"),
    ),
    (
        "post",
        "/users",
        "/users",
        true,
        Some(r#"{"name":"  "}"#),
        422,
        Some("INVALID_USER"),
    ),
    (
        "post",
        "/users",
        "/users",
        true,
        Some(r#"{"name":"#),
        400,
        Some("INVALID_JSON"),
    ),
    (
        "post",
        "/users",
        "/users",
        true,
        Some(r#"{"name":5}"#),
        422,
        Some("INVALID_JSON_DATA"),
    ),
];

#[tokio::test]
async fn every_answer_of_the_example_server_is_documented() {
    let server = AxumServer::start(app_server::router()).await;
    let client = client();
    let doc = app_document();
    for (method, documented, path, auth, body, status, code) in CASES {
        let url = format!("{}{path}", server.base());
        let mut request = match method {
            "post" => client.post(url),
            _ => client.get(url),
        };
        if auth {
            request = request.bearer_auth("test-token");
        }
        if let Some(body) = body {
            request = request
                .header("content-type", "application/json")
                .body(body);
        }
        let received = Received::of(request).await;
        let what = format!("{method} {path} {body:?}");
        assert_eq!(received.status, status, "{what}: {}", received.text());
        assert!(received.has_header("x-request-id"), "{what}");
        let content_type = received.header("content-type").to_owned();
        let json = received.json();
        if let Some(code) = code {
            assert_eq!(content_type, "application/problem+json", "{what}");
            assert_eq!(json["code"], code, "{what}");
        }
        expect_valid(
            &what,
            validate_response(&doc, documented, method, status, &content_type, &json),
        );
    }
}

#[tokio::test]
async fn routing_answers_are_in_the_envelope_but_no_operation_s() {
    let server = AxumServer::start(app_server::router()).await;
    let client = client();
    let wrong_method = Received::of(client.delete(format!("{}/users/1", server.base()))).await;
    assert_eq!(wrong_method.status, 405);
    assert_eq!(wrong_method.json()["code"], "METHOD_NOT_ALLOWED");
    let nowhere = Received::of(client.get(format!("{}/nowhere", server.base()))).await;
    assert_eq!(nowhere.status, 404);
    assert_eq!(nowhere.json()["code"], "ROUTE_NOT_FOUND");
    // The document lists neither code on any operation (they are the catalog's).
    let doc = app_document().to_string();
    assert!(!doc.contains("METHOD_NOT_ALLOWED") && !doc.contains("ROUTE_NOT_FOUND"));
    let catalog = apierror::catalog::<AppError>();
    assert!(catalog
        .entry("METHOD_NOT_ALLOWED")
        .is_some_and(|e| e.routing));
}

#[test]
fn the_schemas_refuse_a_misspelled_code_and_a_detail_of_the_wrong_type() {
    let doc = app_document();
    let problem = "application/problem+json";
    let good = json!({
        "type": "https://errors.example.com/users/user-not-found",
        "title": "Not Found",
        "status": 404,
        "detail": "user 7 not found",
        "code": "USER_NOT_FOUND",
        "id": 7
    });
    expect_valid(
        "the real body",
        validate_response(&doc, "/users/{id}", "get", 404, problem, &good),
    );
    // What openapi-typescript would type as `"USER_NOT_FOUND" | "REQUEST_REJECTED"` refuses
    // a typo (JSON Schema 2020-12 `enum`, inside `oneOf`: no branch matches).
    let mut typo = good.clone();
    typo["code"] = json!("USER_NOT_FOUNDD");
    validate_response(&doc, "/users/{id}", "get", 404, problem, &typo)
        .expect_err("a misspelled code");
    // `id: u64` is an integer: a string id matches no branch.
    let mut string_id = good.clone();
    string_id["id"] = json!("7");
    validate_response(&doc, "/users/{id}", "get", 404, problem, &string_id)
        .expect_err("a string id");
    // A code of another operation is not this one's.
    let mut other = good;
    other["code"] = json!("NAME_TAKEN");
    validate_response(&doc, "/users/{id}", "get", 404, problem, &other)
        .expect_err("another operation's code");
}

#[test]
fn every_example_validates_against_its_own_response_schema() {
    // The example app's document and each envelope's hand-built one (`per_envelope`) are
    // checked by `validate_examples`; here the typed examples specifically: an integer detail
    // is an integer in the example, and the check fails when it is the old string template.
    let doc = app_document();
    let pointer = "/paths/~1users~1{id}/get/responses/404/content/application~1problem+json/examples/USER_NOT_FOUND/value/id";
    assert_eq!(doc.pointer(pointer), Some(&json!(42)));
    let mut templated = doc.clone();
    *templated.pointer_mut(pointer).expect("the id") = json!("{id}");
    let errors = validate_examples(&templated).expect_err("a string where an integer goes");
    assert!(
        errors.iter().any(|e| e.contains("USER_NOT_FOUND")),
        "{errors:?}"
    );
}
