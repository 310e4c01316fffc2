//! The example app's catalog (`runtime/examples/app/`): its snapshots, the whole code tree, and
//! its codes against the frozen v1 contract.

use super::*;

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
            "cannot read {} ({e}): run `APIERROR_BLESS=1 cargo test -p apierror-tests --test it catalog::`",
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
             If the change is intended, run `APIERROR_BLESS=1 cargo test -p apierror-tests --test it catalog::`",
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
        ("UNAUTHORIZED", 401),
        ("CARD_DECLINED", 402),
        ("GATEWAY_TIMEOUT", 504),
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
        r#"{"type":"https://errors.example.com/users/user-not-found","title":"Not Found","status":404,"detail":"user {id} not found","code":"USER_NOT_FOUND","id":42}"#
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
    // The tree's codes, then the renderer's own that every catalog ends with.
    let mut codes = apierror::all_codes::<app::AppError>();
    codes.push("INTERNAL_ERROR");
    assert_eq!(saved_codes, codes);
}

/// The frozen contract of the example app's codes: `catalog/example-app.v1.json` is never
/// rewritten by the snapshot blessing above (but `assert_compatible` itself saves the current
/// catalog there when run under `APIERROR_BLESS=1`: restore the file afterwards unless a break
/// is intended).
#[test]
fn example_app_codes_stay_compatible_with_the_frozen_v1_contract() {
    assert_compatible::<app::AppError>("catalog/example-app.v1.json");
}
