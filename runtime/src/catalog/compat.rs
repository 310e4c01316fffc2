//! Codes as a public contract: the current catalog against one saved earlier.

use core::fmt::{self, Write as _};
use std::path::Path;

use super::{catalog, Catalog};
use crate::api_error::ApiError;
use crate::codes::ErrorCodes;
use crate::render::UsesEnvelope;

/// What a client relying on an earlier catalog would see break.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Break {
    /// The code is gone: clients matching on it never see it again.
    Removed {
        /// The code.
        code: String,
        /// Its status in the earlier catalog.
        status: u16,
    },
    /// The code is answered with another status.
    StatusChanged {
        /// The code.
        code: String,
        /// The earlier status.
        from: u16,
        /// The status now.
        to: u16,
    },
    /// The code's `retryable` flipped: clients retry what they did not, or stop retrying.
    RetryableChanged {
        /// The code.
        code: String,
        /// Whether it is retryable now.
        now: bool,
    },
}

impl fmt::Display for Break {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Break::Removed { code, status } => {
                write!(
                    f,
                    "code `{code}` was removed (it was answered with {status})"
                )
            }
            Break::StatusChanged { code, from, to } => {
                write!(f, "code `{code}` changed status from {from} to {to}")
            }
            Break::RetryableChanged { code, now: true } => {
                write!(f, "code `{code}` is now retryable (it was not)")
            }
            Break::RetryableChanged { code, now: false } => {
                write!(f, "code `{code}` is no longer retryable (it was)")
            }
        }
    }
}

impl Catalog {
    /// What changed incompatibly since `previous`, a catalog saved as
    /// [`to_json_string`](Catalog::to_json_string): every removed code, changed status and
    /// switched `retryable`, in the earlier catalog's order. A new code is not a break.
    ///
    /// # Errors
    ///
    /// When `previous` is not a saved catalog: the reason, naming what is missing.
    pub fn breaks_since(&self, previous: &str) -> Result<Vec<Break>, String> {
        let previous: serde_json::Value =
            serde_json::from_str(previous).map_err(|e| format!("not JSON: {e}"))?;
        let codes = previous
            .get("codes")
            .and_then(serde_json::Value::as_array)
            .ok_or("no `codes` array")?;
        let mut breaks = Vec::new();
        for (i, record) in codes.iter().enumerate() {
            let code = record
                .get("code")
                .and_then(serde_json::Value::as_str)
                .ok_or_else(|| format!("record {i} has no string `code`"))?;
            let status = record
                .get("status")
                .and_then(serde_json::Value::as_u64)
                .and_then(|s| u16::try_from(s).ok())
                .ok_or_else(|| format!("record `{code}` has no numeric `status`"))?;
            let retryable = record
                .get("retryable")
                .and_then(serde_json::Value::as_bool)
                .ok_or_else(|| format!("record `{code}` has no boolean `retryable`"))?;
            let Some(now) = self.entry(code) else {
                breaks.push(Break::Removed {
                    code: code.to_owned(),
                    status,
                });
                continue;
            };
            if now.status != status {
                breaks.push(Break::StatusChanged {
                    code: code.to_owned(),
                    from: status,
                    to: now.status,
                });
            }
            if now.retryable != retryable {
                breaks.push(Break::RetryableChanged {
                    code: code.to_owned(),
                    now: now.retryable,
                });
            }
        }
        Ok(breaks)
    }
}

/// The environment variable that makes [`assert_compatible`] save the current catalog instead
/// of checking it.
const BLESS: &str = "APIERROR_BLESS";

/// Panics, naming each break, if `T`'s catalog breaks clients of the one saved at `path`
/// (relative to the working directory, which for `cargo test` is the package's root):
///
/// ```no_run
/// # #[derive(Debug, thiserror::Error, apierror::ApiError)]
/// # enum AppError { #[error("x")] #[api(status = 404)] NotFound }
/// #[test]
/// fn error_codes_stay_compatible() {
///     apierror::catalog::assert_compatible::<AppError>("tests/error-catalog.json");
/// }
/// ```
///
/// With `APIERROR_BLESS=1` in the environment it writes the current catalog to `path` instead
/// (creating the file): do that once to start, and again when a break is intended or to make
/// new codes part of the contract. A new code passes without it.
///
/// # Panics
///
/// When a code was removed, changed status or switched `retryable`; when `path` cannot be read
/// (or, blessing, written) or holds no saved catalog.
#[track_caller]
pub fn assert_compatible<T: ErrorCodes + ApiError + UsesEnvelope>(path: impl AsRef<Path>) {
    let path = path.as_ref();
    let current = catalog::<T>();
    if std::env::var_os(BLESS).is_some_and(|v| !v.is_empty() && v != "0") {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            if let Err(error) = std::fs::create_dir_all(dir) {
                panic!("cannot create {}: {error}", dir.display());
            }
        }
        if let Err(error) = std::fs::write(path, current.to_json_string()) {
            panic!(
                "cannot save the error catalog to {}: {error}",
                path.display()
            );
        }
        return;
    }
    let previous = match std::fs::read_to_string(path) {
        Ok(previous) => previous,
        Err(error) => panic!(
            "no saved error catalog at {} ({error}): save the current one with \
             `{BLESS}=1 cargo test`, and commit it",
            path.display()
        ),
    };
    match current.breaks_since(&previous) {
        Ok(breaks) if breaks.is_empty() => {}
        Ok(breaks) => {
            let mut list = String::new();
            for b in &breaks {
                let _ = write!(list, "\n  - {b}");
            }
            panic!(
                "the error catalog breaks clients of the one saved at {}:{list}\nCodes are a \
                 public contract: restore them, or, if the break is intended, save the new \
                 catalog with `{BLESS}=1 cargo test`",
                path.display()
            );
        }
        Err(reason) => panic!(
            "{} is not a saved error catalog ({reason}): save one with `{BLESS}=1 cargo test`",
            path.display()
        ),
    }
}
