//! `all_errors_as` through real servers: the error responses a framework makes by itself (no
//! route, wrong method, a body over the limit, its own JSON rejections, a bare status from a
//! handler) come back in the API's envelope, with the code `Rejection::from_status` gives,
//! the status's reason phrase as the message, the other headers of the replaced response and
//! `x-request-id`; everything else (HTML, JSON a handler wrote, successes, errors the app
//! rendered through the derive) comes back untouched; and without `all_errors_as` the
//! framework's own answers stay as they were.
//!
//! Every check runs against axum (`ErrorContextLayer`) and actix-web (`ErrorContext`), each in
//! two envelopes: the default `ErrorObject` and `Problem`. Every expected body is written out by
//! hand from the envelope rules (`runtime/src/envelope/error_object.rs`, `problem.rs`); a
//! `negotiate` type is checked in the three envelopes `Accept` can pick.
//!
//! A replaced response drops the headers that described its old body (`Content-Encoding`…)
//! and adds its `Vary` to the answer's own.

mod servers;

use std::collections::BTreeSet;

use apierror::ApiError;
use reqwest::Method;
use servers::{client, ActixServer, AxumServer, Received};

// ---------------------------------------------------------------------------------------------
// The errors
// ---------------------------------------------------------------------------------------------

/// The same error type in a given envelope: a derived 404 with a detail and a derived 503 with
/// a delay, which the middleware must leave as the derive made them.
macro_rules! app_error {
    ($(#[$doc:meta] $name:ident $(($($key:tt)*))?;)+) => {$(
        #[$doc]
        #[derive(Debug, thiserror::Error, ApiError)]
        $(#[api($($key)*)])?
        enum $name {
            #[error("user {id} not found")]
            #[api(status = 404)] // USER_NOT_FOUND
            UserNotFound {
                #[api(detail)]
                id: u64,
            },
            #[error("maintenance (password=hunter2)")]
            #[api(status = 503, code = "MAINTENANCE", retry_after = 120)]
            Maintenance,
        }
    )+};
}

app_error! {
    /// The default envelope, `ErrorObject`.
    ObjectError;
    /// RFC 9457 problem details.
    ProblemError(envelope = apierror::envelope::Problem);
    /// `negotiate`: `Accept` picks Problem or JSON:API, else `ErrorObject`; `Vary: Accept`.
    NegotiatedError(negotiate);
}

/// The two derived errors the `/derived/*` routes return, for routes generic over the type.
trait Derived: Send + 'static {
    fn user_not_found() -> Self;
    fn maintenance() -> Self;
}

impl Derived for ObjectError {
    fn user_not_found() -> Self {
        ObjectError::UserNotFound { id: 7 }
    }
    fn maintenance() -> Self {
        ObjectError::Maintenance
    }
}

impl Derived for NegotiatedError {
    fn user_not_found() -> Self {
        NegotiatedError::UserNotFound { id: 7 }
    }
    fn maintenance() -> Self {
        NegotiatedError::Maintenance
    }
}

impl Derived for ProblemError {
    fn user_not_found() -> Self {
        ProblemError::UserNotFound { id: 7 }
    }
    fn maintenance() -> Self {
        ProblemError::Maintenance
    }
}

/// A JSON body over the 16-byte limit of both servers.
const BIG_JSON: &str = r#"{"name":"abcdefghijklmnopqrstuvwxyz"}"#;

// ---------------------------------------------------------------------------------------------
// The routes
// ---------------------------------------------------------------------------------------------

/// The same routes on axum, with its own `axum::Json` and `DefaultBodyLimit`.
mod axum_app {
    use super::Derived;
    use axum::extract::DefaultBodyLimit;
    use axum::http::{header, StatusCode};
    use axum::response::{AppendHeaders, Html, IntoResponse};
    use axum::routing::{get, post};
    use axum::{Json, Router};

    async fn echo(Json(value): Json<serde_json::Value>) -> Json<serde_json::Value> {
        Json(value)
    }

    async fn derived_404<E: Derived + IntoResponse>() -> Result<&'static str, E> {
        Err(E::user_not_found())
    }

    async fn derived_503<E: Derived + IntoResponse>() -> Result<&'static str, E> {
        Err(E::maintenance())
    }

    pub fn routes<E: Derived + IntoResponse>() -> Router {
        Router::new()
            .route("/users", get(|| async { "ada" }))
            .route("/json", post(echo))
            .route("/teapot", get(|| async { StatusCode::IM_A_TEAPOT }))
            .route(
                "/unavailable",
                get(|| async { StatusCode::SERVICE_UNAVAILABLE }),
            )
            .route(
                "/down",
                get(|| async {
                    (
                        StatusCode::SERVICE_UNAVAILABLE,
                        [(header::RETRY_AFTER, "30")],
                        "db password=hunter2",
                    )
                }),
            )
            .route(
                "/cookies",
                get(|| async {
                    (
                        StatusCode::UNAUTHORIZED,
                        AppendHeaders([(header::SET_COOKIE, "a=1"), (header::SET_COOKIE, "b=2")]),
                    )
                }),
            )
            .route(
                "/vary",
                get(|| async { (StatusCode::NOT_FOUND, [(header::VARY, "origin")]) }),
            )
            .route(
                "/encoded",
                get(|| async {
                    (
                        StatusCode::BAD_REQUEST,
                        [(header::CONTENT_ENCODING, "gzip")],
                        "(as if gzip-compressed by a layer inside)",
                    )
                }),
            )
            .route(
                "/html",
                get(|| async { (StatusCode::NOT_FOUND, Html("<h1>no page here</h1>")) }),
            )
            .route(
                "/conflict",
                get(|| async {
                    (
                        StatusCode::CONFLICT,
                        [(header::CONTENT_TYPE, "application/json")],
                        r#"{"mine":true}"#,
                    )
                }),
            )
            .route("/derived/404", get(derived_404::<E>))
            .route("/derived/503", get(derived_503::<E>))
            .layer(DefaultBodyLimit::max(16))
    }
}

/// The same routes on actix-web, with its own `web::Json` and `JsonConfig` (no apierror
/// config).
mod actix_app {
    use super::Derived;
    use actix_web::http::StatusCode;
    use actix_web::{web, HttpResponse, ResponseError};

    async fn users() -> &'static str {
        "ada"
    }

    async fn echo(body: web::Json<serde_json::Value>) -> web::Json<serde_json::Value> {
        body
    }

    async fn teapot() -> HttpResponse {
        HttpResponse::new(StatusCode::IM_A_TEAPOT)
    }

    async fn unavailable() -> HttpResponse {
        HttpResponse::ServiceUnavailable().finish()
    }

    async fn down() -> HttpResponse {
        HttpResponse::ServiceUnavailable()
            .insert_header(("retry-after", "30"))
            .content_type("text/plain; charset=utf-8")
            .body("db password=hunter2")
    }

    async fn cookies() -> HttpResponse {
        HttpResponse::Unauthorized()
            .append_header(("set-cookie", "a=1"))
            .append_header(("set-cookie", "b=2"))
            .finish()
    }

    async fn vary() -> HttpResponse {
        HttpResponse::NotFound()
            .insert_header(("vary", "origin"))
            .finish()
    }

    async fn encoded() -> HttpResponse {
        HttpResponse::BadRequest()
            .insert_header(("content-encoding", "gzip"))
            .content_type("text/plain; charset=utf-8")
            .body("(as if gzip-compressed by a middleware inside)")
    }

    async fn html() -> HttpResponse {
        HttpResponse::NotFound()
            .content_type("text/html; charset=utf-8")
            .body("<h1>no page here</h1>")
    }

    async fn conflict() -> HttpResponse {
        HttpResponse::Conflict()
            .content_type("application/json")
            .body(r#"{"mine":true}"#)
    }

    async fn derived_404<E: Derived + ResponseError>() -> Result<&'static str, E> {
        Err(E::user_not_found())
    }

    async fn derived_503<E: Derived + ResponseError>() -> Result<&'static str, E> {
        Err(E::maintenance())
    }

    /// `web::resource(...).route(...)`, not `App::route`: the latter guards the whole resource
    /// by the method, so a wrong method finds no resource (404) instead of a 405.
    pub fn routes<E: Derived + ResponseError>(config: &mut web::ServiceConfig) {
        config
            .app_data(web::JsonConfig::default().limit(16))
            .service(web::resource("/users").route(web::get().to(users)))
            .service(web::resource("/json").route(web::post().to(echo)))
            .service(web::resource("/teapot").route(web::get().to(teapot)))
            .service(web::resource("/unavailable").route(web::get().to(unavailable)))
            .service(web::resource("/down").route(web::get().to(down)))
            .service(web::resource("/cookies").route(web::get().to(cookies)))
            .service(web::resource("/vary").route(web::get().to(vary)))
            .service(web::resource("/encoded").route(web::get().to(encoded)))
            .service(web::resource("/html").route(web::get().to(html)))
            .service(web::resource("/conflict").route(web::get().to(conflict)))
            .service(web::resource("/derived/404").route(web::get().to(derived_404::<E>)))
            .service(web::resource("/derived/503").route(web::get().to(derived_503::<E>)));
    }
}

// ---------------------------------------------------------------------------------------------
// The servers
// ---------------------------------------------------------------------------------------------

mod axum_servers {
    use super::{axum_app, AxumServer, NegotiatedError, ObjectError, ProblemError};
    use apierror::axum::ErrorContextLayer;

    pub async fn object() -> AxumServer {
        let app = axum_app::routes::<ObjectError>()
            .layer(ErrorContextLayer::new().all_errors_as::<ObjectError>());
        AxumServer::start(app).await
    }

    pub async fn problem() -> AxumServer {
        let app = axum_app::routes::<ProblemError>()
            .layer(ErrorContextLayer::new().all_errors_as::<ProblemError>());
        AxumServer::start(app).await
    }

    pub async fn negotiated() -> AxumServer {
        let app = axum_app::routes::<NegotiatedError>()
            .layer(ErrorContextLayer::new().all_errors_as::<NegotiatedError>());
        AxumServer::start(app).await
    }

    pub async fn plain() -> AxumServer {
        AxumServer::start(axum_app::routes::<ObjectError>().layer(ErrorContextLayer::new())).await
    }
}

mod actix_servers {
    use super::{actix_app, ActixServer, NegotiatedError, ObjectError, ProblemError};
    use apierror::actix::ErrorContext;

    pub fn object() -> ActixServer {
        ActixServer::start(|| {
            actix_web::App::new()
                .configure(actix_app::routes::<ObjectError>)
                .wrap(ErrorContext::new().all_errors_as::<ObjectError>())
        })
    }

    pub fn problem() -> ActixServer {
        ActixServer::start(|| {
            actix_web::App::new()
                .configure(actix_app::routes::<ProblemError>)
                .wrap(ErrorContext::new().all_errors_as::<ProblemError>())
        })
    }

    pub fn negotiated() -> ActixServer {
        ActixServer::start(|| {
            actix_web::App::new()
                .configure(actix_app::routes::<NegotiatedError>)
                .wrap(ErrorContext::new().all_errors_as::<NegotiatedError>())
        })
    }

    pub fn plain() -> ActixServer {
        ActixServer::start(|| {
            actix_web::App::new()
                .configure(actix_app::routes::<ObjectError>)
                .wrap(ErrorContext::new())
        })
    }
}

// ---------------------------------------------------------------------------------------------
// Requests
// ---------------------------------------------------------------------------------------------

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Framework {
    Axum,
    Actix,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Envelope {
    Object,
    Problem,
}

impl Envelope {
    fn content_type(self) -> &'static str {
        match self {
            Envelope::Object => "application/json",
            Envelope::Problem => "application/problem+json",
        }
    }
}

/// One request to send.
#[derive(Clone, Copy, Debug)]
struct Req {
    method: &'static str,
    path: &'static str,
    content_type: Option<&'static str>,
    body: Option<&'static str>,
    id: Option<&'static str>,
    accept: Option<&'static str>,
}

impl Req {
    const fn get(path: &'static str) -> Self {
        Req {
            method: "GET",
            path,
            content_type: None,
            body: None,
            id: Some("req-7"),
            accept: None,
        }
    }

    const fn post(
        path: &'static str,
        content_type: Option<&'static str>,
        body: &'static str,
    ) -> Self {
        Req {
            method: "POST",
            path,
            content_type,
            body: Some(body),
            id: Some("req-7"),
            accept: None,
        }
    }

    const fn without_id(self) -> Self {
        Req { id: None, ..self }
    }

    const fn accept(self, accept: &'static str) -> Self {
        Req {
            accept: Some(accept),
            ..self
        }
    }
}

/// Every header name but the transport's: `date`, which the servers add to every response,
/// and `connection`, which actix-web sets to `close` when it answers without reading the
/// request body (the 413), with or without the middleware.
fn header_names(response: &Received) -> BTreeSet<&str> {
    response
        .headers
        .iter()
        .map(|(n, _)| n.as_str())
        .filter(|n| *n != "date" && *n != "connection")
        .collect()
}

async fn send(client: &reqwest::Client, base: &str, send: Req) -> Received {
    let method = Method::from_bytes(send.method.as_bytes()).expect("a method");
    let mut request = client.request(method, format!("{base}{}", send.path));
    if let Some(content_type) = send.content_type {
        request = request.header("content-type", content_type);
    }
    if let Some(body) = send.body {
        request = request.body(body);
    }
    if let Some(id) = send.id {
        request = request.header("x-request-id", id);
    }
    if let Some(accept) = send.accept {
        request = request.header("accept", accept);
    }
    Received::of(request).await
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

/// `names` as a set, for comparing with [`header_names`].
fn names<'a>(names: &[&'a str]) -> BTreeSet<&'a str> {
    names.iter().copied().collect()
}

// ---------------------------------------------------------------------------------------------
// Framework errors: answered in the envelope
// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------
// Everything else: left as it was
// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------
// Without all_errors_as
// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------
// A negotiated type
// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------
// Headers of the old body, and `Vary`
// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------
// The tests
// ---------------------------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn axum_error_object_answers_framework_errors() {
    let server = axum_servers::object().await;
    check_replaced(Framework::Axum, Envelope::Object, &server.base()).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn axum_problem_answers_framework_errors() {
    let server = axum_servers::problem().await;
    check_replaced(Framework::Axum, Envelope::Problem, &server.base()).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn axum_leaves_other_responses_alone() {
    let server = axum_servers::object().await;
    check_untouched(Framework::Axum, Envelope::Object, &server.base()).await;
    let server = axum_servers::problem().await;
    check_untouched(Framework::Axum, Envelope::Problem, &server.base()).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn axum_without_all_errors_as_keeps_framework_errors() {
    let server = axum_servers::plain().await;
    check_plain(Framework::Axum, &server.base()).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn actix_error_object_answers_framework_errors() {
    let server = actix_servers::object();
    check_replaced(Framework::Actix, Envelope::Object, &server.base()).await;
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn actix_problem_answers_framework_errors() {
    let server = actix_servers::problem();
    check_replaced(Framework::Actix, Envelope::Problem, &server.base()).await;
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn actix_leaves_other_responses_alone() {
    let server = actix_servers::object();
    check_untouched(Framework::Actix, Envelope::Object, &server.base()).await;
    server.stop().await;
    let server = actix_servers::problem();
    check_untouched(Framework::Actix, Envelope::Problem, &server.base()).await;
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn actix_without_all_errors_as_keeps_framework_errors() {
    let server = actix_servers::plain();
    check_plain(Framework::Actix, &server.base()).await;
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn negotiated_framework_errors_follow_accept() {
    let server = axum_servers::negotiated().await;
    check_negotiated(Framework::Axum, &server.base()).await;
    let server = actix_servers::negotiated();
    check_negotiated(Framework::Actix, &server.base()).await;
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_replaced_response_drops_the_content_encoding_of_its_old_body() {
    let axum = axum_servers::object().await;
    let actix = actix_servers::object();
    let mut failures = content_encoding_failures(Framework::Axum, &axum.base()).await;
    failures.extend(content_encoding_failures(Framework::Actix, &actix.base()).await);
    actix.stop().await;
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_negotiated_answer_keeps_the_replaced_response_s_vary() {
    let axum = axum_servers::negotiated().await;
    let actix = actix_servers::negotiated();
    let mut failures = vary_failures(Framework::Axum, &axum.base()).await;
    failures.extend(vary_failures(Framework::Actix, &actix.base()).await);
    actix.stop().await;
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
