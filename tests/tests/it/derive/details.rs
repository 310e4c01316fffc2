//! Details (`#[api(detail)]`), and a struct as one error.

use super::*;

fn invalid() -> WithDetails {
    WithDetails::Invalid {
        field: "role_id".into(),
        requirement: "required".into(),
        limits: Limits {
            max: 3,
            window: "1m",
            nested: Inner { flag: true },
        },
        allowed: vec![1, 2],
        hint: None,
        not_a_detail: 99,
    }
}

#[test]
fn details_in_error_object_nested_vec_option_null_and_renamed() {
    assert_eq!(
        body::<ErrorObject>(&invalid()),
        r#"{"error":{"code":"INVALID","message":"invalid role_id","details":{"field":"role_id","reason":"required","limits":{"max":3,"window":"1m","nested":{"flag":true}},"allowed":[1,2],"hint":null}}}"#
    );
}

#[test]
fn details_in_error_message() {
    assert_eq!(
        body::<ErrorMessage>(&invalid()),
        r#"{"error":"invalid role_id","code":"INVALID","details":{"field":"role_id","reason":"required","limits":{"max":3,"window":"1m","nested":{"flag":true}},"allowed":[1,2],"hint":null}}"#
    );
}

#[test]
fn details_option_some_is_its_value() {
    let mut error = invalid();
    if let WithDetails::Invalid { hint, .. } = &mut error {
        *hint = Some("use an id".into());
    }
    assert!(body::<ErrorObject>(&error).ends_with(r#""allowed":[1,2],"hint":"use an id"}}}"#));
}

#[test]
fn details_are_left_out_by_envelopes_without_a_place_for_them() {
    let error = invalid();
    assert_eq!(
        body::<ErrorFlag>(&error),
        r#"{"error":true,"message":"invalid role_id","code":"INVALID"}"#
    );
    assert_eq!(
        body::<ErrorCode>(&error),
        r#"{"error":"INVALID","message":"invalid role_id","status":422}"#
    );
    let data = body::<DataErrorMeta>(&error);
    assert!(!data.contains("\"field\""), "{data}");
    assert!(!data.contains("required"), "{data}");
}

#[test]
fn details_follow_declaration_order() {
    let error = WithDetails::Order {
        zulu: 26,
        alpha: 1,
        mike: 13,
    };
    assert_eq!(
        body::<ErrorObject>(&error),
        r#"{"error":{"code":"ORDER","message":"order","details":{"zulu":26,"alpha":1,"mike":13}}}"#
    );
}

#[test]
fn details_on_tuple_fields_use_their_names() {
    assert_eq!(
        body::<ErrorMessage>(&WithDetails::TupleDetail(5, "five")),
        r#"{"error":"tuple","code":"TUPLE_DETAIL","details":{"value":5,"label":"five"}}"#
    );
}

#[test]
fn details_then_retry_after_last_in_error_object() {
    let error = WithDetails::DetailAndDelay {
        bucket: "writes",
        wait: 5,
    };
    assert_eq!(
        body::<ErrorObject>(&error),
        r#"{"error":{"code":"DETAIL_AND_DELAY","message":"later","details":{"bucket":"writes","retry_after":5}}}"#
    );
}

#[test]
fn details_omitted_when_empty() {
    assert_eq!(
        body::<ErrorObject>(&WithDetails::NoDetails),
        r#"{"error":{"code":"NO_DETAILS","message":"none"}}"#
    );
    assert_eq!(
        body::<ErrorMessage>(&WithDetails::NoDetails),
        r#"{"error":"none","code":"NO_DETAILS"}"#
    );
}

#[test]
fn details_on_a_5xx_with_a_request_id_end_with_request_id_in_error_object() {
    #[derive(Debug, ApiError)]
    #[api(status = 500, code = "INTERNAL_ERROR")]
    struct Internal {
        #[api(detail)]
        shard: u8,
    }
    let context = RequestInfo::new().with_request_id("req-1");
    let rendered = apierror::render::<ErrorObject>(&Internal { shard: 3 }, &context);
    assert_eq!(
        rendered.body(),
        br#"{"error":{"code":"INTERNAL_ERROR","message":"Internal Server Error","details":{"shard":3,"request_id":"req-1"}}}"#
    );
}

// ---------------------------------------------------------------------------------------------
// A struct is one error
// ---------------------------------------------------------------------------------------------

#[derive(Debug, thiserror::Error, ApiError)]
#[error("quota of {limit} exceeded")]
#[api(envelope = ErrorMessage)]
#[api(status = 429, retry_after = 10)]
struct QuotaExceeded {
    #[api(detail)]
    limit: u32,
}

#[test]
fn struct_derives_one_error() {
    let error = QuotaExceeded { limit: 100 };
    assert_eq!(error.status().as_u16(), 429);
    assert_eq!(error.code(), "QUOTA_EXCEEDED");
    assert_eq!(message(&error), "quota of 100 exceeded");
    assert!(error.retryable());
    assert_eq!(error.retry_after(), Some(Duration::from_secs(10)));
    let (status, headers, body) = rendered::<ErrorMessage>(&error);
    assert_eq!(status, 429);
    assert_eq!(
        headers,
        pairs(&[("content-type", "application/json"), ("retry-after", "10")])
    );
    assert_eq!(
        body,
        r#"{"error":"quota of 100 exceeded","code":"QUOTA_EXCEEDED","details":{"limit":100}}"#
    );
}

#[tokio::test]
async fn struct_into_response_uses_its_envelope() {
    let response = axum::response::IntoResponse::into_response(QuotaExceeded { limit: 1 });
    assert_eq!(response.status(), 429);
    assert_eq!(
        headers(response.headers()),
        pairs(&[("content-type", "application/json"), ("retry-after", "10")])
    );
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap();
    assert_eq!(
        &bytes[..],
        br#"{"error":"quota of 1 exceeded","code":"QUOTA_EXCEEDED","details":{"limit":1}}"#
    );
}
