//! Lineages: documents that replaced one another under different numbers.
//!
//! A catalogue gives every edition of a document one number, but a subject sometimes moves to a
//! new number: ISO 48-4 replaced ISO 7619-1, ISO 13616-1 the undivided ISO 13616, ISO 12100 ISO
//! 14121-1. The records say so in their relations (Relaton `obsoletes`, `updates` and their
//! inverses). Two such documents describe one subject: ranking does not let one hold the
//! other's lead down ([`crate::leads`]), and a report says which line replaced which
//! ([`note_lineages`]). Only direct relations count: ISO 48-4 and ISO 48-5, which replaced the
//! two parts of ISO 7619, are no kin.

use rustc_hash::{FxHashMap, FxHashSet};

use nwip_corpus::{Record, RelationKind};

use crate::overlap::{Candidate, Overlap};

/// The documents of some candidates or report lines and which of them replaced one another.
pub(crate) struct Kin {
    /// Each item's position among the distinct documents.
    positions: Vec<usize>,
    /// Pairs of document positions (smaller first) one of which replaced the other.
    replaced: FxHashSet<(usize, usize)>,
}

impl Kin {
    /// The kin of the documents of `records` (one item per record; a document may have
    /// several). Only relations between the records' own documents count: two parts that
    /// replaced one older document are not each other's kin.
    fn of<'a>(records: impl IntoIterator<Item = &'a Record>) -> Kin {
        let records: Vec<&Record> = records.into_iter().collect();
        let mut position: FxHashMap<&str, usize> = FxHashMap::default();
        let positions: Vec<usize> = records
            .iter()
            .map(|record| {
                let next = position.len();
                *position.entry(record.document_or_id()).or_insert(next)
            })
            .collect();
        let mut replaced = FxHashSet::default();
        for (record, &mine) in records.iter().zip(&positions) {
            for relation in &record.relations {
                let replaces = matches!(
                    relation.kind,
                    RelationKind::Obsoletes
                        | RelationKind::ObsoletedBy
                        | RelationKind::Updates
                        | RelationKind::UpdatedBy
                );
                if !replaces {
                    continue;
                }
                if let Some(&theirs) = position.get(relation.document().as_ref()) {
                    if theirs != mine {
                        replaced.insert((mine.min(theirs), mine.max(theirs)));
                    }
                }
            }
        }
        Kin { positions, replaced }
    }

    /// Tells whether items `a` and `b` are of one document.
    pub(crate) fn same_document(&self, a: usize, b: usize) -> bool {
        self.positions[a] == self.positions[b]
    }

    /// Tells whether the document of item `a` replaced that of item `b`, or the other way.
    pub(crate) fn replaced(&self, a: usize, b: usize) -> bool {
        let (a, b) = (self.positions[a], self.positions[b]);
        !self.replaced.is_empty() && self.replaced.contains(&(a.min(b), a.max(b)))
    }

    /// Tells whether items `a` and `b` compete: of different documents, neither of which
    /// replaced the other.
    pub(crate) fn apart(&self, a: usize, b: usize) -> bool {
        !self.same_document(a, b) && !self.replaced(a, b)
    }
}

/// The kin of the candidates' documents.
pub(crate) fn of_candidates(candidates: &[Candidate]) -> Kin {
    Kin::of(candidates.iter().map(|candidate| &candidate.record))
}

/// Notes in the evidence of each report line whose document replaced, or was replaced by, the
/// document of another line (see the module documentation) which line that is: "ISO
/// 48-4:2018 (line 1) replaced it" ([`crate::Evidence::lineage`]). The newer of the two is the
/// one with the later date (a line without a date is said to be of one lineage with the
/// other). `lines` are one per document, in report order.
///
/// ```
/// use nwip_corpus::{Proposal, Record};
/// use nwip_score::{note_lineages, rank, Candidate, Model, Profile, Signals, TermWeights};
/// let candidate = |id: &str, date: &str, relations: &str| {
///     let line = format!(
///         r#"{{"docid":[{{"id":"{id}","type":"ISO","primary":true}}],
///             "date":[{{"type":"published","value":"{date}"}}],
///             "title":[{{"content":"Rubber - Hardness","language":"en"}}],"relation":[{relations}]}}"#
///     );
///     Candidate::new(Record::from_relaton_json(&line).unwrap(), Signals::default())
/// };
/// let replaced = r#"{"type":"obsoletes","bibitem":{"docid":[{"id":"ISO 7619-1:2010","type":"ISO"}]}}"#;
/// let candidates = vec![
///     candidate("ISO 48-4:2018", "2018-08-01", replaced),
///     candidate("ISO 7619-1:2010", "2010-12-01", ""),
/// ];
/// let analyzer = nwip_text::Analyzer::new();
/// let proposal = Proposal { title: "Hardness of rubber".into(), ..Default::default() };
/// let profile = Profile::from_proposal(&proposal, &analyzer);
/// let weights = TermWeights::default();
/// let mut lines = rank(&profile, candidates, &weights, &Model::prior(), &analyzer);
/// lines.sort_by_key(|line| line.record.id != "ISO 48-4:2018");
/// note_lineages(&mut lines);
/// assert_eq!(lines[0].evidence.lineage, ["replaced ISO 7619-1:2010 (line 2)"]);
/// assert_eq!(lines[1].evidence.lineage, ["ISO 48-4:2018 (line 1) replaced it"]);
/// ```
pub fn note_lineages(lines: &mut [Overlap]) {
    let kin = Kin::of(lines.iter().map(|line| &line.record));
    let notes: Vec<Vec<String>> = (0..lines.len())
        .map(|at| {
            (0..lines.len())
                .filter(|&other| kin.replaced(at, other))
                .map(|other| {
                    let (mine, theirs) = (&lines[at].record, &lines[other].record);
                    let named = format!("{} (line {})", theirs.id, other + 1);
                    match (mine.date.as_deref(), theirs.date.as_deref()) {
                        (Some(mine), Some(theirs)) if mine > theirs => format!("replaced {named}"),
                        (Some(mine), Some(theirs)) if mine < theirs => {
                            format!("{named} replaced it")
                        }
                        _ => format!("one lineage with {named}"),
                    }
                })
                .collect()
        })
        .collect();
    for (line, notes) in lines.iter_mut().zip(notes) {
        line.evidence.lineage = notes;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::leads_apart;
    use crate::overlap::Signals;

    #[test]
    fn a_document_and_the_one_it_replaced_under_another_number_do_not_compete() {
        let candidate = |id: &str, replaced: &[&str]| {
            let relations: Vec<String> = replaced
                .iter()
                .map(|id| {
                    format!(r#"{{"type":"obsoletes","bibitem":{{"docid":[{{"id":"{id}","type":"ISO"}}]}}}}"#)
                })
                .collect();
            let line = format!(
                r#"{{"docid":[{{"id":"{id}","type":"ISO","primary":true}}],"title":[{{"content":"Rubber - Hardness","language":"en"}}],"relation":[{}]}}"#,
                relations.join(",")
            );
            Candidate::new(Record::from_relaton_json(&line).unwrap(), Signals::default())
        };
        let candidates = vec![
            candidate("ISO 48-4:2018", &["ISO 7619-1:2010"]),
            candidate("ISO 7619-1:2004", &["ISO 7619:1997"]),
            candidate("ISO 48-5:2018", &["ISO 7619-2:2010"]),
            candidate("ISO 7619-2:2010", &["ISO 7619:1997"]),
            candidate("ISO 7619:1997", &[]),
            // A relation to a document that is not a candidate links nothing.
            candidate("ISO 868:2003", &["ISO 868:1985"]),
            candidate("ISO 48-4:2018/Amd 1", &[]),
        ];
        let kin = of_candidates(&candidates);
        assert!(kin.same_document(0, 6) && !kin.apart(0, 6));
        assert!(kin.replaced(0, 1) && kin.replaced(1, 0) && !kin.apart(0, 1));
        assert!(kin.replaced(1, 4) && kin.replaced(3, 4));
        // Two parts that replaced one older document, and their successors, still compete.
        assert!(kin.apart(1, 3) && kin.apart(0, 2) && kin.apart(0, 4));
        assert!(kin.apart(5, 0) && !kin.replaced(5, 5));
        // So a successor's lead is not held down by what it replaced, but by its sibling's.
        let values = [0.9, 0.88, 0.5, 0.4, 0.3, 0.1, 0.9];
        let ahead = leads_apart(&values, |a, b| kin.apart(a, b));
        assert!((ahead[0] - 0.7).abs() < 1e-6, "{ahead:?}");
        assert!((ahead[1] - 0.69).abs() < 1e-6, "{ahead:?}");
    }
}
