//! Logging by the glue (feature `tracing`), through real servers: a 5xx is logged once at
//! ERROR with its code (`error.type`), status (`http.response.status_code`), request id and the
//! whole `source()` chain (`exception.message`), OpenTelemetry's attribute names (the
//! `log` module's table); a 4xx at DEBUG; the client sees none of the chain. `#[api(log)]` on a
//! variant or on the type changes the level, never the fields.

use crate::logs;
use crate::servers;

use std::time::Duration;

use apierror::ApiError;
use logs::Buffer;
use servers::{ActixServer, AxumServer};

// ---------------------------------------------------------------------------------------------
// The errors
// ---------------------------------------------------------------------------------------------

#[derive(Debug, thiserror::Error)]
#[error("connection refused (password=hunter2)")]
struct Refused;

#[derive(Debug, thiserror::Error)]
#[error("pool exhausted")]
struct PoolExhausted(#[source] Refused);

#[derive(Debug, thiserror::Error, ApiError)]
enum AppError {
    #[error("db failed")]
    #[api(status = 500, code = "DB_FAILED")]
    Db(#[source] PoolExhausted),
    #[error("user {0} not found")]
    #[api(status = 404, code = "USER_NOT_FOUND")]
    NotFound(u64),
}

/// Not a `std::error::Error`: logged without a chain (axum only, as actix-web wants `Display`).
#[derive(Debug, ApiError)]
#[api(status = 503, code = "DOWN")]
struct Down;

const CHAIN: &str = "db failed: pool exhausted: connection refused (password=hunter2)";

fn db_error() -> AppError {
    AppError::Db(PoolExhausted(Refused))
}

// ---------------------------------------------------------------------------------------------
// Requests
// ---------------------------------------------------------------------------------------------

type Addr = std::net::SocketAddr;

async fn get(addr: Addr, path: &str, id: Option<&str>) -> (u16, String) {
    let client = reqwest::Client::builder()
        .no_proxy()
        .timeout(Duration::from_secs(30))
        .build()
        .expect("reqwest client");
    let mut request = client.get(format!("http://{addr}{path}"));
    if let Some(id) = id {
        request = request.header("x-request-id", id);
    }
    let response = request.send().await.expect("request");
    let status = response.status().as_u16();
    (status, response.text().await.expect("body"))
}

/// The checks shared by both frameworks; `base` routes are `/db` and `/user`.
async fn check(framework: &str, addr: Addr, log: &Buffer) {
    // 5xx: one ERROR line with status, code, request id and the chain; the body hides it all.
    let (status, body) = get(addr, "/db", Some("trace-500")).await;
    assert_eq!(status, 500);
    assert_eq!(
        body,
        r#"{"error":{"code":"DB_FAILED","message":"Internal Server Error","details":{"request_id":"trace-500"}}}"#,
        "[{framework}]"
    );
    for secret in ["hunter2", "pool exhausted", "db failed", "refused"] {
        assert!(
            !body.contains(secret),
            "[{framework}] the body shows {secret:?}"
        );
    }
    let lines = log.lines_with("trace-500");
    assert_eq!(
        lines.len(),
        1,
        "[{framework}] logged once: {:#?}",
        log.lines()
    );
    let line = &lines[0];
    for part in [
        " ERROR ",
        r#"error.type="DB_FAILED""#,
        "http.response.status_code=500",
        "request_id=trace-500",
        &format!("exception.message={CHAIN}"),
    ] {
        assert!(
            line.contains(part),
            "[{framework}] {part:?} not in {line:?}"
        );
    }

    // 4xx: one DEBUG line, no chain.
    let (status, body) = get(addr, "/user", Some("trace-404")).await;
    assert_eq!(status, 404);
    assert_eq!(
        body, r#"{"error":{"code":"USER_NOT_FOUND","message":"user 7 not found"}}"#,
        "[{framework}]"
    );
    let lines = log.lines_with("trace-404");
    assert_eq!(
        lines.len(),
        1,
        "[{framework}] logged once: {:#?}",
        log.lines()
    );
    let line = &lines[0];
    for part in [
        " DEBUG ",
        r#"error.type="USER_NOT_FOUND""#,
        "http.response.status_code=404",
        "request_id=trace-404",
    ] {
        assert!(
            line.contains(part),
            "[{framework}] {part:?} not in {line:?}"
        );
    }
    assert!(!line.contains("ERROR"), "[{framework}] {line:?}");
}

// ---------------------------------------------------------------------------------------------
// axum
// ---------------------------------------------------------------------------------------------

fn axum_routes() -> axum::Router {
    use axum::routing::get;
    axum::Router::new()
        .route("/db", get(|| async { Err::<(), _>(db_error()) }))
        .route(
            "/user",
            get(|| async { Err::<(), _>(AppError::NotFound(7)) }),
        )
        .route("/down", get(|| async { Err::<(), _>(Down) }))
}

/// The server runs on this test's current-thread runtime, so the thread's default subscriber
/// sees its events.
#[tokio::test(flavor = "current_thread")]
async fn axum_logs_errors() {
    let log = Buffer::default();
    let _guard = tracing::subscriber::set_default(log.subscriber());

    let server =
        AxumServer::start(axum_routes().layer(apierror::axum::ErrorContextLayer::new())).await;
    let addr = server.addr;
    check("axum", addr, &log).await;

    // Not a std::error::Error: an ERROR line without a chain.
    let (status, _) = get(addr, "/down", Some("trace-503")).await;
    assert_eq!(status, 503);
    let lines = log.lines_with("trace-503");
    assert_eq!(lines.len(), 1, "{:#?}", log.lines());
    assert!(lines[0].contains(" ERROR "), "{}", lines[0]);
    assert!(lines[0].contains(r#"error.type="DOWN""#), "{}", lines[0]);
    assert!(!lines[0].contains("exception.message="), "{}", lines[0]);
    drop(server);

    // Without the layer: logged all the same, without a request id.
    let server = AxumServer::start(axum_routes()).await;
    let addr = server.addr;
    let before = log.lines_with("DB_FAILED").len();
    let (status, _) = get(addr, "/db", Some("trace-ignored")).await;
    assert_eq!(status, 500);
    let lines = log.lines_with("DB_FAILED");
    assert_eq!(lines.len(), before + 1, "{:#?}", log.lines());
    let line = lines.last().expect("a line");
    assert!(line.contains(" ERROR ") && line.contains(CHAIN), "{line}");
    assert!(!line.contains("request_id="), "{line}");
}

// ---------------------------------------------------------------------------------------------
// actix-web
// ---------------------------------------------------------------------------------------------

async fn actix_db() -> Result<&'static str, AppError> {
    Err(db_error())
}

async fn actix_user() -> Result<&'static str, AppError> {
    Err(AppError::NotFound(7))
}

/// actix-web runs its workers on threads of their own: each worker sets the subscriber as its
/// thread's default when it builds its app.
#[tokio::test(flavor = "current_thread")]
async fn actix_logs_errors() {
    use actix_web::web;

    let log = Buffer::default();
    let worker_log = log.clone();
    let server = ActixServer::start(move || {
        // The worker thread lives as long as the server: keep its default for good.
        std::mem::forget(tracing::subscriber::set_default(worker_log.subscriber()));
        actix_web::App::new()
            .route("/db", web::get().to(actix_db))
            .route("/user", web::get().to(actix_user))
            .wrap(apierror::actix::ErrorContext::new())
    });

    check("actix-web", server.addr, &log).await;
    server.stop().await;
}

// ---------------------------------------------------------------------------------------------
// Levels: `#[api(log = "...")]`
// ---------------------------------------------------------------------------------------------

/// The type's level is INFO; two variants say otherwise, one says nothing.
#[derive(Debug, thiserror::Error, ApiError)]
#[api(log = "info")]
enum Leveled {
    #[error("gone")]
    #[api(status = 410)]
    Gone,
    #[error("upstream down")]
    #[api(status = 503, log = "warn")]
    Upstream(#[source] Refused),
    #[error("shedding load")]
    #[api(status = 503, log = "off")]
    Shedding,
    #[error("chatty")]
    #[api(status = 400, log = "trace")]
    Chatty,
}

/// A type whose log is off, but whose status is no error: the plain 500, a bug, is logged at
/// ERROR all the same.
#[derive(Debug)]
struct SilentButBroken;

impl ApiError for SilentButBroken {
    const API: apierror::Api = apierror::Api::new().with_log(apierror::LogLevel::Off);
    fn status(&self) -> apierror::StatusCode {
        apierror::StatusCode::OK
    }
    fn code(&self) -> &'static str {
        "SILENT"
    }
}

#[tokio::test(flavor = "current_thread")]
async fn levels_come_from_the_variant_then_the_type_then_the_status() {
    let log = Buffer::default();
    let _guard = tracing::subscriber::set_default(log.subscriber_down_to(tracing::Level::TRACE));
    let app = axum::Router::new()
        .route(
            "/gone",
            axum::routing::get(|| async { Err::<(), _>(Leveled::Gone) }),
        )
        .route(
            "/upstream",
            axum::routing::get(|| async { Err::<(), _>(Leveled::Upstream(Refused)) }),
        )
        .route(
            "/shedding",
            axum::routing::get(|| async { Err::<(), _>(Leveled::Shedding) }),
        )
        .route(
            "/chatty",
            axum::routing::get(|| async { Err::<(), _>(Leveled::Chatty) }),
        )
        .route(
            "/broken",
            axum::routing::get(|| async {
                apierror::axum::into_response::<apierror::envelope::ErrorObject>(&SilentButBroken)
            }),
        )
        // Not `Leveled`: the defaults are unchanged.
        .route(
            "/db",
            axum::routing::get(|| async { Err::<(), _>(db_error()) }),
        )
        .layer(apierror::axum::ErrorContextLayer::new());
    let server = AxumServer::start(app).await;

    // (path, level, code, status, chain): each line has the same fields whatever its level.
    let cases = [
        ("/gone", " INFO ", "GONE", 410, None),
        (
            "/upstream",
            " WARN ",
            "UPSTREAM",
            503,
            Some("upstream down: connection refused (password=hunter2)"),
        ),
        ("/chatty", " TRACE ", "CHATTY", 400, None),
        ("/broken", " ERROR ", "INTERNAL_ERROR", 500, None),
        ("/db", " ERROR ", "DB_FAILED", 500, Some(CHAIN)),
    ];
    for (path, level, code, status, chain) in cases {
        let id = format!("level-{}", &path[1..]);
        let (got, _) = get(server.addr, path, Some(&id)).await;
        assert_eq!(got, status, "{path}");
        let lines = log.lines_with(&format!("request_id={id}"));
        assert_eq!(lines.len(), 1, "{path}: {:#?}", log.lines());
        let line = &lines[0];
        assert!(line.contains(level), "{path}: not at {level}: {line}");
        for part in [
            format!(r#"error.type="{code}""#),
            format!("http.response.status_code={status}"),
            format!("request_id={id}"),
        ] {
            assert!(line.contains(&part), "{path}: {part:?} not in {line}");
        }
        match chain {
            Some(chain) => assert!(
                line.contains(&format!("exception.message={chain}")),
                "{path}: {line}"
            ),
            None => assert!(!line.contains("exception.message="), "{path}: {line}"),
        }
    }
    // The broken one names why, and the code it would have had.
    let broken = &log.lines_with("request_id=level-broken")[0];
    assert!(
        broken.contains(r#"apierror.failed_error_type="SILENT""#)
            && broken.contains("apierror.render_failure=status 200 OK is not an error status"),
        "{broken}"
    );

    // `off`: answered, and no line at all.
    let (got, _) = get(server.addr, "/shedding", Some("level-shedding")).await;
    assert_eq!(got, 503);
    assert!(
        log.lines_with("level-shedding").is_empty(),
        "{:#?}",
        log.lines()
    );
    assert!(log.lines_with("SHEDDING").is_empty(), "{:#?}", log.lines());
}
