//! The wire vectors, byte for byte, by the user envelopes and the built-ins side by side.

use super::*;

#[test]
fn my_google_matches_the_google_vectors() {
    let file = vector_file("Google");
    for case in &file.cases {
        let hand = canon_case(&case.case);
        let derived = support::derived::google::case(&case.case);
        let request = RequestInfo::default();
        let renderings = [
            (
                "MyGoogle, hand-written Canon",
                apierror::render::<MyGoogle>(&hand, &request),
            ),
            (
                "Google, hand-written Canon",
                apierror::render::<Google>(&hand, &request),
            ),
            (
                "MyGoogle, derived Canon",
                apierror::render::<MyGoogle>(&derived, &request),
            ),
            (
                "Google, derived Canon",
                apierror::render::<Google>(&derived, &request),
            ),
        ];
        for (label, rendered) in &renderings {
            let label = format!("{label}, case {}", case.case);
            let captured = check_vector(&label, case, rendered);
            assert!(captured.uuids.is_empty() && captured.timestamps.is_empty());
        }
        // And the user envelope is the built-in to the byte, headers included.
        same_as_google(&format!("case {}", case.case), &hand, &request);
    }
}

#[test]
fn my_data_error_meta_matches_the_data_error_meta_vectors() {
    let file = vector_file("DataErrorMeta");
    let mut uuids = BTreeSet::new();
    for case in &file.cases {
        let hand = canon_case(&case.case);
        let derived = support::derived::data_error_meta::case(&case.case);
        let request = RequestInfo::default();
        let renderings = [
            (
                "MyDataErrorMeta, hand-written Canon",
                apierror::render::<MyDataErrorMeta>(&hand, &request),
            ),
            (
                "DataErrorMeta, hand-written Canon",
                apierror::render::<DataErrorMeta>(&hand, &request),
            ),
            (
                "MyDataErrorMeta, derived Canon",
                apierror::render::<MyDataErrorMeta>(&derived, &request),
            ),
            (
                "DataErrorMeta, derived Canon",
                apierror::render::<DataErrorMeta>(&derived, &request),
            ),
        ];
        for (label, rendered) in &renderings {
            let label = format!("{label}, case {}", case.case);
            let captured = check_vector(&label, case, rendered);
            assert_eq!(captured.uuids.len(), 1, "{label}: one request id");
            assert_eq!(captured.timestamps.len(), 1, "{label}: one timestamp");
            for uuid in captured.uuids {
                assert!(uuids.insert(uuid.clone()), "{label}: {uuid} was used twice");
            }
        }
        same_as_data_error_meta(&format!("case {}", case.case), &hand, &request);
    }
}
