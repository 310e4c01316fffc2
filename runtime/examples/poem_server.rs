//! A small poem app whose errors, its own and poem's, answer in one envelope.
//!
//! ```text
//! cargo run -p apierror --features poem --example poem_server
//! PORT=8080 cargo run -p apierror --features poem --example poem_server
//! ```
//!
//! It serves `GET /users/{id}` (user 1 exists; 2 is a database failure, whose cause reaches
//! only the log) and `POST /users` (a JSON body `{"name": "..."}`, at most 1 KiB), behind
//! `ErrorContext` with `all_errors_as::<AppError>()`: every response carries `x-request-id`,
//! `Accept: application/vnd.api+json` picks JSON:API over Problem, and poem's own errors (an
//! unknown route, a wrong method, bad JSON, a body too large, an id that is not a number)
//! answer in the same envelope. Try:
//!
//! ```text
//! curl -i localhost:3000/users/7
//! curl -i localhost:3000/users/x
//! curl -i -H 'accept: application/vnd.api+json' localhost:3000/users/7
//! curl -i -X POST -H 'content-type: application/json' -d '{"name":' localhost:3000/users
//! curl -i -X DELETE localhost:3000/users/1
//! ```
//!
//! The port is `PORT` from the environment, else the first argument, else 3000; the first line
//! printed is `listening on http://127.0.0.1:<port>`. It runs until killed.

use apierror::poem::ErrorContext;
use poem::listener::TcpListener;
use poem::middleware::SizeLimit;
use poem::web::{Json, Path};
use poem::{get, handler, post, EndpointExt, Route, Server};

/// Everything this API answers when it fails.
#[derive(Debug, thiserror::Error, apierror::ApiError)]
#[api(envelope = apierror::envelope::Problem, negotiate)]
enum AppError {
    /// No user has this id.
    #[error("user {id} not found")]
    #[api(status = 404)]
    UserNotFound {
        #[api(detail)]
        id: u64,
    },
    /// The name is empty.
    #[error("the name must not be empty")]
    #[api(status = 422)]
    EmptyName,
    /// The database failed: the client sees "Internal Server Error", never the cause.
    #[error("database failure: {0}")]
    #[api(status = 500)]
    Database(#[from] std::io::Error),
}

#[derive(serde::Deserialize)]
struct NewUser {
    name: String,
}

#[handler]
fn find_user(Path(id): Path<u64>) -> Result<String, AppError> {
    match id {
        1 => Ok("ada".to_owned()),
        2 => Err(std::io::Error::other("connection refused (password=hunter2)").into()),
        _ => Err(AppError::UserNotFound { id }),
    }
}

// A handler returning `poem::Result`: `?` turns the derived error into a `poem::Error`, which
// still answers in the envelope.
#[handler]
fn create(Json(user): Json<NewUser>) -> poem::Result<String> {
    if user.name.is_empty() {
        Err(AppError::EmptyName)?;
    }
    Ok(format!("created {}", user.name))
}

/// The port asked for: `PORT`, else the first argument, else 3000.
fn port() -> u16 {
    std::env::var("PORT")
        .ok()
        .or_else(|| std::env::args().nth(1))
        .and_then(|port| port.trim().parse().ok())
        .unwrap_or(3000)
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let app = Route::new()
        .at("/users/:id", get(find_user))
        .at("/users", post(create.with(SizeLimit::new(1024))))
        .with(ErrorContext::new().all_errors_as::<AppError>());
    let addr = format!("127.0.0.1:{}", port());
    println!("listening on http://{addr}");
    Server::new(TcpListener::bind(addr)).run(app).await
}
