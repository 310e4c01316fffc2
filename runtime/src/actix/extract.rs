//! Extractor configs whose error handlers answer in the API's envelope: actix-web's own
//! convention for customizing `web::Json`, `web::Query` and `web::Path` rejections.

use actix_web::error::{JsonPayloadError, PathError, QueryPayloadError};
use actix_web::web::{JsonConfig, PathConfig, QueryConfig};
use actix_web::{HttpRequest, ResponseError};

use crate::Rejection;

/// A [`JsonConfig`] whose error handler answers in the API's envelope: actix-web's
/// [`JsonPayloadError`] becomes a [`Rejection`], then `E`, whose `ResponseError` renders it.
///
/// Register it as app data (on the `App`, a scope or a resource); it is an ordinary
/// `JsonConfig`, so `.limit(…)` and `.content_type(…)` still apply. A malformed body, a body
/// of the wrong shape, a missing `Content-Type` or a body over the limit then come back in
/// `E`'s envelope with actix-web's status and the codes of [`Rejection`].
///
/// ```
/// use actix_web::{web, App};
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
/// async fn create_user(user: web::Json<NewUser>) -> Result<String, AppError> {
///     Ok(user.into_inner().name)
/// }
///
/// actix_web::rt::System::new().block_on(async {
///     let app = actix_web::test::init_service(
///         App::new()
///             .app_data(apierror::actix::json_config::<AppError>().limit(64 * 1024))
///             .route("/users", web::post().to(create_user)),
///     )
///     .await;
///
///     let request = actix_web::test::TestRequest::post()
///         .uri("/users")
///         .insert_header(("content-type", "application/json"))
///         .set_payload(r#"{"name":"#)
///         .to_request();
///     let response = actix_web::test::call_service(&app, request).await;
///     assert_eq!(response.status(), 400);
///     assert_eq!(response.headers().get("content-type").unwrap(), "application/json");
///     assert_eq!(
///         actix_web::test::read_body(response).await,
///         r#"{"error":true,"message":"Json deserialize error: EOF while parsing a value at line 1 column 8","code":"INVALID_JSON"}"#
///     );
/// });
/// ```
#[must_use]
pub fn json_config<E>() -> JsonConfig
where
    E: From<Rejection> + ResponseError + 'static,
{
    JsonConfig::default().error_handler(json_error::<E>)
}

/// A [`QueryConfig`] whose error handler answers in the API's envelope: a query string that
/// does not deserialize (a missing or malformed parameter) comes back as `400 INVALID_QUERY`
/// in `E`'s envelope.
///
/// ```
/// use actix_web::{web, App};
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
/// }
///
/// async fn search(search: web::Query<Search>) -> String {
///     search.into_inner().q
/// }
///
/// let app = App::new()
///     .app_data(apierror::actix::query_config::<AppError>())
///     .route("/search", web::get().to(search));
/// ```
///
/// `GET /search` (no `q`) then gets `400` and
/// ``{"error":{"code":"INVALID_QUERY","message":"Query deserialize error: missing field `q`"}}``.
#[must_use]
pub fn query_config<E>() -> QueryConfig
where
    E: From<Rejection> + ResponseError + 'static,
{
    QueryConfig::default().error_handler(query_error::<E>)
}

/// A [`PathConfig`] whose error handler answers in the API's envelope: a path parameter that
/// does not deserialize (`abc` for a `u32`) comes back as `400 INVALID_PATH` in `E`'s
/// envelope (a parse failure, not a `404`: the route did match).
///
/// ```
/// use actix_web::{web, App};
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
/// async fn user(id: web::Path<u32>) -> Result<String, AppError> {
///     Err(AppError::UserNotFound(id.into_inner()))
/// }
///
/// let app = App::new()
///     .app_data(apierror::actix::path_config::<AppError>())
///     .route("/users/{id}", web::get().to(user));
/// ```
///
/// `GET /users/abc` then gets `400` and
/// `{"error":{"code":"INVALID_PATH","message":"Path deserialize error: can not parse \"abc\" to a u32"}}`.
#[must_use]
pub fn path_config<E>() -> PathConfig
where
    E: From<Rejection> + ResponseError + 'static,
{
    PathConfig::default().error_handler(path_error::<E>)
}

fn json_error<E>(error: JsonPayloadError, _: &HttpRequest) -> actix_web::Error
where
    E: From<Rejection> + ResponseError + 'static,
{
    E::from(Rejection::from(error)).into()
}

fn query_error<E>(error: QueryPayloadError, _: &HttpRequest) -> actix_web::Error
where
    E: From<Rejection> + ResponseError + 'static,
{
    E::from(Rejection::from(error)).into()
}

fn path_error<E>(error: PathError, _: &HttpRequest) -> actix_web::Error
where
    E: From<Rejection> + ResponseError + 'static,
{
    E::from(Rejection::from(error)).into()
}
