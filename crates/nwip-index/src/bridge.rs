//! The side file of the bilingual term table (`bridge.bin`), learned from the records' aligned
//! titles while the index is built and read on first use, and the Russian dictionary that seeds
//! what the records cannot teach.
//!
//! The table itself and its learning live in [`nwip_bridge`]; this module decides where it is
//! stored, finds and reads the dictionary (Debian's `mueller7-dict`, dictd format, looked for
//! at [`DEFAULT_DICTIONARY`] unless [`DICTIONARY_ENV`] names another), and reports a damaged
//! file as an error with its path.

use std::collections::{HashMap, HashSet};
use std::io::Read;
use std::path::{Path, PathBuf};

use nwip_bridge::{AlignerConfig, BridgeTable, Dictionary, ParallelCorpus, Transliterations};
use nwip_corpus::Record;
use nwip_text::{Analyzer, Language};

use crate::error::{Error, Result};

/// Name of the bridge table file inside an index directory.
pub const BRIDGE_FILE: &str = "bridge.bin";

/// Where the English–Russian dictionary is looked for: the path of its files without the
/// `.index` / `.dict.dz` endings (Debian's `mueller7-dict` package installs it there).
pub const DEFAULT_DICTIONARY: &str = "/usr/share/dictd/mueller7";

/// Environment variable naming another dictionary (the path without endings); set it empty to
/// build without one.
pub const DICTIONARY_ENV: &str = "NWIP_RU_DICTIONARY";

/// The dictionary to seed Russian from: [`DICTIONARY_ENV`] when set (empty: none), else
/// [`DEFAULT_DICTIONARY`].
pub fn default_dictionary() -> Option<PathBuf> {
    crate::settings::path_from_env(DICTIONARY_ENV, || Some(PathBuf::from(DEFAULT_DICTIONARY)))
}

/// Reads the dictd dictionary at `prefix` (`prefix.index` and `prefix.dict.dz` or `prefix.dict`).
/// Returns `None` when its index file does not exist (the package is not installed).
///
/// # Errors
/// [`Error::Dictionary`] naming the file when it exists but cannot be read to its end or parsed.
pub fn read_dictionary(prefix: &Path) -> Result<Option<Dictionary>> {
    let with = |ending: &str| {
        let mut name = prefix.as_os_str().to_owned();
        name.push(ending);
        PathBuf::from(name)
    };
    let index_path = with(".index");
    if !index_path.exists() {
        return Ok(None);
    }
    let failed =
        |path: &Path, message: String| Error::Dictionary { path: path.to_path_buf(), message };
    let index = std::fs::read_to_string(&index_path)
        .map_err(|error| failed(&index_path, error.to_string()))?;
    let (text_path, compressed) = match with(".dict.dz") {
        path if path.exists() => (path, true),
        _ => (with(".dict"), false),
    };
    let bytes = std::fs::read(&text_path).map_err(|error| failed(&text_path, error.to_string()))?;
    let text = if compressed {
        // dictzip is gzip with random-access chunks in an extra header field.
        let mut text = String::new();
        flate2::read::GzDecoder::new(bytes.as_slice())
            .read_to_string(&mut text)
            .map_err(|error| failed(&text_path, error.to_string()))?;
        text
    } else {
        String::from_utf8(bytes).map_err(|error| failed(&text_path, error.to_string()))?
    };
    Dictionary::parse_dictd(&index, &text)
        .map(Some)
        .map_err(|error| failed(&index_path, error.to_string()))
}

/// What the bilingual table is learned from, gathered record by record (a build fed in batches
/// keeps only this): the aligned term pairs, the document frequency of the English title terms
/// and the English title words by skeleton.
#[derive(Debug, Default)]
pub(crate) struct BridgeLearner {
    corpus: ParallelCorpus,
    english_df: HashMap<String, u32>,
    words: Transliterations,
}

impl BridgeLearner {
    /// Takes what the table needs from one record.
    pub(crate) fn add(&mut self, record: &Record, analyzer: &Analyzer) {
        self.corpus.add_record(analyzer, record);
        let Some(title) = record.title_in(Language::English) else { return };
        let mut seen: HashSet<&str> = HashSet::new();
        let mut terms: HashSet<String> = HashSet::new();
        for token in analyzer.tokens(title, Language::English) {
            let word = &title[token.offset_from..token.offset_to];
            if seen.insert(word) {
                self.words.add_word(word, &token.term);
            }
            terms.insert(token.term);
        }
        for term in terms {
            *self.english_df.entry(term).or_default() += 1;
        }
    }

    /// Learns the table (IBM Model 1 on the aligned pairs), then seeds Russian from `dictionary`
    /// (when there is one) and from the skeletons of the English titles' words (borrowed words),
    /// both weighed by the English titles.
    pub(crate) fn learn(self, analyzer: &Analyzer, dictionary: Option<&Dictionary>) -> BridgeTable {
        let mut table = BridgeTable::learn(&self.corpus, &AlignerConfig::default());
        if let Some(dictionary) = dictionary {
            dictionary.seed(&mut table, analyzer, &self.english_df);
        }
        self.words.seed(&mut table);
        table
    }
}

/// Learns the bilingual table of `records` (see [`BridgeLearner`]).
pub(crate) fn learn_bridge(
    records: &[Record],
    analyzer: &Analyzer,
    dictionary: Option<&Dictionary>,
) -> BridgeTable {
    let mut learner = BridgeLearner::default();
    for record in records {
        learner.add(record, analyzer);
    }
    learner.learn(analyzer, dictionary)
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
    use std::io::Write;

    const ENTRY: &str = "management\n   _n. 1) управление; заведование\n   2) дирекция\n";

    fn record(line: &str) -> Record {
        Record::from_relaton_json(line).unwrap()
    }

    fn records() -> Vec<Record> {
        [
            r#"{"docid":[{"id":"ISO 9001:2015","type":"ISO","primary":true}],"title":[{"content":"Quality management systems","language":"en"}]}"#,
            r#"{"docid":[{"id":"ISO 14001:2015","type":"ISO","primary":true}],"title":[{"content":"Environmental management systems","language":"en"}]}"#,
            r#"{"docid":[{"id":"ISO 45001:2018","type":"ISO","primary":true}],"title":[{"content":"Occupational health and safety management systems","language":"en"}]}"#,
        ]
        .into_iter()
        .map(record)
        .collect()
    }

    #[test]
    fn a_gzipped_dictd_dictionary_is_read_and_seeds_russian() {
        let dir = tempfile::tempdir().unwrap();
        let prefix = dir.path().join("tiny");
        std::fs::write(
            dir.path().join("tiny.index"),
            format!("management\tA\t{}\n", nwip_bridge::dictd_number(ENTRY.len())),
        )
        .unwrap();
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all(ENTRY.as_bytes()).unwrap();
        std::fs::write(dir.path().join("tiny.dict.dz"), gz.finish().unwrap()).unwrap();
        let dictionary = read_dictionary(&prefix).unwrap().expect("the dictionary is found");
        assert_eq!(dictionary.len(), 1);
        let table = learn_bridge(&records(), &Analyzer::new(), Some(&dictionary));
        let found = table.translations(Language::Russian, Language::English, "управлен");
        assert_eq!(found[0].term, "manag");
        // Borrowed words: the skeleton of "систем" finds the English titles' "system".
        let key = Transliterations::key("систем").unwrap();
        assert_eq!(
            table.translations(Language::Russian, Language::English, &key)[0].term,
            "system"
        );
    }

    #[test]
    fn a_missing_dictionary_is_none_and_a_truncated_one_names_its_file() {
        let dir = tempfile::tempdir().unwrap();
        assert!(read_dictionary(&dir.path().join("absent")).unwrap().is_none());
        std::fs::write(dir.path().join("cut.index"), "management\tA\tz\n").unwrap();
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all(ENTRY.as_bytes()).unwrap();
        let bytes = gz.finish().unwrap();
        std::fs::write(dir.path().join("cut.dict.dz"), &bytes[..bytes.len() / 2]).unwrap();
        let error = read_dictionary(&dir.path().join("cut")).unwrap_err();
        assert!(error.to_string().contains("cut.dict.dz"), "{error}");
    }

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
        let mut learner = BridgeLearner::default();
        for record in &records {
            learner.add(record, &analyzer);
        }
        let whole = ParallelCorpus::from_records(&records, &analyzer);
        assert_eq!(learner.corpus.counts(), whole.counts());
        assert_eq!(
            learner.learn(&analyzer, None).to_bytes(),
            BridgeTable::learn(&whole, &AlignerConfig::default()).to_bytes()
        );
    }
}
