//! The filter of records with no title in a language (`Filter::without_title_in`) finds the same
//! records with the same scores whether most records pass it (it is then read beside the query's
//! union, in the collector) or few do (it then restricts the query itself).

use nwip_corpus::Record;
use nwip_index::{Exclusion, Filter, IndexBuilder, NwipIndex, QueryTerm, TextQuery};
use nwip_text::Language;

fn record(id: &str, english: &str, french: Option<&str>) -> Record {
    let french = french
        .map(|title| format!(r#",{{"content":"{title}","language":"fr"}}"#))
        .unwrap_or_default();
    let line = format!(
        r#"{{"docid":[{{"id":"{id}","type":"ISO","primary":true}}],
            "title":[{{"content":"{english}","language":"en"}}{french}]}}"#
    );
    Record::from_relaton_json(&line).unwrap()
}

/// `bilingual` of ten records carry a French title as well as their English one.
fn index(bilingual: usize) -> NwipIndex {
    let subjects = [
        "Centrifugal pump performance tests",
        "Pump seals for chemical process pumps",
        "Rotodynamic pump vibration limits",
        "Pump and valve noise measurement",
        "Submersible pump safety",
        "Valve leakage rates",
        "Positive displacement pump acceptance",
        "Pump efficiency classes",
        "Water pump energy labelling",
        "Pipe flanges",
    ];
    let records = subjects
        .iter()
        .enumerate()
        .map(|(n, title)| {
            let french = (n < bilingual).then_some("Pompes centrifuges");
            record(&format!("ISO {}", 1000 + n), title, french)
        })
        .collect();
    IndexBuilder::new().build_in_ram(records).unwrap()
}

fn pump_query() -> TextQuery {
    let term = |term: &str| QueryTerm {
        language: Language::English,
        term: term.into(),
        weight: 1.0,
        title_only: false,
    };
    TextQuery { terms: vec![term("pump"), term("test"), term("safeti")], title_boost: 2.0 }
}

/// Hits as (identifier, score), best first.
type Listed = Vec<(String, f32)>;

/// The filtered search's hits, and the unfiltered search's hits among the records it lets pass.
fn both_ways(index: &NwipIndex, bilingual: usize) -> (Listed, Listed) {
    let searcher = index.searcher();
    let none = Exclusion::default();
    let filter = Filter { without_title_in: vec![Language::French], ..Filter::default() };
    let listed = |hits: Vec<nwip_index::Hit>| -> Listed {
        hits.into_iter().map(|hit| (hit.record.id.clone(), hit.score)).collect()
    };
    let filtered = listed(searcher.search_documents(&pump_query(), &filter, 10, &none).unwrap());
    let english_only =
        |id: &str| id.trim_start_matches("ISO ").parse::<usize>().unwrap() >= 1000 + bilingual;
    let all =
        listed(searcher.search_documents(&pump_query(), &Filter::default(), 10, &none).unwrap());
    let expected = all.into_iter().filter(|(id, _)| english_only(id)).collect();
    (filtered, expected)
}

#[test]
fn a_filter_most_records_pass_keeps_exactly_the_records_it_lets_through() {
    let index = index(2);
    let (filtered, expected) = both_ways(&index, 2);
    assert!(filtered.len() >= 5, "{filtered:?}");
    assert_eq!(filtered, expected);
}

#[test]
fn a_filter_few_records_pass_keeps_exactly_the_records_it_lets_through() {
    let index = index(7);
    let (filtered, expected) = both_ways(&index, 7);
    assert!(!filtered.is_empty(), "{filtered:?}");
    assert_eq!(filtered, expected);
}

#[test]
fn a_filter_no_record_passes_finds_nothing() {
    let index = index(10);
    let searcher = index.searcher();
    let filter = Filter { without_title_in: vec![Language::French], ..Filter::default() };
    let hits =
        searcher.search_documents(&pump_query(), &filter, 10, &Exclusion::default()).unwrap();
    assert!(hits.is_empty());
    // And every record passes a filter on a language no record is titled in.
    let filter = Filter { without_title_in: vec![Language::Russian], ..Filter::default() };
    let hits =
        searcher.search_documents(&pump_query(), &filter, 10, &Exclusion::default()).unwrap();
    assert!(hits.len() >= 7, "{hits:?}");
}
