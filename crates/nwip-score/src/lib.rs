//! Pure overlap scoring for nwip: from a proposal and retrieved candidates to ranked, typed and
//! explained overlaps, committee routing and liaisons. No IO, no tantivy: every function here is a
//! function of its inputs, so it is tested in memory.
//!
//! # Brief overview
//! - [`Profile`]: the analysed proposal; [`TermWeights`] from any [`TermStatistics`];
//!   [`Profile::bridge`] carries its terms into other languages through a
//!   [`nwip_bridge::BridgeTable`] ([`BridgeOptions`]).
//! - [`Candidate`] → [`rank`] → [`Overlap`] (score in [0, 1], [`OverlapKind`], [`Evidence`]);
//!   [`thinly_carried`] tells which candidates one translated word alone brought.
//! - [`Features`] and the calibrated [`Model`] (fitted with [`Model::fit`], a logistic
//!   regression, or [`Model::fit_boosted`], gradient-boosted trees: [`fit_trees`]).
//! - [`suggest_committees`], [`liaisons`], [`cross_check`]: routing and liaison.
//!
//! ```
//! use nwip_corpus::{Proposal, Record};
//! use nwip_score::{rank, suggest_committees, Candidate, Model, Profile, Signals, TermWeights};
//! let analyzer = nwip_text::Analyzer::new();
//! let proposal = Proposal { title: "Paints and varnishes - Determination of VOC content".into(), ..Default::default() };
//! let profile = Profile::from_proposal(&proposal, &analyzer);
//! let line = r#"{"docid":[{"id":"ISO 11890-2:2020","type":"ISO","primary":true}],
//!   "title":[{"content":"Paints and varnishes - Determination of volatile organic compounds (VOC) content","language":"en"}],
//!   "ext":{"editorialgroup":{"technical_committee":[{"identifier":"ISO/TC 35/SC 9"}]}}}"#;
//! let candidates = vec![Candidate::new(Record::from_relaton_json(line).unwrap(), Signals::default())];
//! let overlaps = rank(&profile, candidates, &TermWeights::default(), &Model::shipped(), &analyzer);
//! let committees = suggest_committees(&overlaps, None, 20, &[]);
//! assert_eq!(committees[0].committee, "ISO/TC 35/SC 9");
//! ```
#![warn(clippy::print_stdout, clippy::print_stderr)]
#![doc(test(attr(deny(warnings))))]

mod boost;
mod bridge;
mod carried;
mod comparison;
mod evidence;
mod features;
mod kind;
mod lineage;
mod meaning;
mod model;
mod overlap;
mod profile;
mod routing;

pub use boost::{fit_trees, BoostOptions, Node, Tree};
pub use bridge::{BridgeOptions, BRIDGE_LANGUAGES, MIN_TRANSLITERATION_COSINE};
pub use carried::{thinly_carried, MIN_CARRIED_TERMS, NEAR_WORD_COSINE, SHORT_PROPOSAL_TERMS};
pub use evidence::{Evidence, FeatureContribution, SharedTerm, TranslatedTerm};
pub use features::{
    compute_features, leads, org_matches, Features, RecordText, Retrieval, MIN_LEAD_RECORDS,
};
pub use kind::{
    classify, settle_clear_best, Direction, OverlapKind, CLEAR_LEAD, SAME_SUBJECT_SCORE,
};
pub use lineage::note_lineages;
pub use meaning::Meaning;
pub use model::{sigmoid, Example, Model, PreparedModel};
pub use overlap::{
    by_document, explain, explain_prepared, featurize, rank, rank_prepared, tied_ranks, Candidate,
    Overlap, ScoredRecord, Signals,
};
pub use profile::{
    subject_purpose, BridgedTerm, Profile, QuerySelection, TermStatistics, TermWeights,
    WeightedTerm,
};
pub use routing::{
    cross_check, liaisons, suggest_committees, CommitteeSuggestion, CrossCheck, Liaison,
};
