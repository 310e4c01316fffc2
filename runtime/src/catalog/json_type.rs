//! The JSON type of a detail field, read from its Rust type as written (the derive knows only
//! the text, `Option<u64>`): its JSON Schema for the OpenAPI responses, and a value of that
//! type for the examples. Common types only; any other is left untyped (`{}`), which every
//! value matches, rather than guessed.

use serde_json::{json, Value};

/// What a Rust type is on the wire, as far as its text tells.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum JsonType {
    Integer {
        unsigned: bool,
    },
    Number,
    Boolean,
    String,
    /// `Option<T>`: `T` or `null` (serde writes `None` as `null`).
    Nullable(Box<JsonType>),
    /// `Vec<T>`, `[T; N]`, `&[T]`, sets: an array of `T`.
    Array(Box<JsonType>),
    /// Anything else: a user type whose `Serialize` only it knows.
    Unknown,
}

impl JsonType {
    /// The type of `rust_type`, a type as written (spaces and paths allowed).
    pub(crate) fn of(rust_type: &str) -> JsonType {
        let compact: String = rust_type.chars().filter(|c| !c.is_whitespace()).collect();
        Self::parse(&compact)
    }

    fn parse(ty: &str) -> JsonType {
        // References and smart pointers serialize as what they point to.
        let ty = ty.trim_start_matches('&');
        let ty = ty.strip_prefix("'static").unwrap_or(ty);
        let ty = ty.strip_prefix("mut").unwrap_or(ty);
        if let Some(inner) = ty.strip_prefix('[').and_then(|t| t.strip_suffix(']')) {
            let element = inner.split_once(';').map_or(inner, |(element, _)| element);
            return JsonType::Array(Box::new(Self::parse(element)));
        }
        let (path, args) = match ty.split_once('<') {
            Some((path, rest)) => (path, rest.strip_suffix('>')),
            None => (ty, None),
        };
        let name = path.rsplit("::").next().unwrap_or(path);
        match (name, args) {
            (
                "u8" | "u16" | "u32" | "u64" | "u128" | "usize" | "NonZeroU8" | "NonZeroU16"
                | "NonZeroU32" | "NonZeroU64" | "NonZeroUsize",
                None,
            ) => JsonType::Integer { unsigned: true },
            ("i8" | "i16" | "i32" | "i64" | "i128" | "isize", None) => {
                JsonType::Integer { unsigned: false }
            }
            ("f32" | "f64", None) => JsonType::Number,
            ("bool", None) => JsonType::Boolean,
            ("str" | "String" | "char" | "Uuid" | "IpAddr" | "Ipv4Addr" | "Ipv6Addr", None) => {
                JsonType::String
            }
            ("Option", Some(inner)) => JsonType::Nullable(Box::new(Self::parse(inner))),
            ("Box" | "Rc" | "Arc" | "Cow", Some(inner)) => {
                // `Cow<'a, str>`: the last argument is the type.
                Self::parse(inner.rsplit(',').next().unwrap_or(inner))
            }
            ("Vec" | "VecDeque" | "BTreeSet" | "HashSet" | "SmallVec", Some(inner)) => {
                // `HashSet<T, S>`: the first argument is the element (a tuple or nested
                // generic there is left untyped by the parse of its text).
                let element = if inner.contains('<') {
                    inner
                } else {
                    inner.split(',').next().unwrap_or(inner)
                };
                JsonType::Array(Box::new(Self::parse(element)))
            }
            _ => JsonType::Unknown,
        }
    }

    /// Its JSON Schema (2020-12, as OpenAPI 3.1 reads it).
    pub(crate) fn schema(&self) -> Value {
        match self {
            JsonType::Integer { unsigned: true } => json!({ "type": "integer", "minimum": 0 }),
            JsonType::Integer { unsigned: false } => json!({ "type": "integer" }),
            JsonType::Number => json!({ "type": "number" }),
            JsonType::Boolean => json!({ "type": "boolean" }),
            JsonType::String => json!({ "type": "string" }),
            JsonType::Nullable(inner) => match inner.schema() {
                Value::Object(mut schema) => match schema.remove("type") {
                    Some(Value::String(ty)) => {
                        schema.insert("type".to_owned(), json!([ty, "null"]));
                        Value::Object(schema)
                    }
                    // Untyped stays untyped: `{}` already admits `null`.
                    _ => Value::Object(schema),
                },
                other => other,
            },
            JsonType::Array(element) => json!({ "type": "array", "items": element.schema() }),
            JsonType::Unknown => json!({}),
        }
    }

    /// An example value of this type; `None` when the type is unknown or a string, whose
    /// example stays the placeholder `"{name}"`.
    pub(crate) fn example(&self) -> Option<Value> {
        match self {
            JsonType::Integer { .. } => Some(json!(42)),
            JsonType::Number => Some(json!(0.5)),
            JsonType::Boolean => Some(json!(true)),
            JsonType::Nullable(inner) => inner.example(),
            JsonType::Array(element) => Some(Value::Array(element.example().into_iter().collect())),
            JsonType::String | JsonType::Unknown => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_types_map_to_their_json_schema() {
        // JSON Schema 2020-12 §6.1.1 (`type`); serde's data model: integers are JSON
        // integers, `Option` is `null` or the value, sequences and sets are arrays.
        let cases = [
            ("u64", json!({"type": "integer", "minimum": 0})),
            ("i32", json!({"type": "integer"})),
            (
                "std::num::NonZeroU32",
                json!({"type": "integer", "minimum": 0}),
            ),
            ("f64", json!({"type": "number"})),
            ("bool", json!({"type": "boolean"})),
            ("String", json!({"type": "string"})),
            ("&'static str", json!({"type": "string"})),
            ("Cow<'static, str>", json!({"type": "string"})),
            ("Box<str>", json!({"type": "string"})),
            (
                "Option<u16>",
                json!({"type": ["integer", "null"], "minimum": 0}),
            ),
            ("Option < String >", json!({"type": ["string", "null"]})),
            (
                "Vec<String>",
                json!({"type": "array", "items": {"type": "string"}}),
            ),
            (
                "[u8; 4]",
                json!({"type": "array", "items": {"type": "integer", "minimum": 0}}),
            ),
            (
                "Vec<Vec<bool>>",
                json!({"type": "array", "items": {"type": "array", "items": {"type": "boolean"}}}),
            ),
            ("Option<MyType>", json!({})),
            ("MyType", json!({})),
            ("HashMap<String, u8>", json!({})),
        ];
        for (rust, schema) in cases {
            assert_eq!(JsonType::of(rust).schema(), schema, "{rust}");
        }
    }

    #[test]
    fn examples_are_of_the_type() {
        assert_eq!(JsonType::of("u64").example(), Some(json!(42)));
        assert_eq!(JsonType::of("Option<bool>").example(), Some(json!(true)));
        assert_eq!(JsonType::of("Vec<i8>").example(), Some(json!([42])));
        assert_eq!(JsonType::of("String").example(), None);
        assert_eq!(JsonType::of("Custom").example(), None);
    }
}
