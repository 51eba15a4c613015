//! Building an index: analyse and write every record into a new generation beside the current
//! one, then publish it (see [`crate::layout`]), so an interrupted or failed build leaves the
//! previous index usable.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use nwip_bridge::BridgeTable;
use nwip_corpus::docid::{document_key, family_key};
use nwip_corpus::Record;
use nwip_text::{Analyzer, Language, Sketch};
use rayon::prelude::*;
use tantivy::{doc, Index, TantivyDocument};

use crate::analysis::register_tokenizers;
use crate::bridge::{default_dictionary, learn_bridge, read_dictionary, write_bridge};
use crate::directory::RecordingDirectory;
use crate::error::{Error, Result};
use crate::failpoints::step;
use crate::layout::BuildLock;
use crate::meanings::MeaningFile;
use crate::meta::IndexMeta;
use crate::schema::{field_language, Fields, FIELD_LANGUAGES};
use crate::sketches::SketchFile;
use crate::spool::MeaningSpool;
use crate::vectors::{default_word_vectors, read_word_vectors, LoadedVectors};

/// What writing the documents gives besides the tantivy files: the metadata, the side files,
/// and the word-vector table read for the meanings.
pub(crate) struct Written {
    meta: IndexMeta,
    sketches: SketchFile,
    bridge: BridgeTable,
    meanings: Option<MeaningFile>,
    word_vectors: Option<LoadedVectors>,
}
use crate::NwipIndex;

type ProgressFn = Box<dyn Fn(usize, usize) + Send + Sync>;

/// Default of [`IndexBuilder::compact_above`]: an update merges the whole index once a tenth of
/// its records are replaced or removed ones.
const DEFAULT_COMPACT_ABOVE: f64 = 0.1;

/// Builds an nwip index from records.
///
/// ```
/// # fn main() -> nwip_index::Result<()> {
/// let line = r#"{"docid":[{"id":"ISO 9001:2015","type":"ISO","primary":true}],
///                "title":[{"content":"Quality management systems - Requirements","language":"en"}]}"#;
/// let records = vec![nwip_corpus::Record::from_relaton_json(line).unwrap()];
/// let dir = tempfile::tempdir().unwrap();
/// let summary = nwip_index::IndexBuilder::new().threads(1).build(dir.path().join("index"), records, &[], 0)?;
/// assert_eq!(summary.records, 1);
/// let index = nwip_index::NwipIndex::open(dir.path().join("index"))?;
/// assert_eq!(index.meta().records, 1);
/// # Ok(())
/// # }
/// ```
pub struct IndexBuilder {
    pub(crate) threads: usize,
    pub(crate) memory_per_thread: usize,
    pub(crate) progress: Option<ProgressFn>,
    pub(crate) dictionary: Option<PathBuf>,
    pub(crate) word_vectors: Option<PathBuf>,
    pub(crate) compact_above: f64,
}

impl Default for IndexBuilder {
    fn default() -> Self {
        IndexBuilder::new()
    }
}

impl std::fmt::Debug for IndexBuilder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("IndexBuilder").field("threads", &self.threads).finish_non_exhaustive()
    }
}

/// Tantivy's indexing memory per thread by default: 128 MiB.
///
/// A thread writes a segment each time its buffer fills, and the build merges every segment into
/// one at the end anyway, so a larger buffer buys little: halving it from 256 MiB took
/// `nwip index ../shared/corpus` (345,343 records, two threads; `/usr/bin/time`, two runs of
/// each, alternating) from 75-77 s and 1,037,896-1,047,472 KB peak RSS to 63-68 s and
/// 874,432-905,196 KB, and left the index byte for byte the same.
pub const DEFAULT_MEMORY_PER_THREAD: usize = 128 << 20;

impl IndexBuilder {
    /// Creates a builder using every core, with tantivy's indexing memory at
    /// [`DEFAULT_MEMORY_PER_THREAD`] per thread.
    pub fn new() -> IndexBuilder {
        let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
        IndexBuilder {
            threads,
            memory_per_thread: DEFAULT_MEMORY_PER_THREAD,
            progress: None,
            dictionary: default_dictionary(),
            word_vectors: default_word_vectors(),
            compact_above: DEFAULT_COMPACT_ABOVE,
        }
    }

    /// Sets the number of indexing threads (at least 1).
    pub fn threads(mut self, threads: usize) -> IndexBuilder {
        self.threads = threads.max(1);
        self
    }

    /// Sets the indexing memory budget per thread, in bytes (at least 16 MiB).
    pub fn memory_per_thread(mut self, bytes: usize) -> IndexBuilder {
        self.memory_per_thread = bytes.max(16 << 20);
        self
    }

    /// Sets the English–Russian dictionary (dictd files at `prefix`, without their endings) that
    /// seeds the bridge table's Russian, or `None` for none. By default the one
    /// [`crate::default_dictionary`] names; a dictionary whose files are absent is skipped and
    /// the metadata says so ([`IndexMeta::russian_dictionary`]).
    pub fn russian_dictionary(mut self, prefix: Option<PathBuf>) -> IndexBuilder {
        self.dictionary = prefix;
        self
    }

    /// Sets the word-vector table (`scripts/build-word-vectors.py` writes it) copied into the
    /// index, or `None` for none. By default the one [`crate::default_word_vectors`] names; a
    /// table that is absent is skipped and the metadata says so ([`IndexMeta::word_vectors`]).
    pub fn word_vectors(mut self, path: Option<PathBuf>) -> IndexBuilder {
        self.word_vectors = path;
        self
    }

    /// Sets when an update ([`IndexBuilder::update`]) merges the whole index into one segment:
    /// when more than this share of its records (0 to 1) are replaced or removed ones still
    /// counted in term statistics. `0.0` merges after every update, `1.0` never.
    ///
    /// Merging makes the index exactly what a full build of the same records gives (term
    /// statistics without the removed records) but rewrites every file, which takes a good part
    /// of a full build's time; below the threshold an update touches only the records it changes.
    pub fn compact_above(mut self, share: f64) -> IndexBuilder {
        self.compact_above = share.clamp(0.0, 1.0);
        self
    }

    /// Calls `progress(done, total)` as records are written (`total` is 0 when not known ahead,
    /// as in a [`StreamingBuild`](crate::StreamingBuild)).
    pub fn on_progress(
        mut self,
        progress: impl Fn(usize, usize) + Send + Sync + 'static,
    ) -> IndexBuilder {
        self.progress = Some(Box::new(progress));
        self
    }

    /// Builds the index of `records` at `path`, replacing the index there only once the new one is
    /// complete. `sources` and `skipped` describe the input, for the metadata.
    ///
    /// The new index is written as a new generation inside `path` and published by one atomic
    /// rename of its `CURRENT` pointer (see the crate's `layout` documentation): a failed or
    /// killed build leaves the previous index in place and usable, and readers that have the
    /// previous one open keep reading it.
    ///
    /// # Errors
    /// [`Error::Busy`] when another build of the same index is running, [`Error::NotAnIndex`]
    /// when `path` holds something else, [`Error::Write`] naming the file when a write fails
    /// (a full disk), or any error of the build itself.
    pub fn build(
        self,
        path: impl AsRef<Path>,
        records: Vec<Record>,
        sources: &[PathBuf],
        skipped: usize,
    ) -> Result<IndexMeta> {
        let lock = BuildLock::acquire(path.as_ref())?;
        let generation = lock.create_generation()?;
        let meta = match self.build_into(&generation, records, sources, skipped) {
            Ok(meta) => meta,
            Err(error) => {
                lock.discard(&generation);
                return Err(error);
            }
        };
        if let Err(error) = lock.publish(&generation) {
            lock.discard(&generation);
            return Err(error);
        }
        Ok(meta)
    }

    /// Builds an index in memory (nothing written to disk), for tests and small embedded corpora.
    pub fn build_in_ram(self, records: Vec<Record>) -> Result<NwipIndex> {
        let fields = Fields::new();
        let index = Index::builder()
            .schema(fields.schema.clone())
            .settings(crate::schema::index_settings())
            .create_in_ram()?;
        let written = self.write_documents(&index, &fields, records, &[], 0, None)?;
        let Written { meta, sketches, bridge, meanings, word_vectors } = written;
        let meta =
            IndexMeta { word_vectors: word_vectors.as_ref().map(LoadedVectors::describe), ..meta };
        let table = word_vectors.map(|loaded| loaded.table);
        NwipIndex::from_parts(index, fields, meta, sketches, bridge, table, meanings)
    }

    fn build_into(
        &self,
        dir: &Path,
        records: Vec<Record>,
        sources: &[PathBuf],
        skipped: usize,
    ) -> Result<IndexMeta> {
        let fields = Fields::new();
        let directory = RecordingDirectory::open(dir)?;
        let first_write_error = directory.first_error();
        let written =
            Index::create(directory, fields.schema.clone(), crate::schema::index_settings())
                .map_err(Error::from)
                .and_then(|index| {
                    self.write_documents(&index, &fields, records, sources, skipped, Some(dir))
                });
        // Tantivy's worker threads report a failed write (a full disk) only as "the index
        // writer was killed": name the file and the cause instead.
        let written = written.map_err(|error| {
            match first_write_error.lock().ok().and_then(|mut first| first.take()) {
                Some((path, source)) => Error::Write { path, source },
                None => error,
            }
        })?;
        let Written { meta, sketches, bridge, meanings, word_vectors } = written;
        step("documents-written")?;
        sketches.write(dir)?;
        write_bridge(dir, &bridge)?;
        if let Some(meanings) = &meanings {
            meanings.write(dir)?;
        }
        let word_vectors = match &word_vectors {
            Some(loaded) => Some(loaded.install(dir)?),
            None => None,
        };
        step("side-files-written")?;
        let meta = IndexMeta { word_vectors, ..meta };
        meta.write(dir)?;
        step("meta-written")?;
        Ok(meta)
    }

    fn write_documents(
        &self,
        index: &Index,
        fields: &Fields,
        records: Vec<Record>,
        sources: &[PathBuf],
        skipped: usize,
        spool_in: Option<&Path>,
    ) -> Result<Written> {
        let started = Instant::now();
        register_tokenizers(index);
        let mut writer = writer(index, self.threads, self.memory_per_thread)?;
        let total = records.len();
        let analyzer = Analyzer::new();
        let done = std::sync::atomic::AtomicUsize::new(0);
        let mut by_org: BTreeMap<String, usize> = BTreeMap::new();
        let mut by_state: BTreeMap<String, usize> = BTreeMap::new();
        for record in &records {
            *by_org.entry(record.org.clone()).or_default() += 1;
            *by_state.entry(record.stage.lifecycle.as_str().to_string()).or_default() += 1;
        }
        let word_vectors = match &self.word_vectors {
            Some(path) => read_word_vectors(path)?,
            None => None,
        };
        let dictionary = match &self.dictionary {
            Some(prefix) => read_dictionary(prefix)?.map(|dictionary| (prefix, dictionary)),
            None => None,
        };
        let russian_dictionary = dictionary.as_ref().map(|(prefix, dictionary)| {
            format!("{} ({} headwords)", prefix.display(), dictionary.len())
        });
        // The bilingual table is learned on one core while the others write documents.
        let (bridge, sketches) = rayon::join(
            || {
                let started = Instant::now();
                let dictionary = dictionary.as_ref().map(|(_, dictionary)| dictionary);
                let bridge = learn_bridge(&records, &analyzer, dictionary);
                let meanings = word_vectors.as_ref().map(|LoadedVectors { table, .. }| {
                    let mut spool = MeaningSpool::create(spool_in, table.dims())?;
                    spool.extend(table, &records)?;
                    spool.finish()
                });
                (bridge, meanings, started.elapsed().as_secs_f64())
            },
            || {
                let counter = Counter { done: &done, total };
                self.write_records(&writer, fields, &records, 0, &analyzer, &counter)
            },
        );
        let (bridge, meanings, bridge_seconds) = bridge;
        let meanings = meanings.transpose()?;
        let sketches = sketches?;
        writer.commit()?;
        // One segment: every query then walks each posting list once, not once per segment.
        let segments = index.searchable_segment_ids()?;
        if segments.len() > 1 {
            writer.merge(&segments).wait()?;
        }
        writer.wait_merging_threads()?;
        let sketch_file = SketchFile::new(sketches);
        let meta = IndexMeta {
            records: total,
            by_org,
            by_state,
            skipped,
            sketched: sketch_file.count(),
            build_seconds: started.elapsed().as_secs_f64(),
            ..IndexMeta::of_new_build(sources, &bridge, bridge_seconds, russian_dictionary)
        };
        Ok(Written { meta, sketches: sketch_file, bridge, meanings, word_vectors })
    }

    /// Writes `records` with the ordinals `first_ordinal..`, and returns their sketches in order.
    pub(crate) fn write_records(
        &self,
        writer: &tantivy::IndexWriter<TantivyDocument>,
        fields: &Fields,
        records: &[Record],
        first_ordinal: u64,
        analyzer: &Analyzer,
        counter: &Counter<'_>,
    ) -> Result<Vec<Option<Sketch>>> {
        let Counter { done, total } = *counter;
        records
            .par_iter()
            .enumerate()
            .map(|(position, record)| {
                let ordinal = first_ordinal + position as u64;
                let (document, sketch) = record_document(fields, ordinal, record, analyzer);
                writer.add_document(document).map_err(Error::from)?;
                let finished = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
                if let Some(progress) = &self.progress {
                    if finished.is_multiple_of(2048) || finished == total {
                        progress(finished, total);
                    }
                }
                Ok(sketch)
            })
            .collect()
    }
}

/// Returns the text a record is sketched from and its language: its title and abstract in the
/// first language that has an abstract, else its first title.
pub fn sketch_text(record: &Record) -> Option<(Language, String)> {
    let language = record
        .abstracts
        .first()
        .map(|a| a.language)
        .or_else(|| record.titles.first().map(|t| t.language))?;
    let title = record.title_in(language).unwrap_or_default();
    let summary = record.abstract_in(language).unwrap_or_default();
    Some((language, format!("{title} {summary}")))
}

pub(crate) fn record_document(
    fields: &Fields,
    ordinal: u64,
    record: &Record,
    analyzer: &Analyzer,
) -> (TantivyDocument, Option<Sketch>) {
    let mut document = doc!(
        fields.ordinal => ordinal,
        fields.id => record.id.clone(),
        fields.document => record.document.clone(),
        fields.role => record.role.as_str(),
        fields.stage => record.stage.raw.clone(),
        fields.date => record.date.clone().unwrap_or_default(),
        fields.key => record.key.clone(),
        fields.family => family_key(&record.id),
        // upper-case, as filters ask for it (`CalConnect` is found by `--org calconnect`)
        fields.org => record.org.to_ascii_uppercase(),
        fields.state => record.stage.lifecycle.as_str(),
    );
    for alt in &record.alt_ids {
        document.add_text(fields.key, document_key(alt));
    }
    if let Some(committee) = &record.committee {
        document.add_text(fields.committee, committee.id.clone());
        if committee.top_level() != committee.id {
            document.add_text(fields.committee, committee.top_level());
        }
    }
    let mut ics_terms: Vec<&str> =
        record.ics.iter().flat_map(|code| nwip_corpus::ics::ics_ancestors(code)).collect();
    ics_terms.sort_unstable();
    ics_terms.dedup();
    for code in ics_terms {
        document.add_text(fields.ics, code);
    }
    // The languages the record has no title in: a short posting list for English, so a query
    // restricted to records without an English title intersects cheaply.
    for language in FIELD_LANGUAGES {
        if !record.titles.iter().any(|title| field_language(title.language) == language) {
            document.add_text(fields.missing_titles, language.code());
        }
    }
    for title in &record.titles {
        document.add_text(fields.title(title.language), &title.text);
    }
    for summary in &record.abstracts {
        document.add_text(fields.abstract_field(summary.language), &summary.text);
    }
    if !record.keywords.is_empty() {
        document.add_text(fields.abstract_field(Language::English), record.keywords.join(". "));
    }
    let sketch = sketch_text(record)
        .and_then(|(language, text)| Sketch::from_terms(&analyzer.terms(&text, language)));
    if let Some(sketch) = &sketch {
        for band in sketch.bands() {
            document.add_u64(fields.bands, band);
        }
    }
    let json = serde_json::to_string(record).unwrap_or_default();
    document.add_text(fields.record, &json);
    (document, sketch)
}

/// Counts the records written, for the progress callback: `total` is 0 when not known ahead.
#[derive(Clone, Copy)]
pub(crate) struct Counter<'a> {
    pub(crate) done: &'a std::sync::atomic::AtomicUsize,
    pub(crate) total: usize,
}

/// Returns the time now, seconds since the Unix epoch.
pub(crate) fn unix_now() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

/// The index writer of a build or an update: `threads` indexing threads with
/// `memory_per_thread` bytes each, and no merges of its own.
///
/// A build merges every segment into one after its commit, and an update chooses what it merges.
/// Tantivy's default merge policy would also merge in the background whenever enough segments of
/// a size pile up, and an explicit merge of segments a background one has taken fails ("the
/// segments that were merged could not be found"): the 3.45-million-record corpus of
/// `scripts/bench-scale.sh 10` failed so after 14 minutes, where smaller builds have too few
/// segments for the policy to start.
pub(crate) fn writer(
    index: &tantivy::Index,
    threads: usize,
    memory_per_thread: usize,
) -> tantivy::Result<tantivy::IndexWriter<TantivyDocument>> {
    let writer = index.writer_with_num_threads(threads, memory_per_thread * threads)?;
    writer.set_merge_policy(Box::new(tantivy::indexer::NoMergePolicy));
    Ok(writer)
}
