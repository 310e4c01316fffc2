//! A small salvo app whose every error response is in one envelope: the derived `Scribe` for
//! the handlers' errors, and the `ErrorContext` hoop for request ids and salvo's own errors.
//!
//! Run with `cargo run -p apierror --features salvo --example salvo_server`, then:
//!
//! ```text
//! curl -i localhost:5800/users/1        200 ada
//! curl -i localhost:5800/users/7        404 USER_NOT_FOUND (Problem, instance /users/7, id 7)
//! curl -i localhost:5800/users/8        429 RATE_LIMITED, Retry-After: 30
//! curl -i localhost:5800/users/9        503 DATABASE_DOWN, "Service Unavailable" (never the cause)
//! curl -i localhost:5800/nowhere        404 ROUTE_NOT_FOUND
//! curl -i -X DELETE localhost:5800/users/1                  405 METHOD_NOT_ALLOWED, Allow: GET
//! curl -i -H 'content-type: application/json' -d '{"name":' localhost:5800/users
//!                                       400 INVALID_JSON (salvo's parse error, its cause's code)
//! curl -i -H 'content-type: application/json' -d '{"name":""}' localhost:5800/users
//!                                       422 EMPTY_NAME
//! ```
//!
//! `PORT=0` picks a free port; the address is printed.

use std::time::Duration;

use apierror::ApiError;
use salvo::prelude::*;

/// Errors of the example users API.
#[derive(Debug, thiserror::Error, ApiError)]
#[api(envelope = apierror::envelope::Problem, type_base = "https://errors.example.com/")]
enum AppError {
    /// The user does not exist.
    #[error("user {id} not found")]
    #[api(status = 404)]
    UserNotFound {
        #[api(detail)]
        id: u64,
    },
    /// Too many requests.
    #[error("slow down")]
    #[api(
        status = 429,
        code = "RATE_LIMITED",
        message = "Slow down; retry in {wait:?}"
    )]
    RateLimited {
        #[api(retry_after)]
        wait: Duration,
    },
    /// The database is down; the body shows only the reason phrase.
    #[error("database unreachable: {0}")]
    #[api(status = 503)]
    DatabaseDown(std::io::Error),
    /// A name that does not fit.
    #[error("the name must not be empty")]
    #[api(status = 422)]
    EmptyName,
}

#[handler]
async fn get_user(req: &mut Request) -> Result<&'static str, AppError> {
    match req.param::<u64>("id").unwrap_or_default() {
        1 => Ok("ada"),
        8 => Err(AppError::RateLimited {
            wait: Duration::from_secs(30),
        }),
        9 => Err(AppError::DatabaseDown(std::io::Error::other(
            "connection refused (password=hunter2)",
        ))),
        id => Err(AppError::UserNotFound { id }),
    }
}

#[derive(serde::Deserialize)]
struct NewUser {
    name: String,
}

/// `req.parse_json`'s errors are salvo's own: `ErrorContext::all_errors_as` answers them.
#[handler]
async fn create_user(req: &mut Request, res: &mut Response) -> Result<(), AppError> {
    let user: NewUser = match req.parse_json().await {
        Ok(user) => user,
        Err(error) => {
            res.render(StatusError::bad_request().cause(error));
            return Ok(());
        }
    };
    if user.name.is_empty() {
        return Err(AppError::EmptyName);
    }
    res.status_code(StatusCode::CREATED);
    res.render(user.name);
    Ok(())
}

fn service() -> Service {
    let router = Router::with_path("users")
        .post(create_user)
        .push(Router::with_path("{id}").get(get_user));
    Service::new(router).hoop(apierror::salvo::ErrorContext::new().all_errors_as::<AppError>())
}

#[tokio::main]
async fn main() {
    let port = std::env::var("PORT").unwrap_or_else(|_| "5800".to_owned());
    let listener = tokio::net::TcpListener::bind(format!("127.0.0.1:{port}"))
        .await
        .expect("bind the port");
    println!(
        "listening on http://{}",
        listener.local_addr().expect("address")
    );
    let acceptor = salvo::conn::tcp::TcpAcceptor::try_from(listener).expect("a salvo acceptor");
    Server::new(acceptor).serve(service()).await;
}
