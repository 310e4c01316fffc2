//! gRPC through real tonic servers and clients on loopback: the server side (`server`: a
//! derived error as the `Status` a peer reads, the same model as the `Google` envelope's JSON)
//! and the client side (`client`: `ErrorResponse::from_grpc`, typed decoding, the retry
//! policy). What both use is here: messages as raw bytes (no protobuf schema, no protoc) and a
//! server on 127.0.0.1:0.

use std::future::Future;
use std::pin::Pin;

use bytes::{Buf as _, BufMut as _};
use tonic::codec::{Codec, DecodeBuf, Decoder, EncodeBuf, Encoder};
use tonic::transport::{Channel, Endpoint, Server};
use tonic::Status;

mod client;
mod server;

/// A future as tonic's generated code boxes it.
pub type BoxFuture<T> = Pin<Box<dyn Future<Output = T> + Send>>;

/// Messages as raw bytes: `Vec<u8>` in and out. A request message starting with 0xFF does not
/// decode, as a malformed protobuf message would not.
#[derive(Clone, Copy, Debug, Default)]
pub struct Raw;

impl Codec for Raw {
    type Encode = Vec<u8>;
    type Decode = Vec<u8>;
    type Encoder = Raw;
    type Decoder = Raw;

    fn encoder(&mut self) -> Raw {
        Raw
    }

    fn decoder(&mut self) -> Raw {
        Raw
    }
}

impl Encoder for Raw {
    type Item = Vec<u8>;
    type Error = Status;

    fn encode(&mut self, item: Vec<u8>, dst: &mut EncodeBuf<'_>) -> Result<(), Status> {
        dst.put_slice(&item);
        Ok(())
    }
}

impl Decoder for Raw {
    type Item = Vec<u8>;
    type Error = Status;

    fn decode(&mut self, src: &mut DecodeBuf<'_>) -> Result<Option<Vec<u8>>, Status> {
        let message = src.copy_to_bytes(src.remaining());
        if message.first() == Some(&0xFF) {
            return Err(Status::invalid_argument("the message does not decode"));
        }
        Ok(Some(message.to_vec()))
    }
}

/// A tonic server of `service` on 127.0.0.1:0, behind `layer` when given, and a channel to it.
pub async fn serve<S>(service: S, layer: Option<apierror::tonic::ErrorContextLayer>) -> Channel
where
    S: tower::Service<
            http::Request<tonic::body::Body>,
            Response = http::Response<tonic::body::Body>,
            Error = std::convert::Infallible,
        > + tonic::server::NamedService
        + Clone
        + Send
        + Sync
        + 'static,
    S::Future: Send + 'static,
{
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let incoming = tonic::transport::server::TcpIncoming::from(listener);
    tokio::spawn(
        Server::builder()
            .layer(tower::util::option_layer(layer))
            .add_service(service)
            .serve_with_incoming(incoming),
    );
    Endpoint::from_shared(format!("http://{addr}"))
        .unwrap()
        .connect()
        .await
        .unwrap()
}
