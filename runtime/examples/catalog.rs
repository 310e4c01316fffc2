//! Prints the example app's error catalog as Markdown: an introduction, one table of every
//! code, and a section per code with an example response.
//!
//! ```text
//! cargo run -p apierror --example catalog
//! ```

mod app;

fn main() {
    print!("{}", apierror::catalog::<app::AppError>().markdown());
}
