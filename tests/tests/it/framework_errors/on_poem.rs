//! poem's own errors through a real poem server behind `apierror::poem::ErrorContext`: with
//! `all_errors_as` each comes back in the API's envelope, with the code its cause names (the
//! table in `apierror::poem`), poem's explanation as the message for a parse error and the
//! reason phrase otherwise, the other headers kept, `x-request-id`; the responses apierror
//! rendered, and those of any other content type, come back untouched; a negotiated type
//! answers them in the envelope `Accept` picks. Every expected body is written out by hand from
//! the envelope rules, as for axum and actix-web.

use super::*;

use apierror::poem::ErrorContext;
use poem::http::StatusCode;
use poem::middleware::SizeLimit;
use poem::web::{Html, Json, Path, Query};
use poem::{get, handler, post, EndpointExt, IntoResponse, Response, Route};

use crate::poem_glue::PoemServer;

#[derive(Debug, serde::Deserialize, serde::Serialize)]
struct NewUser {
    name: String,
}

#[derive(Debug, serde::Deserialize)]
struct Page {
    #[allow(dead_code)] // read by serde only
    n: u32,
}

#[handler]
async fn echo(Json(user): Json<NewUser>) -> Json<NewUser> {
    Json(user)
}

#[handler]
async fn paged(Query(_): Query<Page>) -> &'static str {
    "page"
}

#[handler]
async fn numbered(Path(n): Path<u32>) -> String {
    n.to_string()
}

#[handler]
fn down() -> Response {
    Response::builder()
        .status(StatusCode::SERVICE_UNAVAILABLE)
        .header("retry-after", "30")
        .content_type("text/plain; charset=utf-8")
        .body("db password=hunter2")
}

#[handler]
fn cookies() -> Response {
    let mut response = StatusCode::UNAUTHORIZED.into_response();
    response
        .headers_mut()
        .append("set-cookie", "a=1".parse().expect("a header value"));
    response
        .headers_mut()
        .append("set-cookie", "b=2".parse().expect("a header value"));
    response
}

#[handler]
fn encoded() -> Response {
    Response::builder()
        .status(StatusCode::BAD_REQUEST)
        .header("content-encoding", "gzip")
        .content_type("text/plain; charset=utf-8")
        .body("(as if gzip-compressed by a middleware inside)")
}

#[handler]
fn json_conflict() -> Response {
    Response::builder()
        .status(StatusCode::CONFLICT)
        .content_type("application/json")
        .body(r#"{"mine":true}"#)
}

/// The routes, with the derived errors of `E` under `/derived/`.
fn routes<E>() -> Route
where
    E: Derived + poem::error::ResponseError + std::error::Error + Send + Sync,
{
    Route::new()
        .at("/users", get(poem::endpoint::make_sync(|_| "ada")))
        .at("/json", post(echo.with(SizeLimit::new(16))))
        .at("/query", get(paged))
        .at("/path/:n", get(numbered))
        .at(
            "/teapot",
            get(poem::endpoint::make_sync(|_| StatusCode::IM_A_TEAPOT)),
        )
        .at(
            "/unavailable",
            get(poem::endpoint::make_sync(|_| {
                Err::<(), _>(poem::Error::from_status(StatusCode::SERVICE_UNAVAILABLE))
            })),
        )
        .at(
            "/said",
            get(poem::endpoint::make_sync(|_| {
                Err::<(), _>(poem::Error::from_string(
                    "no (password=hunter2)",
                    StatusCode::FORBIDDEN,
                ))
            })),
        )
        .at("/down", get(down))
        .at("/cookies", get(cookies))
        .at("/encoded", get(encoded))
        .at(
            "/html",
            get(poem::endpoint::make_sync(|_| {
                Html("<h1>no page here</h1>").with_status(StatusCode::NOT_FOUND)
            })),
        )
        .at("/conflict", get(json_conflict))
        .at(
            "/derived/404",
            get(poem::endpoint::make_sync(|_| {
                Err::<&'static str, E>(E::user_not_found())
            })),
        )
        .at(
            "/derived/503",
            get(poem::endpoint::make_sync(|_| {
                Err::<&'static str, E>(E::maintenance())
            })),
        )
}

/// One of poem's errors, with its body in each envelope.
struct Case {
    what: &'static str,
    send: Req,
    status: u16,
    object: &'static str,
    problem: &'static str,
    /// Headers of poem's response that must come through (besides the envelope's).
    kept: &'static [(&'static str, &'static str)],
}

const CASES: &[Case] = &[
    Case {
        what: "an unknown route (NotFoundError; the query is not the instance)",
        send: Req::get("/nowhere/at/all?token=secret"),
        status: 404,
        object: r#"{"error":{"code":"ROUTE_NOT_FOUND","message":"Not Found"}}"#,
        problem: r#"{"type":"about:blank","title":"Not Found","status":404,"detail":"Not Found","instance":"/nowhere/at/all","code":"ROUTE_NOT_FOUND"}"#,
        kept: &[],
    },
    Case {
        what: "a wrong method (MethodNotAllowedError)",
        send: Req::post("/users", Some("text/plain"), "x"),
        status: 405,
        object: r#"{"error":{"code":"METHOD_NOT_ALLOWED","message":"Method Not Allowed"}}"#,
        problem: r#"{"type":"about:blank","title":"Method Not Allowed","status":405,"detail":"Method Not Allowed","instance":"/users","code":"METHOD_NOT_ALLOWED"}"#,
        kept: &[],
    },
    Case {
        what: "a JSON body over SizeLimit's 16 bytes (SizedLimitError)",
        send: Req::post("/json", Some("application/json"), BIG_JSON),
        status: 413,
        object: r#"{"error":{"code":"PAYLOAD_TOO_LARGE","message":"payload too large"}}"#,
        problem: r#"{"type":"about:blank","title":"Payload Too Large","status":413,"detail":"payload too large","instance":"/json","code":"PAYLOAD_TOO_LARGE"}"#,
        kept: &[],
    },
    Case {
        what: "a JSON syntax error (ParseJsonError::Parse)",
        send: Req::post("/json", Some("application/json"), r#"{"a":}"#),
        status: 400,
        object: r#"{"error":{"code":"INVALID_JSON","message":"parse error: expected value at line 1 column 6"}}"#,
        problem: r#"{"type":"about:blank","title":"Bad Request","status":400,"detail":"parse error: expected value at line 1 column 6","instance":"/json","code":"INVALID_JSON"}"#,
        kept: &[],
    },
    Case {
        what: "JSON of the wrong shape (ParseJsonError::Parse, a data error)",
        send: Req::post("/json", Some("application/json"), r#"{"name":5}"#),
        status: 400,
        object: r#"{"error":{"code":"INVALID_JSON_DATA","message":"parse error: invalid type: integer `5`, expected a string at line 1 column 9"}}"#,
        problem: r#"{"type":"about:blank","title":"Bad Request","status":400,"detail":"parse error: invalid type: integer `5`, expected a string at line 1 column 9","instance":"/json","code":"INVALID_JSON_DATA"}"#,
        kept: &[],
    },
    Case {
        what: "JSON without a content type (ParseJsonError::ContentTypeRequired)",
        send: Req::post("/json", None, r#"{"a":1}"#),
        status: 415,
        object: r#"{"error":{"code":"UNSUPPORTED_MEDIA_TYPE","message":"expect content type `application/json`"}}"#,
        problem: r#"{"type":"about:blank","title":"Unsupported Media Type","status":415,"detail":"expect content type `application/json`","instance":"/json","code":"UNSUPPORTED_MEDIA_TYPE"}"#,
        kept: &[],
    },
    Case {
        what: "a query that does not parse (ParseQueryError)",
        send: Req::get("/query?n=x"),
        status: 400,
        object: r#"{"error":{"code":"INVALID_QUERY","message":"invalid digit found in string"}}"#,
        problem: r#"{"type":"about:blank","title":"Bad Request","status":400,"detail":"invalid digit found in string","instance":"/query","code":"INVALID_QUERY"}"#,
        kept: &[],
    },
    Case {
        what: "a path parameter that does not parse (ParsePathError)",
        send: Req::get("/path/x"),
        status: 400,
        object: r#"{"error":{"code":"INVALID_PATH","message":"invalid path params"}}"#,
        problem: r#"{"type":"about:blank","title":"Bad Request","status":400,"detail":"invalid path params","instance":"/path/x","code":"INVALID_PATH"}"#,
        kept: &[],
    },
    Case {
        what: "a bare 418 from a handler (a StatusCode as the output)",
        send: Req::get("/teapot"),
        status: 418,
        object: r#"{"error":{"code":"REQUEST_REJECTED","message":"I'm a teapot"}}"#,
        problem: r#"{"type":"about:blank","title":"I'm a teapot","status":418,"detail":"I'm a teapot","instance":"/teapot","code":"REQUEST_REJECTED"}"#,
        kept: &[],
    },
    Case {
        what: "poem::Error::from_status(503) (a 5xx: the request id in ErrorObject's details)",
        send: Req::get("/unavailable"),
        status: 503,
        object: r#"{"error":{"code":"INTERNAL_ERROR","message":"Service Unavailable","details":{"request_id":"req-7"}}}"#,
        problem: r#"{"type":"about:blank","title":"Service Unavailable","status":503,"detail":"Service Unavailable","instance":"/unavailable","code":"INTERNAL_ERROR"}"#,
        kept: &[],
    },
    Case {
        what: "poem::Error::from_string (its text never shows)",
        send: Req::get("/said"),
        status: 403,
        object: r#"{"error":{"code":"REQUEST_REJECTED","message":"Forbidden"}}"#,
        problem: r#"{"type":"about:blank","title":"Forbidden","status":403,"detail":"Forbidden","instance":"/said","code":"REQUEST_REJECTED"}"#,
        kept: &[],
    },
    Case {
        what: "a plain-text 503 with Retry-After (the text never shows, the header is kept)",
        send: Req::get("/down"),
        status: 503,
        object: r#"{"error":{"code":"INTERNAL_ERROR","message":"Service Unavailable","details":{"request_id":"req-7"}}}"#,
        problem: r#"{"type":"about:blank","title":"Service Unavailable","status":503,"detail":"Service Unavailable","instance":"/down","code":"INTERNAL_ERROR"}"#,
        kept: &[("retry-after", "30")],
    },
    Case {
        what: "a bare 401 with two Set-Cookie (both kept, in order)",
        send: Req::get("/cookies"),
        status: 401,
        object: r#"{"error":{"code":"REQUEST_REJECTED","message":"Unauthorized"}}"#,
        problem: r#"{"type":"about:blank","title":"Unauthorized","status":401,"detail":"Unauthorized","instance":"/cookies","code":"REQUEST_REJECTED"}"#,
        kept: &[("set-cookie", "a=1"), ("set-cookie", "b=2")],
    },
    Case {
        what: "a plain-text 400 with Content-Encoding (dropped: it described the old body)",
        send: Req::get("/encoded"),
        status: 400,
        object: r#"{"error":{"code":"REQUEST_REJECTED","message":"Bad Request"}}"#,
        problem: r#"{"type":"about:blank","title":"Bad Request","status":400,"detail":"Bad Request","instance":"/encoded","code":"REQUEST_REJECTED"}"#,
        kept: &[],
    },
];

async fn start(envelope: Envelope) -> PoemServer {
    match envelope {
        Envelope::Object => {
            PoemServer::start(
                routes::<ObjectError>().with(ErrorContext::new().all_errors_as::<ObjectError>()),
            )
            .await
        }
        Envelope::Problem => {
            PoemServer::start(
                routes::<ProblemError>().with(ErrorContext::new().all_errors_as::<ProblemError>()),
            )
            .await
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn poem_errors_in_the_envelope() {
    let client = client();
    for envelope in [Envelope::Object, Envelope::Problem] {
        let server = start(envelope).await;
        for case in CASES {
            let at = format!("[poem, {envelope:?}] {}", case.what);
            let response = send(&client, &server.base(), case.send).await;
            assert_eq!(response.status, case.status, "{at}: {response:?}");
            assert_eq!(
                response.header("content-type"),
                envelope.content_type(),
                "{at}"
            );
            let body = match envelope {
                Envelope::Object => case.object,
                Envelope::Problem => case.problem,
            };
            assert_eq!(response.text(), body, "{at}");
            assert_eq!(response.header("x-request-id"), "req-7", "{at}");
            let mut expected = names(&["content-type", "content-length", "x-request-id"]);
            for (name, value) in case.kept {
                expected.insert(name);
                let values = response.values(name);
                assert!(values.contains(value), "{at}: {name} {values:?}");
            }
            if let Some(values) = case
                .kept
                .iter()
                .find(|(name, _)| *name == "set-cookie")
                .map(|_| response.values("set-cookie"))
            {
                assert_eq!(values, ["a=1", "b=2"], "{at}");
            }
            assert_eq!(header_names(&response), expected, "{at}: {response:?}");
            assert!(!response.text().contains("hunter2"), "{at}");
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn poem_leaves_other_responses_alone() {
    let client = client();
    for envelope in [Envelope::Object, Envelope::Problem] {
        let server = start(envelope).await;
        let at = format!("[poem, {envelope:?}]");
        let base = server.base();

        let html = send(&client, &base, Req::get("/html")).await;
        assert_eq!(html.status, 404, "{at}");
        assert_eq!(html.header("content-type"), "text/html; charset=utf-8");
        assert_eq!(html.text(), "<h1>no page here</h1>", "{at}");
        assert_eq!(html.header("x-request-id"), "req-7", "{at}");

        let conflict = send(&client, &base, Req::get("/conflict")).await;
        assert_eq!(conflict.status, 409, "{at}");
        assert_eq!(conflict.text(), r#"{"mine":true}"#, "{at}");

        let ok = send(&client, &base, Req::get("/users")).await;
        assert_eq!(ok.status, 200, "{at}");
        assert_eq!(ok.text(), "ada", "{at}");
        assert_eq!(ok.header("x-request-id"), "req-7", "{at}");

        let json = send(
            &client,
            &base,
            Req::post("/json", Some("application/json"), r#"{"name":"a"}"#),
        )
        .await;
        assert_eq!(json.status, 200, "{at} {json:?}");
        assert_eq!(json.text(), r#"{"name":"a"}"#, "{at}");

        let derived = send(&client, &base, Req::get("/derived/404")).await;
        assert_eq!(derived.status, 404, "{at}");
        assert_eq!(derived.header("content-type"), envelope.content_type());
        let expected = match envelope {
            Envelope::Object => {
                r#"{"error":{"code":"USER_NOT_FOUND","message":"user 7 not found","details":{"id":7}}}"#
            }
            Envelope::Problem => {
                r#"{"type":"about:blank","title":"Not Found","status":404,"detail":"user 7 not found","instance":"/derived/404","code":"USER_NOT_FOUND","id":7}"#
            }
        };
        assert_eq!(derived.text(), expected, "{at}");

        let derived = send(&client, &base, Req::get("/derived/503")).await;
        assert_eq!(derived.status, 503, "{at}");
        assert_eq!(derived.header("retry-after"), "120", "{at}");
        let expected = match envelope {
            Envelope::Object => {
                r#"{"error":{"code":"MAINTENANCE","message":"Service Unavailable","details":{"request_id":"req-7","retry_after":120}}}"#
            }
            Envelope::Problem => {
                r#"{"type":"about:blank","title":"Service Unavailable","status":503,"detail":"Service Unavailable","instance":"/derived/503","code":"MAINTENANCE"}"#
            }
        };
        assert_eq!(derived.text(), expected, "{at}");
        assert!(!derived.text().contains("hunter2"), "{at}");
    }
}

/// Without `all_errors_as`, poem's own answers stay as poem makes them; the id is still there.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn poem_plain_middleware_leaves_poem_s_errors() {
    let client = client();
    let server = PoemServer::start(routes::<ObjectError>().with(ErrorContext::new())).await;
    let response = send(&client, &server.base(), Req::get("/nowhere")).await;
    assert_eq!(response.status, 404);
    assert_eq!(response.header("x-request-id"), "req-7");
    assert_eq!(response.header("content-type"), "text/plain; charset=utf-8");
    assert_eq!(response.text(), "not found");
    let response = send(&client, &server.base(), Req::get("/path/x")).await;
    assert_eq!(response.status, 400);
    assert_eq!(response.text(), "invalid path params");
}

/// With `#[api(negotiate)]`, `Accept` picks the envelope of poem's errors and of the derived
/// ones, with `Vary: Accept`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn poem_negotiates_with_accept() {
    let client = client();
    let server = PoemServer::start(
        routes::<NegotiatedError>().with(ErrorContext::new().all_errors_as::<NegotiatedError>()),
    )
    .await;
    let base = server.base();
    for (accept, content_type, route, derived) in [
        (
            None,
            "application/json",
            r#"{"error":{"code":"ROUTE_NOT_FOUND","message":"Not Found"}}"#,
            r#"{"error":{"code":"USER_NOT_FOUND","message":"user 7 not found","details":{"id":7}}}"#,
        ),
        (
            Some("application/problem+json"),
            "application/problem+json",
            r#"{"type":"about:blank","title":"Not Found","status":404,"detail":"Not Found","instance":"/nowhere","code":"ROUTE_NOT_FOUND"}"#,
            r#"{"type":"about:blank","title":"Not Found","status":404,"detail":"user 7 not found","instance":"/derived/404","code":"USER_NOT_FOUND","id":7}"#,
        ),
        (
            Some("application/vnd.api+json"),
            "application/vnd.api+json",
            r#"{"errors":[{"id":"req-7","status":"404","code":"ROUTE_NOT_FOUND","title":"Not Found","detail":"Not Found"}]}"#,
            r#"{"errors":[{"id":"req-7","status":"404","code":"USER_NOT_FOUND","title":"Not Found","detail":"user 7 not found","meta":{"id":7}}]}"#,
        ),
    ] {
        for (path, body) in [("/nowhere", route), ("/derived/404", derived)] {
            let mut request = Req::get(path);
            if let Some(accept) = accept {
                request = request.accept(accept);
            }
            let at = format!("[poem, negotiated] {path} {accept:?}");
            let response = send(&client, &base, request).await;
            assert_eq!(response.status, 404, "{at} {response:?}");
            assert_eq!(response.header("content-type"), content_type, "{at}");
            assert_eq!(response.text(), body, "{at}");
            assert_eq!(response.header("vary"), "Accept", "{at}");
            assert_eq!(response.header("x-request-id"), "req-7", "{at}");
        }
    }
}
