//! Fast-field columns opened once: an open index keeps the columns its searches read, per
//! segment and field.
//!
//! Opening a column reads its header and its codec's block metadata, and a check opened many
//! (the document keys of each text query's collector, the members of each document summary,
//! the committees of the field census). An
//! index's segments do not change while it is open (its reader is never reloaded; an update
//! publishes a new generation, opened afresh), so a column opened once serves every later
//! search. Handles are small (the data stays in the mapped files).

use std::sync::Mutex;

use rustc_hash::FxHashMap;
use tantivy::columnar::{Column, StrColumn};
use tantivy::index::SegmentId;
use tantivy::SegmentReader;

/// Columns at most kept: beyond, the cache starts over (a guard, not a limit an index reaches:
/// it is a handful of fields per segment).
const CAPACITY: usize = 4096;

/// The columns opened so far, by segment and field.
#[derive(Default)]
pub(crate) struct Columns {
    texts: Mutex<FxHashMap<(SegmentId, String), Option<StrColumn>>>,
    numbers: Mutex<FxHashMap<(SegmentId, String), Column<u64>>>,
}

impl std::fmt::Debug for Columns {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Columns")
            .field("texts", &lock(&self.texts).len())
            .field("numbers", &lock(&self.numbers).len())
            .finish()
    }
}

impl Columns {
    /// The string column `field` of the segment `reader` reads, `None` when the segment has
    /// none.
    pub(crate) fn text(
        &self,
        reader: &SegmentReader,
        field: &str,
    ) -> tantivy::Result<Option<StrColumn>> {
        cached(&self.texts, reader, field, || reader.fast_fields().str(field))
    }

    /// The `u64` column `field` of the segment `reader` reads.
    pub(crate) fn number(
        &self,
        reader: &SegmentReader,
        field: &str,
    ) -> tantivy::Result<Column<u64>> {
        cached(&self.numbers, reader, field, || reader.fast_fields().u64(field))
    }
}

fn cached<T: Clone>(
    map: &Mutex<FxHashMap<(SegmentId, String), T>>,
    reader: &SegmentReader,
    field: &str,
    open: impl FnOnce() -> tantivy::Result<T>,
) -> tantivy::Result<T> {
    let key = (reader.segment_id(), field.to_string());
    if let Some(column) = lock(map).get(&key) {
        return Ok(column.clone());
    }
    // Opened outside the lock: two threads may both open a column, to equal handles.
    let column = open()?;
    let mut map = lock(map);
    if map.len() >= CAPACITY {
        map.clear();
    }
    map.insert(key, column.clone());
    Ok(column)
}

fn lock<T>(map: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    // A thread that panicked holding the lock left a complete map: inserts are single calls.
    map.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::IndexBuilder;

    #[test]
    fn a_column_is_opened_once_and_reads_as_opened() {
        let line = r#"{"docid":[{"id":"ISO 9001:2015","type":"ISO","primary":true}],
            "title":[{"content":"Quality management systems","language":"en"}]}"#;
        let record = nwip_corpus::Record::from_relaton_json(line).unwrap();
        let index = IndexBuilder::new().threads(1).build_in_ram(vec![record]).unwrap();
        let searcher = index.tantivy_index().reader().unwrap().searcher();
        let reader = searcher.segment_reader(0);
        let columns = Columns::default();
        let ids = columns.text(reader, "id").unwrap().unwrap();
        let mut id = String::new();
        ids.ord_to_str(ids.term_ords(0).next().unwrap(), &mut id).unwrap();
        assert_eq!(id, "ISO 9001:2015");
        assert_eq!(columns.number(reader, "ordinal").unwrap().first(0), Some(0));
        let again = columns.text(reader, "id").unwrap().unwrap();
        assert_eq!(again.num_rows(), ids.num_rows());
        assert_eq!(lock(&columns.texts).len(), 1, "opened once");
        assert_eq!(lock(&columns.numbers).len(), 1);
    }
}
