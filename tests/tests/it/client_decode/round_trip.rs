//! What apierror writes, read back in every envelope.

use super::*;

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
