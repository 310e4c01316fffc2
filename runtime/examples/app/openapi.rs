//! The example app's OpenAPI 3.1 document, built with utoipa's `OpenApi` derive; its error
//! responses come from apierror.

use utoipa::OpenApi as _;

use super::AppError;

/// The Example Users API.
#[derive(utoipa::OpenApi)]
#[openapi(
    info(
        title = "Example Users API",
        version = "1.0.0",
        description = "A small user service; its error responses are documented by apierror."
    ),
    paths(get_user, create_user),
    // The schema the error responses refer to.
    components(schemas(apierror::envelope::Problem))
)]
pub struct ApiDoc;

/// A user.
#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct User {
    pub id: u64,
    pub name: String,
}

/// A user to create.
#[derive(serde::Deserialize, utoipa::ToSchema)]
pub struct NewUser {
    pub name: String,
}

apierror::openapi::subset! {
    /// What `GET /users/{id}` can answer besides the user: fewer codes than the whole type.
    pub struct GetUserErrors of AppError: ["USER_NOT_FOUND", "RATE_LIMITED", "MAINTENANCE", "DATABASE"];
}

/// Reads one user.
#[utoipa::path(
    get,
    path = "/users/{id}",
    params(("id" = u64, Path, description = "The user's id")),
    responses((status = 200, description = "The user", body = User), GetUserErrors)
)]
pub fn get_user() {}

/// Creates a user.
#[utoipa::path(
    post,
    path = "/users",
    request_body = NewUser,
    responses((status = 201, description = "The user created", body = User), AppError)
)]
pub fn create_user() {}

/// The document, as pretty-printed JSON.
pub fn json() -> String {
    ApiDoc::openapi()
        .to_pretty_json()
        .unwrap_or_else(|error| format!("{{\"error\":\"{error}\"}}"))
}
