//! Look-ups that read fast fields instead of decoding records: a document's members
//! (`IndexSearcher::documents`), records by build ordinal (`locate`, `load`, `by_ordinals`), and the
//! committees owning documents under ICS codes (`committees_filed_under`).

use nwip_corpus::identity::{DocumentState, Role};
use nwip_corpus::Record;
use nwip_index::{IndexBuilder, NwipIndex};

fn record(id: &str, stage: &str, date: &str, title: &str) -> Record {
    let line = format!(
        r#"{{"docid":[{{"id":"{id}","type":"ISO","primary":true}}],
            "title":[{{"content":"{title}","language":"en"}}],
            "docstatus":{{"stage":{{"value":"{stage}"}}}},
            "date":[{{"type":"published","value":"{date}"}}]}}"#
    );
    Record::from_relaton_json(&line).unwrap()
}

fn index() -> NwipIndex {
    let records = vec![
        record("ISO 22000:2005", "95", "2005-09", "Food safety management systems"),
        record("ISO 22000:2018", "60", "2018-06", "Food safety management systems"),
        record("ISO/DIS 22000", "40", "2025-01", "Food safety management systems"),
        record("ISO 22000:2018/Amd 1:2024", "60", "2024-03", "Food safety management systems"),
        record("ISO 9001:2015", "60", "2015-09", "Quality management systems"),
    ];
    IndexBuilder::new().build_in_ram(records).unwrap()
}

#[test]
fn documents_list_every_member_with_its_role_state_and_date() {
    let index = index();
    let searcher = index.searcher();
    let keys = ["iso 22000".to_string(), "iso 4".to_string(), "iso 9001".to_string()];
    let summaries = searcher.documents(&keys).unwrap();
    assert_eq!(summaries.len(), 3);
    let food = &summaries[0];
    assert_eq!(food.key, "iso 22000");
    let mut ids: Vec<&str> = food.members.iter().map(|m| m.id.as_str()).collect();
    ids.sort_unstable();
    assert_eq!(
        ids,
        ["ISO 22000:2005", "ISO 22000:2018", "ISO 22000:2018/Amd 1:2024", "ISO/DIS 22000"]
    );
    let role = |id: &str| food.members.iter().find(|m| m.id == id).unwrap().role;
    assert_eq!(role("ISO/DIS 22000"), Role::Project);
    assert_eq!(role("ISO 22000:2018/Amd 1:2024"), Role::Supplement);
    assert_eq!(role("ISO 22000:2018"), Role::Edition);
    let dis = food.members.iter().find(|m| m.id == "ISO/DIS 22000").unwrap();
    assert_eq!((dis.stage.as_str(), dis.date.as_deref()), ("40", Some("2025-01")));
    assert_eq!(food.state, DocumentState::BeingRevised);
    assert_eq!(food.current.as_deref(), Some("ISO 22000:2018"));
    // An unknown key has no members; the others keep their order.
    assert!(summaries[1].members.is_empty());
    assert_eq!(summaries[2].members.len(), 1);
}

#[test]
fn documents_asked_again_are_the_summaries_remembered_in_the_order_asked() {
    let index = index();
    let first = index.searcher().documents(&["iso 22000".to_string()]).unwrap();
    // Another searcher of the same open index: one remembered key between two new ones.
    let keys = ["iso 9001".to_string(), "iso 22000".to_string(), "iso 4".to_string()];
    let again = index.searcher().documents(&keys).unwrap();
    let found: Vec<(&str, usize)> =
        again.iter().map(|summary| (summary.key.as_str(), summary.members.len())).collect();
    assert_eq!(found, [("iso 9001", 1), ("iso 22000", 4), ("iso 4", 0)]);
    assert!(std::sync::Arc::ptr_eq(&first[0], &again[1]), "read once, not again");
    assert_eq!(*again[1], *first[0]);
}

#[test]
fn records_are_located_by_ordinal_and_decoded_on_demand() {
    let index = index();
    let searcher = index.searcher();
    let all = searcher.by_ordinals(&[0, 1, 2, 3, 4]).unwrap();
    assert_eq!(all.len(), 5);
    let by_id = |id: &str| all.iter().find(|hit| hit.record.id == id).unwrap().ordinal;
    let (quality, amendment) = (by_id("ISO 9001:2015"), by_id("ISO 22000:2018/Amd 1:2024"));
    // In the order asked; an ordinal no record has is left out.
    let located = searcher.locate(&[quality, 99, amendment]).unwrap();
    let found: Vec<(u64, &str)> = located.iter().map(|l| (l.ordinal, l.key.as_str())).collect();
    assert_eq!(found, [(quality, "iso 9001"), (amendment, "iso 22000/amd1")]);
    let hit = searcher.load(&located[1]).unwrap();
    assert_eq!((hit.ordinal, hit.record.id.as_str()), (amendment, "ISO 22000:2018/Amd 1:2024"));
    assert_eq!(searcher.by_ordinal(quality).unwrap().unwrap().record.id, "ISO 9001:2015");
    assert!(searcher.by_ordinal(99).unwrap().is_none());
}

fn filed(id: &str, stage: &str, committee: &str, ics: &str) -> Record {
    let line = format!(
        r#"{{"docid":[{{"id":"{id}","type":"ISO","primary":true}}],
            "title":[{{"content":"Food","language":"en"}}],
            "docstatus":{{"stage":{{"value":"{stage}"}}}},
            "ext":{{"editorialgroup":{{"technical_committee":[{{"identifier":"{committee}"}}]}},
                    "ics":[{{"code":"{ics}"}}]}}}}"#
    );
    Record::from_relaton_json(&line).unwrap()
}

#[test]
fn committees_filed_under_a_code_count_documents_in_force_or_under_way() {
    let index = IndexBuilder::new()
        .build_in_ram(vec![
            filed("ISO 22000:2018", "60", "ISO/TC 34/SC 17", "67.020"),
            filed("ISO/DIS 22000", "40", "ISO/TC 34/SC 17", "67.020"),
            filed("ISO 22002-1:2009", "60", "ISO/TC 34/SC 17", "67.020"),
            filed("ISO 6579-1:2017", "60", "ISO/TC 34/SC 9", "07.100.30"),
            filed("ISO 7218:2007", "60", "ISO/TC 34/SC 9", "67.020"),
            // withdrawn: its committee no longer owns the field through it
            filed("ISO 3100-1:1991", "95", "ISO/TC 93", "67.020"),
        ])
        .unwrap();
    let searcher = index.searcher();
    let codes = ["67.020".to_string(), "07.100".to_string(), "99.999".to_string()];
    let none = nwip_index::Exclusion::default();
    let fields = searcher.committees_filed_under(&codes, &none).unwrap();
    let owners = |at: usize| -> Vec<(String, usize)> {
        fields[at].committees.iter().map(|c| (c.committee.clone(), c.documents)).collect()
    };
    assert_eq!(fields[0].ics, "67.020");
    // ISO 22000's edition and its draft are one document
    assert_eq!(owners(0), [("ISO/TC 34/SC 17".to_string(), 2), ("ISO/TC 34/SC 9".to_string(), 1)]);
    assert_eq!(fields[0].committees[0].org, "ISO");
    // a group finds the codes under it
    assert_eq!(owners(1), [("ISO/TC 34/SC 9".to_string(), 1)]);
    assert!(fields[2].committees.is_empty());
    // the records a check leaves out are not counted
    let excluded = searcher.exclusion(&["ISO 22002-1:2009".to_string()]).unwrap();
    let fields = searcher.committees_filed_under(&codes[..1], &excluded).unwrap();
    assert_eq!(fields[0].committees[0].documents, 1);
    assert_eq!(fields[0].documents(), 2);
    // a document counts while one of its records is left (the census is remembered: these
    // are counted again from it)
    let excluded = searcher.exclusion(&["ISO/DIS 22000".to_string()]).unwrap();
    let fields = searcher.committees_filed_under(&codes[..1], &excluded).unwrap();
    assert_eq!(fields[0].committees[0].documents, 2);
    let fields = searcher.committees_filed_under(&codes[..1], &none).unwrap();
    assert_eq!(fields[0].documents(), 3);
}
