//! The checks of this area can fail: the log line is split into its fields exactly.

use super::*;

#[test]
fn fields_are_split_exactly() {
    let line = "2026-01-01T00:00:00Z ERROR apierror::log: error response \
                error.type=\"INTERNAL_ERROR\" http.response.status_code=500 request_id=r-1 \
                exception.message=a: b apierror.render_failure=rendering panicked: x \
                apierror.failed_error_type=X";
    assert_eq!(
        fields(line),
        vec![
            ("error.type", r#""INTERNAL_ERROR""#.to_owned()),
            ("http.response.status_code", "500".to_owned()),
            ("request_id", "r-1".to_owned()),
            ("exception.message", "a: b".to_owned()),
            (
                "apierror.render_failure",
                "rendering panicked: x".to_owned()
            ),
            ("apierror.failed_error_type", "X".to_owned()),
        ]
    );
    // A field that is not there is not in the list, so a list that expects it differs.
    let without_cause = fields(
        "ERROR apierror::log: error response error.type=\"X\" http.response.status_code=500 \
         request_id=r-2 apierror.failed_error_type=X",
    );
    assert_eq!(
        without_cause
            .iter()
            .map(|(name, _)| *name)
            .collect::<Vec<_>>(),
        [
            "error.type",
            "http.response.status_code",
            "request_id",
            "apierror.failed_error_type"
        ]
    );
    assert_eq!(
        fields("x error response http.response.status_code=404"),
        [("http.response.status_code", "404".to_owned())]
    );
}
