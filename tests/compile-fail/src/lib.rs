//! Nothing: the compile-fail cases are `tests/ui.rs` and `tests/ui/`.
