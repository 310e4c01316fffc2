//! A real axum server on loopback that answers in every envelope, and prints curl lines to try.
//!
//! ```text
//! cargo run -p apierror --features axum-extract,utoipa --example axum_server
//! ```
//!
//! It also serves the example app's documentation: its error catalog at `/errors` (Markdown)
//! and its OpenAPI 3.1 document at `/openapi.json`.
//!
//! Each envelope gets its own copy of one error type (the envelope is a property of the type),
//! served under `/<envelope>/<case>`; the whole app sits behind `ErrorContextLayer`, so every
//! response carries `x-request-id` and errors know their request's id and path, and axum's own
//! errors (an unknown route, a wrong method) answer in Problem. The `negotiated` type picks
//! Problem or JSON:API by `Accept`.

mod app;

use std::net::SocketAddr;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use apierror::{RateLimit, Violation};
use axum::Router;

macro_rules! envelope_app {
    ($($module:ident => $envelope:ident $(, $negotiate:ident)?;)+) => {
        $(
            mod $module {
                use super::{one_minute_from_now, RateLimit, Violation};

                #[derive(Debug, thiserror::Error, apierror::ApiError)]
                #[api(
                    envelope = apierror::envelope::$envelope,
                    domain = "api.example.com",
                    type_base = "https://errors.example.com/"
                    $(, $negotiate)?
                )]
                pub enum AppError {
                    #[error("rate limited")]
                    #[api(status = 429, message = "Slow down; retry in {wait:?}")]
                    RateLimited {
                        #[api(retry_after)]
                        wait: std::time::Duration,
                        #[api(rate_limit)]
                        limit: RateLimit,
                    },
                    #[error("user {id} not found")]
                    #[api(status = 404)]
                    UserNotFound {
                        #[api(detail)]
                        id: u64,
                    },
                    #[error("invalid user")]
                    #[api(status = 422, code = "INVALID_USER", title = "Invalid user")]
                    InvalidUser {
                        #[api(violations)]
                        violations: Vec<Violation>,
                    },
                    #[error("database failure: {0}")]
                    #[api(status = 500)]
                    Database(#[source] std::io::Error),
                    #[error(transparent)]
                    #[api(transparent)]
                    Rejected(#[from] apierror::Rejection),
                }

                #[derive(Debug, serde::Deserialize)]
                pub struct NewUser {
                    #[allow(dead_code)]
                    pub name: String,
                }

                pub async fn rate_limited() -> Result<(), AppError> {
                    Err(AppError::RateLimited {
                        wait: std::time::Duration::from_secs(5),
                        limit: RateLimit::new(100, 0, one_minute_from_now()).with_window(60),
                    })
                }

                pub async fn not_found() -> Result<(), AppError> {
                    Err(AppError::UserNotFound { id: 7 })
                }

                pub async fn violations() -> Result<(), AppError> {
                    Err(AppError::InvalidUser {
                        violations: vec![
                            Violation::field("name", "must not be empty").with_code("REQUIRED"),
                            Violation::field("emails[0]", "is not an email address"),
                        ],
                    })
                }

                pub async fn internal() -> Result<(), AppError> {
                    Err(AppError::Database(std::io::Error::other("db password=hunter2")))
                }

                pub async fn create(
                    apierror::axum::Json(_user, _): apierror::axum::Json<NewUser, AppError>,
                ) -> &'static str {
                    "created\n"
                }

                pub fn routes() -> axum::Router {
                    axum::Router::new()
                        .route("/rate_limited", axum::routing::get(rate_limited))
                        .route("/not_found", axum::routing::get(not_found))
                        .route("/violations", axum::routing::get(violations))
                        .route("/internal", axum::routing::get(internal))
                        .route("/users", axum::routing::post(create))
                }
            }
        )+

        const ENVELOPES: &[&str] = &[$(stringify!($module)),+];

        fn app() -> Router {
            Router::new()
                $(.nest(concat!("/", stringify!($module)), $module::routes()))+
                .route("/errors", axum::routing::get(errors))
                .route("/openapi.json", axum::routing::get(openapi))
        }
    };
}

envelope_app! {
    error_object => ErrorObject;
    error_flag => ErrorFlag;
    error_message => ErrorMessage;
    error_code => ErrorCode;
    data_error_meta => DataErrorMeta;
    problem => Problem;
    json_api => JsonApi;
    google => Google;
    odata => OData;
    negotiated => ErrorObject, negotiate;
}

/// The example app's error catalog, the page its documentation shows.
async fn errors() -> ([(http::HeaderName, &'static str); 1], String) {
    (
        [(http::header::CONTENT_TYPE, "text/markdown; charset=utf-8")],
        apierror::catalog::<app::AppError>().markdown(),
    )
}

/// The example app's OpenAPI 3.1 document.
async fn openapi() -> ([(http::HeaderName, &'static str); 1], String) {
    (
        [(http::header::CONTENT_TYPE, "application/json")],
        app::openapi::json(),
    )
}

fn one_minute_from_now() -> u64 {
    (SystemTime::now() + Duration::from_secs(60))
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    // Port 3000 when free, else any free port; loopback only.
    let listener = match tokio::net::TcpListener::bind("127.0.0.1:3000").await {
        Ok(listener) => listener,
        Err(_) => tokio::net::TcpListener::bind("127.0.0.1:0").await?,
    };
    let addr: SocketAddr = listener.local_addr()?;
    let base = format!("http://{addr}");
    println!("apierror example server on {base}; try:\n");
    for envelope in ENVELOPES.iter().filter(|e| **e != "negotiated") {
        println!("  curl -i {base}/{envelope}/rate_limited");
    }
    println!("  curl -i {base}/problem/violations");
    println!("  curl -i {base}/google/violations");
    println!("  curl -i {base}/error_object/internal -H 'x-request-id: my-request-1'");
    println!("  curl -i {base}/json_api/not_found");
    println!("  curl -i {base}/odata/users -H 'content-type: application/json' -d '{{\"name\":'");
    println!("  curl -i {base}/problem/users -H 'content-type: application/json' -d '{{}}'");
    println!("  curl -i {base}/negotiated/not_found -H 'accept: application/problem+json'");
    println!("  curl -i {base}/negotiated/not_found -H 'accept: application/vnd.api+json'");
    println!("  curl -i {base}/nowhere");
    println!("  curl -i -X DELETE {base}/problem/users");
    println!("  curl {base}/errors          # the example app's error catalog");
    println!("  curl {base}/openapi.json    # its OpenAPI 3.1 document");
    println!("\nCtrl-C to stop.");
    // The framework's own errors answer as the Problem type answers its own.
    let layer = apierror::axum::ErrorContextLayer::new().all_errors_as::<problem::AppError>();
    axum::serve(listener, app().layer(layer)).await
}
