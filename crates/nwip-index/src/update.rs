//! Updating an index in place: add new records, replace changed ones, remove deleted ones, and
//! publish the result as a new generation (see [`crate::layout`]), so a reader sees the index
//! before or after the update and never half of it, and a failed update leaves it as it was.
//!
//! An update does not rewrite the index. The files of the current generation are hard-linked into
//! the new one (tantivy's segment files never change once written; `meta.json` and
//! `.managed.json`, which tantivy rewrites, are copied), then a tantivy writer on the new
//! generation deletes every record whose primary identifier the update names and adds the
//! update's records as a new segment, numbered after the highest ordinal in use. What is per
//! record stays consistent: the document identity (`document`, `role`, read from the identifier),
//! the near-duplicate sketch (`sketches.bin` gets the new records' slots, the removed ones are
//! cleared) and the counts of `nwip-meta.json`.
//!
//! Two things learn from the whole corpus and lag behind updates until the next full build:
//! - the bilingual term table `bridge.bin`, learned from every aligned title at the full build
//!   and carried over unchanged ([`IndexMeta::changed_since_build`] says how much changed since);
//! - tantivy's term statistics, which count replaced and removed records until their segment is
//!   merged. An update merges the whole index into one segment once they pass a share of it
//!   ([`IndexBuilder::compact_above`]); the index is then what a full build of the same records
//!   gives, but for the bilingual table.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicUsize;
use std::time::Instant;

use nwip_corpus::Record;
use nwip_text::Analyzer;
use serde::Serialize;
use tantivy::collector::DocSetCollector;
use tantivy::index::{SegmentComponent, SegmentId};
use tantivy::query::TermQuery;
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, Index, IndexReader, ReloadPolicy, Searcher, TantivyDocument, Term};

use crate::analysis::register_tokenizers;
use crate::builder::{unix_now, Counter};
use crate::directory::RecordingDirectory;
use crate::error::{Error, Result};
use crate::failpoints::step;
use crate::layout::{is_old_layout_file, BuildLock};
use crate::meanings::{MeaningFile, FILE_NAME as MEANINGS_FILE};
use crate::meta::{IndexMeta, SourceFile, META_FILE};
use crate::schema::Fields;
use crate::sketches::{SketchFile, FILE_NAME as SKETCH_FILE};
use crate::vectors::open_word_vectors;
use crate::IndexBuilder;

/// What an update changed.
#[derive(Debug, Clone, Serialize)]
#[non_exhaustive]
pub struct UpdateSummary {
    /// The metadata of the updated index.
    pub meta: IndexMeta,
    /// Records of the update written into the index.
    pub written: usize,
    /// Records of the index replaced by a record of the update with the same primary identifier.
    pub replaced: usize,
    /// Records of the index removed because the update lists their identifier for removal.
    pub removed: usize,
    /// Identifiers listed for removal that no record of the index has (nothing to remove).
    pub not_found: Vec<String>,
    /// Whether the update merged the whole index into one segment (see
    /// [`IndexBuilder::compact_above`]).
    pub compacted: bool,
    /// Wall-clock seconds the update took (reading the update files excluded).
    pub seconds: f64,
}

/// A record of the index that an update takes out.
struct Outgoing {
    ordinal: u64,
    org: String,
    lifecycle: String,
    /// Taken out because the update carries a new record of its identifier (else: listed for
    /// removal).
    replaced: bool,
}

impl IndexBuilder {
    /// Updates the index at `path` in place: every record whose primary identifier is one of
    /// `records`' or is listed in `removals` is taken out, then `records` are added. An
    /// identifier both listed for removal and given a record is replaced. `sources` and
    /// `skipped` describe the update files, for the metadata.
    ///
    /// The result is published as a new generation, like a build: a reader sees the index as it
    /// was or as updated, and a failed or killed update leaves it as it was.
    ///
    /// ```
    /// # fn main() -> nwip_index::Result<()> {
    /// use nwip_index::{IndexBuilder, NwipIndex};
    /// let record = |id: &str, title: &str| {
    ///     let line = format!(r#"{{"docid":[{{"id":"{id}","type":"ISO","primary":true}}],
    ///         "title":[{{"content":"{title}","language":"en"}}]}}"#);
    ///     nwip_corpus::Record::from_relaton_json(&line).unwrap()
    /// };
    /// let dir = tempfile::tempdir().unwrap();
    /// let path = dir.path().join("index");
    /// let first = vec![record("ISO 1:2020", "Screw threads"), record("ISO 2:2020", "Gears")];
    /// IndexBuilder::new().threads(1).build(&path, first, &[], 0)?;
    /// let changes = vec![record("ISO 2:2020", "Gears - Vocabulary"), record("ISO 3:2024", "Bolts")];
    /// let removals = ["ISO 1:2020".to_string()];
    /// let summary = IndexBuilder::new().threads(1).update(&path, changes, &removals, &[], 0)?;
    /// assert_eq!((summary.written, summary.replaced, summary.removed), (2, 1, 1));
    /// assert_eq!(NwipIndex::open(&path)?.meta().records, 2);
    /// # Ok(())
    /// # }
    /// ```
    ///
    /// # Errors
    /// [`Error::NotFound`] when there is no index at `path`, [`Error::IncompatibleIndex`] when it
    /// was written by another format version, [`Error::Busy`] when a build or another update of it
    /// is running, [`Error::Write`] naming the file when a write fails.
    pub fn update(
        self,
        path: impl AsRef<Path>,
        records: Vec<Record>,
        removals: &[String],
        sources: &[PathBuf],
        skipped: usize,
    ) -> Result<UpdateSummary> {
        let started = Instant::now();
        let root = path.as_ref();
        if !root.try_exists().map_err(|error| Error::io(root, error))? {
            return Err(Error::NotFound { path: root.to_path_buf() });
        }
        let lock = BuildLock::acquire(root)?;
        let Some(current) = lock.current()? else {
            return Err(Error::NotFound { path: root.to_path_buf() });
        };
        let meta = IndexMeta::read(&current).map_err(|error| match error {
            Error::IncompatibleIndex { found, expected, .. } => {
                Error::IncompatibleIndex { path: root.to_path_buf(), found, expected }
            }
            other => other,
        })?;
        let generation = lock.create_generation()?;
        let change = Change { records, removals, sources, skipped };
        let mut summary = match self.update_into(&current, &generation, meta, change) {
            Ok(summary) => summary,
            Err(error) => {
                lock.discard(&generation);
                return Err(error);
            }
        };
        if let Err(error) = lock.publish(&generation) {
            lock.discard(&generation);
            return Err(error);
        }
        summary.seconds = started.elapsed().as_secs_f64();
        Ok(summary)
    }

    fn update_into(
        &self,
        current: &Path,
        generation: &Path,
        meta: IndexMeta,
        change: Change<'_>,
    ) -> Result<UpdateSummary> {
        carry_over(current, generation)?;
        let directory = RecordingDirectory::open(generation)?;
        let first_write_error = directory.first_error();
        let applied = self.apply(current, generation, directory, meta, change);
        // As in a build: name the file a failed write hit rather than "the writer was killed".
        applied.map_err(|error| {
            match first_write_error.lock().ok().and_then(|mut first| first.take()) {
                Some((path, source)) => Error::Write { path, source },
                None => error,
            }
        })
    }

    fn apply(
        &self,
        current: &Path,
        generation: &Path,
        directory: RecordingDirectory,
        mut meta: IndexMeta,
        change: Change<'_>,
    ) -> Result<UpdateSummary> {
        let fields = Fields::new();
        let index = Index::open(directory)?;
        if index.schema() != fields.schema {
            return Err(Error::IncompatibleIndex {
                path: current.to_path_buf(),
                found: meta.format_version,
                expected: crate::FORMAT_VERSION,
            });
        }
        register_tokenizers(&index);
        let reader: IndexReader =
            index.reader_builder().reload_policy(ReloadPolicy::Manual).try_into()?;
        let searcher = reader.searcher();
        let given: BTreeSet<&str> = change.records.iter().map(|r| r.id.as_str()).collect();
        let listed: BTreeSet<&str> = change.removals.iter().map(String::as_str).collect();
        let mut outgoing = Vec::new();
        let mut not_found = Vec::new();
        for id in given.union(&listed) {
            let found = records_with_id(&searcher, &fields, id, given.contains(id))?;
            if found.is_empty() && !given.contains(id) {
                not_found.push((*id).to_string());
            }
            outgoing.extend(found);
        }
        let first_ordinal = next_ordinal(&searcher)?;
        drop(searcher);
        drop(reader);

        // The segments there were, largest (the full build's) first: merges keep this order and
        // put the update's records after them, so records stay in the order they arrived.
        let mut before = index.searchable_segment_metas()?;
        before.sort_by_key(|segment| std::cmp::Reverse(segment.max_doc()));
        let before: Vec<SegmentId> = before.iter().map(|segment| segment.id()).collect();
        let mut writer = crate::builder::writer(&index, self.threads, self.memory_per_thread)?;
        for id in given.union(&listed) {
            writer.delete_term(Term::from_field_text(fields.id, id));
        }
        let analyzer = Analyzer::new();
        let done = AtomicUsize::new(0);
        let counter = Counter { done: &done, total: change.records.len() };
        let sketches = self.write_records(
            &writer,
            &fields,
            &change.records,
            first_ordinal,
            &analyzer,
            &counter,
        )?;
        writer.commit()?;
        let compacted = merge_segments(&index, &mut writer, &before, self.compact_above)?;
        writer.wait_merging_threads()?;
        remove_dead_segment_files(&index, generation)?;
        step("documents-written")?;

        let mut sketch_file = SketchFile::read(current)?;
        for gone in &outgoing {
            sketch_file.set(gone.ordinal, None);
        }
        for (position, sketch) in sketches.into_iter().enumerate() {
            sketch_file.set(first_ordinal + position as u64, sketch);
        }
        sketch_file.write(generation)?;
        // The meanings, when the index has a word-vector table (carried over with the rest).
        if let (Some(mut meanings), Some(table)) =
            (MeaningFile::read(current)?, open_word_vectors(generation)?)
        {
            for gone in &outgoing {
                meanings.set(gone.ordinal, None);
            }
            for (position, record) in change.records.iter().enumerate() {
                let meaning = meanings.meaning_of(&table, record);
                meanings.set(first_ordinal + position as u64, meaning.as_deref());
            }
            meanings.write(generation)?;
        }
        step("side-files-written")?;

        let replaced = outgoing.iter().filter(|gone| gone.replaced).count();
        let removed = outgoing.len() - replaced;
        for gone in &outgoing {
            decrement(&mut meta.by_org, &gone.org);
            decrement(&mut meta.by_state, &gone.lifecycle);
        }
        for record in &change.records {
            *meta.by_org.entry(record.org.clone()).or_default() += 1;
            *meta.by_state.entry(record.stage.lifecycle.as_str().to_string()).or_default() += 1;
        }
        let alive: u64 =
            index.searchable_segment_metas()?.iter().map(|segment| segment.num_docs() as u64).sum();
        meta.records = alive as usize;
        meta.sources.extend(change.sources.iter().map(|path| SourceFile::describe(path)));
        meta.fingerprint = IndexMeta::fingerprint_of(&meta.sources);
        meta.skipped += change.skipped;
        meta.sketched = sketch_file.count();
        meta.nwip_version = env!("CARGO_PKG_VERSION").to_string();
        meta.updates += 1;
        meta.changed_since_build += change.records.len() + removed;
        meta.updated_at_unix = unix_now();
        meta.write(generation)?;
        step("meta-written")?;
        Ok(UpdateSummary {
            meta,
            written: change.records.len(),
            replaced,
            removed,
            not_found,
            compacted,
            seconds: 0.0,
        })
    }
}

/// The content of one update.
struct Change<'a> {
    records: Vec<Record>,
    removals: &'a [String],
    sources: &'a [PathBuf],
    skipped: usize,
}

/// Brings the files of the current generation into the new one: segment files and the bridge
/// table hard-linked (they never change once written), the rest copied. The metadata and the
/// sketches are written afresh; tantivy's lock files are left behind.
fn carry_over(current: &Path, generation: &Path) -> Result<()> {
    let entries = std::fs::read_dir(current).map_err(|error| Error::io(current, error))?;
    for entry in entries {
        let entry = entry.map_err(|error| Error::io(current, error))?;
        if !entry.file_type().is_ok_and(|kind| kind.is_file()) {
            continue;
        }
        let name = entry.file_name().to_string_lossy().into_owned();
        let rewritten = name == META_FILE
            || name == SKETCH_FILE
            || name == MEANINGS_FILE
            || name.ends_with(".tmp");
        let lock = name.starts_with(".tantivy-") && name.ends_with(".lock");
        // An index of the old layout shares its folder with the generations: take its own files.
        if rewritten || lock || !is_old_layout_file(&name) {
            continue;
        }
        let target = generation.join(&name);
        let immutable = name != "meta.json" && name != ".managed.json";
        let linked = immutable && std::fs::hard_link(entry.path(), &target).is_ok();
        if !linked {
            std::fs::copy(entry.path(), &target).map_err(|error| Error::write(&target, error))?;
        }
    }
    Ok(())
}

/// Finds the records of the index whose primary identifier is `id`.
fn records_with_id(
    searcher: &Searcher,
    fields: &Fields,
    id: &str,
    replaced: bool,
) -> Result<Vec<Outgoing>> {
    let query = TermQuery::new(Term::from_field_text(fields.id, id), IndexRecordOption::Basic);
    let mut addresses: Vec<DocAddress> =
        searcher.search(&query, &DocSetCollector)?.into_iter().collect();
    addresses.sort();
    let mut found = Vec::with_capacity(addresses.len());
    for address in addresses {
        let document: TantivyDocument = searcher.doc(address)?;
        let (ordinal, record) = fields.stored_record(&document)?;
        let lifecycle = record.stage.lifecycle.as_str().to_string();
        found.push(Outgoing { ordinal, org: record.org, lifecycle, replaced });
    }
    Ok(found)
}

/// Returns the ordinal after the highest one in use (deleted records included, so an ordinal is
/// never given twice and the sketch slots of removed records stay empty).
fn next_ordinal(searcher: &Searcher) -> Result<u64> {
    let mut next = 0;
    for segment in searcher.segment_readers() {
        if segment.max_doc() == 0 {
            continue;
        }
        let column = segment.fast_fields().u64("ordinal")?;
        next = next.max(column.max_value() + 1);
    }
    Ok(next)
}

/// Merges segments after an update: the whole index into one when the records it still counts
/// but no longer holds pass `compact_above` of it, otherwise only the small segments (every one
/// but the largest of those `before` the update, and the update's own) into one. Segments are
/// merged in arrival order: `before` (largest first), then the update's. Returns whether the
/// whole index was merged.
fn merge_segments(
    index: &Index,
    writer: &mut tantivy::IndexWriter<TantivyDocument>,
    before: &[SegmentId],
    compact_above: f64,
) -> Result<bool> {
    let segments = index.searchable_segment_metas()?;
    let deleted: u64 = segments.iter().map(|segment| u64::from(segment.num_deleted_docs())).sum();
    let counted: u64 = segments.iter().map(|segment| u64::from(segment.max_doc())).sum();
    let compact = deleted > 0 && deleted as f64 > compact_above * counted as f64;
    let live: Vec<SegmentId> = segments.iter().map(|segment| segment.id()).collect();
    let mut order: Vec<SegmentId> = before.iter().copied().filter(|id| live.contains(id)).collect();
    order.extend(live.iter().copied().filter(|id| !before.contains(id)));
    if !compact && !before.is_empty() {
        order.retain(|id| *id != before[0]);
    }
    if order.len() > 1 || (compact && !order.is_empty()) {
        writer.merge(&order).wait()?;
    }
    Ok(compact)
}

/// Removes from the new generation the files of segments that are no longer in it (merged by
/// this update, or carried over from a generation that still listed them) and superseded delete
/// files: they are links, the old generation keeps its own.
fn remove_dead_segment_files(index: &Index, generation: &Path) -> Result<()> {
    let segments = index.searchable_segment_metas()?;
    let deletes: Vec<String> = segments
        .iter()
        .filter(|segment| segment.has_deletes())
        .map(|segment| segment.relative_path(SegmentComponent::Delete).to_string_lossy().into())
        .collect();
    let live: Vec<String> = segments.iter().map(|segment| segment.id().uuid_string()).collect();
    let entries = std::fs::read_dir(generation).map_err(|error| Error::io(generation, error))?;
    for entry in entries {
        let entry = entry.map_err(|error| Error::io(generation, error))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some((stem, extension)) = name.split_once('.') else { continue };
        let segment_file = stem.len() == 32 && stem.bytes().all(|byte| byte.is_ascii_hexdigit());
        if !segment_file {
            continue;
        }
        let dead = !live.iter().any(|id| id == stem)
            || (extension.ends_with("del") && !deletes.contains(&name));
        if dead {
            let path = entry.path();
            std::fs::remove_file(&path).map_err(|error| Error::write(&path, error))?;
        }
    }
    Ok(())
}

fn decrement(counts: &mut BTreeMap<String, usize>, key: &str) {
    if let Some(count) = counts.get_mut(key) {
        *count = count.saturating_sub(1);
        if *count == 0 {
            counts.remove(key);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Filter, NwipIndex};

    fn record(id: &str, title: &str, stage: &str) -> Record {
        let line = format!(
            r#"{{"docid":[{{"id":"{id}","type":"ISO","primary":true}}],
                "title":[{{"content":"{title}","language":"en"}}],
                "abstract":[{{"content":"This document specifies {title} for testing updates.","language":"en"}}],
                "docstatus":{{"stage":{{"value":"{stage}"}}}}}}"#
        );
        Record::from_relaton_json(&line).unwrap()
    }

    fn builder() -> IndexBuilder {
        IndexBuilder::new().threads(1).memory_per_thread(16 << 20)
    }

    fn ids(index: &NwipIndex) -> Vec<String> {
        let mut ids: Vec<String> = index
            .searcher()
            .select(&Filter::default())
            .unwrap()
            .into_iter()
            .map(|hit| hit.record.id)
            .collect();
        ids.sort();
        ids
    }

    fn first_build(root: &Path) {
        let records = vec![
            record("ISO 1:2020", "Screw threads", "60"),
            record("ISO 2:2020", "Gears", "60"),
            record("ISO/DIS 3", "Bolts and nuts", "40"),
            record("ISO 4:2019", "Washers", "60"),
        ];
        builder().build(root, records, &[], 0).unwrap();
    }

    #[test]
    fn adds_replaces_and_removes_records_and_keeps_counts_and_sketches_consistent() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("idx");
        first_build(&root);
        let changes = vec![
            record("ISO/DIS 3", "Bolts and nuts - Revised title", "50"),
            record("ISO 5:2025", "Rivets", "60"),
        ];
        let removals = vec!["ISO 1:2020".to_string(), "ISO 99:1999".to_string()];
        let summary =
            builder().compact_above(1.0).update(&root, changes, &removals, &[], 0).unwrap();
        assert_eq!((summary.written, summary.replaced, summary.removed), (2, 1, 1));
        assert_eq!(summary.not_found, vec!["ISO 99:1999".to_string()]);
        assert!(!summary.compacted, "compaction was turned off");

        let index = NwipIndex::open(&root).unwrap();
        assert_eq!(ids(&index), ["ISO 2:2020", "ISO 4:2019", "ISO 5:2025", "ISO/DIS 3"]);
        let meta = index.meta();
        assert_eq!(meta.records, 4);
        assert_eq!(meta.by_org.get("ISO"), Some(&4));
        assert_eq!(meta.by_state.get("under_development"), Some(&1));
        assert_eq!((meta.updates, meta.changed_since_build), (1, 3));
        let revised = index.searcher().by_ids(&["ISO/DIS 3".to_string()]).unwrap();
        assert_eq!(revised.len(), 1, "the old record of ISO/DIS 3 is gone");
        assert_eq!(revised[0].record.titles[0].text, "Bolts and nuts - Revised title");
        // New records are numbered after every ordinal in use; removed ones lose their sketch.
        assert!(revised[0].ordinal >= 4, "ordinal {}", revised[0].ordinal);
        let sketches = index.sketches().unwrap();
        assert_eq!(sketches.count(), 4);
        for hit in index.searcher().select(&Filter::default()).unwrap() {
            assert!(sketches.get(hit.ordinal).is_some(), "{} has its sketch", hit.record.id);
        }
    }

    /// Every record of `index` located by its ordinal is itself, and the ordinals of records
    /// gone are not found.
    fn assert_located_by_ordinal(index: &NwipIndex, gone: &[u64]) {
        let searcher = index.searcher();
        let hits = searcher.select(&Filter::default()).unwrap();
        let mut ordinals: Vec<u64> = hits.iter().map(|hit| hit.ordinal).collect();
        ordinals.extend(gone);
        ordinals.reverse();
        let located = searcher.locate(&ordinals).unwrap();
        assert_eq!(located.len(), hits.len(), "the ordinals of records gone are not found");
        for (located, hit) in located.iter().zip(hits.iter().rev()) {
            assert_eq!(located.ordinal, hit.ordinal);
            assert_eq!(searcher.load(located).unwrap().record.id, hit.record.id);
        }
    }

    #[test]
    fn records_are_located_by_ordinal_after_updates_and_compaction() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("idx");
        first_build(&root);
        let before = NwipIndex::open(&root).unwrap();
        let first = before.searcher().by_ids(&["ISO 1:2020".to_string()]).unwrap()[0].ordinal;
        let third = before.searcher().by_ids(&["ISO/DIS 3".to_string()]).unwrap()[0].ordinal;
        assert_located_by_ordinal(&before, &[]);
        // A new segment numbered from its own first record, and deleted records in the first.
        let changes =
            vec![record("ISO/DIS 3", "Bolts", "50"), record("ISO 5:2025", "Rivets", "60")];
        let removals = ["ISO 1:2020".to_string()];
        builder().compact_above(1.0).update(&root, changes, &removals, &[], 0).unwrap();
        let updated = NwipIndex::open(&root).unwrap();
        assert_eq!(updated.tantivy_index().searchable_segment_metas().unwrap().len(), 2);
        assert_located_by_ordinal(&updated, &[first, third]);
        // One segment again, its records numbered anew.
        let changes = vec![record("ISO 6:2025", "Pins", "60")];
        builder().compact_above(0.0).update(&root, changes, &[], &[], 0).unwrap();
        assert_located_by_ordinal(&NwipIndex::open(&root).unwrap(), &[first, third]);
    }

    #[test]
    fn a_reader_keeps_the_index_it_opened_and_the_next_one_sees_the_update() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("idx");
        first_build(&root);
        let before = NwipIndex::open(&root).unwrap();
        let changes = vec![record("ISO 6:2025", "Pins", "60")];
        builder().update(&root, changes, &[], &[], 0).unwrap();
        assert_eq!(ids(&before).len(), 4, "the open generation is unchanged");
        assert_eq!(ids(&NwipIndex::open(&root).unwrap()).len(), 5);
    }

    #[test]
    fn compaction_merges_the_index_into_one_segment_without_removed_records() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("idx");
        first_build(&root);
        let changes = vec![record("ISO 2:2020", "Gears - Vocabulary", "60")];
        let summary = builder().compact_above(0.0).update(&root, changes, &[], &[], 0).unwrap();
        assert!(summary.compacted);
        let index = NwipIndex::open(&root).unwrap();
        let segments = index.tantivy_index().searchable_segment_metas().unwrap();
        assert_eq!(segments.len(), 1);
        assert_eq!(segments[0].num_deleted_docs(), 0);
        assert_eq!(segments[0].num_docs(), 4);
    }

    #[test]
    fn small_segments_are_merged_and_the_large_one_kept() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("idx");
        first_build(&root);
        for n in 0..3 {
            let changes = vec![record(&format!("ISO {}:2025", 10 + n), "Springs", "60")];
            builder().compact_above(1.0).update(&root, changes, &[], &[], 0).unwrap();
        }
        let index = NwipIndex::open(&root).unwrap();
        let mut sizes: Vec<u32> = index
            .tantivy_index()
            .searchable_segment_metas()
            .unwrap()
            .iter()
            .map(|segment| segment.num_docs())
            .collect();
        sizes.sort_unstable();
        assert_eq!(sizes, [3, 4], "the three updates share one segment beside the built one");
        assert_eq!(index.meta().updates, 3);
        // No file of a merged segment is left in the generation.
        let mut stems: Vec<String> = std::fs::read_dir(index.generation_dir().unwrap())
            .unwrap()
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .filter_map(|name| name.split_once('.').map(|(stem, _)| stem.to_string()))
            .filter(|stem| stem.len() == 32)
            .collect();
        stems.sort();
        stems.dedup();
        assert_eq!(stems.len(), 2, "{stems:?}");
    }

    #[test]
    fn updating_a_missing_index_is_refused_and_creates_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("idx");
        let error = builder().update(&root, vec![], &[], &[], 0).unwrap_err();
        assert!(matches!(error, Error::NotFound { .. }), "{error}");
        assert!(!root.exists());
    }
}
