//! The failures through a real actix-web server, behind `ErrorContext`.

use super::*;

fn actix_answer<T>(kind: Kind) -> Result<actix_web::HttpResponse, actix_web::Error>
where
    T: Failing + actix_web::ResponseError,
{
    match T::make(kind) {
        // As a handler's `Err`: actix-web turns it into the response.
        Some(error) => Err(error.into()),
        None => Ok(match kind {
            Kind::StatusPanics => apierror::actix::error_response::<T::Env>(&StatusPanics),
            Kind::StatusOk => apierror::actix::error_response::<T::Env>(&StatusOk),
            Kind::CodePanics => apierror::actix::error_response::<T::Env>(&CodePanics),
            _ => unreachable!("{kind:?} is derived"),
        }),
    }
}

/// actix-web runs its worker on a thread of its own: the worker sets the subscriber as its
/// thread's default when it builds its app, and keeps it for good.
fn start_actix(log: &Buffer) -> ActixServer {
    let worker_log = log.clone();
    ActixServer::start(move || {
        std::mem::forget(tracing::subscriber::set_default(worker_log.subscriber()));
        let mut app = actix_web::App::new();
        for (path, kind) in all_routes() {
            app = if path.starts_with("/object/") {
                app.route(
                    &path,
                    actix_web::web::get()
                        .to(move || async move { actix_answer::<ObjectError>(kind) }),
                )
            } else {
                app.route(
                    &path,
                    actix_web::web::get()
                        .to(move || async move { actix_answer::<FlagError>(kind) }),
                )
            };
        }
        app.wrap(apierror::actix::ErrorContext::new())
    })
}

#[tokio::test(flavor = "current_thread")]
async fn actix_failures_answer_a_plain_500() {
    let log = Buffer::default();
    let server = start_actix(&log);
    check_failures("actix-web", server.addr, &log).await;
    server.stop().await;
}

#[tokio::test(flavor = "current_thread")]
async fn actix_chain_does_not_repeat_the_message() {
    let log = Buffer::default();
    let server = start_actix(&log);
    check_no_repeated_source("actix-web", server.addr, &log).await;
    server.stop().await;
}

#[tokio::test(flavor = "current_thread")]
async fn actix_log_names_a_failing_display() {
    let log = Buffer::default();
    let server = start_actix(&log);
    let cases: Vec<&LogCase> = LOG_CASES.iter().collect();
    check_log_survives("actix-web", server.addr, &log, &cases).await;
    server.stop().await;
}

/// Fails: see `PANICKING_SOURCE`.
#[tokio::test(flavor = "current_thread")]
async fn actix_log_names_a_panicking_source_in_its_place() {
    let log = Buffer::default();
    let server = start_actix(&log);
    check_log_survives("actix-web", server.addr, &log, &[&PANICKING_SOURCE]).await;
    server.stop().await;
}
