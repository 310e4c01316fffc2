//! [`Encoding`]: a derived error's `server_fn` codec, its body the envelope's, decoded with the
//! derived `client::Decode`.

use core::convert::Infallible;
use core::marker::PhantomData;

use ::server_fn::{Bytes, ContentType, Decodes, Encodes, Format, FormatType};
use http::{HeaderMap, StatusCode};

use super::glue::CarriesFailure;
use super::Failure;
use crate::api_error::ApiError;
use crate::client::{Decode, ErrorResponse};
use crate::envelope::Envelope;
use crate::render::UsesEnvelope;

/// The `Encoder` of a derived type's `FromServerFnError`: the error is written as the type
/// renders it on axum (its envelope, its `Accept` negotiation and request context when there is
/// one, the plain 500 if user code fails or panics) and read back with its derived
/// [`Decode`](crate::client::Decode).
///
/// - `encode` never fails: the rendering answers every failure itself, so `server_fn`'s fallback
///   (`Serialization`, then a panic if that fails too) is never reached.
/// - `decode` never fails either: a body with a code the type does not know, a variant it cannot
///   rebuild, or bytes that are no envelope at all, come back as [`Failure::Response`] in the
///   `#[api(server_fn)]` variant, so a new code on the server never breaks an old client.
/// - The content type is the envelope's own ([`Envelope::CONTENT_TYPE`]): `server_fn` sets it on
///   the response, and a client reading the body as any other API's finds it there.
/// - The format is text: every envelope writes JSON, which is UTF-8.
pub struct Encoding<T>(PhantomData<fn() -> T>);

impl<T: UsesEnvelope> ContentType for Encoding<T> {
    const CONTENT_TYPE: &'static str = <T::Envelope as Envelope>::CONTENT_TYPE;
}

impl<T> FormatType for Encoding<T> {
    const FORMAT_TYPE: Format = Format::Text;
}

impl<T: UsesEnvelope + ApiError> Encodes<T> for Encoding<T> {
    type Error = Infallible;

    fn encode(error: &T) -> Result<Bytes, Infallible> {
        Ok(ser(error))
    }
}

impl<T: Decode + CarriesFailure> Decodes<T> for Encoding<T> {
    type Error = Infallible;

    fn decode(bytes: Bytes) -> Result<T, Infallible> {
        Ok(de(&bytes))
    }
}

/// The body `error` answers with; its status and headers are kept for
/// [`ErrorStatusLayer`](super::ErrorStatusLayer) when it is around the request.
fn ser<T: UsesEnvelope + ApiError>(error: &T) -> Bytes {
    let (parts, body) = render(error).into_parts();
    #[cfg(feature = "axum")]
    super::layer::record(parts);
    #[cfg(not(feature = "axum"))]
    let _ = parts;
    Bytes::from(body)
}

/// The error `body` is, as `T`: typed when `T` decodes it, else the untyped response in its
/// `#[api(server_fn)]` variant.
pub(crate) fn de<T: Decode + CarriesFailure>(body: &[u8]) -> T {
    // server_fn hands the decoder the body alone: no status, no headers.
    let response = ErrorResponse::parse(StatusCode::INTERNAL_SERVER_ERROR, &HeaderMap::new(), body);
    T::decode(&response).unwrap_or_else(|| T::from_failure(Failure::from(response)))
}

/// `error`'s response as the derived `IntoResponse` renders it: in the request's context,
/// negotiated, logged, its `ErrorType` in the extensions.
#[cfg(feature = "axum")]
fn render<T: UsesEnvelope + ApiError>(error: &T) -> http::Response<Vec<u8>> {
    crate::respond::respond_derived::<Recorded, T>(error)
}

/// `error`'s response in its envelope, outside any request (no framework feature to give one).
#[cfg(not(feature = "axum"))]
fn render<T: UsesEnvelope + ApiError>(error: &T) -> http::Response<Vec<u8>> {
    crate::render::render_response(
        error,
        crate::render::api_of::<T>(),
        crate::envelope::RequestInfo::new(),
        &crate::render::ErasedEnvelope::of::<T::Envelope>(),
    )
}

/// A response kept as plain parts and bytes, for the glue shared with the frameworks.
#[cfg(feature = "axum")]
struct Recorded;

#[cfg(feature = "axum")]
impl crate::respond::Framework for Recorded {
    type Response = http::Response<Vec<u8>>;

    fn render(
        error: &dyn crate::api_error::ErasedError,
        api: &crate::Api,
        request: crate::envelope::RequestInfo<'_>,
        envelope: &crate::render::ErasedEnvelope,
    ) -> (Self::Response, Option<crate::render::RenderFailure>) {
        let (mut parts, ()) = http::Response::new(()).into_parts();
        let rendered =
            crate::render::render_into(error, api, request, envelope, &mut parts.headers);
        parts.status = rendered.status;
        (
            http::Response::from_parts(parts, rendered.body),
            rendered.failure,
        )
    }

    fn vary_accept(response: &mut Self::Response) {
        response
            .headers_mut()
            .append(http::header::VARY, http::HeaderValue::from_static("Accept"));
    }

    fn status(response: &Self::Response) -> StatusCode {
        response.status()
    }

    fn insert(response: &mut Self::Response, error_type: crate::ErrorType) {
        response.extensions_mut().insert(error_type);
    }
}
