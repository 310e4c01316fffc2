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

use crate::servers;

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

/// What a server's middleware answers framework errors in: `all_errors_as` one of the types, or
/// nothing (the plain middleware).
#[derive(Clone, Copy, Debug)]
enum Setup {
    Object,
    Problem,
    Negotiated,
    Plain,
}

impl From<Envelope> for Setup {
    fn from(envelope: Envelope) -> Self {
        match envelope {
            Envelope::Object => Setup::Object,
            Envelope::Problem => Setup::Problem,
        }
    }
}

/// A running server of either framework, serving the routes behind the middleware a [`Setup`]
/// names; a table row starts one and stops it.
enum Running {
    Axum(AxumServer),
    Actix(ActixServer),
}

impl Running {
    async fn start(framework: Framework, setup: Setup) -> Self {
        match framework {
            Framework::Axum => Running::Axum(Self::axum(setup).await),
            Framework::Actix => Running::Actix(Self::actix(setup)),
        }
    }

    async fn axum(setup: Setup) -> AxumServer {
        use apierror::axum::ErrorContextLayer;
        let app = match setup {
            Setup::Object => axum_app::routes::<ObjectError>()
                .layer(ErrorContextLayer::new().all_errors_as::<ObjectError>()),
            Setup::Problem => axum_app::routes::<ProblemError>()
                .layer(ErrorContextLayer::new().all_errors_as::<ProblemError>()),
            Setup::Negotiated => axum_app::routes::<NegotiatedError>()
                .layer(ErrorContextLayer::new().all_errors_as::<NegotiatedError>()),
            Setup::Plain => axum_app::routes::<ObjectError>().layer(ErrorContextLayer::new()),
        };
        AxumServer::start(app).await
    }

    fn actix(setup: Setup) -> ActixServer {
        use apierror::actix::ErrorContext;
        match setup {
            Setup::Object => ActixServer::start(|| {
                actix_web::App::new()
                    .configure(actix_app::routes::<ObjectError>)
                    .wrap(ErrorContext::new().all_errors_as::<ObjectError>())
            }),
            Setup::Problem => ActixServer::start(|| {
                actix_web::App::new()
                    .configure(actix_app::routes::<ProblemError>)
                    .wrap(ErrorContext::new().all_errors_as::<ProblemError>())
            }),
            Setup::Negotiated => ActixServer::start(|| {
                actix_web::App::new()
                    .configure(actix_app::routes::<NegotiatedError>)
                    .wrap(ErrorContext::new().all_errors_as::<NegotiatedError>())
            }),
            Setup::Plain => ActixServer::start(|| {
                actix_web::App::new()
                    .configure(actix_app::routes::<ObjectError>)
                    .wrap(ErrorContext::new())
            }),
        }
    }

    fn base(&self) -> String {
        match self {
            Running::Axum(server) => server.base(),
            Running::Actix(server) => server.base(),
        }
    }

    /// Stops an actix-web server and waits for its thread; an axum server's task is aborted
    /// when it drops.
    async fn stop(self) {
        if let Running::Actix(server) = self {
            server.stop().await;
        }
    }
}

/// The rows of the tables: each framework.
const FRAMEWORKS: [Framework; 2] = [Framework::Axum, Framework::Actix];

/// The rows of the tables: each framework in each envelope.
const FRAMEWORKS_AND_ENVELOPES: [(Framework, Envelope); 4] = [
    (Framework::Axum, Envelope::Object),
    (Framework::Axum, Envelope::Problem),
    (Framework::Actix, Envelope::Object),
    (Framework::Actix, Envelope::Problem),
];

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

mod in_envelope;
mod left_alone;
mod negotiated;
mod old_headers;
mod on_poem;
mod plain;
