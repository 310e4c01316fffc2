//! `ErrorContext::all_errors_as` through a real salvo server: the error responses salvo makes by
//! itself (no route, wrong method, `req.parse_json`'s errors, a body over the request's limit,
//! a handler's `StatusError` or bare status) come back in the API's envelope with the code
//! of the parse error's cause or else of the status (`Rejection`'s), the status's reason phrase
//! as the message, the other headers
//! of the replaced response and `x-request-id`; what the application rendered itself is left
//! alone; a panicking `Display` is the well-formed 500 in the same envelope; a `negotiate` type
//! follows `Accept`; and without `all_errors_as` salvo's own answers stay salvo's.
//!
//! Every expected body is written out by hand from the envelope rules
//! (`runtime/src/envelope/error_object.rs`, `problem.rs`), as `crate::framework_errors` does for
//! axum and actix-web.

use std::collections::BTreeSet;
use std::fmt;

use apierror::ApiError;
use reqwest::Method;
use salvo::http::request::SecureMaxSize;
use salvo::http::{header, HeaderValue};
use salvo::prelude::*;

use super::server::SalvoServer;
use crate::servers::{client, Received};

/// A `Display` that panics after writing part of its text.
#[derive(Debug)]
struct Exploding;

impl fmt::Display for Exploding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("LEAK-display-secret")?;
        panic!("display exploded")
    }
}

/// The same error type in a given envelope: a derived 404 with a detail, which the hoop must
/// leave as the derive made it, and a 409 whose message panics.
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
            #[error("conflict: {0}")]
            #[api(status = 409)]
            Panicking(Exploding),
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

/// The errors the `/derived/*` routes return, for routes generic over the type.
trait Derived: Send + Sync + Sized + 'static {
    fn user_not_found() -> Self;
    fn panicking() -> Self;
}

macro_rules! derived {
    ($($name:ident),+) => {$(
        impl Derived for $name {
            fn user_not_found() -> Self {
                $name::UserNotFound { id: 7 }
            }
            fn panicking() -> Self {
                $name::Panicking(Exploding)
            }
        }
    )+};
}

derived!(ObjectError, ProblemError, NegotiatedError);

/// A JSON body over the 16-byte limit of the `/json` route.
const BIG_JSON: &str = r#"{"name":"abcdefghijklmnopqrstuvwxyz"}"#;

// ---------------------------------------------------------------------------------------------
// The routes
// ---------------------------------------------------------------------------------------------

#[handler]
async fn users() -> &'static str {
    "ada"
}

/// salvo's own JSON parsing: its `ParseError` is salvo's `Writer` (a `StatusError` for the
/// catcher).
#[handler]
async fn echo(req: &mut Request) -> Result<Json<serde_json::Value>, salvo::http::ParseError> {
    Ok(Json(req.parse_json::<serde_json::Value>().await?))
}

#[handler]
async fn teapot(res: &mut Response) {
    res.status_code(StatusCode::IM_A_TEAPOT);
}

#[handler]
async fn unavailable(res: &mut Response) {
    res.status_code(StatusCode::SERVICE_UNAVAILABLE);
}

#[handler]
async fn down(res: &mut Response) {
    res.status_code(StatusCode::SERVICE_UNAVAILABLE);
    res.headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from_static("30"));
    res.render("db password=hunter2");
}

/// `req.parse_json` into a struct: a well-formed body of the wrong shape fails.
#[handler]
async fn typed(req: &mut Request) -> Result<String, salvo::http::ParseError> {
    #[derive(serde::Deserialize)]
    struct NewUser {
        name: String,
    }
    Ok(req.parse_json::<NewUser>().await?.name)
}

/// A body salvo's extractor reads as JSON.
#[derive(serde::Deserialize, Extractible)]
#[salvo(extract(default_source(from = "body", parse = "json")))]
struct Extracted {
    name: String,
}

/// salvo's extractor: its `ParseError` is written by the `#[handler]` before the body runs.
#[handler]
async fn extracted(user: Extracted) -> String {
    user.name
}

/// A handler's own `StatusError`, its brief and cause never shown.
#[handler]
async fn conflict() -> Result<&'static str, StatusError> {
    Err(StatusError::conflict().brief("db password=hunter2"))
}

#[handler]
async fn cookies(res: &mut Response) {
    res.status_code(StatusCode::UNAUTHORIZED);
    res.headers_mut()
        .append(header::SET_COOKIE, HeaderValue::from_static("a=1"));
    res.headers_mut()
        .append(header::SET_COOKIE, HeaderValue::from_static("b=2"));
}

#[handler]
async fn vary(res: &mut Response) {
    res.status_code(StatusCode::NOT_FOUND);
    res.headers_mut()
        .insert(header::VARY, HeaderValue::from_static("origin"));
}

#[handler]
async fn encoded(res: &mut Response) {
    res.status_code(StatusCode::BAD_REQUEST);
    res.headers_mut()
        .insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
    res.render("(as if gzip-compressed by a hoop inside)");
}

#[handler]
async fn html(res: &mut Response) {
    res.status_code(StatusCode::NOT_FOUND);
    res.render(Text::Html("<h1>no page here</h1>"));
}

#[handler]
async fn mine(res: &mut Response) {
    res.status_code(StatusCode::CONFLICT);
    res.render(Json(serde_json::json!({"mine": true})));
}

/// `Err(E::user_not_found())` or `Err(E::panicking())`, through salvo's `Writer` for `Result`.
struct DerivedRoute<E> {
    make: fn() -> E,
}

#[salvo::async_trait]
impl<E: Derived + Writer> Handler for DerivedRoute<E> {
    async fn handle(
        &self,
        req: &mut Request,
        depot: &mut Depot,
        res: &mut Response,
        _: &mut FlowCtrl,
    ) {
        Err::<&'static str, E>((self.make)())
            .write(req, depot, res)
            .await;
    }
}

fn router<E: Derived + Writer>() -> Router {
    Router::new()
        .push(Router::with_path("users").get(users))
        .push(Router::with_path("json").hoop(SecureMaxSize(16)).post(echo))
        .push(Router::with_path("typed").post(typed))
        .push(Router::with_path("extracted").post(extracted))
        .push(Router::with_path("teapot").get(teapot))
        .push(Router::with_path("unavailable").get(unavailable))
        .push(Router::with_path("down").get(down))
        .push(Router::with_path("conflict").get(conflict))
        .push(Router::with_path("cookies").get(cookies))
        .push(Router::with_path("vary").get(vary))
        .push(Router::with_path("encoded").get(encoded))
        .push(Router::with_path("html").get(html))
        .push(Router::with_path("mine").get(mine))
        .push(Router::with_path("derived/404").get(DerivedRoute {
            make: E::user_not_found,
        }))
        .push(Router::with_path("derived/panics").get(DerivedRoute { make: E::panicking }))
}

/// What the server's hoop answers salvo's errors in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Setup {
    Object,
    Problem,
    Negotiated,
    /// `ErrorContext::new()`, without `all_errors_as`.
    Plain,
}

async fn start(setup: Setup) -> SalvoServer {
    use apierror::salvo::ErrorContext;
    let service = match setup {
        Setup::Object => Service::new(router::<ObjectError>())
            .hoop(ErrorContext::new().all_errors_as::<ObjectError>()),
        Setup::Problem => Service::new(router::<ProblemError>())
            .hoop(ErrorContext::new().all_errors_as::<ProblemError>()),
        Setup::Negotiated => Service::new(router::<NegotiatedError>())
            .hoop(ErrorContext::new().all_errors_as::<NegotiatedError>()),
        Setup::Plain => Service::new(router::<ObjectError>()).hoop(ErrorContext::new()),
    };
    SalvoServer::start(service).await
}

// ---------------------------------------------------------------------------------------------
// Requests
// ---------------------------------------------------------------------------------------------

/// One request to send, with `x-request-id: req-7`.
#[derive(Clone, Copy, Debug)]
struct Req {
    method: &'static str,
    path: &'static str,
    content_type: Option<&'static str>,
    body: Option<&'static str>,
    accept: Option<&'static str>,
}

impl Req {
    const fn get(path: &'static str) -> Self {
        Req {
            method: "GET",
            path,
            content_type: None,
            body: None,
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
            accept: None,
        }
    }

    const fn accept(self, accept: &'static str) -> Self {
        Req {
            accept: Some(accept),
            ..self
        }
    }
}

async fn send(client: &reqwest::Client, base: &str, send: Req) -> Received {
    let method = Method::from_bytes(send.method.as_bytes()).expect("a method");
    let mut request = client
        .request(method, format!("{base}{}", send.path))
        .header("x-request-id", "req-7");
    if let Some(content_type) = send.content_type {
        request = request.header("content-type", content_type);
    }
    if let Some(body) = send.body {
        request = request.body(body);
    }
    if let Some(accept) = send.accept {
        request = request.header("accept", accept);
    }
    Received::of(request).await
}

/// Every header name but the transport's (`date`, `connection`).
fn header_names(response: &Received) -> BTreeSet<&str> {
    response
        .headers
        .iter()
        .map(|(n, _)| n.as_str())
        .filter(|n| *n != "date" && *n != "connection")
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Replaced
// ---------------------------------------------------------------------------------------------

/// An error salvo (or a handler's bare status) made, which the hoop must answer again.
struct Replaced {
    what: &'static str,
    send: Req,
    status: u16,
    object: &'static str,
    problem: &'static str,
    /// Headers of salvo's response that must come through (besides the envelope's).
    kept: &'static [(&'static str, &'static str)],
}

const REPLACED: &[Replaced] = &[
    Replaced {
        what: "an unknown route (the query is not the instance)",
        send: Req::get("/nowhere/at/all?token=secret"),
        status: 404,
        object: r#"{"error":{"code":"ROUTE_NOT_FOUND","message":"Not Found"}}"#,
        problem: r#"{"type":"about:blank","title":"Not Found","status":404,"detail":"Not Found","instance":"/nowhere/at/all","code":"ROUTE_NOT_FOUND"}"#,
        kept: &[],
    },
    Replaced {
        what: "a wrong method (salvo's Allow is added after the hoop)",
        send: Req::post("/users", Some("text/plain"), "x"),
        status: 405,
        object: r#"{"error":{"code":"METHOD_NOT_ALLOWED","message":"Method Not Allowed"}}"#,
        problem: r#"{"type":"about:blank","title":"Method Not Allowed","status":405,"detail":"Method Not Allowed","instance":"/users","code":"METHOD_NOT_ALLOWED"}"#,
        kept: &[("allow", "GET")],
    },
    Replaced {
        what: "a JSON body over the route's 16-byte limit (req.parse_json)",
        send: Req::post("/json", Some("application/json"), BIG_JSON),
        status: 413,
        object: r#"{"error":{"code":"PAYLOAD_TOO_LARGE","message":"Payload Too Large"}}"#,
        problem: r#"{"type":"about:blank","title":"Payload Too Large","status":413,"detail":"Payload Too Large","instance":"/json","code":"PAYLOAD_TOO_LARGE"}"#,
        kept: &[],
    },
    Replaced {
        what: "a JSON syntax error (req.parse_json; the cause's code, salvo's status)",
        send: Req::post("/json", Some("application/json"), r#"{"a":}"#),
        status: 400,
        object: r#"{"error":{"code":"INVALID_JSON","message":"Bad Request"}}"#,
        problem: r#"{"type":"about:blank","title":"Bad Request","status":400,"detail":"Bad Request","instance":"/json","code":"INVALID_JSON"}"#,
        kept: &[],
    },
    Replaced {
        what: "a JSON body that ends early (req.parse_json)",
        send: Req::post("/json", Some("application/json"), r#"{"a":"#),
        status: 400,
        object: r#"{"error":{"code":"INVALID_JSON","message":"Bad Request"}}"#,
        problem: r#"{"type":"about:blank","title":"Bad Request","status":400,"detail":"Bad Request","instance":"/json","code":"INVALID_JSON"}"#,
        kept: &[],
    },
    Replaced {
        what: "valid JSON of the wrong shape (req.parse_json into a struct)",
        send: Req::post("/typed", Some("application/json"), r#"{"name":5}"#),
        status: 400,
        object: r#"{"error":{"code":"INVALID_JSON_DATA","message":"Bad Request"}}"#,
        problem: r#"{"type":"about:blank","title":"Bad Request","status":400,"detail":"Bad Request","instance":"/typed","code":"INVALID_JSON_DATA"}"#,
        kept: &[],
    },
    Replaced {
        what: "valid JSON of the wrong shape (an extractor: salvo keeps its cause as text only)",
        send: Req::post("/extracted", Some("application/json"), r#"{"name":5}"#),
        status: 400,
        object: r#"{"error":{"code":"REQUEST_REJECTED","message":"Bad Request"}}"#,
        problem: r#"{"type":"about:blank","title":"Bad Request","status":400,"detail":"Bad Request","instance":"/extracted","code":"REQUEST_REJECTED"}"#,
        kept: &[],
    },
    Replaced {
        what: "a JSON syntax error (an extractor)",
        send: Req::post("/extracted", Some("application/json"), r#"{"name":}"#),
        status: 400,
        object: r#"{"error":{"code":"REQUEST_REJECTED","message":"Bad Request"}}"#,
        problem: r#"{"type":"about:blank","title":"Bad Request","status":400,"detail":"Bad Request","instance":"/extracted","code":"REQUEST_REJECTED"}"#,
        kept: &[],
    },
    Replaced {
        what: "a JSON body without a JSON content type (req.parse_json; salvo says 400)",
        send: Req::post("/json", Some("text/plain"), r#"{"a":1}"#),
        status: 400,
        object: r#"{"error":{"code":"UNSUPPORTED_MEDIA_TYPE","message":"Bad Request"}}"#,
        problem: r#"{"type":"about:blank","title":"Bad Request","status":400,"detail":"Bad Request","instance":"/json","code":"UNSUPPORTED_MEDIA_TYPE"}"#,
        kept: &[],
    },
    Replaced {
        what: "a handler's StatusError (its brief never shows)",
        send: Req::get("/conflict"),
        status: 409,
        object: r#"{"error":{"code":"REQUEST_REJECTED","message":"Conflict"}}"#,
        problem: r#"{"type":"about:blank","title":"Conflict","status":409,"detail":"Conflict","instance":"/conflict","code":"REQUEST_REJECTED"}"#,
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
        what: "a bare 404 from a handler with Vary: origin (Vary kept)",
        send: Req::get("/vary"),
        status: 404,
        object: r#"{"error":{"code":"ROUTE_NOT_FOUND","message":"Not Found"}}"#,
        problem: r#"{"type":"about:blank","title":"Not Found","status":404,"detail":"Not Found","instance":"/vary","code":"ROUTE_NOT_FOUND"}"#,
        kept: &[("vary", "origin")],
    },
    Replaced {
        what: "a plain-text 400 with Content-Encoding: gzip (dropped with the old body)",
        send: Req::get("/encoded"),
        status: 400,
        object: r#"{"error":{"code":"REQUEST_REJECTED","message":"Bad Request"}}"#,
        problem: r#"{"type":"about:blank","title":"Bad Request","status":400,"detail":"Bad Request","instance":"/encoded","code":"REQUEST_REJECTED"}"#,
        kept: &[],
    },
];

/// Every error salvo made comes back in the envelope: status, content type, body byte for
/// byte, the kept headers, the echoed id, and no other header.
async fn check_replaced(setup: Setup, base: &str) {
    let client = client();
    let content_type = match setup {
        Setup::Problem => "application/problem+json",
        _ => "application/json",
    };
    for case in REPLACED {
        let what = format!("[salvo, {setup:?}] {}", case.what);
        let response = send(&client, base, case.send).await;
        assert_eq!(response.status, case.status, "{what}: {response:?}");
        assert_eq!(response.header("content-type"), content_type, "{what}");
        let expected = match setup {
            Setup::Problem => case.problem,
            _ => case.object,
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
        let mut expected_names: BTreeSet<&str> = ["content-type", "content-length", "x-request-id"]
            .into_iter()
            .collect();
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
    assert_eq!(ok.status, 200, "[salvo, {setup:?}] {ok:?}");
    assert_eq!(ok.text(), r#"{"a":1}"#);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn salvo_errors_are_answered_in_the_envelope() {
    for setup in [Setup::Object, Setup::Problem] {
        let server = start(setup).await;
        check_replaced(setup, &server.base()).await;
    }
}

// ---------------------------------------------------------------------------------------------
// Left alone
// ---------------------------------------------------------------------------------------------

/// What the application rendered itself is not answered again: a success, HTML, JSON a
/// handler wrote, a derived error (in its own envelope, with its detail); and a derived error
/// whose `Display` panics is the well-formed 500 of its own envelope, left as it is too.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn salvo_rendered_responses_are_left_alone() {
    for setup in [Setup::Object, Setup::Problem] {
        let server = start(setup).await;
        let (client, base) = (client(), server.base());
        let at = format!("[salvo, {setup:?}]");

        let response = send(&client, &base, Req::get("/users")).await;
        assert_eq!((response.status, response.text()), (200, "ada"), "{at}");
        assert_eq!(response.header("x-request-id"), "req-7", "{at}");

        let response = send(&client, &base, Req::get("/html")).await;
        assert_eq!(response.status, 404, "{at}");
        assert_eq!(response.text(), "<h1>no page here</h1>", "{at}");
        assert_eq!(
            response.header("content-type"),
            "text/html; charset=utf-8",
            "{at}"
        );

        let response = send(&client, &base, Req::get("/mine")).await;
        assert_eq!(response.status, 409, "{at}");
        assert_eq!(response.text(), r#"{"mine":true}"#, "{at}");

        let response = send(&client, &base, Req::get("/derived/404")).await;
        assert_eq!(response.status, 404, "{at}");
        let (content_type, body) = match setup {
            Setup::Problem => (
                "application/problem+json",
                r#"{"type":"about:blank","title":"Not Found","status":404,"detail":"user 7 not found","instance":"/derived/404","code":"USER_NOT_FOUND","id":7}"#,
            ),
            _ => (
                "application/json",
                r#"{"error":{"code":"USER_NOT_FOUND","message":"user 7 not found","details":{"id":7}}}"#,
            ),
        };
        assert_eq!(response.header("content-type"), content_type, "{at}");
        assert_eq!(response.text(), body, "{at}");
        assert_eq!(response.header("x-request-id"), "req-7", "{at}");

        // A panicking Display: the plain 500 in the same envelope, the id in it.
        let response = send(&client, &base, Req::get("/derived/panics")).await;
        assert_eq!(response.status, 500, "{at} {response:?}");
        let (content_type, body) = match setup {
            Setup::Problem => (
                "application/problem+json",
                r#"{"type":"about:blank","title":"Internal Server Error","status":500,"detail":"Internal Server Error","instance":"/derived/panics","code":"INTERNAL_ERROR"}"#,
            ),
            _ => (
                "application/json",
                r#"{"error":{"code":"INTERNAL_ERROR","message":"Internal Server Error","details":{"request_id":"req-7"}}}"#,
            ),
        };
        assert_eq!(response.header("content-type"), content_type, "{at}");
        assert_eq!(response.text(), body, "{at}");
        assert!(!response.text().contains("LEAK"), "{at}");
        assert_eq!(response.header("x-request-id"), "req-7", "{at}");
    }
}

// ---------------------------------------------------------------------------------------------
// Negotiated
// ---------------------------------------------------------------------------------------------

/// With `#[api(negotiate)]`, `Accept` picks the envelope of salvo's errors and of the derived
/// ones, with `Vary: Accept`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn salvo_negotiated_errors_follow_accept() {
    let server = start(Setup::Negotiated).await;
    let (client, base) = (client(), server.base());
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
        let response = send(&client, &base, request).await;
        assert_eq!(response.status, 404, "{accept:?} {response:?}");
        assert_eq!(response.header("content-type"), content_type, "{accept:?}");
        assert_eq!(response.text(), body, "{accept:?}");
        assert_eq!(response.header("vary"), "Accept", "{accept:?}");
        assert_eq!(response.header("x-request-id"), "req-7", "{accept:?}");
    }

    let request = Req::post("/users", Some("text/plain"), "x").accept("application/problem+json");
    let response = send(&client, &base, request).await;
    assert_eq!(response.status, 405, "{response:?}");
    assert_eq!(response.header("content-type"), "application/problem+json");
    assert_eq!(
        response.text(),
        r#"{"type":"about:blank","title":"Method Not Allowed","status":405,"detail":"Method Not Allowed","instance":"/users","code":"METHOD_NOT_ALLOWED"}"#
    );
    assert_eq!(response.header("allow"), "GET");
    assert_eq!(response.header("vary"), "Accept");

    // The derived error negotiates by itself (the hoop's context gives it `Accept`).
    for (accept, content_type, body) in [
        (
            "application/problem+json",
            "application/problem+json",
            r#"{"type":"about:blank","title":"Not Found","status":404,"detail":"user 7 not found","instance":"/derived/404","code":"USER_NOT_FOUND","id":7}"#,
        ),
        (
            "application/vnd.api+json",
            "application/vnd.api+json",
            r#"{"errors":[{"id":"req-7","status":"404","code":"USER_NOT_FOUND","title":"Not Found","detail":"user 7 not found","meta":{"id":7}}]}"#,
        ),
        (
            "text/html, application/json;q=0.9",
            "application/json",
            r#"{"error":{"code":"USER_NOT_FOUND","message":"user 7 not found","details":{"id":7}}}"#,
        ),
    ] {
        let response = send(&client, &base, Req::get("/derived/404").accept(accept)).await;
        assert_eq!(response.status, 404, "{accept} {response:?}");
        assert_eq!(response.header("content-type"), content_type, "{accept}");
        assert_eq!(response.text(), body, "{accept}");
        assert_eq!(response.header("vary"), "Accept", "{accept}");
    }
}

// ---------------------------------------------------------------------------------------------
// Plain
// ---------------------------------------------------------------------------------------------

/// Without `all_errors_as`: the hoop adds the id, and salvo's catcher writes its own pages.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn salvo_without_all_errors_as_keeps_salvo_s_errors() {
    let server = start(Setup::Plain).await;
    let (client, base) = (client(), server.base());
    for (request, status) in [
        (Req::get("/nowhere").accept("application/json"), 404),
        (
            Req::post("/users", Some("text/plain"), "x").accept("application/json"),
            405,
        ),
        (
            Req::post("/json", Some("application/json"), BIG_JSON).accept("application/json"),
            413,
        ),
    ] {
        let response = send(&client, &base, request).await;
        assert_eq!(response.status, status, "{request:?} {response:?}");
        assert_eq!(response.header("x-request-id"), "req-7", "{request:?}");
        // salvo's own JSON error page, not an envelope of ours.
        assert!(!response.text().contains("ROUTE_NOT_FOUND"), "{response:?}");
        assert!(
            !response.text().contains("PAYLOAD_TOO_LARGE"),
            "{response:?}"
        );
        assert!(
            !response.text().contains("METHOD_NOT_ALLOWED"),
            "{response:?}"
        );
        assert!(!response.body.is_empty(), "{request:?} {response:?}");
    }
}
