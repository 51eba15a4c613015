//! Fitting the overlap model on labelled evaluation sets, with held-out figures.
//!
//! The score is the estimated probability that a record's *document* already covers the
//! proposal's subject. Every query becomes a group of labelled pairs: its candidates, positive
//! when the record belongs to a relevant record's document (any edition, stage or amendment of
//! it). A query with no relevant record (a proposal with no duplicate, see
//! [`crate::eval::reworded::novel_set`]) gives negatives only: without such queries every list
//! the model learns from holds its duplicate, so it learns which candidate is the duplicate but
//! not whether there is one, and the nearest sibling of a new part of a series, standing alone
//! once no duplicate is there, scores as one (`nwip calibrate --novel` fits a set's queries
//! again with their documents left out). Each set weighs the same in the fit
//! whatever its size, so a large set of one shape (revisions) cannot decide the score alone.
//! The model is gradient-boosted trees on the log-odds ([`nwip_score::Model::fit_boosted`]), or
//! a logistic regression ([`nwip_score::Model::fit`]) when no trees are asked for; k-fold
//! cross-validation by query
//! reports how it ranks documents of queries it was not fitted on, and how well its scores are
//! calibrated on them (expected calibration error and a reliability table by score band), so the
//! shipped weights come with an honest estimate. Features that would teach the model a property of the
//! evaluation sets rather than of overlap ([`EXCLUDED_FEATURES`]) are left out: the sets are all
//! ISO (nwip must find overlaps in every organisation), all monolingual, and their relevant records
//! are all published editions (an ongoing project on the same subject is the most urgent finding,
//! not an unlikely one).
//!
//! Proposals often name the document they revise, and as often the standards they build on or
//! refer to; the sets strip identifiers, so a quarter of the queries (chosen by a hash of their
//! id) are given their relevant document as a declared reference and another quarter the best
//! candidate that is not relevant, which teaches the model what a named document is worth: being
//! named is not being the duplicate.

use rayon::prelude::*;
use serde::Serialize;

use nwip_score::{fit_trees, sigmoid, BoostOptions, Example, Features, Model};

use crate::engine::Engine;
use crate::error::Result;
use crate::eval::{query_proposal, relevant_documents, EvalSet};

/// Features the model is not allowed to use. `superseded` says which edition of a document a
/// record is, not whether the document covers the subject (every edition of it does); reports
/// use it to choose the record that stands for a document.
pub const EXCLUDED_FEATURES: [&str; 4] = ["same_org", "cross_lingual", "ongoing", "superseded"];

/// How much of each title's weighted terms the other must hold, both ways, for a candidate of a
/// query with no duplicate to be left out of the fit (see [`is_title_twin`]).
const TWIN_TITLE_SHARE: f32 = 0.9;

/// Tells whether a candidate's title and the proposal's agree both ways (each holds at least
/// [`TWIN_TITLE_SHARE`] of the other's weighted terms). A query made novel by leaving its
/// documents out ([`crate::eval::reworded::novel_set_in`]) can still find the same text under
/// another number (an IEEE draft of an ISO/IEC/IEEE standard, a JIS translation): a duplicate its
/// set does not label, so such a candidate is left out of the fit rather than taught as a
/// negative.
fn is_title_twin(features: &Features) -> bool {
    features.title_in_record_title.min(features.record_title_in_title) >= TWIN_TITLE_SHARE
}

/// One query's labelled candidates.
#[derive(Debug, Clone)]
struct Group {
    /// The query's id in its set.
    qid: String,
    examples: Vec<Example>,
    /// The document of each example's record.
    documents: Vec<String>,
    /// Each example's record (its primary identifier).
    records: Vec<String>,
    /// The query has no relevant record (a proposal with no duplicate): its candidates count for
    /// the fit and the calibration, not for the ranking figures.
    novel: bool,
    /// The set it comes from (its position among the sets).
    set: usize,
    /// The candidates' leads were read (the index is large enough, [`nwip_score::MIN_LEAD_RECORDS`]).
    leads_read: bool,
    /// The query is a copy filed with its document's committee
    /// ([`CalibrateOptions::filed_copies`]).
    filed_copy: bool,
}

/// One band of scores in a reliability table.
#[derive(Debug, Clone, Serialize)]
pub struct ReliabilityBand {
    /// Lower bound of the band (inclusive).
    pub from: f64,
    /// Upper bound of the band (exclusive, 1 inclusive for the last).
    pub to: f64,
    /// Documents scored in the band (held out).
    pub documents: usize,
    /// Their mean score.
    pub mean_score: f64,
    /// The share of them that were relevant.
    pub observed: f64,
}

/// Held-out ranking figures of one cross-validation run.
#[derive(Debug, Clone, Serialize)]
pub struct HeldOut {
    /// Queries evaluated (each held out once).
    pub queries: usize,
    /// Queries whose relevant record was not among the candidates at all.
    pub unreachable: usize,
    /// Recall@1 over held-out queries.
    pub recall_at_1: f64,
    /// Recall@10 over held-out queries.
    pub recall_at_10: f64,
    /// MRR@10 over held-out queries.
    pub mrr_at_10: f64,
    /// Expected calibration error of the held-out document scores (each query's candidate
    /// documents at their best record): the mean gap between score and observed rate, weighted
    /// by the documents in each band.
    pub expected_calibration_error: f64,
    /// Held-out document scores by band of 0.1.
    pub reliability: Vec<ReliabilityBand>,
    /// The held-out ranking figures of each set on its own.
    pub by_set: Vec<HeldOutSet>,
}

/// The held-out ranking figures of one set.
#[derive(Debug, Clone, Serialize)]
pub struct HeldOutSet {
    /// The set's name.
    pub set: String,
    /// Its queries with a relevant record.
    pub queries: usize,
    /// Recall@1 over its held-out queries.
    pub recall_at_1: f64,
    /// Recall@10 over its held-out queries.
    pub recall_at_10: f64,
    /// MRR@10 over its held-out queries.
    pub mrr_at_10: f64,
}

/// Recall@1, recall@10 and MRR@10 of 1-based ranks (`None`: not found).
fn ranking_figures(ranks: &[Option<usize>]) -> (f64, f64, f64) {
    let count = ranks.len().max(1) as f64;
    let within = |k: usize| ranks.iter().filter(|r| r.is_some_and(|r| r <= k)).count() as f64;
    let mrr =
        ranks.iter().map(|r| r.filter(|r| *r <= 10).map_or(0.0, |r| 1.0 / r as f64)).sum::<f64>();
    (within(1) / count, within(10) / count, mrr / count)
}

/// One labelled pair as the fit saw it, for study outside nwip (`nwip calibrate --pairs`).
#[derive(Debug, Clone, Serialize)]
pub struct LabelledPair {
    /// The set the query comes from.
    pub set: String,
    /// The query's id.
    pub qid: String,
    /// The candidate record's primary identifier.
    pub record: String,
    /// Its document.
    pub document: String,
    /// 1 when the record belongs to a relevant document, else 0.
    pub label: f32,
    /// The pair's weight in the fit (each set weighs the same).
    pub weight: f32,
    /// Feature values in the order of [`Features::NAMES`] (excluded features are 0).
    pub features: Vec<f32>,
}

/// The fitted model and how it was obtained.
#[derive(Debug, Clone, Serialize)]
pub struct Calibration {
    /// The model fitted on every query.
    pub model: Model,
    /// Labelled pairs used.
    pub pairs: usize,
    /// Positive pairs.
    pub positives: usize,
    /// Cross-validated figures.
    pub held_out: HeldOut,
    /// The labelled queries the model was fitted on, for [`Calibration::labelled_pairs`].
    #[serde(skip)]
    groups: Vec<Group>,
    /// The names of the sets, in the order of [`Group::set`].
    #[serde(skip)]
    set_names: Vec<String>,
}

impl Calibration {
    /// Every labelled pair the model was fitted on, query by query in candidate order.
    pub fn labelled_pairs(&self) -> impl Iterator<Item = LabelledPair> + '_ {
        self.groups.iter().flat_map(move |group| {
            let set = &self.set_names[group.set];
            group.examples.iter().zip(&group.records).zip(&group.documents).map(
                move |((example, record), document)| LabelledPair {
                    set: set.clone(),
                    qid: group.qid.clone(),
                    record: record.clone(),
                    document: document.clone(),
                    label: example.label,
                    weight: example.weight,
                    features: example.features.clone(),
                },
            )
        })
    }
}

/// How `nwip calibrate` fits the model.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CalibrateOptions {
    /// Cross-validation folds (at least 2).
    pub folds: usize,
    /// L2 penalty on the logistic weights, and on the trees' leaf values.
    pub lambda: f64,
    /// Boosted trees to fit; `None` fits a logistic regression.
    pub trees: Option<BoostOptions>,
    /// A model to keep as it is, fitting on its log-odds (with `trees`) only the lead trees
    /// when it has none (an index too small for leads then scores exactly as with this model)
    /// and the filed trees with [`CalibrateOptions::filed_copies`] (a proposal that names no
    /// committee then scores exactly as with this model).
    pub base: Option<Model>,
    /// Positions among the sets of copies filed with their documents' committees
    /// (`nwip calibrate --filed`): the model and its lead trees are fitted without them, as
    /// before, and the filed trees ([`Model::filed_trees`]) on the rest of the log-odds of every
    /// proposal that names its committee, these and the others (the revisions).
    pub filed_copies: Vec<usize>,
}

impl Default for CalibrateOptions {
    fn default() -> CalibrateOptions {
        CalibrateOptions {
            folds: 5,
            lambda: 1.0,
            trees: Some(BoostOptions::default()),
            base: None,
            filed_copies: Vec::new(),
        }
    }
}

impl CalibrateOptions {
    /// Fits the model on the groups' examples without their leads, then (with trees) the lead
    /// trees on the rest of the log-odds of the groups whose leads were read, both without the
    /// filed copies; then (with filed copies) the filed trees.
    fn fit(&self, groups: &[&Group]) -> Model {
        let (copies, as_written): (Vec<&Group>, Vec<&Group>) =
            groups.iter().partition(|group| group.filed_copy);
        let mut model = self.fit_as_written(&as_written);
        if let (false, Some(trees)) = (copies.is_empty(), &self.trees) {
            let options = BoostOptions { lambda: self.lambda, ..*trees };
            model.filed_trees = fit_filed_trees(groups, &model, &options);
        }
        model
    }

    /// [`CalibrateOptions::fit`] without the filed trees.
    fn fit_as_written(&self, groups: &[&Group]) -> Model {
        if let (Some(base), Some(trees)) = (&self.base, &self.trees) {
            let options = BoostOptions { lambda: self.lambda, ..*trees };
            let mut model = Model { filed_trees: Vec::new(), ..base.clone() };
            if model.lead_trees.is_empty() {
                model.lead_trees = fit_lead_trees(groups, &model, &options);
            }
            return model;
        }
        let lead_positions = feature_positions(Features::lead_names());
        let without_leads: Vec<Example> = groups
            .iter()
            .flat_map(|group| training_examples(group))
            .map(|mut example| {
                for index in &lead_positions {
                    example.features[*index] = 0.0;
                }
                example
            })
            .collect();
        let Some(trees) = &self.trees else {
            return Model::fit(&without_leads, self.lambda, 30);
        };
        let options = BoostOptions { lambda: self.lambda, ..*trees };
        let mut model = Model::fit_boosted(&without_leads, &options);
        drop(without_leads);
        // The model above never saw a lead (its weights for them are 0, its trees do not
        // split on them): its log-odds are the starting point.
        let base = model.clone();
        model.lead_trees = fit_lead_trees(groups, &base, &options);
        model
    }
}

/// Fits trees on `base`'s log-odds with its leads over the examples of proposals that name their
/// committee, in the groups whose leads were read.
fn fit_filed_trees(
    groups: &[&Group],
    base: &Model,
    options: &BoostOptions,
) -> Vec<nwip_score::Tree> {
    let names_committee = |e: &Example| e.features[Features::FILED] > 0.5;
    fit_trees_where_leads_read(
        groups,
        names_committee,
        |e| base.logit_with_leads(&e.features, true),
        options,
    )
}

/// Fits trees on `base`'s log-odds over the examples of the groups whose leads were read.
fn fit_lead_trees(
    groups: &[&Group],
    base: &Model,
    options: &BoostOptions,
) -> Vec<nwip_score::Tree> {
    fit_trees_where_leads_read(groups, |_| true, |e| base.logit(&e.features), options)
}

/// Fits trees on the log-odds `start` gives over the examples `keep` keeps of the groups whose
/// leads were read.
fn fit_trees_where_leads_read(
    groups: &[&Group],
    keep: impl Fn(&Example) -> bool,
    start: impl Fn(&Example) -> f32,
    options: &BoostOptions,
) -> Vec<nwip_score::Tree> {
    let examples: Vec<Example> = groups
        .iter()
        .filter(|group| group.leads_read)
        .flat_map(|group| training_examples(group))
        .filter(|example| keep(example))
        .collect();
    fit_trees(&examples, Features::NAMES.len(), start, options)
}

/// Fits the model on the sets' labelled queries, with cross-validation.
pub fn calibrate(
    engine: &Engine,
    sets: &[EvalSet],
    options: &CalibrateOptions,
) -> Result<Calibration> {
    let excluded = feature_positions(&EXCLUDED_FEATURES);
    // Every set weighs as much as the average set as written: the filed copies, fitted apart,
    // leave the others' weights as they were.
    let as_written =
        || sets.iter().enumerate().filter(|(number, _)| !options.filed_copies.contains(number));
    let total: usize = as_written().map(|(_, set)| set.queries.len()).sum();
    let average = total as f32 / as_written().count().max(1) as f32;
    let mut groups: Vec<Group> = Vec::new();
    for (set_number, set) in sets.iter().enumerate() {
        let queries: Vec<_> =
            set.queries.iter().filter(|q| q.relevant_committee.is_none()).collect();
        let weight = average / queries.len().max(1) as f32;
        let set_groups: Vec<Group> = queries
            .par_iter()
            .map(|query| {
                let mut proposal = query_proposal(query);
                let quarter = nwip_text::hash_str(&query.qid) % 4;
                if !query.relevant.is_empty() && quarter == 0 {
                    proposal.relevant_documents.push(query.relevant[0].clone());
                }
                let relevant = relevant_documents(engine, &query.relevant)?;
                let mut retrieved = engine.retrieve(&proposal, &query.exclude)?;
                if quarter == 1 {
                    // Proposals also name standards they build on or refer to: another quarter
                    // names the best candidate that is not relevant.
                    let other = retrieved
                        .candidates
                        .iter()
                        .find(|c| !relevant.contains(&c.record.document))
                        .map(|c| c.record.id.clone());
                    if let Some(other) = other {
                        proposal.relevant_documents.push(other);
                        retrieved = engine.retrieve(&proposal, &query.exclude)?;
                    }
                }
                let features = engine.features(&retrieved);
                let leads_read = features.first().is_some_and(|f| f.leads_read);
                let novel = query.relevant.is_empty();
                let (documents, records, features): (Vec<String>, Vec<String>, Vec<Features>) =
                    retrieved
                        .candidates
                        .iter()
                        .zip(features)
                        .filter(|(_, features)| !(novel && is_title_twin(features)))
                        .map(|(c, f)| (c.record.document.clone(), c.record.id.clone(), f))
                        .collect();
                let examples = features
                    .into_iter()
                    .zip(&documents)
                    .map(|(features, document)| {
                        let mut values = features.to_vec();
                        for index in &excluded {
                            values[*index] = 0.0;
                        }
                        let label = if relevant.contains(document) { 1.0 } else { 0.0 };
                        Example { features: values, label, weight }
                    })
                    .collect();
                Ok(Group {
                    qid: query.qid.clone(),
                    examples,
                    documents,
                    records,
                    novel,
                    set: set_number,
                    leads_read,
                    filed_copy: options.filed_copies.contains(&set_number),
                })
            })
            .collect::<Result<_>>()?;
        groups.extend(set_groups);
    }
    let folds = options.folds.max(2);
    let mut ranks: Vec<Option<usize>> = Vec::with_capacity(groups.len());
    let mut set_ranks: Vec<Vec<Option<usize>>> = vec![Vec::new(); sets.len()];
    let mut scored: Vec<(f32, f32)> = Vec::new();
    let mut unreachable = 0;
    for fold in 0..folds {
        let train: Vec<&Group> =
            groups.iter().enumerate().filter(|(i, _)| i % folds != fold).map(|(_, g)| g).collect();
        let model = options.fit(&train);
        for group in groups.iter().enumerate().filter(|(i, _)| i % folds == fold).map(|(_, g)| g) {
            let documents = best_per_document(&model, group);
            scored.extend(documents.iter().copied());
            if group.novel {
                continue;
            }
            if group.examples.iter().all(|e| e.label == 0.0) {
                unreachable += 1;
            }
            let rank = documents.iter().position(|(_, label)| *label > 0.0).map(|p| p + 1);
            ranks.push(rank);
            set_ranks[group.set].push(rank);
        }
    }
    let (expected_calibration_error, reliability) = reliability_table(&scored);
    let (recall_at_1, recall_at_10, mrr_at_10) = ranking_figures(&ranks);
    let by_set = sets
        .iter()
        .zip(&set_ranks)
        .filter(|(_, ranks)| !ranks.is_empty())
        .map(|(set, ranks)| {
            let (recall_at_1, recall_at_10, mrr_at_10) = ranking_figures(ranks);
            HeldOutSet {
                set: set.name.clone(),
                queries: ranks.len(),
                recall_at_1,
                recall_at_10,
                mrr_at_10,
            }
        })
        .collect();
    let held_out = HeldOut {
        queries: ranks.len(),
        unreachable,
        recall_at_1,
        recall_at_10,
        mrr_at_10,
        expected_calibration_error,
        reliability,
        by_set,
    };
    let mut model = options.fit(&groups.iter().collect::<Vec<_>>());
    let pairs: usize = groups.iter().map(|g| g.examples.len()).sum();
    let positives = groups.iter().flat_map(|g| &g.examples).filter(|e| e.label > 0.0).count();
    model.provenance = serde_json::json!({
        "fitted": true,
        "command": "nwip calibrate (see the README: sets derived with nwip devset, and the shared revisions set)",
        "sets": sets.iter().map(|s| serde_json::json!({"name": s.name, "queries": s.queries.len()})).collect::<Vec<_>>(),
        "queries": groups.len(),
        "pairs": pairs,
        "without_meaning_copies": "every pair again at half weight with the meaning features 0",
        "lead_trees": "fitted on the log-odds of the model without leads, added where leads are read",
        "filed_trees": "fitted on the log-odds with leads of the proposals that name their committee, added for them where leads are read",
        "positives": positives,
        "lambda": options.lambda,
        "trees": options.trees,
        "labels": "document",
        "excluded_features": EXCLUDED_FEATURES,
        "held_out": held_out,
    });
    let set_names = sets.iter().map(|set| set.name.clone()).collect();
    Ok(Calibration { model, pairs, positives, held_out, groups, set_names })
}

/// Features an index without the word-vector table cannot compute (they are 0 there).
const MEANING_FEATURES: [&str; 5] =
    ["meaning", "title_meaning", "meaning_rank", "meaning_lead", "title_meaning_lead"];

/// A group's examples for a fit: as they are, and again at half weight as an index without word
/// vectors sees them (meaning features 0), so that the trees, which cannot extrapolate the way a
/// weight does, have learned what to make of the other features alone.
fn training_examples(group: &Group) -> impl Iterator<Item = Example> + '_ {
    let meaning = feature_positions(&MEANING_FEATURES);
    let without_meaning = group.examples.iter().map(move |example| {
        let mut copy = example.clone();
        for index in &meaning {
            copy.features[*index] = 0.0;
        }
        copy.weight /= 2.0;
        copy
    });
    group.examples.iter().cloned().chain(without_meaning)
}

/// The positions of the named features in [`Features::NAMES`].
fn feature_positions(names: &[&str]) -> Vec<usize> {
    names.iter().filter_map(|name| Features::NAMES.iter().position(|n| n == name)).collect()
}

/// Scores a group's candidates and keeps each document's best: (score, label), best first.
fn best_per_document(model: &Model, group: &Group) -> Vec<(f32, f32)> {
    let mut scored: Vec<(f32, f32, &str)> = group
        .examples
        .iter()
        .zip(&group.documents)
        .map(|(e, document)| {
            let logit = model.logit_with_leads(&e.features, group.leads_read);
            (sigmoid(logit), e.label, document.as_str())
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    let mut seen: Vec<&str> = Vec::new();
    let mut best = Vec::new();
    for (score, label, document) in scored {
        if seen.contains(&document) {
            continue;
        }
        seen.push(document);
        best.push((score, label));
    }
    best
}

/// Returns the expected calibration error and the reliability table (bands of 0.1) of
/// (score, label) pairs.
fn reliability_table(scored: &[(f32, f32)]) -> (f64, Vec<ReliabilityBand>) {
    let mut bands: Vec<(usize, f64, f64)> = vec![(0, 0.0, 0.0); 10];
    for (score, label) in scored {
        let band = ((*score * 10.0) as usize).min(9);
        bands[band].0 += 1;
        bands[band].1 += f64::from(*score);
        bands[band].2 += f64::from(*label);
    }
    let total = scored.len().max(1) as f64;
    let mut error = 0.0;
    let table = bands
        .into_iter()
        .enumerate()
        .map(|(band, (documents, score_sum, label_sum))| {
            let n = documents.max(1) as f64;
            let (mean_score, observed) = (score_sum / n, label_sum / n);
            error += documents as f64 / total * (mean_score - observed).abs();
            ReliabilityBand {
                from: band as f64 / 10.0,
                to: (band + 1) as f64 / 10.0,
                documents,
                mean_score,
                observed,
            }
        })
        .collect();
    (error, table)
}

#[cfg(test)]
mod tests {
    use super::*;
    use nwip_score::{Node, Tree};

    fn group(set: usize, filed_copy: bool, examples: Vec<Example>) -> Group {
        let documents = (0..examples.len()).map(|i| format!("d{i}")).collect::<Vec<_>>();
        Group {
            qid: format!("q{set}"),
            records: documents.clone(),
            documents,
            examples,
            novel: false,
            set,
            leads_read: true,
            filed_copy,
        }
    }

    #[test]
    fn filed_trees_learn_from_proposals_that_name_their_committee_and_leave_the_rest_alone() {
        let committee = Features::NAMES.iter().position(|n| *n == "same_committee").unwrap();
        let agreement = Features::NAMES.iter().position(|n| *n == "title_in_record").unwrap();
        // Filed, the committee's records are mostly not the document: its other work.
        let example = |filed: bool, i: usize| {
            let mut features = vec![0.0; Features::NAMES.len()];
            features[agreement] = (i % 5) as f32 / 4.0;
            features[committee] = f32::from(filed && !i.is_multiple_of(3));
            features[Features::FILED] = f32::from(filed);
            let label = f32::from(i % 5 == 4 && (!filed || i.is_multiple_of(3)));
            Example { features, label, weight: 1.0 }
        };
        let written = group(0, false, (0..300).map(|i| example(false, i)).collect());
        let copies = group(1, true, (0..300).map(|i| example(true, i)).collect());
        let flat = Tree { nodes: vec![Node(0, 0.0, 0, 0, 0.0)] };
        let base = Model { lead_trees: vec![flat], ..Model::prior() };
        let options = CalibrateOptions {
            base: Some(base.clone()),
            trees: Some(BoostOptions {
                trees: 20,
                depth: 2,
                learning_rate: 0.3,
                lambda: 1.0,
                min_leaf_curvature: 1.0,
            }),
            filed_copies: vec![1],
            ..CalibrateOptions::default()
        };
        let model = options.fit(&[&written, &copies]);
        assert_eq!(model.lead_trees, base.lead_trees, "a base with lead trees keeps them");
        assert!(!model.filed_trees.is_empty());
        let logit = |model: &Model, e: &Example| model.logit_with_leads(&e.features, true);
        let unfiled = example(false, 4);
        assert_eq!(logit(&model, &unfiled).to_bits(), logit(&base, &unfiled).to_bits());
        // Filed, a record of another committee that agrees as well is now ahead of the
        // committee's own; the base could not tell them apart.
        let (own, other) = (example(true, 4), example(true, 9));
        assert_eq!(logit(&base, &own), logit(&base, &other));
        let (o, w) = (logit(&model, &other), logit(&model, &own));
        assert!(o > w + 0.5, "{o} {w}");
        // Without filed copies, no filed trees.
        let as_before = CalibrateOptions { filed_copies: Vec::new(), ..options };
        assert!(as_before.fit(&[&written]).filed_trees.is_empty());
    }
}
