//! The failures through a real axum server, behind `ErrorContextLayer`.

use super::*;

fn axum_answer<T>(kind: Kind) -> axum::response::Response
where
    T: Failing + axum::response::IntoResponse,
{
    use axum::response::IntoResponse as _;
    match T::make(kind) {
        Some(error) => Err::<(), T>(error).into_response(),
        None => match kind {
            Kind::StatusPanics => apierror::axum::into_response::<T::Env>(&StatusPanics),
            Kind::StatusOk => apierror::axum::into_response::<T::Env>(&StatusOk),
            Kind::CodePanics => apierror::axum::into_response::<T::Env>(&CodePanics),
            _ => unreachable!("{kind:?} is derived"),
        },
    }
}

fn axum_app() -> axum::Router {
    let mut router = axum::Router::new();
    for (path, kind) in all_routes() {
        let handler = if path.starts_with("/object/") {
            axum::routing::get(move || async move { axum_answer::<ObjectError>(kind) })
        } else {
            axum::routing::get(move || async move { axum_answer::<FlagError>(kind) })
        };
        router = router.route(&path, handler);
    }
    router.layer(apierror::axum::ErrorContextLayer::new())
}

/// The server runs on this test's current-thread runtime, so the thread's default subscriber
/// sees its events.
#[tokio::test(flavor = "current_thread")]
async fn axum_failures_answer_a_plain_500() {
    let log = Buffer::default();
    let _guard = tracing::subscriber::set_default(log.subscriber());
    let server = AxumServer::start(axum_app()).await;
    check_failures("axum", server.addr, &log).await;
}

#[tokio::test(flavor = "current_thread")]
async fn axum_chain_does_not_repeat_the_message() {
    let log = Buffer::default();
    let _guard = tracing::subscriber::set_default(log.subscriber());
    let server = AxumServer::start(axum_app()).await;
    check_no_repeated_source("axum", server.addr, &log).await;
}

#[tokio::test(flavor = "current_thread")]
async fn axum_log_names_a_failing_display() {
    let log = Buffer::default();
    let _guard = tracing::subscriber::set_default(log.subscriber());
    let server = AxumServer::start(axum_app()).await;
    let cases: Vec<&LogCase> = LOG_CASES.iter().collect();
    check_log_survives("axum", server.addr, &log, &cases).await;
}

/// Fails: see `PANICKING_SOURCE`.
#[tokio::test(flavor = "current_thread")]
async fn axum_log_names_a_panicking_source_in_its_place() {
    let log = Buffer::default();
    let _guard = tracing::subscriber::set_default(log.subscriber());
    let server = AxumServer::start(axum_app()).await;
    check_log_survives("axum", server.addr, &log, &[&PANICKING_SOURCE]).await;
}
