//! The log line of every error response the glue renders (feature `tracing`): what the client
//! got, why, and the error's chain, which the client never sees.
//!
//! The fields and the levels are documented for users in the `context` module ("Logging"):
//! one event, the same fields at every level, named after OpenTelemetry's conventions.
//!
//! Formatting the log calls user code again (the error's `Display`, its sources'), so it is
//! done defensively: a `Display` that fails or panics is named in the line instead of losing
//! it, and the line always has the status, code and request id the client got.

use core::fmt::Write as _;
use std::panic::{self, AssertUnwindSafe};

use crate::api_error::{Api, ErasedError};
use crate::error_type::ErrorType;
use crate::level::LogLevel;
use crate::render::RenderFailure;

/// Logs one rendered error response, which was `error_type`, for `error` of a type whose
/// [`Api`] is `api`: at the level the variant, the type or the status says, with the error's
/// source chain for a 5xx (and, when the error's own response failed, the cause and the code
/// it would have had).
pub(crate) fn log(
    error_type: ErrorType,
    error: &dyn ErasedError,
    api: &Api,
    request_id: Option<&str>,
    source: Option<&dyn std::error::Error>,
    failure: Option<&RenderFailure>,
) {
    let status = error_type.status();
    let level = if failure.is_some() {
        LogLevel::Error
    } else {
        guarded(|| error.descriptor().log)
            .flatten()
            .or(api.log)
            .unwrap_or_else(|| LogLevel::default_for(status))
    };
    if level == LogLevel::Off {
        return;
    }
    let chain = source.filter(|_| status.is_server_error()).map(|source| {
        guarded(|| chain(source)).unwrap_or_else(|| "<the error's Display panicked>".to_owned())
    });
    // Left out when the code itself panicked (then it is the failure).
    let failed_code = failure.and_then(|_| guarded(|| error.code()));
    // `tracing`'s levels are constants of its macros: one call per level, the same fields.
    macro_rules! event {
        ($level:expr) => {
            tracing::event!(
                $level,
                "error.type" = error_type.code(),
                "http.response.status_code" = status.as_u16(),
                request_id = request_id.map(tracing::field::display),
                "exception.message" = chain.as_deref().map(tracing::field::display),
                "apierror.render_failure" = failure.map(tracing::field::display),
                "apierror.failed_error_type" = failed_code,
                "error response"
            )
        };
    }
    match level {
        LogLevel::Off => {}
        LogLevel::Error => event!(tracing::Level::ERROR),
        LogLevel::Warn => event!(tracing::Level::WARN),
        LogLevel::Info => event!(tracing::Level::INFO),
        LogLevel::Debug => event!(tracing::Level::DEBUG),
        LogLevel::Trace => event!(tracing::Level::TRACE),
    }
}

/// Runs user code, `None` if it panics.
fn guarded<R>(f: impl FnOnce() -> R) -> Option<R> {
    panic::catch_unwind(AssertUnwindSafe(f)).ok()
}

/// An error and its sources, `": "`-separated (`db failed: connection refused`), leaving out a
/// source whose text the chain already holds: `#[error("db failed: {0}")]` with `#[from]`
/// already shows its source, which is not repeated. A layer whose `Display` fails or panics is
/// named in its place; the layers around it are kept.
fn chain(error: &dyn std::error::Error) -> String {
    let mut out = String::new();
    let mut next = Some(error);
    while let Some(error) = next {
        let mut text = String::new();
        match guarded(|| write!(text, "{error}")) {
            Some(Ok(())) => {}
            Some(Err(_)) => "<the error's Display failed>".clone_into(&mut text),
            None => "<the error's Display panicked>".clone_into(&mut text),
        }
        if !out.contains(text.as_str()) {
            if !out.is_empty() {
                out.push_str(": ");
            }
            out.push_str(&text);
        }
        next = error.source();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use core::fmt;

    #[derive(Debug)]
    struct Layer(&'static str, Option<Box<Layer>>);

    impl fmt::Display for Layer {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            if self.0 == "fails" {
                return Err(fmt::Error);
            }
            assert!(self.0 != "panics", "a Display that panics");
            f.write_str(self.0)
        }
    }

    impl std::error::Error for Layer {
        fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
            self.1.as_deref().map(|l| l as _)
        }
    }

    fn layers(texts: &[&'static str]) -> Layer {
        let mut layer = None;
        for text in texts.iter().rev() {
            layer = Some(Layer(text, layer.map(Box::new)));
        }
        layer.unwrap()
    }

    #[test]
    fn chains_name_each_source_once() {
        assert_eq!(
            chain(&layers(&["db failed", "refused"])),
            "db failed: refused"
        );
        // The message already holds its source (thiserror's `{0}` with `#[from]`).
        assert_eq!(
            chain(&layers(&["db failed: refused", "refused", "os error 111"])),
            "db failed: refused: os error 111"
        );
        assert_eq!(chain(&layers(&["a", ""])), "a");
    }

    #[test]
    fn a_failing_or_panicking_display_is_named_in_its_place() {
        assert_eq!(
            chain(&layers(&["outer", "fails", "inner"])),
            "outer: <the error's Display failed>: inner"
        );
        assert_eq!(
            chain(&layers(&["outer", "panics", "inner"])),
            "outer: <the error's Display panicked>: inner"
        );
    }
}
