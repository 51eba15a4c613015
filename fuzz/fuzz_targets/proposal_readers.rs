//! Fuzzes the proposal readers: any bytes are decoded (or refused as binary) and read as
//! Markdown, JSON and plain text. They must never panic, and a proposal read has a title.
#![no_main]

use libfuzzer_sys::fuzz_target;
use nwip_corpus::Proposal;

fuzz_target!(|data: &[u8]| {
    let Ok(decoded) = nwip_corpus::decode::decode_text(data) else { return };
    for proposal in [
        Proposal::from_markdown(&decoded.text),
        Proposal::from_json(&decoded.text),
        Proposal::from_text(&decoded.text),
    ]
    .into_iter()
    .flatten()
    {
        assert!(!proposal.title.is_empty());
    }
});
