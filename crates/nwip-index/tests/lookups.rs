//! Look-ups that read fast fields instead of decoding records: a document's members
//! (`IndexSearcher::documents`) and records by build ordinal (`locate`, `load`, `by_ordinals`).

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
