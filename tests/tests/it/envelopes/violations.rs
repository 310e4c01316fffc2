//! Field violations.

use super::*;

#[test]
fn one_violation_with_a_code_and_text_to_escape() {
    let error = Probe {
        message: Some("Invalid user"),
        details: vec![("attempt", serde_json::json!(2))],
        violations: vec![
            Violation::field("user.emails[0]", "must be \"an email\"\t\\ ok").with_code("EMAIL"),
        ],
        ..Probe::new(422, "INVALID_USER")
    }
    .in_api::<Users>();
    check_all(
        "one violation",
        &error,
        &RequestInfo::new(),
        &[
            (
                "ErrorFlag",
                r#"{"error":true,"message":"Invalid user","code":"INVALID_USER"}"#,
            ),
            (
                "ErrorMessage",
                r#"{"error":"Invalid user","code":"INVALID_USER","details":{"attempt":2,"violations":[{"field":"user.emails[0]","message":"must be \"an email\"\t\\ ok","code":"EMAIL"}]}}"#,
            ),
            (
                "ErrorCode",
                r#"{"error":"INVALID_USER","message":"Invalid user","status":422}"#,
            ),
            (
                "DataErrorMeta",
                r#"{"data":null,"error":{"code":"INVALID_USER","message":"Invalid user"},"meta":{"request_id":"{{uuid}}","timestamp":"{{rfc3339_nanos}}","version":"2.0"}}"#,
            ),
            (
                "ErrorObject",
                r#"{"error":{"code":"INVALID_USER","message":"Invalid user","details":{"attempt":2,"violations":[{"field":"user.emails[0]","message":"must be \"an email\"\t\\ ok","code":"EMAIL"}]}}}"#,
            ),
            (
                "Problem",
                r#"{"type":"about:blank","title":"Unprocessable Entity","status":422,"detail":"Invalid user","code":"INVALID_USER","attempt":2,"errors":[{"detail":"must be \"an email\"\t\\ ok","pointer":"/user/emails/0","code":"EMAIL"}]}"#,
            ),
            (
                "JsonApi",
                r#"{"errors":[{"status":"422","code":"EMAIL","title":"Unprocessable Entity","detail":"must be \"an email\"\t\\ ok","source":{"pointer":"/user/emails/0"},"meta":{"attempt":2}}]}"#,
            ),
            (
                "Google",
                r#"{"error":{"code":422,"message":"Invalid user","status":"INVALID_ARGUMENT","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"INVALID_USER","domain":"users.example.com","metadata":{"attempt":"2"}},{"@type":"type.googleapis.com/google.rpc.BadRequest","fieldViolations":[{"field":"user.emails[0]","description":"must be \"an email\"\t\\ ok","reason":"EMAIL"}]}]}}"#,
            ),
            (
                "OData",
                r#"{"error":{"code":"INVALID_USER","message":"Invalid user","target":"user.emails[0]","details":[{"code":"EMAIL","target":"user.emails[0]","message":"must be \"an email\"\t\\ ok"}],"innererror":{"attempt":2}}}"#,
            ),
        ],
    );
}

#[test]
fn one_violation_without_a_code() {
    let error = Probe {
        message: Some("The name is taken"),
        violations: vec![Violation::field("name", "is taken")],
        ..Probe::new(409, "NAME_TAKEN")
    }
    .in_api::<Example>();
    check_all(
        "one violation without a code",
        &error,
        &RequestInfo::new(),
        &[
            (
                "ErrorFlag",
                r#"{"error":true,"message":"The name is taken","code":"NAME_TAKEN"}"#,
            ),
            (
                "ErrorMessage",
                r#"{"error":"The name is taken","code":"NAME_TAKEN","details":{"violations":[{"field":"name","message":"is taken"}]}}"#,
            ),
            (
                "ErrorCode",
                r#"{"error":"NAME_TAKEN","message":"The name is taken","status":409}"#,
            ),
            (
                "DataErrorMeta",
                r#"{"data":null,"error":{"code":"NAME_TAKEN","message":"The name is taken"},"meta":{"request_id":"{{uuid}}","timestamp":"{{rfc3339_nanos}}"}}"#,
            ),
            (
                "ErrorObject",
                r#"{"error":{"code":"NAME_TAKEN","message":"The name is taken","details":{"violations":[{"field":"name","message":"is taken"}]}}}"#,
            ),
            (
                "Problem",
                r#"{"type":"about:blank","title":"Conflict","status":409,"detail":"The name is taken","code":"NAME_TAKEN","errors":[{"detail":"is taken","pointer":"/name"}]}"#,
            ),
            (
                "JsonApi",
                r#"{"errors":[{"status":"409","code":"NAME_TAKEN","title":"Conflict","detail":"is taken","source":{"pointer":"/name"}}]}"#,
            ),
            (
                "Google",
                r#"{"error":{"code":409,"message":"The name is taken","status":"ALREADY_EXISTS","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"NAME_TAKEN","domain":"api.example.com"},{"@type":"type.googleapis.com/google.rpc.BadRequest","fieldViolations":[{"field":"name","description":"is taken"}]}]}}"#,
            ),
            (
                "OData",
                r#"{"error":{"code":"NAME_TAKEN","message":"The name is taken","target":"name","details":[{"code":"NAME_TAKEN","target":"name","message":"is taken"}]}}"#,
            ),
        ],
    );
}

#[test]
fn two_violations_one_with_a_code_and_a_known_request() {
    // The first is given as a JSON pointer (with an escaped `/`), the second as a path: each
    // envelope gets the form it writes.
    let error = Probe {
        details: vec![("form", serde_json::json!("signup"))],
        violations: vec![
            Violation::pointer("/data/attributes/first~1name", "is required"),
            Violation::field("tags[1]", "is too long").with_code("TOO_LONG"),
        ],
        ..Probe::new(400, "BAD_USER")
    };
    let context = RequestInfo::new()
        .with_request_id("req-42")
        .with_path("/v1/users/7");
    check_all(
        "two violations",
        &error,
        &context,
        &[
            (
                "ErrorFlag",
                r#"{"error":true,"message":"Bad Request","code":"BAD_USER"}"#,
            ),
            (
                "ErrorMessage",
                r#"{"error":"Bad Request","code":"BAD_USER","details":{"form":"signup","violations":[{"field":"data.attributes.first/name","message":"is required"},{"field":"tags[1]","message":"is too long","code":"TOO_LONG"}]}}"#,
            ),
            (
                "ErrorCode",
                r#"{"error":"BAD_USER","message":"Bad Request","status":400}"#,
            ),
            (
                "DataErrorMeta",
                r#"{"data":null,"error":{"code":"BAD_USER","message":"Bad Request"},"meta":{"request_id":"req-42","timestamp":"{{rfc3339_nanos}}"}}"#,
            ),
            (
                // A 4xx: no request id in `details`.
                "ErrorObject",
                r#"{"error":{"code":"BAD_USER","message":"Bad Request","details":{"form":"signup","violations":[{"field":"data.attributes.first/name","message":"is required"},{"field":"tags[1]","message":"is too long","code":"TOO_LONG"}]}}}"#,
            ),
            (
                "Problem",
                r#"{"type":"about:blank","title":"Bad Request","status":400,"detail":"Bad Request","instance":"/v1/users/7","code":"BAD_USER","form":"signup","errors":[{"detail":"is required","pointer":"/data/attributes/first~1name"},{"detail":"is too long","pointer":"/tags/1","code":"TOO_LONG"}]}"#,
            ),
            (
                "JsonApi",
                r#"{"errors":[{"id":"req-42.1","status":"400","code":"BAD_USER","title":"Bad Request","detail":"is required","source":{"pointer":"/data/attributes/first~1name"},"meta":{"form":"signup"}},{"id":"req-42.2","status":"400","code":"TOO_LONG","title":"Bad Request","detail":"is too long","source":{"pointer":"/tags/1"},"meta":{"form":"signup"}}]}"#,
            ),
            (
                "Google",
                r#"{"error":{"code":400,"message":"Bad Request","status":"INVALID_ARGUMENT","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"BAD_USER","metadata":{"form":"signup"}},{"@type":"type.googleapis.com/google.rpc.RequestInfo","requestId":"req-42"},{"@type":"type.googleapis.com/google.rpc.BadRequest","fieldViolations":[{"field":"data.attributes.first/name","description":"is required"},{"field":"tags[1]","description":"is too long","reason":"TOO_LONG"}]}]}}"#,
            ),
            (
                // Two violations: no top-level `target`.
                "OData",
                r#"{"error":{"code":"BAD_USER","message":"Bad Request","details":[{"code":"BAD_USER","target":"data.attributes.first/name","message":"is required"},{"code":"TOO_LONG","target":"tags[1]","message":"is too long"}],"innererror":{"form":"signup"}}}"#,
            ),
        ],
    );
}
