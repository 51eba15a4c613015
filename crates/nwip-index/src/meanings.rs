//! The side file of record meanings (`meanings.bin`): every record's word-vector mean, one slot
//! per ordinal, searched whole for the records nearest a proposal's meaning.
//!
//! The terms of a reworded proposal miss the record it rewords; its meaning does not. When the
//! index has a word-vector table ([`crate::IndexMeta::word_vectors`]), each record's titles and
//! abstracts (in any language) are embedded at build time ([`nwip_text::WordVectors::embed`]),
//! cut to their first [`MEANING_DIMS`] components (the table's components come in order of
//! variance, so this is the table's own projection, reduced) and quantised to one byte each.
//! A search is an exact scan of every slot: 345,000 records take a few milliseconds, with no
//! approximate structure to build or keep in step with updates.
//!
//! ```text
//! b"NWIPME01"  u32 dims
//! per ordinal: f32 scale (0: no meaning), dims × i8 (component = i8 × scale)
//! ```

use std::path::Path;

use nwip_corpus::Record;
use nwip_text::WordVectors;
use rayon::prelude::*;

use crate::error::{Error, Result};

const MAGIC: &[u8; 8] = b"NWIPME01";
/// Name of the meaning file inside an index generation.
pub(crate) const FILE_NAME: &str = "meanings.bin";
/// Components of a record's meaning kept for the search.
pub const MEANING_DIMS: usize = 128;

/// The meanings of every record of an index, by ordinal.
#[derive(Debug, Clone, Default)]
pub struct MeaningFile {
    dims: usize,
    scales: Vec<f32>,
    values: Vec<i8>,
}

/// Distinct known words a record needs for its meaning to be searched: the mean of one or two
/// words (an OIML Bulletin entry titled "INFORMATIONS") lies near the centre of the table and
/// would come up for every proposal.
pub const MIN_MEANING_WORDS: usize = 3;

/// A record's meaning: the first `dims` components of its word-vector mean, scaled to unit
/// length. `None` when the table knows fewer than [`MIN_MEANING_WORDS`] of its words.
pub(crate) fn record_meaning(
    table: &WordVectors,
    record: &Record,
    dims: usize,
) -> Option<Vec<f32>> {
    let texts = || record.titles.iter().chain(&record.abstracts).map(|text| text.text.as_str());
    let mut known = std::collections::HashSet::new();
    for word in texts().flat_map(nwip_text::words) {
        if table.knows(&word) {
            known.insert(word);
            if known.len() == MIN_MEANING_WORDS {
                break;
            }
        }
    }
    if known.len() < MIN_MEANING_WORDS {
        return None;
    }
    let mut vector = table.embed(texts().flat_map(nwip_text::words))?;
    vector.truncate(dims);
    let norm = vector.iter().map(|x| x * x).sum::<f32>().sqrt();
    if norm <= 0.0 {
        return None;
    }
    vector.iter_mut().for_each(|x| *x /= norm);
    Some(vector)
}

impl MeaningFile {
    /// An empty file of `dims`-component meanings.
    pub(crate) fn new(dims: usize) -> MeaningFile {
        MeaningFile { dims, ..MeaningFile::default() }
    }

    /// The dimensions of a table's meanings.
    pub(crate) fn dims_for(table: &WordVectors) -> usize {
        table.dims().min(MEANING_DIMS)
    }

    /// Appends the meanings of `records`, numbered after the slots already present (records are
    /// embedded in parallel).
    pub(crate) fn extend(&mut self, table: &WordVectors, records: &[Record]) {
        let dims = self.dims;
        let meanings: Vec<Option<Vec<f32>>> =
            records.par_iter().map(|record| record_meaning(table, record, dims)).collect();
        for meaning in meanings {
            self.push(meaning.as_deref());
        }
    }

    fn push(&mut self, meaning: Option<&[f32]>) {
        let slot = self.scales.len() as u64;
        self.scales.push(0.0);
        self.values.extend(std::iter::repeat_n(0, self.dims));
        self.set(slot, meaning);
    }

    /// Sets (or clears) the meaning of the record with this ordinal, growing the file as needed.
    pub(crate) fn set(&mut self, ordinal: u64, meaning: Option<&[f32]>) {
        let slot = ordinal as usize;
        if slot >= self.scales.len() {
            if meaning.is_none() {
                return;
            }
            self.scales.resize(slot + 1, 0.0);
            self.values.resize((slot + 1) * self.dims, 0);
        }
        let values = &mut self.values[slot * self.dims..(slot + 1) * self.dims];
        match meaning {
            Some(meaning) if meaning.len() >= self.dims => {
                let largest = meaning[..self.dims].iter().fold(0.0f32, |m, x| m.max(x.abs()));
                let scale = if largest > 0.0 { largest / 127.0 } else { 0.0 };
                self.scales[slot] = scale;
                for (value, x) in values.iter_mut().zip(meaning) {
                    *value = if scale > 0.0 { (x / scale).round() as i8 } else { 0 };
                }
            }
            _ => {
                self.scales[slot] = 0.0;
                values.fill(0);
            }
        }
    }

    /// Returns how many records have a meaning.
    pub fn count(&self) -> usize {
        self.scales.iter().filter(|scale| **scale > 0.0).count()
    }

    /// The components of a meaning.
    pub fn dims(&self) -> usize {
        self.dims
    }

    /// The `limit` ordinals whose meanings are nearest `query` (its first [`MeaningFile::dims`]
    /// components, scaled to unit length), with their cosines, best first; ordinals for which
    /// `skip` is true are passed over.
    pub fn nearest(
        &self,
        query: &[f32],
        limit: usize,
        skip: impl Fn(u64) -> bool,
    ) -> Vec<(u64, f32)> {
        if query.len() < self.dims || self.dims == 0 || limit == 0 {
            return Vec::new();
        }
        let query = &query[..self.dims];
        let norm = query.iter().map(|x| x * x).sum::<f32>().sqrt();
        let largest = query.iter().fold(0.0f32, |m, x| m.max(x.abs()));
        if norm <= 0.0 || largest <= 0.0 {
            return Vec::new();
        }
        // The query is quantised like the meanings, so each product is a sum of byte products
        // in 32-bit integers, which the compiler vectorises (a sum of floats it may not reorder).
        let query_scale = largest / 127.0;
        let quantised: Vec<i16> = query.iter().map(|x| (x / query_scale).round() as i16).collect();
        let mut row: Vec<i16> = vec![0; self.dims];
        let mut best: Vec<(u64, f32)> = Vec::with_capacity(limit + 1);
        let mut floor = f32::NEG_INFINITY;
        for (slot, (scale, values)) in
            self.scales.iter().zip(self.values.chunks_exact(self.dims)).enumerate()
        {
            if *scale <= 0.0 {
                continue;
            }
            let dot = dot_i16(&mut row, values, &quantised);
            let cosine = dot as f32 * scale * query_scale / norm;
            if best.len() == limit && cosine <= floor {
                continue;
            }
            if skip(slot as u64) {
                continue;
            }
            let at = best.partition_point(|(_, other)| *other >= cosine);
            best.insert(at, (slot as u64, cosine));
            best.truncate(limit);
            if best.len() == limit {
                floor = best[limit - 1].1;
            }
        }
        best
    }

    pub(crate) fn write(&self, dir: &Path) -> Result<()> {
        let path = dir.join(FILE_NAME);
        let mut bytes = Vec::with_capacity(12 + self.scales.len() * (4 + self.dims));
        bytes.extend_from_slice(MAGIC);
        bytes.extend((self.dims as u32).to_le_bytes());
        for (scale, values) in self.scales.iter().zip(self.values.chunks_exact(self.dims.max(1))) {
            bytes.extend(scale.to_le_bytes());
            bytes.extend(values.iter().map(|value| *value as u8));
        }
        std::fs::write(&path, bytes).map_err(|error| Error::write(&path, error))
    }

    /// Reads the meanings of the generation in `dir`, `None` when it has none (built without
    /// word vectors).
    pub(crate) fn read(dir: &Path) -> Result<Option<MeaningFile>> {
        let path = dir.join(FILE_NAME);
        let bytes = match std::fs::read(&path) {
            Ok(bytes) => bytes,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(error) => return Err(Error::io(&path, error)),
        };
        let corrupt =
            |message: &str| Error::CorruptMeta { path: path.clone(), message: message.into() };
        let body =
            bytes.strip_prefix(MAGIC.as_slice()).ok_or_else(|| corrupt("not a meaning file"))?;
        let (dims, body) = body.split_at_checked(4).ok_or_else(|| corrupt("it ends early"))?;
        let dims = u32::from_le_bytes(dims.try_into().expect("four bytes")) as usize;
        if dims == 0 || body.len() % (4 + dims) != 0 {
            return Err(corrupt("it ends in the middle of a slot"));
        }
        let mut file = MeaningFile::new(dims);
        for slot in body.chunks_exact(4 + dims) {
            file.scales.push(f32::from_le_bytes(slot[..4].try_into().expect("four bytes")));
            file.values.extend(slot[4..].iter().map(|byte| *byte as i8));
        }
        Ok(Some(file))
    }
}

/// The dot product of a stored meaning and a quantised query: the bytes are widened into `row`
/// first, and the products summed in 16 lanes, a shape the compiler turns into vector
/// multiply-adds (a running sum over an iterator chain it keeps scalar).
fn dot_i16(row: &mut [i16], values: &[i8], query: &[i16]) -> i32 {
    for (wide, &value) in row.iter_mut().zip(values) {
        *wide = i16::from(value);
    }
    let mut lanes = [0i32; 16];
    let chunks = row.chunks_exact(16).zip(query.chunks_exact(16));
    for (a, b) in chunks {
        for lane in 0..16 {
            lanes[lane] += i32::from(a[lane]) * i32::from(b[lane]);
        }
    }
    let tail = row.len() - row.len() % 16;
    let rest: i32 =
        row[tail..].iter().zip(&query[tail..]).map(|(a, b)| i32::from(*a) * i32::from(*b)).sum();
    lanes.iter().sum::<i32>() + rest
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_nearest_meanings_and_survives_a_round_trip() {
        let mut file = MeaningFile::new(2);
        file.set(0, Some(&[1.0, 0.0]));
        file.set(2, Some(&[0.6, 0.8]));
        file.set(3, Some(&[0.0, 1.0]));
        file.set(5, None);
        let nearest = file.nearest(&[1.0, 0.1], 2, |_| false);
        assert_eq!(nearest.iter().map(|(slot, _)| *slot).collect::<Vec<_>>(), [0, 2]);
        assert!(nearest[0].1 > 0.99);
        let skipping_zero = file.nearest(&[1.0, 0.1], 2, |slot| slot == 0);
        assert_eq!(skipping_zero.iter().map(|(slot, _)| *slot).collect::<Vec<_>>(), [2, 3]);

        let dir = tempfile::tempdir().unwrap();
        file.write(dir.path()).unwrap();
        let read = MeaningFile::read(dir.path()).unwrap().unwrap();
        assert_eq!((read.dims(), read.count()), (2, 3));
        assert_eq!(read.nearest(&[0.0, 1.0], 1, |_| false)[0].0, 3);
        std::fs::write(dir.path().join(FILE_NAME), b"NWIPME01\x02\x00\x00\x00\x01").unwrap();
        let error = MeaningFile::read(dir.path()).unwrap_err().to_string();
        assert!(error.contains(FILE_NAME), "{error}");
    }
}
