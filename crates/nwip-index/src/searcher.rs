//! Opening an index and retrieving candidate records: weighted term queries (tantivy BM25 over
//! title and abstract fields), identifier and family look-ups, near-duplicate band look-ups, and
//! filtered selections for batch scans.

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use std::collections::{HashMap, HashSet};

use nwip_bridge::BridgeTable;
use nwip_corpus::committee::{FieldOwners, OwnedDocuments};
use nwip_corpus::docid::{document_key, DocId};
use nwip_corpus::identity::{DocumentSummary, Member, Role};
use nwip_corpus::{Lifecycle, Record};
use nwip_text::{Language, Sketch, WordVectors};
use tantivy::collector::{DocSetCollector, TopDocs};
use tantivy::query::{BooleanQuery, BoostQuery, ConstScoreQuery, Occur, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, Index, IndexReader, ReloadPolicy, Searcher, TantivyDocument, Term};

use crate::analysis::register_tokenizers;
use crate::bridge::read_bridge;
use crate::collector::TopDocuments;
use crate::columns::Columns;
use crate::directory::ReadOnlyDirectory;
use crate::error::{Error, Result};
use crate::layout;
use crate::meanings::MeaningFile;
use crate::memo::DocFreqs;
use crate::meta::IndexMeta;
use crate::schema::{field_language, Fields, FIELD_LANGUAGES};
use crate::sketches::SketchFile;
use crate::term_union::TermUnionQuery;
use crate::vectors::open_word_vectors;
use nwip_text::memo::Memo;
use rayon::prelude::*;
use rustc_hash::FxHashSet;

/// A record retrieved from the index, with the retrieval score that found it.
#[derive(Debug, Clone)]
pub struct Hit {
    /// The record's build ordinal (stable within one index).
    pub ordinal: u64,
    /// The record.
    pub record: Record,
    /// The tantivy BM25 score for text queries; 0 for look-ups.
    pub score: f32,
}

/// Where a record sits in the index, and its identifier's document key, read without decoding
/// the record ([`IndexSearcher::locate`]); [`IndexSearcher::load`] decodes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    /// The record's build ordinal.
    pub ordinal: u64,
    /// The document key of the record's primary identifier ([`Record::key`]: an amendment's
    /// includes the amendment), or the identifier itself when it has none.
    pub key: String,
    address: DocAddress,
}

/// One weighted term of a text query.
#[derive(Debug, Clone, PartialEq)]
pub struct QueryTerm {
    /// The language whose fields are searched.
    pub language: Language,
    /// The analysed term (see [`nwip_text::Analyzer`]).
    pub term: String,
    /// The term's weight (multiplies its BM25 contribution).
    pub weight: f32,
    /// Searches titles only, not abstracts.
    pub title_only: bool,
}

/// A text query: weighted terms searched in titles and abstracts.
#[derive(Debug, Clone, PartialEq)]
pub struct TextQuery {
    /// The terms.
    pub terms: Vec<QueryTerm>,
    /// How much more a match in a title counts than one in an abstract.
    pub title_boost: f32,
}

/// Restricts retrieval to some records.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filter {
    /// Only these organisations (any, when empty).
    pub orgs: Vec<String>,
    /// Only these lifecycle states (any, when empty).
    pub states: Vec<Lifecycle>,
    /// Only this committee or its subcommittees (normalised id, e.g. `ISO/TC 22`).
    pub committee: Option<String>,
    /// Only records with no title in any of these languages: the records a proposal's own
    /// language cannot reach by their titles, searched with its translated terms.
    pub without_title_in: Vec<Language>,
}

impl Filter {
    /// Tells whether the filter lets every record through.
    pub fn is_empty(&self) -> bool {
        self.orgs.is_empty()
            && self.states.is_empty()
            && self.committee.is_none()
            && self.without_title_in.is_empty()
    }
}

/// The records a check leaves out (see [`IndexSearcher::exclusion`]).
#[derive(Debug, Clone, Default)]
pub struct Exclusion {
    addresses: FxHashSet<DocAddress>,
    ordinals: FxHashSet<u64>,
    ids: FxHashSet<String>,
}

impl Exclusion {
    /// Tells whether nothing is left out.
    pub fn is_empty(&self) -> bool {
        self.addresses.is_empty()
    }

    /// Tells whether a hit is one of the records left out.
    pub fn contains(&self, hit: &Hit) -> bool {
        self.ordinals.contains(&hit.ordinal)
    }

    /// Tells whether the record with this build ordinal is left out.
    pub fn contains_ordinal(&self, ordinal: u64) -> bool {
        self.ordinals.contains(&ordinal)
    }

    /// Tells whether the record with this primary identifier is left out.
    pub fn contains_id(&self, id: &str) -> bool {
        self.ids.contains(id)
    }
}

/// An open nwip index: cheap to clone, safe to share between threads.
#[derive(Clone)]
pub struct NwipIndex {
    inner: Arc<Inner>,
}

struct Inner {
    index: Index,
    reader: IndexReader,
    fields: Fields,
    meta: IndexMeta,
    origin: Option<Origin>,
    sketches: OnceLock<Result<SketchFile, String>>,
    bridge: OnceLock<Result<BridgeTable, String>>,
    word_vectors: OnceLock<Result<Option<Arc<WordVectors>>, String>>,
    meanings: OnceLock<Result<Option<Arc<MeaningFile>>, String>>,
    /// Document frequencies of the terms looked up so far.
    doc_freqs: DocFreqs,
    /// Summaries of the documents looked up so far, by document key.
    summaries: Memo<String, Arc<DocumentSummary>>,
    /// The records decoded so far, with their ordinals, by address.
    records: Memo<DocAddress, Arc<(u64, Record)>>,
    /// The committee census of the ICS codes looked up so far.
    censuses: Memo<String, Arc<CodeCensus>>,
    /// The fast-field columns opened so far.
    columns: Arc<Columns>,
}

/// The side files of an index built in memory.
struct SideFiles {
    sketches: SketchFile,
    bridge: BridgeTable,
    word_vectors: Option<WordVectors>,
    meanings: Option<MeaningFile>,
}

/// Where an index opened from disk lives, and the lease that keeps its generation in place.
struct Origin {
    /// The index folder, as given to [`NwipIndex::open`].
    root: PathBuf,
    /// The generation folder that holds the files.
    generation: PathBuf,
    _lease: layout::Lease,
}

impl std::fmt::Debug for NwipIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NwipIndex")
            .field("dir", &self.dir())
            .field("records", &self.inner.meta.records)
            .finish()
    }
}

impl NwipIndex {
    /// Opens the index in `dir`, checking its format version.
    ///
    /// Opening is read-only: nothing is written to the index folder, so an index on a read-only
    /// mount or in a folder shared with other users opens. The generation opened stays readable
    /// for as long as this index (or a clone) is alive, even when a build replaces it meanwhile.
    ///
    /// # Errors
    /// [`Error::NotFound`] when there is no index, [`Error::IncompatibleIndex`] when it was
    /// written by another format version, [`Error::Corrupt`] when its files are damaged.
    pub fn open(dir: impl AsRef<Path>) -> Result<NwipIndex> {
        let root = dir.as_ref();
        if !root.try_exists().map_err(|error| Error::io(root, error))? {
            return Err(Error::NotFound { path: root.to_path_buf() });
        }
        let current = layout::open_current(root)?;
        let meta = IndexMeta::read(&current.dir).map_err(|error| match error {
            Error::IncompatibleIndex { found, expected, .. } => {
                Error::IncompatibleIndex { path: root.to_path_buf(), found, expected }
            }
            other => other,
        })?;
        let index =
            guard_tantivy(root, None, || Index::open(ReadOnlyDirectory::open(&current.dir)?))?;
        let fields = Fields::new();
        if index.schema() != fields.schema {
            return Err(Error::IncompatibleIndex {
                path: root.to_path_buf(),
                found: meta.format_version,
                expected: crate::FORMAT_VERSION,
            });
        }
        let origin =
            Origin { root: root.to_path_buf(), generation: current.dir, _lease: current.lease };
        let reader = guard_tantivy(root, Some(&index), || {
            index.reader_builder().reload_policy(ReloadPolicy::Manual).try_into()
        })?;
        NwipIndex::assemble(index, reader, fields, meta, None, Some(origin))
    }

    /// Wraps an index built in memory.
    pub(crate) fn from_parts(
        index: Index,
        fields: Fields,
        meta: IndexMeta,
        sketches: SketchFile,
        bridge: BridgeTable,
        word_vectors: Option<WordVectors>,
        meanings: Option<MeaningFile>,
    ) -> Result<NwipIndex> {
        let reader = index.reader_builder().reload_policy(ReloadPolicy::Manual).try_into()?;
        let parts = SideFiles { sketches, bridge, word_vectors, meanings };
        NwipIndex::assemble(index, reader, fields, meta, Some(parts), None)
    }

    fn assemble(
        index: Index,
        reader: IndexReader,
        fields: Fields,
        meta: IndexMeta,
        in_memory: Option<SideFiles>,
        origin: Option<Origin>,
    ) -> Result<NwipIndex> {
        register_tokenizers(&index);
        let sketches_cell = OnceLock::new();
        let bridge_cell = OnceLock::new();
        let vectors_cell = OnceLock::new();
        let meanings_cell = OnceLock::new();
        if let Some(SideFiles { sketches, bridge, word_vectors, meanings }) = in_memory {
            let _ = sketches_cell.set(Ok(sketches));
            let _ = bridge_cell.set(Ok(bridge));
            let _ = vectors_cell.set(Ok(word_vectors.map(Arc::new)));
            let _ = meanings_cell.set(Ok(meanings.map(Arc::new)));
        }
        let inner = Inner {
            index,
            reader,
            fields,
            meta,
            origin,
            sketches: sketches_cell,
            bridge: bridge_cell,
            word_vectors: vectors_cell,
            meanings: meanings_cell,
            doc_freqs: DocFreqs::default(),
            summaries: Memo::new(SUMMARY_CAPACITY),
            records: Memo::new(RECORD_CAPACITY),
            censuses: Memo::new(CENSUS_CAPACITY),
            columns: Arc::default(),
        };
        Ok(NwipIndex { inner: Arc::new(inner) })
    }

    /// Returns the index metadata (format, sources, counts).
    pub fn meta(&self) -> &IndexMeta {
        &self.inner.meta
    }

    /// Returns the directory the index was opened from (`None` for an in-memory index).
    pub fn dir(&self) -> Option<&Path> {
        self.inner.origin.as_ref().map(|origin| origin.root.as_path())
    }

    /// Returns the generation folder that holds the open index's files (`None` in memory).
    pub fn generation_dir(&self) -> Option<&Path> {
        self.inner.origin.as_ref().map(|origin| origin.generation.as_path())
    }

    /// Returns the near-duplicate sketches of every record (read on first use).
    pub fn sketches(&self) -> Result<&SketchFile> {
        let loaded = self.inner.sketches.get_or_init(|| match self.generation_dir() {
            Some(dir) => SketchFile::read(dir).map_err(|error| error.to_string()),
            None => Ok(SketchFile::default()),
        });
        loaded.as_ref().map_err(|message| Error::CorruptRecord(message.clone()))
    }

    /// Returns the bilingual term table learned from the records' aligned titles (read from
    /// `bridge.bin` on first use).
    ///
    /// ```
    /// # fn main() -> nwip_index::Result<()> {
    /// use nwip_text::Language;
    /// let lines = [
    ///     ("Safety of toys", "Sécurité des jouets"),
    ///     ("Safety of machinery", "Sécurité des machines"),
    ///     ("Machinery - Noise", "Machines - Bruit"),
    ///     ("Toys - Noise", "Jouets - Bruit"),
    /// ];
    /// let records = lines.iter().enumerate().map(|(n, (en, fr))| {
    ///     let line = format!(r#"{{"docid":[{{"id":"ISO {n}","type":"ISO","primary":true}}],
    ///         "title":[{{"content":"{en}","language":"en"}},{{"content":"{fr}","language":"fr"}}]}}"#);
    ///     nwip_corpus::Record::from_relaton_json(&line).unwrap()
    /// }).collect();
    /// let index = nwip_index::IndexBuilder::new().threads(1).build_in_ram(records)?;
    /// let table = index.bridge()?;
    /// assert_eq!(table.translations(Language::French, Language::English, "bruit")[0].term, "nois");
    /// # Ok(())
    /// # }
    /// ```
    pub fn bridge(&self) -> Result<&BridgeTable> {
        let loaded = self.inner.bridge.get_or_init(|| match self.generation_dir() {
            Some(dir) => read_bridge(dir).map_err(|error| error.to_string()),
            None => Ok(BridgeTable::default()),
        });
        loaded.as_ref().map_err(|message| Error::CorruptRecord(message.clone()))
    }

    /// Returns the word-vector table copied into the index when it was built (read from
    /// `word-vectors.bin` on first use), `None` when it was built without one.
    pub fn word_vectors(&self) -> Result<Option<Arc<WordVectors>>> {
        let loaded = self.inner.word_vectors.get_or_init(|| match self.generation_dir() {
            Some(dir) => {
                open_word_vectors(dir).map(|table| table.map(Arc::new)).map_err(|e| e.to_string())
            }
            None => Ok(None),
        });
        loaded.clone().map_err(Error::CorruptRecord)
    }

    /// Returns every record's meaning (read from `meanings.bin` on first use), `None` when the
    /// index was built without word vectors.
    pub fn meanings(&self) -> Result<Option<Arc<MeaningFile>>> {
        let loaded = self.inner.meanings.get_or_init(|| match self.generation_dir() {
            Some(dir) => {
                MeaningFile::read(dir).map(|file| file.map(Arc::new)).map_err(|e| e.to_string())
            }
            None => Ok(None),
        });
        loaded.clone().map_err(Error::CorruptRecord)
    }

    /// Reads the side tables a check uses (the word-vector table, the meanings, the bilingual
    /// table) side by side, instead of one after another as a first check reaches them: a
    /// process that checks once, or a server before its first request, waits for the slowest
    /// of them only. They are read once either way; an error is returned here as it would be
    /// by the first check.
    ///
    /// ```
    /// # let records = vec![nwip_corpus::Record::from_relaton_json(
    /// #     r#"{"docid":[{"id":"ISO 1:2000","type":"ISO","primary":true}],"title":[{"content":"Pumps","language":"en"}]}"#).unwrap()];
    /// let index = nwip_index::IndexBuilder::new().threads(1).build_in_ram(records)?;
    /// index.preload()?;
    /// // Built with the word-vector table installed on the machine, if any: its meanings too.
    /// assert_eq!(index.word_vectors()?.is_some(), index.meanings()?.is_some());
    /// # Ok::<(), nwip_index::Error>(())
    /// ```
    pub fn preload(&self) -> Result<()> {
        let (vectors, (meanings, bridge)) = rayon::join(
            || self.word_vectors().map(drop),
            || rayon::join(|| self.meanings().map(drop), || self.bridge().map(drop)),
        );
        vectors.and(meanings).and(bridge)
    }

    /// Returns a searcher over the index as it is now.
    pub fn searcher(&self) -> IndexSearcher {
        IndexSearcher {
            searcher: self.inner.reader.searcher(),
            fields: self.inner.fields.clone(),
            index: self.clone(),
        }
    }

    #[doc(hidden)]
    pub fn tantivy_index(&self) -> &Index {
        &self.inner.index
    }
}

/// Document summaries an open index remembers at most (a few hundred bytes each).
const SUMMARY_CAPACITY: usize = 1 << 16;

/// Decoded records an open index remembers at most: the candidates of one check are often
/// candidates of others, and a record copied from the memo is not read from the document store
/// and parsed again. The memory it takes is measured in the README (tens of megabytes).
const RECORD_CAPACITY: usize = 1 << 14;

/// ICS codes whose census an open index remembers at most: a code's records' addresses and
/// their documents' keys, tens of kilobytes for a group of a few thousand records.
const CENSUS_CAPACITY: usize = 1 << 10;

/// Who owns the documents filed under one ICS code, read once for the life of the open index
/// ([`IndexSearcher::committees_filed_under`]): the proposals of a field come back to its
/// codes, and a check that leaves records out counts again from this without reading a column.
struct CodeCensus {
    /// Every record filed under the code, in index order.
    filed: Vec<DocAddress>,
    /// Each committee (organisation, committee) with its documents, each as its records under
    /// the code that are not withdrawn.
    owners: Vec<(String, String, Vec<Vec<DocAddress>>)>,
}

impl CodeCensus {
    /// The owners of the documents filed under `code` once the records in `excluded` are left
    /// out: a document counts while one of its records is left, most documents first.
    fn without(&self, code: &str, excluded: &Exclusion) -> FieldOwners {
        let touched = excluded.addresses.iter().any(|a| self.filed.binary_search(a).is_ok());
        let left = |records: &&Vec<DocAddress>| {
            records.iter().any(|address| !excluded.addresses.contains(address))
        };
        let mut committees: Vec<OwnedDocuments> = self
            .owners
            .iter()
            .filter_map(|(org, committee, documents)| {
                let count =
                    if touched { documents.iter().filter(left).count() } else { documents.len() };
                (count > 0).then(|| OwnedDocuments::new(org.clone(), committee.clone(), count))
            })
            .collect();
        committees.sort_by(|a, b| {
            b.documents.cmp(&a.documents).then_with(|| a.committee.cmp(&b.committee))
        });
        FieldOwners { ics: code.to_string(), committees }
    }
}

/// A point-in-time view of the index that runs queries.
pub struct IndexSearcher {
    searcher: Searcher,
    fields: Fields,
    index: NwipIndex,
}

impl IndexSearcher {
    /// Returns the number of records.
    pub fn num_docs(&self) -> u64 {
        self.searcher.num_docs()
    }

    /// Returns in how many records `term` occurs in a title or abstract of `language`
    /// (the larger of the two counts).
    pub fn doc_freq(&self, language: Language, term: &str) -> u64 {
        self.index
            .inner
            .doc_freqs
            .get_or_look_up(language, term, || {
                let title = Term::from_field_text(self.fields.title(language), term);
                let summary = Term::from_field_text(self.fields.abstract_field(language), term);
                let counts = self.guard(|| {
                    let title_count = self.searcher.doc_freq(&title)?;
                    let summary_count = self.searcher.doc_freq(&summary)?;
                    Ok(title_count.max(summary_count))
                });
                counts.ok()
            })
            .unwrap_or(0)
    }

    /// Runs a weighted text query and returns the best `limit` records, best first.
    pub fn search_text(
        &self,
        query: &TextQuery,
        filter: &Filter,
        limit: usize,
    ) -> Result<Vec<Hit>> {
        let Some(text) = self.text_query(query, filter) else { return Ok(Vec::new()) };
        self.top(text, limit)
    }

    /// The tantivy query of a text query under `filter`: each term in the title and abstract
    /// fields of its language, weighted; `None` when no term has a weight. Unfiltered, the union
    /// passes over the records that cannot reach a collector's threshold ([`TermUnionQuery`]).
    fn text_query(&self, query: &TextQuery, filter: &Filter) -> Option<Box<dyn Query>> {
        let mut clauses: Vec<(Term, f32)> = Vec::new();
        for term in &query.terms {
            if term.weight <= 0.0 {
                continue;
            }
            let title = Term::from_field_text(self.fields.title(term.language), &term.term);
            clauses.push((title, term.weight * query.title_boost));
            if !term.title_only {
                let summary =
                    Term::from_field_text(self.fields.abstract_field(term.language), &term.term);
                clauses.push((summary, term.weight));
            }
        }
        if clauses.is_empty() {
            return None;
        }
        if filter.is_empty() {
            return Some(Box::new(TermUnionQuery::new(clauses)));
        }
        let clauses = clauses
            .into_iter()
            .map(|(term, weight)| (Occur::Should, boosted(term, weight)))
            .collect();
        Some(self.filtered(Box::new(BooleanQuery::new(clauses)), filter))
    }

    /// Runs a weighted text query and returns the best `limit` documents, best first, each as its
    /// best-scoring record: the stage records, editions and amendments of one document take one
    /// place, not forty. Records in `excluded` are passed over.
    pub fn search_documents(
        &self,
        query: &TextQuery,
        filter: &Filter,
        limit: usize,
        excluded: &Exclusion,
    ) -> Result<Vec<Hit>> {
        // A filter most records pass is read beside the union, not intersected with it (see
        // `TopDocuments::requiring`); one that few pass leads the intersection, which then skips
        // the union to its records.
        let mut filter = filter.clone();
        let mut required = Vec::new();
        let records = self.searcher.num_docs();
        let mut kept = Vec::new();
        for language in filter.without_title_in.drain(..) {
            let term =
                Term::from_field_text(self.fields.missing_titles, field_language(language).code());
            if self.guard(|| self.searcher.doc_freq(&term))?.saturating_mul(2) > records {
                required.push(term);
            } else {
                kept.push(language);
            }
        }
        filter.without_title_in = kept;
        let Some(query) = self.text_query(query, &filter) else { return Ok(Vec::new()) };
        let columns = Arc::clone(&self.index.inner.columns);
        let collector = TopDocuments::new("document", limit, excluded.addresses.clone(), columns)
            .requiring(required);
        let top = self.guard(|| self.searcher.search(query.as_ref(), &collector))?;
        self.hits(top)
    }

    /// Resolves the records a check leaves out: those whose primary identifier is in `ids`, and
    /// the same project's records at other stages (drafts and undated entries with the same
    /// document key, such as a second enquiry draft `ISO/DIS 7752-2.2` of an excluded
    /// `ISO/DIS 7752-2`). Dated editions are kept: they are what a revision revises.
    pub fn exclusion(&self, ids: &[String]) -> Result<Exclusion> {
        if ids.is_empty() {
            return Ok(Exclusion::default());
        }
        let exact: Vec<Term> =
            ids.iter().map(|id| Term::from_field_text(self.fields.id, id)).collect();
        let mut addresses: FxHashSet<DocAddress> = self
            .guard(|| self.searcher.search(any_term(exact).as_ref(), &DocSetCollector))?
            .into_iter()
            .collect();
        let keys: Vec<Term> = ids
            .iter()
            .filter_map(|id| DocId::parse(id))
            .map(|id| Term::from_field_text(self.fields.key, &id.document_key()))
            .collect();
        if !keys.is_empty() {
            let excluded_keys: HashSet<String> = ids.iter().map(|id| document_key(id)).collect();
            let keys = any_term(keys);
            let same_key: Vec<DocAddress> = self
                .guard(|| self.searcher.search(keys.as_ref(), &DocSetCollector))?
                .into_iter()
                .collect();
            for (address, id) in same_key.iter().zip(self.fast_texts(&same_key, "id")?) {
                let same_project = DocId::parse(&id).is_some_and(|parsed| {
                    parsed.is_project_entry() && excluded_keys.contains(&parsed.document_key())
                });
                if same_project {
                    addresses.insert(*address);
                }
            }
        }
        let mut addresses: Vec<DocAddress> = addresses.into_iter().collect();
        addresses.sort_unstable();
        Ok(Exclusion {
            ordinals: self.ordinals(&addresses)?.into_iter().collect(),
            ids: self.fast_texts(&addresses, "id")?.into_iter().collect(),
            addresses: addresses.into_iter().collect(),
        })
    }

    /// Returns the records whose primary identifier is one of `ids` (every record of an
    /// identifier listed twice by its catalogue).
    pub fn by_ids(&self, ids: &[String]) -> Result<Vec<Hit>> {
        self.find_terms(self.fields.id, ids, ids.len().max(1) * 4)
    }

    /// Returns the summary of each document in `keys` (in that order): its records with their
    /// roles, states and dates, read from fast fields (no stored record is decoded), and the
    /// state, current edition and project they give it. An unknown key gives a summary with no
    /// members. Summaries are remembered for the life of the open index (the same documents are
    /// candidates of many checks).
    pub fn documents(&self, keys: &[String]) -> Result<Vec<Arc<DocumentSummary>>> {
        let memo = &self.index.inner.summaries;
        let mut summaries: Vec<Option<Arc<DocumentSummary>>> =
            keys.iter().map(|key| memo.get(key)).collect();
        let missing: Vec<usize> = (0..keys.len()).filter(|&i| summaries[i].is_none()).collect();
        if missing.is_empty() {
            return Ok(summaries.into_iter().flatten().collect());
        }
        // Each document's records, looked up on every core that is free.
        let found: Vec<Vec<(usize, DocAddress)>> = missing
            .par_iter()
            .map(|&position| {
                let term = Term::from_field_text(self.fields.document, &keys[position]);
                let query = TermQuery::new(term, IndexRecordOption::Basic);
                let found = self.guard(|| self.searcher.search(&query, &DocSetCollector))?;
                Ok(found.into_iter().map(|address| (position, address)).collect())
            })
            .collect::<Result<_>>()?;
        let mut addresses: Vec<(usize, DocAddress)> = found.into_iter().flatten().collect();
        // Sorted by document, then by address: each document's members in index order.
        addresses.sort_unstable();
        let members = self.members(addresses.iter().map(|(_, address)| *address))?;
        let mut grouped: Vec<Vec<Member>> = vec![Vec::new(); keys.len()];
        for ((position, _), member) in addresses.into_iter().zip(members) {
            grouped[position].push(member);
        }
        for position in missing {
            let key = &keys[position];
            let members = std::mem::take(&mut grouped[position]);
            let summary = Arc::new(DocumentSummary::from_members(key.clone(), members));
            memo.insert(key.clone(), Arc::clone(&summary));
            summaries[position] = Some(summary);
        }
        Ok(summaries.into_iter().flatten().collect())
    }

    /// Reads a string fast field for many records (empty for a record without a value): each
    /// segment's column is opened once and its dictionary read in one sorted pass, rather than
    /// a column opened and a dictionary block decoded for every record.
    fn fast_texts(&self, addresses: &[DocAddress], field: &str) -> Result<Vec<String>> {
        let mut values = vec![String::new(); addresses.len()];
        // (term ordinal, position in `addresses`) of one segment's records.
        let mut by_segment: Vec<(u64, usize)> = Vec::new();
        let mut segments: Vec<u32> = addresses.iter().map(|a| a.segment_ord).collect();
        segments.sort_unstable();
        segments.dedup();
        for segment in segments {
            let reader = self.searcher.segment_reader(segment);
            self.guard(|| {
                let Some(column) = self.index.inner.columns.text(reader, field)? else {
                    return Ok(());
                };
                by_segment.clear();
                for (slot, address) in addresses.iter().enumerate() {
                    if address.segment_ord == segment {
                        if let Some(ordinal) = column.term_ords(address.doc_id).next() {
                            by_segment.push((ordinal, slot));
                        }
                    }
                }
                by_segment.sort_unstable();
                let ordinals: Vec<u64> = by_segment.iter().map(|&(ordinal, _)| ordinal).collect();
                let mut slots = by_segment.iter().map(|&(_, slot)| slot);
                column.dictionary().sorted_ords_to_term_cb(&ordinals, |bytes| {
                    if let Some(slot) = slots.next() {
                        values[slot] = String::from_utf8_lossy(bytes).into_owned();
                    }
                })?;
                Ok(())
            })?;
        }
        Ok(values)
    }

    /// Reads the members of a document summary for the records at `addresses` (in that order).
    fn members(&self, addresses: impl Iterator<Item = DocAddress>) -> Result<Vec<Member>> {
        let addresses: Vec<DocAddress> = addresses.collect();
        // The five columns are read side by side.
        let columns: Vec<Vec<String>> = ["id", "role", "state", "stage", "date"]
            .par_iter()
            .map(|field| self.fast_texts(&addresses, field))
            .collect::<Result<_>>()?;
        let [ids, roles, states, stages, dates]: [Vec<String>; 5] =
            columns.try_into().expect("five fields give five columns");
        Ok(ids
            .into_iter()
            .zip(roles)
            .zip(states)
            .zip(stages)
            .zip(dates)
            .map(|((((id, role), state), stage), date)| Member {
                id,
                role: Role::parse(&role).unwrap_or_default(),
                lifecycle: Lifecycle::parse(&state).unwrap_or(Lifecycle::Published),
                stage,
                date: (!date.is_empty()).then_some(date),
            })
            .collect())
    }

    /// Returns records whose document key (or that of one of their other identifiers) is one of
    /// `keys`.
    pub fn find_keys(&self, keys: &[String], limit: usize) -> Result<Vec<Hit>> {
        self.find_terms(self.fields.key, keys, limit)
    }

    /// Returns records of the document families `families` (all parts, all editions).
    pub fn find_families(&self, families: &[String], limit: usize) -> Result<Vec<Hit>> {
        self.find_terms(self.fields.family, families, limit)
    }

    /// Returns records sharing at least one LSH band with `sketch`, most shared bands first.
    pub fn find_near_duplicates(&self, sketch: &Sketch, limit: usize) -> Result<Vec<Hit>> {
        let terms = sketch
            .bands()
            .iter()
            .map(|band| Term::from_field_u64(self.fields.bands, *band))
            .collect();
        self.look_up(any_term(terms), limit)
    }

    /// Counts, for each of `codes` (ICS codes at any level: a record is indexed under its codes'
    /// groups and fields too), the committees owning documents filed there and how many each
    /// owns: a document counts once however many stage records and editions it has, and only
    /// while one of them is not withdrawn (a committee that has left a field does not own it).
    /// Records in `excluded` are passed over. In the order of `codes`; a code no record carries
    /// gives an empty list. A code's census is read once for the life of the open index.
    pub fn committees_filed_under(
        &self,
        codes: &[String],
        excluded: &Exclusion,
    ) -> Result<Vec<FieldOwners>> {
        let memo = &self.index.inner.censuses;
        codes
            .iter()
            .map(|code| {
                let census = match memo.get(code) {
                    Some(census) => census,
                    None => {
                        let census = Arc::new(self.census_of(code)?);
                        memo.insert(code.clone(), Arc::clone(&census));
                        census
                    }
                };
                Ok(census.without(code, excluded))
            })
            .collect()
    }

    /// Reads who owns the documents filed under `code`: the committee, organisation, document
    /// and state of every record filed there.
    fn census_of(&self, code: &str) -> Result<CodeCensus> {
        let term = Term::from_field_text(self.fields.ics, code);
        let query = TermQuery::new(term, IndexRecordOption::Basic);
        let found = self.guard(|| self.searcher.search(&query, &DocSetCollector))?;
        let mut filed: Vec<DocAddress> = found.into_iter().collect();
        filed.sort_unstable();
        let [committees, orgs, documents, states] =
            ["committee", "org", "document", "state"].map(|field| self.fast_texts(&filed, field));
        let (committees, orgs, documents, states) = (committees?, orgs?, documents?, states?);
        let mut owned: HashMap<(String, String), HashMap<String, Vec<DocAddress>>> = HashMap::new();
        for ((((address, committee), org), document), state) in
            filed.iter().zip(committees).zip(orgs).zip(documents).zip(states)
        {
            if committee.is_empty() || state == Lifecycle::Withdrawn.as_str() {
                continue;
            }
            owned.entry((org, committee)).or_default().entry(document).or_default().push(*address);
        }
        let owners = owned
            .into_iter()
            .map(|((org, committee), documents)| {
                (org, committee, documents.into_values().collect())
            })
            .collect();
        Ok(CodeCensus { filed, owners })
    }

    /// Returns every record that passes `filter`, in no particular order.
    pub fn select(&self, filter: &Filter) -> Result<Vec<Hit>> {
        let query = self.filtered(Box::new(tantivy::query::AllQuery), filter);
        let addresses = self.guard(|| self.searcher.search(query.as_ref(), &DocSetCollector))?;
        let mut addresses: Vec<DocAddress> = addresses.into_iter().collect();
        addresses.sort();
        self.hits(addresses.into_iter().map(|address| (0.0, address)).collect())
    }

    /// Returns the record with this build ordinal.
    pub fn by_ordinal(&self, ordinal: u64) -> Result<Option<Hit>> {
        Ok(self.by_ordinals(&[ordinal])?.pop())
    }

    /// Returns the records with these build ordinals, in index order (term look-ups in the
    /// indexed ordinal field).
    pub fn by_ordinals(&self, ordinals: &[u64]) -> Result<Vec<Hit>> {
        let addresses = self.addresses_of_ordinals(ordinals)?;
        self.hits(addresses.into_iter().map(|address| (0.0, address)).collect())
    }

    /// The addresses of the records with these build ordinals, in index order.
    fn addresses_of_ordinals(&self, ordinals: &[u64]) -> Result<Vec<DocAddress>> {
        if ordinals.is_empty() {
            return Ok(Vec::new());
        }
        // A build writes its records in ordinal order, so the record numbered `n` in the first
        // segment is most often the one of ordinal `n`: read there first, and searched for
        // only when it is not (an ordinal is never given twice, deleted records included).
        let Some(reader) = self.searcher.segment_readers().first() else { return Ok(Vec::new()) };
        let column = self.guard(|| self.index.inner.columns.number(reader, "ordinal"))?;
        let alive = reader.alive_bitset();
        let mut addresses = Vec::with_capacity(ordinals.len());
        let mut terms = Vec::new();
        for &ordinal in ordinals {
            let at = u32::try_from(ordinal).ok().filter(|&doc| doc < reader.max_doc());
            let alive_there = at.filter(|&doc| {
                column.first(doc) == Some(ordinal) && alive.is_none_or(|a| a.is_alive(doc))
            });
            match alive_there {
                Some(doc) => addresses.push(DocAddress::new(0, doc)),
                None => terms.push(Term::from_field_u64(self.fields.ordinal, ordinal)),
            }
        }
        if !terms.is_empty() {
            addresses.extend(
                self.guard(|| self.searcher.search(any_term(terms).as_ref(), &DocSetCollector))?,
            );
        }
        addresses.sort_unstable();
        addresses.dedup();
        Ok(addresses)
    }

    /// Finds the records with these build ordinals and reads their identifiers' document keys,
    /// in the order of `ordinals` (an ordinal no record has is left out), without decoding any
    /// record: a caller that keeps a few of many decodes only those ([`IndexSearcher::load`]).
    pub fn locate(&self, ordinals: &[u64]) -> Result<Vec<Located>> {
        let addresses = self.addresses_of_ordinals(ordinals)?;
        let ids = self.fast_texts(&addresses, "id")?;
        let found_ordinals = self.ordinals(&addresses)?;
        let mut found: HashMap<u64, Located> = HashMap::with_capacity(addresses.len());
        for ((address, id), ordinal) in addresses.into_iter().zip(ids).zip(found_ordinals) {
            let key = document_key(&id);
            let key = if key.is_empty() { id } else { key };
            found.entry(ordinal).or_insert(Located { ordinal, key, address });
        }
        Ok(ordinals.iter().filter_map(|ordinal| found.remove(ordinal)).collect())
    }

    /// Reads the build ordinals of the records at `addresses` (0 for a record without one),
    /// opening each segment's column once.
    fn ordinals(&self, addresses: &[DocAddress]) -> Result<Vec<u64>> {
        let mut ordinals = Vec::with_capacity(addresses.len());
        let mut column: Option<(u32, tantivy::columnar::Column<u64>)> = None;
        for address in addresses {
            if column.as_ref().is_none_or(|(segment, _)| *segment != address.segment_ord) {
                let reader = self.searcher.segment_reader(address.segment_ord);
                let opened = self.guard(|| self.index.inner.columns.number(reader, "ordinal"))?;
                column = Some((address.segment_ord, opened));
            }
            ordinals.push(column.as_ref().and_then(|(_, c)| c.first(address.doc_id)).unwrap_or(0));
        }
        Ok(ordinals)
    }

    /// Decodes a record found by [`IndexSearcher::locate`].
    pub fn load(&self, located: &Located) -> Result<Hit> {
        self.hit(located.address, 0.0)
    }

    /// Decodes records found by [`IndexSearcher::locate`], in that order.
    pub fn load_all(&self, located: &[Located]) -> Result<Vec<Hit>> {
        self.hits(located.iter().map(|located| (0.0, located.address)).collect())
    }

    fn find_terms(
        &self,
        field: tantivy::schema::Field,
        values: &[String],
        limit: usize,
    ) -> Result<Vec<Hit>> {
        let terms: Vec<Term> = values
            .iter()
            .filter(|value| !value.is_empty())
            .map(|value| Term::from_field_text(field, value))
            .collect();
        if terms.is_empty() {
            return Ok(Vec::new());
        }
        self.look_up(any_term(terms), limit)
    }

    /// Runs a look-up query: hits carry no retrieval score.
    fn look_up(&self, query: Box<dyn Query>, limit: usize) -> Result<Vec<Hit>> {
        let mut hits = self.top(query, limit)?;
        hits.iter_mut().for_each(|hit| hit.score = 0.0);
        Ok(hits)
    }

    /// Restricts `query` to the records `filter` lets through.
    fn filtered(&self, query: Box<dyn Query>, filter: &Filter) -> Box<dyn Query> {
        if filter.is_empty() {
            return query;
        }
        // Filters restrict, they do not score: a matching filter term would add its own BM25
        // weight to every hit.
        let any_of = |field, values: Vec<String>| -> Box<dyn Query> {
            let terms = values.iter().map(|value| Term::from_field_text(field, value)).collect();
            Box::new(ConstScoreQuery::new(any_term(terms), 0.0))
        };
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, query)];
        if !filter.orgs.is_empty() {
            let orgs = filter.orgs.iter().map(|o| o.to_ascii_uppercase()).collect();
            clauses.push((Occur::Must, any_of(self.fields.org, orgs)));
        }
        if !filter.states.is_empty() {
            let states = filter.states.iter().map(|s| s.as_str().to_string()).collect();
            clauses.push((Occur::Must, any_of(self.fields.state, states)));
        }
        if let Some(committee) = &filter.committee {
            clauses.push((Occur::Must, any_of(self.fields.committee, vec![committee.clone()])));
        }
        for language in &filter.without_title_in {
            let code = field_language(*language).code().to_string();
            clauses.push((Occur::Must, any_of(self.fields.missing_titles, vec![code])));
        }
        Box::new(BooleanQuery::new(clauses))
    }

    fn top(&self, query: Box<dyn Query>, limit: usize) -> Result<Vec<Hit>> {
        // Never ask for more than there are records: tantivy allocates room for `limit` hits.
        let records = usize::try_from(self.searcher.num_docs()).unwrap_or(usize::MAX);
        let limit = limit.clamp(1, records.max(1));
        let top = self.guard(|| {
            self.searcher.search(query.as_ref(), &TopDocs::with_limit(limit).order_by_score())
        })?;
        self.hits(top)
    }

    /// Decodes the records of `found` (score, address), in that order. Each is read from the
    /// document store and parsed on its own, so they are decoded on every core that is free.
    fn hits(&self, found: Vec<(f32, DocAddress)>) -> Result<Vec<Hit>> {
        found.into_par_iter().map(|(score, address)| self.hit(address, score)).collect()
    }

    fn hit(&self, address: DocAddress, score: f32) -> Result<Hit> {
        let memo = &self.index.inner.records;
        let decoded = match memo.get(&address) {
            Some(decoded) => decoded,
            None => {
                let document: TantivyDocument = self.guard(|| self.searcher.doc(address))?;
                let decoded = Arc::new(self.fields.stored_record(&document)?);
                memo.insert(address, Arc::clone(&decoded));
                decoded
            }
        };
        let (ordinal, record) = (decoded.0, decoded.1.clone());
        Ok(Hit { ordinal, record, score })
    }
}

impl IndexSearcher {
    /// Runs a tantivy call, turning corrupt data and panics inside tantivy into [`Error::Corrupt`].
    fn guard<T>(&self, call: impl FnOnce() -> tantivy::Result<T>) -> Result<T> {
        match self.index.inner.origin.as_ref() {
            Some(origin) => guard_tantivy(&origin.root, Some(&self.index.inner.index), call),
            None => Ok(call()?),
        }
    }
}

/// Runs a tantivy call on the index at `root`: a panic inside tantivy (damaged files can cause
/// one) or a data corruption error becomes [`Error::Corrupt`], naming the damaged files when
/// tantivy's checksums can tell them.
fn guard_tantivy<T>(
    root: &Path,
    index: Option<&Index>,
    call: impl FnOnce() -> tantivy::Result<T>,
) -> Result<T> {
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(call));
    let message = match outcome {
        Ok(Ok(value)) => return Ok(value),
        Ok(Err(error @ tantivy::TantivyError::DataCorruption(_))) => error.to_string(),
        Ok(Err(error)) => return Err(Error::Tantivy(error)),
        Err(panic) => {
            let text = panic
                .downcast_ref::<&str>()
                .map(|text| text.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown failure".to_string());
            format!("reading it failed: {text}")
        }
    };
    let files = index
        .and_then(|index| {
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| index.validate_checksum()))
                .ok()
        })
        .and_then(Result::ok)
        .map(|damaged| damaged.into_iter().collect())
        .unwrap_or_default();
    Err(Error::Corrupt { path: root.to_path_buf(), files, message })
}

/// Returns a query matching any of `terms` (no term frequencies needed).
fn any_term(terms: Vec<Term>) -> Box<dyn Query> {
    let clauses = terms
        .into_iter()
        .map(|term| {
            let query: Box<dyn Query> = Box::new(TermQuery::new(term, IndexRecordOption::Basic));
            (Occur::Should, query)
        })
        .collect();
    Box::new(BooleanQuery::new(clauses))
}

fn boosted(term: Term, weight: f32) -> Box<dyn Query> {
    let query: Box<dyn Query> = Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs));
    if (weight - 1.0).abs() < f32::EPSILON {
        query
    } else {
        Box::new(BoostQuery::new(query, weight))
    }
}

/// Returns the languages that have their own fields; text in any other language is searched in
/// the `und` fields.
pub fn indexed_languages() -> [Language; 4] {
    FIELD_LANGUAGES
}

/// Returns the language whose fields hold text written in `language`.
pub fn searched_language(language: Language) -> Language {
    field_language(language)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::IndexBuilder;

    #[test]
    fn a_record_read_again_is_copied_from_the_memo() {
        let line = |id: &str, title: &str| {
            let json = format!(
                r#"{{"docid":[{{"id":"{id}","type":"ISO","primary":true}}],
                    "title":[{{"content":"{title}","language":"en"}}]}}"#
            );
            Record::from_relaton_json(&json).unwrap()
        };
        let records = vec![line("ISO 1000", "Pump tests"), line("ISO 1001", "Valve tests")];
        let index = IndexBuilder::new().build_in_ram(records).unwrap();
        let searcher = index.searcher();
        let ids = ["ISO 1001".to_string(), "ISO 1000".to_string()];
        let first = searcher.by_ids(&ids).unwrap();
        assert_eq!(index.inner.records.get(&DocAddress::new(0, 0)).map(|d| d.0), Some(0));
        let again = searcher.by_ids(&ids).unwrap();
        let read = |hits: &[Hit]| -> Vec<(u64, Record)> {
            hits.iter().map(|hit| (hit.ordinal, hit.record.clone())).collect()
        };
        assert_eq!(read(&again), read(&first));
        let mut decoded: Vec<&Record> = first.iter().map(|hit| &hit.record).collect();
        decoded.sort_by(|a, b| a.id.cmp(&b.id));
        let ids: Vec<&str> = decoded.iter().map(|record| record.id.as_str()).collect();
        assert_eq!(ids, ["ISO 1000", "ISO 1001"]);
    }
}
