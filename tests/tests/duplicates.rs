//! No envelope ever writes a member name twice in any JSON object, at any level.
//!
//! A detail named like a member the envelope itself writes in the same object (its reserved
//! names), or like a detail already written, is skipped: the envelope's own member wins, so a
//! last-value-wins parser (JavaScript, `serde_json::Value`) still reads the envelope's value.
//!
//! The bodies are checked with a strict parser ([`Strict`]) that rejects a repeated member name
//! at any depth, then with `serde_json::Value`, and the main ones byte for byte against bodies
//! written by hand from the envelopes' documented member order. The bug report's scenario (a
//! derived, negotiated type whose details are named `status`, `code`, `type` and `title`, one
//! of them behind a `transparent` variant) runs through real axum and actix-web servers.

mod servers;

use std::collections::HashSet;
use std::fmt;
use std::time::Duration;

use apierror::envelope::{
    DataErrorMeta, Envelope, ErrorCode, ErrorFlag, ErrorMessage, ErrorObject, Google, JsonApi,
    OData, Problem, RequestInfo,
};
use apierror::{ApiError, Details, StatusCode, Violation, WriteError};
use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{json, Value};
use servers::{client, ActixServer, AxumServer, Received};

// ---------------------------------------------------------------------------------------------
// The strict JSON check
// ---------------------------------------------------------------------------------------------

/// Any JSON value, read only if no object in it, at any depth, names a member twice.
///
/// Names are compared as decoded, so `"a"` and `"\u0061"` are the same name.
struct Strict;

impl<'de> Deserialize<'de> for Strict {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(StrictVisitor)
    }
}

struct StrictVisitor;

impl<'de> Visitor<'de> for StrictVisitor {
    type Value = Strict;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value without repeated member names")
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Strict, E> {
        Ok(Strict)
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Strict, E> {
        Ok(Strict)
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Strict, E> {
        Ok(Strict)
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Strict, E> {
        Ok(Strict)
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<Strict, E> {
        Ok(Strict)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Strict, E> {
        Ok(Strict)
    }

    fn visit_none<E: de::Error>(self) -> Result<Strict, E> {
        Ok(Strict)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Strict, A::Error> {
        while seq.next_element::<Strict>()?.is_some() {}
        Ok(Strict)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Strict, A::Error> {
        let mut names = HashSet::new();
        while let Some(name) = map.next_key::<String>()? {
            if !names.insert(name.clone()) {
                return Err(de::Error::custom(format_args!(
                    "member name {name:?} appears twice in one object"
                )));
            }
            map.next_value::<Strict>()?;
        }
        Ok(Strict)
    }
}

/// Asserts that `body` is JSON with no repeated member name in any object, and returns it as a
/// `serde_json::Value`.
#[track_caller]
fn strict(context: &str, body: &[u8]) -> Value {
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
fn rejected_as_duplicate(body: &str) -> bool {
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

// ---------------------------------------------------------------------------------------------
// A hand-written error with every reserved name as a detail
// ---------------------------------------------------------------------------------------------

/// Every name some envelope reserves in the object its details go into: Problem's top-level
/// members, then ErrorObject's `details` members (ErrorMessage's is `violations`).
const RESERVED_NAMES: [&str; 10] = [
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

/// Status `status`, code `CROWDED`, a 1.5 s retry delay, two violations, and the details
/// `a` (1), each of [`RESERVED_NAMES`] (`"d-<name>"`), `a` again (2) and `ordinary` (`"kept"`).
#[derive(Debug)]
struct Crowded {
    status: StatusCode,
    violations: Vec<Violation>,
}

impl Crowded {
    fn new(status: u16) -> Self {
        Crowded {
            status: StatusCode::from_u16(status).unwrap(),
            violations: vec![
                Violation::field("user.name", "is required").with_code("REQUIRED"),
                Violation::field("emails[0]", "is not an email"),
            ],
        }
    }
}

impl ApiError for Crowded {
    fn status(&self) -> StatusCode {
        self.status
    }

    fn code(&self) -> &'static str {
        "CROWDED"
    }

    fn retry_after(&self) -> Option<Duration> {
        Some(Duration::from_millis(1500))
    }

    fn violations(&self) -> &[Violation] {
        &self.violations
    }

    fn details(&self, out: &mut Details<'_>) -> Result<(), WriteError> {
        out.field("a", &1)?;
        for name in RESERVED_NAMES {
            out.field(name, &format!("d-{name}"))?;
        }
        out.field("a", &2)?; // already written: skipped
        out.field("ordinary", "kept")
    }
}

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
fn assert_body(response: &http::Response<Vec<u8>>, expected: &str) {
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

// ---------------------------------------------------------------------------------------------
// The bug report: a negotiated derived type, through real servers
// ---------------------------------------------------------------------------------------------

/// The inner type: its `status` detail is invisible to the outer type's derive.
#[derive(Debug, thiserror::Error, apierror::ApiError)]
#[error("inner failed")]
#[api(status = 422, code = "INNER_FAILED")]
struct Inner {
    #[api(detail)]
    status: &'static str,
    #[api(detail)]
    depth: u32,
}

#[derive(Debug, thiserror::Error, apierror::ApiError)]
#[api(negotiate)]
enum Names {
    #[error("names clash")]
    #[api(status = 409)]
    Clash {
        #[api(detail)]
        status: &'static str,
        #[api(detail)]
        code: &'static str,
        #[api(detail)]
        r#type: &'static str,
        #[api(detail)]
        title: &'static str,
        #[api(detail)]
        ordinary: &'static str,
    },
    #[error(transparent)]
    #[api(transparent)]
    Wrapped(#[from] Inner),
}

fn clash() -> Names {
    Names::Clash {
        status: "d-status",
        code: "d-code",
        r#type: "d-type",
        title: "d-title",
        ordinary: "kept",
    }
}

fn wrapped() -> Names {
    Names::Wrapped(Inner {
        status: "d-inner-status",
        depth: 3,
    })
}

/// Problem bodies of the two errors, at `/clash` and `/wrapped` (`instance` only when the
/// path is known).
fn problem_clash(instance: bool) -> String {
    let instance = if instance {
        r#","instance":"/clash""#
    } else {
        ""
    };
    format!(
        r#"{{"type":"about:blank","title":"Conflict","status":409,"detail":"names clash"{instance},"code":"CLASH","ordinary":"kept"}}"#
    )
}

fn problem_wrapped(instance: bool) -> String {
    let instance = if instance {
        r#","instance":"/wrapped""#
    } else {
        ""
    };
    format!(
        r#"{{"type":"about:blank","title":"Unprocessable Entity","status":422,"detail":"inner failed"{instance},"code":"INNER_FAILED","depth":3}}"#
    )
}

/// The derived type's own envelope, ErrorObject: none of these names is reserved in `details`.
const OBJECT_CLASH: &str = r#"{"error":{"code":"CLASH","message":"names clash","details":{"status":"d-status","code":"d-code","type":"d-type","title":"d-title","ordinary":"kept"}}}"#;
const OBJECT_WRAPPED: &str = r#"{"error":{"code":"INNER_FAILED","message":"inner failed","details":{"status":"d-inner-status","depth":3}}}"#;

#[test]
fn derived_details_named_like_problem_members_are_skipped() {
    let request = RequestInfo::new();
    let response = apierror::render::<Problem>(&clash(), &request);
    assert_body(&response, &problem_clash(false));
    let response = apierror::render::<Problem>(&wrapped(), &request);
    assert_body(&response, &problem_wrapped(false));
    let response = apierror::render::<ErrorObject>(&clash(), &request);
    assert_body(&response, OBJECT_CLASH);
    let response = apierror::render::<ErrorObject>(&wrapped(), &request);
    assert_body(&response, OBJECT_WRAPPED);
}

mod axum_app {
    use super::*;
    use axum::routing::get;
    use axum::Router;

    pub fn routes() -> Router {
        Router::new()
            .route("/clash", get(|| async { Err::<(), _>(clash()) }))
            .route("/wrapped", get(|| async { Err::<(), _>(wrapped()) }))
            .layer(apierror::axum::ErrorContextLayer::new())
    }
}

mod actix_app {
    use super::*;
    use actix_web::web;

    async fn clash_handler() -> Result<&'static str, Names> {
        Err(clash())
    }

    async fn wrapped_handler() -> Result<&'static str, Names> {
        Err(wrapped())
    }

    pub fn routes(config: &mut web::ServiceConfig) {
        config
            .route("/clash", web::get().to(clash_handler))
            .route("/wrapped", web::get().to(wrapped_handler));
    }
}

async fn get(client: &reqwest::Client, base: &str, path: &str, accept: Option<&str>) -> Received {
    let mut request = client
        .get(format!("{base}{path}"))
        .header("x-request-id", "dup-1");
    if let Some(accept) = accept {
        request = request.header("accept", accept);
    }
    Received::of(request).await
}

async fn check_server(framework: &str, base: &str) {
    let client = client();
    for (path, status, problem, code) in [
        ("/clash", 409, problem_clash(true), "CLASH"),
        ("/wrapped", 422, problem_wrapped(true), "INNER_FAILED"),
    ] {
        let context = format!("[{framework}] GET {path}, Accept: application/problem+json");
        let response = get(&client, base, path, Some("application/problem+json")).await;
        assert_eq!(response.status, status, "{context}");
        assert_eq!(
            response.header("content-type"),
            "application/problem+json",
            "{context}"
        );
        // Strict: no member name twice.
        let value = strict(&context, &response.body);
        assert_eq!(
            String::from_utf8_lossy(&response.body),
            problem,
            "{context}"
        );
        // Last value wins: still Problem's own members.
        assert_eq!(value["status"], status, "{context}");
        assert!(value["status"].is_u64(), "{context}");
        assert_eq!(value["code"], code, "{context}");
        assert_eq!(value["type"], "about:blank", "{context}");
        let title = if status == 409 {
            "Conflict"
        } else {
            "Unprocessable Entity"
        };
        assert_eq!(value["title"], title, "{context}");
        assert_eq!(value["instance"], path, "{context}");

        // Without Accept: the type's own envelope, where these names are ordinary details.
        let context = format!("[{framework}] GET {path}, no Accept");
        let response = get(&client, base, path, None).await;
        assert_eq!(response.status, status, "{context}");
        assert_eq!(
            response.header("content-type"),
            "application/json",
            "{context}"
        );
        strict(&context, &response.body);
        let own = if status == 409 {
            OBJECT_CLASH
        } else {
            OBJECT_WRAPPED
        };
        assert_eq!(String::from_utf8_lossy(&response.body), own, "{context}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn axum_problem_members_win_over_details() {
    let server = AxumServer::start(axum_app::routes()).await;
    check_server("axum", &server.base()).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn actix_problem_members_win_over_details() {
    let server = ActixServer::start(|| {
        actix_web::App::new()
            .configure(actix_app::routes)
            .wrap(apierror::actix::ErrorContext::new())
    });
    check_server("actix-web", &server.base()).await;
    server.stop().await;
}
