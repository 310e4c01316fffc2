//! Real servers on 127.0.0.1:0 for the integration tests: axum on the test's own tokio
//! runtime, actix-web on its own system in its own thread. Each area that starts servers
//! imports `crate::servers`.

use std::net::SocketAddr;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceFactory, ServiceRequest, ServiceResponse};

/// An axum server on 127.0.0.1, on the current tokio runtime; aborted on drop.
pub struct AxumServer {
    pub addr: SocketAddr,
    task: tokio::task::JoinHandle<()>,
}

impl AxumServer {
    /// Binds 127.0.0.1:0 and serves `app`.
    ///
    /// # Panics
    ///
    /// If the port cannot be bound.
    pub async fn start(app: axum::Router) -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind 127.0.0.1:0 for axum");
        let addr = listener.local_addr().expect("axum local address");
        let task = tokio::spawn(async move {
            axum::serve(listener, app).await.expect("axum server");
        });
        AxumServer { addr, task }
    }

    /// `http://127.0.0.1:<port>`.
    pub fn base(&self) -> String {
        format!("http://{}", self.addr)
    }
}

impl Drop for AxumServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// An actix-web server on 127.0.0.1 with one worker, on its own actix system in its own thread.
pub struct ActixServer {
    pub addr: SocketAddr,
    handle: actix_web::dev::ServerHandle,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl ActixServer {
    /// Binds 127.0.0.1:0 and serves the app `app` builds (once per worker).
    ///
    /// # Panics
    ///
    /// If the server cannot be bound or started.
    pub fn start<F, T, B>(app: F) -> Self
    where
        F: Fn() -> actix_web::App<T> + Send + Clone + 'static,
        T: ServiceFactory<
                ServiceRequest,
                Config = (),
                Response = ServiceResponse<B>,
                Error = actix_web::Error,
                InitError = (),
            > + 'static,
        B: MessageBody + 'static,
    {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
        let addr = listener.local_addr().expect("actix local address");
        let (sender, receiver) = std::sync::mpsc::channel();
        let thread = std::thread::Builder::new()
            .name("actix-web server".to_owned())
            .spawn(move || {
                actix_web::rt::System::new().block_on(async move {
                    let server = actix_web::HttpServer::new(app)
                        .workers(1)
                        .disable_signals()
                        .shutdown_timeout(1)
                        .listen(listener)
                        .expect("actix-web listen")
                        .run();
                    sender
                        .send(server.handle())
                        .expect("send the server handle");
                    server.await.expect("actix-web server");
                });
            })
            .expect("spawn the actix-web thread");
        let handle = receiver.recv().expect("the actix-web server started");
        ActixServer {
            addr,
            handle,
            thread: Some(thread),
        }
    }

    /// `http://127.0.0.1:<port>`.
    pub fn base(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Stops the server gracefully and waits for its thread.
    pub async fn stop(mut self) {
        self.handle.stop(true).await;
        if let Some(thread) = self.thread.take() {
            tokio::task::spawn_blocking(move || thread.join())
                .await
                .expect("join the actix-web thread")
                .expect("the actix-web thread panicked");
        }
    }
}

/// A client for the servers above: no proxy (every request stays on loopback), and a 30 s
/// timeout, so a server that never answers fails the test instead of hanging it.
pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .no_proxy()
        .timeout(std::time::Duration::from_secs(30))
        .build()
        .expect("reqwest client")
}

/// One response as received: the status, every header in order (a repeated one repeated), the
/// body bytes.
pub struct Received {
    pub status: u16,
    pub headers: Vec<(String, Vec<u8>)>,
    pub body: Vec<u8>,
}

impl Received {
    /// Sends `request` and reads the whole response.
    ///
    /// # Panics
    ///
    /// If no response comes (a dropped connection), or its body breaks off.
    pub async fn of(request: reqwest::RequestBuilder) -> Received {
        let response = request
            .send()
            .await
            .unwrap_or_else(|error| panic!("no response (a dropped connection?): {error}"));
        let status = response.status().as_u16();
        let headers = response
            .headers()
            .iter()
            .map(|(n, v)| (n.as_str().to_owned(), v.as_bytes().to_vec()))
            .collect();
        let body = response
            .bytes()
            .await
            .unwrap_or_else(|error| panic!("the body broke off: {error}"))
            .to_vec();
        Received {
            status,
            headers,
            body,
        }
    }

    /// The one value of header `name`.
    ///
    /// # Panics
    ///
    /// If the header is absent or repeated, or not UTF-8.
    pub fn header(&self, name: &str) -> &str {
        let values = self.values(name);
        assert_eq!(values.len(), 1, "header {name} in {self:?}");
        values[0]
    }

    /// Every value of header `name`, in order.
    ///
    /// # Panics
    ///
    /// If a value is not UTF-8.
    pub fn values(&self, name: &str) -> Vec<&str> {
        self.headers
            .iter()
            .filter(|(n, _)| n == name)
            .map(|(_, v)| std::str::from_utf8(v).expect("a UTF-8 header"))
            .collect()
    }

    /// Whether header `name` is there.
    pub fn has_header(&self, name: &str) -> bool {
        self.headers.iter().any(|(n, _)| n == name)
    }

    /// The body as text.
    ///
    /// # Panics
    ///
    /// If it is not UTF-8.
    pub fn text(&self) -> &str {
        std::str::from_utf8(&self.body).expect("a UTF-8 body")
    }

    /// The body as JSON.
    ///
    /// # Panics
    ///
    /// If it is not JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).expect("a JSON body")
    }
}

impl std::fmt::Debug for Received {
    /// Headers and body as text, to read a failure.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let headers: Vec<String> = self
            .headers
            .iter()
            .map(|(n, v)| format!("{n}: {}", String::from_utf8_lossy(v)))
            .collect();
        f.debug_struct("Received")
            .field("status", &self.status)
            .field("headers", &headers)
            .field("body", &String::from_utf8_lossy(&self.body))
            .finish()
    }
}
