//! Checks the proposals of issue 13 (corpus/proposals) against the full shared corpus, with its 26
//! organisations: an HTTP semantics proposal finds RFC 9110 and the RFCs it obsoletes, a 5G system
//! architecture proposal finds 3GPP TS 23.501 and its ETSI transposition, a block cipher modes
//! proposal finds NIST SP 800-38A and ISO/IEC 10116 in two other organisations, and a food
//! labelling proposal is told to liaise with Codex and its Committee on Food Labelling.
//!
//! The full index of `../shared/corpus` comes from `nwip-testkit`, built once per test run and
//! shared with the other tests that need it (run in release mode: `cargo test --release --test
//! new_bodies`). The tests skip with a printed reason when `../shared` is absent.

use std::path::PathBuf;

use nwip::corpus::docid::DocId;
use nwip::corpus::registry::OrganisationKind;
use nwip::{Engine, Proposal, Report};

fn repository() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn check(engine: &Engine, file: &str) -> Report {
    let proposal = Proposal::read_path(&repository().join("corpus/proposals").join(file))
        .unwrap_or_else(|error| panic!("{file}: {error}"));
    engine.check(&proposal).unwrap()
}

/// The identifiers of the overlaps, best first.
fn found(report: &Report) -> Vec<&str> {
    report.overlaps().iter().map(|o| o.record.id.as_str()).collect()
}

/// The rank (from 1) of the first overlap whose record has document key `key`.
fn rank_of_key(report: &Report, key: &str) -> Option<usize> {
    report.overlaps().iter().position(|o| o.record.key == key).map(|rank| rank + 1)
}

#[test]
fn http_semantics_finds_rfc_9110_and_the_rfcs_it_obsoletes() {
    let Some(index) = nwip_testkit::shared_index() else { return };
    // RFC 9110 and RFC 7231, the edition it obsoletes, are among the first 20 lines (7231 first,
    // 9110 about 17th: nwip does not yet know that an RFC another one obsoletes is superseded,
    // the relation being stated on the newer record only). RFC 2616 (1999), obsoleted twice
    // over, shares the subject's words but little of its scope: about 73rd with the logistic
    // model, about 100th with the boosted trees (score .0001), so 150 lines are read for it.
    let engine = Engine::builder().limit(150).open(&index).unwrap();
    let report = check(&engine, "http-semantics.md");
    for (rfc, within) in [("ietf rfc 9110", 20), ("ietf rfc 7231", 20), ("ietf rfc 2616", 150)] {
        let rank = rank_of_key(&report, rfc);
        assert!(
            rank.is_some_and(|rank| rank <= within),
            "{rfc} at {rank:?} in {:?}",
            found(&report)
        );
    }
    // the record says what it replaces
    let http = report.overlaps().iter().find(|o| o.record.key == "ietf rfc 9110").unwrap();
    assert!(http.record.relations.iter().any(|r| r.target == "RFC 7231"));
    assert!(report.overlaps().iter().all(|o| o.record.org != "ISO" || o.score < 0.5));
}

#[test]
fn five_g_system_architecture_finds_3gpp_ts_23_501_and_its_etsi_transposition() {
    let Some(index) = nwip_testkit::shared_index() else { return };
    // With the default 50 text candidates the check finds TS 23.501 (second) but not its ETSI
    // transposition, whose long title ("5G; System architecture for the 5G System (5GS) (3GPP
    // TS 23.501 version 15.13.0 Release 15)") scores lower: retrieval does not yet follow the
    // transposition (its adopted key and second identifier) from one document to the other.
    // The search by meaning adds candidates that outscore it: 500 lines are read.
    let engine = Engine::builder().text_candidates(250).limit(500).open(&index).unwrap();
    let report = check(&engine, "5g-system-architecture.md");
    let three_gpp = report.overlaps().iter().find(|o| o.record.key == "3gpp ts 23.501");
    let etsi = report.overlaps().iter().find(|o| o.record.key == "etsi ts 123 501");
    let (Some(three_gpp), Some(etsi)) = (three_gpp, etsi) else {
        panic!("3GPP TS 23.501 and ETSI TS 123 501 not both in {:?}", found(&report));
    };
    assert_eq!(three_gpp.record.org, "3GPP");
    assert_eq!(etsi.record.org, "ETSI");
    // one subject: the ETSI deliverable transposes the 3GPP specification
    let transposed = DocId::parse(&etsi.record.id).and_then(|id| id.adopted_key());
    assert_eq!(transposed.as_deref(), Some("3gpp ts 23.501"));
    assert!(etsi.record.alt_ids.iter().any(|alt| alt.starts_with("3GPP TS 23.501")));
}

#[test]
fn block_cipher_modes_find_nist_sp_800_38a_and_iso_iec_10116_in_two_other_organisations() {
    let Some(index) = nwip_testkit::shared_index() else { return };
    let engine = Engine::builder().limit(30).open(&index).unwrap();
    let report = check(&engine, "block-cipher-modes.md");
    assert_eq!(report.proposal.organisation.as_deref(), Some("ITU-T"));
    let nist = report.overlaps().iter().find(|o| o.record.key.starts_with("nist sp 800-38a"));
    let iso = report.overlaps().iter().find(|o| o.record.key.starts_with("iso 10116"));
    let (Some(nist), Some(iso)) = (nist, iso) else {
        panic!("NIST SP 800-38A and ISO/IEC 10116 not both in {:?}", found(&report));
    };
    // NIST publishes SP 800-38A only with its addendum in the corpus (NIST SP 800-38A.Add.)
    assert_eq!(DocId::parse(&nist.record.id).unwrap().family_key(), "nist sp 800-38a");
    assert_eq!((nist.record.org.as_str(), iso.record.org.as_str()), ("NIST", "ISO"));
}

#[test]
fn food_labelling_is_told_to_liaise_with_codex_and_its_committee_on_food_labelling() {
    let Some(index) = nwip_testkit::shared_index() else { return };
    let engine = Engine::builder().limit(30).open(&index).unwrap();
    let report = check(&engine, "food-labelling.md");
    // Intergovernmental bodies come first: Codex, and OIML, whose R 79 (labelling requirements
    // for prepackages) the model now scores above Codex's texts.
    let first_two = &report.liaisons[..2.min(report.liaisons.len())];
    assert!(first_two.iter().any(|l| l.org == "Codex"), "{:?}", report.liaisons);
    assert!(first_two.iter().all(|l| l.kind == Some(OrganisationKind::Intergovernmental)));
    let labelling = report
        .liaisons
        .iter()
        .find(|l| l.committee.as_deref() == Some("Codex/CCFL"))
        .unwrap_or_else(|| panic!("no Codex/CCFL liaison in {:?}", report.liaisons));
    assert!(labelling.records.iter().any(|id| id == "CXS 1-1985"), "{:?}", labelling.records);
    // The Codex's own "Labelling of Pre-packaged Foods", which the proposal restates, is among
    // the first three lines: its hyphenated prefix matches "prepackaged" (12th before).
    let codex = rank_of_key(&report, "codex cxs 1");
    assert!(codex.is_some_and(|rank| rank <= 3), "CXS 1 at {codex:?} in {:?}", found(&report));
    assert!(!labelling.declared);
    assert!(
        report.cross_check.missing_liaisons.iter().any(|l| l == "Codex/CCFL"),
        "{:?}",
        report.cross_check.missing_liaisons
    );
}

#[test]
fn a_bulletins_pages_are_listed_only_when_they_overlap_in_part() {
    let Some(index) = nwip_testkit::shared_index() else { return };
    let engine = Engine::builder().limit(50).open(&index).unwrap();
    // Without the rule, OIML Bulletin articles (reached through their French titles' meanings
    // and translated words) took one or two of the first 50 lines of each of these reports.
    for file in
        ["food-labelling.md", "ev-battery-state-of-health.md", "food-safety-hazard-control.md"]
    {
        let report = check(&engine, file);
        assert_eq!(report.overlaps().len(), 50, "{file}");
        for overlap in report.overlaps() {
            let periodical = overlap.record.is_periodical_content();
            assert!(
                !periodical || overlap.kind != nwip::OverlapKind::Related,
                "{file}: {} {:?} at {:.4}",
                overlap.record.id,
                overlap.kind,
                overlap.score
            );
        }
    }
}

#[test]
fn jis_english_titles_match_english_proposals_and_japanese_titles_japanese_ones() {
    let Some(index) = nwip_testkit::shared_index() else { return };
    let engine = Engine::builder().limit(10).open(&index).unwrap();
    let english = Proposal::from_json(
        r#"{"title": "Concrete - Test method for the resistance of concrete to freezing and thawing",
            "scope": "Specifies a method of test for the resistance of concrete specimens to rapid freezing and thawing cycles in water."}"#,
    )
    .unwrap();
    let report = engine.check(&english).unwrap();
    assert!(rank_of_key(&report, "jis a 1148").is_some(), "{:?}", found(&report));
    // Japanese is read as character bigrams: the Japanese title finds the same standard
    let japanese = Proposal::from_json(r#"{"title": "コンクリートの凍結融解試験方法"}"#).unwrap();
    let report = engine.check(&japanese).unwrap();
    assert_eq!(rank_of_key(&report, "jis a 1148"), Some(1), "{:?}", found(&report));
}

#[test]
fn a_form_4_proposals_justification_does_not_make_or_unmake_a_duplicate() {
    let Some(index) = nwip_testkit::shared_index() else { return };
    let engine = Engine::builder().limit(10).open(&index).unwrap();
    // The README's English sample rewords ISO 22000 in a title and a scope, and justifies it in
    // the words of any proposal (customers, regulators, markets, audits). Read as subject, the
    // justification put ISO/CD 20001.2 (food loss and waste) level with ISO 22000 (.21 and .29,
    // `partial`); read as the reason it is, ISO 22000 is the duplicate (.54, .44 ahead).
    let report = check(&engine, "food-safety-hazard-control.md");
    let first = &report.overlaps()[0];
    assert_eq!(first.record.key, "iso 22000", "{:?}", found(&report));
    assert_eq!(first.kind, nwip::OverlapKind::SameSubject, "{:.2}", first.score);
    // The Russian perlite sample has no duplicate in the corpus (no perlite standard at all):
    // its justification (trade, manufacturers, national standards) made ISO/DIS 21239,
    // reflective insulating products, a `same_subject` at .87.
    let report = check(&engine, "ru-perlite-insulation.md");
    assert!(
        report.overlaps().iter().all(|o| o.kind != nwip::OverlapKind::SameSubject),
        "{:?}",
        report.overlaps().iter().map(|o| (&o.record.id, o.score, o.kind)).collect::<Vec<_>>()
    );
}
