//! The other ways a handler answers with a derived error on poem: boxed in `AnyApiError` (poem's
//! `ResponseError` and `IntoResponse` of the box), and the derived `IntoResponse` of the type
//! itself; each gives the derived response, in the request's context.

use apierror::poem::ErrorContext;
use apierror::AnyApiError;
use poem::{get, handler, EndpointExt, IntoResponse, Response, Route};

use super::PoemServer;
use crate::servers::{client, Received};

#[derive(Debug, thiserror::Error, apierror::ApiError)]
#[api(envelope = apierror::envelope::Problem)]
enum ProblemError {
    #[error("user {id} not found")]
    #[api(status = 404)]
    UserNotFound {
        #[api(detail)]
        id: u64,
    },
}

#[handler]
fn boxed() -> Result<&'static str, AnyApiError> {
    Err(ProblemError::UserNotFound { id: 7 })?
}

#[handler]
fn boxed_as_output() -> AnyApiError {
    AnyApiError::new(ProblemError::UserNotFound { id: 7 })
}

#[handler]
fn as_output() -> ProblemError {
    ProblemError::UserNotFound { id: 7 }
}

#[handler]
fn into_response() -> Response {
    ProblemError::UserNotFound { id: 7 }.into_response()
}

fn expected(path: &str) -> String {
    format!(
        r#"{{"type":"about:blank","title":"Not Found","status":404,"detail":"user 7 not found","instance":"{path}","code":"USER_NOT_FOUND","id":7}}"#
    )
}

#[tokio::test]
async fn every_way_gives_the_derived_response() {
    let app = Route::new()
        .at("/boxed", get(boxed))
        .at("/boxed-output", get(boxed_as_output))
        .at("/output", get(as_output))
        .at("/into-response", get(into_response))
        .with(ErrorContext::new());
    let server = PoemServer::start(app).await;
    let client = client();
    for path in ["/boxed", "/boxed-output", "/output", "/into-response"] {
        let response = Received::of(
            client
                .get(format!("{}{path}", server.base()))
                .header("x-request-id", "req-b"),
        )
        .await;
        assert_eq!(response.status, 404, "{path}: {response:?}");
        assert_eq!(response.header("content-type"), "application/problem+json");
        assert_eq!(response.header("x-request-id"), "req-b", "{path}");
        assert_eq!(response.text(), expected(path), "{path}");
    }
}
