//! Did-you-mean: the candidate a misspelt key, case, status or gRPC code most likely meant.

/// The candidate the user most likely meant: the same word in another case, one that starts
/// with what they wrote, or the nearest within a small edit distance.
pub(crate) fn closest<'c>(given: &str, candidates: &[&'c str]) -> Option<&'c str> {
    let lower = given.to_lowercase();
    if let Some(same) = candidates
        .iter()
        .find(|c| c.to_lowercase() == lower && **c != given)
    {
        return Some(same);
    }
    if given.len() >= 3 {
        if let Some(longer) = candidates
            .iter()
            .find(|c| c.to_lowercase().starts_with(&lower))
        {
            return Some(longer);
        }
    }
    candidates
        .iter()
        .map(|c| (edit_distance(&lower, &c.to_lowercase()), *c))
        .filter(|&(distance, _)| distance > 0 && distance <= 2.max(given.len() / 3))
        .min()
        .map(|(_, c)| c)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = if ca == *cb {
                prev
            } else {
                1 + prev.min(row[j]).min(cur)
            };
            prev = cur;
        }
    }
    row[b.len()]
}
