//! Overrides, the request, odd codes.

use super::*;

#[test]
fn title_type_and_grpc_overrides() {
    // A lower-case code: Google's ErrorInfo reason upper-cases it, everything else keeps it.
    let error = Probe {
        message: Some("The resource changed."),
        descriptor: const {
            &Descriptor::new()
                .with_type_uri("https://errors.example.com/version-conflict")
                .with_title("Version conflict")
                .with_grpc("ABORTED")
        },
        ..Probe::new(409, "version_conflict")
    }
    .in_api::<Example>();
    check_all(
        "overrides",
        &error,
        &RequestInfo::new(),
        &[
            (
                "ErrorFlag",
                r#"{"error":true,"message":"The resource changed.","code":"version_conflict"}"#,
            ),
            (
                "ErrorMessage",
                r#"{"error":"The resource changed.","code":"version_conflict"}"#,
            ),
            (
                "ErrorCode",
                r#"{"error":"version_conflict","message":"The resource changed.","status":409}"#,
            ),
            (
                "DataErrorMeta",
                r#"{"data":null,"error":{"code":"version_conflict","message":"The resource changed."},"meta":{"request_id":"{{uuid}}","timestamp":"{{rfc3339_nanos}}"}}"#,
            ),
            (
                "ErrorObject",
                r#"{"error":{"code":"version_conflict","message":"The resource changed."}}"#,
            ),
            (
                "Problem",
                r#"{"type":"https://errors.example.com/version-conflict","title":"Version conflict","status":409,"detail":"The resource changed.","code":"version_conflict"}"#,
            ),
            (
                "JsonApi",
                r#"{"errors":[{"status":"409","code":"version_conflict","title":"Version conflict","detail":"The resource changed."}]}"#,
            ),
            (
                "Google",
                r#"{"error":{"code":409,"message":"The resource changed.","status":"ABORTED","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"VERSION_CONFLICT","domain":"api.example.com"}]}}"#,
            ),
            (
                "OData",
                r#"{"error":{"code":"version_conflict","message":"The resource changed."}}"#,
            ),
        ],
    );
}

#[test]
fn request_id_and_path_of_a_server_error() {
    let error = Probe {
        details: vec![("shard", serde_json::json!(3))],
        ..Probe::new(500, "INTERNAL_ERROR")
    };
    let context = RequestInfo::new()
        .with_request_id("req-7")
        .with_path("/v1/orders/9");
    check_all(
        "request id and path",
        &error,
        &context,
        &[
            (
                "ErrorFlag",
                r#"{"error":true,"message":"Internal Server Error","code":"INTERNAL_ERROR"}"#,
            ),
            (
                "ErrorMessage",
                r#"{"error":"Internal Server Error","code":"INTERNAL_ERROR","details":{"shard":3}}"#,
            ),
            (
                "ErrorCode",
                r#"{"error":"INTERNAL_ERROR","message":"Internal Server Error","status":500}"#,
            ),
            (
                "DataErrorMeta",
                r#"{"data":null,"error":{"code":"INTERNAL_ERROR","message":"Internal Server Error"},"meta":{"request_id":"req-7","timestamp":"{{rfc3339_nanos}}"}}"#,
            ),
            (
                "ErrorObject",
                r#"{"error":{"code":"INTERNAL_ERROR","message":"Internal Server Error","details":{"shard":3,"request_id":"req-7"}}}"#,
            ),
            (
                "Problem",
                r#"{"type":"about:blank","title":"Internal Server Error","status":500,"detail":"Internal Server Error","instance":"/v1/orders/9","code":"INTERNAL_ERROR","shard":3}"#,
            ),
            (
                "JsonApi",
                r#"{"errors":[{"id":"req-7","status":"500","code":"INTERNAL_ERROR","title":"Internal Server Error","detail":"Internal Server Error","meta":{"shard":3}}]}"#,
            ),
            (
                "Google",
                r#"{"error":{"code":500,"message":"Internal Server Error","status":"INTERNAL","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"INTERNAL_ERROR","metadata":{"shard":"3"}},{"@type":"type.googleapis.com/google.rpc.RequestInfo","requestId":"req-7"}]}}"#,
            ),
            (
                "OData",
                r#"{"error":{"code":"INTERNAL_ERROR","message":"Internal Server Error","innererror":{"shard":3}}}"#,
            ),
        ],
    );
}

#[test]
fn odata_skips_a_code_that_is_no_header_value() {
    let error = Probe::new(400, "BAD\nCODE");
    let rendered = apierror::render::<OData>(&error, &RequestInfo::new());
    assert_eq!(rendered.status(), 400);
    assert_eq!(
        rendered.body(),
        br#"{"error":{"code":"BAD\nCODE","message":"Bad Request"}}"#
    );
    serde_json::from_slice::<serde_json::Value>(rendered.body()).expect("JSON");
    assert!(rendered.headers().get("x-ms-error-code").is_none());
}

#[test]
fn a_failing_detail_becomes_the_plain_500_in_every_envelope_with_details() {
    // With violations, so that JSON:API's per-violation `meta` is asked for too.
    let error = Probe {
        failing_detail: true,
        violations: vec![Violation::field("a", "b"), Violation::field("c", "d")],
        ..Probe::new(422, "INVALID")
    };
    // ErrorFlag, ErrorCode and DataErrorMeta have no place for details, never ask for them,
    // and render the error as it is.
    let expected = [
        (
            "ErrorFlag",
            422,
            r#"{"error":true,"message":"Unprocessable Entity","code":"INVALID"}"#,
        ),
        (
            "ErrorMessage",
            500,
            r#"{"error":"Internal Server Error","code":"INTERNAL_ERROR"}"#,
        ),
        (
            "ErrorCode",
            422,
            r#"{"error":"INVALID","message":"Unprocessable Entity","status":422}"#,
        ),
        (
            "DataErrorMeta",
            422,
            r#"{"data":null,"error":{"code":"INVALID","message":"Unprocessable Entity"},"meta":{"request_id":"{{uuid}}","timestamp":"{{rfc3339_nanos}}"}}"#,
        ),
        (
            "ErrorObject",
            500,
            r#"{"error":{"code":"INTERNAL_ERROR","message":"Internal Server Error"}}"#,
        ),
        (
            "Problem",
            500,
            r#"{"type":"about:blank","title":"Internal Server Error","status":500,"detail":"Internal Server Error","code":"INTERNAL_ERROR"}"#,
        ),
        (
            "JsonApi",
            500,
            r#"{"errors":[{"status":"500","code":"INTERNAL_ERROR","title":"Internal Server Error","detail":"Internal Server Error"}]}"#,
        ),
        (
            "Google",
            500,
            r#"{"error":{"code":500,"message":"Internal Server Error","status":"INTERNAL","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"INTERNAL_ERROR"}]}}"#,
        ),
        (
            "OData",
            500,
            r#"{"error":{"code":"INTERNAL_ERROR","message":"Internal Server Error"}}"#,
        ),
    ];
    let names: Vec<&str> = expected.iter().map(|(name, ..)| *name).collect();
    assert_eq!(names, ALL);
    for (envelope, status, body) in expected {
        let rendered = render(envelope, &error, &RequestInfo::new());
        let status = StatusCode::from_u16(status).expect("a status");
        let code = if status == error.status {
            error.code
        } else {
            "INTERNAL_ERROR"
        };
        check_one("failing detail", envelope, &rendered, status, code, body);
    }
}
