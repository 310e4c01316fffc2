//! The derive's keys for the standard envelopes, rate limits, violations and negotiation:
//! what each one makes the `ApiError` impl return.

use apierror::__private::UsesEnvelope;
use apierror::{ApiError, RateLimit, RateLimitHeaders, Violation};

#[derive(Debug, thiserror::Error, apierror::ApiError)]
#[api(
    type_base = "https://errors.example.com/",
    negotiate,
    rate_limit_headers = "both"
)]
enum Shop {
    #[error("sold out")]
    #[api(status = 409)]
    SoldOut,
    #[error("slow down")]
    #[api(
        status = 429,
        code = "RATE_LIMITED",
        title = "Slow down",
        grpc = "UNAVAILABLE"
    )]
    RateLimited {
        #[api(rate_limit)]
        limit: RateLimit,
    },
    #[error("invalid order")]
    #[api(status = 422, type = "https://example.com/probs/invalid-order")]
    InvalidOrder {
        #[api(violations)]
        violations: Vec<Violation>,
    },
    #[error("maybe limited")]
    #[api(status = 503, code = "maybe_limited")]
    MaybeLimited {
        #[api(rate_limit)]
        limit: Option<RateLimit>,
        #[api(violations)]
        violations: Option<Box<[Violation]>>,
    },
}

#[derive(Debug, thiserror::Error, apierror::ApiError)]
enum Outer {
    #[error(transparent)]
    #[api(transparent)]
    Shop(#[from] Shop),
    #[error("plain")]
    #[api(status = 400)]
    Plain,
}

/// Not `std::error::Error`: no `Display`, no thiserror.
#[derive(Debug, apierror::ApiError)]
#[api(status = 404, code = "GONE", message = "gone")]
struct NotAnError;

fn limit() -> RateLimit {
    RateLimit::new(100, 0, 1_767_225_600).with_window(60)
}

#[test]
fn type_base_joins_the_code_in_kebab_case_and_type_overrides_it() {
    assert_eq!(
        Shop::SoldOut.descriptor().type_uri,
        Some("https://errors.example.com/sold-out")
    );
    assert_eq!(
        Shop::RateLimited { limit: limit() }.descriptor().type_uri,
        Some("https://errors.example.com/rate-limited")
    );
    let maybe = Shop::MaybeLimited {
        limit: None,
        violations: None,
    };
    assert_eq!(
        maybe.descriptor().type_uri,
        Some("https://errors.example.com/maybe-limited")
    );
    let invalid = Shop::InvalidOrder { violations: vec![] };
    assert_eq!(
        invalid.descriptor().type_uri,
        Some("https://example.com/probs/invalid-order")
    );
    // Without `type_base` or `type` there is none (envelopes write `about:blank`).
    assert_eq!(Outer::Plain.descriptor().type_uri, None);
}

#[test]
fn title_and_grpc_are_per_variant() {
    let limited = Shop::RateLimited { limit: limit() };
    assert_eq!(limited.descriptor().title, Some("Slow down"));
    assert_eq!(limited.descriptor().grpc, Some("UNAVAILABLE"));
    assert_eq!(Shop::SoldOut.descriptor().title, None);
    assert_eq!(Shop::SoldOut.descriptor().grpc, None);
}

#[test]
fn rate_limit_reads_the_marked_field() {
    assert_eq!(
        Shop::RateLimited { limit: limit() }.rate_limit(),
        Some(limit())
    );
    assert_eq!(Shop::SoldOut.rate_limit(), None);
    let none = Shop::MaybeLimited {
        limit: None,
        violations: None,
    };
    assert_eq!(none.rate_limit(), None);
    let some = Shop::MaybeLimited {
        limit: Some(limit()),
        violations: None,
    };
    assert_eq!(some.rate_limit(), Some(limit()));
}

#[test]
fn rate_limit_headers_is_the_container_choice() {
    assert_eq!(
        api(&Shop::SoldOut).rate_limit_headers,
        RateLimitHeaders::Both
    );
    // A transparent variant keeps the outer type's container choices (here the default).
    assert_eq!(
        api(&Outer::Shop(Shop::SoldOut)).rate_limit_headers,
        RateLimitHeaders::XRateLimit
    );
}

#[test]
fn rate_limit_becomes_headers() {
    let rendered = apierror::render::<apierror::envelope::ErrorObject>(
        &Shop::RateLimited { limit: limit() },
        &Default::default(),
    );
    assert_eq!(rendered.headers()["x-ratelimit-limit"], "100");
    assert_eq!(rendered.headers()["x-ratelimit-remaining"], "0");
    assert_eq!(rendered.headers()["x-ratelimit-reset"], "1767225600");
    assert_eq!(
        rendered.headers()["ratelimit-policy"],
        "\"default\";q=100;w=60"
    );
    assert!(rendered.headers()["ratelimit"]
        .to_str()
        .unwrap()
        .starts_with("\"default\";r=0;t="));
    let plain =
        apierror::render::<apierror::envelope::ErrorObject>(&Shop::SoldOut, &Default::default());
    assert!(plain.headers().get("x-ratelimit-limit").is_none());
    assert!(plain.headers().get("ratelimit").is_none());
}

#[test]
fn violations_read_the_marked_field() {
    let violations = vec![
        Violation::field("items[0].sku", "unknown product"),
        Violation::pointer("/address/zip", "is required").with_code("REQUIRED"),
    ];
    let invalid = Shop::InvalidOrder {
        violations: violations.clone(),
    };
    assert_eq!(invalid.violations(), violations.as_slice());
    assert!(Shop::SoldOut.violations().is_empty());
    let boxed = Shop::MaybeLimited {
        limit: None,
        violations: Some(violations.clone().into_boxed_slice()),
    };
    assert_eq!(boxed.violations(), violations.as_slice());
}

#[test]
fn transparent_forwards_the_new_methods() {
    let inner = Outer::Shop(Shop::RateLimited { limit: limit() });
    assert_eq!(inner.descriptor().title, Some("Slow down"));
    assert_eq!(inner.descriptor().grpc, Some("UNAVAILABLE"));
    assert_eq!(
        inner.descriptor().type_uri,
        Some("https://errors.example.com/rate-limited")
    );
    assert_eq!(inner.rate_limit(), Some(limit()));
    let invalid = Outer::Shop(Shop::InvalidOrder {
        violations: vec![Violation::field("a", "b")],
    });
    assert_eq!(invalid.violations().len(), 1);
}

#[test]
fn negotiate_is_recorded_for_the_glue() {
    const { assert!(<Shop as UsesEnvelope>::NEGOTIATE) };
    const { assert!(!<Outer as UsesEnvelope>::NEGOTIATE) };
}

#[test]
fn as_error_is_the_error_when_it_is_one() {
    let outer = Outer::Shop(Shop::SoldOut);
    let error = UsesEnvelope::as_error(&outer).expect("thiserror type is an Error");
    assert_eq!(error.to_string(), "sold out");
    assert_eq!(
        error.source().map(ToString::to_string),
        None,
        "transparent thiserror forwards source to the inner error, which has none"
    );
    assert!(UsesEnvelope::as_error(&NotAnError).is_none());
}

mod generic {
    use apierror::__private::UsesEnvelope;

    /// Generic, and an `Error` only when `T: Display`: the derive's impl has no such bound,
    /// so `as_error` must fall back to `None` rather than fail to compile.
    #[derive(Debug, thiserror::Error, apierror::ApiError)]
    #[error("wrapped {0}")]
    #[api(status = 400, code = "WRAPPED", message = "wrapped")]
    pub struct Wrapped<T: std::fmt::Debug>(pub T);

    /// With a lifetime: still compiles.
    #[derive(Debug, thiserror::Error, apierror::ApiError)]
    #[error("borrowed {0}")]
    #[api(status = 400, code = "BORROWED", message = "borrowed")]
    pub struct Borrowed<'a>(pub &'a str);

    #[test]
    fn generic_and_borrowed_types_compile_and_answer() {
        assert!(UsesEnvelope::as_error(&Wrapped(1)).is_none());
        let text = String::from("x");
        let borrowed = Borrowed(&text);
        assert_eq!(
            UsesEnvelope::as_error(&borrowed).map(ToString::to_string),
            Some("borrowed x".to_owned())
        );
    }
}

mod codes {
    use apierror::{ApiError, StatusCode};

    /// A hand-written inner error without `ErrorCodes`.
    #[derive(Debug)]
    pub struct Hand;

    impl ApiError for Hand {
        fn status(&self) -> StatusCode {
            StatusCode::CONFLICT
        }
        fn code(&self) -> &'static str {
            "HAND"
        }
    }

    /// Still derives, and still answers; only `ErrorCodes` is missing (its bound is not met).
    #[derive(Debug, apierror::ApiError)]
    pub enum WithHand {
        #[api(transparent)]
        Hand(Hand),
        #[api(status = 400, message = "other")]
        Other,
    }

    const _: () = apierror::assert_unique_codes::<super::Outer>();

    #[test]
    fn the_tree_lists_codes_in_declaration_order() {
        // `Shop` (transparent) is declared before `Plain`: its codes come first.
        assert_eq!(
            apierror::all_codes::<super::Outer>(),
            [
                "SOLD_OUT",
                "RATE_LIMITED",
                "INVALID_ORDER",
                "maybe_limited",
                "PLAIN"
            ]
        );
        assert_eq!(WithHand::Hand(Hand).code(), "HAND");
        assert_eq!(WithHand::Other.code(), "OTHER");
    }
}

/// The per-type settings of an error's type.
fn api<T: apierror::ApiError>(_: &T) -> apierror::Api {
    T::API
}
