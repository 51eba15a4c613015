//! The side file of the bilingual term table (`bridge.bin`), learned from the records' aligned
//! titles while the index is built and read on first use.
//!
//! The table itself and its learning live in [`nwip_bridge`]; this module decides where it is
//! stored and reports a damaged file as [`Error::CorruptMeta`] with its path.

use std::path::Path;

use nwip_bridge::{AlignerConfig, BridgeTable, ParallelCorpus};
use nwip_corpus::Record;
use nwip_text::Analyzer;

use crate::error::{Error, Result};

/// Name of the bridge table file inside an index directory.
pub const BRIDGE_FILE: &str = "bridge.bin";

/// Learns the bilingual table of `records` (their aligned English, French and Russian titles).
pub(crate) fn learn_bridge(records: &[Record], analyzer: &Analyzer) -> BridgeTable {
    let corpus = ParallelCorpus::from_records(records, analyzer);
    BridgeTable::learn(&corpus, &AlignerConfig::default())
}

/// Writes `table` into the index directory `dir`.
pub(crate) fn write_bridge(dir: &Path, table: &BridgeTable) -> Result<()> {
    let path = dir.join(BRIDGE_FILE);
    std::fs::write(&path, table.to_bytes()).map_err(|error| Error::io(&path, error))
}

/// Reads the table of the index in `dir`.
pub(crate) fn read_bridge(dir: &Path) -> Result<BridgeTable> {
    let path = dir.join(BRIDGE_FILE);
    let bytes = std::fs::read(&path).map_err(|error| Error::io(&path, error))?;
    BridgeTable::from_bytes(&bytes)
        .map_err(|error| Error::CorruptMeta { path: path.clone(), message: error.to_string() })
}
