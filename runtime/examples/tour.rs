//! A tour of `apierror`: one error enum, rendered in every envelope.
//!
//! Run with `cargo run -p apierror --example tour`.

use std::time::Duration;

use apierror::envelope::{
    DataErrorMeta, Envelope, ErrorCode, ErrorFlag, ErrorMessage, ErrorObject, Google, JsonApi,
    OData, Problem, RequestInfo,
};
use apierror::ApiError;

/// The errors of a small API. `#[error]` (thiserror) is the Display text for logs; `#[api]`
/// says what the client sees.
#[derive(Debug, thiserror::Error, ApiError)]
#[api(domain = "api.example.com", version = "1.0.0")]
enum AppError {
    /// The caller sent too many requests.
    #[error("rate limited for {wait:?}")]
    #[api(
        status = 429,
        code = "RATE_LIMITED",
        message = "Rate limit exceeded. Please retry after the specified period."
    )]
    RateLimited {
        #[api(retry_after)]
        wait: Duration,
    },

    /// A required field is missing.
    #[error("missing field {field}")]
    #[api(status = 400, message = "The '{field}' field is required")]
    InvalidParameters {
        #[api(detail)]
        field: String,
        #[api(detail)]
        requirement: String,
    },

    /// Something broke inside; the client only sees "Internal Server Error".
    #[error("database failure: {0}")]
    #[api(status = 500, code = "INTERNAL_ERROR")]
    Internal(std::io::Error),
}

fn show<E: Envelope>(name: &str, error: &AppError) {
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
    let errors = [
        AppError::RateLimited {
            wait: Duration::from_secs(5),
        },
        AppError::InvalidParameters {
            field: "role_id".into(),
            requirement: "required".into(),
        },
        AppError::Internal(std::io::Error::other("db password=hunter2")),
    ];
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
