//! The JSON type of a detail field, read from its Rust type as written (the derive knows only
//! the text, `Option<u64>`): its JSON Schema for the OpenAPI responses, and a value of that
//! type for the examples. Common types only; any other is left untyped (`{}`), which every
//! value matches, rather than guessed.
//!
//! An integer's schema states its Rust type's range (`minimum`, `maximum`) and its format from
//! the OpenAPI Format Registry (`uint8` … `uint64`, `int8` … `int64`): the renderer writes
//! every integer detail as a JSON number, in full, as `serde_json` does, so each value of the
//! type, and only those, can appear. A fixed-size array states its length.

use serde_json::{json, Value};

/// What a Rust type is on the wire, as far as its text tells.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum JsonType {
    /// An integer of `bits` bits (`usize` and `isize` as 64: no platform Rust supports has
    /// wider ones), signed or not, zero excluded (`NonZeroU32`…) or not.
    Integer {
        bits: u8,
        signed: bool,
        nonzero: bool,
    },
    Number,
    Boolean,
    String,
    /// `Option<T>`: `T` or `null` (serde writes `None` as `null`).
    Nullable(Box<JsonType>),
    /// `Vec<T>`, `&[T]`, sets: an array of `T`; `[T; N]`: of exactly `N` when `N` is a number
    /// up to 64 and `T` has an example value (so the example, `N` of them, fits the schema).
    Array(Box<JsonType>, Option<u64>),
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
            let (element, len) = match inner.split_once(';') {
                Some((element, len)) => (Self::parse(element), len.parse::<u64>().ok()),
                None => (Self::parse(inner), None),
            };
            let len = len.filter(|len| *len <= 64 && element.example().is_some());
            return JsonType::Array(Box::new(element), len);
        }
        let (path, args) = match ty.split_once('<') {
            Some((path, rest)) => (path, rest.strip_suffix('>')),
            None => (ty, None),
        };
        let name = path.rsplit("::").next().unwrap_or(path);
        let integer = |bits, signed, nonzero| JsonType::Integer {
            bits,
            signed,
            nonzero,
        };
        match (name, args) {
            ("u8", None) => integer(8, false, false),
            ("u16", None) => integer(16, false, false),
            ("u32", None) => integer(32, false, false),
            ("u64" | "usize", None) => integer(64, false, false),
            ("u128", None) => integer(128, false, false),
            ("i8", None) => integer(8, true, false),
            ("i16", None) => integer(16, true, false),
            ("i32", None) => integer(32, true, false),
            ("i64" | "isize", None) => integer(64, true, false),
            ("i128", None) => integer(128, true, false),
            ("NonZeroU8", None) => integer(8, false, true),
            ("NonZeroU16", None) => integer(16, false, true),
            ("NonZeroU32", None) => integer(32, false, true),
            ("NonZeroU64" | "NonZeroUsize", None) => integer(64, false, true),
            ("NonZeroU128", None) => integer(128, false, true),
            ("NonZeroI8", None) => integer(8, true, true),
            ("NonZeroI16", None) => integer(16, true, true),
            ("NonZeroI32", None) => integer(32, true, true),
            ("NonZeroI64" | "NonZeroIsize", None) => integer(64, true, true),
            ("NonZeroI128", None) => integer(128, true, true),
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
                JsonType::Array(Box::new(Self::parse(element)), None)
            }
            _ => JsonType::Unknown,
        }
    }

    /// Its JSON Schema (2020-12, as OpenAPI 3.1 reads it).
    pub(crate) fn schema(&self) -> Value {
        match self {
            JsonType::Integer {
                bits,
                signed,
                nonzero,
            } => integer_schema(*bits, *signed, *nonzero),
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
            JsonType::Array(element, None) => json!({ "type": "array", "items": element.schema() }),
            JsonType::Array(element, Some(len)) => json!({
                "type": "array",
                "items": element.schema(),
                "minItems": len,
                "maxItems": len,
            }),
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
            // A fixed-size array's example has its length (at most 64, see `parse`).
            JsonType::Array(element, Some(len)) => {
                let element = element.example()?;
                Some(Value::Array(vec![element; usize::try_from(*len).ok()?]))
            }
            JsonType::Array(element, None) => {
                Some(Value::Array(element.example().into_iter().collect()))
            }
            JsonType::String | JsonType::Unknown => None,
        }
    }
}

/// The schema of an integer of `bits` bits: its range, and its format when the registry has
/// one (`uint8` … `int64`; none for 128 bits, whose bounds are written as the exact powers of
/// two they are, `2^128` being a JSON number but no `u64`, with `exclusiveMaximum`).
fn integer_schema(bits: u8, signed: bool, nonzero: bool) -> Value {
    let mut schema = json!({ "type": "integer" });
    if bits <= 64 {
        schema["format"] = json!(format!("{}int{bits}", if signed { "" } else { "u" }));
        // A `NonZeroI32` keeps `i32`'s bounds: zero is inside them, merely never sent.
        if signed {
            let max = i64::MAX >> (64 - u32::from(bits));
            schema["minimum"] = json!(-max - 1);
            schema["maximum"] = json!(max);
        } else {
            schema["minimum"] = json!(u64::from(nonzero));
            schema["maximum"] = json!(u64::MAX >> (64 - u32::from(bits)));
        }
    } else {
        // 2^127 and 2^128 are exact as `f64`.
        let half = 2_f64.powi(127);
        if signed {
            schema["minimum"] = json!(-half);
            schema["exclusiveMaximum"] = json!(half);
        } else {
            schema["minimum"] = json!(u64::from(nonzero));
            schema["exclusiveMaximum"] = json!(half * 2.0);
        }
    }
    schema
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_types_map_to_their_json_schema() {
        // JSON Schema 2020-12 §6.1.1 (`type`); serde's data model: integers are JSON
        // integers, `Option` is `null` or the value, sequences and sets are arrays.
        let cases = [
            ("f64", json!({"type": "number"})),
            ("bool", json!({"type": "boolean"})),
            ("String", json!({"type": "string"})),
            ("&'static str", json!({"type": "string"})),
            ("Cow<'static, str>", json!({"type": "string"})),
            ("Box<str>", json!({"type": "string"})),
            (
                "Option<u16>",
                json!({"type": ["integer", "null"], "format": "uint16", "minimum": 0, "maximum": 65_535}),
            ),
            ("Option < String >", json!({"type": ["string", "null"]})),
            (
                "Vec<String>",
                json!({"type": "array", "items": {"type": "string"}}),
            ),
            (
                "[u8; 4]",
                json!({"type": "array", "minItems": 4, "maxItems": 4, "items": {"type": "integer", "format": "uint8", "minimum": 0, "maximum": 255}}),
            ),
            // A length over 64, or named by a constant, or of elements without an example
            // value, is not stated.
            (
                "[bool; 65]",
                json!({"type": "array", "items": {"type": "boolean"}}),
            ),
            (
                "[bool; N]",
                json!({"type": "array", "items": {"type": "boolean"}}),
            ),
            (
                "[String; 2]",
                json!({"type": "array", "items": {"type": "string"}}),
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
    fn integers_state_their_range_and_format() {
        // The renderer writes an integer detail in full, so its type's range is the range of
        // what can be sent: JSON Schema 2020-12 `minimum`/`maximum`, and the OpenAPI Format
        // Registry's `int8` … `uint64`.
        let cases = [
            // The OpenAPI Format Registry's integer formats, with their ranges.
            (
                "u64",
                json!({"type": "integer", "format": "uint64", "minimum": 0, "maximum": 18_446_744_073_709_551_615_u64}),
            ),
            (
                "usize",
                json!({"type": "integer", "format": "uint64", "minimum": 0, "maximum": 18_446_744_073_709_551_615_u64}),
            ),
            (
                "u8",
                json!({"type": "integer", "format": "uint8", "minimum": 0, "maximum": 255}),
            ),
            (
                "u16",
                json!({"type": "integer", "format": "uint16", "minimum": 0, "maximum": 65_535}),
            ),
            (
                "u32",
                json!({"type": "integer", "format": "uint32", "minimum": 0, "maximum": 4_294_967_295_u32}),
            ),
            (
                "i8",
                json!({"type": "integer", "format": "int8", "minimum": -128, "maximum": 127}),
            ),
            (
                "i16",
                json!({"type": "integer", "format": "int16", "minimum": -32_768, "maximum": 32_767}),
            ),
            (
                "i32",
                json!({"type": "integer", "format": "int32", "minimum": -2_147_483_648_i64, "maximum": 2_147_483_647}),
            ),
            (
                "i64",
                json!({"type": "integer", "format": "int64", "minimum": -9_223_372_036_854_775_808_i64, "maximum": 9_223_372_036_854_775_807_i64}),
            ),
            (
                "isize",
                json!({"type": "integer", "format": "int64", "minimum": i64::MIN, "maximum": i64::MAX}),
            ),
            (
                "std::num::NonZeroU32",
                json!({"type": "integer", "format": "uint32", "minimum": 1, "maximum": 4_294_967_295_u32}),
            ),
            (
                "NonZeroI8",
                json!({"type": "integer", "format": "int8", "minimum": -128, "maximum": 127}),
            ),
            // No registered format; the bounds are powers of two, exact as JSON numbers.
            (
                "u128",
                json!({"type": "integer", "minimum": 0, "exclusiveMaximum": 3.402_823_669_209_385e38}),
            ),
            (
                "i128",
                json!({"type": "integer", "minimum": -1.701_411_834_604_692_3e38, "exclusiveMaximum": 1.701_411_834_604_692_3e38}),
            ),
        ];
        for (rust, schema) in cases {
            assert_eq!(JsonType::of(rust).schema(), schema, "{rust}");
        }
        // The 128-bit bounds are 2^128 and 2^127 exactly.
        let bound = |rust: &str, key: &str| JsonType::of(rust).schema()[key].clone();
        assert_eq!(bound("u128", "exclusiveMaximum"), json!(2_f64.powi(128)));
        assert_eq!(bound("i128", "minimum"), json!(-(2_f64.powi(127))));
    }

    #[test]
    fn examples_are_of_the_type() {
        assert_eq!(JsonType::of("u64").example(), Some(json!(42)));
        assert_eq!(JsonType::of("Option<bool>").example(), Some(json!(true)));
        assert_eq!(JsonType::of("Vec<i8>").example(), Some(json!([42])));
        assert_eq!(JsonType::of("[u8; 3]").example(), Some(json!([42, 42, 42])));
        assert_eq!(JsonType::of("String").example(), None);
        assert_eq!(JsonType::of("Custom").example(), None);
    }
}
