//! Development sets of the real task derived from the corpus: a document described in other words
//! than its catalogue title, and the same subject under another organisation's number.
//!
//! The shared `paraphrase.jsonl` set has 150 hand-written proposals; these sets give the model
//! thousands more labelled cases of the same shape, built from what the catalogues themselves say:
//!
//! - [`scope_set`]: a record's abstract, read as a proposal (its first sentence as the title, the
//!   rest as the scope), must find the records of its document that carry **only a title** (other
//!   editions, stages, language versions): the proposal and the target share a subject, not a text.
//!   The document's records that carry an abstract are excluded, so the match has to bridge the
//!   scope's words to the title's.
//! - [`twin_set`]: a record's title and abstract must find the same text published by **another
//!   organisation** under its own number (an ITU-T Recommendation and its ISO/IEC twin, an IEEE
//!   adoption of an IEC standard, a CIE standard and its ISO twin), as the records' identifiers and
//!   relations say; the query's own document is excluded.
//! - [`novel_set`]: the queries of another set with their relevant documents excluded too: a
//!   proposal with no duplicate in the corpus, whose candidates are all related work. A model fitted
//!   only on queries that have a duplicate learns to score the best candidate high whatever it is;
//!   these teach it that related work is not a duplicate.
//!
//! - [`filed_set_in`]: the queries of another set as proposals filed with the committee that owns
//!   their document, with its ICS codes: what a real proposal names.
//!
//! Identifiers are stripped from the queries' text, as in the shared sets. Sampling is
//! deterministic (a hash of the record's identifier).

use std::collections::{HashMap, HashSet};

use nwip_corpus::docid::document_key;
use nwip_corpus::{Proposal, Record, RelationKind};
use nwip_text::hash_str;

use crate::engine::Engine;
use crate::error::Result;
use crate::eval::cross_lingual::strip_identifiers;
use crate::eval::{EvalQuery, EvalSet};

/// Shortest abstract (in words) read as a proposal: shorter ones are titles in disguise.
const MIN_SCOPE_WORDS: usize = 12;

/// Builds the scope-to-title set of `records`, at most `sample` queries.
///
/// ```
/// use nwip::eval::reworded::scope_set;
/// let lines = [
///     r#"{"docid":[{"id":"ISO 536:2012","type":"ISO","primary":true}],"title":[{"content":"Paper and board - Determination of grammage","language":"en"}],
///        "abstract":[{"content":"This document specifies a method for determining the mass per unit area of paper and board. It applies to all kinds of paper and board.","language":"en"}]}"#,
///     r#"{"docid":[{"id":"ISO 536:1995","type":"ISO","primary":true}],"title":[{"content":"Paper and board - Determination of grammage","language":"en"}]}"#,
/// ];
/// let records: Vec<_> = lines.iter().map(|l| nwip::Record::from_relaton_json(l).unwrap()).collect();
/// let set = scope_set(&records, 10);
/// assert_eq!(set.queries.len(), 1);
/// assert!(set.queries[0].query.title.starts_with("This document specifies a method"));
/// assert_eq!(set.queries[0].relevant, ["ISO 536:1995"]);
/// assert_eq!(set.queries[0].exclude, ["ISO 536:2012"]);
/// ```
pub fn scope_set(records: &[Record], sample: usize) -> EvalSet {
    let mut by_document: HashMap<&str, Vec<usize>> = HashMap::new();
    for (index, record) in records.iter().enumerate() {
        if !record.document.is_empty() {
            by_document.entry(record.document.as_str()).or_default().push(index);
        }
    }
    let boilerplate = Boilerplate::of(records);
    let mut candidates: Vec<(u64, EvalQuery)> = Vec::new();
    let mut seen: HashSet<String> = HashSet::new();
    for record in records {
        let Some(summary) = record.display_abstract() else { continue };
        let summary = strip_identifiers(&boilerplate.strip(summary));
        if summary.split_whitespace().count() < MIN_SCOPE_WORDS || !seen.insert(summary.clone()) {
            continue;
        }
        let members = by_document.get(record.document.as_str()).map_or(&[][..], Vec::as_slice);
        let (title_only, with_text): (Vec<&Record>, Vec<&Record>) =
            members.iter().map(|&i| &records[i]).partition(|m| m.abstracts.is_empty());
        if title_only.is_empty() {
            continue;
        }
        let (title, scope) = first_sentence(&summary);
        let query = EvalQuery {
            qid: format!("scope:{}", record.id),
            query: Proposal { title, scope, ..Proposal::default() },
            relevant: title_only.iter().map(|m| m.id.clone()).collect(),
            relevant_committee: None,
            exclude: with_text.iter().map(|m| m.id.clone()).collect(),
        };
        candidates.push((hash_str(&record.id), query));
    }
    sampled("scope-to-title", candidates, sample)
}

/// Builds the other-organisation twin set of `records`, at most `sample` queries.
///
/// ```
/// use nwip::eval::reworded::twin_set;
/// let lines = [
///     r#"{"docid":[{"id":"ITU-T X.509 (10/2019)","type":"ITU-T","primary":true},{"id":"ISO/IEC 9594-8","type":"ISO","primary":true}],
///        "title":[{"content":"The Directory: Public-key and attribute certificate frameworks","language":"en"}]}"#,
///     r#"{"docid":[{"id":"ISO/IEC 9594-8:2020","type":"ISO","primary":true}],"title":[{"content":"Information technology - Open systems interconnection - Part 8: The Directory - Public-key and attribute certificate frameworks","language":"en"}]}"#,
/// ];
/// let records: Vec<_> = lines.iter().map(|l| nwip::Record::from_relaton_json(l).unwrap()).collect();
/// let set = twin_set(&records, 10);
/// assert_eq!(set.queries[0].relevant, ["ISO/IEC 9594-8:2020"]);
/// assert_eq!(set.queries[0].exclude, ["ITU-T X.509 (10/2019)"]);
/// ```
pub fn twin_set(records: &[Record], sample: usize) -> EvalSet {
    let mut by_key: HashMap<String, Vec<usize>> = HashMap::new();
    for (index, record) in records.iter().enumerate() {
        by_key.entry(record.key.clone()).or_default().push(index);
        if record.document != record.key {
            by_key.entry(record.document.clone()).or_default().push(index);
        }
    }
    let mut by_document: HashMap<&str, Vec<&str>> = HashMap::new();
    for record in records {
        by_document.entry(record.document.as_str()).or_default().push(record.id.as_str());
    }
    let boilerplate = Boilerplate::of(records);
    let mut candidates: Vec<(u64, EvalQuery)> = Vec::new();
    let mut seen: HashSet<(String, String)> = HashSet::new();
    for record in records {
        let mut twin_keys: Vec<String> = record.alt_ids.iter().map(|id| document_key(id)).collect();
        twin_keys.extend(
            record
                .relations
                .iter()
                .filter(|r| matches!(r.kind, RelationKind::AdoptedFrom | RelationKind::Identical))
                .map(|r| document_key(&r.target)),
        );
        let twins: Vec<&Record> = twin_keys
            .iter()
            .filter_map(|key| by_key.get(key))
            .flatten()
            .map(|&i| &records[i])
            .filter(|twin| twin.org != record.org && twin.document != record.document)
            .collect();
        let Some(first) = twins.first() else { continue };
        if !seen.insert((record.document.clone(), first.document.clone())) {
            continue;
        }
        let mut relevant: Vec<String> = Vec::new();
        for twin in &twins {
            for id in by_document.get(twin.document.as_str()).into_iter().flatten() {
                if !relevant.iter().any(|r| r == id) {
                    relevant.push(id.to_string());
                }
            }
        }
        let exclude = by_document
            .get(record.document.as_str())
            .into_iter()
            .flatten()
            .map(|id| id.to_string())
            .filter(|id| !relevant.contains(id))
            .collect();
        let query = EvalQuery {
            qid: format!("twin:{}", record.id),
            query: Proposal {
                title: strip_identifiers(record.display_title()),
                scope: strip_identifiers(
                    &boilerplate.strip(record.display_abstract().unwrap_or_default()),
                ),
                ..Proposal::default()
            },
            relevant,
            relevant_committee: None,
            exclude,
        };
        candidates.push((hash_str(&record.id), query));
    }
    sampled("other-organisation", candidates, sample)
}

/// Returns `set`'s queries as proposals with no duplicate in the corpus: their relevant records
/// (and the rest of those documents, `members`) excluded, nothing relevant left.
///
/// ```
/// use nwip::eval::reworded::novel_set;
/// let set = nwip::eval::EvalSet { name: "s".into(), queries: Vec::new() };
/// assert!(novel_set(&set).queries.is_empty());
/// ```
pub fn novel_set(set: &EvalSet) -> EvalSet {
    let queries = set
        .queries
        .iter()
        .map(|query| {
            let mut exclude = query.exclude.clone();
            exclude.extend(query.relevant.iter().cloned());
            EvalQuery {
                qid: format!("novel:{}", query.qid),
                query: query.query.clone(),
                relevant: Vec::new(),
                relevant_committee: None,
                exclude,
            }
        })
        .collect();
    EvalSet { name: format!("novel-{}", set.name), queries }
}

/// [`novel_set`] with every record of the relevant records' documents excluded, as `engine`'s
/// index groups them: a set's labels list the records its authors knew of, and a record of the
/// same document under another identifier (a dual-numbered edition, an older edition's
/// corrigendum) left in the index would make the proposal a duplicate after all.
///
/// ```no_run
/// use nwip::eval::{reworded::novel_set_in, EvalSet};
/// let engine = nwip::Engine::open("nwip-index")?;
/// let set = EvalSet::read("../shared/eval/paraphrase.jsonl")?;
/// let novel = novel_set_in(&engine, &set)?;
/// assert_eq!(novel.queries.len(), set.queries.len());
/// # Ok::<(), nwip::Error>(())
/// ```
pub fn novel_set_in(engine: &Engine, set: &EvalSet) -> Result<EvalSet> {
    let searcher = engine.index().searcher();
    let mut novel = novel_set(set);
    for (query, original) in novel.queries.iter_mut().zip(&set.queries) {
        let mut keys: Vec<String> = searcher
            .by_ids(&original.relevant)?
            .into_iter()
            .map(|hit| hit.record.document)
            .filter(|key| !key.is_empty())
            .collect();
        keys.sort_unstable();
        keys.dedup();
        let mut known: HashSet<String> = query.exclude.iter().cloned().collect();
        let members: Vec<String> = searcher
            .documents(&keys)?
            .iter()
            .flat_map(|document| document.members.iter().map(|member| member.id.clone()))
            .filter(|id| known.insert(id.clone()))
            .collect();
        query.exclude.extend(members);
    }
    Ok(novel)
}

/// The queries of `set` as proposals filed with the committee that owns their document, as a
/// real proposal is: a query without a committee takes that of the first of its relevant records
/// (in `engine`'s index) that has one, and a query without ICS codes takes that record's codes.
/// A query whose relevant records name no committee keeps what it has. The set's name and the
/// qids are prefixed `filed`.
///
/// The reworded sets were written as a title and a scope. A model fitted on them alone, with only
/// the revision titles naming a committee, reads "the proposer's committee wrote this record" as
/// a revision's sign: filed, their proposals' documents scored higher, and so did the first lines
/// of the same proposals with their documents left out ([`novel_set_in`]), the sibling documents
/// of the committee. `nwip calibrate --filed` fits such copies apart, in trees read only for
/// proposals that name their committee ([`nwip_score::Model::filed_trees`]); `nwip eval --filed`
/// measures a model on them. Every copy names the committee that holds its document, so a fit
/// on them alone learns that a duplicate is in the proposer's committee (see the README).
///
/// ```no_run
/// use nwip::eval::{reworded::filed_set_in, EvalSet};
/// let engine = nwip::Engine::open("nwip-index")?;
/// let set = EvalSet::read("corpus/eval/reworded-test.jsonl")?;
/// let filed = filed_set_in(&engine, &set)?;
/// assert_eq!(filed.queries.len(), set.queries.len());
/// assert!(filed.queries.iter().any(|query| query.query.committee.is_some()));
/// # Ok::<(), nwip::Error>(())
/// ```
pub fn filed_set_in(engine: &Engine, set: &EvalSet) -> Result<EvalSet> {
    let searcher = engine.index().searcher();
    let mut queries = Vec::with_capacity(set.queries.len());
    for query in &set.queries {
        let mut filed = query.clone();
        filed.qid = format!("filed:{}", query.qid);
        let records = searcher.by_ids(&query.relevant)?;
        // `by_ids` answers in the index's order: the relevant list's order decides.
        let owner = query.relevant.iter().find_map(|id| {
            records.iter().find(|hit| &hit.record.id == id && hit.record.committee.is_some())
        });
        if let Some(owner) = owner {
            let proposal = &mut filed.query;
            if proposal.committee.as_deref().is_none_or(|c| c.trim().is_empty()) {
                proposal.committee = owner.record.committee.as_ref().map(|c| c.id.clone());
            }
            if proposal.ics.is_empty() {
                proposal.ics = owner.record.ics.clone();
            }
        }
        queries.push(filed);
    }
    Ok(EvalSet { name: format!("filed-{}", set.name), queries })
}

/// Sentences that many documents' abstracts share: a catalogue's notices ("RLV contains both the
/// official International Standard and its Redline version"), not a description of a subject.
/// Sentences are compared without their identifiers ("IEC 60172:2020 RLV contains ..."), which
/// would make each document's notice its own.
struct Boilerplate {
    sentences: HashSet<String>,
}

impl Boilerplate {
    /// A sentence found in the abstracts of this many documents or more is boilerplate.
    const DOCUMENTS: usize = 5;

    fn of(records: &[Record]) -> Boilerplate {
        let mut documents: HashMap<String, HashSet<&str>> = HashMap::new();
        for record in records {
            let Some(summary) = record.display_abstract() else { continue };
            for sentence in sentences(summary) {
                let sentence = strip_identifiers(sentence);
                documents.entry(sentence).or_default().insert(record.document.as_str());
            }
        }
        let sentences = documents
            .into_iter()
            .filter(|(_, documents)| documents.len() >= Self::DOCUMENTS)
            .map(|(sentence, _)| sentence)
            .collect();
        Boilerplate { sentences }
    }

    fn strip(&self, text: &str) -> String {
        let kept: Vec<&str> = sentences(text)
            .filter(|sentence| !self.sentences.contains(&strip_identifiers(sentence)))
            .collect();
        kept.join(" ")
    }
}

/// Splits a text into sentences (at `.`, `!`, `?` followed by white space), trimmed.
fn sentences(text: &str) -> impl Iterator<Item = &str> {
    text.split_inclusive(['.', '!', '?']).map(str::trim).filter(|sentence| !sentence.is_empty())
}

/// Splits a text after its first sentence (at most about twenty words): the title of a proposal
/// read from an abstract, and the rest as its scope.
fn first_sentence(text: &str) -> (String, String) {
    let words: Vec<&str> = text.split_whitespace().collect();
    let end = words
        .iter()
        .position(|word| word.ends_with(['.', ';', ':']))
        .map_or(words.len(), |position| position + 1)
        .min(20);
    let title = words[..end].join(" ");
    let title = title.trim_end_matches(['.', ';', ':']).to_string();
    (title, words[end..].join(" "))
}

fn sampled(name: &str, mut candidates: Vec<(u64, EvalQuery)>, sample: usize) -> EvalSet {
    candidates.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.qid.cmp(&b.1.qid)));
    candidates.truncate(sample);
    EvalSet { name: name.to_string(), queries: candidates.into_iter().map(|(_, q)| q).collect() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_many_documents_share_are_boilerplate() {
        let line = |n: usize| {
            format!(
                r#"{{"docid":[{{"id":"IEC {n}:2020 RLV","type":"IEC","primary":true}}],"title":[{{"content":"T","language":"en"}}],
                   "abstract":[{{"content":"IEC {n}:2020 RLV contains both versions. Subject number {n} is specified.","language":"en"}}]}}"#
            )
        };
        let records: Vec<Record> =
            (0..6).map(|n| Record::from_relaton_json(&line(60000 + n)).unwrap()).collect();
        let boilerplate = Boilerplate::of(&records);
        assert_eq!(
            boilerplate.strip("RLV contains both versions. Subject number 1 is specified."),
            "Subject number 1 is specified."
        );
        // The notice names each document's own identifier: still one notice.
        assert_eq!(
            boilerplate
                .strip("IEC 60001:2020 RLV contains both versions. Subject number 1 is specified."),
            "Subject number 1 is specified."
        );
    }

    #[test]
    fn first_sentence_is_the_title() {
        let (title, scope) = first_sentence("Specifies a method. It applies to board.");
        assert_eq!(
            (title.as_str(), scope.as_str()),
            ("Specifies a method", "It applies to board.")
        );
        let long = "word ".repeat(30);
        let (title, scope) = first_sentence(&long);
        assert_eq!(title.split_whitespace().count(), 20);
        assert_eq!(scope.split_whitespace().count(), 10);
    }

    #[test]
    fn a_novel_set_in_an_index_leaves_out_every_record_of_the_relevant_documents() {
        let line = |id: &str, title: &str| {
            format!(
                r#"{{"docid":[{{"id":"{id}","type":"ITU-T","primary":true}}],"title":[{{"content":"{title}","language":"en"}}]}}"#
            )
        };
        let clock = "Timing characteristics of synchronous equipment slave clock";
        let records: Vec<Record> = [
            line("ITU-T G.8262 (10/2024)", clock),
            line("ITU-T G.8262/Y.1362 (11/2018)", clock),
            line("ITU-T G.8261 (08/2019)", "Timing and synchronization aspects in packet networks"),
        ]
        .iter()
        .map(|l| Record::from_relaton_json(l).unwrap())
        .collect();
        let engine = Engine::from_records(records).unwrap();
        let query = EvalQuery {
            qid: "q".into(),
            query: Proposal { title: clock.into(), ..Proposal::default() },
            relevant: vec!["ITU-T G.8262 (10/2024)".into()],
            relevant_committee: None,
            exclude: Vec::new(),
        };
        let set = EvalSet { name: "s".into(), queries: vec![query] };
        let novel = novel_set_in(&engine, &set).unwrap();
        let mut excluded = novel.queries[0].exclude.clone();
        excluded.sort();
        assert_eq!(excluded, ["ITU-T G.8262 (10/2024)", "ITU-T G.8262/Y.1362 (11/2018)"]);
        assert!(novel.queries[0].relevant.is_empty());
        // By the labels alone, the dual-numbered edition would be left in.
        assert_eq!(novel_set(&set).queries[0].exclude, ["ITU-T G.8262 (10/2024)"]);
    }

    #[test]
    fn a_filed_set_names_the_committee_and_codes_of_the_relevant_document() {
        let line = |id: &str, title: &str, committee: &str| {
            format!(
                r#"{{"docid":[{{"id":"{id}","type":"ISO","primary":true}}],"title":[{{"content":"{title}","language":"en"}}],"editorialgroup":{{"technical_committee":[{{"name":"{committee}","number":"34","type":"TC"}}]}},"ics":[{{"code":"67.020"}}]}}"#
            )
        };
        let records: Vec<Record> = [
            line("ISO 22000:2018", "Food safety management systems", "Food products"),
            line("ISO 9001:2015", "Quality management systems", "Quality"),
        ]
        .iter()
        .map(|l| Record::from_relaton_json(l).unwrap())
        .collect();
        let engine = Engine::from_records(records).unwrap();
        let query = |qid: &str, committee: Option<&str>, relevant: &[&str]| EvalQuery {
            qid: qid.into(),
            query: Proposal {
                title: "Hazard control in the food chain".into(),
                committee: committee.map(String::from),
                ..Proposal::default()
            },
            relevant: relevant.iter().map(|id| id.to_string()).collect(),
            relevant_committee: None,
            exclude: Vec::new(),
        };
        let set = EvalSet {
            name: "s".into(),
            queries: vec![
                // The first relevant record the index holds decides.
                query("a", None, &["ISO 99999:2030", "ISO 22000:2018"]),
                // A committee the query names stays.
                query("b", Some("ISO/TC 176"), &["ISO 22000:2018"]),
                // No relevant record in the index: as written.
                query("c", None, &["ISO 99999:2030"]),
            ],
        };
        let filed = filed_set_in(&engine, &set).unwrap();
        assert_eq!(filed.name, "filed-s");
        let fields = |i: usize| {
            let query = &filed.queries[i];
            (query.qid.as_str(), query.query.committee.as_deref(), query.query.ics.clone())
        };
        assert_eq!(fields(0), ("filed:a", Some("ISO/TC 34"), vec!["67.020".to_string()]));
        assert_eq!(fields(1), ("filed:b", Some("ISO/TC 176"), vec!["67.020".to_string()]));
        assert_eq!(fields(2), ("filed:c", None, Vec::new()));
        assert_eq!(filed.queries[0].relevant, set.queries[0].relevant);
    }
}
