//! The vector files of `tests/vectors/`, loaded and checked for consistency.

use super::*;

/// The directory of the wire-format vector files: the repository's own copy (`tests/vectors/`).
pub const VECTOR_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/vectors");

/// All vector files, checked for consistency with the lists above: the seed envelopes are
/// all there, every file's envelope is either implemented or explicitly not yet implemented,
/// every implemented envelope has a file, and every case is one `canon_case` knows.
///
/// Returns the files of the implemented envelopes, sorted by envelope name.
///
/// # Panics
///
/// On any of those inconsistencies, or an unreadable or malformed file.
pub fn load_implemented_vectors() -> Vec<VectorFile> {
    load_all_vectors().0
}

/// Like [`load_implemented_vectors`], also returning the names of the skipped envelopes.
pub fn load_all_vectors() -> (Vec<VectorFile>, Vec<String>) {
    for name in IMPLEMENTED {
        assert!(
            !NOT_YET_IMPLEMENTED.contains(name),
            "envelope {name} is both implemented and listed as not yet implemented"
        );
    }

    let dir = Path::new(VECTOR_DIR);
    let entries = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read the vector directory {}: {e}", dir.display()));
    let mut paths: Vec<PathBuf> = entries
        .map(|entry| entry.expect("vector directory entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    paths.sort();

    let mut seen = BTreeSet::new();
    let mut implemented = Vec::new();
    let mut skipped = Vec::new();
    for path in paths {
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        let mut file: VectorFile = serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("malformed vector file {}: {e}", path.display()));
        file.path.clone_from(&path);
        check_file(&file);
        assert!(
            seen.insert(file.envelope.clone()),
            "two vector files for envelope {} (the second is {})",
            file.envelope,
            path.display()
        );
        if IMPLEMENTED.contains(&file.envelope.as_str()) {
            implemented.push(file);
        } else if NOT_YET_IMPLEMENTED.contains(&file.envelope.as_str()) {
            skipped.push(file.envelope);
        } else {
            panic!(
                "vector file {} is for envelope {:?}, which is neither implemented {IMPLEMENTED:?} \
                 nor listed as not yet implemented {NOT_YET_IMPLEMENTED:?}",
                path.display(),
                file.envelope
            );
        }
    }

    for name in SEED_ENVELOPES {
        assert!(
            seen.contains(*name),
            "no vector file for the seed envelope {name} in {VECTOR_DIR} (found {seen:?})"
        );
    }
    for name in IMPLEMENTED {
        assert!(
            seen.contains(*name),
            "envelope {name} is implemented but has no vector file in {VECTOR_DIR}"
        );
    }
    implemented.sort_by(|a, b| a.envelope.cmp(&b.envelope));
    skipped.sort();
    (implemented, skipped)
}

fn check_file(file: &VectorFile) {
    let where_ = file.path.display();
    assert!(!file.cases.is_empty(), "{where_}: no cases");
    let mut names = HashSet::new();
    for case in &file.cases {
        assert!(
            CASES.contains(&case.case.as_str()),
            "{where_}: unknown case {:?} (canon_case knows {CASES:?})",
            case.case
        );
        assert!(
            names.insert(case.case.as_str()),
            "{where_}: case {:?} appears twice",
            case.case
        );
        assert!(
            (400..=599).contains(&case.status),
            "{where_}: case {:?} has the non-error status {}",
            case.case,
            case.status
        );
        for name in case.headers.keys() {
            assert!(
                *name == name.to_ascii_lowercase(),
                "{where_}: case {:?}: header name {name:?} is not lower-case",
                case.case
            );
        }
        assert!(
            !case.body.contains(SECRET),
            "{where_}: case {:?}: the expected body contains the secret",
            case.case
        );
    }
}
