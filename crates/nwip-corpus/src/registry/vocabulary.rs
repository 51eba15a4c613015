//! Stage vocabularies of the organisations in the table: the words catalogues write in their
//! status fields and the stage markers of identifiers, with what they mean.

use super::{StageSource, StageWord};
use crate::stage::Lifecycle;
use crate::stage::Lifecycle::{Proposal, Published, Replaced, UnderDevelopment, Withdrawn};

const fn status(word: &'static str, lifecycle: Lifecycle) -> StageWord {
    StageWord { word, lifecycle, found_in: StageSource::Status, canonical: None, implies: None }
}

const fn marker(word: &'static str, lifecycle: Lifecycle) -> StageWord {
    StageWord { word, lifecycle, found_in: StageSource::Identifier, canonical: None, implies: None }
}

const fn draft_of(word: &'static str, deliverable: &'static str) -> StageWord {
    StageWord {
        word,
        lifecycle: UnderDevelopment,
        found_in: StageSource::Identifier,
        canonical: None,
        implies: Some(deliverable),
    }
}

const fn both(word: &'static str, lifecycle: Lifecycle) -> StageWord {
    StageWord { word, lifecycle, found_in: StageSource::Both, canonical: None, implies: None }
}

/// ISO and IEC: the stage markers of identifiers (`ISO/DIS`, `IEC/CDV`); the catalogues' numeric
/// harmonised stage codes are read by [`crate::Stage`] for every body.
pub(super) const ISO_IEC_STAGES: &[StageWord] = &[
    marker("NP", Proposal),
    StageWord {
        word: "NWIP",
        lifecycle: Proposal,
        found_in: StageSource::Identifier,
        canonical: Some("NP"),
        implies: None,
    },
    marker("PWI", Proposal),
    marker("AWI", Proposal),
    marker("WD", UnderDevelopment),
    marker("CD", UnderDevelopment),
    marker("CDV", UnderDevelopment),
    marker("FCD", UnderDevelopment),
    marker("DIS", UnderDevelopment),
    marker("FDIS", UnderDevelopment),
    marker("PRF", UnderDevelopment),
    marker("ACDV", UnderDevelopment),
    marker("ADIS", UnderDevelopment),
    marker("RDIS", UnderDevelopment),
    marker("APUB", UnderDevelopment),
    marker("BPUB", UnderDevelopment),
    marker("PPUB", UnderDevelopment),
    marker("PRVC", UnderDevelopment),
    marker("TCDV", UnderDevelopment),
    draft_of("DTS", "TS"),
    draft_of("DTR", "TR"),
    draft_of("DPAS", "PAS"),
    draft_of("PDTS", "TS"),
    draft_of("PDTR", "TR"),
    draft_of("FDTS", "TS"),
    draft_of("FDTR", "TR"),
    draft_of("ADTS", "TS"),
    draft_of("ADTR", "TR"),
    draft_of("DGuide", "Guide"),
    draft_of("DISP", "ISP"),
    status("PUBLISHED", Published),
    status("REVISED", Replaced),
    status("REPLACED", Replaced),
    status("WITHDRAWN", Withdrawn),
];

pub(super) const ITU_STAGES: &[StageWord] = &[
    status("Published", Published),
    status("In force", Published),
    status("Withdrawal", Withdrawn),
    status("Withdrawn", Withdrawn),
    status("Superseded", Replaced),
];

pub(super) const IEEE_STAGES: &[StageWord] = &[
    marker("P", UnderDevelopment),
    status("draft", UnderDevelopment),
    status("approved", Published),
    status("active", Published),
    status("withdrawn", Withdrawn),
    status("inactive", Withdrawn),
    status("superseded", Replaced),
];

/// W3C maturity levels, as status words and as the prefixes of its identifiers.
pub(super) const W3C_STAGES: &[StageWord] = &[
    marker("WD", UnderDevelopment),
    marker("FPWD", UnderDevelopment),
    marker("LCWD", UnderDevelopment),
    marker("CR", UnderDevelopment),
    marker("CRD", UnderDevelopment),
    marker("PR", UnderDevelopment),
    marker("ED", UnderDevelopment),
    marker("DNOTE", UnderDevelopment),
    marker("DRY", UnderDevelopment),
    marker("CRYD", UnderDevelopment),
    marker("PER", Published),
    marker("REC", Published),
    marker("NOTE", Published),
    marker("RY", Published),
    marker("CRY", Published),
    marker("STMT", Published),
    marker("DISC", Published),
    marker("SPSD", Published),
    marker("RSCND", Published),
    marker("OBSL", Published),
    status("Working Draft", UnderDevelopment),
    status("First Public Working Draft", UnderDevelopment),
    status("Last Call Working Draft", UnderDevelopment),
    status("Candidate Recommendation", UnderDevelopment),
    status("Candidate Recommendation Draft", UnderDevelopment),
    status("Candidate Recommendation Snapshot", UnderDevelopment),
    status("Proposed Recommendation", UnderDevelopment),
    status("Proposed Edited Recommendation", UnderDevelopment),
    status("Draft Note", UnderDevelopment),
    status("Draft Registry", UnderDevelopment),
    status("Recommendation", Published),
    status("Note", Published),
    status("Group Note", Published),
    status("Statement", Published),
    status("Registry", Published),
    status("Retired", Withdrawn),
    status("Rescinded", Replaced),
    status("Superseded", Replaced),
    status("Obsolete", Replaced),
];

/// OASIS stages in identifiers (`csaf-v2.0-CS01`, `...-CSD02`).
pub(super) const OASIS_STAGES: &[StageWord] = &[
    marker("CS", Published),
    marker("OS", Published),
    marker("PS", Published),
    marker("CN", Published),
    marker("COS", Published),
    marker("CSD", UnderDevelopment),
    marker("CSPRD", UnderDevelopment),
    marker("CSDPR", UnderDevelopment),
    marker("PSD", UnderDevelopment),
    marker("CND", UnderDevelopment),
    marker("WD", UnderDevelopment),
];

/// OIML, IALA, IHO: in force, superseded, withdrawn.
pub(super) const IN_FORCE_STAGES: &[StageWord] = &[
    status("in-force", Published),
    status("in force", Published),
    status("superseded", Replaced),
    status("withdrawn", Withdrawn),
];

pub(super) const EASC_STAGES: &[StageWord] = &[
    status("new", Published),
    // an EASC standard that replaces an older one is itself in force
    status("replaces", Published),
    status("replaced", Replaced),
    status("withdrawn", Withdrawn),
];

pub(super) const PUBLISHED_WITHDRAWN: &[StageWord] =
    &[status("published", Published), status("withdrawn", Withdrawn)];

/// 3GPP: versions 0.x.y to 2.x.y of a specification are drafts (0: working draft, 1: presented
/// for information, 2: presented for approval); 3.0.0 and up are approved.
pub(super) const THREE_GPP_STAGES: &[StageWord] = &[
    marker("draft", UnderDevelopment),
    marker("for information", UnderDevelopment),
    marker("for approval", UnderDevelopment),
    status("published", Published),
    status("withdrawn", Withdrawn),
];

/// NIST public drafts: initial, second, third, final (`NIST SP 800-53r5 ipd`).
pub(super) const NIST_STAGES: &[StageWord] = &[
    marker("ipd", UnderDevelopment),
    marker("2pd", UnderDevelopment),
    marker("3pd", UnderDevelopment),
    marker("fpd", UnderDevelopment),
    marker("draft", UnderDevelopment),
];

pub(super) const CALCONNECT_STAGES: &[StageWord] = &[
    status("proposal", Proposal),
    both("WD", UnderDevelopment),
    both("CD", UnderDevelopment),
    marker("FDS", UnderDevelopment),
    status("working-draft", UnderDevelopment),
    status("committee-draft", UnderDevelopment),
    status("draft", UnderDevelopment),
    status("final-draft", UnderDevelopment),
    status("published", Published),
    status("standard", Published),
    status("withdrawn", Withdrawn),
];

pub(super) const JIS_STAGES: &[StageWord] =
    &[status("valid", Published), status("withdrawn", Withdrawn)];

pub(super) const PUBLISHED_ONLY: &[StageWord] = &[status("published", Published)];
