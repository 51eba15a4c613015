//! Tokenising, stop-word removal, stemming and folding: the definition of a term.
//!
//! An English or French word formed with a prefix is written closed, hyphenated or, rarely,
//! open: the Codex's "Pre-packaged Foods" is a proposal's "prepackaged foods", IEC's
//! "co-ordination" ISO's "coordination", "sub-system" a "subsystem". The prefix of such a
//! hyphenated word is read as the whole word, its hyphen dropped ([`PREFIXES`]), and the word
//! after the hyphen as itself: "pre-packaged" gives the terms of *prepackaged* and *packaged*, so
//! it matches both the closed spelling and the word alone ("packaged", or a translation's
//! "mixed" for "pre-mixed"). Words whose first part stands alone (*life-cycle*, *real-time*,
//! *on-board*) are often written open too ("life cycle"), so they stay two words, which also
//! match the open spelling.

use std::cell::RefCell;

use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::FxHashMap;

use crate::fold::fold_to_ascii;
use crate::stopwords::is_stop_word;
use crate::Language;

/// One analysed term of a text, with where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// The analysed term (lower-cased, stemmed, folded).
    pub term: String,
    /// Position of the word among the text's words, stop words included, so phrases stay phrases.
    pub position: u32,
    /// Byte offset of the word's start in the text.
    pub offset_from: usize,
    /// Byte offset just past the word's end in the text.
    pub offset_to: usize,
}

/// Turns text into terms; holds one Snowball stemmer per language, so build it once and reuse it.
///
/// ```
/// use nwip_text::{Analyzer, Language};
/// let analyzer = Analyzer::new();
/// let terms: Vec<String> = analyzer
///     .tokens("Сварка. Термины и определения", Language::Russian)
///     .into_iter()
///     .map(|token| token.term)
///     .collect();
/// assert_eq!(terms, ["сварк", "термин", "определен"]);
/// ```
pub struct Analyzer {
    english: Stemmer,
    french: Stemmer,
    russian: Stemmer,
    german: Stemmer,
    spanish: Stemmer,
}

impl Default for Analyzer {
    fn default() -> Self {
        Analyzer::new()
    }
}

impl std::fmt::Debug for Analyzer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Analyzer")
    }
}

impl Analyzer {
    /// Creates an analyzer with the stemmers of every [`Language`].
    pub fn new() -> Analyzer {
        Analyzer {
            english: Stemmer::create(Algorithm::English),
            french: Stemmer::create(Algorithm::French),
            russian: Stemmer::create(Algorithm::Russian),
            german: Stemmer::create(Algorithm::German),
            spanish: Stemmer::create(Algorithm::Spanish),
        }
    }

    fn stemmer(&self, language: Language) -> Option<&Stemmer> {
        match language {
            Language::English => Some(&self.english),
            Language::French => Some(&self.french),
            Language::Russian => Some(&self.russian),
            Language::German => Some(&self.german),
            Language::Spanish => Some(&self.spanish),
            Language::Unknown => None,
        }
    }

    /// Analyses one word (already split) and returns its term, or `None` for a stop word or a lone
    /// letter.
    ///
    /// Results are remembered per thread (a bounded memo of recent words), since checking a
    /// proposal analyses the same vocabulary again and again in candidate records.
    pub fn term(&self, word: &str, language: Language) -> Option<String> {
        let lower = word.to_lowercase();
        let slot = language as usize;
        let known = MEMO.with(|memo| memo.borrow()[slot].get(&lower).cloned());
        if let Some(term) = known {
            return term;
        }
        let term = self.analyse_word(&lower, language);
        MEMO.with(|memo| {
            let map = &mut memo.borrow_mut()[slot];
            if map.len() >= MEMO_CAPACITY {
                map.clear();
            }
            map.insert(lower, term.clone());
        });
        term
    }

    fn analyse_word(&self, lower: &str, language: Language) -> Option<String> {
        let closed;
        let lower = if joins_prefixes(language) && is_prefixed(lower) {
            closed = lower.replace(HYPHENS, "");
            closed.as_str()
        } else {
            lower
        };
        let mut chars = lower.chars();
        let first = chars.next()?;
        if chars.next().is_none() && !first.is_ascii_digit() {
            return None;
        }
        if is_stop_word(lower, language) {
            return None;
        }
        // Words with digits are identifiers or quantities ("x509", "5g", "62325"): never stemmed.
        match self.stemmer(language) {
            Some(stemmer) if !lower.chars().any(|c| c.is_ascii_digit()) => {
                Some(fold_to_ascii(&stemmer.stem(lower)))
            }
            _ => Some(fold_to_ascii(lower)),
        }
    }

    /// Calls `sink` with every term of `text` analysed as `language`, in order.
    ///
    /// Chinese, Japanese and Korean script has no spaces between words: a run of it becomes its
    /// overlapping character bigrams (a lone character stays a unigram), each a term, as Lucene's
    /// `CJKAnalyzer` does; Latin letters and digits within such text are words as usual.
    ///
    /// ```
    /// use nwip_text::{analyze_terms, Language};
    /// let terms = analyze_terms("建築モデュール用語 JIS A 0004", Language::Unknown);
    /// assert_eq!(terms, ["建築", "築モ", "モデ", "デュ", "ュー", "ール", "ル用", "用語", "jis", "0004"]);
    /// ```
    pub fn for_each_token(&self, text: &str, language: Language, mut sink: impl FnMut(Token)) {
        let mut position = 0u32;
        for (offset, word) in analysed_words(text, language) {
            if !word.chars().any(is_cjk) {
                if let Some(term) = self.term(word, language) {
                    sink(Token {
                        term,
                        position,
                        offset_from: offset,
                        offset_to: offset + word.len(),
                    });
                }
                position += 1;
                continue;
            }
            for (run_offset, run, cjk) in script_runs(word) {
                let start = offset + run_offset;
                if !cjk {
                    if let Some(term) = self.term(run, language) {
                        sink(Token {
                            term,
                            position,
                            offset_from: start,
                            offset_to: start + run.len(),
                        });
                    }
                    position += 1;
                    continue;
                }
                for (from, to) in cjk_bigrams(run) {
                    let term = fold_to_ascii(&run[from..to].to_lowercase());
                    sink(Token {
                        term,
                        position,
                        offset_from: start + from,
                        offset_to: start + to,
                    });
                    position += 1;
                }
            }
        }
    }

    /// Returns every term of `text` analysed as `language`, in order.
    pub fn tokens(&self, text: &str, language: Language) -> Vec<Token> {
        let mut tokens = Vec::new();
        self.for_each_token(text, language, |token| tokens.push(token));
        tokens
    }

    /// Returns the terms of `text` (no positions), in order, repeats kept.
    pub fn terms(&self, text: &str, language: Language) -> Vec<String> {
        let mut terms = Vec::new();
        self.for_each_term(text, language, |term| terms.push(term.to_string()));
        terms
    }

    /// Calls `sink` with every term of `text` analysed as `language`, in order: the terms of
    /// [`Analyzer::terms`], lent rather than given. A word this thread has analysed before
    /// costs no allocation (an ASCII word is lower-cased in a reused buffer; one with other
    /// letters into a fresh string): candidates' titles and abstracts are analysed at every
    /// check, mostly in words seen before.
    ///
    /// ```
    /// use nwip_text::{Analyzer, Language};
    /// let analyzer = Analyzer::new();
    /// let mut terms = Vec::new();
    /// analyzer.for_each_term("Road vehicles: Diagnostic communication", Language::English, |t| {
    ///     terms.push(t.to_string())
    /// });
    /// assert_eq!(terms, ["road", "vehicl", "diagnost", "communic"]);
    /// ```
    pub fn for_each_term(&self, text: &str, language: Language, mut sink: impl FnMut(&str)) {
        self.for_each_term_at(text, language, |_, term| sink(term));
    }

    /// [`Analyzer::for_each_term`], with the byte offset in `text` of the word each term comes
    /// from.
    pub(crate) fn for_each_term_at(
        &self,
        text: &str,
        language: Language,
        mut sink: impl FnMut(usize, &str),
    ) {
        let slot = language as usize;
        let mut lower = String::new();
        let mut term = String::new();
        for (offset, word) in analysed_words(text, language) {
            if word.chars().any(is_cjk) {
                self.for_each_token(word, language, |token| sink(offset, &token.term));
                continue;
            }
            lower.clear();
            if word.is_ascii() {
                lower.push_str(word);
                lower.make_ascii_lowercase();
            } else {
                lower.push_str(&word.to_lowercase());
            }
            // The remembered term is copied out, so that `sink` runs outside the memo's borrow.
            let known = MEMO.with(|memo| {
                memo.borrow()[slot].get(lower.as_str()).map(|known| {
                    term.clear();
                    term.push_str(known.as_deref().unwrap_or_default());
                    known.is_some()
                })
            });
            match known {
                Some(true) => sink(offset, &term),
                Some(false) => {}
                None => {
                    if let Some(term) = self.term(word, language) {
                        sink(offset, &term);
                    }
                }
            }
        }
    }
}

/// Words remembered per language and thread before the memo starts afresh.
const MEMO_CAPACITY: usize = 1 << 17;

thread_local! {
    /// Lower-cased word → term, one map per [`Language`] (by discriminant).
    static MEMO: RefCell<[FxHashMap<String, Option<String>>; Language::ALL.len()]> =
        RefCell::new(std::array::from_fn(|_| FxHashMap::default()));
}

/// Returns the terms of `text` analysed as `language`, using a shared analyzer.
///
/// See the crate documentation for an example.
pub fn analyze_terms(text: &str, language: Language) -> Vec<String> {
    shared_analyzer().terms(text, language)
}

fn shared_analyzer() -> &'static Analyzer {
    static ANALYZER: std::sync::OnceLock<Analyzer> = std::sync::OnceLock::new();
    ANALYZER.get_or_init(Analyzer::new)
}

/// Whether a character is written without spaces between words: Han, Hiragana, Katakana (full
/// and half width), Hangul.
pub(crate) fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3040}'..='\u{30FF}'      // Hiragana, Katakana
        | '\u{3400}'..='\u{4DBF}'    // CJK extension A
        | '\u{4E00}'..='\u{9FFF}'    // CJK unified ideographs
        | '\u{F900}'..='\u{FAFF}'    // CJK compatibility ideographs
        | '\u{FF66}'..='\u{FF9F}'    // half-width Katakana
        | '\u{AC00}'..='\u{D7AF}'    // Hangul syllables
        | '\u{1100}'..='\u{11FF}'    // Hangul jamo
        | '\u{20000}'..='\u{2FA1F}') // extensions B and later
}

/// Splits a word into runs of CJK and other characters: (byte offset, run, is CJK).
fn script_runs(word: &str) -> impl Iterator<Item = (usize, &str, bool)> {
    let mut runs = Vec::new();
    let mut start = 0;
    let mut current: Option<bool> = None;
    for (index, c) in word.char_indices() {
        let cjk = is_cjk(c);
        if current.is_some_and(|kind| kind != cjk) {
            runs.push((start, &word[start..index], current.unwrap_or(false)));
            start = index;
        }
        current = Some(cjk);
    }
    if let Some(kind) = current {
        runs.push((start, &word[start..], kind));
    }
    runs.into_iter()
}

/// The byte ranges of the overlapping bigrams of a CJK run; a lone character is a unigram.
fn cjk_bigrams(run: &str) -> Vec<(usize, usize)> {
    let bounds: Vec<usize> = run.char_indices().map(|(i, _)| i).chain([run.len()]).collect();
    if bounds.len() <= 2 {
        return vec![(0, run.len())];
    }
    bounds.windows(3).map(|w| (w[0], w[2])).collect()
}

/// The prefixes (English and French, accents folded) read with the word they are hyphenated to
/// (*pre-packaged*, *co-ordination*, *multi-fibre*): prefixes that are not words of their own,
/// so that the open spelling ("pre packaged") is rare and reading the hyphenated one closed
/// loses no match. Not *e-*, which stands for a word ("e-waste" is electronic waste, not
/// "ewaste"), nor *non*, which French writes apart ("instruments de pesage à fonctionnement non
/// automatique"). Sorted.
pub(crate) const PREFIXES: &[&str] = &[
    "aero", "anti", "auto", "bi", "bio", "co", "cyber", "de", "electro", "geo", "hydro", "infra",
    "inter", "intra", "macro", "meta", "micro", "mono", "multi", "nano", "opto", "photo", "poly",
    "post", "pre", "pseudo", "quasi", "re", "semi", "sub", "super", "tele", "thermo", "tri",
    "ultra", "un", "uni",
];

/// The hyphens that join a prefix to its word: the hyphen-minus, and Unicode's hyphen and
/// non-breaking hyphen.
const HYPHENS: [char; 3] = ['-', '\u{2010}', '\u{2011}'];

/// Tells whether a lower-cased word is a [`PREFIXES`] prefix hyphenated to a word.
fn is_prefixed(lower: &str) -> bool {
    lower.split_once(HYPHENS).is_some_and(|(prefix, _)| is_prefix(prefix))
}

/// Tells whether `language` reads a prefix hyphenated to a word as that word: English and
/// French, which share these Latin and Greek prefixes (*multi-fibre*, *multi-fibres*).
fn joins_prefixes(language: Language) -> bool {
    matches!(language, Language::English | Language::French)
}

/// The words of `text` as terms are made from them: [`split_words`], except that (in English
/// and French) a prefix hyphenated to a word reaches to the end of that word ("pre-packaged",
/// its hyphen still in the slice), while the word after it stays a word of its own. Every word
/// keeps its place, so "pre-packaged" gives the terms of *prepackaged* and *packaged*.
fn analysed_words(text: &str, language: Language) -> impl Iterator<Item = (usize, &str)> {
    split_words(text).map(move |(offset, word)| {
        let mut end = offset + word.len();
        let mut last = word;
        while joins_prefixes(language) {
            // The hyphen first: most words have none after them.
            let Some((start, next)) = hyphenated_word(text, end).filter(|_| is_prefix(last)) else {
                break;
            };
            end = start + next.len();
            last = next;
        }
        (offset, &text[offset..end])
    })
}

/// The word (and its byte offset) that a hyphen at byte `at` of `text` joins to what comes
/// before it, if one begins right after the hyphen with a letter (not a digit, a space or CJK
/// script).
fn hyphenated_word(text: &str, at: usize) -> Option<(usize, &str)> {
    let hyphen = text[at..].chars().next().filter(|c| HYPHENS.contains(c))?;
    let start = at + hyphen.len_utf8();
    let rest = &text[start..];
    rest.chars().next().filter(|c| c.is_alphabetic() && !is_cjk(*c))?;
    let len = rest.find(|c: char| !c.is_alphanumeric() || is_cjk(c)).unwrap_or(rest.len());
    Some((start, &rest[..len]))
}

/// Tells whether a word (any case, French accents folded: *pré*, *télé*) is one of
/// [`PREFIXES`].
fn is_prefix(word: &str) -> bool {
    word.len() <= 9 && PREFIXES.binary_search(&fold_to_ascii(&word.to_lowercase()).as_str()).is_ok()
}

/// Splits text into words: maximal runs of letters and digits, with their byte offsets.
pub(crate) fn split_words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut start: Option<usize> = None;
    let mut chars = text.char_indices().chain(std::iter::once((text.len(), ' ')));
    std::iter::from_fn(move || {
        for (index, c) in chars.by_ref() {
            let in_word = c.is_alphanumeric();
            match (start, in_word) {
                (None, true) => start = Some(index),
                (Some(begin), false) => {
                    start = None;
                    return Some((begin, &text[begin..index]));
                }
                _ => {}
            }
        }
        None
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn splits_on_punctuation_and_keeps_offsets() {
        let words: Vec<_> = split_words("ISO/IEC 27001: l'énergie").collect();
        assert_eq!(words, [(0, "ISO"), (4, "IEC"), (8, "27001"), (15, "l"), (17, "énergie")]);
    }

    #[test]
    fn numbers_are_kept_and_not_stemmed() {
        let terms = analyze_terms("Part 2: 5G networks and X.509 certificates", Language::English);
        assert_eq!(terms, ["part", "2", "5g", "network", "509", "certif"]);
    }

    #[test]
    fn unknown_language_is_tokenised_not_dropped() {
        let terms = analyze_terms("Ölfeuerungsanlagen für Gebäude", Language::Unknown);
        assert_eq!(terms, ["olfeuerungsanlagen", "fur", "gebaude"]);
    }

    #[test]
    fn japanese_is_read_as_character_bigrams() {
        let terms = analyze_terms("建築のベーシックモデュール", Language::Unknown);
        assert_eq!(terms[..3], ["建築", "築の", "のベ"]);
        assert_eq!(terms.len(), "建築のベーシックモデュール".chars().count() - 1);
        // a lone character, and Latin words beside Japanese ones
        assert_eq!(analyze_terms("炉 Furnace", Language::English), ["炉", "furnac"]);
        assert_eq!(analyze_terms("JIS規格", Language::Unknown), ["jis", "規格"]);
        let tokens = Analyzer::new().tokens("鋼管 steel", Language::English);
        let spans: Vec<(u32, usize, usize)> =
            tokens.iter().map(|t| (t.position, t.offset_from, t.offset_to)).collect();
        assert_eq!(spans, [(0, 0, 6), (1, 7, 12)]);
    }

    #[test]
    fn a_prefix_hyphenated_to_a_word_is_read_as_the_whole_word_then_the_word() {
        let english = |text| analyze_terms(text, Language::English);
        assert_eq!(english("Pre-packaged foods"), ["prepackag", "packag", "food"]);
        assert_eq!(
            english("co-ordination, multi-sub-system"),
            ["coordin", "ordin", "multisubsystem", "subsystem", "system"]
        );
        assert_eq!(english("e-waste"), ["wast"]);
        // A word of its own before the hyphen, a prefix before a space or a number, and a
        // suspended prefix stay as they are.
        assert_eq!(english("real-time life-cycle"), ["real", "time", "life", "cycl"]);
        assert_eq!(english("pre- and post-processing"), ["pre", "postprocess", "process"]);
        assert_eq!(english("sub 2, Co-60"), ["sub", "2", "co", "60"]);
        // French shares the prefixes; other languages keep their hyphenated words apart.
        let french = |text| analyze_terms(text, Language::French);
        assert_eq!(
            french("câbles multi-fibres, pré-emballés"),
            ["cabl", "multifibr", "fibr", "preemball", "emball"]
        );
        assert_eq!(analyze_terms("pre-packaged", Language::German), ["pre", "packaged"]);
        let tokens = Analyzer::new().tokens("the pre-packaged food", Language::English);
        let spans: Vec<_> =
            tokens.iter().map(|t| (t.position, t.offset_from, t.offset_to)).collect();
        assert_eq!(spans, [(1, 4, 16), (2, 8, 16), (3, 17, 21)]);
    }

    #[test]
    fn prefixes_are_sorted_for_their_search() {
        assert!(PREFIXES.windows(2).all(|pair| pair[0] < pair[1]));
    }

    #[test]
    fn positions_count_stop_words() {
        let tokens = Analyzer::new().tokens("the quality of water", Language::English);
        let positions: Vec<u32> = tokens.iter().map(|t| t.position).collect();
        assert_eq!(positions, [1, 3]);
    }

    proptest! {
        #[test]
        fn never_panics_and_terms_are_non_empty(text in "\\PC{0,80}") {
            for language in Language::ALL {
                for token in Analyzer::new().tokens(&text, language) {
                    prop_assert!(!token.term.is_empty());
                    prop_assert!(token.offset_to <= text.len());
                }
            }
        }

        #[test]
        fn lent_terms_are_the_tokens_terms(text in "(\\PC{0,12}| |-|É|Σ|σ|ς|İ|ẞ|日本){0,12}") {
            let analyzer = Analyzer::new();
            for language in Language::ALL {
                let tokens: Vec<String> =
                    analyzer.tokens(&text, language).into_iter().map(|t| t.term).collect();
                // Twice: the second time every word is remembered.
                for _ in 0..2 {
                    let mut lent = Vec::new();
                    analyzer.for_each_term(&text, language, |term| lent.push(term.to_string()));
                    prop_assert_eq!(&lent, &tokens);
                }
            }
        }
    }
}
