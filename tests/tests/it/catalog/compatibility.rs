//! Compatibility: every break found against an earlier catalog, in its order; a saved catalog
//! that is not one; `assert_compatible` with and without a saved file.

use super::*;

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
pub(super) fn blessing() -> bool {
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

pub(super) fn panic_text(payload: &(dyn std::any::Any + Send)) -> String {
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
