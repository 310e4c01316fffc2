//! The example app served for real: the operations its OpenAPI document describes, on
//! loopback, with its error catalog and the document itself.
//!
//! ```text
//! cargo run -p apierror --features axum-extract,utoipa --example axum_server
//! PORT=8080 cargo run -p apierror --features axum-extract,utoipa --example axum_server
//! ```
//!
//! It serves `GET /users`, `POST /users` and `GET /users/{id}` (`examples/app/server.rs`,
//! each needing `Authorization: Bearer <any token>`), the catalog at `/errors` (Markdown) and
//! the OpenAPI 3.1 document at `/openapi.json`, which describes exactly those operations and
//! every error they answer. The whole app sits behind `ErrorContextLayer` with
//! `all_errors_as::<AppError>()`: every response carries `x-request-id`, and axum's own errors
//! (an unknown route, a wrong method, a malformed body) answer in the app's Problem envelope.
//!
//! The port is `PORT` from the environment, else the first argument, else 3000 (any free port
//! when 3000 is taken); the first line printed is `listening on http://127.0.0.1:<port>`, for
//! tools that start it. It runs until killed.

mod app;

use std::net::SocketAddr;

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

/// The port asked for: `PORT`, else the first argument; `None` for the default.
fn requested_port() -> Option<u16> {
    std::env::var("PORT")
        .ok()
        .or_else(|| std::env::args().nth(1))
        .and_then(|port| port.trim().parse().ok())
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    // Loopback only. An asked-for port must be free (a tool waits on it); the default 3000
    // falls back to any free port.
    let listener = match requested_port() {
        Some(port) => tokio::net::TcpListener::bind(("127.0.0.1", port)).await?,
        None => match tokio::net::TcpListener::bind("127.0.0.1:3000").await {
            Ok(listener) => listener,
            Err(_) => tokio::net::TcpListener::bind("127.0.0.1:0").await?,
        },
    };
    let addr: SocketAddr = listener.local_addr()?;
    let base = format!("http://{addr}");
    println!("listening on {base}");
    println!("\ntry:\n");
    let auth = "-H 'authorization: Bearer demo'";
    println!("  curl -i {base}/users {auth} -H 'content-type: application/json' -d '{{\"name\":\"ada\"}}'");
    println!("  curl -i {base}/users/1 {auth}");
    println!("  curl -i {base}/users {auth}");
    println!("  curl -i {base}/users/7 {auth}                  # 404 USER_NOT_FOUND");
    println!("  curl -i {base}/users/abc {auth}                # 400 INVALID_PATH");
    println!("  curl -i {base}/users/1                         # 401 UNAUTHORIZED");
    println!("  curl -i {base}/users {auth} -H 'content-type: application/json' -d '{{\"name\":\" \"}}'   # 422 INVALID_USER");
    println!("  curl -i {base}/users {auth} -H 'content-type: application/json' -d '{{\"name\":'      # 400 INVALID_JSON");
    println!("  curl -i -X DELETE {base}/users/1 {auth}        # 405 METHOD_NOT_ALLOWED");
    println!("  curl -i {base}/nowhere                         # 404 ROUTE_NOT_FOUND");
    println!("  curl {base}/errors          # the error catalog");
    println!("  curl {base}/openapi.json    # the OpenAPI 3.1 document");
    println!("\nCtrl-C to stop.");
    let app = app::server::routes()
        .route("/errors", axum::routing::get(errors))
        .route("/openapi.json", axum::routing::get(openapi))
        .layer(apierror::axum::ErrorContextLayer::new().all_errors_as::<app::AppError>());
    axum::serve(listener, app).await
}
