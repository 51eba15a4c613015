//! The evaluation protocol of `../shared/eval/README.md`, as a library: read a set of queries,
//! check each one (dropping its `exclude` ids), and compute recall@1, recall@10, MRR@10 and, for
//! committee sets, committee accuracy@1/@3 (exact and at the TC level).
//!
//! Reports list documents, so the figures come twice: at the record level (each document's scored
//! records listed together, best first, comparable with the reference figures of established
//! methods, which rank records) and at the document level (`doc_*`: a hit is any record of a
//! relevant record's document).
//!
//! [`cross_lingual`] derives a cross-lingual development set (French titles against their
//! English-only twins) from the corpus itself.

pub mod cross_lingual;
pub mod reworded;

use std::path::Path;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use nwip_corpus::docid::DocId;
use nwip_corpus::identity::document_of;
use nwip_corpus::{top_level_committee, Committee, Proposal};
use nwip_score::OverlapKind;

use crate::engine::Engine;
use crate::error::{Error, Result};
use crate::timings::{median, timed, StageTimes};

/// One query of an evaluation set.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct EvalQuery {
    /// Query id.
    pub qid: String,
    /// The proposal, in the eval's shape (title, scope, committee, ics, language).
    pub query: Proposal,
    /// Primary ids that count as a hit.
    #[serde(default)]
    pub relevant: Vec<String>,
    /// The committee that owns the subject (committee sets).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub relevant_committee: Option<String>,
    /// Ids to drop from the results.
    #[serde(default)]
    pub exclude: Vec<String>,
}

/// A named list of queries.
#[derive(Debug, Clone)]
pub struct EvalSet {
    /// The set's name (file stem).
    pub name: String,
    /// The queries.
    pub queries: Vec<EvalQuery>,
}

impl EvalSet {
    /// Reads a JSON-lines evaluation file; a bad line is an error naming the file, line and cause.
    pub fn read(path: impl AsRef<Path>) -> Result<EvalSet> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path).map_err(|source| {
            Error::Corpus(nwip_corpus::CorpusError::Io { path: path.to_path_buf(), source })
        })?;
        let mut queries = Vec::new();
        for (index, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let query: EvalQuery = serde_json::from_str(line).map_err(|error| Error::Eval {
                path: path.to_path_buf(),
                line: index + 1,
                message: error.to_string(),
            })?;
            queries.push(query);
        }
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("set");
        let name = name.split('.').next().unwrap_or(name).to_string();
        Ok(EvalSet { name, queries })
    }
}

/// The outcome of one query.
#[derive(Debug, Clone, Serialize)]
pub struct QueryOutcome {
    /// Query id.
    pub qid: String,
    /// 1-based line (one per document, best first, up to 10) on which a relevant record first
    /// appears, as the line's record or among the records folded under it.
    pub rank: Option<usize>,
    /// 1-based rank of the first entry (a document) within the top 10 that is one of the
    /// relevant records' documents.
    pub doc_rank: Option<usize>,
    /// Proposed committees, best first (up to 3).
    pub committees: Vec<String>,
    /// The record of each of the first lines, best first (up to 10).
    pub top: Vec<String>,
    /// Score of the line showing the relevant record, if among the first 10.
    pub relevant_score: Option<f32>,
    /// Kind of that line.
    pub relevant_kind: Option<OverlapKind>,
    /// Score of the 10th line (0 when there are fewer).
    pub tenth_score: f32,
    /// The score of each of the first lines (as `top`): what a reader sees beside them, and,
    /// for a proposal with no duplicate, whether its first line would be a false alarm.
    pub top_scores: Vec<f32>,
    /// The kind of each of the first lines (as `top`).
    pub top_kinds: Vec<OverlapKind>,
    /// Milliseconds the check took.
    pub millis: f64,
    /// Milliseconds each stage of the check took, when the engine keeps timings.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timings: Option<StageTimes>,
}

/// The figures of one set, with the JSON keys `nwip eval --format json` prints.
#[derive(Debug, Clone, Serialize)]
pub struct EvalResult {
    /// Set name (file stem).
    pub set: String,
    /// Number of queries.
    pub queries: usize,
    /// Share of queries whose first result is relevant.
    pub recall_at_1: f64,
    /// Share of queries with a relevant record in the top 10.
    pub recall_at_10: f64,
    /// Mean reciprocal rank of the first relevant record within the top 10.
    pub mrr_at_10: f64,
    /// Share of queries whose first document is relevant (a hit is any record of a relevant
    /// record's document).
    pub doc_recall_at_1: f64,
    /// Share of queries with a relevant document among the first 10.
    pub doc_recall_at_10: f64,
    /// Mean reciprocal rank of the first relevant document within the top 10.
    pub doc_mrr_at_10: f64,
    /// Committee accuracy at 1, exact (committee sets only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub committee_acc_at_1: Option<f64>,
    /// Committee accuracy at 3, exact.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub committee_acc_at_3: Option<f64>,
    /// Committee accuracy at 1, at the TC level.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub committee_tc_acc_at_1: Option<f64>,
    /// Committee accuracy at 3, at the TC level.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub committee_tc_acc_at_3: Option<f64>,
    /// Median score of the line that shows the relevant record (0 when it is not among the first
    /// 10): what a reader is told about the duplicate (record sets only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub median_relevant_score: Option<f64>,
    /// Share of queries whose relevant line is typed `same_subject`, `revision_of` or
    /// `adoption_of`: the duplicate is called one (record sets only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub typed_duplicate: Option<f64>,
    /// Median score of the 10th line (0 when a report has fewer): what an unrelated record
    /// scores (record sets only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub median_score_at_10: Option<f64>,
    /// Share of queries whose first line is typed `same_subject`, `revision_of` or
    /// `adoption_of`, for a set of proposals with no duplicate (no query names a relevant record
    /// or committee, as [`reworded::novel_set`] makes them): false alarms, where any record of
    /// the excluded documents' subject that stands alone is called a duplicate.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_line_duplicate: Option<f64>,
    /// What a gate on the score would stop, at each of [`GATE_SCORES`]: in a set with duplicates,
    /// the share of queries whose relevant line scores at least the gate (duplicates caught); in
    /// a set of proposals with no duplicate, the share whose first line does (false alarms).
    /// `nwip check --fail-on related --fail-score S` is such a gate. Empty for committee sets.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub gates: Vec<Gate>,
    /// Median milliseconds per check.
    pub median_ms: f64,
    /// Each stage's median milliseconds, when the engine keeps timings
    /// ([`EngineBuilder::timings`](crate::EngineBuilder::timings)); its checks then run one at
    /// a time, so that a stage's time is that of a check alone on the machine.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stage_medians: Option<StageTimes>,
    /// Per-query outcomes, in query order (`nwip eval --outcomes` writes them).
    #[serde(skip)]
    pub outcomes: Vec<QueryOutcome>,
}

/// The scores at which [`EvalResult::gates`] are measured.
pub const GATE_SCORES: [f32; 4] = [0.2, 0.3, 0.5, 0.8];

/// The share of a set's queries a gate on the score stops (see [`EvalResult::gates`]).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Gate {
    /// The gate: a line scoring at least this stops the proposal.
    pub score: f32,
    /// The share of queries stopped.
    pub stopped: f64,
}

/// The gates of a set at [`GATE_SCORES`], given each query's deciding score (the relevant
/// line's, or the first line's in a set with no duplicate; 0 when there is none).
fn gates(scores: &[f64]) -> Vec<Gate> {
    let count = scores.len().max(1) as f64;
    GATE_SCORES
        .iter()
        .map(|&score| {
            let stopped = scores.iter().filter(|s| **s >= f64::from(score)).count() as f64 / count;
            Gate { score, stopped }
        })
        .collect()
}

/// Runs every query of `set` through `engine` (in parallel) and computes the figures.
pub fn evaluate(engine: &Engine, set: &EvalSet) -> Result<EvalResult> {
    let outcomes: Vec<QueryOutcome> = if engine.keeps_timings() {
        set.queries.iter().map(|query| evaluate_query(engine, query)).collect::<Result<_>>()?
    } else {
        set.queries.par_iter().map(|query| evaluate_query(engine, query)).collect::<Result<_>>()?
    };
    let count = outcomes.len().max(1) as f64;
    let ranks: Vec<Option<usize>> = outcomes.iter().map(|o| o.rank).collect();
    let doc_ranks: Vec<Option<usize>> = outcomes.iter().map(|o| o.doc_rank).collect();
    let hit_at = |ranks: &[Option<usize>], k: usize| {
        ranks.iter().filter(|rank| rank.is_some_and(|r| r <= k)).count() as f64 / count
    };
    let mrr = |ranks: &[Option<usize>]| {
        ranks.iter().map(|rank| rank.map_or(0.0, |r| 1.0 / r as f64)).sum::<f64>() / count
    };
    let is_committee_set = set.queries.iter().any(|q| q.relevant_committee.is_some());
    let committee_accuracy = |k: usize, top_level: bool| {
        let correct = set
            .queries
            .iter()
            .zip(&outcomes)
            .filter(|(query, outcome)| {
                let Some(expected) = &query.relevant_committee else { return false };
                // Spelled as the catalogue's records of the proposing organisation are: the
                // leather committee `IULTCS` of ISO's catalogue is `ISO/IULTCS`.
                let organisation = proposing_organisation(query).unwrap_or_default();
                let expected = Committee::parse(&organisation, expected).id;
                outcome.committees.iter().take(k).any(|proposed| {
                    if top_level {
                        top_level_committee(proposed) == top_level_committee(&expected)
                    } else {
                        *proposed == expected
                    }
                })
            })
            .count();
        correct as f64 / count
    };
    let median_ms = median(outcomes.iter().map(|o| o.millis).collect());
    let timings: Vec<StageTimes> = outcomes.iter().filter_map(|o| o.timings).collect();
    let stage_medians = (!timings.is_empty()).then(|| StageTimes::median(&timings));
    let record_set = set.queries.iter().any(|q| !q.relevant.is_empty());
    let relevant_scores: Vec<f64> =
        outcomes.iter().map(|o| o.relevant_score.map_or(0.0, f64::from)).collect();
    let typed =
        outcomes.iter().filter(|o| o.relevant_kind.is_some_and(OverlapKind::is_duplicate)).count()
            as f64
            / count;
    let tenth: Vec<f64> = outcomes.iter().map(|o| f64::from(o.tenth_score)).collect();
    let novel_set = !record_set && !is_committee_set && !outcomes.is_empty();
    let first_line_duplicate = outcomes
        .iter()
        .filter(|o| o.top_kinds.first().is_some_and(|kind| kind.is_duplicate()))
        .count() as f64
        / count;
    let gates = if record_set {
        gates(&relevant_scores)
    } else if novel_set {
        let first_scores: Vec<f64> =
            outcomes.iter().map(|o| o.top_scores.first().map_or(0.0, |s| f64::from(*s))).collect();
        gates(&first_scores)
    } else {
        Vec::new()
    };
    Ok(EvalResult {
        set: set.name.clone(),
        queries: outcomes.len(),
        recall_at_1: hit_at(&ranks, 1),
        recall_at_10: hit_at(&ranks, 10),
        mrr_at_10: mrr(&ranks),
        doc_recall_at_1: hit_at(&doc_ranks, 1),
        doc_recall_at_10: hit_at(&doc_ranks, 10),
        doc_mrr_at_10: mrr(&doc_ranks),
        committee_acc_at_1: is_committee_set.then(|| committee_accuracy(1, false)),
        committee_acc_at_3: is_committee_set.then(|| committee_accuracy(3, false)),
        committee_tc_acc_at_1: is_committee_set.then(|| committee_accuracy(1, true)),
        committee_tc_acc_at_3: is_committee_set.then(|| committee_accuracy(3, true)),
        median_relevant_score: record_set.then(|| median(relevant_scores)),
        typed_duplicate: record_set.then_some(typed),
        median_score_at_10: record_set.then(|| median(tenth)),
        first_line_duplicate: novel_set.then_some(first_line_duplicate),
        gates,
        median_ms,
        stage_medians,
        outcomes,
    })
}

/// The proposal of a query as a proposer would submit it: an eval query of a committee set is
/// proposed in the organisation of the owning committee ([`proposing_organisation`]).
pub fn query_proposal(query: &EvalQuery) -> Proposal {
    let mut proposal = query.query.clone();
    if proposal.organisation.is_none() && proposal.committee.is_none() {
        proposal.organisation = proposing_organisation(query);
    }
    proposal
}

/// The organisation a committee set's query is proposed in: the one its committee names
/// (`ISO` of `ISO/TC 43/SC 2`), or, for a committee written without it (`IULTCS`, whose
/// leather standards ISO publishes), the publisher of the query's own document, the first of
/// its `exclude` identifiers. None for a query without a relevant committee.
pub fn proposing_organisation(query: &EvalQuery) -> Option<String> {
    let committee = query.relevant_committee.as_deref()?.trim();
    match committee.split_once(['/', ' ']) {
        Some((organisation, _)) => Some(organisation.to_string()),
        None => query
            .exclude
            .iter()
            .find_map(|id| DocId::parse(id))
            .and_then(|id| id.publishers.into_iter().next()),
    }
}

fn evaluate_query(engine: &Engine, query: &EvalQuery) -> Result<QueryOutcome> {
    let proposal = query_proposal(query);
    let (report, millis) = timed(|| engine.check_excluding(&proposal, &query.exclude));
    let report = report?;
    // Record level: a relevant record counts where a reader sees it, on the line of its
    // document (as the entry or among the records folded under it), lines best first.
    let lines = &report.overlaps[..report.overlaps.len().min(10)];
    let rank = lines
        .iter()
        .position(|overlap| {
            std::iter::once(overlap.record.id.as_str())
                .chain(overlap.folded_ids())
                .any(|id| query.relevant.iter().any(|relevant| relevant == id))
        })
        .map(|position| position + 1);
    let top: Vec<String> = lines.iter().map(|overlap| overlap.record.id.clone()).collect();
    let documents = relevant_documents(engine, &query.relevant)?;
    let doc_rank = report
        .overlaps
        .iter()
        .take(10)
        .position(|overlap| documents.contains(&overlap.record.document))
        .map(|position| position + 1);
    let committees = report.committees.iter().take(3).map(|c| c.committee.clone()).collect();
    let relevant_line = rank.map(|rank| &lines[rank - 1]);
    Ok(QueryOutcome {
        qid: query.qid.clone(),
        rank,
        doc_rank,
        committees,
        top,
        relevant_score: relevant_line.map(|line| line.score),
        relevant_kind: relevant_line.map(|line| line.kind),
        tenth_score: lines.get(9).map_or(0.0, |line| line.score),
        top_scores: lines.iter().map(|line| line.score).collect(),
        top_kinds: lines.iter().map(|line| line.kind).collect(),
        millis,
        timings: report.timings,
    })
}

/// The documents of a query's relevant records: each identifier's own document key, and the
/// document the index files each record of that identifier under, which its record can say
/// better than its identifier (a W3C version of a specification since renamed, whose
/// `editionOf` relation names the specification).
pub(crate) fn relevant_documents(engine: &Engine, ids: &[String]) -> Result<Vec<String>> {
    let mut documents: Vec<String> = ids.iter().map(|id| document_of(id)).collect();
    for hit in engine.index().searcher().by_ids(ids)? {
        if !documents.contains(&hit.record.document) {
            documents.push(hit.record.document);
        }
    }
    Ok(documents)
}

#[cfg(test)]
mod tests {
    use super::*;
    use nwip_corpus::Record;

    fn committee_query(committee: &str, exclude: &[&str]) -> EvalQuery {
        serde_json::from_value(serde_json::json!({
            "qid": "route", "query": {"title": "Leather - Determination of extension set"},
            "relevant_committee": committee, "exclude": exclude,
        }))
        .unwrap()
    }

    #[test]
    fn a_committee_query_is_proposed_in_its_committees_organisation() {
        let tc = committee_query("ISO/TC 120/SC 1", &["ISO 2418:2017"]);
        assert_eq!(proposing_organisation(&tc).as_deref(), Some("ISO"));
        assert_eq!(query_proposal(&tc).organisation.as_deref(), Some("ISO"));
        let jtc = committee_query("ISO/IEC JTC 1/SC 27", &[]);
        assert_eq!(proposing_organisation(&jtc).as_deref(), Some("ISO"));
        // A committee written without its organisation: the publisher of the query's document.
        let leather = committee_query("IULTCS", &["ISO 17236:2016", "ISO 17236"]);
        assert_eq!(proposing_organisation(&leather).as_deref(), Some("ISO"));
        assert_eq!(proposing_organisation(&committee_query("IULTCS", &[])), None);
        let revision: EvalQuery =
            serde_json::from_value(serde_json::json!({"qid": "rev", "query": {"title": "x"}}))
                .unwrap();
        assert_eq!(proposing_organisation(&revision), None);
    }

    #[test]
    fn a_relevant_record_counts_for_the_document_the_index_files_it_under() {
        // W3C's 2019 draft of Verifiable Credentials, under a short name the specification no
        // longer has: its identifier alone names a document of its own.
        let lines = [
            r#"{"docidentifier":[{"content":"W3C CR-verifiable-claims-data-model-20190328","type":"W3C","primary":true}],
                "title":[{"language":"en","content":"Verifiable Credentials Data Model 1.0"}],
                "relation":[{"type":"editionOf","bibitem":{"docidentifier":[{"content":"W3C vc-data-model-1.1","type":"W3C","primary":true}]}}]}"#,
            r#"{"docidentifier":[{"content":"W3C REC-vc-data-model-2.0-20250515","type":"W3C","primary":true}],
                "title":[{"language":"en","content":"Verifiable Credentials Data Model v2.0"}]}"#,
        ];
        let records = lines.iter().map(|line| Record::from_relaton_json(line).unwrap()).collect();
        let engine = Engine::from_records(records).unwrap();
        let draft = "W3C CR-verifiable-claims-data-model-20190328".to_string();
        let documents = relevant_documents(&engine, std::slice::from_ref(&draft)).unwrap();
        assert_eq!(documents[0], document_of(&draft));
        assert!(documents.contains(&document_of("W3C REC-vc-data-model-2.0-20250515")));
        assert_ne!(document_of(&draft), document_of("W3C REC-vc-data-model-2.0-20250515"));
        // An identifier the index does not hold keeps its own document alone.
        let unknown = ["ISO 9999:2001".to_string()];
        assert_eq!(relevant_documents(&engine, &unknown).unwrap(), [document_of(&unknown[0])]);
    }

    #[test]
    fn a_gate_stops_the_queries_scoring_at_least_its_score() {
        let stopped: Vec<f64> = gates(&[0.9, 0.5, 0.25, 0.0]).iter().map(|g| g.stopped).collect();
        assert_eq!(stopped, [0.75, 0.5, 0.5, 0.25]);
        assert!(gates(&[]).iter().all(|gate| gate.stopped == 0.0));
    }
}
