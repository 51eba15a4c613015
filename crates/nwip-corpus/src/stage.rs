//! Lifecycle states normalised across organisations, keeping each catalogue's raw stage code.
//!
//! Each organisation's stage vocabulary comes from the [`crate::registry`] (IEC `REVISED`, EASC
//! `replaces`, JIS `valid`, W3C maturity levels, CalConnect `committee-draft`); ISO harmonised
//! stage codes, common words and draft identifiers (`ISO/DIS`, `IEEE P802.11`) fill in for bodies
//! and words the registry does not list. All map to one [`Lifecycle`].

use serde::{Deserialize, Serialize};

/// Where a document is in its life, the same scale for every organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Lifecycle {
    /// A proposal for new work (ISO stage 00-10, NP, PWI).
    Proposal,
    /// A project under development: the work programme (ISO stages 20-50, drafts, W3C drafts).
    UnderDevelopment,
    /// Published and in force.
    Published,
    /// Replaced by a newer edition or another document.
    Replaced,
    /// Withdrawn without (known) replacement.
    Withdrawn,
}

impl Lifecycle {
    /// Returns the lower-case name used in the index and in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Lifecycle::Proposal => "proposal",
            Lifecycle::UnderDevelopment => "under_development",
            Lifecycle::Published => "published",
            Lifecycle::Replaced => "replaced",
            Lifecycle::Withdrawn => "withdrawn",
        }
    }

    /// Parses the name written by [`Lifecycle::as_str`] (also `development`, `active`, `draft`).
    pub fn parse(name: &str) -> Option<Lifecycle> {
        match name.trim().to_ascii_lowercase().replace(['-', ' '], "_").as_str() {
            "proposal" => Some(Lifecycle::Proposal),
            "under_development" | "development" | "draft" | "ongoing" => {
                Some(Lifecycle::UnderDevelopment)
            }
            "published" | "active" => Some(Lifecycle::Published),
            "replaced" => Some(Lifecycle::Replaced),
            "withdrawn" => Some(Lifecycle::Withdrawn),
            _ => None,
        }
    }

    /// Tells whether the document is live work: a proposal or a project under development.
    pub fn is_ongoing(self) -> bool {
        matches!(self, Lifecycle::Proposal | Lifecycle::UnderDevelopment)
    }

    /// Tells whether the document is history: replaced or withdrawn.
    pub fn is_historic(self) -> bool {
        matches!(self, Lifecycle::Replaced | Lifecycle::Withdrawn)
    }
}

impl std::fmt::Display for Lifecycle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A record's lifecycle state and the catalogue's own stage code.
///
/// ```
/// use nwip_corpus::{Lifecycle, Stage};
/// assert_eq!(Stage::from_raw("ISO", "40", "ISO/DIS 10604").lifecycle, Lifecycle::UnderDevelopment);
/// assert_eq!(Stage::from_raw("IEC", "REVISED", "IEC 60335-1:2001").lifecycle, Lifecycle::Replaced);
/// assert_eq!(Stage::from_raw("IEEE", "", "IEEE P2030.5").lifecycle, Lifecycle::UnderDevelopment);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stage {
    /// The normalised state.
    pub lifecycle: Lifecycle,
    /// The stage code or word as the catalogue writes it (may be empty).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub raw: String,
}

impl Stage {
    /// Normalises the raw stage of a record of organisation `org` whose primary identifier is
    /// `id`.
    ///
    /// The organisation's own vocabulary (from the registry) is asked first, then the harmonised
    /// stage codes and common words; the identifier decides when the stage is absent or unknown.
    ///
    /// ```
    /// use nwip_corpus::{Lifecycle, Stage};
    /// assert_eq!(Stage::from_raw("EASC", "replaces", "ГОСТ 1-2020").lifecycle, Lifecycle::Published);
    /// assert_eq!(Stage::from_raw("JIS", "valid", "JIS A 1148:2010").lifecycle, Lifecycle::Published);
    /// ```
    pub fn from_raw(org: &str, raw: &str, id: &str) -> Stage {
        let lifecycle = lifecycle_from_status(org, raw)
            .or_else(|| lifecycle_from_identifier(id))
            .unwrap_or(Lifecycle::Published);
        Stage { lifecycle, raw: raw.to_string() }
    }
}

/// Reads a catalogue status: the organisation's vocabulary first, then codes and common words.
fn lifecycle_from_status(org: &str, raw: &str) -> Option<Lifecycle> {
    let vocabulary = crate::registry::organisation(org);
    vocabulary.and_then(|org| org.status_lifecycle(raw)).or_else(|| lifecycle_from_raw(raw))
}

fn lifecycle_from_raw(raw: &str) -> Option<Lifecycle> {
    let raw = raw.trim();
    if raw.is_empty() {
        return None;
    }
    if let Ok(code) = raw.parse::<u32>() {
        // ISO/IEC harmonised stage codes (00 preliminary ... 95 withdrawal).
        return Some(match code {
            0..=19 => Lifecycle::Proposal,
            20..=59 => Lifecycle::UnderDevelopment,
            60..=94 => Lifecycle::Published,
            _ => Lifecycle::Withdrawn,
        });
    }
    let lower = raw.to_ascii_lowercase();
    let lifecycle = match lower.as_str() {
        "published" | "in force" | "in-force" | "approved" | "active" | "new"
        | "recommendation" | "rec" | "current" | "confirmed" | "stabilized" | "note"
        | "group note" | "statement" | "registry" => Lifecycle::Published,
        "revised" | "replaced" | "superseded" | "obsolete" | "rescinded" => Lifecycle::Replaced,
        "withdrawn" | "withdrawal" | "retired" | "inactive" | "discontinued" => {
            Lifecycle::Withdrawn
        }
        "draft"
        | "working draft"
        | "wd"
        | "candidate recommendation"
        | "cr"
        | "candidate recommendation snapshot"
        | "candidate recommendation draft"
        | "proposed recommendation"
        | "pr"
        | "last call working draft"
        | "first public working draft"
        | "fpwd"
        | "lcwd"
        | "draft note"
        | "draft registry"
        | "under development"
        | "preparatory"
        | "committee"
        | "enquiry"
        | "approval" => Lifecycle::UnderDevelopment,
        "proposal" | "proposed" | "preliminary" | "pwi" | "np" => Lifecycle::Proposal,
        _ => {
            if lower.contains("withdraw") {
                Lifecycle::Withdrawn
            } else if lower.contains("supersed") || lower.contains("replac") {
                Lifecycle::Replaced
            } else if lower.contains("draft") {
                Lifecycle::UnderDevelopment
            } else {
                return None;
            }
        }
    };
    Some(lifecycle)
}

/// Reads a lifecycle from the stage marker of an identifier (`ISO/DIS`, `ISO/IEC AWI`, `IEEE
/// P802.11`, a 3GPP version below 3.0.0, `NIST SP 800-53r5 ipd`): the marker's meaning in its
/// publisher's stage vocabulary, ongoing work when the vocabulary does not list it.
fn lifecycle_from_identifier(id: &str) -> Option<Lifecycle> {
    let parsed = crate::docid::DocId::parse(id)?;
    let marker = parsed.draft.as_deref()?;
    let listed = parsed.publishers.iter().find_map(|publisher| {
        crate::registry::organisation_of_publisher(publisher)?.identifier_stage(marker)
    });
    Some(listed.map_or(Lifecycle::UnderDevelopment, |stage| stage.lifecycle))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_stage_codes() {
        for (code, lifecycle) in [
            ("10", Lifecycle::Proposal),
            ("20", Lifecycle::UnderDevelopment),
            ("50", Lifecycle::UnderDevelopment),
            ("60", Lifecycle::Published),
            ("90", Lifecycle::Published),
            ("95", Lifecycle::Withdrawn),
        ] {
            assert_eq!(Stage::from_raw("ISO", code, "ISO 1").lifecycle, lifecycle, "{code}");
        }
    }

    #[test]
    fn words_of_other_organisations() {
        assert_eq!(
            Stage::from_raw("W3C", "Working Draft", "x").lifecycle,
            Lifecycle::UnderDevelopment
        );
        assert_eq!(Stage::from_raw("ITU-T", "Withdrawal", "x").lifecycle, Lifecycle::Withdrawn);
        assert_eq!(Stage::from_raw("IEEE", "superseded", "x").lifecycle, Lifecycle::Replaced);
        assert_eq!(Stage::from_raw("OIML", "in-force", "x").lifecycle, Lifecycle::Published);
        assert_eq!(Stage::from_raw("ETSI", "", "ETSI EN 300 328").lifecycle, Lifecycle::Published);
    }

    #[test]
    fn each_body_speaks_its_own_vocabulary() {
        let state = |org: &str, raw: &str| Stage::from_raw(org, raw, "x").lifecycle;
        // EASC "replaces": the record is the new standard, in force
        assert_eq!(state("EASC", "replaces"), Lifecycle::Published);
        assert_eq!(state("EASC", "new"), Lifecycle::Published);
        assert_eq!(state("JIS", "valid"), Lifecycle::Published);
        assert_eq!(state("JIS", "withdrawn"), Lifecycle::Withdrawn);
        assert_eq!(state("CalConnect", "committee-draft"), Lifecycle::UnderDevelopment);
        assert_eq!(state("CalConnect", "proposal"), Lifecycle::Proposal);
        assert_eq!(state("BIPM", "in-force"), Lifecycle::Published);
        assert_eq!(state("IEC", "REVISED"), Lifecycle::Replaced);
        // a body without an entry falls back on the common words
        assert_eq!(state("ACME", "superseded"), Lifecycle::Replaced);
    }

    #[test]
    fn identifiers_mark_drafts_when_the_stage_is_absent() {
        assert_eq!(
            Stage::from_raw("ISO", "", "ISO/FDIS 17895").lifecycle,
            Lifecycle::UnderDevelopment
        );
        assert_eq!(Stage::from_raw("ISO", "", "ISO/IEC AWI 5259").lifecycle, Lifecycle::Proposal);
        assert_eq!(
            Stage::from_raw("IEEE", "", "IEEE P1234/D2").lifecycle,
            Lifecycle::UnderDevelopment
        );
        assert_eq!(
            Stage::from_raw("3GPP", "", "3GPP TS 23.501:REL-15/1.0.0").lifecycle,
            Lifecycle::UnderDevelopment
        );
        assert_eq!(
            Stage::from_raw("3GPP", "", "3GPP TS 23.501:REL-15/15.0.0").lifecycle,
            Lifecycle::Published
        );
        assert_eq!(
            Stage::from_raw("ISO", "", "ISO 10062:2022/DAM 1").lifecycle,
            Lifecycle::UnderDevelopment
        );
        assert_eq!(Stage::from_raw("ISO", "", "ISO/NWIP 123").lifecycle, Lifecycle::Proposal);
    }

    #[test]
    fn names_round_trip() {
        for lifecycle in [
            Lifecycle::Proposal,
            Lifecycle::UnderDevelopment,
            Lifecycle::Published,
            Lifecycle::Replaced,
            Lifecycle::Withdrawn,
        ] {
            assert_eq!(Lifecycle::parse(lifecycle.as_str()), Some(lifecycle));
        }
    }
}
