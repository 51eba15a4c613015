//! Ranking: from retrieved [`Candidate`]s to scored, typed and explained [`Overlap`]s.

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::sync::Arc;

use nwip_corpus::docid::DocId;
use nwip_corpus::identity::DocumentSummary;
use nwip_corpus::{Lifecycle, Record};
use nwip_text::{Analyzer, Language};
use serde::Serialize;

use crate::comparison::Comparison;
use crate::evidence::{collect_evidence, Evidence, FeatureContribution};
use crate::features::{
    features_in, leads_apart, Features, RecordText, Retrieval, Rivals, LEADS, MIN_LEAD_RECORDS,
};
use crate::kind::{classify, Direction, OverlapKind};
use crate::model::{Model, PreparedModel, Scorer};
use crate::profile::{Profile, TermWeights};

/// How a candidate was found.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Signals {
    /// BM25 score of the text query (0 when not found by text).
    pub text_score: f32,
    /// Rank in the text query's results.
    pub text_rank: Option<usize>,
    /// Found by the query of the terms carried into another language (its `text_score` is on
    /// that query's scale, not the proposal's own).
    pub carried: bool,
    /// Found because the proposal names its document.
    pub by_identifier: bool,
    /// Found because the proposal names a document of its family.
    pub by_family: bool,
    /// Found by the near-duplicate sketch.
    pub by_sketch: bool,
    /// Rank in the plain query's results (every word of the proposal once, as written), which
    /// finds a subject told in other words that the selected terms miss.
    pub plain_rank: Option<usize>,
    /// Rank among the documents nearest the proposal in meaning (word vectors), which finds a
    /// subject told in other words or another language.
    pub meaning_rank: Option<usize>,
    /// Cosine of the proposal's and the record's whitened meanings, where the index whitens
    /// them (`nwip_index::MeaningFile::whitened_cosines`): it is the `meaning` feature then.
    pub whitened_meaning: Option<f32>,
}

/// A record retrieved for a proposal, before scoring.
#[derive(Debug, Clone)]
pub struct Candidate {
    /// The record.
    pub record: Record,
    /// How it was found.
    pub signals: Signals,
    /// The record's document with all its records, when the index was asked for it: it says
    /// whether a newer edition exists, and it is what a report lists the overlap under.
    pub document: Option<Arc<DocumentSummary>>,
}

impl Candidate {
    /// Creates a candidate whose document is not known.
    pub fn new(record: Record, signals: Signals) -> Candidate {
        Candidate { record, signals, document: None }
    }
}

/// A scored overlap between the proposal and one record.
#[derive(Debug, Clone, Serialize)]
#[non_exhaustive]
pub struct Overlap {
    /// The record.
    pub record: Record,
    /// Calibrated score in [0, 1]: the estimated probability that this is overlapping work.
    pub score: f32,
    /// The kind of overlap.
    pub kind: OverlapKind,
    /// For partial overlaps, which side is inside the other.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub direction: Option<Direction>,
    /// The features the score was computed from.
    pub features: Features,
    /// Why.
    pub evidence: Evidence,
    /// The record's document: every record of it, its state, its current edition and the project
    /// under way (for the overlaps a report lists).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub document: Option<Arc<DocumentSummary>>,
    /// The other records of the same document that were scored, best first: a report lists a
    /// document once, at its best-matching record.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub also: Vec<ScoredRecord>,
}

/// A record of an overlapping document, folded under the document's best-matching record.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScoredRecord {
    /// The record's primary identifier.
    pub id: String,
    /// Its own score.
    pub score: f32,
}

impl Overlap {
    /// Returns the record.
    pub fn record(&self) -> &Record {
        &self.record
    }
    /// Returns the calibrated score in [0, 1].
    pub fn score(&self) -> f32 {
        self.score
    }
    /// Returns the kind of overlap.
    pub fn kind(&self) -> OverlapKind {
        self.kind
    }
    /// Returns the evidence.
    pub fn evidence(&self) -> &Evidence {
        &self.evidence
    }

    /// Returns the key of the record's document.
    pub fn document_key(&self) -> &str {
        &self.record.document
    }

    /// Returns the other records of the overlap's document (all of them when the document is
    /// known, else the other scored ones), newest first.
    pub fn folded_ids(&self) -> Vec<&str> {
        match &self.document {
            Some(document) => document.others(&self.record.id).collect(),
            None => self.also.iter().map(|also| also.id.as_str()).collect(),
        }
    }

    /// Says where the overlap's document stands (see [`DocumentSummary::describe`]), else the
    /// record's own lifecycle state.
    pub fn state_description(&self) -> String {
        match &self.document {
            Some(document) => document.description.clone(),
            None => self.record.stage.lifecycle.as_str().to_string(),
        }
    }
}

/// Keeps one overlap per document, with the document's other scored records folded under it
/// ([`Overlap::also`]), in the order of the documents' best scores. The line carries the
/// document's best score (the chance that the document covers the subject; each folded record
/// keeps its own) and is shown at the record a reader expects: one the proposal names, else
/// the document's current edition, else its project under way, else its best record still in
/// force or under way, else its best. The records of one document share their evidence of
/// covering the subject ([`Features::pool`]), so what sets their scores apart is each record's
/// own facts (withdrawn, without an abstract), not how well it matches: an amendment or a
/// corrigendum of a withdrawn edition outscored the edition in force by a tenth and more. The
/// line is typed ([`classify`]) at the document's score with the shown record's facts. The
/// input must be sorted best first (as [`rank`] returns it).
///
/// ```
/// use nwip_corpus::{Proposal, Record};
/// use nwip_score::{by_document, rank, Candidate, Model, Profile, Signals, TermWeights};
/// let analyzer = nwip_text::Analyzer::new();
/// let proposal = Proposal { title: "Food safety management systems".into(), ..Default::default() };
/// let profile = Profile::from_proposal(&proposal, &analyzer);
/// let record = |id: &str| {
///     let line = format!(r#"{{"docid":[{{"id":"{id}","type":"ISO","primary":true}}],
///         "title":[{{"content":"Food safety management systems","language":"en"}}]}}"#);
///     Candidate::new(Record::from_relaton_json(&line).unwrap(), Signals::default())
/// };
/// let candidates = vec![record("ISO 22000:2018"), record("ISO/DIS 22000"), record("ISO 22000:2005")];
/// let overlaps = rank(&profile, candidates, &TermWeights::default(), &Model::prior(), &analyzer);
/// let documents = by_document(&profile, overlaps);
/// assert_eq!(documents.len(), 1);
/// assert_eq!(documents[0].also.len(), 2);
/// ```
pub fn by_document(profile: &Profile, overlaps: Vec<Overlap>) -> Vec<Overlap> {
    let mut groups: Vec<Vec<Overlap>> = Vec::new();
    let mut position: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for overlap in overlaps {
        let key = overlap.record.document_or_id().to_string();
        match position.get(&key) {
            Some(&at) => {
                let group = &mut groups[at];
                if group.iter().all(|other| other.record.id != overlap.record.id) {
                    group.push(overlap);
                }
            }
            None => {
                position.insert(key, groups.len());
                groups.push(vec![overlap]);
            }
        }
    }
    groups
        .into_iter()
        .map(|mut group| {
            let best = group[0].score;
            let mut line = group.remove(representative(&group, profile.language));
            line.also = group
                .into_iter()
                .map(|o| ScoredRecord { id: o.record.id, score: o.score })
                .collect();
            if line.score != best {
                line.score = best;
                let (kind, direction, reason) =
                    classify(profile, &line.record, &line.features, best);
                (line.kind, line.direction, line.evidence.reason) = (kind, direction, reason);
            }
            line
        })
        .collect()
}

/// The position of the record a document is shown at (see [`by_document`]); `group` is sorted
/// best first. A proposal that names the document names all its editions (`mentioned` reads
/// the document key), one that names a supplement names that supplement only: among the
/// records it names, the current edition, else the project, else the best. The record is shown
/// in the proposal's `language` when its edition has a record of its own in it
/// ([`in_language`]).
fn representative(group: &[Overlap], language: Language) -> usize {
    in_language(group, chosen(group), language)
}

/// The position of the record of the same edition as `group[at]` that has a title in
/// `language`, when `group[at]` has none: an edition published as one record per language
/// (OIML's `R 33:1979 (E)` and `(F)`, IALA's `(E)`, `(F)` and `(S)`) is shown in the
/// proposal's, not in whichever the catalogue lists as current. The same edition: the same
/// role, state and year, and named or not alike.
fn in_language(group: &[Overlap], at: usize, language: Language) -> usize {
    let shown = &group[at];
    if shown.record.title_in(language).is_some() {
        return at;
    }
    fn year(record: &Record) -> Option<&str> {
        record.date.as_deref().and_then(|date| date.get(..4))
    }
    group
        .iter()
        .position(|other| {
            other.record.title_in(language).is_some()
                && other.record.role == shown.record.role
                && other.record.stage.lifecycle == shown.record.stage.lifecycle
                && year(&other.record) == year(&shown.record)
                && (other.features.mentioned > 0.0) == (shown.features.mentioned > 0.0)
        })
        .unwrap_or(at)
}

/// The position of the record [`representative`] starts from, whatever its language.
fn chosen(group: &[Overlap]) -> usize {
    let position = |id: &Option<String>| {
        id.as_ref().and_then(|id| group.iter().position(|o| &o.record.id == id))
    };
    let (current, project) = group[0].document.as_ref().map_or((None, None), |document| {
        (position(&document.current), position(&document.project))
    });
    let named = |at: &usize| group[*at].features.mentioned > 0.0;
    if let Some(first_named) = (0..group.len()).find(named) {
        return current.filter(named).or(project.filter(named)).unwrap_or(first_named);
    }
    let alive = |o: &Overlap| {
        !matches!(o.record.stage.lifecycle, Lifecycle::Withdrawn | Lifecycle::Replaced)
    };
    current.or(project).or_else(|| group.iter().position(alive)).unwrap_or(0)
}

/// Computes the features of every candidate (the expensive, order-independent part of ranking).
pub fn featurize(
    profile: &Profile,
    candidates: &[Candidate],
    weights: &TermWeights,
    analyzer: &Analyzer,
) -> Vec<(Features, RecordText)> {
    // Each text query's scores are compared with its own best: the query of carried terms runs
    // over other fields with other statistics, and its scores are on another scale.
    let best_of = |carried: bool| {
        candidates
            .iter()
            .filter(|c| c.signals.carried == carried)
            .map(|c| c.signals.text_score)
            .fold(0.0f32, f32::max)
    };
    let (best_own, best_carried) = (best_of(false), best_of(true));
    let bridged_languages = compared_languages(profile);
    let superseded = superseded_editions(candidates);
    let comparison = Comparison::new(profile, weights);
    // Candidates are compared independently of each other: in parallel, in order.
    let mut featurized: Vec<(Features, RecordText)> = candidates
        .par_iter()
        .zip(superseded)
        .map(|(candidate, superseded)| {
            let text = RecordText::analyse(
                &candidate.record,
                profile.language,
                &bridged_languages,
                analyzer,
            );
            let retrieval = Retrieval {
                score: candidate.signals.text_score,
                rank: candidate.signals.text_rank,
                best_score: if candidate.signals.carried { best_carried } else { best_own },
                plain_rank: candidate.signals.plain_rank,
            };
            let mut features = features_in(&comparison, &candidate.record, &text, retrieval);
            let newer_edition = candidate
                .document
                .as_ref()
                .is_some_and(|document| document.is_superseded(&candidate.record.id));
            features.superseded = if superseded || newer_edition { 1.0 } else { 0.0 };
            if let Some(meaning) = &profile.meaning {
                // The whitened cosine comes from the index's meanings file: the record's text
                // need not be embedded again.
                features.meaning = match candidate.signals.whitened_meaning {
                    Some(whitened) => whitened.max(0.0),
                    None => meaning.compare_text(&candidate.record),
                };
                features.title_meaning = meaning.compare_titles(&candidate.record);
            }
            (features, text)
        })
        .collect();
    if profile.meaning.is_some() {
        let mut order: Vec<usize> = (0..featurized.len()).collect();
        order.sort_by(|&a, &b| featurized[b].0.meaning.total_cmp(&featurized[a].0.meaning));
        // Ties (the same text under two numbers) share the better rank.
        let meanings: Vec<f32> =
            order.iter().map(|&position| featurized[position].0.meaning).collect();
        for (position, rank) in order.into_iter().zip(tied_ranks(&meanings)) {
            featurized[position].0.meaning_rank = 1.0 / (1.0 + rank as f32);
        }
    }
    pool_by_document(candidates, &mut featurized);
    if weights.records().is_some_and(|records| records >= MIN_LEAD_RECORDS) {
        set_leads(candidates, &mut featurized, profile.meaning.is_some());
    }
    featurized
}

/// Sets each candidate's leads ([`crate::features::LEADS`]: `meaning_lead`, `retrieval_lead`,
/// ...) from the pooled evidence of its document against that of the other documents, a
/// document it replaced or that replaced it excepted ([`crate::features::leads`],
/// [`crate::lineage`]).
fn set_leads(
    candidates: &[Candidate],
    featurized: &mut [(Features, RecordText)],
    with_meaning: bool,
) {
    // A document's predecessor under another number is not a rival: it is the same subject.
    let kin = crate::lineage::of_candidates(candidates);
    for (features, _) in featurized.iter_mut() {
        features.leads_read = true;
    }
    let same_query =
        |a: usize, b: usize| candidates[a].signals.carried == candidates[b].signals.carried;
    for (value, lead, needs_meaning, rivals) in LEADS {
        if needs_meaning && !with_meaning {
            continue;
        }
        let values: Vec<f32> = featurized.iter().map(|(features, _)| value(features)).collect();
        let ahead = leads_apart(&values, |a, b| {
            kin.apart(a, b) && (rivals == Rivals::All || same_query(a, b))
        });
        for ((features, _), ahead) in featurized.iter_mut().zip(ahead) {
            *lead(features) = ahead;
        }
    }
}

/// The languages a record without text in the proposal's language is compared in: the language
/// of the proposal's title or body, else one the proposal was carried into.
pub(crate) fn compared_languages(profile: &Profile) -> Vec<Language> {
    let mut languages: Vec<Language> = Vec::new();
    let carried = profile.bridged.iter().map(|b| b.language);
    for language in [profile.title_language, profile.body_language].into_iter().chain(carried) {
        if !languages.contains(&language) {
            languages.push(language);
        }
    }
    languages
}

/// Returns the 0-based ranks of scores sorted best first, ties sharing the best rank of their
/// run: two records with the same text (a twin under another organisation's number) are found
/// equally well, whichever a search lists first.
///
/// ```
/// assert_eq!(nwip_score::tied_ranks(&[3.0, 2.0, 2.0, 1.0]), [0, 1, 1, 3]);
/// assert_eq!(nwip_score::tied_ranks(&[1.0, 1.0]), [0, 0]);
/// assert!(nwip_score::tied_ranks(&[]).is_empty());
/// ```
pub fn tied_ranks(scores: &[f32]) -> Vec<usize> {
    let mut ranks: Vec<usize> = Vec::with_capacity(scores.len());
    for (position, score) in scores.iter().enumerate() {
        let tied = position > 0 && scores[position - 1] == *score;
        ranks.push(if tied { ranks[position - 1] } else { position });
    }
    ranks
}

/// Gives every candidate record the best document-level evidence of its document's records
/// among the candidates ([`Features::pool`]): a report scores documents, and the evidence that
/// a document covers the subject may sit on another of its records.
fn pool_by_document(candidates: &[Candidate], featurized: &mut [(Features, RecordText)]) {
    let mut members: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
    for (position, candidate) in candidates.iter().enumerate() {
        if !candidate.record.document.is_empty() {
            members.entry(candidate.record.document.as_str()).or_default().push(position);
        }
    }
    for positions in members.values().filter(|positions| positions.len() > 1) {
        let mut best = featurized[positions[0]].0.clone();
        for position in &positions[1..] {
            best.pool(&featurized[*position].0);
        }
        for position in positions {
            featurized[*position].0.pool(&best);
        }
    }
}

/// Scores and types candidates, best first. Ties are broken by identifier, so the result does
/// not depend on the order of the candidates. Each overlap's evidence holds why it has its kind,
/// how it was retrieved and each feature's contribution; the textual evidence (shared terms and
/// phrases, snippet, translated terms) is for the overlaps a report lists: [`explain`] adds it.
///
/// ```
/// use nwip_corpus::{Proposal, Record};
/// use nwip_score::{rank, Candidate, Model, Profile, Signals, TermWeights};
/// let analyzer = nwip_text::Analyzer::new();
/// let proposal = Proposal { title: "Road vehicles - Functional safety".into(), ..Default::default() };
/// let profile = Profile::from_proposal(&proposal, &analyzer);
/// let line = r#"{"docid":[{"id":"ISO 26262-1:2018","type":"ISO","primary":true}],
///                "title":[{"content":"Road vehicles - Functional safety - Part 1: Vocabulary","language":"en"}]}"#;
/// let candidate = Candidate::new(Record::from_relaton_json(line).unwrap(), Signals::default());
/// let overlaps = rank(&profile, vec![candidate], &TermWeights::default(), &Model::prior(), &analyzer);
/// assert_eq!(overlaps[0].record.id, "ISO 26262-1:2018");
/// assert!(overlaps[0].score > 0.0 && overlaps[0].score < 1.0);
/// ```
pub fn rank(
    profile: &Profile,
    candidates: Vec<Candidate>,
    weights: &TermWeights,
    model: &Model,
    analyzer: &Analyzer,
) -> Vec<Overlap> {
    rank_scored(profile, candidates, weights, &model.scorer(), analyzer)
}

/// [`rank`] with a model laid out beforehand (the same overlaps): for a caller that ranks many
/// checks with one model.
///
/// ```
/// use nwip_corpus::{Proposal, Record};
/// use nwip_score::{rank, rank_prepared, Candidate, Model, PreparedModel, Profile, Signals, TermWeights};
/// let analyzer = nwip_text::Analyzer::new();
/// let proposal = Proposal { title: "Road vehicles - Functional safety".into(), ..Default::default() };
/// let profile = Profile::from_proposal(&proposal, &analyzer);
/// let line = r#"{"docid":[{"id":"ISO 26262-1:2018","type":"ISO","primary":true}],
///                "title":[{"content":"Road vehicles - Functional safety - Part 1: Vocabulary","language":"en"}]}"#;
/// let candidate = Candidate::new(Record::from_relaton_json(line).unwrap(), Signals::default());
/// let prepared = PreparedModel::new(std::sync::Arc::new(Model::shipped()));
/// let weights = TermWeights::default();
/// let overlaps = rank_prepared(&profile, vec![candidate.clone()], &weights, &prepared, &analyzer);
/// let again = rank(&profile, vec![candidate], &weights, &Model::shipped(), &analyzer);
/// assert_eq!(overlaps[0].score, again[0].score);
/// ```
pub fn rank_prepared(
    profile: &Profile,
    candidates: Vec<Candidate>,
    weights: &TermWeights,
    model: &PreparedModel,
    analyzer: &Analyzer,
) -> Vec<Overlap> {
    rank_scored(profile, candidates, weights, &model.scorer(), analyzer)
}

fn rank_scored(
    profile: &Profile,
    candidates: Vec<Candidate>,
    weights: &TermWeights,
    scorer: &Scorer<'_>,
    analyzer: &Analyzer,
) -> Vec<Overlap> {
    let featurized = featurize(profile, &candidates, weights, analyzer);
    let mut overlaps: Vec<Overlap> = candidates
        .into_par_iter()
        .zip(featurized)
        .map(|(candidate, (features, _))| {
            let score = scorer.score(&features);
            let (kind, direction, reason) = classify(profile, &candidate.record, &features, score);
            let evidence = Evidence {
                reason,
                retrieved_by: retrieved_by(&candidate.signals),
                ..Evidence::default()
            };
            Overlap {
                record: candidate.record,
                score,
                kind,
                direction,
                features,
                evidence,
                document: candidate.document,
                also: Vec::new(),
            }
        })
        .collect();
    overlaps
        .sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| a.record.id.cmp(&b.record.id)));
    overlaps
}

/// Adds to each overlap the textual evidence of its record against the proposal: shared terms
/// and phrases, the abstract's best-matching sentence, shared ICS codes and references, terms
/// matched through translation, and each feature's contribution to `model`'s score. [`rank`]
/// leaves it out, as most candidates are never shown; call this on the overlaps a report lists.
///
/// ```
/// use nwip_corpus::{Proposal, Record};
/// use nwip_score::{explain, rank, Candidate, Model, Profile, Signals, TermWeights};
/// let analyzer = nwip_text::Analyzer::new();
/// let proposal = Proposal { title: "Road vehicles - Functional safety".into(), ..Default::default() };
/// let profile = Profile::from_proposal(&proposal, &analyzer);
/// let line = r#"{"docid":[{"id":"ISO 26262-1:2018","type":"ISO","primary":true}],
///                "title":[{"content":"Road vehicles - Functional safety - Part 1: Vocabulary","language":"en"}]}"#;
/// let candidate = Candidate::new(Record::from_relaton_json(line).unwrap(), Signals::default());
/// let weights = TermWeights::default();
/// let mut overlaps = rank(&profile, vec![candidate], &weights, &Model::prior(), &analyzer);
/// assert!(overlaps[0].evidence.shared_terms.is_empty());
/// explain(&profile, &mut overlaps, &weights, &Model::prior(), &analyzer);
/// assert!(overlaps[0].evidence.shared_terms.iter().any(|t| t.word == "safety"));
/// assert_eq!(overlaps[0].evidence.features.len(), nwip_score::Features::NAMES.len());
/// ```
pub fn explain(
    profile: &Profile,
    overlaps: &mut [Overlap],
    weights: &TermWeights,
    model: &Model,
    analyzer: &Analyzer,
) {
    explain_with(profile, overlaps, weights, &model.scorer(), analyzer);
}

/// [`explain`] with a model laid out once ([`PreparedModel`]): the same evidence, without laying
/// its trees out again.
pub fn explain_prepared(
    profile: &Profile,
    overlaps: &mut [Overlap],
    weights: &TermWeights,
    model: &PreparedModel,
    analyzer: &Analyzer,
) {
    explain_with(profile, overlaps, weights, &model.scorer(), analyzer);
}

fn explain_with(
    profile: &Profile,
    overlaps: &mut [Overlap],
    weights: &TermWeights,
    scorer: &Scorer<'_>,
    analyzer: &Analyzer,
) {
    let languages = compared_languages(profile);
    overlaps.par_iter_mut().for_each(|overlap| {
        let text = RecordText::analyse(&overlap.record, profile.language, &languages, analyzer);
        let found = collect_evidence(profile, &overlap.record, &text, weights, analyzer);
        let evidence = &mut overlap.evidence;
        evidence.features = scorer
            .contributions(&overlap.features)
            .into_iter()
            .zip(overlap.features.to_vec())
            .map(|((name, contribution), value)| FeatureContribution { name, value, contribution })
            .collect();
        evidence.shared_terms = found.shared_terms;
        evidence.shared_phrases = found.shared_phrases;
        evidence.snippet = found.snippet;
        evidence.shared_ics = found.shared_ics;
        evidence.shared_references = found.shared_references;
        evidence.translated_terms = found.translated_terms;
    });
}

/// Tells, for each candidate, whether a newer edition of the same document (same document key,
/// a later year, not a project still under way) is among the candidates too.
fn superseded_editions(candidates: &[Candidate]) -> Vec<bool> {
    // Only a key that two candidates share can have a newer edition among them: the others'
    // identifiers need not be parsed for their year.
    let mut counts: FxHashMap<&str, usize> = FxHashMap::default();
    for candidate in candidates {
        *counts.entry(candidate.record.key.as_str()).or_default() += 1;
    }
    let editions: Vec<Option<(&str, u16)>> = candidates
        .iter()
        .map(|candidate| {
            let record = &candidate.record;
            if record.key.is_empty()
                || record.stage.lifecycle.is_ongoing()
                || counts.get(record.key.as_str()).is_none_or(|&count| count < 2)
            {
                return None;
            }
            let year = DocId::parse(&record.id)?.year?;
            Some((record.key.as_str(), year))
        })
        .collect();
    editions
        .iter()
        .map(|edition| {
            edition.is_some_and(|(key, year)| {
                editions.iter().flatten().any(|(other, newer)| *other == key && *newer > year)
            })
        })
        .collect()
}

fn retrieved_by(signals: &Signals) -> Vec<String> {
    let mut by = Vec::new();
    if signals.text_rank.is_some() {
        by.push("text".to_string());
    }
    if signals.by_identifier {
        by.push("identifier".to_string());
    }
    if signals.by_family {
        by.push("family".to_string());
    }
    if signals.by_sketch {
        by.push("near_duplicate".to_string());
    }
    if signals.plain_rank.is_some() {
        by.push("plain".to_string());
    }
    if signals.meaning_rank.is_some() {
        by.push("meaning".to_string());
    }
    by
}

#[cfg(test)]
mod tests {
    use super::*;
    use nwip_corpus::identity::{Member, Role};
    use nwip_corpus::LangText;

    fn overlap(id: &str, score: f32, document: &Arc<DocumentSummary>) -> Overlap {
        let line = format!(
            r#"{{"docid":[{{"id":"{id}","type":"ISO","primary":true}}],"title":[{{"content":"Quality management systems","language":"en"}}]}}"#
        );
        let mut record = Record::from_relaton_json(&line).unwrap();
        record.document = document.key.clone();
        Overlap {
            record,
            score,
            kind: OverlapKind::Related,
            direction: None,
            features: Features::default(),
            evidence: Evidence::default(),
            document: Some(document.clone()),
            also: Vec::new(),
        }
    }

    fn profile() -> Profile {
        let proposal = nwip_corpus::Proposal {
            title: "Quality management systems".into(),
            ..Default::default()
        };
        Profile::from_proposal(&proposal, &Analyzer::new())
    }

    #[test]
    fn a_document_is_shown_at_its_current_edition_with_its_best_score_and_kind() {
        let member = |id: &str, role, lifecycle| Member {
            id: id.into(),
            role,
            lifecycle,
            stage: String::new(),
            date: None,
        };
        let document = Arc::new(DocumentSummary::from_members(
            "iso 9001",
            vec![
                member("ISO 9001:2015", Role::Edition, Lifecycle::Published),
                member("ISO 9001:2008", Role::Edition, Lifecycle::Withdrawn),
                member("ISO 9001:2008/Cor 1:2009", Role::Supplement, Lifecycle::Withdrawn),
            ],
        ));
        assert_eq!(document.current.as_deref(), Some("ISO 9001:2015"));
        let other = Arc::new(DocumentSummary::from_members("iso 14001", Vec::new()));
        let ranked = |corrigendum: f32| {
            by_document(
                &profile(),
                vec![
                    overlap("ISO 9001:2008/Cor 1:2009", corrigendum, &document),
                    overlap("ISO 14001:2015", 0.81, &other),
                    overlap("ISO 9001:2015", 0.80, &document),
                    overlap("ISO 9001:2008", 0.5, &document),
                ],
            )
        };
        // The edition in force, with the document's best score, in its place.
        let near = ranked(0.84);
        let shown: Vec<(&str, f32)> =
            near.iter().map(|o| (o.record.id.as_str(), o.score)).collect();
        assert_eq!(shown, [("ISO 9001:2015", 0.84), ("ISO 14001:2015", 0.81)]);
        let folded: Vec<(&str, f32)> =
            near[0].also.iter().map(|a| (a.id.as_str(), a.score)).collect();
        assert_eq!(folded, [("ISO 9001:2008/Cor 1:2009", 0.84), ("ISO 9001:2008", 0.5)]);
        // Far below the corrigendum, the records sharing their evidence: still the edition, and
        // typed at the document's score (the edition's own, .80, is not the same subject).
        let far = ranked(0.95);
        assert_eq!((far[0].record.id.as_str(), far[0].score), ("ISO 9001:2015", 0.95));
        assert_eq!(far[0].kind, OverlapKind::SameSubject);
        assert!(far[0].evidence.reason.contains("same subject"), "{}", far[0].evidence.reason);
        // The line of a record shown at its own score keeps its kind.
        assert_eq!(far[1].kind, OverlapKind::Related);
    }

    #[test]
    fn a_document_is_shown_at_the_record_the_proposal_names() {
        let document = Arc::new(DocumentSummary::from_members(
            "iso 9001",
            vec![Member {
                id: "ISO 9001:2015".into(),
                role: Role::Edition,
                lifecycle: Lifecycle::Published,
                stage: String::new(),
                date: None,
            }],
        ));
        let mut named = overlap("ISO 9001:2015/Amd 1:2024", 0.6, &document);
        named.features.mentioned = 1.0;
        let mut edition = overlap("ISO 9001:2015", 0.7, &document);
        let lines = by_document(&profile(), vec![edition.clone(), named.clone()]);
        assert_eq!(
            (lines[0].record.id.as_str(), lines[0].score),
            ("ISO 9001:2015/Amd 1:2024", 0.7)
        );
        // A proposal naming the document ("ISO 9001") names every edition: the current one.
        edition.features.mentioned = 1.0;
        let mut older = overlap("ISO 9001:2008", 0.8, &document);
        older.features.mentioned = 1.0;
        let lines = by_document(&profile(), vec![older, edition, named]);
        assert_eq!((lines[0].record.id.as_str(), lines[0].score), ("ISO 9001:2015", 0.8));
    }

    #[test]
    fn an_edition_with_a_record_per_language_is_shown_in_the_proposals() {
        let member = |id: &str| Member {
            id: id.into(),
            role: Role::Edition,
            lifecycle: Lifecycle::Published,
            stage: String::new(),
            date: Some("2008-12".into()),
        };
        // The catalogue lists the French record as the current edition.
        let document = Arc::new(DocumentSummary::from_members(
            "iala r0201",
            vec![member("IALA R0201 Ed 3.1 (F)"), member("IALA R0201 Ed 3.1 (E)")],
        ));
        let in_french = |mut line: Overlap| {
            line.record.titles =
                vec![LangText::new(Language::French, "Feux de signalisation maritime - Couleurs")];
            line
        };
        let dated = |mut line: Overlap, date: &str| {
            line.record.date = Some(date.into());
            line
        };
        let french =
            dated(in_french(overlap("IALA R0201 Ed 3.1 (F)", 0.9, &document)), "2008-12-04");
        let english = dated(overlap("IALA R0201 Ed 3.1 (E)", 0.8, &document), "2008-12-12");
        assert_eq!(document.current.as_deref(), Some("IALA R0201 Ed 3.1 (F)"));
        let lines = by_document(&profile(), vec![french.clone(), english.clone()]);
        assert_eq!((lines[0].record.id.as_str(), lines[0].score), ("IALA R0201 Ed 3.1 (E)", 0.9));
        // A French proposal sees the French record.
        let proposal = nwip_corpus::Proposal {
            title: "Feux de signalisation maritime".into(),
            language: Some(Language::French),
            ..Default::default()
        };
        let french_profile = Profile::from_proposal(&proposal, &Analyzer::new());
        let lines = by_document(&french_profile, vec![french.clone(), english.clone()]);
        assert_eq!(lines[0].record.id, "IALA R0201 Ed 3.1 (F)");
        // Another edition's English record is not this one's.
        let older = dated(english, "2001-05");
        let lines = by_document(&profile(), vec![french, older]);
        assert_eq!(lines[0].record.id, "IALA R0201 Ed 3.1 (F)");
    }

    /// Statistics of an index of `records` records where every term is rare.
    struct Sized(u64);

    impl crate::profile::TermStatistics for Sized {
        fn num_docs(&self) -> u64 {
            self.0
        }
        fn doc_freq(&self, _: Language, _: &str) -> u64 {
            1
        }
    }

    /// The profile of a proposal with this title alone.
    fn profile_titled(title: &str, analyzer: &Analyzer) -> Profile {
        let proposal = nwip_corpus::Proposal { title: title.into(), ..Default::default() };
        Profile::from_proposal(&proposal, analyzer)
    }

    /// A candidate record with one title, in `language`, found as `signals` say.
    fn titled(id: &str, title: &str, language: &str, signals: Signals) -> Candidate {
        let line = format!(
            r#"{{"docid":[{{"id":"{id}","type":"ISO","primary":true}}],"title":[{{"content":"{title}","language":"{language}"}}]}}"#
        );
        Candidate::new(Record::from_relaton_json(&line).unwrap(), signals)
    }

    #[test]
    fn leads_are_read_only_in_an_index_large_enough_for_them() {
        let analyzer = Analyzer::new();
        let profile = profile_titled("Quality management systems for micro enterprises", &analyzer);
        let candidate = |id: &str, title: &str| titled(id, title, "en", Signals::default());
        let candidates = vec![
            candidate("ISO 9001:2015", "Quality management systems - Requirements"),
            candidate("ISO 14001:2015", "Environmental management systems - Requirements"),
        ];
        let title_leads = |records: u64| -> Vec<f32> {
            let statistics = Sized(records);
            let weights = TermWeights::new(&statistics);
            featurize(&profile, &candidates, &weights, &analyzer)
                .iter()
                .map(|(features, _)| features.title_lead)
                .collect()
        };
        let large = title_leads(MIN_LEAD_RECORDS);
        assert!(large[0] > 0.5 && large[1] < 0.5, "{large:?}");
        assert_eq!(title_leads(MIN_LEAD_RECORDS - 1), [0.0, 0.0]);
    }

    #[test]
    fn the_retrieval_lead_is_taken_over_the_candidates_of_the_same_text_query() {
        let analyzer = Analyzer::new();
        let profile = profile_titled("Food safety management systems", &analyzer);
        let candidate = |id: &str, title: &str, language: &str, score: f32, carried: bool| {
            let signals =
                Signals { text_score: score, text_rank: Some(0), carried, ..Default::default() };
            titled(id, title, language, signals)
        };
        // The proposal's own query found ISO 22000 far ahead of ISO 22003; the query carried
        // into Spanish found an OIML record, the best of its own scale.
        let candidates = vec![
            candidate("ISO 22000:2018", "Food safety management systems", "en", 20.0, false),
            candidate("ISO 22003:2013", "Food safety audits", "en", 8.0, false),
            candidate("OIML R 79:2015 (S)", "Etiquetado de preenvasados", "es", 5.0, true),
        ];
        let statistics = Sized(MIN_LEAD_RECORDS);
        let weights = TermWeights::new(&statistics);
        let featurized = featurize(&profile, &candidates, &weights, &analyzer);
        let retrieval: Vec<f32> = featurized.iter().map(|(f, _)| f.retrieval).collect();
        assert_eq!(retrieval, [1.0, 0.4, 1.0]);
        let leads: Vec<f32> = featurized.iter().map(|(f, _)| f.retrieval_lead).collect();
        // .5 + (1 - .4) / 2 for ISO 22000, not .5 against the carried query's best.
        assert!((leads[0] - 0.8).abs() < 1e-6, "{leads:?}");
        assert!((leads[1] - 0.2).abs() < 1e-6, "{leads:?}");
        assert!((leads[2] - 1.0).abs() < 1e-6, "{leads:?}");
    }

    #[test]
    fn a_document_without_its_edition_among_the_candidates_is_shown_at_a_record_in_force() {
        let document = Arc::new(DocumentSummary::from_members("iso 22000", Vec::new()));
        let with_lifecycle = |id: &str, score: f32, lifecycle: Lifecycle| {
            let mut line = overlap(id, score, &document);
            line.record.stage.lifecycle = lifecycle;
            line
        };
        let lines = by_document(
            &profile(),
            vec![
                with_lifecycle("ISO 22000:2005/Cor 1:2006", 0.43, Lifecycle::Withdrawn),
                with_lifecycle("ISO 22000:2018/Amd 1:2024", 0.30, Lifecycle::Published),
            ],
        );
        assert_eq!(
            (lines[0].record.id.as_str(), lines[0].score),
            ("ISO 22000:2018/Amd 1:2024", 0.43)
        );
        let withdrawn_only = by_document(
            &profile(),
            vec![with_lifecycle("ISO 22000:2005/Cor 1:2006", 0.43, Lifecycle::Withdrawn)],
        );
        assert_eq!(withdrawn_only[0].record.id, "ISO 22000:2005/Cor 1:2006");
    }
}
