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

use nwip_text::Analyzer;
use rustc_hash::FxHashSet;

use crate::comparison::{terms_held, Comparison};
use crate::features::RecordText;
use crate::overlap::{compared_languages, Candidate};
use crate::profile::{Profile, TermWeights};

/// Distinct terms of the proposal a record in another language must hold, through their
/// translations, to be a candidate when only the query of carried terms found it.
pub const MIN_CARRIED_TERMS: usize = 2;

/// Distinct terms a proposal has at least for [`MIN_CARRIED_TERMS`] to apply: a title of a word
/// or three ("Focimeters", "Éthylomètres") has a twin that holds one of them.
pub const SHORT_PROPOSAL_TERMS: usize = 4;

/// Tells, for each candidate, whether only the query of the proposal's carried terms found it
/// (no other search, no look-up) and it holds fewer than [`MIN_CARRIED_TERMS`] of the
/// proposal's distinct terms as translated, in its title or abstract: one translated word is
/// not a subject in common. A proposal of fewer than [`SHORT_PROPOSAL_TERMS`] distinct terms
/// needs one.
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
    candidates
        .iter()
        .zip(only_carried)
        .map(|(candidate, only_carried)| {
            only_carried && {
                let text =
                    RecordText::analyse(&candidate.record, profile.language, &languages, analyzer);
                terms_held(&comparison, &text) < required
            }
        })
        .collect()
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
