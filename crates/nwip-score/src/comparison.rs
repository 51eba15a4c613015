//! The proposal's terms numbered once per check, so that its candidates are compared by number.
//!
//! A check compares the proposal with a hundred or more candidate records. Compared term by term
//! as strings, each candidate built eight sets of strings (its title, its text, its phrases,
//! the proposal's terms as the record spells them) and looked every weight up in the shared
//! cache of [`TermWeights`]: about a sixth of a warm check's time. A [`Comparison`] numbers the
//! proposal's terms once for each language a record is compared in ([`Vocabulary`]): its own
//! terms in their language, their spelling variants and their translations, each with its
//! weight. A candidate is then read once, term by term, marking the numbers it holds; the
//! proposal's terms as the record spells them ([`TermOverlap::of`]) and every share of weight
//! are sums over numbers. Only the record's title terms outside the vocabulary are weighed by
//! string, and its abstract's other terms are counted, not looked up.
//!
//! The shares are those of the sets they replace (each distinct term once), summed in the order
//! the terms first occur rather than in a hash set's order.

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use nwip_text::{Language, Terms};

use crate::features::RecordText;
use crate::profile::{Profile, TermWeights};

/// Weight given to a record-side term whose corpus frequency was not looked up (a typical term).
pub(crate) const TYPICAL_WEIGHT: f32 = 4.0;

/// One proposal's terms, numbered per record language on first use, with their weights.
pub(crate) struct Comparison<'a> {
    profile: &'a Profile,
    weights: &'a TermWeights<'a>,
    vocabularies: [OnceLock<Vocabulary<'a>>; Language::ALL.len()],
}

/// The proposal's terms as a record in one language may spell them, numbered.
pub(crate) struct Vocabulary<'a> {
    language: Language,
    /// The number of each term.
    numbers: FxHashMap<&'a str, u32>,
    /// The weight of each term in the language, by number.
    weights: Vec<f32>,
    title: Part,
    body: Part,
}

/// A part of the proposal (title, or scope and purpose) as a record in one language may spell it.
#[derive(Default)]
struct Part {
    /// Whether the part is written in the record's language: a term is then its own, or one of
    /// its spelling variants the record uses.
    own: bool,
    /// Per term of the part that can be spelt in the language, where its spellings are in
    /// `spellings`.
    terms: Vec<(u32, u32)>,
    /// The numbers of the spellings, each term's preferred first.
    spellings: Vec<u32>,
    /// Where each element of a title after the first begins in `terms`
    /// ([`Profile::title_elements`]).
    elements: Vec<usize>,
}

/// Marks of a number in one comparison with a record.
const IN_TITLE: u8 = 1;
const IN_BODY: u8 = 2;
const IN_RECORD: u8 = IN_TITLE | IN_BODY;
const PROPOSAL_TITLE: u8 = 4;
const PROPOSAL_BODY: u8 = 8;
const PROPOSAL: u8 = 16;
const COUNTED: u8 = 32;

impl<'a> Comparison<'a> {
    /// The comparison of `profile`'s terms, weighed by `weights`.
    pub(crate) fn new(profile: &'a Profile, weights: &'a TermWeights<'a>) -> Comparison<'a> {
        Comparison { profile, weights, vocabularies: Default::default() }
    }

    /// The proposal's terms as a record in `language` may spell them.
    pub(crate) fn vocabulary(&self, language: Language) -> &Vocabulary<'a> {
        self.vocabularies[language as usize]
            .get_or_init(|| Vocabulary::new(self.profile, language, self.weights))
    }

    /// The weights the comparison reads.
    pub(crate) fn weights(&self) -> &'a TermWeights<'a> {
        self.weights
    }

    /// The profile compared.
    pub(crate) fn profile(&self) -> &'a Profile {
        self.profile
    }
}

impl<'a> Vocabulary<'a> {
    fn new(profile: &'a Profile, language: Language, weights: &TermWeights) -> Vocabulary<'a> {
        // The bridged terms into `language` by (language, source term), in the profile's order.
        let mut into: FxHashMap<(Language, &str), Vec<&'a str>> = FxHashMap::default();
        for bridged in profile.bridged.iter().filter(|bridged| bridged.language == language) {
            into.entry((bridged.from, bridged.source.as_str())).or_default().push(&bridged.term);
        }
        let mut vocabulary = Vocabulary {
            language,
            numbers: FxHashMap::default(),
            weights: Vec::new(),
            title: Part::default(),
            body: Part::default(),
        };
        let mut part = |terms: &'a [String], from: Language, elements: &[usize]| -> Part {
            let own = from == language;
            let mut part = Part { own, ..Part::default() };
            for (position, term) in terms.iter().enumerate() {
                if elements.contains(&position) {
                    part.elements.push(part.terms.len());
                }
                let translations = into.get(&(from, term.as_str())).map_or(&[][..], Vec::as_slice);
                // Its own term first, then its other spellings; or its translations.
                let spellings =
                    own.then_some(term.as_str()).into_iter().chain(translations.iter().copied());
                let start = part.spellings.len() as u32;
                for spelling in spellings {
                    let number = vocabulary.number(spelling, weights);
                    part.spellings.push(number);
                }
                let end = part.spellings.len() as u32;
                if end > start {
                    part.terms.push((start, end));
                }
            }
            part
        };
        let title = part(&profile.title_terms, profile.title_language, &profile.title_elements);
        let body = part(&profile.body_terms, profile.body_language, &[]);
        (vocabulary.title, vocabulary.body) = (title, body);
        vocabulary
    }

    /// The number of `term`, numbering it (and weighing it) if it has none yet.
    fn number(&mut self, term: &'a str, weights: &TermWeights) -> u32 {
        let next = self.weights.len() as u32;
        let number = *self.numbers.entry(term).or_insert(next);
        if number == next {
            self.weights.push(weights.weight(self.language, term));
        }
        number
    }

    /// Marks where each of the vocabulary's terms is in the record whose analysed text is
    /// `text`, and lists the record's phrases of two of them (pairs of numbers, sorted).
    fn mark(&self, text: &RecordText) -> Marked {
        let mut marks = vec![0u8; self.weights.len()];
        let mut pairs = Vec::new();
        let mut numbers = Vec::with_capacity(text.title.len() + text.body.len());
        let mut previous = None;
        for (term, mark) in text
            .title
            .iter()
            .map(|term| (term, IN_TITLE))
            .chain(text.body.iter().map(|term| (term, IN_BODY)))
        {
            let current = self.numbers.get(term).map(|n| *n as usize);
            numbers.push(current.map_or(UNNUMBERED, |n| n as u32));
            if let Some(current) = current {
                marks[current] |= mark;
                if let Some(previous) = previous {
                    pairs.push(pair(previous, current));
                }
            }
            previous = current;
        }
        pairs.sort_unstable();
        Marked { marks, pairs, numbers }
    }

    /// The numbers of the proposal's title and body terms as the record marked in `marks`
    /// spells them, and whether a part was read through translations.
    fn spell(&self, marks: &[u8]) -> (Vec<u32>, Vec<u32>, bool) {
        let (title, body) = (self.title.spelt(marks), self.body.spelt(marks));
        let translated =
            (!self.title.own && !title.is_empty()) || (!self.body.own && !body.is_empty());
        (title, body, translated)
    }
}

/// The proposal's title and body terms as the record whose analysed text is `text` spells them,
/// and whether a part was read through translations: what [`TermOverlap::of`] compares.
#[cfg(test)]
pub(crate) fn spelt_terms(
    comparison: &Comparison,
    text: &RecordText,
) -> (Vec<String>, Vec<String>, bool) {
    let vocabulary = comparison.vocabulary(text.language);
    let mut terms = vec![""; vocabulary.weights.len()];
    for (term, number) in &vocabulary.numbers {
        terms[*number as usize] = term;
    }
    let (title, body, translated) = vocabulary.spell(&vocabulary.mark(text).marks);
    let spelt =
        |numbers: Vec<u32>| numbers.into_iter().map(|n| terms[n as usize].to_string()).collect();
    (spelt(title), spelt(body), translated)
}

impl Part {
    /// The number of each term of the part as the record marked in `marks` spells it.
    fn spelt(&self, marks: &[u8]) -> Vec<u32> {
        let in_record = |mark: u8| move |number: &&u32| marks[**number as usize] & mark != 0;
        self.terms
            .iter()
            .map(|&(start, end)| {
                let spellings = &self.spellings[start as usize..end as usize];
                let found = if self.own {
                    // A term the record spells the other way (organis / organ) counts as its
                    // spelling.
                    spellings.iter().find(in_record(IN_RECORD))
                } else {
                    // The translation the record uses, in its title first.
                    spellings
                        .iter()
                        .find(in_record(IN_TITLE))
                        .or_else(|| spellings.iter().find(in_record(IN_RECORD)))
                };
                *found.unwrap_or(&spellings[0])
            })
            .collect()
    }
}

/// How much of the proposal's terms a record holds and how much of the record's the proposal
/// does: the term features of [`crate::Features`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct TermOverlap {
    pub(crate) title_in_record_title: f32,
    pub(crate) record_title_in_title: f32,
    pub(crate) title_in_record: f32,
    pub(crate) body_in_record: f32,
    pub(crate) record_in_proposal: f32,
    pub(crate) shared_phrases: f32,
    /// Whether a part of the proposal was read in the record's language through translations.
    pub(crate) cross_lingual: bool,
}

/// A record's text read against a vocabulary ([`Vocabulary::mark`]).
struct Marked {
    /// Where each of the vocabulary's terms is in the record (`IN_TITLE`, `IN_BODY`).
    marks: Vec<u8>,
    /// The record's phrases of two vocabulary terms (pairs of numbers), sorted.
    pairs: Vec<u64>,
    /// The number of each of the record's title terms, then abstract terms, in order
    /// ([`UNNUMBERED`] for a term not in the vocabulary).
    numbers: Vec<u32>,
}

/// The number of a record's term that is not in the vocabulary.
const UNNUMBERED: u32 = u32::MAX;

/// How many distinct terms of the proposal (title and body, each once however it is spelt or
/// translated) the record whose analysed text is `text` holds, in its title or abstract.
pub(crate) fn terms_held(comparison: &Comparison, text: &RecordText) -> usize {
    let vocabulary = comparison.vocabulary(text.language);
    let Marked { mut marks, .. } = vocabulary.mark(text);
    let (mut spelt, body, _) = vocabulary.spell(&marks);
    spelt.extend(body);
    let distinct = first_occurrences(&spelt, &mut marks, PROPOSAL);
    distinct.into_iter().filter(|&n| marks[n] & IN_RECORD != 0).count()
}

impl TermOverlap {
    /// The term overlap of the proposal of `comparison` with the record whose analysed text is
    /// `text`.
    pub(crate) fn of(comparison: &Comparison, text: &RecordText) -> TermOverlap {
        let language = text.language;
        let vocabulary = comparison.vocabulary(language);
        let weight = |number: usize| vocabulary.weights[number];
        let Marked { mut marks, pairs: record_pairs, numbers } = vocabulary.mark(text);
        let (title_numbers, body_numbers) = numbers.split_at(text.title.len());
        let (title, body, cross_lingual) = vocabulary.spell(&marks);
        let proposal_title = first_occurrences(&title, &mut marks, PROPOSAL_TITLE);
        let proposal_body = first_occurrences(&body, &mut marks, PROPOSAL_BODY);
        for &n in title.iter().chain(&body) {
            marks[n as usize] |= PROPOSAL;
        }
        let share = |terms: &[usize], within: u8| {
            let total: f32 = terms.iter().map(|&n| weight(n)).sum();
            let held = terms.iter().filter(|&&n| marks[n] & within != 0).map(|&n| weight(n)).sum();
            ratio(held, total)
        };
        let title_in_record = share(&proposal_title, IN_RECORD);
        // A proposal with a title only (no scope, no purpose) says nothing against the record's
        // text beyond its title: its body is taken to match as its title does, so that a
        // title-only check of an existing standard's own title is not scored as if its scope
        // disagreed.
        let body_in_record = if proposal_body.is_empty() {
            title_in_record
        } else {
            share(&proposal_body, IN_RECORD)
        };
        // A title in elements is read without its introductory elements too, where what is
        // left carries at least half its weight: other catalogues' titles leave out ISO's
        // "Information technology —" that a proposal's title opens with.
        let title_weight: f32 = proposal_title.iter().map(|&n| weight(n)).sum();
        let title_in_record_title = vocabulary
            .title
            .elements
            .iter()
            .filter_map(|&start| {
                let mut rest: Vec<usize> = Vec::with_capacity(title.len() - start);
                for &n in &title[start..] {
                    if !rest.contains(&(n as usize)) {
                        rest.push(n as usize);
                    }
                }
                let kept: f32 = rest.iter().map(|&n| weight(n)).sum();
                (kept >= title_weight / 2.0).then(|| share(&rest, IN_TITLE))
            })
            .fold(share(&proposal_title, IN_TITLE), f32::max);
        let record_title_in_title = record_title_share(
            comparison.weights(),
            language,
            &text.title,
            title_numbers,
            weight,
            &mut marks,
        );
        let record_in_proposal = record_body_share(&text.body, body_numbers, weight, &mut marks);
        // A title carried from another language keeps that language's word order ("moulage
        // par injection" → mould injection, "injection moulding"): its pairs match either way
        // round.
        let either_order = comparison.profile().title_language != language;
        let mut title_pairs: Vec<u64> =
            title.windows(2).map(|w| pair(w[0] as usize, w[1] as usize)).collect();
        title_pairs.sort_unstable();
        title_pairs.dedup();
        let found = |pair: u64| record_pairs.binary_search(&pair).is_ok();
        let shared = title_pairs
            .iter()
            .filter(|&&p| found(p) || (either_order && found(p.rotate_left(32))))
            .count();
        let shared_phrases =
            if title_pairs.is_empty() { 0.0 } else { shared as f32 / title_pairs.len() as f32 };
        TermOverlap {
            title_in_record_title,
            record_title_in_title,
            title_in_record,
            body_in_record,
            record_in_proposal,
            shared_phrases,
            cross_lingual,
        }
    }
}

/// The numbers of `terms` each once, in the order they first occur, marking each with `mark`.
fn first_occurrences(terms: &[u32], marks: &mut [u8], mark: u8) -> Vec<usize> {
    let mut distinct = Vec::with_capacity(terms.len());
    for &n in terms {
        let n = n as usize;
        if marks[n] & mark == 0 {
            marks[n] |= mark;
            distinct.push(n);
        }
    }
    distinct
}

/// The share `matched` is of `total`, 0 when nothing weighs.
fn ratio(matched: f32, total: f32) -> f32 {
    if total <= 0.0 {
        0.0
    } else {
        matched / total
    }
}

/// Two numbers as one, the first in the high half.
fn pair(first: usize, second: usize) -> u64 {
    (first as u64) << 32 | second as u64
}

/// The share of the weight of the record's distinct title terms that the proposal's title
/// holds: terms outside the vocabulary are weighed by string, each once.
fn record_title_share(
    weights: &TermWeights,
    language: Language,
    title: &Terms,
    numbers: &[u32],
    weight: impl Fn(usize) -> f32,
    marks: &mut [u8],
) -> f32 {
    let (mut total, mut matched) = (0.0f32, 0.0f32);
    let mut others: Vec<&str> = Vec::new();
    for (term, &number) in title.iter().zip(numbers) {
        match numbered(number) {
            Some(n) if marks[n] & COUNTED == 0 => {
                marks[n] |= COUNTED;
                total += weight(n);
                if marks[n] & PROPOSAL_TITLE != 0 {
                    matched += weight(n);
                }
            }
            None if !others.contains(&term) => {
                others.push(term);
                total += weights.weight(language, term);
            }
            _ => {}
        }
    }
    for n in numbers.iter().filter_map(|&number| numbered(number)) {
        marks[n] &= !COUNTED;
    }
    ratio(matched, total)
}

/// The share of the weight of the record's distinct abstract terms that the proposal holds,
/// each of the proposal's weighing its weight and every other [`TYPICAL_WEIGHT`].
fn record_body_share(
    body: &Terms,
    numbers: &[u32],
    weight: impl Fn(usize) -> f32,
    marks: &mut [u8],
) -> f32 {
    let (mut total, mut matched, mut known) = (0.0f32, 0.0f32, 0usize);
    for n in numbers.iter().filter_map(|&number| numbered(number)) {
        if marks[n] & COUNTED != 0 {
            continue;
        }
        marks[n] |= COUNTED;
        known += 1;
        if marks[n] & PROPOSAL != 0 {
            total += weight(n);
            matched += weight(n);
        } else {
            total += TYPICAL_WEIGHT;
        }
    }
    total += TYPICAL_WEIGHT * (body.distinct() - known) as f32;
    ratio(matched, total)
}

/// The vocabulary number a record's term was given by [`Vocabulary::mark`], if any.
fn numbered(number: u32) -> Option<usize> {
    (number != UNNUMBERED).then_some(number as usize)
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use nwip_bridge::{BridgeTable, Translation};
    use nwip_corpus::Proposal;
    use nwip_text::Analyzer;
    use rustc_hash::FxHashSet as HashSet;

    use super::*;
    use crate::BridgeOptions;

    /// The term overlap as sets of strings, each weighed by the shared cache: what the numbers
    /// replace.
    fn by_strings(profile: &Profile, text: &RecordText, weights: &TermWeights) -> [f32; 6] {
        let comparison = Comparison::new(profile, weights);
        let (title, body, _) = spelt_terms(&comparison, text);
        let weight = |term: &str| weights.weight(text.language, term);
        let record_title: HashSet<&str> = text.title.iter().collect();
        let record_all: HashSet<&str> = text.sequence().collect();
        let record_body: HashSet<&str> = text.body.iter().collect();
        let proposal_title: HashSet<&str> = title.iter().map(String::as_str).collect();
        let proposal_body: HashSet<&str> = body.iter().map(String::as_str).collect();
        let proposal: HashSet<&str> = proposal_title.union(&proposal_body).copied().collect();
        let containment = |terms: &HashSet<&str>,
                           within: &HashSet<&str>,
                           weigh: &dyn Fn(&str) -> f32| {
            let total: f32 = terms.iter().map(|t| weigh(t)).sum();
            let matched: f32 = terms.iter().filter(|t| within.contains(*t)).map(|t| weigh(t)).sum();
            if total <= 0.0 {
                0.0
            } else {
                matched / total
            }
        };
        let typical = |t: &str| if proposal.contains(t) { weight(t) } else { TYPICAL_WEIGHT };
        let title_in_record = containment(&proposal_title, &record_all, &weight);
        let title_pairs: HashSet<(&str, &str)> =
            title.windows(2).map(|w| (w[0].as_str(), w[1].as_str())).collect();
        let record_pairs: HashSet<(&str, &str)> = text.bigrams().collect();
        let either = profile.title_language != text.language;
        let shared = title_pairs
            .iter()
            .filter(|(a, b)| {
                record_pairs.contains(&(a, b)) || (either && record_pairs.contains(&(b, a)))
            })
            .count();
        // The title without its introductory elements, where the rest weighs half or more.
        let title_weight: f32 = proposal_title.iter().map(|t| weight(t)).sum();
        let title_in_record_title = comparison
            .vocabulary(text.language)
            .title
            .elements
            .iter()
            .map(|&start| title[start..].iter().map(String::as_str).collect::<HashSet<&str>>())
            .filter(|rest| rest.iter().map(|t| weight(t)).sum::<f32>() >= title_weight / 2.0)
            .map(|rest| containment(&rest, &record_title, &weight))
            .fold(containment(&proposal_title, &record_title, &weight), f32::max);
        [
            title_in_record_title,
            containment(&record_title, &proposal_title, &weight),
            title_in_record,
            if proposal_body.is_empty() {
                title_in_record
            } else {
                containment(&proposal_body, &record_all, &weight)
            },
            containment(&record_body, &proposal, &typical),
            if title_pairs.is_empty() { 0.0 } else { shared as f32 / title_pairs.len() as f32 },
        ]
    }

    fn text(title: &str, body: &str, language: Language) -> RecordText {
        let analyzer = Analyzer::new();
        let terms = |text: &str| Arc::new(Terms::from_terms(analyzer.terms(text, language)));
        RecordText { language, title: terms(title), body: terms(body) }
    }

    #[test]
    fn the_numbered_overlap_is_that_of_the_sets_of_strings() {
        let analyzer = Analyzer::new();
        let table = BridgeTable::from_entries([
            (
                Language::French,
                Language::English,
                "secur".to_string(),
                vec![
                    Translation { term: "safeti".into(), probability: 0.7 },
                    Translation { term: "secur".into(), probability: 0.2 },
                ],
            ),
            (
                Language::French,
                Language::English,
                "jouet".to_string(),
                vec![Translation { term: "toy".into(), probability: 0.9 }],
            ),
        ]);
        let proposals = [
            Proposal {
                title: "Food safety organisations - Hazard control of food safety".into(),
                scope: "Requirements for organisations in the food chain that control food safety hazards, and for their audits.".into(),
                ..Default::default()
            },
            Proposal {
                title: "Sécurité des jouets électriques".into(),
                scope: "This document specifies the safety requirements for electric toys and the toys' testing.".into(),
                ..Default::default()
            },
            Proposal { title: "Safety of toys".into(), ..Default::default() },
        ];
        let records = [
            ("Food safety management systems - Requirements for any organization in the food chain", "Specifies requirements for a food safety management system, so that an organization can control food safety hazards.", Language::English),
            ("Safety of electric toys", "Specifies safety requirements for toys that have an electric function; toys, toys and toys.", Language::English),
            ("Security of toys", "", Language::English),
            ("Toy safety", "", Language::English),
            ("Hazard control in food safety", "", Language::English),
            ("Sécurité des jouets", "Spécifie les exigences de sécurité des jouets.", Language::French),
            ("", "", Language::English),
        ];
        let weights = TermWeights::from_pairs([
            (Language::English, "food".to_string(), 3.0),
            (Language::English, "safeti".to_string(), 2.0),
            (Language::English, "requir".to_string(), 1.0),
            (Language::English, "toy".to_string(), 5.5),
        ]);
        let mut compared = 0;
        for proposal in &proposals {
            let mut profile = Profile::from_proposal(proposal, &analyzer);
            profile.bridge(&table, &weights, &BridgeOptions::default());
            profile.add_spelling_variants(&analyzer, |term| term == "organ");
            let comparison = Comparison::new(&profile, &weights);
            for (title, body, language) in records {
                let text = text(title, body, language);
                let overlap = TermOverlap::of(&comparison, &text);
                let numbered = [
                    overlap.title_in_record_title,
                    overlap.record_title_in_title,
                    overlap.title_in_record,
                    overlap.body_in_record,
                    overlap.record_in_proposal,
                    overlap.shared_phrases,
                ];
                let expected = by_strings(&profile, &text, &weights);
                for (numbered, expected) in numbered.iter().zip(expected) {
                    assert!(
                        (numbered - expected).abs() < 1e-6,
                        "{title:?}: {numbered:?} {expected:?}"
                    );
                }
                compared += usize::from(numbered.iter().any(|share| *share > 0.0));
            }
        }
        assert!(compared >= 6, "{compared} pairs share terms");
        // A title carried from French matches its pairs either way round: "toy safety" holds
        // the first of (safeti, toy), (toy, electr).
        let mut profile = Profile::from_proposal(&proposals[1], &analyzer);
        profile.bridge(&table, &weights, &BridgeOptions::default());
        let comparison = Comparison::new(&profile, &weights);
        let overlap = TermOverlap::of(&comparison, &text("Toy safety", "", Language::English));
        assert_eq!((overlap.shared_phrases, overlap.cross_lingual), (0.5, true));
    }

    #[test]
    fn a_title_is_read_without_its_introductory_elements() {
        let analyzer = Analyzer::new();
        let weights = TermWeights::from_pairs([
            (Language::English, "inform".to_string(), 1.0),
            (Language::English, "technolog".to_string(), 1.0),
            (Language::English, "telecommun".to_string(), 2.5),
            (Language::English, "system".to_string(), 0.5),
            (Language::English, "architectur".to_string(), 3.0),
            (Language::English, "5g".to_string(), 6.0),
            (Language::English, "road".to_string(), 2.0),
            (Language::English, "vehicl".to_string(), 1.5),
            (Language::English, "brake".to_string(), 5.0),
            (Language::English, "part".to_string(), 0.3),
            (Language::English, "2".to_string(), 0.3),
            (Language::English, "test".to_string(), 1.0),
        ]);
        let title_share = |title: &str, record: &str| {
            let proposal = Proposal { title: title.into(), ..Default::default() };
            let profile = Profile::from_proposal(&proposal, &analyzer);
            let comparison = Comparison::new(&profile, &weights);
            TermOverlap::of(&comparison, &text(record, "", Language::English)).title_in_record_title
        };
        // 3GPP's title of the subject has no "Information technology — Telecommunications".
        let ours =
            "Information technology — Telecommunications — System architecture for the 5G System";
        let theirs = "System architecture for the 5G System";
        assert_eq!(title_share(ours, theirs), 1.0);
        assert!(title_share(&ours.replace(" — ", " "), theirs) < 0.9, "a title in one piece");
        // What is left must weigh half the title: a part's number and "Tests" are not a subject.
        let braking = "Road vehicles — Braking systems — Part 2: Tests";
        assert!(title_share(braking, "Part 2: Tests") < 0.5);
        assert_eq!(title_share(braking, "Braking systems - Part 2: Tests"), 1.0);
    }

    #[test]
    fn a_spelling_the_record_uses_stands_for_the_proposal_term() {
        let analyzer = Analyzer::new();
        let proposal = Proposal { title: "Food safety organisations".into(), ..Default::default() };
        let mut profile = Profile::from_proposal(&proposal, &analyzer);
        profile.add_spelling_variants(&analyzer, |term| term == "organ");
        let weights = TermWeights::default();
        let comparison = Comparison::new(&profile, &weights);
        let american = text("Food safety organizations", "", Language::English);
        let (title, _, translated) = spelt_terms(&comparison, &american);
        assert_eq!(
            (title, translated),
            (vec!["food".into(), "safeti".into(), "organ".into()], false)
        );
        let overlap = TermOverlap::of(&comparison, &american);
        assert_eq!((overlap.title_in_record_title, overlap.shared_phrases), (1.0, 1.0));
        let other = text("Food safety", "", Language::English);
        assert_eq!(spelt_terms(&comparison, &other).0, ["food", "safeti", "organis"]);
    }
}
