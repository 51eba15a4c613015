//! New Work Item Proposals: the [`Proposal`] type and its readers.
//!
//! A proposal is shaped like ISO Form 4: a title, a scope, a purpose and justification, relevant
//! documents, the proposing committee, ICS codes and liaisons. It can be read from four formats,
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
//! - **Word** ([`Proposal::from_docx`]): `.docx` forms (ISO Form 4, IEC NP, IEEE PAR); heading
//!   styles and table rows naming a field are read as the Markdown reader reads sections.
//!
//! [`Proposal::read_path`] and [`Proposal::read_bytes`] pick the reader from the file's extension and content. Every reader
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

mod decode;
mod docx;
mod error;
mod fields;
mod json;
mod markdown;
mod text;

use std::path::Path;

use nwip_text::{detect_language, Language};

use decode::{sniff, Format};
pub use error::ProposalError;
use fields::finish;

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
    /// A check reads it as the proposal's subject only when there is no scope
    /// (`nwip_score::subject_purpose`), and looks up the documents it names either way.
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
        text::parse(text)
    }

    /// Reads a Word document (`.docx`): ISO Form 4, an IEC NP form, an IEEE PAR, or any document
    /// shaped like one.
    ///
    /// Paragraphs and tables are read into the Markdown [`Proposal::from_markdown`] reads:
    /// heading styles become headings, and a table row whose first cell names a field (`Title`,
    /// `Scope`, `Purpose and justification`, `Committee`, `ICS`, `Relevant documents`,
    /// `Liaisons`, in English, French or Russian) fills that field with its other cells; a row
    /// holding only a field's name is filled by the rows below it.
    ///
    /// ```
    /// use nwip_corpus::{Proposal, ProposalError};
    /// let error = Proposal::from_docx(b"PK\x03\x04 truncated").unwrap_err();
    /// assert!(matches!(error, ProposalError::Docx { .. }));
    /// assert_eq!(error.to_string(), "not a readable .docx file (broken or truncated zip archive)");
    /// ```
    ///
    /// # Errors
    /// [`ProposalError::Docx`] when the bytes are not a readable `.docx` (not a zip archive,
    /// password-protected, an old `.doc`, broken XML), [`ProposalError::MissingField`] when the
    /// document has no text or no title.
    pub fn from_docx(bytes: &[u8]) -> Result<Proposal, ProposalError> {
        docx::parse(bytes)
    }

    /// Reads a proposal file, choosing the reader from its content and extension; see
    /// [`Proposal::read_bytes`].
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
        let bytes = crate::decode::read_proposal_bytes(path)?;
        Proposal::read_bytes(path, &bytes)
    }

    /// Reads the bytes of a proposal file named `path` (read from disk, or uploaded), choosing the
    /// reader from its content and extension: a `.docx` (or any zip archive, or an OLE compound
    /// file such as an encrypted `.docx`) is a Word document; text starting with `{` is JSON;
    /// otherwise `.json` is JSON, `.md` and `.markdown` are Markdown, and any other file is
    /// Markdown if it has front matter or a line starting with `# ` or `## `, plain text if not.
    /// Text is decoded by [`crate::decode`] (UTF-8, UTF-16 with or without a byte order mark,
    /// Windows-1251, Windows-1252 and other legacy encodings); a binary file is refused.
    ///
    /// ```
    /// use nwip_corpus::Proposal;
    /// use std::path::Path;
    /// let proposal = Proposal::read_bytes(Path::new("draft.md"), b"# Pumps\n## Scope\nCentrifugal pumps.")?;
    /// assert_eq!(proposal.scope, "Centrifugal pumps.");
    /// let error = Proposal::read_bytes(Path::new("draft.docx"), b"not a zip").unwrap_err();
    /// assert!(error.to_string().starts_with("draft.docx: not a readable .docx file"));
    /// # Ok::<(), nwip_corpus::ProposalError>(())
    /// ```
    ///
    /// # Errors
    /// The errors of the reader, with the path filled in.
    pub fn read_bytes(path: &Path, bytes: &[u8]) -> Result<Proposal, ProposalError> {
        let extension = path.extension().and_then(|extension| extension.to_str());
        let result = if docx::is_word_file(extension, bytes) {
            Proposal::from_docx(bytes)
        } else {
            let text = crate::decode::decode_proposal(path, bytes)?;
            match sniff(path, &text) {
                Format::Json => Proposal::from_json(&text),
                Format::Markdown => Proposal::from_markdown(&text),
                Format::Text => Proposal::from_text(&text),
            }
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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

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

    proptest! {
        #[test]
        fn readers_never_panic(text in "\\PC*") {
            let _ = Proposal::from_markdown(&text);
            let _ = Proposal::from_text(&text);
            let _ = Proposal::from_json(&text);
        }
    }
}
