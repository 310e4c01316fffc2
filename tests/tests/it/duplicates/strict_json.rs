//! The strict JSON check.

use super::*;

/// Asserts that `body` is JSON with no repeated member name in any object, and returns it as a
/// `serde_json::Value`.
#[track_caller]
pub(super) fn strict(context: &str, body: &[u8]) -> Value {
    if let Err(error) = serde_json::from_slice::<Strict>(body) {
        panic!(
            "{context}: not strict JSON ({error}): {}",
            String::from_utf8_lossy(body)
        );
    }
    serde_json::from_slice(body).unwrap_or_else(|e| {
        panic!(
            "{context}: not JSON ({e}): {}",
            String::from_utf8_lossy(body)
        )
    })
}

/// Whether the strict parser rejects `body` because of a repeated name.
pub(super) fn rejected_as_duplicate(body: &str) -> bool {
    match serde_json::from_str::<Strict>(body) {
        Ok(Strict) => false,
        Err(error) => error.to_string().contains("appears twice"),
    }
}

#[test]
fn strict_parser_rejects_a_repeated_name_at_any_depth() {
    for body in [
        r#"{"a":1,"a":2}"#,
        r#"{"a":{"b":[{"c":1,"d":{"e":true,"e":null}}]}}"#,
        r#"[1,[2,{"x":{"y":{"z":0,"z":0}}}]]"#,
        r#"{"error":{"details":{"status":"x","k":1,"status":500}}}"#,
        // The same name, escaped differently.
        r#"{"a":1,"\u0061":2}"#,
        // A later repeat, after several other names.
        r#"{"a":1,"b":2,"c":3,"d":4,"e":5,"f":6,"g":7,"h":8,"i":9,"b":10}"#,
    ] {
        assert!(rejected_as_duplicate(body), "accepted: {body}");
    }
    for body in [
        r#"{"a":{"b":[{"c":1,"d":2}],"c":3},"b":{"a":{"b":0}}}"#,
        r#"[{"a":1},{"a":2},{"a":{"a":{"a":3}}}]"#,
        r#"{"a":1,"A":2,"a ":3,"ab":4}"#,
        r#"{}"#,
        r#"[]"#,
        r#"null"#,
        r#""text""#,
        r#"-1.5e3"#,
    ] {
        serde_json::from_str::<Strict>(body).unwrap_or_else(|e| panic!("{body}: {e}"));
    }
    // Still a JSON parser: malformed text is not accepted.
    for body in [r#"{"a":1,}"#, r#"{"a" 1}"#, r#"[1"#, ""] {
        assert!(serde_json::from_str::<Strict>(body).is_err(), "{body}");
    }
}
