//! Fuzzes the record importer: any bytes, as a JSON lines file and as a YAML file, strictly and
//! with `--keep-going`, gzipped or not (detected from the content). It must never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use nwip_corpus::{read_from, ImportOptions};

fuzz_target!(|data: &[u8]| {
    for name in ["fuzz.jsonl", "fuzz.yaml"] {
        for keep_going in [false, true] {
            let options = ImportOptions::default().keep_going(keep_going);
            if let Ok(import) = read_from(name.as_ref(), data, options) {
                assert_eq!(import.summary.imported, import.records.len());
            }
        }
    }
});
