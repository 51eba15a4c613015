//! The side file of the bilingual term table (`bridge.bin`), learned from the records' aligned
//! titles while the index is built and read on first use.
//!
//! The table itself and its learning live in [`nwip_bridge`]; this module decides where it is
//! stored and reports a damaged file as [`Error::CorruptMeta`] with its path.

use std::path::Path;

use nwip_bridge::{AlignerConfig, BridgeTable, ParallelCorpus};
use nwip_corpus::Record;
use nwip_text::{Analyzer, Language};

use crate::error::{Error, Result};

/// Name of the bridge table file inside an index directory.
pub const BRIDGE_FILE: &str = "bridge.bin";

/// Learns the bilingual table of `records` (their aligned English, French and Russian titles).
pub(crate) fn learn_bridge(records: &[Record], analyzer: &Analyzer) -> BridgeTable {
    let corpus = ParallelCorpus::from_records(records, analyzer);
    BridgeTable::learn(&corpus, &AlignerConfig::default())
}

/// Adds the aligned texts of one record to `corpus`, as [`ParallelCorpus::from_records`] does
/// for a slice: a streaming build feeds records batch by batch and keeps only these term pairs.
pub(crate) fn add_aligned_texts(corpus: &mut ParallelCorpus, record: &Record, analyzer: &Analyzer) {
    const PAIRS: [(Language, Language); 3] = [
        (Language::English, Language::French),
        (Language::English, Language::Russian),
        (Language::French, Language::Russian),
    ];
    for (left, right) in PAIRS {
        if let (Some(a), Some(b)) = (record.title_in(left), record.title_in(right)) {
            corpus.add_texts(analyzer, left, a, right, b);
        }
        if let (Some(a), Some(b)) = (record.abstract_in(left), record.abstract_in(right)) {
            corpus.add_texts(analyzer, left, a, right, b);
        }
    }
}

/// Learns the bilingual table of an accumulated parallel corpus.
pub(crate) fn learn_bridge_from(corpus: &ParallelCorpus) -> BridgeTable {
    BridgeTable::learn(corpus, &AlignerConfig::default())
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The streaming build learns the same table as the whole-corpus build: if
    /// `ParallelCorpus::from_records` changes what it takes from a record, this fails.
    #[test]
    fn record_by_record_learning_matches_learning_from_the_whole_slice() {
        let lines = [
            ("Safety of toys", "Sécurité des jouets"),
            ("Safety of machinery", "Sécurité des machines"),
            ("Machinery - Noise", "Machines - Bruit"),
            ("Toys - Noise", "Jouets - Bruit"),
            ("Toys - Noise", "Jouets - Bruit"),
        ];
        let records: Vec<Record> = lines
            .iter()
            .enumerate()
            .map(|(n, (en, fr))| {
                let line = format!(
                    r#"{{"docid":[{{"id":"ISO {n}","type":"ISO","primary":true}}],
                        "title":[{{"content":"{en}","language":"en"}},{{"content":"{fr}","language":"fr"}}],
                        "abstract":[{{"content":"About {en}.","language":"en"}},{{"content":"Sur {fr}.","language":"fr"}}]}}"#
                );
                Record::from_relaton_json(&line).unwrap()
            })
            .collect();
        let analyzer = Analyzer::new();
        let mut corpus = ParallelCorpus::default();
        for record in &records {
            add_aligned_texts(&mut corpus, record, &analyzer);
        }
        let whole = ParallelCorpus::from_records(&records, &analyzer);
        assert_eq!(corpus.counts(), whole.counts());
        assert_eq!(
            learn_bridge_from(&corpus).to_bytes(),
            learn_bridge(&records, &analyzer).to_bytes()
        );
    }
}
