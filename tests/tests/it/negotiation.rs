//! Content negotiation through real servers: a type deriving with `#[api(negotiate)]` answers in
//! `Problem` or `JsonApi` when the request's `Accept` prefers them, with `Vary: Accept`; a type
//! without it, or any type without the request-context middleware, ignores `Accept`.

use crate::servers;

use std::time::Duration;

use apierror::ApiError;
use servers::{ActixServer, AxumServer};

// ---------------------------------------------------------------------------------------------
// The errors and the routes
// ---------------------------------------------------------------------------------------------

/// Negotiated, own envelope `ErrorObject` (`application/json`).
#[derive(Debug, thiserror::Error, ApiError)]
#[api(negotiate)]
enum Negotiated {
    #[error("user {id} not found")]
    #[api(status = 404, code = "USER_NOT_FOUND")]
    NotFound {
        #[api(detail)]
        id: u64,
    },
    #[error("database down: password=hunter2")]
    #[api(status = 500, code = "INTERNAL_ERROR")]
    Internal,
}

/// The same error without `negotiate`.
#[derive(Debug, thiserror::Error, ApiError)]
#[error("user {id} not found")]
#[api(status = 404, code = "USER_NOT_FOUND")]
struct Plain {
    #[api(detail)]
    id: u64,
}

/// Negotiated, own envelope `Problem`.
#[derive(Debug, thiserror::Error, ApiError)]
#[api(negotiate, envelope = apierror::envelope::Problem)]
#[error("user {id} not found")]
#[api(status = 404, code = "USER_NOT_FOUND")]
struct OwnProblem {
    #[api(detail)]
    id: u64,
}

mod axum_app {
    use super::*;
    use axum::routing::get;
    use axum::Router;

    pub fn routes() -> Router {
        Router::new()
            .route(
                "/negotiated/404",
                get(|| async { Err::<(), _>(Negotiated::NotFound { id: 7 }) }),
            )
            .route(
                "/negotiated/500",
                get(|| async { Err::<(), _>(Negotiated::Internal) }),
            )
            .route("/plain", get(|| async { Err::<(), _>(Plain { id: 7 }) }))
            .route(
                "/own-problem",
                get(|| async { Err::<(), _>(OwnProblem { id: 7 }) }),
            )
    }
}

mod actix_app {
    use super::*;
    use actix_web::web;

    async fn not_found() -> Result<&'static str, Negotiated> {
        Err(Negotiated::NotFound { id: 7 })
    }

    async fn internal() -> Result<&'static str, Negotiated> {
        Err(Negotiated::Internal)
    }

    async fn plain() -> Result<&'static str, Plain> {
        Err(Plain { id: 7 })
    }

    async fn own_problem() -> Result<&'static str, OwnProblem> {
        Err(OwnProblem { id: 7 })
    }

    pub fn routes(config: &mut web::ServiceConfig) {
        config
            .route("/negotiated/404", web::get().to(not_found))
            .route("/negotiated/500", web::get().to(internal))
            .route("/plain", web::get().to(plain))
            .route("/own-problem", web::get().to(own_problem));
    }
}

// ---------------------------------------------------------------------------------------------
// Servers and requests
// ---------------------------------------------------------------------------------------------

type Addr = std::net::SocketAddr;

/// One response as received.
#[derive(Debug)]
struct Received {
    status: u16,
    content_type: Option<String>,
    vary: Vec<String>,
    body: String,
}

/// `GET path` with `x-request-id: neg-1` and one `Accept` line per element of `accept`.
async fn get(client: &reqwest::Client, addr: Addr, path: &str, accept: &[&str]) -> Received {
    let mut request = client
        .get(format!("http://{addr}{path}"))
        .header("x-request-id", "neg-1");
    for value in accept {
        request = request.header("accept", *value);
    }
    let response = request.send().await.expect("request");
    let status = response.status().as_u16();
    let text = |value: &reqwest::header::HeaderValue| value.to_str().expect("ASCII").to_owned();
    let content_type = response.headers().get("content-type").map(text);
    let vary = response
        .headers()
        .get_all("vary")
        .iter()
        .map(text)
        .collect();
    let body = response.text().await.expect("body");
    Received {
        status,
        content_type,
        vary,
        body,
    }
}

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .no_proxy()
        .timeout(Duration::from_secs(30))
        .build()
        .expect("reqwest client")
}

// ---------------------------------------------------------------------------------------------
// Expected responses
// ---------------------------------------------------------------------------------------------

#[derive(Clone, Copy, Debug, PartialEq)]
enum Shape {
    ErrorObject,
    Problem,
    JsonApi,
}

impl Shape {
    fn content_type(self) -> &'static str {
        match self {
            Shape::ErrorObject => "application/json",
            Shape::Problem => "application/problem+json",
            Shape::JsonApi => "application/vnd.api+json",
        }
    }

    /// The body of `NotFound { id: 7 }` at `path`; `context` when the middleware ran.
    fn not_found(self, path: &str, context: bool) -> String {
        match (self, context) {
            (Shape::ErrorObject, _) => {
                r#"{"error":{"code":"USER_NOT_FOUND","message":"user 7 not found","details":{"id":7}}}"#.to_owned()
            }
            (Shape::Problem, true) => format!(
                r#"{{"type":"about:blank","title":"Not Found","status":404,"detail":"user 7 not found","instance":"{path}","code":"USER_NOT_FOUND","id":7}}"#
            ),
            (Shape::Problem, false) => {
                r#"{"type":"about:blank","title":"Not Found","status":404,"detail":"user 7 not found","code":"USER_NOT_FOUND","id":7}"#.to_owned()
            }
            (Shape::JsonApi, _) => {
                r#"{"errors":[{"id":"neg-1","status":"404","code":"USER_NOT_FOUND","title":"Not Found","detail":"user 7 not found","meta":{"id":7}}]}"#.to_owned()
            }
        }
    }

    /// The body of `Internal` at `/negotiated/500`, behind the middleware.
    fn internal(self) -> &'static str {
        match self {
            Shape::ErrorObject => {
                r#"{"error":{"code":"INTERNAL_ERROR","message":"Internal Server Error","details":{"request_id":"neg-1"}}}"#
            }
            Shape::Problem => {
                r#"{"type":"about:blank","title":"Internal Server Error","status":500,"detail":"Internal Server Error","instance":"/negotiated/500","code":"INTERNAL_ERROR"}"#
            }
            Shape::JsonApi => {
                r#"{"errors":[{"id":"neg-1","status":"500","code":"INTERNAL_ERROR","title":"Internal Server Error","detail":"Internal Server Error"}]}"#
            }
        }
    }
}

/// `Accept` lines and the envelope a type whose own envelope is `ErrorObject` answers in.
const CASES: &[(&[&str], Shape)] = &[
    (&[], Shape::ErrorObject),
    (&["application/problem+json"], Shape::Problem),
    (&["application/vnd.api+json"], Shape::JsonApi),
    (&["application/json"], Shape::ErrorObject),
    (&["*/*"], Shape::ErrorObject),
    (&["application/*"], Shape::ErrorObject),
    (&["text/html"], Shape::ErrorObject),
    (&[""], Shape::ErrorObject),
    // q-values: the highest wins; q=0 is "not acceptable".
    (
        &["application/problem+json;q=0.5, application/json"],
        Shape::ErrorObject,
    ),
    (
        &["application/json;q=0.5, application/problem+json"],
        Shape::Problem,
    ),
    (
        &["application/json; q=0.5, application/problem+json; q=0.501"],
        Shape::Problem,
    ),
    (&["application/problem+json;q=0, */*"], Shape::ErrorObject),
    (&["application/problem+json;q=0"], Shape::ErrorObject),
    (
        &["application/vnd.api+json, application/problem+json;q=0.9"],
        Shape::JsonApi,
    ),
    // Equal q: exact beats type/* beats */*.
    (
        &["application/*;q=0.8, application/problem+json;q=0.8"],
        Shape::Problem,
    ),
    (
        &["*/*;q=0.8, application/vnd.api+json;q=0.8"],
        Shape::JsonApi,
    ),
    (&["*/*, application/vnd.api+json;q=0.8"], Shape::ErrorObject),
    // Remaining ties keep the own envelope (and between the two others, Problem).
    (
        &["application/problem+json, application/json"],
        Shape::ErrorObject,
    ),
    (
        &["application/problem+json, application/vnd.api+json"],
        Shape::Problem,
    ),
    // Case, parameters, several lines, malformed ranges.
    (&["APPLICATION/Problem+JSON; charset=utf-8"], Shape::Problem),
    (&["text/html", "application/vnd.api+json"], Shape::JsonApi),
    (
        &["application/problem+json;q=abc, application/vnd.api+json;q=0.1"],
        Shape::JsonApi,
    ),
    (&["application/problem+json;q=2"], Shape::ErrorObject),
];

// ---------------------------------------------------------------------------------------------
// The checks
// ---------------------------------------------------------------------------------------------

async fn check_with_middleware(framework: &str, addr: Addr) {
    let client = client();
    for (accept, shape) in CASES {
        let context = format!("[{framework}] Accept {accept:?}");
        let response = get(&client, addr, "/negotiated/404", accept).await;
        assert_eq!(response.status, 404, "{context}");
        assert_eq!(
            response.content_type.as_deref(),
            Some(shape.content_type()),
            "{context}"
        );
        assert_eq!(response.vary, ["Accept"], "{context}");
        assert_eq!(
            response.body,
            shape.not_found("/negotiated/404", true),
            "{context}"
        );

        let response = get(&client, addr, "/negotiated/500", accept).await;
        assert_eq!(response.status, 500, "{context}");
        assert_eq!(
            response.content_type.as_deref(),
            Some(shape.content_type()),
            "{context}"
        );
        assert_eq!(response.vary, ["Accept"], "{context}");
        assert_eq!(response.body, shape.internal(), "{context}");
        assert!(!response.body.contains("hunter2"), "{context}");

        // Without `negotiate`, Accept changes nothing and there is no Vary.
        let response = get(&client, addr, "/plain", accept).await;
        assert_eq!(
            response.content_type.as_deref(),
            Some("application/json"),
            "{context}"
        );
        assert!(response.vary.is_empty(), "{context}");
        assert_eq!(
            response.body,
            Shape::ErrorObject.not_found("/plain", true),
            "{context}"
        );
    }

    // A type whose own envelope is Problem: JSON:API on request, else its own.
    for (accept, shape) in [
        (&[][..], Shape::Problem),
        (&["application/problem+json"][..], Shape::Problem),
        (&["application/json"][..], Shape::Problem),
        (&["application/vnd.api+json"][..], Shape::JsonApi),
        (
            &["application/vnd.api+json;q=0.5, application/*"][..],
            Shape::Problem,
        ),
        (
            &["application/problem+json;q=0.5, application/vnd.api+json"][..],
            Shape::JsonApi,
        ),
    ] {
        let context = format!("[{framework}] own Problem, Accept {accept:?}");
        let response = get(&client, addr, "/own-problem", accept).await;
        assert_eq!(
            response.content_type.as_deref(),
            Some(shape.content_type()),
            "{context}"
        );
        assert_eq!(response.vary, ["Accept"], "{context}");
        assert_eq!(
            response.body,
            shape.not_found("/own-problem", true),
            "{context}"
        );
    }
}

/// Without the middleware the glue does not see the request: no negotiation, no Vary.
async fn check_without_middleware(framework: &str, addr: Addr) {
    let client = client();
    for accept in [
        &[][..],
        &["application/problem+json"][..],
        &["application/vnd.api+json"][..],
    ] {
        let context = format!("[{framework}, no middleware] Accept {accept:?}");
        let response = get(&client, addr, "/negotiated/404", accept).await;
        assert_eq!(
            response.content_type.as_deref(),
            Some("application/json"),
            "{context}"
        );
        assert!(response.vary.is_empty(), "{context}");
        assert_eq!(
            response.body,
            Shape::ErrorObject.not_found("", false),
            "{context}"
        );

        let response = get(&client, addr, "/own-problem", accept).await;
        assert_eq!(
            response.content_type.as_deref(),
            Some("application/problem+json"),
            "{context}"
        );
        assert!(response.vary.is_empty(), "{context}");
        assert_eq!(
            response.body,
            Shape::Problem.not_found("", false),
            "{context}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn axum_negotiation() {
    let server =
        AxumServer::start(axum_app::routes().layer(apierror::axum::ErrorContextLayer::new())).await;
    check_with_middleware("axum", server.addr).await;
    let without = AxumServer::start(axum_app::routes()).await;
    check_without_middleware("axum", without.addr).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn actix_negotiation() {
    let server = ActixServer::start(|| {
        actix_web::App::new()
            .configure(actix_app::routes)
            .wrap(apierror::actix::ErrorContext::new())
    });
    check_with_middleware("actix-web", server.addr).await;
    server.stop().await;
    let without = ActixServer::start(|| actix_web::App::new().configure(actix_app::routes));
    check_without_middleware("actix-web", without.addr).await;
    without.stop().await;
}
