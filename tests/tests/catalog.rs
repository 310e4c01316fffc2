// Rewrite the example app's snapshots: APIERROR_BLESS=1 cargo test -p apierror-tests --test catalog

//! The error catalog, as a spec: what each `#[api(...)]` key, doc comment and `#[error("...")]`
//! template puts into a code's entry; how `transparent` variants compose the entries of a
//! tree; the example response of each code, in the outer type's envelope; the JSON records and
//! the Markdown page; the compatibility check against a saved catalog; and the example app's
//! catalog, kept as snapshots and as a frozen contract.
//!
//! Every expected value is worked out from the attributes written here and the rules of the
//! derive's documentation and `tests/vectors/ENVELOPES.md`.

// Its `#[cfg(feature = "utoipa")] pub mod openapi;` is off here: this crate has no such feature.
#[allow(unexpected_cfgs)]
#[path = "../../runtime/examples/app/mod.rs"]
mod app;

use std::panic::{catch_unwind, UnwindSafe};
use std::path::{Path, PathBuf};
use std::time::Duration;

use apierror::catalog::{assert_compatible, Break, Catalog, Entry, Field, FieldRole};
use apierror::envelope::{ErrorObject, Problem, RequestInfo};
use apierror::{Descriptor, RateLimit, StatusCode, Violation};
use serde_json::json;

// ---------------------------------------------------------------------------------------------
// A type using every key
// ---------------------------------------------------------------------------------------------

/// Errors of the Example Shop API.
///
/// Every error is a nested `error` object with a stable `code`:
/// branch on the code, never on the message.
#[derive(Debug, thiserror::Error, apierror::ApiError)]
#[api(
    envelope = apierror::envelope::ErrorObject,
    type_base = "https://errors.example.com/shop/",
    code_case = "snake_case"
)]
#[allow(dead_code)] // Only the catalog of most variants is read.
enum Shop {
    /// The item does not exist
    /// (or was withdrawn from sale).
    ///
    /// Item ids are never reused.
    ///
    ///     GET /items/{id}
    #[error("item {item_id:?} not found")]
    #[api(status = 404, help = "Check the id; `GET /items` lists them | all.")]
    ItemNotFound {
        #[api(detail = "id")]
        item_id: u64,
    },

    /// Not enough of the item is left for the order.
    #[error("only {available} left")]
    #[api(
        status = 409,
        code = "OUT_OF_STOCK",
        message = "only {available} of {sku:?} left",
        retryable,
        title = "Out of stock",
        type = "https://docs.example.com/problems/out-of-stock",
        grpc = "ABORTED",
        help = "Order fewer, or retry once the item is restocked."
    )]
    OutOfStock {
        #[api(detail)]
        sku: String,
        warehouse: String,
        #[api(detail)]
        available: u32,
    },

    /// Too many requests in the current window.
    #[error("slow down")]
    #[api(status = 429)]
    RateLimited {
        #[api(retry_after)]
        wait: Option<u64>,
        #[api(rate_limit)]
        limit: RateLimit,
    },

    /// The shop is down for planned maintenance.
    #[error("down for maintenance until {until}")]
    #[api(
        status = 503,
        retry_after = 120,
        expose,
        help = "Retry after two minutes."
    )]
    Maintenance { until: String },

    #[error("database failure: {0}")]
    #[api(status = 500)]
    Database(#[source] std::io::Error),

    /// The payment provider answered with an error.
    #[error("provider said {0}")]
    #[api(status = StatusCode::BAD_GATEWAY, retryable = false)]
    Provider(String),

    /// The shop is closed today.
    #[error("closed: {reason}")]
    #[api(
        status = 500,
        code = "SHOP_CLOSED",
        message = "the shop is closed today"
    )]
    Closed { reason: String },

    /// The order failed validation.
    #[error("invalid order")]
    #[api(status = 422)]
    InvalidOrder {
        #[api(violations)]
        violations: Vec<Violation>,
    },

    #[error(transparent)]
    #[api(transparent)]
    Payment(#[from] Payment),
}

/// Errors of the payment module (this text is not the outer catalog's).
#[derive(Debug, thiserror::Error, apierror::ApiError)]
#[allow(dead_code)]
enum Payment {
    /// The card was declined.
    #[error("card declined")]
    #[api(status = 402)]
    CardDeclined,
}

/// The coupon has expired.
///
/// Coupons last thirty days from issue.
#[derive(Debug, thiserror::Error, apierror::ApiError)]
#[error("coupon {coupon} expired")]
#[api(status = 410, help = "Use a current coupon.")]
struct CouponExpired {
    #[api(detail)]
    coupon: String,
}

// What each variant's entry must be, every member set explicitly (also where it equals
// `Entry::new`'s default), worked out from the attributes above.

/// Doc comment: first paragraph's two lines joined by a space; the rest as written, the
/// indented code block kept. `detail = "id"` renames the field on the wire. No `type`, so
/// `type_base` + the code in kebab-case. No `message`: thiserror's template, `{…:?}` kept.
const ITEM_NOT_FOUND: Entry = Entry::new("item_not_found", 404)
    .with_docs(
        "The item does not exist (or was withdrawn from sale).",
        "Item ids are never reused.\n\n    GET /items/{id}",
    )
    .with_help("Check the id; `GET /items` lists them | all.")
    .with_retryable(false)
    .with_descriptor(
        Descriptor::new().with_type_uri("https://errors.example.com/shop/item-not-found"),
    )
    .with_message("item {item_id:?} not found")
    .with_fields(&[Field::new("id", "u64", FieldRole::Detail)]);

/// `code` overrides `code_case`; `type` overrides `type_base`; `message` overrides `#[error]`;
/// `retryable` on a 409 (not retryable by default); the field without a key is not listed.
const OUT_OF_STOCK: Entry = Entry::new("OUT_OF_STOCK", 409)
    .with_docs("Not enough of the item is left for the order.", "")
    .with_help("Order fewer, or retry once the item is restocked.")
    .with_retryable(true)
    .with_descriptor(
        Descriptor::new()
            .with_type_uri("https://docs.example.com/problems/out-of-stock")
            .with_title("Out of stock")
            .with_grpc("ABORTED"),
    )
    .with_message("only {available} of {sku:?} left")
    .with_fields(&[
        Field::new("sku", "String", FieldRole::Detail),
        Field::new("available", "u32", FieldRole::Detail),
    ]);

/// 429: retryable by default; the delay is a field's, so no constant one.
const RATE_LIMITED: Entry = Entry::new("rate_limited", 429)
    .with_docs("Too many requests in the current window.", "")
    .with_retryable(true)
    .with_descriptor(
        Descriptor::new().with_type_uri("https://errors.example.com/shop/rate-limited"),
    )
    .with_message("slow down")
    .with_fields(&[
        Field::new("wait", "Option<u64>", FieldRole::RetryAfter),
        Field::new("limit", "RateLimit", FieldRole::RateLimit),
    ]);

/// An exposed 5xx: its `#[error]` template, naming a field that is no detail.
const MAINTENANCE: Entry = Entry::new("maintenance", 503)
    .with_docs("The shop is down for planned maintenance.", "")
    .with_help("Retry after two minutes.")
    .with_retryable(true)
    .with_retry_after(Duration::from_secs(120))
    .with_descriptor(Descriptor::new().with_type_uri("https://errors.example.com/shop/maintenance"))
    .with_message("down for maintenance until {until}");

/// No doc comment; a hidden 5xx: the reason phrase, never the `#[error]` text.
const DATABASE: Entry = Entry::new("database", 500)
    .with_retryable(false)
    .with_descriptor(Descriptor::new().with_type_uri("https://errors.example.com/shop/database"))
    .with_message("Internal Server Error");

/// A hidden 5xx whose status is a constant's name; `retryable = false` on a 502 (retryable
/// by default).
const PROVIDER: Entry = Entry::new("provider", 502)
    .with_docs("The payment provider answered with an error.", "")
    .with_retryable(false)
    .with_descriptor(Descriptor::new().with_type_uri("https://errors.example.com/shop/provider"))
    .with_message("Bad Gateway");

/// A 5xx with `message`: that message is public; an explicit code in kebab-case for the type.
const SHOP_CLOSED: Entry = Entry::new("SHOP_CLOSED", 500)
    .with_docs("The shop is closed today.", "")
    .with_retryable(false)
    .with_descriptor(Descriptor::new().with_type_uri("https://errors.example.com/shop/shop-closed"))
    .with_message("the shop is closed today");

const INVALID_ORDER: Entry = Entry::new("invalid_order", 422)
    .with_docs("The order failed validation.", "")
    .with_retryable(false)
    .with_descriptor(
        Descriptor::new().with_type_uri("https://errors.example.com/shop/invalid-order"),
    )
    .with_message("invalid order")
    .with_fields(&[Field::new(
        "violations",
        "Vec<Violation>",
        FieldRole::Violations,
    )]);

/// The inner type's own entry: its code case, no `type_base` (the outer one does not reach
/// it).
const CARD_DECLINED: Entry = Entry::new("CARD_DECLINED", 402)
    .with_docs("The card was declined.", "")
    .with_retryable(false)
    .with_descriptor(Descriptor::new())
    .with_message("card declined");

/// A struct's doc comment describes its one entry.
const COUPON_EXPIRED: Entry = Entry::new("COUPON_EXPIRED", 410)
    .with_docs(
        "The coupon has expired.",
        "Coupons last thirty days from issue.",
    )
    .with_help("Use a current coupon.")
    .with_retryable(false)
    .with_descriptor(Descriptor::new())
    .with_message("coupon {coupon} expired")
    .with_fields(&[Field::new("coupon", "String", FieldRole::Detail)]);

const SHOP_ENTRIES: [&Entry; 9] = [
    &ITEM_NOT_FOUND,
    &OUT_OF_STOCK,
    &RATE_LIMITED,
    &MAINTENANCE,
    &DATABASE,
    &PROVIDER,
    &SHOP_CLOSED,
    &INVALID_ORDER,
    &CARD_DECLINED,
];

const SHOP_ABOUT: &str = "Errors of the Example Shop API.\n\nEvery error is a nested `error` \
                          object with a stable `code`:\nbranch on the code, never on the \
                          message.";

/// An example's headers, in order: lowercase name and value.
type Headers<'a> = &'a [(&'a str, &'a str)];

fn codes(catalog: &Catalog) -> Vec<&'static str> {
    catalog.records().iter().map(|r| r.entry().code).collect()
}

#[test]
fn every_key_reaches_its_entry() {
    let catalog = apierror::catalog::<Shop>();
    assert_eq!(
        codes(&catalog),
        SHOP_ENTRIES.map(|e| e.code),
        "declaration order, the transparent variant's codes at its place"
    );
    for expected in SHOP_ENTRIES {
        assert_eq!(
            catalog.entry(expected.code),
            Some(expected),
            "{}",
            expected.code
        );
    }
    assert_eq!(catalog.about(), SHOP_ABOUT);
}

#[test]
fn each_rule_of_an_entry_spelled_out() {
    let catalog = apierror::catalog::<Shop>();
    let entry = |code| catalog.entry(code).unwrap();

    // Doc comments.
    let item = entry("item_not_found");
    assert_eq!(
        item.summary,
        "The item does not exist (or was withdrawn from sale)."
    );
    assert_eq!(
        item.description,
        "Item ids are never reused.\n\n    GET /items/{id}"
    );
    assert_eq!(
        (entry("database").summary, entry("database").description),
        ("", "")
    );

    // The message template as written.
    assert_eq!(item.message, Some("item {item_id:?} not found"));
    assert_eq!(
        entry("OUT_OF_STOCK").message,
        Some("only {available} of {sku:?} left")
    );
    assert_eq!(
        entry("maintenance").message,
        Some("down for maintenance until {until}"),
        "an exposed 5xx: its #[error] template"
    );
    assert_eq!(entry("database").message, Some("Internal Server Error"));
    assert_eq!(entry("provider").message, Some("Bad Gateway"));
    assert_eq!(
        entry("SHOP_CLOSED").message,
        Some("the shop is closed today")
    );

    // Retry data.
    let retryable: Vec<bool> = SHOP_ENTRIES
        .iter()
        .map(|e| entry(e.code).retryable)
        .collect();
    assert_eq!(
        retryable,
        [false, true, true, true, false, false, false, false, false]
    );
    assert_eq!(
        entry("maintenance").retry_after,
        Some(Duration::from_secs(120))
    );
    assert_eq!(entry("rate_limited").retry_after, None);
    assert!(entry("rate_limited").may_have_retry_after());
    assert!(!entry("OUT_OF_STOCK").may_have_retry_after());

    // Descriptors.
    assert_eq!(
        item.descriptor.type_uri,
        Some("https://errors.example.com/shop/item-not-found")
    );
    assert_eq!(
        entry("SHOP_CLOSED").descriptor.type_uri,
        Some("https://errors.example.com/shop/shop-closed")
    );
    let stock = entry("OUT_OF_STOCK").descriptor;
    assert_eq!(
        (stock.type_uri, stock.title, stock.grpc),
        (
            Some("https://docs.example.com/problems/out-of-stock"),
            Some("Out of stock"),
            Some("ABORTED")
        )
    );
    assert_eq!(entry("OUT_OF_STOCK").title(), "Out of stock");
    assert_eq!(item.title(), "Not Found", "no title: the reason phrase");
    assert_eq!(entry("CARD_DECLINED").descriptor.type_uri, None);

    // Fields.
    assert_eq!(item.fields, [Field::new("id", "u64", FieldRole::Detail)]);
    let names: Vec<&str> = entry("OUT_OF_STOCK")
        .fields
        .iter()
        .map(|f| f.name)
        .collect();
    assert_eq!(names, ["sku", "available"], "`warehouse` has no key");
    assert_eq!(entry("rate_limited").fields[0].rust_type, "Option<u64>");
    assert_eq!(entry("rate_limited").fields[1].role, FieldRole::RateLimit);
    assert!(entry("invalid_order").has(FieldRole::Violations));
    assert!(entry("maintenance").fields.is_empty());
}

#[test]
fn a_struct_is_one_entry_its_doc_comment_describes() {
    let catalog = apierror::catalog::<CouponExpired>();
    assert_eq!(catalog.records().len(), 1);
    assert_eq!(catalog.records()[0].entry(), &COUPON_EXPIRED);
    assert_eq!(catalog.about(), "", "a struct's doc comment is its entry's");
    assert_eq!(
        catalog.records()[0].example().body(),
        r#"{"error":{"code":"COUPON_EXPIRED","message":"coupon {coupon} expired","details":{"coupon":"{coupon}"}}}"#
    );
    assert!(catalog.markdown().starts_with("| Code | Status |"));
}

// ---------------------------------------------------------------------------------------------
// Example responses
// ---------------------------------------------------------------------------------------------

/// Each example in `Shop`'s envelope, ErrorObject: `{"error":{"code","message","details"}}`,
/// `details` holding the detail placeholders, then `request_id` on a 5xx, then `retry_after`;
/// left out when empty. `Content-Type: application/json`; `Retry-After` for a constant delay.
#[test]
fn examples_keep_the_placeholders_in_the_types_envelope() {
    let catalog = apierror::catalog::<Shop>();
    let json = ("content-type", "application/json");
    let expected: [(&str, u16, Headers<'_>, &str); 9] = [
        (
            "item_not_found",
            404,
            &[json],
            r#"{"error":{"code":"item_not_found","message":"item {item_id:?} not found","details":{"id":"{id}"}}}"#,
        ),
        (
            "OUT_OF_STOCK",
            409,
            &[json],
            r#"{"error":{"code":"OUT_OF_STOCK","message":"only {available} of {sku:?} left","details":{"sku":"{sku}","available":"{available}"}}}"#,
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
/// for byte: the example is the envelope's own output, not a copy of it.
#[test]
fn an_example_is_what_the_error_itself_renders() {
    let catalog = apierror::catalog::<Shop>();
    let request = RequestInfo::new().with_request_id("{request_id}");
    let real = apierror::render::<ErrorObject>(&Shop::Payment(Payment::CardDeclined), &request);
    let record = &catalog.records()[8];
    assert_eq!(record.entry().code, "CARD_DECLINED");
    assert_eq!(record.example().body().as_bytes(), real.body().as_slice());
    assert_eq!(record.example().status(), real.status());
}

// ---------------------------------------------------------------------------------------------
// Transparent composition
// ---------------------------------------------------------------------------------------------

/// Errors of the Example Orders API.
///
/// Problems in RFC 9457 form.
#[derive(Debug, thiserror::Error, apierror::ApiError)]
#[api(envelope = apierror::envelope::Problem)]
#[allow(dead_code)]
enum Orders {
    /// The order does not exist.
    #[error("order {id} not found")]
    #[api(status = 404)]
    OrderNotFound {
        #[api(detail)]
        id: u64,
    },

    /// Not this text: a transparent variant's codes are its inner type's.
    #[error(transparent)]
    #[api(transparent)]
    Billing(#[from] Billing),

    /// The order was already shipped.
    #[error("already shipped")]
    #[api(status = 409, help = "Create a return instead.")]
    AlreadyShipped,

    #[error(transparent)]
    #[api(transparent)]
    Rejected(#[from] apierror::Rejection),
}

/// Errors of billing: not the outer catalog's introduction.
#[derive(Debug, thiserror::Error, apierror::ApiError)]
#[api(type_base = "https://errors.example.com/billing/")]
enum Billing {
    /// The card was declined.
    #[error("card declined")]
    #[api(status = 402, title = "Card declined")]
    CardDeclined,

    #[error(transparent)]
    #[api(transparent)]
    Gateway(#[from] Gateway),

    /// Too many payment attempts.
    #[error("too many attempts")]
    #[api(status = 429, retry_after = 30)]
    TooManyAttempts,
}

/// Errors of the payment gateway, two levels below `Orders`, in an envelope of its own.
#[derive(Debug, thiserror::Error, apierror::ApiError)]
#[api(envelope = apierror::envelope::ErrorFlag)]
enum Gateway {
    /// The gateway did not answer in time.
    #[error("gateway timeout")]
    #[api(status = 504, expose)]
    GatewayTimeout,

    /// The gateway is not answering.
    #[error("gateway unreachable")]
    #[api(status = 502)]
    GatewayDown,
}

/// `apierror::Rejection`'s codes, in the order of its table.
const REJECTION_CODES: [(&str, u16); 10] = [
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
    let records: Vec<(&str, u16)> = catalog
        .records()
        .iter()
        .map(|r| (r.entry().code, r.entry().status))
        .collect();
    assert_eq!(records, expected);
    assert_eq!(apierror::all_codes::<Orders>(), codes(&catalog));

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
    assert_eq!(
        catalog.entry("INTERNAL_ERROR"),
        None,
        "Rejection leaves INTERNAL_ERROR out of its codes"
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
    assert_eq!(shop, ["SHOP_CLOSED", "database"]);
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
            r#"{"type":"about:blank","title":"Not Found","status":404,"detail":"order {id} not found","code":"ORDER_NOT_FOUND","id":"{id}"}"#,
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

/// The examples of codes without fields are what the wrapped errors answer through the outer
/// type: its envelope, the inner type's descriptor and delay.
#[test]
fn inner_examples_match_the_wrapped_errors_rendering() {
    let catalog = apierror::catalog::<Orders>();
    let request = RequestInfo::new().with_request_id("{request_id}");
    let errors = [
        ("CARD_DECLINED", Orders::Billing(Billing::CardDeclined)),
        (
            "GATEWAY_TIMEOUT",
            Orders::Billing(Billing::Gateway(Gateway::GatewayTimeout)),
        ),
        (
            "GATEWAY_DOWN",
            Orders::Billing(Billing::Gateway(Gateway::GatewayDown)),
        ),
        (
            "TOO_MANY_ATTEMPTS",
            Orders::Billing(Billing::TooManyAttempts),
        ),
        ("ALREADY_SHIPPED", Orders::AlreadyShipped),
    ];
    for (code, error) in errors {
        let real = apierror::render::<Problem>(&error, &request);
        let record = catalog
            .records()
            .iter()
            .find(|r| r.entry().code == code)
            .unwrap();
        let example = record.example();
        assert_eq!(example.status(), real.status(), "{code}");
        assert_eq!(example.body().as_bytes(), real.body().as_slice(), "{code}");
        let real_headers: Vec<(String, String)> = real
            .headers()
            .iter()
            .map(|(n, v)| (n.to_string(), v.to_str().unwrap().to_owned()))
            .collect();
        assert_eq!(example.headers(), real_headers, "{code}");
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

// ---------------------------------------------------------------------------------------------
// JSON
// ---------------------------------------------------------------------------------------------

#[test]
fn json_records_say_everything_of_a_code() {
    let catalog = apierror::catalog::<Shop>();
    let value = catalog.to_json();
    let top: Vec<&String> = value.as_object().unwrap().keys().collect();
    assert_eq!(top, ["about", "codes"]);
    assert_eq!(value["about"], SHOP_ABOUT);
    let records = value["codes"].as_array().unwrap();
    assert_eq!(records.len(), 9);
    let mut members: Vec<&str> = records[0]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    members.sort_unstable();
    let mut expected_members = [
        "code",
        "status",
        "title",
        "summary",
        "description",
        "help",
        "retryable",
        "retry_after",
        "type",
        "grpc",
        "message",
        "fields",
        "example",
    ];
    expected_members.sort_unstable();
    assert_eq!(members, expected_members);

    assert_eq!(
        records[0],
        json!({
            "code": "item_not_found",
            "status": 404,
            "title": "Not Found",
            "summary": "The item does not exist (or was withdrawn from sale).",
            "description": "Item ids are never reused.\n\n    GET /items/{id}",
            "help": "Check the id; `GET /items` lists them | all.",
            "retryable": false,
            "retry_after": null,
            "type": "https://errors.example.com/shop/item-not-found",
            // No `grpc` key: the name Google's envelope writes for a 404.
            "grpc": "NOT_FOUND",
            "message": "item {item_id:?} not found",
            "fields": [{"name": "id", "type": "u64", "role": "detail"}],
            "example": {
                "status": 404,
                "headers": {"content-type": "application/json"},
                "body": {"error": {"code": "item_not_found", "message": "item {item_id:?} not found", "details": {"id": "{id}"}}},
            },
        })
    );
    let stock = &records[1];
    assert_eq!(
        (&stock["title"], &stock["type"], &stock["grpc"]),
        (
            &json!("Out of stock"),
            &json!("https://docs.example.com/problems/out-of-stock"),
            &json!("ABORTED")
        )
    );
    assert_eq!(
        records[2]["fields"],
        json!([
            {"name": "wait", "type": "Option<u64>", "role": "retry_after"},
            {"name": "limit", "type": "RateLimit", "role": "rate_limit"},
        ])
    );
    assert_eq!(records[3]["retry_after"], 120);
    assert_eq!(
        records[3]["example"]["headers"],
        json!({"content-type": "application/json", "retry-after": "120"})
    );
    assert_eq!(records[4]["summary"], "");
    assert_eq!(records[4]["help"], serde_json::Value::Null);
    assert_eq!(records[4]["message"], "Internal Server Error");
    assert_eq!(
        records[7]["fields"],
        json!([{"name": "violations", "type": "Vec<Violation>", "role": "violations"}])
    );
    assert_eq!(records[8]["type"], "about:blank", "no type URI");
    assert_eq!(records[8]["title"], "Payment Required");

    assert_eq!(serde_json::to_value(&catalog).unwrap(), value);
    let text = catalog.to_json_string();
    assert!(text.ends_with("}\n") && !text.ends_with("\n\n"));
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&text).unwrap(),
        value
    );
}

// ---------------------------------------------------------------------------------------------
// Markdown
// ---------------------------------------------------------------------------------------------

#[test]
fn markdown_is_an_intro_a_table_and_a_section_per_code() {
    let page = apierror::catalog::<Shop>().markdown();
    let table = "| Code | Status | Description | What to do |\n|---|---|---|---|\n\
         | `CARD_DECLINED` | 402 | The card was declined. |  |\n\
         | `item_not_found` | 404 | The item does not exist (or was withdrawn from sale). | Check the id; `GET /items` lists them \\| all. |\n\
         | `OUT_OF_STOCK` | 409 | Not enough of the item is left for the order. | Order fewer, or retry once the item is restocked. |\n\
         | `invalid_order` | 422 | The order failed validation. |  |\n\
         | `rate_limited` | 429 | Too many requests in the current window. |  |\n\
         | `SHOP_CLOSED` | 500 | The shop is closed today. |  |\n\
         | `database` | 500 | Internal Server Error |  |\n\
         | `provider` | 502 | The payment provider answered with an error. |  |\n\
         | `maintenance` | 503 | The shop is down for planned maintenance. | Retry after two minutes. |\n";
    let head = format!("{SHOP_ABOUT}\n\n{table}");
    assert!(
        page.starts_with(&head),
        "intro and table:\n{}",
        &page[..head.len().min(page.len())]
    );

    // One section per code, in the table's order, each with an HTTP example.
    let sections: Vec<&str> = page
        .lines()
        .filter_map(|l| l.strip_prefix("## `")?.strip_suffix('`'))
        .collect();
    assert_eq!(
        sections,
        [
            "CARD_DECLINED",
            "item_not_found",
            "OUT_OF_STOCK",
            "invalid_order",
            "rate_limited",
            "SHOP_CLOSED",
            "database",
            "provider",
            "maintenance",
        ]
    );
    assert_eq!(page.matches("```http\nHTTP/1.1 ").count(), 9);

    let item = "\n## `item_not_found`\n\n404 Not Found\n\n\
         The item does not exist (or was withdrawn from sale).\n\n\
         Item ids are never reused.\n\n    GET /items/{id}\n\n\
         **What to do:** Check the id; `GET /items` lists them | all.\n\n\
         Do not retry the same request unchanged.\n\n\
         Problem type: `https://errors.example.com/shop/item-not-found`\n\n\
         | Field | Type | Sent as |\n|---|---|---|\n\
         | `id` | `u64` | a detail |\n\n\
         ```http\nHTTP/1.1 404 Not Found\ncontent-type: application/json\n\n\
         {\"error\":{\"code\":\"item_not_found\",\"message\":\"item {item_id:?} not found\",\"details\":{\"id\":\"{id}\"}}}\n\
         ```\n";
    assert!(page.contains(item), "{page}");

    assert!(page.contains("\n## `OUT_OF_STOCK`\n\n409 Conflict · Out of stock\n\n"));
    assert!(page.contains("\n\nRetryable, with backoff.\n\n"));
    assert!(page
        .contains("\n\nRetryable: wait as long as the `Retry-After` header says, then retry.\n\n"));
    assert!(page.contains("\n\nRetryable: wait 120 s (the `Retry-After` header), then retry.\n\n"));
    assert!(page.contains(
        "| `wait` | `Option<u64>` | the retry delay (`Retry-After`) |\n\
         | `limit` | `RateLimit` | the rate-limit headers |\n"
    ));
    assert!(page.contains("| `violations` | `Vec<Violation>` | the per-field violations |\n"));
    assert!(page.contains(
        "```http\nHTTP/1.1 503 Service Unavailable\ncontent-type: application/json\nretry-after: 120\n\n"
    ));
    // A code without docs is described by its title, in its row and in its section.
    assert!(page.contains(
        // No doc comment: the reason phrase is said once, in the status line.
        "\n## `database`\n\n500 Internal Server Error\n\nDo not retry"
    ));
    assert!(page.ends_with("```\n"));
}

// ---------------------------------------------------------------------------------------------
// Compatibility
// ---------------------------------------------------------------------------------------------

mod v1 {
    /// The first published version of the user API's codes.
    #[derive(Debug, thiserror::Error, apierror::ApiError)]
    #[allow(dead_code)]
    pub enum Users {
        #[error("user not found")]
        #[api(status = 404)]
        UserNotFound,
        #[error("name taken")]
        #[api(status = 409)]
        NameTaken,
        #[error("busy")]
        #[api(status = 503)]
        Busy,
        #[error("legacy parameter")]
        #[api(status = 400)]
        LegacyParam,
        #[error("slow down")]
        #[api(status = 429)]
        RateLimited,
    }
}

mod v1_plus {
    /// v1 with one more code.
    #[derive(Debug, thiserror::Error, apierror::ApiError)]
    #[allow(dead_code)]
    pub enum Users {
        #[error("user not found")]
        #[api(status = 404)]
        UserNotFound,
        #[error("archived")]
        #[api(status = 410)]
        Archived,
        #[error("name taken")]
        #[api(status = 409)]
        NameTaken,
        #[error("busy")]
        #[api(status = 503)]
        Busy,
        #[error("legacy parameter")]
        #[api(status = 400)]
        LegacyParam,
        #[error("slow down")]
        #[api(status = 429)]
        RateLimited,
    }
}

mod v2 {
    /// v1 with a status changed, a retryable switched, a code removed, a code changing both,
    /// and a code added.
    #[derive(Debug, thiserror::Error, apierror::ApiError)]
    #[allow(dead_code)]
    pub enum Users {
        #[error("user not found")]
        #[api(status = 404)]
        UserNotFound,
        #[error("name taken")]
        #[api(status = 422)]
        NameTaken,
        #[error("busy")]
        #[api(status = 503, retryable = false)]
        Busy,
        // `LegacyParam` removed.
        #[error("slow down")]
        #[api(status = 400)] // 429 was retryable by default; 400 is not
        RateLimited,
        #[error("archived")]
        #[api(status = 410)]
        Archived,
    }
}

fn removed(code: &str, status: u16) -> Break {
    Break::Removed {
        code: code.to_owned(),
        status,
    }
}

fn status_changed(code: &str, from: u16, to: u16) -> Break {
    Break::StatusChanged {
        code: code.to_owned(),
        from,
        to,
    }
}

fn retryable_changed(code: &str, now: bool) -> Break {
    Break::RetryableChanged {
        code: code.to_owned(),
        now,
    }
}

#[test]
fn every_break_is_found_in_the_earlier_catalogs_order() {
    let v1 = apierror::catalog::<v1::Users>().to_json_string();
    let breaks = apierror::catalog::<v2::Users>().breaks_since(&v1).unwrap();
    assert_eq!(
        breaks,
        [
            status_changed("NAME_TAKEN", 409, 422),
            retryable_changed("BUSY", false),
            removed("LEGACY_PARAM", 400),
            status_changed("RATE_LIMITED", 429, 400),
            retryable_changed("RATE_LIMITED", false),
        ]
    );
    let texts: Vec<String> = breaks.iter().map(ToString::to_string).collect();
    assert_eq!(
        texts,
        [
            "code `NAME_TAKEN` changed status from 409 to 422",
            "code `BUSY` is no longer retryable (it was)",
            "code `LEGACY_PARAM` was removed (it was answered with 400)",
            "code `RATE_LIMITED` changed status from 429 to 400",
            "code `RATE_LIMITED` is no longer retryable (it was)",
        ]
    );

    // Backwards: v2's added code is removed, the rest flips.
    let v2 = apierror::catalog::<v2::Users>().to_json_string();
    let back = apierror::catalog::<v1::Users>().breaks_since(&v2).unwrap();
    assert_eq!(
        back,
        [
            status_changed("NAME_TAKEN", 422, 409),
            retryable_changed("BUSY", true),
            status_changed("RATE_LIMITED", 400, 429),
            retryable_changed("RATE_LIMITED", true),
            removed("ARCHIVED", 410),
        ]
    );
    assert_eq!(
        back[1].to_string(),
        "code `BUSY` is now retryable (it was not)"
    );
}

#[test]
fn an_added_code_is_no_break() {
    let v1 = apierror::catalog::<v1::Users>().to_json_string();
    assert_eq!(
        apierror::catalog::<v1::Users>().breaks_since(&v1),
        Ok(vec![])
    );
    assert_eq!(
        apierror::catalog::<v1_plus::Users>().breaks_since(&v1),
        Ok(vec![])
    );
}

#[test]
fn a_saved_catalog_that_is_not_one_is_an_error_naming_what_is_missing() {
    let current = apierror::catalog::<v1::Users>();
    let error = |saved: &str| current.breaks_since(saved).unwrap_err();
    assert!(error("{").starts_with("not JSON: "), "{}", error("{"));
    assert_eq!(error("{}"), "no `codes` array");
    assert_eq!(error(r#"{"codes":{}}"#), "no `codes` array");
    assert_eq!(error(r#"{"codes":[{}]}"#), "record 0 has no string `code`");
    assert_eq!(
        error(r#"{"codes":[{"code":"A","status":404,"retryable":false},{"code":7}]}"#),
        "record 1 has no string `code`"
    );
    assert_eq!(
        error(r#"{"codes":[{"code":"A"}]}"#),
        "record `A` has no numeric `status`"
    );
    assert_eq!(
        error(r#"{"codes":[{"code":"A","status":70000,"retryable":false}]}"#),
        "record `A` has no numeric `status`"
    );
    assert_eq!(
        error(r#"{"codes":[{"code":"A","status":404}]}"#),
        "record `A` has no boolean `retryable`"
    );
    // Only `code`, `status` and `retryable` are read.
    assert_eq!(
        current.breaks_since(
            r#"{"codes":[{"code":"USER_NOT_FOUND","status":404,"retryable":false}]}"#
        ),
        Ok(vec![])
    );
}

/// Whether `APIERROR_BLESS` asks to rewrite saved files, by `assert_compatible`'s rule.
fn blessing() -> bool {
    std::env::var_os("APIERROR_BLESS").is_some_and(|v| !v.is_empty() && v != "0")
}

/// A fresh directory under the system's temp dir, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> Self {
        let dir = std::env::temp_dir().join(format!(
            "apierror-catalog-test-{}-{name}",
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }

    fn join(&self, file: &str) -> PathBuf {
        self.0.join(file)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn panic_text(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| payload.downcast_ref::<&str>().map(|s| (*s).to_owned()))
        .unwrap_or_default()
}

fn panic_of(f: impl FnOnce() + UnwindSafe) -> Option<String> {
    catch_unwind(f).err().map(|payload| panic_text(&*payload))
}

#[test]
fn assert_compatible_checks_against_a_saved_file() {
    if blessing() {
        // `assert_compatible` would save the catalogs instead of checking them.
        return;
    }
    let dir = TempDir::new("check");
    let saved = dir.join("users.json");
    std::fs::write(&saved, apierror::catalog::<v1::Users>().to_json_string()).unwrap();

    assert_eq!(panic_of(|| assert_compatible::<v1::Users>(&saved)), None);
    assert_eq!(
        panic_of(|| assert_compatible::<v1_plus::Users>(&saved)),
        None,
        "a new code passes"
    );

    let message = panic_of(|| assert_compatible::<v2::Users>(&saved)).expect("v2 breaks v1");
    let expected = format!(
        "the error catalog breaks clients of the one saved at {}:\n  \
         - code `NAME_TAKEN` changed status from 409 to 422\n  \
         - code `BUSY` is no longer retryable (it was)\n  \
         - code `LEGACY_PARAM` was removed (it was answered with 400)\n  \
         - code `RATE_LIMITED` changed status from 429 to 400\n  \
         - code `RATE_LIMITED` is no longer retryable (it was)\n",
        saved.display()
    );
    assert!(message.starts_with(&expected), "{message}");
    assert!(message.contains("APIERROR_BLESS=1"), "{message}");
    assert_eq!(
        std::fs::read_to_string(&saved).unwrap(),
        apierror::catalog::<v1::Users>().to_json_string(),
        "checking never rewrites the saved file"
    );

    std::fs::write(&saved, "{}").unwrap();
    let message = panic_of(|| assert_compatible::<v1::Users>(&saved)).unwrap();
    assert!(
        message.contains("is not a saved error catalog (no `codes` array)"),
        "{message}"
    );
}

#[test]
fn assert_compatible_without_a_saved_file_says_how_to_save_one() {
    if blessing() {
        return;
    }
    let dir = TempDir::new("missing");
    let missing = dir.join("never-saved.json");
    let message = panic_of(|| assert_compatible::<v1::Users>(&missing)).unwrap();
    assert!(
        message.starts_with(&format!("no saved error catalog at {}", missing.display())),
        "{message}"
    );
    assert!(
        message.contains("`APIERROR_BLESS=1 cargo test`"),
        "{message}"
    );
    assert!(!missing.exists());
}

// ---------------------------------------------------------------------------------------------
// The example app
// ---------------------------------------------------------------------------------------------

/// Compares `actual` with the committed file `tests/<relative>`, or rewrites it when blessing.
fn snapshot(relative: &str, actual: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(relative);
    if blessing() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "cannot read {} ({e}): run `APIERROR_BLESS=1 cargo test -p apierror-tests --test catalog`",
            path.display()
        )
    });
    if expected != actual {
        let line = expected
            .lines()
            .zip(actual.lines())
            .position(|(a, b)| a != b)
            .unwrap_or_else(|| expected.lines().count().min(actual.lines().count()));
        panic!(
            "{} differs from the current output from line {}:\n  saved:   {:?}\n  current: {:?}\n\
             If the change is intended, run `APIERROR_BLESS=1 cargo test -p apierror-tests --test catalog`",
            path.display(),
            line + 1,
            expected.lines().nth(line),
            actual.lines().nth(line),
        );
    }
}

#[test]
fn example_app_catalog_snapshots() {
    let catalog = apierror::catalog::<app::AppError>();
    snapshot("catalog/example-app.md", &catalog.markdown());
    snapshot("catalog/example-app.json", &catalog.to_json_string());
}

/// What the snapshots must hold, whatever their bytes: every code of the tree (two levels of
/// transparent types and `Rejection`), each answered in Problem format.
#[test]
fn example_app_catalog_covers_the_whole_tree() {
    let catalog = apierror::catalog::<app::AppError>();
    let mut expected: Vec<(&str, u16)> = vec![
        ("USER_NOT_FOUND", 404),
        ("INVALID_USER", 422),
        ("NAME_TAKEN", 409),
        ("RATE_LIMITED", 429),
        ("MAINTENANCE", 503),
        ("DATABASE", 500),
        ("CARD_DECLINED", 402),
        ("GATEWAY_TIMEOUT", 504),
    ];
    expected.extend(REJECTION_CODES);
    let records: Vec<(&str, u16)> = catalog
        .records()
        .iter()
        .map(|r| (r.entry().code, r.entry().status))
        .collect();
    assert_eq!(records, expected);

    let page = catalog.markdown();
    assert!(page.starts_with("Errors of the Example Users API.\n\n"));
    for (code, status) in &expected {
        let record = catalog.entry(code).unwrap();
        assert_eq!(record.status, *status);
        assert_eq!(
            page.matches(&format!("\n## `{code}`\n")).count(),
            1,
            "{code}"
        );
        let row = format!("| `{code}` | {status} | ");
        assert_eq!(page.matches(&row).count(), 1, "{code}");
    }
    for record in catalog.records() {
        let example = record.example();
        let code = record.entry().code;
        assert_eq!(
            example.header("content-type"),
            Some("application/problem+json")
        );
        let body = example.body_json();
        let members: Vec<&str> = body
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert!(
            ["type", "title", "status", "detail", "code"]
                .iter()
                .all(|m| members.contains(m)),
            "{code}: {body}"
        );
        assert!(
            example.body().starts_with(r#"{"type":"#),
            "{code}: {}",
            example.body()
        );
        assert_eq!(body["status"], record.entry().status, "{code}");
        assert_eq!(body["code"], code);
    }
    let user = catalog
        .records()
        .iter()
        .find(|r| r.entry().code == "USER_NOT_FOUND")
        .unwrap();
    assert_eq!(
        user.example().body(),
        r#"{"type":"https://errors.example.com/users/user-not-found","title":"Not Found","status":404,"detail":"user {id} not found","code":"USER_NOT_FOUND","id":"{id}"}"#
    );
    let maintenance = catalog
        .records()
        .iter()
        .find(|r| r.entry().code == "MAINTENANCE")
        .unwrap();
    assert_eq!(maintenance.example().header("retry-after"), Some("120"));
    let json = catalog.to_json();
    let saved_codes: Vec<&str> = json["codes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["code"].as_str().unwrap())
        .collect();
    assert_eq!(saved_codes, apierror::all_codes::<app::AppError>());
}

/// The frozen contract of the example app's codes: `catalog/example-app.v1.json` is never
/// rewritten by the snapshot blessing above (but `assert_compatible` itself saves the current
/// catalog there when run under `APIERROR_BLESS=1`: restore the file afterwards unless a break
/// is intended).
#[test]
fn example_app_codes_stay_compatible_with_the_frozen_v1_contract() {
    assert_compatible::<app::AppError>("catalog/example-app.v1.json");
}
