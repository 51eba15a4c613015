//! Errors of the index crate, split by who can fix them.
//!
//! A missing or incompatible index is the user's to fix (the message gives the command that
//! rebuilds it); a tantivy failure or a corrupt stored record is internal.

use std::path::PathBuf;

/// Everything that can go wrong opening, building or searching an index.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// No index at the path.
    #[error("no nwip index at {}: build one with `nwip index --index {} <CORPUS_DIR>`", path.display(), path.display())]
    NotFound {
        /// The directory that holds no index.
        path: PathBuf,
    },
    /// The index was written by an incompatible version of nwip.
    #[error("the index at {} has format version {found}, this nwip reads version {expected}: rebuild it with `nwip index --index {} <CORPUS_DIR>`", path.display(), path.display())]
    IncompatibleIndex {
        /// The index directory.
        path: PathBuf,
        /// The format version found on disk.
        found: u32,
        /// The format version this build reads.
        expected: u32,
    },
    /// The target of a build exists and is not an nwip index: it is never overwritten.
    #[error("refusing to replace {}: it exists and is not an nwip index", path.display())]
    NotAnIndex {
        /// The directory that would have been replaced.
        path: PathBuf,
    },
    /// Another build holds the build lock of this index.
    #[error("another build is running{} on the index at {}: wait for it to finish", pid.map(|pid| format!(" (pid {pid})")).unwrap_or_default(), path.display())]
    Busy {
        /// The index folder.
        path: PathBuf,
        /// The process id the other build wrote into the lock file, if readable.
        pid: Option<u32>,
    },
    /// `CURRENT` names a generation that is missing or incomplete.
    #[error("the index at {} names {} as current, which is missing or incomplete: rebuild it with `nwip index --index {} <CORPUS_DIR>`", path.display(), generation.display(), path.display())]
    BrokenPointer {
        /// The index folder.
        path: PathBuf,
        /// The generation folder it names.
        generation: PathBuf,
    },
    /// A file of the index is damaged: tantivy reported corrupt data or failed reading it.
    #[error("the index at {} is damaged ({}): {message}; rebuild it with `nwip index --index {} <CORPUS_DIR>`", path.display(), file_list(.files), path.display())]
    Corrupt {
        /// The index folder.
        path: PathBuf,
        /// The damaged files, when a checksum pass could name them.
        files: Vec<PathBuf>,
        /// What went wrong.
        message: String,
    },
    /// A build was stopped by a failpoint (tests with the `failpoints` feature only).
    #[error("build interrupted: {0}")]
    Interrupted(String),
    /// A file of the index could not be written (a full disk, no permission...).
    #[error("cannot write {}", path.display())]
    Write {
        /// The path at fault.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A file of the index or of its build could not be read or written.
    #[error("cannot access {}", path.display())]
    Io {
        /// The path at fault.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The index metadata file is unreadable.
    #[error("corrupt index metadata {}: {message}", path.display())]
    CorruptMeta {
        /// The metadata file.
        path: PathBuf,
        /// What is wrong with it.
        message: String,
    },
    /// The bilingual dictionary the bridge is seeded from exists but cannot be read.
    #[error("cannot read the dictionary {}: {message}", path.display())]
    Dictionary {
        /// The dictionary file.
        path: PathBuf,
        /// What is wrong with it.
        message: String,
    },
    /// The word-vector table exists but is not a complete table.
    #[error("cannot read the word vectors {}: {message}", path.display())]
    WordVectors {
        /// The table file.
        path: PathBuf,
        /// What is wrong with it.
        message: String,
    },
    /// A stored record could not be decoded.
    #[error("corrupt stored record in the index: {0}")]
    CorruptRecord(String),
    /// The search library failed.
    #[error("tantivy: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
}

impl Error {
    /// Tells whether the user can fix this error (a missing or outdated index) rather than it being
    /// an internal failure.
    pub fn is_user_error(&self) -> bool {
        matches!(
            self,
            Error::NotFound { .. }
                | Error::IncompatibleIndex { .. }
                | Error::NotAnIndex { .. }
                | Error::Busy { .. }
                | Error::BrokenPointer { .. }
                | Error::Corrupt { .. }
                | Error::Write { .. }
        )
    }

    pub(crate) fn write(path: impl Into<PathBuf>, source: std::io::Error) -> Error {
        Error::Write { path: path.into(), source }
    }

    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Error {
        Error::Io { path: path.into(), source }
    }
}

/// Result type of the index crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

fn file_list(files: &[PathBuf]) -> String {
    if files.is_empty() {
        return "no file could be named".to_string();
    }
    let names: Vec<String> = files.iter().map(|file| file.display().to_string()).collect();
    format!("damaged: {}", names.join(", "))
}
