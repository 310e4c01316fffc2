//! Harder inputs than the vectors': the user envelopes against the built-ins.

use super::*;

/// The hard case of the brief: field violations (with and without a code, with text to
/// escape), details to escape (and of every JSON type, and repeated), a fractional retry
/// delay, a gRPC override, a message to escape.
fn hard_case() -> Hard {
    Hard {
        message: Some("Bad \"user\"\n\\ \u{1} caf\u{e9} \u{1F600}"),
        retry_after: Some(Duration::from_millis(1500)),
        details: vec![
            ("quote\"d", serde_json::json!("a \"b\" \\ c\u{7f}\u{2028}")),
            ("line\nbreak", serde_json::json!(42)),
            ("flag", serde_json::json!(true)),
            ("nothing", serde_json::Value::Null),
            ("list", serde_json::json!([1, "two", {"three": 3}])),
            ("ratio", serde_json::json!(0.25)),
            ("flag", serde_json::json!(false)), // repeated: skipped
        ],
        violations: vec![
            Violation::field("user.emails[0]", "must be \"an email\"\t\\ ok").with_code("EMAIL"),
            Violation::pointer("/user/na~1me", "is </script> taken"),
            Violation::field("tags[\"x\"]", "").with_code("\u{0}"),
        ],
        descriptor: const { &Descriptor::new().with_grpc("ABORTED") },
        ..Hard::new(409, "user-Conflict")
    }
}

#[test]
fn my_google_agrees_with_google_on_harder_inputs() {
    let request = RequestInfo::new().with_request_id("req-1");
    let mine = same_as_google("the hard case", &hard_case(), &request);
    // Not only equal to the built-in: equal to what the documented rules say.
    assert_eq!(
        text(mine.body()),
        concat!(
            r#"{"error":{"code":409,"message":"Bad \"user\"\n\\ \u0001 café 😀","status":"ABORTED","details":["#,
            r#"{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"USER-CONFLICT","domain":"api.example.com","metadata":{"quote\"d":"a \"b\" \\ c"#,
            "\u{7f}\u{2028}",
            r#"","line\nbreak":"42","flag":"true","nothing":"null","list":"[1,\"two\",{\"three\":3}]","ratio":"0.25"}},"#,
            r#"{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"1.5s"},"#,
            r#"{"@type":"type.googleapis.com/google.rpc.RequestInfo","requestId":"req-1"},"#,
            r#"{"@type":"type.googleapis.com/google.rpc.BadRequest","fieldViolations":["#,
            r#"{"field":"user.emails[0]","description":"must be \"an email\"\t\\ ok","reason":"EMAIL"},"#,
            r#"{"field":"user.na/me","description":"is </script> taken"},"#,
            r#"{"field":"tags[\"x\"]","description":"","reason":"\u0000"}]}]}}"#,
        )
    );
    assert_eq!(mine.headers()["retry-after"], "2");

    // The same without a domain, a version, a request id, a violation or a detail.
    let bare = Hard {
        details: Vec::new(),
        violations: Vec::new(),
        ..hard_case()
    }
    .without_api();
    let mine = same_as_google("the bare case", &bare, &RequestInfo::default());
    assert_eq!(
        text(mine.body()),
        concat!(
            r#"{"error":{"code":409,"message":"Bad \"user\"\n\\ \u0001 café 😀","status":"ABORTED","details":["#,
            r#"{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"USER-CONFLICT"},"#,
            r#"{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"1.5s"}]}}"#,
        )
    );

    // A request id that needs escaping (visible ASCII, as the middleware lets through).
    let request = RequestInfo::new().with_request_id(r#"r"q\1"#);
    same_as_google("an id to escape", &hard_case(), &request);
    same_as_google("an id to escape, bare", &bare, &request);

    // A detail that fails to serialize: both become the same plain 500.
    let failing = Hard {
        failing_detail: true,
        ..hard_case()
    };
    let mine = same_as_google("a failing detail", &failing, &RequestInfo::default());
    assert_eq!(mine.status(), 500);
    assert_eq!(
        text(mine.body()),
        r#"{"error":{"code":500,"message":"Internal Server Error","status":"INTERNAL","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"INTERNAL_ERROR","domain":"api.example.com"}]}}"#
    );
    // A status that is no error: the same plain 500.
    same_as_google(
        "a success status",
        &Hard::new(200, "OK"),
        &RequestInfo::default(),
    );
}

#[test]
fn my_google_agrees_on_every_status_and_retry_delay() {
    // Every error status, with and without a gRPC override.
    for status in 400..=599 {
        let plain = Hard::new(status, "SOME_CODE");
        same_as_google(&format!("status {status}"), &plain, &RequestInfo::new());
        let overridden = Hard {
            descriptor: const { &Descriptor::new().with_grpc("DATA_LOSS") },
            ..Hard::new(status, "some_code")
        };
        let mine = same_as_google(
            &format!("status {status}, overridden"),
            &overridden,
            &RequestInfo::new(),
        );
        assert!(text(mine.body()).contains(r#""status":"DATA_LOSS""#));
    }

    // Retry delays: the shortest exact fraction, and the protobuf maximum (the built-in's own
    // unit-test table).
    for (delay, written, header) in [
        (Duration::ZERO, "0s", "0"),
        (Duration::from_secs(5), "5s", "5"),
        (Duration::from_millis(1500), "1.5s", "2"),
        (Duration::from_millis(250), "0.25s", "1"),
        (Duration::from_nanos(1), "0.000000001s", "1"),
        (Duration::new(3, 100_000_000), "3.1s", "4"),
        (Duration::new(7, 999_999_999), "7.999999999s", "8"),
        (Duration::from_micros(10), "0.00001s", "1"),
        (
            Duration::new(315_575_999_999, 5),
            "315575999999.000000005s",
            "315576000000",
        ),
        (
            Duration::from_secs(315_576_000_000),
            "315576000000s",
            "315576000000",
        ),
        (
            Duration::new(315_576_000_000, 1),
            "315576000000s",
            "315576000001",
        ),
        (
            Duration::new(u64::MAX, 10),
            "315576000000s",
            "9007199254740991",
        ),
    ] {
        let error = Hard {
            retry_after: Some(delay),
            ..Hard::new(503, "UNAVAILABLE")
        };
        let mine = same_as_google(&format!("delay {delay:?}"), &error, &RequestInfo::new());
        let body = text(mine.body());
        assert!(
            body.contains(&format!(r#""retryDelay":"{written}"}}"#)),
            "{delay:?}: {body}"
        );
        assert_eq!(mine.headers()["retry-after"], header, "{delay:?}");
    }
}

#[test]
fn my_data_error_meta_agrees_with_data_error_meta_on_harder_inputs() {
    let request = RequestInfo::new().with_request_id("req-1");
    let mine = same_as_data_error_meta("the hard case", &hard_case(), &request);
    // This format has no place for details or violations.
    match_body(
        r#"{"data":null,"error":{"code":"user-Conflict","message":"Bad \"user\"\n\\ \u0001 café 😀"},"meta":{"request_id":"req-1","timestamp":"{{rfc3339_nanos}}","version":"1.0.0"}}"#,
        mine.body(),
        unix_nanos_now(),
    )
    .unwrap_or_else(|e| panic!("the hard case: {e}: {}", text(mine.body())));
    assert_eq!(mine.headers()["retry-after"], "2");

    // Without a request id: a fresh UUID v4 each time; without a version: no `version`.
    let bare = hard_case().without_api();
    let mut uuids = BTreeSet::new();
    for _ in 0..3 {
        let mine = same_as_data_error_meta("the bare case", &bare, &RequestInfo::default());
        let captured = match_body(
            r#"{"data":null,"error":{"code":"user-Conflict","message":"Bad \"user\"\n\\ \u0001 café 😀"},"meta":{"request_id":"{{uuid}}","timestamp":"{{rfc3339_nanos}}"}}"#,
            mine.body(),
            unix_nanos_now(),
        )
        .unwrap_or_else(|e| panic!("the bare case: {e}: {}", text(mine.body())));
        assert!(uuids.insert(captured.uuids[0].clone()), "a repeated UUID");
    }

    // A request id that needs escaping.
    let request = RequestInfo::new().with_request_id(r#"r"q\1"#);
    let mine = same_as_data_error_meta("an id to escape", &hard_case(), &request);
    assert!(text(mine.body()).contains(r#""request_id":"r\"q\\1","#));
    same_as_data_error_meta("an id to escape, bare", &bare, &request);

    // A failing detail: this format writes no details, so nothing fails.
    let failing = Hard {
        failing_detail: true,
        ..hard_case()
    };
    let mine = same_as_data_error_meta("a failing detail", &failing, &RequestInfo::default());
    assert_eq!(mine.status(), 409);
    // A status that is no error: the plain 500, in both.
    let mine = same_as_data_error_meta(
        "a success status",
        &Hard::new(200, "OK"),
        &RequestInfo::default(),
    );
    assert_eq!(mine.status(), 500);
}

#[test]
fn std_timestamps_are_the_built_ins() {
    // The built-in's own unit-test table (`humantime::format_rfc3339_nanos` after clamping).
    let at = |secs: u64, nanos: u32| {
        Rfc3339Nanos(representable(
            SystemTime::UNIX_EPOCH + Duration::new(secs, nanos),
        ))
        .to_string()
    };
    assert_eq!(at(0, 0), "1970-01-01T00:00:00.000000000Z");
    assert_eq!(
        at(1_773_006_993, 877_635_522),
        "2026-03-08T21:56:33.877635522Z"
    );
    assert_eq!(at(951_782_400, 1), "2000-02-29T00:00:00.000000001Z");
    assert_eq!(
        at(4_107_542_399, 999_999_999),
        "2100-02-28T23:59:59.999999999Z"
    );
    assert_eq!(at(253_402_300_799, 0), "9999-12-31T23:59:59.000000000Z");
    assert_eq!(at(253_402_300_800, 0), "9999-12-31T23:59:59.999999999Z");
    assert_eq!(at(u64::MAX / 4, 0), "9999-12-31T23:59:59.999999999Z");
    let before = SystemTime::UNIX_EPOCH - Duration::from_secs(86_400);
    assert_eq!(
        Rfc3339Nanos(representable(before)).to_string(),
        "1970-01-01T00:00:00.000000000Z"
    );

    // Every day of 1970 to 2400 round-trips through the test plumbing's own parser.
    for days in 0..(430 * 366) {
        let secs = days * 86_400 + 86_399;
        let written = at(secs, 5);
        let parsed = support::parse_rfc3339_nanos(written.as_bytes())
            .unwrap_or_else(|e| panic!("day {days}: {written}: {e}"));
        assert_eq!(
            parsed,
            i128::from(secs) * 1_000_000_000 + 5,
            "day {days}: {written}"
        );
    }

    // And the two envelopes write the time of rendering, in order.
    let error = Hard::new(400, "X");
    let before = unix_nanos_now();
    let builtin = apierror::render::<DataErrorMeta>(&error, &RequestInfo::new()).into_body();
    let mine = apierror::render::<MyDataErrorMeta>(&error, &RequestInfo::new()).into_body();
    let after = unix_nanos_now();
    let stamp = |body: &[u8]| {
        let body = text(body);
        let start = body.rfind("\"timestamp\":\"").expect("a timestamp") + 13;
        support::parse_rfc3339_nanos(&body.as_bytes()[start..start + 30]).expect("RFC 3339")
    };
    let (builtin, mine) = (stamp(&builtin), stamp(&mine));
    assert!(
        before <= builtin && builtin <= mine && mine <= after,
        "{before} <= {builtin} <= {mine} <= {after}"
    );
}
