//! `apierror::ErrorType` in the response extensions, read by what wraps the handler, through
//! real servers: an axum `map_response` layer outside the request-context layer, and an
//! actix-web `wrap_fn` middleware outside `ErrorContext`. Each copies what it read into an
//! `x-seen-error-type` header (`CODE STATUS RETRYABLE`), which the client checks against the
//! response it got (issue 18: "the code as `&str`, with the status and whether it is
//! retryable"; a failed rendering says `INTERNAL_ERROR`/500, what the client got).

use crate::servers;

use apierror::envelope::{ErrorObject, Problem};
use apierror::{AnyApiError, ApiError, ErrorType, StatusCode};
use servers::{client, ActixServer, AxumServer};

#[derive(Debug, thiserror::Error, ApiError)]
enum AppError {
    #[error("no such user")]
    #[api(status = 404)]
    UserNotFound,
    #[error("slow down")]
    #[api(status = 429, code = "RATE_LIMITED")]
    RateLimited,
    #[error("maintenance")]
    #[api(status = 503, retryable = false)]
    Maintenance,
}

/// A hand-written error whose status is no error: rendered as the plain 500.
#[derive(Debug)]
struct NotAnError;

impl ApiError for NotAnError {
    fn status(&self) -> StatusCode {
        StatusCode::OK
    }
    fn code(&self) -> &'static str {
        "NOT_AN_ERROR"
    }
}

const SEEN: &str = "x-seen-error-type";

/// What the outer layer writes: the three parts of the `ErrorType` it read.
fn seen(error: &ErrorType) -> String {
    format!(
        "{} {} {}",
        error.code(),
        error.status().as_u16(),
        error.retryable()
    )
}

/// The path, what the client must see in `x-seen-error-type` (`None`: no `ErrorType`), and
/// the status. The expected values come from the variants' attributes above, the default
/// retryability (`retryable_by_default`: 429 yes, 404 no), and the renderer's contract for a
/// status outside 400..=599 (the plain `500 INTERNAL_ERROR`, not retryable).
const CASES: &[(&str, Option<&str>, u16)] = &[
    ("/derived", Some("USER_NOT_FOUND 404 false"), 404),
    ("/limited", Some("RATE_LIMITED 429 true"), 429),
    ("/maintenance", Some("MAINTENANCE 503 false"), 503),
    ("/problem", Some("USER_NOT_FOUND 404 false"), 404),
    ("/any", Some("RATE_LIMITED 429 true"), 429),
    ("/broken", Some("INTERNAL_ERROR 500 false"), 500),
    // The request-context middleware's `all_errors_as` answer to the framework's own 404.
    ("/no-such-route", Some("ROUTE_NOT_FOUND 404 false"), 404),
    ("/ok", None, 200),
];

async fn check(framework: &str, base: &str) {
    let client = client();
    for &(path, expected, status) in CASES {
        let response = client
            .get(format!("{base}{path}"))
            .send()
            .await
            .unwrap_or_else(|error| panic!("[{framework}] GET {path}: {error}"));
        assert_eq!(response.status().as_u16(), status, "[{framework}] {path}");
        let header = response
            .headers()
            .get(SEEN)
            .map(|value| value.to_str().expect("ASCII").to_owned());
        let body = response.text().await.expect("body");
        assert_eq!(header.as_deref(), expected, "[{framework}] {path}: {body}");
        // The code the layer saw is the one in the body the client got.
        if let Some(expected) = expected {
            let code = expected.split(' ').next().unwrap_or_default();
            assert!(
                body.contains(&format!(r#""code":"{code}""#)),
                "[{framework}] {path}: {body}"
            );
        }
    }
    // A bare 503 from a handler, answered again by `all_errors_as`: whatever code the crate
    // gives it, the layer sees the code and status the client got.
    let response = client
        .get(format!("{base}/bare"))
        .send()
        .await
        .expect("GET /bare");
    assert_eq!(response.status().as_u16(), 503, "[{framework}]");
    let header = response
        .headers()
        .get(SEEN)
        .map(|value| value.to_str().expect("ASCII").to_owned())
        .unwrap_or_else(|| panic!("[{framework}] /bare: no ErrorType"));
    let body: serde_json::Value =
        serde_json::from_str(&response.text().await.expect("body")).expect("a JSON body");
    let code = body["error"]["code"].as_str().expect("a code");
    assert!(
        header.starts_with(&format!("{code} 503 ")),
        "[{framework}] /bare: {header} for {body}"
    );
}

// ---------------------------------------------------------------------------------------------
// axum
// ---------------------------------------------------------------------------------------------

/// An outer layer that knows nothing of apierror but its `ErrorType`.
async fn record(mut response: axum::response::Response) -> axum::response::Response {
    let seen = response.extensions().get::<ErrorType>().map(seen);
    if let Some(seen) = seen {
        let value = http::HeaderValue::from_str(&seen).expect("a header value");
        response.headers_mut().insert(SEEN, value);
    }
    response
}

#[tokio::test]
async fn an_outer_tower_layer_reads_the_error_type() {
    use axum::response::IntoResponse;
    use axum::routing::get;

    let app = axum::Router::new()
        .route(
            "/derived",
            get(|| async { Err::<(), _>(AppError::UserNotFound) }),
        )
        .route(
            "/limited",
            get(|| async { Err::<(), _>(AppError::RateLimited) }),
        )
        .route(
            "/maintenance",
            get(|| async { Err::<(), _>(AppError::Maintenance) }),
        )
        .route(
            "/problem",
            get(|| async { apierror::axum::into_response::<Problem>(&AppError::UserNotFound) }),
        )
        .route(
            "/any",
            get(|| async { Err::<(), _>(AnyApiError::new(AppError::RateLimited)) }),
        )
        .route(
            "/broken",
            get(|| async { apierror::axum::into_response::<ErrorObject>(&NotAnError) }),
        )
        .route(
            "/bare",
            get(|| async { http::StatusCode::SERVICE_UNAVAILABLE.into_response() }),
        )
        .route("/ok", get(|| async { "hello" }))
        .layer(apierror::axum::ErrorContextLayer::new().all_errors_as::<AppError>())
        .layer(axum::middleware::map_response(record));
    let server = AxumServer::start(app).await;
    check("axum", &server.base()).await;
}

// ---------------------------------------------------------------------------------------------
// actix-web
// ---------------------------------------------------------------------------------------------

async fn actix_derived() -> Result<&'static str, AppError> {
    Err(AppError::UserNotFound)
}

async fn actix_limited() -> Result<&'static str, AppError> {
    Err(AppError::RateLimited)
}

async fn actix_maintenance() -> Result<&'static str, AppError> {
    Err(AppError::Maintenance)
}

async fn actix_problem() -> actix_web::HttpResponse {
    apierror::actix::error_response::<Problem>(&AppError::UserNotFound)
}

async fn actix_any() -> Result<&'static str, AnyApiError> {
    Err(AnyApiError::new(AppError::RateLimited))
}

async fn actix_broken() -> actix_web::HttpResponse {
    apierror::actix::error_response::<ErrorObject>(&NotAnError)
}

async fn actix_bare() -> actix_web::HttpResponse {
    actix_web::HttpResponse::ServiceUnavailable().finish()
}

#[tokio::test]
async fn an_outer_actix_middleware_reads_the_error_type() {
    use actix_web::dev::Service as _;
    use actix_web::web;

    let server = ActixServer::start(|| {
        actix_web::App::new()
            .route("/derived", web::get().to(actix_derived))
            .route("/limited", web::get().to(actix_limited))
            .route("/maintenance", web::get().to(actix_maintenance))
            .route("/problem", web::get().to(actix_problem))
            .route("/any", web::get().to(actix_any))
            .route("/broken", web::get().to(actix_broken))
            .route("/bare", web::get().to(actix_bare))
            .route("/ok", web::get().to(|| async { "hello" }))
            .wrap(apierror::actix::ErrorContext::new().all_errors_as::<AppError>())
            .wrap_fn(|request, service| {
                let response = service.call(request);
                async move {
                    let mut response = response.await?;
                    let seen = response
                        .response()
                        .extensions()
                        .get::<ErrorType>()
                        .map(seen);
                    if let Some(seen) = seen {
                        let value = actix_web::http::header::HeaderValue::from_str(&seen)
                            .expect("a header value");
                        response.headers_mut().insert(
                            actix_web::http::header::HeaderName::from_static(SEEN),
                            value,
                        );
                    }
                    Ok(response)
                }
            })
    });
    check("actix-web", &server.base()).await;
    server.stop().await;
}

/// `ErrorType::of` is the error's own type: what the glue inserts when nothing fails.
#[test]
fn of_is_the_errors_own_code_status_and_retryability() {
    let limited = ErrorType::of(&AppError::RateLimited);
    assert_eq!(
        limited,
        ErrorType::new("RATE_LIMITED", StatusCode::TOO_MANY_REQUESTS, true)
    );
    assert_eq!(limited.to_string(), "RATE_LIMITED");
    assert_eq!(
        ErrorType::of(&AppError::Maintenance),
        ErrorType::new("MAINTENANCE", StatusCode::SERVICE_UNAVAILABLE, false)
    );
}
