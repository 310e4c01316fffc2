//! `domain` and `version`: the defaults from cargo and what the attributes set.

use super::*;

#[derive(Debug, ApiError)]
#[api(envelope = DataErrorMeta)]
#[api(status = 410, message = "gone away")]
struct DefaultMeta;

#[derive(Debug, ApiError)]
#[api(envelope = DataErrorMeta, domain = "api.example.com", version = "1.0.0")]
#[api(status = 410, message = "gone \"away\"")]
struct ExplicitMeta;

#[test]
fn domain_and_version_default_to_the_deriving_crate() {
    assert_eq!(api(&DefaultMeta).domain, Some(env!("CARGO_PKG_NAME")));
    assert_eq!(api(&DefaultMeta).version, Some(env!("CARGO_PKG_VERSION")));
}

#[test]
fn domain_and_version_explicit() {
    assert_eq!(api(&ExplicitMeta).domain, Some("api.example.com"));
    assert_eq!(api(&ExplicitMeta).version, Some("1.0.0"));
}

/// Checks `YYYY-MM-DDTHH:MM:SS.nnnnnnnnnZ`.
fn assert_rfc3339_nanos(text: &str) {
    let bytes = text.as_bytes();
    assert_eq!(bytes.len(), 30, "{text}");
    for (i, &b) in bytes.iter().enumerate() {
        let expected = match i {
            4 | 7 => Some(b'-'),
            10 => Some(b'T'),
            13 | 16 => Some(b':'),
            19 => Some(b'.'),
            29 => Some(b'Z'),
            _ => None,
        };
        match expected {
            Some(c) => assert_eq!(b, c, "{text} at {i}"),
            None => assert!(b.is_ascii_digit(), "{text} at {i}"),
        }
    }
}

#[test]
fn data_error_meta_uses_the_explicit_version_and_the_request_id() {
    let context = RequestInfo::new().with_request_id("req-7");
    let rendered = apierror::render::<DataErrorMeta>(&ExplicitMeta, &context);
    assert_eq!(rendered.status(), 410);
    let body = String::from_utf8(rendered.into_body()).unwrap();
    let prefix = r#"{"data":null,"error":{"code":"EXPLICIT_META","message":"gone \"away\""},"meta":{"request_id":"req-7","timestamp":""#;
    let suffix = r#"","version":"1.0.0"}}"#;
    assert!(body.starts_with(prefix), "{body}");
    assert!(body.ends_with(suffix), "{body}");
    assert_rfc3339_nanos(&body[prefix.len()..body.len() - suffix.len()]);
}

#[test]
fn data_error_meta_defaults_to_the_crate_version_and_a_fresh_uuid_v4() {
    let body = body::<DataErrorMeta>(&DefaultMeta);
    let prefix = r#"{"data":null,"error":{"code":"DEFAULT_META","message":"gone away"},"meta":{"request_id":""#;
    let suffix = format!(r#"Z","version":"{}"}}}}"#, env!("CARGO_PKG_VERSION"));
    assert!(body.starts_with(prefix), "{body}");
    assert!(body.ends_with(&suffix), "{body}");
    let middle = &body[prefix.len()..body.len() - suffix.len() + 1];
    let (uuid, rest) = middle.split_at(36);
    let groups: Vec<&str> = uuid.split('-').collect();
    assert_eq!(
        groups.iter().map(|g| g.len()).collect::<Vec<_>>(),
        [8, 4, 4, 4, 12],
        "{uuid}"
    );
    assert!(uuid
        .chars()
        .all(|c| c == '-' || c.is_ascii_digit() || ('a'..='f').contains(&c)));
    assert!(groups[2].starts_with('4'), "version 4: {uuid}");
    assert!(
        groups[3].starts_with(['8', '9', 'a', 'b']),
        "RFC 4122 variant: {uuid}"
    );
    let timestamp = rest
        .strip_prefix(r#"","timestamp":""#)
        .unwrap_or_else(|| panic!("{body}"));
    assert_rfc3339_nanos(timestamp);
    // Two renderings get two ids.
    assert_ne!(
        body,
        self::body::<DataErrorMeta>(&DefaultMeta),
        "fresh id per response"
    );
}
