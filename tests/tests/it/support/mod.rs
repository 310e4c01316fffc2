//! Shared plumbing for the wire-format tests: the reference error `Canon` of
//! `tests/vectors/ENVELOPES.md` with its trait implemented by hand, the vector files of `tests/vectors/`, the
//! servers that render every vector through real axum and actix-web stacks, and the byte
//! matcher that compares a response body with a vector's template.
//!
//! Every vector is served twice by each framework: under `/hand/` by the hand-written `Canon`
//! below (the `ApiError` trait implemented without the derive), and under `/derived/` by the
//! derived `Canon` of [`derived`], through handlers returning `Result<_, Canon>`.

pub mod derived;

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::fmt::{self, Write as _};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use apierror::envelope::Envelope;
use apierror::{Api, ApiError, Details, Message, StatusCode, WriteError};
use serde::Deserialize;

pub use crate::canon::{CASES, SECRET};
use crate::servers::{ActixServer, AxumServer};
use derived::error_object::Canon as Reference;

// ---------------------------------------------------------------------------------------------
// The reference error
// ---------------------------------------------------------------------------------------------

/// The reference error `Canon` with the `ApiError` trait implemented by hand, without the derive:
/// its variants (and thiserror's `Display` and `source()`, which the wire must not show for the
/// 5xx) are those of the one `Canon` (`crate::canon`), its answers written out here, so the
/// vectors check the trait's defaults and the runtime apart from the derive.
#[derive(Debug, thiserror::Error)]
#[error(transparent)]
pub struct Canon(pub derived::error_object::Canon);

impl ApiError for Canon {
    const API: Api = Api::new()
        .with_domain("api.example.com")
        .with_version("1.0.0");
    fn status(&self) -> StatusCode {
        match &self.0 {
            Reference::RateLimited { .. } => StatusCode::TOO_MANY_REQUESTS,
            Reference::InvalidParameters { .. } => StatusCode::BAD_REQUEST,
            Reference::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn code(&self) -> &'static str {
        match &self.0 {
            Reference::RateLimited { .. } => "RATE_LIMITED",
            Reference::InvalidParameters { .. } => "INVALID_PARAMETERS",
            Reference::Internal(_) => "INTERNAL_ERROR",
        }
    }

    fn message(&self, out: &mut Message<'_>) -> fmt::Result {
        match &self.0 {
            Reference::RateLimited { .. } => {
                out.write_str("Rate limit exceeded. Please retry after the specified period.")
            }
            Reference::InvalidParameters { field, .. } => {
                write!(out, "The '{field}' field is required")
            }
            // A 5xx without `expose`: the default, the canonical reason phrase.
            Reference::Internal(_) => out.write_reason(self.status()),
        }
    }

    fn retry_after(&self) -> Option<Duration> {
        match &self.0 {
            Reference::RateLimited { wait } => Some(*wait),
            _ => None,
        }
    }

    fn details(&self, out: &mut Details<'_>) -> Result<(), WriteError> {
        if let Reference::InvalidParameters { field, requirement } = &self.0 {
            out.field("field", field)?;
            out.field("requirement", requirement)?;
        }
        Ok(())
    }
}

/// The hand-written `Canon` a vector case stands for.
///
/// # Panics
///
/// On a case name the vectors do not define (see [`CASES`]).
pub fn canon_case(name: &str) -> Canon {
    Canon(derived::error_object::case(name))
}

// ---------------------------------------------------------------------------------------------
// Which envelopes exist
// ---------------------------------------------------------------------------------------------

/// The envelopes of the seed documents; their vector files must exist.
pub const SEED_ENVELOPES: &[&str] = &[
    "ErrorFlag",
    "ErrorMessage",
    "ErrorCode",
    "DataErrorMeta",
    "ErrorObject",
];

/// Envelopes that have vector files but no runtime type yet: their vectors are skipped.
///
/// When the runtime gains one, remove it from here and add it to `implemented_envelopes!`
/// below; a vector file whose envelope is in neither list fails the tests.
pub const NOT_YET_IMPLEMENTED: &[&str] = &[];

/// Lists the envelope types of the runtime that the vectors are checked against, and builds
/// from that one list the names, the axum routes and the actix-web routes.
macro_rules! implemented_envelopes {
    ($($name:ident),+ $(,)?) => {
        /// The envelopes whose vectors are checked, by the names the vector files use.
        pub const IMPLEMENTED: &[&str] = &[$(stringify!($name)),+];

        /// An axum router serving `GET /hand/{Envelope}/{case}` for every implemented envelope.
        pub fn axum_router<T: ApiError + 'static>(make: fn(&str) -> T) -> axum::Router {
            axum::Router::new()
                $(.route(
                    concat!("/hand/", stringify!($name), "/{case}"),
                    axum_route::<apierror::envelope::$name, T>(make),
                ))+
        }

        /// Adds `GET /hand/{Envelope}/{case}` to an actix-web app for every implemented envelope.
        pub fn actix_routes<T: ApiError + 'static>(
            config: &mut actix_web::web::ServiceConfig,
            make: fn(&str) -> T,
        ) {
            $(config.route(
                concat!("/hand/", stringify!($name), "/{case}"),
                actix_route::<apierror::envelope::$name, T>(make),
            );)+
        }
    };
}

implemented_envelopes!(
    ErrorFlag,
    ErrorMessage,
    ErrorCode,
    DataErrorMeta,
    ErrorObject,
    Problem,
    JsonApi,
    Google,
    OData,
);

fn axum_route<E: Envelope + 'static, T: ApiError + 'static>(
    make: fn(&str) -> T,
) -> axum::routing::MethodRouter {
    axum::routing::get(
        move |axum::extract::Path(case): axum::extract::Path<String>| async move {
            apierror::axum::into_response::<E>(&make(&case))
        },
    )
}

fn actix_route<E: Envelope + 'static, T: ApiError + 'static>(
    make: fn(&str) -> T,
) -> actix_web::Route {
    actix_web::web::get().to(move |case: actix_web::web::Path<String>| async move {
        apierror::actix::error_response::<E>(&make(&case))
    })
}

/// One vector file: one envelope, its cases.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VectorFile {
    pub envelope: String,
    /// Prose for humans; not checked.
    #[serde(default, rename = "note")]
    pub _note: Option<serde::de::IgnoredAny>,
    pub cases: Vec<VectorCase>,
    #[serde(skip)]
    pub path: PathBuf,
}

/// One expected response.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VectorCase {
    pub case: String,
    pub status: u16,
    /// Header names (lower-case) and their exact values.
    pub headers: BTreeMap<String, String>,
    /// The exact body, with `{{uuid}}` and `{{rfc3339_nanos}}` placeholders.
    pub body: String,
}

/// The values the placeholders of one body stood for.
#[derive(Debug, Default)]
pub struct Captured {
    pub uuids: Vec<String>,
    pub timestamps: Vec<String>,
}

/// Checks the bytes a placeholder stands for, given the time of the check.
type ShapeCheck = fn(&[u8], i128) -> Result<(), String>;

/// One response as received.
pub struct Received {
    pub status: u16,
    pub headers: Vec<(String, Vec<u8>)>,
    pub body: Vec<u8>,
}

impl Received {
    fn describe(&self) -> String {
        let mut text = format!("status {}\n", self.status);
        for (name, value) in &self.headers {
            let _ = writeln!(text, "{name}: {}", String::from_utf8_lossy(value));
        }
        let _ = write!(text, "\n{}", String::from_utf8_lossy(&self.body));
        text
    }

    fn values(&self, name: &str) -> Vec<&[u8]> {
        self.headers
            .iter()
            .filter(|(n, _)| n == name)
            .map(|(_, v)| v.as_slice())
            .collect()
    }
}
// ---------------------------------------------------------------------------------------------
// The servers
// ---------------------------------------------------------------------------------------------

/// An axum server answering the hand-written impl (`make`) under `/hand` and the derived one
/// under `/derived`.
pub async fn axum_server<T: ApiError + 'static>(make: fn(&str) -> T) -> AxumServer {
    AxumServer::start(derived::axum_routes(axum_router(make))).await
}

/// The actix-web twin of [`axum_server`].
#[must_use]
pub fn actix_server<T: ApiError + 'static>(make: fn(&str) -> T) -> ActixServer {
    ActixServer::start(move || {
        actix_web::App::new()
            .configure(|config| actix_routes(config, make))
            .configure(derived::actix_routes)
    })
}

mod body_matcher;
mod check;
mod vector_files;

pub use body_matcher::*;
pub use check::*;
pub use vector_files::*;
