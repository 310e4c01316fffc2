//! gRPC with tonic: every derived error as a `tonic::Status` carrying the google.rpc details
//! the [`Google`](crate::envelope::Google) envelope writes over HTTP.
