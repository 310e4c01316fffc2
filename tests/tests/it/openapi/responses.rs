//! The structure of the responses: one per status, every code a named example, the
//! envelope's content type and schema, the headers each status may carry.

use super::*;

/// The response keys of `Shop`'s tree, its own statuses and the rejections': 404
/// `ROUTE_NOT_FOUND` and 405 `METHOD_NOT_ALLOWED` answer no operation and are left out,
/// `REQUEST_REJECTED` comes at any 4xx (`4XX`), the renderer's `INTERNAL_ERROR` at any 5xx
/// (`5XX`): issue 18, "every response declared".
const SHOP_STATUSES: [&str; 11] = [
    "400", "404", "413", "415", "422", "429", "4XX", "500", "502", "503", "5XX",
];

pub(super) const X_RATE_LIMIT: [&str; 3] = [
    "X-RateLimit-Limit",
    "X-RateLimit-Remaining",
    "X-RateLimit-Reset",
];
const IETF_RATE_LIMIT: [&str; 2] = ["RateLimit", "RateLimit-Policy"];

/// Checks the documented structure of `responses`, the Responses Object of every code of
/// `T`'s tree: one response per status (routing codes left out, open ones under `4XX` /
/// `5XX`); each code of the status a named example (summary, help, body); the codes in the
/// description, with the open codes of the class; the envelope's content type; the schema one
/// branch per code (`allOf` the envelope's `$ref` and the code as a one-value `enum`), or the
/// bare `$ref` when the envelope has the code only inside an array (or not at all);
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
    let listed: Vec<_> = catalog
        .records()
        .iter()
        .filter(|r| !r.entry().routing)
        .collect();
    let key_of = |e: &apierror::catalog::Entry| {
        if e.open_status {
            format!("{}XX", e.status / 100)
        } else {
            e.status.to_string()
        }
    };
    // `INTERNAL_ERROR`, open and of status 500, is also listed under `500`: the renderer's own
    // failure answers exactly 500, so every operation declares it (OWASP API8's rule).
    let also_500 = |e: &apierror::catalog::Entry| e.open_status && e.status == 500;
    let mut statuses: BTreeSet<String> = listed.iter().map(|r| key_of(r.entry())).collect();
    if listed.iter().any(|r| also_500(r.entry())) {
        statuses.insert("500".to_owned());
    }
    assert_eq!(keys(responses), statuses, "{what}: one response per status");
    assert_eq!(catalog.schema_name(), envelope, "{what}");

    for status in &statuses {
        let response = &responses[status.as_str()];
        let records: Vec<_> = listed
            .iter()
            .filter(|r| key_of(r.entry()) == *status || (status == "500" && also_500(r.entry())))
            .collect();
        let also: Vec<_> = listed
            .iter()
            .filter(|r| {
                r.entry().open_status
                    && !status.ends_with("XX")
                    && status.starts_with(&(r.entry().status / 100).to_string())
                    && !records.iter().any(|own| own.entry().code == r.entry().code)
            })
            .collect();
        let context = format!("{what} {status}");

        // The description: the reason phrase (the class's for `4XX` / `5XX`), then every code.
        let description = response["description"].as_str().expect("a description");
        let reason = match status.as_str() {
            "4XX" => "Client error",
            "5XX" => "Server error",
            _ => records[0]
                .entry()
                .status_code()
                .canonical_reason()
                .expect("a reason phrase"),
        };
        assert!(
            description.starts_with(&format!("{reason}: ")),
            "{context}: {description}"
        );
        for record in records.iter().chain(&also) {
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
        let envelope_ref = json!({ "$ref": format!("#/components/schemas/{envelope}") });
        // Where the envelope writes the code outside an array, each code is a branch.
        let typed = !matches!(envelope, "JsonApi" | "Google");
        if typed {
            let branches: Vec<Value> = match media["schema"]["oneOf"].as_array() {
                Some(branches) => branches.clone(),
                None => vec![media["schema"].clone()],
            };
            let expected: Vec<&str> = records
                .iter()
                .chain(&also)
                .map(|r| r.entry().code)
                .collect();
            let titles: Vec<&str> = branches
                .iter()
                .filter_map(|b| b["title"].as_str())
                .collect();
            assert_eq!(titles, expected, "{context}: one branch per code");
            for branch in &branches {
                assert_eq!(branch["allOf"][0], envelope_ref, "{context}");
                let code = branch["title"].as_str().expect("a title");
                let shape = serde_json::to_string(&branch["allOf"][1]).expect("JSON");
                assert!(
                    shape.contains(&format!(r#"{{"enum":["{code}"],"type":"string"}}"#)),
                    "{context}: {code} is not a one-value enum in {shape}"
                );
            }
        } else {
            assert_eq!(media["schema"], envelope_ref, "{context}");
        }

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
            // RFC 9110's delay-seconds, as the renderer writes them: whole seconds, rounded up
            // and capped at 2^53 - 1 so that every JSON reader reads them exactly.
            assert_eq!(
                headers["Retry-After"]["schema"],
                json!({
                    "type": "integer",
                    "format": "int64",
                    "minimum": 0,
                    "maximum": 9_007_199_254_740_991_u64,
                }),
                "{context}"
            );
        }
        // The request id the middleware keeps or makes: 1 to 128 visible ASCII characters.
        assert_eq!(
            headers["x-request-id"]["schema"],
            json!({ "type": "string", "minLength": 1, "maxLength": 128, "pattern": "^[!-~]+$" }),
            "{context}"
        );
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
        "Not Found: `ITEM_NOT_FOUND`, `CART_MISSING`, `REQUEST_REJECTED`"
    );
    // `ROUTE_NOT_FOUND` answers no operation; `REQUEST_REJECTED` may come with any 4xx, so it
    // is one of the schema's branches, without an example (whose status is 400).
    let examples = &not_found["content"]["application/json"]["examples"];
    assert_eq!(keys(examples), set(&["CART_MISSING", "ITEM_NOT_FOUND"]));
    let branches = &not_found["content"]["application/json"]["schema"]["oneOf"];
    assert_eq!(branches.as_array().map(Vec::len), Some(3), "{branches}");
    // `ITEM_NOT_FOUND`'s detail `id: u64` is an integer of `u64`'s range in the schema (JSON
    // Schema 2020-12 `type`/`minimum`/`maximum`, the OpenAPI Format Registry's `uint64`), and
    // an integer in the example.
    let shape = serde_json::to_string(&branches[0]["allOf"][1]).expect("JSON");
    assert!(
        shape.contains(
            r#""id":{"format":"uint64","maximum":18446744073709551615,"minimum":0,"type":"integer"}"#
        ),
        "{shape}"
    );
    assert_eq!(
        examples["ITEM_NOT_FOUND"]["value"]["error"]["details"]["id"],
        json!(42)
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
        ])
    );
    // The open codes under their class: any 4xx, any 5xx.
    assert_eq!(
        keys(&responses["4XX"]["content"]["application/json"]["examples"]),
        set(&["REQUEST_REJECTED"])
    );
    assert_eq!(
        keys(&responses["5XX"]["content"]["application/json"]["examples"]),
        set(&["INTERNAL_ERROR"])
    );
    assert_eq!(
        keys(&responses["422"]["content"]["application/json"]["examples"]),
        set(&["INVALID_JSON_DATA"])
    );
    assert!(
        responses.get("405").is_none(),
        "METHOD_NOT_ALLOWED answers no operation"
    );
    for (status, code) in [
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
    for status in ["400", "404", "413", "415", "422", "4XX", "500", "5XX"] {
        assert_eq!(header_keys(status), set(&["x-request-id"]), "{status}");
    }
    // A `u64` in decimal: the registry's `uint64`, with its range.
    assert_eq!(
        responses["429"]["headers"]["X-RateLimit-Reset"]["schema"],
        json!({
            "type": "integer",
            "format": "uint64",
            "minimum": 0,
            "maximum": u64::MAX,
        })
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
    // The IETF fields in the one shape each that the renderer writes (a `u64` is 1 to 20
    // digits), so a client generator and OWASP's string rules see a bounded string.
    assert_eq!(
        ietf["429"]["headers"]["RateLimit"]["schema"],
        json!({
            "type": "string",
            "minLength": 17,
            "maxLength": 55,
            "pattern": "^\"default\";r=[0-9]{1,20};t=[0-9]{1,20}$",
        })
    );
    assert_eq!(
        ietf["429"]["headers"]["RateLimit-Policy"]["schema"],
        json!({
            "type": "string",
            "minLength": 13,
            "maxLength": 55,
            "pattern": "^\"default\";q=[0-9]{1,20}(;w=[0-9]{1,20})?$",
        })
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
        // The limited code, the plain one, and the renderer's `INTERNAL_ERROR` (under `5XX`
        // and `500`).
        assert_eq!(expect_valid(name, validate_examples(&doc)), 4, "{name}");
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

/// Every rate-limit header the renderer writes, at the smallest and the largest values a
/// `RateLimit` holds, matches the schema its response documents.
#[test]
fn rate_limit_headers_match_their_schemas() {
    use rate_limit_styles::Both;

    let responses = apierror::openapi::responses::<Both>();
    let documented = &responses["429"]["headers"];
    for limit in [
        RateLimit::new(0, 0, 0),
        RateLimit::new(u64::MAX, u64::MAX, u64::MAX).with_window(u64::MAX),
        RateLimit::new(100, 7, 1_767_225_600).with_window(60),
    ] {
        let error = Both::RateLimited { limit };
        let response = apierror::render::<apierror::envelope::ErrorObject>(
            &error,
            &apierror::envelope::RequestInfo::default(),
        );
        for (name, header) in documented.as_object().expect("headers") {
            if name == "x-request-id" {
                continue; // the middleware's, not the renderer's
            }
            let value = response
                .headers()
                .get(name.as_str())
                .unwrap_or_else(|| panic!("{name} not sent ({limit:?})"))
                .to_str()
                .expect("visible ASCII");
            // A header's value is text; an integer schema reads it as the number it spells.
            let instance = if header["schema"]["type"] == "integer" {
                serde_json::from_str::<Value>(value).expect("a number")
            } else {
                json!(value)
            };
            let validator =
                jsonschema::validator_for(&header["schema"]).expect("the schema compiles");
            assert!(
                validator.is_valid(&instance),
                "{name}: {value:?} does not match {}",
                header["schema"]
            );
        }
    }
    // And the check bites: a value of another shape is refused.
    let validator =
        jsonschema::validator_for(&documented["RateLimit"]["schema"]).expect("compiles");
    assert!(!validator.is_valid(&json!("\"default\";r=1")));
    assert!(!validator.is_valid(&json!("\"default\";r=1;t=123456789012345678901")));
}
