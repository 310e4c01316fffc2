//! The `ErrorType` of every error response poem answers, in the response's extensions, for the
//! middleware around the handler (a request-duration metric labelled with `error.type`): the
//! derived error's, and the rejection's that `all_errors_as` answers poem's own errors with.
//! In process, as a poem middleware sees the response: extensions never cross the wire.

use apierror::poem::ErrorContext;
use apierror::ErrorType;
use poem::{get, handler, Endpoint, EndpointExt, Request, Route};

#[derive(Debug, thiserror::Error, apierror::ApiError)]
enum AppError {
    #[error("slow down")]
    #[api(status = 429, code = "RATE_LIMITED")]
    RateLimited,
}

#[handler]
fn limited() -> Result<&'static str, AppError> {
    Err(AppError::RateLimited)
}

async fn error_type(app: &impl Endpoint, path: &str) -> (u16, Option<(String, u16, bool)>) {
    let response = app
        .get_response(Request::builder().uri_str(path).finish())
        .await;
    let error_type = response
        .extensions()
        .get::<ErrorType>()
        .map(|t| (t.code().to_owned(), t.status().as_u16(), t.retryable()));
    (response.status().as_u16(), error_type)
}

#[tokio::test]
async fn error_responses_carry_their_error_type() {
    let app = Route::new()
        .at("/limited", get(limited))
        .with(ErrorContext::new().all_errors_as::<AppError>());
    assert_eq!(
        error_type(&app, "/limited").await,
        (429, Some(("RATE_LIMITED".to_owned(), 429, true)))
    );
    assert_eq!(
        error_type(&app, "/nowhere").await,
        (404, Some(("ROUTE_NOT_FOUND".to_owned(), 404, false)))
    );

    // The error's own data (poem's `Error::set_data`) comes through too.
    let app = Route::new()
        .at("/limited", get(limited))
        .at("/tagged", get(tagged))
        .with(ErrorContext::new());
    assert_eq!(
        error_type(&app, "/limited").await,
        (429, Some(("RATE_LIMITED".to_owned(), 429, true)))
    );
    let response = app
        .get_response(Request::builder().uri_str("/tagged").finish())
        .await;
    assert_eq!(response.extensions().get::<Tag>(), Some(&Tag(7)));
    assert_eq!(
        response
            .extensions()
            .get::<ErrorType>()
            .map(|t| (t.code(), t.status().as_u16())),
        Some(("RATE_LIMITED", 429))
    );

    // Without the middleware, poem's `Error::into_response` sets the response's extensions to
    // the error's own: the type is lost (why the middleware puts it back). As an output, the
    // derived `IntoResponse` keeps it.
    let bare = Route::new()
        .at("/limited", get(limited))
        .at("/output", get(as_output));
    assert_eq!(error_type(&bare, "/limited").await, (429, None));
    assert_eq!(
        error_type(&bare, "/output").await,
        (429, Some(("RATE_LIMITED".to_owned(), 429, true)))
    );
}

#[derive(Clone, Debug, PartialEq)]
struct Tag(u32);

#[handler]
fn tagged() -> poem::Result<&'static str> {
    let mut error = poem::Error::from(AppError::RateLimited);
    error.set_data(Tag(7));
    Err(error)
}

#[handler]
fn as_output() -> AppError {
    AppError::RateLimited
}

/// The slot of the request context the poem middleware reads keeps the request-context
/// futures of the other frameworks `Send` and `Sync` when `poem` is on (features add up).
#[test]
fn the_other_frameworks_futures_stay_send_and_sync() {
    fn send_sync<T: Send + Sync>() {}
    type Inner = core::future::Ready<Result<http::Response<String>, core::convert::Infallible>>;
    send_sync::<apierror::axum::ErrorContextFuture<Inner>>();
    send_sync::<apierror::axum::ErrorContextFuture<Inner, AppError>>();
}
