//! The utoipa glue gives the same JSON as `apierror::openapi`.

use super::*;

#[test]
fn utoipa_responses_equal_the_json_responses() {
    assert_same_json(
        "Shop: IntoResponses vs responses()",
        &utoipa_responses::<Shop>(),
        &apierror::openapi::responses::<Shop>(),
    );
    assert_same_json(
        "AppError: IntoResponses vs responses()",
        &utoipa_responses::<AppError>(),
        &apierror::openapi::responses::<AppError>(),
    );
    assert_same_json(
        "Ietf: IntoResponses vs responses()",
        &utoipa_responses::<rate_limit_styles::Ietf>(),
        &apierror::openapi::responses::<rate_limit_styles::Ietf>(),
    );
    // The raw maps: a status each, every one a response (not a reference), none of them the
    // fallback that reports a deserialization failure.
    // Its statuses but 405 (`METHOD_NOT_ALLOWED`, no operation's), with `4XX` and `5XX`.
    let raw = <AppError as utoipa::IntoResponses>::responses();
    assert_eq!(raw.len(), 14);
    for (status, response) in &raw {
        let utoipa::openapi::RefOr::T(response) = response else {
            panic!("{status}: a reference");
        };
        assert!(
            !response.description.contains("could not describe"),
            "{status}: {}",
            response.description
        );
    }
}

/// `value` without its `const` members: utoipa 6's `Schema` has no `const` keyword, so it
/// drops every one when it reads a schema (see `to_schema_keeps_const`).
fn without_const(value: &Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .filter(|(key, _)| *key != "const")
                .map(|(key, member)| (key.clone(), without_const(member)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(without_const).collect()),
        other => other.clone(),
    }
}

/// Where `E`'s `utoipa::ToSchema` differs from what it should be: named after the type, its
/// schema its `Envelope::schema()` (compared by `compare`).
fn to_schema_differences<E: Envelope + utoipa::ToSchema>(
    name: &str,
    compare: fn(&Value) -> Value,
    out: &mut Vec<String>,
) {
    let named = <E as utoipa::ToSchema>::name();
    if named != name {
        out.push(format!("{name}: ToSchema::name() is {named:?}"));
    }
    let schema = serde_json::to_value(<E as utoipa::PartialSchema>::schema())
        .expect("the utoipa schema serializes");
    // Not the empty object the glue falls back to when `schema()` does not deserialize.
    if schema == json!({ "type": "object" }) || schema == json!({}) {
        out.push(format!("{name}: the fallback schema {schema}"));
    }
    let mut differences = Vec::new();
    diff(
        "",
        &compare(&schema),
        &compare(&<E as Envelope>::schema()),
        &mut differences,
    );
    out.extend(differences.into_iter().map(|d| format!("{name}: {d}")));
}

/// Every envelope's differences, by `compare`.
fn all_to_schema_differences(compare: fn(&Value) -> Value) -> Vec<String> {
    use apierror::envelope::{
        DataErrorMeta, ErrorCode, ErrorFlag, ErrorMessage, ErrorObject, Google, JsonApi, OData,
        Problem,
    };
    let mut out = Vec::new();
    to_schema_differences::<DataErrorMeta>("DataErrorMeta", compare, &mut out);
    to_schema_differences::<ErrorCode>("ErrorCode", compare, &mut out);
    to_schema_differences::<ErrorFlag>("ErrorFlag", compare, &mut out);
    to_schema_differences::<ErrorMessage>("ErrorMessage", compare, &mut out);
    to_schema_differences::<ErrorObject>("ErrorObject", compare, &mut out);
    to_schema_differences::<Google>("Google", compare, &mut out);
    to_schema_differences::<JsonApi>("JsonApi", compare, &mut out);
    to_schema_differences::<OData>("OData", compare, &mut out);
    to_schema_differences::<Problem>("Problem", compare, &mut out);
    out
}

#[test]
fn every_envelope_implements_to_schema() {
    let differences = all_to_schema_differences(without_const);
    assert!(
        differences.is_empty(),
        "ToSchema vs Envelope::schema() (`const` aside):\n  {}",
        differences.join("\n  ")
    );
}

/// utoipa 6.0.0's `Schema` has no `const` (it ignores unknown members), so the envelopes write
/// one-value `enum`s instead: nothing is lost on the way into utoipa's types.
#[test]
fn to_schema_keeps_const() {
    let differences = all_to_schema_differences(Value::clone);
    assert!(
        differences.is_empty(),
        "ToSchema vs Envelope::schema():\n  {}",
        differences.join("\n  ")
    );
}

apierror::openapi::subset! {
    /// What `GET /items/{id}` can answer.
    struct GetItemErrors of Shop: ["ITEM_NOT_FOUND", "MAINTENANCE", "INVALID_PATH"];
}

#[test]
fn subset_has_only_its_codes() {
    let responses = GetItemErrors::responses();
    // Its codes, and the framework's own that every operation can answer (issue 18): the
    // open `REQUEST_REJECTED` (any 4xx) and `INTERNAL_ERROR` (any 5xx).
    // `INTERNAL_ERROR` at its own status too: the renderer's failure answers exactly 500.
    assert_eq!(
        keys(&responses),
        set(&["400", "404", "4XX", "500", "503", "5XX"])
    );
    assert_eq!(
        keys(&responses["404"]["content"]["application/json"]["examples"]),
        set(&["ITEM_NOT_FOUND"])
    );
    assert_eq!(
        responses["404"]["description"],
        "Not Found: `ITEM_NOT_FOUND`, `REQUEST_REJECTED`"
    );
    assert_eq!(
        keys(&responses["400"]["content"]["application/json"]["examples"]),
        set(&["INVALID_PATH"])
    );
    assert_eq!(
        responses["400"]["description"],
        "Bad Request: `INVALID_PATH`, `REQUEST_REJECTED`"
    );
    assert_eq!(
        keys(&responses["503"]["headers"]),
        set(&["Retry-After", "x-request-id"])
    );
    // Each response of the subset is the whole type's, but with only the subset's examples.
    let whole = apierror::openapi::responses::<Shop>();
    assert_eq!(
        responses["404"]["content"]["application/json"]["examples"]["ITEM_NOT_FOUND"],
        whole["404"]["content"]["application/json"]["examples"]["ITEM_NOT_FOUND"]
    );
    assert_eq!(responses["503"], whole["503"]);

    // The catalog: the codes in the type's order (not the subset's).
    let codes: Vec<&str> = GetItemErrors::catalog()
        .records()
        .iter()
        .map(|r| r.entry().code)
        .collect();
    assert_eq!(
        codes,
        [
            "ITEM_NOT_FOUND",
            "MAINTENANCE",
            "INVALID_PATH",
            "REQUEST_REJECTED",
            "INTERNAL_ERROR"
        ]
    );
    assert_eq!(
        GetItemErrors::responses(),
        apierror::catalog::<Shop>()
            .only(&[
                "INVALID_PATH",
                "MAINTENANCE",
                "ITEM_NOT_FOUND",
                "REQUEST_REJECTED",
                "INTERNAL_ERROR"
            ])
            .openapi_responses()
    );

    // utoipa: the same.
    assert_same_json(
        "GetItemErrors: IntoResponses vs Subset::responses()",
        &utoipa_responses::<GetItemErrors>(),
        &responses,
    );
    assert_same_json(
        "GetUserErrors: IntoResponses vs Subset::responses()",
        &utoipa_responses::<GetUserErrors>(),
        &GetUserErrors::responses(),
    );
}

apierror::openapi::subset! {
    /// Names the framework's codes itself: `subset!` accepts `INTERNAL_ERROR`, which is in no
    /// tree but every catalog.
    struct Framework of Shop: ["INTERNAL_ERROR", "REQUEST_REJECTED"];
}

apierror::openapi::subset! {
    /// An operation whose handler never fails.
    struct Infallible of Shop: [];
}

#[test]
fn subsets_take_the_framework_codes_and_none() {
    let named = Framework::responses();
    let empty = Infallible::responses();
    assert_eq!(keys(&named), set(&["4XX", "500", "5XX"]));
    assert_eq!(named, empty);
    assert_eq!(
        keys(&empty["5XX"]["content"]["application/json"]["examples"]),
        set(&["INTERNAL_ERROR"])
    );
    assert_eq!(
        empty["5XX"]["description"],
        "Server error: `INTERNAL_ERROR`"
    );
    // The explicit 500 (OWASP API8 asks every operation for one): the same code, at the
    // status the renderer gives it when an error cannot be rendered.
    assert_eq!(
        empty["500"]["description"],
        "Internal Server Error: `INTERNAL_ERROR`"
    );
    assert_eq!(
        empty["500"]["content"]["application/json"]["examples"]["INTERNAL_ERROR"],
        empty["5XX"]["content"]["application/json"]["examples"]["INTERNAL_ERROR"]
    );
    assert_eq!(
        empty["500"]["content"]["application/json"]["schema"],
        empty["5XX"]["content"]["application/json"]["schema"]
    );
    // The example is what the renderer's own 500 writes (`render.rs`: the reason phrase).
    assert_eq!(
        empty["5XX"]["content"]["application/json"]["examples"]["INTERNAL_ERROR"]["value"],
        json!({ "error": {
            "code": "INTERNAL_ERROR",
            "message": "Internal Server Error",
            "details": { "request_id": "{request_id}" }
        } })
    );
}

#[test]
fn catalog_only_panics_naming_an_unknown_code() {
    let catalog = apierror::catalog::<Shop>();
    let panic = std::panic::catch_unwind(AssertUnwindSafe(|| {
        catalog.only(&["ITEM_NOT_FOUND", "ITEM_NOT_FOUN"])
    }))
    .expect_err("an unknown code panics");
    let message = panic
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()))
        .expect("a message");
    assert!(
        message.contains("`ITEM_NOT_FOUN` is not a code of this error type"),
        "{message}"
    );
    assert!(
        message.contains("ITEM_NOT_FOUND, CART_MISSING, RATE_LIMITED"),
        "lists the codes: {message}"
    );
    // A known list does not panic, and an empty one documents nothing.
    assert_eq!(catalog.only(&[]).openapi_responses(), json!({}));
}
