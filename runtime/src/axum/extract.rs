//! `Json`, `Query` and `Path`: axum's own extractors, whose rejections speak the API's envelope.

use core::fmt;
use core::marker::PhantomData;
use core::ops::{Deref, DerefMut};

use ::axum::extract::{FromRequest, FromRequestParts, Request};
use axum_core::response::IntoResponse;
use http::request::Parts;
use serde::de::DeserializeOwned;

use crate::Rejection;

/// The impls the three extractors share: `into_inner`, `Deref`, `DerefMut`, `From<T>`,
/// `Debug`, `Clone`, none of which asks anything of `E`.
macro_rules! wrapper_impls {
    ($name:ident) => {
        impl<T, E> $name<T, E> {
            /// The extracted value.
            #[must_use]
            pub fn into_inner(self) -> T {
                self.0
            }
        }

        impl<T, E> Deref for $name<T, E> {
            type Target = T;

            fn deref(&self) -> &T {
                &self.0
            }
        }

        impl<T, E> DerefMut for $name<T, E> {
            fn deref_mut(&mut self) -> &mut T {
                &mut self.0
            }
        }

        impl<T, E> From<T> for $name<T, E> {
            fn from(value: T) -> Self {
                $name(value, PhantomData)
            }
        }

        impl<T: fmt::Debug, E> fmt::Debug for $name<T, E> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.debug_tuple(stringify!($name)).field(&self.0).finish()
            }
        }

        impl<T: Clone, E> Clone for $name<T, E> {
            fn clone(&self) -> Self {
                $name(self.0.clone(), PhantomData)
            }
        }
    };
}

/// axum's [`Json`](::axum::Json) extractor, rejecting with the API's own error type `E`.
///
/// It runs `axum::Json<T>` and, when that rejects the request, answers with
/// `E::from(Rejection::from(rejection))` instead of axum's plain text: a malformed body, a
/// body of the wrong shape, a missing `Content-Type` or a body over the limit come back in
/// `E`'s envelope, with axum's status and the codes of [`Rejection`]. It is axum-extra's
/// `WithRejection<axum::Json<T>, E>`, written once.
///
/// The second field only names `E` (it is a `PhantomData<fn() -> E>`, so `E` affects neither
/// `Send` nor `Sync`); match it with `_`. A type alias saves writing `E` in every handler.
///
/// ```
/// use apierror::axum::Json;
///
/// #[derive(Debug, thiserror::Error, apierror::ApiError)]
/// #[api(envelope = apierror::envelope::ErrorFlag)]
/// enum AppError {
///     #[error(transparent)]
///     #[api(transparent)]
///     Rejected(#[from] apierror::Rejection),
///     #[error("user {0} already exists")]
///     #[api(status = 409)]
///     Exists(String),
/// }
///
/// #[derive(serde::Deserialize)]
/// struct NewUser {
///     name: String,
/// }
///
/// async fn create_user(Json(user, _): Json<NewUser, AppError>) -> Result<String, AppError> {
///     if user.name == "root" {
///         return Err(AppError::Exists(user.name));
///     }
///     Ok(user.name)
/// }
///
/// // Or, once for the whole API:
/// type ApiJson<T> = apierror::axum::Json<T, AppError>;
///
/// async fn rename_user(user: ApiJson<NewUser>) -> String {
///     user.into_inner().name
/// }
///
/// let app: axum::Router = axum::Router::new()
///     .route("/users", axum::routing::post(create_user))
///     .route("/users/rename", axum::routing::post(rename_user));
///
/// // What a handler's caller sees when the body is cut short:
/// use axum::extract::FromRequest as _;
/// use axum::response::IntoResponse as _;
///
/// let request = http::Request::post("/users")
///     .header("content-type", "application/json")
///     .body(axum::body::Body::from(r#"{"name":"#))
///     .unwrap();
/// let runtime = tokio::runtime::Builder::new_current_thread().build().unwrap();
/// let Err(error) = runtime.block_on(Json::<NewUser, AppError>::from_request(request, &())) else {
///     panic!("a truncated body is rejected");
/// };
/// let response = error.into_response();
/// assert_eq!(response.status(), 400);
/// assert_eq!(response.headers()["content-type"], "application/json");
/// let body = runtime.block_on(axum::body::to_bytes(response.into_body(), usize::MAX)).unwrap();
/// assert_eq!(
///     body,
///     r#"{"error":true,"message":"Failed to parse the request body as JSON: name: EOF while parsing a value at line 1 column 8","code":"INVALID_JSON"}"#
/// );
/// ```
pub struct Json<T, E>(pub T, pub PhantomData<fn() -> E>);

wrapper_impls!(Json);

impl<T, E, S> FromRequest<S> for Json<T, E>
where
    T: DeserializeOwned,
    E: From<Rejection> + IntoResponse,
    S: Send + Sync,
{
    type Rejection = E;

    async fn from_request(request: Request, state: &S) -> Result<Self, E> {
        match ::axum::Json::<T>::from_request(request, state).await {
            Ok(::axum::Json(value)) => Ok(Json(value, PhantomData)),
            Err(rejection) => Err(E::from(Rejection::from(rejection))),
        }
    }
}

/// axum's [`Query`](::axum::extract::Query) extractor, rejecting with the API's own error
/// type `E`: a query string that does not deserialize into `T` (a missing or malformed
/// parameter) comes back as `400 INVALID_QUERY` in `E`'s envelope.
///
/// Shaped like [`Json`]: match it as `Query(value, _)`, or use `into_inner` or `Deref`.
///
/// ```
/// use apierror::axum::Query;
///
/// #[derive(Debug, thiserror::Error, apierror::ApiError)]
/// enum AppError {
///     #[error(transparent)]
///     #[api(transparent)]
///     Rejected(#[from] apierror::Rejection),
/// }
///
/// #[derive(serde::Deserialize)]
/// struct Search {
///     q: String,
///     page: Option<u32>,
/// }
///
/// async fn search(Query(search, _): Query<Search, AppError>) -> String {
///     format!("{} (page {})", search.q, search.page.unwrap_or(1))
/// }
///
/// let app: axum::Router = axum::Router::new().route("/search", axum::routing::get(search));
/// ```
///
/// `GET /search` (no `q`) then gets `400` and
/// ``{"error":{"code":"INVALID_QUERY","message":"Failed to deserialize query string: missing field `q`"}}``.
pub struct Query<T, E>(pub T, pub PhantomData<fn() -> E>);

wrapper_impls!(Query);

impl<T, E, S> FromRequestParts<S> for Query<T, E>
where
    T: DeserializeOwned,
    E: From<Rejection> + IntoResponse,
    S: Send + Sync,
{
    type Rejection = E;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, E> {
        match ::axum::extract::Query::<T>::from_request_parts(parts, state).await {
            Ok(::axum::extract::Query(value)) => Ok(Query(value, PhantomData)),
            Err(rejection) => Err(E::from(Rejection::from(rejection))),
        }
    }
}

/// axum's [`Path`](::axum::extract::Path) extractor, rejecting with the API's own error
/// type `E`: a path parameter that does not deserialize into `T` (`abc` for a `u32`) comes
/// back as `400 INVALID_PATH` in `E`'s envelope. An extractor that does not fit the route
/// (the wrong number of parameters) is axum's `500`, answered as `INTERNAL_ERROR` with the
/// reason phrase only.
///
/// Shaped like [`Json`]: match it as `Path(value, _)`, or use `into_inner` or `Deref`.
///
/// ```
/// use apierror::axum::Path;
///
/// #[derive(Debug, thiserror::Error, apierror::ApiError)]
/// enum AppError {
///     #[error(transparent)]
///     #[api(transparent)]
///     Rejected(#[from] apierror::Rejection),
///     #[error("user {0} not found")]
///     #[api(status = 404)]
///     UserNotFound(u32),
/// }
///
/// async fn user(Path(id, _): Path<u32, AppError>) -> Result<String, AppError> {
///     Err(AppError::UserNotFound(id))
/// }
///
/// let app: axum::Router = axum::Router::new().route("/users/{id}", axum::routing::get(user));
/// ```
///
/// `GET /users/abc` then gets `400` and
/// ``{"error":{"code":"INVALID_PATH","message":"Invalid URL: Cannot parse `abc` to a `u32`"}}``.
pub struct Path<T, E>(pub T, pub PhantomData<fn() -> E>);

wrapper_impls!(Path);

impl<T, E, S> FromRequestParts<S> for Path<T, E>
where
    T: DeserializeOwned + Send,
    E: From<Rejection> + IntoResponse,
    S: Send + Sync,
{
    type Rejection = E;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, E> {
        match ::axum::extract::Path::<T>::from_request_parts(parts, state).await {
            Ok(::axum::extract::Path(value)) => Ok(Path(value, PhantomData)),
            Err(rejection) => Err(E::from(Rejection::from(rejection))),
        }
    }
}
