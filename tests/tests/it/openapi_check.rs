//! Checks an OpenAPI 3.1 document with a real JSON Schema validator (`jsonschema`), offline.
//!
//! [`validate_document`] validates the document against the official OpenAPI 3.1 JSON Schema,
//! in its "schema-base" variant, so that every Schema Object in the document is checked too
//! (against the OpenAPI 3.1 Schema Object dialect, i.e. JSON Schema 2020-12 plus the OAS base
//! vocabulary). The schemas are vendored in `tests/openapi/` (see its README for their
//! source) and registered as resources, so nothing is fetched: `jsonschema` is built without
//! its HTTP and file retrievers, and the validator is built `offline()`.
//!
//! [`validate_examples`] validates every example of every response's media types against that
//! media type's `schema`, resolving the document's own `$ref`s (`#/components/schemas/...`,
//! `#/components/examples/...`).
//!
//! The areas that check documents import `crate::openapi_check`.

use std::fmt::Write as _;
use std::sync::OnceLock;

use jsonschema::{Draft, Registry, ValidationError, Validator};
use serde_json::{json, Map, Value};

/// `https://spec.openapis.org/oas/3.1/schema/<date>`: the document structure, Schema Objects unchecked.
const OAS_SCHEMA: &str = include_str!("../../openapi/oas-3.1-schema.json");
/// `https://spec.openapis.org/oas/3.1/schema-base/<date>`: the above, Schema Objects checked
/// against the OAS dialect.
const OAS_SCHEMA_BASE: &str = include_str!("../../openapi/oas-3.1-schema-base.json");
/// `https://spec.openapis.org/oas/3.1/dialect/<date>`: the OAS Schema Object dialect.
const OAS_DIALECT: &str = include_str!("../../openapi/oas-3.1-dialect.json");
/// `https://spec.openapis.org/oas/3.1/meta/<date>`: the OAS base vocabulary's meta-schema.
const OAS_META: &str = include_str!("../../openapi/oas-3.1-meta.json");

/// The base URI the checked document is registered under for [`validate_examples`], so that
/// its `#/components/schemas/...` references resolve inside it. `.invalid` never resolves, and
/// nothing is fetched anyway.
const DOCUMENT_URI: &str = "https://apierror-tests.invalid/openapi.json";

/// HTTP methods whose Path Item fields are Operation Objects (OpenAPI 3.1).
const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// The vendored schemas, parsed: `(file, contents)`.
fn vendored() -> [(&'static str, Value); 4] {
    let parse = |name: &'static str, text: &str| {
        let value: Value = serde_json::from_str(text)
            .unwrap_or_else(|e| panic!("vendored tests/openapi/{name} is not JSON: {e}"));
        (name, value)
    };
    [
        parse("oas-3.1-schema.json", OAS_SCHEMA),
        parse("oas-3.1-schema-base.json", OAS_SCHEMA_BASE),
        parse("oas-3.1-dialect.json", OAS_DIALECT),
        parse("oas-3.1-meta.json", OAS_META),
    ]
}

/// The `$id` of a vendored schema (each is registered under its own `$id`).
fn id_of(name: &str, schema: &Value) -> String {
    schema["$id"]
        .as_str()
        .unwrap_or_else(|| panic!("vendored tests/openapi/{name} has no $id"))
        .to_owned()
}

/// The validator of whole documents: schema-base, with the other three as resources.
fn document_validator() -> &'static Validator {
    static VALIDATOR: OnceLock<Validator> = OnceLock::new();
    VALIDATOR.get_or_init(|| {
        let [schema, base, dialect, meta] = vendored();
        let registry = [&schema, &dialect, &meta]
            .into_iter()
            .try_fold(
                Registry::new().draft(Draft::Draft202012),
                |builder, (name, contents)| builder.add(id_of(name, contents), contents.clone()),
            )
            .and_then(jsonschema::RegistryBuilder::prepare)
            .unwrap_or_else(|e| panic!("the vendored OpenAPI schemas do not register: {e}"));
        jsonschema::options()
            .with_draft(Draft::Draft202012)
            .with_registry(&registry)
            .offline()
            .build(&base.1)
            .unwrap_or_else(|e| panic!("the vendored OpenAPI schema-base does not compile: {e}"))
    })
}

/// One error as `at <instance path>: <message>`; the instance is shown only when it is short.
fn describe(error: &ValidationError<'_>) -> String {
    let path = error.instance_path().to_string();
    let path = if path.is_empty() { "(root)" } else { &path };
    let short = serde_json::to_string(error.instance().as_ref()).is_ok_and(|s| s.len() <= 120);
    let message = if short {
        error.to_string()
    } else {
        error.masked().to_string()
    };
    format!("at {path}: {message} (schema {})", error.evaluation_path())
}

/// Validates `doc` against the official OpenAPI 3.1 JSON Schema (the "schema-base" variant, so
/// its Schema Objects are checked against the OAS 3.1 dialect too). Each error names the
/// instance path (a JSON Pointer into `doc`) and the schema keyword that failed.
pub fn validate_document(doc: &Value) -> Result<(), Vec<String>> {
    let errors: Vec<String> = document_validator()
        .iter_errors(doc)
        .map(|e| describe(&e))
        .collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// A JSON Pointer token (`~` and `/` escaped), percent-encoded for a URI fragment.
fn push_token(fragment: &mut String, token: &str) {
    fragment.push('/');
    let escaped = token.replace('~', "~0").replace('/', "~1");
    for byte in escaped.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            fragment.push(char::from(byte));
        } else {
            let _ = write!(fragment, "%{byte:02X}");
        }
    }
}

/// A media type whose examples are to be checked.
struct MediaType<'d> {
    /// Where it is, for the messages: `GET /users 404 application/json`.
    label: String,
    /// Its URI fragment (a JSON Pointer) in the document, without the `#`.
    pointer: String,
    object: &'d Map<String, Value>,
}

/// The media types of one Response Object (a Reference Object is skipped: what it points at
/// is checked where it is defined, under `components.responses`).
fn media_types_of<'d>(
    response: &'d Value,
    label: &str,
    pointer: &str,
    out: &mut Vec<MediaType<'d>>,
) {
    let Some(content) = response
        .as_object()
        .filter(|r| !r.contains_key("$ref"))
        .and_then(|r| r.get("content"))
        .and_then(Value::as_object)
    else {
        return;
    };
    for (media_type, object) in content {
        if let Some(object) = object.as_object() {
            let mut pointer = pointer.to_owned();
            push_token(&mut pointer, "content");
            push_token(&mut pointer, media_type);
            out.push(MediaType {
                label: format!("{label} {media_type}"),
                pointer,
                object,
            });
        }
    }
}

/// Every media type of `paths.*.<method>.responses.*` and of `components.responses.*`.
fn response_media_types(doc: &Value) -> Vec<MediaType<'_>> {
    let mut out = Vec::new();
    if let Some(paths) = doc.get("paths").and_then(Value::as_object) {
        for (path, item) in paths {
            for method in METHODS {
                let Some(responses) = item
                    .get(method)
                    .and_then(|operation| operation.get("responses"))
                    .and_then(Value::as_object)
                else {
                    continue;
                };
                for (status, response) in responses {
                    let mut pointer = String::new();
                    for token in ["paths", path, method, "responses", status] {
                        push_token(&mut pointer, token);
                    }
                    let label = format!("{} {path} {status}", method.to_uppercase());
                    media_types_of(response, &label, &pointer, &mut out);
                }
            }
        }
    }
    if let Some(responses) = doc
        .pointer("/components/responses")
        .and_then(Value::as_object)
    {
        for (name, response) in responses {
            let mut pointer = String::new();
            for token in ["components", "responses", name] {
                push_token(&mut pointer, token);
            }
            let label = format!("components.responses.{name}");
            media_types_of(response, &label, &pointer, &mut out);
        }
    }
    out
}

/// The examples of one media type: `(name, value)`, `example` named `example` and each
/// `examples.<name>` named `examples.<name>`. An Example Object given as a `$ref` to
/// `#/components/examples/...` is resolved; one with only an `externalValue` is skipped.
fn examples_of<'d>(
    doc: &'d Value,
    media_type: &MediaType<'d>,
    errors: &mut Vec<String>,
) -> Vec<(String, &'d Value)> {
    let mut out = Vec::new();
    if let Some(example) = media_type.object.get("example") {
        out.push(("example".to_owned(), example));
    }
    let Some(examples) = media_type.object.get("examples").and_then(Value::as_object) else {
        return out;
    };
    for (name, example) in examples {
        let label = format!("examples.{name}");
        let example = match example.get("$ref").and_then(Value::as_str) {
            None => example,
            Some(reference) => {
                let Some(target) = reference
                    .strip_prefix('#')
                    .filter(|p| p.starts_with("/components/examples/"))
                    .and_then(|p| doc.pointer(&unescape_fragment(p)))
                else {
                    errors.push(format!(
                        "{} {label}: unresolvable example $ref {reference:?} \
                         (only #/components/examples/... is followed)",
                        media_type.label
                    ));
                    continue;
                };
                target
            }
        };
        if let Some(value) = example.get("value") {
            out.push((label, value));
        } else if example.get("externalValue").is_none() {
            errors.push(format!(
                "{} {label}: Example Object has neither value nor externalValue",
                media_type.label
            ));
        }
    }
    out
}

/// A `$ref` fragment back to a plain JSON Pointer (percent-decoded).
fn unescape_fragment(fragment: &str) -> String {
    let bytes = fragment.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| char::from(b).to_digit(16);
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(hi), Some(lo)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push(u8::try_from(hi * 16 + lo).expect("two hex digits fit a byte"));
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Validates every example of every response against its media type's `schema`: for each
/// response under `paths.*.<method>.responses.*` and `components.responses.*`, each media type
/// of its `content`, its `example` and each `examples.*.value` (following a `$ref` to
/// `#/components/examples/...`). The document is registered as a resource, so the schema's
/// `$ref`s to `#/components/schemas/...` (and any other local ones) resolve in it.
///
/// Returns how many examples were checked, so a caller can assert that the check saw some. A
/// media type without a `schema` has nothing to check its examples against and is skipped.
/// Each error names the path, method, status (or `components.responses.<name>`), media type,
/// example and the instance path inside the example.
pub fn validate_examples(doc: &Value) -> Result<usize, Vec<String>> {
    let mut errors = Vec::new();
    let media_types = response_media_types(doc);
    let mut checked = 0;
    let registry = {
        let builder = Registry::new()
            .draft(Draft::Draft202012)
            .add(DOCUMENT_URI, doc);
        // The OAS dialect too, for a Schema Object that names it as its `$schema`.
        let vendored = vendored();
        let [_, _, dialect, meta] = &vendored;
        let builder = [dialect, meta]
            .into_iter()
            .fold(builder, |builder, (name, contents)| {
                builder.and_then(|b| b.add(id_of(name, contents), contents.clone()))
            });
        match builder.and_then(jsonschema::RegistryBuilder::prepare) {
            Ok(registry) => registry,
            Err(e) => {
                return Err(vec![format!(
                    "the document does not register as a resource: {e}"
                )])
            }
        }
    };
    for media_type in &media_types {
        let examples = examples_of(doc, media_type, &mut errors);
        if examples.is_empty() || !media_type.object.contains_key("schema") {
            continue;
        }
        let mut pointer = media_type.pointer.clone();
        push_token(&mut pointer, "schema");
        let wrapper = json!({ "$ref": format!("{DOCUMENT_URI}#{pointer}") });
        let validator = match jsonschema::options()
            .with_draft(Draft::Draft202012)
            .with_registry(&registry)
            .offline()
            .build(&wrapper)
        {
            Ok(validator) => validator,
            Err(e) => {
                errors.push(format!(
                    "{}: its schema does not compile: {e}",
                    media_type.label
                ));
                continue;
            }
        };
        for (name, value) in examples {
            checked += 1;
            for error in validator.iter_errors(value) {
                errors.push(format!("{} {name}: {}", media_type.label, describe(&error)));
            }
        }
    }
    if errors.is_empty() {
        Ok(checked)
    } else {
        Err(errors)
    }
}

/// Checks one real response against `doc`, as Schemathesis's `status_code_conformance`,
/// `content_type_conformance` and `response_schema_conformance` do: the operation
/// `method path` documents the status (itself, else its class `4XX`, else `default`), with the
/// response's media type among its `content`, and the body validates against that media
/// type's schema. The body must be JSON.
pub fn validate_response(
    doc: &Value,
    path: &str,
    method: &str,
    status: u16,
    content_type: &str,
    body: &Value,
) -> Result<(), Vec<String>> {
    let label = format!("{} {path} {status}", method.to_uppercase());
    let responses = &doc["paths"][path][method]["responses"];
    let key = [
        status.to_string(),
        format!("{}XX", status / 100),
        "default".to_owned(),
    ]
    .into_iter()
    .find(|key| responses.get(key).is_some())
    .ok_or_else(|| vec![format!("{label}: the status is not documented")])?;
    let media = &responses[key.as_str()]["content"][content_type];
    if !media.is_object() {
        return Err(vec![format!(
            "{label}: `{content_type}` is not a documented media type of response {key}"
        )]);
    }
    let mut pointer = String::new();
    for token in [
        "paths",
        path,
        method,
        "responses",
        &key,
        "content",
        content_type,
        "schema",
    ] {
        push_token(&mut pointer, token);
    }
    let registry = Registry::new()
        .draft(Draft::Draft202012)
        .add(DOCUMENT_URI, doc)
        .and_then(jsonschema::RegistryBuilder::prepare)
        .map_err(|e| vec![format!("the document does not register: {e}")])?;
    let wrapper = json!({ "$ref": format!("{DOCUMENT_URI}#{pointer}") });
    let validator = jsonschema::options()
        .with_draft(Draft::Draft202012)
        .with_registry(&registry)
        .offline()
        .build(&wrapper)
        .map_err(|e| vec![format!("{label}: the schema does not compile: {e}")])?;
    let errors: Vec<String> = validator
        .iter_errors(body)
        .map(|e| format!("{label} ({key}): {}", describe(&e)))
        .collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}
