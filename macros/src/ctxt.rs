//! `Ctxt`: every error of one derive, collected so that all are reported together (as
//! `serde_derive`'s `internals/ctxt.rs`).

use std::cell::RefCell;
use std::fmt::Display;
use std::thread;

use proc_macro2::Span;
use quote::ToTokens;

/// Collects the errors of one derive; shared by reference, since every step only adds to it.
///
/// It must be consumed by [`check`](Self::check): dropping it unchecked panics (outside an
/// unwinding panic), as `serde_derive`'s does, so no step can collect an error that is then
/// silently lost. That panic is a bug in this crate, never a reaction to the user's input.
pub(crate) struct Ctxt {
    /// `None` once checked, which is what the drop guard looks at.
    errors: RefCell<Option<Vec<syn::Error>>>,
}

impl Ctxt {
    pub(crate) fn new() -> Self {
        Ctxt {
            errors: RefCell::new(Some(Vec::new())),
        }
    }

    /// An error at `span`.
    pub(crate) fn error(&self, span: Span, message: impl Display) {
        self.push(syn::Error::new(span, message));
    }

    /// An error at the tokens to change.
    pub(crate) fn spanned(&self, tokens: impl ToTokens, message: impl Display) {
        // One non-generic conversion, so each token type does not get its own copy of the push.
        self.push(syn::Error::new_spanned(tokens.into_token_stream(), message));
    }

    /// An error syn already built (a parse error, or one combined with a second location).
    pub(crate) fn syn_error(&self, error: syn::Error) {
        self.push(error);
    }

    fn push(&self, error: syn::Error) {
        self.errors
            .borrow_mut()
            .as_mut()
            .expect("apierror-macros: an error was reported after the context was checked")
            .push(error);
    }

    /// Consumes the context: the errors collected, in the order they were reported (each is
    /// emitted as its own `compile_error!`, so the order of the messages is kept).
    pub(crate) fn check(self) -> Vec<syn::Error> {
        self.errors
            .borrow_mut()
            .take()
            .expect("apierror-macros: the context is checked once")
    }
}

impl Drop for Ctxt {
    fn drop(&mut self) {
        assert!(
            thread::panicking() || self.errors.borrow().is_none(),
            "apierror-macros: a Ctxt was dropped without checking its errors"
        );
    }
}

#[cfg(test)]
mod tests {
    use super::Ctxt;
    use proc_macro2::Span;

    #[test]
    fn check_returns_the_errors_in_order() {
        let cx = Ctxt::new();
        cx.error(Span::call_site(), "first");
        cx.spanned(quote::quote!(x), "second");
        let messages: Vec<String> = cx.check().iter().map(ToString::to_string).collect();
        assert_eq!(messages, ["first", "second"]);
    }

    #[test]
    #[should_panic(expected = "dropped without checking its errors")]
    fn dropping_unchecked_panics() {
        let cx = Ctxt::new();
        cx.error(Span::call_site(), "lost");
        drop(cx);
    }

    #[test]
    #[should_panic(expected = "dropped without checking its errors")]
    fn dropping_unchecked_panics_even_without_errors() {
        drop(Ctxt::new());
    }
}
