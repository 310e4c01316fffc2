//! Framework rejections in the API's own envelope: `apierror::Rejection`, axum's
//! `apierror::axum::{Json, Query, Path}` and actix-web's `apierror::actix::*_config`.
//!
//! The servers are real: bound on 127.0.0.1:0, started inside the test, asked with reqwest.
//! Every expected body is written by hand from `tests/vectors/ENVELOPES.md`'s rules for `ErrorFlag` and
//! `ErrorObject`, around the framework's own explanation (the texts axum's `body_text()` and
//! actix-web's `Display` give, which the frameworks have kept stable), JSON-escaped by hand.

use crate::servers;

use std::time::Duration;

use apierror::{ApiError, Rejection};
use serde::Deserialize;
use servers::{ActixServer, AxumServer};

// ---------------------------------------------------------------------------------------------
// The user's error types: one per envelope, each taking rejections in transparently
// ---------------------------------------------------------------------------------------------

#[derive(Debug, thiserror::Error, apierror::ApiError)]
#[api(envelope = apierror::envelope::ErrorFlag)]
enum FlagError {
    #[error(transparent)]
    #[api(transparent)]
    Rejected(#[from] Rejection),
    #[error("user {0} not found")]
    #[api(status = 404)]
    UserNotFound(u32),
}

#[derive(Debug, thiserror::Error, apierror::ApiError)]
enum ObjectError {
    #[error(transparent)]
    #[api(transparent)]
    Rejected(#[from] Rejection),
    #[error("user {0} not found")]
    #[api(status = 404)]
    UserNotFound(u32),
}

/// What the generic handlers need of the error type besides the framework traits.
trait AppError: From<Rejection> + Send + 'static {
    fn user_not_found(id: u32) -> Self;
    /// The body `tests/vectors/ENVELOPES.md` gives for `code` and `message` (already JSON-escaped), no
    /// details, no retry delay, no request id.
    fn body(code: &str, message: &str) -> String;
}

impl AppError for FlagError {
    fn user_not_found(id: u32) -> Self {
        FlagError::UserNotFound(id)
    }
    fn body(code: &str, message: &str) -> String {
        format!(r#"{{"error":true,"message":"{message}","code":"{code}"}}"#)
    }
}

impl AppError for ObjectError {
    fn user_not_found(id: u32) -> Self {
        ObjectError::UserNotFound(id)
    }
    fn body(code: &str, message: &str) -> String {
        format!(r#"{{"error":{{"code":"{code}","message":"{message}"}}}}"#)
    }
}

#[derive(Debug, Deserialize)]
struct NewUser {
    name: String,
    age: u32,
}

#[derive(Debug, Deserialize)]
struct Search {
    q: String,
    page: Option<u32>,
}

/// The limit of `/small`, whose requests the cases send 64 bytes to.
const SMALL_LIMIT: usize = 32;
const BIG_BODY: &str = r#"{"name":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","age":1}"#;

// ---------------------------------------------------------------------------------------------
// The requests and what each framework answers
// ---------------------------------------------------------------------------------------------

#[derive(Clone, Copy, Debug)]
enum Method {
    Get,
    Post,
}

/// One request and the response expected from it.
#[derive(Debug)]
struct Case {
    name: &'static str,
    method: Method,
    path: &'static str,
    content_type: Option<&'static str>,
    body: &'static str,
    expected: Expected,
}

#[derive(Debug)]
enum Expected {
    /// A success with this `text/plain` body.
    Ok(&'static str),
    /// An error: status, code and the message as it stands in JSON (escaped).
    Error(u16, &'static str, String),
}
// ---------------------------------------------------------------------------------------------
// Sending the cases
// ---------------------------------------------------------------------------------------------

/// Headers the servers add to every response (or, for actix-web's `connection: close`, to
/// every response sent before the body was read): not the error glue's.
const SERVER_HEADERS: [&str; 3] = ["content-length", "date", "connection"];

/// Sends every case to `base`, and fails with every difference, each naming its case.
async fn check<E: AppError>(framework: &str, base: &str, cases: &[Case]) {
    assert_eq!(BIG_BODY.len(), 64);
    let client = reqwest::Client::builder()
        .no_proxy()
        .timeout(Duration::from_secs(30))
        .build()
        .expect("reqwest client");
    let mut failures = Vec::new();
    for case in cases {
        let context = format!(
            "[{framework}, {}] {} ({:?} {})",
            std::any::type_name::<E>(),
            case.name,
            case.method,
            case.path
        );
        let url = format!("{base}{}", case.path);
        let mut request = match case.method {
            Method::Get => client.get(&url),
            Method::Post => client.post(&url).body(case.body),
        };
        if let Some(content_type) = case.content_type {
            request = request.header("content-type", content_type);
        }
        let response = match request.send().await {
            Ok(response) => response,
            Err(e) => {
                failures.push(format!("{context}: request failed: {e}"));
                continue;
            }
        };
        let status = response.status().as_u16();
        let mut headers: Vec<(String, String)> = response
            .headers()
            .iter()
            // The server's own: `date` and `content-length` on every response, and actix-web's
            // `connection: close` when it answers before reading the whole body.
            .filter(|(name, _)| !SERVER_HEADERS.contains(&name.as_str()))
            .map(|(name, value)| {
                (
                    name.as_str().to_owned(),
                    String::from_utf8_lossy(value.as_bytes()).into_owned(),
                )
            })
            .collect();
        headers.sort();
        let body = response.bytes().await.map(|bytes| bytes.to_vec());
        let Ok(body) = body else {
            failures.push(format!("{context}: reading the body failed"));
            continue;
        };
        let (want_status, want_type, want_body) = match &case.expected {
            Expected::Ok(text) => (200, "text/plain; charset=utf-8", (*text).to_owned()),
            Expected::Error(status, code, message) => {
                (*status, "application/json", E::body(code, message))
            }
        };
        let want_headers = vec![("content-type".to_owned(), want_type.to_owned())];
        if (status, &headers, body.as_slice()) != (want_status, &want_headers, want_body.as_bytes())
        {
            let got = String::from_utf8_lossy(&body);
            failures.push(format!(
                "{context}:\n  expected {want_status} {want_headers:?}\n    {want_body}\n  \
                 got      {status} {headers:?}\n    {got}"
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} responses differ:\n\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n\n")
    );
}

mod cases;
mod code_tree;
mod mapping;
mod on_actix;
mod on_axum;

use cases::{actix_cases, axum_cases};
