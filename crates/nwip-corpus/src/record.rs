//! The one record model for every organisation: an existing standard or an ongoing project.

use serde::{Deserialize, Serialize};

use nwip_text::Language;

use crate::committee::Committee;
use crate::identity::Role;
use crate::stage::Stage;

/// A text in one language: a title or an abstract.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LangText {
    /// The language the catalogue declares, or the detected one when it declares none.
    pub language: Language,
    /// The text, plain (HTML removed, white space collapsed).
    pub text: String,
}

impl LangText {
    /// Creates a text in `language`.
    pub fn new(language: Language, text: impl Into<String>) -> LangText {
        LangText { language, text: text.into() }
    }
}

/// How one record relates to another document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum RelationKind {
    /// This record replaces the other (a new edition of it).
    Obsoletes,
    /// This record is replaced by the other.
    ObsoletedBy,
    /// This record amends or revises the other.
    Updates,
    /// This record is amended or revised by the other.
    UpdatedBy,
    /// This record is an adoption of the other (EN ISO, IEEE adoption of an IEC standard...).
    AdoptedFrom,
    /// The other is an adoption of this record.
    AdoptedAs,
    /// The two are the same text published by two organisations (ITU-T | ISO/IEC common text).
    Identical,
    /// This record is a part of the other.
    PartOf,
    /// This record includes the other: a BCP, STD or FYI and its RFCs.
    Includes,
    /// Any other relation, kept for display.
    Other,
}

impl RelationKind {
    /// Maps a Relaton relation type (`obsoletes`, `updatedBy`, `adoptedFrom`, ...) to a kind.
    pub fn from_relaton(relation_type: &str) -> RelationKind {
        match relation_type {
            "obsoletes" | "replace" | "supersedes" | "successorOf" => RelationKind::Obsoletes,
            "obsoletedBy" | "replacedBy" | "supersededBy" | "predecessorOf" => {
                RelationKind::ObsoletedBy
            }
            "updates" | "amends" | "corrects" | "revises" => RelationKind::Updates,
            "updatedBy" | "amendedBy" | "correctedBy" | "revisedBy" => RelationKind::UpdatedBy,
            "adoptedFrom" | "adoptedfrom" => RelationKind::AdoptedFrom,
            "adoptedAs" => RelationKind::AdoptedAs,
            "identical" | "equivalent" | "commonText" => RelationKind::Identical,
            "partOf" => RelationKind::PartOf,
            "includes" => RelationKind::Includes,
            _ => RelationKind::Other,
        }
    }
}

/// A link from a record to another document, by identifier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Relation {
    /// What the relation means.
    pub kind: RelationKind,
    /// The Relaton relation type as written.
    pub raw_type: String,
    /// The other document's identifier as written.
    pub target: String,
    /// The other document's key ([`crate::identity::document_of`] of `target`), decided at
    /// import as the record's own is; empty in a record stored before it was (see
    /// [`Relation::document`]).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub target_document: String,
}

impl Relation {
    /// A relation of `kind` to `target`, with the target's document key.
    ///
    /// ```
    /// use nwip_corpus::{Relation, RelationKind};
    /// let relation = Relation::new(RelationKind::Obsoletes, "obsoletes", "ISO 7619-1:2010");
    /// assert_eq!(relation.target_document, "iso 7619-1");
    /// assert_eq!(relation.document(), "iso 7619-1");
    /// ```
    pub fn new(kind: RelationKind, raw_type: &str, target: impl Into<String>) -> Relation {
        let target = target.into();
        let target_document = crate::identity::document_of(&target);
        Relation { kind, raw_type: raw_type.to_string(), target, target_document }
    }

    /// The other document's key: as decided at import, else worked out from `target`.
    pub fn document(&self) -> std::borrow::Cow<'_, str> {
        if self.target_document.is_empty() {
            crate::identity::document_of(&self.target).into()
        } else {
            self.target_document.as_str().into()
        }
    }
}

/// An existing standard, or a project under development, of any organisation.
///
/// ```
/// use nwip_corpus::{Lifecycle, Record};
/// let line = r#"{"docid":[{"id":"ISO/DIS 10604","type":"ISO","primary":true}],
///   "title":[{"content":"Road vehicles - Measuring equipment","language":["en"]}],
///   "docstatus":{"stage":{"value":"40"}}}"#;
/// let record = Record::from_relaton_json(line).unwrap();
/// assert_eq!(record.id, "ISO/DIS 10604");
/// assert_eq!(record.org, "ISO");
/// assert_eq!(record.stage.lifecycle, Lifecycle::UnderDevelopment);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    /// Primary identifier as the catalogue writes it (`ISO/IEC 27001:2022`).
    pub id: String,
    /// Normalised identifier: the same for every edition and spelling of one document
    /// (see [`crate::docid::document_key`]).
    pub key: String,
    /// The document the record belongs to: its document key without supplements, shared by every
    /// edition, stage, draft version and amendment of the document (see [`crate::identity`]).
    pub document: String,
    /// What the record is within its document: an edition, a stage of a project, a supplement.
    #[serde(default)]
    pub role: Role,
    /// Other identifiers of the same document (an ITU-T Recommendation's ISO/IEC twin).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub alt_ids: Vec<String>,
    /// Publishing organisation (`ISO`, `IEC`, `ITU-T`, `IEEE`, `ETSI`, `W3C`, ...).
    pub org: String,
    /// Document type (`international-standard`, `technical-specification`, `recommendation`, ...).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub doctype: String,
    /// Lifecycle state, normalised across organisations, with the raw stage code.
    pub stage: Stage,
    /// Titles, one per language (the full title where the catalogue has one).
    pub titles: Vec<LangText>,
    /// Abstracts or scopes, per language.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub abstracts: Vec<LangText>,
    /// Committee that owns the document, if the catalogue says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub committee: Option<Committee>,
    /// ICS codes (`43.180`, `35.240.70`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ics: Vec<String>,
    /// Keywords (IEEE, ETSI).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub keywords: Vec<String>,
    /// Publication (or circulation) date, `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Relations to other documents.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub relations: Vec<Relation>,
    /// Where the catalogue entry can be read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

impl Record {
    /// Returns the record's document, or its own identifier when no document is known: the key
    /// under which records of one document are taken together.
    ///
    /// ```
    /// let line = r#"{"docid":[{"id":"ISO 9001:2015","type":"ISO","primary":true}],"title":[{"content":"Quality management systems","language":"en"}]}"#;
    /// let mut record = nwip_corpus::Record::from_relaton_json(line).unwrap();
    /// record.document.clear();
    /// assert_eq!(record.document_or_id(), "ISO 9001:2015");
    /// record.document = "iso 9001".into();
    /// assert_eq!(record.document_or_id(), "iso 9001");
    /// ```
    pub fn document_or_id(&self) -> &str {
        if self.document.is_empty() {
            &self.id
        } else {
            &self.document
        }
    }

    /// Tells whether the record is a periodical or part of one (Relaton document types
    /// `periodical`, `volume`, `issue`, `section`, `article`: OIML's Bulletin lists itself and its
    /// 1950s-2020s contents so): a bulletin's pages report on work, they are neither a body's
    /// texts nor its projects.
    ///
    /// ```
    /// let line = r#"{"docid":[{"id":"OIML Bulletin 1962-02-16","type":"OIML","primary":true}],
    ///     "title":[{"content":"Voix de la Presse Autrichienne","language":"fr"}],"doctype":"article"}"#;
    /// let record = nwip_corpus::Record::from_relaton_json(line).unwrap();
    /// assert!(record.is_periodical_content());
    /// ```
    pub fn is_periodical_content(&self) -> bool {
        ["article", "section", "issue", "volume", "periodical"].contains(&self.doctype.as_str())
    }

    /// Returns the title in `language`, if the record has one.
    pub fn title_in(&self, language: Language) -> Option<&str> {
        self.titles.iter().find(|t| t.language == language).map(|t| t.text.as_str())
    }

    /// Returns the title to display: English if present, else the first one, else the identifier.
    pub fn display_title(&self) -> &str {
        self.display_title_in(Language::English)
    }

    /// Returns the title to display to a reader of `language`: the title in it if the record has
    /// one (ISO's and IEC's French titles for a French proposal), else as [`Record::display_title`].
    ///
    /// ```
    /// use nwip_corpus::{Language, Record};
    /// let record = Record::from_relaton_json(r#"{"docid":[{"id":"ISO 8124-1:2022","type":"ISO","primary":true}],
    ///     "title":[{"content":"Safety of toys","language":"en"},{"content":"Sécurité des jouets","language":"fr"}]}"#).unwrap();
    /// assert_eq!(record.display_title_in(Language::French), "Sécurité des jouets");
    /// assert_eq!(record.display_title_in(Language::Russian), "Safety of toys");
    /// ```
    pub fn display_title_in(&self, language: Language) -> &str {
        self.title_in(language)
            .or_else(|| self.title_in(Language::English))
            .or_else(|| self.titles.first().map(|t| t.text.as_str()))
            .unwrap_or(&self.id)
    }

    /// Returns the abstract in `language`, if the record has one.
    pub fn abstract_in(&self, language: Language) -> Option<&str> {
        self.abstracts.iter().find(|t| t.language == language).map(|t| t.text.as_str())
    }

    /// Returns the abstract to display: English if present, else the first one.
    pub fn display_abstract(&self) -> Option<&str> {
        self.abstract_in(Language::English)
            .or_else(|| self.abstracts.first().map(|t| t.text.as_str()))
    }

    /// Parses one Relaton JSON record (either schema generation).
    pub fn from_relaton_json(line: &str) -> Result<Record, crate::RecordError> {
        let value: serde_json::Value = serde_json::from_str(line)
            .map_err(|error| crate::RecordError::new("json", error.to_string()))?;
        crate::relaton::record_from_value(&value)
    }
}
