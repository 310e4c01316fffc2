//! A request-duration metric labelled with OpenTelemetry's `error.type`, read from the
//! [`apierror::ErrorType`] the glue puts in every error response's extensions.
//!
//! The layer knows nothing of the app's error type: it times each request and labels the
//! duration the way OpenTelemetry's `http.server.request.duration` is labelled
//! (`http.request.method`, `http.response.status_code`, `error.type`). A real
//! service would record into its metrics library; an in-memory histogram with OpenTelemetry's
//! default bucket boundaries keeps this example free of one.
//!
//! Run with `cargo run -p apierror --example metrics`.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use apierror::{ApiError, ErrorType};
use axum::extract::{Request, State};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use tower_service::Service;

#[derive(Debug, thiserror::Error, ApiError)]
enum AppError {
    #[error("user {0} not found")]
    #[api(status = 404)]
    UserNotFound(u64),
    #[error("slow down")]
    #[api(status = 429, code = "RATE_LIMITED", retry_after = 1)]
    RateLimited,
    #[error("database unreachable")]
    #[api(status = 503)]
    DatabaseDown,
}

async fn user(axum::extract::Path(id): axum::extract::Path<u64>) -> Result<String, AppError> {
    match id {
        1 => Ok("ada".to_owned()),
        7 => Err(AppError::RateLimited),
        13 => Err(AppError::DatabaseDown),
        _ => Err(AppError::UserNotFound(id)),
    }
}

/// OpenTelemetry's default boundaries for `http.server.request.duration`, in seconds.
const BOUNDARIES: [f64; 14] = [
    0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0,
];

/// One series: the count per bucket (the last one past every boundary) and the sum.
#[derive(Default)]
struct Histogram {
    buckets: [u64; BOUNDARIES.len() + 1],
    sum: Duration,
}

/// A series' labels: method, status, and `error.type` when there is one. (A real service adds
/// `http.route` from axum's `MatchedPath`, feature `matched-path`.)
type Labels = (&'static str, u16, Option<String>);

#[derive(Clone, Default)]
struct Metrics(Arc<Mutex<BTreeMap<Labels, Histogram>>>);

impl Metrics {
    fn record(&self, labels: Labels, elapsed: Duration) {
        let mut series = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        let histogram = series.entry(labels).or_default();
        let seconds = elapsed.as_secs_f64();
        let bucket = BOUNDARIES
            .iter()
            .position(|bound| seconds <= *bound)
            .unwrap_or(BOUNDARIES.len());
        histogram.buckets[bucket] += 1;
        histogram.sum += elapsed;
    }
}

/// The timing layer: any error response apierror made carries its `ErrorType`.
async fn time(State(metrics): State<Metrics>, request: Request, next: Next) -> Response {
    let method = match request.method().as_str() {
        "GET" => "GET",
        "POST" => "POST",
        _ => "_OTHER", // OpenTelemetry's value for a method outside the known set: bounded cardinality.
    };
    let start = Instant::now();
    let response = next.run(request).await;
    let status = response.status();
    // OpenTelemetry's HTTP conventions: `error.type` is a component-specific identifier when
    // there is one, else the status code as a string for a 5xx; a success has none. (They set
    // it on a server only for a 5xx; this layer keeps the 4xx codes, which alerts also read.)
    let error_type = match response.extensions().get::<ErrorType>() {
        Some(error) => Some(error.code().to_owned()),
        None if status.is_server_error() => Some(status.as_str().to_owned()),
        None => None,
    };
    metrics.record((method, status.as_u16(), error_type), start.elapsed());
    response
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let metrics = Metrics::default();
    let mut app = Router::new()
        .route("/users/{id}", get(user))
        .route(
            "/crash",
            // A handler's own 500: no apierror glue, no `ErrorType`.
            get(|| async { axum::http::StatusCode::INTERNAL_SERVER_ERROR }),
        )
        .layer(apierror::axum::ErrorContextLayer::new())
        .layer(middleware::from_fn_with_state(metrics.clone(), time));

    // The requests a client would send; the router is called in process, through its layers.
    for path in [
        "/users/1",
        "/users/1",
        "/users/2",
        "/users/3",
        "/users/7",
        "/users/7",
        "/users/13",
        "/crash",
    ] {
        let request = Request::get(path)
            .body(axum::body::Body::empty())
            .expect("a request");
        std::future::poll_fn(|cx| <Router as Service<Request>>::poll_ready(&mut app, cx))
            .await
            .expect("ready");
        let response = app.call(request).await.expect("infallible");
        println!("GET {path:<10} -> {}", response.status());
    }

    println!("\nhttp.server.request.duration");
    let series = metrics.0.lock().unwrap_or_else(PoisonError::into_inner);
    for ((method, status, error_type), histogram) in series.iter() {
        let count: u64 = histogram.buckets.iter().sum();
        println!(
            "  http.request.method={method} http.response.status_code={status} error.type={} \
             count={count} sum={:?}",
            error_type.as_deref().unwrap_or("-"),
            histogram.sum,
        );
    }
    // The series an alert on `error.type="DATABASE_DOWN"` would read.
    assert!(series
        .keys()
        .any(|(_, status, error)| *status == 503 && error.as_deref() == Some("DATABASE_DOWN")));
}
