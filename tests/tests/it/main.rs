//! The integration tests of apierror, one binary: a module per area (rust-analyzer's layout),
//! so the test profile links axum, actix-web, reqwest, utoipa and jsonschema once instead of
//! once per file. The compile-fail cases are a package of their own, `tests/compile-fail/`:
//! trybuild builds every dependency of the package again, so that one has only what they use.
//!
//! Every test runs on a thread of this one process, beside the others: nothing here may rely
//! on running alone. Servers bind 127.0.0.1:0; logs are captured with a thread-local
//! `tracing` subscriber (`logs`), never a global one; no test sets an environment variable.
//!
//! Run one area with `cargo test -p apierror-tests --test it <module>::`.

// The shared plumbing: every area uses part of it.
mod logs;
mod openapi_check;
mod servers;
mod support;

// The reference error of `tests/vectors/ENVELOPES.md`, declared once for the tests, the examples
// and the benches; at the crate root, where its `canon!` expects it.
#[path = "../../../runtime/examples/canon/mod.rs"]
mod canon;

// The example app of `runtime/examples/app/`, as the examples include it (catalog, openapi).
// Its `#[cfg(feature = "utoipa")] pub mod openapi;` is off here: this crate has no such feature.
#[allow(unexpected_cfgs)]
#[path = "../../../runtime/examples/app/mod.rs"]
mod app;

// The areas.
mod catalog;
mod client_decode;
mod client_retry;
mod client_roundtrip;
mod client_waiting;
mod derive;
mod derive_keys;
mod duplicates;
mod envelopes;
mod erased;
mod error_type;
mod failures;
mod framework_errors;
mod grpc;
mod hygiene;
mod logging; // not `tracing`: the crate of that name is used by path
mod negotiation;
mod openapi;
mod openapi_validator;
mod pedantic;
mod poem_glue;
mod public_envelopes;
mod rejections;
mod request_id;
mod salvo_glue;
mod schemas;
mod server_fns;
mod vectors;
mod without_cargo;
