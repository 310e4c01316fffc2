//! Generated code names everything by absolute path: the derive works next to user items that
//! shadow the prelude (`Result`, `Option`, `Some`, `String`…), `std`/`core`/`serde`/`http`,
//! common macros (`write!`, `format_args!`, `env!`) and even a local module called `apierror`.
//!
//! The shadowing lives in a module, not at the crate root, so the test harness is untouched.
//! `Display` is written by hand with absolute paths there: the point is the derive's output.

mod shadowed {
    #![allow(dead_code, unused_macros, clippy::upper_case_acronyms)]

    // The prelude's types and variants.
    pub struct Result;
    pub struct Option;
    pub struct Some;
    pub struct None;
    pub struct Ok;
    pub struct Err;
    pub struct String;
    pub struct Box;
    pub struct Vec;
    pub struct Duration;
    pub struct StatusCode;
    pub struct Message;
    pub struct Details;
    pub struct WriteError;
    pub struct Literal;
    pub struct Self_;
    // The traits the generated code needs, under their usual names.
    pub trait Display {}
    pub trait Debug {}
    pub trait Serialize {}
    pub trait Write {}
    pub trait ApiError {}
    pub trait IntoResponse {}
    pub trait RetryAfterField {}
    // Crates and modules a user may well have a local module for.
    pub mod core {}
    pub mod std {}
    pub mod serde {}
    pub mod http {}
    pub mod fmt {}
    pub mod axum_core {}
    pub mod apierror {}
    // Macros the generated code could be tempted to call unqualified.
    macro_rules! write {
        ($($t:tt)*) => {
            ::core::compile_error!("the derive called a local `write!`")
        };
    }
    macro_rules! format_args {
        ($($t:tt)*) => {
            ::core::compile_error!("the derive called a local `format_args!`")
        };
    }
    macro_rules! env {
        ($($t:tt)*) => {
            ::core::compile_error!("the derive called a local `env!`")
        };
    }
    macro_rules! concat {
        ($($t:tt)*) => {
            ::core::compile_error!("the derive called a local `concat!`")
        };
    }
    // An item named like the derive's `const` for message literals.
    const __API_LITERAL: u8 = 0;

    /// Every variant attribute, every field attribute, templates of every kind.
    #[derive(::core::fmt::Debug, ::apierror::ApiError)]
    #[api(
        code_case = "kebab-case",
        domain = "api.example.com",
        version = "3.2.1"
    )]
    pub enum Everything {
        #[api(
            status = 404,
            message = "user {id} ({name:?}) not found, {{braces}} [{id:>4}]"
        )]
        UserNotFound {
            #[api(detail)]
            id: u64,
            #[api(detail = "user_name")]
            name: ::std::string::String,
        },
        #[api(status = 429, code = "RATE_LIMITED", message = "retry in {0:?}")]
        RateLimited(#[api(retry_after)] ::std::time::Duration),
        #[api(status = 503, retry_after = 60, message = "later")]
        Maintenance,
        #[api(status = 500)]
        Hidden(::std::string::String),
        #[api(status = 502, expose, retryable = false)]
        Exposed,
        #[api(status = 400, retryable)]
        Shown {
            #[api(detail)]
            list: ::std::vec::Vec<::core::option::Option<u8>>,
            #[api(retry_after)]
            wait: ::core::option::Option<u64>,
        },
        #[api(transparent)]
        Inner(Inner),
        #[deprecated = "use UserNotFound"]
        #[api(status = 410, message = "gone")]
        Old {
            #[api(detail)]
            since: u16,
        },
        #[api(status = 400, message = "type {type} / {r#match}")]
        r#Type {
            #[api(detail)]
            r#type: &'static str,
            #[api(detail = "match")]
            r#match: u8,
        },
    }

    impl ::core::fmt::Display for Everything {
        fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
            match self {
                Self::Hidden(secret) => f.write_str(secret),
                Self::Exposed => f.write_str("upstream said \"no\""),
                Self::Shown { .. } => f.write_str("shown"),
                _ => f.write_str("other"),
            }
        }
    }

    #[derive(::core::fmt::Debug, ::apierror::ApiError)]
    #[api(envelope = ::apierror::envelope::ErrorFlag)]
    pub enum Inner {
        #[api(status = ::http::StatusCode::CONFLICT, message = "inner conflict on {key}")]
        Conflict {
            #[api(detail)]
            key: &'static str,
        },
    }

    /// The struct form, with the envelope given by an absolute path.
    #[derive(::core::fmt::Debug, ::apierror::ApiError)]
    #[api(envelope = ::apierror::envelope::ErrorMessage)]
    #[api(status = 422, message = "bad {field}")]
    pub struct Invalid {
        #[api(detail)]
        pub field: &'static str,
        #[api(retry_after)]
        pub wait: ::std::time::Duration,
    }

    /// Generics: a detail of type `T` and a message over `T`; bounds by absolute path since
    /// `Debug`, `Display` and `Serialize` are shadowed here.
    #[derive(::core::fmt::Debug, ::apierror::ApiError)]
    pub enum Generic<T: ::core::fmt::Debug + ::core::fmt::Display + ::serde::Serialize> {
        #[api(status = 400, message = "{0}")]
        Wrapped(#[api(detail = "value")] T),
        #[api(status = 404, message = "{value:?} missing")]
        Missing {
            #[api(detail)]
            value: T,
        },
    }

    /// A where clause, and a type parameter only used by a transparent inner error.
    #[derive(::core::fmt::Debug, ::apierror::ApiError)]
    pub enum Where<T, U>
    where
        T: ::serde::Serialize + ::core::fmt::Debug,
        U: ::apierror::ApiError + ::core::fmt::Debug,
    {
        #[api(status = 409, message = "conflict")]
        Conflict {
            #[api(detail)]
            with: T,
        },
        #[api(transparent)]
        Forward(U),
    }

    /// A lifetime parameter.
    #[derive(::core::fmt::Debug, ::apierror::ApiError)]
    #[api(code_case = "camelCase")]
    pub enum Borrowed<'a> {
        #[api(status = 404, message = "no {name}")]
        NoSuchName {
            #[api(detail)]
            name: &'a str,
        },
    }
}

mod generic_with_imports {
    //! The same generic shape written the usual way, with the traits imported.
    use std::fmt::{Debug, Display};

    use serde::Serialize;

    #[derive(Debug, thiserror::Error, apierror::ApiError)]
    pub enum E<T: Debug + Display + Serialize> {
        #[error("value {0} rejected")]
        #[api(status = 422)]
        Rejected(#[api(detail = "value")] T),
        #[error("internal {0}")]
        #[api(status = 500)]
        Internal(T),
    }
}

use std::time::Duration;

use apierror::envelope::{ErrorFlag, ErrorMessage, ErrorObject, RequestInfo};
use apierror::{ApiError, StatusCode};
use shadowed::{Borrowed, Everything, Generic, Inner, Invalid, Where};

fn body<E: apierror::envelope::Envelope>(error: &impl ApiError) -> String {
    String::from_utf8(apierror::render::<E>(error, &RequestInfo::default()).into_body()).unwrap()
}

fn message(error: &impl ApiError) -> String {
    apierror::message(error).to_string()
}

#[test]
fn shadowed_template_and_details() {
    let error = Everything::UserNotFound {
        id: 7,
        name: "ada".into(),
    };
    assert_eq!(error.status(), StatusCode::NOT_FOUND);
    assert_eq!(error.code(), "user-not-found");
    assert_eq!(
        message(&error),
        r#"user 7 ("ada") not found, {braces} [   7]"#
    );
    assert_eq!(
        body::<ErrorObject>(&error),
        r#"{"error":{"code":"user-not-found","message":"user 7 (\"ada\") not found, {braces} [   7]","details":{"id":7,"user_name":"ada"}}}"#
    );
    assert_eq!(api(&error).domain, Some("api.example.com"));
    assert_eq!(api(&error).version, Some("3.2.1"));
}

#[test]
fn shadowed_retry_after_field_and_constant() {
    let error = Everything::RateLimited(Duration::from_millis(2500));
    assert_eq!(error.code(), "RATE_LIMITED");
    assert!(error.retryable());
    assert_eq!(error.retry_after(), Some(Duration::from_millis(2500)));
    assert_eq!(message(&error), "retry in 2.5s");
    let rendered = apierror::render::<ErrorObject>(&error, &RequestInfo::default());
    assert_eq!(rendered.headers()["retry-after"], "3");
    assert_eq!(
        rendered.body(),
        br#"{"error":{"code":"RATE_LIMITED","message":"retry in 2.5s","details":{"retry_after":3}}}"#
    );

    let constant = Everything::Maintenance;
    assert!(constant.retryable());
    assert_eq!(constant.retry_after(), Some(Duration::from_secs(60)));
    assert_eq!(
        body::<ErrorFlag>(&constant),
        r#"{"error":true,"message":"later","code":"maintenance","retry_after_ms":60000}"#
    );
}

#[test]
fn shadowed_5xx_hidden_and_exposed() {
    let hidden = Everything::Hidden("password=hunter2".into());
    assert_eq!(message(&hidden), "Internal Server Error");
    assert_eq!(
        body::<ErrorMessage>(&hidden),
        r#"{"error":"Internal Server Error","code":"hidden"}"#
    );
    assert_eq!(message(&Everything::Exposed), r#"upstream said "no""#);
    assert!(!Everything::Exposed.retryable());
}

#[test]
fn shadowed_display_default_retryable_and_option_fields() {
    let error = Everything::Shown {
        list: vec![Some(1), None],
        wait: None,
    };
    assert!(error.retryable());
    assert_eq!(error.retry_after(), None);
    assert_eq!(
        body::<ErrorObject>(&error),
        r#"{"error":{"code":"shown","message":"shown","details":{"list":[1,null]}}}"#
    );
    let waiting = Everything::Shown {
        list: vec![],
        wait: Some(4),
    };
    assert_eq!(waiting.retry_after(), Some(Duration::from_secs(4)));
}

#[test]
fn shadowed_transparent() {
    let error = Everything::Inner(Inner::Conflict { key: "k" });
    assert_eq!(error.status().as_u16(), 409);
    assert_eq!(error.code(), "CONFLICT");
    assert_eq!(
        body::<ErrorObject>(&error),
        r#"{"error":{"code":"CONFLICT","message":"inner conflict on k","details":{"key":"k"}}}"#
    );
    assert_eq!(api(&error).domain, Some("api.example.com"));
}

#[test]
#[allow(deprecated)]
fn shadowed_deprecated_variant() {
    let error = Everything::Old { since: 2020 };
    assert_eq!(error.status().as_u16(), 410);
    assert_eq!(error.code(), "old");
    assert_eq!(
        body::<ErrorObject>(&error),
        r#"{"error":{"code":"old","message":"gone","details":{"since":2020}}}"#
    );
}

#[test]
fn shadowed_raw_identifiers() {
    let error = Everything::r#Type {
        r#type: "user",
        r#match: 3,
    };
    assert_eq!(error.code(), "type");
    assert_eq!(message(&error), "type user / 3");
    assert_eq!(
        body::<ErrorObject>(&error),
        r#"{"error":{"code":"type","message":"type user / 3","details":{"type":"user","match":3}}}"#
    );
}

#[test]
fn shadowed_struct_form() {
    let error = Invalid {
        field: "email",
        wait: Duration::from_secs(1),
    };
    assert_eq!(error.code(), "INVALID");
    let rendered = apierror::render::<ErrorMessage>(&error, &RequestInfo::default());
    assert_eq!(rendered.status(), 422);
    assert_eq!(rendered.headers()["retry-after"], "1");
    assert_eq!(
        rendered.body(),
        br#"{"error":"bad email","code":"INVALID","details":{"field":"email"}}"#
    );
}

#[test]
fn shadowed_generics() {
    let error: Generic<u32> = Generic::Wrapped(5);
    assert_eq!(message(&error), "5");
    assert_eq!(
        body::<ErrorObject>(&error),
        r#"{"error":{"code":"WRAPPED","message":"5","details":{"value":5}}}"#
    );
    let missing: Generic<&str> = Generic::Missing { value: "x" };
    assert_eq!(
        body::<ErrorObject>(&missing),
        r#"{"error":{"code":"MISSING","message":"\"x\" missing","details":{"value":"x"}}}"#
    );
}

#[test]
fn shadowed_where_clause() {
    let conflict: Where<[u8; 2], Inner> = Where::Conflict { with: [1, 2] };
    assert_eq!(
        body::<ErrorObject>(&conflict),
        r#"{"error":{"code":"CONFLICT","message":"conflict","details":{"with":[1,2]}}}"#
    );
    let forward: Where<(), Inner> = Where::Forward(Inner::Conflict { key: "z" });
    assert_eq!(forward.status().as_u16(), 409);
    assert_eq!(message(&forward), "inner conflict on z");
}

#[test]
fn shadowed_lifetime_parameter() {
    let name = String::from("bob");
    let error = Borrowed::NoSuchName { name: &name };
    assert_eq!(error.code(), "noSuchName");
    assert_eq!(
        body::<ErrorObject>(&error),
        r#"{"error":{"code":"noSuchName","message":"no bob","details":{"name":"bob"}}}"#
    );
}

#[tokio::test]
async fn shadowed_into_response() {
    let response = axum::response::IntoResponse::into_response(Everything::UserNotFound {
        id: 1,
        name: "a".into(),
    });
    assert_eq!(response.status(), 404);
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap();
    assert_eq!(
        &bytes[..],
        br#"{"error":{"code":"user-not-found","message":"user 1 (\"a\") not found, {braces} [   1]","details":{"id":1,"user_name":"a"}}}"#
    );
    let borrowed =
        axum::response::IntoResponse::into_response(Borrowed::NoSuchName { name: "static" });
    assert_eq!(borrowed.status(), 404);
}

#[test]
fn generic_with_imported_traits() {
    use generic_with_imports::E;
    let error: E<f32> = E::Rejected(1.5);
    assert_eq!(message(&error), "value 1.5 rejected");
    assert_eq!(
        body::<ErrorObject>(&error),
        r#"{"error":{"code":"REJECTED","message":"value 1.5 rejected","details":{"value":1.5}}}"#
    );
    let internal: E<&str> = E::Internal("hunter2");
    assert_eq!(message(&internal), "Internal Server Error");
}

/// Fields named like the generated code's own locals (`out`, `f_out`, `self_`) must not shadow
/// them: the message and details methods take a parameter of their own.
#[derive(Debug, apierror::ApiError)]
enum LocalNames {
    #[api(status = 409, code = "NAMES", message = "{out}/{f_out}/{self_}")]
    Names {
        #[api(detail)]
        out: u32,
        #[api(detail)]
        f_out: u32,
        #[api(detail)]
        self_: u32,
    },
}

#[test]
fn fields_named_like_generated_locals() {
    let error = LocalNames::Names {
        out: 1,
        f_out: 2,
        self_: 3,
    };
    assert_eq!(message(&error), "1/2/3");
    assert_eq!(
        body::<ErrorObject>(&error),
        r#"{"error":{"code":"NAMES","message":"1/2/3","details":{"out":1,"f_out":2,"self_":3}}}"#
    );
}

/// The per-type settings of an error's type.
fn api<T: apierror::ApiError>(_: &T) -> apierror::Api {
    T::API
}
