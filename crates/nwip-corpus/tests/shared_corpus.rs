//! Imports every file of the shared corpus (`../shared/corpus`, beside the repository) and checks
//! what each organisation's records look like. Skips with a printed reason when it is absent.

use std::path::PathBuf;

use nwip_corpus::{read_file, Lifecycle};

fn shared_corpus() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus");
    if dir.join("iso.jsonl.gz").is_file() {
        Some(dir)
    } else {
        eprintln!("skipped: shared corpus not found at {}", dir.display());
        None
    }
}

/// (file, organisation of most records, records the corpus README lists)
const FILES: &[(&str, &str, usize)] = &[
    ("ccsds.jsonl.gz", "CCSDS", 706),
    ("easc.jsonl.gz", "EASC", 167),
    ("ecma.jsonl.gz", "ECMA", 799),
    ("etsi.jsonl.gz", "ETSI", 28_616),
    ("iala.jsonl.gz", "IALA", 863),
    ("iec.jsonl.gz", "IEC", 32_524),
    ("ieee.jsonl.gz", "IEEE", 11_787),
    ("iho.jsonl.gz", "IHO", 131),
    ("iso.jsonl.gz", "ISO", 71_253),
    ("itu-r.jsonl.gz", "ITU-R", 2_041),
    ("itu.jsonl.gz", "ITU-T", 21_506),
    ("oasis.jsonl.gz", "OASIS", 585),
    ("ogc.jsonl.gz", "OGC", 1_237),
    ("oiml.jsonl.gz", "OIML", 5_707),
    ("w3c.jsonl.gz", "W3C", 16_811),
];

#[test]
fn every_shared_file_imports_without_skipping() {
    let Some(dir) = shared_corpus() else { return };
    for (file, org, expected) in FILES {
        let import = read_file(dir.join(file)).unwrap();
        let summary = &import.summary;
        assert!(
            summary.skipped.is_empty(),
            "{file}: skipped {:?}",
            &summary.skipped[..summary.skipped.len().min(3)]
        );
        assert_eq!(summary.imported, *expected, "{file}");
        let main_org = summary.by_org.iter().max_by_key(|(_, count)| **count).unwrap().0;
        assert_eq!(main_org, org, "{file}: {:?}", summary.by_org);
        let titled = import.records.iter().filter(|r| !r.titles.is_empty()).count();
        assert!(
            titled * 10 >= expected * 9,
            "{file}: only {titled} of {expected} records have a title"
        );
        assert!(import.records.iter().all(|r| !r.key.is_empty()), "{file}: empty key");
    }
}

#[test]
fn iso_records_carry_the_work_programme_committees_and_french_titles() {
    let Some(dir) = shared_corpus() else { return };
    let import = read_file(dir.join("iso.jsonl.gz")).unwrap();
    let records = &import.records;
    let ongoing = records.iter().filter(|r| r.stage.lifecycle.is_ongoing()).count();
    assert!((6_000..9_000).contains(&ongoing), "ISO work programme has {ongoing} records");
    let with_committee = records.iter().filter(|r| r.committee.is_some()).count();
    assert!(with_committee * 10 > records.len() * 9, "{with_committee} records with a committee");
    let french =
        records.iter().filter(|r| r.title_in(nwip_corpus::Language::French).is_some()).count();
    assert!(french > 30_000, "{french} French titles");
    let with_ics = records.iter().filter(|r| !r.ics.is_empty()).count();
    assert!(with_ics > 50_000, "{with_ics} records with ICS codes");
}

#[test]
fn ieee_drafts_are_the_ieee_work_programme() {
    let Some(dir) = shared_corpus() else { return };
    let import = read_file(dir.join("ieee.jsonl.gz")).unwrap();
    let drafts =
        import.records.iter().filter(|r| r.stage.lifecycle == Lifecycle::UnderDevelopment).count();
    assert!((6_000..7_500).contains(&drafts), "{drafts} IEEE drafts");
}
