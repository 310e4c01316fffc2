//! Prints the example app's OpenAPI 3.1 document (JSON, and nothing else on stdout): its
//! paths from utoipa's `OpenApi` derive, its error responses from apierror.
//!
//! ```text
//! cargo run -p apierror --example openapi --all-features
//! ```

mod app;

fn main() {
    println!("{}", app::openapi::json());
}
