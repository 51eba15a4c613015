//! Fuzzes the identifier parser: any text is parsed as one identifier, keyed, and scanned for the
//! identifiers it names. It must never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use nwip_corpus::docid::{document_key, extract_identifiers, family_key, DocId};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Some(id) = DocId::parse(text) {
        let _ = (id.document_key(), id.family_key(), id.adopted_key(), id.is_draft());
    }
    let _ = (document_key(text), family_key(text));
    for id in extract_identifiers(text) {
        assert!(!id.document_key().is_empty());
    }
});
