//! The umbrella error of the nwip library, with a `From` for each sub-crate's error.
//!
//! [`Error::is_user_error`] separates what the user can fix (a bad proposal, a missing or outdated
//! index, an unreadable input) from internal failures, so the CLI can word them differently.

/// Everything the nwip library can fail with.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Reading record files failed.
    #[error(transparent)]
    Corpus(#[from] nwip_corpus::CorpusError),
    /// Reading a proposal failed.
    #[error(transparent)]
    Proposal(#[from] nwip_corpus::ProposalError),
    /// Opening, building or searching the index failed.
    #[error(transparent)]
    Index(#[from] nwip_index::Error),
    /// A line of an evaluation set is malformed.
    #[error("{}:{line}: {message}", path.display())]
    Eval {
        /// The evaluation file.
        path: std::path::PathBuf,
        /// The 1-based line.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// The proposal has no text to check.
    #[error("the proposal has no title, scope or purpose to check")]
    EmptyProposal,
    /// A file given to a scan holds neither records nor proposals, or cannot be read.
    #[error("{}: {message}", path.display())]
    ScanInput {
        /// The file.
        path: std::path::PathBuf,
        /// What is wrong.
        message: String,
    },
    /// The receiver of a scan's findings failed (for example, writing them out).
    #[error("cannot deliver a scan finding")]
    Sink(#[source] std::io::Error),
}

impl Error {
    /// Tells whether the user can fix the error (as opposed to an internal failure).
    pub fn is_user_error(&self) -> bool {
        match self {
            Error::Corpus(_)
            | Error::Proposal(_)
            | Error::EmptyProposal
            | Error::Eval { .. }
            | Error::ScanInput { .. } => true,
            Error::Sink(_) => false,
            Error::Index(error) => error.is_user_error(),
        }
    }
}

/// Result type of the nwip library.
pub type Result<T, E = Error> = std::result::Result<T, E>;
