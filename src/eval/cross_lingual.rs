//! A cross-lingual development set derived from the corpus itself.
//!
//! A query is the text of one record in language `from` (its title, and its abstract when it has
//! one in that language), written as a proposal without a declared language, so detection is
//! exercised too. The relevant records are its *twins*: other records of the same document (same
//! document key: other editions, the IEC or ITU-T record of an ISO/IEC text, and records that say
//! they adopt it or are identical to it) that have text in `to` and **none** in `from`, so they
//! can only be found across languages. The query record itself and every twin that has text in
//! `from` are excluded from the results, and a twin that leaving them out leaves out too (an
//! undated entry or draft of the same project, such as IALA's French version of an English
//! record) is not relevant, since no check could find it. A record whose title names nothing but
//! itself once its identifier is stripped ("OIML Recommendation 33") and that has no abstract
//! gives no query. When `from == to` the set measures matching within one
//! language instead (other editions of the same document, query record excluded).
//!
//! [`mixed_language_set`] writes the same queries with the title in `from` and the scope in `to`
//! (a French title over an English scope), to measure per-section language analysis.
//!
//! Sampling is deterministic: candidates are ordered by a hash of their identifier and title, and
//! the first `sample` are kept.

use std::collections::{HashMap, HashSet};

use nwip_corpus::docid::{document_key, DocId};
use nwip_corpus::{Proposal, Record, RelationKind};
use nwip_text::{hash_str, Language};

use crate::eval::{EvalQuery, EvalSet};

/// Builds the `from` → `to` development set of `records` with at most `sample` queries.
///
/// ```
/// use nwip::eval::cross_lingual::cross_lingual_set;
/// use nwip::text::Language;
/// let lines = [
///     r#"{"docid":[{"id":"ISO 8124-1:2018","type":"ISO","primary":true}],"title":[{"content":"Safety of toys","language":"en"},{"content":"Sécurité des jouets","language":"fr"}]}"#,
///     r#"{"docid":[{"id":"ISO 8124-1:2022","type":"ISO","primary":true}],"title":[{"content":"Safety of toys - Part 1","language":"en"}]}"#,
/// ];
/// let records: Vec<_> = lines.iter().map(|l| nwip::Record::from_relaton_json(l).unwrap()).collect();
/// let set = cross_lingual_set(&records, Language::French, Language::English, 10);
/// assert_eq!(set.queries.len(), 1);
/// assert_eq!(set.queries[0].query.title, "Sécurité des jouets");
/// assert_eq!(set.queries[0].relevant, ["ISO 8124-1:2022"]);
/// assert_eq!(set.queries[0].exclude, ["ISO 8124-1:2018"]);
/// ```
pub fn cross_lingual_set(
    records: &[Record],
    from: Language,
    to: Language,
    sample: usize,
) -> EvalSet {
    derive(records, from, to, from, sample)
}

/// Builds the mixed-language set: proposals with a title in `from` over a scope in `to` (the
/// record's own abstract in `to`; records without one are left out), relevant twins as in
/// [`cross_lingual_set`]. It measures the analysis of each section in its own language.
///
/// ```
/// use nwip::eval::cross_lingual::mixed_language_set;
/// use nwip::text::Language;
/// let lines = [
///     r#"{"docid":[{"id":"ISO 8124-1:2018","type":"ISO","primary":true}],"title":[{"content":"Safety of toys","language":"en"},{"content":"Sécurité des jouets","language":"fr"}],"abstract":[{"content":"Specifies safety requirements for toys.","language":"en"}]}"#,
///     r#"{"docid":[{"id":"ISO 8124-1:2022","type":"ISO","primary":true}],"title":[{"content":"Safety of toys - Part 1","language":"en"}]}"#,
/// ];
/// let records: Vec<_> = lines.iter().map(|l| nwip::Record::from_relaton_json(l).unwrap()).collect();
/// let set = mixed_language_set(&records, Language::French, Language::English, 10);
/// assert_eq!(set.queries[0].query.title, "Sécurité des jouets");
/// assert_eq!(set.queries[0].query.scope, "Specifies safety requirements for toys.");
/// assert_eq!(set.queries[0].relevant, ["ISO 8124-1:2022"]);
/// ```
pub fn mixed_language_set(
    records: &[Record],
    from: Language,
    to: Language,
    sample: usize,
) -> EvalSet {
    let mut set = derive(records, from, to, to, sample);
    set.name = format!("mixed-{from}-{to}");
    set
}

/// Derives a set of queries titled in `from`, with the record's abstract in `scope_in` (required
/// when it is not `from`), against twins findable only in `to`.
fn derive(
    records: &[Record],
    from: Language,
    to: Language,
    scope_in: Language,
    sample: usize,
) -> EvalSet {
    let keys_of = |record: &Record| -> Vec<String> {
        let mut keys = vec![record.key.clone()];
        keys.extend(record.alt_ids.iter().map(|id| document_key(id)));
        for relation in &record.relations {
            let twin = matches!(
                relation.kind,
                RelationKind::AdoptedFrom | RelationKind::AdoptedAs | RelationKind::Identical
            );
            if twin {
                keys.push(document_key(&relation.target));
            }
        }
        keys.retain(|k| !k.is_empty());
        keys.sort_unstable();
        keys.dedup();
        keys
    };
    let mut by_key: HashMap<String, Vec<usize>> = HashMap::new();
    let record_keys: Vec<Vec<String>> = records.iter().map(keys_of).collect();
    for (index, keys) in record_keys.iter().enumerate() {
        for key in keys {
            by_key.entry(key.clone()).or_default().push(index);
        }
    }
    let has_text = |record: &Record, language: Language| {
        record.title_in(language).is_some() || record.abstract_in(language).is_some()
    };
    // An identifier any of whose records has text in `from` can be found in `from`: not a
    // cross-lingual target.
    let ids_with_from: HashSet<&str> =
        records.iter().filter(|r| has_text(r, from)).map(|r| r.id.as_str()).collect();
    let mut candidates: Vec<(u64, EvalQuery)> = Vec::new();
    let mut titles_seen: HashSet<String> = HashSet::new();
    for (index, record) in records.iter().enumerate() {
        let Some(title) = record.title_in(from) else { continue };
        let mut twins: Vec<usize> = record_keys[index]
            .iter()
            .filter_map(|key| by_key.get(key))
            .flatten()
            .copied()
            .filter(|&other| other != index)
            .collect();
        twins.sort_unstable();
        twins.dedup();
        let mut relevant: Vec<String> = Vec::new();
        let mut exclude: Vec<String> = vec![record.id.clone()];
        for &other in &twins {
            let twin = &records[other];
            let findable = if from == to {
                twin.title_in(to).is_some()
            } else {
                twin.title_in(to).is_some() && !ids_with_from.contains(twin.id.as_str())
            };
            if findable {
                push_unique(&mut relevant, &twin.id);
            } else {
                push_unique(&mut exclude, &twin.id);
            }
        }
        relevant.retain(|id| id != &record.id);
        // Leaving a record out of a check leaves out its project's undated entries and drafts
        // too (`IALA R0201 Ed 3.1 (F)` goes with the English `(E)` it translates): such a twin
        // cannot be found.
        let left_out: HashSet<String> = exclude.iter().map(|id| document_key(id)).collect();
        relevant.retain(|id| {
            DocId::parse(id).is_none_or(|parsed| {
                !parsed.is_project_entry() || !left_out.contains(&parsed.document_key())
            })
        });
        exclude.retain(|id| !relevant.contains(id));
        let scope = record.abstract_in(scope_in);
        if relevant.is_empty()
            || (scope_in != from && scope.is_none())
            || !titles_seen.insert(title.to_lowercase())
        {
            continue;
        }
        let query = Proposal {
            title: strip_identifiers(title),
            scope: strip_identifiers(scope.unwrap_or_default()),
            ..Proposal::default()
        };
        if query.scope.is_empty() && names_no_subject(&query.title, record) {
            continue;
        }
        let order = hash_str(&format!("{}|{title}", record.id));
        let prefix = if scope_in == from { String::new() } else { "mixed-".to_string() };
        candidates.push((
            order,
            EvalQuery {
                qid: format!("{prefix}{from}-{to}:{}", record.id),
                query,
                relevant,
                relevant_committee: None,
                exclude,
            },
        ));
    }
    candidates.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.qid.cmp(&b.1.qid)));
    candidates.truncate(sample);
    EvalSet {
        name: format!("cross-lingual-{from}-{to}"),
        queries: candidates.into_iter().map(|(_, q)| q).collect(),
    }
}

/// Removes identifiers ("CEI 62541-7:2012", "ISO/IEC 8859-6") from a text, as the shared
/// evaluation sets do: a query must be found by its subject, not by naming its document.
pub(crate) fn strip_identifiers(text: &str) -> String {
    const PUBLISHERS: [&str; 12] = [
        "ISO", "IEC", "CEI", "ISO/IEC", "ISO/CEI", "IEC/ISO", "CEI/ISO", "ITU-T", "UIT-T", "IEEE",
        "EN", "NF",
    ];
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut kept: Vec<&str> = Vec::with_capacity(words.len());
    let mut skip_number = false;
    for word in words {
        let bare = word.trim_matches(|c: char| !c.is_alphanumeric() && c != '/' && c != '-');
        if PUBLISHERS.contains(&bare) {
            skip_number = true;
            continue;
        }
        if skip_number && word.chars().any(|c| c.is_ascii_digit()) {
            continue;
        }
        skip_number = false;
        kept.push(word);
    }
    kept.join(" ")
}

/// Tells whether a title says nothing but what the record is: its organisation, its type and
/// numbers (OIML's "OIML Recommendation 33" for R 33). Such a query could only be found by the
/// identifier the set strips.
fn names_no_subject(title: &str, record: &Record) -> bool {
    title.split(|c: char| !c.is_alphanumeric()).filter(|word| !word.is_empty()).all(|word| {
        word.chars().all(|c| c.is_ascii_digit())
            || word.eq_ignore_ascii_case(&record.org)
            || word.eq_ignore_ascii_case(&record.doctype)
    })
}

fn push_unique(list: &mut Vec<String>, id: &str) {
    if !list.iter().any(|existing| existing == id) {
        list.push(id.to_string());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn records<const N: usize>(lines: [&str; N]) -> [Record; N] {
        lines.map(|line| Record::from_relaton_json(line).unwrap())
    }

    #[test]
    fn a_twin_that_leaving_out_the_query_leaves_out_too_is_not_relevant() {
        // IALA's language versions are undated entries of one document: the check that leaves
        // out the English query record leaves out its French version with it.
        let iala = records([
            r#"{"docid":[{"id":"IALA R0201 Ed 3.1 (E)","type":"IALA","primary":true}],"title":[{"content":"Marine signal lights - Colours","language":"en"}]}"#,
            r#"{"docid":[{"id":"IALA R0201 Ed 3.1 (F)","type":"IALA","primary":true}],"title":[{"content":"Feux de signalisation maritime - Couleurs","language":"fr"}]}"#,
        ]);
        let set = cross_lingual_set(&iala, Language::English, Language::French, 10);
        assert!(set.queries.is_empty(), "{:?}", set.queries);
        // A dated edition in the other language stays findable, and relevant.
        let iso = records([
            r#"{"docid":[{"id":"ISO 8124-1:2018","type":"ISO","primary":true}],"title":[{"content":"Safety of toys","language":"en"}]}"#,
            r#"{"docid":[{"id":"ISO 8124-1:2014","type":"ISO","primary":true}],"title":[{"content":"Sécurité des jouets","language":"fr"}]}"#,
        ]);
        let set = cross_lingual_set(&iso, Language::English, Language::French, 10);
        assert_eq!(set.queries[0].relevant, ["ISO 8124-1:2014"]);
    }

    #[test]
    fn a_title_that_names_no_subject_is_no_query() {
        let titled = |title: &str| {
            let english = format!(
                r#"{{"docidentifier":[{{"content":"OIML R 33:1973","type":"OIML","primary":true}}],"title":[{{"content":"{title}","language":"en"}}],"ext":{{"doctype":{{"content":"recommendation"}}}}}}"#
            );
            let french = r#"{"docidentifier":[{"content":"OIML R 33:1979 (F)","type":"OIML","primary":true}],"title":[{"content":"Valeur conventionnelle du résultat des pesées dans l'air","language":"fr"}]}"#;
            cross_lingual_set(&records([&english, french]), Language::English, Language::French, 10)
        };
        let set = titled("OIML Recommendation 33");
        assert!(set.queries.is_empty(), "{:?}", set.queries);
        let set = titled("Conventional value of the result of weighing in air");
        assert_eq!(set.queries[0].relevant, ["OIML R 33:1979 (F)"]);
    }
}
