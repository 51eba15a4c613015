//! Errors of the corpus crate: soft per-record errors and hard input errors.
//!
//! A bad record is not fatal: it becomes an [`ImportError`] that names the file, the line and the
//! field, is counted in the [`crate::ImportSummary`] and the import goes on. A [`CorpusError`] is
//! fatal for the input it names (a path that cannot be read, a directory with nothing to import).

use std::path::PathBuf;

/// A problem with one record, before it is placed in a file: the field and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("field {field}: {message}")]
pub struct RecordError {
    /// The field that is missing or malformed (`docid`, `json`, `record`, ...).
    pub field: String,
    /// What is wrong with it.
    pub message: String,
}

impl RecordError {
    /// Creates an error about `field`.
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> RecordError {
        RecordError { field: field.into(), message: message.into() }
    }
}

/// A record that was skipped during an import, with where it was.
///
/// Prints as `iso.jsonl.gz:1234: field docid: missing primary identifier`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, serde::Serialize)]
#[error("{}:{line}: field {field}: {message}", path.display())]
pub struct ImportError {
    /// The file the record came from.
    pub path: PathBuf,
    /// The 1-based line (JSON lines) or 1 for a one-record file.
    pub line: usize,
    /// The field at fault.
    pub field: String,
    /// What is wrong.
    pub message: String,
}

/// A fatal error reading an input.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CorpusError {
    /// A file or directory could not be read.
    #[error("cannot read {}", path.display())]
    Io {
        /// The path that failed.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A records file cannot be read to its end (cut off, corrupt compression, a read error), is
    /// empty, or is not text: its records are not imported, and a build stops.
    #[error("{}: {message}", path.display())]
    BadFile {
        /// The file.
        path: PathBuf,
        /// The line the reading broke at, from 1, if it broke.
        line: Option<usize>,
        /// What is wrong, with the line and byte where it broke.
        message: String,
        /// The read error, if there was one.
        #[source]
        source: Option<std::io::Error>,
    },
    /// A directory (or an empty list of paths) held nothing the importer reads.
    #[error("no record files (*.jsonl, *.jsonl.gz, *.json, *.yaml, *.yml) in {}", path.display())]
    NoInput {
        /// The directory searched.
        path: PathBuf,
    },
}

/// Result type of the corpus crate.
pub type Result<T, E = CorpusError> = std::result::Result<T, E>;
