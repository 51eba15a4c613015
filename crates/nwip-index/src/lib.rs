//! The on-disk index of nwip: every record of every catalogue, searchable by text, identifier,
//! family, committee, state and near-duplicate sketch.
//!
//! The index is a tantivy index with one text field per (title or abstract, language), analysed by
//! [`nwip_text`] (English, French and Russian stemming; other languages tokenised and folded),
//! plus string fields for identifier keys, organisation, lifecycle state, committee and ICS codes,
//! the stored record, and LSH bands of each record's MinHash sketch. It knows nothing of scoring:
//! it returns [`Hit`]s, and the scorer decides what they mean.
//!
//! # Brief overview
//! - [`IndexBuilder`]: builds an index aside and swaps it into place ([`layout`]: generations,
//!   the atomic `CURRENT` pointer, the build lock, read-only opening);
//!   [`IndexBuilder::start`] builds from batches of records in bounded memory
//!   ([`StreamingBuild`]); [`IndexBuilder::update`] adds, replaces and removes records in place,
//!   published the same way ([`UpdateSummary`]).
//! - [`NwipIndex`]: an open index; [`IndexSearcher`] runs [`TextQuery`]s and look-ups.
//! - [`IndexMeta`]: format version, sources and counts, in `nwip-meta.json`.
//! - [`NwipIndex::bridge`]: the bilingual term table learned at build time from the records'
//!   aligned English/French titles ([`nwip_bridge`]), stored as `bridge.bin`.
//!
//! ```
//! # fn main() -> nwip_index::Result<()> {
//! use nwip_index::{Filter, IndexBuilder, QueryTerm, TextQuery};
//! use nwip_text::Language;
//! let line = r#"{"docid":[{"id":"ISO 9001:2015","type":"ISO","primary":true}],
//!                "title":[{"content":"Quality management systems - Requirements","language":"en"}]}"#;
//! let index = IndexBuilder::new().threads(1).build_in_ram(vec![nwip_corpus::Record::from_relaton_json(line).unwrap()])?;
//! let query = TextQuery {
//!     terms: vec![QueryTerm {
//!         language: Language::English,
//!         term: "qualiti".into(),
//!         weight: 1.0,
//!         title_only: false,
//!     }],
//!     title_boost: 2.0,
//! };
//! let hits = index.searcher().search_text(&query, &Filter::default(), 10)?;
//! assert_eq!(hits[0].record.id, "ISO 9001:2015");
//! # Ok(())
//! # }
//! ```
//!
//! # Crate features
//! - `failpoints` (off): named failpoints in the build steps ([`BUILD_STEPS`]),
//!   for the crash-consistency tests (`cargo test -p nwip-index --features failpoints`).
#![warn(clippy::print_stdout, clippy::print_stderr)]
#![doc(test(attr(deny(warnings))))]

mod analysis;
mod bridge;
mod builder;
mod collector;
mod columns;
mod directory;
mod error;
mod failpoints;
pub mod layout;
mod meanings;
mod memo;
mod meta;
mod nibbles;
mod schema;
mod searcher;
mod settings;
mod signs;
mod sketches;
mod slots;
mod spool;
mod stream;
mod term_union;
mod update;
mod vectors;
mod whitening;

pub use bridge::{
    default_dictionary, read_dictionary, BRIDGE_FILE, DEFAULT_DICTIONARY, DICTIONARY_ENV,
};
pub use builder::{sketch_text, IndexBuilder, DEFAULT_MEMORY_PER_THREAD};
pub use error::{Error, Result};
pub use failpoints::BUILD_STEPS;
pub use layout::{BuildLock, CURRENT_FILE, LOCK_FILE};
pub use meanings::{MeaningFile, MEANING_DIMS, MIN_MEANING_WORDS};
pub use meta::{IndexMeta, SourceFile, FORMAT_VERSION, META_FILE};
pub use searcher::{
    indexed_languages, searched_language, Exclusion, Filter, Hit, IndexSearcher, Located,
    NwipIndex, QueryTerm, TextQuery,
};
pub use sketches::SketchFile;
pub use stream::StreamingBuild;
pub use update::UpdateSummary;
pub use vectors::{default_word_vectors, WORD_VECTORS_ENV, WORD_VECTORS_FILE};
