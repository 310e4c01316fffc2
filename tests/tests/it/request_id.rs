//! The request-context middleware through real servers: `x-request-id` echoed on every
//! response, a valid incoming id kept and shown by the envelopes, a bad one replaced by a fresh
//! UUID v4, ids isolated between concurrent requests, and everything still working without the
//! middleware.
//!
//! Every check runs against axum (`ErrorContextLayer`) and actix-web (`ErrorContext`), each
//! serving the same routes twice: one server with the middleware, one without.

use crate::servers;

use std::collections::HashSet;
use std::io::{Read as _, Write as _};
use std::time::Duration;

use apierror::context::RequestId;
use apierror::ApiError;
use servers::{client, ActixServer, AxumServer, Received};

// ---------------------------------------------------------------------------------------------
// The errors and the routes
// ---------------------------------------------------------------------------------------------

/// The default envelope (`ErrorObject`): a 5xx shows the request id in `details`.
#[derive(Debug, thiserror::Error, ApiError)]
enum ObjectError {
    #[error("database down: password=hunter2")]
    #[api(status = 500, code = "INTERNAL_ERROR")]
    Internal,
    #[error("no such thing")]
    #[api(status = 404, code = "NOT_FOUND")]
    NotFound,
}

/// `DataErrorMeta`: `meta.request_id`, else a fresh UUID.
#[derive(Debug, thiserror::Error, ApiError)]
#[api(envelope = apierror::envelope::DataErrorMeta, version = "1.0.0")]
#[error("no such thing")]
#[api(status = 404, code = "NOT_FOUND")]
struct MetaError;

/// `Problem`: `instance` is the path.
#[derive(Debug, thiserror::Error, ApiError)]
#[api(envelope = apierror::envelope::Problem)]
#[error("no such thing")]
#[api(status = 404, code = "NOT_FOUND")]
struct ProblemError;

/// `JsonApi`: `id` is the request id.
#[derive(Debug, thiserror::Error, ApiError)]
#[api(envelope = apierror::envelope::JsonApi)]
#[error("no such thing")]
#[api(status = 404, code = "NOT_FOUND")]
struct JsonApiError;

/// `Google`: a `RequestInfo` detail carries the request id.
#[derive(Debug, thiserror::Error, ApiError)]
#[api(envelope = apierror::envelope::Google, domain = "api.example.com")]
#[error("no such thing")]
#[api(status = 404, code = "NOT_FOUND")]
struct GoogleError;

/// Lets other requests' tasks run, so that concurrent requests interleave on a thread.
async fn interleave() {
    for _ in 0..4 {
        tokio::task::yield_now().await;
    }
}

/// The `/ok` body: the id from the request's extensions and from the task-local, `-` for none.
fn ok_body(extension: Option<&RequestId>) -> String {
    let current = apierror::context::request_id();
    if let (Some(extension), Some(current)) = (extension, &current) {
        assert_eq!(
            extension, current,
            "the extension and request_id() disagree"
        );
    }
    format!(
        "{}|{}",
        extension.map_or("-", RequestId::as_str),
        current.as_ref().map_or("-", RequestId::as_str)
    )
}

mod axum_app {
    use super::*;
    use apierror::axum::ErrorContextLayer;
    use axum::routing::get;
    use axum::Router;

    async fn ok(request: axum::extract::Request) -> String {
        interleave().await;
        ok_body(request.extensions().get::<RequestId>())
    }

    async fn internal() -> Result<(), ObjectError> {
        interleave().await;
        Err(ObjectError::Internal)
    }

    pub fn routes() -> Router {
        Router::new()
            .route("/ok", get(ok))
            .route("/object/500", get(internal))
            .route(
                "/object/404",
                get(|| async { Err::<(), _>(ObjectError::NotFound) }),
            )
            .route("/meta", get(|| async { Err::<(), _>(MetaError) }))
            .route(
                "/problem/{name}",
                get(|| async { Err::<(), _>(ProblemError) }),
            )
            .route("/jsonapi", get(|| async { Err::<(), _>(JsonApiError) }))
            .route("/google", get(|| async { Err::<(), _>(GoogleError) }))
    }

    pub fn with_layer() -> Router {
        routes().layer(ErrorContextLayer::new())
    }

    /// Two layers, one inside the other: they must agree on one id.
    pub fn with_two_layers() -> Router {
        routes()
            .layer(ErrorContextLayer::new())
            .layer(ErrorContextLayer::new())
    }
}

mod actix_app {
    use super::*;
    use actix_web::{web, HttpMessage, HttpRequest};

    async fn ok(request: HttpRequest) -> String {
        interleave().await;
        let id = request.extensions().get::<RequestId>().cloned();
        ok_body(id.as_ref())
    }

    async fn internal() -> Result<&'static str, ObjectError> {
        interleave().await;
        Err(ObjectError::Internal)
    }

    async fn not_found() -> Result<&'static str, ObjectError> {
        Err(ObjectError::NotFound)
    }

    async fn meta() -> Result<&'static str, MetaError> {
        Err(MetaError)
    }

    async fn problem() -> Result<&'static str, ProblemError> {
        Err(ProblemError)
    }

    async fn json_api() -> Result<&'static str, JsonApiError> {
        Err(JsonApiError)
    }

    async fn google() -> Result<&'static str, GoogleError> {
        Err(GoogleError)
    }

    pub fn routes(config: &mut web::ServiceConfig) {
        config
            .route("/ok", web::get().to(ok))
            .route("/object/500", web::get().to(internal))
            .route("/object/404", web::get().to(not_found))
            .route("/meta", web::get().to(meta))
            .route("/problem/{name}", web::get().to(problem))
            .route("/jsonapi", web::get().to(json_api))
            .route("/google", web::get().to(google));
    }
}

// ---------------------------------------------------------------------------------------------
// The servers
// ---------------------------------------------------------------------------------------------

/// The three actix-web apps of these tests.
mod actix_servers {
    use super::{actix_app, ActixServer};

    pub fn with_middleware() -> ActixServer {
        ActixServer::start(|| {
            actix_web::App::new()
                .configure(actix_app::routes)
                .wrap(apierror::actix::ErrorContext::new())
        })
    }

    pub fn with_two_middlewares() -> ActixServer {
        ActixServer::start(|| {
            actix_web::App::new()
                .configure(actix_app::routes)
                .wrap(apierror::actix::ErrorContext::new())
                .wrap(apierror::actix::ErrorContext::new())
        })
    }

    pub fn without_middleware() -> ActixServer {
        ActixServer::start(|| actix_web::App::new().configure(actix_app::routes))
    }
}

// ---------------------------------------------------------------------------------------------
// Requests
// ---------------------------------------------------------------------------------------------

async fn get(
    client: &reqwest::Client,
    addr: std::net::SocketAddr,
    path: &str,
    id: Option<&str>,
) -> Received {
    let mut request = client.get(format!("http://{addr}{path}"));
    if let Some(id) = id {
        request = request.header("x-request-id", id);
    }
    Received::of(request).await
}

/// Sends `GET path` with the raw header bytes `x-request-id: {id}` over a plain TCP stream, for
/// ids no HTTP client would send. `None` when the server closed without a response.
fn raw_get(addr: std::net::SocketAddr, path: &str, id: &[u8]) -> Option<Received> {
    let mut stream = std::net::TcpStream::connect(addr).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .expect("timeout");
    let mut request = format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nx-request-id: ").into_bytes();
    request.extend_from_slice(id);
    request.extend_from_slice(b"\r\nConnection: close\r\n\r\n");
    stream.write_all(&request).expect("write");
    let mut raw = Vec::new();
    // A server may reset the connection after answering a malformed request.
    let _ = stream.read_to_end(&mut raw);
    let end = raw.windows(4).position(|w| w == b"\r\n\r\n")?;
    let head = std::str::from_utf8(&raw[..end]).expect("a UTF-8 response head");
    let mut lines = head.split("\r\n");
    let status = lines.next()?.split(' ').nth(1)?.parse().ok()?;
    let headers = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().as_bytes().to_vec()))
        .collect();
    Some(Received {
        status,
        headers,
        body: raw[end + 4..].to_vec(),
    })
}

async fn raw_get_async(
    addr: std::net::SocketAddr,
    path: &'static str,
    id: Vec<u8>,
) -> Option<Received> {
    tokio::task::spawn_blocking(move || raw_get(addr, path, &id))
        .await
        .expect("raw request")
}

/// Whether `text` is a lower-case hyphenated UUID v4.
fn is_uuid_v4(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == 36
        && bytes.iter().enumerate().all(|(i, &b)| match i {
            8 | 13 | 18 | 23 => b == b'-',
            _ => b.is_ascii_digit() || (b'a'..=b'f').contains(&b),
        })
        && bytes[14] == b'4'
        && matches!(bytes[19], b'8' | b'9' | b'a' | b'b')
}

/// `text` as a JSON string, quotes included.
fn json_string(text: &str) -> String {
    serde_json::to_string(text).expect("a JSON string")
}

fn object_500(id: &str) -> String {
    format!(
        r#"{{"error":{{"code":"INTERNAL_ERROR","message":"Internal Server Error","details":{{"request_id":{}}}}}}}"#,
        json_string(id)
    )
}

// ---------------------------------------------------------------------------------------------
// The checks, the same for both frameworks
// ---------------------------------------------------------------------------------------------

/// Ids present and echoed, valid ones kept and shown by every envelope that echoes one.
async fn check_echo_and_envelopes(framework: &str, addr: std::net::SocketAddr) {
    let client = client();

    // No incoming id: a fresh one, on a success too, the same in the handler.
    let ok = get(&client, addr, "/ok", None).await;
    assert_eq!(ok.status, 200, "[{framework}]");
    let id = ok.header("x-request-id").to_owned();
    assert!(is_uuid_v4(&id), "[{framework}] fresh id {id:?}");
    assert_eq!(ok.text(), format!("{id}|{id}"), "[{framework}]");
    let again = get(&client, addr, "/ok", None).await;
    assert_ne!(
        again.header("x-request-id"),
        id,
        "[{framework}] one id per request"
    );

    // A valid incoming id is kept: on a success, in the handler.
    let ok = get(&client, addr, "/ok", Some("abc-123")).await;
    assert_eq!(ok.header("x-request-id"), "abc-123", "[{framework}]");
    assert_eq!(ok.text(), "abc-123|abc-123", "[{framework}]");

    // ErrorObject shows it on a 5xx, escaped as JSON; the Display text never shows.
    for id in ["req-7", r#"q"uote\back~!"#, &"x".repeat(128)] {
        let response = get(&client, addr, "/object/500", Some(id)).await;
        assert_eq!(response.status, 500, "[{framework}] {id}");
        assert_eq!(response.header("x-request-id"), id, "[{framework}]");
        assert_eq!(response.header("content-type"), "application/json");
        assert_eq!(response.text(), object_500(id), "[{framework}]");
        assert!(!response.text().contains("hunter2"), "[{framework}]");
    }

    // A 4xx: echoed in the header, not in the ErrorObject body.
    let response = get(&client, addr, "/object/404", Some("req-404")).await;
    assert_eq!(response.status, 404);
    assert_eq!(response.header("x-request-id"), "req-404", "[{framework}]");
    assert_eq!(
        response.text(),
        r#"{"error":{"code":"NOT_FOUND","message":"no such thing"}}"#,
        "[{framework}]"
    );

    // DataErrorMeta: meta.request_id.
    let response = get(&client, addr, "/meta", Some("req-meta")).await;
    assert_eq!(response.status, 404);
    assert_eq!(response.header("x-request-id"), "req-meta", "[{framework}]");
    let text = response.text();
    assert!(
        text.starts_with(r#"{"data":null,"error":{"code":"NOT_FOUND","message":"no such thing"},"meta":{"request_id":"req-meta","timestamp":""#),
        "[{framework}] {text}"
    );
    assert!(
        text.ends_with(r#"Z","version":"1.0.0"}}"#),
        "[{framework}] {text}"
    );

    // Problem: instance is the path, without the query.
    let response = get(&client, addr, "/problem/x%20y?secret=1", Some("req-p")).await;
    assert_eq!(response.status, 404);
    assert_eq!(response.header("x-request-id"), "req-p", "[{framework}]");
    assert_eq!(response.header("content-type"), "application/problem+json");
    assert_eq!(
        response.text(),
        r#"{"type":"about:blank","title":"Not Found","status":404,"detail":"no such thing","instance":"/problem/x%20y","code":"NOT_FOUND"}"#,
        "[{framework}]"
    );

    // JsonApi: id.
    let response = get(&client, addr, "/jsonapi", Some("req-j")).await;
    assert_eq!(response.header("x-request-id"), "req-j", "[{framework}]");
    assert_eq!(response.header("content-type"), "application/vnd.api+json");
    assert_eq!(
        response.text(),
        r#"{"errors":[{"id":"req-j","status":"404","code":"NOT_FOUND","title":"Not Found","detail":"no such thing"}]}"#,
        "[{framework}]"
    );

    // Google: RequestInfo.
    let response = get(&client, addr, "/google", Some("req-g")).await;
    assert_eq!(response.header("x-request-id"), "req-g", "[{framework}]");
    let request_info = response.json()["error"]["details"]
        .as_array()
        .expect("details")
        .iter()
        .find(|d| d["@type"] == "type.googleapis.com/google.rpc.RequestInfo")
        .cloned();
    assert_eq!(
        request_info.map(|info| info["requestId"].clone()),
        Some(serde_json::json!("req-g")),
        "[{framework}] {}",
        response.text()
    );

    // A route that does not exist still gets an id.
    let response = get(&client, addr, "/nowhere", Some("req-404b")).await;
    assert_eq!(response.status, 404);
    assert_eq!(response.header("x-request-id"), "req-404b", "[{framework}]");
}

/// Ids that must not be kept: each replaced by a fresh UUID v4, in the header and the body.
async fn check_sanitization(framework: &str, addr: std::net::SocketAddr) {
    let bad: Vec<(&str, Vec<u8>)> = vec![
        ("10 KB", vec![b'a'; 10 * 1024]),
        ("129 characters", vec![b'a'; 129]),
        ("non-ASCII", "caf\u{e9}-\u{1f600}".as_bytes().to_vec()),
        ("Latin-1 byte", b"caf\xe9".to_vec()),
        ("empty", Vec::new()),
        ("a space", b"a b".to_vec()),
        ("a tab", b"a\tb".to_vec()),
    ];
    for (what, id) in bad {
        let response = raw_get_async(addr, "/object/500", id.clone())
            .await
            .unwrap_or_else(|| panic!("[{framework}] {what}: no response"));
        assert_eq!(response.status, 500, "[{framework}] {what}: {response:?}");
        let fresh = response.header("x-request-id").to_owned();
        assert!(is_uuid_v4(&fresh), "[{framework}] {what}: {fresh:?}");
        assert_eq!(response.text(), object_500(&fresh), "[{framework}] {what}");
    }

    // CR, LF and other control characters inside a header value never reach the middleware:
    // the HTTP parser either rejects the request (400) or ends the header at the line break,
    // so what arrives is the text before it. Either way no header can be injected into the
    // response, and the id that comes back is the text before the break or a fresh UUID.
    for (what, id, before) in [
        ("CR LF", &b"abc\r\nx-injected: yes"[..], "abc"),
        ("bare LF", &b"abc\nx-injected: yes"[..], "abc"),
        ("bare CR", &b"abc\rx-injected: yes"[..], "abc"),
        ("obsolete line folding", &b"abc\r\n folded"[..], "abc"),
        ("CR LF first", &b"\r\nx-injected: yes"[..], ""),
        ("DEL", &b"abc\x7f"[..], ""),
        ("NUL", &b"abc\x00"[..], ""),
    ] {
        let Some(response) = raw_get_async(addr, "/object/500", id.to_vec()).await else {
            continue;
        };
        assert!(
            !response.has_header("x-injected"),
            "[{framework}] {what}: {response:?}"
        );
        if response.status == 500 {
            let echoed = response.header("x-request-id").to_owned();
            assert!(
                is_uuid_v4(&echoed) || (!before.is_empty() && echoed == before),
                "[{framework}] {what}: {echoed:?}"
            );
            assert_eq!(response.text(), object_500(&echoed), "[{framework}] {what}");
        } else {
            assert_eq!(response.status, 400, "[{framework}] {what}: {response:?}");
        }
    }
}

/// 100 concurrent requests with distinct ids, and 100 without: each response's header id
/// equals its body id (and its own sent id).
async fn check_isolation(framework: &str, addr: std::net::SocketAddr) {
    let client = client();
    let mut tasks = Vec::new();
    for i in 0..100 {
        let client = client.clone();
        let path = if i % 2 == 0 { "/object/500" } else { "/ok" };
        tasks.push(tokio::spawn(async move {
            let id = format!("concurrent-{i}");
            let response = get(&client, addr, path, Some(&id)).await;
            (i, path, id, response)
        }));
    }
    for task in tasks {
        let (i, path, id, response) = task.await.expect("request task");
        assert_eq!(response.header("x-request-id"), id, "[{framework}] {i}");
        let expected = if path == "/ok" {
            format!("{id}|{id}")
        } else {
            object_500(&id)
        };
        assert_eq!(response.text(), expected, "[{framework}] {i}");
    }

    let mut tasks = Vec::new();
    for _ in 0..100 {
        let client = client.clone();
        tasks.push(tokio::spawn(async move {
            get(&client, addr, "/object/500", None).await
        }));
    }
    let mut seen = HashSet::new();
    for task in tasks {
        let response = task.await.expect("request task");
        let id = response.header("x-request-id").to_owned();
        assert!(is_uuid_v4(&id), "[{framework}] {id:?}");
        assert_eq!(response.text(), object_500(&id), "[{framework}]");
        assert!(seen.insert(id), "[{framework}] an id was given twice");
    }
}

/// Two middlewares around the same routes agree on one id.
async fn check_nested(framework: &str, addr: std::net::SocketAddr) {
    let client = client();
    for sent in [None, Some("nested-1")] {
        let response = get(&client, addr, "/object/500", sent).await;
        let id = response.header("x-request-id").to_owned();
        if let Some(sent) = sent {
            assert_eq!(id, sent, "[{framework}]");
        }
        assert_eq!(response.text(), object_500(&id), "[{framework}]");
        let ok = get(&client, addr, "/ok", sent).await;
        let id = ok.header("x-request-id").to_owned();
        assert_eq!(ok.text(), format!("{id}|{id}"), "[{framework}]");
    }
}

/// Without the middleware: no header, no id in the bodies, a fresh UUID per `DataErrorMeta`.
async fn check_without(framework: &str, addr: std::net::SocketAddr) {
    let client = client();

    let ok = get(&client, addr, "/ok", Some("ignored")).await;
    assert_eq!(ok.status, 200);
    assert!(!ok.has_header("x-request-id"), "[{framework}] {ok:?}");
    assert_eq!(ok.text(), "-|-", "[{framework}]");

    let response = get(&client, addr, "/object/500", Some("ignored")).await;
    assert_eq!(response.status, 500);
    assert!(!response.has_header("x-request-id"), "[{framework}]");
    assert_eq!(
        response.text(),
        r#"{"error":{"code":"INTERNAL_ERROR","message":"Internal Server Error"}}"#,
        "[{framework}]"
    );

    let mut ids = HashSet::new();
    for _ in 0..3 {
        let response = get(&client, addr, "/meta", Some("ignored")).await;
        assert!(!response.has_header("x-request-id"), "[{framework}]");
        let id = response.json()["meta"]["request_id"]
            .as_str()
            .expect("meta.request_id")
            .to_owned();
        assert!(is_uuid_v4(&id), "[{framework}] {id:?}");
        assert!(ids.insert(id), "[{framework}] a fresh UUID per response");
    }

    let response = get(&client, addr, "/problem/x", None).await;
    assert_eq!(
        response.text(),
        r#"{"type":"about:blank","title":"Not Found","status":404,"detail":"no such thing","code":"NOT_FOUND"}"#,
        "[{framework}]"
    );

    let response = get(&client, addr, "/jsonapi", None).await;
    assert_eq!(
        response.text(),
        r#"{"errors":[{"status":"404","code":"NOT_FOUND","title":"Not Found","detail":"no such thing"}]}"#,
        "[{framework}]"
    );
}

// ---------------------------------------------------------------------------------------------
// The tests
// ---------------------------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn axum_request_ids() {
    let server = AxumServer::start(axum_app::with_layer()).await;
    check_echo_and_envelopes("axum", server.addr).await;
    check_sanitization("axum", server.addr).await;
    check_isolation("axum", server.addr).await;

    let nested = AxumServer::start(axum_app::with_two_layers()).await;
    check_nested("axum, two layers", nested.addr).await;

    let without = AxumServer::start(axum_app::routes()).await;
    check_without("axum, no layer", without.addr).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn actix_request_ids() {
    let server = actix_servers::with_middleware();
    check_echo_and_envelopes("actix-web", server.addr).await;
    check_sanitization("actix-web", server.addr).await;
    check_isolation("actix-web", server.addr).await;
    server.stop().await;

    let nested = actix_servers::with_two_middlewares();
    check_nested("actix-web, two middlewares", nested.addr).await;
    nested.stop().await;

    let without = actix_servers::without_middleware();
    check_without("actix-web, no middleware", without.addr).await;
    without.stop().await;
}

/// Outside a request there is no current id.
#[test]
fn no_request_no_id() {
    assert_eq!(apierror::context::request_id(), None);
}

// poem's server, with the same checks.
mod on_poem;
mod on_salvo;
