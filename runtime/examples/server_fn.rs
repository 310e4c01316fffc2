//! One error type for Leptos server functions: an axum server whose server function returns
//! the derived `AppError`, answered in its envelope with its own status, and `server_fn`'s own
//! client, which reads each error back into `AppError`. Everything runs on loopback.
//!
//! Run with `cargo run -p apierror --features server_fn --example server_fn`.
//!
//! In a Leptos app, `#[server]` writes the `ServerFn` impl below and registers it; here it is
//! written by hand and registered with `register_explicit`, which is all the macro does around
//! the body, so the example needs no features of the macro crate.

use std::time::Duration;

use apierror::server_fn::{ErrorStatusLayer, Failure};
use axum::routing::post;
use axum::Router;
use server_fn::ServerFn as _;

/// The API's errors, in the default envelope (`ErrorObject`, whose body carries the retry
/// delay, so the client rebuilds `RateLimited` too); `ServerFn` holds what `server_fn` itself
/// fails with.
#[derive(Debug, PartialEq, thiserror::Error, apierror::ApiError)]
enum AppError {
    #[error("user {id} not found")]
    #[api(status = 404)]
    UserNotFound {
        #[api(detail)]
        id: u64,
    },
    #[error("slow down")]
    #[api(status = 429, code = "RATE_LIMITED")]
    RateLimited {
        #[api(retry_after)]
        wait: Duration,
    },
    #[error(transparent)]
    #[api(server_fn)]
    ServerFn(#[from] Failure),
}

/// `get_user(id)`: what `#[server] async fn get_user(id: u64) -> Result<String, AppError>`
/// generates.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
struct GetUser {
    id: u64,
}

impl server_fn::ServerFn for GetUser {
    const PATH: &'static str = "/api/get_user";
    type Client = server_fn::client::reqwest::ReqwestClient;
    type Server = server_fn::axum::AxumServerFnBackend;
    type Protocol = server_fn::Http<server_fn::codec::Json, server_fn::codec::Json>;
    type Output = String;
    type Error = AppError;
    type InputStreamError = AppError;
    type OutputStreamError = AppError;

    async fn run_body(self) -> Result<String, AppError> {
        match self.id {
            1 => Ok("ada".to_owned()),
            0 => Err(AppError::RateLimited {
                wait: Duration::from_secs(5),
            }),
            id => Err(AppError::UserNotFound { id }),
        }
    }
}

#[tokio::main]
async fn main() {
    server_fn::axum::register_explicit::<GetUser>();
    let app = Router::new()
        .route("/api/{*fn_name}", post(server_fn::axum::handle_server_fn))
        // The one line: each error's own status and headers, not server_fn's 500.
        .layer(ErrorStatusLayer::new());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind 127.0.0.1:0");
    let base = format!("http://{}", listener.local_addr().expect("local address"));
    tokio::spawn(async move { axum::serve(listener, app).await.expect("the server") });

    // What goes over the wire: a plain HTTP client sees an ordinary error response.
    let http = server_fn::request::reqwest::Client::new();
    for id in [7, 0] {
        let response = http
            .post(format!("{base}/api/get_user"))
            .header("content-type", "application/json")
            .body(format!(r#"{{"id":{id}}}"#))
            .send()
            .await
            .expect("a response");
        let status = response.status();
        let retry_after = response.headers().get("retry-after").cloned();
        let body = response.text().await.expect("a body");
        println!(
            "POST /api/get_user {{\"id\":{id}}} -> {status} retry-after {retry_after:?}\n  {body}"
        );
    }

    // server_fn's client: the same values come back.
    server_fn::client::set_server_url(Box::leak(base.into_boxed_str()));
    for id in [1, 7, 0] {
        let result = GetUser { id }.run_on_client().await;
        println!("get_user({id}) = {result:?}");
    }
    assert_eq!(
        GetUser { id: 7 }.run_on_client().await,
        Err(AppError::UserNotFound { id: 7 })
    );
    assert_eq!(
        GetUser { id: 0 }.run_on_client().await,
        Err(AppError::RateLimited {
            wait: Duration::from_secs(5)
        })
    );
}
