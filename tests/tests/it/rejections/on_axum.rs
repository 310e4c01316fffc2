//! The cases through a real axum server.

use super::*;

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
