//! Text analysis shared by the nwip index and the nwip scorer.
//!
//! One place decides what a *term* is, so that the terms written into the tantivy index and the terms
//! the scorer compares are the same strings. Text is split on anything that is not a letter or a digit,
//! lower-cased, stripped of stop words, stemmed with the Snowball stemmer of its language
//! ([`rust_stemmers`]) and finally folded to ASCII where that is lossless for matching (`é` → `e`).
//! Text in a language without a stemmer is still tokenised and folded, never dropped.
//!
//! # Brief overview
//! - [`Language`]: the languages nwip knows, parsed from ISO 639 codes with [`Language::from_code`].
//! - [`detect_language`]: guesses the language of a piece of text from its script and stop words;
//!   [`detect_language_confidently`] answers only on strong evidence.
//! - [`Analyzer`]: turns text into [`Token`]s; [`analyze_terms`] is the short form;
//!   [`Analyzer::shared_terms`] remembers a text's [`Terms`] for the whole process.
//! - [`memo::Memo`]: a bounded map of answers shared between threads.
//! - [`spelling_variants`]: the British or American spelling of an English word.
//! - [`Sketch`]: a MinHash signature of a text's shingles, for near-duplicate detection.
//! - [`WordVectors`]: multilingual word embeddings; a text's meaning as the weighted mean of its
//!   words' vectors.
//!
//! ```
//! use nwip_text::{analyze_terms, Language};
//! let terms = analyze_terms("Mechanical joint fittings for polyethylene pipes", Language::English);
//! assert_eq!(terms, ["mechan", "joint", "fit", "polyethylen", "pipe"]);
//! let termes = analyze_terms("Raccords mécaniques pour tubes en polyéthylène", Language::French);
//! assert_eq!(termes, ["raccord", "mecan", "tub", "polyethylen"]);
//! ```
#![warn(clippy::print_stdout, clippy::print_stderr)]
#![doc(test(attr(deny(warnings))))]

mod analyze;
mod fold;
mod indexed_vectors;
mod lang;
pub mod memo;
mod sketch;
mod spelling;
mod stopwords;
mod terms;
mod vectors;

pub use analyze::{analyze_terms, Analyzer, Token};
pub use fold::fold_to_ascii;
pub use indexed_vectors::{TableBytes, INDEXED_MAGIC};
pub use lang::{detect_language, detect_language_confidently, Language};
pub use sketch::{hash_str, Sketch, MIN_SHINGLES, SKETCH_BANDS, SKETCH_HASHES};
pub use spelling::spelling_variants;
pub use stopwords::is_stop_word;
pub use terms::Terms;
pub use vectors::{cosine, words, VectorsError, WordVectors, WORD_VECTORS_MAGIC};
