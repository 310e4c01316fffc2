//! salvo through real servers (feature `salvo`): every vector byte for byte through the derived
//! `Scribe` and `apierror::salvo::write_error`; the `ErrorContext` hoop's request ids, end to end
//! and under 100 concurrent requests; salvo's own errors (no route, wrong method, bad JSON, a
//! body over the limit, a bare status) in the envelope with `all_errors_as`; a failing or
//! panicking `Display` answered with the well-formed 500; negotiation with `Accept`.
//!
//! Each server is a real salvo `Server` on 127.0.0.1:0 ([`server::SalvoServer`]), asked with
//! the same reqwest client as the axum and actix-web tests (`crate::servers`). The failures of
//! user code (a failing or panicking `Display` or `Serialize`…) run through salvo beside axum
//! and actix-web in `crate::failures` (`on_salvo`), with their log lines, and the request-id
//! checks in `crate::request_id` (`on_salvo`), on its error types.

mod framework_errors;
pub(crate) mod server;
mod vectors;
