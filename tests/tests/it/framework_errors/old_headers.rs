//! Headers of the old body, and `Vary`.

use super::*;

/// A replaced response must not keep `Content-Encoding`: its body is the new, unencoded JSON.
/// A compression layer inside the context layer (which is meant to be the outermost) marks a
/// plain-text rejection `gzip`; the replaced response must not claim that of its JSON body.
async fn content_encoding_failures(framework: Framework, base: &str) -> Vec<String> {
    let response = send(&client(), base, Req::get("/encoded")).await;
    let mut failures = Vec::new();
    if response.text() != r#"{"error":{"code":"REQUEST_REJECTED","message":"Bad Request"}}"# {
        failures.push(format!("[{framework:?}] unexpected body: {response:?}"));
    }
    if response.has_header("content-encoding") {
        failures.push(format!(
            "[{framework:?}] the identity JSON body is labelled {:?}: {response:?}",
            response.values("content-encoding")
        ));
    }
    failures
}

/// With a `negotiate` type, the answer's `Vary: Accept` must join the framework response's own
/// `Vary` (here `origin`, as a CORS layer inside adds), not replace it.
async fn vary_failures(framework: Framework, base: &str) -> Vec<String> {
    let response = send(&client(), base, Req::get("/vary")).await;
    let tokens: Vec<String> = response
        .values("vary")
        .iter()
        .flat_map(|value| value.split(','))
        .map(|token| token.trim().to_ascii_lowercase())
        .collect();
    let mut failures = Vec::new();
    if response.status != 404 || response.header("content-type") != "application/json" {
        failures.push(format!("[{framework:?}] not replaced: {response:?}"));
    }
    for token in ["origin", "accept"] {
        if !tokens.iter().any(|t| t == token) {
            failures.push(format!(
                "[{framework:?}] Vary lacks {token:?}: {response:?}"
            ));
        }
    }
    failures
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_replaced_response_drops_the_content_encoding_of_its_old_body() {
    let mut failures = Vec::new();
    for framework in FRAMEWORKS {
        let server = Running::start(framework, Setup::Object).await;
        failures.extend(content_encoding_failures(framework, &server.base()).await);
        server.stop().await;
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_negotiated_answer_keeps_the_replaced_response_s_vary() {
    let mut failures = Vec::new();
    for framework in FRAMEWORKS {
        let server = Running::start(framework, Setup::Negotiated).await;
        failures.extend(vary_failures(framework, &server.base()).await);
        server.stop().await;
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
