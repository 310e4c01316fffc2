//! The OpenAPI checker of `openapi_check` works, and can fail: documents and examples that
//! break the official OpenAPI 3.1 schema (or their own response schemas) are rejected, with
//! the path of what is wrong.

use crate::openapi_check;

use serde_json::{json, Value};

use openapi_check::{validate_document, validate_examples};

/// The smallest valid OpenAPI 3.1 document with one operation.
fn minimal() -> Value {
    json!({
        "openapi": "3.1.0",
        "info": { "title": "t", "version": "1" },
        "paths": {
            "/users/{id}": {
                "get": {
                    "parameters": [
                        { "name": "id", "in": "path", "required": true, "schema": { "type": "string" } }
                    ],
                    "responses": { "204": { "description": "no content" } }
                }
            }
        }
    })
}

/// A document whose 404 (in `paths`) and `components.responses.Conflict` bodies are the
/// `Error` component schema, each with examples set by `example` / `examples`.
fn with_examples(
    example: &Value,
    examples: &Value,
    component_examples: &Value,
    conflict_example: &Value,
) -> Value {
    json!({
        "openapi": "3.1.0",
        "info": { "title": "t", "version": "1" },
        "paths": {
            "/users/{id}": {
                "get": {
                    "responses": {
                        "404": {
                            "description": "not found",
                            "content": {
                                "application/json": {
                                    "schema": { "$ref": "#/components/schemas/Error" },
                                    "examples": examples
                                },
                                "application/problem+json": {
                                    "schema": { "$ref": "#/components/schemas/Error" },
                                    "example": example
                                }
                            }
                        },
                        "409": { "$ref": "#/components/responses/Conflict" }
                    }
                }
            }
        },
        "components": {
            "schemas": {
                "Error": {
                    "type": "object",
                    "required": ["code", "message"],
                    "properties": {
                        "code": { "$ref": "#/components/schemas/Code" },
                        "message": { "type": "string" }
                    },
                    "additionalProperties": false
                },
                "Code": { "type": "string", "pattern": "^[A-Z_]+$" }
            },
            "examples": component_examples,
            "responses": {
                "Conflict": {
                    "description": "conflict",
                    "content": {
                        "application/json": {
                            "schema": { "$ref": "#/components/schemas/Error" },
                            "example": conflict_example
                        }
                    }
                }
            }
        }
    })
}

fn good_body() -> Value {
    json!({ "code": "NOT_FOUND", "message": "no such user" })
}

fn assert_any(errors: &[String], needles: &[&str]) {
    assert!(
        errors
            .iter()
            .any(|e| needles.iter().all(|needle| e.contains(needle))),
        "no error contains all of {needles:?}: {errors:#?}"
    );
}

#[test]
fn a_minimal_document_is_valid() {
    validate_document(&minimal()).unwrap();
    let empty_paths = json!({
        "openapi": "3.1.0",
        "info": { "title": "t", "version": "1" },
        "paths": {}
    });
    validate_document(&empty_paths).unwrap();
}

#[test]
fn a_document_without_info_is_invalid() {
    let mut doc = minimal();
    doc.as_object_mut().unwrap().remove("info");
    let errors = validate_document(&doc).unwrap_err();
    assert_any(&errors, &["(root)", "\"info\" is a required property"]);
}

#[test]
fn a_document_of_another_version_is_invalid() {
    let mut doc = minimal();
    doc["openapi"] = json!("3.0.3");
    let errors = validate_document(&doc).unwrap_err();
    assert_any(&errors, &["at /openapi:"]);
}

#[test]
fn an_invalid_operation_is_invalid() {
    // A Responses Object needs `default` or a status code; a status code is three digits.
    let mut doc = minimal();
    doc["paths"]["/users/{id}"]["get"]["responses"] = json!({ "200x": { "description": "?" } });
    let errors = validate_document(&doc).unwrap_err();
    assert_any(&errors, &["at /paths/~1users~1{id}/get/responses"]);
}

#[test]
fn an_invalid_schema_object_is_invalid() {
    // In a component...
    let mut doc = minimal();
    doc["components"] = json!({ "schemas": { "Bad": { "type": 5 } } });
    let errors = validate_document(&doc).unwrap_err();
    assert_any(&errors, &["at /components/schemas/Bad/type"]);

    // ...nested in a valid one, in an operation's parameter...
    let mut doc = minimal();
    doc["paths"]["/users/{id}"]["get"]["parameters"][0]["schema"] =
        json!({ "type": "object", "properties": { "n": { "minimum": "zero" } } });
    let errors = validate_document(&doc).unwrap_err();
    assert_any(
        &errors,
        &["at /paths/~1users~1{id}/get/parameters/0/schema/properties/n/minimum"],
    );

    // ...and an OAS-vocabulary keyword of the wrong shape (`discriminator` needs `propertyName`).
    let mut doc = minimal();
    doc["components"] = json!({ "schemas": { "Pet": { "discriminator": { "mapping": {} } } } });
    let errors = validate_document(&doc).unwrap_err();
    assert_any(&errors, &["at /components/schemas/Pet/discriminator"]);

    // The same document with valid Schema Objects passes.
    let mut doc = minimal();
    doc["components"] = json!({ "schemas": {
        "Good": { "type": ["string", "null"], "example": "x" },
        "Pet": { "discriminator": { "propertyName": "kind" }, "x-extra": true }
    } });
    validate_document(&doc).unwrap();
}

#[test]
fn matching_examples_pass_and_are_counted() {
    let doc = with_examples(
        &good_body(),
        &json!({
            "inline": { "value": good_body() },
            "shared": { "$ref": "#/components/examples/NotFound" },
            "remote": { "externalValue": "https://example.com/404.json" }
        }),
        &json!({ "NotFound": { "summary": "shared", "value": good_body() } }),
        &json!({ "code": "CONFLICT", "message": "taken" }),
    );
    validate_document(&doc).unwrap();
    // `example`, `inline`, `shared` (resolved), and the Conflict one; not `remote`.
    assert_eq!(validate_examples(&doc), Ok(4));
}

#[test]
fn an_example_violating_its_referenced_schema_fails() {
    let doc = with_examples(
        &json!({ "code": "not-upper", "message": "no such user" }),
        &json!({ "inline": { "value": { "code": "NOT_FOUND" } } }),
        &json!({}),
        &json!({ "code": "CONFLICT", "message": "taken", "extra": 1 }),
    );
    // The document itself is valid: only its examples are wrong.
    validate_document(&doc).unwrap();
    let errors = validate_examples(&doc).unwrap_err();
    assert_eq!(errors.len(), 3, "{errors:#?}");
    // `code` breaks the `Code` schema, reached through `Error`'s `$ref`.
    assert_any(
        &errors,
        &[
            "GET /users/{id} 404 application/problem+json example",
            "at /code",
        ],
    );
    assert_any(
        &errors,
        &[
            "GET /users/{id} 404 application/json examples.inline",
            "\"message\" is a required property",
        ],
    );
    assert_any(
        &errors,
        &[
            "components.responses.Conflict application/json example",
            "'extra' was unexpected",
        ],
    );
}

#[test]
fn a_referenced_example_is_resolved_and_checked() {
    let doc = with_examples(
        &good_body(),
        &json!({ "shared": { "$ref": "#/components/examples/NotFound" } }),
        &json!({ "NotFound": { "value": { "code": 404, "message": "no such user" } } }),
        &json!({ "code": "CONFLICT", "message": "taken" }),
    );
    validate_document(&doc).unwrap();
    let errors = validate_examples(&doc).unwrap_err();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert_any(
        &errors,
        &[
            "GET /users/{id} 404 application/json examples.shared",
            "at /code",
            "\"string\"",
        ],
    );

    // A `$ref` to an example that does not exist is an error, not a silent skip.
    let doc = with_examples(
        &good_body(),
        &json!({ "shared": { "$ref": "#/components/examples/Missing" } }),
        &json!({}),
        &json!({ "code": "CONFLICT", "message": "taken" }),
    );
    let errors = validate_examples(&doc).unwrap_err();
    assert_any(&errors, &["examples.shared", "unresolvable example $ref"]);
}

#[test]
fn a_document_without_examples_checks_none() {
    assert_eq!(validate_examples(&minimal()), Ok(0));
}
