//! Features of one (proposal, record) pair: how much of each is in the other, per field, and the
//! non-textual evidence (ICS, committee, identifiers, lifecycle).
//!
//! Every feature is in [0, 1] so the model's weights are comparable and the score means the same
//! thing from one proposal to the next.

use std::sync::Arc;

use nwip_corpus::ics::ics_similarity;
use nwip_corpus::Record;
use nwip_text::{Analyzer, Language, Sketch, Terms};
use serde::Serialize;

use crate::comparison::{Comparison, TermOverlap};
use crate::profile::{Profile, TermWeights};

/// The features of one pair, all in [0, 1].
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Features {
    /// Weighted share of the proposal's title terms found in the record's title.
    pub title_in_record_title: f32,
    /// Weighted share of the record's title terms found in the proposal's title.
    pub record_title_in_title: f32,
    /// Weighted share of the proposal's title terms found anywhere in the record.
    pub title_in_record: f32,
    /// Weighted share of the proposal's body terms ([`crate::Profile::body_terms`]: scope and
    /// keywords, or the purpose when there is no scope) found anywhere in the record (its title's
    /// share, `title_in_record`, when it has no body).
    pub body_in_record: f32,
    /// Weighted share of the record's abstract terms found anywhere in the proposal.
    pub record_in_proposal: f32,
    /// Share of the proposal title's word pairs found as pairs in the record.
    pub shared_phrases: f32,
    /// The retrieval score relative to the best candidate's.
    pub retrieval: f32,
    /// 1 / (1 + retrieval rank), 0 when not retrieved by text.
    pub retrieval_rank: f32,
    /// 1 / (1 + rank) in the plain query (every word of the proposal once), 0 when not found.
    pub plain_rank: f32,
    /// Closeness of the ICS codes in the ICS tree.
    pub ics: f32,
    /// 1 when the record belongs to the proposal's own committee, or to a subcommittee of the
    /// top-level committee the proposal names alone.
    pub same_committee: f32,
    /// 1 when the record belongs to the proposal's own top-level committee.
    pub same_top_committee: f32,
    /// 1 when the proposal names the record's document.
    pub mentioned: f32,
    /// 1 when the proposal names a document of the record's family.
    pub mentioned_family: f32,
    /// 1 when the record is a proposal or a project under development.
    pub ongoing: f32,
    /// 1 when the record is replaced or withdrawn.
    pub historic: f32,
    /// 1 when a newer edition of the same document is among the candidates.
    pub superseded: f32,
    /// Estimated Jaccard similarity of word pairs (near-duplicate sketch).
    pub near_duplicate: f32,
    /// 1 when the record comes from the proposer's organisation.
    pub same_org: f32,
    /// 1 when the record has an abstract.
    pub has_abstract: f32,
    /// 1 when the record matched only through terms carried over from another language.
    pub cross_lingual: f32,
    /// Cosine of the word-vector means of the proposal's text and the record's titles and
    /// abstracts ([`crate::Meaning`]), whitened where the index whitens its meanings
    /// ([`crate::Signals::whitened_meaning`]); 0 without word vectors.
    pub meaning: f32,
    /// Cosine of the word-vector means of the two titles.
    pub title_meaning: f32,
    /// 1 / (1 + rank) among the candidates by `meaning`, 0 without word vectors.
    pub meaning_rank: f32,
    /// How far the document's `meaning` stands above the best other document's among the
    /// candidates, as .5 + half the difference ([`leads`]): above .5 for the one document
    /// clearly closest in meaning, 0 without word vectors. A document that replaced it or that
    /// it replaced under another number (as the records' relations say) is no other document
    /// here. Every lead is 0 in an index of fewer than [`MIN_LEAD_RECORDS`] records.
    pub meaning_lead: f32,
    /// How far the document's `retrieval` stands above the best other document's, as
    /// `meaning_lead` is for meanings.
    pub retrieval_lead: f32,
    /// The lead of `title_meaning` (0 without word vectors).
    pub title_meaning_lead: f32,
    /// The lead of `title_in_record`.
    pub title_lead: f32,
    /// The lead of `body_in_record`.
    pub body_lead: f32,
    /// The lead of `record_in_proposal`.
    pub record_body_lead: f32,
    /// The lead of `record_title_in_title`.
    pub record_title_lead: f32,
    /// The lead of `near_duplicate`.
    pub near_duplicate_lead: f32,
    /// 1 when the proposal names its committee: the committee features are then facts about
    /// the record, not unknowns (both are 0 for every record of a proposal that names none, as
    /// for a record of another committee). The model before leads gives it no weight; it
    /// says which proposals the filed trees score ([`crate::Model::filed_trees`]).
    pub filed: f32,
    /// Whether the leads were read (an index of at least [`MIN_LEAD_RECORDS`] records): the
    /// model's lead trees apply only then ([`crate::Model::lead_trees`]). Not a feature.
    #[serde(skip)]
    pub leads_read: bool,
}

impl Features {
    /// Names of the features, in the order of [`Features::to_vec`].
    pub const NAMES: [&'static str; 33] = [
        "title_in_record_title",
        "record_title_in_title",
        "title_in_record",
        "body_in_record",
        "record_in_proposal",
        "shared_phrases",
        "retrieval",
        "retrieval_rank",
        "plain_rank",
        "ics",
        "same_committee",
        "same_top_committee",
        "mentioned",
        "mentioned_family",
        "ongoing",
        "historic",
        "superseded",
        "near_duplicate",
        "same_org",
        "has_abstract",
        "cross_lingual",
        "meaning",
        "title_meaning",
        "meaning_rank",
        "meaning_lead",
        "retrieval_lead",
        "title_meaning_lead",
        "title_lead",
        "body_lead",
        "record_body_lead",
        "record_title_lead",
        "near_duplicate_lead",
        "filed",
    ];

    /// The position of [`Features::filed`] in [`Features::NAMES`].
    pub const FILED: usize = 32;

    /// Names of the lead features ([`leads`]): those of [`Features::NAMES`] after the features
    /// they are leads of (the features added since follow them), 0 in an index of fewer than
    /// [`MIN_LEAD_RECORDS`] records.
    ///
    /// ```
    /// assert_eq!(nwip_score::Features::lead_names()[0], "meaning_lead");
    /// ```
    pub fn lead_names() -> &'static [&'static str] {
        &Self::NAMES[FIRST_LEAD..FIRST_LEAD + LEADS.len()]
    }

    /// Raises the features that say how well a *document* matches the proposal (text
    /// agreement, meaning, retrieval ranks) to `other`'s where it has more: pooled over the
    /// records of one document, an edition without an abstract borrows its successor's
    /// agreement, and a draft its published edition's rank. Record facts (stage, organisation,
    /// committee, what the proposal names) stay the record's own.
    pub fn pool(&mut self, other: &Features) {
        let pooled = [
            (&mut self.title_in_record_title, other.title_in_record_title),
            (&mut self.record_title_in_title, other.record_title_in_title),
            (&mut self.title_in_record, other.title_in_record),
            (&mut self.body_in_record, other.body_in_record),
            (&mut self.record_in_proposal, other.record_in_proposal),
            (&mut self.shared_phrases, other.shared_phrases),
            (&mut self.retrieval, other.retrieval),
            (&mut self.retrieval_rank, other.retrieval_rank),
            (&mut self.plain_rank, other.plain_rank),
            (&mut self.near_duplicate, other.near_duplicate),
            (&mut self.meaning, other.meaning),
            (&mut self.title_meaning, other.title_meaning),
            (&mut self.meaning_rank, other.meaning_rank),
        ];
        for (mine, theirs) in pooled {
            *mine = mine.max(theirs);
        }
    }

    /// How close the record's text is to the proposal's, in [0, 1], whatever the model: the mean
    /// of its retrieval score (relative to the best candidate's) and its meanings' cosine (0
    /// without word vectors). Committee routing votes with it.
    ///
    /// ```
    /// use nwip_score::Features;
    /// let close = Features { retrieval: 1.0, meaning: 0.8, ..Features::default() };
    /// assert!((close.relatedness() - 0.9).abs() < 1e-6);
    /// assert_eq!(Features::default().relatedness(), 0.0);
    /// ```
    pub fn relatedness(&self) -> f32 {
        0.5 * (self.retrieval.clamp(0.0, 1.0) + self.meaning.clamp(0.0, 1.0))
    }

    /// Returns the features as a vector, in the order of [`Features::NAMES`].
    pub fn to_vec(&self) -> Vec<f32> {
        vec![
            self.title_in_record_title,
            self.record_title_in_title,
            self.title_in_record,
            self.body_in_record,
            self.record_in_proposal,
            self.shared_phrases,
            self.retrieval,
            self.retrieval_rank,
            self.plain_rank,
            self.ics,
            self.same_committee,
            self.same_top_committee,
            self.mentioned,
            self.mentioned_family,
            self.ongoing,
            self.historic,
            self.superseded,
            self.near_duplicate,
            self.same_org,
            self.has_abstract,
            self.cross_lingual,
            self.meaning,
            self.title_meaning,
            self.meaning_rank,
            self.meaning_lead,
            self.retrieval_lead,
            self.title_meaning_lead,
            self.title_lead,
            self.body_lead,
            self.record_body_lead,
            self.record_title_lead,
            self.near_duplicate_lead,
            self.filed,
        ]
    }
}

/// The analysed text of a record in the language it is compared in.
#[derive(Debug, Clone)]
pub struct RecordText {
    /// The language of the texts below.
    pub language: Language,
    /// Title terms.
    pub title: Arc<Terms>,
    /// Abstract terms.
    pub body: Arc<Terms>,
}

impl RecordText {
    /// Analyses the record's text in the language closest to the proposal's: the proposal's own
    /// language if the record has a title in it, else English, else whatever it has.
    pub fn analyse(
        record: &Record,
        proposal_language: Language,
        bridged: &[Language],
        analyzer: &Analyzer,
    ) -> RecordText {
        let has = |language: Language| {
            record.title_in(language).is_some() || record.abstract_in(language).is_some()
        };
        let language = if has(proposal_language) {
            proposal_language
        } else if let Some(language) = bridged.iter().copied().find(|l| has(*l)) {
            language
        } else if has(Language::English) {
            Language::English
        } else {
            record.titles.first().map(|t| t.language).unwrap_or(proposal_language)
        };
        // Candidates come back check after check: their texts are analysed once.
        let terms = |text: Option<&str>| {
            text.map(|text| analyzer.shared_terms(text, language)).unwrap_or_default()
        };
        let title = terms(record.title_in(language));
        let body = terms(record.abstract_in(language));
        RecordText { language, title, body }
    }

    /// Title and abstract terms, in order (for phrases).
    pub fn sequence(&self) -> impl Iterator<Item = &str> + Clone + '_ {
        self.title.iter().chain(self.body.iter())
    }

    /// Each term of [`RecordText::sequence`] with the next.
    pub fn bigrams(&self) -> impl Iterator<Item = (&str, &str)> + '_ {
        self.sequence().zip(self.sequence().skip(1))
    }
}

/// The retrieval signals of a candidate, relative to the other candidates of the same proposal.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Retrieval {
    /// BM25 score of the text query (0 if found otherwise).
    pub score: f32,
    /// Rank in the text query's results (0-based).
    pub rank: Option<usize>,
    /// Best BM25 score among the candidates.
    pub best_score: f32,
    /// Rank in the plain query's results (0-based), if found by it.
    pub plain_rank: Option<usize>,
}

/// Computes the features of a pair.
pub fn compute_features(
    profile: &Profile,
    record: &Record,
    text: &RecordText,
    retrieval: Retrieval,
    weights: &TermWeights,
) -> Features {
    features_in(&Comparison::new(profile, weights), record, text, retrieval)
}

/// Computes the features of a pair, the proposal's terms numbered once for all its candidates
/// ([`Comparison`]).
pub(crate) fn features_in(
    comparison: &Comparison,
    record: &Record,
    text: &RecordText,
    retrieval: Retrieval,
) -> Features {
    let profile = comparison.profile();
    let language = text.language;
    let terms = TermOverlap::of(comparison, text);
    let committee = record.committee.as_ref();
    let own_committee = profile.committee.as_ref();
    let same_committee =
        matches!((committee, own_committee), (Some(a), Some(b)) if of_committee(a, b));
    let same_top =
        matches!((committee, own_committee), (Some(a), Some(b)) if a.top_level() == b.top_level());
    // The sketch is of the proposal's text as written: comparable when the record is compared
    // in the language most of it is written in (and the record's is computed only then).
    let near_duplicate = match &profile.sketch {
        Some(sketch) if language == profile.language => Sketch::from_parts(&text.title, &text.body)
            .map_or(0.0, |record| sketch.similarity(&record)),
        _ => 0.0,
    };
    Features {
        title_in_record_title: terms.title_in_record_title,
        record_title_in_title: terms.record_title_in_title,
        title_in_record: terms.title_in_record,
        body_in_record: terms.body_in_record,
        record_in_proposal: terms.record_in_proposal,
        shared_phrases: terms.shared_phrases,
        retrieval: if retrieval.best_score > 0.0 {
            (retrieval.score / retrieval.best_score).min(1.0)
        } else {
            0.0
        },
        retrieval_rank: retrieval.rank.map_or(0.0, |rank| 1.0 / (1.0 + rank as f32)),
        plain_rank: retrieval.plain_rank.map_or(0.0, |rank| 1.0 / (1.0 + rank as f32)),
        ics: ics_similarity(&profile.ics, &record.ics),
        same_committee: flag(same_committee),
        same_top_committee: flag(same_top),
        mentioned: flag(profile.mentioned_keys.contains(&record.key)),
        // The record's identifier is parsed only when the proposal names families at all.
        mentioned_family: flag(
            !profile.mentioned_families.is_empty()
                && profile.mentioned_families.contains(&nwip_corpus::docid::family_key(&record.id)),
        ),
        ongoing: flag(record.stage.lifecycle.is_ongoing()),
        historic: flag(record.stage.lifecycle.is_historic()),
        superseded: 0.0,
        near_duplicate,
        same_org: flag(
            profile.organisation.as_deref().is_some_and(|org| org_matches(org, &record.org)),
        ),
        has_abstract: flag(!record.abstracts.is_empty()),
        cross_lingual: flag(terms.cross_lingual),
        meaning: 0.0,
        title_meaning: 0.0,
        meaning_rank: 0.0,
        meaning_lead: 0.0,
        retrieval_lead: 0.0,
        title_meaning_lead: 0.0,
        title_lead: 0.0,
        body_lead: 0.0,
        record_body_lead: 0.0,
        record_title_lead: 0.0,
        near_duplicate_lead: 0.0,
        filed: flag(own_committee.is_some()),
        leads_read: false,
    }
}

/// Records an index needs for its candidates' leads to be read ([`leads`]): a document's lead
/// over the best other one is evidence where many records compete for a subject, as in the
/// world's catalogue the model is fitted on (345,000 records); in a small index the runner-up is
/// far behind by chance, and the bundled 48-record sample scored a perlite standard .88 for a
/// block-cipher proposal. Below this, leads are 0, as the fit's copies without leads see them.
pub const MIN_LEAD_RECORDS: u64 = 100_000;

/// A feature that has a lead: how to read it, where its lead goes, whether it needs word
/// vectors (its lead is 0 without them, as the feature is), and whether its rivals are only the
/// candidates of the same text query ([`Rivals`]).
pub(crate) type LeadOf = (fn(&Features) -> f32, fn(&mut Features) -> &mut f32, bool, Rivals);

/// Which candidates a candidate's lead is taken over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Rivals {
    /// Every other document's candidates.
    All,
    /// The other documents' candidates found by the same text query: `retrieval` is relative
    /// to its own query's best (the proposal's query, or the query carried into another
    /// language), so the best of each query is at 1 and a lead across the two would always
    /// be .5 or less for both.
    SameQuery,
}

/// The position of the first lead in [`Features::NAMES`]: the leads follow the features they
/// are leads of, and the features added after them follow the leads.
const FIRST_LEAD: usize = 24;

/// The features whose lead over the other documents is a feature too ([`leads`]).
pub(crate) const LEADS: [LeadOf; 8] = [
    (|f| f.meaning, |f| &mut f.meaning_lead, true, Rivals::All),
    (|f| f.title_meaning, |f| &mut f.title_meaning_lead, true, Rivals::All),
    (|f| f.retrieval, |f| &mut f.retrieval_lead, false, Rivals::SameQuery),
    (|f| f.title_in_record, |f| &mut f.title_lead, false, Rivals::All),
    (|f| f.body_in_record, |f| &mut f.body_lead, false, Rivals::All),
    (|f| f.record_in_proposal, |f| &mut f.record_body_lead, false, Rivals::All),
    (|f| f.record_title_in_title, |f| &mut f.record_title_lead, false, Rivals::All),
    (|f| f.near_duplicate, |f| &mut f.near_duplicate_lead, false, Rivals::All),
];

/// How far each candidate stands ahead of the best candidate of *another* document, as
/// `.5 + (value - best other) / 2` clamped to [0, 1], for values in [0, 1]: the document a
/// proposal duplicates often stands alone at the top, where siblings of one series crowd
/// together. Ranks say who is first; the lead says by how much, which a score that means a
/// probability needs. `documents` names each candidate's document (records of one document
/// share their pooled evidence and do not compete with each other). Ranking also keeps apart
/// a document and the one it replaced under another number (`lineage`), which do not compete
/// either.
///
/// ```
/// let leads = nwip_score::leads(&[0.9, 0.9, 0.5, 0.4], &["a", "a", "b", "c"]);
/// assert_eq!(leads, [0.7, 0.7, 0.3, 0.25]);
/// assert_eq!(nwip_score::leads(&[0.6], &["a"]), [0.8]);
/// ```
pub fn leads(values: &[f32], documents: &[&str]) -> Vec<f32> {
    debug_assert_eq!(values.len(), documents.len());
    leads_apart(values, |a, b| documents[a] != documents[b])
}

/// [`leads`] with the candidates each candidate stands against given by `apart` (positions in
/// `values`): each lead is `.5 + (value - best value apart from it) / 2`, clamped to [0, 1].
pub(crate) fn leads_apart(values: &[f32], apart: impl Fn(usize, usize) -> bool) -> Vec<f32> {
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_by(|&a, &b| values[b].total_cmp(&values[a]));
    (0..values.len())
        .map(|at| {
            // The best candidate apart from this one: the first apart in descending order.
            let other = order
                .iter()
                .find(|&&other| other != at && apart(at, other))
                .map_or(0.0, |&other| values[other]);
            (0.5 + 0.5 * (values[at] - other)).clamp(0.0, 1.0)
        })
        .collect()
}

/// Tells whether a proposer's organisation (`ISO`, `ISO/IEC`) covers a record's organisation.
pub fn org_matches(proposer: &str, record_org: &str) -> bool {
    proposer.split(['/', ' ']).any(|part| part.eq_ignore_ascii_case(record_org))
}

fn flag(value: bool) -> f32 {
    if value {
        1.0
    } else {
        0.0
    }
}

/// Tells whether a record of committee `record` is of the committee a proposal names: the same,
/// or one within the top-level committee the proposal names alone (a proposal of ISO/TC 34 is
/// of the same committee as a record of ISO/TC 34/SC 17; one of ISO/TC 34/SC 9 is not).
fn of_committee(record: &nwip_corpus::Committee, proposal: &nwip_corpus::Committee) -> bool {
    record.id == proposal.id
        || (proposal.id == proposal.top_level() && record.top_level() == proposal.id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use nwip_corpus::Committee;

    #[test]
    fn the_leads_set_exactly_the_lead_features() {
        let mut positions: Vec<usize> = LEADS
            .iter()
            .map(|(_, lead, _, _)| {
                let mut features = Features::default();
                *lead(&mut features) = 1.0;
                let values = features.to_vec();
                assert_eq!(values.iter().filter(|v| **v == 1.0).count(), 1);
                values.iter().position(|v| *v == 1.0).unwrap()
            })
            .collect();
        positions.sort_unstable();
        assert_eq!(positions, (FIRST_LEAD..FIRST_LEAD + LEADS.len()).collect::<Vec<_>>());
        assert_eq!(Features::lead_names().len(), LEADS.len());
        assert!(Features::lead_names().iter().all(|name| name.ends_with("_lead")));
        let filed = Features { filed: 1.0, ..Features::default() }.to_vec();
        assert_eq!(filed.iter().position(|v| *v == 1.0), Some(Features::FILED));
        assert_eq!(Features::NAMES[Features::FILED], "filed");
    }

    #[test]
    fn a_proposal_that_names_no_committee_is_told_from_one_of_another_committee() {
        let analyzer = nwip_text::Analyzer::new();
        let line = r#"{"docid":[{"id":"ISO 22000:2018","type":"ISO","primary":true}],
            "title":[{"content":"Food safety management systems","language":"en"}],
            "editorialgroup":{"technical_committee":[{"name":"ISO/TC 34/SC 17"}]}}"#;
        let record = Record::from_relaton_json(line).unwrap();
        let features = |committee: Option<&str>| {
            let proposal = nwip_corpus::Proposal {
                title: "Food safety management".into(),
                committee: committee.map(str::to_string),
                ..Default::default()
            };
            let profile = crate::Profile::from_proposal(&proposal, &analyzer);
            let text = RecordText::analyse(&record, profile.language, &[], &analyzer);
            let retrieval =
                Retrieval { score: 1.0, rank: Some(0), best_score: 1.0, plain_rank: None };
            compute_features(&profile, &record, &text, retrieval, &TermWeights::default())
        };
        let (unfiled, elsewhere, own) =
            (features(None), features(Some("ISO/TC 176")), features(Some("ISO/TC 34/SC 17")));
        assert_eq!((unfiled.filed, unfiled.same_committee), (0.0, 0.0));
        assert_eq!((elsewhere.filed, elsewhere.same_committee), (1.0, 0.0));
        assert_eq!((own.filed, own.same_committee), (1.0, 1.0));
    }

    #[test]
    fn a_subcommittee_is_of_the_technical_committee_a_proposal_names_alone() {
        let committee = |id: &str| Committee::parse("ISO", id);
        let sc17 = committee("ISO/TC 34/SC 17");
        assert!(of_committee(&sc17, &committee("ISO/TC 34")));
        assert!(of_committee(&sc17, &committee("ISO/TC 34/SC 17")));
        assert!(!of_committee(&sc17, &committee("ISO/TC 34/SC 9")));
        assert!(!of_committee(&committee("ISO/TC 34"), &committee("ISO/TC 34/SC 17")));
        assert!(!of_committee(&committee("ISO/TC 341"), &committee("ISO/TC 34")));
    }
}
