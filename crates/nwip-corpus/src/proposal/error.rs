//! Why a proposal could not be read: [`ProposalError`], with the path, line and field.

use std::path::{Path, PathBuf};

/// Why a proposal could not be read.
///
/// Messages are lower-case and name the path, line and field where known:
///
/// ```
/// use nwip_corpus::Proposal;
/// let error = Proposal::from_markdown("## Scope\nSome scope.").unwrap_err();
/// assert_eq!(error.to_string(), "line 1: field title: the proposal has no title (start it with a `# ` heading or a `Title:` line)");
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ProposalError {
    /// The file could not be read (missing, a directory, no permission...).
    #[error("{}: cannot read the proposal", path.display())]
    Io {
        /// The file that could not be read.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The text is not well-formed JSON.
    #[error("{}line {line}, column {column}: invalid json: {message}", path_prefix(.path))]
    Json {
        /// The file, if the proposal was read from one.
        path: Option<PathBuf>,
        /// The line of the error, from 1.
        line: usize,
        /// The column of the error, from 1 (0 at the very end of the text).
        column: usize,
        /// What is wrong, as reported by the JSON parser.
        message: String,
    },
    /// A required field is missing: the proposal is empty or has no title.
    #[error("{}{message}", location(.path, .line, .field))]
    MissingField {
        /// The file, if the proposal was read from one.
        path: Option<PathBuf>,
        /// The line the problem was found at, from 1, if known.
        line: Option<usize>,
        /// The missing field (`title`).
        field: &'static str,
        /// What is missing.
        message: String,
    },
    /// A Word (`.docx`) file cannot be read: not a zip archive, password-protected, an old `.doc`,
    /// or broken inside.
    #[error("{}{message}", path_prefix(.path))]
    Docx {
        /// The file, if the proposal was read from one.
        path: Option<PathBuf>,
        /// What is wrong, and what to do about it.
        message: String,
        /// The underlying zip or XML error, if any.
        #[source]
        source: Option<Box<dyn std::error::Error + Send + Sync + 'static>>,
    },
    /// A field has a value that cannot be used, such as a JSON number where text is expected.
    #[error("{}{message}", location(.path, .line, .field))]
    InvalidField {
        /// The file, if the proposal was read from one.
        path: Option<PathBuf>,
        /// The line of the field, from 1, if known.
        line: Option<usize>,
        /// The field, as named in [`Proposal`](super::Proposal) (`proposal` for the document as a whole).
        field: &'static str,
        /// What is wrong with it.
        message: String,
    },
}

impl ProposalError {
    /// Returns the file the error is about, if known.
    #[must_use]
    pub fn path(&self) -> Option<&Path> {
        match self {
            ProposalError::Io { path, .. } => Some(path),
            ProposalError::Json { path, .. }
            | ProposalError::MissingField { path, .. }
            | ProposalError::InvalidField { path, .. }
            | ProposalError::Docx { path, .. } => path.as_deref(),
        }
    }

    /// Returns the line the error is about, from 1, if known.
    #[must_use]
    pub fn line(&self) -> Option<usize> {
        match self {
            ProposalError::Io { .. } | ProposalError::Docx { .. } => None,
            ProposalError::Json { line, .. } => Some(*line),
            ProposalError::MissingField { line, .. } | ProposalError::InvalidField { line, .. } => {
                *line
            }
        }
    }

    pub(super) fn with_path(mut self, file: &Path) -> ProposalError {
        match &mut self {
            ProposalError::Io { .. } => {}
            ProposalError::Json { path, .. }
            | ProposalError::MissingField { path, .. }
            | ProposalError::InvalidField { path, .. }
            | ProposalError::Docx { path, .. } => *path = Some(file.to_path_buf()),
        }
        self
    }

    pub(super) fn empty() -> ProposalError {
        ProposalError::MissingField {
            path: None,
            line: None,
            field: "title",
            message: "the proposal is empty".to_string(),
        }
    }

    pub(super) fn no_title(line: Option<usize>) -> ProposalError {
        ProposalError::MissingField {
            path: None,
            line,
            field: "title",
            message: "the proposal has no title (start it with a `# ` heading or a `Title:` line)"
                .to_string(),
        }
    }

    pub(super) fn docx(
        message: impl Into<String>,
        source: Option<Box<dyn std::error::Error + Send + Sync + 'static>>,
    ) -> ProposalError {
        ProposalError::Docx { path: None, message: message.into(), source }
    }

    pub(super) fn invalid(
        line: Option<usize>,
        field: &'static str,
        message: String,
    ) -> ProposalError {
        ProposalError::InvalidField { path: None, line, field, message }
    }
}

fn path_prefix(path: &Option<PathBuf>) -> String {
    path.as_ref().map(|path| format!("{}: ", path.display())).unwrap_or_default()
}

fn location(path: &Option<PathBuf>, line: &Option<usize>, field: &str) -> String {
    use std::fmt::Write as _;
    let mut out = path_prefix(path);
    if let Some(line) = line {
        let _ = write!(out, "line {line}: ");
    }
    let _ = write!(out, "field {field}: ");
    out
}
