//! Seed translations from a bilingual dictionary, for language pairs the corpus cannot teach.
//!
//! The corpus holds tens of thousands of aligned English–French titles but almost no Russian
//! text, so Model 1 learns nothing for Russian. A printed dictionary can: [`Dictionary::parse_dictd`]
//! reads an English→Russian dictionary in the dictd format (an index of headwords with base64
//! offsets into the text, as Debian's `mueller7-dict` ships it) into headwords and their numbered
//! senses, each a list of translations. [`Dictionary::seed`] turns it into table entries, stemmed
//! on both sides like index terms:
//!
//! - Russian → English: every one-word translation of a one-word headword votes for the headword,
//!   by how early its sense and its place in the sense come (the first sense is the usual one).
//!   The votes are weighed by what the corpus's English side makes plausible (the headword's
//!   document frequency in English titles): "управление" translates *management* and *control*
//!   far more often than *steering*, and a term that no English title uses is never proposed.
//!   A translation votes under the stems of all its cases ([`crate::inflect`]), since a proposal
//!   writes «в каналах» where the dictionary writes «канал».
//! - English → Russian: the first translations of the first senses.
//!
//! Usage examples (`at all hazards во что бы то ни стало`) are told apart by their Latin letters
//! and skipped, as are cross-references (`см.`), grammar labels (`_n.`), transcriptions and
//! remarks in brackets.
//!
//! ```
//! use std::collections::HashMap;
//! use nwip_bridge::{BridgeTable, Dictionary};
//! use nwip_text::{Analyzer, Language};
//! let index = "safety\tA\tBo\n";
//! let text = "safety\n   [seiftI] _n. безопасность; сохранность; with safety безопасно\n";
//! let dictionary = Dictionary::parse_dictd(index, text).unwrap();
//! assert_eq!(dictionary.len(), 1);
//! let english_df = HashMap::from([("safeti".to_string(), 120)]);
//! let mut table = BridgeTable::default();
//! let added = dictionary.seed(&mut table, &Analyzer::new(), &english_df);
//! assert!(added > 0);
//! let best = &table.translations(Language::Russian, Language::English, "безопасн")[0];
//! assert_eq!(best.term, "safeti");
//! ```

use std::collections::HashMap;

use nwip_text::{Analyzer, Language};

use crate::{BridgeError, BridgeTable, Translation};

/// One headword and its senses, each a list of translations in the dictionary's order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DictionaryEntry {
    /// The headword as written.
    pub headword: String,
    /// The senses, first (most usual) first; each holds its translations, first first.
    pub senses: Vec<Vec<String>>,
}

/// A bilingual dictionary (English headwords, Russian translations).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Dictionary {
    entries: Vec<DictionaryEntry>,
}

/// The probability given to a dictionary's best translation of a term: below what the corpus's
/// own aligned titles reach for a sure pair, since a dictionary does not know the domain.
const SEED_PROBABILITY: f32 = 0.6;

/// Translations kept per term.
const MAX_SEEDS: usize = 3;

impl Dictionary {
    /// Builds a dictionary from entries (tests and other formats).
    pub fn from_entries(entries: Vec<DictionaryEntry>) -> Dictionary {
        Dictionary { entries }
    }

    /// Parses a dictd dictionary: `index` is the `.index` file (headword, base64 offset and
    /// length, tab-separated, one a line) and `text` the uncompressed `.dict` body they point into.
    ///
    /// # Errors
    /// [`BridgeError::Dictionary`] naming the index line when a line has no offset or length, or
    /// points outside `text` or inside a character.
    pub fn parse_dictd(index: &str, text: &str) -> Result<Dictionary, BridgeError> {
        let mut entries = Vec::new();
        for (number, line) in index.lines().enumerate() {
            let bad = |reason: &str| BridgeError::Dictionary {
                line: number + 1,
                message: reason.to_string(),
            };
            if line.trim().is_empty() {
                continue;
            }
            let mut fields = line.split('\t');
            let headword = fields.next().unwrap_or_default();
            let offset = fields.next().and_then(decode_base64).ok_or_else(|| bad("no offset"))?;
            let length = fields.next().and_then(decode_base64).ok_or_else(|| bad("no length"))?;
            let body = text
                .get(offset..offset.saturating_add(length))
                .ok_or_else(|| bad("offset and length point outside the dictionary text"))?;
            // dictd's own entries (`00databaseinfo`, ...) describe the file, not words.
            if headword.starts_with("00") || !headword.chars().any(char::is_alphabetic) {
                continue;
            }
            // Affixes (`gyro-`: `гиро-`) are parts of words, not words.
            if headword.starts_with('-') || headword.ends_with('-') {
                continue;
            }
            // Each homonym is an entry of its own: its senses are ranked from its first.
            for senses in parse_senses(body) {
                entries.push(DictionaryEntry { headword: headword.to_string(), senses });
            }
        }
        Ok(Dictionary { entries })
    }

    /// Returns the number of headwords with at least one translation (a headword's homonyms
    /// are entries of their own, counted once here).
    pub fn len(&self) -> usize {
        let mut headwords = 0;
        let mut previous: Option<&str> = None;
        for entry in &self.entries {
            if previous != Some(entry.headword.as_str()) {
                headwords += 1;
            }
            previous = Some(&entry.headword);
        }
        headwords
    }

    /// Tells whether the dictionary has no entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Returns the entries.
    pub fn entries(&self) -> &[DictionaryEntry] {
        &self.entries
    }

    /// Adds the dictionary's translations to `table` in both directions (English→Russian and
    /// Russian→English) for terms the table does not translate yet (what the corpus learned
    /// wins). `english_df` gives each English term's document frequency in the corpus's English
    /// titles; a headword whose term no title uses is left out. Returns the number of terms added.
    pub fn seed(
        &self,
        table: &mut BridgeTable,
        analyzer: &Analyzer,
        english_df: &HashMap<String, u32>,
    ) -> usize {
        let mut to_english: HashMap<String, HashMap<String, f32>> = HashMap::new();
        let mut to_russian: HashMap<String, HashMap<String, f32>> = HashMap::new();
        for entry in &self.entries {
            let Some(english) = single_term(analyzer, &entry.headword, Language::English) else {
                continue;
            };
            if english_df.get(&english).copied().unwrap_or(0) == 0 {
                continue;
            }
            for (sense_number, sense) in entry.senses.iter().enumerate() {
                for (place, translation) in sense.iter().enumerate() {
                    let Some(russian) = single_term(analyzer, translation, Language::Russian)
                    else {
                        continue;
                    };
                    let vote = 1.0 / ((sense_number + 1) as f32 * (1.0 + 0.5 * place as f32));
                    // Every stem of the word's cases, not only its nominative's.
                    let mut stems = vec![russian.clone()];
                    for form in crate::inflect::forms(translation) {
                        if let Some(stem) = single_term(analyzer, &form, Language::Russian) {
                            if !stems.contains(&stem) {
                                stems.push(stem);
                            }
                        }
                    }
                    for stem in stems {
                        *to_english.entry(stem).or_default().entry(english.clone()).or_default() +=
                            vote;
                    }
                    *to_russian.entry(english.clone()).or_default().entry(russian).or_default() +=
                        vote;
                }
            }
        }
        let plausibility =
            |term: &str| (1.0 + english_df.get(term).copied().unwrap_or(0) as f32).ln();
        let mut added = 0;
        for (russian, votes) in to_english {
            let weighed = votes.into_iter().map(|(english, vote)| {
                let weight = vote * plausibility(&english);
                (english, weight)
            });
            added += usize::from(table.seed(
                Language::Russian,
                Language::English,
                russian,
                ranked(weighed),
            ));
        }
        for (english, votes) in to_russian {
            added += usize::from(table.seed(
                Language::English,
                Language::Russian,
                english,
                ranked(votes),
            ));
        }
        added
    }
}

/// Keeps the best [`MAX_SEEDS`] translations, scored relative to the best.
fn ranked(votes: impl IntoIterator<Item = (String, f32)>) -> Vec<Translation> {
    let mut votes: Vec<(String, f32)> = votes.into_iter().filter(|(_, v)| *v > 0.0).collect();
    votes.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    votes.truncate(MAX_SEEDS);
    let best = votes.first().map_or(1.0, |(_, v)| *v);
    votes
        .into_iter()
        .map(|(term, vote)| Translation { term, probability: SEED_PROBABILITY * vote / best })
        .collect()
}

/// The one term of a word or phrase, if it analyses to exactly one.
fn single_term(analyzer: &Analyzer, text: &str, language: Language) -> Option<String> {
    let mut terms = analyzer.terms(text, language);
    let alphabetic = terms.first().is_some_and(|t| t.chars().all(char::is_alphabetic));
    (terms.len() == 1 && alphabetic).then(|| terms.remove(0))
}

/// Reads the senses of one entry's text (its first line is the headword), homonym by homonym
/// (`_I`, `_II`: words of their own that share a spelling, such as *scale* the fish's and
/// *scale* the measure's); an entry without homonyms is one.
fn parse_senses(body: &str) -> Vec<Vec<Vec<String>>> {
    let text: String = body.lines().skip(1).collect::<Vec<_>>().join(" ");
    let text = remove_bracketed(&text);
    // Sense markers (`1.`, `2)`) split a homonym's text; each sense's `;`-parts are
    // translations unless they hold Latin letters (usage examples) or a cross-reference.
    let mut homonyms: Vec<Vec<String>> = Vec::new();
    let mut parts: Vec<String> = Vec::new();
    let mut sense_text = String::new();
    for word in text.split_whitespace() {
        if is_homonym_marker(word) {
            parts.push(std::mem::take(&mut sense_text));
            homonyms.push(std::mem::take(&mut parts));
            continue;
        }
        if is_sense_marker(word) {
            parts.push(std::mem::take(&mut sense_text));
            continue;
        }
        if word.starts_with('_') && word.ends_with('.') {
            continue;
        }
        sense_text.push_str(word);
        sense_text.push(' ');
    }
    parts.push(sense_text);
    homonyms.push(parts);
    homonyms
        .iter()
        .map(|parts| {
            let senses = parts.iter().map(|part| translations_of(part));
            senses.filter(|translations| !translations.is_empty()).collect::<Vec<_>>()
        })
        .filter(|senses| !senses.is_empty())
        .collect()
}

/// The translations of one sense's text.
fn translations_of(part: &str) -> Vec<String> {
    let mut translations = Vec::new();
    for segment in part.split(';') {
        if segment.chars().any(|c| c.is_ascii_alphabetic())
            || segment.contains("см.")
            || is_lettered_sub_sense(segment)
        {
            continue;
        }
        for translation in segment.split(',') {
            let translation = translation.trim().trim_end_matches(['.', '!', '?']).trim();
            // An affix (`гиро-`) is part of a word, not a translation.
            let affix = translation.starts_with('-') || translation.ends_with('-');
            if !affix && translation.chars().any(char::is_alphabetic) {
                translations.push(translation.to_string());
            }
        }
    }
    translations
}

/// `б) на поверку`: a lettered sub-sense, which in this dictionary gives the meanings of the
/// English phrase before it (`in practice а) на практике; б) на поверку`) or of a grammatical
/// use, not a translation of the headword.
fn is_lettered_sub_sense(segment: &str) -> bool {
    let mut chars = segment.trim_start().chars();
    matches!((chars.next(), chars.next()), (Some('а'..='я'), Some(')')))
}

/// `_I`, `_II`, `_IV`: a homonym's number (its transcription removed).
fn is_homonym_marker(word: &str) -> bool {
    word.strip_prefix('_')
        .is_some_and(|number| !number.is_empty() && number.chars().all(|c| "IVX".contains(c)))
}

/// `1.`, `2)`, `10)`: a numbered sense or part of speech.
fn is_sense_marker(word: &str) -> bool {
    let Some(number) = word.strip_suffix(['.', ')']) else { return false };
    !number.is_empty() && number.chars().all(|c| c.is_ascii_digit())
}

/// Removes `[...]` (transcriptions), `(...)` (remarks) and `{...}` (cross-references such as
/// `{см. thick 1}`, which would otherwise take the translations before them along), nested or
/// not.
fn remove_bracketed(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '[' | '(' | '{' => depth += 1,
            ']' | ')' | '}' if depth > 0 => depth -= 1,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// Writes `value` as a dictd index writes offsets and lengths (the base64 digits
/// [`Dictionary::parse_dictd`] reads), for tools and tests that write a dictionary.
///
/// ```
/// assert_eq!(nwip_bridge::dictd_number(93), "Bd");
/// ```
pub fn dictd_number(mut value: usize) -> String {
    const DIGITS: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut digits = Vec::new();
    loop {
        digits.push(DIGITS[value % 64]);
        value /= 64;
        if value == 0 {
            break;
        }
    }
    digits.iter().rev().map(|&digit| char::from(digit)).collect()
}

/// Decodes dictd's base64 numbers (`A`–`Z`, `a`–`z`, `0`–`9`, `+`, `/`, most significant first).
fn decode_base64(text: &str) -> Option<usize> {
    if text.is_empty() || text.len() > 10 {
        return None;
    }
    text.chars().try_fold(0usize, |value, c| {
        let digit = match c {
            'A'..='Z' => c as usize - 'A' as usize,
            'a'..='z' => c as usize - 'a' as usize + 26,
            '0'..='9' => c as usize - '0' as usize + 52,
            '+' => 62,
            '/' => 63,
            _ => return None,
        };
        Some(value * 64 + digit)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const MANAGEMENT: &str = "management
   [mænIdZmEnt] _n.
   1) управление; заведование
   2) умение владеть (инструментом); умение справляться (с работой)
   3) (the management) правление; дирекция, администрация
   4) хитрость, уловка; it took a good deal of management to make him do it
   потребовалось много уловок
";

    #[test]
    fn base64_numbers_decode_as_dictd_writes_them() {
        assert_eq!(decode_base64("A"), Some(0));
        assert_eq!(decode_base64("Bd"), Some(64 + 29));
        assert_eq!(decode_base64("/"), Some(63));
        assert_eq!(decode_base64("!"), None);
        assert_eq!(decode_base64(&dictd_number(1_234_567)), Some(1_234_567));
        assert_eq!(decode_base64(""), None);
    }

    #[test]
    fn senses_keep_translations_and_skip_examples_labels_and_remarks() {
        let homonyms = parse_senses(MANAGEMENT);
        assert_eq!(homonyms.len(), 1);
        let senses = &homonyms[0];
        assert_eq!(senses[0], ["управление", "заведование"]);
        assert_eq!(senses[1], ["умение владеть", "умение справляться"]);
        assert_eq!(senses[2], ["правление", "дирекция", "администрация"]);
        assert_eq!(senses[3], ["хитрость", "уловка"]);
        assert_eq!(senses.len(), 4);
    }

    #[test]
    fn a_phrases_lettered_meanings_are_not_the_headwords() {
        let body =
            "practice\n   1) практика; применение; in practice а) на практике; б) на поверку\n";
        assert_eq!(parse_senses(body)[0][0], ["практика", "применение"]);
    }

    #[test]
    fn a_cross_reference_leaves_the_translations_before_it() {
        let body = "thickness\n   [θɪknɪs] _n.\n   1) толщина, плотность и пр. {см. thick 1}\n   2) слой\n";
        let senses = &parse_senses(body)[0];
        assert_eq!(senses[0], ["толщина", "плотность и пр"]);
        assert_eq!(senses[1], ["слой"]);
    }

    #[test]
    fn homonyms_rank_their_senses_apart_and_affixes_are_left_out() {
        let scale = "scale
   _I  [skeIl]
      1. _n.
         1) чешуя (у рыб и т.п.)
         2) шелуха
   _II [skeIl]
      1. _n.
         1) ступень, уровень (развития)
         2) масштаб; шкала
   _III[skeIl] _n. накипь
";
        let homonyms = parse_senses(scale);
        assert_eq!(homonyms.len(), 3);
        assert_eq!(homonyms[1], [vec!["ступень", "уровень"], vec!["масштаб", "шкала"]]);
        assert_eq!(homonyms[2], [vec!["накипь"]]);
        let gyro = "gyro-\n   [dZaIroU] _pref. гиро-, гироскопический\n";
        assert_eq!(parse_senses(gyro), [[vec!["гироскопический"]]]);
        let text = format!("{scale}{gyro}");
        let index = format!(
            "scale\tA\t{}\ngyro-\t{}\t{}\n",
            dictd_number(scale.len()),
            dictd_number(scale.len()),
            dictd_number(gyro.len())
        );
        let dictionary = Dictionary::parse_dictd(&index, &text).unwrap();
        assert_eq!(dictionary.entries().len(), 3, "the affix is no entry");
        assert_eq!(dictionary.len(), 1, "one headword");
    }

    #[test]
    fn an_index_line_pointing_outside_the_text_names_its_line() {
        let error =
            Dictionary::parse_dictd("safety\tA\tB\nhazard\tA\tzz\n", "safety\n").unwrap_err();
        assert_eq!(
            error.to_string(),
            "dictionary index line 2: offset and length point outside the dictionary text"
        );
        let error = Dictionary::parse_dictd("safety\tA\n", "safety\n").unwrap_err();
        assert!(error.to_string().contains("line 1: no length"), "{error}");
    }

    #[test]
    fn russian_terms_prefer_the_translation_english_titles_use() {
        let text = format!("{MANAGEMENT}steering\n   _n. управление; рулевое устройство\n");
        let steering_at = MANAGEMENT.len();
        let index = format!(
            "management\tA\t{}\nsteering\t{}\t{}\n",
            dictd_number(MANAGEMENT.len()),
            dictd_number(steering_at),
            dictd_number(text.len() - steering_at)
        );
        let dictionary = Dictionary::parse_dictd(&index, &text).unwrap();
        assert_eq!(dictionary.len(), 2);
        let analyzer = Analyzer::new();
        let df = HashMap::from([("manag".to_string(), 5000), ("steer".to_string(), 40)]);
        let mut table = BridgeTable::default();
        dictionary.seed(&mut table, &analyzer, &df);
        let found = table.translations(Language::Russian, Language::English, "управлен");
        assert_eq!(found[0].term, "manag");
        assert_eq!(found[1].term, "steer");
        assert!(found[1].probability < found[0].probability);
        let back = table.translations(Language::English, Language::Russian, "manag");
        assert_eq!(back[0].term, "управлен");
    }

    #[test]
    fn a_translation_is_found_from_any_of_its_cases() {
        let entry = |headword: &str, russian: &str| DictionaryEntry {
            headword: headword.into(),
            senses: vec![vec![russian.into()]],
        };
        let dictionary = Dictionary::from_entries(vec![
            entry("channel", "канал"),
            entry("system", "система"),
            entry("code", "кодировать"),
        ]);
        let analyzer = Analyzer::new();
        let df = HashMap::from([
            ("channel".to_string(), 900),
            ("system".to_string(), 5000),
            ("code".to_string(), 800),
        ]);
        let mut table = BridgeTable::default();
        dictionary.seed(&mut table, &analyzer, &df);
        // «канал» stems to «кана», «в каналах» to «канал»; «систем» (of systems) to «сист».
        for (written, english) in [
            ("канал", "channel"),
            ("каналах", "channel"),
            ("систем", "system"),
            ("кодирования", "code"),
        ] {
            let stem = &analyzer.terms(written, Language::Russian)[0];
            let found = table.translations(Language::Russian, Language::English, stem);
            assert_eq!(found.first().map(|t| t.term.as_str()), Some(english), "{written}");
        }
    }

    #[test]
    fn learned_translations_win_over_the_dictionary() {
        let dictionary = Dictionary::from_entries(vec![DictionaryEntry {
            headword: "safety".into(),
            senses: vec![vec!["сохранность".into()]],
        }]);
        let mut table = BridgeTable::from_entries([(
            Language::English,
            Language::Russian,
            "safeti".to_string(),
            vec![Translation { term: "безопасн".into(), probability: 0.9 }],
        )]);
        let df = HashMap::from([("safeti".to_string(), 10)]);
        dictionary.seed(&mut table, &Analyzer::new(), &df);
        let found = table.translations(Language::English, Language::Russian, "safeti");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].term, "безопасн");
    }
}
