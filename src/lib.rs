//! nwip finds duplicate work in standards development: it checks a New Work Item Proposal against
//! existing standards and the work programmes of ISO, IEC, ITU, IEEE, ETSI, W3C and partner
//! organisations, and says which records overlap, how much, what kind of overlap, why, which
//! committee owns the subject and whom to liaise with.
//!
//! # Brief overview
//! - [`Engine`]: open an index ([`Engine::open`]) and [`Engine::check`] a [`Proposal`] into a
//!   [`Report`] of [`Overlap`]s, best first, each with an [`OverlapKind`] and its [`Evidence`].
//! - [`corpus`]: records, importers (Relaton JSON lines and YAML) and proposals.
//! - [`index`]: the on-disk tantivy index ([`index::IndexBuilder`]).
//! - [`score`]: features, the calibrated model, kinds, evidence, routing.
//! - [`scan`]: batch scans of work programmes ([`Engine::scan`]), clusters and forum shopping,
//!   and the near-duplicate self-join ([`Engine::near_duplicates`]).
//!
//! ```
//! # fn main() -> nwip::Result<()> {
//! use nwip::{Engine, Proposal};
//! let lines = [
//!     r#"{"docid":[{"id":"ISO 17895:2005","type":"ISO","primary":true}],"docstatus":{"stage":{"value":"90"}},
//!         "title":[{"content":"Paints and varnishes - Determination of the volatile organic compound content of low-VOC emulsion paints (in-can VOC)","language":"en"}],
//!         "ext":{"editorialgroup":{"technical_committee":[{"identifier":"ISO/TC 35/SC 9"}]}}}"#,
//!     r#"{"docid":[{"id":"ISO 3679:2015","type":"ISO","primary":true}],
//!         "title":[{"content":"Determination of flash no-flash and flash point - Rapid equilibrium closed cup method","language":"en"}]}"#,
//! ];
//! let records = lines.iter().map(|l| nwip::corpus::Record::from_relaton_json(l).unwrap()).collect();
//! let engine = Engine::from_records(records)?;
//! let proposal = Proposal::from_json(r#"{"title": "Paints and varnishes - Determination of in-can VOC content of low-VOC emulsion paints"}"#)?;
//! let report = engine.check(&proposal)?;
//! let best = &report.overlaps()[0];
//! assert_eq!(best.record().id, "ISO 17895:2005");
//! assert!(best.score() > 0.5);
//! assert_eq!(report.committees[0].committee, "ISO/TC 35/SC 9");
//! # Ok(())
//! # }
//! ```
#![warn(clippy::print_stdout, clippy::print_stderr)]
#![doc(test(attr(deny(warnings))))]

pub mod calibrate;
mod engine;
mod error;
pub mod eval;
mod report;
pub mod scan;
mod timings;

pub use engine::{Engine, EngineBuilder, Ranking, Retrieved};
pub use error::{Error, Result};
pub use nwip_corpus as corpus;
pub use nwip_corpus::{Proposal, Record};
pub use nwip_index as index;
pub use nwip_score as score;
pub use nwip_score::{Evidence, Liaison, Overlap, OverlapKind};
pub use nwip_text as text;
pub use report::{ProposalSummary, Report};
pub use timings::StageTimes;
