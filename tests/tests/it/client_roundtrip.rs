//! The round trip: an error rendered by a real axum server in each envelope, fetched by a real
//! reqwest client, decoded back into the type it was made from. A variant decodes when every
//! field it has is on the wire in that envelope; the rest come back untyped.

use apierror::client::{Decode, ErrorResponse};
use apierror::{RateLimit, Violation};
use proptest::prelude::*;

/// A rate limit that resets at 2100-01-01T00:00:00Z: far ahead, so no clock makes it stale,
/// and one fixed instant, so the server's case and the case it is checked against (each made
/// by its own `cases()` call) are equal even when the two calls fall in different seconds.
fn limit() -> RateLimit {
    RateLimit::new(100, 0, 4_102_444_800)
}

fn violations() -> Vec<Violation> {
    vec![
        Violation::field("name", "must not be empty").with_code("REQUIRED"),
        Violation::field("emails[0]", "is not an email address"),
    ]
}

macro_rules! envelopes {
    ($($module:ident => $envelope:ident, details: $details:expr, violations: $violations:expr;)+) => {
        $(
            mod $module {
                use super::{RateLimit, Violation};

                pub const DETAILS: bool = $details;
                pub const VIOLATIONS: bool = $violations;

                #[derive(Debug, PartialEq, thiserror::Error, apierror::ApiError)]
                #[api(envelope = apierror::envelope::$envelope, domain = "api.example.com")]
                pub enum AppError {
                    #[error("user {id} not found")]
                    #[api(status = 404)]
                    UserNotFound {
                        #[api(detail)]
                        id: u64,
                    },
                    #[error("the name {name:?} is taken")]
                    #[api(status = 409)]
                    NameTaken {
                        #[api(detail)]
                        name: String,
                    },
                    #[error("slow down")]
                    #[api(status = 429, code = "RATE_LIMITED")]
                    RateLimited {
                        #[api(retry_after)]
                        wait: u64,
                        #[api(rate_limit)]
                        limit: RateLimit,
                    },
                    #[error("invalid user")]
                    #[api(status = 422)]
                    InvalidUser {
                        #[api(violations)]
                        violations: Vec<Violation>,
                    },
                    #[error("down for maintenance")]
                    #[api(status = 503)]
                    Maintenance,
                    /// Its cause is never sent, so it cannot be rebuilt.
                    #[error("database failure: {cause}")]
                    #[api(status = 500)]
                    Database { cause: String },
                    #[error(transparent)]
                    #[api(transparent)]
                    Billing(#[from] Billing),
                }

                #[derive(Debug, PartialEq, thiserror::Error, apierror::ApiError)]
                pub enum Billing {
                    #[error("card ending {last4} declined")]
                    #[api(status = 402)]
                    CardDeclined {
                        #[api(detail)]
                        last4: String,
                    },
                }

                /// Every case, each with what decoding it in this envelope gives back.
                pub fn cases() -> Vec<(AppError, Option<AppError>)> {
                    let detail = |error: AppError| -> (AppError, Option<AppError>) {
                        let decoded = DETAILS.then(|| clone(&error));
                        (error, decoded)
                    };
                    let invalid = AppError::InvalidUser { violations: super::violations() };
                    let invalid_decoded = AppError::InvalidUser {
                        violations: if VIOLATIONS { super::violations() } else { Vec::new() },
                    };
                    vec![
                        detail(AppError::UserNotFound { id: 7 }),
                        detail(AppError::NameTaken { name: "ada \"the\" lovelace ✓".into() }),
                        detail(AppError::Billing(Billing::CardDeclined { last4: "4242".into() })),
                        {
                            let error = AppError::RateLimited { wait: 5, limit: super::limit() };
                            let decoded = clone(&error);
                            (error, Some(decoded))
                        },
                        (invalid, Some(invalid_decoded)),
                        (AppError::Maintenance, Some(AppError::Maintenance)),
                        (AppError::Database { cause: "password=hunter2".into() }, None),
                    ]
                }

                fn clone(error: &AppError) -> AppError {
                    match error {
                        AppError::UserNotFound { id } => AppError::UserNotFound { id: *id },
                        AppError::NameTaken { name } => AppError::NameTaken { name: name.clone() },
                        AppError::RateLimited { wait, limit } => {
                            AppError::RateLimited { wait: *wait, limit: *limit }
                        }
                        AppError::InvalidUser { violations } => {
                            AppError::InvalidUser { violations: violations.clone() }
                        }
                        AppError::Maintenance => AppError::Maintenance,
                        AppError::Database { cause } => AppError::Database { cause: cause.clone() },
                        AppError::Billing(Billing::CardDeclined { last4 }) => {
                            AppError::Billing(Billing::CardDeclined { last4: last4.clone() })
                        }
                    }
                }

                pub fn router() -> axum::Router {
                    axum::Router::new().route(
                        "/case/{n}",
                        axum::routing::get(|axum::extract::Path(n): axum::extract::Path<usize>| async move {
                            cases().swap_remove(n).0
                        }),
                    )
                }
            }
        )+

        const ENVELOPES: &[&str] = &[$(stringify!($module)),+];

        fn app() -> axum::Router {
            axum::Router::new()$(.nest(concat!("/", stringify!($module)), $module::router()))+
        }

        /// Decodes `response` as the envelope `name`'s type; `Some(matches expected)`.
        fn check(name: &str, case: usize, response: &ErrorResponse) {
            match name {
                $(stringify!($module) => {
                    let (original, expected) = $module::cases().swap_remove(case);
                    let decoded = $module::AppError::decode(response);
                    assert_eq!(
                        decoded, expected,
                        "{name} case {case} ({original:?}): decoded from {:?}",
                        String::from_utf8_lossy(response.body())
                    );
                })+
                _ => unreachable!("{name}"),
            }
        }

        fn case_count(name: &str) -> usize {
            match name {
                $(stringify!($module) => $module::cases().len(),)+
                _ => 0,
            }
        }
    };
}

envelopes! {
    error_object => ErrorObject, details: true, violations: true;
    error_flag => ErrorFlag, details: false, violations: false;
    error_message => ErrorMessage, details: true, violations: true;
    error_code => ErrorCode, details: false, violations: false;
    data_error_meta => DataErrorMeta, details: false, violations: false;
    problem => Problem, details: true, violations: true;
    json_api => JsonApi, details: true, violations: true;
    google => Google, details: true, violations: true;
    odata => OData, details: true, violations: true;
}

#[tokio::test]
async fn every_envelope_and_every_variant_round_trip_through_real_http() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let server = tokio::spawn(async move { axum::serve(listener, app()).await });
    let client = reqwest::Client::new();
    let mut checked = 0;
    for name in ENVELOPES {
        for case in 0..case_count(name) {
            let response = client
                .get(format!("http://{addr}/{name}/case/{case}"))
                .send()
                .await
                .unwrap();
            let status = response.status();
            let headers = response.headers().clone();
            let body = response.bytes().await.unwrap();
            let decoded = ErrorResponse::parse(status, &headers, &body);
            assert!(decoded.status().is_client_error() || decoded.status().is_server_error());
            check(name, case, &decoded);
            checked += 1;
        }
    }
    assert_eq!(checked, 9 * 7);
    server.abort();
}

/// Rendered and parsed in process, so proptest can try many values quickly.
fn round_trip<E: apierror::ApiError + Decode>(
    error: &E,
    envelope: fn(&E) -> http::Response<Vec<u8>>,
) -> Option<E> {
    let response = envelope(error);
    let parsed = ErrorResponse::parse(response.status(), response.headers(), response.body());
    E::decode(&parsed)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn any_string_detail_round_trips(name in any::<String>()) {
        macro_rules! each {
            ($($module:ident => $envelope:ident),+) => {$(
                let error = $module::AppError::NameTaken { name: name.clone() };
                let decoded = round_trip(&error, |e| {
                    apierror::render::<apierror::envelope::$envelope>(e, &Default::default())
                });
                prop_assert_eq!(decoded, Some(error), "{}", stringify!($module));
            )+};
        }
        each!(error_object => ErrorObject, error_message => ErrorMessage, problem => Problem,
              json_api => JsonApi, google => Google, odata => OData);
    }

    #[test]
    fn any_number_detail_round_trips(id in any::<u64>()) {
        macro_rules! each {
            ($($module:ident => $envelope:ident),+) => {$(
                let error = $module::AppError::UserNotFound { id };
                let decoded = round_trip(&error, |e| {
                    apierror::render::<apierror::envelope::$envelope>(e, &Default::default())
                });
                prop_assert_eq!(decoded, Some(error), "{}", stringify!($module));
            )+};
        }
        each!(error_object => ErrorObject, error_message => ErrorMessage, problem => Problem,
              json_api => JsonApi, google => Google, odata => OData);
    }

    #[test]
    fn any_delay_round_trips_in_whole_seconds(wait in 0u64..10_000_000) {
        let error = problem::AppError::RateLimited { wait, limit: limit() };
        let decoded = round_trip(&error, |e| {
            apierror::render::<apierror::envelope::Problem>(e, &Default::default())
        });
        prop_assert_eq!(decoded, Some(error));
    }
}

#[test]
fn an_unknown_code_stays_untyped() {
    let body = br#"{"type":"about:blank","title":"Gone","status":410,"detail":"moved on","code":"BRAND_NEW_CODE"}"#;
    let mut headers = http::HeaderMap::new();
    headers.insert(
        "content-type",
        http::HeaderValue::from_static("application/problem+json"),
    );
    let response = ErrorResponse::parse(http::StatusCode::GONE, &headers, body);
    assert_eq!(response.code(), Some("BRAND_NEW_CODE"));
    assert_eq!(problem::AppError::decode(&response), None);
    let error = apierror::client::ClientError::<problem::AppError>::from_response(response);
    assert!(matches!(error, apierror::client::ClientError::Response(ref r) if r.status() == 410));
}
