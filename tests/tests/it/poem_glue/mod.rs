//! poem 3 through real servers: every vector byte for byte (the hand-written impl through
//! `apierror::poem::into_response`, the derived `ResponseError` through handlers returning
//! `Result<_, Canon>`, and through `?` into `poem::Error`). The request ids, poem's own errors
//! in the envelope (and negotiation), and the failures of user code are checked by the areas
//! that check them for axum and actix-web, with their checks and types (`request_id::on_poem`,
//! `framework_errors::on_poem`, `failures::on_poem`).

mod boxed;
mod error_type;
mod server;
mod vectors;

pub use server::PoemServer;
