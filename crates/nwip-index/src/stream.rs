//! Building an index from batches of records, in bounded memory: each batch is written into the
//! new generation and dropped, so a build holds one batch at a time, not the corpus.
//!
//! What needs the whole corpus is kept in a compact form while batches pass: the counts per
//! organisation and state, the near-duplicate sketches (written to `sketches.bin` slot by slot),
//! and the aligned title and abstract term pairs the bilingual table is learned from at the end
//! (learned while tantivy commits and merges). Tantivy's indexing memory is its own budget
//! ([`IndexBuilder::memory_per_thread`]).
//!
//! The generation is published only by [`StreamingBuild::finish`]; a build that fails, or is
//! dropped unfinished, leaves the previous index in place (see [`crate::layout`]).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicUsize;
use std::time::Instant;

use nwip_bridge::Dictionary;
use nwip_corpus::Record;
use nwip_text::Analyzer;
use tantivy::{Index, IndexWriter, TantivyDocument};

use crate::analysis::register_tokenizers;
use crate::bridge::{read_dictionary, write_bridge, BridgeLearner};
use crate::builder::Counter;
use crate::directory::{FirstWriteError, RecordingDirectory};
use crate::error::{Error, Result};
use crate::failpoints::step;
use crate::layout::BuildLock;
use crate::meta::IndexMeta;
use crate::schema::Fields;
use crate::sketches::SketchWriter;
use crate::spool::MeaningSpool;
use crate::vectors::{read_word_vectors, LoadedVectors};
use crate::IndexBuilder;

/// A build in progress, fed batch by batch ([`IndexBuilder::start`]).
///
/// ```
/// # fn main() -> nwip_index::Result<()> {
/// let record = |n: usize| {
///     let line = format!(r#"{{"docid":[{{"id":"ISO {n}:2020","type":"ISO","primary":true}}],
///         "title":[{{"content":"Screw threads part {n}","language":"en"}}]}}"#);
///     nwip_corpus::Record::from_relaton_json(&line).unwrap()
/// };
/// let dir = tempfile::tempdir().unwrap();
/// let mut build = nwip_index::IndexBuilder::new().threads(1).start(dir.path().join("index"))?;
/// for batch in [vec![record(1), record(2)], vec![record(3)]] {
///     build.add(batch)?;
/// }
/// let meta = build.finish(&[], 0)?;
/// assert_eq!(meta.records, 3);
/// # Ok(())
/// # }
/// ```
pub struct StreamingBuild {
    builder: IndexBuilder,
    lock: BuildLock,
    generation: PathBuf,
    /// `None` once finished (or failed in `finish`).
    state: Option<State>,
}

struct State {
    fields: Fields,
    index: Index,
    writer: IndexWriter<TantivyDocument>,
    first_write_error: FirstWriteError,
    analyzer: Analyzer,
    bridge: BridgeLearner,
    /// The Russian dictionary (read when the build starts, so a damaged one stops it early) and
    /// what the metadata says of it.
    dictionary: Option<(Dictionary, String)>,
    /// The word-vector table (where it was read, the table) and the spooled meanings of the
    /// records written so far.
    meanings: Option<(LoadedVectors, MeaningSpool)>,
    sketches: SketchWriter,
    records: usize,
    done: AtomicUsize,
    by_org: BTreeMap<String, usize>,
    by_state: BTreeMap<String, usize>,
    started: Instant,
}

impl std::fmt::Debug for StreamingBuild {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StreamingBuild")
            .field("generation", &self.generation)
            .field("records", &self.records())
            .finish_non_exhaustive()
    }
}

impl IndexBuilder {
    /// Starts a build of the index at `path` fed in batches ([`StreamingBuild::add`]) and
    /// published by [`StreamingBuild::finish`]: memory holds one batch, not the corpus.
    ///
    /// # Errors
    /// As [`IndexBuilder::build`]: [`Error::Busy`], [`Error::NotAnIndex`], [`Error::Write`].
    pub fn start(self, path: impl AsRef<Path>) -> Result<StreamingBuild> {
        let lock = BuildLock::acquire(path.as_ref())?;
        let generation = lock.create_generation()?;
        let state = match self.open_state(&generation) {
            Ok(state) => state,
            Err(error) => {
                lock.discard(&generation);
                return Err(error);
            }
        };
        Ok(StreamingBuild { builder: self, lock, generation, state: Some(state) })
    }

    fn open_state(&self, generation: &Path) -> Result<State> {
        let dictionary = match &self.dictionary {
            Some(prefix) => read_dictionary(prefix)?.map(|dictionary| {
                let described = format!("{} ({} headwords)", prefix.display(), dictionary.len());
                (dictionary, described)
            }),
            None => None,
        };
        let meanings = match &self.word_vectors {
            Some(source) => match read_word_vectors(source)? {
                Some(loaded) => {
                    let spool = MeaningSpool::create(Some(generation), loaded.table.dims())?;
                    Some((loaded, spool))
                }
                None => None,
            },
            None => None,
        };
        let fields = Fields::new();
        let directory = RecordingDirectory::open(generation)?;
        let first_write_error = directory.first_error();
        let index =
            Index::create(directory, fields.schema.clone(), crate::schema::index_settings())?;
        register_tokenizers(&index);
        let writer = crate::builder::writer(&index, self.threads, self.memory_per_thread)?;
        Ok(State {
            fields,
            index,
            writer,
            first_write_error,
            analyzer: Analyzer::new(),
            bridge: BridgeLearner::default(),
            dictionary,
            meanings,
            sketches: SketchWriter::create(generation)?,
            records: 0,
            done: AtomicUsize::new(0),
            by_org: BTreeMap::new(),
            by_state: BTreeMap::new(),
            started: Instant::now(),
        })
    }
}

impl StreamingBuild {
    /// Writes a batch of records (numbered after those of earlier batches).
    ///
    /// # Errors
    /// [`Error::Write`] naming the file when a write fails; the build is then abandoned (drop it).
    pub fn add(&mut self, records: Vec<Record>) -> Result<()> {
        let Some(state) = self.state.as_mut() else {
            return Err(Error::Interrupted("the build was already finished".into()));
        };
        let first_ordinal = state.records as u64;
        let written = self.builder.write_records(
            &state.writer,
            &state.fields,
            &records,
            first_ordinal,
            &state.analyzer,
            &Counter { done: &state.done, total: 0 },
        );
        let sketches =
            written.map_err(|error| name_write_error(&state.first_write_error, error))?;
        for sketch in &sketches {
            state.sketches.push(sketch.as_ref())?;
        }
        if let Some((loaded, meanings)) = state.meanings.as_mut() {
            meanings.extend(&loaded.table, &records)?;
        }
        for record in &records {
            state.bridge.add(record, &state.analyzer);
            *state.by_org.entry(record.org.clone()).or_default() += 1;
            *state.by_state.entry(record.stage.lifecycle.as_str().to_string()).or_default() += 1;
        }
        state.records += records.len();
        Ok(())
    }

    /// Returns how many records were added so far.
    pub fn records(&self) -> usize {
        self.state.as_ref().map_or(0, |state| state.records)
    }

    /// Commits and merges the documents, learns the bilingual table (meanwhile), writes the side
    /// files and the metadata, and publishes the generation. `sources` and `skipped` describe
    /// the input, for the metadata.
    ///
    /// # Errors
    /// [`Error::Write`] naming the file when a write fails, or any error of tantivy; the previous
    /// index is then left in place.
    pub fn finish(mut self, sources: &[PathBuf], skipped: usize) -> Result<IndexMeta> {
        let Some(state) = self.state.take() else {
            return Err(Error::Interrupted("the build was already finished".into()));
        };
        let first_write_error = state.first_write_error.clone();
        let meta = Self::complete(&self.generation, state, sources, skipped)
            .map_err(|error| name_write_error(&first_write_error, error))?;
        self.lock.publish(&self.generation)?;
        // Published: nothing is left to discard.
        self.generation = PathBuf::new();
        Ok(meta)
    }

    fn complete(
        dir: &Path,
        state: State,
        sources: &[PathBuf],
        skipped: usize,
    ) -> Result<IndexMeta> {
        let State {
            index,
            mut writer,
            analyzer,
            bridge,
            dictionary,
            meanings,
            sketches,
            records,
            by_org,
            by_state,
            started,
            ..
        } = state;
        let (dictionary, russian_dictionary) = dictionary.unzip();
        let (bridge, committed) = rayon::join(
            || {
                let started = Instant::now();
                let table = bridge.learn(&analyzer, dictionary.as_ref());
                (table, started.elapsed().as_secs_f64())
            },
            || -> Result<()> {
                writer.commit()?;
                // One segment: every query then walks each posting list once.
                let segments = index.searchable_segment_ids()?;
                if segments.len() > 1 {
                    writer.merge(&segments).wait()?;
                }
                writer.wait_merging_threads()?;
                Ok(())
            },
        );
        committed?;
        let (bridge, bridge_seconds) = bridge;
        step("documents-written")?;
        let sketched = sketches.sketched();
        sketches.finish()?;
        write_bridge(dir, &bridge)?;
        let word_vectors = match meanings {
            Some((loaded, spool)) => {
                spool.finish_into(dir)?;
                Some(loaded.install(dir)?)
            }
            None => None,
        };
        step("side-files-written")?;
        let meta = IndexMeta {
            records,
            by_org,
            by_state,
            skipped,
            sketched,
            build_seconds: started.elapsed().as_secs_f64(),
            word_vectors,
            ..IndexMeta::of_new_build(sources, &bridge, bridge_seconds, russian_dictionary)
        };
        meta.write(dir)?;
        step("meta-written")?;
        Ok(meta)
    }
}

impl Drop for StreamingBuild {
    /// An unfinished (or failed) build removes its generation; the previous index stays.
    fn drop(&mut self) {
        if !self.generation.as_os_str().is_empty() {
            // Tantivy's writer holds files of the generation open: close it first.
            self.state = None;
            self.lock.discard(&self.generation);
        }
    }
}

/// Tantivy's worker threads report a failed write (a full disk) only as "the index writer was
/// killed": name the file and the cause instead.
fn name_write_error(first_write_error: &FirstWriteError, error: Error) -> Error {
    match first_write_error.lock().ok().and_then(|mut first| first.take()) {
        Some((path, source)) => Error::Write { path, source },
        None => error,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Filter, NwipIndex};

    fn record(n: usize) -> Record {
        let line = format!(
            r#"{{"docid":[{{"id":"ISO {n}:2020","type":"ISO","primary":true}}],
                "title":[{{"content":"Water quality part {n} - Sampling of rivers","language":"en"}},
                         {{"content":"Qualité de l'eau partie {n} - Échantillonnage des rivières","language":"fr"}}],
                "abstract":[{{"content":"Guidance on sampling rivers and lakes for part {n}.","language":"en"}}]}}"#
        );
        Record::from_relaton_json(&line).unwrap()
    }

    fn builder() -> IndexBuilder {
        IndexBuilder::new().threads(1).memory_per_thread(16 << 20)
    }

    #[test]
    fn a_streaming_build_gives_the_index_a_whole_build_gives() {
        let dir = tempfile::tempdir().unwrap();
        let records: Vec<Record> = (1..=12).map(record).collect();
        let whole = builder().build(dir.path().join("whole"), records.clone(), &[], 0).unwrap();
        let mut build = builder().start(dir.path().join("streamed")).unwrap();
        for batch in records.chunks(5) {
            build.add(batch.to_vec()).unwrap();
        }
        assert_eq!(build.records(), 12);
        let streamed = build.finish(&[], 0).unwrap();
        assert_eq!(streamed.records, whole.records);
        assert_eq!(streamed.by_org, whole.by_org);
        assert_eq!(streamed.by_state, whole.by_state);
        assert_eq!(streamed.sketched, whole.sketched);
        assert_eq!(
            (streamed.bridge_pairs, streamed.bridge_terms),
            (whole.bridge_pairs, whole.bridge_terms)
        );

        let (a, b) = (
            NwipIndex::open(dir.path().join("whole")).unwrap(),
            NwipIndex::open(dir.path().join("streamed")).unwrap(),
        );
        assert_eq!(a.bridge().unwrap().to_bytes(), b.bridge().unwrap().to_bytes());
        let hits = |index: &NwipIndex| {
            let mut hits: Vec<(u64, String, bool)> = index
                .searcher()
                .select(&Filter::default())
                .unwrap()
                .into_iter()
                .map(|hit| {
                    let sketched = index.sketches().unwrap().get(hit.ordinal).is_some();
                    (hit.ordinal, hit.record.id, sketched)
                })
                .collect();
            hits.sort();
            hits
        };
        assert_eq!(hits(&a), hits(&b), "same records, ordinals and sketches");
    }

    #[test]
    fn an_unfinished_build_leaves_the_previous_index() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("idx");
        builder().build(&root, vec![record(1)], &[], 0).unwrap();
        let mut build = builder().start(&root).unwrap();
        build.add(vec![record(2), record(3)]).unwrap();
        drop(build);
        assert_eq!(NwipIndex::open(&root).unwrap().meta().records, 1);
        let generations = std::fs::read_dir(&root)
            .unwrap()
            .filter(|entry| {
                entry.as_ref().unwrap().file_name().to_string_lossy().starts_with("gen-")
            })
            .count();
        assert_eq!(generations, 1, "the unfinished generation is removed");
    }
}
