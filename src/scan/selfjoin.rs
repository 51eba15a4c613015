//! The near-duplicate self-join of the whole index: every pair of documents whose texts are "only
//! slightly different from each other in content", found without comparing all pairs.
//!
//! Every record's MinHash sketch (read from the index's sketch file, not recomputed) is cut into
//! LSH bands; records that share a band hash are candidates. Candidates are generated inside each
//! bucket (a huge bucket, such as a boilerplate abstract shared by hundreds of records, is compared
//! only within a sliding window, so the work stays linear), deduplicated, and verified with the
//! full sketch similarity. Pairs at or above the threshold are typed (adoption or common text when
//! one document adopts the other, same subject otherwise; editions of one document are skipped)
//! and clustered like a scan's findings.

use std::collections::HashMap;
use std::time::Instant;

use nwip_index::Filter;
use nwip_score::OverlapKind;
use rayon::prelude::*;

use super::cluster::Node;
use super::{Collector, Finding, PairEvidence, ScanSink, ScanSummary};
use crate::engine::Engine;
use crate::error::{Error, Result};

/// Settings of [`Engine::near_duplicates`].
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct NearDuplicateOptions {
    /// Smallest estimated share of word pairs in common (default 0.8).
    pub threshold: f32,
    /// Only pairs with at least one document passing the filter (default: every record).
    pub filter: Filter,
    /// Buckets larger than this are compared within a sliding window of this width (default 100).
    pub bucket_cap: usize,
    /// Largest cluster (default 50); see [`super::ScanOptions::max_cluster_size`].
    pub max_cluster_size: usize,
}

impl Default for NearDuplicateOptions {
    fn default() -> Self {
        NearDuplicateOptions {
            threshold: 0.8,
            filter: Filter::default(),
            bucket_cap: 100,
            max_cluster_size: 50,
        }
    }
}

impl NearDuplicateOptions {
    /// Sets the similarity threshold.
    pub fn threshold(mut self, threshold: f32) -> NearDuplicateOptions {
        self.threshold = threshold.clamp(0.0, 1.0);
        self
    }

    /// Sets the filter.
    pub fn filter(mut self, filter: Filter) -> NearDuplicateOptions {
        self.filter = filter;
        self
    }
}

/// Returns the candidate pairs `(low << 32) | high` of ordinals that share a band, deduplicated.
fn candidate_pairs(entries: &mut [(u64, u32)], bucket_cap: usize) -> Vec<u64> {
    entries.par_sort_unstable();
    let buckets: Vec<&[(u64, u32)]> =
        entries.chunk_by(|a, b| a.0 == b.0).filter(|bucket| bucket.len() > 1).collect();
    let window = bucket_cap.max(2);
    let mut pairs: Vec<u64> = buckets
        .par_iter()
        .flat_map_iter(|bucket| {
            let reach = if bucket.len() <= window { bucket.len() } else { window };
            (0..bucket.len()).flat_map(move |i| {
                let end = (i + reach).min(bucket.len());
                (i + 1..end).map(move |j| {
                    let (a, b) = (bucket[i].1, bucket[j].1);
                    let (low, high) = if a < b { (a, b) } else { (b, a) };
                    (u64::from(low) << 32) | u64::from(high)
                })
            })
        })
        .collect();
    pairs.par_sort_unstable();
    pairs.dedup();
    pairs
}

impl Engine {
    /// Finds every pair of records whose sketches agree on at least
    /// [`NearDuplicateOptions::threshold`] of their slots, blocked by LSH bands (not all pairs),
    /// reports them as pair findings (score = similarity) and then their clusters.
    ///
    /// ```
    /// # fn main() -> nwip::Result<()> {
    /// use nwip::scan::{Finding, NearDuplicateOptions};
    /// let record = |id: &str, org: &str| {
    ///     let line = format!(r#"{{"docid":[{{"id":"{id}","type":"{org}","primary":true}}],
    ///         "title":[{{"content":"Intelligent transport systems - Cooperative awareness basic service for vehicle to vehicle communication","language":"en"}}]}}"#);
    ///     nwip::Record::from_relaton_json(&line).unwrap()
    /// };
    /// let engine = nwip::Engine::from_records(vec![record("ETSI EN 302 637-2", "ETSI"), record("ISO 12345:2020", "ISO")])?;
    /// let mut findings: Vec<Finding> = Vec::new();
    /// let summary = engine.near_duplicates(&NearDuplicateOptions::default(), &mut findings)?;
    /// assert_eq!((summary.pairs, summary.clusters), (1, 1));
    /// assert_eq!(findings[0].items(), ["ETSI EN 302 637-2", "ISO 12345:2020"]);
    /// assert_eq!(findings[0].score(), 1.0);
    /// # Ok(())
    /// # }
    /// ```
    pub fn near_duplicates(
        &self,
        options: &NearDuplicateOptions,
        sink: &mut dyn ScanSink,
    ) -> Result<ScanSummary> {
        let started = Instant::now();
        let sketches = self.index().sketches()?;
        let mut entries: Vec<(u64, u32)> = sketches
            .iter()
            .flat_map(|(ordinal, sketch)| sketch.bands().map(|band| (band, ordinal as u32)))
            .collect();
        let sketched = entries.len() / nwip_text::SKETCH_BANDS;
        let candidates = candidate_pairs(&mut entries, options.bucket_cap);
        drop(entries);

        let total = candidates.len() + 1;
        sink.progress(0, total);
        let mut verified: Vec<(u32, u32, f32)> = Vec::new();
        let mut done = 0;
        for chunk in candidates.chunks(1 << 18) {
            verified.par_extend(chunk.par_iter().filter_map(|&pair| {
                let (a, b) = ((pair >> 32) as u32, pair as u32);
                let similarity = sketches.get(a.into())?.similarity(sketches.get(b.into())?);
                (similarity >= options.threshold).then_some((a, b, similarity))
            }));
            done += chunk.len();
            sink.progress(done, total);
        }

        let mut ordinals: Vec<u32> = verified.iter().flat_map(|&(a, b, _)| [a, b]).collect();
        ordinals.par_sort_unstable();
        ordinals.dedup();
        let searcher = self.index().searcher();
        let chunk_size = ordinals.len().div_ceil(4 * rayon::current_num_threads()).max(1);
        let nodes: HashMap<u32, Node> = ordinals
            .par_chunks(chunk_size)
            .map(|chunk| {
                let wanted: Vec<u64> = chunk.iter().map(|&o| u64::from(o)).collect();
                let hits = searcher.by_ordinals(&wanted)?;
                Ok(hits
                    .into_iter()
                    .map(|hit| (hit.ordinal as u32, Node::from_record(&hit.record)))
                    .collect::<Vec<_>>())
            })
            .collect::<Result<Vec<_>>>()?
            .into_iter()
            .flatten()
            .collect();

        verified.sort_by(|x, y| y.2.total_cmp(&x.2).then((x.0, x.1).cmp(&(y.0, y.1))));
        let mut collector = Collector::new(options.threshold);
        collector.summary.items = sketched;
        collector.summary.candidate_pairs = Some(candidates.len());
        for (a, b, similarity) in verified {
            let (Some(first), Some(second)) = (nodes.get(&a), nodes.get(&b)) else { continue };
            let filter = &options.filter;
            if !filter.is_empty() && !first.passes(filter) && !second.passes(filter) {
                continue;
            }
            let evidence = PairEvidence {
                reason: format!(
                    "near-duplicate text ({:.0}% of word pairs shared)",
                    similarity * 100.0
                ),
                similarity: Some(similarity),
                ..PairEvidence::default()
            };
            let finding = collector.pair(
                first.clone(),
                second.clone(),
                OverlapKind::SameSubject,
                similarity,
                None,
                evidence,
            );
            if let Some(finding) = finding {
                sink.finding(&Finding::Pair(finding)).map_err(Error::Sink)?;
            }
        }
        sink.progress(total, total);
        collector.finish(options.max_cluster_size, sink, started)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn candidates_come_from_shared_buckets_only_once() {
        let mut entries = vec![(7, 3), (7, 1), (9, 1), (9, 3), (5, 2), (7, 4)];
        let pairs = candidate_pairs(&mut entries, 100);
        let decoded: Vec<(u64, u64)> = pairs.iter().map(|p| (p >> 32, p & 0xffff_ffff)).collect();
        assert_eq!(decoded, [(1, 3), (1, 4), (3, 4)]);
    }

    #[test]
    fn huge_buckets_are_compared_within_a_window() {
        let mut entries: Vec<(u64, u32)> = (0..1000).map(|i| (42, i)).collect();
        let pairs = candidate_pairs(&mut entries, 10);
        assert!(pairs.len() < 10 * 1000);
        assert!(pairs.len() >= 9 * 990);
    }
}
