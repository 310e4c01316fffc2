//! What `#[derive(ApiError)]` does, one test per rule of the attribute reference (the derive's docs) and `tests/vectors/ENVELOPES.md`.
//!
//! Every expected body below is written by hand from `tests/vectors/ENVELOPES.md`'s rules (compact JSON,
//! members in the documented order, `null` members left out), never copied from output.

use std::collections::BTreeMap;
use std::time::Duration;

use apierror::envelope::{
    DataErrorMeta, Envelope, ErrorCode, ErrorFlag, ErrorMessage, ErrorObject, ErrorView,
    JsonWriter, RequestInfo,
};
use apierror::{ApiError, StatusCode, WriteError};
use serde::Serialize;

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

/// The public message, as `apierror::message` displays it.
fn message(error: &impl ApiError) -> String {
    apierror::message(error).to_string()
}

/// The body rendered in envelope `E` without a request context, as text.
fn body<E: Envelope>(error: &impl ApiError) -> String {
    let rendered = apierror::render::<E>(error, &RequestInfo::default());
    String::from_utf8(rendered.into_body()).expect("bodies are UTF-8")
}

/// Status, every header (sorted, as `(name, value)` text) and body of a rendering.
fn rendered<E: Envelope>(error: &impl ApiError) -> (u16, Vec<(String, String)>, String) {
    let rendered = apierror::render::<E>(error, &RequestInfo::default());
    (
        rendered.status().as_u16(),
        headers(rendered.headers()),
        String::from_utf8(rendered.into_body()).expect("bodies are UTF-8"),
    )
}

fn headers(map: &http::HeaderMap) -> Vec<(String, String)> {
    let mut list: Vec<(String, String)> = map
        .iter()
        .map(|(name, value)| {
            (
                name.as_str().to_owned(),
                value.to_str().expect("ASCII header").to_owned(),
            )
        })
        .collect();
    list.sort();
    list
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut list: Vec<(String, String)> = list
        .iter()
        .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
        .collect();
    list.sort();
    list
}

// ---------------------------------------------------------------------------------------------
// Message templates
// ---------------------------------------------------------------------------------------------

#[derive(Debug, ApiError)]
enum Templates {
    #[api(status = 404, message = "user {id} not found")]
    Named { id: u64 },
    #[api(status = 409, message = "name {name:?} is taken")]
    Debugged { name: String },
    #[api(status = 400, message = "{1} of {0}")]
    Tuple(u32, &'static str),
    #[api(status = 400, message = "use {{}} or {{name}}, not {n}}}")]
    Braces { n: u8 },
    #[api(
        status = 400,
        message = "[{n:>5}] [{n:<4}] [{n:05}] [{x:.2}] [{n:#x}] [{s:^7}] [{s:?}]"
    )]
    Specs { n: u32, x: f64, s: &'static str },
    #[api(status = 400, message = "{n} and {n} again")]
    Repeated { n: u8 },
    #[api(status = 500, message = "template on a 5xx: {0}")]
    ServerTemplate(u16),
}
// ---------------------------------------------------------------------------------------------
// retry_after
// ---------------------------------------------------------------------------------------------

#[derive(Debug, ApiError)]
enum Delays {
    #[api(status = 503, message = "m", retry_after = 60)]
    Constant,
    #[api(status = 429, message = "m")]
    Seconds {
        #[api(retry_after)]
        secs: u64,
    },
    #[api(status = 429, message = "m")]
    Precise {
        #[api(retry_after)]
        wait: Duration,
    },
    #[api(status = 429, message = "m")]
    Maybe {
        #[api(retry_after)]
        wait: Option<Duration>,
    },
    #[api(status = 503, message = "m")]
    TupleDelay(#[api(retry_after)] Duration),
    #[api(status = 429, message = "m")]
    NoDelay,
}
// ---------------------------------------------------------------------------------------------
// Details
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Serialize)]
struct Limits {
    max: u32,
    window: &'static str,
    nested: Inner,
}

#[derive(Debug, Serialize)]
struct Inner {
    flag: bool,
}

#[derive(Debug, ApiError)]
enum WithDetails {
    #[api(status = 422, code = "INVALID", message = "invalid {field}")]
    Invalid {
        #[api(detail)]
        field: String,
        #[api(detail = "reason")]
        requirement: String,
        #[api(detail)]
        limits: Limits,
        #[api(detail)]
        allowed: Vec<u8>,
        #[api(detail)]
        hint: Option<String>,
        #[allow(dead_code)]
        not_a_detail: u32,
    },
    #[api(status = 400, message = "order")]
    Order {
        #[api(detail)]
        zulu: u8,
        #[api(detail)]
        alpha: u8,
        #[api(detail)]
        mike: u8,
    },
    #[api(status = 400, message = "tuple")]
    TupleDetail(
        #[api(detail = "value")] u32,
        #[api(detail = "label")] &'static str,
    ),
    #[api(status = 429, message = "later")]
    DetailAndDelay {
        #[api(detail)]
        bucket: &'static str,
        #[api(retry_after)]
        wait: u64,
    },
    #[api(status = 400, message = "none")]
    NoDetails,
}
// ---------------------------------------------------------------------------------------------
// ErrorView failures
// ---------------------------------------------------------------------------------------------

#[derive(Debug)]
struct Failing;

impl Serialize for Failing {
    fn serialize<S: serde::Serializer>(&self, _: S) -> Result<S::Ok, S::Error> {
        Err(serde::ser::Error::custom("refuses to serialize"))
    }
}

#[derive(Debug, ApiError)]
enum Broken {
    #[api(status = 429, message = "m", retry_after = 5)]
    BadMap {
        #[api(detail)]
        map: BTreeMap<(u8, u8), u8>,
    },
    #[api(status = 400, message = "m")]
    BadImpl {
        #[api(detail)]
        ok: u8,
        #[api(detail)]
        value: Failing,
    },
}

mod codes_and_status;
mod details;
mod domain_version;
mod edges;
mod headers;
mod messages;
mod retry;
mod transparent;
mod user_envelope;
mod view_failures;

use edges::api;
