//! The schema of one code's responses: the envelope's schema, and where the envelope put the
//! code and the details in that code's example, the code as a `const` and each detail with
//! its JSON type. Read from the example the envelope itself rendered, so it fits all nine
//! envelopes (and a custom one) without each describing where its code goes.
//!
//! Only what utoipa's schema types carry is written, as the derived `IntoResponses` goes
//! through them: the code is a one-value `enum` (utoipa has no `const`), a member inside an
//! array (JSON:API's `errors`, Google's `details`) is left out (utoipa has no `contains`, and
//! `items` would wrongly bind every element), and so is a detail of an unknown type (`{}`).

use serde_json::{json, Map, Value};

use crate::catalog::{FieldRole, JsonType, Record};

/// One step into a JSON value.
#[derive(Clone, Debug, PartialEq)]
enum Step {
    Member(String),
    Element(usize),
}

/// The schema of `record`'s responses, `allOf` the envelope's `$ref` and the shape of its code
/// and details; `None` when its example does not carry the code outside an array (an
/// envelope without one, or with it in a list), where no schema here can tell the codes apart.
pub(super) fn code_schema(record: &Record, envelope_ref: &str) -> Option<Value> {
    let entry = record.entry();
    let body = record.example().body_json();
    let mut constraints: Vec<(Vec<Step>, Value)> = Vec::new();
    find(&body, &mut Vec::new(), &mut |path, value| {
        if value.as_str() == Some(entry.code) && in_objects(path) {
            constraints.push((
                path.to_vec(),
                json!({ "type": "string", "enum": [entry.code] }),
            ));
        }
    });
    if constraints.is_empty() {
        return None;
    }
    for field in entry.fields.iter().filter(|f| f.role == FieldRole::Detail) {
        let ty = JsonType::of(field.rust_type);
        // The value the example wrote for it (see `Described::details` in the catalog).
        let written = ty
            .example()
            .unwrap_or_else(|| Value::String(format!("{{{}}}", field.name)));
        find(&body, &mut Vec::new(), &mut |path, value| {
            let named = matches!(path.last(), Some(Step::Member(name)) if name == field.name);
            let schema = ty.schema();
            let typed = schema.get("type").is_some();
            if named && *value == written && typed && in_objects(path) {
                constraints.push((path.to_vec(), schema));
            }
        });
    }
    let mut shape = json!({});
    for (path, schema) in constraints {
        insert(&mut shape, &path, schema);
    }
    Some(json!({
        "title": entry.code,
        "allOf": [{ "$ref": envelope_ref }, shape],
    }))
}

/// Whether `path` goes through objects only.
fn in_objects(path: &[Step]) -> bool {
    path.iter().all(|step| matches!(step, Step::Member(_)))
}

/// Calls `visit` with the path and value of every scalar and container under `value`.
fn find(value: &Value, path: &mut Vec<Step>, visit: &mut dyn FnMut(&[Step], &Value)) {
    visit(path, value);
    match value {
        Value::Object(members) => {
            for (name, member) in members {
                path.push(Step::Member(name.clone()));
                find(member, path, visit);
                path.pop();
            }
        }
        Value::Array(elements) => {
            for (i, element) in elements.iter().enumerate() {
                path.push(Step::Element(i));
                find(element, path, visit);
                path.pop();
            }
        }
        _ => {}
    }
}

/// Adds `leaf` at `path` (members only) to `schema`: each member a required property of an
/// object.
fn insert(schema: &mut Value, path: &[Step], leaf: Value) {
    let Some((Step::Member(name), rest)) = path.split_first() else {
        if let (Value::Object(target), Value::Object(leaf)) = (schema, leaf) {
            target.extend(leaf);
        }
        return;
    };
    let Value::Object(target) = schema else {
        return;
    };
    target.insert("type".to_owned(), json!("object"));
    let properties = target
        .entry("properties")
        .or_insert_with(|| Value::Object(Map::new()));
    if let Value::Object(properties) = properties {
        let child = properties.entry(name.clone()).or_insert_with(|| json!({}));
        insert(child, rest, leaf);
    }
    let required = target.entry("required").or_insert_with(|| json!([]));
    if let Value::Array(required) = required {
        if !required.iter().any(|r| r.as_str() == Some(name)) {
            required.push(Value::String(name.clone()));
        }
    }
}
