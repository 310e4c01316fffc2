//! Every vector of `tests/vectors/`, byte for byte, through a real poem server, as
//! `vectors::axum_serves_every_vector` and `actix_web_serves_every_vector` check them: under
//! `/hand/` the hand-written `Canon` through `apierror::poem::into_response`, under
//! `/derived/` the derived `Canon` of each envelope through `#[handler]`s returning
//! `Result<_, Canon>` (the derived `ResponseError`, as poem turns a handler's error into its
//! response). The checks are the support's (`support::check_server`), the same for the three.

use poem::web::Path;
use poem::{get, handler, Route};

use super::PoemServer;
use crate::support::{self, canon_case, load_implemented_vectors};

/// The envelopes served here, by the names the vector files use, with the module of the
/// support's derived `Canon` in that envelope; checked against the support's own list below,
/// so a new envelope cannot be skipped here.
macro_rules! poem_routes {
    ($($envelope:ident => $module:ident),+ $(,)?) => {
        const SERVED: &[&str] = &[$(stringify!($envelope)),+];

        /// `GET /hand/{Envelope}/:case` and `GET /derived/{Envelope}/:case` for each envelope.
        fn routes() -> Route {
            let mut route = Route::new();
            $(
                route = route.at(
                    concat!("/hand/", stringify!($envelope), "/:case"),
                    get(poem::endpoint::make(|request: poem::Request| async move {
                        let case = request.raw_path_param("case").unwrap_or_default();
                        apierror::poem::into_response::<apierror::envelope::$envelope>(
                            &canon_case(case),
                        )
                    })),
                );
                route = route.at(
                    concat!("/derived/", stringify!($envelope), "/:case"),
                    get($module::handler),
                );
            )+
            route
        }

        $(
            /// A handler as users write them, for this envelope's derived `Canon`.
            mod $module {
                use super::*;

                #[handler]
                pub async fn handler(
                    Path(name): Path<String>,
                ) -> Result<&'static str, support::derived::$module::Canon> {
                    Err(support::derived::$module::case(&name))
                }
            }
        )+
    };
}

poem_routes!(
    ErrorFlag => error_flag,
    ErrorMessage => error_message,
    ErrorCode => error_code,
    DataErrorMeta => data_error_meta,
    ErrorObject => error_object,
    Problem => problem,
    JsonApi => json_api,
    Google => google,
    OData => odata,
);

#[test]
fn every_implemented_envelope_is_served() {
    assert_eq!(SERVED, support::IMPLEMENTED);
}

#[tokio::test]
async fn poem_serves_every_vector() {
    let vectors = load_implemented_vectors();
    let server = PoemServer::start(routes()).await;
    let hand = format!("{}/hand", server.base());
    support::check_server("poem, hand-written impl", &hand, &vectors).await;
    let derived = format!("{}/derived", server.base());
    support::check_server("poem, derived ResponseError", &derived, &vectors).await;
}

/// The same vectors when the handler returns `poem::Result` and `?` made the `poem::Error`:
/// the response is the derived one.
#[tokio::test]
async fn poem_serves_every_vector_through_question_mark() {
    #[handler]
    async fn through(Path((envelope, name)): Path<(String, String)>) -> poem::Result<&'static str> {
        macro_rules! answer {
            ($($envelope:ident => $module:ident),+) => {
                match envelope.as_str() {
                    $(stringify!($envelope) => {
                        Err(support::derived::$module::case(&name))?
                    })+
                    _ => Ok("no such envelope"),
                }
            };
        }
        answer!(
            ErrorFlag => error_flag,
            ErrorMessage => error_message,
            ErrorCode => error_code,
            DataErrorMeta => data_error_meta,
            ErrorObject => error_object,
            Problem => problem,
            JsonApi => json_api,
            Google => google,
            OData => odata
        )
    }

    let vectors = load_implemented_vectors();
    let app = Route::new().at("/q/:envelope/:case", get(through));
    let server = PoemServer::start(app).await;
    let base = format!("{}/q", server.base());
    support::check_server("poem, `?` into poem::Error", &base, &vectors).await;
}
