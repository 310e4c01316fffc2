//! A hand-written error with every reserved name as a detail.

use super::*;

/// Every name some envelope reserves in the object its details go into: Problem's top-level
/// members, then ErrorObject's `details` members (ErrorMessage's is `violations`).
pub(super) const RESERVED_NAMES: [&str; 10] = [
    "type",
    "title",
    "status",
    "detail",
    "instance",
    "code",
    "errors",
    "violations",
    "request_id",
    "retry_after",
];

const REQUEST: RequestInfo<'static> = RequestInfo::new().with_request_id("req-1").with_path("/p");

/// `Crowded::new(status)` rendered in `E`: the response, after the strict check.
fn render<E: Envelope>(status: u16) -> (http::Response<Vec<u8>>, Value) {
    let response = apierror::render::<E>(&Crowded::new(status), &REQUEST);
    let context = format!("{} {status}", std::any::type_name::<E>());
    assert_eq!(response.status(), status, "{context}");
    assert_eq!(response.headers()["retry-after"], "2", "{context}");
    let value = strict(&context, response.body());
    (response, value)
}

#[track_caller]
pub(super) fn assert_body(response: &http::Response<Vec<u8>>, expected: &str) {
    assert_eq!(
        String::from_utf8_lossy(response.body()),
        expected,
        "the body, byte for byte"
    );
}

/// The reason phrase of the two statuses tested.
fn reason(status: u16) -> &'static str {
    match status {
        500 => "Internal Server Error",
        422 => "Unprocessable Entity",
        _ => unreachable!(),
    }
}

/// Every detail of `Crowded`, once each, in order: what an object with no reserved names holds
/// (JSON:API's `meta`, OData's `innererror`); `a` as `a_value` (Google's metadata: `"1"`).
fn all_details(a_value: &str) -> String {
    format!(
        r#""a":{a_value},"type":"d-type","title":"d-title","status":"d-status","detail":"d-detail","instance":"d-instance","code":"d-code","errors":"d-errors","violations":"d-violations","request_id":"d-request_id","retry_after":"d-retry_after","ordinary":"kept""#
    )
}

#[test]
fn error_object_keeps_violations_request_id_and_retry_after() {
    // `details`: the detail fields in order (without `violations`, `request_id`,
    // `retry_after`, and the second `a`), then violations, request_id (5xx), retry_after.
    let (response, value) = render::<ErrorObject>(500);
    assert_eq!(response.headers()["content-type"], "application/json");
    assert_body(
        &response,
        r#"{"error":{"code":"CROWDED","message":"Internal Server Error","details":{"a":1,"type":"d-type","title":"d-title","status":"d-status","detail":"d-detail","instance":"d-instance","code":"d-code","errors":"d-errors","ordinary":"kept","violations":[{"field":"user.name","message":"is required","code":"REQUIRED"},{"field":"emails[0]","message":"is not an email"}],"request_id":"req-1","retry_after":2}}}"#,
    );
    let details = &value["error"]["details"];
    assert_eq!(value["error"]["code"], "CROWDED");
    assert_eq!(details["a"], 1);
    assert_eq!(details["ordinary"], "kept");
    assert_eq!(details["status"], "d-status"); // not reserved in `details`
    assert_eq!(details["request_id"], "req-1");
    assert_eq!(details["retry_after"], 2);
    assert_eq!(
        details["violations"],
        json!([
            {"field": "user.name", "message": "is required", "code": "REQUIRED"},
            {"field": "emails[0]", "message": "is not an email"},
        ])
    );

    // On a 4xx the envelope writes no `request_id`, and a detail still may not take it.
    let (response, value) = render::<ErrorObject>(422);
    assert_body(
        &response,
        r#"{"error":{"code":"CROWDED","message":"Unprocessable Entity","details":{"a":1,"type":"d-type","title":"d-title","status":"d-status","detail":"d-detail","instance":"d-instance","code":"d-code","errors":"d-errors","ordinary":"kept","violations":[{"field":"user.name","message":"is required","code":"REQUIRED"},{"field":"emails[0]","message":"is not an email"}],"retry_after":2}}}"#,
    );
    let details = &value["error"]["details"];
    assert_eq!(details.get("request_id"), None);
    assert_eq!(details["retry_after"], 2);
    assert_eq!(details["ordinary"], "kept");
}

#[test]
fn error_message_keeps_violations() {
    // `details`: every detail field but `violations` (and the second `a`), then violations.
    for status in [500, 422] {
        let (response, value) = render::<ErrorMessage>(status);
        assert_eq!(response.headers()["content-type"], "application/json");
        let expected = match status {
            500 => {
                r#"{"error":"Internal Server Error","code":"CROWDED","details":{"a":1,"type":"d-type","title":"d-title","status":"d-status","detail":"d-detail","instance":"d-instance","code":"d-code","errors":"d-errors","request_id":"d-request_id","retry_after":"d-retry_after","ordinary":"kept","violations":[{"field":"user.name","message":"is required","code":"REQUIRED"},{"field":"emails[0]","message":"is not an email"}]}}"#
            }
            _ => {
                r#"{"error":"Unprocessable Entity","code":"CROWDED","details":{"a":1,"type":"d-type","title":"d-title","status":"d-status","detail":"d-detail","instance":"d-instance","code":"d-code","errors":"d-errors","request_id":"d-request_id","retry_after":"d-retry_after","ordinary":"kept","violations":[{"field":"user.name","message":"is required","code":"REQUIRED"},{"field":"emails[0]","message":"is not an email"}]}}"#
            }
        };
        assert_body(&response, expected);
        let details = &value["details"];
        assert_eq!(value["error"], reason(status));
        assert_eq!(value["code"], "CROWDED");
        assert_eq!(details["a"], 1);
        assert_eq!(details["ordinary"], "kept");
        // Not this envelope's names: the details keep them.
        assert_eq!(details["request_id"], "d-request_id");
        assert_eq!(details["retry_after"], "d-retry_after");
        assert_eq!(details["violations"].as_array().map(Vec::len), Some(2));
    }
}

#[test]
fn problem_keeps_its_own_members() {
    // The top object: type, title, status, detail, instance, code, the detail fields that are
    // not Problem's names (a, violations, request_id, retry_after, ordinary), then errors.
    for status in [500, 422] {
        let (response, value) = render::<Problem>(status);
        assert_eq!(
            response.headers()["content-type"],
            "application/problem+json"
        );
        let expected = match status {
            500 => {
                r#"{"type":"about:blank","title":"Internal Server Error","status":500,"detail":"Internal Server Error","instance":"/p","code":"CROWDED","a":1,"violations":"d-violations","request_id":"d-request_id","retry_after":"d-retry_after","ordinary":"kept","errors":[{"detail":"is required","pointer":"/user/name","code":"REQUIRED"},{"detail":"is not an email","pointer":"/emails/0"}]}"#
            }
            _ => {
                r#"{"type":"about:blank","title":"Unprocessable Entity","status":422,"detail":"Unprocessable Entity","instance":"/p","code":"CROWDED","a":1,"violations":"d-violations","request_id":"d-request_id","retry_after":"d-retry_after","ordinary":"kept","errors":[{"detail":"is required","pointer":"/user/name","code":"REQUIRED"},{"detail":"is not an email","pointer":"/emails/0"}]}"#
            }
        };
        assert_body(&response, expected);
        // Read last-value-wins: every member is Problem's own.
        assert_eq!(value["type"], "about:blank");
        assert_eq!(value["title"], reason(status));
        assert_eq!(value["status"], status); // the number, not "d-status"
        assert!(value["status"].is_u64());
        assert_eq!(value["detail"], reason(status));
        assert_eq!(value["instance"], "/p");
        assert_eq!(value["code"], "CROWDED");
        assert_eq!(
            value["errors"],
            json!([
                {"detail": "is required", "pointer": "/user/name", "code": "REQUIRED"},
                {"detail": "is not an email", "pointer": "/emails/0"},
            ])
        );
        assert_eq!(value["a"], 1);
        assert_eq!(value["ordinary"], "kept");
    }
}

#[test]
fn envelopes_without_details_leave_them_all_out() {
    for status in [500, 422] {
        let reason = reason(status);

        let (response, value) = render::<ErrorFlag>(status);
        assert_body(
            &response,
            &format!(
                r#"{{"error":true,"message":"{reason}","code":"CROWDED","retry_after_ms":1500}}"#
            ),
        );
        assert_eq!(value["error"], true);

        let (response, value) = render::<ErrorCode>(status);
        assert_body(
            &response,
            &format!(r#"{{"error":"CROWDED","message":"{reason}","status":{status}}}"#),
        );
        assert_eq!(value["status"], status);

        // `Api::new()`: no version. The timestamp is the time of rendering.
        let (response, value) = render::<DataErrorMeta>(status);
        let body = String::from_utf8(response.body().clone()).unwrap();
        let prefix = format!(
            r#"{{"data":null,"error":{{"code":"CROWDED","message":"{reason}"}},"meta":{{"request_id":"req-1","timestamp":""#
        );
        let timestamp = body
            .strip_prefix(&prefix)
            .and_then(|rest| rest.strip_suffix(r#""}}"#))
            .unwrap_or_else(|| panic!("DataErrorMeta {status}: {body}"));
        assert_eq!(timestamp.len(), "2026-03-08T21:56:33.877635522Z".len());
        assert!(timestamp.ends_with('Z'), "{timestamp}");
        assert_eq!(value["meta"]["request_id"], "req-1");

        assert!(!body.contains("ordinary") && !body.contains("d-"), "{body}");
    }
}

#[test]
fn json_api_google_and_odata_keep_every_detail_once() {
    for status in [500, 422] {
        let reason = reason(status);
        let details = all_details("1");

        // One error object per violation, each with the details in `meta` (no reserved
        // names there): every name once, the second `a` skipped.
        let (response, value) = render::<JsonApi>(status);
        assert_eq!(
            response.headers()["content-type"],
            "application/vnd.api+json"
        );
        assert_body(
            &response,
            &format!(
                r#"{{"errors":[{{"id":"req-1.1","status":"{status}","code":"REQUIRED","title":"{reason}","detail":"is required","source":{{"pointer":"/user/name"}},"meta":{{{details}}}}},{{"id":"req-1.2","status":"{status}","code":"CROWDED","title":"{reason}","detail":"is not an email","source":{{"pointer":"/emails/0"}},"meta":{{{details}}}}}]}}"#
            ),
        );
        for error in value["errors"].as_array().unwrap() {
            assert_eq!(error["status"], status.to_string());
            assert_eq!(error["title"], reason);
            assert_eq!(error["meta"]["status"], "d-status");
            assert_eq!(error["meta"]["a"], 1);
            assert_eq!(error["meta"]["ordinary"], "kept");
        }

        // ErrorInfo's metadata: the details as strings, every name once.
        let (response, value) = render::<Google>(status);
        let metadata = all_details(r#""1""#);
        let grpc = if status == 500 {
            "INTERNAL"
        } else {
            "INVALID_ARGUMENT"
        };
        assert_body(
            &response,
            &format!(
                r#"{{"error":{{"code":{status},"message":"{reason}","status":"{grpc}","details":[{{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"CROWDED","metadata":{{{metadata}}}}},{{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"1.5s"}},{{"@type":"type.googleapis.com/google.rpc.RequestInfo","requestId":"req-1"}},{{"@type":"type.googleapis.com/google.rpc.BadRequest","fieldViolations":[{{"field":"user.name","description":"is required","reason":"REQUIRED"}},{{"field":"emails[0]","description":"is not an email"}}]}}]}}}}"#
            ),
        );
        assert_eq!(value["error"]["code"], status);
        assert_eq!(value["error"]["status"], grpc);
        assert_eq!(value["error"]["details"][0]["metadata"]["a"], "1");
        assert_eq!(value["error"]["details"][0]["metadata"]["ordinary"], "kept");

        // `innererror`: the details, every name once.
        let (response, value) = render::<OData>(status);
        assert_eq!(response.headers()["x-ms-error-code"], "CROWDED");
        assert_body(
            &response,
            &format!(
                r#"{{"error":{{"code":"CROWDED","message":"{reason}","details":[{{"code":"REQUIRED","target":"user.name","message":"is required"}},{{"code":"CROWDED","target":"emails[0]","message":"is not an email"}}],"innererror":{{{details}}}}}}}"#
            ),
        );
        assert_eq!(value["error"]["code"], "CROWDED");
        assert_eq!(value["error"]["innererror"]["code"], "d-code");
        assert_eq!(value["error"]["innererror"]["ordinary"], "kept");
    }
}

/// Many names (more than the writer keeps inline), names that need escaping, and repeats of
/// each, early and late.
#[derive(Debug)]
struct Repeats;

impl ApiError for Repeats {
    fn status(&self) -> StatusCode {
        StatusCode::BAD_REQUEST
    }

    fn code(&self) -> &'static str {
        "REPEATS"
    }

    fn details(&self, out: &mut Details<'_>) -> Result<(), WriteError> {
        const NAMES: [&str; 14] = [
            "n0", "q\"uote", "n2", "\u{e4}", "n4", "n5", "n6", "n7", "n8", "n9", "tab\t", "n11",
            "n12", "n13",
        ];
        for (i, name) in NAMES.iter().enumerate() {
            out.field(name, &i)?;
        }
        for name in NAMES.iter().rev() {
            out.field(name, &"again")?;
        }
        out.field("n0", &"again")
    }
}

#[test]
fn many_and_escaped_names_are_written_once_in_every_envelope() {
    fn check<E: Envelope>() -> Value {
        let response = apierror::render::<E>(&Repeats, &REQUEST);
        let context = std::any::type_name::<E>();
        assert_eq!(response.status(), 400, "{context}");
        let value = strict(context, response.body());
        let body = String::from_utf8_lossy(response.body());
        assert!(!body.contains("again"), "{context}: {body}");
        value
    }
    let details = r#"{"n0":0,"q\"uote":1,"n2":2,"ä":3,"n4":4,"n5":5,"n6":6,"n7":7,"n8":8,"n9":9,"tab\t":10,"n11":11,"n12":12,"n13":13}"#;
    check::<ErrorFlag>();
    check::<ErrorCode>();
    check::<DataErrorMeta>();
    let response = apierror::render::<ErrorObject>(&Repeats, &REQUEST);
    assert_body(
        &response,
        &format!(r#"{{"error":{{"code":"REPEATS","message":"Bad Request","details":{details}}}}}"#),
    );
    let value = check::<ErrorObject>();
    assert_eq!(value["error"]["details"]["\u{e4}"], 3);
    let value = check::<ErrorMessage>();
    assert_eq!(value["details"]["q\"uote"], 1);
    let value = check::<Problem>();
    assert_eq!(value["status"], 400);
    assert_eq!(value["tab\t"], 10);
    check::<JsonApi>();
    check::<Google>();
    check::<OData>();
}

/// A custom envelope that forgets to reserve its own `code` in the details object.
struct Careless;

impl Envelope for Careless {
    fn write_body(
        error: &apierror::envelope::ErrorView<'_>,
        out: &mut apierror::envelope::JsonWriter<'_>,
    ) -> Result<(), WriteError> {
        out.raw("{\"err\":");
        let mut object = out.details(error, "{", &[])?;
        object.string("code", error.code());
        object.close("}");
        out.raw("}");
        Ok(())
    }
}

#[test]
fn strict_check_catches_an_envelope_that_reserves_nothing() {
    // What the reserved names prevent: without them, `code` is written twice and a
    // last-value-wins parser reads the envelope's own value, a strict one refuses the body.
    let response = apierror::render::<Careless>(&Crowded::new(422), &REQUEST);
    let body = String::from_utf8(response.body().clone()).unwrap();
    assert!(body.contains(r#""code":"d-code""#), "{body}");
    assert!(body.ends_with(r#","code":"CROWDED"}}"#), "{body}");
    assert!(rejected_as_duplicate(&body), "{body}");
    let value: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(value["err"]["code"], "CROWDED");
    // The same error in the nine envelopes passes (the tests above).
    strict(
        "ErrorObject",
        apierror::render::<ErrorObject>(&Crowded::new(422), &REQUEST).body(),
    );
}

/// A detail whose own `Serialize` writes a name twice (two flattened maps sharing a key).
#[derive(serde::Serialize)]
struct Flattened {
    #[serde(flatten)]
    first: std::collections::BTreeMap<&'static str, u32>,
    #[serde(flatten)]
    second: std::collections::BTreeMap<&'static str, u32>,
}

#[derive(Debug)]
struct NestedRepeat;

impl ApiError for NestedRepeat {
    fn status(&self) -> StatusCode {
        StatusCode::BAD_REQUEST
    }

    fn code(&self) -> &'static str {
        "NESTED_REPEAT"
    }

    fn details(&self, out: &mut Details<'_>) -> Result<(), WriteError> {
        let value = Flattened {
            first: [("x", 1)].into_iter().collect(),
            second: [("x", 2)].into_iter().collect(),
        };
        out.field("flat", &value)
    }
}

/// A detail's own value is the `Serialize` impl's to write (the envelope's promise covers the
/// objects it writes: its own and the details object): two `#[serde(flatten)]` maps sharing a
/// key repeat it inside the value, as serde_json writes them anywhere. The envelope around it
/// stays as it should be.
#[test]
fn a_detail_value_is_written_as_its_serialize_impl_makes_it() {
    let body = apierror::render::<ErrorObject>(&NestedRepeat, &REQUEST).into_body();
    assert_eq!(
        String::from_utf8(body).expect("UTF-8"),
        r#"{"error":{"code":"NESTED_REPEAT","message":"Bad Request","details":{"flat":{"x":1,"x":2}}}}"#
    );
    assert_eq!(
        serde_json::to_string(&Flattened {
            first: [("x", 1)].into_iter().collect(),
            second: [("x", 2)].into_iter().collect(),
        })
        .expect("serializes"),
        r#"{"x":1,"x":2}"#,
        "serde_json itself writes the value so"
    );
}
