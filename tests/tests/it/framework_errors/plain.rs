//! Without `all_errors_as`: the plain middleware adds the id and leaves the framework's
//! answers as they were.

use super::*;

/// The plain middleware adds the id and changes nothing else of the framework's answers.
async fn check_plain(framework: Framework, base: &str) {
    let client = client();
    let at = format!("[{framework:?}, plain]");

    let response = send(&client, base, Req::get("/nowhere")).await;
    assert_eq!(response.status, 404, "{at} {response:?}");
    assert!(response.body.is_empty(), "{at} {response:?}");
    assert!(!response.has_header("content-type"), "{at} {response:?}");
    assert_eq!(response.header("x-request-id"), "req-7", "{at}");

    let response = send(&client, base, Req::post("/users", Some("text/plain"), "x")).await;
    assert_eq!(response.status, 405, "{at} {response:?}");
    assert!(response.body.is_empty(), "{at} {response:?}");
    assert!(!response.has_header("content-type"), "{at} {response:?}");
    let allow = match framework {
        Framework::Axum => "GET,HEAD",
        Framework::Actix => "GET",
    };
    assert_eq!(response.header("allow"), allow, "{at}");

    let response = send(&client, base, Req::get("/teapot")).await;
    assert_eq!(response.status, 418, "{at} {response:?}");
    assert!(response.body.is_empty(), "{at} {response:?}");

    // The framework's own plain-text rejection, as the framework wrote it.
    let response = send(
        &client,
        base,
        Req::post("/json", Some("application/json"), BIG_JSON),
    )
    .await;
    assert_eq!(response.status, 413, "{at} {response:?}");
    assert_eq!(
        response.header("content-type"),
        "text/plain; charset=utf-8",
        "{at}"
    );
    assert!(!response.body.is_empty(), "{at} {response:?}");
    assert!(!response.text().contains("PAYLOAD_TOO_LARGE"), "{at}");
}

/// Each framework: the rows are named in every assertion of `check_plain` (`[Axum, plain] …`).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_all_errors_as_framework_errors_are_kept() {
    for framework in FRAMEWORKS {
        let server = Running::start(framework, Setup::Plain).await;
        check_plain(framework, &server.base()).await;
        server.stop().await;
    }
}
