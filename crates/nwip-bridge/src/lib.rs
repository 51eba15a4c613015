//! A bilingual term table learned from the corpus itself, so that a proposal written in French (or
//! Russian) finds records that exist only in English, and the other way round.
//!
//! ISO and IEC records carry the English and French titles of the same document: tens of
//! thousands of aligned title pairs. [`ParallelCorpus::from_records`] collects them (analysed into
//! stems by [`nwip_text::Analyzer`], so the table speaks the index's terms), and
//! [`BridgeTable::learn`] runs IBM Model 1 (a few EM iterations) in both directions and keeps the
//! translations both directions agree on: the score of `fr → en` is the geometric mean of
//! `t(en | fr)` and `t(fr | en)`, which removes the rare-word "garbage collector" alignments
//! that one direction alone produces. No network and no downloaded model: learning is a pure
//! function of the records and takes a few seconds on the full corpus.
//!
//! # Brief overview
//! - [`ParallelCorpus`]: aligned term sequences per language pair.
//! - [`AlignerConfig`]: iterations, thresholds, how many translations to keep.
//! - [`BridgeTable`]: `translations(from, to, term)`; [`BridgeTable::to_bytes`] /
//!   [`BridgeTable::from_bytes`] for the index's `bridge.bin` side file.
//!
//! ```
//! use nwip_bridge::{AlignerConfig, BridgeTable, ParallelCorpus};
//! use nwip_text::{Analyzer, Language};
//! let analyzer = Analyzer::new();
//! let mut corpus = ParallelCorpus::default();
//! for (en, fr) in [
//!     ("Safety of machinery", "Sécurité des machines"),
//!     ("Safety of toys", "Sécurité des jouets"),
//!     ("Machinery noise", "Bruit des machines"),
//!     ("Toys: chemical safety", "Jouets: sécurité chimique"),
//! ] {
//!     corpus.add_texts(&analyzer, Language::English, en, Language::French, fr);
//! }
//! let table = BridgeTable::learn(&corpus, &AlignerConfig::default());
//! let best = &table.translations(Language::French, Language::English, "secur")[0];
//! assert_eq!(best.term, "safeti");
//! ```
#![warn(clippy::print_stdout, clippy::print_stderr)]
#![doc(test(attr(deny(warnings))))]

use std::collections::{BTreeMap, HashMap, HashSet};

use nwip_corpus::Record;
use nwip_text::{Analyzer, Language};

mod dictionary;
pub mod inflect;
mod translit;

pub use dictionary::{dictd_number, Dictionary, DictionaryEntry};
pub use translit::{latin_skeleton, russian_skeleton, Transliterations};

/// Errors of this crate.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum BridgeError {
    /// The bytes are not a bridge table of this version.
    #[error("not a bridge table (bad header or version)")]
    BadHeader,
    /// The table ends in the middle of an entry, or an entry is malformed.
    #[error("corrupt bridge table at byte {offset}")]
    Corrupt {
        /// Where reading failed.
        offset: usize,
    },
    /// A line of a dictionary's index cannot be read.
    #[error("dictionary index line {line}: {message}")]
    Dictionary {
        /// The line, 1-based.
        line: usize,
        /// What is wrong with it.
        message: String,
    },
}

/// `Result` with [`BridgeError`].
pub type Result<T, E = BridgeError> = std::result::Result<T, E>;

/// One translation of a term.
#[derive(Debug, Clone, PartialEq)]
pub struct Translation {
    /// The term in the target language (analysed, like an index term).
    pub term: String,
    /// Its score in (0, 1]: the geometric mean of both directions' translation probabilities.
    pub probability: f32,
}

/// Settings of the word aligner.
#[derive(Debug, Clone, PartialEq)]
pub struct AlignerConfig {
    /// EM iterations of IBM Model 1, per direction.
    pub iterations: usize,
    /// Translations scoring below this are dropped.
    pub min_probability: f32,
    /// At most this many translations are kept per term.
    pub max_translations: usize,
    /// A term pair must co-occur in at least this many aligned pairs.
    pub min_cooccurrence: u32,
}

impl Default for AlignerConfig {
    fn default() -> Self {
        AlignerConfig {
            iterations: 6,
            min_probability: 0.08,
            max_translations: 3,
            min_cooccurrence: 2,
        }
    }
}

/// One aligned pair: the distinct terms of both sides, as ids of their language's vocabulary,
/// sorted (what Model 1 reads).
type TermPair = (Box<[u32]>, Box<[u32]>);

/// The aligned texts of one language pair: each side's vocabulary (ids in the order the terms
/// first came) and every pair's terms as ids. Kept as ids, not strings, a pair costs a build
/// some 100 bytes instead of a kilobyte: the pairs are kept until the table is learned.
#[derive(Debug, Clone, Default)]
struct AlignedPairs {
    left: Vocabulary,
    right: Vocabulary,
    pairs: Vec<TermPair>,
    /// (fingerprint, position in `pairs`) of every pair kept, largest fingerprint on top: once
    /// the sample is full, a new pair takes the place of that one if its fingerprint is smaller.
    kept: std::collections::BinaryHeap<(u64, usize)>,
}

/// At most this many aligned pairs of one language pair are kept to learn from (the full shared
/// corpus has 72,658 in all): beyond it, the pairs with the smallest fingerprints, a uniform
/// sample whatever the order records come in. Model 1 holds a slot for every word pair of every
/// aligned pair it learns from, so without a bound a build's memory grew with the corpus (a
/// 3.45-million-record corpus's 726,000 pairs took gigabytes while the table was learned).
pub const MAX_ALIGNED_PAIRS: usize = 150_000;

/// Aligned texts: for each language pair, the analysed terms of both sides of every pair (a
/// sample of at most [`MAX_ALIGNED_PAIRS`] of them).
#[derive(Debug, Clone)]
pub struct ParallelCorpus {
    pairs: BTreeMap<(Language, Language), AlignedPairs>,
    seen: HashSet<u64>,
    max_pairs: usize,
}

impl Default for ParallelCorpus {
    fn default() -> ParallelCorpus {
        ParallelCorpus::with_max_pairs(MAX_ALIGNED_PAIRS)
    }
}

/// Pairs longer than this (terms on one side) are left out: Model 1 costs |a|·|b| a pair.
const MAX_PAIR_TERMS: usize = 40;

impl ParallelCorpus {
    /// An empty corpus that keeps at most `max_pairs` aligned pairs of each language pair
    /// (those with the smallest fingerprints; [`ParallelCorpus::default`] keeps
    /// [`MAX_ALIGNED_PAIRS`]).
    ///
    /// ```
    /// use nwip_bridge::ParallelCorpus;
    /// use nwip_text::Language::{English, French};
    /// let mut corpus = ParallelCorpus::with_max_pairs(2);
    /// for (en, fr) in [("toy", "jouet"), ("safety", "sécurité"), ("paper", "papier")] {
    ///     corpus.add_terms(English, vec![en.into()], French, vec![fr.into()]);
    /// }
    /// assert_eq!(corpus.len(), 2);
    /// ```
    pub fn with_max_pairs(max_pairs: usize) -> ParallelCorpus {
        ParallelCorpus { pairs: BTreeMap::new(), seen: HashSet::new(), max_pairs }
    }

    /// Collects the aligned titles (and short aligned abstracts) of `records` in every pair of
    /// English, French and Russian. Identical pairs are kept once; a side that is the same text as
    /// the other (a French label holding English text) is skipped.
    pub fn from_records(records: &[Record], analyzer: &Analyzer) -> ParallelCorpus {
        let mut corpus = ParallelCorpus::default();
        for record in records {
            corpus.add_record(analyzer, record);
        }
        corpus
    }

    /// Adds the aligned titles and abstracts of one record, as [`ParallelCorpus::from_records`]
    /// does for each: a build fed in batches keeps only these term pairs, not the records.
    pub fn add_record(&mut self, analyzer: &Analyzer, record: &Record) {
        const PAIRS: [(Language, Language); 3] = [
            (Language::English, Language::French),
            (Language::English, Language::Russian),
            (Language::French, Language::Russian),
        ];
        for (left, right) in PAIRS {
            if let (Some(a), Some(b)) = (record.title_in(left), record.title_in(right)) {
                self.add_texts(analyzer, left, a, right, b);
            }
            if let (Some(a), Some(b)) = (record.abstract_in(left), record.abstract_in(right)) {
                self.add_texts(analyzer, left, a, right, b);
            }
        }
    }

    /// Adds one aligned pair of texts, analysed in their languages. Returns whether it was kept.
    pub fn add_texts(
        &mut self,
        analyzer: &Analyzer,
        left: Language,
        left_text: &str,
        right: Language,
        right_text: &str,
    ) -> bool {
        let words = |text: &str| text.split_whitespace().count();
        if left_text.trim() == right_text.trim()
            || words(left_text) > 2 * MAX_PAIR_TERMS
            || words(right_text) > 2 * MAX_PAIR_TERMS
        {
            return false;
        }
        let a = analyzer.terms(left_text, left);
        let b = analyzer.terms(right_text, right);
        self.add_terms(left, a, right, b)
    }

    /// Adds one aligned pair of analysed term sequences. Returns whether it was kept (not empty,
    /// not too long, not seen before, and in the sample: see [`ParallelCorpus::with_max_pairs`]).
    pub fn add_terms(
        &mut self,
        left: Language,
        left_terms: Vec<String>,
        right: Language,
        right_terms: Vec<String>,
    ) -> bool {
        let too_long = left_terms.len() > MAX_PAIR_TERMS || right_terms.len() > MAX_PAIR_TERMS;
        if left_terms.is_empty() || right_terms.is_empty() || too_long || left == right {
            return false;
        }
        let (key, a, b) = if left < right {
            ((left, right), left_terms, right_terms)
        } else {
            ((right, left), right_terms, left_terms)
        };
        let fingerprint =
            nwip_text::hash_str(&format!("{}|{}|{}|{}", key.0, key.1, a.join(" "), b.join(" ")));
        if !self.seen.insert(fingerprint) {
            return false;
        }
        let aligned = self.pairs.entry(key).or_default();
        let position = if aligned.pairs.len() < self.max_pairs {
            aligned.pairs.len()
        } else {
            match aligned.kept.peek() {
                Some(&(largest, position)) if fingerprint < largest => {
                    aligned.kept.pop();
                    position
                }
                _ => return false,
            }
        };
        let pair = (aligned.left.encode(&a), aligned.right.encode(&b));
        if position == aligned.pairs.len() {
            aligned.pairs.push(pair);
        } else {
            aligned.pairs[position] = pair;
        }
        aligned.kept.push((fingerprint, position));
        true
    }

    /// Returns the number of aligned pairs of every language pair.
    pub fn len(&self) -> usize {
        self.pairs.values().map(|aligned| aligned.pairs.len()).sum()
    }

    /// Tells whether no pair was collected.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Returns the number of aligned pairs per language pair.
    pub fn counts(&self) -> Vec<((Language, Language), usize)> {
        self.pairs.iter().map(|(key, aligned)| (*key, aligned.pairs.len())).collect()
    }
}

/// Translations of analysed terms between languages, learned from a [`ParallelCorpus`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BridgeTable {
    directions: BTreeMap<(Language, Language), HashMap<String, Vec<Translation>>>,
    pairs: usize,
}

const MAGIC: &[u8; 8] = b"NWIPBR01";

impl BridgeTable {
    /// Learns the table: IBM Model 1 in both directions for every language pair of `corpus`, the
    /// two directions combined by geometric mean.
    pub fn learn(corpus: &ParallelCorpus, config: &AlignerConfig) -> BridgeTable {
        let mut table = BridgeTable { directions: BTreeMap::new(), pairs: corpus.len() };
        for (&(left, right), aligned) in &corpus.pairs {
            let (forward, backward) = align_pair(aligned, config);
            if !forward.is_empty() {
                table.directions.insert((left, right), forward);
            }
            if !backward.is_empty() {
                table.directions.insert((right, left), backward);
            }
        }
        table
    }

    /// Builds a table from explicit entries (tests and tools): `(from, to, term, translations)`.
    pub fn from_entries(
        entries: impl IntoIterator<Item = (Language, Language, String, Vec<Translation>)>,
    ) -> BridgeTable {
        let mut table = BridgeTable::default();
        for (from, to, term, translations) in entries {
            table.directions.entry((from, to)).or_default().insert(term, translations);
        }
        table
    }

    /// Adds `translations` of `term` from `from` into `to` unless the table already translates
    /// it (what the corpus taught wins over a seed). Returns whether they were added.
    pub fn seed(
        &mut self,
        from: Language,
        to: Language,
        term: String,
        translations: Vec<Translation>,
    ) -> bool {
        if translations.is_empty() {
            return false;
        }
        let terms = self.directions.entry((from, to)).or_default();
        if terms.contains_key(&term) {
            return false;
        }
        terms.insert(term, translations);
        true
    }

    /// Returns the translations of `term` from `from` into `to`, best first (empty when unknown).
    pub fn translations(&self, from: Language, to: Language, term: &str) -> &[Translation] {
        self.directions
            .get(&(from, to))
            .and_then(|terms| terms.get(term))
            .map_or(&[], Vec::as_slice)
    }

    /// Tells whether the table translates anything from `from` into `to`.
    pub fn has_direction(&self, from: Language, to: Language) -> bool {
        self.directions.contains_key(&(from, to))
    }

    /// Returns every direction the table covers, with its number of source terms.
    pub fn directions(&self) -> Vec<((Language, Language), usize)> {
        self.directions.iter().map(|(key, terms)| (*key, terms.len())).collect()
    }

    /// Returns the number of source terms over all directions.
    pub fn len(&self) -> usize {
        self.directions.values().map(HashMap::len).sum()
    }

    /// Tells whether the table translates nothing.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Returns how many aligned pairs the table was learned from.
    pub fn learned_from(&self) -> usize {
        self.pairs
    }

    /// Encodes the table: a magic header, the pair count, then per direction its languages and
    /// entries (term, then each translation and its score), sorted so equal tables give equal
    /// bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&(self.pairs as u64).to_le_bytes());
        out.extend_from_slice(&(self.directions.len() as u32).to_le_bytes());
        for (&(from, to), terms) in &self.directions {
            put_str(&mut out, from.code());
            put_str(&mut out, to.code());
            out.extend_from_slice(&(terms.len() as u32).to_le_bytes());
            let mut sorted: Vec<_> = terms.iter().collect();
            sorted.sort_by(|a, b| a.0.cmp(b.0));
            for (term, translations) in sorted {
                put_str(&mut out, term);
                out.push(translations.len().min(255) as u8);
                for translation in translations.iter().take(255) {
                    put_str(&mut out, &translation.term);
                    out.extend_from_slice(&translation.probability.to_le_bytes());
                }
            }
        }
        out
    }

    /// Decodes a table written by [`BridgeTable::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<BridgeTable> {
        let body = bytes.strip_prefix(MAGIC.as_slice()).ok_or(BridgeError::BadHeader)?;
        let mut reader = Reader { bytes: body, offset: 0 };
        let pairs = reader.u64()? as usize;
        let direction_count = reader.u32()?;
        let mut directions = BTreeMap::new();
        for _ in 0..direction_count {
            let from = Language::from_code(reader.str()?);
            let to = Language::from_code(reader.str()?);
            let count = reader.u32()? as usize;
            let mut terms = HashMap::with_capacity(count);
            for _ in 0..count {
                let term = reader.str()?.to_string();
                let translation_count = reader.u8()?;
                let mut translations = Vec::with_capacity(usize::from(translation_count));
                for _ in 0..translation_count {
                    let target = reader.str()?.to_string();
                    let probability =
                        f32::from_le_bytes(reader.take(4)?.try_into().unwrap_or([0; 4]));
                    translations.push(Translation { term: target, probability });
                }
                terms.insert(term, translations);
            }
            directions.insert((from, to), terms);
        }
        if reader.offset != body.len() {
            return Err(BridgeError::Corrupt { offset: MAGIC.len() + reader.offset });
        }
        Ok(BridgeTable { directions, pairs })
    }
}

fn put_str(out: &mut Vec<u8>, text: &str) {
    let bytes = &text.as_bytes()[..text.len().min(u16::MAX as usize)];
    out.extend_from_slice(&(bytes.len() as u16).to_le_bytes());
    out.extend_from_slice(bytes);
}

struct Reader<'a> {
    bytes: &'a [u8],
    offset: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, count: usize) -> Result<&'a [u8]> {
        let end = self.offset + count;
        let slice = self
            .bytes
            .get(self.offset..end)
            .ok_or(BridgeError::Corrupt { offset: MAGIC.len() + self.offset })?;
        self.offset = end;
        Ok(slice)
    }
    fn u8(&mut self) -> Result<u8> {
        Ok(self.take(1)?[0])
    }
    fn u32(&mut self) -> Result<u32> {
        Ok(u32::from_le_bytes(self.take(4)?.try_into().unwrap_or([0; 4])))
    }
    fn u64(&mut self) -> Result<u64> {
        Ok(u64::from_le_bytes(self.take(8)?.try_into().unwrap_or([0; 8])))
    }
    fn str(&mut self) -> Result<&'a str> {
        let offset = self.offset;
        let length = u16::from_le_bytes(self.take(2)?.try_into().unwrap_or([0; 2]));
        std::str::from_utf8(self.take(usize::from(length))?)
            .map_err(|_| BridgeError::Corrupt { offset: MAGIC.len() + offset })
    }
}

/// Interned words of one language; id 0 is the empty (NULL) word of Model 1.
#[derive(Debug, Clone)]
struct Vocabulary {
    ids: HashMap<String, u32>,
    words: Vec<String>,
}

impl Default for Vocabulary {
    /// A vocabulary of NULL alone (id 0).
    fn default() -> Vocabulary {
        Vocabulary { ids: HashMap::new(), words: vec![String::new()] }
    }
}

impl Vocabulary {
    /// The ids of `terms` (new terms numbered as they come), sorted and distinct.
    fn encode(&mut self, terms: &[String]) -> Box<[u32]> {
        let mut ids: Vec<u32> = terms.iter().map(|term| self.id(term)).collect();
        ids.sort_unstable();
        ids.dedup();
        ids.into_boxed_slice()
    }

    fn id(&mut self, word: &str) -> u32 {
        if let Some(id) = self.ids.get(word) {
            return *id;
        }
        let id = self.words.len() as u32;
        self.words.push(word.to_string());
        self.ids.insert(word.to_string(), id);
        id
    }
}

type Directed = HashMap<String, Vec<Translation>>;

/// Aligns one language pair both ways; returns (left → right, right → left) translations.
fn align_pair(aligned: &AlignedPairs, config: &AlignerConfig) -> (Directed, Directed) {
    let AlignedPairs { left: left_vocabulary, right: right_vocabulary, pairs, .. } = aligned;
    let model = Model1::train(pairs, config.iterations);
    // Score every co-occurring (left, right) pair once, by the geometric mean of both directions.
    let mut left_out: HashMap<u32, Vec<(u32, f32)>> = HashMap::new();
    let mut right_out: HashMap<u32, Vec<(u32, f32)>> = HashMap::new();
    for (slot, &(source, target)) in model.words.iter().enumerate() {
        if source == 0 || target == 0 || model.cooccurrence[slot] < config.min_cooccurrence {
            continue;
        }
        // A number is no word's translation, nor a word a number's: a rare word aligned with
        // the number of the only standard it names in both languages ("oiseaux" with 2418)
        // would search for that number.
        let numeral = |word: &str| word.bytes().all(|b| b.is_ascii_digit());
        let (source_word, target_word) =
            (&left_vocabulary.words[source as usize], &right_vocabulary.words[target as usize]);
        if numeral(source_word) != numeral(target_word) {
            continue;
        }
        let score = (model.forward[slot] * model.backward[slot]).sqrt();
        if score >= config.min_probability {
            left_out.entry(source).or_default().push((target, score));
            right_out.entry(target).or_default().push((source, score));
        }
    }
    let finish = |out: HashMap<u32, Vec<(u32, f32)>>, from: &Vocabulary, to: &Vocabulary| {
        out.into_iter()
            .map(|(source, mut candidates)| {
                candidates.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
                candidates.truncate(config.max_translations);
                let translations = candidates
                    .into_iter()
                    .map(|(target, probability)| Translation {
                        term: to.words[target as usize].clone(),
                        probability,
                    })
                    .collect();
                (from.words[source as usize].clone(), translations)
            })
            .collect()
    };
    (
        finish(left_out, left_vocabulary, right_vocabulary),
        finish(right_out, right_vocabulary, left_vocabulary),
    )
}

/// IBM Model 1 in both directions over one table of co-occurring word pairs ("slots"):
/// `forward[slot]` is `t(right | left)`, `backward[slot]` is `t(left | right)`. Each aligned pair
/// is a matrix of slots, rows = right words (NULL first), columns = left words (NULL first).
struct Model1 {
    /// (left word, right word) of every slot; 0 is NULL.
    words: Vec<(u32, u32)>,
    forward: Vec<f32>,
    backward: Vec<f32>,
    cooccurrence: Vec<u32>,
}

/// A fast hasher for the u64 slot keys (multiplicative, like rustc's FxHash).
#[derive(Default)]
struct SlotHasher(u64);

impl std::hash::Hasher for SlotHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for byte in bytes {
            self.0 =
                (self.0.rotate_left(5) ^ u64::from(*byte)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }
    fn write_u64(&mut self, value: u64) {
        self.0 = (self.0.rotate_left(5) ^ value).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

type SlotMap = HashMap<u64, u32, std::hash::BuildHasherDefault<SlotHasher>>;

impl Model1 {
    fn train(pairs: &[TermPair], iterations: usize) -> Model1 {
        let mut slots = SlotMap::default();
        let mut words: Vec<(u32, u32)> = Vec::new();
        let mut cooccurrence: Vec<u32> = Vec::new();
        let mut matrices: Vec<u32> = Vec::new();
        let mut shapes: Vec<(usize, usize)> = Vec::with_capacity(pairs.len());
        for (left, right) in pairs {
            for &r in std::iter::once(&0).chain(right.iter()) {
                for &l in std::iter::once(&0).chain(left.iter()) {
                    let key = (u64::from(l) << 32) | u64::from(r);
                    let slot = *slots.entry(key).or_insert_with(|| {
                        words.push((l, r));
                        cooccurrence.push(0);
                        (words.len() - 1) as u32
                    });
                    cooccurrence[slot as usize] += 1;
                    matrices.push(slot);
                }
            }
            shapes.push((left.len() + 1, right.len() + 1));
        }
        drop(slots);
        let left_count = words.iter().map(|w| w.0).max().map_or(1, |m| m as usize + 1);
        let right_count = words.iter().map(|w| w.1).max().map_or(1, |m| m as usize + 1);
        let mut forward = vec![1.0f32; words.len()];
        let mut backward = vec![1.0f32; words.len()];
        let mut counts = vec![0.0f32; words.len()];
        for _ in 0..iterations {
            // Forward: each right word (rows 1..) is generated by one left word or NULL.
            counts.iter_mut().for_each(|c| *c = 0.0);
            let mut offset = 0;
            for &(width, height) in &shapes {
                for row in 1..height {
                    let cells = &matrices[offset + row * width..offset + (row + 1) * width];
                    let denominator: f32 = cells.iter().map(|&s| forward[s as usize]).sum();
                    if denominator > 0.0 {
                        for &s in cells {
                            counts[s as usize] += forward[s as usize] / denominator;
                        }
                    }
                }
                offset += width * height;
            }
            normalise(&mut forward, &counts, &words, left_count, |w| w.0);
            // Backward: each left word (columns 1..) is generated by one right word or NULL.
            counts.iter_mut().for_each(|c| *c = 0.0);
            let mut offset = 0;
            for &(width, height) in &shapes {
                for column in 1..width {
                    let denominator: f32 = (0..height)
                        .map(|row| backward[matrices[offset + row * width + column] as usize])
                        .sum();
                    if denominator > 0.0 {
                        for row in 0..height {
                            let s = matrices[offset + row * width + column] as usize;
                            counts[s] += backward[s] / denominator;
                        }
                    }
                }
                offset += width * height;
            }
            normalise(&mut backward, &counts, &words, right_count, |w| w.1);
        }
        Model1 { words, forward, backward, cooccurrence }
    }
}

/// Sets `probability[slot] = counts[slot] / Σ counts over the slots with the same conditioning
/// word` (the M step).
fn normalise(
    probability: &mut [f32],
    counts: &[f32],
    words: &[(u32, u32)],
    word_count: usize,
    given: impl Fn(&(u32, u32)) -> u32,
) {
    let mut totals = vec![0.0f32; word_count];
    for (slot, count) in counts.iter().enumerate() {
        totals[given(&words[slot]) as usize] += count;
    }
    for (slot, value) in probability.iter_mut().enumerate() {
        let total = totals[given(&words[slot]) as usize];
        *value = if total > 0.0 { counts[slot] / total } else { 0.0 };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tiny_table() -> BridgeTable {
        let analyzer = Analyzer::new();
        let mut corpus = ParallelCorpus::default();
        for (en, fr) in [
            (
                "Safety of machinery - General principles",
                "Sécurité des machines - Principes généraux",
            ),
            (
                "Safety of toys - Mechanical properties",
                "Sécurité des jouets - Propriétés mécaniques",
            ),
            ("Machinery - Noise measurement", "Machines - Mesurage du bruit"),
            ("Toys - Chemical safety", "Jouets - Sécurité chimique"),
            ("Road vehicles - Noise measurement", "Véhicules routiers - Mesurage du bruit"),
            ("Road vehicles - Functional safety", "Véhicules routiers - Sécurité fonctionnelle"),
        ] {
            assert!(corpus.add_texts(&analyzer, Language::English, en, Language::French, fr));
        }
        BridgeTable::learn(&corpus, &AlignerConfig::default())
    }

    #[test]
    fn a_full_sample_keeps_the_smallest_fingerprints_whatever_the_order() {
        let pairs: Vec<(String, String)> =
            (0..40).map(|n| (format!("english{n}"), format!("french{n}"))).collect();
        let kept = |order: &mut dyn Iterator<Item = &(String, String)>| {
            let mut corpus = ParallelCorpus::with_max_pairs(10);
            for (en, fr) in order {
                corpus.add_terms(
                    Language::English,
                    vec![en.clone()],
                    Language::French,
                    vec![fr.clone()],
                );
            }
            let aligned = &corpus.pairs[&(Language::English, Language::French)];
            let mut words: Vec<String> = aligned
                .pairs
                .iter()
                .map(|(left, _)| aligned.left.words[left[0] as usize].clone())
                .collect();
            words.sort();
            (corpus.len(), words)
        };
        let forward = kept(&mut pairs.iter());
        let backward = kept(&mut pairs.iter().rev());
        assert_eq!(forward.0, 10);
        assert_eq!(forward, backward);
        // Under the bound nothing is left out.
        let mut corpus = ParallelCorpus::default();
        for (en, fr) in &pairs {
            assert!(corpus.add_terms(
                Language::English,
                vec![en.clone()],
                Language::French,
                vec![fr.clone()]
            ));
        }
        assert_eq!(corpus.len(), 40);
    }

    #[test]
    fn learns_securite_safety_and_bruit_noise_both_ways() {
        let table = tiny_table();
        let best = |from, to, term| table.translations(from, to, term)[0].term.clone();
        assert_eq!(best(Language::French, Language::English, "secur"), "safeti");
        assert_eq!(best(Language::English, Language::French, "safeti"), "secur");
        assert_eq!(best(Language::French, Language::English, "bruit"), "nois");
        // "véhicules routiers" always comes with "road vehicles": either word may come first.
        let vehicle = table.translations(Language::French, Language::English, "vehicul");
        assert!(vehicle.iter().any(|t| t.term == "vehicl"), "{vehicle:?}");
        assert!(table.translations(Language::French, Language::English, "absent").is_empty());
        assert_eq!(table.learned_from(), 6);
    }

    #[test]
    fn a_word_is_never_translated_into_a_number() {
        // "Oiseaux" comes twice, each time beside the number of the standard the title names:
        // Model 1 would align it with the number as well as with "birds".
        let analyzer = Analyzer::new();
        let mut corpus = ParallelCorpus::default();
        for (en, fr) in [
            ("Birds - Tests to ISO 2418", "Oiseaux - Essais selon l'ISO 2418"),
            ("Birds - Methods to ISO 2418", "Oiseaux - Méthodes selon l'ISO 2418"),
            ("Marking to ISO 2418", "Marquage selon l'ISO 2418"),
            ("Leather - Tests", "Cuir - Essais"),
        ] {
            assert!(corpus.add_texts(&analyzer, Language::English, en, Language::French, fr));
        }
        let table = BridgeTable::learn(&corpus, &AlignerConfig::default());
        let numeral = |term: &str| term.bytes().all(|b| b.is_ascii_digit());
        let birds = table.translations(Language::French, Language::English, "oiseau");
        assert!(birds.iter().any(|t| t.term == "bird"), "{birds:?}");
        for ((from, to), _) in table.directions() {
            for (term, translations) in &table.directions[&(from, to)] {
                for translation in translations {
                    assert_eq!(
                        numeral(term),
                        numeral(&translation.term),
                        "{term} → {translation:?}"
                    );
                }
            }
        }
        // A number still crosses as itself.
        let number = table.translations(Language::French, Language::English, "2418");
        assert_eq!(number.first().map(|t| t.term.as_str()), Some("2418"));
    }

    #[test]
    fn probabilities_are_sorted_and_in_range() {
        let table = tiny_table();
        for ((from, to), _) in table.directions() {
            for terms in table.directions[&(from, to)].values() {
                assert!(terms.windows(2).all(|w| w[0].probability >= w[1].probability));
                assert!(terms.iter().all(|t| t.probability > 0.0 && t.probability <= 1.0));
            }
        }
    }

    #[test]
    fn bytes_round_trip_and_corruption_is_an_error() {
        let table = tiny_table();
        let bytes = table.to_bytes();
        assert_eq!(BridgeTable::from_bytes(&bytes).unwrap(), table);
        assert!(matches!(BridgeTable::from_bytes(b"garbage"), Err(BridgeError::BadHeader)));
        assert!(matches!(
            BridgeTable::from_bytes(&bytes[..bytes.len() - 3]),
            Err(BridgeError::Corrupt { .. })
        ));
    }

    #[test]
    fn duplicates_and_untranslated_labels_are_skipped() {
        let analyzer = Analyzer::new();
        let mut corpus = ParallelCorpus::default();
        let en = Language::English;
        let fr = Language::French;
        assert!(corpus.add_texts(&analyzer, en, "Safety of toys", fr, "Sécurité des jouets"));
        assert!(!corpus.add_texts(&analyzer, en, "Safety of toys", fr, "Sécurité des jouets"));
        assert!(!corpus.add_texts(&analyzer, en, "Safety of toys", fr, "Safety of toys"));
        assert_eq!(corpus.len(), 1);
    }
}
