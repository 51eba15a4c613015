//! New Work Item Proposals: the [`Proposal`] type and its readers.
//!
//! A proposal is shaped like ISO Form 4: a title, a scope, a purpose and justification, relevant
//! documents, the proposing committee, ICS codes and liaisons. It can be read from three formats,
//! written in English, French or Russian:
//!
//! - **Markdown** ([`Proposal::from_markdown`]): the first `# ` heading is the title; `##` sections
//!   such as `## Scope`, `## Domaine d'application` or `## Область применения` fill the fields.
//!   Headings are matched case- and accent-insensitively, with optional numbering (`1. Scope`,
//!   `A) Scope`) and trailing colons. `Key: value` lines (`Committee: ISO/TC 22`) before the first
//!   section, YAML-like front matter and two-column tables (`| Title | ... |`) are recognised too.
//!   Sections that are not recognised are appended to the purpose, so no text is lost.
//! - **JSON** ([`Proposal::from_json`]): the field names of [`Proposal`], a few aliases
//!   (`purpose_and_justification`, `justification`, `references`, ...), optionally wrapped in
//!   `{"query": {...}}` or `{"proposal": {...}}`.
//! - **Plain text** ([`Proposal::from_text`]): the first non-empty line is the title, the rest is
//!   the scope.
//!
//! [`Proposal::read_path`] picks the reader from the file's extension and content. Every reader
//! trims fields, drops placeholders such as `N/A` or `néant` from list fields, normalises ICS codes
//! (`3.100.1` → `03.100.01`) and fails with a [`ProposalError`] naming the path, line and field when
//! the proposal is empty or has no title.
//!
//! ```
//! use nwip_corpus::Proposal;
//! let proposal = Proposal::from_markdown(
//!     "# Road vehicles — Battery swapping stations\n\
//!      \n\
//!      Committee: ISO/TC 22/SC 37\n\
//!      \n\
//!      ## Scope\n\
//!      This document specifies safety requirements for battery swapping stations.\n\
//!      \n\
//!      ## ICS\n\
//!      43.120, 29.220\n",
//! )?;
//! assert_eq!(proposal.title, "Road vehicles — Battery swapping stations");
//! assert_eq!(proposal.committee.as_deref(), Some("ISO/TC 22/SC 37"));
//! assert_eq!(proposal.ics, ["43.120", "29.220"]);
//! # Ok::<(), nwip_corpus::ProposalError>(())
//! ```

use std::path::{Path, PathBuf};

use nwip_text::{detect_language, fold_to_ascii, Language};
use serde_json::{Map, Value};

use crate::ics::normalize_ics;

/// A New Work Item Proposal, as drafted by a committee secretary (ISO Form 4 and its equivalents).
///
/// Build one with [`Proposal::builder`] or read one with [`Proposal::from_markdown`],
/// [`Proposal::from_json`], [`Proposal::from_text`] or [`Proposal::read_path`].
///
/// ```
/// use nwip_corpus::Proposal;
/// let proposal = Proposal::from_text(
///     "Quality management — Guidance for micro-enterprises\n\
///      This document gives guidance on applying a quality management system in a micro-enterprise.",
/// )?;
/// assert_eq!(proposal.title, "Quality management — Guidance for micro-enterprises");
/// assert!(proposal.scope.starts_with("This document gives guidance"));
/// assert_eq!(proposal.detected_language(), nwip_text::Language::English);
/// # Ok::<(), nwip_corpus::ProposalError>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Proposal {
    /// The title of the proposed deliverable, on one line.
    pub title: String,
    /// The scope of the proposed deliverable.
    #[serde(default)]
    pub scope: String,
    /// The purpose and justification, followed by the text of any section that was not recognised.
    #[serde(default)]
    pub purpose: String,
    /// Relevant documents: one identifier or reference per entry, as written.
    #[serde(default)]
    pub relevant_documents: Vec<String>,
    /// The proposing committee, as written (`ISO/TC 22/SC 37`).
    #[serde(default)]
    pub committee: Option<String>,
    /// ICS codes, zero-padded (`43.120`, `03.100.01`); entries that are not codes are kept as written.
    #[serde(default)]
    pub ics: Vec<String>,
    /// Liaison committees and organisations, as written.
    #[serde(default)]
    pub liaisons: Vec<String>,
    /// The declared language of the proposal, or `None` if it was not declared.
    /// A declared language nwip does not know is [`Language::Unknown`].
    #[serde(default)]
    pub language: Option<Language>,
    /// The proposer's organisation (`ISO`, `IEC`, `IEEE`, a national body...), if stated.
    #[serde(default)]
    pub organisation: Option<String>,
    /// Keywords, as written.
    #[serde(default)]
    pub keywords: Vec<String>,
}

impl Proposal {
    /// Starts building a proposal field by field.
    ///
    /// ```
    /// use nwip_corpus::Proposal;
    /// use nwip_text::Language;
    /// let proposal = Proposal::builder()
    ///     .title("Smart grid — Interoperability of household energy managers")
    ///     .scope("This document specifies the data exchanged between household energy managers and the grid.")
    ///     .committee("IEC/TC 57")
    ///     .ics("29.240.01")
    ///     .ics("3.100.1")
    ///     .liaison("IEC/SyC Smart Energy")
    ///     .language(Language::English)
    ///     .organisation("IEC")
    ///     .build()?;
    /// assert_eq!(proposal.ics, ["29.240.01", "03.100.01"]);
    /// assert!(Proposal::builder().scope("no title").build().is_err());
    /// # Ok::<(), nwip_corpus::ProposalError>(())
    /// ```
    pub fn builder() -> ProposalBuilder {
        ProposalBuilder::default()
    }

    /// Reads a proposal written in Markdown.
    ///
    /// The title is the first `# ` heading, or a `## Title` / `## Titre` / `## Название` section,
    /// or a `Title:` line. Sections start at `#` or `##` headings (or at bold lines and `Scope:`
    /// lines naming a known section) and are matched case- and accent-insensitively in English,
    /// French and Russian, with optional numbering and trailing colons. Lists are `- item`,
    /// `* item`, `1. item`, or comma- or semicolon-separated on one line for ICS codes, liaisons and
    /// keywords. `Key: value` lines before the first section, YAML-like front matter and two-column
    /// table rows are read as fields. Emphasis, links and HTML comments are stripped; text outside
    /// any known section becomes the scope if there is no scope section and is otherwise appended
    /// to the purpose.
    ///
    /// ```
    /// use nwip_corpus::Proposal;
    /// let proposal = Proposal::from_markdown(
    ///     "## 1. Titre\nVéhicules routiers — Échange de batteries\n\n\
    ///      ## 2. Domaine d'application :\nLe présent document spécifie les exigences de sécurité.\n\n\
    ///      ## Liaisons\nIEC/TC 69 ; ISO/TC 204\n",
    /// )?;
    /// assert_eq!(proposal.title, "Véhicules routiers — Échange de batteries");
    /// assert_eq!(proposal.liaisons, ["IEC/TC 69", "ISO/TC 204"]);
    /// assert!(Proposal::from_markdown("").is_err());
    /// # Ok::<(), nwip_corpus::ProposalError>(())
    /// ```
    ///
    /// # Errors
    /// [`ProposalError::MissingField`] if the text is empty or has no title.
    pub fn from_markdown(text: &str) -> Result<Proposal, ProposalError> {
        markdown::parse(text)
    }

    /// Reads a proposal from JSON.
    ///
    /// Accepts the field names of [`Proposal`] and the evaluation query shape
    /// (`title`, `scope`, `committee`, `ics`, `language`), the aliases `purpose_and_justification`
    /// and `justification` (for `purpose`), `relevant` and `references` (for `relevant_documents`),
    /// `organization`, the French and Russian section names, and an object wrapping all of that
    /// under `"query"` or `"proposal"`. List fields take a string (split on commas, semicolons or
    /// line breaks) or a list of strings; `language` takes a code or a name (`"en"`, `"fra"`,
    /// `"Russian"`). Other keys are ignored.
    ///
    /// ```
    /// use nwip_corpus::Proposal;
    /// use nwip_text::Language;
    /// let proposal = Proposal::from_json(
    ///     r#"{"query": {"title": "Road vehicles — Battery passports", "ics": "43.120",
    ///                   "language": "eng", "justification": "Regulators need it."}}"#,
    /// )?;
    /// assert_eq!(proposal.ics, ["43.120"]);
    /// assert_eq!(proposal.language, Some(Language::English));
    /// assert_eq!(proposal.purpose, "Regulators need it.");
    /// let error = Proposal::from_json("{\n  \"title\": 3\n}").unwrap_err();
    /// assert_eq!(error.to_string(), "line 2: field title: expected a string, found a number");
    /// # Ok::<(), nwip_corpus::ProposalError>(())
    /// ```
    ///
    /// # Errors
    /// [`ProposalError::Json`] for malformed JSON, [`ProposalError::InvalidField`] for a value of
    /// the wrong type, [`ProposalError::MissingField`] for an empty text or a missing title.
    pub fn from_json(text: &str) -> Result<Proposal, ProposalError> {
        json::parse(text)
    }

    /// Reads a proposal from plain text: the first non-empty line is the title and the rest is
    /// the scope. Text whose first line is a `Title:`-like line is read as [`Proposal::from_markdown`]
    /// reads key lines.
    ///
    /// ```
    /// use nwip_corpus::Proposal;
    /// let proposal = Proposal::from_text("\n  Electric road vehicles — Battery passports\nThis document\nspecifies data.\n")?;
    /// assert_eq!(proposal.title, "Electric road vehicles — Battery passports");
    /// assert_eq!(proposal.scope, "This document specifies data.");
    /// # Ok::<(), nwip_corpus::ProposalError>(())
    /// ```
    ///
    /// # Errors
    /// [`ProposalError::MissingField`] if the text is empty.
    pub fn from_text(text: &str) -> Result<Proposal, ProposalError> {
        let text = normalise_newlines(strip_bom(text));
        let lines: Vec<&str> = text.split('\n').collect();
        let Some(first) = lines.iter().position(|line| !line.trim().is_empty()) else {
            return Err(ProposalError::empty());
        };
        let first_plain = markdown::strip_inline(lines[first].trim());
        if markdown::split_key(&first_plain).is_some() {
            return markdown::parse(&text);
        }
        let numbered: Vec<(usize, String)> = lines
            .iter()
            .enumerate()
            .skip(first + 1)
            .map(|(i, line)| (i + 1, line.to_string()))
            .collect();
        let proposal = Proposal {
            title: collapse_whitespace(lines[first]),
            scope: markdown::blocks_text(&markdown::blocks(&numbered, false)),
            ..Proposal::default()
        };
        Ok(finish(proposal))
    }

    /// Reads a proposal file, choosing the reader from its content and extension: text starting
    /// with `{` is JSON; otherwise `.json` is JSON, `.md` and `.markdown` are Markdown, and any
    /// other file is Markdown if it has front matter or a line starting with `# ` or `## `, plain
    /// text if not. The text is decoded by [`crate::decode`] (UTF-8, UTF-16 with or without a byte
    /// order mark, Windows-1251, Windows-1252 and other legacy encodings); a binary file or one
    /// larger than [`crate::limits::MAX_PROPOSAL_BYTES`] is refused.
    ///
    /// ```
    /// use nwip_corpus::Proposal;
    /// let error = Proposal::read_path(std::path::Path::new("proposals/missing.md")).unwrap_err();
    /// assert!(error.to_string().starts_with("proposals/missing.md: cannot read the proposal"));
    /// ```
    ///
    /// # Errors
    /// [`ProposalError::Io`] if the file cannot be read; otherwise the errors of the reader, with
    /// the path filled in.
    pub fn read_path(path: &Path) -> Result<Proposal, ProposalError> {
        let text = crate::decode::read_proposal_text(path)?;
        let result = match sniff(path, &text) {
            Format::Json => Proposal::from_json(&text),
            Format::Markdown => Proposal::from_markdown(&text),
            Format::Text => Proposal::from_text(&text),
        };
        result.map_err(|error| error.with_path(path))
    }

    /// Returns the declared language, or else the language detected from the title, scope and
    /// purpose (a declared [`Language::Unknown`] counts as not declared).
    ///
    /// ```
    /// use nwip_corpus::Proposal;
    /// use nwip_text::Language;
    /// let proposal = Proposal::from_text("Méthodes d'essai pour les batteries de traction")?;
    /// assert_eq!(proposal.language, None);
    /// assert_eq!(proposal.detected_language(), Language::French);
    /// # Ok::<(), nwip_corpus::ProposalError>(())
    /// ```
    #[must_use]
    pub fn detected_language(&self) -> Language {
        match self.language {
            Some(language) if language != Language::Unknown => language,
            _ => detect_language(&self.text()),
        }
    }

    /// Returns the title, scope and purpose joined by blank lines, skipping empty ones: the text to
    /// display or to query with.
    ///
    /// ```
    /// use nwip_corpus::Proposal;
    /// let proposal = Proposal::builder().title("Title").purpose("Purpose").build()?;
    /// assert_eq!(proposal.text(), "Title\n\nPurpose");
    /// # Ok::<(), nwip_corpus::ProposalError>(())
    /// ```
    #[must_use]
    pub fn text(&self) -> String {
        [self.title.trim(), self.scope.trim(), self.purpose.trim()]
            .into_iter()
            .filter(|part| !part.is_empty())
            .collect::<Vec<_>>()
            .join("\n\n")
    }

    /// Tells whether every field is empty (blank strings, empty lists, `None`).
    ///
    /// ```
    /// use nwip_corpus::Proposal;
    /// assert!(Proposal::default().is_empty());
    /// ```
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.title.trim().is_empty()
            && self.scope.trim().is_empty()
            && self.purpose.trim().is_empty()
            && self.relevant_documents.is_empty()
            && self.committee.is_none()
            && self.ics.is_empty()
            && self.liaisons.is_empty()
            && self.language.is_none()
            && self.organisation.is_none()
            && self.keywords.is_empty()
    }
}

/// Builds a [`Proposal`] field by field; see [`Proposal::builder`].
///
/// Text setters replace the field; `ics`, `relevant_document`, `liaison` and `keyword` add one
/// entry each time. [`ProposalBuilder::build`] trims every field, normalises ICS codes and checks
/// that there is a title.
///
/// ```
/// use nwip_corpus::proposal::ProposalBuilder;
/// let proposal = ProposalBuilder::new()
///     .title("  Quality management —\n guidance  ")
///     .relevant_document("ISO 9001:2015")
///     .keyword("quality")
///     .build()?;
/// assert_eq!(proposal.title, "Quality management — guidance");
/// assert_eq!(proposal.relevant_documents, ["ISO 9001:2015"]);
/// # Ok::<(), nwip_corpus::ProposalError>(())
/// ```
#[derive(Debug, Clone, Default)]
#[must_use]
pub struct ProposalBuilder {
    proposal: Proposal,
}

impl ProposalBuilder {
    /// Starts an empty builder, like [`Proposal::builder`].
    pub fn new() -> ProposalBuilder {
        ProposalBuilder::default()
    }

    /// Sets the title.
    pub fn title(mut self, title: impl Into<String>) -> ProposalBuilder {
        self.proposal.title = title.into();
        self
    }

    /// Sets the scope.
    pub fn scope(mut self, scope: impl Into<String>) -> ProposalBuilder {
        self.proposal.scope = scope.into();
        self
    }

    /// Sets the purpose and justification.
    pub fn purpose(mut self, purpose: impl Into<String>) -> ProposalBuilder {
        self.proposal.purpose = purpose.into();
        self
    }

    /// Sets the proposing committee (`ISO/TC 22/SC 37`).
    pub fn committee(mut self, committee: impl Into<String>) -> ProposalBuilder {
        self.proposal.committee = Some(committee.into());
        self
    }

    /// Adds an ICS code; it is normalised by [`ProposalBuilder::build`].
    pub fn ics(mut self, code: impl Into<String>) -> ProposalBuilder {
        self.proposal.ics.push(code.into());
        self
    }

    /// Adds a relevant document (an identifier or a reference, as written).
    pub fn relevant_document(mut self, document: impl Into<String>) -> ProposalBuilder {
        self.proposal.relevant_documents.push(document.into());
        self
    }

    /// Adds a liaison (a committee or an organisation).
    pub fn liaison(mut self, liaison: impl Into<String>) -> ProposalBuilder {
        self.proposal.liaisons.push(liaison.into());
        self
    }

    /// Adds a keyword.
    pub fn keyword(mut self, keyword: impl Into<String>) -> ProposalBuilder {
        self.proposal.keywords.push(keyword.into());
        self
    }

    /// Declares the language the proposal is written in.
    pub fn language(mut self, language: Language) -> ProposalBuilder {
        self.proposal.language = Some(language);
        self
    }

    /// Sets the proposer's organisation (`ISO`, `IEC`, `IEEE`, a national body...).
    pub fn organisation(mut self, organisation: impl Into<String>) -> ProposalBuilder {
        self.proposal.organisation = Some(organisation.into());
        self
    }

    /// Finishes the proposal: trims fields, drops empty entries, normalises ICS codes.
    ///
    /// # Errors
    /// [`ProposalError::MissingField`] if the title is empty.
    pub fn build(self) -> Result<Proposal, ProposalError> {
        let proposal = finish(self.proposal);
        if proposal.title.is_empty() {
            return Err(if proposal.is_empty() {
                ProposalError::empty()
            } else {
                ProposalError::no_title(None)
            });
        }
        Ok(proposal)
    }
}

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
    /// A field has a value that cannot be used, such as a JSON number where text is expected.
    #[error("{}{message}", location(.path, .line, .field))]
    InvalidField {
        /// The file, if the proposal was read from one.
        path: Option<PathBuf>,
        /// The line of the field, from 1, if known.
        line: Option<usize>,
        /// The field, as named in [`Proposal`] (`proposal` for the document as a whole).
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
            | ProposalError::InvalidField { path, .. } => path.as_deref(),
        }
    }

    /// Returns the line the error is about, from 1, if known.
    #[must_use]
    pub fn line(&self) -> Option<usize> {
        match self {
            ProposalError::Io { .. } => None,
            ProposalError::Json { line, .. } => Some(*line),
            ProposalError::MissingField { line, .. } | ProposalError::InvalidField { line, .. } => {
                *line
            }
        }
    }

    fn with_path(mut self, file: &Path) -> ProposalError {
        match &mut self {
            ProposalError::Io { .. } => {}
            ProposalError::Json { path, .. }
            | ProposalError::MissingField { path, .. }
            | ProposalError::InvalidField { path, .. } => *path = Some(file.to_path_buf()),
        }
        self
    }

    fn empty() -> ProposalError {
        ProposalError::MissingField {
            path: None,
            line: None,
            field: "title",
            message: "the proposal is empty".to_string(),
        }
    }

    fn no_title(line: Option<usize>) -> ProposalError {
        ProposalError::MissingField {
            path: None,
            line,
            field: "title",
            message: "the proposal has no title (start it with a `# ` heading or a `Title:` line)"
                .to_string(),
        }
    }

    fn invalid(line: Option<usize>, field: &'static str, message: String) -> ProposalError {
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

// ---------------------------------------------------------------------------------------------
// Shared helpers

/// The fields a section heading, a `Key:` line or a JSON key can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Field {
    Title,
    Scope,
    Purpose,
    Relevant,
    Committee,
    Ics,
    Liaisons,
    Language,
    Organisation,
    Keywords,
}

impl Field {
    fn name(self) -> &'static str {
        match self {
            Field::Title => "title",
            Field::Scope => "scope",
            Field::Purpose => "purpose",
            Field::Relevant => "relevant_documents",
            Field::Committee => "committee",
            Field::Ics => "ics",
            Field::Liaisons => "liaisons",
            Field::Language => "language",
            Field::Organisation => "organisation",
            Field::Keywords => "keywords",
        }
    }

    /// Fields whose `Key:` block ends at the first blank line after some content.
    fn is_short(self) -> bool {
        !matches!(self, Field::Scope | Field::Purpose)
    }
}

/// Section names, in the normalised form produced by [`heading_key`].
const ALIASES: &[(&str, Field)] = &[
    // English
    ("title", Field::Title),
    ("proposed title", Field::Title),
    ("title of the proposal", Field::Title),
    ("scope", Field::Scope),
    ("proposed scope", Field::Scope),
    ("purpose and justification", Field::Purpose),
    ("purpose", Field::Purpose),
    ("justification", Field::Purpose),
    ("rationale", Field::Purpose),
    ("relevant documents", Field::Relevant),
    ("relevant", Field::Relevant),
    ("normative references", Field::Relevant),
    ("references", Field::Relevant),
    ("related standards", Field::Relevant),
    ("related documents", Field::Relevant),
    ("committee", Field::Committee),
    ("proposer committee", Field::Committee),
    ("technical committee", Field::Committee),
    ("tc", Field::Committee),
    ("tc/sc", Field::Committee),
    ("ics", Field::Ics),
    ("ics codes", Field::Ics),
    ("ics code", Field::Ics),
    ("liaisons", Field::Liaisons),
    ("liaison", Field::Liaisons),
    ("liaison organizations", Field::Liaisons),
    ("liaison organisations", Field::Liaisons),
    ("cooperation and liaisons", Field::Liaisons),
    ("language", Field::Language),
    ("organisation", Field::Organisation),
    ("organization", Field::Organisation),
    ("proposer", Field::Organisation),
    ("proposing organisation", Field::Organisation),
    ("proposing organization", Field::Organisation),
    ("keywords", Field::Keywords),
    ("key words", Field::Keywords),
    // French
    ("titre", Field::Title),
    ("titre propose", Field::Title),
    ("intitule", Field::Title),
    ("domaine d'application", Field::Scope),
    ("domaine", Field::Scope),
    ("champ d'application", Field::Scope),
    ("objet et justification", Field::Purpose),
    ("objet", Field::Purpose),
    ("objectif et justification", Field::Purpose),
    ("documents de reference", Field::Relevant),
    ("references normatives", Field::Relevant),
    ("documents pertinents", Field::Relevant),
    ("normes connexes", Field::Relevant),
    ("comite", Field::Committee),
    ("comite technique", Field::Committee),
    ("codes ics", Field::Ics),
    ("code ics", Field::Ics),
    ("langue", Field::Language),
    ("mots cles", Field::Keywords),
    ("organisme", Field::Organisation),
    ("organisme proposant", Field::Organisation),
    // Russian
    ("название", Field::Title),
    ("наименование", Field::Title),
    ("область применения", Field::Scope),
    ("сфера применения", Field::Scope),
    ("цель и обоснование", Field::Purpose),
    ("цели и обоснование", Field::Purpose),
    ("обоснование", Field::Purpose),
    ("нормативные ссылки", Field::Relevant),
    ("ссылочные документы", Field::Relevant),
    ("комитет", Field::Committee),
    ("технический комитет", Field::Committee),
    ("тк", Field::Committee),
    ("мкс", Field::Ics),
    ("коды мкс", Field::Ics),
    ("код мкс", Field::Ics),
    ("связи", Field::Liaisons),
    ("взаимодействие", Field::Liaisons),
    ("язык", Field::Language),
    ("организация", Field::Organisation),
    ("ключевые слова", Field::Keywords),
];

/// Document headings that name the form rather than the proposal (`# New work item proposal`).
const GENERIC_TITLES: &[&str] = &[
    "new work item proposal",
    "new work item",
    "nwip",
    "np",
    "form 4",
    "iso form 4",
    "form np",
    "iec form np",
    "new proposal",
    "proposal",
    "proposal for a new work item",
    "proposal for a new pwi",
    "nouvelle proposition d'etude",
    "proposition de nouveau sujet d'etude",
    "proposition",
    "formulaire 4",
    "предложение",
    "предложение о новой работе",
    "предложение по новой теме",
];

/// Normalises a heading or key for matching: lower-cased, accents folded, numbering, bracketed
/// asides and trailing colons removed, hyphens and underscores as spaces, apostrophes unified.
fn heading_key(text: &str) -> String {
    let lowered = fold_to_ascii(&text.to_lowercase());
    let mapped: String = lowered
        .chars()
        .map(|c| match c {
            '\u{2019}' | '\u{2018}' | '`' | '\u{02bc}' => '\'',
            '_' | '-' | '\u{2010}' | '\u{2011}' => ' ',
            '\u{00a0}' | '\u{202f}' => ' ',
            c => c,
        })
        .collect();
    let mut rest = mapped.trim();
    for _ in 0..3 {
        let stripped = strip_numbering(rest);
        if stripped.len() == rest.len() {
            break;
        }
        rest = stripped;
    }
    let without_asides = remove_brackets(rest);
    let chosen = if without_asides.trim().is_empty() {
        rest.replace(['(', ')', '[', ']'], " ")
    } else {
        without_asides
    };
    let trimmed = chosen.trim().trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, ':' | '\u{ff1a}' | '.' | '*' | '?' | '!' | ';' | ',')
    });
    let trimmed = trimmed.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '*' | ':'));
    collapse_whitespace(trimmed)
}

/// Removes a leading `1.`, `1.2`, `1)`, `A)`, `a.`, `(a)`, `IV.` and the space after it.
fn strip_numbering(text: &str) -> &str {
    let text = text.trim_start();
    if let Some(inner) = text.strip_prefix('(') {
        if let Some(close) = inner.find(')') {
            let label = &inner[..close];
            if !label.is_empty()
                && label.chars().count() <= 4
                && label.chars().all(char::is_alphanumeric)
            {
                let rest = &inner[close + 1..];
                if rest.starts_with(char::is_whitespace) {
                    return rest.trim_start();
                }
            }
        }
        return text;
    }
    let end = text.find(char::is_whitespace).unwrap_or(text.len());
    if end == text.len() {
        return text;
    }
    let token = &text[..end];
    let core = token.trim_end_matches(['.', ')']);
    let punctuated = core.len() < token.len();
    let numeric = core.starts_with(|c: char| c.is_ascii_digit())
        && core.chars().all(|c| c.is_ascii_digit() || c == '.');
    let letter = punctuated && core.chars().count() == 1 && core.chars().all(char::is_alphabetic);
    let roman = punctuated
        && !core.is_empty()
        && core.len() <= 5
        && core.chars().all(|c| "ivxlc".contains(c));
    if numeric || letter || roman {
        text[end..].trim_start()
    } else {
        text
    }
}

/// Removes `(...)` and `[...]` asides (one level of nesting is enough for headings).
fn remove_brackets(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' if depth > 0 => depth -= 1,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// Maps a normalised key to a field: exact alias, alias after "proposed", or an alias of five or
/// more characters followed by more words ("Scope of the proposed deliverable").
fn classify_key(key: &str) -> Option<Field> {
    if key.is_empty() {
        return None;
    }
    if let Some((_, field)) = ALIASES.iter().find(|(alias, _)| *alias == key) {
        return Some(*field);
    }
    let key = key.strip_prefix("proposed ").unwrap_or(key);
    if let Some((_, field)) = ALIASES.iter().find(|(alias, _)| *alias == key) {
        return Some(*field);
    }
    ALIASES
        .iter()
        .filter(|(alias, _)| alias.chars().count() >= 5)
        .filter(|(alias, _)| {
            let Some(rest) = key.strip_prefix(alias).and_then(|rest| rest.strip_prefix(' ')) else {
                return false;
            };
            // "Scope of the proposed deliverable", "Domaine d'application du projet", but not a title
            // such as "Language resource management".
            alias.contains(' ')
                || rest.split([' ', '\'']).next().is_some_and(|word| CONNECTORS.contains(&word))
        })
        .max_by_key(|(alias, _)| alias.len())
        .map(|(_, field)| *field)
}

/// Words that may follow a one-word section name in a longer heading ("Title of the proposal").
const CONNECTORS: &[&str] = &[
    "of", "for", "and", "to", "in", "de", "du", "des", "d", "et", "pour", "по", "для", "и", "о",
    "об",
];

/// Maps a heading (plain text) to a field, also trying each side of a bilingual heading
/// ("Scope / Domaine d'application").
fn classify(heading: &str) -> Option<Field> {
    if heading.chars().count() > 120 {
        return None;
    }
    if let Some(field) = classify_key(&heading_key(heading)) {
        return Some(field);
    }
    let parts: Vec<&str> = heading
        .split(['/', '|', '\u{2014}', '\u{2013}'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    if parts.len() < 2 {
        return None;
    }
    let fields: Vec<Option<Field>> =
        parts.iter().map(|part| classify_key(&heading_key(part))).collect();
    let first = fields[0]?;
    fields.iter().all(|field| *field == Some(first)).then_some(first)
}

/// Returns the text after a generic form heading (`New work item proposal: X` → `X`, `NWIP` → an empty string),
/// or `None` if the heading is a real title.
fn generic_title_rest(title: &str) -> Option<String> {
    if GENERIC_TITLES.contains(&heading_key(title).as_str()) {
        return Some(String::new());
    }
    for separator in [":", " \u{2014} ", " \u{2013} ", " - ", "|"] {
        if let Some((head, tail)) = title.split_once(separator) {
            if GENERIC_TITLES.contains(&heading_key(head).as_str()) {
                return Some(tail.trim().to_string());
            }
        }
    }
    None
}

fn is_placeholder(text: &str) -> bool {
    let key = heading_key(text);
    let key = key.trim_matches(|c: char| c.is_ascii_punctuation() || c.is_whitespace());
    let dashes =
        text.trim().chars().all(|c| matches!(c, '-' | '\u{2013}' | '\u{2014}' | '.' | ' '));
    dashes
        || matches!(
            key,
            "none"
                | "n/a"
                | "na"
                | "nil"
                | "tbd"
                | "tba"
                | "not applicable"
                | "to be determined"
                | "aucun"
                | "aucune"
                | "neant"
                | "sans objet"
                | "s.o"
                | "a determiner"
                | "нет"
                | "отсутствуют"
                | "не применимо"
        )
}

fn parse_language(text: &str) -> Language {
    let lowered = text.trim().to_lowercase();
    let by_name = |word: &str| -> Language {
        match Language::from_code(word) {
            Language::Unknown => match fold_to_ascii(word).as_str() {
                "anglais" | "английский" | "englisch" | "ingles" => Language::English,
                "francais" | "французский" | "franzosisch" | "frances" => {
                    Language::French
                }
                "russe" | "русский" | "russisch" | "ruso" => Language::Russian,
                "allemand" | "немецкий" | "deutsch" | "aleman" => Language::German,
                "espagnol" | "испанский" | "espanol" | "spanisch" => Language::Spanish,
                _ => Language::Unknown,
            },
            known => known,
        }
    };
    let whole = by_name(&lowered);
    if whole != Language::Unknown {
        return whole;
    }
    lowered
        .split(|c: char| !c.is_alphabetic())
        .filter(|word| !word.is_empty())
        .map(by_name)
        .find(|language| *language != Language::Unknown)
        .unwrap_or(Language::Unknown)
}

/// Extracts ICS codes from one entry (`43.120`, `ICS 43.120 Electric road vehicles`,
/// `43.120 35.240.60`). Returns nothing if the entry holds no code.
fn ics_codes(entry: &str) -> Vec<String> {
    let entry = entry.trim();
    if let Some(code) = normalize_ics(entry) {
        return vec![code];
    }
    let mut codes = Vec::new();
    let mut position = 0usize;
    for token in entry.split(|c: char| c.is_whitespace() || c == ',' || c == ';') {
        let bare = token.trim_matches(|c: char| !c.is_ascii_digit());
        if token.is_empty()
            || matches!(token.to_lowercase().trim_end_matches(':'), "ics" | "мкс" | ":")
        {
            continue;
        }
        let wrapped = token.starts_with('(') || token.starts_with('[');
        if let Some(code) = normalize_ics(bare) {
            if bare.contains('.') || position == 0 || wrapped {
                codes.push(code);
            }
        }
        position += 1;
    }
    codes
}

fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn strip_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

fn normalise_newlines(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\r', "\n")
}

fn clean_entries(entries: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(entries.len());
    for entry in entries {
        let entry = collapse_whitespace(&entry);
        let entry = entry.trim_end_matches([',', ';']).trim().to_string();
        if !entry.is_empty() && !is_placeholder(&entry) && !out.contains(&entry) {
            out.push(entry);
        }
    }
    out
}

fn clean_option(value: Option<String>) -> Option<String> {
    value
        .map(|value| collapse_whitespace(&value))
        .filter(|value| !value.is_empty() && !is_placeholder(value))
}

/// Trims and normalises every field of a proposal (the title check is the caller's).
fn finish(proposal: Proposal) -> Proposal {
    let mut ics = Vec::new();
    for entry in clean_entries(proposal.ics) {
        let codes = ics_codes(&entry);
        let found = if codes.is_empty() { vec![entry] } else { codes };
        for code in found {
            if !ics.contains(&code) {
                ics.push(code);
            }
        }
    }
    Proposal {
        title: collapse_whitespace(&proposal.title),
        scope: proposal.scope.trim().to_string(),
        purpose: proposal.purpose.trim().to_string(),
        relevant_documents: clean_entries(proposal.relevant_documents)
            .into_iter()
            .map(|entry| entry.trim_end_matches('.').trim_end().to_string())
            .filter(|entry| !entry.is_empty())
            .collect(),
        committee: clean_option(proposal.committee),
        ics,
        liaisons: clean_entries(proposal.liaisons),
        language: proposal.language,
        organisation: clean_option(proposal.organisation),
        keywords: clean_entries(proposal.keywords),
    }
}

/// Splits a one-line list (ICS codes, liaisons, keywords on commas and semicolons; relevant
/// documents on semicolons only, as references contain commas).
fn split_list(field: Field, line: &str) -> Vec<String> {
    let separators: &[char] = match field {
        Field::Relevant => &[';', '\n'],
        _ => &[',', ';', '\n'],
    };
    line.split(separators)
        .map(str::trim)
        .filter(|part| !part.is_empty())
        .map(str::to_string)
        .collect()
}

// ---------------------------------------------------------------------------------------------
// File formats

enum Format {
    Json,
    Markdown,
    Text,
}

fn sniff(path: &Path, text: &str) -> Format {
    let body = strip_bom(text).trim_start();
    if body.starts_with('{') {
        return Format::Json;
    }
    let extension = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    match extension.as_deref() {
        Some("json") => Format::Json,
        Some("md" | "markdown" | "mdown" | "mkd") => Format::Markdown,
        _ if body.starts_with("---")
            || body.lines().any(|line| line.starts_with("# ") || line.starts_with("## ")) =>
        {
            Format::Markdown
        }
        _ => Format::Text,
    }
}

// ---------------------------------------------------------------------------------------------
// Markdown and key lines

mod markdown {
    use super::*;

    #[derive(Clone, Copy, PartialEq, Eq, Debug)]
    enum Kind {
        /// Text outside any section (the preamble, or after a short `Key:` block).
        Free,
        /// A `#` heading (or bold line) section.
        Heading,
        /// A `Key: value` block.
        Key,
    }

    #[derive(Debug)]
    struct Section {
        field: Option<Field>,
        kind: Kind,
        heading: Option<String>,
        level: usize,
        line: usize,
        lines: Vec<(usize, String)>,
        /// For a key block: the heading of the unknown section it appeared in.
        parent: Option<String>,
        /// For a key block: whether the value was on the key line (`Committee: ISO/TC 22`).
        inline: bool,
    }

    impl Section {
        fn new(
            field: Option<Field>,
            kind: Kind,
            heading: Option<String>,
            level: usize,
            line: usize,
        ) -> Section {
            Section {
                field,
                kind,
                heading,
                level,
                line,
                lines: Vec::new(),
                parent: None,
                inline: false,
            }
        }

        fn has_content(&self) -> bool {
            self.lines.iter().any(|(_, line)| !line.trim().is_empty())
        }
    }

    /// Splits `Key: value` (or `Key : value`) when `Key` names a known section; the value may be
    /// empty. Works on plain text (emphasis already stripped).
    pub(super) fn split_key(line: &str) -> Option<(Field, String)> {
        let line = line.trim();
        let index = line.find([':', '\u{ff1a}'])?;
        let key = &line[..index];
        if key.trim().is_empty() || key.chars().count() > 60 || key.contains("//") {
            return None;
        }
        let value = line[index..].chars().skip(1).collect::<String>();
        if value.starts_with("//") {
            return None;
        }
        let field = classify_key(&heading_key(key))?;
        Some((field, value.trim().to_string()))
    }

    /// Reads a table row `| Key | value |` as a key line.
    fn split_table_key(line: &str) -> Option<(Field, String)> {
        let cells = table_cells(line)?;
        if cells.len() < 2 {
            return None;
        }
        let field = classify(strip_inline(cells[0]).trim_end_matches(':'))?;
        let value: Vec<String> =
            cells[1..].iter().map(|cell| strip_inline(cell)).filter(|c| !c.is_empty()).collect();
        Some((field, value.join(" \u{2014} ")))
    }

    fn table_cells(line: &str) -> Option<Vec<&str>> {
        let inner = line.trim().strip_prefix('|')?;
        let inner = inner.strip_suffix('|').unwrap_or(inner);
        Some(inner.split('|').map(str::trim).collect())
    }

    fn is_table_separator(line: &str) -> bool {
        let trimmed = line.trim();
        trimmed.contains('-')
            && trimmed.contains('|')
            && trimmed.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'))
    }

    fn is_generic_table_header(line: &str) -> bool {
        table_cells(line).is_some_and(|cells| {
            cells.iter().all(|cell| {
                matches!(
                    heading_key(&strip_inline(cell)).as_str(),
                    "" | "field"
                        | "fields"
                        | "value"
                        | "values"
                        | "item"
                        | "key"
                        | "entry"
                        | "description"
                        | "details"
                        | "champ"
                        | "rubrique"
                        | "valeur"
                        | "поле"
                        | "значение"
                )
            })
        })
    }

    fn is_thematic_break(line: &str) -> bool {
        let compact: String = line.chars().filter(|c| !c.is_whitespace()).collect();
        compact.len() >= 3
            && (compact.chars().all(|c| c == '-')
                || compact.chars().all(|c| c == '*')
                || compact.chars().all(|c| c == '_')
                || compact.chars().all(|c| c == '='))
    }

    /// `#`..`######` heading: returns its level and text.
    fn atx_heading(line: &str) -> Option<(usize, &str)> {
        let indent = line.len() - line.trim_start_matches(' ').len();
        if indent > 3 {
            return None;
        }
        let rest = line.trim_start_matches(' ');
        let level = rest.len() - rest.trim_start_matches('#').len();
        if level == 0 || level > 6 {
            return None;
        }
        let text = &rest[level..];
        if !text.is_empty() && !text.starts_with([' ', '\t']) {
            return None;
        }
        let text = text.trim();
        // A closing sequence of #s, if separated by a space.
        let without_closing = text.trim_end_matches('#');
        let text = if without_closing.is_empty() || without_closing.ends_with([' ', '\t']) {
            without_closing.trim_end()
        } else {
            text
        };
        Some((level, text))
    }

    fn setext_level(line: &str) -> Option<usize> {
        let trimmed = line.trim();
        if trimmed.len() >= 2 && trimmed.chars().all(|c| c == '=') {
            Some(1)
        } else if trimmed.len() >= 3 && trimmed.chars().all(|c| c == '-') {
            Some(2)
        } else {
            None
        }
    }

    fn fence_open(line: &str) -> Option<(char, usize)> {
        let trimmed = line.trim_start();
        for marker in ['`', '~'] {
            let count = trimmed.len() - trimmed.trim_start_matches(marker).len();
            if count >= 3 {
                return Some((marker, count));
            }
        }
        None
    }

    fn strip_blockquote(line: &str) -> &str {
        let mut rest = line;
        loop {
            let trimmed = rest.trim_start();
            match trimmed.strip_prefix('>') {
                Some(after) => rest = after.strip_prefix(' ').unwrap_or(after),
                None => return rest,
            }
        }
    }

    fn is_bold_line(line: &str) -> bool {
        let line = line.trim().trim_end_matches(':').trim_end();
        (line.starts_with("**")
            && (line.ends_with("**") || line.ends_with("**:"))
            && line.len() > 4)
            || (line.starts_with("__") && line.ends_with("__") && line.len() > 4)
    }

    /// Replaces `<!-- ... -->` comments by nothing, keeping their line breaks.
    fn remove_html_comments(text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        while let Some(start) = rest.find("<!--") {
            out.push_str(&rest[..start]);
            let after = &rest[start + 4..];
            match after.find("-->") {
                Some(end) => {
                    out.extend(after[..end].chars().filter(|c| *c == '\n'));
                    rest = &after[end + 3..];
                }
                None => {
                    out.extend(after.chars().filter(|c| *c == '\n'));
                    rest = "";
                }
            }
        }
        out.push_str(rest);
        out
    }

    /// Rewrites YAML-like front matter (`---` ... `---`) into key lines: known keys stay, unknown
    /// keys and their indented continuation are blanked, quotes and `[a, b]` brackets are removed.
    fn rewrite_front_matter(lines: &mut [String]) {
        let Some(first) = lines.iter().position(|line| !line.trim().is_empty()) else { return };
        if lines[first].trim() != "---" {
            return;
        }
        let Some(close) = lines
            .iter()
            .enumerate()
            .skip(first + 1)
            .take(300)
            .find(|(_, line)| matches!(line.trim(), "---" | "..."))
            .map(|(i, _)| i)
        else {
            return;
        };
        let looks_like_yaml = lines[first + 1..close].iter().all(|line| {
            let trimmed = line.trim();
            trimmed.is_empty()
                || trimmed.starts_with('#')
                || line.starts_with([' ', '\t', '-'])
                || trimmed.contains(':')
        });
        if !looks_like_yaml {
            return;
        }
        lines[first].clear();
        lines[close].clear();
        let mut keep_continuation = false;
        for line in &mut lines[first + 1..close] {
            let trimmed = line.trim().to_string();
            if trimmed.starts_with('#') {
                line.clear();
                continue;
            }
            if line.starts_with([' ', '\t', '-']) {
                if !keep_continuation {
                    line.clear();
                }
                continue;
            }
            match split_key(&trimmed) {
                Some((_, value)) => {
                    keep_continuation = true;
                    let key = &trimmed[..trimmed.find([':', '\u{ff1a}']).unwrap_or(0)];
                    let mut value = value.trim();
                    if matches!(value, ">" | "|" | ">-" | "|-") {
                        value = "";
                    }
                    let value = value
                        .strip_prefix('[')
                        .and_then(|v| v.strip_suffix(']'))
                        .or_else(|| value.strip_prefix('"').and_then(|v| v.strip_suffix('"')))
                        .or_else(|| value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')))
                        .unwrap_or(value);
                    *line = format!("{key}: {value}");
                }
                None => {
                    keep_continuation = false;
                    line.clear();
                }
            }
        }
    }

    /// Walks the lines and cuts them into sections; returns the sections and the first `#` title.
    fn sections(lines: &[String]) -> (Vec<Section>, Option<(usize, String)>) {
        let mut sections = vec![Section::new(None, Kind::Free, None, 0, 1)];
        let mut title: Option<(usize, String)> = None;
        let mut fence: Option<(char, usize)> = None;
        let mut seen_content = false;
        let mut i = 0;
        while i < lines.len() {
            let number = i + 1;
            let raw = strip_blockquote(&lines[i]);
            let trimmed = raw.trim();
            i += 1;
            if let Some((marker, count)) = fence {
                let closing = trimmed.len() - trimmed.trim_start_matches(marker).len();
                if closing >= count && trimmed.trim_start_matches(marker).trim().is_empty() {
                    fence = None;
                } else {
                    push_line(&mut sections, number, raw.to_string());
                }
                continue;
            }
            if let Some(open) = fence_open(trimmed) {
                fence = Some(open);
                seen_content = true;
                continue;
            }
            let mut heading: Option<(usize, String)> = None;
            if let Some((level, text)) = atx_heading(raw) {
                heading = Some((level, strip_inline(text)));
            } else if !trimmed.is_empty()
                && i < lines.len()
                && (number == 1 || lines[number - 2].trim().is_empty())
                && list_item(raw).is_none()
                && !trimmed.starts_with('|')
                && split_key(&strip_inline(trimmed)).is_none()
            {
                if let Some(level) = setext_level(&lines[i]) {
                    heading = Some((level, strip_inline(trimmed)));
                    i += 1;
                }
            }
            if let Some((level, text)) = heading {
                start_heading(&mut sections, &mut title, seen_content, level, text, number);
                seen_content = true;
                continue;
            }
            let current = sections.last_mut().expect("there is always a section");
            let short_block =
                current.kind == Kind::Key && current.field.is_some_and(Field::is_short);
            // A short key block ends at a blank line after its content, and a key line with its
            // value inline ends at the next line that is not a list item or indented.
            let ends = short_block
                && current.has_content()
                && (trimmed.is_empty()
                    || (current.inline
                        && list_item(raw).is_none()
                        && !raw.starts_with([' ', '\t'])));
            if ends {
                let parent = current.parent.clone();
                let kind = if parent.is_some() { Kind::Heading } else { Kind::Free };
                let level = current.level;
                sections.push(Section::new(None, kind, parent, level, number));
            }
            let current = sections.last_mut().expect("there is always a section");
            if trimmed.is_empty() {
                if !ends {
                    current.lines.push((number, String::new()));
                }
                continue;
            }
            seen_content = true;
            if i < lines.len() && is_table_separator(&lines[i]) && is_generic_table_header(trimmed)
            {
                // `| Field | Value |` above a table of key rows.
                continue;
            }
            let plain = strip_inline(trimmed);
            if is_bold_line(trimmed) {
                if let Some(field) = classify(&plain) {
                    let level = current.level.max(2);
                    sections.push(Section::new(
                        Some(field),
                        Kind::Heading,
                        Some(plain),
                        level,
                        number,
                    ));
                    continue;
                }
            }
            let keys_allowed = current.kind != Kind::Heading || current.field.is_none();
            let key =
                if trimmed.starts_with('|') { split_table_key(trimmed) } else { split_key(&plain) };
            if let Some((field, value)) = key {
                if value.is_empty() || keys_allowed {
                    let parent = match current.kind {
                        Kind::Heading if current.field.is_none() => current.heading.clone(),
                        Kind::Key => current.parent.clone(),
                        _ => None,
                    };
                    let heading =
                        plain.split([':', '|', '\u{ff1a}']).find(|part| !part.trim().is_empty());
                    let heading = heading.map(|h| h.trim().to_string());
                    let level = current.level;
                    let mut section = Section::new(Some(field), Kind::Key, heading, level, number);
                    section.parent = parent;
                    if !value.is_empty() {
                        section.lines.push((number, value));
                        section.inline = true;
                    }
                    sections.push(section);
                    continue;
                }
            }
            current.lines.push((number, raw.to_string()));
        }
        (sections, title)
    }

    fn push_line(sections: &mut [Section], number: usize, line: String) {
        if let Some(current) = sections.last_mut() {
            current.lines.push((number, line));
        }
    }

    fn start_heading(
        sections: &mut Vec<Section>,
        title: &mut Option<(usize, String)>,
        seen_content: bool,
        level: usize,
        text: String,
        number: usize,
    ) {
        if let Some(field) = classify(&text) {
            sections.push(Section::new(Some(field), Kind::Heading, Some(text), level, number));
            return;
        }
        if let Some((field, value)) = split_key(&text) {
            if !value.is_empty() {
                let heading = text.split([':', '\u{ff1a}']).next().unwrap_or("").trim().to_string();
                let mut section =
                    Section::new(Some(field), Kind::Heading, Some(heading), level, number);
                section.lines.push((number, value));
                sections.push(section);
                return;
            }
        }
        if title.is_none() && (level == 1 || !seen_content) {
            *title = Some((number, text));
            sections.push(Section::new(None, Kind::Free, None, level, number));
            return;
        }
        let current = sections.last_mut().expect("there is always a section");
        if current.kind == Kind::Heading && current.field.is_some() && level > current.level {
            // A sub-heading of a known section stays in it.
            current.lines.push((number, String::new()));
            current.lines.push((number, text));
            current.lines.push((number, String::new()));
            return;
        }
        sections.push(Section::new(None, Kind::Heading, Some(text), level, number));
    }

    pub(super) fn parse(text: &str) -> Result<Proposal, ProposalError> {
        let text = remove_html_comments(&normalise_newlines(strip_bom(text)));
        let mut lines: Vec<String> = text.split('\n').map(str::to_string).collect();
        rewrite_front_matter(&mut lines);
        let Some(first_line) = lines.iter().position(|line| !line.trim().is_empty()).map(|i| i + 1)
        else {
            return Err(ProposalError::empty());
        };
        let (sections, h1) = sections(&lines);

        let mut proposal = Proposal::default();
        let mut title: Option<String> = None;
        let mut empty_title_line: Option<usize> = None;
        let mut scope: Vec<String> = Vec::new();
        let mut purpose: Vec<String> = Vec::new();
        // Text outside known sections, in order; `true` for free text (no heading).
        let mut extras: Vec<(bool, String)> = Vec::new();
        let labelled = |heading: &Option<String>, text: String| match heading {
            Some(heading) if !heading.is_empty() => format!("{heading}\n\n{text}"),
            _ => text,
        };

        for section in &sections {
            let blocks = blocks(&section.lines, true);
            let Some(field) = section.field else {
                let text = blocks_text(&blocks);
                if !text.is_empty() {
                    let free = section.heading.is_none();
                    extras.push((free, labelled(&section.heading, text)));
                }
                continue;
            };
            match field {
                Field::Title => {
                    let mut rest = blocks.as_slice();
                    if title.is_none() {
                        if let Some((first, others)) = blocks.split_first() {
                            title = Some(first.lines.join(" "));
                            rest = others;
                        } else {
                            empty_title_line.get_or_insert(section.line);
                        }
                    }
                    let text = blocks_text(rest);
                    if !text.is_empty() {
                        extras.push((false, labelled(&section.heading, text)));
                    }
                }
                Field::Scope => scope.push(blocks_text(&blocks)),
                Field::Purpose => purpose.push(blocks_text(&blocks)),
                Field::Relevant | Field::Ics | Field::Liaisons | Field::Keywords => {
                    let entries = list_entries(field, &blocks);
                    let target = match field {
                        Field::Relevant => &mut proposal.relevant_documents,
                        Field::Ics => &mut proposal.ics,
                        Field::Liaisons => &mut proposal.liaisons,
                        _ => &mut proposal.keywords,
                    };
                    target.extend(entries);
                }
                Field::Committee | Field::Organisation | Field::Language => {
                    let mut values: Vec<String> = Vec::new();
                    for block in &blocks {
                        values.extend(block.lines.iter().map(|line| line.trim().to_string()));
                    }
                    values.retain(|value| !value.is_empty());
                    let slot_empty = match field {
                        Field::Committee => proposal.committee.is_none(),
                        Field::Organisation => proposal.organisation.is_none(),
                        _ => proposal.language.is_none(),
                    };
                    let mut values = values.into_iter();
                    if slot_empty {
                        if let Some(value) = values.next() {
                            match field {
                                Field::Committee => proposal.committee = Some(value),
                                Field::Organisation => proposal.organisation = Some(value),
                                _ => proposal.language = Some(parse_language(&value)),
                            }
                        }
                    }
                    let rest: Vec<String> = values.collect();
                    if !rest.is_empty() {
                        extras.push((false, labelled(&section.heading, rest.join("\n"))));
                    }
                }
            }
        }

        let title = match title {
            Some(title) => title,
            None => match h1
                .as_ref()
                .map(|(line, text)| (*line, generic_title_rest(text).unwrap_or(text.clone())))
            {
                Some((_, text)) if !text.trim().is_empty() => text,
                Some((line, _)) => return Err(ProposalError::no_title(Some(line))),
                None => {
                    if let Some(line) = empty_title_line {
                        return Err(ProposalError::MissingField {
                            path: None,
                            line: Some(line),
                            field: "title",
                            message: "the title section is empty".to_string(),
                        });
                    }
                    return Err(ProposalError::no_title(Some(first_line)));
                }
            },
        };
        proposal.title = title;
        scope.retain(|text| !text.is_empty());
        purpose.retain(|text| !text.is_empty());
        if scope.is_empty() {
            scope.extend(extras.iter().filter(|(free, _)| *free).map(|(_, text)| text.clone()));
            extras.retain(|(free, _)| !free);
        }
        purpose.extend(extras.into_iter().map(|(_, text)| text));
        proposal.scope = scope.join("\n\n");
        proposal.purpose = purpose.join("\n\n");
        let proposal = finish(proposal);
        if proposal.title.is_empty() {
            return Err(ProposalError::no_title(Some(first_line)));
        }
        Ok(proposal)
    }

    #[derive(Debug, PartialEq)]
    enum BlockKind {
        Paragraph,
        /// A list item, with its marker normalised (`-` for bullets, `1.` or `a)` as written).
        Item(String),
        Row,
    }

    #[derive(Debug)]
    pub(super) struct Block {
        kind: BlockKind,
        lines: Vec<String>,
        /// Whether a blank line came before this block.
        gap: bool,
    }

    /// Recognises a list item: `-`, `*`, `+`, `•` bullets, `1.` / `1)` numbers, `a)` letters,
    /// `(a)` and `[1]` labels.
    fn list_item(line: &str) -> Option<(String, &str)> {
        let trimmed = line.trim_start();
        let mut chars = trimmed.char_indices();
        let (_, first) = chars.next()?;
        let after = |index: usize| -> Option<&str> {
            let rest = &trimmed[index..];
            if rest.is_empty() {
                Some(rest)
            } else if rest.starts_with([' ', '\t']) {
                Some(rest.trim_start())
            } else {
                None
            }
        };
        if matches!(first, '-' | '*' | '+' | '\u{2022}' | '\u{00b7}' | '\u{2013}' | '\u{2014}') {
            return after(first.len_utf8()).map(|rest| ("-".to_string(), rest));
        }
        if first.is_ascii_digit() {
            let digits =
                trimmed.len() - trimmed.trim_start_matches(|c: char| c.is_ascii_digit()).len();
            if digits <= 3 {
                let punct = trimmed[digits..].chars().next()?;
                if matches!(punct, '.' | ')') {
                    return after(digits + 1).map(|rest| (trimmed[..digits + 1].to_string(), rest));
                }
            }
            return None;
        }
        if first.is_alphabetic() {
            let (index, punct) = chars.next()?;
            if punct == ')' {
                return after(index + 1).map(|rest| (trimmed[..index + 1].to_string(), rest));
            }
            return None;
        }
        if matches!(first, '(' | '[') {
            let close = if first == '(' { ')' } else { ']' };
            let end = trimmed.find(close)?;
            let label = &trimmed[1..end];
            if !label.is_empty()
                && label.chars().count() <= 4
                && label.chars().all(char::is_alphanumeric)
            {
                return after(end + 1).map(|rest| (trimmed[..end + 1].to_string(), rest));
            }
        }
        None
    }

    /// Cuts section lines into paragraphs, list items and table rows, as plain text.
    pub(super) fn blocks(lines: &[(usize, String)], markdown: bool) -> Vec<Block> {
        let plain = |text: &str| {
            if markdown {
                collapse_whitespace(&strip_inline(text))
            } else {
                collapse_whitespace(text)
            }
        };
        let mut blocks: Vec<Block> = Vec::new();
        let mut gap = false;
        for (_, line) in lines {
            let trimmed = line.trim();
            if trimmed.is_empty() {
                gap = true;
                continue;
            }
            if markdown && (is_thematic_break(trimmed) || is_table_separator(trimmed)) {
                continue;
            }
            if markdown {
                if let Some(cells) = table_cells(trimmed) {
                    let cells: Vec<String> =
                        cells.iter().map(|cell| plain(cell)).filter(|c| !c.is_empty()).collect();
                    if !cells.is_empty() {
                        blocks.push(Block {
                            kind: BlockKind::Row,
                            lines: vec![cells.join(" \u{2014} ")],
                            gap,
                        });
                    }
                    gap = false;
                    continue;
                }
            }
            if let Some((marker, rest)) = list_item(line) {
                let text = plain(rest);
                if !text.is_empty() {
                    blocks.push(Block { kind: BlockKind::Item(marker), lines: vec![text], gap });
                }
                gap = false;
                continue;
            }
            let text = plain(trimmed);
            if text.is_empty() {
                continue;
            }
            let indented = line.starts_with([' ', '\t']);
            match blocks.last_mut() {
                Some(last) if matches!(last.kind, BlockKind::Item(_)) && (!gap || indented) => {
                    if let Some(item) = last.lines.last_mut() {
                        item.push(' ');
                        item.push_str(&text);
                    }
                }
                Some(last) if last.kind == BlockKind::Paragraph && !gap => last.lines.push(text),
                _ => blocks.push(Block { kind: BlockKind::Paragraph, lines: vec![text], gap }),
            }
            gap = false;
        }
        blocks
    }

    /// Renders blocks as text: paragraph lines joined by spaces, items and rows one per line,
    /// blank lines where the source had them.
    pub(super) fn blocks_text(blocks: &[Block]) -> String {
        let mut out = String::new();
        for block in blocks {
            if !out.is_empty() {
                out.push_str(if block.gap { "\n\n" } else { "\n" });
            }
            if let BlockKind::Item(marker) = &block.kind {
                out.push_str(marker);
                out.push(' ');
            }
            out.push_str(&block.lines.join(" "));
        }
        out
    }

    fn list_entries(field: Field, blocks: &[Block]) -> Vec<String> {
        let mut entries = Vec::new();
        for block in blocks {
            match block.kind {
                // Items are split only where their separators cannot be part of an entry.
                BlockKind::Item(_) | BlockKind::Row
                    if matches!(field, Field::Relevant | Field::Ics) =>
                {
                    entries.extend(block.lines.iter().flat_map(|line| split_list(field, line)))
                }
                BlockKind::Item(_) | BlockKind::Row => entries.extend(block.lines.iter().cloned()),
                BlockKind::Paragraph => {
                    entries.extend(block.lines.iter().flat_map(|line| split_list(field, line)))
                }
            }
        }
        entries
    }

    /// Strips inline Markdown: emphasis, code spans, links and images (their text is kept),
    /// autolinks, HTML tags and backslash escapes.
    pub(super) fn strip_inline(text: &str) -> String {
        let chars: Vec<char> = text.chars().collect();
        let mut out = String::with_capacity(text.len());
        strip_inline_into(&chars, &mut out, 0);
        out
    }

    fn strip_inline_into(chars: &[char], out: &mut String, depth: usize) {
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            match c {
                '\\' if chars.get(i + 1).is_some_and(char::is_ascii_punctuation) => {
                    out.push(chars[i + 1]);
                    i += 2;
                }
                '!' if chars.get(i + 1) == Some(&'[') && depth < 4 => match link(chars, i + 1) {
                    Some((label, end)) => {
                        strip_inline_into(label, out, depth + 1);
                        i = end;
                    }
                    None => {
                        out.push(c);
                        i += 1;
                    }
                },
                '[' if depth < 4 => match link(chars, i) {
                    Some((label, end)) => {
                        strip_inline_into(label, out, depth + 1);
                        i = end;
                    }
                    None => {
                        out.push(c);
                        i += 1;
                    }
                },
                '<' => match angle(chars, i) {
                    Some((inner, end)) => {
                        out.push_str(&inner);
                        i = end;
                    }
                    None => {
                        out.push(c);
                        i += 1;
                    }
                },
                '`' => {
                    while chars.get(i) == Some(&'`') {
                        i += 1;
                    }
                }
                '*' | '_' | '~' => {
                    let start = i;
                    while chars.get(i) == Some(&c) {
                        i += 1;
                    }
                    let run = i - start;
                    let before = if start > 0 { chars[start - 1] } else { ' ' };
                    let after = chars.get(i).copied().unwrap_or(' ');
                    let flanking = !before.is_whitespace() || !after.is_whitespace();
                    let keep = match c {
                        '_' => before.is_alphanumeric() && after.is_alphanumeric(),
                        '~' => run < 2,
                        _ => !flanking || (before.is_ascii_digit() && after.is_ascii_digit()),
                    };
                    if keep {
                        out.extend(std::iter::repeat_n(c, run));
                    }
                }
                _ => {
                    out.push(c);
                    i += 1;
                }
            }
        }
    }

    /// Parses `[label](url)`, `[label][ref]` or `[label][]` starting at `[`; returns the label and
    /// the index after the link.
    fn link(chars: &[char], open: usize) -> Option<(&[char], usize)> {
        const WINDOW: usize = 2_000;
        let mut depth = 0usize;
        let mut close = None;
        for (index, &c) in chars.iter().enumerate().skip(open).take(WINDOW) {
            match c {
                '[' => depth += 1,
                ']' => {
                    depth -= 1;
                    if depth == 0 {
                        close = Some(index);
                        break;
                    }
                }
                _ => {}
            }
        }
        let close = close?;
        let label = &chars[open + 1..close];
        let (opener, closer) = match chars.get(close + 1) {
            Some('(') => ('(', ')'),
            Some('[') => ('[', ']'),
            _ => return None,
        };
        let mut depth = 0usize;
        for (index, &c) in chars.iter().enumerate().skip(close + 1).take(WINDOW) {
            if c == opener {
                depth += 1;
            } else if c == closer {
                depth -= 1;
                if depth == 0 {
                    return Some((label, index + 1));
                }
            }
        }
        None
    }

    /// Parses `<https://...>` (kept) or an HTML tag (dropped; `<br>` becomes a space).
    fn angle(chars: &[char], open: usize) -> Option<(String, usize)> {
        let close = chars
            .iter()
            .enumerate()
            .skip(open + 1)
            .take(300)
            .find(|(_, c)| matches!(c, '>' | '<'))?;
        if *close.1 != '>' {
            return None;
        }
        let inner: String = chars[open + 1..close.0].iter().collect();
        let lower = inner.to_ascii_lowercase();
        if (lower.starts_with("http://")
            || lower.starts_with("https://")
            || lower.starts_with("mailto:"))
            && !inner.contains(char::is_whitespace)
        {
            return Some((inner, close.0 + 1));
        }
        let name = lower.trim_start_matches('/');
        let tag: String = name.chars().take_while(char::is_ascii_alphanumeric).collect();
        if tag.is_empty() || !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
            return None;
        }
        let replacement =
            if matches!(tag.as_str(), "br" | "p" | "div" | "li" | "td" | "th") { " " } else { "" };
        Some((replacement.to_string(), close.0 + 1))
    }
}

// ---------------------------------------------------------------------------------------------
// JSON

mod json {
    use super::*;

    /// Maps a JSON key to a field (exact aliases only, `_` and `-` read as spaces).
    fn field_of(key: &str) -> Option<Field> {
        classify_key(&heading_key(key))
    }

    fn kind(value: &Value) -> &'static str {
        match value {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Number(_) => "a number",
            Value::String(_) => "a string",
            Value::Array(_) => "a list",
            Value::Object(_) => "an object",
        }
    }

    /// The byte offset of `"key":` in the source, if found.
    fn key_offset(text: &str, key: &str) -> Option<usize> {
        let needle = format!("\"{key}\"");
        let mut from = 0;
        while let Some(found) = text[from..].find(&needle) {
            let index = from + found;
            let after = &text[index + needle.len()..];
            if after.trim_start().starts_with(':') {
                return Some(index);
            }
            from = index + needle.len();
        }
        None
    }

    /// The line of `"key":` in the source, if found.
    fn key_line(text: &str, key: &str) -> Option<usize> {
        key_offset(text, key).map(|index| text[..index].matches('\n').count() + 1)
    }

    fn syntax_error(error: &serde_json::Error) -> ProposalError {
        let full = error.to_string();
        let suffix = format!(" at line {} column {}", error.line(), error.column());
        let message = full.strip_suffix(&suffix).unwrap_or(&full);
        let message = match message.strip_prefix("EOF") {
            Some(rest) => format!("end of file{rest}"),
            None => message.to_string(),
        };
        ProposalError::Json { path: None, line: error.line(), column: error.column(), message }
    }

    /// A text value: a string, a list of strings (joined by `joiner`) or null.
    fn text_value(
        text: &str,
        key: &str,
        field: Field,
        value: &Value,
        joiner: &str,
    ) -> Result<Option<String>, ProposalError> {
        match value {
            Value::Null => Ok(None),
            Value::String(s) => Ok(Some(s.clone())),
            Value::Array(items) => {
                let mut parts = Vec::with_capacity(items.len());
                for item in items {
                    match item {
                        Value::String(s) => parts.push(s.trim().to_string()),
                        Value::Null => {}
                        other => {
                            return Err(ProposalError::invalid(
                                key_line(text, key),
                                field.name(),
                                format!(
                                "expected a string or a list of strings, found a list holding {}",
                                kind(other)
                            ),
                            ))
                        }
                    }
                }
                parts.retain(|part| !part.is_empty());
                Ok(Some(parts.join(joiner)))
            }
            other => Err(ProposalError::invalid(
                key_line(text, key),
                field.name(),
                format!("expected a string, found {}", kind(other)),
            )),
        }
    }

    fn list_value(
        text: &str,
        key: &str,
        field: Field,
        value: &Value,
    ) -> Result<Vec<String>, ProposalError> {
        let number_hint =
            if field == Field::Ics { " (write ICS codes as strings, e.g. \"43.180\")" } else { "" };
        match value {
            Value::Null => Ok(Vec::new()),
            Value::String(s) => Ok(split_list(field, s)),
            Value::Array(items) => {
                let mut out = Vec::with_capacity(items.len());
                for item in items {
                    match item {
                        Value::String(s) if field == Field::Ics => out.extend(split_list(field, s)),
                        Value::String(s) => out.push(s.clone()),
                        Value::Null => {}
                        other => {
                            return Err(ProposalError::invalid(
                                key_line(text, key),
                                field.name(),
                                format!(
                                "expected a list of strings, found a list holding {}{number_hint}",
                                kind(other)
                            ),
                            ))
                        }
                    }
                }
                Ok(out)
            }
            other => Err(ProposalError::invalid(
                key_line(text, key),
                field.name(),
                format!(
                    "expected a string or a list of strings, found {}{number_hint}",
                    kind(other)
                ),
            )),
        }
    }

    pub(super) fn parse(text: &str) -> Result<Proposal, ProposalError> {
        let text = strip_bom(text);
        if text.trim().is_empty() {
            return Err(ProposalError::empty());
        }
        let value: Value = serde_json::from_str(text).map_err(|error| syntax_error(&error))?;
        let Value::Object(object) = value else {
            return Err(ProposalError::invalid(
                Some(1),
                "proposal",
                format!("expected a json object, found {}", kind(&value)),
            ));
        };
        let object = unwrap(object);
        let mut entries: Vec<(Field, &String, &Value)> = object
            .iter()
            .filter_map(|(key, value)| field_of(key).map(|field| (field, key, value)))
            .collect();
        // Canonical names first (`title` wins over `titre`), then in the order of the source.
        entries.sort_by_key(|(field, key, _)| {
            (*field, key.as_str() != field.name(), key_offset(text, key).unwrap_or(usize::MAX))
        });

        let mut proposal = Proposal::default();
        let mut title_line = None;
        let mut scope: Vec<String> = Vec::new();
        let mut purpose: Vec<String> = Vec::new();
        for (field, key, value) in entries {
            match field {
                Field::Title => {
                    if let Some(title) = text_value(text, key, field, value, " ")? {
                        if proposal.title.trim().is_empty() {
                            proposal.title = title;
                            title_line = key_line(text, key);
                        }
                    }
                }
                Field::Scope => scope.extend(text_value(text, key, field, value, "\n\n")?),
                Field::Purpose => purpose.extend(text_value(text, key, field, value, "\n\n")?),
                Field::Committee => {
                    let committee = text_value(text, key, field, value, ", ")?;
                    proposal.committee = proposal.committee.take().or(committee);
                }
                Field::Organisation => {
                    let organisation = text_value(text, key, field, value, ", ")?;
                    proposal.organisation = proposal.organisation.take().or(organisation);
                }
                Field::Language => {
                    if let Some(language) = text_value(text, key, field, value, " ")? {
                        if proposal.language.is_none() && !language.trim().is_empty() {
                            proposal.language = Some(parse_language(&language));
                        }
                    }
                }
                Field::Relevant => {
                    proposal.relevant_documents.extend(list_value(text, key, field, value)?)
                }
                Field::Ics => proposal.ics.extend(list_value(text, key, field, value)?),
                Field::Liaisons => proposal.liaisons.extend(list_value(text, key, field, value)?),
                Field::Keywords => proposal.keywords.extend(list_value(text, key, field, value)?),
            }
        }
        scope.retain(|s| !s.trim().is_empty());
        purpose.retain(|s| !s.trim().is_empty());
        proposal.scope = scope.join("\n\n");
        proposal.purpose = purpose.join("\n\n");
        let proposal = finish(proposal);
        if proposal.title.is_empty() {
            if proposal.is_empty() && title_line.is_none() {
                return Err(ProposalError::MissingField {
                    path: None,
                    line: None,
                    field: "title",
                    message: "the proposal is empty (no known field)".to_string(),
                });
            }
            let message = if title_line.is_some() {
                "the title is empty"
            } else {
                "the proposal has no title"
            };
            return Err(ProposalError::MissingField {
                path: None,
                line: title_line,
                field: "title",
                message: message.to_string(),
            });
        }
        Ok(proposal)
    }

    /// Unwraps `{"query": {...}}` or `{"proposal": {...}}` when the outer object has no title.
    fn unwrap(object: Map<String, Value>) -> Map<String, Value> {
        let has_title = object.keys().any(|key| field_of(key) == Some(Field::Title));
        if has_title {
            return object;
        }
        for wrapper in ["proposal", "query", "nwip"] {
            if let Some(Value::Object(inner)) = object.get(wrapper) {
                return inner.clone();
            }
        }
        object
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn md(text: &str) -> Proposal {
        Proposal::from_markdown(text).unwrap_or_else(|error| panic!("{error}\n---\n{text}"))
    }

    #[test]
    fn markdown_english_form() {
        let p = md("# Road vehicles — Battery swapping stations for electric scooters\n\
                    \n\
                    ## Scope\n\
                    This document specifies **safety** requirements\n\
                    for [battery swapping](https://example.org) stations.\n\
                    \n\
                    It does not apply to cars.\n\
                    \n\
                    ## Purpose and justification\n\
                    Swapping is growing fast.\n\
                    \n\
                    ## Relevant documents\n\
                    - ISO 6469-1:2019, Electrically propelled road vehicles — Safety specifications\n\
                    - IEC 62840-2\n\
                    \n\
                    ## Committee\n\
                    ISO/TC 22/SC 38\n\
                    \n\
                    ## ICS codes\n\
                    43.120; 43.140, 29.220.20\n\
                    \n\
                    ## Liaisons\n\
                    * IEC/TC 69\n\
                    * IEC/TC 21\n\
                    \n\
                    ## Language\n\
                    English\n\
                    \n\
                    ## Organization\n\
                    ISO\n\
                    \n\
                    ## Keywords\n\
                    battery swapping, scooters, safety\n");
        assert_eq!(p.title, "Road vehicles — Battery swapping stations for electric scooters");
        assert_eq!(p.scope, "This document specifies safety requirements for battery swapping stations.\n\nIt does not apply to cars.");
        assert_eq!(p.purpose, "Swapping is growing fast.");
        assert_eq!(
            p.relevant_documents,
            [
                "ISO 6469-1:2019, Electrically propelled road vehicles — Safety specifications",
                "IEC 62840-2"
            ]
        );
        assert_eq!(p.committee.as_deref(), Some("ISO/TC 22/SC 38"));
        assert_eq!(p.ics, ["43.120", "43.140", "29.220.20"]);
        assert_eq!(p.liaisons, ["IEC/TC 69", "IEC/TC 21"]);
        assert_eq!(p.language, Some(Language::English));
        assert_eq!(p.organisation.as_deref(), Some("ISO"));
        assert_eq!(p.keywords, ["battery swapping", "scooters", "safety"]);
        assert_eq!(p.detected_language(), Language::English);
    }

    #[test]
    fn markdown_french_headings() {
        let p = md("## Titre\nSystèmes de management de la qualité — Lignes directrices pour les coopératives\n\n\
                    ## Domaine d'application\nLe présent document donne des lignes directrices.\n\n\
                    ## Objet et justification\nLes coopératives ont des besoins particuliers.\n\n\
                    ## Documents de référence\n- ISO 9001:2015\n- ISO 9004:2018\n\n\
                    ## Comité\nISO/TC 176/SC 3\n\n## Codes ICS\n03.120.10\n\n\
                    ## Liaisons\nICA ; ISO/TC 176/SC 2\n\n## Langue\nfrançais\n\n## Mots-clés\nqualité, coopérative\n\n\
                    ## Organisme\nAFNOR\n");
        assert_eq!(
            p.title,
            "Systèmes de management de la qualité — Lignes directrices pour les coopératives"
        );
        assert_eq!(p.scope, "Le présent document donne des lignes directrices.");
        assert_eq!(p.purpose, "Les coopératives ont des besoins particuliers.");
        assert_eq!(p.relevant_documents, ["ISO 9001:2015", "ISO 9004:2018"]);
        assert_eq!(p.committee.as_deref(), Some("ISO/TC 176/SC 3"));
        assert_eq!(p.ics, ["03.120.10"]);
        assert_eq!(p.liaisons, ["ICA", "ISO/TC 176/SC 2"]);
        assert_eq!(p.language, Some(Language::French));
        assert_eq!(p.keywords, ["qualité", "coopérative"]);
        assert_eq!(p.organisation.as_deref(), Some("AFNOR"));
    }

    #[test]
    fn markdown_french_headings_without_accents_and_curly_apostrophe() {
        let p = md("# TITRE :\nRéseaux électriques\n\n# DOMAINE D’APPLICATION :\nTexte.\n\n## Comite\nIEC/TC 8\n");
        assert_eq!(p.title, "Réseaux électriques");
        assert_eq!(p.scope, "Texte.");
        assert_eq!(p.committee.as_deref(), Some("IEC/TC 8"));
    }

    #[test]
    fn markdown_russian_headings() {
        let p = md("# Наименование\nТранспорт дорожный. Станции замены батарей\n\n\
                    ## Область применения\nНастоящий стандарт устанавливает требования безопасности.\n\n\
                    ## Цель и обоснование\nРынок растёт.\n\n## Нормативные ссылки\n- ГОСТ Р 12345-2020\n\n\
                    ## Комитет\nТК 056\n\n## МКС (ICS)\n43.120\n\n## Связи\nТК 016, ТК 333\n\n## Язык\nрусский\n");
        assert_eq!(p.title, "Транспорт дорожный. Станции замены батарей");
        assert_eq!(p.scope, "Настоящий стандарт устанавливает требования безопасности.");
        assert_eq!(p.purpose, "Рынок растёт.");
        assert_eq!(p.relevant_documents, ["ГОСТ Р 12345-2020"]);
        assert_eq!(p.committee.as_deref(), Some("ТК 056"));
        assert_eq!(p.ics, ["43.120"]);
        assert_eq!(p.liaisons, ["ТК 016", "ТК 333"]);
        assert_eq!(p.language, Some(Language::Russian));
        assert_eq!(p.detected_language(), Language::Russian);
        let p = md("## Название\nСварка\n\n## Обоснование\nНужно.\n\n## Ссылочные документы\nГОСТ 1; ГОСТ 2\n");
        assert_eq!(p.purpose, "Нужно.");
        assert_eq!(p.relevant_documents, ["ГОСТ 1", "ГОСТ 2"]);
    }

    #[test]
    fn markdown_numbered_headings_and_colons() {
        let p = md("# Smart meters — Data model\n\n## 1. Scope:\nScope text.\n\n### A) Purpose\nWhy.\n\n\
                    ## 3) References\n1. IEC 62056-6-2\n2. IEC 61968-9\n\n## (d) ICS\n17.220.20\n\n## IV. Liaisons\nCEN/CLC JWG 6\n\n\
                    ## 5.1 Committee :\nIEC/TC 13\n");
        assert_eq!(p.scope, "Scope text.");
        assert_eq!(p.purpose, "Why.");
        assert_eq!(p.relevant_documents, ["IEC 62056-6-2", "IEC 61968-9"]);
        assert_eq!(p.ics, ["17.220.20"]);
        assert_eq!(p.liaisons, ["CEN/CLC JWG 6"]);
        assert_eq!(p.committee.as_deref(), Some("IEC/TC 13"));
    }

    #[test]
    fn markdown_form_wording_and_bilingual_headings() {
        let p = md("# New work item proposal\n\n## Title of the proposal\nBiogas — Upgrading plants\n\n\
                    ## Scope of the proposed deliverable\nPlants.\n\n## Purpose and justification of the proposal\nWhy.\n\n\
                    ## Relevant documents to be considered\nEN 16723-1\n\n## Scope / Domaine d'application\nMore.\n");
        assert_eq!(p.title, "Biogas — Upgrading plants");
        assert_eq!(p.scope, "Plants.\n\nMore.");
        assert_eq!(p.purpose, "Why.");
        assert_eq!(p.relevant_documents, ["EN 16723-1"]);
        let p = md("# NWIP: Biogas — Upgrading plants\n\nSome scope.");
        assert_eq!(p.title, "Biogas — Upgrading plants");
        assert_eq!(p.scope, "Some scope.");
        assert!(Proposal::from_markdown("# New work item proposal\n\n## Scope\nx").is_err());
    }

    #[test]
    fn markdown_key_lines_before_first_section() {
        let p = md("# Wind turbines — Blade erosion testing\n\
                    Committee: IEC/TC 88\n\
                    **ICS:** 27.180\n\
                    Liaisons: IEA Wind, DNV; CENELEC/TC 88\n\
                    Organisation: IEC\n\
                    Language: en\n\
                    \n\
                    ## Scope\n\
                    Committee: this line is inside a section and stays text.\n");
        assert_eq!(p.committee.as_deref(), Some("IEC/TC 88"));
        assert_eq!(p.ics, ["27.180"]);
        assert_eq!(p.liaisons, ["IEA Wind", "DNV", "CENELEC/TC 88"]);
        assert_eq!(p.organisation.as_deref(), Some("IEC"));
        assert_eq!(p.language, Some(Language::English));
        assert_eq!(p.scope, "Committee: this line is inside a section and stays text.");
    }

    #[test]
    fn markdown_inline_key_values_end_at_the_line() {
        let p = md("Title: Foo\nhttps://example.org: bar\nNote: blah\nLiaisons: A, B\n- C\n  (continued)\nMore text.\n");
        assert_eq!(p.title, "Foo");
        assert_eq!(p.liaisons, ["A", "B", "C (continued)"]);
        assert_eq!(p.scope, "https://example.org: bar Note: blah\n\nMore text.");
        let p = md("# T\n\n## References\n[1] ISO 9001:2015.\n[2] ISO 14001:2015; ISO 45001\n");
        assert_eq!(p.relevant_documents, ["ISO 9001:2015", "ISO 14001:2015", "ISO 45001"]);
    }

    #[test]
    fn markdown_key_value_document_without_headings() {
        let p = md("Title: Hydrogen refuelling — Nozzle cleanliness\n\
                    Scope:\n\
                    This document specifies\n\
                    cleanliness limits.\n\
                    \n\
                    It covers 70 MPa nozzles.\n\
                    Purpose and justification: Contamination damages fuel cells.\n\
                    ICS:\n\
                    - 71.100.20\n\
                    - 43.180\n");
        assert_eq!(p.title, "Hydrogen refuelling — Nozzle cleanliness");
        assert_eq!(
            p.scope,
            "This document specifies cleanliness limits.\n\nIt covers 70 MPa nozzles."
        );
        assert_eq!(p.purpose, "Contamination damages fuel cells.");
        assert_eq!(p.ics, ["71.100.20", "43.180"]);
    }

    #[test]
    fn markdown_front_matter_and_table() {
        let p = md("---\ntitle: \"Textiles — Microfibre release\"\nics: [59.080.01, 13.020.40]\nlayout: form\nliaisons:\n  - ISO/TC 38\n---\n\n\
                    | Field | Value |\n|---|---|\n| Committee | ISO/TC 38 |\n| Proposer | SIS |\n\nFree scope text.\n");
        assert_eq!(p.title, "Textiles — Microfibre release");
        assert_eq!(p.ics, ["59.080.01", "13.020.40"]);
        assert_eq!(p.liaisons, ["ISO/TC 38"]);
        assert_eq!(p.committee.as_deref(), Some("ISO/TC 38"));
        assert_eq!(p.organisation.as_deref(), Some("SIS"));
        assert!(p.scope.ends_with("Free scope text."), "{:?}", p.scope);
        assert!(!p.purpose.contains("layout"));
    }

    #[test]
    fn markdown_unknown_sections_go_to_purpose() {
        let p = md("# Title here\n\nIntro paragraph.\n\n## Scope\nS.\n\n## Purpose\nP.\n\n## Market relevance\nBig market.\n\n## Project leader\nJane Doe\n");
        assert_eq!(p.scope, "S.");
        assert_eq!(p.purpose, "P.\n\nIntro paragraph.\n\nMarket relevance\n\nBig market.\n\nProject leader\n\nJane Doe");
        // With no scope section, text before the first section is the scope.
        let p = md("# Title here\n\nIntro paragraph.\n\n## Market relevance\nBig market.\n");
        assert_eq!(p.scope, "Intro paragraph.");
        assert_eq!(p.purpose, "Market relevance\n\nBig market.");
    }

    #[test]
    fn markdown_titles_that_start_like_section_names() {
        for title in [
            "Language resource management — Lexical markup framework",
            "Title insurance — Vocabulary",
            "Committee procedures — Guidance",
        ] {
            let p = md(&format!(
                "# {title}

## Scope
S.
"
            ));
            assert_eq!(p.title, title);
            assert_eq!(p.scope, "S.");
        }
    }

    #[test]
    fn markdown_generic_table_header_is_dropped() {
        let p = md("# T

| Field | Value |
|:--|--:|
| Committee | ISO/TC 1 |
| ICS | 01.040 |

## Scope
S.
");
        assert_eq!(p.committee.as_deref(), Some("ISO/TC 1"));
        assert_eq!(p.ics, ["01.040"]);
        assert_eq!(p.purpose, "");
    }

    #[test]
    fn markdown_sub_headings_stay_in_known_sections() {
        let p = md("# T\n\n## Scope\nCovers A.\n\n### Exclusions\nNot B.\n\n## Purpose\nP.\n");
        assert_eq!(p.scope, "Covers A.\n\nExclusions\n\nNot B.");
        assert_eq!(p.purpose, "P.");
    }

    #[test]
    fn markdown_strips_inline_markup() {
        assert_eq!(
            markdown::strip_inline("**bold** and _it_ and `code` and [link](http://x/(y))"),
            "bold and it and code and link"
        );
        assert_eq!(
            markdown::strip_inline("snake_case 2*3 a * b ~50 ~~old~~ \\*lit\\*"),
            "snake_case 2*3 a * b ~50 old *lit*"
        );
        assert_eq!(
            markdown::strip_inline("![logo](a.png) <https://iso.org> x<br>y <5 kW"),
            "logo https://iso.org x y <5 kW"
        );
        assert_eq!(markdown::strip_inline("[unclosed and [ref][1]"), "[unclosed and ref");
        let p = md("# *Road* vehicles\n<!-- instructions\nfor the secretary -->\n## Scope\nText with a [link][1].\n\n[1]: https://example.org\n");
        assert_eq!(p.title, "Road vehicles");
        assert!(!p.scope.contains("instructions"));
        assert!(p.scope.starts_with("Text with a link."));
    }

    #[test]
    fn markdown_setext_and_bold_headings() {
        let p = md("Marine fuels — Bio-blends\n=========================\n\n**Scope**\nBlends.\n\n__Justification:__\nDemand.\n");
        assert_eq!(p.title, "Marine fuels — Bio-blends");
        assert_eq!(p.scope, "Blends.");
        assert_eq!(p.purpose, "Demand.");
    }

    #[test]
    fn markdown_lists_keep_items_and_drop_placeholders() {
        let p = md("# T\n\n## Scope\nIt covers:\n- gears\n- axles,\n  shafts\n\n## Liaisons\nNone\n\n## ICS\n- 21.200 Gears\n- ICS 3.100.1\n- to be decided\n\n## Committee\nN/A\n");
        assert_eq!(p.scope, "It covers:\n- gears\n- axles, shafts");
        assert!(p.liaisons.is_empty());
        assert_eq!(p.ics, ["21.200", "03.100.01", "to be decided"]);
        assert_eq!(p.committee, None);
    }

    #[test]
    fn markdown_duplicate_single_fields_are_kept_in_purpose() {
        let p = md("## Title\nEnglish title\n\nSecond paragraph\n\n## Titre\nTitre français\n\n## Committee\nISO/TC 1\nISO/TC 2\n");
        assert_eq!(p.title, "English title");
        assert!(p.purpose.contains("Second paragraph"));
        assert!(p.purpose.contains("Titre français"));
        assert!(p.purpose.contains("ISO/TC 2"));
        assert_eq!(p.committee.as_deref(), Some("ISO/TC 1"));
    }

    #[test]
    fn markdown_empty_and_missing_title() {
        for text in ["", "   \n\n\t\n", "\u{feff}", "<!-- only a comment -->"] {
            let error = Proposal::from_markdown(text).unwrap_err();
            assert!(
                matches!(error, ProposalError::MissingField { field: "title", .. }),
                "{error:?}"
            );
            assert_eq!(error.to_string(), "field title: the proposal is empty");
        }
        let error = Proposal::from_markdown("\n## Scope\nOnly a scope.\n").unwrap_err();
        assert_eq!(error.line(), Some(2));
        assert!(
            error.to_string().starts_with("line 2: field title: the proposal has no title"),
            "{error}"
        );
        let error = Proposal::from_markdown("## Title\n\n## Scope\nx\n").unwrap_err();
        assert_eq!(error.to_string(), "line 1: field title: the title section is empty");
        // A first heading that is not a known section is the title, whatever its level.
        assert_eq!(md("## Water meters\ntext").title, "Water meters");
    }

    #[test]
    fn markdown_code_fences_are_content() {
        let p = md("# T\n## Scope\n```\n# not a heading\n```\n");
        assert_eq!(p.scope, "# not a heading");
    }

    #[test]
    fn text_reader() {
        let p = Proposal::from_text("\r\n  Road vehicles — Tyre wear particles  \r\nThis document specifies\r\na method.\r\n\r\nSecond *para*.").unwrap();
        assert_eq!(p.title, "Road vehicles — Tyre wear particles");
        assert_eq!(p.scope, "This document specifies a method.\n\nSecond *para*.");
        assert_eq!(p.purpose, "");
        assert_eq!(p.language, None);
        let p = Proposal::from_text("Only a title").unwrap();
        assert_eq!(p.scope, "");
        let error = Proposal::from_text(" \n \n").unwrap_err();
        assert_eq!(error.to_string(), "field title: the proposal is empty");
        // A text with key lines is read like Markdown key lines.
        let p =
            Proposal::from_text("Title: Pumps\nScope: Centrifugal pumps.\nCommittee: ISO/TC 115")
                .unwrap();
        assert_eq!((p.title.as_str(), p.scope.as_str()), ("Pumps", "Centrifugal pumps."));
        assert_eq!(p.committee.as_deref(), Some("ISO/TC 115"));
    }

    #[test]
    fn json_own_field_names_round_trip() {
        let original = Proposal::builder()
            .title("Quality management — Micro-enterprises")
            .scope("Scope.")
            .purpose("Purpose.")
            .relevant_document("ISO 9001:2015")
            .committee("ISO/TC 176")
            .ics("03.120.10")
            .liaison("ISO/TC 309")
            .language(Language::English)
            .organisation("ISO")
            .keyword("quality")
            .build()
            .unwrap();
        let json = serde_json::to_string_pretty(&original).unwrap();
        assert_eq!(Proposal::from_json(&json).unwrap(), original);
        let derived: Proposal = serde_json::from_str(&json).unwrap();
        assert_eq!(derived, original);
    }

    #[test]
    fn json_eval_shape_aliases_and_wrappers() {
        let p = Proposal::from_json(
            r#"{"id": "q1", "query": {"title": " Smart grid —\n DER ", "scope": "S", "committee": "IEC/TC 57",
                 "ics": "29.240.01; 3.100.1", "language": "fra",
                 "purpose_and_justification": "A", "justification": "B",
                 "relevant": "IEC 61850-7-420; IEC 61968", "references": ["EN 50549-1"],
                 "liaisons": "IEEE, CENELEC", "organization": "IEC", "keywords": ["DER", "grid"]}}"#,
        )
        .unwrap();
        assert_eq!(p.title, "Smart grid — DER");
        assert_eq!(p.ics, ["29.240.01", "03.100.01"]);
        assert_eq!(p.language, Some(Language::French));
        assert_eq!(p.purpose, "A\n\nB");
        assert_eq!(p.relevant_documents, ["IEC 61850-7-420", "IEC 61968", "EN 50549-1"]);
        assert_eq!(p.liaisons, ["IEEE", "CENELEC"]);
        assert_eq!(p.organisation.as_deref(), Some("IEC"));
        assert_eq!(p.keywords, ["DER", "grid"]);
        let p = Proposal::from_json(
            r#"{"proposal": {"title": "T", "ics": ["43.120", "43.040.10"], "language": "ru"}}"#,
        )
        .unwrap();
        assert_eq!(p.ics, ["43.120", "43.040.10"]);
        assert_eq!(p.language, Some(Language::Russian));
        let p = Proposal::from_json(r#"{"titre": "T", "domaine_d_application": "S", "language": "klingon", "committee": null}"#).unwrap();
        assert_eq!((p.title.as_str(), p.scope.as_str()), ("T", "S"));
        assert_eq!(p.language, Some(Language::Unknown));
        assert_eq!(p.committee, None);
    }

    #[test]
    fn json_syntax_error_has_line_and_column() {
        let error =
            Proposal::from_json("{\n  \"title\": \"T\",\n  \"scope\": oops\n}").unwrap_err();
        match &error {
            ProposalError::Json { line, column, message, .. } => {
                assert_eq!((*line, *column), (3, 12));
                assert_eq!(message, "expected value");
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(error.to_string(), "line 3, column 12: invalid json: expected value");
        let error =
            Proposal::from_json("{\"title\": \"T\"").unwrap_err().with_path(Path::new("p/x.json"));
        assert!(
            error.to_string().starts_with(
                "p/x.json: line 1, column 13: invalid json: end of file while parsing an object"
            ),
            "{error}"
        );
    }

    #[test]
    fn json_wrong_types() {
        let error = Proposal::from_json("{\n\"title\": \"T\",\n\"ics\": 43.18\n}").unwrap_err();
        assert!(
            matches!(error, ProposalError::InvalidField { field: "ics", line: Some(3), .. }),
            "{error:?}"
        );
        assert!(error.to_string().contains("write ICS codes as strings"));
        let error = Proposal::from_json(r#"{"title": ["a", 1]}"#).unwrap_err();
        assert!(
            matches!(error, ProposalError::InvalidField { field: "title", line: Some(1), .. }),
            "{error:?}"
        );
        let error = Proposal::from_json(r#"{"title": "T", "liaisons": {"a": 1}}"#).unwrap_err();
        assert!(error.to_string().starts_with(
            "line 1: field liaisons: expected a string or a list of strings, found an object"
        ));
        let error = Proposal::from_json("[1, 2]").unwrap_err();
        assert_eq!(
            error.to_string(),
            "line 1: field proposal: expected a json object, found a list"
        );
    }

    #[test]
    fn json_missing_and_empty() {
        assert_eq!(
            Proposal::from_json("").unwrap_err().to_string(),
            "field title: the proposal is empty"
        );
        assert_eq!(
            Proposal::from_json("{}").unwrap_err().to_string(),
            "field title: the proposal is empty (no known field)"
        );
        assert_eq!(
            Proposal::from_json(r#"{"scope": "S"}"#).unwrap_err().to_string(),
            "field title: the proposal has no title"
        );
        assert_eq!(
            Proposal::from_json("{\"scope\": \"S\",\n \"title\": \"  \"}").unwrap_err().to_string(),
            "line 2: field title: the title is empty"
        );
    }

    #[test]
    fn builder_normalises_and_requires_a_title() {
        let p = Proposal::builder()
            .title(" T ")
            .ics("ICS 43.120 Electric road vehicles")
            .committee("  ")
            .build()
            .unwrap();
        assert_eq!(p.ics, ["43.120"]);
        assert_eq!(p.committee, None);
        let error = Proposal::builder().build().unwrap_err();
        assert_eq!(error.to_string(), "field title: the proposal is empty");
        let error = Proposal::builder().scope("S").build().unwrap_err();
        assert!(error.to_string().starts_with("field title: the proposal has no title"));
    }

    #[test]
    fn helpers() {
        assert_eq!(classify("Purpose and justification"), Some(Field::Purpose));
        assert_eq!(classify("Objet et justification"), Some(Field::Purpose));
        assert_eq!(classify("Mots clés"), Some(Field::Keywords));
        assert_eq!(classify("ICS (International Classification for Standards)"), Some(Field::Ics));
        assert_eq!(classify("Scope / Domaine d'application"), Some(Field::Scope));
        assert_eq!(classify("Scope / Purpose"), None);
        assert_eq!(classify("Market relevance"), None);
        assert_eq!(classify("Ii. Scope"), Some(Field::Scope));
        assert_eq!(parse_language("Français"), Language::French);
        assert_eq!(parse_language("Русский"), Language::Russian);
        assert_eq!(parse_language("English (en-GB)"), Language::English);
        assert_eq!(ics_codes("ICS: 43.120, 43.140"), ["43.120", "43.140"]);
        assert_eq!(ics_codes("part 2 of 43.120"), ["43.120"]);
        assert!(ics_codes("Road vehicles").is_empty());
    }

    #[test]
    fn read_path_formats_and_errors() {
        let dir = std::env::temp_dir().join(format!("nwip-proposal-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let write = |name: &str, text: &str| {
            let path = dir.join(name);
            std::fs::write(&path, text).unwrap();
            path
        };
        let md_path = write("a.md", "# Markdown title\n## Scope\nS\n");
        assert_eq!(Proposal::read_path(&md_path).unwrap().title, "Markdown title");
        let json_in_txt = write("b.txt", "  {\"title\": \"Json title\"}");
        assert_eq!(Proposal::read_path(&json_in_txt).unwrap().title, "Json title");
        let md_in_txt = write("c.txt", "# Heading title\n\n## Scope\nS\n");
        assert_eq!(Proposal::read_path(&md_in_txt).unwrap().scope, "S");
        let text = write("d.proposal", "Plain title\nPlain scope\n");
        assert_eq!(Proposal::read_path(&text).unwrap().scope, "Plain scope");

        let empty = write("e.md", "");
        let error = Proposal::read_path(&empty).unwrap_err();
        assert_eq!(
            error.to_string(),
            format!("{}: field title: the proposal is empty", empty.display())
        );
        assert_eq!(error.path(), Some(empty.as_path()));
        let bad = write("f.json", "{\"title\": }");
        let error = Proposal::read_path(&bad).unwrap_err();
        assert!(
            error
                .to_string()
                .starts_with(&format!("{}: line 1, column 11: invalid json", bad.display())),
            "{error}"
        );
        let untitled = write("g.md", "\n\n## Scope\nS\n");
        let error = Proposal::read_path(&untitled).unwrap_err();
        assert!(error.to_string().starts_with(&format!(
            "{}: line 3: field title: the proposal has no title",
            untitled.display()
        )));
        let missing = dir.join("missing.md");
        let error = Proposal::read_path(&missing).unwrap_err();
        assert!(matches!(error, ProposalError::Io { .. }));
        assert!(error
            .to_string()
            .starts_with(&format!("{}: cannot read the proposal", missing.display())));
        assert!(std::error::Error::source(&error).is_some());
        assert!(matches!(Proposal::read_path(&dir).unwrap_err(), ProposalError::Io { .. }));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn text_and_emptiness() {
        let p = Proposal::builder().title("T").scope("S").build().unwrap();
        assert_eq!(p.text(), "T\n\nS");
        assert!(!p.is_empty());
        assert!(Proposal::default().is_empty());
        let declared = Proposal { language: Some(Language::German), ..p.clone() };
        assert_eq!(declared.detected_language(), Language::German);
    }

    fn markdownish() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            Just("# ".to_string()),
            Just("## Scope\n".to_string()),
            Just("## Titre :\n".to_string()),
            Just("Title: ".to_string()),
            Just("ICS: 43.120, ".to_string()),
            Just("\n".to_string()),
            Just("---\n".to_string()),
            Just("| Title | x |\n".to_string()),
            Just("```\n".to_string()),
            Just("<!--".to_string()),
            Just("[a](b".to_string()),
            Just("**".to_string()),
            Just("- ".to_string()),
            Just("1. ".to_string()),
            Just("(a) ".to_string()),
            Just("é’ё\u{feff}\r".to_string()),
            "\\PC{0,12}",
        ];
        proptest::collection::vec(piece, 0..24).prop_map(|pieces| pieces.concat())
    }

    proptest! {
        #[test]
        fn readers_never_panic(text in "\\PC*") {
            let _ = Proposal::from_markdown(&text);
            let _ = Proposal::from_text(&text);
            let _ = Proposal::from_json(&text);
        }

        #[test]
        fn readers_never_panic_on_markdownish_input(text in markdownish()) {
            let markdown = Proposal::from_markdown(&text);
            let _ = Proposal::from_text(&text);
            if let Ok(proposal) = markdown {
                prop_assert!(!proposal.title.is_empty());
                prop_assert_eq!(proposal.title.trim(), proposal.title.as_str());
            }
        }
    }
}
