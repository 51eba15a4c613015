//! Languages known to nwip and a small, dependency-free language detector.
//!
//! Detection looks at the script first (Cyrillic text is Russian unless it says otherwise) and then
//! counts stop words of each Latin-script language. It is meant for proposal sections and catalogue
//! labels (a sentence or more), where it is reliable; on a handful of words it may answer
//! [`Language::Unknown`], which the analyzer handles without a stemmer.

use serde::{Deserialize, Serialize};

use crate::analyze::split_words;
use crate::stopwords;

/// A natural language nwip can analyse.
///
/// ```
/// use nwip_text::Language;
/// assert_eq!(Language::from_code("fra"), Language::French);
/// assert_eq!(Language::French.code(), "fr");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Language {
    /// English (`en`, `eng`).
    English,
    /// French (`fr`, `fra`, `fre`).
    French,
    /// Russian (`ru`, `rus`).
    Russian,
    /// German (`de`, `deu`, `ger`).
    German,
    /// Spanish (`es`, `spa`).
    Spanish,
    /// Any other or an undetermined language: tokenised and folded, not stemmed.
    Unknown,
}

impl Language {
    /// Every language, [`Language::Unknown`] last.
    pub const ALL: [Language; 6] = [
        Language::English,
        Language::French,
        Language::Russian,
        Language::German,
        Language::Spanish,
        Language::Unknown,
    ];

    /// Parses an ISO 639-1 or 639-2 code (`en`, `eng`, `fr`, `fre`, `fra`, `ru`, `rus`, ...),
    /// case-insensitively; anything else is [`Language::Unknown`].
    pub fn from_code(code: &str) -> Language {
        match code.trim().to_ascii_lowercase().as_str() {
            "en" | "eng" | "english" | "en-gb" | "en-us" => Language::English,
            "fr" | "fra" | "fre" | "french" | "français" | "francais" => Language::French,
            "ru" | "rus" | "russian" | "русский" => Language::Russian,
            "de" | "deu" | "ger" | "german" => Language::German,
            "es" | "spa" | "spanish" => Language::Spanish,
            "und" | "" => Language::Unknown,
            _ => Language::Unknown,
        }
    }

    /// Returns the two-letter ISO 639-1 code, or `und` for [`Language::Unknown`].
    pub fn code(self) -> &'static str {
        match self {
            Language::English => "en",
            Language::French => "fr",
            Language::Russian => "ru",
            Language::German => "de",
            Language::Spanish => "es",
            Language::Unknown => "und",
        }
    }
}

impl Serialize for Language {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.code())
    }
}

/// Reads any code [`Language::from_code`] accepts (`"en"`, `"eng"`, `"french"`); unknown codes
/// become [`Language::Unknown`].
impl<'de> Deserialize<'de> for Language {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let code = String::deserialize(deserializer)?;
        Ok(Language::from_code(&code))
    }
}

impl std::fmt::Display for Language {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

/// Guesses the language of `text`, or returns [`Language::Unknown`] when the evidence is too thin.
///
/// ```
/// use nwip_text::{detect_language, Language};
/// assert_eq!(detect_language("Méthodes d'essai pour les tubes et les raccords"), Language::French);
/// assert_eq!(detect_language("Test methods for the pipes and the fittings"), Language::English);
/// assert_eq!(detect_language("Методы испытаний труб"), Language::Russian);
/// ```
pub fn detect_language(text: &str) -> Language {
    detect(text).0
}

/// Returns the language of `text` only when the evidence is strong: mostly Cyrillic letters, or
/// at least two stop words of one Latin-script language (French accents count as one) and
/// fewer of any other.
/// Used to tell a section written in another language than the rest of a proposal, where a wrong
/// guess costs more than no guess.
///
/// ```
/// use nwip_text::{detect_language_confidently, Language};
/// assert_eq!(detect_language_confidently("Systèmes de management de la qualité"), Some(Language::French));
/// assert_eq!(detect_language_confidently("Plastics pipes"), None);
/// assert_eq!(detect_language_confidently("Сварка. Термины и определения"), Some(Language::Russian));
/// ```
pub fn detect_language_confidently(text: &str) -> Option<Language> {
    match detect(text) {
        (language, true) => Some(language),
        _ => None,
    }
}

/// Detects the language of `text` and tells whether the evidence is strong.
fn detect(text: &str) -> (Language, bool) {
    let mut cyrillic = 0usize;
    let mut latin = 0usize;
    for c in text.chars().filter(|c| c.is_alphabetic()) {
        if ('\u{0400}'..='\u{04FF}').contains(&c) {
            cyrillic += 1;
        } else if c.is_ascii_alphabetic() || ('\u{00C0}'..='\u{024F}').contains(&c) {
            latin += 1;
        }
    }
    if cyrillic > 0 && cyrillic >= latin {
        return (Language::Russian, cyrillic >= 5);
    }
    if latin == 0 {
        return (Language::Unknown, false);
    }
    let candidates = stopwords::LATIN;
    let mut counts = [0usize; stopwords::LATIN.len()];
    let mut words = 0usize;
    // In text not written in capitals, a word in capitals is an acronym, not a function word:
    // "AI" (artificial intelligence) is not French *ai*, "ML" not two letters of anything, and
    // 3GPP's "Artificial Intelligence/Machine Learning (AI/ML) Services" titles read as French.
    let has_lowercase = text.chars().any(char::is_lowercase);
    let acronym =
        |word: &str| word.chars().nth(1).is_some() && !word.chars().any(char::is_lowercase);
    // French *c*, *d*, *j*, *l*, *m*, *n*, *s* and *t* (and English *i*) are stop words only
    // before an apostrophe ("l'information", "s'applique"): a letter elsewhere ends or joins
    // another word ("implementor's", "codec(s)", "ANSI-C code") and is no evidence of French.
    let stray_letter = |start: usize, word: &str| {
        let mut letters = word.chars();
        let (Some(letter), None) = (letters.next(), letters.next()) else { return false };
        let elided = text[start + letter.len_utf8()..].starts_with(['\'', '\u{2019}']);
        !"aàoyAÀOY".contains(letter) && !elided
    };
    for (start, word) in split_words(text) {
        words += 1;
        if (has_lowercase && acronym(word)) || stray_letter(start, word) {
            continue;
        }
        let languages = stopwords::latin_stop_languages(word);
        for (bit, count) in counts.iter_mut().enumerate() {
            *count += usize::from(languages & (1 << bit) != 0);
        }
    }
    let accented = |letters: &str| text.chars().any(|c| letters.contains(c));
    if *counts.iter().max().unwrap_or(&0) > 0 && accented("éèêàçùôîœ") && !accented("áíóúñ")
    {
        // French accents count as one more French stop word once there is one.
        counts[1] += 1;
    }
    let (best_index, best) = counts.iter().enumerate().max_by_key(|(_, c)| **c).unwrap_or((0, &0));
    let second = counts.iter().enumerate().filter(|(i, _)| *i != best_index).map(|(_, c)| *c).max();
    if *best == 0 || Some(*best) == second {
        // No stop words (a bare title of nouns) or a tie: fall back on accented letters, which
        // English never has, then give up.
        if text.chars().any(|c| "éèêàçùôîœ".contains(c)) {
            return (Language::French, false);
        }
        let language = if words >= 3 && *best == 0 && text.is_ascii() {
            Language::English
        } else {
            Language::Unknown
        };
        return (language, false);
    }
    let confident = *best >= 2 && second.unwrap_or(0) < *best;
    (candidates[best_index], confident)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for language in Language::ALL {
            assert_eq!(Language::from_code(language.code()), language);
        }
        assert_eq!(Language::from_code("ENG"), Language::English);
        assert_eq!(Language::from_code("xx"), Language::Unknown);
    }

    #[test]
    fn detects_titles_without_stop_words() {
        assert_eq!(detect_language("Plastics pipes fittings valves"), Language::English);
        assert_eq!(detect_language("Tubes et raccords en matières plastiques"), Language::French);
        assert_eq!(detect_language("Сварка. Термины и определения"), Language::Russian);
        assert_eq!(detect_language("12345"), Language::Unknown);
        // An acronym in capitals is no stop word: AI is not French *ai*.
        let title = "5G System; Application Function Artificial Intelligence/Machine Learning \
                     (AI/ML) Services; Stage 3";
        assert_eq!(detect_language(title), Language::English);
        assert_eq!(detect_language("Guide de l'IA"), Language::French);
        // Nor is the s of an English possessive French *s*.
        let title = "Codec(s) for multimedia telephony service; Terminal implementor’s guide";
        assert_eq!(detect_language(title), Language::English);
        assert_eq!(detect_language("Ce document s'applique aux tubes"), Language::French);
        assert_eq!(
            detect_language("Cellular text telephone modem; bit exact C-code"),
            Language::English
        );
        assert_eq!(detect_language("TUBES ET RACCORDS DES RESEAUX"), Language::French);
        // A capital letter alone is a word, not an acronym, however many bytes it takes.
        assert_eq!(detect_language("À la carte"), Language::French);
    }

    #[test]
    fn is_confident_only_on_strong_evidence() {
        assert_eq!(
            detect_language_confidently("Méthodes d'essai pour les tubes et les raccords"),
            Some(Language::French)
        );
        assert_eq!(
            detect_language_confidently("Test methods for the pipes and the fittings"),
            Some(Language::English)
        );
        // A stop word and French accents are enough; one stop word or none is a guess.
        assert_eq!(detect_language_confidently("Sécurité des jouets"), Some(Language::French));
        assert_eq!(detect_language_confidently("Safety of toys"), None);
        assert_eq!(detect_language_confidently("Road vehicles"), None);
        assert_eq!(detect_language_confidently("ГОСТ"), None);
    }

    #[test]
    fn detects_longer_text() {
        let french =
            "Le présent document spécifie les exigences relatives aux systèmes de management \
                      de la qualité lorsqu'un organisme doit démontrer son aptitude";
        assert_eq!(detect_language(french), Language::French);
        let english =
            "This document specifies requirements for a quality management system when an \
                       organization needs to demonstrate its ability";
        assert_eq!(detect_language(english), Language::English);
    }
}
