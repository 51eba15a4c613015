//! A tantivy collector of the best documents, not the best records: the `limit` documents whose
//! best record scores highest, each with that record.
//!
//! A catalogue lists one document many times (every stage, draft, edition and amendment), so the
//! forty stage records of one multi-part family would fill every place of a plain top-k and push
//! a better match out. This collector keeps one entry per document (the string fast field
//! `document`): once `limit` documents are held, a record scoring below the weakest of them
//! cannot change the result and is passed over before its document is looked up. Records in
//! `excluded` (a proposal's own records, in evaluations and scans) are passed over without ending
//! their document's chances.
//!
//! A filter that most records pass (no title in a language) is read beside the union rather than
//! intersected with it: see [`TopDocuments::requiring`].
//!
//! It scores every matching record rather than pruning with block-WAND (what tantivy's
//! `for_each_pruning` runs for a union of term queries, and its own top-k uses): nwip's queries
//! are unions of 40 to 90 weighted term clauses, and for those block-WAND's pivoting costs more
//! than it skips. Its text queries are [`crate::term_union::TermUnionQuery`]s, whose
//! `for_each_pruning` scores every record and passes on only those above the threshold; a
//! filtered query's intersection is walked record by record. On the full
//! corpus (345,343 records, one segment) the exhaustive union made the checks of the evaluation
//! sets a third faster with the same results (`nwip eval` medians, two at a time: paraphrase
//! 29.7-30.9 -> 19.6-22.1 ms, revisions 30.8-33.7 -> 21.3-22.1 ms; `--ranking bm25`, every word
//! of a proposal: revisions 26.9 -> 9.5 ms) and the scan of the projects under development
//! 51.0 -> 39.3 s. Nor does block-WAND win as posting lists grow: on a corpus ten times the
//! size (3.45 million records, `scripts/derive-corpus.py`), one client's checks took three times
//! as long with it (median 45-82 -> 129-243 ms).

use std::collections::BTreeSet;
use std::sync::Arc;

use rustc_hash::{FxHashMap, FxHashSet};
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::StrColumn;
use tantivy::postings::SegmentPostings;
use tantivy::query::Weight;
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, DocId, DocSet, Score, SegmentOrdinal, SegmentReader, Term};

use crate::columns::Columns;

/// Collects the `limit` best documents of a query, each with its best-scoring record.
pub(crate) struct TopDocuments {
    /// The string fast field holding each record's document key.
    field: String,
    limit: usize,
    excluded: FxHashSet<DocAddress>,
    /// Terms every collected record must hold.
    required: Vec<Term>,
    /// Where the `field` column of each segment is opened, once.
    columns: Arc<Columns>,
}

impl TopDocuments {
    pub(crate) fn new(
        field: &str,
        limit: usize,
        excluded: FxHashSet<DocAddress>,
        columns: Arc<Columns>,
    ) -> TopDocuments {
        TopDocuments {
            field: field.to_string(),
            limit: limit.max(1),
            excluded,
            required: Vec::new(),
            columns,
        }
    }

    /// Collects only the records that hold every one of `terms` (indexed terms, no score of
    /// their own).
    ///
    /// The same as a query that must match the terms, without its cost: a filter that most
    /// records pass (no French title: nine records in ten), intersected with a union of term
    /// scorers, leads the intersection and seeks the union at each of its records. Here the
    /// union runs as it would alone and the records above the threshold are looked up in the
    /// terms' postings, in the order the union yields them.
    pub(crate) fn requiring(mut self, terms: Vec<Term>) -> TopDocuments {
        self.required = terms;
        self
    }
}

/// Tells whether `postings` (a cursor at or before `doc`, moved only forward) holds `doc`.
fn holds(postings: &mut SegmentPostings, doc: DocId) -> bool {
    if postings.doc() < doc {
        postings.seek(doc);
    }
    postings.doc() == doc
}

/// A score with a total order, for the ordered set of document scores.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Ordered(Score);

impl Eq for Ordered {}

impl PartialOrd for Ordered {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Ordered {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.0.total_cmp(&other.0)
    }
}

/// The best documents of one segment, by document ordinal in the segment's dictionary.
struct Best {
    limit: usize,
    /// Document ordinal -> its best record and score, for the documents currently held.
    by_document: FxHashMap<u64, (Score, DocId)>,
    /// (score, document ordinal) of the documents held, weakest first.
    ranked: BTreeSet<(Ordered, u64)>,
}

impl Best {
    fn new(limit: usize) -> Best {
        Best { limit, by_document: FxHashMap::default(), ranked: BTreeSet::new() }
    }

    /// Offers a record; returns the score a record must now exceed to matter.
    fn offer(&mut self, document: u64, doc: DocId, score: Score) -> Score {
        match self.by_document.get(&document).copied() {
            Some((held, _)) if held >= score => {}
            Some((held, _)) => {
                self.ranked.remove(&(Ordered(held), document));
                self.ranked.insert((Ordered(score), document));
                self.by_document.insert(document, (score, doc));
            }
            None => {
                self.ranked.insert((Ordered(score), document));
                self.by_document.insert(document, (score, doc));
                if self.ranked.len() > self.limit {
                    if let Some((_, weakest)) = self.ranked.pop_first() {
                        self.by_document.remove(&weakest);
                    }
                }
            }
        }
        self.threshold()
    }

    fn threshold(&self) -> Score {
        if self.ranked.len() < self.limit {
            return Score::MIN;
        }
        self.ranked.first().map_or(Score::MIN, |(score, _)| score.0)
    }
}

/// One segment's result: its document-key column and, for each document held, (document ordinal,
/// score, record address). Keys are read from the column only to merge segments.
pub(crate) struct SegmentFruit {
    keys: StrColumn,
    documents: Vec<(u64, Score, DocAddress)>,
}

impl Collector for TopDocuments {
    type Fruit = Vec<(Score, DocAddress)>;
    type Child = TopDocumentsSegment;

    fn for_segment(
        &self,
        _segment_ord: SegmentOrdinal,
        _reader: &SegmentReader,
    ) -> tantivy::Result<TopDocumentsSegment> {
        // Segments are collected by `collect_segment` below, which prunes.
        Err(tantivy::TantivyError::InternalError("TopDocuments collects whole segments".into()))
    }

    fn requires_scoring(&self) -> bool {
        true
    }

    fn merge_fruits(&self, segment_fruits: Vec<SegmentFruit>) -> tantivy::Result<Self::Fruit> {
        let mut documents: Vec<(Score, DocAddress)> = if segment_fruits.len() == 1 {
            // Within a segment a document ordinal is its key: nothing to decode.
            segment_fruits
                .into_iter()
                .flat_map(|fruit| fruit.documents)
                .map(|(_, score, address)| (score, address))
                .collect()
        } else {
            // A document's records may sit in several segments: merged by key.
            let mut best: FxHashMap<String, (Score, DocAddress)> = FxHashMap::default();
            let mut key = String::new();
            for fruit in segment_fruits {
                for (document, score, address) in fruit.documents {
                    key.clear();
                    fruit.keys.ord_to_str(document, &mut key)?;
                    let entry = best.entry(key.clone()).or_insert((score, address));
                    if score > entry.0 {
                        *entry = (score, address);
                    }
                }
            }
            best.into_values().collect()
        };
        documents.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        documents.truncate(self.limit);
        Ok(documents)
    }

    fn collect_segment(
        &self,
        weight: &dyn Weight,
        segment_ord: u32,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentFruit> {
        let keys = self.columns.text(reader, &self.field)?.ok_or_else(|| {
            tantivy::TantivyError::SchemaError(format!("{} is not a string fast field", self.field))
        })?;
        let mut required = Vec::with_capacity(self.required.len());
        for term in &self.required {
            let postings = reader
                .inverted_index(term.field())?
                .read_postings(term, IndexRecordOption::Basic)?;
            match postings {
                Some(postings) => required.push(postings),
                // No record of this segment holds the term.
                None => return Ok(SegmentFruit { keys, documents: Vec::new() }),
            }
        }
        let ordinals = keys.ords();
        let alive = reader.alive_bitset();
        let mut best = Best::new(self.limit);
        let mut threshold = Score::MIN;
        // Every matching record is scored and only those above the weakest held document are
        // offered (the text queries' union compares each sum with the threshold itself, and a
        // filtered query's intersection is walked as a whole).
        weight.for_each_pruning(Score::MIN, reader, &mut |doc, score| {
            if score <= threshold {
                return threshold;
            }
            if !required.iter_mut().all(|postings| holds(postings, doc)) {
                return threshold;
            }
            let dead = alive.is_some_and(|alive| alive.is_deleted(doc));
            if dead || self.excluded.contains(&DocAddress::new(segment_ord, doc)) {
                return threshold;
            }
            let Some(document) = ordinals.first(doc) else { return threshold };
            threshold = best.offer(document, doc, score);
            threshold
        })?;
        let documents = best
            .by_document
            .into_iter()
            .map(|(document, (score, doc))| (document, score, DocAddress::new(segment_ord, doc)))
            .collect();
        Ok(SegmentFruit { keys, documents })
    }
}

/// Never built: [`TopDocuments`] collects whole segments itself.
pub(crate) enum TopDocumentsSegment {}

impl SegmentCollector for TopDocumentsSegment {
    type Fruit = SegmentFruit;

    fn collect(&mut self, _doc: DocId, _score: Score) {
        match *self {}
    }

    fn harvest(self) -> Self::Fruit {
        match self {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_best_record_of_each_of_the_best_documents() {
        let mut best = Best::new(2);
        assert_eq!(best.offer(1, 10, 5.0), Score::MIN);
        assert_eq!(best.offer(1, 11, 7.0), Score::MIN, "one document held, room for another");
        assert_eq!(best.offer(2, 20, 3.0), 3.0);
        assert_eq!(best.offer(3, 30, 4.0), 4.0, "document 2 leaves, document 3 is the weakest");
        assert_eq!(
            best.offer(1, 12, 6.0),
            4.0,
            "a weaker record of a held document changes nothing"
        );
        let mut held: Vec<_> = best.by_document.into_iter().collect();
        held.sort_by_key(|(document, _)| *document);
        assert_eq!(held, vec![(1, (7.0, 11)), (3, (4.0, 30))]);
    }
}
