//! Imports every file of the shared corpus (`../shared/corpus`, beside the repository) and checks
//! what each organisation's records look like. Skips with a printed reason when it is absent.

use std::path::PathBuf;

use std::collections::{HashMap, HashSet};

use nwip_corpus::docid::DocId;
use nwip_corpus::{read_file, Language, Lifecycle, RelationKind};

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
    ("codex.jsonl.gz", "Codex", 401),
    ("imo.jsonl.gz", "IMO", 73),
    ("ietf.jsonl.gz", "IETF", 10_186),
    ("3gpp.jsonl.gz", "3GPP", 92_289),
    ("nist.jsonl.gz", "NIST", 19_513),
    ("bipm.jsonl.gz", "BIPM", 1_745),
    ("cie.jsonl.gz", "CIE", 990),
    ("jis.jsonl.gz", "JIS", 21_327),
    ("xsf.jsonl.gz", "XSF", 513),
    ("calconnect.jsonl.gz", "CalConnect", 168),
    ("iana.jsonl.gz", "IANA", 3_405),
];

#[test]
fn the_test_covers_every_file_of_the_corpus() {
    let Some(dir) = shared_corpus() else { return };
    let listed: HashSet<&str> = FILES.iter().map(|(file, _, _)| *file).collect();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().to_string();
        if name.ends_with(".jsonl.gz") {
            assert!(listed.contains(name.as_str()), "{name} is not in FILES");
        }
    }
}

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

#[test]
fn three_gpp_drafts_are_work_in_progress_and_repeated_records_agree_with_their_twins() {
    let Some(dir) = shared_corpus() else { return };
    let import = read_file(dir.join("3gpp.jsonl.gz")).unwrap();
    let records = &import.records;
    let drafts = records.iter().filter(|r| r.stage.lifecycle.is_ongoing()).count();
    assert!((19_000..21_000).contains(&drafts), "{drafts} 3GPP drafts");
    // every record spelt with an older release (R96, R99, R00) has a twin spelt REL-96, REL-99,
    // Release 2000: the same key, version and release
    let parsed: Vec<DocId> = records.iter().map(|r| DocId::parse(&r.id).unwrap()).collect();
    let spelt =
        |id: &str, prefix: &str| id.split(':').nth(1).is_some_and(|r| r.starts_with(prefix));
    let newer: HashSet<(String, Option<String>, Option<String>)> = records
        .iter()
        .zip(&parsed)
        .filter(|(r, _)| !spelt(&r.id, "R9") && !spelt(&r.id, "R00"))
        .map(|(_, d)| (d.document_key(), d.version.clone(), d.release.clone()))
        .collect();
    let older: Vec<&DocId> = records
        .iter()
        .zip(&parsed)
        .filter(|(r, _)| spelt(&r.id, "R9") || spelt(&r.id, "R00"))
        .map(|(_, d)| d)
        .collect();
    assert!(older.len() > 6_000, "{} records with an older release spelling", older.len());
    let without_twin: Vec<&str> = older
        .iter()
        .filter(|d| !newer.contains(&(d.document_key(), d.version.clone(), d.release.clone())))
        .map(|d| d.raw.as_str())
        .collect();
    assert!(
        without_twin.len() * 100 < older.len(),
        "no twin: {:?}",
        &without_twin[..without_twin.len().min(5)]
    );
}

#[test]
fn codex_and_imo_are_intergovernmental_with_their_committees() {
    let Some(dir) = shared_corpus() else { return };
    let codex = read_file(dir.join("codex.jsonl.gz")).unwrap();
    let with_committee = codex.records.iter().filter(|r| r.committee.is_some()).count();
    assert!(with_committee >= 390, "{with_committee} Codex records with a committee");
    let labelling = codex.records.iter().find(|r| r.id == "CXS 1-1985").unwrap();
    assert_eq!(labelling.key, "codex cxs 1");
    assert_eq!(labelling.committee.as_ref().unwrap().id, "Codex/CCFL");
    assert!(codex.records.iter().all(|r| r.org == "Codex"));
    let imo = read_file(dir.join("imo.jsonl.gz")).unwrap();
    let keys: HashSet<&str> = imo.records.iter().map(|r| r.key.as_str()).collect();
    assert_eq!(keys.len(), 73, "every IMO instrument has its own key");
    assert!(keys.contains("imo solas 1974") && keys.contains("imo igf code"));
    let igf = imo.records.iter().find(|r| r.id == "IGF Code").unwrap();
    assert_eq!(igf.alt_ids, ["IMO Resolution MSC.391(95)"]);
}

#[test]
fn bipm_records_read_the_third_layout() {
    let Some(dir) = shared_corpus() else { return };
    let import = read_file(dir.join("bipm.jsonl.gz")).unwrap();
    let records = &import.records;
    assert!(records.iter().all(|r| r.alt_ids.is_empty()), "tagged forms are not twins");
    let dated = records.iter().filter(|r| r.date.is_some()).count();
    let linked =
        records.iter().filter(|r| r.url.as_deref().is_some_and(|u| u.contains("bipm.org"))).count();
    assert!(dated * 100 >= records.len() * 99, "{dated} dated");
    assert!(linked * 10 >= records.len() * 9, "{linked} linked to bipm.org");
    // Most have a French title; a quarter repeat the English one under "fr" (read as English).
    let french = records.iter().filter(|r| r.title_in(Language::French).is_some()).count();
    assert!(french * 10 >= records.len() * 7, "{french} French titles");
    assert!(
        records.iter().all(|r| r.title_in(Language::French).is_none()
            || r.title_in(Language::French) != r.title_in(Language::English)),
        "a French title that is the English one"
    );
    let resolution = records.iter().find(|r| r.id == "CGPM RES 1 (1927)").unwrap();
    assert_eq!(resolution.key, "cgpm res 1 (1927)");
    let keys: HashSet<&str> = records.iter().map(|r| r.key.as_str()).collect();
    assert!(
        keys.len() * 100 >= records.len() * 99,
        "{} keys for {} records",
        keys.len(),
        records.len()
    );
}

#[test]
fn ietf_nist_and_jis_records() {
    let Some(dir) = shared_corpus() else { return };
    let ietf = read_file(dir.join("ietf.jsonl.gz")).unwrap();
    let by_id: HashMap<&str, &nwip_corpus::Record> =
        ietf.records.iter().map(|r| (r.id.as_str(), r)).collect();
    let http = by_id["RFC 9110"];
    assert!(http
        .relations
        .iter()
        .any(|r| r.kind == RelationKind::Obsoletes && r.target == "RFC 7231"));
    let std = by_id["STD 97"];
    assert!(std
        .relations
        .iter()
        .any(|r| r.kind == RelationKind::Includes && r.target == "RFC 9110"));
    let stating = ietf.records.iter().filter(|r| !r.relations.is_empty()).count();
    assert!(stating > 1_000, "{stating} IETF records with relations");

    let nist = read_file(dir.join("nist.jsonl.gz")).unwrap();
    let revisions: HashSet<&str> =
        nist.records.iter().filter(|r| r.key == "nist sp 800-53").map(|r| r.id.as_str()).collect();
    assert!(revisions.contains("NIST SP 800-53r5") && revisions.contains("NIST SP 800-53r4"));
    assert!(!revisions.contains("NIST SP 800-53Ar4"));

    let jis = read_file(dir.join("jis.jsonl.gz")).unwrap();
    let english = jis.records.iter().filter(|r| r.title_in(Language::English).is_some()).count();
    assert!(english * 5 >= jis.records.len() * 4, "{english} JIS records with an English title");
    let valid = jis.records.iter().filter(|r| r.stage.lifecycle == Lifecycle::Published).count();
    assert!((11_000..13_000).contains(&valid), "{valid} valid JIS");
}
