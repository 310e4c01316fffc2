//! Transparent composition: inner entries in place, by status, examples in the outer envelope,
//! `only`.

use super::*;

/// `apierror::Rejection`'s codes, in the order of its table.
pub(super) const REJECTION_CODES: [(&str, u16); 10] = [
    ("INVALID_JSON", 400),
    ("INVALID_JSON_DATA", 422),
    ("UNSUPPORTED_MEDIA_TYPE", 415),
    ("PAYLOAD_TOO_LARGE", 413),
    ("INVALID_BODY", 400),
    ("INVALID_QUERY", 400),
    ("INVALID_PATH", 400),
    ("ROUTE_NOT_FOUND", 404),
    ("METHOD_NOT_ALLOWED", 405),
    ("REQUEST_REJECTED", 400),
];

#[test]
fn transparent_variants_bring_their_inner_entries_in_place() {
    let catalog = apierror::catalog::<Orders>();
    let mut expected = vec![
        ("ORDER_NOT_FOUND", 404),
        ("CARD_DECLINED", 402),
        ("GATEWAY_TIMEOUT", 504),
        ("GATEWAY_DOWN", 502),
        ("TOO_MANY_ATTEMPTS", 429),
        ("ALREADY_SHIPPED", 409),
    ];
    expected.extend(REJECTION_CODES);
    // The renderer's own code, last in every catalog (issue 18).
    expected.push(("INTERNAL_ERROR", 500));
    let records: Vec<(&str, u16)> = catalog
        .records()
        .iter()
        .map(|r| (r.entry().code, r.entry().status))
        .collect();
    assert_eq!(records, expected);
    // The tree's codes are the catalog's but the renderer's own, which is in no tree.
    let mut tree = apierror::all_codes::<Orders>();
    tree.push("INTERNAL_ERROR");
    assert_eq!(tree, codes(&catalog));

    assert_eq!(
        catalog.about(),
        "Errors of the Example Orders API.\n\nProblems in RFC 9457 form."
    );

    // `entry` finds a code at any depth, with what its own type said of it.
    let timeout = catalog.entry("GATEWAY_TIMEOUT").unwrap();
    assert_eq!(timeout.summary, "The gateway did not answer in time.");
    assert_eq!(timeout.message, Some("gateway timeout"));
    assert!(timeout.retryable);
    let attempts = catalog.entry("TOO_MANY_ATTEMPTS").unwrap();
    assert_eq!(attempts.retry_after, Some(Duration::from_secs(30)));
    assert_eq!(
        attempts.descriptor.type_uri,
        Some("https://errors.example.com/billing/too-many-attempts")
    );
    let route = catalog.entry("ROUTE_NOT_FOUND").unwrap();
    assert_eq!(route.summary, "No operation has this path.");
    assert_eq!(
        route.help,
        Some("Check the path against the API's reference.")
    );
    assert_eq!(
        route.message, None,
        "a rejection's message is the framework's"
    );
    assert!(
        !apierror::all_codes::<Orders>().contains(&"INTERNAL_ERROR"),
        "Rejection leaves INTERNAL_ERROR out of its codes"
    );
    assert_eq!(
        catalog.entry("INTERNAL_ERROR"),
        Some(&apierror::catalog::INTERNAL_ERROR_ENTRY),
        "the catalog adds the renderer's own"
    );
    assert_eq!(catalog.entry("NO_SUCH_CODE"), None);
}

#[test]
fn by_status_orders_by_status_then_code() {
    let catalog = apierror::catalog::<Orders>();
    let sorted: Vec<(u16, &str)> = catalog
        .by_status()
        .iter()
        .map(|r| (r.entry().status, r.entry().code))
        .collect();
    assert_eq!(
        sorted,
        [
            (400, "INVALID_BODY"),
            (400, "INVALID_JSON"),
            (400, "INVALID_PATH"),
            (400, "INVALID_QUERY"),
            (400, "REQUEST_REJECTED"),
            (402, "CARD_DECLINED"),
            (404, "ORDER_NOT_FOUND"),
            (404, "ROUTE_NOT_FOUND"),
            (405, "METHOD_NOT_ALLOWED"),
            (409, "ALREADY_SHIPPED"),
            (413, "PAYLOAD_TOO_LARGE"),
            (415, "UNSUPPORTED_MEDIA_TYPE"),
            (422, "INVALID_JSON_DATA"),
            (429, "TOO_MANY_ATTEMPTS"),
            (500, "INTERNAL_ERROR"),
            (502, "GATEWAY_DOWN"),
            (504, "GATEWAY_TIMEOUT"),
        ]
    );
    // Codes compare as bytes: capitals before small letters.
    let shop: Vec<&str> = apierror::catalog::<Shop>()
        .by_status()
        .iter()
        .filter(|r| r.entry().status == 500)
        .map(|r| r.entry().code)
        .collect();
    assert_eq!(shop, ["INTERNAL_ERROR", "SHOP_CLOSED", "database"]);
}

/// Problem (ENVELOPES.md): `type`, `title`, `status`, `detail`, then `code` and the details;
/// `application/problem+json`; the request id not echoed; `Retry-After` for a delay. The inner
/// codes are written in it, not in `Billing`'s ErrorObject or `Gateway`'s ErrorFlag, with
/// their own type and title.
#[test]
fn inner_codes_are_examples_in_the_outer_envelope() {
    let catalog = apierror::catalog::<Orders>();
    let problem = ("content-type", "application/problem+json");
    let cases: [(&str, Headers<'_>, &str); 7] = [
        (
            "ORDER_NOT_FOUND",
            &[problem],
            r#"{"type":"about:blank","title":"Not Found","status":404,"detail":"order {id} not found","code":"ORDER_NOT_FOUND","id":42}"#,
        ),
        (
            "CARD_DECLINED",
            &[problem],
            r#"{"type":"https://errors.example.com/billing/card-declined","title":"Card declined","status":402,"detail":"card declined","code":"CARD_DECLINED"}"#,
        ),
        (
            "GATEWAY_TIMEOUT",
            &[problem],
            r#"{"type":"about:blank","title":"Gateway Timeout","status":504,"detail":"gateway timeout","code":"GATEWAY_TIMEOUT"}"#,
        ),
        (
            "GATEWAY_DOWN",
            &[problem],
            r#"{"type":"about:blank","title":"Bad Gateway","status":502,"detail":"Bad Gateway","code":"GATEWAY_DOWN"}"#,
        ),
        (
            "TOO_MANY_ATTEMPTS",
            &[problem, ("retry-after", "30")],
            r#"{"type":"https://errors.example.com/billing/too-many-attempts","title":"Too Many Requests","status":429,"detail":"too many attempts","code":"TOO_MANY_ATTEMPTS"}"#,
        ),
        (
            "ALREADY_SHIPPED",
            &[problem],
            r#"{"type":"about:blank","title":"Conflict","status":409,"detail":"already shipped","code":"ALREADY_SHIPPED"}"#,
        ),
        (
            // No template: the example's message is the summary.
            "ROUTE_NOT_FOUND",
            &[problem],
            r#"{"type":"about:blank","title":"Not Found","status":404,"detail":"No operation has this path.","code":"ROUTE_NOT_FOUND"}"#,
        ),
    ];
    for (code, headers, body) in cases {
        let record = catalog
            .records()
            .iter()
            .find(|r| r.entry().code == code)
            .unwrap();
        let got: Vec<(&str, &str)> = record
            .example()
            .headers()
            .iter()
            .map(|(n, v)| (n.as_str(), v.as_str()))
            .collect();
        assert_eq!(got, headers, "{code}");
        assert_eq!(record.example().body(), body, "{code}");
        assert_eq!(record.example().status(), record.entry().status, "{code}");
    }
    for record in catalog.records() {
        assert_eq!(
            record.example().header("content-type"),
            Some("application/problem+json"),
            "{}",
            record.entry().code
        );
    }
}

#[test]
fn only_keeps_the_named_codes_in_catalog_order() {
    let catalog = apierror::catalog::<Orders>();
    let subset = catalog.only(&["ROUTE_NOT_FOUND", "CARD_DECLINED"]);
    assert_eq!(codes(&subset), ["CARD_DECLINED", "ROUTE_NOT_FOUND"]);
    assert_eq!(subset.about(), catalog.about());
    let panic = catch_unwind(|| catalog.only(&["CARD_DECLINDE"])).unwrap_err();
    assert!(panic_text(&*panic).starts_with("`CARD_DECLINDE` is not a code of this error type"));
}
