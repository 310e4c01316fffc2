//! `AnyApiError`: errors of three types, in three envelopes, kept in one `Vec`; each answers
//! through the erased form byte for byte as its own type answers (`apierror::render`, axum's
//! `IntoResponse`, actix-web's `ResponseError`, the `tracing` log line) and as the envelope
//! spec (`tests/vectors/ENVELOPES.md`) writes it; and one is served by a real axum server,
//! negotiated, beside its own type.

use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use apierror::envelope::{ErrorCode, ErrorMessage, Problem, RequestInfo};
use apierror::{AnyApiError, ApiError};

// ---------------------------------------------------------------------------------------------
// Three error types, three envelopes: the Canon enum of ENVELOPES.md, one variant each
// ---------------------------------------------------------------------------------------------

#[derive(Debug, thiserror::Error, ApiError)]
#[api(envelope = Problem, domain = "api.example.com", version = "1.0.0")]
enum Limits {
    #[error("slow down")]
    #[api(
        status = 429,
        code = "RATE_LIMITED",
        message = "Rate limit exceeded. Please retry after the specified period."
    )]
    RateLimited {
        #[api(retry_after)]
        wait: Duration,
    },
}

#[derive(Debug, thiserror::Error, ApiError)]
#[api(envelope = ErrorMessage)]
enum Params {
    #[error("{field} is {requirement}")]
    #[api(
        status = 400,
        code = "INVALID_PARAMETERS",
        message = "The '{field}' field is required"
    )]
    InvalidParameters {
        #[api(detail)]
        field: String,
        #[api(detail)]
        requirement: String,
    },
}

#[derive(Debug, thiserror::Error, ApiError)]
#[api(envelope = ErrorCode)]
enum Storage {
    #[error("storage failed")]
    #[api(status = 500, code = "INTERNAL_ERROR")]
    Internal(#[source] std::io::Error),
}

fn limits() -> Limits {
    Limits::RateLimited {
        wait: Duration::from_secs(5),
    }
}

fn params() -> Params {
    Params::InvalidParameters {
        field: "role_id".to_owned(),
        requirement: "required".to_owned(),
    }
}

fn storage() -> Storage {
    Storage::Internal(std::io::Error::other("db password=hunter2"))
}

/// A response as the tests compare it: status, every header in order, body (bytes that must
/// be UTF-8, kept as text so that a failure reads).
type Parts = (u16, Vec<(String, String)>, String);

fn text(body: &[u8]) -> String {
    String::from_utf8(body.to_vec()).expect("a UTF-8 body")
}

fn parts_of(response: &http::Response<Vec<u8>>) -> Parts {
    (
        response.status().as_u16(),
        headers_of(response.headers()),
        text(response.body()),
    )
}

fn headers_of(headers: &http::HeaderMap) -> Vec<(String, String)> {
    headers
        .iter()
        .map(|(name, value)| {
            (
                name.as_str().to_owned(),
                value.to_str().expect("ASCII header").to_owned(),
            )
        })
        .collect()
}

/// What ENVELOPES.md writes for each of the three, in the order of `errors()`: Problem's
/// `rate_limited`, ErrorMessage's `invalid_parameters`, ErrorCode's `internal` (whose body
/// never shows the io error).
fn expected() -> [Parts; 3] {
    let owned = |headers: &[(&str, &str)]| {
        headers
            .iter()
            .map(|(name, value)| ((*name).to_owned(), (*value).to_owned()))
            .collect::<Vec<_>>()
    };
    [
        (
            429,
            owned(&[
                ("content-type", "application/problem+json"),
                ("retry-after", "5"),
            ]),
            r#"{"type":"about:blank","title":"Too Many Requests","status":429,"detail":"Rate limit exceeded. Please retry after the specified period.","code":"RATE_LIMITED"}"#.to_owned(),
        ),
        (
            400,
            owned(&[("content-type", "application/json")]),
            r#"{"error":"The 'role_id' field is required","code":"INVALID_PARAMETERS","details":{"field":"role_id","requirement":"required"}}"#.to_owned(),
        ),
        (
            500,
            owned(&[("content-type", "application/json")]),
            r#"{"error":"INTERNAL_ERROR","message":"Internal Server Error","status":500}"#.to_owned(),
        ),
    ]
}

/// The three, boxed, in one list.
fn errors() -> Vec<AnyApiError> {
    vec![
        limits().into(),
        params().into(),
        AnyApiError::new(storage()),
    ]
}

// ---------------------------------------------------------------------------------------------
// `render`
// ---------------------------------------------------------------------------------------------

#[test]
fn each_renders_as_its_own_type_and_as_the_spec_writes_it() {
    let request = RequestInfo::new();
    let concrete = [
        apierror::render::<Problem>(&limits(), &request),
        apierror::render::<ErrorMessage>(&params(), &request),
        apierror::render::<ErrorCode>(&storage(), &request),
    ];
    let errors = errors();
    assert_eq!(errors.len(), 3);
    for ((error, concrete), expected) in errors.iter().zip(&concrete).zip(expected()) {
        let erased = parts_of(&error.render(&request));
        assert_eq!(erased, parts_of(concrete), "{error:?}");
        assert_eq!(erased, expected, "{error:?}");
    }
    // The request, when known, reaches the envelope as it does for the type itself.
    let request = RequestInfo::new()
        .with_request_id("req-1")
        .with_path("/limits");
    assert_eq!(
        parts_of(&errors[0].render(&request)),
        parts_of(&apierror::render::<Problem>(&limits(), &request)),
    );
    assert!(text(errors[0].render(&request).body())
        .ends_with(r#""instance":"/limits","code":"RATE_LIMITED"}"#));
}

#[test]
fn the_boxed_error_keeps_its_code_status_message_and_type() {
    let errors = errors();
    let codes: Vec<_> = errors.iter().map(AnyApiError::code).collect();
    assert_eq!(
        codes,
        ["RATE_LIMITED", "INVALID_PARAMETERS", "INTERNAL_ERROR"]
    );
    let statuses: Vec<_> = errors.iter().map(|e| e.status().as_u16()).collect();
    assert_eq!(statuses, [429, 400, 500]);
    assert_eq!(
        errors[1].message().to_string(),
        "The 'role_id' field is required"
    );
    assert_eq!(errors[2].message().to_string(), "Internal Server Error");
    // `Display` is the error's own (a `std::error::Error`), `Debug` too; and it is an error
    // whose source is the boxed error's source.
    assert_eq!(errors[2].to_string(), "storage failed");
    let source = std::error::Error::source(&errors[2]).map(ToString::to_string);
    assert_eq!(source.as_deref(), Some("db password=hunter2"));
    assert!(std::error::Error::source(&errors[0]).is_none());
    assert_eq!(format!("{:?}", errors[1]), format!("{:?}", params()));
    assert!(errors[0].downcast_ref::<Limits>().is_some());
    assert!(errors[0].downcast_ref::<Params>().is_none());
    assert!(matches!(
        errors[2].downcast_ref::<Storage>(),
        Some(Storage::Internal(_))
    ));
}

#[test]
fn a_hand_written_error_renders_in_the_envelope_it_is_given() {
    #[derive(Debug)]
    struct Gone;

    impl ApiError for Gone {
        fn status(&self) -> http::StatusCode {
            http::StatusCode::GONE
        }
        fn code(&self) -> &'static str {
            "GONE"
        }
    }

    let request = RequestInfo::new();
    let erased = AnyApiError::in_envelope::<ErrorCode>(Gone);
    assert_eq!(
        parts_of(&erased.render(&request)),
        parts_of(&apierror::render::<ErrorCode>(&Gone, &request)),
    );
    assert_eq!(
        erased.render(&request).body(),
        br#"{"error":"GONE","message":"Gone","status":410}"#
    );
    // Not a `std::error::Error` that can be seen: its `Display` is the public message.
    assert_eq!(erased.to_string(), "Gone");
}

// ---------------------------------------------------------------------------------------------
// The framework glue, and the log line
// ---------------------------------------------------------------------------------------------

/// A `tracing` writer into a shared buffer, without timestamps, so that two runs of the same
/// log line read the same.
#[derive(Clone, Default)]
struct Log(Arc<Mutex<Vec<u8>>>);

impl Log {
    /// Runs `f` with this log as the thread's subscriber, and returns its result and the lines
    /// written.
    fn capture<R>(f: impl FnOnce() -> R) -> (R, Vec<String>) {
        let log = Log::default();
        let subscriber = tracing_subscriber::fmt()
            .with_max_level(tracing::Level::DEBUG)
            .without_time()
            .with_writer(log.clone())
            .finish();
        let result = tracing::subscriber::with_default(subscriber, f);
        let bytes = log.0.lock().unwrap_or_else(PoisonError::into_inner);
        let lines = String::from_utf8_lossy(&bytes)
            .lines()
            .map(str::to_owned)
            .collect();
        (result, lines)
    }
}

impl std::io::Write for Log {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for Log {
    type Writer = Log;

    fn make_writer(&'a self) -> Log {
        self.clone()
    }
}

async fn axum_parts(response: axum::response::Response) -> Parts {
    let (parts, body) = response.into_parts();
    let body = axum::body::to_bytes(body, usize::MAX).await.expect("body");
    (
        parts.status.as_u16(),
        headers_of(&parts.headers),
        text(&body),
    )
}

#[tokio::test]
async fn axum_answers_and_logs_as_the_type_itself() {
    use axum::response::IntoResponse;

    let concrete: [Box<dyn FnOnce() -> axum::response::Response>; 3] = [
        Box::new(|| limits().into_response()),
        Box::new(|| params().into_response()),
        Box::new(|| storage().into_response()),
    ];
    for ((error, concrete), expected) in errors().into_iter().zip(concrete).zip(expected()) {
        let (own, own_log) = Log::capture(concrete);
        let (erased, erased_log) = Log::capture(|| error.into_response());
        let erased = axum_parts(erased).await;
        assert_eq!(erased, axum_parts(own).await);
        assert_eq!(erased, expected);
        assert_eq!(erased_log, own_log);
        assert_eq!(erased_log.len(), 1, "{erased_log:#?}");
    }
    // The 500's line carries the source chain, which the body never shows.
    let (_, log) = Log::capture(|| AnyApiError::from(storage()).into_response());
    assert!(
        log[0].contains("ERROR")
            && log[0].contains("exception.message=storage failed: db password=hunter2"),
        "{log:#?}"
    );
}

#[tokio::test]
async fn actix_answers_and_logs_as_the_type_itself() {
    use actix_web::ResponseError;

    /// The headers sorted: actix-web's map iterates in an order of its own, not the insertion
    /// order (two maps with the same headers may iterate differently).
    async fn actix_parts(response: actix_web::HttpResponse) -> Parts {
        let status = response.status().as_u16();
        let mut headers: Vec<_> = response
            .headers()
            .iter()
            .map(|(name, value)| {
                (
                    name.as_str().to_owned(),
                    value.to_str().expect("ASCII header").to_owned(),
                )
            })
            .collect();
        headers.sort();
        let body = actix_web::body::to_bytes(response.into_body())
            .await
            .unwrap_or_default();
        (status, headers, text(&body))
    }

    let own: [&dyn ResponseError; 3] = [&limits(), &params(), &storage()];
    for ((error, own), expected) in errors().iter().zip(own).zip(expected()) {
        assert_eq!(error.status_code(), own.status_code());
        let (own, own_log) = Log::capture(|| own.error_response());
        let (erased, erased_log) = Log::capture(|| error.error_response());
        let erased = actix_parts(erased).await;
        assert_eq!(erased, actix_parts(own).await);
        let (expected_status, mut expected_headers, expected_body) = expected;
        expected_headers.sort();
        assert_eq!(erased, (expected_status, expected_headers, expected_body));
        assert_eq!(erased_log, own_log);
        assert_eq!(erased_log.len(), 1, "{erased_log:#?}");
    }
}

// ---------------------------------------------------------------------------------------------
// Served: a real axum server on 127.0.0.1:0
// ---------------------------------------------------------------------------------------------

/// A type that negotiates: `Accept` may choose Problem instead of its own `ErrorObject`.
#[derive(Debug, thiserror::Error, ApiError)]
#[api(negotiate)]
enum Users {
    #[error("user {id} not found")]
    #[api(status = 404)]
    UserNotFound {
        #[api(detail)]
        id: u64,
    },
}

async fn own() -> Result<&'static str, Users> {
    Err(Users::UserNotFound { id: 7 })
}

/// The same error, boxed by `?` into the handler's `AnyApiError`.
async fn erased() -> Result<&'static str, AnyApiError> {
    own().await?;
    Ok("unreachable")
}

/// `GET /users/7`: the error itself, or boxed when the request says `x-via: erased`: one path,
/// since Problem's `instance` shows it.
async fn user(headers: http::HeaderMap) -> axum::response::Response {
    use axum::response::IntoResponse;
    if headers.get("x-via").is_some_and(|via| via == "erased") {
        erased().await.into_response()
    } else {
        own().await.into_response()
    }
}

/// Binds 127.0.0.1:0 and serves `app` on the test's runtime; the task ends with the test.
async fn serve(app: axum::Router) -> std::net::SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind 127.0.0.1:0");
    let addr = listener.local_addr().expect("local address");
    tokio::spawn(async move { axum::serve(listener, app).await.expect("axum server") });
    addr
}

/// Status, headers (but `date`, which is the clock's) and body of `GET /users/7`.
async fn get(addr: std::net::SocketAddr, via: &str, accept: Option<&str>) -> Parts {
    let client = reqwest::Client::builder()
        .no_proxy()
        .timeout(Duration::from_secs(30))
        .build()
        .expect("reqwest client");
    let mut request = client
        .get(format!("http://{addr}/users/7"))
        .header("x-via", via)
        .header("x-request-id", "erased-1");
    if let Some(accept) = accept {
        request = request.header("accept", accept);
    }
    let response = request.send().await.expect("request");
    let status = response.status().as_u16();
    let headers = headers_of(response.headers())
        .into_iter()
        .filter(|(name, _)| name != "date")
        .collect();
    let body = text(&response.bytes().await.expect("body"));
    (status, headers, body)
}

#[tokio::test]
async fn served_by_axum_with_negotiation_as_the_type_itself() {
    let app = axum::Router::new()
        .route("/users/7", axum::routing::get(user))
        .layer(apierror::axum::ErrorContextLayer::new());
    let addr = serve(app).await;

    let problem = r#"{"type":"about:blank","title":"Not Found","status":404,"detail":"user 7 not found","instance":"/users/7","code":"USER_NOT_FOUND","id":7}"#;
    let object =
        r#"{"error":{"code":"USER_NOT_FOUND","message":"user 7 not found","details":{"id":7}}}"#;
    for (accept, content_type, body) in [
        (
            Some("application/problem+json"),
            "application/problem+json",
            problem,
        ),
        (None, "application/json", object),
    ] {
        let erased = get(addr, "erased", accept).await;
        assert_eq!(erased, get(addr, "own", accept).await, "{accept:?}");
        let expected_headers = [
            ("content-type", content_type.to_owned()),
            ("vary", "Accept".to_owned()),
            ("x-request-id", "erased-1".to_owned()),
            ("content-length", body.len().to_string()),
        ];
        let (status, mut headers, served) = erased;
        headers.sort();
        let mut expected_headers: Vec<_> = expected_headers
            .into_iter()
            .map(|(name, value)| (name.to_owned(), value))
            .collect();
        expected_headers.sort();
        assert_eq!(
            (status, headers, served),
            (404, expected_headers, body.to_owned()),
            "{accept:?}"
        );
    }
}
