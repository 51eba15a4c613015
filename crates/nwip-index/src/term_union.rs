//! A union of weighted term clauses, read a block of postings at a time, that passes on only the
//! records above its collector's threshold.
//!
//! nwip's text queries are unions of 20 to 120 weighted term clauses (each term in a title and an
//! abstract field), scored exhaustively: block-WAND's pivoting cost more than it skipped on them
//! (see [`crate::collector`]). tantivy's exhaustive union moves each clause's cursor one record at
//! a time and calls its collector with every record it finds (a hundred thousand for some
//! queries), most of them far below the records kept. Here each clause's decoded block of 128
//! records and term frequencies is read as arrays into a window of 4,096 sums, as tantivy's
//! buffered union sums them, and a record goes to the collector only when its sum is above the
//! threshold the collector last returned ([`Weight::for_each_pruning`]).
//!
//! Scores are exactly the union's: each clause is weighed as a [`tantivy::query::TermQuery`]
//! weighs its term (BM25 from the searcher's statistics, times the clause's boost), and a
//! record's score is summed in the clauses' order, so that scores and ties are bit for bit those
//! of the [`tantivy::query::BooleanQuery`] of the same clauses read without pruning.
//!
//! Measured and not kept: MaxScore (Turtle and Flood), which reads only the clauses whose
//! bounds together exceed the threshold and looks the others up at the records found. Its
//! bounds (a term's BM25 weight, with an unbounded term frequency) are about twice the scores
//! the clauses give, so that most records found had to be looked up in the weaker clauses, and
//! the text query took longer (`RAYON_NUM_THREADS=1 nwip eval` of 400 revision queries,
//! `--timings` median: 2.9 -> 4.1 ms) although it read 40 to 70 % of the postings.

use tantivy::fieldnorm::FieldNormReader;
use tantivy::postings::BlockSegmentPostings;
use tantivy::query::{Bm25Weight, EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocId, DocSet, Score, SegmentReader, TantivyError, Term, TERMINATED};

/// Records a window covers: every clause is read one window at a time.
const WINDOW: u32 = 4096;

/// A union of weighted term clauses, each scored by BM25 times its boost, summed.
#[derive(Clone, Debug)]
pub(crate) struct TermUnionQuery {
    /// Each clause's term and boost, in the order scores are summed.
    clauses: Vec<(Term, Score)>,
}

impl TermUnionQuery {
    /// A union of `clauses`: each term, with its boost.
    pub(crate) fn new(clauses: Vec<(Term, Score)>) -> TermUnionQuery {
        TermUnionQuery { clauses }
    }
}

impl Query for TermUnionQuery {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let EnableScoring::Enabled { statistics_provider, .. } = enable_scoring else {
            return Err(TantivyError::InvalidArgument("a term union is for scoring".into()));
        };
        let records = statistics_provider.total_num_docs()?;
        let mut clauses = Vec::with_capacity(self.clauses.len());
        for (term, boost) in &self.clauses {
            // As a term query weighs its term, without the explanation it would allocate.
            let tokens = statistics_provider.total_num_tokens(term.field())?;
            let average_fieldnorm = tokens as Score / records as Score;
            let frequency = statistics_provider.doc_freq(term)?;
            let weight =
                Bm25Weight::for_one_term_without_explain(frequency, records, average_fieldnorm);
            clauses.push((term.clone(), weight.boost_by(*boost)));
        }
        Ok(Box::new(TermUnionWeight { clauses }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        for (term, _) in &self.clauses {
            visitor(term, false);
        }
    }
}

struct TermUnionWeight {
    /// Each clause's term and boosted weight, in the order scores are summed.
    clauses: Vec<(Term, Bm25Weight)>,
}

impl TermUnionWeight {
    /// The clauses' cursors in `reader`, in order, leaving out the terms it lacks.
    fn cursors(&self, reader: &SegmentReader) -> tantivy::Result<Vec<Cursor>> {
        let mut cursors = Vec::with_capacity(self.clauses.len());
        for (position, (term, weight)) in self.clauses.iter().enumerate() {
            let field = term.field();
            let inverted_index = reader.inverted_index(field)?;
            let Some(block) =
                inverted_index.read_block_postings(term, IndexRecordOption::WithFreqs)?
            else {
                continue;
            };
            let fieldnorms = match reader.fieldnorms_readers().get_field(field)? {
                Some(fieldnorms) => fieldnorms,
                None => FieldNormReader::constant(reader.max_doc(), 1),
            };
            let cursor = Cursor { block, at: 0, fieldnorms, weight: weight.clone(), position };
            if cursor.doc() != TERMINATED {
                cursors.push(cursor);
            }
        }
        Ok(cursors)
    }
}

impl Weight for TermUnionWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let mut cursors = self.cursors(reader)?;
        if boost != 1.0 {
            for cursor in &mut cursors {
                cursor.weight = cursor.weight.boost_by(boost);
            }
        }
        Ok(Box::new(UnionScorer::new(cursors)))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut scorer = UnionScorer::new(self.cursors(reader)?);
        if scorer.doc() > doc || scorer.seek(doc) != doc {
            return Err(TantivyError::InvalidArgument(format!("document #{doc} does not match")));
        }
        let mut explanation = Explanation::new("sum of", scorer.score());
        for cursor in scorer.cursors.iter().filter(|cursor| cursor.doc() == doc) {
            let (term, weight) = &self.clauses[cursor.position];
            let mut detail = weight.explain(cursor.fieldnorm_id(), cursor.term_freq());
            detail.add_context(format!("Term={term:?}"));
            explanation.add_detail(detail);
        }
        Ok(explanation)
    }

    fn for_each(
        &self,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(DocId, Score),
    ) -> tantivy::Result<()> {
        walk(self.cursors(reader)?, Score::MIN, |doc, score| {
            callback(doc, score);
            Score::MIN
        });
        Ok(())
    }

    fn for_each_pruning(
        &self,
        threshold: Score,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(DocId, Score) -> Score,
    ) -> tantivy::Result<()> {
        walk(self.cursors(reader)?, threshold, callback);
        Ok(())
    }
}

/// One clause in a segment: its postings, a decoded block at a time, scored by BM25 as a term
/// query scores them.
struct Cursor {
    block: BlockSegmentPostings,
    /// The current record's place in the decoded block.
    at: usize,
    fieldnorms: FieldNormReader,
    weight: Bm25Weight,
    /// The clause's place in the query.
    position: usize,
}

impl Cursor {
    #[inline]
    fn doc(&self) -> DocId {
        self.block.docs().get(self.at).copied().unwrap_or(TERMINATED)
    }

    #[inline]
    fn term_freq(&self) -> u32 {
        self.block.freqs()[self.at]
    }

    #[inline]
    fn fieldnorm_id(&self) -> u8 {
        self.fieldnorms.fieldnorm_id(self.doc())
    }

    #[inline]
    fn score(&self) -> Score {
        self.weight.score(self.fieldnorm_id(), self.term_freq())
    }

    fn advance(&mut self) {
        if self.at + 1 < self.block.docs().len() {
            self.at += 1;
        } else if !self.block.docs().is_empty() {
            self.block.advance();
            self.at = 0;
        }
    }

    fn seek(&mut self, target: DocId) {
        if self.doc() < target {
            self.at = self.block.seek(target);
        }
    }

    /// Adds the clause's scores of the records before `end` to `sums` (by record from `start`)
    /// and marks them in `present`, leaving the cursor at the first record from `end`.
    fn read_window(&mut self, start: DocId, end: DocId, sums: &mut [Score], present: &mut [u64]) {
        loop {
            let docs = self.block.docs();
            if docs.is_empty() {
                return;
            }
            let freqs = &self.block.freqs()[..docs.len()];
            let mut at = self.at;
            while at < docs.len() && docs[at] < end {
                let doc = docs[at];
                let delta = (doc - start) as usize;
                present[delta / 64] |= 1 << (delta % 64);
                let fieldnorm_id = self.fieldnorms.fieldnorm_id(doc);
                sums[delta] += self.weight.score(fieldnorm_id, freqs[at]);
                at += 1;
            }
            if at < docs.len() {
                self.at = at;
                return;
            }
            self.block.advance();
            self.at = 0;
        }
    }
}

/// Calls `callback` with every record any clause holds that scores above the threshold, in
/// order, and its score; the callback returns the threshold from then on.
fn walk(
    mut cursors: Vec<Cursor>,
    mut threshold: Score,
    mut callback: impl FnMut(DocId, Score) -> Score,
) {
    let mut present = vec![0u64; (WINDOW / 64) as usize];
    let mut sums: Vec<Score> = vec![0.0; WINDOW as usize];
    loop {
        cursors.retain(|cursor| cursor.doc() != TERMINATED);
        let Some(start) = cursors.iter().map(Cursor::doc).min() else { return };
        let end = start.saturating_add(WINDOW);
        // Clause after clause: each record's sum in the clauses' order.
        for cursor in &mut cursors {
            cursor.read_window(start, end, &mut sums, &mut present);
        }
        for (bucket, bits) in present.iter_mut().enumerate() {
            while *bits != 0 {
                let delta = bucket * 64 + bits.trailing_zeros() as usize;
                *bits &= *bits - 1;
                let score = std::mem::take(&mut sums[delta]);
                if score > threshold {
                    threshold = callback(start + delta as DocId, score);
                }
            }
        }
    }
}

/// The union's records one at a time, each scored by all its clauses (for intersections with
/// filters and for explanations).
struct UnionScorer {
    cursors: Vec<Cursor>,
    doc: DocId,
    score: Score,
}

impl UnionScorer {
    fn new(cursors: Vec<Cursor>) -> UnionScorer {
        let mut scorer = UnionScorer { cursors, doc: 0, score: 0.0 };
        scorer.settle();
        scorer
    }

    /// Moves to the smallest record any clause is at and sums its scores in the clauses' order.
    fn settle(&mut self) -> DocId {
        self.doc = self.cursors.iter().map(Cursor::doc).min().unwrap_or(TERMINATED);
        self.score = 0.0;
        if self.doc != TERMINATED {
            for cursor in self.cursors.iter().filter(|cursor| cursor.doc() == self.doc) {
                self.score += cursor.score();
            }
        }
        self.doc
    }
}

impl DocSet for UnionScorer {
    fn advance(&mut self) -> DocId {
        let doc = self.doc;
        for cursor in self.cursors.iter_mut().filter(|cursor| cursor.doc() == doc) {
            cursor.advance();
        }
        self.settle()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        for cursor in &mut self.cursors {
            cursor.seek(target);
        }
        self.settle()
    }

    fn doc(&self) -> DocId {
        self.doc
    }

    fn size_hint(&self) -> u32 {
        self.cursors.iter().map(|cursor| cursor.block.doc_freq()).max().unwrap_or(0)
    }
}

impl Scorer for UnionScorer {
    fn score(&mut self) -> Score {
        self.score
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::collector::TopDocs;
    use tantivy::query::{BooleanQuery, BoostQuery, Occur, TermQuery};
    use tantivy::schema::{Field, Schema, TEXT};
    use tantivy::{doc, DocAddress, Index, IndexWriter, Searcher};

    const WORDS: [&str; 12] = [
        "pump", "valve", "safety", "food", "water", "test", "method", "steel", "pipe", "quality",
        "system", "noise",
    ];

    /// Two segments of records of a few words each (some repeated, so term frequencies vary),
    /// more than a window's worth in the first.
    fn searcher() -> (Searcher, Field, Field) {
        let mut schema = Schema::builder();
        let title = schema.add_text_field("title", TEXT);
        let body = schema.add_text_field("body", TEXT);
        let index = Index::create_in_ram(schema.build());
        let mut writer: IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
        let mut state = 12_345u64;
        let mut next = move |limit: u64| {
            state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            (state >> 33) % limit
        };
        for segment in 0..2 {
            for _ in 0..(if segment == 0 { 9_000 } else { 3_000 }) {
                let mut words = |count| -> String {
                    (0..next(count) + 1)
                        .map(|_| WORDS[next(WORDS.len() as u64) as usize])
                        .collect::<Vec<_>>()
                        .join(" ")
                };
                let (title_text, body_text) = (words(4), words(12));
                writer.add_document(doc!(title => title_text, body => body_text)).unwrap();
            }
            writer.commit().unwrap();
        }
        (index.reader().unwrap().searcher(), title, body)
    }

    fn clauses(title: Field, body: Field) -> Vec<(Term, Score)> {
        vec![
            (Term::from_field_text(title, "pump"), 2.0),
            (Term::from_field_text(body, "pump"), 1.0),
            (Term::from_field_text(title, "absent"), 3.0),
            (Term::from_field_text(body, "safety"), 0.7),
            (Term::from_field_text(title, "noise"), 1.3),
            (Term::from_field_text(body, "water"), 0.2),
        ]
    }

    /// The same clauses as tantivy's union of (boosted) term queries.
    fn boolean(clauses: &[(Term, Score)]) -> BooleanQuery {
        BooleanQuery::new(
            clauses
                .iter()
                .map(|(term, boost)| {
                    let query: Box<dyn Query> =
                        Box::new(TermQuery::new(term.clone(), IndexRecordOption::WithFreqs));
                    (Occur::Should, Box::new(BoostQuery::new(query, *boost)) as Box<dyn Query>)
                })
                .collect(),
        )
    }

    fn every_score(searcher: &Searcher, query: &dyn Query) -> Vec<(DocAddress, Score)> {
        let weight = query.weight(EnableScoring::enabled_from_searcher(searcher)).unwrap();
        let mut found = Vec::new();
        for (segment, reader) in searcher.segment_readers().iter().enumerate() {
            weight
                .for_each(reader, &mut |doc, score| {
                    found.push((DocAddress::new(segment as u32, doc), score))
                })
                .unwrap();
        }
        found
    }

    /// The test index, the union's weight of the test clauses, and every record's score.
    fn union_weight() -> (Searcher, Box<dyn Weight>, Vec<(DocAddress, Score)>) {
        let (searcher, title, body) = searcher();
        let query = TermUnionQuery::new(clauses(title, body));
        let every = every_score(&searcher, &query);
        let weight = query.weight(EnableScoring::enabled_from_searcher(&searcher)).unwrap();
        (searcher, weight, every)
    }

    #[test]
    fn scores_every_record_as_tantivys_union_does_bit_for_bit() {
        let (searcher, title, body) = searcher();
        let clauses = clauses(title, body);
        let ours = every_score(&searcher, &TermUnionQuery::new(clauses.clone()));
        let theirs = every_score(&searcher, &boolean(&clauses));
        assert!(ours.len() > 5_000, "{} records", ours.len());
        assert_eq!(ours, theirs);
    }

    #[test]
    fn the_best_records_are_the_best_of_tantivys_union() {
        let (searcher, title, body) = searcher();
        let clauses = clauses(title, body);
        let top = TopDocs::with_limit(25).order_by_score();
        let ours = searcher.search(&TermUnionQuery::new(clauses.clone()), &top).unwrap();
        // Of every record the union scores, best first, ties in index order (tantivy's own top
        // ten prunes with block-WAND, which sums in another order: its scores differ in the
        // last bit).
        let mut every = every_score(&searcher, &boolean(&clauses));
        every.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let theirs: Vec<_> = every.into_iter().take(25).map(|(a, score)| (score, a)).collect();
        assert_eq!(ours, theirs);
    }

    #[test]
    fn a_pruned_walk_offers_only_the_records_above_the_threshold() {
        let (searcher, weight, every) = union_weight();
        let reader = searcher.segment_reader(0);
        let mut offered = Vec::new();
        weight
            .for_each_pruning(4.0, reader, &mut |doc, score| {
                offered.push((DocAddress::new(0, doc), score));
                // The threshold rises to each record offered.
                score
            })
            .unwrap();
        let mut threshold = 4.0;
        let expected: Vec<_> = every
            .into_iter()
            .filter(|(address, score)| {
                let kept = address.segment_ord == 0 && *score > threshold;
                if kept {
                    threshold = *score;
                }
                kept
            })
            .collect();
        assert!(expected.len() > 2);
        assert_eq!(offered, expected);
    }

    #[test]
    fn the_scorer_moves_and_explains_as_the_walk_scores() {
        let (searcher, weight, every) = union_weight();
        let reader = searcher.segment_reader(0);
        let mut scorer = weight.scorer(reader, 1.0).unwrap();
        let mut walked = Vec::new();
        while scorer.doc() != TERMINATED {
            walked.push((DocAddress::new(0, scorer.doc()), scorer.score()));
            scorer.advance();
        }
        let first: Vec<_> = every.iter().copied().filter(|(a, _)| a.segment_ord == 0).collect();
        assert_eq!(walked, first);
        let mut scorer = weight.scorer(reader, 1.0).unwrap();
        let (target, score) = first[first.len() / 2];
        assert_eq!(scorer.seek(target.doc_id), target.doc_id);
        assert_eq!(scorer.score(), score);
        let explanation = weight.explain(reader, target.doc_id).unwrap();
        assert_eq!(explanation.value(), score);
    }
}
