//! The structure of the responses: one per status, every code a named example, the
//! envelope's content type and schema, the headers each status may carry.

use super::*;

/// The statuses of `Shop`'s tree, its own and the rejections'.
const SHOP_STATUSES: [&str; 10] = [
    "400", "404", "405", "413", "415", "422", "429", "500", "502", "503",
];

pub(super) const X_RATE_LIMIT: [&str; 3] = [
    "X-RateLimit-Limit",
    "X-RateLimit-Remaining",
    "X-RateLimit-Reset",
];
const IETF_RATE_LIMIT: [&str; 2] = ["RateLimit", "RateLimit-Policy"];

/// Checks the documented structure of `responses`, the Responses Object of every code of
/// `T`'s tree: one response per status; each code of the status a named example (summary,
/// help, body); the codes in the description; the envelope's content type and schema `$ref`;
/// `Retry-After` exactly where a delay may be sent; the rate-limit headers of `rate_limit`
/// exactly where a code has a rate limit; `x-request-id` everywhere.
#[track_caller]
pub(super) fn check_structure<
    T: ErrorCodes + apierror::ApiError + apierror::__private::UsesEnvelope,
>(
    what: &str,
    responses: &Value,
    envelope: &str,
    content_type: &str,
    rate_limit: &[&str],
) {
    let catalog = apierror::catalog::<T>();
    let statuses: BTreeSet<String> = catalog
        .records()
        .iter()
        .map(|r| r.entry().status.to_string())
        .collect();
    assert_eq!(keys(responses), statuses, "{what}: one response per status");
    assert_eq!(catalog.schema_name(), envelope, "{what}");

    for status in &statuses {
        let response = &responses[status.as_str()];
        let records: Vec<_> = catalog
            .records()
            .iter()
            .filter(|r| r.entry().status.to_string() == *status)
            .collect();
        let context = format!("{what} {status}");

        // The description: the reason phrase, then every code.
        let description = response["description"].as_str().expect("a description");
        let reason = records[0]
            .entry()
            .status_code()
            .canonical_reason()
            .expect("a reason phrase");
        assert!(
            description.starts_with(&format!("{reason}: ")),
            "{context}: {description}"
        );
        for record in &records {
            assert!(
                description.contains(&format!("`{}`", record.entry().code)),
                "{context}: {description} does not name {}",
                record.entry().code
            );
        }

        // The content: the envelope's type only, its schema a reference to the component.
        assert_eq!(
            keys(&response["content"]),
            set(&[content_type]),
            "{context}"
        );
        let media = &response["content"][content_type];
        assert_eq!(
            media["schema"],
            json!({ "$ref": format!("#/components/schemas/{envelope}") }),
            "{context}"
        );

        // The examples: one per code, named by it.
        let codes: Vec<&str> = records.iter().map(|r| r.entry().code).collect();
        assert_eq!(keys(&media["examples"]), set(&codes), "{context}");
        for record in &records {
            let entry = record.entry();
            let summary = if entry.summary.is_empty() {
                entry.title()
            } else {
                entry.summary
            };
            assert!(
                !summary.is_empty(),
                "{context} {}: empty summary",
                entry.code
            );
            let mut expected = json!({ "summary": summary, "value": record.example().body_json() });
            if let Some(help) = entry.help {
                expected["description"] = json!(help);
            }
            assert_eq!(
                without_timestamps(&media["examples"][entry.code]),
                without_timestamps(&expected),
                "{context} {}",
                entry.code
            );
            assert_ne!(
                record.example().body_json(),
                Value::Null,
                "{context} {}: the example body is not JSON",
                entry.code
            );
        }

        // The headers.
        let headers = &response["headers"];
        let delay = records.iter().any(|r| r.entry().may_have_retry_after());
        let limited = records
            .iter()
            .any(|r| r.entry().has(apierror::catalog::FieldRole::RateLimit));
        let mut expected = set(&["x-request-id"]);
        if delay {
            expected.insert("Retry-After".to_owned());
        }
        if limited {
            expected.extend(rate_limit.iter().map(|s| (*s).to_owned()));
        }
        if envelope == "OData" {
            expected.insert("x-ms-error-code".to_owned());
        }
        assert_eq!(keys(headers), expected, "{context}: headers");
        for (name, header) in headers.as_object().expect("headers") {
            assert!(
                header["description"]
                    .as_str()
                    .is_some_and(|d| !d.is_empty()),
                "{context} {name}: no description"
            );
            assert!(
                header["schema"]["type"].is_string(),
                "{context} {name}: no schema type"
            );
        }
        if delay {
            assert_eq!(
                headers["Retry-After"]["schema"],
                json!({ "type": "integer", "minimum": 0 }),
                "{context}"
            );
        }
    }
}

#[test]
fn responses_structure_of_a_derived_type() {
    let responses = apierror::openapi::responses::<Shop>();
    check_structure::<Shop>(
        "responses::<Shop>()",
        &responses,
        "ErrorObject",
        "application/json",
        &X_RATE_LIMIT,
    );

    // The same, spelled out for the cases the structure depends on.
    assert_eq!(keys(&responses), set(&SHOP_STATUSES));
    let not_found = &responses["404"];
    assert_eq!(
        not_found["description"],
        "Not Found: `ITEM_NOT_FOUND`, `CART_MISSING`, `ROUTE_NOT_FOUND`"
    );
    let examples = &not_found["content"]["application/json"]["examples"];
    assert_eq!(
        keys(examples),
        set(&["CART_MISSING", "ITEM_NOT_FOUND", "ROUTE_NOT_FOUND"])
    );
    assert_eq!(
        examples["ITEM_NOT_FOUND"]["summary"],
        "The item does not exist."
    );
    assert_eq!(examples["ITEM_NOT_FOUND"]["description"], "Check the id.");
    assert_eq!(
        examples["ITEM_NOT_FOUND"]["value"]["error"]["code"],
        "ITEM_NOT_FOUND"
    );
    // No doc comment: the title; no help: no description.
    assert_eq!(examples["CART_MISSING"]["summary"], "Cart missing");
    assert!(examples["CART_MISSING"].get("description").is_none());
    // The transparent rejection's codes sit under their statuses.
    assert_eq!(
        keys(&responses["400"]["content"]["application/json"]["examples"]),
        set(&[
            "INVALID_BODY",
            "INVALID_JSON",
            "INVALID_PATH",
            "INVALID_QUERY",
            "REQUEST_REJECTED"
        ])
    );
    assert_eq!(
        keys(&responses["422"]["content"]["application/json"]["examples"]),
        set(&["INVALID_JSON_DATA"])
    );
    for (status, code) in [
        ("405", "METHOD_NOT_ALLOWED"),
        ("413", "PAYLOAD_TOO_LARGE"),
        ("415", "UNSUPPORTED_MEDIA_TYPE"),
    ] {
        assert_eq!(
            keys(&responses[status]["content"]["application/json"]["examples"]),
            set(&[code]),
            "{status}"
        );
    }

    // Headers: a rate limit without a delay has the rate-limit headers only; a constant delay
    // and a delay field each have `Retry-After` only; the others neither.
    let header_keys = |status: &str| keys(&responses[status]["headers"]);
    assert_eq!(
        header_keys("429"),
        set(&[
            "X-RateLimit-Limit",
            "X-RateLimit-Remaining",
            "X-RateLimit-Reset",
            "x-request-id"
        ])
    );
    assert_eq!(header_keys("503"), set(&["Retry-After", "x-request-id"]));
    assert_eq!(header_keys("502"), set(&["Retry-After", "x-request-id"]));
    for status in ["400", "404", "405", "413", "415", "422", "500"] {
        assert_eq!(header_keys(status), set(&["x-request-id"]), "{status}");
    }
    assert_eq!(
        responses["429"]["headers"]["X-RateLimit-Reset"]["schema"],
        json!({ "type": "integer", "minimum": 0 })
    );
    // The 500's example hides the cause, as the wire does.
    let database = &responses["500"]["content"]["application/json"]["examples"]["DATABASE"];
    assert!(!database.to_string().contains("database:"), "{database}");
}

#[test]
fn responses_structure_through_utoipa() {
    check_structure::<Shop>(
        "<Shop as IntoResponses>::responses()",
        &utoipa_responses::<Shop>(),
        "ErrorObject",
        "application/json",
        &X_RATE_LIMIT,
    );
}

/// The rate-limit header styles, each a type with one limited and one plain code.
pub(super) mod rate_limit_styles {
    use apierror::RateLimit;

    /// IETF headers.
    #[derive(Debug, thiserror::Error, apierror::ApiError)]
    #[api(rate_limit_headers = "ietf")]
    #[allow(dead_code)]
    pub enum Ietf {
        /// Too many requests.
        #[error("slow down")]
        #[api(status = 429, code = "RATE_LIMITED")]
        RateLimited {
            #[api(rate_limit)]
            limit: Option<RateLimit>,
            #[api(retry_after)]
            wait: u64,
        },
        /// Nothing here.
        #[error("gone")]
        #[api(status = 410)]
        Gone,
    }

    /// Both sets.
    #[derive(Debug, thiserror::Error, apierror::ApiError)]
    #[api(rate_limit_headers = "both")]
    #[allow(dead_code)]
    pub enum Both {
        /// Too many requests.
        #[error("slow down")]
        #[api(status = 429, code = "RATE_LIMITED")]
        RateLimited {
            #[api(rate_limit)]
            limit: RateLimit,
        },
        /// Nothing here.
        #[error("gone")]
        #[api(status = 410)]
        Gone,
    }

    /// The default, named.
    #[derive(Debug, thiserror::Error, apierror::ApiError)]
    #[api(rate_limit_headers = "x-ratelimit")]
    #[allow(dead_code)]
    pub enum XRateLimit {
        /// Too many requests.
        #[error("slow down")]
        #[api(status = 429, code = "RATE_LIMITED")]
        RateLimited {
            #[api(rate_limit)]
            limit: RateLimit,
        },
        /// Nothing here.
        #[error("gone")]
        #[api(status = 410)]
        Gone,
    }
}

#[test]
fn rate_limit_headers_follow_the_style() {
    use rate_limit_styles::{Both, Ietf, XRateLimit};

    let ietf = apierror::openapi::responses::<Ietf>();
    check_structure::<Ietf>(
        "ietf",
        &ietf,
        "ErrorObject",
        "application/json",
        &IETF_RATE_LIMIT,
    );
    assert_eq!(
        keys(&ietf["429"]["headers"]),
        set(&[
            "RateLimit",
            "RateLimit-Policy",
            "Retry-After",
            "x-request-id"
        ])
    );
    assert_eq!(
        ietf["429"]["headers"]["RateLimit"]["schema"],
        json!({ "type": "string" })
    );
    assert_eq!(keys(&ietf["410"]["headers"]), set(&["x-request-id"]));

    let both = apierror::openapi::responses::<Both>();
    let all: Vec<&str> = X_RATE_LIMIT
        .iter()
        .chain(&IETF_RATE_LIMIT)
        .copied()
        .collect();
    check_structure::<Both>("both", &both, "ErrorObject", "application/json", &all);
    assert_eq!(
        keys(&both["429"]["headers"]),
        set(&[
            "RateLimit",
            "RateLimit-Policy",
            "X-RateLimit-Limit",
            "X-RateLimit-Remaining",
            "X-RateLimit-Reset",
            "x-request-id"
        ])
    );
    assert_eq!(keys(&both["410"]["headers"]), set(&["x-request-id"]));

    let x = apierror::openapi::responses::<XRateLimit>();
    check_structure::<XRateLimit>(
        "x-ratelimit",
        &x,
        "ErrorObject",
        "application/json",
        &X_RATE_LIMIT,
    );
    assert_eq!(
        x["429"]["headers"],
        apierror::openapi::responses::<Shop>()["429"]["headers"]
    );

    for (name, value) in [("ietf", &ietf), ("both", &both), ("x-ratelimit", &x)] {
        let doc = hand_document(
            value.clone(),
            json!({ "schemas": { "ErrorObject": apierror::envelope::ErrorObject::schema() } }),
        );
        expect_valid(name, validate_document(&doc));
        assert_eq!(expect_valid(name, validate_examples(&doc)), 2, "{name}");
    }
}

#[test]
fn components_hold_the_envelope_schema() {
    assert_eq!(
        apierror::openapi::components::<Shop>(),
        json!({ "schemas": { "ErrorObject": apierror::envelope::ErrorObject::schema() } })
    );
    assert_eq!(
        apierror::openapi::components::<AppError>(),
        json!({ "schemas": { "Problem": apierror::envelope::Problem::schema() } })
    );
}
