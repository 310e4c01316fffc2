//! The example app's routes, as its OpenAPI document (`openapi.rs`) describes them:
//! `GET /users`, `POST /users` and `GET /users/{id}`, each behind a bearer token, on an
//! in-memory store; the whole router behind the request-context middleware with
//! `all_errors_as::<AppError>()`, so that axum's own errors answer in the same Problem
//! envelope and with codes the document lists.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use apierror::axum::{ErrorContextLayer, Json, Path};
use apierror::Violation;
use axum::extract::{FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::Router;

use super::openapi::{NewUser, User};
use super::AppError;

/// The users, by id: shared by the handlers of one router, not global.
#[derive(Clone, Default)]
pub struct Store {
    users: Arc<Mutex<BTreeMap<u64, String>>>,
}

/// A request with `Authorization: Bearer <token>`; any non-empty token is accepted (the
/// example has no accounts), none is `401 UNAUTHORIZED`.
pub struct Bearer;

impl<S: Send + Sync> FromRequestParts<S> for Bearer {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, AppError> {
        let token = parts
            .headers
            .get(axum::http::header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .filter(|token| !token.trim().is_empty());
        token.map(|_| Bearer).ok_or(AppError::Unauthorized)
    }
}

/// `GET /users`: every user, by id.
pub async fn list_users(_: Bearer, State(store): State<Store>) -> axum::Json<Vec<User>> {
    let users = store.users.lock().map(|u| u.clone()).unwrap_or_default();
    axum::Json(
        users
            .into_iter()
            .map(|(id, name)| User { id, name })
            .collect(),
    )
}

/// `GET /users/{id}`: one user, or `404 USER_NOT_FOUND`.
pub async fn get_user(
    _: Bearer,
    State(store): State<Store>,
    Path(id, _): Path<u64, AppError>,
) -> Result<axum::Json<User>, AppError> {
    let name = store
        .users
        .lock()
        .ok()
        .and_then(|users| users.get(&id).cloned());
    name.map(|name| axum::Json(User { id, name }))
        .ok_or(AppError::UserNotFound { id })
}

/// `POST /users`: a new user (`201`), `422 INVALID_USER` for a blank name or one longer than
/// the document's 100 characters, `409 NAME_TAKEN` for a name in use.
pub async fn create_user(
    _: Bearer,
    State(store): State<Store>,
    Json(new, _): Json<NewUser, AppError>,
) -> Result<(StatusCode, axum::Json<User>), AppError> {
    let name = new.name.trim().to_owned();
    if name.is_empty() {
        return Err(AppError::InvalidUser {
            violations: vec![Violation::field("name", "must not be blank").with_code("REQUIRED")],
        });
    }
    // The document's `maxLength`, which counts characters, not bytes.
    if name.chars().count() > 100 {
        return Err(AppError::InvalidUser {
            violations: vec![
                Violation::field("name", "must be at most 100 characters").with_code("TOO_LONG")
            ],
        });
    }
    let mut users = store
        .users
        .lock()
        .map_err(|_| AppError::Database(std::io::Error::other("the store's lock is poisoned")))?;
    if users.values().any(|taken| *taken == name) {
        return Err(AppError::NameTaken { name });
    }
    let id = users.keys().next_back().map_or(1, |last| last + 1);
    // The document's bound on ids (`openapi::MAX_ID`); never reached in practice.
    if id > super::openapi::MAX_ID {
        return Err(AppError::Database(std::io::Error::other(
            "the store has given out every id",
        )));
    }
    users.insert(id, name.clone());
    Ok((StatusCode::CREATED, axum::Json(User { id, name })))
}

/// The routes, on a new empty store.
pub fn routes() -> Router {
    Router::new()
        .route("/users", axum::routing::get(list_users).post(create_user))
        .route("/users/{id}", axum::routing::get(get_user))
        .with_state(Store::default())
}

/// The routes behind the request-context middleware, which answers axum's own errors (an
/// unknown path, a wrong method, a bare status from a layer) as `AppError` would.
pub fn router() -> Router {
    routes().layer(ErrorContextLayer::new().all_errors_as::<AppError>())
}
