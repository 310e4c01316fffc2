//! The reference error of `tests/vectors/ENVELOPES.md` as users write it: `#[derive(ApiError)]`, once per
//! envelope (the envelope is a property of the type), served by ordinary handlers that return
//! `Result<_, Canon>`, so the derived `IntoResponse` and `ResponseError` are what answer. The
//! type itself is the one `Canon` of `runtime/examples/canon/` (`crate::canon`).

/// One module, `$module`, holding `Canon` derived with envelope `$envelope` (any path: a
/// built-in or a user's own), the value of each vector case, and the handlers that answer it.
macro_rules! canon_module {
    ($envelope:path => $module:ident) => {
        pub mod $module {
            $crate::canon::canon!($envelope);

            /// An axum handler as users write them.
            pub async fn axum_handler(
                axum::extract::Path(name): axum::extract::Path<String>,
            ) -> Result<&'static str, Canon> {
                Err(case(&name))
            }

            /// An actix-web handler as users write them.
            pub async fn actix_handler(
                name: actix_web::web::Path<String>,
            ) -> Result<actix_web::HttpResponse, Canon> {
                Err(case(&name))
            }
        }
    };
}

// Used by the areas that derive `Canon` with envelopes of their own (public_envelopes).
pub(crate) use canon_module;

/// A [`canon_module!`] per built-in envelope, and the routes that serve them.
macro_rules! derived_canon {
    ($($envelope:ident => $module:ident),+ $(,)?) => {
        $(canon_module!(apierror::envelope::$envelope => $module);)+

        /// Routes `GET /derived/{Envelope}/{case}` to the derived handlers (axum).
        pub fn axum_routes(router: axum::Router) -> axum::Router {
            router$(.route(
                concat!("/derived/", stringify!($envelope), "/{case}"),
                axum::routing::get($module::axum_handler),
            ))+
        }

        /// Routes `GET /derived/{Envelope}/{case}` to the derived handlers (actix-web).
        pub fn actix_routes(config: &mut actix_web::web::ServiceConfig) {
            $(config.route(
                concat!("/derived/", stringify!($envelope), "/{case}"),
                actix_web::web::get().to($module::actix_handler),
            );)+
        }
    };
}

derived_canon!(
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
