//! Every vector of every envelope through a server function: the reference error `Canon` of
//! `tests/vectors/ENVELOPES.md` in a type with an `#[api(server_fn)]` variant, answered by
//! `server_fn`'s axum integration behind `ErrorStatusLayer` (status, headers and bytes compared
//! with the vector), then called through `server_fn`'s own client and decoded back.
//!
//! `server_fn` 0.8 gives the client's decoder the body alone, so a variant decodes back when its
//! fields are in that envelope's body: `RateLimited`'s delay is in ErrorObject's, ErrorFlag's and
//! Google's bodies (the others carry it only in `Retry-After`), `InvalidParameters`' details in
//! every envelope with a details place. What does not decode comes back untyped, with its code.

use apierror::server_fn::Failure;
use server_fn::ServerFn as _;

use super::{post_raw, vectors};
use crate::support::{compare, unix_nanos_now, SECRET};

macro_rules! envelopes {
    ($(
        $module:ident => $envelope:ident at $path:literal,
        rate_limited_decodes: $rate:expr, invalid_parameters_decodes: $invalid:expr;
    )+) => {
        /// Registers every envelope's server function.
        pub fn register() {
            $(server_fn::axum::register_explicit::<$module::Fail>();)+
        }

        $(
            mod $module {
                use super::*;
                use crate::support::derived::$module::{case as canon_case, Canon};

                /// `Canon` in a type of the same envelope, with `server_fn`'s failures beside it.
                #[derive(Debug, thiserror::Error, apierror::ApiError)]
                #[api(
                    envelope = apierror::envelope::$envelope,
                    domain = "api.example.com",
                    version = "1.0.0"
                )]
                pub enum FnError {
                    #[error(transparent)]
                    #[api(transparent)]
                    Canon(#[from] Canon),
                    #[error(transparent)]
                    #[api(server_fn)]
                    ServerFn(#[from] Failure),
                }

                super::super::server_fn!(
                    /// Fails with the vector case it is given.
                    Fail at $path,
                    FnError,
                    |input| Err(FnError::Canon(canon_case(&input.case)))
                );

                #[tokio::test]
                async fn every_vector_answers_with_its_status_headers_and_bytes() {
                    let file = vectors(stringify!($envelope));
                    for expected in &file.cases {
                        let body = format!(r#"{{"case":"{}"}}"#, expected.case);
                        let received = post_raw($path, &body).await;
                        if let Err(problems) = compare(expected, &received, unix_nanos_now()) {
                            panic!("{} {}: {problems}", file.envelope, expected.case);
                        }
                        assert!(!String::from_utf8_lossy(&received.body).contains(SECRET));
                    }
                }

                #[tokio::test]
                async fn the_client_decodes_what_the_body_carries() {
                    super::super::base();

                    let error = Fail::new("rate_limited").run_on_client().await.unwrap_err();
                    match error {
                        FnError::Canon(Canon::RateLimited { wait }) if $rate => {
                            assert_eq!(wait, std::time::Duration::from_secs(5));
                        }
                        FnError::ServerFn(Failure::Response(response)) if !$rate => {
                            assert_eq!(response.code(), Some("RATE_LIMITED"));
                        }
                        other => panic!("rate_limited came back as {other:?}"),
                    }

                    let error = Fail::new("invalid_parameters").run_on_client().await.unwrap_err();
                    match error {
                        FnError::Canon(Canon::InvalidParameters { field, requirement }) if $invalid => {
                            assert_eq!((field.as_str(), requirement.as_str()), ("role_id", "required"));
                        }
                        FnError::ServerFn(Failure::Response(response)) if !$invalid => {
                            assert_eq!(response.code(), Some("INVALID_PARAMETERS"));
                        }
                        other => panic!("invalid_parameters came back as {other:?}"),
                    }

                    // A 5xx's cause never reaches the client: it cannot be rebuilt, and the
                    // untyped response has the reason phrase only.
                    let error = Fail::new("internal").run_on_client().await.unwrap_err();
                    let FnError::ServerFn(Failure::Response(response)) = &error else {
                        panic!("internal came back as {error:?}");
                    };
                    assert_eq!(response.code(), Some("INTERNAL_ERROR"));
                    assert_eq!(response.message(), Some("Internal Server Error"));
                    assert!(!String::from_utf8_lossy(response.body()).contains(SECRET));
                    assert!(!format!("{error:?}").contains(SECRET));
                }
            }
        )+
    };
}

envelopes! {
    error_object => ErrorObject at "/api/error_object/fail",
        rate_limited_decodes: true, invalid_parameters_decodes: true;
    error_flag => ErrorFlag at "/api/error_flag/fail",
        rate_limited_decodes: true, invalid_parameters_decodes: false;
    error_message => ErrorMessage at "/api/error_message/fail",
        rate_limited_decodes: false, invalid_parameters_decodes: true;
    error_code => ErrorCode at "/api/error_code/fail",
        rate_limited_decodes: false, invalid_parameters_decodes: false;
    data_error_meta => DataErrorMeta at "/api/data_error_meta/fail",
        rate_limited_decodes: false, invalid_parameters_decodes: false;
    problem => Problem at "/api/problem/fail",
        rate_limited_decodes: false, invalid_parameters_decodes: true;
    json_api => JsonApi at "/api/json_api/fail",
        rate_limited_decodes: false, invalid_parameters_decodes: true;
    google => Google at "/api/google/fail",
        rate_limited_decodes: true, invalid_parameters_decodes: true;
    odata => OData at "/api/odata/fail",
        rate_limited_decodes: false, invalid_parameters_decodes: true;
}
