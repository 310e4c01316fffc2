//! Example responses: each code's example in the type's envelope, and the example as what the
//! error itself renders.

use super::*;

/// Each example in `Shop`'s envelope, ErrorObject: `{"error":{"code","message","details"}}`,
/// `details` holding the detail placeholders, then `request_id` on a 5xx, then `retry_after`;
/// left out when empty. `Content-Type: application/json`; `Retry-After` for a constant delay.
#[test]
fn examples_keep_the_placeholders_in_the_types_envelope() {
    let catalog = apierror::catalog::<Shop>();
    let json = ("content-type", "application/json");
    let expected: [(&str, u16, Headers<'_>, &str); 10] = [
        (
            "item_not_found",
            404,
            &[json],
            r#"{"error":{"code":"item_not_found","message":"item {item_id:?} not found","details":{"id":42}}}"#,
        ),
        (
            "OUT_OF_STOCK",
            409,
            &[json],
            r#"{"error":{"code":"OUT_OF_STOCK","message":"only {available} of {sku:?} left","details":{"sku":"{sku}","available":42}}}"#,
        ),
        (
            // The delay and the rate limit are fields: unknown in an example.
            "rate_limited",
            429,
            &[json],
            r#"{"error":{"code":"rate_limited","message":"slow down"}}"#,
        ),
        (
            "maintenance",
            503,
            &[json, ("retry-after", "120")],
            r#"{"error":{"code":"maintenance","message":"down for maintenance until {until}","details":{"request_id":"{request_id}","retry_after":120}}}"#,
        ),
        (
            "database",
            500,
            &[json],
            r#"{"error":{"code":"database","message":"Internal Server Error","details":{"request_id":"{request_id}"}}}"#,
        ),
        (
            "provider",
            502,
            &[json],
            r#"{"error":{"code":"provider","message":"Bad Gateway","details":{"request_id":"{request_id}"}}}"#,
        ),
        (
            "SHOP_CLOSED",
            500,
            &[json],
            r#"{"error":{"code":"SHOP_CLOSED","message":"the shop is closed today","details":{"request_id":"{request_id}"}}}"#,
        ),
        (
            // The violations are a field's: none in an example, so no `details`.
            "invalid_order",
            422,
            &[json],
            // One placeholder violation, where ErrorObject keeps them: `details.violations`.
            r#"{"error":{"code":"invalid_order","message":"invalid order","details":{"violations":[{"field":"{field}","message":"{message}"}]}}}"#,
        ),
        (
            "CARD_DECLINED",
            402,
            &[json],
            r#"{"error":{"code":"CARD_DECLINED","message":"card declined"}}"#,
        ),
        (
            // The renderer's own code, in every catalog: its reason-phrase message and, as on
            // every 5xx of ErrorObject, the request id.
            "INTERNAL_ERROR",
            500,
            &[json],
            r#"{"error":{"code":"INTERNAL_ERROR","message":"Internal Server Error","details":{"request_id":"{request_id}"}}}"#,
        ),
    ];
    assert_eq!(catalog.records().len(), expected.len());
    for (record, (code, status, headers, body)) in catalog.records().iter().zip(expected) {
        assert_eq!(record.entry().code, code);
        let example = record.example();
        assert_eq!(example.status(), status, "{code}");
        let got: Vec<(&str, &str)> = example
            .headers()
            .iter()
            .map(|(n, v)| (n.as_str(), v.as_str()))
            .collect();
        assert_eq!(got, headers, "{code}");
        assert_eq!(example.body(), body, "{code}");
        assert_eq!(
            example.body_json(),
            serde_json::from_str::<serde_json::Value>(body).unwrap()
        );
    }
    let maintenance = &catalog.records()[3].example();
    assert_eq!(maintenance.header("retry-after"), Some("120"));
    assert_eq!(maintenance.header("x-request-id"), None);
}

/// What the renderer answers for a real error of a code without fields is its example, byte
/// for byte (status, body, headers): the example is the envelope's own output, not a copy of
/// it. Through a transparent variant, the outer type's envelope with the inner type's
/// descriptor and delay. A row per type and code.
#[test]
fn an_example_is_what_the_error_itself_renders() {
    let shop = apierror::catalog::<Shop>();
    let orders = apierror::catalog::<Orders>();
    assert_eq!(shop.records()[8].entry().code, "CARD_DECLINED");
    let request = RequestInfo::new().with_request_id("{request_id}");
    let rows = [
        (
            "Shop, its own code, in ErrorObject",
            &shop,
            "CARD_DECLINED",
            apierror::render::<ErrorObject>(&Shop::Payment(Payment::CardDeclined), &request),
        ),
        (
            "Orders, one level in, in Problem",
            &orders,
            "CARD_DECLINED",
            apierror::render::<Problem>(&Orders::Billing(Billing::CardDeclined), &request),
        ),
        (
            "Orders, two levels in, in Problem",
            &orders,
            "GATEWAY_TIMEOUT",
            apierror::render::<Problem>(
                &Orders::Billing(Billing::Gateway(Gateway::GatewayTimeout)),
                &request,
            ),
        ),
        (
            "Orders, two levels in, in Problem",
            &orders,
            "GATEWAY_DOWN",
            apierror::render::<Problem>(
                &Orders::Billing(Billing::Gateway(Gateway::GatewayDown)),
                &request,
            ),
        ),
        (
            "Orders, one level in, in Problem",
            &orders,
            "TOO_MANY_ATTEMPTS",
            apierror::render::<Problem>(&Orders::Billing(Billing::TooManyAttempts), &request),
        ),
        (
            "Orders, its own code, in Problem",
            &orders,
            "ALREADY_SHIPPED",
            apierror::render::<Problem>(&Orders::AlreadyShipped, &request),
        ),
    ];
    for (what, catalog, code, real) in rows {
        let record = catalog
            .records()
            .iter()
            .find(|r| r.entry().code == code)
            .unwrap_or_else(|| panic!("{what}: no record of {code}"));
        let example = record.example();
        assert_eq!(example.status(), real.status(), "{what}: {code}");
        assert_eq!(
            example.body().as_bytes(),
            real.body().as_slice(),
            "{what}: {code}"
        );
        let real_headers: Vec<(String, String)> = real
            .headers()
            .iter()
            .map(|(n, v)| (n.to_string(), v.to_str().unwrap().to_owned()))
            .collect();
        assert_eq!(example.headers(), real_headers, "{what}: {code}");
    }
}
