//! Lineages: documents that replaced one another under different numbers.
//!
//! A catalogue gives every edition of a document one number, but a subject sometimes moves to a
//! new number: ISO 48-4 replaced ISO 7619-1, ISO 13616-1 the undivided ISO 13616, ISO 12100 ISO
//! 14121-1. The records say so in their relations (Relaton `obsoletes`, `updates` and their
//! inverses). Two such documents describe one subject: ranking does not let one hold the
//! other's lead down ([`crate::leads`]), and a report says which line replaced which
//! ([`note_lineages`]).

use rustc_hash::FxHashMap;

use nwip_corpus::identity::document_of;
use nwip_corpus::{Relation, RelationKind};

use crate::overlap::{Candidate, Overlap};

/// The lineage of each candidate's document among the candidates, named by one of its
/// documents.
pub(crate) fn of_candidates(candidates: &[Candidate]) -> Vec<String> {
    let documents: Vec<(&str, &[Relation])> = candidates
        .iter()
        .map(|c| (c.record.document_or_id(), c.record.relations.as_slice()))
        .collect();
    Lineages::of(&documents).names()
}

/// Notes in the evidence of each report line whose document replaced, or was replaced by, the
/// document of another line (see the module documentation) which line that is: "ISO
/// 48-4:2018 (line 1) replaced it" ([`crate::Evidence::lineage`]). The newer of the two is the one with the later date (a
/// line without a date is said to be of one lineage with the other). `lines` are one per
/// document, in report order.
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
    let documents: Vec<(&str, &[Relation])> = lines
        .iter()
        .map(|line| (line.record.document_or_id(), line.record.relations.as_slice()))
        .collect();
    let mut lineages = Lineages::of(&documents);
    let roots: Vec<usize> = (0..lines.len()).map(|at| lineages.root_of_line(at)).collect();
    let notes: Vec<Vec<String>> = (0..lines.len())
        .map(|at| {
            (0..lines.len())
                .filter(|&other| {
                    other != at
                        && roots[other] == roots[at]
                        && lines[other].record.document_or_id() != lines[at].record.document_or_id()
                })
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

/// Union-find over documents, joined by their records' replacement relations.
struct Lineages<'a> {
    /// Each item's position among the distinct documents.
    positions: Vec<usize>,
    /// The distinct documents, in order of first appearance.
    names: Vec<&'a str>,
    parent: Vec<usize>,
}

impl<'a> Lineages<'a> {
    /// Joins the documents of `items` (a document and its record's relations, one per item;
    /// a document may appear more than once) whose relations name one another.
    fn of(items: &[(&'a str, &[Relation])]) -> Lineages<'a> {
        let mut position: FxHashMap<&'a str, usize> = FxHashMap::default();
        let mut names = Vec::new();
        let positions: Vec<usize> = items
            .iter()
            .map(|&(document, _)| {
                *position.entry(document).or_insert_with(|| {
                    names.push(document);
                    names.len() - 1
                })
            })
            .collect();
        let mut lineages = Lineages { positions, parent: (0..names.len()).collect(), names };
        for &(document, relations) in items {
            for relation in relations {
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
                let target = document_of(&relation.target);
                if let Some(&other) = position.get(target.as_str()) {
                    let (a, b) = (lineages.root(position[document]), lineages.root(other));
                    lineages.parent[a.max(b)] = a.min(b);
                }
            }
        }
        lineages
    }

    fn root(&mut self, mut at: usize) -> usize {
        while self.parent[at] != at {
            self.parent[at] = self.parent[self.parent[at]];
            at = self.parent[at];
        }
        at
    }

    /// The lineage root of the item at `at`.
    fn root_of_line(&mut self, at: usize) -> usize {
        self.root(self.positions[at])
    }

    /// Each item's lineage, named by its first document.
    fn names(mut self) -> Vec<String> {
        (0..self.positions.len())
            .map(|at| {
                let root = self.root_of_line(at);
                self.names[root].to_string()
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::leads;
    use crate::overlap::Signals;
    use nwip_corpus::Record;

    #[test]
    fn a_document_and_the_one_it_replaced_under_another_number_are_one_lineage() {
        let candidate = |id: &str, relations: &str| {
            let line = format!(
                r#"{{"docid":[{{"id":"{id}","type":"ISO","primary":true}}],"title":[{{"content":"Rubber - Hardness","language":"en"}}],"relation":[{relations}]}}"#
            );
            Candidate::new(Record::from_relaton_json(&line).unwrap(), Signals::default())
        };
        let replaces = |id: &str| {
            format!(
                r#"{{"type":"obsoletes","bibitem":{{"docid":[{{"id":"{id}","type":"ISO"}}]}}}}"#
            )
        };
        let candidates = vec![
            candidate("ISO 48-4:2018", &replaces("ISO 7619-1:2010")),
            candidate("ISO 7619-1:2004", ""),
            candidate("ISO 7619-2:2010", ""),
            // A relation to a document that is not a candidate links nothing.
            candidate("ISO 868:2003", &replaces("ISO 868:1985")),
        ];
        let lineages = of_candidates(&candidates);
        assert_eq!(lineages[0], lineages[1], "{lineages:?}");
        assert_ne!(lineages[0], lineages[2], "{lineages:?}");
        assert_eq!(lineages[3], "iso 868");
        // So the two do not hold each other's lead down.
        let values = [0.9, 0.85, 0.4, 0.1];
        let names: Vec<&str> = lineages.iter().map(String::as_str).collect();
        let ahead = leads(&values, &names);
        assert!(ahead[0] > 0.7 && ahead[1] > 0.7, "{ahead:?}");
    }
}
