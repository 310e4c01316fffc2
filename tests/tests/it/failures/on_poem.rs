//! The failures through a real poem server, behind `apierror::poem::ErrorContext`: a derived
//! error is a handler's `Err`, which poem makes a `poem::Error` and the middleware answers
//! with, in the request's context.

use super::*;

use crate::poem_glue::PoemServer;

fn poem_answer<T>(kind: Kind) -> poem::Result<poem::Response>
where
    T: Failing + poem::error::ResponseError + std::error::Error + Send + Sync,
{
    match T::make(kind) {
        // As a handler's `Err`: `?` makes it a `poem::Error`.
        Some(error) => Err(error)?,
        None => Ok(match kind {
            Kind::StatusPanics => apierror::poem::into_response::<T::Env>(&StatusPanics),
            Kind::StatusOk => apierror::poem::into_response::<T::Env>(&StatusOk),
            Kind::CodePanics => apierror::poem::into_response::<T::Env>(&CodePanics),
            _ => unreachable!("{kind:?} is derived"),
        }),
    }
}

fn poem_app() -> impl poem::Endpoint {
    use poem::EndpointExt as _;

    let mut route = poem::Route::new();
    for (path, kind) in all_routes() {
        route = if path.starts_with("/object/") {
            route.at(
                &path,
                poem::get(poem::endpoint::make(move |_| async move {
                    poem_answer::<ObjectError>(kind)
                })),
            )
        } else {
            route.at(
                &path,
                poem::get(poem::endpoint::make(move |_| async move {
                    poem_answer::<FlagError>(kind)
                })),
            )
        };
    }
    route.with(apierror::poem::ErrorContext::new())
}

/// The server runs on this test's current-thread runtime, so the thread's default subscriber
/// sees its events.
#[tokio::test(flavor = "current_thread")]
async fn poem_failures_answer_a_plain_500() {
    let log = Buffer::default();
    let _guard = tracing::subscriber::set_default(log.subscriber());
    let server = PoemServer::start(poem_app()).await;
    check_failures("poem", server.addr, &log).await;
}

#[tokio::test(flavor = "current_thread")]
async fn poem_chain_does_not_repeat_the_message() {
    let log = Buffer::default();
    let _guard = tracing::subscriber::set_default(log.subscriber());
    let server = PoemServer::start(poem_app()).await;
    check_no_repeated_source("poem", server.addr, &log).await;
}

#[tokio::test(flavor = "current_thread")]
async fn poem_log_names_a_failing_display() {
    let log = Buffer::default();
    let _guard = tracing::subscriber::set_default(log.subscriber());
    let server = PoemServer::start(poem_app()).await;
    let cases: Vec<&LogCase> = LOG_CASES.iter().collect();
    check_log_survives("poem", server.addr, &log, &cases).await;
}
