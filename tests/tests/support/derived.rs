//! The reference error of `tests/vectors/ENVELOPES.md` as users write it: `#[derive(ApiError)]`, once per
//! envelope (the envelope is a property of the type), served by ordinary handlers that return
//! `Result<_, Canon>`, so the derived `IntoResponse` and `ResponseError` are what answer.

/// One module, `$module`, holding `Canon` derived with envelope `$envelope` (any path: a
/// built-in or a user's own), the value of each vector case, and the handlers that answer it.
macro_rules! canon_module {
    ($envelope:path => $module:ident) => {
        pub mod $module {
            use std::time::Duration;

            /// `Canon` of `tests/vectors/ENVELOPES.md`, rendered in this module's envelope.
            #[derive(Debug, thiserror::Error, apierror::ApiError)]
            #[api(
                                                                        envelope = $envelope,
                                                                        domain = "api.example.com",
                                                                        version = "1.0.0"
                                                                    )]
            pub enum Canon {
                /// The caller sent too many requests.
                #[error("rate limited for {wait:?}")]
                #[api(
                    status = 429,
                    code = "RATE_LIMITED",
                    message = "Rate limit exceeded. Please retry after the specified period."
                )]
                RateLimited {
                    #[api(retry_after)]
                    wait: Duration,
                },
                #[error("parameter {field} is {requirement}")]
                #[api(
                    status = 400,
                    code = "INVALID_PARAMETERS",
                    message = "The '{field}' field is required"
                )]
                InvalidParameters {
                    #[api(detail)]
                    field: String,
                    #[api(detail)]
                    requirement: String,
                },
                #[error("database failure: {0}")]
                #[api(status = 500, code = "INTERNAL_ERROR")]
                Internal(#[source] std::io::Error),
            }

            /// The value a vector case stands for.
            ///
            /// # Panics
            ///
            /// On a case name the vectors do not define.
            #[must_use]
            pub fn case(name: &str) -> Canon {
                match name {
                    "rate_limited" => Canon::RateLimited {
                        wait: Duration::from_secs(5),
                    },
                    "invalid_parameters" => Canon::InvalidParameters {
                        field: "role_id".to_owned(),
                        requirement: "required".to_owned(),
                    },
                    "internal" => Canon::Internal(std::io::Error::other(format!(
                        "db password={}",
                        $crate::support::SECRET
                    ))),
                    other => panic!("unknown vector case {other:?}"),
                }
            }

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

// Used by the files that derive `Canon` with envelopes of their own (public_envelopes.rs).
#[allow(unused_imports)]
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
