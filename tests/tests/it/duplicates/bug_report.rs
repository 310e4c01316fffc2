//! The bug report: a negotiated derived type, through real servers.

use super::*;

fn clash() -> Names {
    Names::Clash {
        status: "d-status",
        code: "d-code",
        r#type: "d-type",
        title: "d-title",
        ordinary: "kept",
    }
}

fn wrapped() -> Names {
    Names::Wrapped(Inner {
        status: "d-inner-status",
        depth: 3,
    })
}

/// Problem bodies of the two errors, at `/clash` and `/wrapped` (`instance` only when the
/// path is known).
fn problem_clash(instance: bool) -> String {
    let instance = if instance {
        r#","instance":"/clash""#
    } else {
        ""
    };
    format!(
        r#"{{"type":"about:blank","title":"Conflict","status":409,"detail":"names clash"{instance},"code":"CLASH","ordinary":"kept"}}"#
    )
}

fn problem_wrapped(instance: bool) -> String {
    let instance = if instance {
        r#","instance":"/wrapped""#
    } else {
        ""
    };
    format!(
        r#"{{"type":"about:blank","title":"Unprocessable Entity","status":422,"detail":"inner failed"{instance},"code":"INNER_FAILED","depth":3}}"#
    )
}

/// The derived type's own envelope, ErrorObject: none of these names is reserved in `details`.
const OBJECT_CLASH: &str = r#"{"error":{"code":"CLASH","message":"names clash","details":{"status":"d-status","code":"d-code","type":"d-type","title":"d-title","ordinary":"kept"}}}"#;
const OBJECT_WRAPPED: &str = r#"{"error":{"code":"INNER_FAILED","message":"inner failed","details":{"status":"d-inner-status","depth":3}}}"#;

#[test]
fn derived_details_named_like_problem_members_are_skipped() {
    let request = RequestInfo::new();
    let response = apierror::render::<Problem>(&clash(), &request);
    assert_body(&response, &problem_clash(false));
    let response = apierror::render::<Problem>(&wrapped(), &request);
    assert_body(&response, &problem_wrapped(false));
    let response = apierror::render::<ErrorObject>(&clash(), &request);
    assert_body(&response, OBJECT_CLASH);
    let response = apierror::render::<ErrorObject>(&wrapped(), &request);
    assert_body(&response, OBJECT_WRAPPED);
}

mod axum_app {
    use super::*;
    use axum::routing::get;
    use axum::Router;

    pub fn routes() -> Router {
        Router::new()
            .route("/clash", get(|| async { Err::<(), _>(clash()) }))
            .route("/wrapped", get(|| async { Err::<(), _>(wrapped()) }))
            .layer(apierror::axum::ErrorContextLayer::new())
    }
}

mod actix_app {
    use super::*;
    use actix_web::web;

    async fn clash_handler() -> Result<&'static str, Names> {
        Err(clash())
    }

    async fn wrapped_handler() -> Result<&'static str, Names> {
        Err(wrapped())
    }

    pub fn routes(config: &mut web::ServiceConfig) {
        config
            .route("/clash", web::get().to(clash_handler))
            .route("/wrapped", web::get().to(wrapped_handler));
    }
}

pub(super) async fn get(
    client: &reqwest::Client,
    base: &str,
    path: &str,
    accept: Option<&str>,
) -> Received {
    let mut request = client
        .get(format!("{base}{path}"))
        .header("x-request-id", "dup-1");
    if let Some(accept) = accept {
        request = request.header("accept", accept);
    }
    Received::of(request).await
}

async fn check_server(framework: &str, base: &str) {
    let client = client();
    for (path, status, problem, code) in [
        ("/clash", 409, problem_clash(true), "CLASH"),
        ("/wrapped", 422, problem_wrapped(true), "INNER_FAILED"),
    ] {
        let context = format!("[{framework}] GET {path}, Accept: application/problem+json");
        let response = get(&client, base, path, Some("application/problem+json")).await;
        assert_eq!(response.status, status, "{context}");
        assert_eq!(
            response.header("content-type"),
            "application/problem+json",
            "{context}"
        );
        // Strict: no member name twice.
        let value = strict(&context, &response.body);
        assert_eq!(
            String::from_utf8_lossy(&response.body),
            problem,
            "{context}"
        );
        // Last value wins: still Problem's own members.
        assert_eq!(value["status"], status, "{context}");
        assert!(value["status"].is_u64(), "{context}");
        assert_eq!(value["code"], code, "{context}");
        assert_eq!(value["type"], "about:blank", "{context}");
        let title = if status == 409 {
            "Conflict"
        } else {
            "Unprocessable Entity"
        };
        assert_eq!(value["title"], title, "{context}");
        assert_eq!(value["instance"], path, "{context}");

        // Without Accept: the type's own envelope, where these names are ordinary details.
        let context = format!("[{framework}] GET {path}, no Accept");
        let response = get(&client, base, path, None).await;
        assert_eq!(response.status, status, "{context}");
        assert_eq!(
            response.header("content-type"),
            "application/json",
            "{context}"
        );
        strict(&context, &response.body);
        let own = if status == 409 {
            OBJECT_CLASH
        } else {
            OBJECT_WRAPPED
        };
        assert_eq!(String::from_utf8_lossy(&response.body), own, "{context}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn axum_problem_members_win_over_details() {
    let server = AxumServer::start(axum_app::routes()).await;
    check_server("axum", &server.base()).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn actix_problem_members_win_over_details() {
    let server = ActixServer::start(|| {
        actix_web::App::new()
            .configure(actix_app::routes)
            .wrap(apierror::actix::ErrorContext::new())
    });
    check_server("actix-web", &server.base()).await;
    server.stop().await;
}
