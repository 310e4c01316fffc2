//! Every vector of `tests/vectors/`, byte for byte, through a real axum server and a real
//! actix-web server, with real HTTP requests.
//!
//! The error is the reference `Canon` of `tests/vectors/ENVELOPES.md` (see `support`); the envelopes are the
//! runtime's, listed in `support::implemented_envelopes!`. Vector files of envelopes the
//! runtime does not have yet are skipped by name (`support::NOT_YET_IMPLEMENTED`); any other
//! vector file fails the tests.

use crate::support;

use support::{
    actix_server, axum_server, canon_case, compare, load_all_vectors, load_implemented_vectors,
    match_body, parse_rfc3339_nanos, Received, VectorCase, CASES, IMPLEMENTED, NOT_YET_IMPLEMENTED,
    SEED_ENVELOPES,
};

#[test]
fn vector_files_are_all_accounted_for() {
    let (implemented, skipped) = load_all_vectors();

    let names: Vec<&str> = implemented.iter().map(|f| f.envelope.as_str()).collect();
    for seed in SEED_ENVELOPES {
        assert!(
            names.contains(seed),
            "the seed envelope {seed} is not checked (checked: {names:?})"
        );
    }
    let mut expected: Vec<&str> = IMPLEMENTED.to_vec();
    expected.sort_unstable();
    assert_eq!(names, expected, "implemented envelopes and vector files");

    // A name in the skip list without a file is a typo or a stale entry.
    let mut not_yet: Vec<&str> = NOT_YET_IMPLEMENTED.to_vec();
    not_yet.sort_unstable();
    assert_eq!(
        skipped, not_yet,
        "the not-yet-implemented list and the vector files without an envelope"
    );

    // Every case of every file stands for a Canon value.
    for file in &implemented {
        for case in &file.cases {
            let value = canon_case(&case.case);
            assert_eq!(
                apierror::ApiError::status(&value).as_u16(),
                case.status,
                "{} {}: Canon's status and the vector's",
                file.envelope,
                case.case
            );
        }
    }
}

#[tokio::test]
async fn axum_serves_every_vector() {
    let vectors = load_implemented_vectors();
    let server = axum_server(canon_case).await;
    let hand = format!("{}/hand", server.base());
    support::check_server("axum, hand-written impl", &hand, &vectors).await;
    let derived = format!("{}/derived", server.base());
    support::check_server("axum, derived IntoResponse", &derived, &vectors).await;
}

#[tokio::test]
async fn actix_web_serves_every_vector() {
    let vectors = load_implemented_vectors();
    let server = actix_server(canon_case);
    let hand = format!("{}/hand", server.base());
    support::check_server("actix-web, hand-written impl", &hand, &vectors).await;
    let derived = format!("{}/derived", server.base());
    support::check_server("actix-web, derived ResponseError", &derived, &vectors).await;
    server.stop().await;
}

// ---------------------------------------------------------------------------------------------
// The checks themselves: a wrong byte anywhere must fail them.
// ---------------------------------------------------------------------------------------------

const SAMPLE_UUID: &str = "d6a8f6f2-3b5a-4f0a-81ab-1b4a4c9dd5ea";
const SAMPLE_TIME: &str = "2026-03-08T21:56:33.877635522Z";
/// `SAMPLE_TIME` in Unix nanoseconds (`date -u -d @1773006993`).
const SAMPLE_NOW: i128 = 1_773_006_993_877_635_522;

/// The body a correct runtime could send for `template`.
fn filled(template: &str) -> Vec<u8> {
    template
        .replace("{{uuid}}", SAMPLE_UUID)
        .replace("{{rfc3339_nanos}}", SAMPLE_TIME)
        .into_bytes()
}

fn received(case: &VectorCase) -> Received {
    let body = filled(&case.body);
    let mut headers: Vec<(String, Vec<u8>)> = case
        .headers
        .iter()
        .map(|(name, value)| (name.clone(), value.as_bytes().to_vec()))
        .collect();
    headers.push(("content-length".into(), body.len().to_string().into_bytes()));
    headers.push(("date".into(), b"Sun, 08 Mar 2026 21:56:33 GMT".to_vec()));
    Received {
        status: case.status,
        headers,
        body,
    }
}

#[test]
fn body_matcher_rejects_every_single_byte_change() {
    let vectors = load_all_vectors().0;
    let mut mutations = 0;
    for file in &vectors {
        for case in &file.cases {
            let good = filled(&case.body);
            let label = format!("{} {}", file.envelope, case.case);
            match_body(&case.body, &good, SAMPLE_NOW)
                .unwrap_or_else(|e| panic!("{label}: the filled template does not match: {e}"));

            for i in 0..good.len() {
                // `#` is neither a hex digit, a digit, nor a separator: wrong everywhere.
                let mut changed = good.clone();
                changed[i] = if good[i] == b'#' { b'$' } else { b'#' };
                assert!(
                    match_body(&case.body, &changed, SAMPLE_NOW).is_err(),
                    "{label}: a changed byte {i} was accepted"
                );
                let mut removed = good.clone();
                removed.remove(i);
                assert!(
                    match_body(&case.body, &removed, SAMPLE_NOW).is_err(),
                    "{label}: a removed byte {i} was accepted"
                );
                let mut inserted = good.clone();
                inserted.insert(i, b' ');
                assert!(
                    match_body(&case.body, &inserted, SAMPLE_NOW).is_err(),
                    "{label}: an inserted byte at {i} was accepted"
                );
                mutations += 3;
            }
            let mut longer = good.clone();
            longer.push(b'\n');
            assert!(match_body(&case.body, &longer, SAMPLE_NOW).is_err());
        }
    }
    assert!(mutations > 1000, "only {mutations} mutations were tried");
}

#[test]
fn placeholders_match_only_their_shape() {
    let uuid = |value: &str| match_body("\"{{uuid}}\"", format!("\"{value}\"").as_bytes(), 0);
    assert!(uuid(SAMPLE_UUID).is_ok());
    assert!(uuid("00000000-0000-4000-8000-000000000000").is_ok());
    assert!(uuid("ffffffff-ffff-4fff-bfff-ffffffffffff").is_ok());
    for bad in [
        "D6A8F6F2-3B5A-4F0A-81AB-1B4A4C9DD5EA",  // upper case
        "d6a8f6f2-3b5a-1f0a-81ab-1b4a4c9dd5ea",  // version 1
        "d6a8f6f2-3b5a-4f0a-c1ab-1b4a4c9dd5ea",  // variant c
        "d6a8f6f2-3b5a-4f0a-71ab-1b4a4c9dd5ea",  // variant 7
        "d6a8f6f23b5a-4f0a-81ab-1b4a4c9dd5ea0",  // hyphen moved
        "d6a8f6f2-3b5a-4f0a-81ab-1b4a4c9dd5e",   // short
        "d6a8f6f2-3b5a-4f0a-81ab-1b4a4c9dd5eaa", // long
        "g6a8f6f2-3b5a-4f0a-81ab-1b4a4c9dd5ea",  // not hex
    ] {
        assert!(uuid(bad).is_err(), "{bad} was accepted as a UUID v4");
    }

    let time = |value: &str| {
        match_body(
            "\"{{rfc3339_nanos}}\"",
            format!("\"{value}\"").as_bytes(),
            SAMPLE_NOW,
        )
    };
    assert!(time(SAMPLE_TIME).is_ok());
    assert!(time("2026-03-08T22:01:33.000000000Z").is_ok()); // 4 min 59 s later
    assert!(time("2026-03-08T21:51:34.000000000Z").is_ok()); // 4 min 59 s earlier
    for bad in [
        "2026-03-08T22:06:33.877635522Z",  // ten minutes later
        "2026-03-08T21:46:33.877635522Z",  // ten minutes earlier
        "2027-03-08T21:56:33.877635522Z",  // a year later
        "2026-03-08T21:56:33.877635Z",     // six digits
        "2026-03-08T21:56:33.8776355220Z", // ten digits
        "2026-03-08T21:56:33.877635522+00:00",
        "2026-03-08 21:56:33.877635522Z",
        "2026-03-08T21:56:33.877635522z",
        "2026-13-08T21:56:33.877635522Z",
        "2026-02-29T21:56:33.877635522Z", // not a leap year
        "2026-03-08T24:56:33.877635522Z",
        "2026-03-08T21:60:33.877635522Z",
        "2026-03-08T21:56:60.877635522Z",
        "2026-03-08T21:56:33.87763552aZ",
    ] {
        assert!(
            time(bad).is_err(),
            "{bad} was accepted as a timestamp near {SAMPLE_TIME}"
        );
    }

    assert!(
        match_body("{{nonce}}", b"x", 0).is_err(),
        "an unknown placeholder"
    );
}

#[test]
fn timestamps_parse_to_known_instants() {
    // Checked against `date -u -d @SECS +%Y-%m-%dT%H:%M:%S`.
    for (text, secs, nanos) in [
        ("1970-01-01T00:00:00.000000000Z", 0_i128, 0_i128),
        (SAMPLE_TIME, 1_773_006_993, 877_635_522),
        ("2000-02-29T00:00:00.000000001Z", 951_782_400, 1),
        ("2100-02-28T23:59:59.999999999Z", 4_107_542_399, 999_999_999),
        ("9999-12-31T23:59:59.000000000Z", 253_402_300_799, 0),
    ] {
        assert_eq!(
            parse_rfc3339_nanos(text.as_bytes()),
            Ok(secs * 1_000_000_000 + nanos),
            "{text}"
        );
    }
    assert!(parse_rfc3339_nanos(b"2100-02-29T00:00:00.000000000Z").is_err());
}

#[test]
fn response_comparison_rejects_wrong_status_headers_and_leaks() {
    let vectors = load_all_vectors().0;
    for file in &vectors {
        for case in &file.cases {
            let label = format!("{} {}", file.envelope, case.case);
            let good = received(case);
            compare(case, &good, SAMPLE_NOW)
                .unwrap_or_else(|e| panic!("{label}: a correct response was rejected: {e}"));

            let mut wrong = received(case);
            wrong.status = if case.status == 500 { 502 } else { 500 };
            assert!(
                compare(case, &wrong, SAMPLE_NOW).is_err(),
                "{label}: status"
            );

            for name in case.headers.keys() {
                let mut missing = received(case);
                missing.headers.retain(|(n, _)| n != name);
                assert!(
                    compare(case, &missing, SAMPLE_NOW).is_err(),
                    "{label}: no {name}"
                );

                let mut changed = received(case);
                for (n, value) in &mut changed.headers {
                    if n == name {
                        value.push(b' ');
                    }
                }
                assert!(
                    compare(case, &changed, SAMPLE_NOW).is_err(),
                    "{label}: {name}"
                );

                let mut twice = received(case);
                let value = case.headers[name].as_bytes().to_vec();
                twice.headers.push((name.clone(), value));
                assert!(
                    compare(case, &twice, SAMPLE_NOW).is_err(),
                    "{label}: {name} twice"
                );
            }

            for extra in ["x-request-id", "retry-after", "x-ms-error-code", "server"] {
                if case.headers.contains_key(extra) {
                    continue;
                }
                let mut leaked = received(case);
                leaked.headers.push((extra.into(), b"5".to_vec()));
                assert!(
                    compare(case, &leaked, SAMPLE_NOW).is_err(),
                    "{label}: extra {extra}"
                );
            }

            let mut secret = received(case);
            secret
                .headers
                .push(("date".into(), b"db password=hunter2".to_vec()));
            assert!(
                compare(case, &secret, SAMPLE_NOW).is_err(),
                "{label}: secret header"
            );

            let mut length = received(case);
            length.headers.retain(|(n, _)| n != "content-length");
            length
                .headers
                .push(("content-length".into(), b"1".to_vec()));
            assert!(
                compare(case, &length, SAMPLE_NOW).is_err(),
                "{label}: length"
            );
        }
    }
    assert!(
        compare(
            &VectorCase {
                case: CASES[2].into(),
                status: 500,
                headers: std::collections::BTreeMap::new(),
                body: "{\"m\":\"db password=hunter2\"}".into(),
            },
            &Received {
                status: 500,
                headers: vec![("content-length".into(), b"27".to_vec())],
                body: b"{\"m\":\"db password=hunter2\"}".to_vec(),
            },
            SAMPLE_NOW,
        )
        .is_err(),
        "a body with the secret must fail even when the template has it"
    );
}

#[test]
fn the_internal_case_really_carries_the_secret() {
    // Otherwise the leak checks above would prove nothing.
    let internal = canon_case("internal");
    assert!(internal.to_string().contains(support::SECRET));
    let source = std::error::Error::source(&internal).expect("the io error is the source");
    assert!(source.to_string().contains(support::SECRET));
    assert!(format!("{internal:?}").contains(support::SECRET));
}
