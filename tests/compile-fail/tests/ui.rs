//! Compile-fail cases for `#[derive(ApiError)]`: one misuse per file under `tests/ui/`, each
//! with the exact diagnostics it must produce in its `.stderr`.
//!
//! Regenerate after a deliberate change to a message with
//! `TRYBUILD=overwrite cargo test -p apierror-compile-fail --test ui`, then read every diff.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/*.rs");
    // Valid uses that once misbehaved (a warning, a lint) and must keep compiling cleanly.
    t.pass("tests/ui-pass/*.rs");
}
