//! ICS (International Classification for Standards) codes and their distance in the ICS tree.
//!
//! An ICS code has up to three levels: field (`43`), group (`43.180`) and sub-group (`35.240.70`).
//! Codes are normalised to zero-padded dotted form; the distance between two codes is how far apart
//! they are in the tree, so a proposal under `43.180` is near a record under `43.180` and farther from
//! one under `43.040`.

/// Normalises an ICS code: trims, keeps digits and dots, zero-pads the field to two digits
/// and the group to three (`3.100.1` → `03.100.01`). Returns `None` for text that is not an ICS code.
///
/// ```
/// use nwip_corpus::ics::normalize_ics;
/// assert_eq!(normalize_ics(" 43.180 ").as_deref(), Some("43.180"));
/// assert_eq!(normalize_ics("3.100.1").as_deref(), Some("03.100.01"));
/// assert_eq!(normalize_ics("ICS 35.240.70").as_deref(), Some("35.240.70"));
/// assert_eq!(normalize_ics("road vehicles"), None);
/// ```
pub fn normalize_ics(code: &str) -> Option<String> {
    let trimmed = code.trim().trim_start_matches("ICS").trim_start_matches("ics").trim();
    let levels: Vec<&str> = trimmed.split('.').map(str::trim).collect();
    if levels.is_empty() || levels.len() > 3 {
        return None;
    }
    let widths = [2usize, 3, 2];
    let mut out = Vec::with_capacity(levels.len());
    for (level, width) in levels.iter().zip(widths) {
        if level.is_empty() || level.len() > width || !level.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
        out.push(format!("{level:0>width$}"));
    }
    Some(out.join("."))
}

/// Returns the code and its ancestors, most general first: `35`, `35.240`, `35.240.70`.
///
/// ```
/// assert_eq!(nwip_corpus::ics::ics_ancestors("35.240.70"), ["35", "35.240", "35.240.70"]);
/// ```
pub fn ics_ancestors(code: &str) -> Vec<&str> {
    code.match_indices('.').map(|(index, _)| &code[..index]).chain(std::iter::once(code)).collect()
}

/// Returns how many leading levels two codes share (0 to 3).
pub fn ics_shared_levels(a: &str, b: &str) -> usize {
    a.split('.').zip(b.split('.')).take_while(|(x, y)| x == y).count()
}

/// Returns the closeness of two sets of ICS codes in [0, 1]: 1 when they share a full code, 2/3 a
/// group, 1/3 a field, 0 when nothing (or when either set is empty).
///
/// ```
/// use nwip_corpus::ics::ics_similarity;
/// let a = ["43.180".to_string()];
/// assert_eq!(ics_similarity(&a, &["43.180".to_string()]), 1.0);
/// assert!(ics_similarity(&a, &["43.040.10".to_string()]) > 0.0);
/// assert_eq!(ics_similarity(&a, &["13.020".to_string()]), 0.0);
/// ```
pub fn ics_similarity(a: &[String], b: &[String]) -> f32 {
    let mut best = 0.0f32;
    for x in a {
        for y in b {
            let shared = ics_shared_levels(x, y);
            let depth = x.split('.').count().min(y.split('.').count()).max(1);
            let closeness = if shared >= depth { 1.0 } else { shared as f32 / 3.0 };
            best = best.max(closeness);
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn shared_levels() {
        assert_eq!(ics_shared_levels("35.240.70", "35.240.60"), 2);
        assert_eq!(ics_shared_levels("35.240", "35.240.60"), 2);
        assert_eq!(ics_shared_levels("13.020", "35.240"), 0);
    }

    #[test]
    fn a_group_contains_its_subgroups() {
        assert_eq!(ics_similarity(&["35.240".into()], &["35.240.70".into()]), 1.0);
    }

    proptest! {
        #[test]
        fn normalising_is_idempotent(a in 0u32..100, b in 0u32..1000, c in 0u32..100) {
            let code = format!("{a}.{b}.{c}");
            let once = normalize_ics(&code).unwrap();
            prop_assert_eq!(normalize_ics(&once), Some(once.clone()));
        }
    }
}
