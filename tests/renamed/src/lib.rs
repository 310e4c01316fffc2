//! Test-only package: see `tests/renamed.rs`. The runtime is a dependency named `renamed_api`,
//! so any `::apierror` path in the derive's output fails to compile here.

/// An error of this library crate itself, derived through the renamed dependency.
#[derive(Debug, thiserror::Error, renamed_api::ApiError)]
#[api(crate = ::renamed_api)]
pub enum LibError {
    /// Not found.
    #[error("item {id} not found")]
    #[api(status = 404)]
    ItemNotFound {
        /// The item.
        #[api(detail)]
        id: u64,
    },
}
