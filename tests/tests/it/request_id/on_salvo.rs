//! The `ErrorContext` hoop through a real salvo server: `x-request-id` echoed on every
//! response, a valid incoming id kept and shown by the envelopes (in the request's extensions,
//! the depot and `request_id()` alike), a bad one replaced by a fresh UUID v4, ids isolated
//! between 100 concurrent requests, two hoops agreeing on one id, and without the hoop nothing
//! of the request known. The same checks as `crate::request_id` makes of axum and actix-web, on its error types.

use std::collections::HashSet;
use std::io::{Read as _, Write as _};
use std::time::Duration;

use apierror::context::RequestId;
use salvo::prelude::*;

use super::{interleave, GoogleError, JsonApiError, MetaError, ObjectError, ProblemError};
use crate::salvo_glue::server::SalvoServer;
use crate::servers::{client, Received};

/// `extension|depot|request_id()`, `-` for none; the three must agree.
#[handler]
async fn show_ids(req: &mut Request, depot: &mut Depot) -> String {
    interleave().await;
    let extension = req.extensions().get::<RequestId>().cloned();
    let stored = depot.get_typed::<RequestId>().ok().cloned();
    let current = apierror::context::request_id();
    let show = |id: &Option<RequestId>| id.as_ref().map_or("-", RequestId::as_str).to_owned();
    format!("{}|{}|{}", show(&extension), show(&stored), show(&current))
}

#[handler]
async fn internal() -> Result<&'static str, ObjectError> {
    interleave().await;
    Err(ObjectError::Internal)
}

#[handler]
async fn not_found() -> Result<&'static str, ObjectError> {
    Err(ObjectError::NotFound)
}

#[handler]
async fn meta() -> Result<&'static str, MetaError> {
    Err(MetaError)
}

#[handler]
async fn problem() -> Result<&'static str, ProblemError> {
    Err(ProblemError)
}

#[handler]
async fn json_api() -> Result<&'static str, JsonApiError> {
    Err(JsonApiError)
}

#[handler]
async fn google() -> Result<&'static str, GoogleError> {
    Err(GoogleError)
}

fn router() -> Router {
    Router::new()
        .push(Router::with_path("ok").get(show_ids))
        .push(Router::with_path("object/500").get(internal))
        .push(Router::with_path("object/404").get(not_found))
        .push(Router::with_path("meta").get(meta))
        .push(Router::with_path("problem/{name}").get(problem))
        .push(Router::with_path("jsonapi").get(json_api))
        .push(Router::with_path("google").get(google))
}

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

/// `GET path` with the raw header bytes `x-request-id: {id}`, for ids no client would send.
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

fn object_500(id: &str) -> String {
    format!(
        r#"{{"error":{{"code":"INTERNAL_ERROR","message":"Internal Server Error","details":{{"request_id":{}}}}}}}"#,
        serde_json::to_string(id).expect("a JSON string")
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn salvo_request_ids_end_to_end() {
    let service = Service::new(router()).hoop(apierror::salvo::ErrorContext::new());
    let server = SalvoServer::start(service).await;
    let (client, addr) = (client(), server.addr);

    // No incoming id: a fresh one, on a success too, the same in the handler three ways.
    let ok = get(&client, addr, "/ok", None).await;
    assert_eq!(ok.status, 200, "{ok:?}");
    let id = ok.header("x-request-id").to_owned();
    assert!(is_uuid_v4(&id), "fresh id {id:?}");
    assert_eq!(ok.text(), format!("{id}|{id}|{id}"));
    let again = get(&client, addr, "/ok", None).await;
    assert_ne!(again.header("x-request-id"), id, "one id per request");

    // A valid incoming id is kept.
    let ok = get(&client, addr, "/ok", Some("abc-123")).await;
    assert_eq!(ok.header("x-request-id"), "abc-123");
    assert_eq!(ok.text(), "abc-123|abc-123|abc-123");

    // ErrorObject shows it on a 5xx, escaped as JSON; the Display text never shows.
    for id in ["req-7", r#"q"uote\back~!"#, &"x".repeat(128)] {
        let response = get(&client, addr, "/object/500", Some(id)).await;
        assert_eq!(response.status, 500, "{id}");
        assert_eq!(response.header("x-request-id"), id);
        assert_eq!(response.header("content-type"), "application/json");
        assert_eq!(response.text(), object_500(id));
        assert!(!response.text().contains("hunter2"));
    }

    // A 4xx: echoed in the header, not in the ErrorObject body.
    let response = get(&client, addr, "/object/404", Some("req-404")).await;
    assert_eq!(response.status, 404);
    assert_eq!(response.header("x-request-id"), "req-404");
    assert_eq!(
        response.text(),
        r#"{"error":{"code":"NOT_FOUND","message":"no such thing"}}"#
    );

    // DataErrorMeta: meta.request_id.
    let response = get(&client, addr, "/meta", Some("req-meta")).await;
    let text = response.text();
    assert!(
        text.starts_with(r#"{"data":null,"error":{"code":"NOT_FOUND","message":"no such thing"},"meta":{"request_id":"req-meta","timestamp":""#),
        "{text}"
    );
    assert!(text.ends_with(r#"Z","version":"1.0.0"}}"#), "{text}");

    // Problem: instance is the path, without the query.
    let response = get(&client, addr, "/problem/x%20y?secret=1", Some("req-p")).await;
    assert_eq!(response.status, 404);
    assert_eq!(response.header("x-request-id"), "req-p");
    assert_eq!(response.header("content-type"), "application/problem+json");
    assert_eq!(
        response.text(),
        r#"{"type":"about:blank","title":"Not Found","status":404,"detail":"no such thing","instance":"/problem/x%20y","code":"NOT_FOUND"}"#
    );

    // JsonApi: id.
    let response = get(&client, addr, "/jsonapi", Some("req-j")).await;
    assert_eq!(response.header("content-type"), "application/vnd.api+json");
    assert_eq!(
        response.text(),
        r#"{"errors":[{"id":"req-j","status":"404","code":"NOT_FOUND","title":"Not Found","detail":"no such thing"}]}"#
    );

    // Google: RequestInfo.
    let response = get(&client, addr, "/google", Some("req-g")).await;
    let request_info = response.json()["error"]["details"]
        .as_array()
        .expect("details")
        .iter()
        .find(|d| d["@type"] == "type.googleapis.com/google.rpc.RequestInfo")
        .map(|info| info["requestId"].clone());
    assert_eq!(
        request_info,
        Some(serde_json::json!("req-g")),
        "{response:?}"
    );

    // A route that does not exist still gets an id (the hoop is on the service).
    let response = get(&client, addr, "/nowhere", Some("req-404b")).await;
    assert_eq!(response.status, 404);
    assert_eq!(response.header("x-request-id"), "req-404b");

    // Ids that must not be kept: a fresh UUID v4 instead, in the header and the body.
    for (what, id) in [
        ("129 characters", vec![b'a'; 129]),
        ("non-ASCII", "caf\u{e9}".as_bytes().to_vec()),
        ("empty", Vec::new()),
        ("a space", b"a b".to_vec()),
    ] {
        let response = tokio::task::spawn_blocking(move || raw_get(addr, "/object/500", &id))
            .await
            .expect("raw request")
            .unwrap_or_else(|| panic!("{what}: no response"));
        assert_eq!(response.status, 500, "{what}: {response:?}");
        let fresh = response.header("x-request-id").to_owned();
        assert!(is_uuid_v4(&fresh), "{what}: {fresh:?}");
        assert_eq!(response.text(), object_500(&fresh), "{what}");
    }
}

/// 100 concurrent requests, each with its own id: each response's header and body carry its
/// own; and 100 without an id: 100 distinct fresh ones.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn salvo_100_concurrent_requests_keep_their_own_ids() {
    let service = Service::new(router()).hoop(apierror::salvo::ErrorContext::new());
    let server = SalvoServer::start(service).await;
    let (client, addr) = (client(), server.addr);

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
        assert_eq!(response.header("x-request-id"), id, "{i}");
        let expected = if path == "/ok" {
            format!("{id}|{id}|{id}")
        } else {
            object_500(&id)
        };
        assert_eq!(response.text(), expected, "{i}");
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
        assert!(is_uuid_v4(&id), "{id:?}");
        assert_eq!(response.text(), object_500(&id));
        assert!(seen.insert(id), "an id was given twice");
    }
}

/// Two hoops (the service's and a router's) agree on one id.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn salvo_nested_hoops_agree_on_one_id() {
    let service = Service::new(router().hoop(apierror::salvo::ErrorContext::new()))
        .hoop(apierror::salvo::ErrorContext::new());
    let server = SalvoServer::start(service).await;
    let client = client();
    for sent in [None, Some("nested-1")] {
        let response = get(&client, server.addr, "/object/500", sent).await;
        let id = response.header("x-request-id").to_owned();
        if let Some(sent) = sent {
            assert_eq!(id, sent);
        }
        assert_eq!(response.text(), object_500(&id));
        let ok = get(&client, server.addr, "/ok", sent).await;
        let id = ok.header("x-request-id").to_owned();
        assert_eq!(ok.text(), format!("{id}|{id}|{id}"));
    }
}

/// Without the hoop: no header, no id in the bodies, a fresh UUID per `DataErrorMeta`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn salvo_without_the_hoop_knows_no_request() {
    let server = SalvoServer::start(router()).await;
    let (client, addr) = (client(), server.addr);

    let ok = get(&client, addr, "/ok", Some("ignored")).await;
    assert_eq!(ok.status, 200);
    assert!(!ok.has_header("x-request-id"), "{ok:?}");
    assert_eq!(ok.text(), "-|-|-");

    let response = get(&client, addr, "/object/500", Some("ignored")).await;
    assert_eq!(response.status, 500);
    assert!(!response.has_header("x-request-id"));
    assert_eq!(
        response.text(),
        r#"{"error":{"code":"INTERNAL_ERROR","message":"Internal Server Error"}}"#
    );

    let mut ids = HashSet::new();
    for _ in 0..3 {
        let response = get(&client, addr, "/meta", Some("ignored")).await;
        let id = response.json()["meta"]["request_id"]
            .as_str()
            .expect("meta.request_id")
            .to_owned();
        assert!(is_uuid_v4(&id), "{id:?}");
        assert!(ids.insert(id), "a fresh UUID per response");
    }

    let response = get(&client, addr, "/problem/x", None).await;
    assert_eq!(
        response.text(),
        r#"{"type":"about:blank","title":"Not Found","status":404,"detail":"no such thing","code":"NOT_FOUND"}"#
    );
}
