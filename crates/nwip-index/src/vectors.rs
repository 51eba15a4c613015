//! The side file of word vectors (`word-vectors.bin`): the multilingual word-vector table a check
//! compares meanings with ([`nwip_text::WordVectors`]), copied into the index when it is built so
//! that an index and the vectors its scores were fitted with travel together.
//!
//! The table is built once per machine by `scripts/build-word-vectors.py` and looked for at
//! [`default_word_vectors`] (the file [`WORD_VECTORS_ENV`] names, else
//! `$XDG_DATA_HOME/nwip/word-vectors.bin` or `~/.local/share/nwip/word-vectors.bin`). Without it
//! an index is built as before and checks compare words only; the metadata says which
//! ([`crate::IndexMeta::word_vectors`]).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::directory::map_side_file;
use crate::error::{Error, Result};
use nwip_text::{WordVectors, INDEXED_MAGIC};

/// Name of the word-vector file inside an index generation.
pub const WORD_VECTORS_FILE: &str = "word-vectors.bin";

/// Environment variable naming the word-vector table to copy into an index; set it empty to
/// build without one.
pub const WORD_VECTORS_ENV: &str = "NWIP_WORD_VECTORS";

/// The word-vector table a build copies: [`WORD_VECTORS_ENV`] when set (empty: none), else
/// `word-vectors.bin` in nwip's data folder (`$XDG_DATA_HOME/nwip`, else `~/.local/share/nwip`),
/// where `scripts/build-word-vectors.py` writes it.
pub fn default_word_vectors() -> Option<PathBuf> {
    crate::settings::path_from_env(WORD_VECTORS_ENV, || {
        let data = std::env::var_os("XDG_DATA_HOME")
            .filter(|dir| !dir.is_empty())
            .map(PathBuf::from)
            .or_else(|| {
                std::env::var_os("HOME").map(|home| Path::new(&home).join(".local/share"))
            })?;
        Some(data.join("nwip").join(WORD_VECTORS_FILE))
    })
}

/// A table read for a build: the table written into the index is the one the records' meanings
/// were computed with, even when the file is rebuilt meanwhile.
#[derive(Debug)]
pub(crate) struct LoadedVectors {
    source: PathBuf,
    pub(crate) table: WordVectors,
}

/// Reads the table at `source` for a build. Returns `None` when there is no file there (the
/// table was not built on this machine).
///
/// # Errors
/// [`Error::WordVectors`] naming the file when it exists but cannot be read or is not a
/// complete table.
pub(crate) fn read_word_vectors(source: &Path) -> Result<Option<LoadedVectors>> {
    let failed = |message: String| Error::WordVectors { path: source.to_path_buf(), message };
    let bytes = match std::fs::read(source) {
        Ok(bytes) => bytes,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(error) => return Err(failed(error.to_string())),
    };
    let table = WordVectors::parse(&bytes).map_err(|error| failed(error.to_string()))?;
    Ok(Some(LoadedVectors { source: source.to_path_buf(), table }))
}

impl LoadedVectors {
    /// Writes the table into the generation folder `dir`, in the indexed layout a check reads in
    /// place ([`WordVectors::to_indexed_bytes`]), and describes it for the metadata.
    pub(crate) fn install(&self, dir: &Path) -> Result<String> {
        let target = dir.join(WORD_VECTORS_FILE);
        std::fs::write(&target, self.table.to_indexed_bytes())
            .map_err(|error| Error::write(&target, error))?;
        Ok(self.describe())
    }

    /// How the metadata names the table.
    pub(crate) fn describe(&self) -> String {
        describe(&self.source, &self.table)
    }
}

/// How the metadata names a table.
fn describe(source: &Path, table: &WordVectors) -> String {
    format!("{} ({} words, {} dimensions)", source.display(), table.len(), table.dims())
}

/// Reads the table of the generation in `dir`, `None` when the index was built without one. A
/// table in the indexed layout (what builds write) is mapped and read in place, through
/// tantivy's `MmapDirectory`; one in the plain layout (an index built before) is parsed.
pub(crate) fn open_word_vectors(dir: &Path) -> Result<Option<WordVectors>> {
    let path = dir.join(WORD_VECTORS_FILE);
    let failed = |message: String| Error::WordVectors { path: path.clone(), message };
    let Some(bytes) = map_side_file(dir, WORD_VECTORS_FILE).map_err(failed)? else {
        return Ok(None);
    };
    let table = if bytes.as_slice().starts_with(INDEXED_MAGIC) {
        WordVectors::from_indexed(Arc::new(bytes))
    } else {
        WordVectors::parse(bytes.as_slice())
    };
    table.map(Some).map_err(|error| failed(error.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_table_is_none_and_a_damaged_one_an_error_naming_the_file() {
        let dir = tempfile::tempdir().unwrap();
        assert!(open_word_vectors(dir.path()).unwrap().is_none());
        assert!(read_word_vectors(&dir.path().join("absent.bin")).unwrap().is_none());
        let damaged = dir.path().join("damaged.bin");
        std::fs::write(&damaged, b"NWIPWV01\x02\x00").unwrap();
        let error = read_word_vectors(&damaged).unwrap_err().to_string();
        assert!(error.contains("damaged.bin") && error.contains("ends early"), "{error}");
        std::fs::write(dir.path().join(WORD_VECTORS_FILE), b"nonsense").unwrap();
        let error = open_word_vectors(dir.path()).unwrap_err().to_string();
        assert!(error.contains(WORD_VECTORS_FILE), "{error}");
    }
}
