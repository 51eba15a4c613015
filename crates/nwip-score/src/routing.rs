//! Routing and liaison: which committees own the subject, which organisations and committees
//! outside the proposer's own have overlapping work, and a cross-check of what the proposal
//! declared (relevant documents, liaisons) against what was found.

use std::collections::BTreeMap;

use nwip_corpus::committee::FieldOwners;
use nwip_corpus::docid::{document_key, extract_identifiers, family_key};
use nwip_corpus::registry::{self, OrganisationKind};
use nwip_corpus::Record;
use nwip_text::analyze_terms;
use serde::Serialize;

use crate::features::org_matches;
use crate::overlap::Overlap;
use crate::profile::Profile;

/// A committee proposed as the owner of the subject.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CommitteeSuggestion {
    /// Normalised committee id (`ISO/TC 22/SC 37`).
    pub committee: String,
    /// Its organisation.
    pub org: String,
    /// Share of the vote, in [0, 1].
    pub confidence: f32,
    /// Overlapping records of this committee that voted.
    pub records: usize,
    /// Its documents filed under the proposal's ICS codes (summed over the codes).
    pub filed: usize,
    /// What the suggestion rests on, for a reader: `"3 documents near the subject, 31 under the
    /// proposal's ICS codes"` (from `records` and `filed`).
    pub grounds: String,
}

/// Says what a committee suggestion rests on (see [`CommitteeSuggestion::grounds`]).
fn grounds(records: usize, filed: usize) -> String {
    let count = |n: usize| if n == 1 { "1 document".to_string() } else { format!("{n} documents") };
    match (records, filed) {
        (0, filed) => format!("{} under the proposal's ICS codes", count(filed)),
        (records, 0) => format!("{} near the subject", count(records)),
        (records, filed) => {
            format!("{} near the subject, {filed} under the proposal's ICS codes", count(records))
        }
    }
}

/// An organisation (and committee) outside the proposer's own with overlapping work.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Liaison {
    /// Organisation.
    pub org: String,
    /// What kind of body it is, from the registry of organisations; an intergovernmental body
    /// (Codex, IMO, OIML, BIPM, IHO, ITU) is a liaison the proposer must say it has contacted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<OrganisationKind>,
    /// Committee, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub committee: Option<String>,
    /// The committee's title, when a catalogue gives it ("Codex Committee on Food Hygiene" for
    /// `Codex/CCFH`): whom to write to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub committee_name: Option<String>,
    /// Overlapping records.
    pub records: Vec<String>,
    /// The best overlap score.
    pub best_score: f32,
    /// Whether any of the overlapping records is ongoing work (most urgent).
    pub ongoing: bool,
    /// Whether the proposal already declares this liaison.
    pub declared: bool,
}

/// What the proposal declared that the check did or did not confirm.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct CrossCheck {
    /// Overlapping documents the proposal does not list among its relevant documents.
    pub undeclared_overlaps: Vec<String>,
    /// Documents the proposal lists that do not overlap with it.
    pub declared_not_overlapping: Vec<String>,
    /// Organisations with overlapping work that the proposal does not list as liaisons.
    pub missing_liaisons: Vec<String>,
}

/// The vote every overlap casts besides its relatedness, so that the committees of loosely related
/// records still count.
const VOTE_BASE: f32 = 0.25;

/// The weight of the field census (who owns documents under the proposal's ICS codes) in a
/// committee's confidence; the votes of the records near the subject weigh the rest. Half: the
/// two are independent witnesses, one of the words, one of the classification.
const FIELD_WEIGHT: f32 = 0.5;

/// Proposes the committees that own the subject, from two witnesses:
///
/// - the records near it: each of the `depth` overlaps of `home_org` (all organisations when
///   `None`) most related to the proposal ([`crate::Features::relatedness`]) votes for its
///   committee with a base vote (0.25) plus its relatedness, tripled more for a record filed
///   under the proposal's ICS codes, discounted by the square root of its rank;
/// - the field: `fields`, the committees owning documents under each of the proposal's ICS
///   codes (`IndexSearcher::committees_filed_under` in `nwip-index`), each with its share of
///   the code's documents of `home_org`, averaged over the codes.
///
/// A committee's confidence is its share of the votes and its share of the field, half each
/// (either alone when the other is empty).
///
/// ```
/// use nwip_corpus::committee::{FieldOwners, OwnedDocuments};
/// use nwip_score::suggest_committees;
/// let fireworks = FieldOwners {
///     ics: "71.100.30".into(),
///     committees: vec![
///         OwnedDocuments::new("ISO", "ISO/TC 264", 30),
///         OwnedDocuments::new("ISO", "ISO/TC 34/SC 3", 10),
///         OwnedDocuments::new("CEN", "CEN/TC 212", 12),
///     ],
/// };
/// let committees = suggest_committees(&[], Some("ISO"), 20, &[fireworks]);
/// assert_eq!(committees[0].committee, "ISO/TC 264");
/// assert_eq!(committees[0].confidence, 0.75);
/// assert_eq!(committees[0].filed, 30);
/// assert_eq!(committees.len(), 2, "CEN's committee is not ISO's to propose");
/// ```
pub fn suggest_committees(
    overlaps: &[Overlap],
    home_org: Option<&str>,
    depth: usize,
    fields: &[FieldOwners],
) -> Vec<CommitteeSuggestion> {
    let of_home = |org: &str| home_org.is_none_or(|home| org_matches(home, org));
    let mut votes: BTreeMap<String, Standing> = BTreeMap::new();
    // By relatedness, not score: the records near the subject, not only the one document that
    // covers it.
    let eligible = by_relatedness(overlaps)
        .into_iter()
        .filter(|(_, o)| of_home(&o.record.org))
        .filter(|(_, o)| o.record.committee.is_some())
        .take(depth);
    for (rank, (relatedness, overlap)) in eligible.enumerate() {
        let Some(committee) = &overlap.record.committee else { continue };
        // Every record near the top says something about who owns the subject, a confident one
        // more: the relatedness adds to a base vote (smoothing), and the rank discounts it. A record
        // filed under the proposal's own ICS codes says more: its committee works in that field.
        let vote = (VOTE_BASE + relatedness) * (1.0 + 3.0 * overlap.features.ics)
            / (1.0 + rank as f32).sqrt();
        let standing = votes
            .entry(committee.id.clone())
            .or_insert_with(|| Standing { org: overlap.record.org.clone(), ..Standing::default() });
        standing.vote += vote;
        standing.records += 1;
    }
    // The field: each code's documents of the home organisation, shared among their committees.
    let mut codes = 0;
    for field in fields {
        let owners: Vec<_> = field.committees.iter().filter(|c| of_home(&c.org)).collect();
        let documents: usize = owners.iter().map(|c| c.documents).sum();
        if documents == 0 {
            continue;
        }
        codes += 1;
        for owner in owners {
            let standing = votes
                .entry(owner.committee.clone())
                .or_insert_with(|| Standing { org: owner.org.clone(), ..Standing::default() });
            standing.field += owner.documents as f32 / documents as f32;
            standing.filed += owner.documents;
        }
    }
    let total: f32 = votes.values().map(|standing| standing.vote).sum();
    let field_weight = match (total > 0.0, codes > 0) {
        (true, true) => FIELD_WEIGHT,
        (false, true) => 1.0,
        _ => 0.0,
    };
    let mut suggestions: Vec<CommitteeSuggestion> = votes
        .into_iter()
        .map(|(committee, standing)| {
            let voted = if total > 0.0 { standing.vote / total } else { 0.0 };
            let field = if codes > 0 { standing.field / codes as f32 } else { 0.0 };
            CommitteeSuggestion {
                committee,
                org: standing.org,
                confidence: (1.0 - field_weight) * voted + field_weight * field,
                records: standing.records,
                filed: standing.filed,
                grounds: grounds(standing.records, standing.filed),
            }
        })
        .collect();
    suggestions.sort_by(|a, b| {
        b.confidence.total_cmp(&a.confidence).then_with(|| a.committee.cmp(&b.committee))
    });
    suggestions
}

/// A committee's standing in [`suggest_committees`]: the votes of the records near the subject
/// and its share of the proposal's field.
#[derive(Default)]
struct Standing {
    org: String,
    vote: f32,
    records: usize,
    field: f32,
    filed: usize,
}

/// Share of an intergovernmental text's title found in the proposal's title from which its body
/// is a liaison whatever the score: the score estimates whether a record is the document a
/// reviewer looks for (it is fitted on revisions), but whether an intergovernmental body (Codex,
/// IMO, OIML...) works on the subject is a question the proposer must answer either way.
const INTERGOVERNMENTAL_TITLE_SHARE: f32 = 0.5;

/// Score from which an intergovernmental text is a liaison: a partial overlap (the score from
/// which [`crate::classify`] calls a record `partial`), below the `min_score` other organisations'
/// records need. A Russian proposal that rewords ITU-T K.21 found it first at .497 without a
/// liaison: its title, carried from Russian, agreed on .07 of the record's, its meaning .40.
const INTERGOVERNMENTAL_SCORE: f32 = 0.25;

/// Terms an intergovernmental text's title must share with the proposal's title (its own words,
/// or their translations into the text's language) for the share to count: one word names no
/// subject. OIML's Bulletin lists its articles as records titled "INFORMATIONS" or "Réunions",
/// and through the bridge those words were the whole of a title "found" in any proposal titled
/// "Information technology - ..." or about a management system's meetings: a 5G architecture
/// and an HTTP semantics proposal were told to liaise with OIML (best score 0.00001 and
/// 0.00008); ITU-T's short titles did the same with one word ("Signal sender" for a shipboard
/// serial protocol, "Digital network echo cancellers" for a matrix barcode).
const INTERGOVERNMENTAL_SHARED_TERMS: usize = 2;

/// Lists the organisations and committees outside the proposer's own that have overlaps scoring at
/// least `min_score`, and the intergovernmental bodies whose texts overlap in part (scoring from
/// .25), share at least half their title with the proposal's or are among the records nearest its
/// subject with a close meaning: intergovernmental bodies first, then ongoing work, then by score.
pub fn liaisons(profile: &Profile, overlaps: &[Overlap], min_score: f32) -> Vec<Liaison> {
    let own = profile.organisation.as_deref();
    let mut groups: BTreeMap<(String, Option<String>), Liaison> = BTreeMap::new();
    let kind_of = |org: &str| registry::kind_of(org);
    let near = nearest_the_subject(overlaps, NEAR_SUBJECT_DEPTH);
    let intergovernmental_text = |o: &Overlap| {
        kind_of(&o.record.org) == Some(OrganisationKind::Intergovernmental)
            // A bulletin's pages report on work, they are not the body's texts, and their short
            // titles ("Travaux de l'OIML", "Pays en développement") share a word with many
            // proposals: a liaison only by their score.
            && !o.record.is_periodical_content()
            && (o.score >= INTERGOVERNMENTAL_SCORE
                || (o.features.record_title_in_title >= INTERGOVERNMENTAL_TITLE_SHARE
                    && shared_title_terms(profile, &o.record) >= INTERGOVERNMENTAL_SHARED_TERMS)
                || (o.features.meaning >= INTERGOVERNMENTAL_MEANING
                    && near.contains(&o.record.id.as_str())))
    };
    for overlap in overlaps.iter().filter(|o| o.score >= min_score || intergovernmental_text(o)) {
        let record = &overlap.record;
        if own.is_some_and(|org| org_matches(org, &record.org)) {
            continue;
        }
        let committee = record.committee.as_ref().map(|c| c.top_level().to_string());
        let declared = profile.declared_liaisons.iter().any(|l| {
            let l = l.to_ascii_uppercase();
            l.contains(&record.org.to_ascii_uppercase())
                || committee.as_ref().is_some_and(|c| l.contains(&c.to_ascii_uppercase()))
        });
        let entry =
            groups.entry((record.org.clone(), committee.clone())).or_insert_with(|| Liaison {
                org: record.org.clone(),
                kind: kind_of(&record.org),
                committee,
                committee_name: None,
                records: Vec::new(),
                best_score: 0.0,
                ongoing: false,
                declared,
            });
        if entry.committee_name.is_none() {
            // The title of the committee itself, not of one of its subcommittees.
            entry.committee_name = record
                .committee
                .as_ref()
                .filter(|c| c.top_level() == c.id)
                .and_then(|c| c.name.clone());
        }
        entry.records.push(record.id.clone());
        entry.best_score = entry.best_score.max(overlap.score);
        entry.ongoing |= record.stage.lifecycle.is_ongoing();
    }
    let mut list: Vec<Liaison> = groups.into_values().collect();
    list.sort_by(|a, b| {
        b.is_intergovernmental()
            .cmp(&a.is_intergovernmental())
            .then(b.ongoing.cmp(&a.ongoing))
            .then(b.best_score.total_cmp(&a.best_score))
    });
    list
}

/// How many of a check's records nearest the subject (by
/// [`Features::relatedness`](crate::Features::relatedness)) can make their intergovernmental body
/// a liaison whatever their score and title: the depth committee routing votes with.
const NEAR_SUBJECT_DEPTH: usize = 20;

/// Meanings' cosine from which an intergovernmental text among the records nearest the subject
/// is a liaison. A proposal that rewords ISO 22000 shares one title word with Codex's *General
/// Principles of Food Hygiene* (cosine .62, the Codex Committee on Food Hygiene) and three with
/// the *Guidelines for food import control systems* (.47): the title share named the import
/// control committee alone. Among the records nearest the subject, the meanings of the texts of
/// bodies unrelated to a proposal (OIML's prepackage labelling for a food safety proposal, ITU-T
/// IoT recommendations for a 5G architecture) are below .4. Over the 150 reworded proposals of
/// `../shared/eval/paraphrase.jsonl` (`scripts/liaison-recall.py`), the committee of the 18 whose
/// document is an intergovernmental text was named for 12 (11 with the title share alone), and
/// the other 132 were given 32 intergovernmental liaisons (29).
const INTERGOVERNMENTAL_MEANING: f32 = 0.5;

/// `overlaps` with their [`Features::relatedness`](crate::Features::relatedness), nearest the
/// subject first; ties by identifier, so the order does not depend on the index's record order.
fn by_relatedness(overlaps: &[Overlap]) -> Vec<(f32, &Overlap)> {
    let mut ranked: Vec<(f32, &Overlap)> =
        overlaps.iter().map(|o| (o.features.relatedness(), o)).collect();
    ranked.sort_by(|(a, x), (b, y)| b.total_cmp(a).then_with(|| x.record.id.cmp(&y.record.id)));
    ranked
}

/// The identifiers of the `depth` records of `overlaps` nearest the subject.
fn nearest_the_subject(overlaps: &[Overlap], depth: usize) -> Vec<&str> {
    by_relatedness(overlaps).into_iter().take(depth).map(|(_, o)| o.record.id.as_str()).collect()
}

/// The most terms one of `record`'s titles shares with the proposal's title, read in the title's
/// language (the proposal's own terms when it is the proposal's, else their translations) and
/// in the proposal's: a catalogue's label can be wrong (OIML's Spanish edition of R 79 carries
/// its English title as Spanish).
fn shared_title_terms(profile: &Profile, record: &Record) -> usize {
    let from = profile.title_language;
    let shared_in = |text: &str, language| {
        let mut terms = analyze_terms(text, language);
        terms.sort_unstable();
        terms.dedup();
        terms
            .iter()
            .filter(|term| {
                profile.title_terms.iter().any(|source| {
                    (language == from && source == *term)
                        || profile.translations(source, from, language).any(|b| &b.term == *term)
                })
            })
            .count()
    };
    record
        .titles
        .iter()
        .map(|title| shared_in(&title.text, title.language).max(shared_in(&title.text, from)))
        .max()
        .unwrap_or(0)
}

impl Liaison {
    /// Tells whether the organisation is an intergovernmental body.
    pub fn is_intergovernmental(&self) -> bool {
        self.kind == Some(OrganisationKind::Intergovernmental)
    }
}

/// Cross-checks the proposal's declared documents and liaisons against the overlaps found.
pub fn cross_check(profile: &Profile, overlaps: &[Overlap], min_score: f32) -> CrossCheck {
    // A declared entry may carry a title after its identifier ("ISO 6469-1, Electrically ...").
    let declared_ids: Vec<String> = profile
        .declared_documents
        .iter()
        .map(|d| extract_identifiers(d).into_iter().next().map_or_else(|| d.clone(), |id| id.raw))
        .collect();
    let declared_keys: Vec<String> = declared_ids.iter().map(|id| document_key(id)).collect();
    let declared_families: Vec<String> = declared_ids.iter().map(|id| family_key(id)).collect();
    let strong: Vec<&Overlap> = overlaps.iter().filter(|o| o.score >= min_score).collect();
    let undeclared_overlaps = strong
        .iter()
        .filter(|o| {
            !declared_keys.contains(&o.record.key)
                && !declared_families.contains(&family_key(&o.record.id))
        })
        .map(|o| o.record.id.clone())
        .collect();
    let declared_not_overlapping = declared_ids
        .iter()
        .zip(&declared_keys)
        .filter(|(_, key)| {
            !overlaps.iter().any(|o| o.score >= min_score * 0.5 && &o.record.key == *key)
        })
        .map(|(id, _)| id.clone())
        .collect();
    let missing_liaisons = liaisons(profile, overlaps, min_score)
        .into_iter()
        .filter(|l| !l.declared)
        .map(|l| match l.committee {
            Some(committee) => committee,
            None => l.org,
        })
        .collect();
    CrossCheck { undeclared_overlaps, declared_not_overlapping, missing_liaisons }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Evidence, Features, OverlapKind};
    use nwip_corpus::{LangText, Proposal, Record};
    use nwip_text::{Analyzer, Language};

    fn overlap(id: &str, kind: &str, committee: &str, score: f32) -> Overlap {
        let line = format!(
            r#"{{"docidentifier":[{{"content":"{id}","type":"{kind}","primary":true}}],
               "title":[{{"content":"t","language":"en"}}],
               "ext":{{"editorialgroup":{{"technical_committee":[{{"content":"{committee}"}}]}}}}}}"#
        );
        Overlap {
            record: Record::from_relaton_json(&line).unwrap(),
            score,
            kind: OverlapKind::Partial,
            direction: None,
            features: Features::default(),
            evidence: Evidence::default(),
            document: None,
            also: Vec::new(),
        }
    }

    #[test]
    fn committees_are_voted_for_by_how_close_their_records_are_not_by_score() {
        let mut overlaps = [
            overlap("ISO 22000:2018", "ISO", "ISO/TC 34/SC 17", 0.9),
            overlap("ISO 22002-1:2009", "ISO", "ISO/TC 34/SC 17", 0.1),
            overlap("ISO 9001:2015", "ISO", "ISO/TC 176/SC 2", 0.95),
        ];
        for (overlap, (retrieval, meaning)) in
            overlaps.iter_mut().zip([(1.0, 0.8), (0.9, 0.7), (0.2, 0.3)])
        {
            overlap.features.retrieval = retrieval;
            overlap.features.meaning = meaning;
        }
        let suggestions = suggest_committees(&overlaps, Some("ISO"), 10, &[]);
        assert_eq!(suggestions[0].committee, "ISO/TC 34/SC 17");
        assert_eq!(suggestions[0].records, 2);
        assert!(suggestions[0].confidence > 0.7, "{suggestions:?}");
        // other organisations' records do not vote for the proposer's own committees
        assert!(suggest_committees(&overlaps, Some("IEC"), 10, &[]).is_empty());
    }

    #[test]
    fn the_field_of_the_proposals_ics_codes_weighs_half_of_a_committees_confidence() {
        use nwip_corpus::committee::{FieldOwners, OwnedDocuments};
        // The words find food-analysis records (chromatography); the classification says
        // fireworks: the committee owning the field comes first, the one the words found stays.
        let mut overlaps = [
            overlap("ISO 22000:2018", "ISO", "ISO/TC 34/SC 3", 0.4),
            overlap("ISO 14451-2:2013", "ISO", "ISO/TC 264", 0.3),
        ];
        overlaps[0].features.retrieval = 0.8;
        overlaps[1].features.retrieval = 0.4;
        let fields = [
            FieldOwners {
                ics: "71.100.30".into(),
                committees: vec![
                    OwnedDocuments::new("ISO", "ISO/TC 264", 9),
                    OwnedDocuments::new("ISO", "ISO/TC 34/SC 3", 1),
                    OwnedDocuments::new("IEC", "IEC/TC 31", 40),
                ],
            },
            // a code no document of the home organisation carries does not dilute the others
            FieldOwners { ics: "71.100.99".into(), committees: Vec::new() },
        ];
        let suggestions = suggest_committees(&overlaps, Some("ISO"), 10, &fields);
        let names: Vec<&str> = suggestions.iter().map(|s| s.committee.as_str()).collect();
        assert_eq!(names, ["ISO/TC 264", "ISO/TC 34/SC 3"]);
        assert_eq!((suggestions[0].records, suggestions[0].filed), (1, 9));
        assert_eq!(
            suggestions[0].grounds,
            "1 document near the subject, 9 under the proposal's ICS codes"
        );
        let total: f32 = suggestions.iter().map(|s| s.confidence).sum();
        assert!((total - 1.0).abs() < 1e-5, "confidences share one: {suggestions:?}");
        let without_field = suggest_committees(&overlaps, Some("ISO"), 10, &[]);
        assert_eq!(without_field[0].committee, "ISO/TC 34/SC 3");
        assert_eq!(without_field[0].filed, 0);
    }

    #[test]
    fn intergovernmental_bodies_are_named_and_listed_first() {
        let proposal = Proposal::from_json(
            r#"{"title":"Labelling of prepackaged foods","organisation":"ISO"}"#,
        )
        .unwrap();
        let profile = Profile::from_proposal(&proposal, &Analyzer::new());
        let overlaps = [
            overlap("ETSI EN 300 328", "ETSI", "Radio (ERM)", 0.9),
            overlap("CXS 1-1985", "Codex", "Codex Committee on Food Labelling (CCFL)", 0.6),
            overlap("ISO 22000:2018", "ISO", "Food products (TC34)", 0.95),
        ];
        let mut overlaps = overlaps;
        // a Codex text sharing little of its title, with a low score, is no liaison
        overlaps[1].features.record_title_in_title = 0.2;
        overlaps[1].score = 0.1;
        assert_eq!(liaisons(&profile, &overlaps, 0.5).len(), 1);
        // the same text sharing most of its title is, whatever its score
        overlaps[1].features.record_title_in_title = 0.6;
        overlaps[1].record.titles = vec![LangText::new(
            Language::English,
            "General Standard for the Labelling of Prepackaged Foods",
        )];
        let list = liaisons(&profile, &overlaps, 0.5);
        let orgs: Vec<&str> = list.iter().map(|l| l.org.as_str()).collect();
        assert_eq!(orgs, ["Codex", "ETSI"], "the proposer's own ISO is no liaison");
        assert!(list[0].is_intergovernmental());
        assert_eq!(list[0].kind, Some(OrganisationKind::Intergovernmental));
        assert_eq!(list[0].committee.as_deref(), Some("Codex/CCFL"));
        assert_eq!(list[1].kind, Some(OrganisationKind::Regional));
        let json = serde_json::to_value(&list[0]).unwrap();
        assert_eq!(json["kind"], "intergovernmental");
        // a one-word title is all "found" in any title with that word: no subject, no liaison
        let mut bulletin = overlap("OIML Bulletin 1960-01-18", "OIML", "", 0.0001);
        bulletin.record.titles = vec![LangText::new(Language::French, "INFORMATIONS")];
        bulletin.features.record_title_in_title = 1.0;
        assert!(liaisons(&profile, &[bulletin.clone()], 0.5).is_empty());
        // nor is a bulletin's article, whatever its title
        bulletin.record.titles =
            vec![LangText::new(Language::English, "Labelling of prepackaged foods in bulk")];
        bulletin.record.doctype = "article".into();
        assert!(liaisons(&profile, &[bulletin.clone()], 0.5).is_empty());
        bulletin.record.doctype = "recommendation".into();
        assert_eq!(liaisons(&profile, &[bulletin], 0.5).len(), 1);
    }

    #[test]
    fn an_intergovernmental_text_overlapping_in_part_is_a_liaison() {
        let proposal = Proposal::from_json(
            r#"{"title":"Защищенность оконечного оборудования от грозовых воздействий","organisation":"ISO"}"#,
        )
        .unwrap();
        let profile = Profile::from_proposal(&proposal, &Analyzer::new());
        // Its title carried from Russian agrees little, its meaning is not close: the score alone.
        let mut overlaps = [
            overlap("ITU-T K.21 (07/2026)", "ITU-T", "ITU-T/SG 5", 0.497),
            overlap("IEC 61643-21:2000", "IEC", "IEC/SC 37A", 0.3),
        ];
        overlaps[0].features.record_title_in_title = 0.07;
        overlaps[0].features.meaning = 0.4;
        let list = liaisons(&profile, &overlaps, 0.5);
        let named: Vec<&str> = list.iter().filter_map(|l| l.committee.as_deref()).collect();
        assert_eq!(named, ["ITU-T/SG 5"], "a partial overlap elsewhere needs the usual score");
        overlaps[0].score = 0.2;
        assert!(liaisons(&profile, &overlaps, 0.5).is_empty(), "a related text is no liaison");
    }

    #[test]
    fn an_intergovernmental_text_near_the_subject_in_meaning_is_a_liaison() {
        let proposal = Proposal::from_json(
            r#"{"title":"Requirements for hazard control systems in food production","organisation":"ISO"}"#,
        )
        .unwrap();
        let profile = Profile::from_proposal(&proposal, &Analyzer::new());
        let near = |id: &str, org: &str, committee: &str, relatedness: f32, meaning: f32| {
            let mut line = overlap(id, org, committee, 0.01);
            line.features.retrieval = 2.0 * relatedness - meaning;
            line.features.meaning = meaning;
            line
        };
        let hygiene =
            near("CXC 1-1969", "Codex", "Codex Committee on Food Hygiene (CCFH)", 0.68, 0.62);
        let mut overlaps = vec![
            near("ISO 22000:2018", "ISO", "ISO/TC 34/SC 17", 0.9, 0.67),
            hygiene.clone(),
            near("OIML R 79:2015", "OIML", "OIML/TC 6", 0.53, 0.06),
        ];
        let listed = |overlaps: &[Overlap]| -> Vec<String> {
            liaisons(&profile, overlaps, 0.5).into_iter().filter_map(|l| l.committee).collect()
        };
        // Near the subject and close in meaning; near by its words alone is not enough.
        assert_eq!(listed(&overlaps), ["Codex/CCFH"]);
        // Named by its title when a record gives it.
        overlaps[1].record.committee = Some(
            nwip_corpus::committee::Committee::parse("Codex", "CCFH")
                .with_name("Codex Committee on Food Hygiene"),
        );
        let list = liaisons(&profile, &overlaps, 0.5);
        assert_eq!(list[0].committee.as_deref(), Some("Codex/CCFH"));
        assert_eq!(list[0].committee_name.as_deref(), Some("Codex Committee on Food Hygiene"));
        // Not among the records nearest the subject: no liaison.
        overlaps.extend(
            (0..NEAR_SUBJECT_DEPTH)
                .map(|n| near(&format!("ISO {n}"), "ISO", "ISO/TC 34", 0.8, 0.6)),
        );
        assert!(listed(&overlaps).is_empty());
        // Nor a text whose meaning is not close, wherever it stands.
        let mut far = hygiene;
        far.features.meaning = 0.3;
        assert!(listed(&[far]).is_empty());
    }
}
