//! Which records the query of carried terms found on too little to be candidates.
//!
//! A proposal's terms carried into another language are searched among the records with no
//! title in the proposal's language ([`crate::Profile::bridge`]). Some thousands of those are
//! short articles and notices in French ("Compte rendu sommaire", "Service de la Métrologie,
//! Autriche", "Enquête sur l'adoption des Unités SI"), and one rare translated word (*summary*,
//! *service*, *survey*) ranks them among the query's first. Their comparison then reads the
//! shares of the proposal's *translated* terms, of which one word held can make half: they
//! were listed among the first ten of unrelated proposals, and as every document's rival they
//! held down the lead of the document the proposal describes.
//!
//! The table learned from the corpus lacks some words ("dissuasion", "fientes"), which then cross
//! only as themselves. In a French or Russian proposal such a word counts as held by a record
//! that has a word near it in meaning ([`NEAR_WORD_COSINE`] in the word vectors): IALA G1091,
//! "Bird deterrents and bird fouling solutions", holds *oiseaux* by translation and *dissuasion*
//! by meaning (*deterrents*, .63).

use nwip_text::{Analyzer, Language};
use rustc_hash::FxHashSet;

use crate::comparison::{terms_held, Comparison};
use crate::features::RecordText;
use crate::overlap::{compared_languages, Candidate};
use crate::profile::{Profile, TermWeights};

/// Distinct terms of the proposal a record in another language must hold, through their
/// translations, to be a candidate when only the query of carried terms found it.
pub const MIN_CARRIED_TERMS: usize = 2;

/// The smallest cosine, in the word vectors, between a proposal word the bridge table cannot
/// translate and a word of a record found only by the carried terms for the record to hold it
/// (French and Russian proposals; see [`thinly_carried`]). Measured on the reworded proposals
/// (`nwip eval`): .5 and .6 give the same figures; at .7 *dissuasion* no longer meets
/// *deterrents* (.63).
pub const NEAR_WORD_COSINE: f32 = 0.6;

/// Distinct terms a proposal has at least for [`MIN_CARRIED_TERMS`] to apply: a title of a word
/// or three ("Focimeters", "Éthylomètres") has a twin that holds one of them.
pub const SHORT_PROPOSAL_TERMS: usize = 4;

/// Tells, for each candidate, whether only the query of the proposal's carried terms found it
/// (no other search, no look-up) and it holds fewer than [`MIN_CARRIED_TERMS`] of the
/// proposal's distinct terms as translated, in its title or abstract: one translated word is
/// not a subject in common. A proposal of fewer than [`SHORT_PROPOSAL_TERMS`] distinct terms
/// needs one. A French or Russian proposal's word the table does not translate is also held by
/// a record word within [`NEAR_WORD_COSINE`] of it in meaning (with word vectors); an English
/// proposal's carried terms search the records with no English title, mostly language editions
/// and notices, which the rule keeps out as before.
///
/// ```
/// use nwip_bridge::{BridgeTable, Translation};
/// use nwip_corpus::{Proposal, Record};
/// use nwip_score::{thinly_carried, BridgeOptions, Candidate, Profile, Signals, TermWeights};
/// use nwip_text::{Analyzer, Language};
/// let analyzer = Analyzer::new();
/// let french = |word: &str| analyzer.terms(word, Language::French)[0].clone();
/// let table = BridgeTable::from_entries(
///     [("survey", "enquête"), ("depth", "profondeur")].map(|(en, fr)| {
///         let translation = Translation { term: french(fr), probability: 0.8 };
///         (Language::English, Language::French, en.to_string(), vec![translation])
///     }),
/// );
/// let proposal = Proposal { title: "Depth survey for nautical charts".into(), ..Default::default() };
/// let mut profile = Profile::from_proposal(&proposal, &analyzer);
/// profile.bridge(&table, &TermWeights::default(), &BridgeOptions::default());
/// let carried = |title: &str| {
///     let line = format!(r#"{{"docid":[{{"id":"X {}","type":"X","primary":true}}],
///         "title":[{{"content":"{title}","language":"fr"}}]}}"#, title.len());
///     let signals = Signals { carried: true, text_score: 1.0, ..Signals::default() };
///     Candidate::new(Record::from_relaton_json(&line).unwrap(), signals)
/// };
/// let candidates = [carried("Enquête sur les unités SI"), carried("Enquête de profondeur")];
/// let thin = thinly_carried(&profile, &candidates, &TermWeights::default(), &analyzer);
/// assert_eq!(thin, [true, false]);
/// ```
pub fn thinly_carried(
    profile: &Profile,
    candidates: &[Candidate],
    weights: &TermWeights,
    analyzer: &Analyzer,
) -> Vec<bool> {
    let only_carried: Vec<bool> = candidates
        .iter()
        .map(|candidate| {
            let signals = &candidate.signals;
            let found_otherwise = signals.plain_rank.is_some()
                || signals.meaning_rank.is_some()
                || signals.by_identifier
                || signals.by_family
                || signals.by_sketch;
            signals.carried && !found_otherwise
        })
        .collect();
    // Most checks have no such record: the proposal's vocabulary is numbered only for one.
    if !only_carried.contains(&true) {
        return only_carried;
    }
    let distinct: FxHashSet<&String> =
        profile.title_terms.iter().chain(&profile.body_terms).collect();
    let required = if distinct.len() >= SHORT_PROPOSAL_TERMS { MIN_CARRIED_TERMS } else { 1 };
    let languages = compared_languages(profile);
    let comparison = Comparison::new(profile, weights);
    let untranslated = untranslated_words(profile, &distinct, analyzer);
    candidates
        .iter()
        .zip(only_carried)
        .map(|(candidate, only_carried)| {
            only_carried && {
                let text =
                    RecordText::analyse(&candidate.record, profile.language, &languages, analyzer);
                let held = terms_held(&comparison, &text);
                held < required
                    && held + held_in_meaning(profile, &untranslated, candidate) < required
            }
        })
        .collect()
}

/// The words of a French or Russian proposal whose terms (of its `distinct` ones) the bridge
/// table did not translate (carried as themselves, or not at all), one per term; none for an
/// English proposal.
fn untranslated_words(
    profile: &Profile,
    distinct: &FxHashSet<&String>,
    analyzer: &Analyzer,
) -> Vec<String> {
    if profile.language == Language::English || profile.meaning.is_none() {
        return Vec::new();
    }
    let translated: FxHashSet<&String> = profile
        .bridged
        .iter()
        .filter(|bridged| bridged.term != bridged.source)
        .map(|bridged| &bridged.source)
        .collect();
    let mut seen = FxHashSet::default();
    nwip_text::words(&profile.title)
        .chain(nwip_text::words(&profile.body))
        .filter(|word| match analyzer.terms(word, profile.language).as_slice() {
            [term] => {
                distinct.contains(term) && !translated.contains(term) && seen.insert(term.clone())
            }
            _ => false,
        })
        .collect()
}

/// How many of the `untranslated` words the candidate's record holds in meaning.
fn held_in_meaning(profile: &Profile, untranslated: &[String], candidate: &Candidate) -> usize {
    match &profile.meaning {
        Some(meaning) if !untranslated.is_empty() => {
            meaning.words_near(untranslated, &candidate.record, NEAR_WORD_COSINE)
        }
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Signals;
    use nwip_bridge::{BridgeTable, Translation};
    use nwip_corpus::{Proposal, Record};
    use nwip_text::Language;

    fn profile(title: &str, analyzer: &Analyzer) -> Profile {
        let french = |word: &str| analyzer.terms(word, Language::French)[0].clone();
        let table = BridgeTable::from_entries(
            [("survey", "enquête"), ("depth", "profondeur"), ("chart", "carte")].map(|(en, fr)| {
                let translation = Translation { term: french(fr), probability: 0.8 };
                (Language::English, Language::French, en.to_string(), vec![translation])
            }),
        );
        let proposal = Proposal { title: title.into(), ..Default::default() };
        let mut profile = Profile::from_proposal(&proposal, analyzer);
        profile.bridge(&table, &TermWeights::default(), &crate::BridgeOptions::default());
        profile
    }

    fn french_record(title: &str, abstract_: &str, signals: Signals) -> Candidate {
        let line = serde_json::json!({
            "docid": [{"id": format!("X {title}"), "type": "X", "primary": true}],
            "title": [{"content": title, "language": "fr"}],
            "abstract": [{"content": abstract_, "language": "fr"}],
        });
        Candidate::new(Record::from_relaton_json(&line.to_string()).unwrap(), signals)
    }

    const CARRIED: Signals = Signals {
        carried: true,
        text_score: 1.0,
        text_rank: Some(0),
        by_identifier: false,
        by_family: false,
        by_sketch: false,
        plain_rank: None,
        meaning_rank: None,
        whitened_meaning: None,
    };

    #[test]
    fn one_translated_word_of_a_longer_proposal_is_too_little() {
        let analyzer = Analyzer::new();
        let profile = profile("Depth survey for nautical charts", &analyzer);
        let candidates = [
            french_record("Enquête sur les unités SI", "", CARRIED),
            // Two distinct terms, one in the title and one in the abstract, each counted once.
            french_record("Enquête", "Une enquête de profondeur.", CARRIED),
            // Found by another search too: the model weighs it.
            french_record("Enquête", "", Signals { meaning_rank: Some(3), ..CARRIED }),
            french_record("Enquête", "", Signals { plain_rank: Some(0), ..CARRIED }),
            french_record("Enquête", "", Signals { by_identifier: true, ..CARRIED }),
            // Not found by the carried query: not this rule's.
            french_record("Enquête", "", Signals { carried: false, ..CARRIED }),
        ];
        let thin = thinly_carried(&profile, &candidates, &TermWeights::default(), &analyzer);
        assert_eq!(thin, [true, false, false, false, false, false]);
    }

    /// A profile of `title` in `language` that the table carries *oiseaux* / *birds* across,
    /// and whose words have vectors: *dissuasion* lies near *deterrents*, *fientes* near nothing.
    fn understood(title: &str, language: Language, analyzer: &Analyzer) -> Profile {
        let term = |word: &str, language| analyzer.terms(word, language)[0].clone();
        let (en, fr) = (Language::English, Language::French);
        let bird = |from, to, source: &str, target: &str| {
            let translation = Translation { term: term(target, to), probability: 0.8 };
            (from, to, term(source, from), vec![translation])
        };
        let table = BridgeTable::from_entries([
            bird(fr, en, "oiseaux", "birds"),
            bird(en, fr, "birds", "oiseaux"),
        ]);
        let vectors = nwip_text::WordVectors::from_words(
            3,
            &[
                ("dissuasion", 1.0, [1.0, 0.1, 0.0]),
                ("deterrents", 1.0, [0.9, 0.3, 0.0]),
                ("fientes", 1.0, [0.0, 0.0, 1.0]),
                ("oiseaux", 1.0, [0.0, 1.0, 0.0]),
                ("birds", 1.0, [0.0, 1.0, 0.1]),
                ("watching", 1.0, [0.5, -0.5, -0.7]),
            ],
        );
        let proposal =
            Proposal { title: title.into(), language: Some(language), ..Default::default() };
        let mut profile = Profile::from_proposal(&proposal, analyzer);
        profile.understand(std::sync::Arc::new(vectors));
        profile.bridge(&table, &TermWeights::default(), &crate::BridgeOptions::default());
        profile
    }

    fn record_in(language: &str, title: &str) -> Candidate {
        let line = serde_json::json!({
            "docid": [{"id": format!("X {title}"), "type": "X", "primary": true}],
            "title": [{"content": title, "language": language}],
        });
        Candidate::new(Record::from_relaton_json(&line.to_string()).unwrap(), CARRIED)
    }

    #[test]
    fn a_french_word_the_table_lacks_is_held_by_a_word_near_it_in_meaning() {
        let analyzer = Analyzer::new();
        let title = "Dissuasion des oiseaux, fientes sur les bouées";
        let profile = understood(title, Language::French, &analyzer);
        let candidates = [record_in("en", "Bird deterrents"), record_in("en", "Bird watching")];
        let thin = thinly_carried(&profile, &candidates, &TermWeights::default(), &analyzer);
        assert_eq!(thin, [false, true]);
    }

    #[test]
    fn an_english_proposal_holds_by_translation_alone() {
        let analyzer = Analyzer::new();
        let profile = understood(
            "Deterrents against birds on buoys and lighthouses",
            Language::English,
            &analyzer,
        );
        let candidates = [record_in("fr", "Oiseaux : dissuasion")];
        let thin = thinly_carried(&profile, &candidates, &TermWeights::default(), &analyzer);
        assert_eq!(thin, [true]);
    }

    #[test]
    fn a_short_title_needs_one_word() {
        let analyzer = Analyzer::new();
        let profile = profile("Depth surveys", &analyzer);
        let candidates = [
            french_record("Enquête sur les unités SI", "", CARRIED),
            french_record("Unités SI", "", CARRIED),
        ];
        let thin = thinly_carried(&profile, &candidates, &TermWeights::default(), &analyzer);
        assert_eq!(thin, [false, true]);
    }
}
