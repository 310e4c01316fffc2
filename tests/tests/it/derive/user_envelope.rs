//! A user-defined envelope, named by `envelope = ...`.

use super::*;

/// `{"kind":code,"status":n,"text":message,"extra":{details}}`, its own content type and an
/// `x-error-kind` header.
struct Custom;

impl Envelope for Custom {
    const CONTENT_TYPE: &'static str = "application/vnd.example.error+json";

    fn write_body(error: &ErrorView<'_>, out: &mut JsonWriter<'_>) -> Result<(), WriteError> {
        out.raw("{\"kind\":");
        out.string(error.code());
        out.raw(",\"status\":");
        out.u64(error.status().as_u16().into());
        out.raw(",\"text\":");
        out.message(error)?;
        out.details(error, ",\"extra\":{", &[])?.close("}");
        out.raw("}");
        Ok(())
    }

    fn write_headers(error: &ErrorView<'_>, headers: &mut http::HeaderMap) {
        headers.insert("x-error-kind", http::HeaderValue::from_static(error.code()));
    }
}

#[derive(Debug, thiserror::Error, ApiError)]
#[api(envelope = Custom)]
enum CustomError {
    #[error("no user {id}")]
    #[api(status = 404)]
    NoSuchUser {
        #[api(detail)]
        id: u64,
    },
    #[error("wait")]
    #[api(status = 503, retry_after = 9)]
    Busy,
    #[error("broken")]
    #[api(status = 400)]
    Broken {
        #[api(detail)]
        value: Failing,
    },
}

#[test]
fn custom_envelope_through_render() {
    let (status, headers, body) = rendered::<Custom>(&CustomError::NoSuchUser { id: 7 });
    assert_eq!(status, 404);
    assert_eq!(
        headers,
        pairs(&[
            ("content-type", "application/vnd.example.error+json"),
            ("x-error-kind", "NO_SUCH_USER"),
        ])
    );
    assert_eq!(
        body,
        r#"{"kind":"NO_SUCH_USER","status":404,"text":"no user 7","extra":{"id":7}}"#
    );

    let (status, headers, body) = rendered::<Custom>(&CustomError::Busy);
    assert_eq!(status, 503);
    assert_eq!(
        headers,
        pairs(&[
            ("content-type", "application/vnd.example.error+json"),
            ("retry-after", "9"),
            ("x-error-kind", "BUSY"),
        ])
    );
    assert_eq!(
        body,
        r#"{"kind":"BUSY","status":503,"text":"Service Unavailable"}"#
    );
}

#[test]
fn custom_envelope_fallback_is_written_by_the_same_envelope() {
    let (status, headers, body) = rendered::<Custom>(&CustomError::Broken { value: Failing });
    assert_eq!(status, 500);
    assert_eq!(
        headers,
        pairs(&[
            ("content-type", "application/vnd.example.error+json"),
            ("x-error-kind", "INTERNAL_ERROR"),
        ])
    );
    assert_eq!(
        body,
        r#"{"kind":"INTERNAL_ERROR","status":500,"text":"Internal Server Error"}"#
    );
}

#[tokio::test]
async fn custom_envelope_through_derived_into_response() {
    let response = axum::response::IntoResponse::into_response(CustomError::NoSuchUser { id: 7 });
    assert_eq!(response.status(), 404);
    assert_eq!(
        headers(response.headers()),
        pairs(&[
            ("content-type", "application/vnd.example.error+json"),
            ("x-error-kind", "NO_SUCH_USER"),
        ])
    );
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap();
    assert_eq!(
        &bytes[..],
        br#"{"kind":"NO_SUCH_USER","status":404,"text":"no user 7","extra":{"id":7}}"#
    );

    let busy = axum::response::IntoResponse::into_response(CustomError::Busy);
    assert_eq!(busy.status(), 503);
    assert_eq!(
        headers(busy.headers()),
        pairs(&[
            ("content-type", "application/vnd.example.error+json"),
            ("retry-after", "9"),
            ("x-error-kind", "BUSY"),
        ])
    );
}
