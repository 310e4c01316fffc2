//! Framework rejections in the API's own envelope: `apierror::Rejection`, axum's
//! `apierror::axum::{Json, Query, Path}` and actix-web's `apierror::actix::*_config`.
//!
//! The servers are real: bound on 127.0.0.1:0, started inside the test, asked with reqwest.
//! Every expected body is written by hand from `tests/vectors/ENVELOPES.md`'s rules for `ErrorFlag` and
//! `ErrorObject`, around the framework's own explanation (the texts axum's `body_text()` and
//! actix-web's `Display` give, which the frameworks have kept stable), JSON-escaped by hand.

mod servers;

use std::time::Duration;

use apierror::{ApiError, Rejection};
use serde::Deserialize;
use servers::{ActixServer, AxumServer};

// ---------------------------------------------------------------------------------------------
// The user's error types: one per envelope, each taking rejections in transparently
// ---------------------------------------------------------------------------------------------

#[derive(Debug, thiserror::Error, apierror::ApiError)]
#[api(envelope = apierror::envelope::ErrorFlag)]
enum FlagError {
    #[error(transparent)]
    #[api(transparent)]
    Rejected(#[from] Rejection),
    #[error("user {0} not found")]
    #[api(status = 404)]
    UserNotFound(u32),
}

#[derive(Debug, thiserror::Error, apierror::ApiError)]
enum ObjectError {
    #[error(transparent)]
    #[api(transparent)]
    Rejected(#[from] Rejection),
    #[error("user {0} not found")]
    #[api(status = 404)]
    UserNotFound(u32),
}

/// What the generic handlers need of the error type besides the framework traits.
trait AppError: From<Rejection> + Send + 'static {
    fn user_not_found(id: u32) -> Self;
    /// The body `tests/vectors/ENVELOPES.md` gives for `code` and `message` (already JSON-escaped), no
    /// details, no retry delay, no request id.
    fn body(code: &str, message: &str) -> String;
}

impl AppError for FlagError {
    fn user_not_found(id: u32) -> Self {
        FlagError::UserNotFound(id)
    }
    fn body(code: &str, message: &str) -> String {
        format!(r#"{{"error":true,"message":"{message}","code":"{code}"}}"#)
    }
}

impl AppError for ObjectError {
    fn user_not_found(id: u32) -> Self {
        ObjectError::UserNotFound(id)
    }
    fn body(code: &str, message: &str) -> String {
        format!(r#"{{"error":{{"code":"{code}","message":"{message}"}}}}"#)
    }
}

#[derive(Debug, Deserialize)]
struct NewUser {
    name: String,
    age: u32,
}

#[derive(Debug, Deserialize)]
struct Search {
    q: String,
    page: Option<u32>,
}

/// The limit of `/small`, whose requests the cases send 64 bytes to.
const SMALL_LIMIT: usize = 32;
const BIG_BODY: &str = r#"{"name":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","age":1}"#;

// ---------------------------------------------------------------------------------------------
// The requests and what each framework answers
// ---------------------------------------------------------------------------------------------

#[derive(Clone, Copy, Debug)]
enum Method {
    Get,
    Post,
}

/// One request and the response expected from it.
#[derive(Debug)]
struct Case {
    name: &'static str,
    method: Method,
    path: &'static str,
    content_type: Option<&'static str>,
    body: &'static str,
    expected: Expected,
}

#[derive(Debug)]
enum Expected {
    /// A success with this `text/plain` body.
    Ok(&'static str),
    /// An error: status, code and the message as it stands in JSON (escaped).
    Error(u16, &'static str, String),
}

const JSON: Option<&str> = Some("application/json");
const GOOD_USER: &str = r#"{"name":"ann","age":30}"#;
const TRUNCATED: &str = r#"{"name":"ann","age":"#;
const WRONG_SHAPE: &str = r#"{"name":"ann","age":"old"}"#;
const MISSING_FIELD: &str = r#"{"name":"ann"}"#;

fn get(name: &'static str, path: &'static str, expected: Expected) -> Case {
    Case {
        name,
        method: Method::Get,
        path,
        content_type: None,
        body: "",
        expected,
    }
}

fn post(
    name: &'static str,
    content_type: Option<&'static str>,
    body: &'static str,
    expected: Expected,
) -> Case {
    post_to(name, "/users", content_type, body, expected)
}

fn post_to(
    name: &'static str,
    path: &'static str,
    content_type: Option<&'static str>,
    body: &'static str,
    expected: Expected,
) -> Case {
    Case {
        name,
        method: Method::Post,
        path,
        content_type,
        body,
        expected,
    }
}

fn error(status: u16, code: &'static str, message: impl Into<String>) -> Expected {
    Expected::Error(status, code, message.into())
}

fn good_cases() -> Vec<Case> {
    vec![
        post("a good body", JSON, GOOD_USER, Expected::Ok("ann is 30")),
        get(
            "a good query",
            "/search?q=rust&page=2",
            Expected::Ok("rust, page 2"),
        ),
        get("a good path", "/users/7", Expected::Ok("user 7")),
        get(
            "the handler's own error, next to the rejections",
            "/users/404",
            error(404, "USER_NOT_FOUND", "user 404 not found"),
        ),
    ]
}

/// axum's statuses and `body_text()`s: `serde_path_to_error` prefixes the failing field.
fn axum_cases() -> Vec<Case> {
    const SYNTAX: &str = "Failed to parse the request body as JSON: ";
    const DATA: &str = "Failed to deserialize the JSON body into the target type: ";
    const MEDIA: &str = "Expected request with `Content-Type: application/json`";
    let mut cases = good_cases();
    cases.extend(axum_query_and_path_cases());
    cases.extend([
        post(
            "a malformed JSON body",
            JSON,
            TRUNCATED,
            error(
                400,
                "INVALID_JSON",
                format!("{SYNTAX}age: EOF while parsing a value at line 1 column 20"),
            ),
        ),
        post(
            "a body that is not JSON at all",
            JSON,
            "not json",
            error(
                400,
                "INVALID_JSON",
                format!("{SYNTAX}expected ident at line 1 column 2"),
            ),
        ),
        post(
            "a well-formed body of the wrong shape",
            JSON,
            WRONG_SHAPE,
            error(
                422,
                "INVALID_JSON_DATA",
                format!(
                    r#"{DATA}age: invalid type: string \"old\", expected u32 at line 1 column 25"#
                ),
            ),
        ),
        post(
            "a body missing a field",
            JSON,
            MISSING_FIELD,
            error(
                422,
                "INVALID_JSON_DATA",
                format!("{DATA}missing field `age` at line 1 column 14"),
            ),
        ),
        post(
            "a missing content type",
            None,
            GOOD_USER,
            error(415, "UNSUPPORTED_MEDIA_TYPE", MEDIA),
        ),
        post(
            "a content type that is not JSON",
            Some("text/plain"),
            GOOD_USER,
            error(415, "UNSUPPORTED_MEDIA_TYPE", MEDIA),
        ),
        post_to(
            "a body over the limit",
            "/small",
            JSON,
            BIG_BODY,
            error(
                413,
                "PAYLOAD_TOO_LARGE",
                "Failed to buffer the request body: length limit exceeded",
            ),
        ),
    ]);
    cases
}

/// axum's query and path rejections.
fn axum_query_and_path_cases() -> Vec<Case> {
    const QUERY: &str = "Failed to deserialize query string: ";
    vec![
        get(
            "a missing query parameter",
            "/search",
            error(400, "INVALID_QUERY", format!("{QUERY}missing field `q`")),
        ),
        get(
            "a malformed query parameter",
            "/search?q=rust&page=two",
            error(
                400,
                "INVALID_QUERY",
                format!("{QUERY}page: invalid digit found in string"),
            ),
        ),
        get(
            "a bad path parameter",
            "/users/abc",
            error(
                400,
                "INVALID_PATH",
                "Invalid URL: Cannot parse `abc` to a `u32`",
            ),
        ),
        // axum's 500 for an extractor that does not fit its route: the explanation is the
        // server's own mistake, so only the reason phrase goes out.
        get(
            "a Path extractor that does not fit the route",
            "/pair/7",
            error(500, "INTERNAL_ERROR", "Internal Server Error"),
        ),
    ]
}

/// actix-web's statuses (400 for every JSON problem but the size) and `Display`s.
fn actix_cases() -> Vec<Case> {
    const JSON_ERROR: &str = "Json deserialize error: ";
    let mut cases = good_cases();
    cases.extend(actix_query_and_path_cases());
    cases.extend([
        post(
            "a malformed JSON body",
            JSON,
            TRUNCATED,
            error(
                400,
                "INVALID_JSON",
                format!("{JSON_ERROR}EOF while parsing a value at line 1 column 20"),
            ),
        ),
        post(
            "a body that is not JSON at all",
            JSON,
            "not json",
            error(
                400,
                "INVALID_JSON",
                format!("{JSON_ERROR}expected ident at line 1 column 2"),
            ),
        ),
        post(
            "a well-formed body of the wrong shape",
            JSON,
            WRONG_SHAPE,
            error(
                400,
                "INVALID_JSON_DATA",
                format!(
                    r#"{JSON_ERROR}invalid type: string \"old\", expected u32 at line 1 column 25"#
                ),
            ),
        ),
        post(
            "a body missing a field",
            JSON,
            MISSING_FIELD,
            error(
                400,
                "INVALID_JSON_DATA",
                format!("{JSON_ERROR}missing field `age` at line 1 column 14"),
            ),
        ),
        post(
            "a missing content type",
            None,
            GOOD_USER,
            error(400, "UNSUPPORTED_MEDIA_TYPE", "Content type error"),
        ),
        post(
            "a content type that is not JSON",
            Some("text/plain"),
            GOOD_USER,
            error(400, "UNSUPPORTED_MEDIA_TYPE", "Content type error"),
        ),
        post_to(
            "a body over the limit",
            "/small",
            JSON,
            BIG_BODY,
            error(
                413,
                "PAYLOAD_TOO_LARGE",
                "JSON payload (64 bytes) is larger than allowed (limit: 32 bytes).",
            ),
        ),
    ]);
    cases
}

/// actix-web's query and path errors.
fn actix_query_and_path_cases() -> Vec<Case> {
    const QUERY: &str = "Query deserialize error: ";
    const PATH: &str = "Path deserialize error: ";
    vec![
        get(
            "a missing query parameter",
            "/search",
            error(400, "INVALID_QUERY", format!("{QUERY}missing field `q`")),
        ),
        get(
            "a malformed query parameter",
            "/search?q=rust&page=two",
            error(
                400,
                "INVALID_QUERY",
                format!("{QUERY}invalid digit found in string"),
            ),
        ),
        get(
            "a bad path parameter",
            "/users/abc",
            error(
                400,
                "INVALID_PATH",
                format!(r#"{PATH}can not parse \"abc\" to a u32"#),
            ),
        ),
        // actix-web reports a tuple longer than the route's parameters as a 400.
        get(
            "a Path extractor that does not fit the route",
            "/pair/7",
            error(
                400,
                "INVALID_PATH",
                format!("{PATH}wrong number of parameters: 1 expected 2"),
            ),
        ),
    ]
}

// ---------------------------------------------------------------------------------------------
// Sending the cases
// ---------------------------------------------------------------------------------------------

/// Headers the servers add to every response (or, for actix-web's `connection: close`, to
/// every response sent before the body was read): not the error glue's.
const SERVER_HEADERS: [&str; 3] = ["content-length", "date", "connection"];

/// Sends every case to `base`, and fails with every difference, each naming its case.
async fn check<E: AppError>(framework: &str, base: &str, cases: &[Case]) {
    assert_eq!(BIG_BODY.len(), 64);
    let client = reqwest::Client::builder()
        .no_proxy()
        .timeout(Duration::from_secs(30))
        .build()
        .expect("reqwest client");
    let mut failures = Vec::new();
    for case in cases {
        let context = format!(
            "[{framework}, {}] {} ({:?} {})",
            std::any::type_name::<E>(),
            case.name,
            case.method,
            case.path
        );
        let url = format!("{base}{}", case.path);
        let mut request = match case.method {
            Method::Get => client.get(&url),
            Method::Post => client.post(&url).body(case.body),
        };
        if let Some(content_type) = case.content_type {
            request = request.header("content-type", content_type);
        }
        let response = match request.send().await {
            Ok(response) => response,
            Err(e) => {
                failures.push(format!("{context}: request failed: {e}"));
                continue;
            }
        };
        let status = response.status().as_u16();
        let mut headers: Vec<(String, String)> = response
            .headers()
            .iter()
            // The server's own: `date` and `content-length` on every response, and actix-web's
            // `connection: close` when it answers before reading the whole body.
            .filter(|(name, _)| !SERVER_HEADERS.contains(&name.as_str()))
            .map(|(name, value)| {
                (
                    name.as_str().to_owned(),
                    String::from_utf8_lossy(value.as_bytes()).into_owned(),
                )
            })
            .collect();
        headers.sort();
        let body = response.bytes().await.map(|bytes| bytes.to_vec());
        let Ok(body) = body else {
            failures.push(format!("{context}: reading the body failed"));
            continue;
        };
        let (want_status, want_type, want_body) = match &case.expected {
            Expected::Ok(text) => (200, "text/plain; charset=utf-8", (*text).to_owned()),
            Expected::Error(status, code, message) => {
                (*status, "application/json", E::body(code, message))
            }
        };
        let want_headers = vec![("content-type".to_owned(), want_type.to_owned())];
        if (status, &headers, body.as_slice()) != (want_status, &want_headers, want_body.as_bytes())
        {
            let got = String::from_utf8_lossy(&body);
            failures.push(format!(
                "{context}:\n  expected {want_status} {want_headers:?}\n    {want_body}\n  \
                 got      {status} {headers:?}\n    {got}"
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} responses differ:\n\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n\n")
    );
}

// ---------------------------------------------------------------------------------------------
// axum
// ---------------------------------------------------------------------------------------------

mod axum_app {
    use apierror::axum::{Json, Path, Query};
    use axum::response::IntoResponse;

    use super::{AppError, NewUser, Search, SMALL_LIMIT};

    async fn create<E>(Json(user, _): Json<NewUser, E>) -> String
    where
        E: AppError + IntoResponse,
    {
        format!("{} is {}", user.name, user.age)
    }

    async fn search<E>(Query(search, _): Query<Search, E>) -> String
    where
        E: AppError + IntoResponse,
    {
        format!("{}, page {}", search.q, search.page.unwrap_or(1))
    }

    async fn user<E>(Path(id, _): Path<u32, E>) -> Result<String, E>
    where
        E: AppError + IntoResponse,
    {
        if id == 404 {
            return Err(E::user_not_found(id));
        }
        Ok(format!("user {id}"))
    }

    async fn pair<E>(Path((a, b), _): Path<(u32, u32), E>) -> String
    where
        E: AppError + IntoResponse,
    {
        format!("{a} {b}")
    }

    pub fn router<E>() -> axum::Router
    where
        E: AppError + IntoResponse,
    {
        use axum::routing::{get, post};

        axum::Router::new()
            .route("/users", post(create::<E>))
            .route(
                "/small",
                post(create::<E>).layer(axum::extract::DefaultBodyLimit::max(SMALL_LIMIT)),
            )
            .route("/search", get(search::<E>))
            .route("/users/{id}", get(user::<E>))
            .route("/pair/{a}", get(pair::<E>))
    }
}

async fn check_axum<E: AppError + axum::response::IntoResponse>() {
    let server = AxumServer::start(axum_app::router::<E>()).await;
    check::<E>("axum", &server.base(), &axum_cases()).await;
}

#[tokio::test]
async fn axum_rejections_in_error_flag() {
    check_axum::<FlagError>().await;
}

#[tokio::test]
async fn axum_rejections_in_error_object() {
    check_axum::<ObjectError>().await;
}

// ---------------------------------------------------------------------------------------------
// actix-web
// ---------------------------------------------------------------------------------------------

mod actix_app {
    use actix_web::{web, ResponseError};

    use super::{AppError, NewUser, Search, SMALL_LIMIT};

    async fn create(user: web::Json<NewUser>) -> String {
        format!("{} is {}", user.name, user.age)
    }

    async fn search(search: web::Query<Search>) -> String {
        format!("{}, page {}", search.q, search.page.unwrap_or(1))
    }

    async fn user<E: AppError + ResponseError>(id: web::Path<u32>) -> Result<String, E> {
        let id = id.into_inner();
        if id == 404 {
            return Err(E::user_not_found(id));
        }
        Ok(format!("user {id}"))
    }

    async fn pair(pair: web::Path<(u32, u32)>) -> String {
        format!("{} {}", pair.0, pair.1)
    }

    /// The app as DESIGN asks users to write it: the three configs as app data.
    pub fn configure<E: AppError + ResponseError>(config: &mut web::ServiceConfig) {
        config
            .app_data(apierror::actix::json_config::<E>())
            .app_data(apierror::actix::query_config::<E>())
            .app_data(apierror::actix::path_config::<E>())
            .route("/users", web::post().to(create))
            .service(
                web::resource("/small")
                    .app_data(apierror::actix::json_config::<E>().limit(SMALL_LIMIT))
                    .route(web::post().to(create)),
            )
            .route("/search", web::get().to(search))
            .route("/users/{id}", web::get().to(user::<E>))
            .route("/pair/{a}", web::get().to(pair));
    }
}

async fn check_actix<E: AppError + actix_web::ResponseError>() {
    let server = ActixServer::start(|| actix_web::App::new().configure(actix_app::configure::<E>));
    check::<E>("actix-web", &server.base(), &actix_cases()).await;
    server.stop().await;
}

#[tokio::test]
async fn actix_rejections_in_error_flag() {
    check_actix::<FlagError>().await;
}

#[tokio::test]
async fn actix_rejections_in_error_object() {
    check_actix::<ObjectError>().await;
}

// ---------------------------------------------------------------------------------------------
// The mapping, rejection by rejection, without a server
// ---------------------------------------------------------------------------------------------

/// Status, code and public message.
fn parts(error: &impl ApiError) -> (u16, &'static str, String) {
    (
        error.status().as_u16(),
        error.code(),
        apierror::message(error).to_string(),
    )
}

fn owned(status: u16, code: &'static str, message: &str) -> (u16, &'static str, String) {
    (status, code, message.to_owned())
}

#[test]
fn axum_json_rejections() {
    use axum::extract::rejection::{JsonRejection, MissingJsonContentType};

    let syntax = axum::Json::<NewUser>::from_bytes(b"{").unwrap_err();
    assert_eq!(
        parts(&Rejection::from(syntax)),
        owned(
            400,
            "INVALID_JSON",
            "Failed to parse the request body as JSON: EOF while parsing an object at line 1 column 1"
        )
    );
    let trailing = axum::Json::<NewUser>::from_bytes(br#"{"name":"a","age":1} x"#).unwrap_err();
    assert_eq!(Rejection::from(trailing).code(), "INVALID_JSON");

    let data = axum::Json::<NewUser>::from_bytes(br#"{"name":1,"age":1}"#).unwrap_err();
    assert_eq!(
        parts(&Rejection::from(data)),
        owned(
            422,
            "INVALID_JSON_DATA",
            "Failed to deserialize the JSON body into the target type: name: invalid type: integer `1`, expected a string at line 1 column 9"
        )
    );

    let media = JsonRejection::from(MissingJsonContentType::default());
    assert_eq!(
        parts(&Rejection::from(media)),
        owned(
            415,
            "UNSUPPORTED_MEDIA_TYPE",
            "Expected request with `Content-Type: application/json`"
        )
    );
}

#[test]
fn axum_query_and_path_rejections() {
    use axum::extract::rejection::{MissingPathParams, PathRejection};

    let uri: http::Uri = "/search?page=1".parse().unwrap();
    let query = axum::extract::Query::<Search>::try_from_uri(&uri).unwrap_err();
    assert_eq!(
        parts(&Rejection::from(query)),
        owned(
            400,
            "INVALID_QUERY",
            "Failed to deserialize query string: missing field `q`"
        )
    );

    // A 5xx: the explanation stays in `Display`, for logs; the wire gets the reason only.
    let path = Rejection::from(PathRejection::from(MissingPathParams::default()));
    assert_eq!(
        parts(&path),
        owned(500, "INTERNAL_ERROR", "Internal Server Error")
    );
    assert_eq!(
        path.to_string(),
        "No paths parameters found for matched route"
    );
    assert!(!path.retryable());
    assert_eq!(
        apierror::render::<apierror::envelope::ErrorObject>(
            &path,
            &apierror::envelope::RequestInfo::default()
        )
        .into_body(),
        br#"{"error":{"code":"INTERNAL_ERROR","message":"Internal Server Error"}}"#
    );
}

#[test]
fn actix_json_errors() {
    use actix_web::error::{JsonPayloadError, PayloadError};

    let syntax = serde_json::from_str::<NewUser>("{").unwrap_err();
    assert_eq!(
        parts(&Rejection::from(JsonPayloadError::Deserialize(syntax))),
        owned(
            400,
            "INVALID_JSON",
            "Json deserialize error: EOF while parsing an object at line 1 column 1"
        )
    );
    let data = serde_json::from_str::<NewUser>(r#"{"name":1}"#).unwrap_err();
    assert_eq!(
        parts(&Rejection::from(JsonPayloadError::Deserialize(data))),
        owned(
            400,
            "INVALID_JSON_DATA",
            "Json deserialize error: invalid type: integer `1`, expected a string at line 1 column 9"
        )
    );
    assert_eq!(
        parts(&Rejection::from(JsonPayloadError::ContentType)),
        owned(400, "UNSUPPORTED_MEDIA_TYPE", "Content type error")
    );
    assert_eq!(
        parts(&Rejection::from(JsonPayloadError::Overflow { limit: 10 })),
        owned(
            413,
            "PAYLOAD_TOO_LARGE",
            "JSON payload has exceeded limit (10 bytes)."
        )
    );
    assert_eq!(
        parts(&Rejection::from(JsonPayloadError::OverflowKnownLength {
            length: 11,
            limit: 10
        })),
        owned(
            413,
            "PAYLOAD_TOO_LARGE",
            "JSON payload (11 bytes) is larger than allowed (limit: 10 bytes)."
        )
    );
    assert_eq!(
        parts(&Rejection::from(JsonPayloadError::Payload(
            PayloadError::Overflow
        ))),
        owned(
            413,
            "PAYLOAD_TOO_LARGE",
            "Error that occur during reading payload: payload reached size limit"
        )
    );
    assert_eq!(
        parts(&Rejection::from(JsonPayloadError::Payload(
            PayloadError::EncodingCorrupted
        ))),
        owned(
            400,
            "INVALID_BODY",
            "Error that occur during reading payload: can not decode content-encoding"
        )
    );

    // A response-side failure actix-web reports as 500: hidden like every 5xx.
    let serialize = serde_json::from_str::<u8>("x").unwrap_err();
    let rejection = Rejection::from(JsonPayloadError::Serialize(serialize));
    assert_eq!(
        parts(&rejection),
        owned(500, "INTERNAL_ERROR", "Internal Server Error")
    );
    assert!(rejection.to_string().starts_with("Json serialize error: "));
}

#[test]
fn actix_query_and_path_errors() {
    use actix_web::error::{PathError, QueryPayloadError};
    use serde::de::Error as _;

    let query = QueryPayloadError::Deserialize(serde::de::value::Error::missing_field("q"));
    assert_eq!(
        parts(&Rejection::from(query)),
        owned(
            400,
            "INVALID_QUERY",
            "Query deserialize error: missing field `q`"
        )
    );
    let path = PathError::Deserialize(serde::de::value::Error::custom("can not parse \"x\""));
    assert_eq!(
        parts(&Rejection::from(path)),
        owned(
            400,
            "INVALID_PATH",
            "Path deserialize error: can not parse \"x\""
        )
    );
}

#[test]
fn a_user_enum_takes_rejections_in_transparently() {
    let rejection = Rejection::from(actix_web::error::JsonPayloadError::ContentType);
    let error = FlagError::from(rejection.clone());
    // thiserror's transparent Display and the derive's transparent ApiError.
    assert_eq!(error.to_string(), "Content type error");
    assert_eq!(parts(&error), parts(&rejection));
    assert_eq!(error.retry_after(), None);
    assert!(std::error::Error::source(&rejection).is_none());
    assert!(format!("{rejection:?}").contains("Content type error"));
    // The outer type's envelope, domain and version.
    assert_eq!(api(&error).domain, Some(env!("CARGO_PKG_NAME")));
    assert_eq!(api(&rejection).domain, None);
    assert_eq!(
        apierror::render::<apierror::envelope::ErrorFlag>(
            &error,
            &apierror::envelope::RequestInfo::default()
        )
        .into_body(),
        br#"{"error":true,"message":"Content type error","code":"UNSUPPORTED_MEDIA_TYPE"}"#
    );
}

/// `Rejection` can travel in errors shared across threads and tasks.
#[test]
fn rejection_and_extractors_are_send_and_sync() {
    fn send_sync<T: Send + Sync + 'static>() {}
    send_sync::<Rejection>();
    // The error type is only named: a `!Sync` error does not make the extractor `!Sync`.
    send_sync::<apierror::axum::Json<NewUser, std::rc::Rc<()>>>();
    send_sync::<apierror::axum::Query<Search, std::rc::Rc<()>>>();
    send_sync::<apierror::axum::Path<u32, std::rc::Rc<()>>>();
}

#[test]
fn extractors_give_their_value_back() {
    use apierror::axum::{Json, Path, Query};

    let mut json: Json<Vec<u32>, FlagError> = Json::from(vec![1, 2]);
    json.push(3); // DerefMut
    assert_eq!(json.len(), 3); // Deref
    assert_eq!(format!("{json:?}"), "Json([1, 2, 3])");
    assert_eq!(json.clone().into_inner(), vec![1, 2, 3]);
    let Json(inner, _) = json;
    assert_eq!(inner, vec![1, 2, 3]);

    let query: Query<&str, ObjectError> = Query("q", std::marker::PhantomData);
    assert_eq!(*query, "q");
    assert_eq!(format!("{query:?}"), r#"Query("q")"#);
    let path: Path<u32, ObjectError> = 7.into();
    assert_eq!(path.into_inner(), 7);
}

/// The per-type settings of an error's type.
fn api<T: apierror::ApiError>(_: &T) -> apierror::Api {
    T::API
}

// ---------------------------------------------------------------------------------------------
// The code tree
// ---------------------------------------------------------------------------------------------

// The README's own pattern, checked at compile time: a type taking rejections in through a
// transparent variant has a code tree, and it is unique.
const _: () = apierror::assert_unique_codes::<FlagError>();
const _: () = apierror::assert_unique_codes::<ObjectError>();

/// Every `ApiError` the crate ships, composed: `Rejection` inside a derived type, inside
/// another derived type. Only its code tree is under test, so no value is made.
#[allow(dead_code)]
#[derive(Debug, thiserror::Error, apierror::ApiError)]
enum Outermost {
    #[error(transparent)]
    #[api(transparent)]
    Flag(#[from] FlagError),
    #[error("gone")]
    #[api(status = 410)]
    Gone,
}

const _: () = apierror::assert_unique_codes::<Outermost>();

#[test]
fn rejection_takes_part_in_the_code_tree() {
    const REJECTION: [&str; 10] = [
        "INVALID_JSON",
        "INVALID_JSON_DATA",
        "UNSUPPORTED_MEDIA_TYPE",
        "PAYLOAD_TOO_LARGE",
        "INVALID_BODY",
        "INVALID_QUERY",
        "INVALID_PATH",
        "ROUTE_NOT_FOUND",
        "METHOD_NOT_ALLOWED",
        "REQUEST_REJECTED",
    ];
    assert_eq!(apierror::all_codes::<Rejection>(), REJECTION);
    // In declaration order: `Rejected` comes before `UserNotFound`, `Flag` before `Gone`.
    let mut flag = REJECTION.to_vec();
    flag.push("USER_NOT_FOUND");
    assert_eq!(apierror::all_codes::<FlagError>(), flag);
    let mut outermost = flag.clone();
    outermost.push("GONE");
    assert_eq!(apierror::all_codes::<Outermost>(), outermost);
}

#[test]
fn a_code_that_a_rejection_also_has_is_named_as_a_duplicate() {
    // What `const _: () = assert_unique_codes::<Clash>();` would fail to compile with.
    #[allow(dead_code)]
    #[derive(Debug, thiserror::Error, apierror::ApiError)]
    enum Clash {
        #[error(transparent)]
        #[api(transparent)]
        Rejected(#[from] Rejection),
        #[error("no route")]
        #[api(status = 404, code = "ROUTE_NOT_FOUND")]
        NoRoute,
    }
    let panic = std::panic::catch_unwind(apierror::assert_unique_codes::<Clash>).unwrap_err();
    let message = panic.downcast_ref::<String>().expect("a message");
    assert!(
        message.starts_with("duplicate error code \"ROUTE_NOT_FOUND\""),
        "{message}"
    );
}
