//! Document identity: which document every record belongs to, what the record is within it, and
//! the state of the document as a whole.
//!
//! Catalogues list one record per edition, stage, draft version, language version and amendment:
//! ISO 22000 is `ISO 22000:2005`, `ISO 22000:2018`, `ISO/DIS 22000`, `ISO/FDIS 22000`, ...; IEEE
//! P1547 is a series of drafts `D1` ... `D10` and the standard it became, and the amendment
//! P802.11ai ten drafts and a published amendment of IEEE 802.11; a W3C specification is one
//! record per dated draft. A reviewer means the *document* (or, where work is ongoing, the
//! project) when they say "this overlaps". This module decides, once and at import time, for every
//! record:
//! - its **document** ([`document_of`]): the document key ([`crate::docid`]) without supplements,
//!   so every edition, stage, spelling, draft version and amendment of one document share it;
//! - its **role** ([`Role`]): an edition, a stage record of work in progress (the project that
//!   becomes the next edition), or a supplement attached to the edition it amends;
//!
//! and, from the records of one document ([`Member`]s), the document's current state
//! ([`DocumentSummary`]): its current edition, the project under way and its stage, or that it
//! was withdrawn.
//!
//! ```
//! use nwip_corpus::identity::{document_of, Role};
//! use nwip_corpus::Record;
//!
//! assert_eq!(document_of("ISO/DIS 22000"), document_of("ISO 22000:2018"));
//! assert_eq!(document_of("ISO 9001:2015/Amd 1:2024"), document_of("ISO 9001:2015"));
//! assert_ne!(document_of("ISO 22002-6:2016"), document_of("ISO 22000:2018"));
//!
//! let line = r#"{"docid":[{"id":"IEEE P1547/D3.0","type":"IEEE","primary":true}],
//!   "title":[{"content":"Interconnection of distributed energy resources","language":"en"}]}"#;
//! let record = Record::from_relaton_json(line).unwrap();
//! assert_eq!(record.document, document_of("IEEE Std 1547-2018"));
//! assert_eq!(record.role, Role::Project);
//!
//! // IEEE amendments (lower-case letters after the number), drafts included, attach to the
//! // standard they amend.
//! assert_eq!(document_of("IEEE P802.11ai/D3.0"), document_of("IEEE Std 802.11-2020"));
//! ```

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::docid::{document_key, edition_of_format_variant, is_format_variant, DocId};
use crate::stage::{Lifecycle, Stage};

/// What a record is within its document.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// An edition of the document: published, replaced or withdrawn.
    #[default]
    Edition,
    /// A stage record of work in progress: a proposal, a working, committee or enquiry draft, an
    /// IEEE project draft, a W3C draft; the project that becomes the next edition.
    Project,
    /// An amendment, corrigendum, addendum or other supplement, attached to the edition it amends.
    Supplement,
}

impl Role {
    /// Returns the lower-case name used in the index and in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Edition => "edition",
            Role::Project => "project",
            Role::Supplement => "supplement",
        }
    }

    /// Parses the name written by [`Role::as_str`].
    pub fn parse(name: &str) -> Option<Role> {
        match name {
            "edition" => Some(Role::Edition),
            "project" => Some(Role::Project),
            "supplement" => Some(Role::Supplement),
            _ => None,
        }
    }
}

impl std::fmt::Display for Role {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Returns the key of the document a record with this primary identifier belongs to: its document
/// key without supplements, the same for every edition, stage, spelling and amendment.
///
/// ```
/// use nwip_corpus::identity::document_of;
/// assert_eq!(document_of("ISO/IEC 27001:2013/Cor 1:2014"), "iso 27001");
/// assert_eq!(document_of("IEC 60335-1:2010+A1:2013"), "iec 60335-1");
/// assert_eq!(document_of("W3C WD-css-backgrounds-3-20230214"), document_of("W3C REC-css-backgrounds-3-20240311"));
/// assert_eq!(document_of("IEEE 11.REVme/D-7.0-2024-08"), document_of("IEEE Std 802.11-2020"));
/// ```
pub fn document_of(id: &str) -> String {
    match DocId::parse(id) {
        Some(mut parsed) => {
            parsed.supplements.clear();
            // Before the letters of `1AS.Rev` are read as an amendment's.
            let key = parsed.document_key();
            if let Some(revised) = ieee_revision_project(&key) {
                return revised;
            }
            if let Some(amended) = amended_by_letters(&parsed) {
                parsed = amended;
            }
            w3c_series(parsed.document_key())
        }
        None => document_key(id),
    }
}

/// IEEE 802 working groups whose drafts name the standard by the group's own number, as
/// `(short number, standard)`: 802.15's task group 4 writes `4.REVd` for 802.15.4. Other short
/// numbers are 802's own (`11.REVme` is 802.11, `1Q.REV` is 802.1Q).
const IEEE_802_SHORT_NUMBERS: &[(&str, &str)] = &[("4", "802.15.4")];

/// Returns the document of an IEEE revision project's key, if it is one: the standard it
/// revises. IEEE names a revision project by its standard's number and `REV`
/// (`P802.1QREV/D-5.0`, `P802.15.4REVi`), and the 802 working groups' drafts by the number
/// within 802 (`11.REVme`, `1AX.REV`, `4.REVd`): each was a document apart from the standard
/// it revises, and a scan paired a revision's drafts with their own standard.
fn ieee_revision_project(key: &str) -> Option<String> {
    let number = key.strip_prefix("ieee ")?;
    let at = number.find("rev")?;
    let base = number[..at].trim_end_matches(['.', '-', '_']);
    if !base.contains(|c: char| c.is_ascii_digit()) || base.contains(['/', ' ']) {
        return None;
    }
    let digits = base.trim_end_matches(|c: char| c.is_ascii_lowercase());
    let short = (1..=2).contains(&digits.len())
        && digits.bytes().all(|b| b.is_ascii_digit())
        && number[at - 1..].starts_with(".rev");
    let standard = match IEEE_802_SHORT_NUMBERS.iter().find(|(short, _)| *short == base) {
        Some((_, standard)) => standard.to_string(),
        None if short => format!("802.{base}"),
        None => base.to_string(),
    };
    Some(format!("ieee {standard}"))
}

/// Returns the document of a W3C specification's key: its short name without the level or
/// version, so that the levels of one specification are its editions (`css-color-3`,
/// `css-color-4` and the older `css3-color`; `pointerevents2`, `pointerevents3`; `wcag21`,
/// `wcag22`; `vc-data-model-2.0`; `sparql11-query`, `sparql12-query`; the undated `webauthn`
/// that names the latest level). The
/// parts of XML Schema (`xmlschema-1`, `xmlschema-2`) and SOAP (`soap12-part1`) stay apart.
fn w3c_series(key: String) -> String {
    let Some(name) = key.strip_prefix("w3c ") else { return key };
    // A version written into the first word: `css3-color`, `sparql11-query`, `rdf11-concepts`.
    let word = name.split('-').next().unwrap_or_default();
    let letters = word.trim_end_matches(|c: char| c.is_ascii_digit());
    let name = if letters.len() < word.len()
        && letters.len() >= 2
        && letters.bytes().all(|b| b.is_ascii_lowercase())
        && name.len() > word.len()
    {
        format!("{letters}{}", &name[word.len()..])
    } else {
        name.to_string()
    };
    let base = name.trim_end_matches(|c: char| c.is_ascii_digit() || c == '.');
    let base = base.strip_suffix('-').unwrap_or(base);
    let parts = base.ends_with("part") || base.ends_with("xmlschema");
    if base.len() < 2 || !base.ends_with(|c: char| c.is_ascii_lowercase()) || parts {
        return format!("w3c {name}");
    }
    format!("w3c {base}")
}

/// Returns the identifier of the standard an IEEE-style amendment amends, if `parsed` is one.
///
/// IEEE (and the ANSI committees it publishes for) names an amendment by lower-case letters
/// written after the number of the standard it amends, in its projects and drafts too:
/// `IEEE P802.3cz/D2.1` and `IEEE Std 802.3cz-2023` amend IEEE 802.3, `IEEE Std 802.1Qbv-2015`
/// amends 802.1Q, `ANSI C63.4a-2017` amends C63.4, `IEC/IEEE P62209.1528a` amends IEC/IEEE
/// 62209-1528. Upper-case letters are part of a standard's own number (802.1Q, 802.1AE), so the
/// letters must be written in lower case after a digit or an upper-case letter.
fn amended_by_letters(parsed: &DocId) -> Option<DocId> {
    if !parsed.publishers.iter().any(|p| matches!(p.as_str(), "IEEE" | "ANSI" | "AIEE")) {
        return None;
    }
    let value = parsed.part.as_deref().unwrap_or(&parsed.number);
    let written = find_written(&parsed.raw, value)?;
    let base_len = written.trim_end_matches(|c: char| c.is_ascii_lowercase()).len();
    if base_len == 0 || base_len == written.len() {
        return None;
    }
    let before = written.as_bytes()[base_len - 1];
    if !(before.is_ascii_digit() || before.is_ascii_uppercase()) {
        return None;
    }
    let mut amended = parsed.clone();
    let base = value[..base_len].to_string();
    match amended.part {
        Some(_) => amended.part = Some(base),
        None => amended.number = base,
    }
    Some(amended)
}

/// Finds `normalised` (lower-case, parts joined by `.` or `-`) in `raw` as written: the same
/// letters in any case, `.` and `-` interchangeable, not inside a longer word.
fn find_written<'a>(raw: &'a str, normalised: &str) -> Option<&'a str> {
    let (raw_bytes, wanted) = (raw.as_bytes(), normalised.as_bytes());
    let same = |a: u8, b: u8| {
        a.eq_ignore_ascii_case(&b) || (matches!(a, b'.' | b'-') && matches!(b, b'.' | b'-'))
    };
    (0..raw_bytes.len().checked_sub(wanted.len())? + 1).find_map(|start| {
        let end = start + wanted.len();
        let boundary = |i: Option<&u8>| i.is_none_or(|b| !b.is_ascii_alphanumeric());
        let fits = raw.is_char_boundary(start)
            && raw.is_char_boundary(end)
            && raw_bytes[start..end].iter().zip(wanted).all(|(&a, &b)| same(a, b))
            && boundary(raw_bytes.get(end));
        fits.then(|| &raw[start..end])
    })
}

/// Returns the role of a record with primary identifier `id` and stage `stage` in its document.
///
/// A supplement is a supplement whatever its stage (a draft amendment `ISO 10062:2022/DAM 1` is
/// work on a supplement, attached to the edition); otherwise a draft identifier or an ongoing
/// lifecycle makes the record a stage of a project.
///
/// ```
/// use nwip_corpus::identity::{role_of, Role};
/// use nwip_corpus::Stage;
/// let stage = |raw: &str, id: &str| Stage::from_raw("ISO", raw, id);
/// assert_eq!(role_of("ISO/DIS 22000", &stage("40", "ISO/DIS 22000")), Role::Project);
/// assert_eq!(role_of("ISO 22000:2018", &stage("60", "ISO 22000:2018")), Role::Edition);
/// assert_eq!(role_of("ISO 22000:2018/Amd 1:2024", &stage("60", "ISO 22000:2018/Amd 1:2024")), Role::Supplement);
/// ```
pub fn role_of(id: &str, stage: &Stage) -> Role {
    let parsed = DocId::parse(id);
    if parsed.as_ref().is_some_and(|parsed| {
        !parsed.supplements.is_empty() || amended_by_letters(parsed).is_some()
    }) {
        return Role::Supplement;
    }
    if stage.lifecycle.is_ongoing() || parsed.as_ref().is_some_and(DocId::is_draft) {
        return Role::Project;
    }
    Role::Edition
}

/// One record of a document, as a document summary lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    /// The record's primary identifier.
    pub id: String,
    /// What the record is within the document.
    pub role: Role,
    /// The record's lifecycle state.
    pub lifecycle: Lifecycle,
    /// The catalogue's own stage code (may be empty).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub stage: String,
    /// Publication or circulation date (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`), if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
}

impl Member {
    /// Returns the sort key of the member in time: its date, else the year in its identifier.
    fn when(&self) -> (String, String) {
        let date = self.date.clone().unwrap_or_else(|| {
            DocId::parse(&self.id).and_then(|id| id.year).map(|y| y.to_string()).unwrap_or_default()
        });
        (date, self.id.clone())
    }
}

/// The state of a document as a whole, read from all its records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum DocumentState {
    /// Published and in force, no revision under way.
    Published,
    /// Published, and a revision (a new edition) is under development.
    BeingRevised,
    /// Work in progress, never published: a project under development.
    UnderDevelopment,
    /// A proposal for new work, not yet a project.
    Proposal,
    /// Replaced by another document.
    Replaced,
    /// Withdrawn without (known) replacement.
    Withdrawn,
}

impl DocumentState {
    /// Returns the lower-case name used in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            DocumentState::Published => "published",
            DocumentState::BeingRevised => "being_revised",
            DocumentState::UnderDevelopment => "under_development",
            DocumentState::Proposal => "proposal",
            DocumentState::Replaced => "replaced",
            DocumentState::Withdrawn => "withdrawn",
        }
    }

    /// Tells whether the document has work under way (a new project or a revision).
    pub fn is_ongoing(self) -> bool {
        matches!(
            self,
            DocumentState::BeingRevised | DocumentState::UnderDevelopment | DocumentState::Proposal
        )
    }
}

impl std::fmt::Display for DocumentState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A document with all its records: its current edition, the project under way, and the state
/// they give it.
///
/// ```
/// use nwip_corpus::identity::{DocumentState, DocumentSummary, Member, Role};
/// use nwip_corpus::Lifecycle;
/// let member = |id: &str, role, lifecycle, stage: &str, date: &str| Member {
///     id: id.into(), role, lifecycle, stage: stage.into(), date: Some(date.into()),
/// };
/// let summary = DocumentSummary::from_members("iso 22000", vec![
///     member("ISO 22000:2005", Role::Edition, Lifecycle::Withdrawn, "95", "2005-09"),
///     member("ISO 22000:2018", Role::Edition, Lifecycle::Published, "60", "2018-06"),
///     member("ISO/CD 22000", Role::Project, Lifecycle::UnderDevelopment, "30", "2025-01"),
/// ]);
/// assert_eq!(summary.state, DocumentState::BeingRevised);
/// assert_eq!(summary.current.as_deref(), Some("ISO 22000:2018"));
/// assert_eq!(summary.project.as_deref(), Some("ISO/CD 22000"));
/// assert_eq!(summary.members[0].id, "ISO/CD 22000"); // newest first
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentSummary {
    /// The document key ([`document_of`]).
    pub key: String,
    /// The state of the document as a whole.
    pub state: DocumentState,
    /// The current edition: the newest published one, else the newest edition of any state.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current: Option<String>,
    /// The newest stage record of work under way after the current edition (a revision or a new
    /// project), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project: Option<String>,
    /// The stage of that project, as its catalogue writes it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project_stage: Option<String>,
    /// Every record of the document, newest first.
    pub members: Vec<Member>,
    /// Where the document stands, in words ([`DocumentSummary::describe`]).
    pub description: String,
}

impl DocumentSummary {
    /// Summarises a document from its records (in any order).
    pub fn from_members(key: impl Into<String>, members: Vec<Member>) -> DocumentSummary {
        // Newest first; of records of one date, an edition before its format variants
        // (`IEC 60332-1-2:2025` before its `CMV` and `RLV`: not what a reader cites).
        // A format variant is dated as its edition when the edition is a member: IEEE put out
        // `802.15.3-2023 Redline` seven months after `802.15.3-2023`, which it is not newer than.
        let edition_dates: HashMap<String, String> = members
            .iter()
            .filter(|member| !is_format_variant(&member.id))
            .map(|member| (member.id.clone(), member.when().0))
            .collect();
        let mut dated: Vec<_> = members
            .into_iter()
            .map(|member| {
                let (mut date, id) = member.when();
                let edition = edition_of_format_variant(&member.id);
                if let Some(edition_date) = edition.and_then(|e| edition_dates.get(e)) {
                    date.clone_from(edition_date);
                }
                (std::cmp::Reverse((date, edition.is_none(), id)), member)
            })
            .collect();
        dated.sort_by(|a, b| a.0.cmp(&b.0));
        let members: Vec<Member> = dated.into_iter().map(|(_, member)| member).collect();
        let editions = || members.iter().filter(|m| m.role == Role::Edition);
        let published = editions().find(|m| m.lifecycle == Lifecycle::Published);
        let current = published.or_else(|| editions().next());
        let current_when = current.map(Member::when);
        let project = members.iter().find(|m| {
            m.role == Role::Project
                && m.lifecycle.is_ongoing()
                && current_when.as_ref().is_none_or(|when| m.when() > *when || m.date.is_none())
        });
        let state = match (published, project, current) {
            (Some(_), Some(_), _) => DocumentState::BeingRevised,
            (Some(_), None, _) => DocumentState::Published,
            (None, Some(project), _) if project.lifecycle == Lifecycle::Proposal => {
                DocumentState::Proposal
            }
            (None, Some(_), _) => DocumentState::UnderDevelopment,
            (None, None, Some(edition)) if edition.lifecycle == Lifecycle::Replaced => {
                DocumentState::Replaced
            }
            (None, None, Some(_)) => DocumentState::Withdrawn,
            // Only supplements, or projects no longer under way: read the newest record.
            (None, None, None) => match members.first().map(|m| m.lifecycle) {
                Some(Lifecycle::Published) => DocumentState::Published,
                Some(Lifecycle::Replaced) => DocumentState::Replaced,
                Some(Lifecycle::Proposal) => DocumentState::Proposal,
                Some(Lifecycle::UnderDevelopment) => DocumentState::UnderDevelopment,
                Some(Lifecycle::Withdrawn) | None => DocumentState::Withdrawn,
            },
        };
        // A document of supplements only (IEEE 11.REVme drafts): its newest record under way is
        // the work to name, not an empty project.
        let project = project.or_else(|| {
            members
                .first()
                .filter(|m| current.is_none() && state.is_ongoing() && m.lifecycle.is_ongoing())
        });
        let mut summary = DocumentSummary {
            key: key.into(),
            state,
            current: current.map(|m| m.id.clone()),
            project: project.map(|m| m.id.clone()),
            project_stage: project.map(|m| m.stage.clone()).filter(|s| !s.is_empty()),
            members: Vec::new(),
            description: String::new(),
        };
        summary.description = summary.describe();
        summary.members = members;
        summary
    }

    /// Says in a few words where the document stands: `published (ISO 22000:2018)`, `being
    /// revised: ISO/DIS 22000 at stage 40 (current ISO 22000:2018)`, `under development: IEEE
    /// P2030.5/D3`, `withdrawn`.
    ///
    /// ```
    /// use nwip_corpus::identity::{DocumentSummary, Member, Role};
    /// use nwip_corpus::Lifecycle;
    /// let summary = DocumentSummary::from_members("iso 22000", vec![
    ///     Member { id: "ISO 22000:2018".into(), role: Role::Edition, lifecycle: Lifecycle::Published, stage: "60.60".into(), date: Some("2018-06".into()) },
    ///     Member { id: "ISO/DIS 22000".into(), role: Role::Project, lifecycle: Lifecycle::UnderDevelopment, stage: "40.20".into(), date: None },
    /// ]);
    /// assert_eq!(summary.describe(), "being revised: ISO/DIS 22000 at stage 40.20 (current ISO 22000:2018)");
    /// ```
    pub fn describe(&self) -> String {
        let project = || {
            let id = self.project.as_deref().unwrap_or_default();
            match &self.project_stage {
                Some(stage) => format!("{id} at stage {stage}"),
                None => id.to_string(),
            }
        };
        match (self.state, &self.current) {
            (DocumentState::BeingRevised, Some(current)) => {
                format!("being revised: {} (current {current})", project())
            }
            (DocumentState::UnderDevelopment | DocumentState::Proposal, _) => {
                format!("{}: {}", self.state.as_str().replace('_', " "), project())
            }
            (state, Some(current)) => format!("{} ({current})", state.as_str().replace('_', " ")),
            (state, None) => state.as_str().replace('_', " "),
        }
    }

    /// Returns the identifiers of the document's records other than `id`, newest first, each
    /// once: two records of one identifier are one line, however each organisation spells it
    /// (ISO's "ISO/IEC 17799:2005/Cor 1:2007" and IEC's "ISO/IEC 17799:2005/COR1:2007" of a
    /// joint text), and a supplement cited without its year is left out beside its dated
    /// identifier ([`undated_form_of`]).
    pub fn others<'a>(&'a self, id: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        let members = &self.members;
        members.iter().enumerate().filter_map(move |(at, member)| {
            let first = members[..at].iter().all(|earlier| !same_spelling(&earlier.id, &member.id));
            let dated = std::iter::once(id)
                .chain(members.iter().map(|other| other.id.as_str()))
                .any(|other| undated_form_of(&member.id, other));
            (first && !dated && !same_spelling(&member.id, id)).then_some(member.id.as_str())
        })
    }

    /// Tells whether a newer edition than the one a record of this document belongs to exists:
    /// `true` for an edition older than the current one (and for its supplements), `false` for
    /// the current edition, projects and unknown records.
    pub fn is_superseded(&self, id: &str) -> bool {
        let Some(member) = self.members.iter().find(|m| m.id == id) else { return false };
        let Some(current) = self.current.as_deref() else { return false };
        let Some(current) = self.members.iter().find(|m| m.id == current) else { return false };
        match member.role {
            Role::Project => false,
            Role::Edition | Role::Supplement => {
                member.id != current.id && member.when().0 < current.when().0
            }
        }
    }
}

/// Tells whether two identifiers differ at most in case and spaces, as ISO and IEC spell one
/// joint text's supplement ("ISO/IEC 17799:2005/Cor 1:2007" and "ISO/IEC 17799:2005/COR1:2007").
///
/// ```
/// use nwip_corpus::identity::same_spelling;
/// assert!(same_spelling("ISO/IEC 27001:2022/Amd 1:2024", "ISO/IEC 27001:2022/AMD1:2024"));
/// assert!(!same_spelling("ISO/IEC 27001:2022/Amd 1", "ISO/IEC 27001:2022/AMD1:2024"));
/// ```
pub fn same_spelling(a: &str, b: &str) -> bool {
    a == b || letters(a).eq(letters(b))
}

/// Tells whether `undated` is `dated` without its year: a supplement of a dated edition cited
/// undated, as ISO lists "ISO/IEC 27001:2022/Amd 1" beside "ISO/IEC 27001:2022/Amd 1:2024",
/// spelt alike but for case and spaces ([`same_spelling`]). An undated edition ("ISO 9001") is
/// no supplement: it stands for every edition, so it is never the undated form of one.
///
/// ```
/// use nwip_corpus::identity::undated_form_of;
/// assert!(undated_form_of("ISO/IEC 27001:2022/Amd 1", "ISO/IEC 27001:2022/AMD1:2024"));
/// assert!(!undated_form_of("ISO/IEC 27001:2022/Amd 1", "ISO/IEC 27001:2022/Amd 12:2024"));
/// assert!(!undated_form_of("ISO 9001", "ISO 9001:2015"));
/// assert!(!undated_form_of("ISO/IEC 27001:2022/Amd 1:2024", "ISO/IEC 27001:2022/Amd 1:2024"));
/// ```
pub fn undated_form_of(undated: &str, dated: &str) -> bool {
    if !undated.contains(':') {
        return false;
    }
    let mut rest = letters(dated);
    letters(undated).all(|letter| rest.next() == Some(letter))
        && rest.next() == Some(':')
        && (0..4).all(|_| rest.next().is_some_and(|c| c.is_ascii_digit()))
        && rest.next().is_none()
}

/// An identifier's characters, lower-cased, without its spaces.
fn letters(id: &str) -> impl Iterator<Item = char> + '_ {
    id.chars().filter(|c| !c.is_whitespace()).flat_map(char::to_lowercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Real spellings of one document, from every organisation of the shared corpus.
    #[test]
    fn every_edition_stage_and_spelling_of_a_document_shares_its_key() {
        let groups: &[&[&str]] = &[
            &[
                "ISO 22000:2005",
                "ISO 22000:2018",
                "ISO/DIS 22000",
                "ISO/FDIS 22000",
                "ISO/CD 22000",
            ],
            &["ISO/CD 22002-6", "ISO/DIS 22002-6", "ISO/FDIS 22002-6", "ISO/TS 22002-6:2016"],
            &[
                "ISO 9001:2015",
                "ISO 9001:2015/Amd 1:2024",
                "ISO/DIS 9001",
                "ISO 9001:2008/Cor 1:2009",
            ],
            &[
                "ISO/IEC 27001:2013",
                "ISO/IEC 27001:2013/Cor 1:2014",
                "ISO/IEC FDIS 27001",
                "ISO/CEI 27001",
            ],
            &[
                "IEC 60335-1:2010",
                "IEC 60335-1:2010+A1:2013",
                "IEC 60335-1:2010 RLV",
                "IEC 60335-1:2020",
            ],
            &[
                "IEEE P802.11ai/D2.0",
                "IEEE P802.11ai/D10.0",
                "IEEE Std 802.11ai-2016",
                "IEEE Std 802.11-2020",
            ],
            &[
                "ITU-T X.509 (10/2019)",
                "ITU-T X.509 (08/2005)",
                "ITU-T X.509 (2019) Cor. 1 (10/2021)",
            ],
            &["ETSI EN 300 328 V2.2.2 (2019-11)", "ETSI EN 300 328 V1.9.1 (2015-02)"],
            &["W3C WD-css-backgrounds-3-20230214", "W3C CR-css-backgrounds-3-20240311"],
            &["OIML R 76-1:2006 (E)", "OIML R 76-1:2006 (F)", "OIML R 76-1:1992"],
            &[
                "3GPP TS 23.501:REL-19/19.5.0",
                "3GPP TS 23.501:REL-15/0.3.0",
                "3GPP TS 23.501:R15/15.0.0",
            ],
        ];
        for group in groups {
            let key = document_of(group[0]);
            for id in *group {
                assert_eq!(document_of(id), key, "{id} should belong to {key}");
            }
        }
        assert_ne!(document_of("ISO 22002-6:2016"), document_of("ISO 22000:2018"));
        assert_ne!(document_of("ITU-T X.509 (10/2019)"), document_of("ISO/IEC 9594-8:2020"));
        assert_ne!(document_of("EN ISO 22000:2018"), document_of("ISO 22000:2018"));
    }

    #[test]
    fn roles_follow_supplements_drafts_and_lifecycle() {
        let role = |id: &str, raw: &str| role_of(id, &Stage::from_raw("", raw, id));
        assert_eq!(role("ISO 10062:2022/DAM 1", "40"), Role::Supplement);
        assert_eq!(role("IEC 60335-1:2010+A1:2013", "PUBLISHED"), Role::Supplement);
        assert_eq!(role("IEEE P1547/D3.0", ""), Role::Project);
        assert_eq!(role("IEEE P802.11ai/D3.0", ""), Role::Supplement);
        assert_eq!(role("IEEE Std 802.3cz-2023", "Active"), Role::Supplement);
        assert_eq!(role("IEEE Std 802.1Q-2022", "Active"), Role::Edition);
        assert_eq!(role("ISO 22000", "40"), Role::Project);
        assert_eq!(role("W3C WD-css-backgrounds-3-20230214", "Working Draft"), Role::Project);
        assert_eq!(role("ISO 22000:2005", "95"), Role::Edition);
        assert_eq!(role("IEC 60335-1:2001", "REVISED"), Role::Edition);
    }

    #[test]
    fn ieee_amendments_attach_to_the_standard_they_amend() {
        // Spellings from ../shared/corpus/ieee.jsonl.gz and the standards their `amends`
        // relations name.
        for (amendment, amended) in [
            ("IEEE P802.3cz/D2.1", "IEEE Std 802.3-2022"),
            ("IEEE Std 802.3cz-2023", "IEEE Std 802.3-2022"),
            ("ANSI/IEEE Std 802.3j-1993", "ANSI/IEEE Std 802.3-1985"),
            ("IEEE 802.15.4g/D-7-2011-11", "IEEE Std 802.15.4-2011"),
            ("IEEE Std 802.1Qbv-2015", "IEEE Std 802.1Q-2011"),
            ("IEEE Std 802.1AEbw-2013", "IEEE Std 802.1AE-2006"),
            ("ANSI C63.4a-2017", "ANSI C63.4-2014"),
            ("ANSI PN42.38a/D-1-2018-05", "ANSI N42.38-2015"),
            ("ANSI/IEEE C37.010b-1985", "ANSI/IEEE C37.010-1979"),
            ("IEEE 11073.20601a-2010", "IEEE Std 11073.20601-2008"),
            ("IEEE P1048b/D-001-2022", "IEEE Std 1048-2016"),
            ("IEC/IEEE P62209.1528a/D-1-2025", "IEC/IEEE 62209.1528-2020"),
            ("IEEE/IEC P62704.2a/D-1.8-2025", "IEC/IEEE 62704.2-2017"),
        ] {
            assert_eq!(document_of(amendment), document_of(amended), "{amendment}");
        }
        // Upper-case letters belong to a standard's own number.
        for (one, other) in [
            ("IEEE Std 802.1Q-2018", "IEEE Std 802.1AE-2018"),
            ("IEEE Std 802.1Q-2018", "IEEE Std 802.1X-2020"),
            ("IEEE Std 802.1AB-2016", "IEEE Std 802.1AE-2018"),
            ("IEEE Std 802.3-2022", "IEEE Std 802.11-2020"),
            ("ISO 9001:2015", "ISO 9001a"),
        ] {
            assert_ne!(document_of(one), document_of(other), "{one} / {other}");
        }
    }

    #[test]
    fn an_ieee_revision_project_is_the_standard_it_revises() {
        for (project, standard) in [
            ("IEEE 11.REVme/D-7.0-2024-08", "IEEE Std 802.11-2020"),
            ("IEEE 1Q.REV/D-2.2-2018-01", "IEEE Std 802.1Q-2022"),
            ("IEEE 1AS.Rev/D-6.0-2017-12", "IEEE Std 802.1AS-2020"),
            ("IEEE 3.Rev.B/D-4.0-2023-01", "IEEE Std 802.3-2022"),
            ("IEEE 4.REVd/D-06-2020-03", "IEEE Std 802.15.4-2020"),
            ("IEEE P802.1QREVD2.2-2014", "IEEE Std 802.1Q-2022"),
            ("IEEE Std P802.1QREV/D-5.0", "IEEE Std 802.1Q-2022"),
            ("IEEE P802.15.4REVi/D-07-2011-04", "IEEE Std 802.15.4-2011"),
            ("IEEE Unapproved Std P802.16Rev2/D-3-2008-02", "IEEE Std 802.16-2009"),
            ("IEEE P802.1AE_Rev/D-1.2-2018", "IEEE Std 802.1AE-2018"),
            ("IEEE P1310.Rev/D-2", "IEEE Std 1310-2012"),
            ("IEEE P1722.rev1/D-13-2015-04", "IEEE Std 1722-2016"),
        ] {
            assert_eq!(document_of(project), document_of(standard), "{project}");
        }
        // Not a revision project: other publishers, numbers without REV.
        assert_eq!(document_of("IEEE Std 802.11-2020"), "ieee 802.11");
        assert_ne!(document_of("IEEE 11.REVme/D-7.0-2024-08"), document_of("IEEE Std 11-2000"));
    }

    #[test]
    fn levels_of_a_w3c_specification_are_one_document() {
        // Short names from ../shared/corpus/w3c.jsonl.gz.
        for group in [
            &["W3C css-color-3", "W3C css-color-4", "W3C css3-color", "W3C css-color-5"][..],
            &["W3C pointerevents", "W3C pointerevents2", "W3C pointerevents3"],
            &["W3C wcag20", "W3C wcag21", "W3C wcag22", "W3C wcag-3.0"],
            &["W3C vc-data-model", "W3C vc-data-model-1.1", "W3C vc-data-model-2.0"],
            &["W3C trace-context", "W3C trace-context-1", "W3C trace-context-2"],
            &["W3C webauthn", "W3C webauthn-1", "W3C webauthn-3"],
            &["W3C sparql11-results-json", "W3C WD-sparql12-results-json-20260328"],
            &["W3C rdf11-concepts", "W3C rdf-concepts"],
        ] {
            let key = document_of(group[0]);
            for id in group {
                assert_eq!(document_of(id), key, "{id}");
            }
        }
        for (one, other) in [
            ("W3C xmlschema-1", "W3C xmlschema-2"),
            ("W3C soap12-part1", "W3C soap12-part2"),
            ("W3C css-color-4", "W3C css-fonts-4"),
            ("W3C css-color-4", "W3C css-2023"),
            ("W3C wcag21", "W3C wcag2ict"),
            ("W3C i18n-glossary", "W3C i-glossary"),
            ("W3C 2dcontext", "W3C dcontext"),
        ] {
            assert_ne!(document_of(one), document_of(other), "{one} / {other}");
        }
    }

    fn member(id: &str, role: Role, lifecycle: Lifecycle, date: Option<&str>) -> Member {
        Member { id: id.into(), role, lifecycle, stage: String::new(), date: date.map(Into::into) }
    }

    #[test]
    fn states_of_documents() {
        let state = |members| DocumentSummary::from_members("k", members).state;
        use Lifecycle::*;
        assert_eq!(
            state(vec![member("A:2018", Role::Edition, Published, Some("2018"))]),
            DocumentState::Published
        );
        assert_eq!(
            state(vec![
                member("A:2018", Role::Edition, Published, Some("2018")),
                member("A/DIS", Role::Project, UnderDevelopment, Some("2024")),
            ]),
            DocumentState::BeingRevised
        );
        // The project that became the current edition is history, not a revision.
        assert_eq!(
            state(vec![
                member("A:2018", Role::Edition, Published, Some("2018-06")),
                member("A/DIS", Role::Project, UnderDevelopment, Some("2017-11")),
            ]),
            DocumentState::Published
        );
        assert_eq!(
            state(vec![member("A/CD", Role::Project, UnderDevelopment, None)]),
            DocumentState::UnderDevelopment
        );
        assert_eq!(
            state(vec![member("A/NP", Role::Project, Proposal, None)]),
            DocumentState::Proposal
        );
        assert_eq!(
            state(vec![member("A:2001", Role::Edition, Withdrawn, Some("2001"))]),
            DocumentState::Withdrawn
        );
        assert_eq!(
            state(vec![
                member("A:2001", Role::Edition, Replaced, Some("2001")),
                member("A:2001/Amd 1", Role::Supplement, Replaced, Some("2003")),
            ]),
            DocumentState::Replaced
        );
    }

    #[test]
    fn a_format_variant_put_out_later_is_not_the_current_edition() {
        use Lifecycle::*;
        let members = vec![
            member("IEEE Std 802.15.3-2016", Role::Edition, Published, Some("2016-07-29")),
            member("IEEE Std 802.15.3-2023 Redline", Role::Edition, Published, Some("2024-09-06")),
            member("IEEE Std 802.15.3-2023", Role::Edition, Published, Some("2024-02-22")),
        ];
        let summary = DocumentSummary::from_members("ieee 802.15.3", members.clone());
        assert_eq!(summary.current.as_deref(), Some("IEEE Std 802.15.3-2023"));
        assert_eq!(summary.members[1].id, "IEEE Std 802.15.3-2023 Redline");
        // A variant whose edition is not a member stands for it.
        let alone = DocumentSummary::from_members("ieee 802.15.3", members[..2].to_vec());
        assert_eq!(alone.current.as_deref(), Some("IEEE Std 802.15.3-2023 Redline"));
    }

    #[test]
    fn a_document_of_drafts_read_as_supplements_names_its_newest_draft() {
        use Lifecycle::*;
        // IEEE "11.REVme" reads as amendment letters of "11.REV": every draft is a supplement.
        let summary = DocumentSummary::from_members(
            "ieee 11.rev",
            vec![
                member(
                    "IEEE 11.REVme/D-6.0-2024-06",
                    Role::Supplement,
                    UnderDevelopment,
                    Some("2024-06"),
                ),
                member(
                    "IEEE 11.REVme/D-7.0-2024-08",
                    Role::Supplement,
                    UnderDevelopment,
                    Some("2024-08"),
                ),
            ],
        );
        assert_eq!(summary.state, DocumentState::UnderDevelopment);
        assert_eq!(summary.describe(), "under development: IEEE 11.REVme/D-7.0-2024-08");
    }

    #[test]
    fn older_editions_are_superseded_and_the_current_one_is_not() {
        use Lifecycle::*;
        let summary = DocumentSummary::from_members(
            "iso 10604",
            vec![
                member("ISO 10604:1993", Role::Edition, Withdrawn, Some("1993")),
                member("ISO 10604:2010", Role::Edition, Published, Some("2010")),
                member("ISO 10604:1993/Amd 1:1997", Role::Supplement, Withdrawn, Some("1997")),
                member("ISO/DIS 10604", Role::Project, UnderDevelopment, Some("2025")),
            ],
        );
        assert!(summary.is_superseded("ISO 10604:1993"));
        assert!(summary.is_superseded("ISO 10604:1993/Amd 1:1997"));
        assert!(!summary.is_superseded("ISO 10604:2010"));
        assert!(!summary.is_superseded("ISO/DIS 10604"));
        assert!(!summary.is_superseded("ISO 99999"));
    }

    #[test]
    fn the_current_edition_is_the_plain_identifier_not_a_format_variant_of_the_same_date() {
        use Lifecycle::*;
        // IEC's records of IEC 60332-1-2, as the shared corpus has them.
        let summary = DocumentSummary::from_members(
            "iec 60332-1-2",
            vec![
                member("IEC 60332-1-2:2025 CMV", Role::Edition, Published, Some("2025-02-13")),
                member("IEC 60332-1-2:2025", Role::Edition, Published, Some("2025-02-13")),
                member("IEC 60332-1-2:2025 RLV", Role::Edition, Published, Some("2025-02-13")),
                member("IEC 60332-1-2:2004", Role::Edition, Withdrawn, Some("2004-07-14")),
            ],
        );
        assert_eq!(summary.current.as_deref(), Some("IEC 60332-1-2:2025"));
        assert_eq!(summary.describe(), "published (IEC 60332-1-2:2025)");
        let others: Vec<&str> = summary.others("IEC 60332-1-2:2025").collect();
        assert_eq!(
            others,
            ["IEC 60332-1-2:2025 RLV", "IEC 60332-1-2:2025 CMV", "IEC 60332-1-2:2004"]
        );
    }

    #[test]
    fn a_joint_text_recorded_by_both_organisations_is_one_of_the_others() {
        use Lifecycle::*;
        // ISO's and IEC's records of ISO/IEC 17799, as the shared corpus has them.
        let summary = DocumentSummary::from_members(
            "iso 17799",
            vec![
                member("ISO/IEC 17799:2005", Role::Edition, Replaced, Some("2005-06-10")),
                member("ISO/IEC 17799:2005", Role::Edition, Withdrawn, Some("2005-06")),
                member("ISO/IEC 17799:2005/COR1:2007", Role::Supplement, Replaced, Some("2007-07")),
                member("ISO/IEC 17799:2005/Cor 1:2007", Role::Supplement, Withdrawn, Some("2007")),
                member("ISO/IEC 17799:2000", Role::Edition, Withdrawn, Some("2000-12")),
                member("ISO/IEC 17799:2000", Role::Edition, Replaced, Some("2000-11-30")),
            ],
        );
        let others: Vec<&str> = summary.others("ISO/IEC 17799:2005").collect();
        assert_eq!(others, ["ISO/IEC 17799:2005/COR1:2007", "ISO/IEC 17799:2000"]);
    }

    #[test]
    fn a_supplement_cited_undated_is_not_listed_beside_its_dated_identifier() {
        use Lifecycle::*;
        // ISO's records of ISO/IEC 27001's first amendment, as the shared corpus has them.
        let summary = DocumentSummary::from_members(
            "iso 27001",
            vec![
                member("ISO/IEC 27001:2022/Amd 1", Role::Supplement, Published, None),
                member("ISO/IEC 27001:2022/AMD1:2024", Role::Supplement, Published, Some("2024")),
                member("ISO/IEC 27001:2022", Role::Edition, Published, Some("2022-10")),
                member("ISO/IEC 27001", Role::Edition, Published, None),
            ],
        );
        let others: Vec<&str> = summary.others("ISO/IEC 27001:2022").collect();
        assert_eq!(others, ["ISO/IEC 27001:2022/AMD1:2024", "ISO/IEC 27001"]);
        // Nor beside the line's own record.
        let others: Vec<&str> = summary.others("ISO/IEC 27001:2022/Amd 1:2024").collect();
        assert_eq!(others, ["ISO/IEC 27001:2022", "ISO/IEC 27001"]);
    }
}
