//! Leptos server functions (`server_fn` 0.8) both ways: a real axum server on 127.0.0.1:0 serving
//! server functions whose error is a derived type with an `#[api(server_fn)]` variant, behind
//! `apierror::server_fn::ErrorStatusLayer`, and `server_fn`'s own reqwest client calling them.
//!
//! `server_fn`'s client reads the server's address from one process-wide setting
//! (`server_fn::client::set_server_url`, settable once), so the tests share one server, started
//! on first use on a thread and runtime of its own. The server functions are registered
//! explicitly (`register_explicit`), as on a platform without `inventory`; their `ServerFn`
//! impls are written by hand (`server_fn!` below) rather than by `#[server]`, whose server or
//! client half depends on the features of the macro crate.

mod envelopes;
mod failures;

use std::sync::OnceLock;

use axum::routing::post;
use axum::Router;

use crate::support::{Received, VectorCase, VectorFile};

/// A `ServerFn` taking `{ "case": "..." }` as JSON and answering a `String` as JSON, at `$path`,
/// with `$error` as its error, `$body` its body (`self` is the input).
macro_rules! server_fn {
    ($(#[$doc:meta])* $name:ident at $path:literal, $error:ty, |$input:ident| $body:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
        pub struct $name {
            pub case: String,
        }

        impl $name {
            #[allow(dead_code)] // the server's own functions are called by raw requests only
            pub fn new(case: &str) -> Self {
                $name {
                    case: case.to_owned(),
                }
            }
        }

        impl server_fn::ServerFn for $name {
            const PATH: &'static str = $path;
            type Client = server_fn::client::reqwest::ReqwestClient;
            type Server = server_fn::axum::AxumServerFnBackend;
            type Protocol = server_fn::Http<server_fn::codec::Json, server_fn::codec::Json>;
            type Output = String;
            type Error = $error;
            type InputStreamError = $error;
            type OutputStreamError = $error;

            async fn run_body(self) -> Result<String, $error> {
                let $input = self;
                $body
            }
        }
    };
}

pub(crate) use server_fn;

/// The shared server's base URL, starting it (and registering every server function) on first
/// use.
pub fn base() -> &'static str {
    static BASE: OnceLock<&'static str> = OnceLock::new();
    BASE.get_or_init(|| {
        envelopes::register();
        failures::register();
        let (sender, receiver) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(1)
                .enable_all()
                .build()
                .expect("the server's runtime");
            runtime.block_on(async move {
                let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
                    .await
                    .expect("bind 127.0.0.1:0");
                sender
                    .send(listener.local_addr().expect("local address"))
                    .expect("the address reaches the tests");
                axum::serve(listener, app()).await.expect("the server");
            });
        });
        let addr = receiver.recv().expect("the server starts");
        let base: &'static str = Box::leak(format!("http://{addr}").into_boxed_str());
        server_fn::client::set_server_url(base);
        base
    })
}

/// The server functions, and one plain route answering garbage as a server function's error.
fn app() -> Router {
    Router::new()
        .route("/api/{*fn_name}", post(server_fn::axum::handle_server_fn))
        .route("/raw/garbage", post(failures::garbage))
        // The one line: the error's own status and headers instead of server_fn's 500.
        .layer(apierror::server_fn::ErrorStatusLayer::new())
}

/// Posts `body` (JSON) to the server function at `path` with a plain reqwest client, reading
/// the whole response, and checks that it is `server_fn`'s error response (its `serverfnerror`
/// header names the path), which it then leaves out, so that the rest compares with a vector.
pub async fn post_raw(path: &str, body: &str) -> Received {
    let response = crate::servers::client()
        .post(format!("{}{path}", base()))
        .header("content-type", "application/json")
        .header("accept", "application/json")
        .body(body.to_owned())
        .send()
        .await
        .expect("a response");
    let status = response.status().as_u16();
    let mut headers: Vec<(String, Vec<u8>)> = response
        .headers()
        .iter()
        .map(|(n, v)| (n.as_str().to_owned(), v.as_bytes().to_vec()))
        .collect();
    let body = response.bytes().await.expect("the body").to_vec();
    let marker = headers
        .iter()
        .position(|(name, _)| name == "serverfnerror")
        .unwrap_or_else(|| panic!("no serverfnerror header: {headers:?}"));
    assert_eq!(headers.remove(marker).1, path.as_bytes());
    Received {
        status,
        headers,
        body,
    }
}

/// The vector file of `envelope`.
pub fn vectors(envelope: &str) -> VectorFile {
    crate::support::load_implemented_vectors()
        .into_iter()
        .find(|file| file.envelope == envelope)
        .unwrap_or_else(|| panic!("no vector file for {envelope}"))
}

/// The case `name` of `file`.
pub fn case<'f>(file: &'f VectorFile, name: &str) -> &'f VectorCase {
    file.cases
        .iter()
        .find(|case| case.case == name)
        .unwrap_or_else(|| panic!("no case {name} for {}", file.envelope))
}
