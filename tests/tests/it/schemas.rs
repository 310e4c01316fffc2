//! Every envelope's `Envelope::schema()` is a valid JSON Schema 2020-12 (the dialect of
//! `OpenAPI` 3.1) that accepts every body of its wire vectors (`tests/vectors/<Envelope>.json`)
//! and the bodies of a richer error (violations, request id and path, details of several
//! types, a fractional retry delay, title/type/gRPC overrides), and rejects a body with a
//! required member removed or a member of the wrong type.
//!
//! Formats (`date-time`, `uri-reference`, `json-pointer`) are validated too, although 2020-12
//! only annotates them by default.

use std::path::Path;
use std::time::Duration;

use apierror::envelope::{
    DataErrorMeta, Envelope, ErrorCode, ErrorFlag, ErrorMessage, ErrorObject, Google, JsonApi,
    OData, Problem, RequestInfo,
};
use apierror::Violation;
use serde_json::{json, Value};

/// What stands for `{{uuid}}` and `{{rfc3339_nanos}}` in the vectors' bodies.
const SAMPLE_UUID: &str = "d6a8f6f2-3b5a-4f0a-81ab-1b4a4c9dd5ea";
const SAMPLE_TIME: &str = "2026-03-08T21:56:33.877635522Z";

/// One vector case of `envelope`: its name and its body as JSON, placeholders filled.
fn vectors(envelope: &str) -> Vec<(String, Value)> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("vectors")
        .join(format!("{envelope}.json"));
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let file: Value = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("malformed vector file {}: {e}", path.display()));
    assert_eq!(file["envelope"], envelope, "{}", path.display());
    let cases = file["cases"]
        .as_array()
        .unwrap_or_else(|| panic!("{}: no `cases` array", path.display()));
    assert!(!cases.is_empty(), "{}: no cases", path.display());
    cases
        .iter()
        .map(|case| {
            let name = case["case"].as_str().expect("a case name").to_owned();
            let body = case["body"]
                .as_str()
                .unwrap_or_else(|| panic!("{envelope} {name}: no body"))
                .replace("{{uuid}}", SAMPLE_UUID)
                .replace("{{rfc3339_nanos}}", SAMPLE_TIME);
            let body = serde_json::from_str(&body)
                .unwrap_or_else(|e| panic!("{envelope} {name}: the body is not JSON: {e}"));
            (name, body)
        })
        .collect()
}

/// `E::schema()`, checked against the 2020-12 meta-schema and compiled.
fn validator<E: Envelope>(envelope: &str) -> (Value, jsonschema::Validator) {
    let schema = E::schema();
    assert_ne!(
        schema,
        json!({ "type": "object" }),
        "{envelope}: the default schema"
    );
    if let Err(error) = jsonschema::draft202012::meta::validate(&schema) {
        panic!("{envelope}: the schema is not valid JSON Schema 2020-12: {error}\n{schema:#}");
    }
    self_contained(envelope, &schema);
    let description = schema["description"].as_str().unwrap_or_default();
    assert!(
        !description.is_empty(),
        "{envelope}: the schema has no description"
    );
    let validator = jsonschema::draft202012::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap_or_else(|e| panic!("{envelope}: the schema does not compile: {e}"));
    (schema, validator)
}

/// No `$schema` or `$id` (an `OpenAPI` component has neither) and no reference outside.
fn self_contained(envelope: &str, schema: &Value) {
    match schema {
        Value::Object(members) => {
            for (name, value) in members {
                assert!(
                    name != "$schema" && name != "$id",
                    "{envelope}: the schema has `{name}`"
                );
                if name == "$ref" {
                    assert!(
                        value.as_str().is_some_and(|r| r.starts_with('#')),
                        "{envelope}: an outside reference {value}"
                    );
                }
                self_contained(envelope, value);
            }
        }
        Value::Array(items) => items.iter().for_each(|v| self_contained(envelope, v)),
        _ => {}
    }
}

/// The validation errors of `body`, one line each with where they are.
fn errors(validator: &jsonschema::Validator, body: &Value) -> Vec<String> {
    validator
        .iter_errors(body)
        .map(|e| format!("at {:?}: {e}", e.instance_path().as_str()))
        .collect()
}

fn assert_valid(envelope: &str, case: &str, validator: &jsonschema::Validator, body: &Value) {
    let errors = errors(validator, body);
    assert!(
        errors.is_empty(),
        "{envelope} {case}: the schema rejects the body {body}:\n{}",
        errors.join("\n")
    );
}

/// A change that must make a body invalid: a member removed, or a member set to a value of
/// the wrong type (or outside the allowed values).
enum Change {
    Remove(&'static str),
    Set(&'static str, Value),
}

fn remove(pointer: &'static str) -> Change {
    Change::Remove(pointer)
}

fn set(pointer: &'static str, value: Value) -> Change {
    Change::Set(pointer, value)
}

impl Change {
    /// `body` changed, or `None` when it has no member at the pointer.
    fn apply(&self, body: &Value) -> Option<Value> {
        let mut body = body.clone();
        match self {
            Change::Remove(pointer) => {
                let (parent, name) = pointer.rsplit_once('/').expect("a JSON pointer");
                body.pointer_mut(parent)?.as_object_mut()?.remove(name)?;
            }
            Change::Set(pointer, value) => *body.pointer_mut(pointer)? = value.clone(),
        }
        Some(body)
    }

    fn describe(&self) -> String {
        match self {
            Change::Remove(pointer) => format!("without {pointer}"),
            Change::Set(pointer, value) => format!("with {pointer} = {value}"),
        }
    }
}

/// Bodies of an error the vectors do not exercise, rendered by `E`: every optional member
/// each envelope can write.
fn rich_bodies<E: Envelope>() -> Vec<(&'static str, Value)> {
    #[derive(Debug, apierror::ApiError)]
    #[api(domain = "api.example.com", version = "2.0.0")]
    #[api(type_base = "https://errors.example.com/")]
    enum Rich {
        #[api(status = 503, title = "Try again later", grpc = "ABORTED")]
        Down {
            #[api(retry_after)]
            wait: Duration,
            #[api(detail)]
            count: u32,
            #[api(detail)]
            tags: Vec<&'static str>,
            #[api(detail)]
            flag: bool,
            #[api(detail)]
            nothing: Option<u8>,
            #[api(detail)]
            nested: std::collections::BTreeMap<&'static str, i64>,
            #[api(violations)]
            violations: Vec<Violation>,
        },
        #[api(status = 422, code = "invalid-user", message = "invalid \"user\" {id}")]
        Invalid {
            #[api(detail)]
            id: u64,
            #[api(violations)]
            violations: Vec<Violation>,
        },
        #[api(status = 404, message = "no such thing")]
        NotFound,
    }

    let down = Rich::Down {
        wait: Duration::from_millis(1500),
        count: 3,
        tags: vec!["a", "b"],
        flag: true,
        nothing: None,
        nested: [("x", -1), ("y", 2)].into_iter().collect(),
        violations: vec![
            Violation::field("user.emails[0]", "is not an email").with_code("EMAIL"),
            Violation::pointer("/user/name", "is required"),
        ],
    };
    let invalid = Rich::Invalid {
        id: 7,
        violations: vec![Violation::field("name", "is required")],
    };
    let everything = RequestInfo::new()
        .with_request_id("req-1")
        .with_path("/users/7");
    let body = |error: &Rich, request: &RequestInfo<'_>| {
        let response = apierror::render::<E>(error, request);
        serde_json::from_slice(response.body()).expect("a rendered body is JSON")
    };
    vec![
        (
            "rich: two violations, request known",
            body(&down, &everything),
        ),
        ("rich: two violations", body(&down, &RequestInfo::new())),
        (
            "rich: one violation, request known",
            body(&invalid, &everything),
        ),
        ("rich: one violation", body(&invalid, &RequestInfo::new())),
        (
            "rich: bare 404, request known",
            body(&Rich::NotFound, &everything),
        ),
    ]
}

/// The whole check of one envelope: its schema, its vectors, the rich bodies, and `changes`
/// (each of which must apply to at least one vector and be rejected wherever it applies).
fn check<E: Envelope>(envelope: &str, changes: &[Change]) {
    let (schema, validator) = validator::<E>(envelope);
    let vectors = vectors(envelope);
    for (case, body) in &vectors {
        assert_valid(envelope, case, &validator, body);
    }
    for (case, body) in rich_bodies::<E>() {
        assert_valid(envelope, case, &validator, &body);
    }
    assert!(!changes.is_empty(), "{envelope}: no negative checks");
    for change in changes {
        let mut applied = 0;
        for (case, body) in &vectors {
            let Some(changed) = change.apply(body) else {
                continue;
            };
            applied += 1;
            assert!(
                !validator.is_valid(&changed),
                "{envelope} {case}: the schema accepts the body {}: {changed}\nschema: {schema:#}",
                change.describe()
            );
        }
        assert!(
            applied > 0,
            "{envelope}: no vector has the member of the change {}",
            change.describe()
        );
    }
}

#[test]
fn error_flag() {
    check::<ErrorFlag>(
        "ErrorFlag",
        &[
            remove("/error"),
            remove("/message"),
            remove("/code"),
            set("/error", json!(false)),
            set("/message", json!(1)),
            set("/retry_after_ms", json!("5000")),
            set("/retry_after_ms", json!(-1)),
        ],
    );
}

#[test]
fn error_message() {
    check::<ErrorMessage>(
        "ErrorMessage",
        &[
            remove("/error"),
            remove("/code"),
            set("/error", json!(true)),
            set("/code", json!(null)),
            set("/details", json!("field")),
        ],
    );
}

#[test]
fn error_code() {
    check::<ErrorCode>(
        "ErrorCode",
        &[
            remove("/error"),
            remove("/message"),
            remove("/status"),
            set("/status", json!("429")),
            set("/status", json!(200)),
        ],
    );
}

#[test]
fn data_error_meta() {
    check::<DataErrorMeta>(
        "DataErrorMeta",
        &[
            remove("/data"),
            remove("/error"),
            remove("/meta"),
            remove("/error/code"),
            remove("/error/message"),
            remove("/meta/request_id"),
            remove("/meta/timestamp"),
            set("/data", json!({})),
            set("/meta/timestamp", json!("2026-03-08T21:56:33Z")),
            set("/meta/version", json!(1)),
        ],
    );
}

#[test]
fn error_object() {
    check::<ErrorObject>(
        "ErrorObject",
        &[
            remove("/error"),
            remove("/error/code"),
            remove("/error/message"),
            set("/error", json!("RATE_LIMITED")),
            set("/error/details", json!([])),
            set("/error/details/retry_after", json!("5")),
        ],
    );
}

#[test]
fn problem() {
    check::<Problem>(
        "Problem",
        &[
            remove("/type"),
            remove("/title"),
            remove("/status"),
            remove("/detail"),
            remove("/code"),
            set("/status", json!("429")),
            set("/status", json!(200)),
            set("/type", json!("not a uri reference")),
        ],
    );
}

#[test]
fn json_api() {
    check::<JsonApi>(
        "JsonApi",
        &[
            remove("/errors"),
            remove("/errors/0/status"),
            remove("/errors/0/code"),
            remove("/errors/0/title"),
            remove("/errors/0/detail"),
            set("/errors", json!([])),
            set("/errors/0/status", json!(429)),
            set("/errors/0/meta", json!("field")),
        ],
    );
}

#[test]
fn google() {
    check::<Google>(
        "Google",
        &[
            remove("/error"),
            remove("/error/code"),
            remove("/error/message"),
            remove("/error/status"),
            remove("/error/details"),
            remove("/error/details/0/reason"),
            set("/error/code", json!("429")),
            set("/error/details", json!([])),
            set("/error/details/0/@type", json!("ErrorInfo")),
            set("/error/details/0/metadata/field", json!(1)),
            set("/error/details/1/retryDelay", json!("5")),
        ],
    );
}

#[test]
fn odata() {
    check::<OData>(
        "OData",
        &[
            remove("/error"),
            remove("/error/code"),
            remove("/error/message"),
            set("/error/code", json!(1)),
            set("/error/innererror", json!("field")),
        ],
    );
}

/// A test per envelope above, and a vector file per test: none is forgotten.
#[test]
fn every_vector_file_is_checked() {
    let checked = [
        "DataErrorMeta",
        "ErrorCode",
        "ErrorFlag",
        "ErrorMessage",
        "ErrorObject",
        "Google",
        "JsonApi",
        "OData",
        "Problem",
    ];
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("vectors");
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .expect("the vector directory")
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .map(|path| path.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(files, checked);
}
