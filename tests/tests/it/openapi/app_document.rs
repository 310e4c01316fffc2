//! The example app's document: a valid OpenAPI 3.1 document whose examples match their
//! schemas.

use super::*;

pub(super) fn app_document() -> Value {
    serde_json::to_value(ApiDoc::openapi()).expect("the app's document serializes")
}

#[test]
fn app_document_is_valid_openapi_3_1() {
    let doc = app_document();
    expect_valid("the app's document", validate_document(&doc));
    let version = doc["openapi"]
        .as_str()
        .expect("an `openapi` version string");
    assert!(version.starts_with("3.1."), "OpenAPI {version}, not 3.1.x");
    // `json()`, which the example prints and the server below serves, is the same document.
    let printed: Value = serde_json::from_str(&app_openapi::json()).expect("json() is JSON");
    assert_eq!(printed, doc);
}

#[test]
fn app_document_examples_match_their_schemas() {
    let doc = app_document();
    let checked = expect_valid("the app's examples", validate_examples(&doc));
    // One example per code per operation: `POST /users` answers with every code of the tree
    // (the app's, billing's, the gateway's and the rejections') but the two no operation
    // answers (`ROUTE_NOT_FOUND`, `METHOD_NOT_ALLOWED`), and the renderer's `INTERNAL_ERROR`;
    // `GET /users/{id}` with its four, `REQUEST_REJECTED` (4XX) and `INTERNAL_ERROR` (5XX);
    // `GET /users` with its two and the same two. `INTERNAL_ERROR` is also under `500` in
    // each (its own status: the renderer's failure answers exactly 500), with its example.
    let all = apierror::all_codes::<AppError>();
    assert_eq!(all.len(), 19, "the app's tree: {all:?}");
    assert_eq!(GetUserErrors::CODES.len(), 4);
    assert_eq!(ListUsersErrors::CODES.len(), 2);
    assert_eq!(
        checked,
        (all.len() - 2 + 2) + (GetUserErrors::CODES.len() + 3) + (ListUsersErrors::CODES.len() + 3)
    );
    assert_eq!(checked, 31);

    // The checks bite on this document: an example off its schema, a response without its
    // required description.
    let mut broken = doc.clone();
    let example = "/paths/~1users~1{id}/get/responses/404/content/application~1problem+json/examples/USER_NOT_FOUND/value";
    broken.pointer_mut(example).expect("the 404 example")["status"] = json!("404");
    let errors = validate_examples(&broken).expect_err("a string status");
    assert!(
        errors.len() == 1
            && errors[0].contains("GET /users/{id} 404")
            && errors[0].contains("USER_NOT_FOUND"),
        "{errors:?}"
    );
    let mut broken = doc;
    broken
        .pointer_mut("/paths/~1users/post/responses/409")
        .and_then(Value::as_object_mut)
        .expect("the 409")
        .remove("description");
    validate_document(&broken).expect_err("a response without a description");
}

#[test]
fn app_document_problem_component_is_the_envelope_schema() {
    let doc = app_document();
    let schemas = &doc["components"]["schemas"];
    assert_eq!(keys(schemas), set(&["NewUser", "Problem", "User"]));
    assert_same_json(
        "components.schemas.Problem vs Problem::schema()",
        &schemas["Problem"],
        &apierror::envelope::Problem::schema(),
    );
}

#[test]
fn app_document_error_responses_are_the_catalog_responses() {
    let doc = app_document();
    let paths = &doc["paths"];
    assert_eq!(keys(paths), set(&["/users", "/users/{id}"]));

    let mut post = paths["/users"]["post"]["responses"].clone();
    assert_eq!(post["201"]["description"], "The user created");
    post.as_object_mut().expect("responses").remove("201");
    assert_same_json(
        "POST /users errors vs responses::<AppError>()",
        &post,
        &apierror::openapi::responses::<AppError>(),
    );

    let mut list = paths["/users"]["get"]["responses"].clone();
    assert_eq!(list["200"]["description"], "The users");
    list.as_object_mut().expect("responses").remove("200");
    assert_eq!(keys(&list), set(&["401", "429", "4XX", "500", "5XX"]));
    assert_same_json(
        "GET /users errors vs ListUsersErrors::responses()",
        &list,
        &ListUsersErrors::responses(),
    );

    let mut get = paths["/users/{id}"]["get"]["responses"].clone();
    assert_eq!(get["200"]["description"], "The user");
    get.as_object_mut().expect("responses").remove("200");
    assert_eq!(
        keys(&get),
        set(&["400", "401", "404", "429", "4XX", "500", "5XX"])
    );
    assert_same_json(
        "GET /users/{id} errors vs GetUserErrors::responses()",
        &get,
        &GetUserErrors::responses(),
    );
    // The app's `rate_limit_headers = "ietf"`: the IETF headers, not the X- ones.
    assert_eq!(
        keys(&get["429"]["headers"]),
        set(&[
            "RateLimit",
            "RateLimit-Policy",
            "Retry-After",
            "x-request-id"
        ])
    );
    assert_eq!(keys(&get["5XX"]["headers"]), set(&["x-request-id"]));
    assert_eq!(keys(&get["500"]["headers"]), set(&["x-request-id"]));
    // The explicit 500: the renderer's own, described, with its example.
    assert_eq!(
        get["500"]["description"],
        "Internal Server Error: `INTERNAL_ERROR`"
    );
    assert_eq!(
        get["500"]["content"]["application/problem+json"]["examples"]["INTERNAL_ERROR"]["value"]
            ["status"],
        500
    );
    assert_eq!(keys(&get["404"]["headers"]), set(&["x-request-id"]));
}

#[test]
fn app_document_in_openapi_3_2() {
    // utoipa 6 writes OpenAPI 3.2 on request (`OpenApiVersion::Version32`); apierror's
    // responses are the same JSON in both versions (3.2 keeps 3.1's Responses and Schema
    // Objects), so only the version string differs.
    let mut doc = ApiDoc::openapi();
    doc.openapi = utoipa::openapi::OpenApiVersion::Version32;
    let mut value = serde_json::to_value(&doc).expect("serializes");
    assert_eq!(value["openapi"], "3.2.0");
    value["openapi"] = json!("3.1.0");
    assert_eq!(value, app_document());
}

#[test]
fn app_document_states_the_app_s_own_bounds() {
    // What the example app states itself, for OWASP's rules: its server's audience (API9) and
    // its ids' range, the store's `MAX_ID` (2^53 - 1, read exactly by every JSON reader), on
    // the `User` schema and on the path parameter alike.
    let doc = app_document();
    assert_eq!(doc["servers"][0]["x-internal"], false);
    assert_eq!(app_openapi::MAX_ID, (1_u64 << 53) - 1);
    let user_id = &doc["components"]["schemas"]["User"]["properties"]["id"];
    let param = &doc["paths"]["/users/{id}"]["get"]["parameters"][0]["schema"];
    for schema in [user_id, param] {
        assert_eq!(schema["type"], "integer", "{schema}");
        assert_eq!(schema["format"], "int64", "{schema}");
        assert_eq!(schema["minimum"], 1, "{schema}");
        assert_eq!(schema["maximum"], app_openapi::MAX_ID, "{schema}");
    }
}
