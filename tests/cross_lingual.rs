//! Cross-lingual retrieval on a small hand-written corpus: bilingual ISO-style records teach the
//! bridge a few words, and records that exist in one language only must be found from the other,
//! through the second text query that searches only the records without a title in the
//! proposal's language.

use nwip::text::Language;
use nwip::{Engine, Proposal, Record};

/// English and French titles of the same documents: what the bridge learns from.
const BILINGUAL: [(&str, &str, &str); 8] = [
    (
        "ISO 8124-1:2022",
        "Safety of toys - Mechanical properties",
        "Sécurité des jouets - Propriétés mécaniques",
    ),
    ("ISO 8124-2:2023", "Safety of toys - Flammability", "Sécurité des jouets - Inflammabilité"),
    (
        "ISO 8124-3:2020",
        "Safety of toys - Migration of certain elements",
        "Sécurité des jouets - Migration de certains éléments",
    ),
    (
        "ISO 12100:2010",
        "Safety of machinery - Risk assessment",
        "Sécurité des machines - Appréciation du risque",
    ),
    ("ISO 3744:2010", "Acoustics - Noise of machinery", "Acoustique - Bruit des machines"),
    (
        "ISO 11690-1:2020",
        "Acoustics - Low-noise workplaces containing machinery",
        "Acoustique - Lieux de travail à bruit réduit contenant des machines",
    ),
    (
        "ISO 4871:1996",
        "Acoustics - Noise emission values of machinery",
        "Acoustique - Valeurs d'émission sonore des machines",
    ),
    (
        "ISO 7779:2018",
        "Acoustics - Noise emitted by information technology equipment",
        "Acoustique - Bruit émis par les équipements des technologies de l'information",
    ),
];

fn bilingual(id: &str, en: &str, fr: &str) -> String {
    format!(
        r#"{{"docid":[{{"id":"{id}","type":"ISO","primary":true}}],"title":[{{"content":"{en}","language":"en"}},{{"content":"{fr}","language":"fr"}}]}}"#
    )
}

fn one_language(id: &str, org: &str, title: &str, language: &str) -> String {
    format!(
        r#"{{"docid":[{{"id":"{id}","type":"{org}","primary":true}}],"title":[{{"content":"{title}","language":"{language}"}}]}}"#
    )
}

fn engine(builder: nwip::EngineBuilder) -> Engine {
    let mut lines: Vec<String> =
        BILINGUAL.iter().map(|(id, en, fr)| bilingual(id, en, fr)).collect();
    lines.push(one_language(
        "IEEE 1999",
        "IEEE",
        "Flammability of toys for electric vehicles",
        "en",
    ));
    lines.push(one_language("OIML R 999 (F)", "OIML", "Bruit des jouets", "fr"));
    lines.push(one_language("OIML Bulletin 1999-01-01", "OIML", "Jouets anciens", "fr"));
    let records = lines.iter().map(|line| Record::from_relaton_json(line).unwrap()).collect();
    builder.limit(20).from_records(records).unwrap()
}

fn ids(engine: &Engine, proposal: &Proposal) -> Vec<String> {
    let report = engine.check(proposal).unwrap();
    report.overlaps.iter().map(|overlap| overlap.record.id.clone()).collect()
}

#[test]
fn a_french_proposal_finds_an_english_only_record_and_says_which_words_crossed() {
    let engine = engine(Engine::builder());
    let proposal = Proposal { title: "Inflammabilité des jouets".into(), ..Proposal::default() };
    let report = engine.check(&proposal).unwrap();
    let overlap = report
        .overlaps
        .iter()
        .find(|overlap| overlap.record.id == "IEEE 1999")
        .expect("the English-only record is found");
    let crossed: Vec<(&str, &str)> = overlap
        .evidence
        .translated_terms
        .iter()
        .map(|t| (t.word.as_str(), t.term.as_str()))
        .collect();
    assert!(crossed.contains(&("jouets", "toy")), "{crossed:?}");
    assert!(overlap.evidence.translated_terms.iter().all(|t| t.language == Language::English));
}

#[test]
fn records_in_another_language_are_found_only_by_the_carried_query() {
    let proposal = Proposal { title: "Inflammabilité des jouets".into(), ..Proposal::default() };
    // The search by meaning finds it too when the machine has a word-vector table (that is
    // tests/meaning.rs): off here, so the carried query is what is tested.
    let without = engine(Engine::builder().carried_candidates(0).meaning_candidates(0));
    assert!(!ids(&without, &proposal).contains(&"IEEE 1999".to_string()));
    let unbridged = engine(Engine::builder().bridge(false).meaning_candidates(0));
    assert!(!ids(&unbridged, &proposal).contains(&"IEEE 1999".to_string()));
}

#[test]
fn an_english_proposal_finds_a_french_only_record() {
    let engine = engine(Engine::builder());
    let proposal = Proposal { title: "Noise of toys".into(), ..Proposal::default() };
    assert!(ids(&engine, &proposal).contains(&"OIML R 999 (F)".to_string()));
}

#[test]
fn a_record_in_another_language_holding_one_carried_word_is_not_listed() {
    // Off, the search by meaning would find the notice otherwise (tests/meaning.rs).
    let engine = engine(Engine::builder().meaning_candidates(0));
    let proposal = Proposal {
        title: "Noise of toys in schools and playgrounds".into(),
        ..Proposal::default()
    };
    let found = ids(&engine, &proposal);
    // Noise and toys: a subject in common.
    assert!(found.contains(&"OIML R 999 (F)".to_string()), "{found:?}");
    // Toys alone, of a proposal of five words: not one.
    assert!(!found.contains(&"OIML Bulletin 1999-01-01".to_string()), "{found:?}");
    // A title of one word is carried on one word.
    let short = Proposal { title: "Toys".into(), ..Proposal::default() };
    assert!(ids(&engine, &short).contains(&"OIML Bulletin 1999-01-01".to_string()));
}

#[test]
fn a_french_title_over_an_english_scope_is_read_in_both_languages() {
    let engine = engine(Engine::builder());
    let proposal = Proposal {
        title: "Sécurité des jouets - Inflammabilité".into(),
        scope: "This document specifies the flammability requirements for toys used in electric \
                vehicles and the test methods for them."
            .into(),
        ..Proposal::default()
    };
    let report = engine.check(&proposal).unwrap();
    assert_eq!(report.proposal.language, Language::English);
    let first = &report.overlaps[0];
    // The French title finds the bilingual record natively, the English scope the IEEE one.
    let found: Vec<&str> = report.overlaps.iter().map(|o| o.record.id.as_str()).collect();
    assert!(found.contains(&"ISO 8124-2:2023"), "{found:?}");
    assert!(found.contains(&"IEEE 1999"), "{found:?}");
    assert!(first.score > 0.0);
}
