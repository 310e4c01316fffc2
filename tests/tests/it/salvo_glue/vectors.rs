//! Every vector of `tests/vectors/`, byte for byte, through a real salvo server: under `/hand/`
//! the hand-written `Canon` written by `apierror::salvo::write_error`, under `/derived/` the
//! derived `Canon` of each envelope returned as a handler's `Err`, which salvo's blanket
//! `Writer` for `Result` hands to the derived `Scribe`. The same checks, vectors and `Canon`
//! as the axum and actix-web servers of `crate::vectors`.

use std::marker::PhantomData;

use apierror::envelope::Envelope;
use apierror::ApiError;
use salvo::{Depot, FlowCtrl, Handler, Request, Response, Router, Writer};

use super::server::SalvoServer;
use crate::support::{self, canon_case, derived, load_implemented_vectors};

/// `GET /hand/{Envelope}/{case}`: `make(case)` written in envelope `E` by `write_error`.
struct Hand<E, T> {
    make: fn(&str) -> T,
    envelope: PhantomData<fn() -> E>,
}

#[salvo::async_trait]
impl<E: Envelope + 'static, T: ApiError + 'static> Handler for Hand<E, T> {
    async fn handle(&self, req: &mut Request, _: &mut Depot, res: &mut Response, _: &mut FlowCtrl) {
        let case = req.param::<String>("case").unwrap_or_default();
        apierror::salvo::write_error::<E>(&(self.make)(&case), res);
    }
}

/// `GET /derived/{Envelope}/{case}`: a handler's `Result<&str, T>` with `Err(make(case))`,
/// written by salvo's own `Writer` for `Result`, as a `#[handler]` returning it is.
struct Derived<T> {
    make: fn(&str) -> T,
}

#[salvo::async_trait]
impl<T: Writer + Send + 'static> Handler for Derived<T> {
    async fn handle(
        &self,
        req: &mut Request,
        depot: &mut Depot,
        res: &mut Response,
        _: &mut FlowCtrl,
    ) {
        let case = req.param::<String>("case").unwrap_or_default();
        let answer: Result<&'static str, T> = Err((self.make)(&case));
        answer.write(req, depot, res).await;
    }
}

fn hand<E: Envelope + 'static>(name: &str) -> Router {
    Router::with_path(format!("hand/{name}/{{case}}")).get(Hand::<E, support::Canon> {
        make: canon_case,
        envelope: PhantomData,
    })
}

/// The routes of every envelope, the hand-written and the derived `Canon`.
macro_rules! routes {
    ($($envelope:ident => $module:ident),+ $(,)?) => {
        fn router() -> Router {
            Router::new()
                $(.push(hand::<apierror::envelope::$envelope>(stringify!($envelope))))+
                $(.push(
                    Router::with_path(concat!("derived/", stringify!($envelope), "/{case}"))
                        .get(Derived { make: derived::$module::case }),
                ))+
        }

        /// The envelopes routed here are those the vectors list (`support::IMPLEMENTED`).
        const ROUTED: &[&str] = &[$(stringify!($envelope)),+];
    };
}

routes!(
    ErrorFlag => error_flag,
    ErrorMessage => error_message,
    ErrorCode => error_code,
    DataErrorMeta => data_error_meta,
    ErrorObject => error_object,
    Problem => problem,
    JsonApi => json_api,
    Google => google,
    OData => odata,
);

#[tokio::test]
async fn salvo_serves_every_vector() {
    let mut routed = ROUTED.to_vec();
    routed.sort_unstable();
    let mut implemented = support::IMPLEMENTED.to_vec();
    implemented.sort_unstable();
    assert_eq!(routed, implemented, "every implemented envelope is routed");

    let vectors = load_implemented_vectors();
    let server = SalvoServer::start(router()).await;
    let hand = format!("{}/hand", server.base());
    support::check_server("salvo, write_error", &hand, &vectors).await;
    let derived = format!("{}/derived", server.base());
    support::check_server("salvo, derived Scribe", &derived, &vectors).await;
}
