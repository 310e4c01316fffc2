//! A tour of `apierror`: one error enum, rendered in every envelope.
//!
//! Run with `cargo run -p apierror --example tour`.

use apierror::envelope::{
    DataErrorMeta, Envelope, ErrorCode, ErrorFlag, ErrorMessage, ErrorObject, Google, JsonApi,
    OData, Problem, RequestInfo,
};
use apierror::ApiError;

// The errors of a small API: the reference error of `tests/vectors/ENVELOPES.md`, declared
// once for the examples, the benches and the tests. `#[error]` (thiserror) is the Display text
// for logs; `#[api]` says what the client sees.
#[path = "canon/mod.rs"]
mod canon;

// `Canon` (rate limited, invalid parameters, internal), in the derive's default envelope:
// each `show` below names the envelope it renders.
canon::canon!(ErrorObject);

fn show<E: Envelope>(name: &str, error: &Canon) {
    let response = apierror::render::<E>(error, &RequestInfo::new());
    let mut headers: Vec<String> = response
        .headers()
        .iter()
        .map(|(k, v)| format!("{k}: {}", v.to_str().unwrap_or("<binary>")))
        .collect();
    headers.sort();
    println!(
        "  {name:<14} {} [{}]\n  {:<14} {}",
        response.status(),
        headers.join(", "),
        "",
        String::from_utf8_lossy(response.body())
    );
}

fn main() {
    let errors: Vec<Canon> = canon::CASES.iter().copied().map(case).collect();
    for error in &errors {
        println!(
            "{error:?}\n  status {}, code {}, retryable {}, message {:?}",
            error.status(),
            error.code(),
            error.retryable(),
            apierror::message(error),
        );
        show::<ErrorObject>("ErrorObject", error);
        show::<ErrorFlag>("ErrorFlag", error);
        show::<ErrorMessage>("ErrorMessage", error);
        show::<ErrorCode>("ErrorCode", error);
        show::<DataErrorMeta>("DataErrorMeta", error);
        show::<Problem>("Problem", error);
        show::<JsonApi>("JsonApi", error);
        show::<Google>("Google", error);
        show::<OData>("OData", error);
        println!();
    }
    println!("The secret in the 500's source (\"hunter2\") appears above only in the Debug line,");
    println!("which is what a server logs; no body or header carries it.");
}
