//! Framework errors answered in the envelope, each framework in each envelope.

use super::*;

/// A framework error the middleware must answer again, with its body in each envelope.
struct Replaced {
    what: &'static str,
    send: Req,
    status: u16,
    object: &'static str,
    problem: &'static str,
    /// Headers of the framework's response that must come through (besides the envelope's).
    kept: &'static [(&'static str, &'static str)],
}

/// The framework errors both frameworks make the same way.
const COMMON: &[Replaced] = &[
    Replaced {
        what: "an unknown route (the query is not the instance)",
        send: Req::get("/nowhere/at/all?token=secret"),
        status: 404,
        object: r#"{"error":{"code":"ROUTE_NOT_FOUND","message":"Not Found"}}"#,
        problem: r#"{"type":"about:blank","title":"Not Found","status":404,"detail":"Not Found","instance":"/nowhere/at/all","code":"ROUTE_NOT_FOUND"}"#,
        kept: &[],
    },
    Replaced {
        what: "a JSON body over the 16-byte limit",
        send: Req::post("/json", Some("application/json"), BIG_JSON),
        status: 413,
        object: r#"{"error":{"code":"PAYLOAD_TOO_LARGE","message":"Payload Too Large"}}"#,
        problem: r#"{"type":"about:blank","title":"Payload Too Large","status":413,"detail":"Payload Too Large","instance":"/json","code":"PAYLOAD_TOO_LARGE"}"#,
        kept: &[],
    },
    Replaced {
        what: "a JSON syntax error",
        send: Req::post("/json", Some("application/json"), r#"{"a":}"#),
        status: 400,
        object: r#"{"error":{"code":"REQUEST_REJECTED","message":"Bad Request"}}"#,
        problem: r#"{"type":"about:blank","title":"Bad Request","status":400,"detail":"Bad Request","instance":"/json","code":"REQUEST_REJECTED"}"#,
        kept: &[],
    },
    Replaced {
        what: "a bare 418 from a handler",
        send: Req::get("/teapot"),
        status: 418,
        object: r#"{"error":{"code":"REQUEST_REJECTED","message":"I'm a teapot"}}"#,
        problem: r#"{"type":"about:blank","title":"I'm a teapot","status":418,"detail":"I'm a teapot","instance":"/teapot","code":"REQUEST_REJECTED"}"#,
        kept: &[],
    },
    Replaced {
        what: "a bare 503 from a handler (a 5xx: the request id in ErrorObject's details)",
        send: Req::get("/unavailable"),
        status: 503,
        object: r#"{"error":{"code":"INTERNAL_ERROR","message":"Service Unavailable","details":{"request_id":"req-7"}}}"#,
        problem: r#"{"type":"about:blank","title":"Service Unavailable","status":503,"detail":"Service Unavailable","instance":"/unavailable","code":"INTERNAL_ERROR"}"#,
        kept: &[],
    },
    Replaced {
        what: "a plain-text 503 with Retry-After (the text never shows, the header is kept)",
        send: Req::get("/down"),
        status: 503,
        object: r#"{"error":{"code":"INTERNAL_ERROR","message":"Service Unavailable","details":{"request_id":"req-7"}}}"#,
        problem: r#"{"type":"about:blank","title":"Service Unavailable","status":503,"detail":"Service Unavailable","instance":"/down","code":"INTERNAL_ERROR"}"#,
        kept: &[("retry-after", "30")],
    },
    Replaced {
        what: "a bare 401 with two Set-Cookie (both kept, in order)",
        send: Req::get("/cookies"),
        status: 401,
        object: r#"{"error":{"code":"REQUEST_REJECTED","message":"Unauthorized"}}"#,
        problem: r#"{"type":"about:blank","title":"Unauthorized","status":401,"detail":"Unauthorized","instance":"/cookies","code":"REQUEST_REJECTED"}"#,
        kept: &[("set-cookie", "a=1"), ("set-cookie", "b=2")],
    },
    Replaced {
        what: "a bare 404 from a handler with Vary: origin (ROUTE_NOT_FOUND too; Vary kept)",
        send: Req::get("/vary"),
        status: 404,
        object: r#"{"error":{"code":"ROUTE_NOT_FOUND","message":"Not Found"}}"#,
        problem: r#"{"type":"about:blank","title":"Not Found","status":404,"detail":"Not Found","instance":"/vary","code":"ROUTE_NOT_FOUND"}"#,
        kept: &[("vary", "origin")],
    },
];

/// The framework errors whose status or headers differ between the frameworks.
fn specific(framework: Framework) -> Vec<Replaced> {
    match framework {
        Framework::Axum => vec![
            Replaced {
                what: "a wrong method (axum's Allow is kept)",
                send: Req::post("/users", Some("text/plain"), "x"),
                status: 405,
                object: r#"{"error":{"code":"METHOD_NOT_ALLOWED","message":"Method Not Allowed"}}"#,
                problem: r#"{"type":"about:blank","title":"Method Not Allowed","status":405,"detail":"Method Not Allowed","instance":"/users","code":"METHOD_NOT_ALLOWED"}"#,
                kept: &[("allow", "GET,HEAD")],
            },
            Replaced {
                what: "axum::Json without a content type (axum's 415)",
                send: Req::post("/json", None, r#"{"a":1}"#),
                status: 415,
                object: r#"{"error":{"code":"UNSUPPORTED_MEDIA_TYPE","message":"Unsupported Media Type"}}"#,
                problem: r#"{"type":"about:blank","title":"Unsupported Media Type","status":415,"detail":"Unsupported Media Type","instance":"/json","code":"UNSUPPORTED_MEDIA_TYPE"}"#,
                kept: &[],
            },
        ],
        Framework::Actix => vec![
            Replaced {
                what: "a wrong method (actix-web's Allow is kept)",
                send: Req::post("/users", Some("text/plain"), "x"),
                status: 405,
                object: r#"{"error":{"code":"METHOD_NOT_ALLOWED","message":"Method Not Allowed"}}"#,
                problem: r#"{"type":"about:blank","title":"Method Not Allowed","status":405,"detail":"Method Not Allowed","instance":"/users","code":"METHOD_NOT_ALLOWED"}"#,
                kept: &[("allow", "GET")],
            },
            Replaced {
                what: "web::Json without a content type (actix-web says 400, not 415)",
                send: Req::post("/json", None, r#"{"a":1}"#),
                status: 400,
                object: r#"{"error":{"code":"REQUEST_REJECTED","message":"Bad Request"}}"#,
                problem: r#"{"type":"about:blank","title":"Bad Request","status":400,"detail":"Bad Request","instance":"/json","code":"REQUEST_REJECTED"}"#,
                kept: &[],
            },
        ],
    }
}

/// Every framework error comes back in `envelope`: status, content type, body byte for byte,
/// the kept headers, the echoed id, and no other header.
async fn check_replaced(framework: Framework, envelope: Envelope, base: &str) {
    let client = client();
    for case in COMMON.iter().chain(&specific(framework)) {
        let what = format!("[{framework:?}, {envelope:?}] {}", case.what);
        let response = send(&client, base, case.send).await;
        assert_eq!(response.status, case.status, "{what}: {response:?}");
        assert_eq!(
            response.header("content-type"),
            envelope.content_type(),
            "{what}"
        );
        let expected = match envelope {
            Envelope::Object => case.object,
            Envelope::Problem => case.problem,
        };
        assert_eq!(response.text(), expected, "{what}");
        assert_eq!(response.header("x-request-id"), "req-7", "{what}");
        assert_eq!(
            response.header("content-length"),
            expected.len().to_string(),
            "{what}"
        );
        for (name, _) in case.kept {
            let expected: Vec<&str> = case
                .kept
                .iter()
                .filter(|(n, _)| n == name)
                .map(|(_, v)| *v)
                .collect();
            assert_eq!(response.values(name), expected, "{what}: {name}");
        }
        let mut expected_names = names(&["content-type", "content-length", "x-request-id"]);
        expected_names.extend(case.kept.iter().map(|(name, _)| *name));
        assert_eq!(
            header_names(&response),
            expected_names,
            "{what}: {response:?}"
        );
        assert!(!response.text().contains("hunter2"), "{what}");
    }

    // The JSON route itself works: a small body is echoed.
    let ok = send(
        &client,
        base,
        Req::post("/json", Some("application/json"), r#"{"a":1}"#),
    )
    .await;
    assert_eq!(ok.status, 200, "[{framework:?}, {envelope:?}] {ok:?}");
    assert_eq!(ok.header("content-type"), "application/json");
    assert_eq!(ok.text(), r#"{"a":1}"#);

    // Without an incoming id: a fresh one, echoed, and in ErrorObject's details of the 5xx.
    let response = send(&client, base, Req::get("/unavailable").without_id()).await;
    assert_eq!(response.status, 503);
    let id = response.header("x-request-id").to_owned();
    assert!(is_uuid_v4(&id), "[{framework:?}, {envelope:?}] {id:?}");
    let expected = match envelope {
        Envelope::Object => format!(
            r#"{{"error":{{"code":"INTERNAL_ERROR","message":"Service Unavailable","details":{{"request_id":"{id}"}}}}}}"#
        ),
        Envelope::Problem => r#"{"type":"about:blank","title":"Service Unavailable","status":503,"detail":"Service Unavailable","instance":"/unavailable","code":"INTERNAL_ERROR"}"#.to_owned(),
    };
    assert_eq!(response.text(), expected, "[{framework:?}, {envelope:?}]");
}

/// Each framework, in each envelope: the rows are named in every assertion of
/// `check_replaced` (`[Axum, Problem] …`).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn framework_errors_are_answered_in_the_envelope() {
    for (framework, envelope) in FRAMEWORKS_AND_ENVELOPES {
        let server = Running::start(framework, envelope.into()).await;
        check_replaced(framework, envelope, &server.base()).await;
        server.stop().await;
    }
}
