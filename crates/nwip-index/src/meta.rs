//! The index's own metadata file: format version, what it was built from, and counts.
//!
//! `nwip-meta.json` sits beside tantivy's files. It is written last in a build, so a directory
//! without it is not a finished index. Its `format_version` is checked on open: an index written by
//! an incompatible nwip is refused with the command that rebuilds it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// Version of the on-disk layout (schema, analysis, side files). Bump it whenever an index written
/// by the previous version would be read wrongly.
///
/// Version 2: text fields without positions, and the bilingual term table `bridge.bin`.
/// Version 3: the `missing_title` field (the languages a record has no title in).
/// Version 4: document identity: the `id`, `document`, `role`, `stage` and `date` fields, and the
/// record's document and role in the stored record.
/// Version 5: Chinese, Japanese and Korean runs are analysed as character bigrams.
/// Version 6: the word-vector table `word-vectors.bin` and the records' meanings `meanings.bin`.
/// Version 7: IEEE amendments (`P802.3cz`, `802.1Qbv`, `C63.4a`) belong to the document they
/// amend, as supplements, and W3C levels to their specification; the `ordinal` field is indexed.
/// Version 8: ISO's older record layout's committee designations keep their organisations
/// (`ISO/IEC JTC 1/SC 27` was read as `ISO/TC 1`, 7,000 records).
/// Version 9: the records' meanings are whitened (`meanings.bin` holds the map).
/// Version 10: the string fast fields' dictionaries are not zstd-compressed (every block read
/// created a decompression context: 8 % of a check's time).
/// Version 11: the stored record is a text field (tantivy read stored bytes one at a time).
/// Version 12: ETSI's ETS and I-ETS share the document key of the EN they became, and a W3C
/// version belongs to the specification its `editionOf` relation names.
/// Version 13: an IEEE revision project (`P802.1QREV`, `11.REVme`, `4.REVd`) belongs to the
/// standard it revises, and W3C's undated record of a specification has its newest version's
/// maturity.
/// Version 14: an English or French prefix hyphenated to a word (*pre-packaged*,
/// *co-ordination*) is read as the word written closed, then the word after the hyphen.
pub const FORMAT_VERSION: u32 = 14;

/// Name of the metadata file inside an index directory.
pub const META_FILE: &str = "nwip-meta.json";

/// One input file of a build, with enough to tell whether it changed since.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceFile {
    /// Path as given to the build.
    pub path: PathBuf,
    /// Size in bytes.
    pub bytes: u64,
    /// Modification time, seconds since the Unix epoch (0 if unknown).
    pub modified_unix: u64,
}

impl SourceFile {
    /// Describes a file on disk.
    pub fn describe(path: &Path) -> SourceFile {
        let metadata = std::fs::metadata(path).ok();
        let bytes = metadata.as_ref().map_or(0, |m| m.len());
        let modified_unix = metadata
            .and_then(|m| m.modified().ok())
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_secs());
        SourceFile { path: path.to_path_buf(), bytes, modified_unix }
    }
}

/// What an index holds and how it was built.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IndexMeta {
    /// The on-disk format version ([`FORMAT_VERSION`] when written by this build).
    pub format_version: u32,
    /// The nwip version that wrote it.
    pub nwip_version: String,
    /// When it was built, seconds since the Unix epoch.
    pub built_at_unix: u64,
    /// The files it was built from.
    pub sources: Vec<SourceFile>,
    /// A fingerprint of the sources (names, sizes, times), hex.
    pub fingerprint: String,
    /// Records indexed.
    pub records: usize,
    /// Records per organisation.
    pub by_org: BTreeMap<String, usize>,
    /// Records per lifecycle state.
    pub by_state: BTreeMap<String, usize>,
    /// Input lines skipped as bad records.
    pub skipped: usize,
    /// Records that have a near-duplicate sketch.
    pub sketched: usize,
    /// Wall-clock seconds the build took (import excluded).
    pub build_seconds: f64,
    /// Aligned title and abstract pairs the bilingual table was learned from.
    #[serde(default)]
    pub bridge_pairs: usize,
    /// Source terms in the bilingual table (all directions).
    #[serde(default)]
    pub bridge_terms: usize,
    /// Seconds spent learning the bilingual table (overlapped with writing documents).
    #[serde(default)]
    pub bridge_seconds: f64,
    /// The English–Russian dictionary the table's Russian was seeded from (its files and
    /// headword count), or `None` when none was installed: Russian proposals then find only
    /// Russian records and records sharing their numbers and Latin terms.
    #[serde(default)]
    pub russian_dictionary: Option<String>,
    /// The word-vector table copied into the index (its source, words and dimensions), or `None`
    /// when none was built on the machine: checks then compare words only, and the shipped
    /// model's scores (fitted with the table) run lower for reworded proposals.
    #[serde(default)]
    pub word_vectors: Option<String>,
    /// Updates applied in place since the full build (`nwip index --update`).
    #[serde(default)]
    pub updates: usize,
    /// Records written or removed by those updates: a measure of how much the bilingual table
    /// (learned at the full build only) may lag behind the records.
    #[serde(default)]
    pub changed_since_build: usize,
    /// When the last update was applied, seconds since the Unix epoch (0: never).
    #[serde(default)]
    pub updated_at_unix: u64,
}

impl IndexMeta {
    /// The metadata of a full build of `sources` with the bilingual table `bridge` (learned in
    /// `bridge_seconds`, Russian seeded from `russian_dictionary`), its counts still zero: a
    /// build sets its records, counts, sketches and time.
    pub(crate) fn of_new_build(
        sources: &[PathBuf],
        bridge: &nwip_bridge::BridgeTable,
        bridge_seconds: f64,
        russian_dictionary: Option<String>,
    ) -> IndexMeta {
        let sources: Vec<SourceFile> =
            sources.iter().map(|path| SourceFile::describe(path)).collect();
        IndexMeta {
            format_version: FORMAT_VERSION,
            nwip_version: env!("CARGO_PKG_VERSION").to_string(),
            built_at_unix: crate::builder::unix_now(),
            fingerprint: IndexMeta::fingerprint_of(&sources),
            sources,
            records: 0,
            by_org: BTreeMap::new(),
            by_state: BTreeMap::new(),
            skipped: 0,
            sketched: 0,
            build_seconds: 0.0,
            bridge_pairs: bridge.learned_from(),
            bridge_terms: bridge.len(),
            bridge_seconds,
            russian_dictionary,
            word_vectors: None,
            updates: 0,
            changed_since_build: 0,
            updated_at_unix: 0,
        }
    }

    /// Computes the fingerprint of a list of sources.
    pub fn fingerprint_of(sources: &[SourceFile]) -> String {
        let mut text = String::new();
        for source in sources {
            let name = source.path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
            text.push_str(&format!("{name}:{}:{};", source.bytes, source.modified_unix));
        }
        format!("{:016x}", nwip_text::hash_str(&text))
    }

    /// Reads the metadata of the index in `dir`, checking its format version.
    pub fn read(dir: &Path) -> Result<IndexMeta> {
        let path = dir.join(META_FILE);
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                return Err(Error::NotFound { path: dir.to_path_buf() });
            }
            Err(error) => return Err(Error::io(path, error)),
        };
        #[derive(Deserialize)]
        struct VersionOnly {
            format_version: u32,
        }
        let corrupt = |error: serde_json::Error| Error::CorruptMeta {
            path: path.clone(),
            message: error.to_string(),
        };
        let version: VersionOnly = serde_json::from_str(&text).map_err(corrupt)?;
        if version.format_version != FORMAT_VERSION {
            return Err(Error::IncompatibleIndex {
                path: dir.to_path_buf(),
                found: version.format_version,
                expected: FORMAT_VERSION,
            });
        }
        serde_json::from_str(&text).map_err(corrupt)
    }

    /// Writes the metadata into `dir` (write to a temporary file, then rename).
    pub(crate) fn write(&self, dir: &Path) -> Result<()> {
        let path = dir.join(META_FILE);
        let temporary = dir.join(format!("{META_FILE}.tmp"));
        let text = serde_json::to_string_pretty(self).map_err(|error| Error::CorruptMeta {
            path: path.clone(),
            message: error.to_string(),
        })?;
        std::fs::write(&temporary, text).map_err(|error| Error::io(&temporary, error))?;
        std::fs::rename(&temporary, &path).map_err(|error| Error::io(&path, error))
    }
}
