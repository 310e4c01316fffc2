//! The example app's OpenAPI 3.1 document, built with utoipa's `OpenApi` derive; its error
//! responses come from apierror. `server.rs` serves exactly these operations.

use utoipa::openapi::extensions::Extensions;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi as _};

use super::AppError;

/// The Example Users API.
#[derive(utoipa::OpenApi)]
#[openapi(
    info(
        title = "Example Users API",
        version = "1.0.0",
        description = "A small user service; its error responses are documented by apierror.",
        contact(name = "apierror", url = "https://github.com/apierror/apierror"),
        license(name = "MIT OR Apache-2.0", identifier = "MIT OR Apache-2.0")
    ),
    // `.test` is reserved for examples (RFC 2606), and lint rules refuse `example.com` as a
    // server: a real API names its own.
    servers((url = "https://users.api.test", description = "Production")),
    paths(list_users, get_user, create_user),
    tags((name = "users", description = "The users of the service.")),
    modifiers(&BearerAuth, &PublicServers),
    security(("bearer" = [])),
    // The schema the error responses refer to.
    components(schemas(apierror::envelope::Problem))
)]
pub struct ApiDoc;

/// The `bearer` security scheme every operation requires (`server.rs` accepts any token).
struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

/// Marks each server public (`x-internal: false`, the audience OWASP's API9 asks every server
/// to declare): the example's one server is its production API.
struct PublicServers;

impl Modify for PublicServers {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        for server in openapi.servers.iter_mut().flatten() {
            let internal = [("x-internal", serde_json::Value::Bool(false))];
            server
                .extensions
                .get_or_insert_with(Extensions::default)
                .merge(internal.into_iter().collect());
        }
    }
}

/// The largest id the store gives out, 2^53 - 1, so that every JSON reader reads each id
/// exactly (`server.rs` refuses to go further).
pub const MAX_ID: u64 = 9_007_199_254_740_991;

/// A user.
#[derive(Clone, serde::Serialize, utoipa::ToSchema)]
pub struct User {
    /// The user's id, never reused.
    #[schema(minimum = 1, maximum = 9_007_199_254_740_991_u64)]
    pub id: u64,
    /// The user's unique name.
    #[schema(max_length = 100)]
    pub name: String,
}

/// A user to create.
#[derive(serde::Deserialize, utoipa::ToSchema)]
pub struct NewUser {
    /// The name: not blank, not another user's.
    #[schema(max_length = 100)]
    pub name: String,
}

apierror::openapi::subset! {
    /// What `GET /users/{id}` can answer besides the user (and the framework's own, which
    /// every subset adds): fewer codes than the whole type.
    pub struct GetUserErrors of AppError: ["USER_NOT_FOUND", "INVALID_PATH", "UNAUTHORIZED", "RATE_LIMITED"];
}

apierror::openapi::subset! {
    /// What `GET /users` can answer besides the list.
    pub struct ListUsersErrors of AppError: ["UNAUTHORIZED", "RATE_LIMITED"];
}

/// Lists the users.
///
/// Every user the caller can see, by id.
#[utoipa::path(
    get,
    path = "/users",
    tag = "users",
    responses((status = 200, description = "The users", body = Vec<User>), ListUsersErrors)
)]
pub fn list_users() {}

/// Reads one user.
///
/// The user with this id; ids are never reused.
#[utoipa::path(
    get,
    path = "/users/{id}",
    tag = "users",
    params(("id" = u64, Path, description = "The user's id", minimum = 1, maximum = 9_007_199_254_740_991_u64)),
    responses((status = 200, description = "The user", body = User), GetUserErrors)
)]
pub fn get_user() {}

/// Creates a user.
///
/// The name must not be blank nor another user's; the new user gets the next id.
#[utoipa::path(
    post,
    path = "/users",
    tag = "users",
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
