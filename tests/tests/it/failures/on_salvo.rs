//! The failures through a real salvo server, behind the `ErrorContext` hoop: the derived
//! `Scribe` (a handler's `Err`, through salvo's `Writer` for `Result`) and `write_error`.

use super::*;

use crate::salvo_glue::server::SalvoServer;
use salvo::{Depot, FlowCtrl, Handler, Request, Response, Router, Writer};

/// Answers `kind` as `T` does.
struct Answer<T> {
    kind: Kind,
    error: core::marker::PhantomData<fn() -> T>,
}

#[salvo::async_trait]
impl<T: Failing + Writer + Send> Handler for Answer<T> {
    async fn handle(
        &self,
        req: &mut Request,
        depot: &mut Depot,
        res: &mut Response,
        _: &mut FlowCtrl,
    ) {
        match T::make(self.kind) {
            // As a handler's `Err`: salvo's `Writer` for `Result` renders it.
            Some(error) => Err::<(), T>(error).write(req, depot, res).await,
            None => match self.kind {
                Kind::StatusPanics => apierror::salvo::write_error::<T::Env>(&StatusPanics, res),
                Kind::StatusOk => apierror::salvo::write_error::<T::Env>(&StatusOk, res),
                Kind::CodePanics => apierror::salvo::write_error::<T::Env>(&CodePanics, res),
                _ => unreachable!("{:?} is derived", self.kind),
            },
        }
    }
}

fn salvo_service() -> salvo::Service {
    let mut router = Router::new();
    for (path, kind) in all_routes() {
        let route = Router::with_path(path.trim_start_matches('/'));
        router = router.push(if path.starts_with("/object/") {
            route.get(Answer::<ObjectError> {
                kind,
                error: core::marker::PhantomData,
            })
        } else {
            route.get(Answer::<FlagError> {
                kind,
                error: core::marker::PhantomData,
            })
        });
    }
    salvo::Service::new(router).hoop(apierror::salvo::ErrorContext::new())
}

/// The server runs on this test's current-thread runtime, so the thread's default subscriber
/// sees its events.
#[tokio::test(flavor = "current_thread")]
async fn salvo_failures_answer_a_plain_500() {
    let log = Buffer::default();
    let _guard = tracing::subscriber::set_default(log.subscriber());
    let server = SalvoServer::start(salvo_service()).await;
    check_failures("salvo", server.addr, &log).await;
}

#[tokio::test(flavor = "current_thread")]
async fn salvo_chain_does_not_repeat_the_message() {
    let log = Buffer::default();
    let _guard = tracing::subscriber::set_default(log.subscriber());
    let server = SalvoServer::start(salvo_service()).await;
    check_no_repeated_source("salvo", server.addr, &log).await;
}

#[tokio::test(flavor = "current_thread")]
async fn salvo_log_names_a_failing_display() {
    let log = Buffer::default();
    let _guard = tracing::subscriber::set_default(log.subscriber());
    let server = SalvoServer::start(salvo_service()).await;
    let cases: Vec<&LogCase> = LOG_CASES.iter().collect();
    check_log_survives("salvo", server.addr, &log, &cases).await;
}

/// Fails: see `PANICKING_SOURCE`.
#[tokio::test(flavor = "current_thread")]
async fn salvo_log_names_a_panicking_source_in_its_place() {
    let log = Buffer::default();
    let _guard = tracing::subscriber::set_default(log.subscriber());
    let server = SalvoServer::start(salvo_service()).await;
    check_log_survives("salvo", server.addr, &log, &[&PANICKING_SOURCE]).await;
}
