//! A type's own variants, `server_fn`'s failures, and what the client cannot decode, through real
//! server functions: statuses and bytes as the spec (`tests/vectors/ENVELOPES.md`, ErrorObject)
//! says, decoded back to the same value, and never a panic.

use apierror::server_fn::{Failure, ServerFnErrorErr};
use apierror::ApiError as _;
use axum::http::StatusCode;
use server_fn::error::FromServerFnError as _;
use server_fn::ServerFn as _;

use super::{base, case, post_raw, server_fn, vectors};
use crate::support::{compare, unix_nanos_now};

/// A `Display` that panics: rendering must answer the plain 500 all the same.
#[derive(Debug, PartialEq)]
pub struct Boom;

impl std::fmt::Display for Boom {
    fn fmt(&self, _: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        panic!("display exploded")
    }
}

#[derive(Debug, PartialEq, thiserror::Error, apierror::ApiError)]
pub enum AppError {
    #[error("user {id} not found")]
    #[api(status = 404)]
    UserNotFound {
        #[api(detail)]
        id: u64,
    },
    #[error("slow down")]
    #[api(status = 429, code = "RATE_LIMITED")]
    RateLimited {
        #[api(retry_after)]
        wait: u64,
    },
    #[error("{0}")]
    #[api(status = 422)]
    Exploding(Boom),
    #[error(transparent)]
    #[api(server_fn)]
    ServerFn(#[from] Failure),
}

/// The same API, one release later: a code `AppError` does not know.
#[derive(Debug, thiserror::Error, apierror::ApiError)]
pub enum NewerError {
    #[error("account frozen")]
    #[api(status = 423)]
    AccountFrozen,
    #[error(transparent)]
    #[api(server_fn)]
    ServerFn(#[from] Failure),
}

server_fn!(
    /// Fails with the case it is given; `"ok"` succeeds.
    Fail at "/api/app/fail",
    AppError,
    |input| match input.case.as_str() {
        "ok" => Ok("fine".to_owned()),
        "user_not_found" => Err(AppError::UserNotFound { id: 7 }),
        "rate_limited" => Err(AppError::RateLimited { wait: 5 }),
        _ => Err(AppError::Exploding(Boom)),
    }
);

server_fn!(
    /// The newer server's function.
    NewerFail at "/api/versions/fail",
    NewerError,
    |_input| Err(NewerError::AccountFrozen)
);

server_fn!(
    /// The older client's view of the same function: not registered on the server.
    OldFail at "/api/versions/fail",
    AppError,
    |_input| unreachable!("client only")
);

server_fn!(
    /// A route answering garbage as its error (a proxy's page, a broken server).
    Garbage at "/raw/garbage",
    AppError,
    |_input| unreachable!("client only")
);

server_fn!(
    /// A function on a port nothing listens on: the URL's user info swallows the server's
    /// address, so the request goes to 127.0.0.1:1 and never reaches a server.
    Unreachable at "@127.0.0.1:1/api/unreachable",
    AppError,
    |_input| unreachable!("client only")
);

/// A generic type with the key: its impls pass the type's parameters through.
#[derive(Debug, thiserror::Error, apierror::ApiError)]
pub enum Generic<T: serde::Serialize + serde::de::DeserializeOwned + std::fmt::Debug> {
    #[error("{id:?} not found")]
    #[api(status = 404)]
    NotFound {
        #[api(detail)]
        id: T,
    },
    #[error(transparent)]
    #[api(server_fn)]
    ServerFn(Failure),
}

#[test]
fn a_generic_type_round_trips() {
    let body = Generic::NotFound { id: 7_u32 }.ser();
    assert_eq!(
        body,
        r#"{"error":{"code":"NOT_FOUND","message":"7 not found","details":{"id":7}}}"#
    );
    let Generic::<u32>::NotFound { id } = Generic::de(body) else {
        panic!("not decoded");
    };
    assert_eq!(id, 7);
}

pub fn register() {
    server_fn::axum::register_explicit::<Fail>();
    server_fn::axum::register_explicit::<NewerFail>();
}

/// The garbage route: 500, bytes that are no JSON, no content type.
pub async fn garbage() -> (StatusCode, &'static [u8]) {
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        b"\xff\xfe<html>\x00 not {json",
    )
}

#[tokio::test]
async fn own_variants_answer_with_their_status_headers_and_bytes() {
    // ENVELOPES.md, ErrorObject: `{"error":{"code","message","details"}}`, a known delay as
    // `Retry-After` in whole seconds and `details.retry_after`.
    let received = post_raw("/api/app/fail", r#"{"case":"user_not_found"}"#).await;
    assert_eq!(received.status, 404);
    assert_eq!(
        String::from_utf8_lossy(&received.body),
        r#"{"error":{"code":"USER_NOT_FOUND","message":"user 7 not found","details":{"id":7}}}"#
    );
    let headers: Vec<_> = received.headers.iter().map(|(n, _)| n.as_str()).collect();
    assert!(headers.contains(&"content-type"), "{headers:?}");
    assert!(!headers.contains(&"retry-after"), "{headers:?}");

    let received = post_raw("/api/app/fail", r#"{"case":"rate_limited"}"#).await;
    assert_eq!(received.status, 429);
    let header = |name: &str| {
        received
            .headers
            .iter()
            .filter(|(n, _)| n == name)
            .map(|(_, v)| String::from_utf8_lossy(v).into_owned())
            .collect::<Vec<_>>()
    };
    assert_eq!(header("retry-after"), ["5"]);
    assert_eq!(header("content-type"), ["application/json"]);
    assert_eq!(
        String::from_utf8_lossy(&received.body),
        r#"{"error":{"code":"RATE_LIMITED","message":"slow down","details":{"retry_after":5}}}"#
    );
}

#[tokio::test]
async fn the_client_decodes_own_variants_to_the_same_value() {
    base();
    assert_eq!(Fail::new("ok").run_on_client().await, Ok("fine".to_owned()));
    assert_eq!(
        Fail::new("user_not_found").run_on_client().await,
        Err(AppError::UserNotFound { id: 7 })
    );
    assert_eq!(
        Fail::new("rate_limited").run_on_client().await,
        Err(AppError::RateLimited { wait: 5 })
    );
}

#[tokio::test]
async fn a_panicking_display_answers_the_well_formed_500() {
    let file = vectors("ErrorObject");
    let received = post_raw("/api/app/fail", r#"{"case":"exploding"}"#).await;
    if let Err(problems) = compare(case(&file, "internal"), &received, unix_nanos_now()) {
        panic!("{problems}");
    }
    let error = Fail::new("exploding").run_on_client().await.unwrap_err();
    let AppError::ServerFn(Failure::Response(response)) = &error else {
        panic!("{error:?}");
    };
    assert_eq!(response.code(), Some("INTERNAL_ERROR"));
}

#[tokio::test]
async fn arguments_that_do_not_deserialize_are_a_400_in_the_envelope() {
    let received = post_raw("/api/app/fail", r#"{"case":5}"#).await;
    assert_eq!(received.status, 400);
    let body: serde_json::Value = serde_json::from_slice(&received.body).expect("JSON");
    assert_eq!(body["error"]["code"], "SERVER_FN_INVALID_ARGUMENTS");
    let message = body["error"]["message"].as_str().expect("a message");
    assert!(
        message.starts_with("error deserializing server function arguments: invalid type"),
        "{message}"
    );
    // The client rebuilds server_fn's failure, its explanation not doubled.
    let error = AppError::de(received.body.into());
    let AppError::ServerFn(Failure::ServerFn(ServerFnErrorErr::Args(text))) = &error else {
        panic!("{error:?}");
    };
    assert!(text.starts_with("invalid type"), "{text}");
    assert_eq!(error.status(), 400);
}

#[tokio::test]
async fn an_unknown_code_comes_back_untyped() {
    let received = post_raw("/api/versions/fail", r#"{"case":"x"}"#).await;
    assert_eq!(received.status, 423);
    let error = OldFail::new("x").run_on_client().await.unwrap_err();
    let AppError::ServerFn(Failure::Response(response)) = &error else {
        panic!("{error:?}");
    };
    assert_eq!(response.code(), Some("ACCOUNT_FROZEN"));
    assert_eq!(response.message(), Some("account frozen"));
    assert_eq!(error.code(), "SERVER_FN_UNKNOWN_ERROR");
    assert_eq!(error.status(), 502);
}

#[tokio::test]
async fn garbage_bytes_come_back_untyped() {
    base();
    let error = Garbage::new("x").run_on_client().await.unwrap_err();
    let AppError::ServerFn(Failure::Response(response)) = &error else {
        panic!("{error:?}");
    };
    assert_eq!(response.code(), None);
    assert_eq!(response.body(), b"\xff\xfe<html>\x00 not {json");
    // Any bytes at all: never a panic.
    for bytes in [
        &b""[..],
        b"{",
        b"null",
        b"[1,2]",
        b"{\"error\":{\"code\":7}}",
        b"\xff",
    ] {
        let error = AppError::de(bytes.to_vec().into());
        assert!(
            matches!(error, AppError::ServerFn(Failure::Response(_))),
            "{error:?}"
        );
    }
}

#[tokio::test]
async fn a_request_that_never_reaches_the_server_is_server_fn_s_request_failure() {
    base();
    let error = Unreachable::new("x").run_on_client().await.unwrap_err();
    let AppError::ServerFn(Failure::ServerFn(ServerFnErrorErr::Request(_))) = &error else {
        panic!("{error:?}");
    };
    assert_eq!(error.code(), "SERVER_FN_UNREACHABLE");
    assert_eq!(error.status(), 502);
    assert!(error.retryable());
}

#[tokio::test]
async fn with_the_request_context_layer_errors_carry_the_request_id() {
    base(); // registers the server functions
    let app = axum::Router::new()
        .route(
            "/api/{*fn_name}",
            axum::routing::post(server_fn::axum::handle_server_fn),
        )
        .layer(apierror::server_fn::ErrorStatusLayer::new())
        .layer(apierror::axum::ErrorContextLayer::new());
    let server = crate::servers::AxumServer::start(app).await;
    let response = crate::servers::client()
        .post(format!("{}/api/app/fail", server.base()))
        .header("content-type", "application/json")
        .header("x-request-id", "req-42")
        .body(r#"{"case":"exploding"}"#)
        .send()
        .await
        .expect("a response");
    assert_eq!(response.status(), 500);
    assert_eq!(response.headers()["x-request-id"], "req-42");
    // ENVELOPES.md, ErrorObject: a 5xx shows the request id in its details.
    assert_eq!(
        response.text().await.expect("a body"),
        r#"{"error":{"code":"INTERNAL_ERROR","message":"Internal Server Error","details":{"request_id":"req-42"}}}"#
    );
}

/// 100 concurrent calls, each with its own request id and a case of its own: every response
/// echoes its id and carries its own error's status, headers and body, so neither the request
/// context nor the status slot of one call reaches another.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_calls_keep_their_own_ids_and_statuses() {
    base(); // registers the server functions
    let app = axum::Router::new()
        .route(
            "/api/{*fn_name}",
            axum::routing::post(server_fn::axum::handle_server_fn),
        )
        .layer(apierror::server_fn::ErrorStatusLayer::new())
        .layer(apierror::axum::ErrorContextLayer::new());
    let server = crate::servers::AxumServer::start(app).await;
    let client = crate::servers::client();
    // Each call a task of its own, all in flight together.
    let mut calls = tokio::task::JoinSet::new();
    for i in 0..100 {
        let client = client.clone();
        let url = format!("{}/api/app/fail", server.base());
        calls.spawn(async move {
            let case = ["user_not_found", "rate_limited", "ok"][i % 3];
            let id = format!("call-{i}");
            let response = client
                .post(url)
                .header("content-type", "application/json")
                .header("x-request-id", &id)
                .body(format!(r#"{{"case":"{case}"}}"#))
                .send()
                .await
                .expect("a response");
            let echoed = response.headers()["x-request-id"]
                .to_str()
                .ok()
                .map(str::to_owned);
            let retry_after = response.headers().get("retry-after").cloned();
            let status = response.status().as_u16();
            let body = response.text().await.expect("a body");
            (case, id, echoed, status, retry_after, body)
        });
    }
    let answers = calls.join_all().await;
    assert_eq!(answers.len(), 100);
    for (case, id, echoed, status, retry_after, body) in answers {
        assert_eq!(echoed.as_deref(), Some(id.as_str()), "{id}");
        // ENVELOPES.md, ErrorObject: a 4xx has no request id in its body.
        match case {
            "user_not_found" => {
                assert_eq!(status, 404, "{id}");
                assert!(retry_after.is_none(), "{id}");
                assert_eq!(
                    body,
                    r#"{"error":{"code":"USER_NOT_FOUND","message":"user 7 not found","details":{"id":7}}}"#,
                    "{id}"
                );
            }
            "rate_limited" => {
                assert_eq!(status, 429, "{id}");
                assert_eq!(
                    retry_after.as_ref().map(|v| v.as_bytes()),
                    Some(&b"5"[..]),
                    "{id}"
                );
                assert!(body.contains(r#""code":"RATE_LIMITED""#), "{id}: {body}");
            }
            _ => assert_eq!(status, 200, "{id}"),
        }
    }
}

/// The server_fn glue names everything by absolute path, beside items shadowing the names it
/// uses (as `hygiene.rs` does for the rest of the derive).
mod shadowed {
    #![allow(dead_code)]

    pub struct Result;
    pub struct Option;
    pub struct Some;
    pub struct Box;
    pub struct From;
    pub struct Failure;
    pub struct ServerFnErrorErr;
    pub trait FromServerFnError {}
    pub trait CarriesFailure {}
    pub trait Debug {}
    pub mod core {}
    pub mod server_fn {}

    #[derive(::std::fmt::Debug, ::apierror::ApiError)]
    pub enum Shadowed {
        #[api(status = 404, code = "GONE_ELSEWHERE", message = "gone")]
        Gone,
        #[api(server_fn)]
        ServerFn(::apierror::server_fn::Failure),
    }
}

#[test]
fn the_glue_is_hygienic() {
    let error = <shadowed::Shadowed as ::server_fn::error::FromServerFnError>::from_server_fn_error(
        ServerFnErrorErr::MissingArg("id".to_owned()),
    );
    assert_eq!(error.code(), "SERVER_FN_MISSING_ARGUMENT");
    assert!(matches!(
        shadowed::Shadowed::de(shadowed::Shadowed::Gone.ser()),
        shadowed::Shadowed::Gone
    ));
}
