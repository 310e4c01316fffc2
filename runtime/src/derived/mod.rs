//! What generated code asks of the user's types, besides the code table (`codes::table`) and
//! the template pieces (`writer`): the field roles, the autoref probes, and the one macro the
//! derive calls for the framework glue. Generated code reaches what it names of it through
//! `__private`.

mod probes;
mod roles;

pub use probes::{ArgDisplay, ArgIsStr, ArgProbe, ErrorProbe, ProbeIsError, ProbeNotError};
pub use roles::{Detail, DisplayMessage, RateLimitField, RetryAfterField, ViolationsField};

/// The framework glue for a derived type, called by the derive as
/// `__private::glue!([impl generics] [type] [where clause])`, the where clause always `where`
/// followed by predicates that each end in a comma: `IntoResponse` (feature `axum`),
/// `ResponseError` (`actix-web`), `utoipa::IntoResponses` (`utoipa`), `From<T> for
/// tonic::Status` (`tonic`), `salvo::Scribe` (`salvo`), poem's `ResponseError` and
/// `IntoResponse` (`poem`); and, after the where clause, `server_fn [variant path] [member]
/// [field]` for a type with an `#[api(server_fn)]` variant,
/// `server_fn::error::FromServerFnError` (`server_fn`).
///
/// Each framework's macro lives in that framework's folder (`axum/glue.rs`, `actix/glue.rs`,
/// `openapi/glue.rs`, `tonic/glue.rs`), defined with the feature and, empty, without it: the features are
/// evaluated here, in the runtime, since the macros crate has none.
#[doc(hidden)]
#[macro_export]
macro_rules! __apierror_glue {
    ([$($impl:tt)*] [$($ty:tt)*] [$($where:tt)*] $($server_fn:tt)*) => {
        $crate::__apierror_axum_glue!([$($impl)*] [$($ty)*] [$($where)*]);
        $crate::__apierror_actix_glue!([$($impl)*] [$($ty)*] [$($where)*]);
        $crate::__apierror_utoipa_glue!([$($impl)*] [$($ty)*] [$($where)*]);
        $crate::__apierror_tonic_glue!([$($impl)*] [$($ty)*] [$($where)*]);
        $crate::__apierror_salvo_glue!([$($impl)*] [$($ty)*] [$($where)*]);
        $crate::__apierror_server_fn_glue!([$($impl)*] [$($ty)*] [$($where)*] $($server_fn)*);
        $crate::__apierror_poem_glue!([$($impl)*] [$($ty)*] [$($where)*]);
    };
}
