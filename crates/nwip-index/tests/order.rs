//! A build's document order is the records' order, whatever the indexing threads did: records
//! whose scores tie come out in the same order from every build of the same corpus.

use nwip_corpus::Record;
use nwip_index::IndexBuilder;

fn record(n: usize) -> Record {
    let line = format!(
        r#"{{"docid":[{{"id":"ISO {n}:2020","type":"ISO","primary":true}}],
            "title":[{{"content":"Screw threads - Part {n}: Tolerances","language":"en"}}]}}"#
    );
    Record::from_relaton_json(&line).unwrap()
}

/// The build ordinal of every document, in document order, segment by segment.
fn ordinals_in_document_order(index: &nwip_index::NwipIndex) -> Vec<Vec<u64>> {
    let reader = index.tantivy_index().reader().unwrap();
    let searcher = reader.searcher();
    searcher
        .segment_readers()
        .iter()
        .map(|segment| {
            let column = segment.fast_fields().u64("ordinal").unwrap();
            (0..segment.max_doc()).map(|doc| column.first(doc).unwrap()).collect()
        })
        .collect()
}

#[test]
fn documents_are_in_record_order_whatever_the_threads() {
    let records: Vec<Record> = (1..=3000).map(record).collect();
    let dir = tempfile::tempdir().unwrap();
    for (name, threads) in [("one", 1), ("four", 4)] {
        let path = dir.path().join(name);
        IndexBuilder::new()
            .threads(threads)
            .word_vectors(None)
            .build(&path, records.clone(), &[], 0)
            .unwrap();
        let index = nwip_index::NwipIndex::open(&path).unwrap();
        let segments = ordinals_in_document_order(&index);
        assert_eq!(segments.len(), 1, "a build is merged into one segment");
        let ordinals = &segments[0];
        assert_eq!(ordinals.len(), records.len());
        let out_of_order = ordinals.iter().enumerate().position(|(doc, &o)| o != doc as u64);
        assert_eq!(out_of_order, None, "{threads} threads: document {out_of_order:?} out of order");
    }
}
