//! A derived error as a `tonic::Status`, next to the same `Status` built by hand with
//! tonic-types, on the three cases of `tests/vectors/` (`rate_limited`: a retry delay;
//! `invalid_parameters`: two details; `internal`: a hidden 500) and a request with three
//! field violations:
//!
//! - `ours`: `tonic::Status::from(error)`, the derive's conversion: the code from the status,
//!   the public message, `ErrorInfo` (the details as strings), `RetryInfo`, `BadRequest`, the
//!   `grpc-retry-pushback-ms` metadata, under `catch_unwind`;
//! - `hand`: what a service writes without apierror: a `match` on the variant, `format!` for
//!   the message, a `HashMap` of the details' texts, `tonic_types::ErrorDetail`s and
//!   `StatusExt::with_error_details_vec_and_metadata`, the same bytes.
//!
//! Before benchmarking, `check` asserts both give the same code, message, details and metadata.
//!
//! Run with `cargo bench -p apierror --features tonic --bench grpc`.

#![allow(missing_docs)]

use std::collections::HashMap;

use apierror::Violation;
use divan::black_box;
use tonic::metadata::MetadataMap;
use tonic::{Code, Status};
use tonic_types::{BadRequest, ErrorDetail, ErrorInfo, FieldViolation, RetryInfo, StatusExt as _};

#[global_allocator]
static ALLOC: divan::AllocProfiler = divan::AllocProfiler::system();

fn main() {
    // For instruction counts: `GRPC_ONE=<case>` (a vector case, or `invalid_fields`) converts
    // that one case `GRPC_TIMES` times (default 1000) on the side `GRPC_SIDE` (`ours` or
    // `hand`) and nothing else, to be run under callgrind; a run with `GRPC_TIMES=0` is the
    // baseline to subtract.
    if let Ok(name) = std::env::var("GRPC_ONE") {
        let times: usize = std::env::var("GRPC_TIMES").map_or(1000, |n| n.parse().unwrap());
        let ours = std::env::var("GRPC_SIDE").is_ok_and(|side| side == "ours");
        for _ in 0..times {
            black_box(match (name.as_str(), ours) {
                ("invalid_fields", true) => Status::from(black_box(invalid_fields())),
                ("invalid_fields", false) => hand_fields(&black_box(invalid_fields())),
                (name, true) => Status::from(black_box(case(name))),
                (name, false) => hand(&black_box(case(name))),
            });
        }
        return;
    }
    check();
    divan::main();
}

// The reference error of `tests/vectors/ENVELOPES.md`, declared once for the tests, the
// examples and the benches (`canon!` expects it at the crate root).
#[path = "../examples/canon/mod.rs"]
mod canon;

canon::canon!(apierror::envelope::Google);

/// A request body that failed validation, field by field.
#[derive(Debug, thiserror::Error, apierror::ApiError)]
#[error("invalid fields")]
#[api(
    envelope = apierror::envelope::Google,
    domain = "api.example.com",
    status = 422,
    code = "INVALID_FIELDS",
    message = "The request has invalid fields"
)]
struct InvalidFields {
    #[api(violations)]
    violations: Vec<Violation>,
}

fn invalid_fields() -> InvalidFields {
    InvalidFields {
        violations: vec![
            Violation::field("user.email", "must be an address").with_code("EMAIL"),
            Violation::field("user.age", "must be at least 18"),
            Violation::field("items[2].quantity", "must be positive").with_code("RANGE"),
        ],
    }
}

/// The `Status` a service builds by hand for `Canon`.
fn hand(error: &Canon) -> Status {
    match error {
        Canon::RateLimited { wait } => {
            let mut metadata = MetadataMap::new();
            let millis = wait.as_millis() + u128::from(wait.subsec_nanos() % 1_000_000 > 0);
            metadata.insert(
                "grpc-retry-pushback-ms",
                u64::try_from(millis).unwrap_or(u64::MAX).into(),
            );
            Status::with_error_details_vec_and_metadata(
                Code::ResourceExhausted,
                "Rate limit exceeded. Please retry after the specified period.",
                [
                    ErrorDetail::ErrorInfo(ErrorInfo::new(
                        "RATE_LIMITED",
                        "api.example.com",
                        HashMap::new(),
                    )),
                    ErrorDetail::RetryInfo(RetryInfo::new(Some(*wait))),
                ],
                metadata,
            )
        }
        Canon::InvalidParameters { field, requirement } => Status::with_error_details_vec(
            Code::InvalidArgument,
            format!("The '{field}' field is required"),
            [ErrorDetail::ErrorInfo(ErrorInfo::new(
                "INVALID_PARAMETERS",
                "api.example.com",
                HashMap::from([
                    ("field".to_owned(), field.clone()),
                    ("requirement".to_owned(), requirement.clone()),
                ]),
            ))],
        ),
        Canon::Internal(_) => Status::with_error_details_vec(
            Code::Internal,
            "Internal Server Error",
            [ErrorDetail::ErrorInfo(ErrorInfo::new(
                "INTERNAL_ERROR",
                "api.example.com",
                HashMap::new(),
            ))],
        ),
    }
}

/// The `Status` a service builds by hand for `InvalidFields`.
fn hand_fields(error: &InvalidFields) -> Status {
    let violations: Vec<FieldViolation> = error
        .violations
        .iter()
        .map(|violation| {
            let mut field = FieldViolation::new(violation.path(), violation.message());
            if let Some(code) = violation.code() {
                code.clone_into(&mut field.reason);
            }
            field
        })
        .collect();
    Status::with_error_details_vec(
        Code::InvalidArgument,
        "The request has invalid fields",
        [
            ErrorDetail::ErrorInfo(ErrorInfo::new(
                "INVALID_FIELDS",
                "api.example.com",
                HashMap::new(),
            )),
            ErrorDetail::BadRequest(BadRequest::new(violations)),
        ],
    )
}

/// Both sides give the same status: code, message, every detail and the metadata.
fn check() {
    fn same(ours: &Status, hand: &Status, name: &str) {
        assert_eq!(ours.code(), hand.code(), "{name}");
        assert_eq!(ours.message(), hand.message(), "{name}");
        // The details as decoded, `ErrorInfo.metadata` (a map, whose order varies) sorted.
        let decoded = |status: &Status| {
            let mut details = status.get_error_details_vec();
            for detail in &mut details {
                if let ErrorDetail::ErrorInfo(info) = detail {
                    let sorted: std::collections::BTreeMap<_, _> = info.metadata.drain().collect();
                    return (format!("{sorted:?}"), format!("{details:?}"));
                }
            }
            (String::new(), format!("{details:?}"))
        };
        assert_eq!(decoded(ours), decoded(hand), "{name}");
        assert_eq!(
            ours.metadata().clone().into_headers(),
            hand.metadata().clone().into_headers(),
            "{name}"
        );
    }
    for name in canon::CASES {
        same(&Status::from(case(name)), &hand(&case(name)), name);
    }
    same(
        &Status::from(invalid_fields()),
        &hand_fields(&invalid_fields()),
        "invalid_fields",
    );
}

#[divan::bench(args = canon::CASES)]
fn ours(bencher: divan::Bencher, name: &str) {
    bencher
        .with_inputs(|| case(name))
        .bench_local_values(|error| Status::from(black_box(error)));
}

#[divan::bench(args = canon::CASES)]
fn by_hand(bencher: divan::Bencher, name: &str) {
    bencher
        .with_inputs(|| case(name))
        .bench_local_values(|error| hand(&black_box(error)));
}

#[divan::bench]
fn ours_violations(bencher: divan::Bencher) {
    bencher
        .with_inputs(invalid_fields)
        .bench_local_values(|error| Status::from(black_box(error)));
}

#[divan::bench]
fn by_hand_violations(bencher: divan::Bencher) {
    bencher
        .with_inputs(invalid_fields)
        .bench_local_values(|error| hand_fields(&black_box(error)));
}
