//! The mapping, rejection by rejection, without a server.

use super::*;

/// Status, code and public message.
fn parts(error: &impl ApiError) -> (u16, &'static str, String) {
    (
        error.status().as_u16(),
        error.code(),
        apierror::message(error).to_string(),
    )
}

fn owned(status: u16, code: &'static str, message: &str) -> (u16, &'static str, String) {
    (status, code, message.to_owned())
}

#[test]
fn axum_json_rejections() {
    use axum::extract::rejection::{JsonRejection, MissingJsonContentType};

    let syntax = axum::Json::<NewUser>::from_bytes(b"{").unwrap_err();
    assert_eq!(
        parts(&Rejection::from(syntax)),
        owned(
            400,
            "INVALID_JSON",
            "Failed to parse the request body as JSON: EOF while parsing an object at line 1 column 1"
        )
    );
    let trailing = axum::Json::<NewUser>::from_bytes(br#"{"name":"a","age":1} x"#).unwrap_err();
    assert_eq!(Rejection::from(trailing).code(), "INVALID_JSON");

    let data = axum::Json::<NewUser>::from_bytes(br#"{"name":1,"age":1}"#).unwrap_err();
    assert_eq!(
        parts(&Rejection::from(data)),
        owned(
            422,
            "INVALID_JSON_DATA",
            "Failed to deserialize the JSON body into the target type: name: invalid type: integer `1`, expected a string at line 1 column 9"
        )
    );

    let media = JsonRejection::from(MissingJsonContentType::default());
    assert_eq!(
        parts(&Rejection::from(media)),
        owned(
            415,
            "UNSUPPORTED_MEDIA_TYPE",
            "Expected request with `Content-Type: application/json`"
        )
    );
}

#[test]
fn axum_query_and_path_rejections() {
    use axum::extract::rejection::{MissingPathParams, PathRejection};

    let uri: http::Uri = "/search?page=1".parse().unwrap();
    let query = axum::extract::Query::<Search>::try_from_uri(&uri).unwrap_err();
    assert_eq!(
        parts(&Rejection::from(query)),
        owned(
            400,
            "INVALID_QUERY",
            "Failed to deserialize query string: missing field `q`"
        )
    );

    // A 5xx: the explanation stays in `Display`, for logs; the wire gets the reason only.
    let path = Rejection::from(PathRejection::from(MissingPathParams::default()));
    assert_eq!(
        parts(&path),
        owned(500, "INTERNAL_ERROR", "Internal Server Error")
    );
    assert_eq!(
        path.to_string(),
        "No paths parameters found for matched route"
    );
    assert!(!path.retryable());
    assert_eq!(
        apierror::render::<apierror::envelope::ErrorObject>(
            &path,
            &apierror::envelope::RequestInfo::default()
        )
        .into_body(),
        br#"{"error":{"code":"INTERNAL_ERROR","message":"Internal Server Error"}}"#
    );
}

#[test]
fn actix_json_errors() {
    use actix_web::error::{JsonPayloadError, PayloadError};

    let syntax = serde_json::from_str::<NewUser>("{").unwrap_err();
    assert_eq!(
        parts(&Rejection::from(JsonPayloadError::Deserialize(syntax))),
        owned(
            400,
            "INVALID_JSON",
            "Json deserialize error: EOF while parsing an object at line 1 column 1"
        )
    );
    let data = serde_json::from_str::<NewUser>(r#"{"name":1}"#).unwrap_err();
    assert_eq!(
        parts(&Rejection::from(JsonPayloadError::Deserialize(data))),
        owned(
            400,
            "INVALID_JSON_DATA",
            "Json deserialize error: invalid type: integer `1`, expected a string at line 1 column 9"
        )
    );
    assert_eq!(
        parts(&Rejection::from(JsonPayloadError::ContentType)),
        owned(400, "UNSUPPORTED_MEDIA_TYPE", "Content type error")
    );
    assert_eq!(
        parts(&Rejection::from(JsonPayloadError::Overflow { limit: 10 })),
        owned(
            413,
            "PAYLOAD_TOO_LARGE",
            "JSON payload has exceeded limit (10 bytes)."
        )
    );
    assert_eq!(
        parts(&Rejection::from(JsonPayloadError::OverflowKnownLength {
            length: 11,
            limit: 10
        })),
        owned(
            413,
            "PAYLOAD_TOO_LARGE",
            "JSON payload (11 bytes) is larger than allowed (limit: 10 bytes)."
        )
    );
    assert_eq!(
        parts(&Rejection::from(JsonPayloadError::Payload(
            PayloadError::Overflow
        ))),
        owned(
            413,
            "PAYLOAD_TOO_LARGE",
            "Error that occur during reading payload: payload reached size limit"
        )
    );
    assert_eq!(
        parts(&Rejection::from(JsonPayloadError::Payload(
            PayloadError::EncodingCorrupted
        ))),
        owned(
            400,
            "INVALID_BODY",
            "Error that occur during reading payload: can not decode content-encoding"
        )
    );

    // A response-side failure actix-web reports as 500: hidden like every 5xx.
    let serialize = serde_json::from_str::<u8>("x").unwrap_err();
    let rejection = Rejection::from(JsonPayloadError::Serialize(serialize));
    assert_eq!(
        parts(&rejection),
        owned(500, "INTERNAL_ERROR", "Internal Server Error")
    );
    assert!(rejection.to_string().starts_with("Json serialize error: "));
}

#[test]
fn actix_query_and_path_errors() {
    use actix_web::error::{PathError, QueryPayloadError};
    use serde::de::Error as _;

    let query = QueryPayloadError::Deserialize(serde::de::value::Error::missing_field("q"));
    assert_eq!(
        parts(&Rejection::from(query)),
        owned(
            400,
            "INVALID_QUERY",
            "Query deserialize error: missing field `q`"
        )
    );
    let path = PathError::Deserialize(serde::de::value::Error::custom("can not parse \"x\""));
    assert_eq!(
        parts(&Rejection::from(path)),
        owned(
            400,
            "INVALID_PATH",
            "Path deserialize error: can not parse \"x\""
        )
    );
}

#[test]
fn a_user_enum_takes_rejections_in_transparently() {
    let rejection = Rejection::from(actix_web::error::JsonPayloadError::ContentType);
    let error = FlagError::from(rejection.clone());
    // thiserror's transparent Display and the derive's transparent ApiError.
    assert_eq!(error.to_string(), "Content type error");
    assert_eq!(parts(&error), parts(&rejection));
    assert_eq!(error.retry_after(), None);
    assert!(std::error::Error::source(&rejection).is_none());
    assert!(format!("{rejection:?}").contains("Content type error"));
    // The outer type's envelope, domain and version.
    assert_eq!(api(&error).domain, Some(env!("CARGO_PKG_NAME")));
    assert_eq!(api(&rejection).domain, None);
    assert_eq!(
        apierror::render::<apierror::envelope::ErrorFlag>(
            &error,
            &apierror::envelope::RequestInfo::default()
        )
        .into_body(),
        br#"{"error":true,"message":"Content type error","code":"UNSUPPORTED_MEDIA_TYPE"}"#
    );
}

/// `Rejection` can travel in errors shared across threads and tasks.
#[test]
fn rejection_and_extractors_are_send_and_sync() {
    fn send_sync<T: Send + Sync + 'static>() {}
    send_sync::<Rejection>();
    // The error type is only named: a `!Sync` error does not make the extractor `!Sync`.
    send_sync::<apierror::axum::Json<NewUser, std::rc::Rc<()>>>();
    send_sync::<apierror::axum::Query<Search, std::rc::Rc<()>>>();
    send_sync::<apierror::axum::Path<u32, std::rc::Rc<()>>>();
}

#[test]
fn extractors_give_their_value_back() {
    use apierror::axum::{Json, Path, Query};

    let mut json: Json<Vec<u32>, FlagError> = Json::from(vec![1, 2]);
    json.push(3); // DerefMut
    assert_eq!(json.len(), 3); // Deref
    assert_eq!(format!("{json:?}"), "Json([1, 2, 3])");
    assert_eq!(json.clone().into_inner(), vec![1, 2, 3]);
    let Json(inner, _) = json;
    assert_eq!(inner, vec![1, 2, 3]);

    let query: Query<&str, ObjectError> = Query("q", std::marker::PhantomData);
    assert_eq!(*query, "q");
    assert_eq!(format!("{query:?}"), r#"Query("q")"#);
    let path: Path<u32, ObjectError> = 7.into();
    assert_eq!(path.into_inner(), 7);
}

/// The per-type settings of an error's type.
fn api<T: apierror::ApiError>(_: &T) -> apierror::Api {
    T::API
}
