//! The reference error of `tests/vectors/ENVELOPES.md`, `Canon`, declared once for everything
//! that renders it: the tour (`examples/tour.rs`), the render bench (`benches/render.rs`), the
//! load bench and the integration tests of `tests/`. Each includes this file at its crate root
//! as `#[path = ".../runtime/examples/canon/mod.rs"] mod canon;` (a folder with a `mod.rs`, so
//! cargo does not take it for an example) and declares the type with [`canon!`].
//!
//! The type is a macro because the envelope is a property of a derived type: the tests derive
//! `Canon` once per envelope, built-in or a user's own, in a module each.

// Each includer uses part of it (a bench no `SECRET`, the tour no `CASES`).
#![allow(dead_code)]

/// The secret inside `Canon::Internal`'s source (`"db password=hunter2"`): the wire must never
/// show it, only a server's log.
pub const SECRET: &str = "hunter2";

/// The case names the vectors use, in the order of `tests/vectors/ENVELOPES.md`: the names
/// `case` takes.
pub const CASES: &[&str] = &["rate_limited", "invalid_parameters", "internal"];

/// Declares, in the module where it is invoked, `Canon` derived with envelope `$envelope` (any
/// path: a built-in or a user's own; `apierror::envelope::ErrorObject` is the derive's
/// default) and `case(name)`, the value each vector case stands for.
///
/// `Canon`'s `Display` is thiserror's, as a user of the derive writes it: the 5xx must not show
/// it on the wire, and its `Internal` source carries [`SECRET`].
macro_rules! canon {
    ($envelope:path) => {
        /// The reference error of `tests/vectors/ENVELOPES.md`, derived exactly as written
        /// there.
        #[derive(Debug, thiserror::Error, apierror::ApiError)]
        #[api(envelope = $envelope, domain = "api.example.com", version = "1.0.0")]
        pub enum Canon {
            /// The caller sent too many requests.
            #[error("rate limited for {wait:?}")]
            #[api(
                status = 429,
                code = "RATE_LIMITED",
                message = "Rate limit exceeded. Please retry after the specified period."
            )]
            RateLimited {
                /// How long the caller must wait: `Retry-After`.
                #[api(retry_after)]
                wait: std::time::Duration,
            },
            /// A parameter of the request is invalid.
            #[error("parameter {field} is {requirement}")]
            #[api(
                status = 400,
                code = "INVALID_PARAMETERS",
                message = "The '{field}' field is required"
            )]
            InvalidParameters {
                /// The parameter, a detail.
                #[api(detail)]
                field: String,
                /// What it lacks, a detail.
                #[api(detail)]
                requirement: String,
            },
            /// Something broke inside; the client only sees "Internal Server Error".
            #[error("database failure: {0}")]
            #[api(status = 500, code = "INTERNAL_ERROR")]
            Internal(#[source] std::io::Error),
        }

        /// The value the vector case `name` (one of `CASES`) stands for.
        ///
        /// # Panics
        ///
        /// On a case name the vectors do not define.
        #[must_use]
        pub fn case(name: &str) -> Canon {
            match name {
                "rate_limited" => Canon::RateLimited {
                    wait: std::time::Duration::from_secs(5),
                },
                "invalid_parameters" => Canon::InvalidParameters {
                    field: "role_id".to_owned(),
                    requirement: "required".to_owned(),
                },
                "internal" => Canon::Internal(std::io::Error::other(format!(
                    "db password={}",
                    $crate::canon::SECRET
                ))),
                other => panic!(
                    "unknown vector case {other:?} (known: {:?})",
                    $crate::canon::CASES
                ),
            }
        }
    };
}

pub(crate) use canon;
