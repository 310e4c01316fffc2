//! Expansion snapshots: what the derive emits for a few representative inputs, pretty-printed
//! and compared with `macros/snapshots/*.rs`, so a reviewer sees every change to the output.
//!
//! After a deliberate change, regenerate with
//! `APIERROR_BLESS=1 cargo test -p apierror-macros snapshot` and read the diff.

use std::fmt::Write as _;
use std::path::PathBuf;

fn expand(input: &str) -> String {
    let input: syn::DeriveInput = syn::parse_str(input).expect("snapshot input parses");
    let tokens = crate::expand::derive(&input);
    let file: syn::File = syn::parse2(tokens).expect("the expansion is a valid file");
    prettyplease::unparse(&file)
}

fn check(name: &str, input: &str) {
    let actual = format!(
        "// Expansion of the `{name}` snapshot input (see macros/src/snapshot.rs).\n{}",
        expand(input)
    );
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("snapshots/{name}.rs"));
    if std::env::var_os("APIERROR_BLESS").is_some() {
        std::fs::write(&path, &actual).expect("snapshot written");
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        expected == actual,
        "the expansion of `{name}` differs from {}; if the change is deliberate, rerun with \
         APIERROR_BLESS=1 and review the diff.\n--- actual ---\n{actual}",
        path.display()
    );
}

/// The reference error of `tests/vectors/ENVELOPES.md`: constant codes, a template, a retry field, details.
#[test]
fn canon() {
    check(
        "canon",
        r#"
        #[api(domain = "api.example.com", version = "1.0.0")]
        enum Canon {
            #[api(status = 429, code = "RATE_LIMITED",
                  message = "Rate limit exceeded. Please retry after the specified period.")]
            RateLimited { #[api(retry_after)] wait: std::time::Duration },
            #[api(status = 400, code = "INVALID_PARAMETERS", message = "The '{field}' field is required")]
            InvalidParameters { #[api(detail)] field: String, #[api(detail)] requirement: String },
            #[api(status = 500, code = "INTERNAL_ERROR")]
            Internal(std::io::Error),
        }
        "#,
    );
}

/// A generic struct: bounds only where a field mentions the parameter.
#[test]
fn generic_struct() {
    check(
        "generic_struct",
        r#"
        #[api(status = 404, message = "no {kind} with id {id}")]
        struct NotFound<K: Clone> where K: core::fmt::Debug {
            kind: &'static str,
            #[api(detail)]
            id: K,
        }
        "#,
    );
}

/// The standard-envelope keys: `type_base`, `title`, `grpc`, rate limits, violations, negotiation,
/// log levels, and a transparent variant.
#[test]
fn standard_keys() {
    check(
        "standard_keys",
        r#"
        #[api(envelope = apierror::envelope::Problem, type_base = "https://errors.example.com/",
              negotiate, rate_limit_headers = "ietf", log = "info")]
        enum Shop {
            #[api(status = 429, title = "Slow down", grpc = "UNAVAILABLE", log = "warn")]
            RateLimited { #[api(rate_limit)] limit: apierror::RateLimit },
            #[api(status = 422)]
            InvalidOrder { #[api(violations)] violations: Vec<apierror::Violation> },
            #[api(transparent)]
            Billing(BillingError),
        }
        "#,
    );
}

/// A variant with `server_fn`: forwarded as a transparent one, and the glue call with the
/// variant's constructor and the field-type check beside it.
#[test]
fn server_fn() {
    check(
        "server_fn",
        r"
        enum AppError {
            #[api(status = 404)]
            UserNotFound { #[api(detail)] id: u64 },
            #[api(server_fn)]
            ServerFn(apierror::server_fn::Failure),
        }
        ",
    );
}

/// Lines of pretty-printed output per variant, measured as the growth from 1 to 51 plain
/// variants (`#[api(status = 4xx)]`, no fields): BENCHMARKS.md quotes this number, and the budget
/// here keeps it from creeping up unnoticed.
#[test]
fn lines_per_variant() {
    let enum_of = |n: usize| {
        let mut variants = String::new();
        for i in 0..n {
            let _ = write!(variants, "#[api(status = 400, message = \"m{i}\")] V{i},");
        }
        format!("enum E {{ {variants} }}")
    };
    let lines = |n| expand(&enum_of(n)).lines().count();
    let growth = lines(51) - lines(1);
    println!(
        "expanded lines per plain variant: {} ({growth} for 50)",
        growth / 50
    );
    assert!(growth <= 9 * 50, "{growth} lines for 50 variants");
}
