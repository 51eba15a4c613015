//! Fitting the overlap model on labelled evaluation sets, with held-out figures.
//!
//! Every query with `relevant` ids becomes a group of labelled pairs (its candidates, positive when
//! the record is relevant). The logistic model is fitted by [`nwip_score::Model::fit`]; k-fold
//! cross-validation by query reports how it ranks queries it was not fitted on, so the shipped
//! weights come with an honest estimate. Features that would teach the model a property of the
//! evaluation sets rather than of overlap ([`EXCLUDED_FEATURES`]) are left out: the sets are all
//! ISO (nwip must find overlaps in every organisation), all monolingual, and their relevant records
//! are all published editions (an ongoing project on the same subject is the most urgent finding,
//! not an unlikely one).
//!
//! Proposals often name the document they revise; the sets strip identifiers, so a quarter of the
//! queries (chosen by a hash of their id) are given their relevant document as a declared reference,
//! which teaches the model what a named document is worth.

use rayon::prelude::*;
use serde::Serialize;

use nwip_score::{Example, Features, Model};

use crate::engine::Engine;
use crate::error::Result;
use crate::eval::{query_proposal, EvalSet};

/// Features the model is not allowed to use.
pub const EXCLUDED_FEATURES: [&str; 3] = ["same_org", "cross_lingual", "ongoing"];

/// One query's labelled candidates.
#[derive(Debug, Clone)]
struct Group {
    examples: Vec<Example>,
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
}

/// Fits the model on the sets' labelled queries with `folds`-fold cross-validation.
pub fn calibrate(
    engine: &Engine,
    sets: &[EvalSet],
    folds: usize,
    lambda: f64,
) -> Result<Calibration> {
    let queries: Vec<_> =
        sets.iter().flat_map(|s| s.queries.iter()).filter(|q| !q.relevant.is_empty()).collect();
    let excluded: Vec<usize> = EXCLUDED_FEATURES
        .iter()
        .filter_map(|name| Features::NAMES.iter().position(|n| n == name))
        .collect();
    let groups: Vec<Group> = queries
        .par_iter()
        .map(|query| {
            let mut proposal = query_proposal(query);
            if nwip_text::hash_str(&query.qid).is_multiple_of(4) {
                proposal.relevant_documents.push(query.relevant[0].clone());
            }
            let retrieved = engine.retrieve(&proposal, &query.exclude)?;
            let labels: Vec<f32> = retrieved
                .candidates
                .iter()
                .map(|c| if query.relevant.contains(&c.record.id) { 1.0 } else { 0.0 })
                .collect();
            let features = engine.features(&retrieved);
            let examples = features
                .into_iter()
                .zip(labels)
                .map(|(features, label)| {
                    let mut values = features.to_vec();
                    for index in &excluded {
                        values[*index] = 0.0;
                    }
                    Example { features: values, label, weight: 1.0 }
                })
                .collect();
            Ok(Group { examples })
        })
        .collect::<Result<_>>()?;
    let folds = folds.max(2);
    let mut ranks: Vec<Option<usize>> = Vec::with_capacity(groups.len());
    let mut unreachable = 0;
    for fold in 0..folds {
        let train: Vec<Example> = groups
            .iter()
            .enumerate()
            .filter(|(i, _)| i % folds != fold)
            .flat_map(|(_, g)| g.examples.iter().cloned())
            .collect();
        let model = Model::fit(&train, lambda, 30);
        for group in groups.iter().enumerate().filter(|(i, _)| i % folds == fold).map(|(_, g)| g) {
            if !group.examples.iter().any(|e| e.label > 0.0) {
                unreachable += 1;
            }
            ranks.push(rank_of_first_positive(&model, group));
        }
    }
    let count = ranks.len().max(1) as f64;
    let held_out = HeldOut {
        queries: ranks.len(),
        unreachable,
        recall_at_1: ranks.iter().filter(|r| **r == Some(1)).count() as f64 / count,
        recall_at_10: ranks.iter().filter(|r| r.is_some_and(|r| r <= 10)).count() as f64 / count,
        mrr_at_10: ranks
            .iter()
            .map(|r| r.filter(|r| *r <= 10).map_or(0.0, |r| 1.0 / r as f64))
            .sum::<f64>()
            / count,
    };
    let all: Vec<Example> = groups.iter().flat_map(|g| g.examples.iter().cloned()).collect();
    let positives = all.iter().filter(|e| e.label > 0.0).count();
    let mut model = Model::fit(&all, lambda, 30);
    model.provenance = serde_json::json!({
        "fitted": true,
        "command": "nwip calibrate ../shared/eval/revisions.jsonl --out crates/nwip-score/model.json",
        "sets": sets.iter().map(|s| s.name.clone()).collect::<Vec<_>>(),
        "queries": groups.len(),
        "pairs": all.len(),
        "positives": positives,
        "lambda": lambda,
        "excluded_features": EXCLUDED_FEATURES,
        "held_out": held_out,
    });
    Ok(Calibration { model, pairs: all.len(), positives, held_out })
}

fn rank_of_first_positive(model: &Model, group: &Group) -> Option<usize> {
    let mut scored: Vec<(f32, f32)> =
        group.examples.iter().map(|e| (model.logit(&e.features), e.label)).collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    scored.iter().position(|(_, label)| *label > 0.0).map(|p| p + 1)
}
