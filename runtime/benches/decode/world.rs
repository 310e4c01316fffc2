//! The bench's bodies of the APIs people call (`tests/tests/client_world/`): loading them, and
//! both baselines' lookups for their shapes.

use std::borrow::Cow;
use std::collections::BTreeMap;

use apierror::client::Format;
use http::header::{HeaderMap, HeaderName, HeaderValue};
use http::StatusCode;
use serde::Deserialize;
use serde_json::value::RawValue;
use serde_json::Value;

use super::{Case, CodeBody, CodeMessage, Derived, Read, Text};

macro_rules! world_files {
    ($($file:literal / $name:literal => $format:ident, $header:literal;)*) => {
        [$((
            $name,
            Format::$format,
            $header,
            include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/tests/client_world/", $file, ".json")),
        )),*]
    };
}

/// The published responses of `tests/tests/client_world/`, one per shape.
pub(crate) fn add_world(cases: &mut BTreeMap<String, Case>) {
    let world = world_files!(
        "aws" / "dynamodb-resource-not-found" => AwsJson, "x-amzn-requestid";
        "anthropic" / "invalid-request" => Anthropic, "request-id";
        "auth0" / "invalid-grant" => OAuth, "x-request-id";
        "slack" / "channel-not-found" => Slack, "x-slack-req-id";
        "github" / "validation-failed" => Flat, "x-github-request-id";
        "shopify" / "graphql-throttled" => GraphQl, "x-request-id";
        "shopify" / "rest-unauthorized" => Rails, "x-request-id";
        "stripe" / "card-declined" => ErrorObject, "request-id";
        "rfc6749-6750" / "rfc6749-error-response" => ErrorCode, "x-request-id";
    );
    for (name, format, request_id_header, text) in world {
        let file: Value = serde_json::from_str(text).unwrap();
        let case = file["cases"]
            .as_array()
            .unwrap()
            .iter()
            .find(|case| case["name"] == name)
            .unwrap();
        let mut headers = HeaderMap::new();
        for (name, value) in case["headers"].as_object().unwrap() {
            headers.insert(
                HeaderName::from_bytes(name.as_bytes()).unwrap(),
                HeaderValue::from_str(value.as_str().unwrap()).unwrap(),
            );
        }
        let status = u16::try_from(case["status"].as_u64().unwrap()).unwrap();
        cases.insert(
            format!("world/{name}"),
            Case {
                status: StatusCode::from_u16(status).unwrap(),
                headers,
                body: case["body"].as_str().unwrap().as_bytes().to_vec(),
                format,
                request_id_header: HeaderName::from_static(request_id_header),
            },
        );
    }
}

/// An AWS error type as the SDKs read it: before the first `:`, after the first `#`.
fn aws_name(text: &str) -> &str {
    let text = text.split(':').next().unwrap_or_default();
    text.split_once('#').map_or(text, |(_, name)| name)
}

/// The lookups of the shapes of `tests/tests/client_world/`.
pub(crate) fn world_lookups<'v>(case: &'v Case, value: &'v Value) -> Read<'v> {
    let headers = &case.headers;
    let str_at = |pointer: &str| value.pointer(pointer).and_then(Value::as_str);
    match case.format {
        Format::AwsJson => Read {
            code: headers
                .get("x-amzn-errortype")
                .and_then(|value| value.to_str().ok())
                .or_else(|| str_at("/code"))
                .or_else(|| str_at("/__type"))
                .map(aws_name),
            message: str_at("/message").or_else(|| str_at("/Message")),
            ..Read::default()
        },
        Format::Anthropic => Read {
            code: str_at("/error/type"),
            message: str_at("/error/message"),
            request_id: str_at("/request_id"),
            ..Read::default()
        },
        Format::OAuth => Read {
            code: str_at("/error"),
            message: str_at("/error_description"),
            ..Read::default()
        },
        Format::Slack => Read {
            code: str_at("/error"),
            ..Read::default()
        },
        Format::Flat => Read {
            code: str_at("/code"),
            message: str_at("/message"),
            ..Read::default()
        },
        Format::GraphQl => Read {
            code: str_at("/errors/0/extensions/code"),
            message: str_at("/errors/0/message"),
            ..Read::default()
        },
        Format::Rails => Read {
            message: str_at("/errors").or_else(|| str_at("/errors/0")),
            ..Read::default()
        },
        _ => Read::default(),
    }
}

#[derive(Deserialize)]
struct AwsBody<'a> {
    #[serde(borrow, rename = "__type")]
    type_name: Text<'a>,
    #[serde(borrow)]
    code: Text<'a>,
    #[serde(borrow)]
    message: Text<'a>,
    #[serde(borrow, rename = "Message")]
    capital_message: Text<'a>,
}

#[derive(Deserialize)]
struct AnthropicError<'a> {
    #[serde(borrow, rename = "type")]
    kind: Text<'a>,
    #[serde(borrow)]
    message: Text<'a>,
}

#[derive(Deserialize)]
struct AnthropicBody<'a> {
    #[serde(borrow)]
    error: Option<AnthropicError<'a>>,
    #[serde(borrow)]
    request_id: Text<'a>,
}

#[derive(Deserialize)]
struct OAuthBody<'a> {
    #[serde(borrow)]
    error: Text<'a>,
    #[serde(borrow)]
    error_description: Text<'a>,
}

#[derive(Deserialize)]
struct GraphQlExtensions<'a> {
    #[serde(borrow)]
    code: Text<'a>,
}

#[derive(Deserialize)]
struct GraphQlError<'a> {
    #[serde(borrow)]
    message: Text<'a>,
    #[serde(borrow)]
    extensions: Option<GraphQlExtensions<'a>>,
}

#[derive(Deserialize)]
struct GraphQlBody<'a> {
    #[serde(borrow)]
    errors: Vec<GraphQlError<'a>>,
}

#[derive(Deserialize)]
struct RailsBody<'a> {
    #[serde(borrow)]
    errors: Option<&'a RawValue>,
}

/// The derive baseline of the shapes of `tests/tests/client_world/`.
pub(crate) fn world_derived(case: &Case) -> Option<Derived<'_>> {
    let (headers, body) = (&case.headers, &case.body[..]);
    Some(match case.format {
        Format::AwsJson => {
            let body: AwsBody<'_> = serde_json::from_slice(body).ok()?;
            let header = headers
                .get("x-amzn-errortype")
                .and_then(|value| value.to_str().ok());
            Derived {
                code: match header {
                    Some(header) => Some(Cow::Borrowed(aws_name(header))),
                    None => body.code.or(body.type_name).map(|code| match code {
                        Cow::Borrowed(code) => Cow::Borrowed(aws_name(code)),
                        Cow::Owned(code) => Cow::Owned(aws_name(&code).to_owned()),
                    }),
                },
                message: body.message.or(body.capital_message),
                ..Derived::default()
            }
        }
        Format::Anthropic => {
            let body: AnthropicBody<'_> = serde_json::from_slice(body).ok()?;
            let error = body.error?;
            Derived {
                code: error.kind,
                message: error.message,
                request_id: body.request_id,
                ..Derived::default()
            }
        }
        Format::OAuth => {
            let body: OAuthBody<'_> = serde_json::from_slice(body).ok()?;
            Derived {
                code: body.error,
                message: body.error_description,
                ..Derived::default()
            }
        }
        Format::Slack => {
            let body: CodeBody<'_> = serde_json::from_slice(body).ok()?;
            Derived {
                code: body.error,
                ..Derived::default()
            }
        }
        Format::Flat => {
            let body: CodeMessage<'_> = serde_json::from_slice(body).ok()?;
            Derived {
                code: body.code,
                message: body.message,
                ..Derived::default()
            }
        }
        Format::GraphQl => {
            let body: GraphQlBody<'_> = serde_json::from_slice(body).ok()?;
            let first = body.errors.into_iter().next()?;
            Derived {
                code: first.extensions.and_then(|extensions| extensions.code),
                message: first.message,
                ..Derived::default()
            }
        }
        Format::Rails => {
            let errors = serde_json::from_slice::<RailsBody<'_>>(body).ok()?.errors?;
            let message = match errors.get().as_bytes().first() {
                Some(b'"') => serde_json::from_str::<Cow<'_, str>>(errors.get()).ok(),
                Some(b'[') => serde_json::from_str::<Vec<Cow<'_, str>>>(errors.get())
                    .ok()?
                    .into_iter()
                    .next(),
                _ => None,
            };
            Derived {
                message,
                ..Derived::default()
            }
        }
        _ => Derived::default(),
    })
}
