//! `ErrorResponse::parse` on everything a client meets: every vector of `tests/vectors/`, the
//! seed documents' bodies and the published examples of RFC 9457, AIP-193, JSON:API and the
//! Microsoft REST API guidelines (`client_examples/`, each with its source), what proxies and
//! broken servers send (HTML, nothing, half a body, another shape, 10 MB), and every way of
//! saying how long to wait. Never a panic, the status kept, no code made up.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

use apierror::client::{parse_retry_after, ErrorResponse, Format};
use apierror::envelope::{self, Envelope, RequestInfo};
use apierror::{ApiError, Details, RateLimit, RateLimitHeaders, StatusCode, Violation, WriteError};
use http::header::{HeaderMap, HeaderName, HeaderValue};
use serde_json::Value;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

fn header_map(pairs: &serde_json::Map<String, Value>) -> HeaderMap {
    let mut map = HeaderMap::new();
    for (name, value) in pairs {
        map.append(
            HeaderName::from_bytes(name.as_bytes()).unwrap(),
            HeaderValue::from_str(value.as_str().unwrap()).unwrap(),
        );
    }
    map
}

fn headers(pairs: &[(&str, &str)]) -> HeaderMap {
    let mut map = HeaderMap::new();
    for (name, value) in pairs {
        map.append(
            HeaderName::from_bytes(name.as_bytes()).unwrap(),
            HeaderValue::from_str(value).unwrap(),
        );
    }
    map
}

fn status(value: &Value) -> StatusCode {
    StatusCode::from_u16(u16::try_from(value.as_u64().unwrap()).unwrap()).unwrap()
}

fn format_name(format: Format) -> String {
    format!("{format:?}")
}

/// One case of a vector file, its placeholders filled in.
struct Vector {
    envelope: String,
    case: String,
    status: StatusCode,
    headers: HeaderMap,
    body: String,
}

const UUID: &str = "0f8c3e9a-4b7d-4c21-9e55-7a1d2b3c4d5e";

fn vectors() -> Vec<Vector> {
    let mut out = Vec::new();
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("vectors"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    files.sort();
    for path in files {
        let file: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let envelope = file["envelope"].as_str().unwrap().to_owned();
        for case in file["cases"].as_array().unwrap() {
            out.push(Vector {
                envelope: envelope.clone(),
                case: case["case"].as_str().unwrap().to_owned(),
                status: status(&case["status"]),
                headers: header_map(case["headers"].as_object().unwrap()),
                body: case["body"]
                    .as_str()
                    .unwrap()
                    .replace("{{uuid}}", UUID)
                    .replace("{{rfc3339_nanos}}", "2026-03-08T21:56:33.877635522Z"),
            });
        }
    }
    assert_eq!(out.len(), 27, "nine envelopes, three cases each");
    out
}

#[test]
fn every_vector_decodes() {
    for vector in vectors() {
        let response = ErrorResponse::parse(vector.status, &vector.headers, vector.body.as_bytes());
        let what = format!("{} / {}", vector.envelope, vector.case);
        assert_eq!(format_name(response.format()), vector.envelope, "{what}");
        assert_eq!(response.status(), vector.status, "{what}");
        assert_eq!(response.body(), vector.body.as_bytes(), "{what}");
        let (code, message) = match vector.case.as_str() {
            "rate_limited" => (
                "RATE_LIMITED",
                "Rate limit exceeded. Please retry after the specified period.",
            ),
            "invalid_parameters" => ("INVALID_PARAMETERS", "The 'role_id' field is required"),
            "internal" => ("INTERNAL_ERROR", "Internal Server Error"),
            other => panic!("unknown case {other}"),
        };
        assert_eq!(response.code(), Some(code), "{what}");
        assert_eq!(response.message(), Some(message), "{what}");
        assert!(response.violations().is_empty(), "{what}");
        assert_eq!(response.rate_limit(), None, "{what}");
        match vector.case.as_str() {
            "rate_limited" => {
                assert_eq!(
                    response.retry_after(),
                    Some(Duration::from_secs(5)),
                    "{what}"
                );
            }
            _ => assert_eq!(response.retry_after(), None, "{what}"),
        }
        // The details, where the envelope keeps them.
        let has_details = !matches!(
            vector.envelope.as_str(),
            "ErrorFlag" | "ErrorCode" | "DataErrorMeta"
        );
        if vector.case == "invalid_parameters" && has_details {
            assert_eq!(
                response.detail::<String>("field").as_deref(),
                Some("role_id"),
                "{what}"
            );
            assert_eq!(
                response.detail::<String>("requirement").as_deref(),
                Some("required"),
                "{what}"
            );
            let details: Value = serde_json::from_str(response.details().unwrap()).unwrap();
            assert_eq!(
                details,
                serde_json::json!({"field": "role_id", "requirement": "required"}),
                "{what}"
            );
        } else if vector.envelope != "ErrorObject" {
            assert_eq!(response.details(), None, "{what}");
        }
        let request_id = (vector.envelope == "DataErrorMeta").then_some(UUID);
        assert_eq!(response.request_id(), request_id, "{what}");
        assert_eq!(
            response.header("content-type"),
            vector
                .headers
                .get("content-type")
                .map(|v| v.to_str().unwrap()),
            "{what}"
        );
    }
}

#[test]
fn without_retry_after_the_body_says_how_long() {
    for vector in vectors().into_iter().filter(|v| v.case == "rate_limited") {
        let mut headers = vector.headers.clone();
        headers.remove("retry-after");
        let response = ErrorResponse::parse(vector.status, &headers, vector.body.as_bytes());
        let expected = match vector.envelope.as_str() {
            // retry_after_ms, details.retry_after, RetryInfo.retryDelay.
            "ErrorFlag" | "ErrorObject" | "Google" => Some(Duration::from_secs(5)),
            _ => None,
        };
        assert_eq!(response.retry_after(), expected, "{}", vector.envelope);
    }
}

/// Every vector cut short at every byte: no envelope, no code, the status and the bytes kept.
#[test]
fn truncated_vectors_are_unknown() {
    for vector in vectors() {
        let bytes = vector.body.as_bytes();
        for end in 0..bytes.len() {
            let response = ErrorResponse::parse(vector.status, &vector.headers, &bytes[..end]);
            assert_eq!(
                response.format(),
                Format::Unknown,
                "{:?}",
                &vector.body[..end]
            );
            assert_eq!(response.code(), None);
            assert_eq!(response.message(), None);
            assert_eq!(response.details(), None);
            assert!(response.violations().is_empty());
            assert_eq!(response.status(), vector.status);
            assert_eq!(response.body(), &bytes[..end]);
            // The headers still count.
            assert_eq!(
                response.retry_after(),
                (vector.case == "rate_limited").then_some(Duration::from_secs(5))
            );
        }
    }
}

/// Random damage to every vector (bytes removed, inserted, replaced; the body spliced): no
/// panic, whatever comes out; the status and the bytes kept.
#[test]
fn mutated_vectors_never_panic() {
    const BYTES: &[u8] = b"{}[]\",:\\ 0123456789eE+-.tfnu\x00\x1f\x7f\xff\xc3\xa9";
    let mut seed = 0x853c_49e6_748f_ea9b_u64;
    let mut random = move |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        usize::try_from(seed % n.max(1) as u64).unwrap()
    };
    for vector in vectors() {
        let bytes = vector.body.as_bytes();
        for _ in 0..2_000 {
            let mut body = bytes.to_vec();
            for _ in 0..=random(4) {
                let at = random(body.len() + 1);
                match random(4) {
                    0 if at < body.len() => {
                        body.remove(at);
                    }
                    1 => body.insert(at, BYTES[random(BYTES.len())]),
                    2 if at < body.len() => body[at] = BYTES[random(BYTES.len())],
                    _ => {
                        // Splice a piece of the body into itself.
                        let from = random(bytes.len());
                        let len = random(bytes.len() - from + 1);
                        let piece = bytes[from..from + len].to_vec();
                        body.splice(at..at, piece);
                    }
                }
            }
            let response = ErrorResponse::parse(vector.status, &vector.headers, &body);
            assert_eq!(response.status(), vector.status);
            assert_eq!(response.body(), &body[..]);
            let _ = (
                response.code(),
                response.message(),
                response.request_id(),
                response.details(),
                response.violations(),
                response.retry_after(),
            );
            let _ = response.detail::<Value>("field");
            let _ = format!("{response:?}");
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The published examples and the seed documents' bodies.

struct Example {
    name: String,
    source: String,
    status: StatusCode,
    headers: HeaderMap,
    body: Vec<u8>,
    entry: Value,
}

mod broken_servers;
mod delays;
mod published_examples;
mod round_trip;
mod world;
