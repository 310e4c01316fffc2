//! What the derive's generated code names, re-exported from where it lives: a facade, not
//! public API (anything here may change in any release). No module of the runtime imports it.

// The serde trait a `#[api(detail)]` field is bounded by.
pub use serde::Serialize;

// What a derived type is and says: its envelope, its `Api`.
pub use crate::api_error::derived_api as api;
pub use crate::render::UsesEnvelope;

// The code table, and the checks of its codes.
pub use crate::codes::table::{
    code_items, descriptor_at, fields, item, items, retryable_at, status, status_at, CodeItems,
    Table,
};
pub use crate::codes::Field;

// The field roles and the autoref probes.
pub use crate::derived::{
    ArgDisplay, ArgIsStr, ArgProbe, Detail, DisplayMessage, ErrorProbe, ProbeIsError,
    ProbeNotError, RateLimitField, RetryAfterField, ViolationsField,
};

// The public message's pieces.
// `Arg`: what the probes hand `write_template`.
pub use crate::writer::{write_literal, write_template, Arg, Literal};

// The framework glue: the two macros the derive calls. Each framework's own macro is defined in
// that framework's folder and names what its expansion needs there (`$crate::axum::glue`…).
pub use crate::__apierror_client_glue as client_glue;
pub use crate::__apierror_glue as glue;

// What the derived `Decode` calls, per kind of field.
#[cfg(feature = "client")]
pub use crate::client::typed::{
    code_index, DelayDecodes, DelayOpaque, DetailDecodes, DetailOpaque, FieldProbe,
    RateLimitDecodes, RateLimitOpaque, ViolationsDecodes, ViolationsOpaque,
};
