//! The code tree.

use super::*;

// The README's own pattern, checked at compile time: a type taking rejections in through a
// transparent variant has a code tree, and it is unique.
const _: () = apierror::assert_unique_codes::<FlagError>();
const _: () = apierror::assert_unique_codes::<ObjectError>();

/// Every `ApiError` the crate ships, composed: `Rejection` inside a derived type, inside
/// another derived type. Only its code tree is under test, so no value is made.
#[allow(dead_code)]
#[derive(Debug, thiserror::Error, apierror::ApiError)]
enum Outermost {
    #[error(transparent)]
    #[api(transparent)]
    Flag(#[from] FlagError),
    #[error("gone")]
    #[api(status = 410)]
    Gone,
}

const _: () = apierror::assert_unique_codes::<Outermost>();

#[test]
fn rejection_takes_part_in_the_code_tree() {
    const REJECTION: [&str; 10] = [
        "INVALID_JSON",
        "INVALID_JSON_DATA",
        "UNSUPPORTED_MEDIA_TYPE",
        "PAYLOAD_TOO_LARGE",
        "INVALID_BODY",
        "INVALID_QUERY",
        "INVALID_PATH",
        "ROUTE_NOT_FOUND",
        "METHOD_NOT_ALLOWED",
        "REQUEST_REJECTED",
    ];
    assert_eq!(apierror::all_codes::<Rejection>(), REJECTION);
    // In declaration order: `Rejected` comes before `UserNotFound`, `Flag` before `Gone`.
    let mut flag = REJECTION.to_vec();
    flag.push("USER_NOT_FOUND");
    assert_eq!(apierror::all_codes::<FlagError>(), flag);
    let mut outermost = flag.clone();
    outermost.push("GONE");
    assert_eq!(apierror::all_codes::<Outermost>(), outermost);
}

#[test]
fn a_code_that_a_rejection_also_has_is_named_as_a_duplicate() {
    // What `const _: () = assert_unique_codes::<Clash>();` would fail to compile with.
    #[allow(dead_code)]
    #[derive(Debug, thiserror::Error, apierror::ApiError)]
    enum Clash {
        #[error(transparent)]
        #[api(transparent)]
        Rejected(#[from] Rejection),
        #[error("no route")]
        #[api(status = 404, code = "ROUTE_NOT_FOUND")]
        NoRoute,
    }
    let panic = std::panic::catch_unwind(apierror::assert_unique_codes::<Clash>).unwrap_err();
    let message = panic.downcast_ref::<String>().expect("a message");
    assert!(
        message.starts_with("duplicate error code \"ROUTE_NOT_FOUND\""),
        "{message}"
    );
}
