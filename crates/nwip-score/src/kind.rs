//! What kind of overlap a hit is: the same subject, a revision, an adoption or common text, a
//! partial overlap (with its direction), or merely related.

use nwip_corpus::{Record, RelationKind};
use serde::Serialize;

use crate::features::{org_matches, Features};
use crate::overlap::Overlap;
use crate::profile::Profile;

/// The kind of an overlap, worst (most urgent to act on) first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum OverlapKind {
    /// The record covers the same subject: the proposal would duplicate it.
    SameSubject,
    /// The proposal revises the record (a new edition of the same document).
    RevisionOf,
    /// An adoption or common text of work already recognised across organisations (ITU-T |
    /// ISO/IEC common texts, IEC/IEEE dual logos, EN ISO): a proposal that says it adopts the
    /// document it names, or in a scan one document that adopts the other. A fact to report, not
    /// a problem to fix. A proposal that rewords a common text is typed by its score like any
    /// other: it duplicates work two organisations hold.
    AdoptionOf,
    /// Part of one is in the other; see [`Direction`].
    Partial,
    /// Related work, below the overlap threshold.
    Related,
}

impl OverlapKind {
    /// Returns the lower-case name used in reports and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            OverlapKind::SameSubject => "same_subject",
            OverlapKind::RevisionOf => "revision_of",
            OverlapKind::AdoptionOf => "adoption_of",
            OverlapKind::Partial => "partial",
            OverlapKind::Related => "related",
        }
    }

    /// Parses a name written by [`OverlapKind::as_str`] (also `same-subject`, `duplicate`, ...).
    pub fn parse(name: &str) -> Option<OverlapKind> {
        match name.trim().to_ascii_lowercase().replace('-', "_").as_str() {
            "same_subject" | "same" | "duplicate" => Some(OverlapKind::SameSubject),
            "revision_of" | "revision" => Some(OverlapKind::RevisionOf),
            "adoption_of" | "adoption" | "common_text" => Some(OverlapKind::AdoptionOf),
            "partial" => Some(OverlapKind::Partial),
            "related" => Some(OverlapKind::Related),
            _ => None,
        }
    }

    /// Tells whether a line of this kind calls its document a duplicate of the proposal (the
    /// same subject, a revision or an adoption), not a partial or loose overlap.
    ///
    /// ```
    /// use nwip_score::OverlapKind;
    /// assert!(OverlapKind::RevisionOf.is_duplicate());
    /// assert!(!OverlapKind::Partial.is_duplicate());
    /// ```
    pub fn is_duplicate(self) -> bool {
        matches!(self, OverlapKind::SameSubject | OverlapKind::RevisionOf | OverlapKind::AdoptionOf)
    }

    /// Returns how severe the kind is for a gate: higher is worse.
    pub fn severity(self) -> u8 {
        match self {
            OverlapKind::SameSubject => 4,
            OverlapKind::RevisionOf | OverlapKind::Partial => 3,
            OverlapKind::AdoptionOf => 2,
            OverlapKind::Related => 1,
        }
    }
}

impl std::fmt::Display for OverlapKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Which side of a partial overlap is inside the other.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// The proposal's subject is inside the record's broader one.
    ProposalWithinRecord,
    /// The record's subject is inside the proposal's broader one.
    RecordWithinProposal,
    /// Both share a part and differ in the rest.
    Mutual,
}

/// The score from which a document is the same subject whatever its title's words: on held-out
/// queries of `nwip calibrate` the documents scored from .8 cover the proposal's subject about
/// nine times in ten, those scored .5-.8 half the time (many are sibling parts of one series).
pub const SAME_SUBJECT_SCORE: f32 = 0.8;

/// How far the first document of a report must be ahead of the second for a score from .5 to
/// make it the same subject (see [`settle_clear_best`]).
pub const CLEAR_LEAD: f32 = 0.1;

/// Types the first line of a report `same_subject` when it is more likely than not the
/// document the proposal duplicates and clearly the best: its score is at least .5 and
/// [`CLEAR_LEAD`] ahead of the next line's. [`classify`] sees one record at a time and keeps such
/// a document `partial` below [`SAME_SUBJECT_SCORE`], since sibling parts of one series score
/// alike from .5; a first document that stands alone is not one of several siblings. A document
/// the proposal names without saying it revises or adopts it stays a reference it builds on.
/// `lines` are one per document, best first (as [`crate::by_document`] returns them).
///
/// ```
/// use nwip_corpus::{Proposal, Record};
/// use nwip_score::{rank, settle_clear_best, Candidate, Model, OverlapKind, Profile, Signals, TermWeights};
/// let analyzer = nwip_text::Analyzer::new();
/// let proposal = Proposal { title: "Trimmed sizes of writing paper".into(), ..Default::default() };
/// let profile = Profile::from_proposal(&proposal, &analyzer);
/// let candidate = |id: &str| {
///     let line = format!(r#"{{"docid":[{{"id":"{id}","type":"ISO","primary":true}}],
///         "title":[{{"content":"Paper formats","language":"en"}}]}}"#);
///     Candidate::new(Record::from_relaton_json(&line).unwrap(), Signals::default())
/// };
/// let candidates = vec![candidate("ISO 216:2007"), candidate("ISO 217:2013")];
/// let mut report = rank(&profile, candidates, &TermWeights::default(), &Model::prior(), &analyzer);
/// for (line, score) in report.iter_mut().zip([0.62, 0.31]) {
///     (line.score, line.kind) = (score, OverlapKind::Partial);
/// }
/// settle_clear_best(&mut report);
/// assert_eq!(report[0].kind, OverlapKind::SameSubject);
/// assert_eq!(report[1].kind, OverlapKind::Partial);
/// ```
pub fn settle_clear_best(lines: &mut [Overlap]) {
    let next = lines.get(1).map_or(0.0, |line| line.score);
    let Some(first) = lines.first_mut() else { return };
    let clear = first.score >= 0.5 && first.score - next >= CLEAR_LEAD;
    let settled = !matches!(first.kind, OverlapKind::Partial | OverlapKind::Related);
    if !clear || settled || first.features.mentioned > 0.0 {
        return;
    }
    first.kind = OverlapKind::SameSubject;
    first.direction = None;
    let reason = format!(
        "the most likely duplicate: score {:.2}, {:.2} ahead of the next document ({})",
        first.score,
        first.score - next,
        agreement(&first.features)
    );
    first.evidence.reason = with_common_text(&first.record, reason);
}

/// How a document told in other words agrees with the proposal, for a reason: its meanings'
/// cosine and the share of the proposal's weighted terms found in it.
fn agreement(features: &Features) -> String {
    format!(
        "meanings' cosine {:.2}; {:.0}% of the proposal's weighted terms in the record",
        features.meaning,
        features.title_in_record.max(features.body_in_record) * 100.0
    )
}

/// Decides the kind of an overlap and says why, from its features and score (the estimated
/// chance that the record's document already covers the proposal's subject): a revision when
/// the proposal names the document it revises (or retitles its own organisation's document), an
/// adoption when it names the document it adopts, else the same subject from a score of .5 when
/// the titles agree both ways or the texts are near duplicates and from [`SAME_SUBJECT_SCORE`]
/// whatever the words (unless the proposal names the document, as a reference it builds on), a
/// partial overlap (with its direction) from .25, and related below.
///
/// A record that is itself a common text or an adoption (ISO/IEC/IEEE 8802-11, EN ISO 22000) is
/// typed like any other: a proposal that rewords it duplicates work two organisations hold, and
/// the reason says which other document it is.
pub fn classify(
    profile: &Profile,
    record: &Record,
    features: &Features,
    score: f32,
) -> (OverlapKind, Option<Direction>, String) {
    let (kind, direction, reason) = kind_and_reason(profile, record, features, score);
    if kind == OverlapKind::AdoptionOf {
        return (kind, direction, reason);
    }
    (kind, direction, with_common_text(record, reason))
}

/// Adds to `reason` which other organisation's document the record is a common text or
/// adoption of, if it is one.
fn with_common_text(record: &Record, mut reason: String) -> String {
    if let Some(twin) = common_text_of(record) {
        reason.push_str(&format!("; {} is a common text or adoption of {twin}", record.id));
    }
    reason
}

/// The other organisation's document a record is a common text or adoption of, if it is one.
fn common_text_of(record: &Record) -> Option<String> {
    let adopted = record
        .relations
        .iter()
        .find(|r| matches!(r.kind, RelationKind::AdoptedFrom | RelationKind::Identical))
        .map(|r| r.target.clone());
    let foreign =
        record.alt_ids.iter().find(|alt| !alt.to_ascii_uppercase().starts_with(&record.org));
    foreign.cloned().or(adopted)
}

/// [`classify`] without the note on common texts.
fn kind_and_reason(
    profile: &Profile,
    record: &Record,
    features: &Features,
    score: f32,
) -> (OverlapKind, Option<Direction>, String) {
    let title_both = features.title_in_record_title.min(features.record_title_in_title);
    let proposal_in_record = features.title_in_record.max(features.body_in_record);
    let record_in_proposal = features.record_title_in_title.max(features.record_in_proposal);
    let same_org = profile.organisation.as_deref().is_some_and(|org| org_matches(org, &record.org));
    let revises_named = features.mentioned > 0.0 && mentions_revision(profile);

    if revises_named
        || (same_org && title_both >= 0.85 && !record.stage.lifecycle.is_ongoing() && score >= 0.5)
    {
        let reason = if revises_named {
            format!("the proposal names {} as the document it revises", record.id)
        } else {
            format!(
                "same title in the proposer's own organisation ({}), {}",
                record.org, record.stage.lifecycle
            )
        };
        return (OverlapKind::RevisionOf, None, reason);
    }
    if features.mentioned > 0.0 && mentions_adoption(profile) {
        let reason = format!(
            "the proposal names {} as the document it adopts: work already recognised across organisations",
            record.id
        );
        return (OverlapKind::AdoptionOf, None, reason);
    }
    // The same subject: a likely overlap whose titles agree both ways, or near-duplicate text,
    // or a document the model is confident covers the subject whatever its words (a reworded
    // copy). Sibling parts of a series score .5-.8 and stay partial, and so does a document the
    // proposal names without saying it revises or adopts it: a reference it builds on.
    let confident = score >= SAME_SUBJECT_SCORE && features.mentioned == 0.0;
    if score >= 0.5 && (title_both >= 0.6 || features.near_duplicate >= 0.5 || confident) {
        let reason = if features.near_duplicate >= 0.5 {
            format!(
                "near-duplicate text ({:.0}% of word pairs shared)",
                features.near_duplicate * 100.0
            )
        } else if title_both >= 0.6 {
            format!(
                "titles agree both ways ({:.0}% / {:.0}% of weighted terms)",
                features.title_in_record_title * 100.0,
                features.record_title_in_title * 100.0
            )
        } else {
            // The line shows the document's best score, which may be another record's: the
            // reason gives this record's evidence only.
            format!("the same subject in other words ({})", agreement(features))
        };
        return (OverlapKind::SameSubject, None, reason);
    }
    if score >= 0.25 {
        let direction = if proposal_in_record >= 0.6 && record_in_proposal < 0.5 {
            Direction::ProposalWithinRecord
        } else if record_in_proposal >= 0.6 && proposal_in_record < 0.5 {
            Direction::RecordWithinProposal
        } else {
            Direction::Mutual
        };
        let reason = match direction {
            _ if features.mentioned > 0.0 => {
                "the proposal names this document, a reference it builds on".to_string()
            }
            Direction::ProposalWithinRecord => {
                "the proposal's subject is covered by this broader document".to_string()
            }
            Direction::RecordWithinProposal => {
                "this document covers part of the proposal's broader subject".to_string()
            }
            Direction::Mutual => "the two share part of their subject".to_string(),
        };
        return (OverlapKind::Partial, Some(direction), reason);
    }
    (OverlapKind::Related, None, "shares some distinctive terms".to_string())
}

/// Tells whether the proposal says it adopts (takes over unchanged) a document it names:
/// "IEEE Standard Adoption of ISO/IEC 90003:2014", "adoption de l'ISO 9001", "идентичен ISO 9001".
fn mentions_adoption(profile: &Profile) -> bool {
    says_any(
        profile,
        &["adoption of", "adopts ", "identical to", "adoption de", "reprise de", "идентичн"],
    )
}

/// Tells whether the proposal says it revises or replaces a document.
fn mentions_revision(profile: &Profile) -> bool {
    says_any(
        profile,
        &[
            "revision",
            "revise",
            "révision",
            "réviser",
            "replace",
            "remplac",
            "пересмотр",
            "new edition",
            "nouvelle édition",
        ],
    )
}

/// Tells whether the proposal's title or body contains one of `phrases` (lower-case).
fn says_any(profile: &Profile, phrases: &[&str]) -> bool {
    let text = format!("{} {}", profile.title, profile.body).to_lowercase();
    phrases.iter().any(|phrase| text.contains(phrase))
}

#[cfg(test)]
mod tests {
    use super::*;
    use nwip_corpus::Proposal;
    use nwip_text::Analyzer;

    fn record(id: &str, title: &str) -> Record {
        let line = format!(
            r#"{{"docid":[{{"id":"{id}","type":"ISO","primary":true}}],"title":[{{"content":"{title}","language":"en"}}]}}"#
        );
        Record::from_relaton_json(&line).unwrap()
    }

    fn kind_of(title: &str, record: &Record, mentioned: bool, score: f32) -> OverlapKind {
        let proposal = Proposal { title: title.into(), ..Proposal::default() };
        let profile = Profile::from_proposal(&proposal, &Analyzer::new());
        let features =
            Features { mentioned: if mentioned { 1.0 } else { 0.0 }, ..Features::default() };
        classify(&profile, record, &features, score).0
    }

    #[test]
    fn a_proposal_that_adopts_the_document_it_names_is_an_adoption() {
        let iso = record("ISO/IEC 90003:2014", "Software engineering - Guidelines for ISO 9001");
        let title = "IEEE Approved Standard Adoption of ISO/IEC 90003:2014, Software engineering";
        assert_eq!(kind_of(title, &iso, true, 0.99), OverlapKind::AdoptionOf);
        // The adoption is of the document named, not of every record it resembles.
        assert_eq!(kind_of(title, &iso, false, 0.3), OverlapKind::Partial);
        // Naming a document without saying it is adopted is not an adoption.
        let named = "Guidelines for software engineering, see ISO/IEC 90003:2014";
        assert_ne!(kind_of(named, &iso, true, 0.3), OverlapKind::AdoptionOf);
    }

    #[test]
    fn a_reworded_common_text_is_the_same_subject_and_says_whose_it_is() {
        let line = r#"{"docid":[{"id":"ISO/IEC/IEEE 8802-11:2022","type":"ISO","primary":true},
            {"id":"IEEE Std 802.11-2020","type":"IEEE"}],
            "title":[{"content":"Wireless LAN medium access control and physical layer","language":"en"}]}"#;
        let common = Record::from_relaton_json(line).unwrap();
        let title = "Over-the-air local networking: channel access and radio transmission";
        let profile = Profile::from_proposal(
            &Proposal { title: title.into(), ..Proposal::default() },
            &Analyzer::new(),
        );
        // Not a fact to report and pass: the proposal rewords work two organisations hold.
        let (kind, _, reason) = classify(&profile, &common, &Features::default(), 0.85);
        assert_eq!(kind, OverlapKind::SameSubject);
        assert!(reason.ends_with("a common text or adoption of IEEE Std 802.11-2020"), "{reason}");
        let (kind, _, _) = classify(&profile, &common, &Features::default(), 0.3);
        assert_eq!(kind, OverlapKind::Partial);
        // The first document standing alone keeps the note in its reason.
        let candidate = crate::Candidate::new(common, crate::Signals::default());
        let weights = crate::TermWeights::default();
        let mut lines = crate::rank(
            &profile,
            vec![candidate],
            &weights,
            &crate::Model::prior(),
            &Analyzer::new(),
        );
        (lines[0].score, lines[0].kind) = (0.7, OverlapKind::Partial);
        settle_clear_best(&mut lines);
        assert_eq!(lines[0].kind, OverlapKind::SameSubject);
        let reason = &lines[0].evidence.reason;
        assert!(reason.ends_with("a common text or adoption of IEEE Std 802.11-2020"), "{reason}");
    }

    fn report(lines: &[(&str, f32, bool)]) -> Vec<Overlap> {
        let analyzer = Analyzer::new();
        let proposal =
            Proposal { title: "Trimmed sizes of writing paper".into(), ..Proposal::default() };
        let profile = Profile::from_proposal(&proposal, &analyzer);
        let candidates = lines
            .iter()
            .map(|(id, _, _)| {
                crate::Candidate::new(record(id, "Paper formats"), crate::Signals::default())
            })
            .collect();
        let weights = crate::TermWeights::default();
        let mut ranked =
            crate::rank(&profile, candidates, &weights, &crate::Model::prior(), &analyzer);
        ranked.sort_by_key(|line| lines.iter().position(|(id, _, _)| *id == line.record.id));
        for (line, (_, score, mentioned)) in ranked.iter_mut().zip(lines) {
            line.score = *score;
            line.kind = OverlapKind::Partial;
            line.features.mentioned = if *mentioned { 1.0 } else { 0.0 };
        }
        settle_clear_best(&mut ranked);
        ranked
    }

    #[test]
    fn only_a_first_document_that_stands_alone_from_half_is_the_same_subject() {
        let kinds = |lines: &[(&str, f32, bool)]| -> Vec<OverlapKind> {
            report(lines).iter().map(|line| line.kind).collect()
        };
        use OverlapKind::{Partial, SameSubject};
        assert_eq!(
            kinds(&[("ISO 216:2007", 0.55, false), ("ISO 217:2013", 0.44, false)]),
            [SameSubject, Partial]
        );
        assert_eq!(kinds(&[("ISO 216:2007", 0.7, false)]), [SameSubject], "alone in its report");
        // Siblings a hair apart: neither stands alone.
        assert_eq!(
            kinds(&[("ISO 216:2007", 0.7, false), ("ISO 217:2013", 0.65, false)]),
            [Partial, Partial]
        );
        // Less likely than not.
        assert_eq!(
            kinds(&[("ISO 216:2007", 0.45, false), ("ISO 217:2013", 0.1, false)]),
            [Partial, Partial]
        );
        // Named without "revises" or "adopts": a reference the proposal builds on.
        assert_eq!(
            kinds(&[("ISO 216:2007", 0.7, true), ("ISO 217:2013", 0.1, false)]),
            [Partial, Partial]
        );
        let line = &report(&[("ISO 216:2007", 0.62, false), ("ISO 217:2013", 0.31, false)])[0];
        assert!(line.evidence.reason.contains("0.31 ahead"), "{}", line.evidence.reason);
    }

    #[test]
    fn a_confident_score_is_the_same_subject_unless_the_proposal_names_the_document() {
        let iso = record("ISO 29470:2020", "Thermal insulating products - Apparent density");
        let title = "Expanded perlite insulation boards for buildings - Specification";
        // Other words, a confident score: a reworded copy.
        assert_eq!(kind_of(title, &iso, false, 0.85), OverlapKind::SameSubject);
        // Named without "revises" or "adopts": a reference the proposal builds on.
        assert_eq!(kind_of(title, &iso, true, 0.85), OverlapKind::Partial);
        assert_eq!(kind_of(title, &iso, false, 0.6), OverlapKind::Partial);
        // The reason gives the record's evidence, not its score: a document's line shows its
        // best record's score, which may be another record's.
        let profile = Profile::from_proposal(
            &Proposal { title: title.into(), ..Proposal::default() },
            &Analyzer::new(),
        );
        let features = Features { meaning: 0.67, body_in_record: 0.84, ..Features::default() };
        let (_, _, reason) = classify(&profile, &iso, &features, 0.86);
        assert_eq!(
            reason,
            "the same subject in other words (meanings' cosine 0.67; 84% of the proposal's \
             weighted terms in the record)"
        );
    }
}
