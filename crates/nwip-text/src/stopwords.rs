//! Stop-word lists, one per language, sorted for binary search.
//!
//! Short lists of function words: enough to keep them out of queries and to detect a language, short
//! enough that no content word of a standard's title ("part", "general", "requirements") is lost.

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use crate::Language;

static ENGLISH: &[&str] = &[
    "a",
    "about",
    "above",
    "after",
    "again",
    "against",
    "all",
    "also",
    "am",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "down",
    "during",
    "each",
    "few",
    "for",
    "from",
    "further",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "itself",
    "just",
    "may",
    "me",
    "more",
    "most",
    "must",
    "my",
    "myself",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "on",
    "once",
    "only",
    "or",
    "other",
    "our",
    "ours",
    "ourselves",
    "out",
    "over",
    "own",
    "same",
    "shall",
    "she",
    "should",
    "so",
    "some",
    "such",
    "than",
    "that",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "to",
    "too",
    "under",
    "until",
    "up",
    "upon",
    "very",
    "via",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whom",
    "whose",
    "why",
    "will",
    "with",
    "within",
    "without",
    "would",
    "you",
    "your",
    "yours",
    "yourself",
    "yourselves",
];

static FRENCH: &[&str] = &[
    "a", "afin", "ai", "aie", "aient", "aies", "ait", "au", "aucun", "aucune", "aura", "aurai",
    "auraient", "aurais", "aurait", "auras", "aurez", "auriez", "aurions", "aurons", "auront",
    "aussi", "autre", "autres", "aux", "avaient", "avais", "avait", "avec", "avez", "aviez",
    "avions", "avoir", "avons", "ayant", "ayez", "ayons", "c", "ce", "ceci", "cela", "celle",
    "celles", "celui", "ces", "cet", "cette", "ceux", "chaque", "comme", "d", "dans", "de", "des",
    "donc", "dont", "du", "elle", "elles", "en", "entre", "es", "est", "et", "etc", "eu", "eue",
    "eues", "eurent", "eus", "eut", "eux", "eûmes", "eûtes", "furent", "fus", "fut", "fûmes",
    "fût", "fûtes", "ici", "il", "ils", "j", "je", "l", "la", "le", "les", "leur", "leurs", "lors",
    "lui", "m", "ma", "mais", "me", "mes", "moi", "mon", "même", "n", "ne", "ni", "nos", "notre",
    "nous", "on", "ont", "ou", "où", "par", "pas", "pendant", "peut", "plus", "pour", "qu",
    "quand", "que", "quel", "quelle", "quelles", "quels", "qui", "s", "sa", "sans", "se", "selon",
    "sera", "serai", "seraient", "serais", "serait", "seras", "serez", "seriez", "serions",
    "serons", "seront", "ses", "si", "soi", "soient", "soit", "sommes", "son", "sont", "sous",
    "soyez", "soyons", "suis", "sur", "t", "ta", "te", "tel", "telle", "telles", "tels", "tes",
    "toi", "ton", "tous", "tout", "toute", "toutes", "très", "tu", "un", "une", "uns", "vos",
    "votre", "vous", "y", "à", "ça", "étaient", "étais", "était", "étant", "étiez", "étions",
    "été", "êtes", "être",
];

static RUSSIAN: &[&str] = &[
    "а",
    "без",
    "более",
    "бы",
    "был",
    "была",
    "были",
    "было",
    "быть",
    "в",
    "вам",
    "вас",
    "весь",
    "во",
    "вот",
    "все",
    "всего",
    "всех",
    "вы",
    "где",
    "да",
    "для",
    "до",
    "его",
    "ее",
    "если",
    "есть",
    "еще",
    "же",
    "за",
    "и",
    "из",
    "или",
    "им",
    "их",
    "к",
    "как",
    "ко",
    "когда",
    "которые",
    "который",
    "которых",
    "кто",
    "ли",
    "либо",
    "между",
    "меня",
    "мне",
    "можно",
    "мы",
    "на",
    "над",
    "не",
    "него",
    "нее",
    "нет",
    "ни",
    "них",
    "но",
    "о",
    "об",
    "однако",
    "он",
    "она",
    "они",
    "оно",
    "от",
    "по",
    "под",
    "при",
    "с",
    "со",
    "так",
    "также",
    "такой",
    "там",
    "те",
    "тем",
    "то",
    "того",
    "тоже",
    "той",
    "только",
    "том",
    "ту",
    "у",
    "уже",
    "чем",
    "что",
    "чтобы",
    "эта",
    "эти",
    "это",
    "этого",
    "этой",
    "этом",
    "этот",
    "я",
];

static GERMAN: &[&str] = &[
    "aber", "als", "am", "an", "auch", "auf", "aus", "bei", "bis", "das", "dass", "dem", "den",
    "der", "des", "die", "durch", "ein", "eine", "einem", "einen", "einer", "eines", "für", "im",
    "in", "ist", "mit", "nach", "nicht", "oder", "sich", "sie", "sind", "so", "um", "und", "von",
    "vor", "werden", "wie", "wird", "zu", "zum", "zur", "über",
];

static SPANISH: &[&str] = &[
    "a", "al", "como", "con", "de", "del", "el", "en", "entre", "es", "la", "las", "los", "o",
    "para", "por", "que", "se", "según", "sin", "sobre", "su", "sus", "un", "una", "uno", "y",
];

/// Returns the sorted stop-word list of `language` (empty for [`Language::Unknown`]).
pub(crate) fn list(language: Language) -> &'static [&'static str] {
    match language {
        Language::English => ENGLISH,
        Language::French => FRENCH,
        Language::Russian => RUSSIAN,
        Language::German => GERMAN,
        Language::Spanish => SPANISH,
        Language::Unknown => &[],
    }
}

/// The Latin-script languages whose stop words language detection counts, in the order of the
/// bits [`latin_stop_languages`] returns.
pub(crate) const LATIN: [Language; 4] =
    [Language::English, Language::French, Language::German, Language::Spanish];

/// Bytes of the stack buffer a word is lower-cased in: at least the longest Latin stop word
/// (a test checks it).
const LONGEST_STOP_WORD: usize = 32;

/// Every stop word of the [`LATIN`] languages, with one bit per language that lists it, and the
/// length in bytes of the longest: one lookup per word instead of a search per language.
struct LatinTable {
    languages: FxHashMap<&'static str, u8>,
    longest: usize,
}

fn latin_table() -> &'static LatinTable {
    static TABLE: OnceLock<LatinTable> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut languages: FxHashMap<&'static str, u8> = FxHashMap::default();
        for (bit, language) in LATIN.into_iter().enumerate() {
            for word in list(language) {
                *languages.entry(word).or_default() |= 1 << bit;
            }
        }
        let longest = languages.keys().map(|word| word.len()).max().unwrap_or(0);
        LatinTable { languages, longest }
    })
}

/// Returns the [`LATIN`] languages (bit `i` for `LATIN[i]`) that list `word` as a stop word,
/// whatever its case; 0 when none does.
pub(crate) fn latin_stop_languages(word: &str) -> u8 {
    let table = latin_table();
    if word.is_ascii() {
        // Most words: lower-cased on the stack, and a word longer than every stop word is
        // not looked up at all.
        if word.len() > table.longest {
            return 0;
        }
        let mut buffer = [0u8; LONGEST_STOP_WORD];
        let Some(lower) = buffer.get_mut(..word.len()) else { return 0 };
        lower.copy_from_slice(word.as_bytes());
        lower.make_ascii_lowercase();
        let lower = std::str::from_utf8(lower).unwrap_or_default();
        return table.languages.get(lower).copied().unwrap_or(0);
    }
    table.languages.get(word.to_lowercase().as_str()).copied().unwrap_or(0)
}

/// Tells whether the lower-cased `word` is a stop word of `language`.
///
/// ```
/// use nwip_text::{is_stop_word, Language};
/// assert!(is_stop_word("the", Language::English));
/// assert!(is_stop_word("les", Language::French));
/// assert!(!is_stop_word("pipe", Language::English));
/// ```
pub fn is_stop_word(word: &str, language: Language) -> bool {
    list(language).binary_search(&word).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_lookup_agrees_with_the_lists() {
        for language in Language::ALL {
            for word in list(language) {
                for form in [word.to_string(), word.to_uppercase()] {
                    let bits = latin_stop_languages(&form);
                    for (bit, latin) in LATIN.into_iter().enumerate() {
                        let listed = list(latin).binary_search(word).is_ok();
                        assert_eq!(bits & (1 << bit) != 0, listed, "{form} in {latin:?}");
                    }
                }
            }
        }
        assert!(latin_table().longest <= LONGEST_STOP_WORD, "the stack buffer is too short");
        assert_eq!(latin_stop_languages("the"), 1);
        assert_eq!(latin_stop_languages("Über"), 1 << 2);
        assert_eq!(latin_stop_languages("pipe"), 0);
        assert_eq!(latin_stop_languages("internationalisation"), 0);
    }

    #[test]
    fn lists_are_sorted_and_unique() {
        for language in Language::ALL {
            let words = list(language);
            assert!(words.windows(2).all(|pair| pair[0] < pair[1]), "{language:?} list not sorted");
        }
    }
}
