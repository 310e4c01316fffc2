//! The client side: any error response decoded back (whatever envelope the server speaks,
//! apierror's or not), into the untyped [`ErrorResponse`] and, for a derived type, into the
//! type itself ([`Decode`]); and a [`RetryPolicy`] that retries the way the seed documents say.
//! With the `tonic` feature, gRPC's statuses too (the `grpc` module).

mod budget;
mod challenge;
mod detect;
mod headers;
mod interpret;
mod kept;
mod options;
mod policy;
mod read;
mod response;
mod retry_after;
pub(crate) mod typed;
mod violations;

#[cfg(test)]
mod tests;

// The derive's `Decode` macro; without the feature the crate root declares the same file.
mod glue;

#[cfg(feature = "tonic")]
#[cfg_attr(docsrs, doc(cfg(feature = "tonic")))]
pub mod grpc;
#[cfg(feature = "reqwest")]
#[cfg_attr(docsrs, doc(cfg(feature = "reqwest")))]
pub mod reqwest;
#[cfg(feature = "tower")]
#[cfg_attr(docsrs, doc(cfg(feature = "tower")))]
pub mod tower;

pub use budget::RetryBudget;
pub use detect::Format;
pub use options::ParseOptions;
pub use policy::{Attempt, Decision, Jitter, RetryPolicy};
pub use response::ErrorResponse;
pub use retry_after::parse_retry_after;

/// An error type that can be rebuilt from an [`ErrorResponse`]: the derive implements it with
/// the `client` feature.
///
/// A variant decodes when every field it has is on the wire: its `detail` fields (rebuilt with
/// serde, so their types must implement `Deserialize`), its `retry_after`, `rate_limit` and
/// `violations` fields. A variant with any other field (a `#[source]`, a field that is not a
/// detail), a detail whose type is not `Deserialize`, a `transparent` variant whose inner type
/// does not decode, and any code the type does not know, decode to `None`: the caller keeps
/// the untyped response, so a new code on the server never breaks an old client.
pub trait Decode: Sized {
    /// The error `response` is, when this type knows its code and can rebuild the variant.
    fn decode(response: &ErrorResponse) -> Option<Self>;
}

/// Why a request ended without a success: the server's error, typed when `E` knows it, or no
/// answer at all.
#[derive(Debug)]
#[non_exhaustive]
pub enum ClientError<E> {
    /// An error response `E` decodes, with the response it came from.
    Api {
        /// The error, rebuilt.
        error: E,
        /// The response, its body kept.
        response: ErrorResponse,
    },
    /// An error response `E` does not decode (an unknown code, a proxy's page, another
    /// format): kept whole.
    Response(ErrorResponse),
    /// No response: the connection failed, or the request timed out.
    Transport(Box<dyn std::error::Error + Send + Sync>),
}

impl<E: Decode> ClientError<E> {
    /// The typed error when `E` decodes `response`, else the response itself.
    #[must_use]
    pub fn from_response(response: ErrorResponse) -> Self {
        match E::decode(&response) {
            Some(error) => ClientError::Api { error, response },
            None => ClientError::Response(response),
        }
    }
}

impl<E> ClientError<E> {
    /// The error response, when there was one.
    #[must_use]
    pub fn response(&self) -> Option<&ErrorResponse> {
        match self {
            ClientError::Api { response, .. } | ClientError::Response(response) => Some(response),
            ClientError::Transport(_) => None,
        }
    }
}

impl<E: core::fmt::Display> core::fmt::Display for ClientError<E> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            ClientError::Api { error, response } => {
                write!(f, "{} {error}", response.status())
            }
            ClientError::Response(response) => {
                write!(f, "{}", response.status())?;
                if let Some(code) = response.code() {
                    write!(f, " {code}")?;
                }
                if let Some(message) = response.message() {
                    write!(f, ": {message}")?;
                }
                Ok(())
            }
            ClientError::Transport(error) => write!(f, "no response: {error}"),
        }
    }
}

impl<E: core::fmt::Debug + core::fmt::Display> std::error::Error for ClientError<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ClientError::Transport(error) => Some(&**error),
            _ => None,
        }
    }
}
