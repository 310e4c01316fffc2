//! A status tonic made itself (an unknown method, a message that does not decode, a timeout)
//! as an [`ApiError`], so that [`ErrorContextLayer::all_errors_as`](super::ErrorContextLayer::all_errors_as)
//! answers it with the details every other error has.

use core::fmt;

use ::tonic::Code;
use http::StatusCode;

use crate::api_error::{ApiError, Descriptor};
use crate::writer::Message;

/// A status tonic answered by itself: its code kept, its code's name as the machine code
/// (`ErrorInfo.reason`: `UNIMPLEMENTED`, `DEADLINE_EXCEEDED`…), and tonic's message for a code
/// that HTTP would answer with a 4xx (it describes the client's own call, such as the message
/// that did not decode) but the reason phrase for a 5xx one, which may describe the server.
pub(crate) struct Made {
    code: Code,
    message: String,
}

impl Made {
    /// The status `code` (not `OK`) with tonic's `message`.
    pub(crate) fn new(code: Code, message: &str) -> Self {
        Made {
            code,
            message: message.to_owned(),
        }
    }
}

impl ApiError for Made {
    fn status(&self) -> StatusCode {
        crate::grpc_code::http_status(self.code)
    }

    fn code(&self) -> &'static str {
        crate::grpc_code::name(self.code)
    }

    fn message(&self, out: &mut Message<'_>) -> fmt::Result {
        let status = self.status();
        if status.is_client_error() && !self.message.is_empty() {
            out.write_str(&self.message)
        } else {
            out.write_reason(status)
        }
    }

    fn descriptor(&self) -> &'static Descriptor {
        // The code's own name: the HTTP status alone would map DATA_LOSS and UNKNOWN to
        // INTERNAL, ABORTED to ALREADY_EXISTS, OUT_OF_RANGE to INVALID_ARGUMENT.
        &DESCRIPTORS[crate::grpc_code::index(self.code)]
    }
}

/// One descriptor per code, naming it.
static DESCRIPTORS: [Descriptor; 17] = {
    let mut all = [Descriptor::new(); 17];
    let mut i = 0;
    while i < 17 {
        all[i] = Descriptor::new().with_grpc(crate::grpc_code::NAMES[i]);
        i += 1;
    }
    all
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn four_xx_codes_keep_tonics_message_and_five_xx_ones_do_not() {
        let made = Made::new(Code::InvalidArgument, "failed to decode Protobuf message");
        assert_eq!(made.status(), 400);
        assert_eq!(
            crate::message(&made).to_string(),
            "failed to decode Protobuf message"
        );
        assert_eq!(made.code(), "INVALID_ARGUMENT");

        let made = Made::new(Code::Internal, "h2 protocol error: connection reset");
        assert_eq!(made.status(), 500);
        assert_eq!(crate::message(&made).to_string(), "Internal Server Error");

        let made = Made::new(Code::Unimplemented, "");
        assert_eq!(made.status(), 501);
        assert_eq!(made.descriptor().grpc, Some("UNIMPLEMENTED"));

        let made = Made::new(Code::NotFound, "");
        assert_eq!(crate::message(&made).to_string(), "Not Found");
    }
}
