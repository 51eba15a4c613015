//! Batch scans of whole work programmes: every item checked against the index, overlaps in other
//! organisations and in published work reported once per pair, then grouped into clusters of
//! same-subject work, with clusters of ongoing work in two or more organisations flagged as
//! possible forum shopping. The whole-corpus near-duplicate self-join lives in [`selfjoin`]
//! ([`Engine::near_duplicates`]), the clustering in [`cluster`].
//!
//! Findings stream to a [`ScanSink`] as they are produced (pairs item by item, clusters at the
//! end), so a caller can write them out as the scan goes and a crash loses nothing already written.
//!
//! ```
//! # fn main() -> nwip::Result<()> {
//! use nwip::scan::{Finding, ScanItem, ScanOptions};
//! let lines = [
//!     r#"{"docid":[{"id":"ISO/DIS 23456","type":"ISO","primary":true}],"docstatus":{"stage":{"value":"40.20"}},
//!         "title":[{"content":"Electric road vehicles - Battery swapping stations - Safety requirements for automated exchange of traction batteries","language":"en"}]}"#,
//!     r#"{"docid":[{"id":"IEC 62840-2:2016","type":"IEC","primary":true}],"docstatus":{"stage":{"value":"PUBLISHED"}},
//!         "title":[{"content":"Electric road vehicles - Battery swapping stations - Safety requirements for automated exchange of traction batteries","language":"en"}]}"#,
//!     r#"{"docid":[{"id":"ISO 3679:2015","type":"ISO","primary":true}],
//!         "title":[{"content":"Determination of flash no-flash and flash point - Rapid equilibrium closed cup method","language":"en"}]}"#,
//! ];
//! let records: Vec<nwip::Record> =
//!     lines.iter().map(|l| nwip::Record::from_relaton_json(l).unwrap()).collect();
//! let engine = nwip::Engine::from_records(records.clone())?;
//! // Scan one record as an item of the work programme (its own record is excluded). A title
//! // alone, in an index without word vectors or sketches, is weaker evidence than the default
//! // .8 asks for.
//! let items = vec![ScanItem::from_record(&records[0])];
//! let mut findings: Vec<Finding> = Vec::new();
//! let mut options = ScanOptions::default();
//! options.min_score = 0.25;
//! let summary = engine.scan(&items, &options, &mut findings)?;
//! assert_eq!(summary.pairs, 1);
//! let Finding::Pair(pair) = &findings[0] else { panic!("a pair first") };
//! assert_eq!(pair.items, ["IEC 62840-2:2016", "ISO/DIS 23456"]);
//! assert_eq!(pair.orgs, ["IEC", "ISO"]);
//! assert!(pair.score >= 0.25);
//! # Ok(())
//! # }
//! ```

pub mod cluster;
pub mod selfjoin;

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::Instant;

use nwip_corpus::docid::family_key;
use nwip_corpus::{Committee, Lifecycle, Proposal, Record};
use nwip_index::Filter;
use nwip_score::{Direction, Overlap, OverlapKind, QuerySelection};
use rayon::prelude::*;
use serde::Serialize;

use crate::engine::Engine;
use crate::error::{Error, Result};
pub use cluster::{ClusterEdge, ClusterEvidence, ClusterFinding, FindingScope, OverlapMatrix};
use cluster::{Graph, Node};
pub use selfjoin::NearDuplicateOptions;

/// One item of a work programme to scan: a proposal, or a record turned into one.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct ScanItem {
    /// How findings name the item: the record's identifier, or `file` / `file:line` for proposals.
    pub id: String,
    /// The text checked against the index.
    pub proposal: Proposal,
    /// Where the item is in its life (a proposal read from a file is [`Lifecycle::Proposal`]).
    pub state: Lifecycle,
    /// Primary identifiers of records never reported against this item (its own record).
    pub exclude: Vec<String>,
    /// Document keys of the item (all editions and spellings): records with one of them are the
    /// same document, never a finding.
    pub keys: Vec<String>,
    /// The item's document (see [`nwip_corpus::identity`]), when it is a record: its other
    /// stages, editions and amendments are never findings.
    pub document: Option<String>,
    /// Organisations that publish the item, joint publishers included (`ISO`, `IEC` for
    /// `ISO/IEC 27001`).
    pub publishers: Vec<String>,
}

impl ScanItem {
    /// Makes an item of a proposal named `id`.
    ///
    /// ```
    /// let proposal = nwip::Proposal::from_text("Battery swapping stations\nSafety requirements.")?;
    /// let item = nwip::scan::ScanItem::from_proposal("drafts/swap.txt", proposal);
    /// assert_eq!(item.state, nwip::corpus::Lifecycle::Proposal);
    /// # Ok::<(), nwip::Error>(())
    /// ```
    pub fn from_proposal(id: impl Into<String>, proposal: Proposal) -> ScanItem {
        let publishers = proposal
            .organisation
            .as_deref()
            .map(|org| split_orgs(org).collect())
            .unwrap_or_default();
        ScanItem {
            id: id.into(),
            proposal,
            state: Lifecycle::Proposal,
            exclude: Vec::new(),
            keys: Vec::new(),
            document: None,
            publishers,
        }
    }

    /// Makes an item of a record: its title, abstract (as the scope), committee, ICS codes,
    /// keywords and organisation; the record itself and other editions of it are excluded.
    pub fn from_record(record: &Record) -> ScanItem {
        let proposal = Proposal {
            title: record.display_title().to_string(),
            scope: record.display_abstract().unwrap_or_default().to_string(),
            committee: record.committee.as_ref().map(|c| c.id.clone()),
            ics: record.ics.clone(),
            organisation: Some(record.org.clone()),
            keywords: record.keywords.clone(),
            ..Proposal::default()
        };
        let node = Node::from_record(record);
        ScanItem {
            id: record.id.clone(),
            proposal,
            state: record.stage.lifecycle,
            exclude: vec![record.id.clone()],
            keys: node.keys,
            document: Some(node.document),
            publishers: node.publishers,
        }
    }

    fn node(&self) -> Node {
        let org = self.proposal.organisation.clone().unwrap_or_default();
        let committee = self.proposal.committee.as_deref().map(|text| {
            Committee::parse(self.publishers.first().map_or("", String::as_str), text).id
        });
        Node {
            id: self.id.clone(),
            document: self.document.clone().unwrap_or_else(|| self.id.clone()),
            family: self.document.as_deref().map(family_key).unwrap_or_else(|| self.id.clone()),
            org,
            publishers: self.publishers.clone(),
            state: self.state,
            committee,
            title: self.proposal.title.clone(),
            keys: self.keys.clone(),
            adopted: None,
        }
    }

    /// Tells whether the item passes `filter` (organisation, state, committee or its parent).
    pub fn passes(&self, filter: &Filter) -> bool {
        self.node().passes(filter)
    }
}

/// Splits a joint organisation (`ISO/IEC`, `IEC/IEEE`) into its members, upper-case.
pub(crate) fn split_orgs(org: &str) -> impl Iterator<Item = String> + '_ {
    org.split(['/', ' ', '|']).filter(|part| !part.is_empty()).map(|part| part.to_ascii_uppercase())
}

/// Settings of [`Engine::scan`].
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct ScanOptions {
    /// Overlaps scoring below this are not findings (default 0.8: held out, nine in ten documents
    /// the model scores from .8 are the document looked for, against one in two or fewer below;
    /// a programme-wide scan lists only what a reader can act on).
    pub min_score: f32,
    /// Same-subject, revision and adoption findings at or above this join clusters (default 0.8;
    /// at least `min_score`, so that clusters do not chain through loose matches).
    pub cluster_score: f32,
    /// Largest cluster: an edge that would make a bigger one is left out (default 50). Edges join
    /// strongest first, so a cap keeps the tightest groups.
    pub max_cluster_size: usize,
    /// Records the text query retrieves per item before re-ranking (default 10; `check` uses 100).
    pub text_candidates: usize,
    /// Overlaps considered per item, best first, before the organisation and score filters
    /// (default 20).
    pub per_item_limit: usize,
    /// Also report overlaps with ongoing work of the item's own organisation (default false: only
    /// other organisations' work and published work).
    pub same_org_ongoing: bool,
    /// Items checked in parallel between two deliveries to the sink (default 64).
    pub batch: usize,
    /// How an item's scope terms are chosen for its text query (default: at most 10, none found in
    /// more than 1% of the records). Scans check thousands of items: on the IEEE programme this
    /// cut the CPU time by 40% and found as many overlaps as check's own selection.
    pub query_selection: QuerySelection,
    /// Words of an item's plain query at most, the rarest (default 20; `check` keeps 40). The
    /// plain query (every word of the item found in at most 5% of the records) is the costliest
    /// of a scan's searches. On the 10,558 projects under development 20 words made the scan
    /// about a twentieth faster; at --min-score .5, 4 of 1,308 pairs were lost and 13 found
    /// (2 of them from .8), none lost from .8.
    pub plain_query_terms: usize,
    /// Characters of an item's scope used in its query, cut at a sentence or word end (default
    /// 200; 0 keeps the whole scope). Record abstracts can run to pages; their opening sentences
    /// say what the document is about, and a shorter query is much cheaper to run.
    pub scope_chars: usize,
}

impl Default for ScanOptions {
    fn default() -> Self {
        ScanOptions {
            min_score: 0.8,
            cluster_score: 0.8,
            max_cluster_size: 50,
            text_candidates: 10,
            per_item_limit: 20,
            same_org_ongoing: false,
            batch: 64,
            query_selection: QuerySelection { max_body_terms: 10, max_body_share: 0.01 },
            plain_query_terms: 20,
            scope_chars: 200,
        }
    }
}

/// A finding of a scan: one pair of overlapping documents, or a cluster of same-subject work.
///
/// Serialised with a `finding` tag (`pair` or `cluster`); both carry `kind`, `score`, `items` and
/// `orgs`.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "finding", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Finding {
    /// Two documents that overlap.
    Pair(PairFinding),
    /// A group of documents on one subject.
    Cluster(ClusterFinding),
}

impl Finding {
    /// Returns the finding's kind.
    pub fn kind(&self) -> OverlapKind {
        match self {
            Finding::Pair(pair) => pair.kind,
            Finding::Cluster(cluster) => cluster.kind,
        }
    }

    /// Returns the finding's score in [0, 1].
    pub fn score(&self) -> f32 {
        match self {
            Finding::Pair(pair) => pair.score,
            Finding::Cluster(cluster) => cluster.score,
        }
    }

    /// Returns the identifiers of the documents involved.
    pub fn items(&self) -> &[String] {
        match self {
            Finding::Pair(pair) => &pair.items,
            Finding::Cluster(cluster) => &cluster.items,
        }
    }
}

/// Which document of a pair is inside the other, for partial overlaps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PairDirection {
    /// The first item's subject is inside the second's broader one.
    FirstWithinSecond,
    /// The second item's subject is inside the first's broader one.
    SecondWithinFirst,
    /// Both share a part and differ in the rest.
    Mutual,
}

/// Two overlapping documents, in canonical order (identifiers sorted), reported once.
#[derive(Debug, Clone, Serialize)]
#[non_exhaustive]
pub struct PairFinding {
    /// The kind of overlap, as `check` types it.
    pub kind: OverlapKind,
    /// The overlap score (the calibrated model's; the sketch similarity in a self-join).
    pub score: f32,
    /// The two identifiers, sorted: the records that stand for the two documents.
    pub items: [String; 2],
    /// The two documents the finding joins (their keys, in the order of `items`).
    pub documents: [String; 2],
    /// Where the two sit: two organisations, two committees of one, or one committee.
    pub scope: FindingScope,
    /// Their organisations.
    pub orgs: [String; 2],
    /// Their lifecycle states.
    pub states: [Lifecycle; 2],
    /// Their committees, where known.
    pub committees: [Option<String>; 2],
    /// Their titles.
    pub titles: [String; 2],
    /// For partial overlaps, which is inside the other.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub direction: Option<PairDirection>,
    /// Why the pair was reported.
    pub evidence: PairEvidence,
}

/// Why a pair was reported.
#[derive(Debug, Clone, Default, Serialize)]
#[non_exhaustive]
pub struct PairEvidence {
    /// Why the pair has its kind.
    pub reason: String,
    /// Shared distinctive words, heaviest first.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub shared_terms: Vec<String>,
    /// Shared phrases.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub shared_phrases: Vec<String>,
    /// The sentence of the record's abstract that matches best.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub snippet: Option<String>,
    /// Estimated share of word pairs in common (self-join).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub similarity: Option<f32>,
}

/// An item that could not be checked (an empty proposal), and why.
#[derive(Debug, Clone, Serialize)]
pub struct ItemFailure {
    /// The item.
    pub item: String,
    /// What went wrong.
    pub message: String,
}

/// The account of a scan.
#[derive(Debug, Clone, Default, Serialize)]
#[non_exhaustive]
pub struct ScanSummary {
    /// Items scanned (documents considered, in a self-join).
    pub items: usize,
    /// Items that could not be checked.
    pub failed: Vec<ItemFailure>,
    /// Pair findings reported.
    pub pairs: usize,
    /// Cluster findings reported.
    pub clusters: usize,
    /// Clusters flagged as possible forum shopping.
    pub forum_shopping: usize,
    /// Candidate pairs compared (self-join only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub candidate_pairs: Option<usize>,
    /// Pair findings between organisations.
    pub org_matrix: OverlapMatrix,
    /// Pair findings between top-level committees (the busiest ones).
    pub committee_matrix: OverlapMatrix,
    /// Wall-clock time of the scan, in seconds.
    pub seconds: f64,
}

/// Receives findings and progress as a scan goes.
///
/// `Vec<Finding>` collects them; the command line writes them out as JSON lines, CSV or HTML.
pub trait ScanSink {
    /// Receives one finding; an error stops the scan.
    fn finding(&mut self, finding: &Finding) -> std::io::Result<()>;

    /// Tells that `done` of `total` units of work are finished.
    fn progress(&mut self, done: usize, total: usize) {
        let _ = (done, total);
    }
}

impl ScanSink for Vec<Finding> {
    fn finding(&mut self, finding: &Finding) -> std::io::Result<()> {
        self.push(finding.clone());
        Ok(())
    }
}

/// Pairs seen, the graph of cluster edges and the matrices: what a scan accumulates between
/// findings.
pub(crate) struct Collector {
    seen: HashSet<(String, String)>,
    pub(crate) graph: Graph,
    pub(crate) summary: ScanSummary,
    cluster_score: f32,
}

impl Collector {
    pub(crate) fn new(cluster_score: f32) -> Collector {
        Collector {
            seen: HashSet::new(),
            graph: Graph::default(),
            summary: ScanSummary::default(),
            cluster_score,
        }
    }

    /// Records a pair between `first` and `second` unless it was reported already; returns the
    /// finding to deliver.
    pub(crate) fn pair(
        &mut self,
        first: Node,
        second: Node,
        mut kind: OverlapKind,
        score: f32,
        direction: Option<Direction>,
        evidence: PairEvidence,
    ) -> Option<PairFinding> {
        // A project's own stages, editions and amendments, and a committee's own parts of one
        // standard, are its history, not duplicate work.
        if first.same_document(&second) || first.same_series(&second) {
            return None;
        }
        if first.adoption_of(&second) {
            kind = OverlapKind::AdoptionOf;
        }
        let swapped = second.id < first.id;
        let (first, second) = if swapped { (second, first) } else { (first, second) };
        let documents = if first.document <= second.document {
            (first.document.clone(), second.document.clone())
        } else {
            (second.document.clone(), first.document.clone())
        };
        if !self.seen.insert(documents) {
            return None;
        }
        let direction = direction.map(|direction| match (direction, swapped) {
            (Direction::Mutual, _) => PairDirection::Mutual,
            (Direction::ProposalWithinRecord, false) | (Direction::RecordWithinProposal, true) => {
                PairDirection::FirstWithinSecond
            }
            _ => PairDirection::SecondWithinFirst,
        });
        let finding = PairFinding {
            kind,
            score,
            items: [first.id.clone(), second.id.clone()],
            documents: [first.document.clone(), second.document.clone()],
            scope: first.scope(&second),
            orgs: [first.org.clone(), second.org.clone()],
            states: [first.state, second.state],
            committees: [first.committee.clone(), second.committee.clone()],
            titles: [first.title.clone(), second.title.clone()],
            direction,
            evidence,
        };
        self.summary.pairs += 1;
        let clusters = kind.is_duplicate();
        self.graph.count(&first, &second);
        if clusters && score >= self.cluster_score {
            let terms = finding.evidence.shared_terms.iter().take(5).cloned().collect();
            self.graph.add_edge(first, second, score, kind, terms);
        }
        Some(finding)
    }

    /// Computes the clusters, delivers them, and returns the summary.
    pub(crate) fn finish(
        mut self,
        max_cluster_size: usize,
        sink: &mut dyn ScanSink,
        started: Instant,
    ) -> Result<ScanSummary> {
        let clusters = self.graph.clusters(max_cluster_size);
        self.summary.clusters = clusters.len();
        self.summary.forum_shopping = clusters.iter().filter(|c| c.forum_shopping).count();
        for cluster in clusters {
            sink.finding(&Finding::Cluster(cluster)).map_err(Error::Sink)?;
        }
        self.summary.org_matrix = self.graph.org_matrix();
        self.summary.committee_matrix = self.graph.committee_matrix(20);
        self.summary.seconds = started.elapsed().as_secs_f64();
        Ok(self.summary)
    }
}

impl Engine {
    /// Scans a work programme: checks every item (in parallel) and reports each overlap scoring
    /// at least [`ScanOptions::min_score`] with work of another organisation or with published
    /// work, once per pair, then the clusters of same-subject work. Findings go to `sink` as they
    /// are produced: pairs batch by batch, clusters at the end.
    ///
    /// An item that cannot be checked (no text) is counted in [`ScanSummary::failed`] and the scan
    /// goes on; an index failure or a sink error stops it. See the [module](crate::scan) example.
    pub fn scan(
        &self,
        items: &[ScanItem],
        options: &ScanOptions,
        sink: &mut dyn ScanSink,
    ) -> Result<ScanSummary> {
        let started = Instant::now();
        let engine = self.for_scan(options);
        let mut collector = Collector::new(options.cluster_score);
        collector.summary.items = items.len();
        sink.progress(0, items.len());
        let mut done = 0;
        for batch in items.chunks(options.batch.max(1)) {
            let results: Vec<Result<Vec<Overlap>>> = batch
                .par_iter()
                .map(|item| {
                    let proposal = shortened(&item.proposal, options.scope_chars);
                    engine.check_excluding(&proposal, &item.exclude).map(|r| r.overlaps)
                })
                .collect();
            for (item, result) in batch.iter().zip(results) {
                let overlaps = match result {
                    Ok(overlaps) => overlaps,
                    Err(error) if error.is_user_error() => {
                        let message = error.to_string();
                        collector
                            .summary
                            .failed
                            .push(ItemFailure { item: item.id.clone(), message });
                        continue;
                    }
                    Err(error) => return Err(error),
                };
                let node = item.node();
                for overlap in overlaps {
                    if overlap.score < options.min_score {
                        continue;
                    }
                    let record = Node::from_record(&overlap.record);
                    let other_org = !node.shares_org(&record);
                    let published = record.state == Lifecycle::Published;
                    if !(other_org || published || options.same_org_ongoing) {
                        continue;
                    }
                    let evidence = PairEvidence {
                        reason: overlap.evidence.reason.clone(),
                        shared_terms: overlap
                            .evidence
                            .shared_words()
                            .into_iter()
                            .take(8)
                            .map(str::to_string)
                            .collect(),
                        shared_phrases: overlap
                            .evidence
                            .shared_phrases
                            .iter()
                            .take(4)
                            .cloned()
                            .collect(),
                        snippet: overlap.evidence.snippet.clone(),
                        similarity: None,
                    };
                    let finding = collector.pair(
                        node.clone(),
                        record,
                        overlap.kind,
                        overlap.score,
                        overlap.direction,
                        evidence,
                    );
                    if let Some(finding) = finding {
                        sink.finding(&Finding::Pair(finding)).map_err(Error::Sink)?;
                    }
                }
            }
            done += batch.len();
            sink.progress(done, items.len());
        }
        collector.finish(options.max_cluster_size, sink, started)
    }

    /// Returns every record of the index that passes `filter` as a scan item (every record under
    /// development, one committee's programme, one organisation's...).
    ///
    /// A document is one item, however many of its records pass (the stages of one project, the
    /// drafts of one IEEE project): the newest of them stands for it.
    pub fn select_items(&self, filter: &Filter) -> Result<Vec<ScanItem>> {
        let hits = self.index().searcher().select(filter)?;
        let mut newest: std::collections::HashMap<&str, &Record> = std::collections::HashMap::new();
        let mut order: Vec<&str> = Vec::new();
        for hit in &hits {
            let record = &hit.record;
            let document = record.document_or_id();
            match newest.get(document) {
                Some(held) if !is_newer(record, held) => {}
                Some(_) => {
                    newest.insert(document, record);
                }
                None => {
                    order.push(document);
                    newest.insert(document, record);
                }
            }
        }
        Ok(order.into_iter().map(|document| ScanItem::from_record(newest[document])).collect())
    }
}

/// Tells whether `record` is a later stage or version of its document than `than`: a later date,
/// else (undated catalogues) a later identifier (`D10.0` after `D9.0`, `DIS` after `CD`).
fn is_newer(record: &Record, than: &Record) -> bool {
    match (&record.date, &than.date) {
        (Some(a), Some(b)) if a != b => a > b,
        _ => natural_order(&record.id, &than.id) == std::cmp::Ordering::Greater,
    }
}

/// Compares identifiers with their numbers read as numbers (`D10.0` after `D9.0`).
fn natural_order(a: &str, b: &str) -> std::cmp::Ordering {
    let parts = |s: &str| -> Vec<(String, u64)> {
        let mut parts = Vec::new();
        let mut text = String::new();
        let mut number: Option<u64> = None;
        for c in s.chars() {
            match (c.to_digit(10), number) {
                (Some(d), Some(n)) => number = Some(n.saturating_mul(10).saturating_add(d.into())),
                (Some(d), None) => number = Some(d.into()),
                (None, Some(n)) => {
                    parts.push((std::mem::take(&mut text), n));
                    number = None;
                    text.push(c);
                }
                (None, None) => text.push(c),
            }
        }
        parts.push((text, number.unwrap_or(0)));
        parts
    };
    parts(a).cmp(&parts(b))
}

/// Returns the proposal with its scope cut to about `limit` characters (at the last sentence end,
/// else word end, before the limit); `limit` 0 keeps it whole.
fn shortened(proposal: &Proposal, limit: usize) -> std::borrow::Cow<'_, Proposal> {
    if limit == 0 || proposal.scope.len() <= limit {
        return std::borrow::Cow::Borrowed(proposal);
    }
    let mut end = limit;
    while !proposal.scope.is_char_boundary(end) {
        end -= 1;
    }
    let head = &proposal.scope[..end];
    let cut = head
        .rfind(['.', ';'])
        .filter(|&i| i > limit / 3)
        .map(|i| i + 1)
        .or_else(|| head.rfind(char::is_whitespace))
        .unwrap_or(end);
    let mut short = proposal.clone();
    short.scope.truncate(cut);
    std::borrow::Cow::Owned(short)
}

/// Reads scan items from files: record files (Relaton JSON lines, JSON, YAML, as the importer
/// reads them) become one item per record; proposal files (Markdown, text, JSON) one item each;
/// JSON lines of proposals one item per line.
///
/// # Errors
/// [`Error::ScanInput`] naming the file when a file cannot be read or holds neither records nor
/// proposals.
pub fn read_items(paths: &[PathBuf]) -> Result<Vec<ScanItem>> {
    let mut items = Vec::new();
    for path in paths {
        items.extend(read_items_of(path)?);
    }
    Ok(items)
}

fn read_items_of(path: &Path) -> Result<Vec<ScanItem>> {
    let input_error = |message: String| Error::ScanInput { path: path.to_path_buf(), message };
    let metadata = std::fs::metadata(path).map_err(|error| input_error(error.to_string()))?;
    if metadata.is_dir() {
        let import = nwip_corpus::read_dir(path)?;
        return Ok(import.records.iter().map(ScanItem::from_record).collect());
    }
    let display = path.display().to_string();
    if !nwip_corpus::is_record_file(path) {
        let proposal = Proposal::read_path(path)?;
        return Ok(vec![ScanItem::from_proposal(display, proposal)]);
    }
    let import = nwip_corpus::read_file(path)?;
    if !import.records.is_empty() {
        return Ok(import.records.iter().map(ScanItem::from_record).collect());
    }
    // Not records: a proposal in JSON, or JSON lines of proposals.
    let bytes = std::fs::read(path).map_err(|error| input_error(error.to_string()))?;
    let text = String::from_utf8_lossy(&bytes);
    if let Ok(proposal) = Proposal::from_json(&text) {
        return Ok(vec![ScanItem::from_proposal(display, proposal)]);
    }
    let mut items = Vec::new();
    for (index, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let proposal = Proposal::from_json(line).map_err(|error| {
            input_error(format!("line {}: neither a record nor a proposal: {error}", index + 1))
        })?;
        items.push(ScanItem::from_proposal(format!("{display}:{}", index + 1), proposal));
    }
    if items.is_empty() {
        return Err(input_error("holds no records or proposals".into()));
    }
    Ok(items)
}

#[cfg(test)]
mod tests {
    use super::*;
    use nwip_corpus::docid::document_key;

    fn record(line: &str) -> Record {
        Record::from_relaton_json(line).unwrap()
    }

    #[test]
    fn item_of_a_record_excludes_itself_and_keeps_its_publishers() {
        let r = record(
            r#"{"docid":[{"id":"ISO/IEC DIS 27001","type":"ISO","primary":true}],"docstatus":{"stage":{"value":"40"}},
               "title":[{"content":"Information security management systems","language":"en"}]}"#,
        );
        let item = ScanItem::from_record(&r);
        assert_eq!(item.exclude, ["ISO/IEC DIS 27001"]);
        assert_eq!(item.state, Lifecycle::UnderDevelopment);
        assert!(item.publishers.contains(&"IEC".to_string()));
        assert!(item.keys.contains(&document_key("ISO/IEC 27001")));
    }

    #[test]
    fn pairs_are_reported_once_in_canonical_order() {
        let a = Node::for_test("ISO/DIS 1", "ISO", Lifecycle::UnderDevelopment);
        let b = Node::for_test("IEEE P2", "IEEE", Lifecycle::UnderDevelopment);
        let mut collector = Collector::new(0.7);
        let first = collector
            .pair(
                a.clone(),
                b.clone(),
                OverlapKind::Partial,
                0.6,
                Some(Direction::ProposalWithinRecord),
                PairEvidence::default(),
            )
            .unwrap();
        assert_eq!(first.items, ["IEEE P2", "ISO/DIS 1"]);
        assert_eq!(first.direction, Some(PairDirection::SecondWithinFirst));
        assert!(collector
            .pair(b, a, OverlapKind::Partial, 0.6, None, PairEvidence::default())
            .is_none());
        assert_eq!(collector.summary.pairs, 1);
    }

    #[test]
    fn long_scopes_are_cut_at_a_sentence_end() {
        let proposal = Proposal {
            title: "t".into(),
            scope: "First sentence here. Second sentence is longer than the rest".into(),
            ..Proposal::default()
        };
        assert_eq!(shortened(&proposal, 40).scope, "First sentence here.");
        assert_eq!(shortened(&proposal, 0).scope, proposal.scope);
        assert_eq!(shortened(&proposal, 10).scope, "First");
    }

    #[test]
    fn split_orgs_splits_joint_publishers() {
        assert_eq!(split_orgs("ISO/IEC").collect::<Vec<_>>(), ["ISO", "IEC"]);
        assert_eq!(split_orgs("ieee").collect::<Vec<_>>(), ["IEEE"]);
    }
}
