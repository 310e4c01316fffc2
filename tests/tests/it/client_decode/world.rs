//! The APIs people call: the published error bodies and headers of popular APIs and of RFC 6749
//! / RFC 6750 (`tests/client_world/*.json`, each file naming its source), decoded as their
//! documentation says to read them (code, message, delay, request id, violations); the same
//! responses through reqwest from a loopback server; and every rule `parse` makes for an
//! ambiguous shape, pinned by a case on each side.

use std::net::SocketAddr;
use std::sync::Arc;

use apierror::client::reqwest::send;
use apierror::client::{ClientError, Decode, ParseOptions, RetryBudget, RetryPolicy};

use super::*;

/// One published response.
struct WorldCase {
    api: String,
    name: String,
    status: StatusCode,
    headers: HeaderMap,
    body: Vec<u8>,
    /// When it was received (Unix seconds), for a delay read from a rate limit's reset.
    now: Option<u64>,
    expect: Value,
}

fn world() -> Vec<WorldCase> {
    let dir = root().join("tests/client_world");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for path in files {
        let file: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let api = file["api"].as_str().unwrap();
        assert!(
            !file["source"].as_str().unwrap().is_empty(),
            "{api}: a source"
        );
        for case in file["cases"].as_array().unwrap() {
            assert!(case["section"].is_string(), "{api}: a section per case");
            out.push(WorldCase {
                api: api.to_owned(),
                name: case["name"].as_str().unwrap().to_owned(),
                status: status(&case["status"]),
                headers: header_map(case["headers"].as_object().unwrap()),
                body: case["body"].as_str().unwrap().as_bytes().to_vec(),
                now: case.get("now").and_then(Value::as_u64),
                expect: case["expect"].clone(),
            });
        }
    }
    out
}

/// Checks one decoded response against `expect`: a member left out must be absent.
fn check_world(what: &str, response: &ErrorResponse, expect: &Value) {
    let string = |key: &str| expect.get(key).and_then(Value::as_str);
    assert_eq!(
        format_name(response.format()),
        expect["format"].as_str().unwrap(),
        "{what}: format"
    );
    assert_eq!(response.code(), string("code"), "{what}: code");
    assert_eq!(response.message(), string("message"), "{what}: message");
    assert_eq!(
        response.request_id(),
        string("request_id"),
        "{what}: request id"
    );
    assert_eq!(
        response.retry_after(),
        expect
            .get("retry_after_ms")
            .and_then(Value::as_u64)
            .map(Duration::from_millis),
        "{what}: retry after"
    );
    let violations: Vec<(String, String, Option<String>)> = response
        .violations()
        .iter()
        .map(|v| {
            (
                v.json_pointer().into_owned(),
                v.message().to_owned(),
                v.code().map(str::to_owned),
            )
        })
        .collect();
    let expected: Vec<(String, String, Option<String>)> = expect
        .get("violations")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .map(|v| {
            (
                v[0].as_str().unwrap().to_owned(),
                v[1].as_str().unwrap().to_owned(),
                v[2].as_str().map(str::to_owned),
            )
        })
        .collect();
    assert_eq!(violations, expected, "{what}: violations");
}

fn parse_case(case: &WorldCase) -> ErrorResponse {
    match case.now {
        Some(secs) => ErrorResponse::parse_at(
            case.status,
            &case.headers,
            &case.body,
            SystemTime::UNIX_EPOCH + Duration::from_secs(secs),
        ),
        None => ErrorResponse::parse(case.status, &case.headers, &case.body),
    }
}

#[test]
fn the_apis_people_call_decode_as_documented() {
    let cases = world();
    let apis: std::collections::BTreeSet<&str> = cases.iter().map(|c| c.api.as_str()).collect();
    // Ten APIs and the two RFCs' file.
    assert!(apis.len() >= 11, "{apis:?}");
    for case in &cases {
        let what = format!("{} / {}", case.api, case.name);
        let response = parse_case(case);
        assert_eq!(response.status(), case.status, "{what}");
        assert_eq!(response.body(), &case.body[..], "{what}");
        check_world(&what, &response, &case.expect);
    }
}

/// What any client would do: the typed error is not known, the response is kept.
#[derive(Debug)]
struct Untyped;

impl Decode for Untyped {
    fn decode(_: &ErrorResponse) -> Option<Self> {
        None
    }
}

/// A loopback server answering every case of the world by its index in the path.
async fn world_server(cases: Arc<Vec<WorldCase>>) -> SocketAddr {
    let app = axum::Router::new().route(
        "/{index}",
        axum::routing::get(
            move |axum::extract::Path(index): axum::extract::Path<usize>| {
                let cases = Arc::clone(&cases);
                async move {
                    let case = &cases[index];
                    let mut response =
                        axum::response::Response::new(axum::body::Body::from(case.body.clone()));
                    *response.status_mut() = case.status;
                    for (name, value) in &case.headers {
                        response.headers_mut().append(name, value.clone());
                    }
                    response
                }
            },
        ),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    addr
}

#[tokio::test]
async fn the_same_responses_through_reqwest() {
    let cases = Arc::new(world());
    let addr = world_server(Arc::clone(&cases)).await;
    let client = reqwest::Client::new();
    // One attempt each: what is checked is the reading, not the retrying.
    let policy = RetryPolicy::new().with_max_retries(0);
    let budget = RetryBudget::new();
    let mut read = 0;
    for (index, case) in cases.iter().enumerate() {
        // Slack answers its errors with a 200: an adapter sees a success.
        if !(case.status.is_client_error() || case.status.is_server_error()) {
            continue;
        }
        let what = format!("{} / {} (reqwest)", case.api, case.name);
        let error = send::<Untyped>(
            client.get(format!("http://{addr}/{index}")),
            &policy,
            &budget,
        )
        .await
        .unwrap_err();
        let ClientError::Response(response) = error else {
            panic!("{what}: {error:?}");
        };
        if case.now.is_some() {
            // The reset is in the past for the real clock: no delay but the reset's (zero).
            assert_eq!(
                response.retry_after(),
                Some(Duration::ZERO),
                "{what}: retry after"
            );
            assert_eq!(
                response.request_id(),
                case.expect["request_id"].as_str(),
                "{what}"
            );
        } else {
            check_world(&what, &response, &case.expect);
        }
        assert_eq!(response.body(), &case.body[..], "{what}");
        read += 1;
    }
    assert!(read >= 25, "{read}");
}

/// Decodes `body` with `headers` (status 400).
fn decode(headers_list: &[(&str, &str)], body: &str) -> ErrorResponse {
    ErrorResponse::parse(
        StatusCode::BAD_REQUEST,
        &headers(headers_list),
        body.as_bytes(),
    )
}

/// Each rule for an ambiguous shape, with a case on each side of it: (what, headers, body,
/// format, code, message).
#[test]
fn every_ambiguous_rule_on_both_sides() {
    type Rule = (
        &'static str,
        &'static [(&'static str, &'static str)],
        &'static str,
        Format,
        Option<&'static str>,
        Option<&'static str>,
    );
    let rules: &[Rule] = &[
        // `error` a string: Slack's `ok:false` makes it a code…
        (
            "slack: ok false",
            &[],
            r#"{"ok":false,"error":"not_authed"}"#,
            Format::Slack,
            Some("not_authed"),
            None,
        ),
        // …without it, the seeds' `{"error":"<message>","code":…}`.
        (
            "seed 001: code beside",
            &[],
            r#"{"error":"Not authed","code":"NOT_AUTHED"}"#,
            Format::ErrorMessage,
            Some("NOT_AUTHED"),
            Some("Not authed"),
        ),
        (
            "ok true is not Slack's error",
            &[],
            r#"{"ok":true,"error":"Something broke"}"#,
            Format::ErrorMessage,
            None,
            Some("Something broke"),
        ),
        // RFC 6749's members make `error` a code and `error_description` the message…
        (
            "oauth: error_description",
            &[],
            r#"{"error":"invalid_client","error_description":"Client authentication failed."}"#,
            Format::OAuth,
            Some("invalid_client"),
            Some("Client authentication failed."),
        ),
        (
            "oauth: error_uri alone",
            &[],
            r#"{"error":"invalid_client","error_uri":"https://example.com/e"}"#,
            Format::OAuth,
            Some("invalid_client"),
            None,
        ),
        // …beside `message`, `error` is the code of ErrorCode (seed 003)…
        (
            "seed 003: message beside",
            &[],
            r#"{"error":"invalid_client","message":"Client authentication failed."}"#,
            Format::ErrorCode,
            Some("invalid_client"),
            Some("Client authentication failed."),
        ),
        // …alone, a code when it reads as one, else a message.
        (
            "lone snake_case: a code",
            &[],
            r#"{"error":"invalid_request"}"#,
            Format::ErrorCode,
            Some("invalid_request"),
            None,
        ),
        (
            "lone SCREAMING_SNAKE: a code",
            &[],
            r#"{"error":"RATE_LIMITED"}"#,
            Format::ErrorCode,
            Some("RATE_LIMITED"),
            None,
        ),
        (
            "lone word: a message",
            &[],
            r#"{"error":"Unauthorized"}"#,
            Format::ErrorMessage,
            None,
            Some("Unauthorized"),
        ),
        (
            "lone sentence: a message",
            &[],
            r#"{"error":"Not found"}"#,
            Format::ErrorMessage,
            None,
            Some("Not found"),
        ),
        (
            "lone with a space: a message",
            &[],
            r#"{"error":"invalid request_x y"}"#,
            Format::ErrorMessage,
            None,
            Some("invalid request_x y"),
        ),
        // Anthropic's `"type":"error"` makes the nested `type` the code…
        (
            "anthropic: type error",
            &[],
            r#"{"type":"error","error":{"type":"api_error","message":"Internal server error"}}"#,
            Format::Anthropic,
            Some("api_error"),
            Some("Internal server error"),
        ),
        // …an error object's `type` elsewhere is a category (OpenAI's, Stripe's), never a code.
        (
            "openai: code null, type not read",
            &[],
            r#"{"error":{"message":"m","type":"server_error","param":null,"code":null}}"#,
            Format::ErrorObject,
            None,
            Some("m"),
        ),
        (
            "stripe: type not read",
            &[],
            r#"{"error":{"message":"m","type":"api_error"}}"#,
            Format::ErrorObject,
            None,
            Some("m"),
        ),
        // A top-level message: the flat object, its code only from `code`…
        (
            "flat: message alone",
            &[],
            r#"{"message":"Bad credentials","documentation_url":"https://docs.github.com/rest"}"#,
            Format::Flat,
            None,
            Some("Bad credentials"),
        ),
        (
            "flat: numeric code in decimal",
            &[],
            r#"{"code":20003,"message":"Authenticate","more_info":"https://www.twilio.com/docs/errors/20003","status":401}"#,
            Format::Flat,
            Some("20003"),
            Some("Authenticate"),
        ),
        (
            "flat: negative code",
            &[],
            r#"{"code":-32600,"message":"Invalid Request"}"#,
            Format::Flat,
            Some("-32600"),
            Some("Invalid Request"),
        ),
        (
            "flat: a float is no code",
            &[],
            r#"{"code":1.5,"message":"m"}"#,
            Format::Flat,
            None,
            Some("m"),
        ),
        (
            "flat: status is never a code",
            &[],
            r#"{"status":"422","message":"Validation Failed"}"#,
            Format::Flat,
            None,
            Some("Validation Failed"),
        ),
        // …but two Problem members make it Problem, and no message no flat object.
        (
            "problem before flat",
            &[],
            r#"{"title":"Not Found","detail":"No user 7.","message":"x"}"#,
            Format::Problem,
            None,
            Some("No user 7."),
        ),
        (
            "a code alone is nothing",
            &[],
            r#"{"code":"ONLY_A_CODE"}"#,
            Format::Unknown,
            None,
            None,
        ),
        // `errors` beside a top-level message are field errors (GitHub); alone, JSON:API's objects.
        (
            "github errors: flat",
            &[],
            r#"{"message":"Validation Failed","errors":[{"resource":"Issue","field":"title","code":"missing_field"}]}"#,
            Format::Flat,
            None,
            Some("Validation Failed"),
        ),
        (
            "json:api errors",
            &[],
            r#"{"errors":[{"code":"missing_field","title":"Title is missing"}]}"#,
            Format::JsonApi,
            Some("missing_field"),
            Some("Title is missing"),
        ),
        // GraphQL: `extensions.code` is the code, GitHub's `type` is not read.
        (
            "graphql: extensions.code",
            &[],
            r#"{"errors":[{"message":"Cannot query field","extensions":{"code":"GRAPHQL_VALIDATION_FAILED"}}]}"#,
            Format::GraphQl,
            Some("GRAPHQL_VALIDATION_FAILED"),
            Some("Cannot query field"),
        ),
        (
            "graphql: github's type is not a code",
            &[],
            r#"{"data":null,"errors":[{"type":"NOT_FOUND","path":["repository"],"message":"Could not resolve to a Repository with the name 'o/r'."}]}"#,
            Format::GraphQl,
            None,
            Some("Could not resolve to a Repository with the name 'o/r'."),
        ),
        // Rails: a string, a list of messages, field → messages; never a code.
        (
            "rails: string",
            &[],
            r#"{"errors":"Not Found"}"#,
            Format::Rails,
            None,
            Some("Not Found"),
        ),
        (
            "rails: list of messages",
            &[],
            r#"{"errors":["Name can't be blank","Price is not a number"]}"#,
            Format::Rails,
            None,
            Some("Name can't be blank"),
        ),
        (
            "rails: field messages",
            &[],
            r#"{"errors":{"name":["can't be blank"]}}"#,
            Format::Rails,
            None,
            None,
        ),
        (
            "an empty errors object is nothing",
            &[],
            r#"{"errors":{}}"#,
            Format::Unknown,
            None,
            None,
        ),
        (
            "errors of numbers are nothing",
            &[],
            r#"{"errors":[1,2,3]}"#,
            Format::Unknown,
            None,
            None,
        ),
        // AWS: the header before the body's `code` before `__type`, each sanitized.
        (
            "aws: header first",
            &[(
                "x-amzn-errortype",
                "ThrottlingException:http://internal.amazon.com/",
            )],
            r#"{"__type":"com.amazon#Other","message":"Rate exceeded"}"#,
            Format::AwsJson,
            Some("ThrottlingException"),
            Some("Rate exceeded"),
        ),
        (
            "aws: code before __type",
            &[],
            r#"{"__type":"ns#Other","code":"aws.protocoltests#FooError"}"#,
            Format::AwsJson,
            Some("FooError"),
            None,
        ),
        (
            "aws: Message",
            &[],
            r#"{"__type":"ValidationException","Message":"1 validation error"}"#,
            Format::AwsJson,
            Some("ValidationException"),
            Some("1 validation error"),
        ),
        (
            "aws: __type must be a string",
            &[],
            r#"{"__type":7,"message":"m"}"#,
            Format::Flat,
            None,
            Some("m"),
        ),
        (
            "aws: the header on any body",
            &[("x-amzn-errortype", "AccessDeniedException")],
            "<html>denied</html>",
            Format::AwsJson,
            Some("AccessDeniedException"),
            None,
        ),
        // The Bearer challenge: its error where the body has no code…
        (
            "bearer: empty body",
            &[(
                "www-authenticate",
                r#"Bearer error="invalid_token", error_description="expired""#,
            )],
            "",
            Format::BearerChallenge,
            Some("invalid_token"),
            Some("expired"),
        ),
        (
            "bearer: a body without a code",
            &[("www-authenticate", r#"Bearer error="insufficient_scope""#)],
            r#"{"message":"Forbidden"}"#,
            Format::Flat,
            Some("insufficient_scope"),
            Some("Forbidden"),
        ),
        // …never over the body's own code, nor from another scheme's parameters.
        (
            "bearer: the body's code first",
            &[("www-authenticate", r#"Bearer error="invalid_token""#)],
            r#"{"error":{"code":"TOKEN_EXPIRED","message":"m"}}"#,
            Format::ErrorObject,
            Some("TOKEN_EXPIRED"),
            Some("m"),
        ),
        (
            "basic's error is not read",
            &[(
                "www-authenticate",
                r#"Basic realm="x", error="invalid_token""#,
            )],
            "",
            Format::Unknown,
            None,
            None,
        ),
    ];
    for &(what, headers_list, body, format, code, message) in rules {
        let response = decode(headers_list, body);
        assert_eq!(response.format(), format, "{what}");
        assert_eq!(response.code(), code, "{what}");
        assert_eq!(response.message(), message, "{what}");
    }
}

#[test]
fn request_ids_from_every_documented_header_then_the_body() {
    for name in [
        "x-request-id",
        "request-id",
        "x-amzn-requestid",
        "x-amz-request-id",
        "x-ms-request-id",
        "x-github-request-id",
        "twilio-request-id",
        "x-slack-req-id",
    ] {
        let response = decode(&[(name, "id-1")], r#"{"error":{"code":"X","message":"m"}}"#);
        assert_eq!(response.request_id(), Some("id-1"), "{name}");
        assert_eq!(response.header(name), Some("id-1"), "{name}");
    }
    // The list's order: x-request-id, then request-id…
    let both = decode(&[("request-id", "second"), ("x-request-id", "first")], "{}");
    assert_eq!(both.request_id(), Some("first"));
    // …a header before the body's, an empty header skipped.
    let body =
        r#"{"type":"error","error":{"type":"api_error","message":"m"},"request_id":"req_body"}"#;
    assert_eq!(
        decode(&[("request-id", "req_header")], body).request_id(),
        Some("req_header")
    );
    assert_eq!(
        decode(&[("request-id", "")], body).request_id(),
        Some("req_body")
    );
    assert_eq!(
        decode(&[("x-correlation-id", "c-1")], "{}").request_id(),
        None
    );
    // The user's headers first, in the order given.
    let options = ParseOptions::new()
        .with_request_id_header(HeaderName::from_static("x-correlation-id"))
        .with_request_id_header(HeaderName::from_static("cf-ray"));
    let map = headers(&[
        ("x-request-id", "proxy"),
        ("cf-ray", "ray-1"),
        ("x-correlation-id", ""),
    ]);
    let response = ErrorResponse::parse_with(StatusCode::BAD_GATEWAY, &map, b"", &options);
    assert_eq!(response.request_id(), Some("ray-1"));
    let map = headers(&[("x-request-id", "proxy")]);
    let response = ErrorResponse::parse_with(StatusCode::BAD_GATEWAY, &map, b"", &options);
    assert_eq!(response.request_id(), Some("proxy"));
}

/// A user's enum of Stripe's codes (Stripe's "Error codes" page), decoded from Stripe's bodies;
/// and of Anthropic's and Twilio's codes, the numeric one as its decimal text.
#[derive(Debug, PartialEq, thiserror::Error, apierror::ApiError)]
enum Upstream {
    #[error("card declined")]
    #[api(status = 402, code = "card_declined")]
    CardDeclined,
    #[error("no such resource")]
    #[api(status = 404, code = "resource_missing")]
    ResourceMissing,
    #[error("overloaded")]
    #[api(status = 529, code = "overloaded_error")]
    Overloaded {
        #[api(retry_after)]
        wait: Duration,
    },
    #[error("twilio: not found")]
    #[api(status = 404, code = "20404")]
    TwilioNotFound,
    #[error("slack: channel not found")]
    #[api(status = 400, code = "channel_not_found")]
    ChannelNotFound,
    #[error("throttled")]
    #[api(status = 400, code = "ResourceNotFoundException")]
    AwsNotFound,
}

#[test]
fn a_derived_type_decodes_the_world() {
    let cases = world();
    let find = |api: &str, name: &str| {
        cases
            .iter()
            .find(|c| c.api.starts_with(api) && c.name == name)
            .map(parse_case)
            .unwrap()
    };
    let decode = |response: &ErrorResponse| <Upstream as Decode>::decode(response);
    assert_eq!(
        decode(&find("Stripe", "card-declined")),
        Some(Upstream::CardDeclined)
    );
    assert_eq!(
        decode(&find("Stripe", "resource-missing")),
        Some(Upstream::ResourceMissing)
    );
    assert_eq!(decode(&find("Stripe", "api-error-without-code")), None);
    assert_eq!(
        decode(&find("Anthropic", "overloaded")),
        Some(Upstream::Overloaded {
            wait: Duration::from_secs(10)
        })
    );
    assert_eq!(
        decode(&find("Twilio", "not-found")),
        Some(Upstream::TwilioNotFound)
    );
    assert_eq!(
        decode(&find("Slack", "channel-not-found")),
        Some(Upstream::ChannelNotFound)
    );
    assert_eq!(
        decode(&find("AWS", "dynamodb-resource-not-found")),
        Some(Upstream::AwsNotFound)
    );
    assert_eq!(decode(&find("GitHub", "not-found")), None);
}
