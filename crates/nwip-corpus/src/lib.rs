//! Data model and importers of nwip: the records of existing standards and projects, and proposals.
//!
//! Every organisation's catalogue becomes the same [`Record`]: identifier (raw and normalised),
//! organisation, lifecycle [`Stage`], titles and abstracts per language, [`Committee`], ICS codes and
//! relations. Records are imported from Relaton JSON lines (plain or gzipped, both schema
//! generations) or Relaton YAML; a bad record is reported with file, line and field and skipped.
//!
//! # Brief overview
//! - [`read_dir`], [`read_file`], [`read_paths`]: import record files into an [`Import`].
//! - [`Record`], [`Stage`]/[`Lifecycle`], [`Committee`], [`ics`]: the model.
//! - [`docid`]: identifier parsing and the edition-independent document key.
//! - [`registry`]: every organisation nwip knows: names, kinds, publishers, grammars, stages.
//! - [`identity`]: the document every record belongs to, its role in it, and a document's state.
//! - [`Proposal`]: an incoming draft, read from Markdown (ISO Form 4 shape), JSON or text.
//! - [`decode`]: text in UTF-8, UTF-16 or a legacy encoding, binary files refused;
//!   [`limits`]: the size and nesting limits of input.
//!
//! ```
//! let line = r#"{"docid":[{"id":"ISO 9001:2015","type":"ISO","primary":true}],
//!                "title":[{"content":"Quality management systems - Requirements","language":"en"}]}"#;
//! let record = nwip_corpus::Record::from_relaton_json(line).unwrap();
//! assert_eq!(record.key, nwip_corpus::docid::document_key("ISO 9001"));
//! ```
#![warn(clippy::print_stdout, clippy::print_stderr)]
#![doc(test(attr(deny(warnings))))]

pub mod committee;
pub mod decode;
pub mod docid;
mod error;
pub mod ics;
pub mod identity;
mod import;
pub mod limits;
pub mod proposal;
mod record;
pub mod registry;
mod relaton;
mod stage;

pub use committee::{normalize_committee, top_level_committee, Committee};
pub use error::{CorpusError, ImportError, RecordError, Result};
pub use import::{
    is_record_file, read_dir, read_dir_with, read_file, read_file_with, read_files,
    read_files_with, read_from, read_paths, read_paths_in_batches, read_paths_with, Import,
    ImportOptions, ImportSummary,
};
pub use nwip_text::Language;
pub use proposal::{Proposal, ProposalError};
pub use record::{LangText, Record, Relation, RelationKind};
pub use relaton::clean_text;
pub use stage::{Lifecycle, Stage};
