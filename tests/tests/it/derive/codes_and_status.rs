//! Codes (`code_case` and explicit `code`) and the forms of `status`.

use super::*;

macro_rules! case_enum {
    ($name:ident $(, $case:literal)?) => {
        #[derive(Debug, ApiError)]
        $(#[api(code_case = $case)])?
        #[allow(clippy::upper_case_acronyms)]
        enum $name {
            #[api(status = 400, message = "m")]
            UserNotFound,
            #[api(status = 400, message = "m")]
            HTTPError,
            #[api(status = 400, message = "m")]
            IOFailure,
            #[api(status = 400, message = "m")]
            Error404Page,
            #[api(status = 400, message = "m")]
            A,
        }
    };
}

case_enum!(DefaultCase);
case_enum!(ScreamingCase, "SCREAMING_SNAKE_CASE");
case_enum!(SnakeCase, "snake_case");
case_enum!(KebabCase, "kebab-case");
case_enum!(CamelCase, "camelCase");
case_enum!(PascalCase, "PascalCase");

#[test]
fn code_default_case_is_screaming_snake_case() {
    assert_eq!(DefaultCase::UserNotFound.code(), "USER_NOT_FOUND");
    assert_eq!(DefaultCase::HTTPError.code(), "HTTP_ERROR");
    assert_eq!(DefaultCase::IOFailure.code(), "IO_FAILURE");
    assert_eq!(DefaultCase::Error404Page.code(), "ERROR404_PAGE");
    assert_eq!(DefaultCase::A.code(), "A");
}

#[test]
fn code_case_screaming_snake_case_explicit() {
    assert_eq!(ScreamingCase::UserNotFound.code(), "USER_NOT_FOUND");
    assert_eq!(ScreamingCase::HTTPError.code(), "HTTP_ERROR");
    assert_eq!(ScreamingCase::IOFailure.code(), "IO_FAILURE");
    assert_eq!(ScreamingCase::Error404Page.code(), "ERROR404_PAGE");
    assert_eq!(ScreamingCase::A.code(), "A");
}

#[test]
fn code_case_snake_case() {
    assert_eq!(SnakeCase::UserNotFound.code(), "user_not_found");
    assert_eq!(SnakeCase::HTTPError.code(), "http_error");
    assert_eq!(SnakeCase::IOFailure.code(), "io_failure");
    assert_eq!(SnakeCase::Error404Page.code(), "error404_page");
    assert_eq!(SnakeCase::A.code(), "a");
}

#[test]
fn code_case_kebab_case() {
    assert_eq!(KebabCase::UserNotFound.code(), "user-not-found");
    assert_eq!(KebabCase::HTTPError.code(), "http-error");
    assert_eq!(KebabCase::IOFailure.code(), "io-failure");
    assert_eq!(KebabCase::Error404Page.code(), "error404-page");
    assert_eq!(KebabCase::A.code(), "a");
}

#[test]
fn code_case_camel_case() {
    assert_eq!(CamelCase::UserNotFound.code(), "userNotFound");
    assert_eq!(CamelCase::HTTPError.code(), "httpError");
    assert_eq!(CamelCase::IOFailure.code(), "ioFailure");
    assert_eq!(CamelCase::Error404Page.code(), "error404Page");
    assert_eq!(CamelCase::A.code(), "a");
}

#[test]
fn code_case_pascal_case() {
    assert_eq!(PascalCase::UserNotFound.code(), "UserNotFound");
    assert_eq!(PascalCase::HTTPError.code(), "HttpError");
    assert_eq!(PascalCase::IOFailure.code(), "IoFailure");
    assert_eq!(PascalCase::Error404Page.code(), "Error404Page");
    assert_eq!(PascalCase::A.code(), "A");
}

#[derive(Debug, ApiError)]
#[api(code_case = "snake_case")]
enum ExplicitCodes {
    #[api(status = 429, code = "RATE_LIMITED", message = "slow down")]
    Throttled,
    #[api(status = 400, code = "legacy.Code-1", message = "old")]
    Legacy,
    #[api(status = 400, message = "derived")]
    StillDerived,
}

#[test]
fn explicit_code_wins_over_code_case_unchanged() {
    assert_eq!(ExplicitCodes::Throttled.code(), "RATE_LIMITED");
    assert_eq!(ExplicitCodes::Legacy.code(), "legacy.Code-1");
    assert_eq!(ExplicitCodes::StillDerived.code(), "still_derived");
    assert_eq!(
        body::<ErrorObject>(&ExplicitCodes::Throttled),
        r#"{"error":{"code":"RATE_LIMITED","message":"slow down"}}"#
    );
}

// ---------------------------------------------------------------------------------------------
// Status forms
// ---------------------------------------------------------------------------------------------

#[derive(Debug, thiserror::Error, ApiError)]
enum Statuses {
    #[error("by number")]
    #[api(status = 404)]
    Number,
    #[error("by http path")]
    #[api(status = http::StatusCode::NOT_FOUND)]
    HttpPath,
    #[error("by short path")]
    #[api(status = StatusCode::TOO_MANY_REQUESTS)]
    ShortPath,
    #[error("by runtime path")]
    #[api(status = apierror::StatusCode::UNPROCESSABLE_ENTITY)]
    RuntimePath,
    #[error("password=hunter2")]
    #[api(status = StatusCode::INTERNAL_SERVER_ERROR)]
    ServerByPath,
}

#[test]
fn status_as_number() {
    assert_eq!(Statuses::Number.status(), StatusCode::NOT_FOUND);
    assert_eq!(Statuses::Number.status().as_u16(), 404);
}

#[test]
fn status_as_http_status_code_path() {
    assert_eq!(Statuses::HttpPath.status().as_u16(), 404);
    assert_eq!(message(&Statuses::HttpPath), "by http path");
}

#[test]
fn status_as_short_status_code_path() {
    assert_eq!(Statuses::ShortPath.status().as_u16(), 429);
    assert_eq!(Statuses::RuntimePath.status().as_u16(), 422);
    // 429 through a path is still retryable by default.
    assert!(Statuses::ShortPath.retryable());
}

#[test]
fn status_path_to_a_5xx_hides_the_display_text() {
    assert_eq!(Statuses::ServerByPath.status().as_u16(), 500);
    assert_eq!(message(&Statuses::ServerByPath), "Internal Server Error");
    assert_eq!(
        body::<ErrorObject>(&Statuses::ServerByPath),
        r#"{"error":{"code":"SERVER_BY_PATH","message":"Internal Server Error"}}"#
    );
}
