//! `transparent`: a variant that is another error.

use super::*;

#[derive(Debug, thiserror::Error, ApiError)]
#[api(envelope = ErrorFlag, domain = "billing.example.com", version = "9.9.9")]
enum BillingError {
    #[error("card {last4} declined")]
    #[api(status = 402, code = "CARD_DECLINED")]
    CardDeclined {
        #[api(detail)]
        last4: &'static str,
    },
    #[error("processor down")]
    #[api(status = 503, retry_after = 30)]
    ProcessorDown,
    #[error("ledger password=hunter2")]
    #[api(status = 500)]
    Ledger,
    #[error("not retryable")]
    #[api(status = 429, retryable = false)]
    Quota,
}

#[derive(Debug, thiserror::Error, ApiError)]
enum AppError {
    #[error(transparent)]
    #[api(transparent)]
    Billing(#[from] BillingError),
    #[error(transparent)]
    #[api(transparent)]
    Named { inner: BillingError },
    #[error("local")]
    #[api(status = 400)]
    Local,
}

#[derive(Debug, thiserror::Error, ApiError)]
#[api(envelope = ErrorCode)]
enum TopError {
    #[error(transparent)]
    #[api(transparent)]
    App(AppError),
}

#[test]
fn transparent_forwards_status_code_message_and_details() {
    let error = AppError::from(BillingError::CardDeclined { last4: "4242" });
    assert_eq!(error.status().as_u16(), 402);
    assert_eq!(error.code(), "CARD_DECLINED");
    assert_eq!(message(&error), "card 4242 declined");
    assert!(!error.retryable());
    assert_eq!(error.retry_after(), None);
    // The outer error keeps its own envelope (ErrorObject), with the inner details.
    assert_eq!(
        body::<ErrorObject>(&error),
        r#"{"error":{"code":"CARD_DECLINED","message":"card 4242 declined","details":{"last4":"4242"}}}"#
    );
}

#[test]
fn transparent_forwards_retryable_and_retry_after() {
    let error = AppError::Billing(BillingError::ProcessorDown);
    assert_eq!(error.status().as_u16(), 503);
    assert!(error.retryable());
    assert_eq!(error.retry_after(), Some(Duration::from_secs(30)));
    assert_eq!(message(&error), "Service Unavailable");
    let (status, headers, body) = rendered::<ErrorObject>(&error);
    assert_eq!(status, 503);
    assert_eq!(
        headers,
        pairs(&[("content-type", "application/json"), ("retry-after", "30")])
    );
    assert_eq!(
        body,
        r#"{"error":{"code":"PROCESSOR_DOWN","message":"Service Unavailable","details":{"retry_after":30}}}"#
    );
    assert!(!AppError::Billing(BillingError::Quota).retryable());
}

#[test]
fn transparent_keeps_the_inner_5xx_hidden() {
    let error = AppError::Named {
        inner: BillingError::Ledger,
    };
    assert_eq!(message(&error), "Internal Server Error");
    assert_eq!(
        body::<ErrorObject>(&error),
        r#"{"error":{"code":"LEDGER","message":"Internal Server Error"}}"#
    );
}

#[test]
fn transparent_outer_keeps_its_envelope_domain_and_version() {
    let inner = BillingError::CardDeclined { last4: "1111" };
    assert_eq!(api(&inner).domain, Some("billing.example.com"));
    assert_eq!(api(&inner).version, Some("9.9.9"));
    let outer = AppError::from(BillingError::CardDeclined { last4: "1111" });
    assert_eq!(api(&outer).domain, Some(env!("CARGO_PKG_NAME")));
    assert_eq!(api(&outer).version, Some(env!("CARGO_PKG_VERSION")));
}

#[tokio::test]
async fn transparent_into_response_uses_the_outer_envelope() {
    let inner =
        axum::response::IntoResponse::into_response(BillingError::CardDeclined { last4: "4242" });
    let inner = axum::body::to_bytes(inner.into_body(), usize::MAX)
        .await
        .unwrap();
    assert_eq!(
        &inner[..],
        br#"{"error":true,"message":"card 4242 declined","code":"CARD_DECLINED"}"#
    );

    let outer =
        axum::response::IntoResponse::into_response(AppError::from(BillingError::CardDeclined {
            last4: "4242",
        }));
    assert_eq!(outer.status(), 402);
    let outer = axum::body::to_bytes(outer.into_body(), usize::MAX)
        .await
        .unwrap();
    assert_eq!(
        &outer[..],
        br#"{"error":{"code":"CARD_DECLINED","message":"card 4242 declined","details":{"last4":"4242"}}}"#
    );
}

#[test]
fn transparent_through_two_levels() {
    let error = TopError::App(AppError::Billing(BillingError::ProcessorDown));
    assert_eq!(error.status().as_u16(), 503);
    assert_eq!(error.code(), "PROCESSOR_DOWN");
    assert_eq!(error.retry_after(), Some(Duration::from_secs(30)));
    assert_eq!(
        body::<ErrorCode>(&error),
        r#"{"error":"PROCESSOR_DOWN","message":"Service Unavailable","status":503}"#
    );
    let local = TopError::App(AppError::Local);
    assert_eq!(message(&local), "local");
    assert_eq!(local.code(), "LOCAL");
}
