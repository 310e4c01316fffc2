//! Error responses under load: a real axum server and a real actix-web server, each in a child
//! process of its own (so its memory is its own), answering on loopback the derived
//! `IntoResponse` / `ResponseError` next to the same server answering a hand-written serde body,
//! side by side in one run.
//!
//! ```sh
//! cargo bench -p apierror-tests --bench load
//! ```
//!
//! For each server and each response, `CONNECTIONS` keep-alive connections send `GET`s for
//! `APIERROR_LOAD_SECS` seconds (default 2; at most 20 s of load per server) after a quarter of
//! a second of warm-up, in four slices with the derived and hand-written twins taking turns, from one client thread here, while the server runs one worker thread: on a
//! 2-core machine each has a core. The client is raw HTTP/1.1 on a `TcpStream`, responses read
//! with `httparse`, so that the client costs as little as it can. Before any load, every route
//! is checked to answer exactly what its twin answers (status, headers but `date`, body bytes).
//! The servers' resident memory (`VmRSS`) is read before and after the load, and their peak
//! (`VmHWM`) after.

#![allow(missing_docs, clippy::missing_panics_doc)]

use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde::Serialize;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// Concurrent keep-alive connections per measurement.
const CONNECTIONS: usize = 32;
/// Each measurement is split into this many slices, the twins alternating.
const ROUNDS: u32 = 4;
/// The environment variable that makes this binary a server (`axum` or `actix`).
const SERVE: &str = "APIERROR_LOAD_SERVE";
/// The routes: `/derived/<case>` and `/hand/<case>` answer the same bytes.
const CASES: [&str; 2] = ["rate_limited", "invalid_parameters"];

// The wire-format spec's reference error (`tests/vectors/ENVELOPES.md`), declared once for the
// tests, the examples and the benches (`canon!` expects it at the crate root).
#[path = "../../runtime/examples/canon/mod.rs"]
mod canon;

// `Canon` in the `ErrorObject` envelope (seed 005's), and `case`, the value of each vector case.
canon::canon!(apierror::envelope::ErrorObject);

/// The `Canon` a route answers: `rate_limited`, or else `invalid_parameters` (a route never
/// panics on a path it was not written for).
fn canon(name: &str) -> Canon {
    case(if name == "rate_limited" {
        "rate_limited"
    } else {
        "invalid_parameters"
    })
}

/// What a hand-written handler writes instead: a `#[derive(Serialize)]` body borrowing what it
/// can, the message made with `format!` only where it interpolates.
#[derive(Serialize)]
struct HandBody<'a> {
    error: HandError<'a>,
}

#[derive(Serialize)]
struct HandError<'a> {
    code: &'a str,
    message: std::borrow::Cow<'a, str>,
    details: HandDetails<'a>,
}

#[derive(Serialize)]
#[serde(untagged)]
enum HandDetails<'a> {
    Retry {
        retry_after: u64,
    },
    Fields {
        field: &'a str,
        requirement: &'a str,
    },
}

/// The status, the `Retry-After` value if any, and the body of the hand-written response; the
/// handler owns `field`, as it would own a value it validated.
fn hand<'a>(case: &str, field: &'a str) -> (u16, Option<&'static str>, HandBody<'a>) {
    match case {
        "rate_limited" => (
            429,
            Some("5"),
            HandBody {
                error: HandError {
                    code: "RATE_LIMITED",
                    message: "Rate limit exceeded. Please retry after the specified period.".into(),
                    details: HandDetails::Retry { retry_after: 5 },
                },
            },
        ),
        _ => (
            400,
            None,
            HandBody {
                error: HandError {
                    code: "INVALID_PARAMETERS",
                    message: format!("The '{field}' field is required").into(),
                    details: HandDetails::Fields {
                        field,
                        requirement: "required",
                    },
                },
            },
        ),
    }
}

fn main() {
    match std::env::var(SERVE).as_deref() {
        Ok("axum") => serve_axum(),
        Ok("actix") => serve_actix(),
        Ok(other) => panic!("{SERVE}={other}: expected axum or actix"),
        Err(_) => measure(),
    }
}

// ---------------------------------------------------------------------------------------------
// The servers (child processes): print `port <n>`, then serve until killed.

fn announce(addr: SocketAddr) {
    println!("port {}", addr.port());
}

fn serve_axum() {
    use axum::extract::Path;
    use axum::response::{IntoResponse, Response};
    use axum::routing::get;

    async fn derived(Path(case): Path<String>) -> Result<(), Canon> {
        Err(canon(&case))
    }

    async fn handwritten(Path(case): Path<String>) -> Response {
        let field = "role_id".to_owned();
        let (status, retry_after, body) = hand(&case, &field);
        let status = http::StatusCode::from_u16(status).expect("a valid status");
        match retry_after {
            Some(value) => (
                status,
                [(http::header::RETRY_AFTER, value)],
                axum::Json(body),
            )
                .into_response(),
            None => (status, axum::Json(body)).into_response(),
        }
    }

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .expect("the axum server's runtime");
    runtime.block_on(async {
        let app = axum::Router::new()
            .route("/derived/{case}", get(derived))
            .route("/hand/{case}", get(handwritten));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind 127.0.0.1:0 for axum");
        announce(listener.local_addr().expect("axum's address"));
        axum::serve(listener, app).await.expect("the axum server");
    });
}

fn serve_actix() {
    use actix_web::{web, App, HttpResponse, HttpServer};

    async fn derived(case: web::Path<String>) -> Result<HttpResponse, Canon> {
        Err(canon(&case))
    }

    async fn handwritten(case: web::Path<String>) -> HttpResponse {
        let field = "role_id".to_owned();
        let (status, retry_after, body) = hand(&case, &field);
        let status = actix_web::http::StatusCode::from_u16(status).expect("a valid status");
        let mut response = HttpResponse::build(status);
        if let Some(value) = retry_after {
            response.insert_header(("retry-after", value));
        }
        response.json(body)
    }

    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
    announce(listener.local_addr().expect("actix-web's address"));
    actix_web::rt::System::new().block_on(async move {
        HttpServer::new(|| {
            App::new()
                .route("/derived/{case}", web::get().to(derived))
                .route("/hand/{case}", web::get().to(handwritten))
        })
        .workers(1)
        .disable_signals()
        .listen(listener)
        .expect("actix-web listens")
        .run()
        .await
        .expect("the actix-web server");
    });
}

// ---------------------------------------------------------------------------------------------
// The measuring parent.

/// A server in its child process; killed on drop.
struct Server {
    name: &'static str,
    child: Child,
    addr: SocketAddr,
}

impl Server {
    fn start(name: &'static str) -> Self {
        let mut child = Command::new(std::env::current_exe().expect("this binary's path"))
            .env(SERVE, name)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start the server process");
        let stdout = child.stdout.take().expect("the server's stdout");
        let mut line = String::new();
        BufReader::new(stdout)
            .read_line(&mut line)
            .expect("the server announces its port");
        let port: u16 = line
            .trim()
            .strip_prefix("port ")
            .and_then(|port| port.parse().ok())
            .unwrap_or_else(|| panic!("{name} announced {line:?}"));
        Server {
            name,
            child,
            addr: SocketAddr::from(([127, 0, 0, 1], port)),
        }
    }

    /// `VmRSS` and `VmHWM` of the server process, in KiB.
    fn memory(&self) -> (u64, u64) {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))
            .expect("the server's /proc status");
        let field = |key: &str| {
            status
                .lines()
                .find_map(|line| line.strip_prefix(key))
                .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
                .unwrap_or(0)
        };
        (field("VmRSS:"), field("VmHWM:"))
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One response as read off the wire.
#[derive(Debug, PartialEq, Eq)]
struct Wire {
    status: u16,
    /// Every header but `date`, lowercased, sorted.
    headers: Vec<(String, Vec<u8>)>,
    body: Vec<u8>,
}

/// A keep-alive HTTP/1.1 connection sending one request again and again.
struct Connection {
    stream: TcpStream,
    buffer: Vec<u8>,
}

impl Connection {
    async fn open(addr: SocketAddr) -> Self {
        let stream = TcpStream::connect(addr)
            .await
            .expect("connect to the server");
        stream.set_nodelay(true).expect("TCP_NODELAY");
        Connection {
            stream,
            buffer: Vec::with_capacity(4096),
        }
    }

    /// Sends `request` and reads one whole response.
    async fn exchange(&mut self, request: &[u8]) -> Wire {
        self.stream
            .write_all(request)
            .await
            .expect("send a request");
        loop {
            let mut headers = [httparse::EMPTY_HEADER; 16];
            let mut response = httparse::Response::new(&mut headers);
            if let httparse::Status::Complete(head) = response
                .parse(&self.buffer)
                .expect("the server answers HTTP/1.1")
            {
                let status = response.code.expect("a status code");
                let mut kept: Vec<(String, Vec<u8>)> = response
                    .headers
                    .iter()
                    .map(|header| (header.name.to_ascii_lowercase(), header.value.to_vec()))
                    .filter(|(name, _)| name != "date")
                    .collect();
                kept.sort();
                let length: usize = kept
                    .iter()
                    .find(|(name, _)| name == "content-length")
                    .and_then(|(_, value)| std::str::from_utf8(value).ok()?.parse().ok())
                    .expect("a content-length");
                while self.buffer.len() < head + length {
                    self.fill().await;
                }
                let body = self.buffer[head..head + length].to_vec();
                self.buffer.drain(..head + length);
                return Wire {
                    status,
                    headers: kept,
                    body,
                };
            }
            self.fill().await;
        }
    }

    async fn fill(&mut self) {
        let mut chunk = [0; 4096];
        let read = self.stream.read(&mut chunk).await.expect("read a response");
        assert!(read > 0, "the server closed the connection");
        self.buffer.extend_from_slice(&chunk[..read]);
    }
}

fn request(path: &str) -> Vec<u8> {
    format!("GET {path} HTTP/1.1\r\nhost: 127.0.0.1\r\n\r\n").into_bytes()
}

/// Requests answered in `duration` by `CONNECTIONS` connections, each checked against
/// `expected`.
async fn load(addr: SocketAddr, path: &str, expected: &Wire, duration: Duration) -> u64 {
    let request = request(path);
    let deadline = Instant::now() + duration;
    let mut tasks = Vec::with_capacity(CONNECTIONS);
    for _ in 0..CONNECTIONS {
        let (request, path) = (request.clone(), path.to_owned());
        let (status, length) = (expected.status, expected.body.len());
        tasks.push(tokio::spawn(async move {
            let mut connection = Connection::open(addr).await;
            let mut answered = 0_u64;
            while Instant::now() < deadline {
                let wire = connection.exchange(&request).await;
                assert_eq!((wire.status, wire.body.len()), (status, length), "{path}");
                answered += 1;
            }
            answered
        }));
    }
    let mut answered = 0;
    for task in tasks {
        answered += task.await.expect("a load connection");
    }
    answered
}

/// One row of the results.
struct Row {
    server: &'static str,
    case: &'static str,
    derived: f64,
    hand: f64,
}

fn measure() {
    let secs: f64 = std::env::var("APIERROR_LOAD_SECS")
        .ok()
        .and_then(|secs| secs.parse().ok())
        .unwrap_or(2.0);
    // Four measurements of `secs` each per server, plus warm-ups: at most 20 s of load.
    let secs = secs.clamp(0.1, 4.5);
    let duration = Duration::from_secs_f64(secs);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("the client's runtime");

    let mut rows = Vec::new();
    let mut memory = Vec::new();
    for name in ["axum", "actix"] {
        let server = Server::start(name);
        let before = server.memory();
        runtime.block_on(async {
            for case in CASES {
                let derived_path = format!("/derived/{case}");
                let hand_path = format!("/hand/{case}");
                let mut connection = Connection::open(server.addr).await;
                let derived = connection.exchange(&request(&derived_path)).await;
                let hand = connection.exchange(&request(&hand_path)).await;
                assert_eq!(derived, hand, "{name} {case}: the twins answer the same");
                let (status, retry_after, body) = self::hand(case, "role_id");
                let body = serde_json::to_vec(&body).expect("a hand-written body serializes");
                assert_eq!(derived.status, status, "{name} {case}: status");
                assert_eq!(derived.body, body, "{name} {case}: body");
                let has_retry_after = derived.headers.iter().any(|(name, value)| {
                    name == "retry-after"
                        && Some(value.as_slice()) == retry_after.map(str::as_bytes)
                });
                assert_eq!(
                    has_retry_after,
                    retry_after.is_some(),
                    "{name} {case}: retry-after"
                );

                let warm = Duration::from_millis(250);
                load(server.addr, &derived_path, &derived, warm).await;
                load(server.addr, &hand_path, &hand, warm).await;
                // In rounds, the twins taking turns to go first, so that a drift of the
                // machine's speed falls on both.
                let slice = duration / ROUNDS;
                let (mut derived_count, mut hand_count) = (0, 0);
                for round in 0..ROUNDS {
                    if round % 2 == 0 {
                        derived_count += load(server.addr, &derived_path, &derived, slice).await;
                        hand_count += load(server.addr, &hand_path, &hand, slice).await;
                    } else {
                        hand_count += load(server.addr, &hand_path, &hand, slice).await;
                        derived_count += load(server.addr, &derived_path, &derived, slice).await;
                    }
                }
                #[allow(clippy::cast_precision_loss)] // counts far below 2^52
                rows.push(Row {
                    server: server.name,
                    case,
                    derived: derived_count as f64 / secs,
                    hand: hand_count as f64 / secs,
                });
            }
        });
        let after = server.memory();
        memory.push((server.name, before, after));
    }

    println!(
        "{CONNECTIONS} connections, {secs} s per measurement, one server worker thread, one client thread\n"
    );
    println!(
        "| server | response | derived (req/s) | hand-written serde (req/s) | derived ÷ hand |"
    );
    println!("|---|---|---|---|---|");
    for row in &rows {
        println!(
            "| {} | {} | {:.0} | {:.0} | {:.3} |",
            row.server,
            row.case,
            row.derived,
            row.hand,
            row.derived / row.hand
        );
    }
    println!("\n| server | RSS before | RSS after | peak RSS |");
    println!("|---|---|---|---|");
    for (name, (before, _), (after, peak)) in memory {
        println!("| {name} | {before} KiB | {after} KiB | {peak} KiB |");
    }
}
