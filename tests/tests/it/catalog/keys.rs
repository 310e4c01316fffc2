//! A type using every key: what each `#[api(...)]` key, doc comment and template puts into a
//! code's entry.

use super::*;

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

pub(super) const SHOP_ABOUT: &str =
    "Errors of the Example Shop API.\n\nEvery error is a nested `error` \
                          object with a stable `code`:\nbranch on the code, never on the \
                          message.";

#[test]
fn every_key_reaches_its_entry() {
    let catalog = apierror::catalog::<Shop>();
    assert_eq!(
        codes(&catalog),
        SHOP_ENTRIES
            .map(|e| e.code)
            .into_iter()
            .chain(["INTERNAL_ERROR"])
            .collect::<Vec<_>>(),
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
    // Its entry, and the renderer's own `INTERNAL_ERROR` that every catalog ends with.
    assert_eq!(catalog.records().len(), 2);
    assert_eq!(catalog.records()[0].entry(), &COUPON_EXPIRED);
    assert_eq!(catalog.about(), "", "a struct's doc comment is its entry's");
    assert_eq!(
        catalog.records()[0].example().body(),
        r#"{"error":{"code":"COUPON_EXPIRED","message":"coupon {coupon} expired","details":{"coupon":"{coupon}"}}}"#
    );
    assert!(catalog.markdown().starts_with("| Code | Status |"));
}
