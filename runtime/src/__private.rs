//! What the derive's generated code names, re-exported from where it lives: a facade, not
//! public API (anything here may change in any release). No module of the runtime imports it.

// The serde trait a `#[api(detail)]` field is bounded by.
pub use serde::Serialize;

// What a derived type is and says: its envelope, its `Api`.
pub use crate::api_error::derived_api as api;
pub use crate::render::UsesEnvelope;

// The code table, and the checks of its codes.
pub use crate::codes::table::{
    code_items, descriptor_at, entry_at, fields, item, items, retryable_at, status, status_at,
    CodeItems, Table,
};
pub use crate::codes::{assert_known, Field};

// The field roles and the autoref probes.
pub use crate::derived::{
    ArgDisplay, ArgIsStr, ArgProbe, Detail, DisplayMessage, ErrorProbe, ProbeIsError,
    ProbeNotError, RateLimitField, RetryAfterField, ViolationsField,
};

// The public message's pieces.
pub use crate::writer::{write_literal, write_template, Arg, Literal};

// The framework glue: the macros (each defined in its framework's folder, at the crate root
// by `#[macro_export]`), and what their expansions name.
pub use crate::__apierror_actix_glue as actix_glue;
pub use crate::__apierror_axum_glue as axum_glue;
pub use crate::__apierror_client_glue as client_glue;
pub use crate::__apierror_glue as glue;
pub use crate::__apierror_utoipa_glue as utoipa_glue;
pub use crate::__apierror_utoipa_subset_glue as utoipa_subset_glue;

#[cfg(feature = "actix-web")]
pub use crate::actix::glue::{respond as actix_response, status_code as actix_status_code};
#[cfg(feature = "axum")]
pub use crate::axum::glue::respond as axum_response;
#[cfg(feature = "actix-web")]
pub use actix_web;
#[cfg(feature = "axum")]
pub use axum_core;
#[cfg(feature = "utoipa")]
pub use utoipa;

// What the derived `Decode` calls, per kind of field.
#[cfg(feature = "client")]
pub use crate::client::typed::{
    code_index, DelayDecodes, DelayOpaque, DetailDecodes, DetailOpaque, FieldProbe,
    RateLimitDecodes, RateLimitOpaque, ViolationsDecodes, ViolationsOpaque,
};
