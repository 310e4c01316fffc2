//! A negotiated type: `Accept` picks the envelope of the framework's errors too.

use super::*;

/// With `#[api(negotiate)]`, `Accept` picks the envelope of the framework's errors too.
async fn check_negotiated(framework: Framework, base: &str) {
    let client = client();
    let at = format!("[{framework:?}, negotiated]");
    for (accept, content_type, body) in [
        (
            None,
            "application/json",
            r#"{"error":{"code":"ROUTE_NOT_FOUND","message":"Not Found"}}"#,
        ),
        (
            Some("application/problem+json"),
            "application/problem+json",
            r#"{"type":"about:blank","title":"Not Found","status":404,"detail":"Not Found","instance":"/nowhere","code":"ROUTE_NOT_FOUND"}"#,
        ),
        (
            Some("application/vnd.api+json"),
            "application/vnd.api+json",
            r#"{"errors":[{"id":"req-7","status":"404","code":"ROUTE_NOT_FOUND","title":"Not Found","detail":"Not Found"}]}"#,
        ),
    ] {
        let mut request = Req::get("/nowhere");
        if let Some(accept) = accept {
            request = request.accept(accept);
        }
        let response = send(&client, base, request).await;
        assert_eq!(response.status, 404, "{at} {accept:?} {response:?}");
        assert_eq!(
            response.header("content-type"),
            content_type,
            "{at} {accept:?}"
        );
        assert_eq!(response.text(), body, "{at} {accept:?}");
        assert_eq!(response.header("vary"), "Accept", "{at} {accept:?}");
        assert_eq!(response.header("x-request-id"), "req-7", "{at} {accept:?}");
    }

    let allow = match framework {
        Framework::Axum => "GET,HEAD",
        Framework::Actix => "GET",
    };
    let request = Req::post("/users", Some("text/plain"), "x").accept("application/problem+json");
    let response = send(&client, base, request).await;
    assert_eq!(response.status, 405, "{at} {response:?}");
    assert_eq!(
        response.header("content-type"),
        "application/problem+json",
        "{at}"
    );
    assert_eq!(
        response.text(),
        r#"{"type":"about:blank","title":"Method Not Allowed","status":405,"detail":"Method Not Allowed","instance":"/users","code":"METHOD_NOT_ALLOWED"}"#,
        "{at}"
    );
    assert_eq!(response.header("allow"), allow, "{at}");
    assert_eq!(response.header("vary"), "Accept", "{at}");

    // The derived error negotiates by itself and is not answered again.
    let request = Req::get("/derived/404").accept("application/problem+json");
    let response = send(&client, base, request).await;
    assert_eq!(response.status, 404, "{at} {response:?}");
    assert_eq!(
        response.header("content-type"),
        "application/problem+json",
        "{at}"
    );
    assert_eq!(
        response.text(),
        r#"{"type":"about:blank","title":"Not Found","status":404,"detail":"user 7 not found","instance":"/derived/404","code":"USER_NOT_FOUND","id":7}"#,
        "{at}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn negotiated_framework_errors_follow_accept() {
    for framework in FRAMEWORKS {
        let server = Running::start(framework, Setup::Negotiated).await;
        check_negotiated(framework, &server.base()).await;
        server.stop().await;
    }
}
