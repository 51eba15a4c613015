//! Carrying a proposal across languages: [`Profile::bridge`] fills [`Profile::bridged`] from a
//! [`BridgeTable`], and a comparison ([`crate::comparison`]) picks, for one record, the translation of each proposal
//! term that the record actually uses (so that a term with three candidate translations counts
//! once, matched or not, in the containment features). Title and body cross from their own
//! languages, which differ when a proposal mixes them.
//!
//! Which terms cross: the proposal's title terms and its most distinctive body terms (IDF above
//! the floor, at most [`BridgeOptions::max_body_terms`]). A term the table does not know crosses
//! unchanged when it is language-neutral (it has a digit: `62196`, `5g`; not a year or a part
//! number of one or two digits) with probability 1, and
//! as a likely cognate (`protocol`, `ethernet`) with [`BridgeOptions::cognate_probability`] when
//! it is written in Latin letters and the target language is too.

use nwip_bridge::{BridgeTable, Transliterations};
use nwip_text::Language;

use crate::profile::{BridgedTerm, Profile, TermWeights};

/// Languages a proposal can be carried into.
pub const BRIDGE_LANGUAGES: [Language; 3] =
    [Language::English, Language::French, Language::Russian];

/// How a proposal is carried into other languages.
#[derive(Debug, Clone, PartialEq)]
pub struct BridgeOptions {
    /// At most this many body terms (the most distinctive) are carried over.
    pub max_body_terms: usize,
    /// At most this many translations per term.
    pub max_translations: usize,
    /// Probability given to an unknown Latin-script term carried unchanged (a likely cognate).
    pub cognate_probability: f32,
    /// Whether an English proposal's body terms cross too (off by default: records without an
    /// English title are rare, and a long English scope would double the query for little gain).
    pub from_english_body: bool,
}

impl Default for BridgeOptions {
    fn default() -> Self {
        BridgeOptions {
            max_body_terms: 40,
            max_translations: 3,
            cognate_probability: 0.3,
            from_english_body: false,
        }
    }
}

impl Profile {
    /// Carries the proposal's distinctive terms into the other languages of `table` (and into
    /// English for any non-English proposal), filling [`Profile::bridged`].
    ///
    /// ```
    /// use nwip_bridge::{BridgeTable, Translation};
    /// use nwip_corpus::Proposal;
    /// use nwip_score::{BridgeOptions, Profile, TermWeights};
    /// use nwip_text::{Analyzer, Language};
    /// let table = BridgeTable::from_entries([(
    ///     Language::French, Language::English, "bruit".to_string(),
    ///     vec![Translation { term: "nois".into(), probability: 0.8 }],
    /// )]);
    /// let proposal = Proposal { title: "Mesurage du bruit des machines 62196".into(), language: Some(Language::French), ..Default::default() };
    /// let mut profile = Profile::from_proposal(&proposal, &Analyzer::new());
    /// profile.bridge(&table, &TermWeights::default(), &BridgeOptions::default());
    /// let english: Vec<&str> = profile.bridged.iter().filter(|b| b.language == Language::English).map(|b| b.term.as_str()).collect();
    /// assert!(english.contains(&"nois"));
    /// assert!(english.contains(&"62196"));
    /// ```
    pub fn bridge(&mut self, table: &BridgeTable, weights: &TermWeights, options: &BridgeOptions) {
        let mut bridged = Vec::new();
        let title: Vec<&String> = self.title_terms.iter().collect();
        let body: Vec<&String> = self.body_only_terms().collect();
        carry(&mut bridged, self.title_language, title, None, table, weights, options);
        let body_terms = if self.body_language == Language::English && !options.from_english_body {
            0
        } else {
            options.max_body_terms
        };
        carry(&mut bridged, self.body_language, body, Some(body_terms), table, weights, options);
        self.bridged = bridged;
    }
}

/// The smallest cosine between a Russian word and the English word its consonant skeleton
/// matched ([`Transliterations`]) for the match to be carried: a borrowed word lies near its
/// English source in the table (*аккредитация* and *accreditation*, *материалов* and
/// *materials*), a native word whose consonants happen to spell an English one does not
/// (*выявление* and *wavelength*, *участка* and *acoustic*).
pub const MIN_TRANSLITERATION_COSINE: f32 = 0.5;

impl Profile {
    /// Drops the Russian terms carried by their consonant skeleton alone (no dictionary or
    /// corpus translation) whose words the word vectors place far from the English word they
    /// matched: a native word whose consonants happen to spell an English one («перемежение»,
    /// interleaving, and *paramagnet*). A match the table cannot judge (a word it lacks) stays.
    ///
    /// ```
    /// use nwip_bridge::{BridgeTable, Transliterations, Translation};
    /// use nwip_corpus::Proposal;
    /// use nwip_score::{BridgeOptions, Profile, TermWeights};
    /// use nwip_text::{Analyzer, Language, WordVectors};
    /// let analyzer = Analyzer::new();
    /// let skeleton = |ru: &str, en: &str| {
    ///     let key = Transliterations::key(&analyzer.terms(ru, Language::Russian)[0]).unwrap();
    ///     (Language::Russian, Language::English, key, vec![Translation { term: en.into(), probability: 0.4 }])
    /// };
    /// let table = BridgeTable::from_entries([skeleton("менеджмент", "manag"), skeleton("выявление", "wavelength")]);
    /// let vectors = WordVectors::from_words(2, &[
    ///     ("менеджмент", 1.0, [1.0, 0.0]), ("management", 1.0, [0.9, 0.1]),
    ///     ("выявление", 1.0, [0.0, 1.0]), ("wavelength", 1.0, [1.0, 0.0]),
    /// ]);
    /// let proposal = Proposal { title: "Менеджмент и выявление".into(), language: Some(Language::Russian), ..Default::default() };
    /// let mut profile = Profile::from_proposal(&proposal, &analyzer);
    /// profile.bridge(&table, &TermWeights::default(), &BridgeOptions::default());
    /// profile.drop_unlikely_transliterations(&vectors, &analyzer);
    /// let carried: Vec<&str> = profile.bridged.iter().map(|b| b.term.as_str()).collect();
    /// assert_eq!(carried, ["manag"]);
    /// ```
    pub fn drop_unlikely_transliterations(
        &mut self,
        vectors: &nwip_text::WordVectors,
        analyzer: &nwip_text::Analyzer,
    ) {
        if !self.bridged.iter().any(|bridged| bridged.by_skeleton) {
            return;
        }
        // The proposal's words with their terms, analysed once.
        let words: Vec<(String, Vec<String>)> = nwip_text::words(&self.title)
            .chain(nwip_text::words(&self.body))
            .map(|word| {
                let terms = analyzer.terms(&word, Language::Russian);
                (word, terms)
            })
            .collect();
        let unlikely = |bridged: &BridgedTerm| {
            if !bridged.by_skeleton {
                return false;
            }
            let mut judged = words
                .iter()
                .filter(|(_, terms)| terms.as_slice() == [bridged.source.as_str()])
                .filter_map(|(word, _)| vectors.similarity(word, &bridged.term))
                .peekable();
            judged.peek().is_some() && judged.all(|cosine| cosine < MIN_TRANSLITERATION_COSINE)
        };
        self.bridged.retain(|bridged| !unlikely(bridged));
    }
}

/// Carries `terms` of one part of a proposal, written in `from`, into the other languages: every
/// term when `limit` is `None` (the title), else the `limit` most distinctive.
fn carry(
    bridged: &mut Vec<BridgedTerm>,
    from: Language,
    mut terms: Vec<&String>,
    limit: Option<usize>,
    table: &BridgeTable,
    weights: &TermWeights,
    options: &BridgeOptions,
) {
    if from == Language::Unknown || limit == Some(0) {
        return;
    }
    let targets: Vec<Language> = BRIDGE_LANGUAGES
        .into_iter()
        .filter(|to| *to != from)
        .filter(|to| table.has_direction(from, *to) || *to == Language::English)
        .collect();
    if limit.is_some() {
        terms.sort_by(|a, b| weights.weight(from, b).total_cmp(&weights.weight(from, a)));
    }
    let mut sources: Vec<&String> = Vec::new();
    for term in terms {
        if !sources.contains(&term) {
            sources.push(term);
        }
    }
    sources.truncate(limit.unwrap_or(usize::MAX));
    let floor = weights.floor() * 1.05;
    for source in sources {
        if weights.weight(from, source) <= floor {
            continue;
        }
        for &to in &targets {
            let (translations, by_skeleton) = match table.translations(from, to, source) {
                [] if from == Language::Russian => (
                    Transliterations::key(source)
                        .map_or(&[][..], |key| table.translations(from, to, &key)),
                    true,
                ),
                found => (found, false),
            };
            if translations.is_empty() {
                if let Some(probability) = untranslated(source, to, options) {
                    bridged.push(BridgedTerm {
                        language: to,
                        term: source.clone(),
                        probability,
                        weight: probability,
                        source: source.clone(),
                        from,
                        by_skeleton: false,
                    });
                }
                continue;
            }
            let best = translations.iter().map(|t| t.probability).fold(0.0f32, f32::max);
            for translation in translations.iter().take(options.max_translations) {
                bridged.push(BridgedTerm {
                    language: to,
                    term: translation.term.clone(),
                    probability: translation.probability,
                    weight: translation.probability / best.max(f32::EPSILON),
                    source: source.clone(),
                    from,
                    by_skeleton,
                });
            }
        }
    }
}

/// The probability of carrying a term the table does not know unchanged, if it may be.
fn untranslated(term: &str, to: Language, options: &BridgeOptions) -> Option<f32> {
    if term.chars().any(|c| c.is_ascii_digit()) {
        // Part numbers and years say nothing of the subject; a standard's number or "5g" does.
        let digits_only = term.chars().all(|c| c.is_ascii_digit());
        let year = term.len() == 4 && (term.starts_with("19") || term.starts_with("20"));
        if digits_only && (term.len() <= 2 || year) {
            return None;
        }
        return Some(1.0);
    }
    // A Latin word is a cognate between Latin-script languages, and in Russian text an acronym
    // or a name ("ISO", "IoT", "Wi-Fi") to carry as it is.
    let latin = |language: Language| language != Language::Russian;
    if term.is_ascii() && latin(to) {
        return Some(options.cognate_probability);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::RecordText;
    use nwip_bridge::Translation;
    use nwip_corpus::Proposal;
    use nwip_text::Analyzer;

    /// The proposal's terms as a record spells them ([`crate::comparison::spelt_terms`]).
    fn terms_for(profile: &Profile, text: &RecordText) -> (Vec<String>, Vec<String>, bool) {
        let weights = TermWeights::default();
        let comparison = crate::comparison::Comparison::new(profile, &weights);
        crate::comparison::spelt_terms(&comparison, text)
    }

    fn table() -> BridgeTable {
        let fr = Language::French;
        let en = Language::English;
        let entry = |from, to, term: &str, targets: &[(&str, f32)]| {
            let translations = targets
                .iter()
                .map(|(t, p)| Translation { term: t.to_string(), probability: *p })
                .collect();
            (from, to, term.to_string(), translations)
        };
        BridgeTable::from_entries([
            entry(fr, en, "secur", &[("safeti", 0.7), ("secur", 0.2)]),
            entry(fr, en, "jouet", &[("toi", 0.9)]),
            entry(en, fr, "safeti", &[("secur", 0.8)]),
        ])
    }

    fn profile(title: &str, language: Language) -> Profile {
        let proposal =
            Proposal { title: title.into(), language: Some(language), ..Default::default() };
        Profile::from_proposal(&proposal, &Analyzer::new())
    }

    #[test]
    fn french_terms_cross_into_english_with_their_probabilities() {
        let mut profile = profile("Sécurité des jouets", Language::French);
        profile.bridge(&table(), &TermWeights::default(), &BridgeOptions::default());
        let english: Vec<(&str, f32)> = profile
            .bridged
            .iter()
            .filter(|b| b.language == Language::English)
            .map(|b| (b.term.as_str(), b.probability))
            .collect();
        assert_eq!(english, [("safeti", 0.7), ("secur", 0.2), ("toi", 0.9)]);
    }

    #[test]
    fn english_proposals_cross_too_and_unknown_terms_as_cognates() {
        let mut profile = profile("Safety of ethernet", Language::English);
        profile.bridge(&table(), &TermWeights::default(), &BridgeOptions::default());
        let french: Vec<(&str, f32, f32)> = profile
            .bridged
            .iter()
            .filter(|b| b.language == Language::French)
            .map(|b| (b.term.as_str(), b.probability, b.weight))
            .collect();
        assert_eq!(french, [("secur", 0.8, 1.0), ("ethernet", 0.3, 0.3)]);
    }

    #[test]
    fn the_most_probable_translation_weighs_as_much_as_its_source() {
        let mut profile = profile("Sécurité des jouets", Language::French);
        profile.bridge(&table(), &TermWeights::default(), &BridgeOptions::default());
        let weights: Vec<(&str, f32)> =
            profile.bridged.iter().map(|b| (b.term.as_str(), b.weight)).collect();
        assert_eq!(weights, [("safeti", 1.0), ("secur", 0.2 / 0.7), ("toi", 1.0)]);
    }

    #[test]
    fn a_title_and_a_scope_in_different_languages_cross_from_their_own() {
        let proposal = Proposal {
            title: "Sécurité des jouets".into(),
            scope: "This document specifies the safety requirements for toys and their testing."
                .into(),
            ..Default::default()
        };
        let mut profile = Profile::from_proposal(&proposal, &Analyzer::new());
        assert_eq!(
            (profile.language, profile.title_language, profile.body_language),
            (Language::English, Language::French, Language::English)
        );
        assert_eq!(profile.title_terms, ["secur", "jouet"]);
        assert!(profile.body_terms.contains(&"toy".to_string()));
        profile.bridge(&table(), &TermWeights::default(), &BridgeOptions::default());
        let carried = |from: Language, to: Language| -> Vec<&str> {
            profile
                .bridged
                .iter()
                .filter(|b| b.from == from && b.language == to)
                .map(|b| b.term.as_str())
                .collect()
        };
        assert_eq!(carried(Language::French, Language::English), ["safeti", "secur", "toi"]);
        // English scope terms cross only when asked (from_english_body), as for English proposals.
        assert!(carried(Language::English, Language::French).is_empty());
        // An English record is compared with the title through the table, the scope as written.
        let line = r#"{"docid":[{"id":"EN 71-1","type":"CEN","primary":true}],
            "title":[{"content":"Safety of toys","language":"en"}],
            "abstract":[{"content":"Specifies safety requirements for toys.","language":"en"}]}"#;
        let record = nwip_corpus::Record::from_relaton_json(line).unwrap();
        let text = RecordText::analyse(&record, Language::English, &[], &Analyzer::new());
        let (title, body, translated) = terms_for(&profile, &text);
        assert_eq!(title, ["safeti", "toi"]);
        assert!(body.iter().any(|term| term == "requir"));
        assert!(translated);
    }

    #[test]
    fn records_are_compared_through_the_translation_they_use() {
        let mut profile = profile("Sécurité des jouets", Language::French);
        profile.bridge(&table(), &TermWeights::default(), &BridgeOptions::default());
        let analyzer = Analyzer::new();
        let line = r#"{"docid":[{"id":"EN 71-1","type":"CEN","primary":true}],
            "title":[{"content":"Security of toys","language":"en"}]}"#;
        let record = nwip_corpus::Record::from_relaton_json(line).unwrap();
        let text = RecordText::analyse(&record, Language::French, &[Language::English], &analyzer);
        let (title, body, translated) = terms_for(&profile, &text);
        assert_eq!(title, ["secur", "toi"]);
        assert!(body.is_empty());
        assert!(translated);
    }
}
