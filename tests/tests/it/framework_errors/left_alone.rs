//! Everything else is left as it was: HTML, a handler's JSON, successes, derived errors.

use super::*;

/// HTML, a handler's own JSON, a success and the derived errors come back as written.
async fn check_untouched(framework: Framework, envelope: Envelope, base: &str) {
    let client = client();
    let at = format!("[{framework:?}, {envelope:?}]");

    let html = send(&client, base, Req::get("/html")).await;
    assert_eq!(html.status, 404, "{at} {html:?}");
    assert_eq!(
        html.header("content-type"),
        "text/html; charset=utf-8",
        "{at}"
    );
    assert_eq!(html.text(), "<h1>no page here</h1>", "{at}");
    assert_eq!(html.header("x-request-id"), "req-7", "{at}");
    assert_eq!(
        header_names(&html),
        names(&["content-type", "content-length", "x-request-id"]),
        "{at}"
    );

    let conflict = send(&client, base, Req::get("/conflict")).await;
    assert_eq!(conflict.status, 409, "{at} {conflict:?}");
    assert_eq!(conflict.header("content-type"), "application/json", "{at}");
    assert_eq!(conflict.text(), r#"{"mine":true}"#, "{at}");
    assert_eq!(conflict.header("x-request-id"), "req-7", "{at}");

    let ok = send(&client, base, Req::get("/users")).await;
    assert_eq!(ok.status, 200, "{at} {ok:?}");
    assert_eq!(
        ok.header("content-type"),
        "text/plain; charset=utf-8",
        "{at}"
    );
    assert_eq!(ok.text(), "ada", "{at}");
    assert_eq!(ok.header("x-request-id"), "req-7", "{at}");

    // A derived 404: its own code, message and details, not ROUTE_NOT_FOUND.
    let derived = send(&client, base, Req::get("/derived/404")).await;
    assert_eq!(derived.status, 404, "{at} {derived:?}");
    assert_eq!(
        derived.header("content-type"),
        envelope.content_type(),
        "{at}"
    );
    let expected = match envelope {
        Envelope::Object => {
            r#"{"error":{"code":"USER_NOT_FOUND","message":"user 7 not found","details":{"id":7}}}"#
        }
        Envelope::Problem => {
            r#"{"type":"about:blank","title":"Not Found","status":404,"detail":"user 7 not found","instance":"/derived/404","code":"USER_NOT_FOUND","id":7}"#
        }
    };
    assert_eq!(derived.text(), expected, "{at}");
    assert_eq!(derived.header("x-request-id"), "req-7", "{at}");
    assert_eq!(
        header_names(&derived),
        names(&["content-type", "content-length", "x-request-id"]),
        "{at}"
    );

    // A derived 503: its own code and Retry-After, not INTERNAL_ERROR.
    let derived = send(&client, base, Req::get("/derived/503")).await;
    assert_eq!(derived.status, 503, "{at} {derived:?}");
    assert_eq!(
        derived.header("content-type"),
        envelope.content_type(),
        "{at}"
    );
    let expected = match envelope {
        Envelope::Object => {
            r#"{"error":{"code":"MAINTENANCE","message":"Service Unavailable","details":{"request_id":"req-7","retry_after":120}}}"#
        }
        Envelope::Problem => {
            r#"{"type":"about:blank","title":"Service Unavailable","status":503,"detail":"Service Unavailable","instance":"/derived/503","code":"MAINTENANCE"}"#
        }
    };
    assert_eq!(derived.text(), expected, "{at}");
    assert_eq!(derived.header("retry-after"), "120", "{at}");
    assert_eq!(derived.header("x-request-id"), "req-7", "{at}");
    assert!(!derived.text().contains("hunter2"), "{at}");
}

/// Each framework, in each envelope: the rows are named in every assertion of
/// `check_untouched` (`[Actix, Object] …`).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn other_responses_are_left_alone() {
    for (framework, envelope) in FRAMEWORKS_AND_ENVELOPES {
        let server = Running::start(framework, envelope.into()).await;
        check_untouched(framework, envelope, &server.base()).await;
        server.stop().await;
    }
}
