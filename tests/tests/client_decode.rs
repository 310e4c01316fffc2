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

fn examples() -> Vec<Example> {
    let dir = root().join("tests/client_examples");
    let manifest: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("MANIFEST.json")).unwrap()).unwrap();
    manifest["examples"]
        .as_array()
        .unwrap()
        .iter()
        .map(|entry| {
            let body = match (entry.get("file"), entry.get("body")) {
                (Some(file), None) => std::fs::read(dir.join(file.as_str().unwrap())).unwrap(),
                (None, Some(body)) => body.as_str().unwrap().as_bytes().to_vec(),
                _ => panic!("{entry}: a file or a body"),
            };
            Example {
                name: entry["name"].as_str().unwrap().to_owned(),
                source: entry["source"].as_str().unwrap().to_owned(),
                status: status(&entry["status"]),
                headers: header_map(entry["headers"].as_object().unwrap()),
                body,
                entry: entry.clone(),
            }
        })
        .collect()
}

/// `text` without `//` comments (outside strings), as AIP-193 annotates its JSON.
fn strip_comments(text: &str) -> String {
    let mut out = String::new();
    for line in text.lines() {
        let mut quoted = false;
        let mut escaped = false;
        let mut end = line.len();
        for (i, c) in line.char_indices() {
            match c {
                _ if escaped => escaped = false,
                '\\' if quoted => escaped = true,
                '"' => quoted = !quoted,
                '/' if !quoted && line[i..].starts_with("//") => {
                    end = i;
                    break;
                }
                _ => {}
            }
        }
        out.push_str(&line[..end]);
        out.push('\n');
    }
    out
}

/// Checks one decoded example against its `expect`: whatever it leaves out must be absent.
fn check(name: &str, response: &ErrorResponse, expect: &Value) {
    let string = |key: &str| expect.get(key).and_then(Value::as_str);
    assert_eq!(
        format_name(response.format()),
        expect["format"].as_str().unwrap(),
        "{name}: format"
    );
    assert_eq!(response.code(), string("code"), "{name}: code");
    assert_eq!(response.message(), string("message"), "{name}: message");
    assert_eq!(
        response.request_id(),
        string("request_id"),
        "{name}: request id"
    );
    assert_eq!(
        response.retry_after(),
        expect
            .get("retry_after_ms")
            .and_then(Value::as_u64)
            .map(Duration::from_millis),
        "{name}: retry after"
    );
    let details = response.details().map(|text| {
        serde_json::from_str::<Value>(text).unwrap_or_else(|e| panic!("{name}: {e}: {text}"))
    });
    assert_eq!(details.as_ref(), expect.get("details"), "{name}: details");
    for (key, value) in expect
        .get("detail")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
    {
        assert_eq!(
            response.detail::<Value>(key).as_ref(),
            Some(value),
            "{name}: detail {key}"
        );
    }
    let violations: Vec<(String, String, Option<String>)> = response
        .violations()
        .iter()
        .map(|v| {
            (
                v.json_pointer().into_owned(),
                v.message().to_owned(),
                v.code().map(str::to_owned),
            )
        })
        .collect();
    let expected: Vec<(String, String, Option<String>)> = expect
        .get("violations")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .map(|v| {
            (
                v[0].as_str().unwrap().to_owned(),
                v[1].as_str().unwrap().to_owned(),
                v[2].as_str().map(str::to_owned),
            )
        })
        .collect();
    assert_eq!(violations, expected, "{name}: violations");
}

#[test]
fn published_examples_and_seed_bodies_decode() {
    let examples = examples();
    assert!(examples.len() >= 30);
    for example in &examples {
        let name = &example.name;
        let expect = &example.entry["expect"];
        let mut body = example.body.clone();
        if example.entry.get("strip_comments").is_some() {
            // As published, it is not JSON: nothing is read from it.
            let verbatim = ErrorResponse::parse(example.status, &example.headers, &body);
            assert_eq!(verbatim.format(), Format::Unknown, "{name} (verbatim)");
            assert_eq!(verbatim.code(), None, "{name} (verbatim)");
            body = strip_comments(std::str::from_utf8(&body).unwrap()).into_bytes();
        }
        let response = ErrorResponse::parse(example.status, &example.headers, &body);
        assert_eq!(response.status(), example.status, "{name}");
        assert_eq!(response.body(), &body[..], "{name}");
        check(name, &response, expect);
        if example.entry.get("also_by_shape").is_some() {
            let mut plain = example.headers.clone();
            plain.insert("content-type", HeaderValue::from_static("application/json"));
            let by_shape = ErrorResponse::parse(example.status, &plain, &body);
            check(&format!("{name} (by shape)"), &by_shape, expect);
        }
        // The body repeats nothing by chance: the source it names has it.
        if !example.source.starts_with("https://") {
            let source = std::fs::read_to_string(root().join("..").join(&example.source)).unwrap();
            let quoted = std::str::from_utf8(&example.body).unwrap();
            assert!(
                source.contains(quoted),
                "{name}: not quoted in {}",
                example.source
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------
// What proxies and broken servers send.

#[test]
fn proxies_and_broken_servers() {
    let nginx = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
    // Every one is `Unknown` but the last, whose trailing comma is forgiven.
    let cases: &[(u16, &str, &str)] = &[
        (502, "text/html", nginx),
        (503, "text/html; charset=utf-8", "<!DOCTYPE html><html><body>{\"error\":{\"code\":\"NOT_THIS\"}}</body></html>"),
        (500, "application/json", ""),
        (500, "", ""),
        (504, "text/plain", "upstream request timeout"),
        (500, "application/json", "   \n\t "),
        (500, "application/json", "null"),
        (500, "application/json", "true"),
        (500, "application/json", "42"),
        (500, "application/json", "\"INTERNAL_ERROR\""),
        (500, "application/json", "[{\"code\":\"INTERNAL_ERROR\",\"message\":\"m\"}]"),
        (500, "application/json", "{}"),
        (500, "application/json", "{\"foo\":\"bar\",\"code\":\"ONLY_A_CODE\"}"),
        (404, "application/json", "{\"message\":\"Not Found\",\"documentation_url\":\"https://docs.github.com/rest\"}"),
        (500, "application/json", "{\"error\":null}"),
        (500, "application/json", "{\"error\":false,\"code\":\"X\"}"),
        (500, "application/json", "{\"error\":42}"),
        (500, "application/json", "{\"error\":[\"INTERNAL_ERROR\"]}"),
        (500, "application/json", "{\"errors\":\"broken\"}"),
        (500, "application/json", "{\"errors\":[]}"),
        (500, "application/json", "{\"errors\":[1,2,3]}"),
        (500, "application/json", "{\"errors\":[{\"message\":\"Cannot query field\",\"locations\":[{\"line\":1,\"column\":2}],\"extensions\":{\"code\":\"GRAPHQL_VALIDATION_FAILED\"}}]}"),
        (500, "application/json", "{\"type\":\"about:blank\"}"),
        (500, "application/json", "{\"error\":{\"code\":\"X\"}"),
        (500, "application/json", "{\"error\":{\"code\":\"X\"}}}"),
        (500, "application/json", "{\"error\":{\"code\":\"X\"}} trailing"),
        (500, "application/json", "{\"error\":{\"code\":\"X\",\"message\":\"\u{1}\"}}"),
        (500, "application/json", "{\"error\":{\"code\":\"X\",\"message\":\"\\x\"}}"),
        (500, "application/json", "{\"error\":{\"code\":'X'}}"),
        (500, "application/json", "{error:{code:\"X\"}}"),
        (500, "application/json", "{\"error\":{\"code\":\"X\",,}}"),
        (500, "application/json", "{\"error\":{\"code\":\"X\"},}"),
    ];
    for (i, &(status, content_type, body)) in cases.iter().enumerate() {
        let status = StatusCode::from_u16(status).unwrap();
        let map = if content_type.is_empty() {
            HeaderMap::new()
        } else {
            headers(&[("content-type", content_type)])
        };
        let response = ErrorResponse::parse(status, &map, body.as_bytes());
        assert_eq!(response.status(), status, "{body}");
        assert_eq!(response.body(), body.as_bytes(), "{body}");
        assert_eq!(response.message(), None, "{body}");
        assert_eq!(response.details(), None, "{body}");
        assert!(response.violations().is_empty(), "{body}");
        if i + 1 == cases.len() {
            assert_eq!(response.format(), Format::ErrorObject, "{body}");
            assert_eq!(response.code(), Some("X"));
        } else {
            assert_eq!(response.format(), Format::Unknown, "{body}");
            assert_eq!(response.code(), None, "{body}");
        }
    }
    // Not UTF-8: not JSON.
    let latin1 = b"{\"error\":{\"code\":\"X\",\"message\":\"caf\xe9\"}}";
    let response = ErrorResponse::parse(StatusCode::BAD_REQUEST, &HeaderMap::new(), latin1);
    assert_eq!(response.format(), Format::Unknown);
    assert_eq!(response.body(), latin1);
}

#[test]
fn ten_megabyte_bodies() {
    const SIZE: usize = 10 << 20;
    let status = StatusCode::BAD_GATEWAY;
    let json = headers(&[("content-type", "application/json")]);
    let html = headers(&[("content-type", "text/html")]);
    let mut page = String::from("<html><body>");
    while page.len() < SIZE {
        page.push_str("<p>upstream connect error or disconnect/reset before headers</p>\n");
    }
    let bodies: Vec<(&str, HeaderMap, String, Option<&str>)> = vec![
        ("an HTML page", html, page, None),
        (
            "a message of 10 MB",
            json.clone(),
            format!(
                r#"{{"error":{{"code":"HUGE","message":"{}"}}}}"#,
                "a".repeat(SIZE)
            ),
            Some("HUGE"),
        ),
        (
            "escaped text",
            json.clone(),
            format!(
                r#"{{"error":{{"code":"ESCAPED","message":"{}"}}}}"#,
                "\\n\\u00e9".repeat(SIZE / 8)
            ),
            Some("ESCAPED"),
        ),
        (
            "details of 10 MB",
            json.clone(),
            format!(
                r#"{{"error":{{"code":"DETAILS","message":"m","details":{{"blob":[{}]}}}}}}"#,
                vec!["{\"k\":[1,2,3]}"; SIZE / 14].join(",")
            ),
            Some("DETAILS"),
        ),
        (
            "a million error objects",
            json.clone(),
            format!(
                r#"{{"errors":[{}]}}"#,
                vec![r#"{"code":"E","detail":"d","source":{"pointer":"/a"}}"#; SIZE / 52].join(",")
            ),
            Some("E"),
        ),
        (
            "a million Google details",
            json.clone(),
            format!(
                r#"{{"error":{{"code":400,"status":"INVALID_ARGUMENT","details":[{}]}}}}"#,
                vec![r#"{"@type":"type.googleapis.com/x.Y","v":1}"#; SIZE / 42].join(",")
            ),
            Some("INVALID_ARGUMENT"),
        ),
        (
            "a million Problem members",
            headers(&[("content-type", "application/problem+json")]),
            format!(
                r#"{{"title":"t",{}"code":"LAST"}}"#,
                (0..SIZE / 16).fold(String::new(), |mut members, i| {
                    use std::fmt::Write as _;
                    let _ = write!(members, "\"m{i}\":{i},");
                    members
                })
            ),
            Some("LAST"),
        ),
        (
            "ten million brackets, never closed",
            json.clone(),
            "[".repeat(SIZE),
            None,
        ),
        (
            "nesting five million deep",
            json.clone(),
            format!(
                r#"{{"error":{{"code":"DEEP","details":{}{}}}}}"#,
                "[".repeat(SIZE / 2),
                "]".repeat(SIZE / 2)
            ),
            Some("DEEP"),
        ),
        (
            "a string never closed",
            json.clone(),
            format!(r#"{{"error":{{"code":"X","message":"{}"#, "a".repeat(SIZE)),
            None,
        ),
        (
            "ten million commas",
            json,
            format!(r#"{{"error":{{"code":"X",{}}}}}"#, ",".repeat(SIZE)),
            None,
        ),
    ];
    for (what, map, body, code) in bodies {
        let started = Instant::now();
        let response = ErrorResponse::parse(status, &map, body.as_bytes());
        let took = started.elapsed();
        assert_eq!(response.status(), status, "{what}");
        assert_eq!(response.body().len(), body.len(), "{what}");
        assert_eq!(response.code(), code, "{what}");
        assert!(response.violations().len() <= 1024, "{what}");
        // Linear work: even an unoptimized build reads 10 MB in well under this.
        assert!(took < Duration::from_secs(20), "{what}: {took:?}");
        eprintln!("{what}: {} bytes in {took:?}", body.len());
    }
}

// ---------------------------------------------------------------------------------------------
// How long to wait.

/// 1994-11-06 08:49:37 UTC, RFC 9110's example date.
const EXAMPLE_DATE: u64 = 784_111_777;

fn at(secs: u64) -> SystemTime {
    SystemTime::UNIX_EPOCH + Duration::from_secs(secs)
}

#[test]
fn retry_after_header_forms() {
    let now = at(EXAMPLE_DATE - 100);
    let cases: &[(&str, Option<Duration>)] = &[
        ("0", Some(Duration::ZERO)),
        ("5", Some(Duration::from_secs(5))),
        ("120", Some(Duration::from_secs(120))),
        (" 7 ", Some(Duration::from_secs(7))),
        (
            "Sun, 06 Nov 1994 08:49:37 GMT",
            Some(Duration::from_secs(100)),
        ), // IMF-fixdate
        (
            "Sunday, 06-Nov-94 08:49:37 GMT",
            Some(Duration::from_secs(100)),
        ), // RFC 850
        ("Sun Nov  6 08:49:37 1994", Some(Duration::from_secs(100))), // asctime
        ("Sat, 05 Nov 1994 08:49:37 GMT", Some(Duration::ZERO)),      // in the past
        ("Thu, 01 Jan 1970 00:00:00 GMT", Some(Duration::ZERO)),
        (
            "Fri, 31 Dec 9999 23:59:59 GMT",
            Some(at(253_402_300_799).duration_since(now).unwrap()),
        ),
        ("-5", None),
        ("-0", None),
        ("+5", None),
        ("1.5", None),
        ("5s", None),
        ("soon", None),
        ("", None),
        ("Sun, 06 Nov 1994 08:49:37 PST", None),
        ("2026-03-08T21:56:33Z", None),
        (
            "9007199254740991",
            Some(Duration::from_secs(9_007_199_254_740_991)),
        ),
        ("18446744073709551616", Some(Duration::from_secs(u64::MAX))), // saturated
        (
            "99999999999999999999999999999999999999",
            Some(Duration::from_secs(u64::MAX)),
        ),
    ];
    for &(value, expected) in cases {
        assert_eq!(
            parse_retry_after(value.as_bytes(), now),
            expected,
            "{value:?}"
        );
        if !value.is_empty() {
            let map = headers(&[("retry-after", value)]);
            let response = ErrorResponse::parse_at(StatusCode::SERVICE_UNAVAILABLE, &map, b"", now);
            assert_eq!(response.retry_after(), expected, "{value:?}");
            assert_eq!(response.header("Retry-After"), Some(value));
        }
    }
    assert_eq!(parse_retry_after(b"\xff5", now), None);
}

#[test]
fn retry_after_from_every_source_in_order() {
    let now = at(1_000);
    let parse = |pairs: &[(&str, &str)], body: &str| {
        ErrorResponse::parse_at(
            StatusCode::TOO_MANY_REQUESTS,
            &headers(pairs),
            body.as_bytes(),
            now,
        )
    };
    let flag = r#"{"error":true,"code":"RATE_LIMITED","retry_after_ms":7500}"#;
    // retry-after-ms, then Retry-After, then the body, then the rate limit.
    assert_eq!(
        parse(&[("retry-after-ms", "1500"), ("retry-after", "5")], flag).retry_after(),
        Some(Duration::from_millis(1_500))
    );
    assert_eq!(
        parse(&[("retry-after-ms", "250.5")], "").retry_after(),
        Some(Duration::from_micros(250_500))
    );
    assert_eq!(
        parse(&[("retry-after-ms", "-1"), ("retry-after", "5")], flag).retry_after(),
        Some(Duration::from_secs(5))
    );
    assert_eq!(
        parse(&[("retry-after", "x")], flag).retry_after(),
        Some(Duration::from_millis(7_500))
    );
    assert_eq!(
        parse(&[], flag).retry_after(),
        Some(Duration::from_millis(7_500))
    );
    let google = r#"{"error":{"code":429,"message":"m","status":"RESOURCE_EXHAUSTED","details":[{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"1.5s"}]}}"#;
    assert_eq!(
        parse(&[], google).retry_after(),
        Some(Duration::from_millis(1_500))
    );
    let object = r#"{"error":{"code":"RATE_LIMITED","message":"m","details":{"retry_after":5}}}"#;
    assert_eq!(
        parse(&[], object).retry_after(),
        Some(Duration::from_secs(5))
    );
    // Bodies saying nothing sensible.
    for body in [
        r#"{"error":true,"code":"X","retry_after_ms":-5}"#,
        r#"{"error":true,"code":"X","retry_after_ms":"5000"}"#,
        r#"{"error":{"code":"X","message":"m","details":{"retry_after":"soon"}}}"#,
        r#"{"error":{"code":429,"status":"RESOURCE_EXHAUSTED","details":[{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"-1s"}]}}"#,
        r#"{"error":{"code":429,"status":"RESOURCE_EXHAUSTED","details":[{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":5}]}}"#,
    ] {
        assert_eq!(parse(&[], body).retry_after(), None, "{body}");
    }
    // The rate limit's reset, only when nothing remains.
    let x = |remaining: &str| {
        parse(
            &[
                ("x-ratelimit-limit", "100"),
                ("x-ratelimit-remaining", remaining),
                ("x-ratelimit-reset", "1042"),
            ],
            "",
        )
    };
    assert_eq!(x("0").retry_after(), Some(Duration::from_secs(42)));
    assert_eq!(x("0").rate_limit(), Some(RateLimit::new(100, 0, 1_042)));
    assert_eq!(x("1").retry_after(), None);
    let ietf = parse(
        &[
            ("ratelimit", "\"default\";r=0;t=30"),
            ("ratelimit-policy", "\"default\";q=100;w=60"),
        ],
        "",
    );
    assert_eq!(ietf.retry_after(), Some(Duration::from_secs(30)));
    assert_eq!(
        ietf.rate_limit(),
        Some(RateLimit::new(100, 0, 1_030).with_window(60))
    );
    // A reset already past: retry now.
    let past = parse(
        &[
            ("x-ratelimit-limit", "100"),
            ("x-ratelimit-remaining", "0"),
            ("x-ratelimit-reset", "10"),
        ],
        "",
    );
    assert_eq!(past.retry_after(), Some(Duration::ZERO));
}

// ---------------------------------------------------------------------------------------------
// What apierror writes, read back in every envelope.

#[derive(Debug)]
struct Invalid {
    violations: Vec<Violation>,
}

impl ApiError for Invalid {
    const API: apierror::Api = apierror::Api::new()
        .with_domain("api.example.com")
        .with_rate_limit_headers(RateLimitHeaders::Both);

    fn status(&self) -> StatusCode {
        StatusCode::SERVICE_UNAVAILABLE
    }
    fn code(&self) -> &'static str {
        "INVALID_USER"
    }
    fn retry_after(&self) -> Option<Duration> {
        Some(Duration::from_millis(1_500))
    }
    fn details(&self, out: &mut Details<'_>) -> Result<(), WriteError> {
        out.field("id", &7)?;
        out.field("name", "ada \"the\" first")
    }
    fn violations(&self) -> &[Violation] {
        &self.violations
    }
    fn rate_limit(&self) -> Option<RateLimit> {
        Some(RateLimit::new(100, 0, 4_102_444_800).with_window(60))
    }
}

fn round_trip<E: Envelope>(expected: &str) -> ErrorResponse {
    // JSON:API writes one error object per violation, each with the violation's own code when
    // it has one: the first object's code is the first violation's.
    let code = if expected == "JsonApi" {
        "EMAIL"
    } else {
        "INVALID_USER"
    };
    let error = Invalid {
        violations: vec![
            Violation::field("user.emails[0]", "is not an email").with_code("EMAIL"),
            Violation::pointer("/name", "is required"),
        ],
    };
    let request = RequestInfo::new()
        .with_request_id("req-9")
        .with_path("/users");
    let rendered = apierror::render::<E>(&error, &request);
    let response = ErrorResponse::parse(rendered.status(), rendered.headers(), rendered.body());
    assert_eq!(
        format_name(response.format()),
        expected,
        "{}",
        String::from_utf8_lossy(rendered.body())
    );
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(response.code(), Some(code), "{expected}");
    // A 5xx shows only its reason phrase (JSON:API's first object is the first violation's).
    let message = if expected == "JsonApi" {
        "is not an email"
    } else {
        "Service Unavailable"
    };
    assert_eq!(response.message(), Some(message), "{expected}");
    // The header (1.5 s rounded up to 2) wins over the body's exact delays.
    assert_eq!(
        response.retry_after(),
        Some(Duration::from_secs(2)),
        "{expected}"
    );
    assert_eq!(
        response
            .rate_limit()
            .map(|limit| (limit.limit, limit.remaining)),
        Some((100, 0))
    );
    response
}

#[test]
fn what_apierror_writes_reads_back() {
    let violations = [
        Violation::field("user.emails[0]", "is not an email").with_code("EMAIL"),
        Violation::pointer("/name", "is required"),
    ];
    let expected: BTreeMap<&str, (ErrorResponse, bool, bool, Option<&str>)> = [
        (
            "ErrorFlag",
            (
                round_trip::<envelope::ErrorFlag>("ErrorFlag"),
                false,
                false,
                None,
            ),
        ),
        (
            "ErrorMessage",
            (
                round_trip::<envelope::ErrorMessage>("ErrorMessage"),
                true,
                true,
                None,
            ),
        ),
        (
            "ErrorCode",
            (
                round_trip::<envelope::ErrorCode>("ErrorCode"),
                false,
                false,
                None,
            ),
        ),
        (
            "DataErrorMeta",
            (
                round_trip::<envelope::DataErrorMeta>("DataErrorMeta"),
                false,
                false,
                Some("req-9"),
            ),
        ),
        (
            "ErrorObject",
            (
                round_trip::<envelope::ErrorObject>("ErrorObject"),
                true,
                true,
                Some("req-9"),
            ),
        ),
        (
            "Problem",
            (round_trip::<envelope::Problem>("Problem"), true, true, None),
        ),
        (
            "JsonApi",
            (
                round_trip::<envelope::JsonApi>("JsonApi"),
                true,
                true,
                Some("req-9"),
            ),
        ),
        (
            "Google",
            (
                round_trip::<envelope::Google>("Google"),
                true,
                true,
                Some("req-9"),
            ),
        ),
        (
            "OData",
            (round_trip::<envelope::OData>("OData"), true, true, None),
        ),
    ]
    .into_iter()
    .collect();
    for (name, (response, details, has_violations, request_id)) in &expected {
        // Without the middleware no x-request-id header is set: this is the body's.
        assert_eq!(response.request_id(), *request_id, "{name}");
        if *details {
            assert_eq!(response.detail::<u32>("id"), Some(7), "{name}");
            assert_eq!(
                response.detail::<String>("name").as_deref(),
                Some("ada \"the\" first"),
                "{name}"
            );
        } else {
            assert_eq!(response.detail::<u32>("id"), None, "{name}");
        }
        if *name == "JsonApi" {
            // Each object's code is its violation's, else the error's: a violation without a
            // code comes back with the error's (the wire cannot tell them apart).
            let mut with_error_code = violations.to_vec();
            with_error_code[1] = with_error_code[1].clone().with_code("INVALID_USER");
            assert_eq!(response.violations(), &with_error_code[..], "{name}");
        } else if *has_violations {
            assert_eq!(response.violations(), &violations[..], "{name}");
        } else {
            assert!(response.violations().is_empty(), "{name}");
        }
    }
}
