//! [`LogLevel`]: how loud the log line of an error response is (feature `tracing`), set per
//! code (`#[api(log = "warn")]` on a variant, [`Descriptor::log`](crate::Descriptor::log)) or
//! per type (on the container, [`Api::log`](crate::Api::log)).
//!
//! It is plain data, defined whether or not `tracing` is enabled, so that the derive's output
//! and the [`Descriptor`](crate::Descriptor) constants are the same in every build.

/// The level of an error response's log line, `tracing`'s five levels and [`Off`](Self::Off).
///
/// Without a setting, a 5xx is logged at [`Error`](Self::Error) and any other status at
/// [`Debug`](Self::Debug). A variant's `#[api(log = "...")]` wins over the container's, which
/// wins over that default. A response that failed to render (the plain 500) is always logged
/// at [`Error`](Self::Error): it is a bug, whatever its variant says.
///
/// ```
/// use apierror::{ApiError, LogLevel};
///
/// #[derive(Debug, thiserror::Error, ApiError)]
/// #[api(log = "info")] // every variant without its own `log`
/// enum AppError {
///     #[error("no such user")]
///     #[api(status = 404)] // info, the type's level
///     UserNotFound,
///     #[error("upstream down")]
///     #[api(status = 503, log = "warn")] // expected during deploys: not an error
///     Upstream,
/// }
///
/// assert_eq!(AppError::API.log, Some(LogLevel::Info));
/// assert_eq!(AppError::Upstream.descriptor().log, Some(LogLevel::Warn));
/// assert_eq!(AppError::UserNotFound.descriptor().log, None);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum LogLevel {
    /// No log line: for a code another layer logs already, or whose volume is no news (a
    /// 503 while shedding load). The response is unchanged.
    Off,
    /// `tracing::Level::ERROR`, the default of a 5xx.
    Error,
    /// `tracing::Level::WARN`.
    Warn,
    /// `tracing::Level::INFO`.
    Info,
    /// `tracing::Level::DEBUG`, the default of a 4xx.
    Debug,
    /// `tracing::Level::TRACE`.
    Trace,
}

impl LogLevel {
    /// The level of a response with `status` when neither the variant nor the type sets one:
    /// [`Error`](Self::Error) for a 5xx, [`Debug`](Self::Debug) otherwise.
    ///
    /// ```
    /// use apierror::{LogLevel, StatusCode};
    ///
    /// assert_eq!(LogLevel::default_for(StatusCode::BAD_GATEWAY), LogLevel::Error);
    /// assert_eq!(LogLevel::default_for(StatusCode::NOT_FOUND), LogLevel::Debug);
    /// ```
    #[must_use]
    pub fn default_for(status: http::StatusCode) -> LogLevel {
        if status.is_server_error() {
            LogLevel::Error
        } else {
            LogLevel::Debug
        }
    }

    /// The name written in `#[api(log = "...")]`: `"off"`, `"error"`, `"warn"`, `"info"`,
    /// `"debug"` or `"trace"`.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            LogLevel::Off => "off",
            LogLevel::Error => "error",
            LogLevel::Warn => "warn",
            LogLevel::Info => "info",
            LogLevel::Debug => "debug",
            LogLevel::Trace => "trace",
        }
    }
}

impl core::fmt::Display for LogLevel {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.as_str())
    }
}
