//! Through the framework glue: `into_response`, `error_response`, a derived type naming the
//! user envelopes, and real servers.

use super::*;

/// `Canon` of `tests/vectors/ENVELOPES.md` derived with a user envelope, as
/// `support::derived` does for the built-ins.
mod user_derived {
    use std::time::Duration;

    crate::support::derived::canon_module!(crate::public_envelopes::MyGoogle => google);
    crate::support::derived::canon_module!(crate::public_envelopes::MyDataErrorMeta => data_error_meta);

    /// A derived error with the harder inputs, answering in `MyGoogle`.
    #[derive(Debug, thiserror::Error, apierror::ApiError)]
    #[api(
        envelope = crate::public_envelopes::MyGoogle,
        domain = "api.example.com",
        version = "1.0.0"
    )]
    pub enum Hard {
        #[error("conflict")]
        #[api(
            status = 409,
            code = "user-conflict",
            grpc = "ABORTED",
            message = "user {name:?} is taken"
        )]
        Conflict {
            #[api(detail)]
            name: String,
            #[api(retry_after)]
            wait: Duration,
            #[api(violations)]
            violations: Vec<apierror::Violation>,
        },
    }
}

/// The `Hard` of `user_derived`, with text to escape.
fn derived_hard() -> user_derived::Hard {
    user_derived::Hard::Conflict {
        name: "a\"b\\c\n".to_owned(),
        wait: Duration::from_millis(2250),
        violations: vec![Violation::field("name", "is \"taken\"").with_code("TAKEN")],
    }
}

#[test]
fn derived_types_speak_a_user_envelope() {
    let request = RequestInfo::new().with_request_id("req-1");
    let mine = same_as_google("derived hard", &derived_hard(), &request);
    assert_eq!(
        text(mine.body()),
        concat!(
            r#"{"error":{"code":409,"message":"user \"a\\\"b\\\\c\\n\" is taken","status":"ABORTED","details":["#,
            r#"{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"USER-CONFLICT","domain":"api.example.com","metadata":{"name":"a\"b\\c\n"}},"#,
            r#"{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"2.25s"},"#,
            r#"{"@type":"type.googleapis.com/google.rpc.RequestInfo","requestId":"req-1"},"#,
            r#"{"@type":"type.googleapis.com/google.rpc.BadRequest","fieldViolations":[{"field":"name","description":"is \"taken\"","reason":"TAKEN"}]}]}}"#,
        )
    );
    same_as_data_error_meta("derived hard", &derived_hard(), &request);
    same_as_data_error_meta("derived hard", &derived_hard(), &RequestInfo::new());
}

/// Status, headers and body of a framework response, collected.
fn response_parts(
    status: u16,
    headers: impl Iterator<Item = (String, String)>,
    body: Vec<u8>,
) -> Rendered {
    let mut response = http::Response::new(body);
    *response.status_mut() = StatusCode::from_u16(status).expect("a status");
    for (name, value) in headers {
        response.headers_mut().append(
            http::HeaderName::from_bytes(name.as_bytes()).expect("a header name"),
            http::HeaderValue::from_str(&value).expect("a header value"),
        );
    }
    response
}

async fn from_axum(response: axum::response::Response) -> Rendered {
    let (parts, body) = response.into_parts();
    let body = axum::body::to_bytes(body, usize::MAX)
        .await
        .expect("an axum body");
    response_parts(
        parts.status.as_u16(),
        parts
            .headers
            .iter()
            .map(|(n, v)| (n.as_str().to_owned(), v.to_str().expect("ASCII").to_owned())),
        body.to_vec(),
    )
}

async fn from_actix(response: actix_web::HttpResponse) -> Rendered {
    let status = response.status().as_u16();
    let headers: Vec<(String, String)> = response
        .headers()
        .iter()
        .map(|(n, v)| (n.as_str().to_owned(), v.to_str().expect("ASCII").to_owned()))
        .collect();
    let body = actix_web::body::to_bytes(response.into_body())
        .await
        .unwrap_or_else(|_| panic!("an actix-web body"));
    response_parts(status, headers.into_iter(), body.to_vec())
}

#[tokio::test]
async fn the_glue_answers_in_a_user_envelope() {
    use axum::response::IntoResponse as _;

    for (envelope, uuid) in [("Google", false), ("DataErrorMeta", true)] {
        let file = vector_file(envelope);
        for case in &file.cases {
            let hand = canon_case(&case.case);
            let responses = if envelope == "Google" {
                let derived = user_derived::google::case(&case.case);
                [
                    (
                        "axum into_response",
                        from_axum(apierror::axum::into_response::<MyGoogle>(&hand)).await,
                    ),
                    (
                        "actix error_response",
                        from_actix(apierror::actix::error_response::<MyGoogle>(&hand)).await,
                    ),
                    (
                        "derived IntoResponse",
                        from_axum(user_derived::google::case(&case.case).into_response()).await,
                    ),
                    (
                        "derived ResponseError",
                        from_actix(actix_web::ResponseError::error_response(&derived)).await,
                    ),
                ]
            } else {
                let derived = user_derived::data_error_meta::case(&case.case);
                [
                    (
                        "axum into_response",
                        from_axum(apierror::axum::into_response::<MyDataErrorMeta>(&hand)).await,
                    ),
                    (
                        "actix error_response",
                        from_actix(apierror::actix::error_response::<MyDataErrorMeta>(&hand)).await,
                    ),
                    (
                        "derived IntoResponse",
                        from_axum(user_derived::data_error_meta::case(&case.case).into_response())
                            .await,
                    ),
                    (
                        "derived ResponseError",
                        from_actix(actix_web::ResponseError::error_response(&derived)).await,
                    ),
                ]
            };
            for (label, rendered) in &responses {
                let label = format!("{envelope}, {label}, case {}", case.case);
                let captured = check_vector(&label, case, rendered);
                assert_eq!(captured.uuids.len(), usize::from(uuid), "{label}");
            }
        }
    }
}

#[tokio::test]
async fn real_servers_answer_in_a_user_envelope() {
    let vectors = vec![vector_file("DataErrorMeta"), vector_file("Google")];

    let app = axum::Router::new()
        .route(
            "/hand/Google/{case}",
            axum::routing::get(
                |axum::extract::Path(case): axum::extract::Path<String>| async move {
                    apierror::axum::into_response::<MyGoogle>(&canon_case(&case))
                },
            ),
        )
        .route(
            "/hand/DataErrorMeta/{case}",
            axum::routing::get(
                |axum::extract::Path(case): axum::extract::Path<String>| async move {
                    apierror::axum::into_response::<MyDataErrorMeta>(&canon_case(&case))
                },
            ),
        )
        .route(
            "/derived/Google/{case}",
            axum::routing::get(user_derived::google::axum_handler),
        )
        .route(
            "/derived/DataErrorMeta/{case}",
            axum::routing::get(user_derived::data_error_meta::axum_handler),
        );
    let server = servers::AxumServer::start(app).await;
    for under in ["hand", "derived"] {
        let base = format!("{}/{under}", server.base());
        support::check_server(&format!("axum, user envelopes, {under}"), &base, &vectors).await;
    }
    drop(server);

    let server = servers::ActixServer::start(|| {
        actix_web::App::new()
            .route(
                "/hand/Google/{case}",
                actix_web::web::get().to(|case: actix_web::web::Path<String>| async move {
                    apierror::actix::error_response::<MyGoogle>(&canon_case(&case))
                }),
            )
            .route(
                "/hand/DataErrorMeta/{case}",
                actix_web::web::get().to(|case: actix_web::web::Path<String>| async move {
                    apierror::actix::error_response::<MyDataErrorMeta>(&canon_case(&case))
                }),
            )
            .route(
                "/derived/Google/{case}",
                actix_web::web::get().to(user_derived::google::actix_handler),
            )
            .route(
                "/derived/DataErrorMeta/{case}",
                actix_web::web::get().to(user_derived::data_error_meta::actix_handler),
            )
    });
    for under in ["hand", "derived"] {
        let base = format!("{}/{under}", server.base());
        support::check_server(
            &format!("actix-web, user envelopes, {under}"),
            &base,
            &vectors,
        )
        .await;
    }
    server.stop().await;
}

#[tokio::test]
async fn the_request_context_reaches_a_user_envelope() {
    // Behind the middleware, the user envelopes see the request id the built-ins see.
    let app = axum::Router::new()
        .route(
            "/{envelope}",
            axum::routing::get(
                |axum::extract::Path(envelope): axum::extract::Path<String>| async move {
                    let error = derived_hard();
                    match envelope.as_str() {
                        "MyGoogle" => apierror::axum::into_response::<MyGoogle>(&error),
                        "Google" => apierror::axum::into_response::<Google>(&error),
                        "MyDataErrorMeta" => {
                            apierror::axum::into_response::<MyDataErrorMeta>(&error)
                        }
                        _ => apierror::axum::into_response::<DataErrorMeta>(&error),
                    }
                },
            ),
        )
        .layer(apierror::axum::ErrorContextLayer::new());
    let server = servers::AxumServer::start(app).await;
    let client = reqwest::Client::builder()
        .no_proxy()
        .build()
        .expect("a client");
    let get = |path: &'static str| {
        let request = client
            .get(format!("{}/{path}", server.base()))
            .header("x-request-id", "req-42");
        async move {
            let response = request.send().await.expect("a response");
            let status = response.status().as_u16();
            let headers: Vec<(String, String)> = response
                .headers()
                .iter()
                .filter(|(n, _)| *n != "date")
                .map(|(n, v)| (n.as_str().to_owned(), v.to_str().expect("ASCII").to_owned()))
                .collect();
            let body = response.bytes().await.expect("a body").to_vec();
            response_parts(status, headers.into_iter(), body)
        }
    };

    let (mine, builtin) = (get("MyGoogle").await, get("Google").await);
    assert_eq!(mine.status(), builtin.status());
    assert_eq!(mine.headers(), builtin.headers());
    assert_eq!(mine.headers()["x-request-id"], "req-42");
    assert_eq!(text(mine.body()), text(builtin.body()));
    assert!(text(mine.body()).contains(r#""requestId":"req-42""#));

    let (mine, builtin) = (get("MyDataErrorMeta").await, get("DataErrorMeta").await);
    assert_eq!(mine.status(), builtin.status());
    assert_eq!(mine.headers(), builtin.headers());
    let template = meta_template(builtin.body(), false);
    assert!(template.contains(r#""request_id":"req-42""#), "{template}");
    match_body(&template, mine.body(), unix_nanos_now())
        .unwrap_or_else(|e| panic!("{e}: {}", text(mine.body())));
}
