//! The derive's output is lint-clean: this file denies every warning, all of clippy's default
//! and pedantic lints and `unused_qualifications`, and derives `ApiError` with every attribute.
//! `cargo clippy -p apierror-tests --all-targets --all-features -- -D warnings` compiles it.
#![deny(warnings, clippy::all, clippy::pedantic, unused_qualifications)]

use std::fmt::{Debug, Display};
use std::time::Duration;

use apierror::envelope::{ErrorFlag, ErrorObject, RequestInfo};
use apierror::{ApiError, StatusCode};
use serde::Serialize;

/// Limits reported as a nested detail.
#[derive(Debug, Serialize)]
pub struct Limits {
    /// Requests per window.
    pub max: u32,
}

/// Every variant and field attribute.
#[derive(Debug, thiserror::Error, ApiError)]
#[api(
    code_case = "snake_case",
    domain = "api.example.com",
    version = "1.2.3"
)]
pub enum Everything {
    /// Templates over named fields, Debug, specs and braces; details, one renamed.
    #[error("user {id} not found")]
    #[api(
        status = 404,
        message = "user {id} ({name:?}) not found {{x}} [{id:>4}]"
    )]
    UserNotFound {
        /// The id.
        #[api(detail)]
        id: u64,
        /// The name.
        #[api(detail = "user_name")]
        name: String,
        /// Nested.
        #[api(detail)]
        limits: Limits,
        /// Optional.
        #[api(detail)]
        hint: Option<String>,
    },
    /// A retry delay from a `Duration` field; a path status; an explicit code.
    #[error("slow down")]
    #[api(status = StatusCode::TOO_MANY_REQUESTS, code = "RATE_LIMITED")]
    RateLimited(#[api(retry_after)] Duration),
    /// A retry delay from an optional `u64` field.
    #[error("busy")]
    #[api(status = http::StatusCode::SERVICE_UNAVAILABLE)]
    Busy {
        /// Seconds.
        #[api(retry_after)]
        wait: Option<u64>,
    },
    /// A constant retry delay.
    #[error("maintenance")]
    #[api(status = 503, retry_after = 60)]
    Maintenance,
    /// A hidden 5xx.
    #[error("db password={0}")]
    #[api(status = 500)]
    Database(String),
    /// An exposed 5xx, not retryable.
    #[error("upstream said {0}")]
    #[api(status = 502, expose, retryable = false)]
    Upstream(String),
    /// A retryable 4xx.
    #[error("conflict")]
    #[api(status = 409, retryable)]
    Conflict,
    /// A transparent variant.
    #[error(transparent)]
    #[api(transparent)]
    Inner(#[from] Inner),
    /// A deprecated variant.
    #[deprecated = "use UserNotFound"]
    #[error("gone")]
    #[api(status = 410, message = "gone since {since}")]
    Old {
        /// Year.
        #[api(detail)]
        since: u16,
    },
    /// Raw identifiers.
    #[error("type {type}")]
    #[api(status = 400, message = "type {r#type}")]
    r#Type {
        /// A keyword field.
        #[api(detail)]
        r#type: &'static str,
    },
}

/// The inner error of a transparent variant, in its own envelope.
#[derive(Debug, thiserror::Error, ApiError)]
#[api(envelope = ErrorFlag)]
pub enum Inner {
    /// A conflict.
    #[error("inner conflict on {key}")]
    #[api(status = 409)]
    Conflict {
        /// The key.
        #[api(detail)]
        key: &'static str,
    },
}

/// The struct form.
#[derive(Debug, thiserror::Error, ApiError)]
#[error("bad {field}")]
#[api(envelope = apierror::envelope::ErrorMessage)]
#[api(status = 422, retry_after = 5)]
pub struct Invalid {
    /// The field.
    #[api(detail)]
    pub field: &'static str,
}

/// A unit struct with a 5xx.
#[derive(Debug, ApiError)]
#[api(status = 500, code = "INTERNAL_ERROR")]
pub struct Internal;

/// Generic over the detail and message type.
#[derive(Debug, thiserror::Error, ApiError)]
pub enum Generic<T: Debug + Display + Serialize> {
    /// A message over `T` and a detail of type `T`.
    #[error("wrapped {0}")]
    #[api(status = 400, message = "{0}")]
    Wrapped(#[api(detail = "value")] T),
    /// Display of a generic type as the message.
    #[error("missing {value}")]
    #[api(status = 404)]
    Missing {
        /// The value.
        #[api(detail)]
        value: T,
    },
}

/// A where clause and a transparent generic.
#[derive(Debug, ApiError)]
pub enum Where<T, U>
where
    T: Serialize,
    U: ApiError,
{
    /// A detail of type `T`.
    #[api(status = 409, message = "conflict")]
    Conflict {
        /// With what.
        #[api(detail)]
        with: T,
    },
    /// Forwarded.
    #[api(transparent)]
    Forward(U),
}

/// A lifetime parameter.
#[derive(Debug, ApiError)]
#[api(code_case = "PascalCase")]
pub enum Borrowed<'a> {
    /// Borrowed detail.
    #[api(status = 404, message = "no {name}")]
    NoSuchName {
        /// The name.
        #[api(detail)]
        name: &'a str,
    },
}

/// An empty enum.
#[derive(Debug, ApiError)]
pub enum Never {}

/// The standard-envelope keys: `type_base`, `negotiate`, `rate_limit_headers`, `title`,
/// `type`, `grpc`, and `rate_limit` / `violations` fields, on a generic type with a lifetime.
#[derive(Debug, thiserror::Error, ApiError)]
#[api(
    envelope = apierror::envelope::Problem,
    type_base = "https://errors.example.com/",
    negotiate,
    rate_limit_headers = "both"
)]
pub enum Standard<'a, T: Display + Debug> {
    /// Title, type and gRPC overrides.
    #[error("conflict on {0}")]
    #[api(
        status = 409,
        title = "Conflict",
        type = "https://example.com/conflict",
        grpc = "ABORTED"
    )]
    Conflict(&'a str),
    /// A rate limit.
    #[error("limited")]
    #[api(status = 429)]
    Limited {
        /// The state.
        #[api(rate_limit)]
        limit: Option<apierror::RateLimit>,
        /// A generic detail.
        #[api(detail)]
        scope: T,
    },
    /// Violations.
    #[error("invalid")]
    #[api(status = 422)]
    Invalid {
        /// Per field.
        #[api(violations)]
        violations: Vec<apierror::Violation>,
    },
    /// Forwarded.
    #[error(transparent)]
    #[api(transparent)]
    Inner(Inner),
}

fn body<E: apierror::envelope::Envelope>(error: &impl ApiError) -> String {
    String::from_utf8(apierror::render::<E>(error, &RequestInfo::default()).into_body())
        .unwrap_or_default()
}

#[test]
fn pedantic_derives_work() {
    let error = Everything::UserNotFound {
        id: 7,
        name: "ada".into(),
        limits: Limits { max: 3 },
        hint: None,
    };
    assert_eq!(error.code(), "user_not_found");
    assert_eq!(
        body::<ErrorObject>(&error),
        r#"{"error":{"code":"user_not_found","message":"user 7 (\"ada\") not found {x} [   7]","details":{"id":7,"user_name":"ada","limits":{"max":3},"hint":null}}}"#
    );
    let limited = Everything::RateLimited(Duration::from_secs(2));
    assert_eq!(limited.retry_after(), Some(Duration::from_secs(2)));
    assert_eq!(Everything::Busy { wait: Some(3) }.status().as_u16(), 503);
    assert_eq!(
        Everything::Maintenance.retry_after().map(|d| d.as_secs()),
        Some(60)
    );
    assert_eq!(
        apierror::message(&Everything::Database("hunter2".into())).to_string(),
        "Internal Server Error"
    );
    assert!(!Everything::Upstream("x".into()).retryable());
    assert!(Everything::Conflict.retryable());
    assert_eq!(
        Everything::from(Inner::Conflict { key: "k" }).code(),
        "CONFLICT"
    );
    #[allow(deprecated)]
    let old = Everything::Old { since: 2020 };
    assert_eq!(old.code(), "old");
    assert_eq!(Everything::r#Type { r#type: "t" }.code(), "type");
    assert_eq!(Invalid { field: "f" }.code(), "INVALID");
    assert_eq!(Internal.status(), StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(
        body::<ErrorObject>(&Generic::Wrapped(5_u8)),
        r#"{"error":{"code":"WRAPPED","message":"5","details":{"value":5}}}"#
    );
    assert_eq!(
        apierror::message(&Generic::Missing { value: 1_u8 }).to_string(),
        "missing 1"
    );
    let conflict: Where<u8, Internal> = Where::Conflict { with: 1 };
    assert_eq!(conflict.status().as_u16(), 409);
    let forward: Where<u8, Internal> = Where::Forward(Internal);
    assert_eq!(forward.code(), "INTERNAL_ERROR");
    assert_eq!(Borrowed::NoSuchName { name: "n" }.code(), "NoSuchName");
    let never: Option<Never> = None;
    assert!(never.is_none());
    let conflict: Standard<'_, u8> = Standard::Conflict("k");
    assert_eq!(conflict.descriptor().grpc, Some("ABORTED"));
    let invalid: Standard<'_, u8> = Standard::Invalid {
        violations: vec![apierror::Violation::field("name", "is required")],
    };
    assert_eq!(
        invalid.descriptor().type_uri,
        Some("https://errors.example.com/invalid")
    );
    assert_eq!(invalid.violations().len(), 1);
}
