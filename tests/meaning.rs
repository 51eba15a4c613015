//! Comparing by meaning: an index built with a word-vector table finds a record that shares no
//! term with the proposal (another language, other words) through the search by meaning, scores
//! it with the meaning features, and keeps the meanings through an in-place update.

use nwip::index::{IndexBuilder, NwipIndex};
use nwip::text::WordVectors;
use nwip::{Engine, Proposal, Record};

fn record(id: &str, title: &str, language: &str) -> Record {
    let line = format!(
        r#"{{"docid":[{{"id":"{id}","type":"ISO","primary":true}}],
            "title":[{{"content":"{title}","language":"{language}"}}]}}"#
    );
    Record::from_relaton_json(&line).unwrap()
}

/// A table in which French food-hygiene words mean what the English proposal's words mean, and
/// radio words mean something else.
fn table() -> WordVectors {
    WordVectors::from_words(
        3,
        &[
            ("food", 1.0, [1.0, 0.1, 0.0]),
            ("safety", 1.0, [0.8, 0.3, 0.0]),
            ("hygiène", 1.0, [0.85, 0.25, 0.0]),
            ("alimentaire", 1.0, [0.95, 0.1, 0.05]),
            ("denrées", 1.0, [0.9, 0.2, 0.0]),
            ("sécurité", 1.0, [0.7, 0.4, 0.1]),
            ("gestion", 1.0, [0.1, 0.9, 0.3]),
            ("radio", 1.0, [0.0, 0.1, 1.0]),
            ("spectre", 1.0, [0.05, 0.0, 0.9]),
        ],
    )
}

#[test]
fn a_record_in_other_words_is_found_by_meaning_and_kept_through_an_update() {
    let dir = tempfile::tempdir().unwrap();
    let vectors = dir.path().join("word-vectors.bin");
    std::fs::write(&vectors, table().to_bytes()).unwrap();
    let records = vec![
        record("ISO 1", "Hygiène alimentaire des denrées", "fr"),
        // Two known words only: its meaning is not searched (MIN_MEANING_WORDS).
        record("ISO 4", "Hygiène alimentaire", "fr"),
        record("ISO 2", "Gestion du spectre radio", "fr"),
    ];
    let index_dir = dir.path().join("index");
    let builder = || IndexBuilder::new().threads(1).word_vectors(Some(vectors.clone()));
    let meta = builder().build(&index_dir, records, &[], 0).unwrap();
    assert!(meta.word_vectors.as_deref().is_some_and(|d| d.contains("9 words")), "{meta:?}");

    // No bridge, no shared term: only the meaning can find the French record.
    let proposal = Proposal::builder().title("Food safety").build().unwrap();
    let check = |engine: &Engine| {
        let report = engine.check(&proposal).unwrap();
        let first = report.overlaps.first().expect("an overlap").clone();
        (first.record.id.clone(), first.evidence.retrieved_by.clone(), first.features.meaning)
    };
    let engine = Engine::builder().bridge(false).open(&index_dir).unwrap();
    let (id, retrieved_by, meaning) = check(&engine);
    assert_eq!(id, "ISO 1");
    let ids: Vec<String> =
        engine.check(&proposal).unwrap().overlaps.iter().map(|o| o.record.id.clone()).collect();
    assert!(!ids.contains(&"ISO 4".to_string()), "{ids:?}");
    assert!(retrieved_by.contains(&"meaning".to_string()), "{retrieved_by:?}");
    assert!(meaning > 0.95, "{meaning}");
    let off = Engine::builder().bridge(false).meaning_candidates(0).open(&index_dir).unwrap();
    assert!(off.check(&proposal).unwrap().overlaps.is_empty(), "found only by meaning");

    // An update adds a record; its meaning is searched like the others'.
    let update = dir.path().join("update.jsonl");
    let line = r#"{"docid":[{"id":"ISO 3","type":"ISO","primary":true}],"title":[{"content":"Sécurité alimentaire des denrées","language":"fr"}]}"#;
    std::fs::write(&update, format!("{line}\n")).unwrap();
    let added = nwip::corpus::read_file(&update).unwrap().records;
    builder().update(&index_dir, added, &[], std::slice::from_ref(&update), 0).unwrap();
    let index = NwipIndex::open(&index_dir).unwrap();
    assert_eq!(index.meanings().unwrap().unwrap().count(), 3, "ISO 1, 2 and 3; not ISO 4");
    drop(index);
    let engine = Engine::builder().bridge(false).open(&index_dir).unwrap();
    let report = engine.check(&proposal).unwrap();
    let ids: Vec<&str> = report.overlaps.iter().map(|o| o.record.id.as_str()).collect();
    assert!(ids.contains(&"ISO 3") && ids.contains(&"ISO 1"), "{ids:?}");
}

#[test]
fn the_search_by_meaning_looks_further_when_one_documents_versions_fill_its_places() {
    let dir = tempfile::tempdir().unwrap();
    let vectors = dir.path().join("word-vectors.bin");
    std::fs::write(&vectors, table().to_bytes()).unwrap();
    // Twelve editions of one document with one text, nearest the proposal, and another
    // document a little further.
    let mut records: Vec<Record> = (2001..=2012)
        .map(|year| record(&format!("ISO 1:{year}"), "Hygiène alimentaire des denrées", "fr"))
        .collect();
    records.push(record("ISO 3", "Sécurité alimentaire des denrées", "fr"));
    records.push(record("ISO 2", "Gestion du spectre radio", "fr"));
    let index_dir = dir.path().join("index");
    let builder = IndexBuilder::new().threads(1).word_vectors(Some(vectors.clone()));
    builder.build(&index_dir, records, &[], 0).unwrap();

    // Two documents by meaning: the first look (eight records) holds ISO 1's editions only.
    let proposal = Proposal::builder().title("Food safety").build().unwrap();
    let engine = Engine::builder().bridge(false).meaning_candidates(2).open(&index_dir).unwrap();
    let report = engine.check(&proposal).unwrap();
    let ids: Vec<&str> = report.overlaps.iter().map(|o| o.record.id.as_str()).collect();
    assert!(ids.contains(&"ISO 3"), "{ids:?}");
    assert_eq!(ids.iter().filter(|id| id.starts_with("ISO 1:")).count(), 1, "{ids:?}");
}
