//! The cases through a real actix-web server.

use super::*;

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
