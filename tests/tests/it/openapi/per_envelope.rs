//! A hand-built document for each of the nine envelopes.

use super::*;

/// Checks the hand-built document of `T` (envelope `E`, named `name`, of `content_type`): valid
/// OpenAPI 3.1, every example matching the envelope's own schema, the structure of its
/// responses, and the same document from utoipa's `IntoResponses` and `ToSchema`.
fn check_envelope<T, E>(name: &str, content_type: &str)
where
    T: ErrorCodes + apierror::ApiError + apierror::__private::UsesEnvelope + utoipa::IntoResponses,
    E: Envelope + utoipa::PartialSchema,
{
    let responses = apierror::openapi::responses::<T>();
    let components = apierror::openapi::components::<T>();
    assert_eq!(
        components,
        json!({ "schemas": { name: <E as Envelope>::schema() } }),
        "{name}"
    );
    assert_eq!(E::CONTENT_TYPE, content_type, "{name}");
    let doc = hand_document(responses.clone(), components);
    expect_valid(name, validate_document(&doc));
    let checked = expect_valid(name, validate_examples(&doc));
    // Every code of the tree (16) but the two that answer no operation (`ROUTE_NOT_FOUND`,
    // `METHOD_NOT_ALLOWED`), and the renderer's own `INTERNAL_ERROR` twice: under `5XX` and
    // under `500`, its own status.
    assert_eq!(checked, apierror::all_codes::<T>().len() - 2 + 2, "{name}");
    assert_eq!(checked, 16, "{name}");

    check_structure::<T>(name, &responses, name, content_type, &X_RATE_LIMIT);
    if name != "DataErrorMeta" {
        // The same each time (DataErrorMeta's timestamps aside: `examples_are_the_same_each_time`).
        assert_eq!(responses, apierror::openapi::responses::<T>(), "{name}");
    }
    let through_utoipa = utoipa_responses::<T>();
    assert_same_json(
        &format!("{name}: IntoResponses vs responses()"),
        &without_timestamps(&through_utoipa),
        &without_timestamps(&responses),
    );

    // The same document from utoipa's side: `IntoResponses` and `ToSchema`.
    let schema = serde_json::to_value(<E as utoipa::PartialSchema>::schema())
        .expect("the utoipa schema serializes");
    let doc = hand_document(through_utoipa, json!({ "schemas": { name: schema } }));
    expect_valid(&format!("{name} (utoipa)"), validate_document(&doc));
    assert_eq!(
        expect_valid(&format!("{name} (utoipa)"), validate_examples(&doc)),
        checked,
        "{name} (utoipa)"
    );

    // OData's own header, on every response and only for OData.
    for (status, response) in responses.as_object().expect("responses") {
        assert_eq!(
            response["headers"].get("x-ms-error-code").is_some(),
            name == "OData",
            "{name} {status}"
        );
    }
}

macro_rules! envelope_documents {
    ($($module:ident => $envelope:ident, $content_type:literal;)+) => {$(
        mod $module {
            use super::{Duration, RateLimit, Violation};

            /// Errors of the hand-built document of one envelope.
            #[derive(Debug, thiserror::Error, apierror::ApiError)]
            #[api(
                envelope = apierror::envelope::$envelope,
                domain = "things.example.com",
                type_base = "https://errors.example.com/things/"
            )]
            #[allow(dead_code)]
            pub enum ThingError {
                /// The thing does not exist.
                #[error("thing {id} not found")]
                #[api(status = 404, help = "Check the id.")]
                ThingNotFound {
                    #[api(detail)]
                    id: u64,
                },
                /// The thing failed validation.
                #[error("invalid thing")]
                #[api(status = 422, code = "INVALID_THING", title = "Invalid thing")]
                InvalidThing {
                    #[api(violations)]
                    violations: Vec<Violation>,
                },
                /// Another thing has this name.
                #[error("the name {name} is taken by {owner}")]
                #[api(status = 409, grpc = "ALREADY_EXISTS")]
                NameTaken {
                    #[api(detail)]
                    name: String,
                    #[api(detail = "owner_id")]
                    owner: u32,
                },
                /// Too many requests.
                #[error("rate limited")]
                #[api(status = 429, code = "RATE_LIMITED", message = "retry in {wait:?}")]
                RateLimited {
                    #[api(retry_after)]
                    wait: Duration,
                    #[api(rate_limit)]
                    limit: RateLimit,
                },
                /// Down for maintenance.
                #[error("maintenance")]
                #[api(status = 503, retry_after = 120, expose)]
                Maintenance,
                /// The server failed.
                #[error("database: {0}")]
                #[api(status = 500, retryable)]
                Database(#[source] std::io::Error),
                #[error(transparent)]
                #[api(transparent)]
                Rejected(#[from] apierror::Rejection),
            }

            #[test]
            fn hand_built_document() {
                super::check_envelope::<ThingError, apierror::envelope::$envelope>(
                    stringify!($envelope),
                    $content_type,
                );
            }
        }
    )+};
}

envelope_documents! {
    data_error_meta => DataErrorMeta, "application/json";
    error_code => ErrorCode, "application/json";
    error_flag => ErrorFlag, "application/json";
    error_message => ErrorMessage, "application/json";
    error_object => ErrorObject, "application/json";
    google => Google, "application/json";
    json_api => JsonApi, "application/vnd.api+json";
    odata => OData, "application/json";
    problem => Problem, "application/problem+json";
}
