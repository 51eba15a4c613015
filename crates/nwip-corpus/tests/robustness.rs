//! Robustness harness (issue 15): arbitrary and damaged input never panics the record importer,
//! the proposal readers or the identifier parser; they return records, skipped lines or errors.
//!
//! Runs in `cargo test` (256 cases a property). A longer run:
//! `PROPTEST_CASES=200000 nice cargo test --release -p nwip-corpus --test robustness`.
//! Coverage-guided fuzzing of the same entry points is in `fuzz/` (`cargo +nightly fuzz run ...`).

use std::io::Write;
use std::path::{Path, PathBuf};

use nwip_corpus::docid::{document_key, extract_identifiers, family_key, DocId};
use nwip_corpus::{read_from, ImportOptions, Proposal};
use proptest::prelude::*;
use proptest::sample::Index;

fn sample_lines() -> Vec<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus/samples/records.jsonl");
    let text = std::fs::read_to_string(path).expect("read corpus/samples/records.jsonl");
    text.lines().filter(|line| !line.trim().is_empty()).map(str::to_string).collect()
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

/// Applies `(position, byte)` replacements and a cut to `bytes`.
fn damage(mut bytes: Vec<u8>, edits: &[(Index, u8)], cut: Option<Index>) -> Vec<u8> {
    if bytes.is_empty() {
        return bytes;
    }
    for (at, byte) in edits {
        let at = at.index(bytes.len());
        bytes[at] = *byte;
    }
    if let Some(cut) = cut {
        bytes.truncate(cut.index(bytes.len()));
    }
    bytes
}

/// Runs the importer on `bytes` as a JSON lines file and as a YAML file, strictly and with
/// `--keep-going`; every outcome but a panic is fine, and what comes back is consistent.
fn import_everything(bytes: &[u8]) -> Result<(), TestCaseError> {
    for name in ["fuzz.jsonl", "fuzz.yaml"] {
        for keep_going in [false, true] {
            let options = ImportOptions::default().keep_going(keep_going);
            if let Ok(import) = read_from(&PathBuf::from(name), bytes, options) {
                prop_assert_eq!(import.summary.imported, import.records.len());
                for record in &import.records {
                    prop_assert!(!record.id.is_empty());
                }
            }
        }
    }
    Ok(())
}

proptest! {
    #[test]
    fn the_importer_survives_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        import_everything(&bytes)?;
    }

    #[test]
    fn the_importer_survives_damaged_record_lines(
        first in any::<Index>(),
        count in 1usize..6,
        edits in proptest::collection::vec((any::<Index>(), any::<u8>()), 0..6),
        cut in proptest::option::of(any::<Index>()),
        compress in any::<bool>(),
    ) {
        let lines = sample_lines();
        let start = first.index(lines.len());
        let text: String = lines.iter().cycle().skip(start).take(count).map(|l| format!("{l}\n")).collect();
        let bytes = if compress { gzip(text.as_bytes()) } else { text.into_bytes() };
        import_everything(&damage(bytes, &edits, cut))?;
    }

    #[test]
    fn the_proposal_readers_survive_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        if let Ok(decoded) = nwip_corpus::decode::decode_text(&bytes) {
            for proposal in [
                Proposal::from_markdown(&decoded.text),
                Proposal::from_json(&decoded.text),
                Proposal::from_text(&decoded.text),
            ]
            .into_iter()
            .flatten()
            {
                prop_assert!(!proposal.title.is_empty());
            }
        }
    }

    #[test]
    fn the_proposal_readers_survive_damaged_proposals(
        which in any::<Index>(),
        edits in proptest::collection::vec((any::<Index>(), any::<u8>()), 0..8),
        cut in proptest::option::of(any::<Index>()),
    ) {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus/proposals");
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
        files.sort();
        let original = std::fs::read(&files[which.index(files.len())]).unwrap();
        let bytes = damage(original, &edits, cut);
        if let Ok(decoded) = nwip_corpus::decode::decode_text(&bytes) {
            let _ = Proposal::from_markdown(&decoded.text);
            let _ = Proposal::from_json(&decoded.text);
            let _ = Proposal::from_text(&decoded.text);
        }
    }

    #[test]
    fn the_identifier_parser_survives_arbitrary_text(text in "\\PC{0,120}") {
        if let Some(id) = DocId::parse(&text) {
            let _ = (id.document_key(), id.family_key(), id.adopted_key(), id.is_draft());
        }
        let _ = (document_key(&text), family_key(&text));
        for id in extract_identifiers(&text) {
            prop_assert!(!id.document_key().is_empty());
        }
    }

    #[test]
    fn the_identifier_parser_survives_identifier_like_text(
        text in "(ISO|IEC|ISO/IEC|IEEE|ITU-T|EN|GOST|JIS|ETSI|BS EN ISO)? ?(DIS|FDIS|CD|TR|TS|PAS|Std|P)? ?[0-9]{0,6}([-.:/][0-9A-Za-z]{0,5}){0,5}( ?[A-Za-z]{0,8})?"
    ) {
        if let Some(id) = DocId::parse(&text) {
            let key = id.document_key();
            prop_assert!(!key.is_empty());
            let _ = (id.family_key(), id.adopted_key());
        }
        let _ = extract_identifiers(&text);
    }
}
