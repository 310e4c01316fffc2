//! The checks of this area can fail: the log line is split into its fields exactly.

use super::*;

#[test]
fn fields_are_split_exactly() {
    let line = "2026-01-01T00:00:00Z ERROR apierror::log: error response status=500 \
                code=\"INTERNAL_ERROR\" request_id=r-1 error=a: b cause=rendering panicked: x \
                error_code=X";
    assert_eq!(
        fields(line),
        vec![
            ("status", "500".to_owned()),
            ("code", r#""INTERNAL_ERROR""#.to_owned()),
            ("request_id", "r-1".to_owned()),
            ("error", "a: b".to_owned()),
            ("cause", "rendering panicked: x".to_owned()),
            ("error_code", "X".to_owned()),
        ]
    );
    // A field that is not there is not in the list, so a list that expects it differs.
    let without_cause = fields(
        "ERROR apierror::log: error response status=500 code=\"X\" request_id=r-2 error_code=X",
    );
    assert_eq!(
        without_cause
            .iter()
            .map(|(name, _)| *name)
            .collect::<Vec<_>>(),
        ["status", "code", "request_id", "error_code"]
    );
    assert_eq!(
        fields("x error response status=404"),
        [("status", "404".to_owned())]
    );
}
