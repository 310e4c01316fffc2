//! The request ids through a real poem server behind `apierror::poem::ErrorContext`: the
//! checks axum and actix-web pass, on the same routes and error types.

use super::*;

use apierror::poem::ErrorContext;
use poem::{get, handler, EndpointExt, Route};

use crate::poem_glue::PoemServer;

#[handler]
async fn ok(request: &poem::Request) -> String {
    let id = request.extensions().get::<RequestId>().cloned();
    interleave().await;
    ok_body(id.as_ref())
}

#[handler]
async fn internal() -> Result<&'static str, ObjectError> {
    interleave().await;
    Err(ObjectError::Internal)
}

#[handler]
async fn not_found() -> Result<&'static str, ObjectError> {
    Err(ObjectError::NotFound)
}

#[handler]
async fn meta() -> Result<&'static str, MetaError> {
    Err(MetaError)
}

#[handler]
async fn problem() -> Result<&'static str, ProblemError> {
    Err(ProblemError)
}

#[handler]
async fn json_api() -> Result<&'static str, JsonApiError> {
    Err(JsonApiError)
}

#[handler]
async fn google() -> Result<&'static str, GoogleError> {
    Err(GoogleError)
}

fn routes() -> Route {
    Route::new()
        .at("/ok", get(ok))
        .at("/object/500", get(internal))
        .at("/object/404", get(not_found))
        .at("/meta", get(meta))
        .at("/problem/:name", get(problem))
        .at("/jsonapi", get(json_api))
        .at("/google", get(google))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn poem_request_ids() {
    let server = PoemServer::start(routes().with(ErrorContext::new())).await;
    check_echo_and_envelopes("poem", server.addr).await;
    check_sanitization("poem", server.addr).await;
    check_isolation("poem", server.addr).await;

    let nested =
        PoemServer::start(routes().with(ErrorContext::new()).with(ErrorContext::new())).await;
    check_nested("poem, two middlewares", nested.addr).await;

    let without = PoemServer::start(routes()).await;
    check_without("poem, no middleware", without.addr).await;
}

/// With `all_errors_as` too (the other implementation of the endpoint), the ids are the same.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn poem_request_ids_with_all_errors_as() {
    let server =
        PoemServer::start(routes().with(ErrorContext::new().all_errors_as::<ObjectError>())).await;
    check_echo_and_envelopes("poem, all_errors_as", server.addr).await;
    check_isolation("poem, all_errors_as", server.addr).await;
}
