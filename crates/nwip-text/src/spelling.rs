//! British and American spellings of one English word.
//!
//! ISO writes *organization*, a British proposer *organisation*, the Codex *harmonisation*, ETSI
//! *programme*; stemmed, `organis` and `organ` are different terms and one never finds the other.
//! [`spelling_variants`] writes a word the other way by the regular patterns of English spelling
//! (-ise/-ize, -yse/-yze, -our/-or, -tre/-ter, -ogue/-og, -amme/-am, doubled *l* before a
//! suffix, -ence/-ense, *ae*/*e*, *ph*/*f* in *sulph-*, *ou*/*o* in *mould*, *ageing*). The
//! patterns overgenerate on purpose (*revise* → *revize*): a caller keeps a variant only when
//! its corpus uses it, so the corpus decides which words really have two spellings.
//!
//! ```
//! use nwip_text::spelling_variants;
//! assert!(spelling_variants("organisation").contains(&"organization".to_string()));
//! assert!(spelling_variants("color").contains(&"colour".to_string()));
//! assert!(spelling_variants("centre").contains(&"center".to_string()));
//! assert!(spelling_variants("modelling").contains(&"modeling".to_string()));
//! assert!(spelling_variants("rise").is_empty());
//! ```

/// Suffix pairs (one spelling, the other) and the shortest stem before them.
const SUFFIX_PAIRS: &[(&str, &str, usize)] = &[
    ("isation", "ization", 3),
    ("isations", "izations", 3),
    ("ise", "ize", 4),
    ("ised", "ized", 4),
    ("ises", "izes", 4),
    ("ising", "izing", 4),
    ("iser", "izer", 4),
    ("isers", "izers", 4),
    ("yse", "yze", 3),
    ("ysed", "yzed", 3),
    ("yses", "yzes", 3),
    ("ysing", "yzing", 3),
    ("our", "or", 3),
    ("ours", "ors", 3),
    ("oured", "ored", 3),
    ("ouring", "oring", 3),
    ("ourable", "orable", 3),
    ("ourite", "orite", 3),
    ("tre", "ter", 2),
    ("tres", "ters", 2),
    ("tred", "tered", 2),
    ("ibre", "iber", 1),
    ("ibres", "ibers", 1),
    ("ogue", "og", 3),
    ("ogues", "ogs", 3),
    ("amme", "am", 4),
    ("ammes", "ams", 4),
    ("lled", "led", 4),
    ("lling", "ling", 4),
    ("ller", "ler", 4),
    ("llers", "lers", 4),
    ("fence", "fense", 2),
    ("fences", "fenses", 2),
    ("icence", "icense", 1),
    ("icences", "icenses", 1),
    ("geing", "ging", 1),
];

/// Infix pairs replaced once wherever they occur (after at least one letter for `ae`).
const INFIX_PAIRS: &[(&str, &str)] = &[("sulph", "sulf"), ("mould", "mold"), ("ae", "e")];

/// Returns the other spellings of an English `word` (lower-case) by the regular patterns of
/// British and American spelling, in both directions. Unchecked: keep only those a corpus uses.
pub fn spelling_variants(word: &str) -> Vec<String> {
    let mut variants: Vec<String> = Vec::new();
    let mut push = |variant: String| {
        if variant != word && !variants.contains(&variant) {
            variants.push(variant);
        }
    };
    if !word.chars().all(|c| c.is_ascii_lowercase()) {
        return variants;
    }
    for &(one, other, min_stem) in SUFFIX_PAIRS {
        for (from, to) in [(one, other), (other, one)] {
            if let Some(stem) = word.strip_suffix(from) {
                // A doubled `l` follows a vowel (model-ling, travel-led), never `ll` itself.
                let doubling = one.starts_with("ll");
                let vowel_before = stem.ends_with(['a', 'e', 'i', 'o', 'u']);
                if stem.len() >= min_stem && (!doubling || (vowel_before && !stem.ends_with("l"))) {
                    push(format!("{stem}{to}"));
                }
            }
        }
    }
    for &(one, other) in INFIX_PAIRS {
        for (from, to) in [(one, other), (other, one)] {
            if from == "e" {
                continue; // `e` → `ae` would be everywhere: only `ae` → `e`.
            }
            if let Some(at) = word.find(from) {
                if from == "ae" && at == 0 {
                    continue;
                }
                push(format!("{}{to}{}", &word[..at], &word[at + from.len()..]));
            }
        }
    }
    variants
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_directions_of_each_pattern() {
        for (british, american) in [
            ("organisation", "organization"),
            ("harmonised", "harmonized"),
            ("analyse", "analyze"),
            ("behaviour", "behavior"),
            ("colours", "colors"),
            ("metre", "meter"),
            ("fibre", "fiber"),
            ("catalogue", "catalog"),
            ("programme", "program"),
            ("labelled", "labeled"),
            ("signalling", "signaling"),
            ("defence", "defense"),
            ("licence", "license"),
            ("ageing", "aging"),
            ("sulphur", "sulfur"),
            ("moulding", "molding"),
            ("paediatric", "pediatric"),
        ] {
            assert!(spelling_variants(british).contains(&american.to_string()), "{british}");
            if american != "pediatric" {
                assert!(spelling_variants(american).contains(&british.to_string()), "{american}");
            }
        }
    }

    #[test]
    fn short_stems_and_initial_ae_are_left_alone() {
        assert!(spelling_variants("rise").is_empty());
        assert!(spelling_variants("hour").is_empty());
        assert!(!spelling_variants("calling").contains(&"caling".to_string()));
        assert!(!spelling_variants("aerospace").iter().any(|v| v == "erospace"));
        assert!(spelling_variants("ISO").is_empty());
    }
}
