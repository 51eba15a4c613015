//! The result of a check: overlaps best first, the committees that own the subject, the liaisons
//! to make, and the cross-check of what the proposal declared.

use nwip_score::{CommitteeSuggestion, CrossCheck, Liaison, Overlap, OverlapKind};
use nwip_text::Language;
use serde::Serialize;

use crate::timings::StageTimes;

/// What was checked, as the engine understood it.
#[derive(Debug, Clone, Serialize)]
pub struct ProposalSummary {
    /// The proposal's title.
    pub title: String,
    /// Its language (declared or detected).
    pub language: Language,
    /// Its committee, normalised.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub committee: Option<String>,
    /// The proposer's organisation.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub organisation: Option<String>,
    /// Whether the proposal's purpose and justification was left out of its subject, which is
    /// its title and scope ([`nwip_score::subject_purpose`]): it has both a scope and a purpose.
    /// The documents the purpose names are still looked up.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub purpose_left_out: bool,
}

/// The report of one check.
#[derive(Debug, Clone, Serialize)]
#[non_exhaustive]
pub struct Report {
    /// The proposal.
    pub proposal: ProposalSummary,
    /// The ranking used (`overlap` or `bm25`).
    pub ranking: &'static str,
    /// Overlapping records, best first.
    pub overlaps: Vec<Overlap>,
    /// Committees that own the subject, most likely first.
    pub committees: Vec<CommitteeSuggestion>,
    /// Organisations and committees outside the proposer's own to liaise with.
    pub liaisons: Vec<Liaison>,
    /// What the proposal declared against what was found.
    pub cross_check: CrossCheck,
    /// Candidates scored.
    pub candidates: usize,
    /// Milliseconds each stage of the check took, when the engine was asked to keep them
    /// ([`EngineBuilder::timings`](crate::EngineBuilder::timings)).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timings: Option<StageTimes>,
}

impl Report {
    /// Returns the overlaps, best first.
    pub fn overlaps(&self) -> &[Overlap] {
        &self.overlaps
    }

    /// Returns the most severe overlap kind found at or above `min_score`, if any.
    pub fn worst_kind(&self, min_score: f32) -> Option<OverlapKind> {
        self.overlaps
            .iter()
            .filter(|o| o.score >= min_score)
            .map(|o| o.kind)
            .max_by_key(|k| k.severity())
    }
}
