//! The side file of record meanings (`meanings.bin`): every record's word-vector mean, one slot
//! per ordinal, searched whole for the records nearest a proposal's meaning.
//!
//! The terms of a reworded proposal miss the record it rewords; its meaning does not. When the
//! index has a word-vector table ([`crate::IndexMeta::word_vectors`]), each record's titles and
//! abstracts (in any language) are embedded at build time ([`nwip_text::WordVectors::embed`]).
//! Once every record is embedded, the meanings are whitened ([`Whitening`]: the records' mean
//! taken off, their first [`MEANING_DIMS`] principal components scaled to unit variance) and
//! quantised to one byte per component; a proposal's meaning is whitened the same way before
//! the search. An index too small to estimate the map keeps the first [`MEANING_DIMS`]
//! components of each meaning as they are. A search scans the sign codes of every slot
//! ([`crate::signs`]: a bit per component, an eighth of the meanings) for a shortlist of a few
//! thousand, and ranks those by their full meanings: no approximate structure to build or keep
//! in step with updates, as the codes follow from the meanings. A file read from an index
//! stays in it, mapped ([`crate::slots`]).
//!
//! ```text
//! b"NWIPME03"  u32 dims  u8 whitened
//! if whitened: the map (Whitening::to_bytes)
//! u32 slots, then per slot its sign code (dims / 8 bytes, rounded up), then per slot a byte:
//!   1 when it holds a meaning (SignCodes::to_bytes: written, not computed again at every open)
//! per ordinal: f32 scale (0: no meaning), dims × i8 (component = i8 × scale)
//! the distinct sign codes and the slots of each (SignCodes::distinct_to_bytes)
//! ```
//! Files of the layouts before are read too: `NWIPME03` (without the distinct codes, grouped on
//! the first search) and `NWIPME02` (without the sign codes, computed from its slots).

use std::path::Path;

use nwip_corpus::Record;
use nwip_text::WordVectors;

use crate::directory::map_side_file;
use crate::error::{Error, Result};
use crate::signs::SignCodes;
use crate::slots::Slots;
use crate::whitening::{unit, Whitening};

const MAGIC: &[u8; 8] = b"NWIPME04";
/// The layout before the distinct codes were stored (they are grouped on the first search).
const MAGIC_WITHOUT_DISTINCT: &[u8; 8] = b"NWIPME03";
/// The layout before the sign codes were stored (they are computed when such a file is read).
const MAGIC_WITHOUT_SIGNS: &[u8; 8] = b"NWIPME02";
/// Name of the meaning file inside an index generation.
pub(crate) const FILE_NAME: &str = "meanings.bin";
/// Components of a record's meaning kept for the search: the first principal components of the
/// records' meanings (three quarters of the table's 256; the last quarter, of least variance,
/// carries little but noise once whitened).
pub const MEANING_DIMS: usize = 192;
/// Slots the sign codes shortlist for a search to compare in full, at least: on the full corpus,
/// 2,000 changed the first ten results of 21 of the 2,400 evaluation queries (none the rank of
/// the relevant document), 6,000 changed one.
const SHORTLIST: usize = 4096;

/// How many slots ahead of its full comparison a shortlisted slot is fetched into the cache
/// ([`Slots::prefetch`]): enough to cover a read from memory while the slots before it are
/// compared.
const PREFETCH_AHEAD: usize = 16;

/// The meanings of every record of an index, by ordinal.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MeaningFile {
    /// Each slot's scale and quantised components (and how many components a meaning has).
    slots: Slots,
    /// The map from a table meaning to a slot's (`None`: its first `dims` components).
    whitening: Option<Whitening>,
    /// Each slot's sign code, derived from `slots`: the scan that shortlists a search.
    signs: SignCodes,
}

/// Distinct known words a record needs for its meaning to be searched: the mean of one or two
/// words (an OIML Bulletin entry titled "INFORMATIONS") lies near the centre of the table and
/// would come up for every proposal.
pub const MIN_MEANING_WORDS: usize = 3;

/// A record's meaning: its word-vector mean (all the table's components), scaled to unit length.
/// `None` when the table knows fewer than [`MIN_MEANING_WORDS`] of its words.
pub(crate) fn record_meaning(table: &WordVectors, record: &Record) -> Option<Vec<f32>> {
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
    table.embed(texts().flat_map(nwip_text::words))
}

impl MeaningFile {
    /// An empty file of `dims`-component meanings, not whitened.
    #[cfg(test)]
    pub(crate) fn new(dims: usize) -> MeaningFile {
        MeaningFile { slots: Slots::new(dims), signs: SignCodes::new(dims), whitening: None }
    }

    /// A file of the `slots` a build finished, whitened by `whitening` (`None`: each holds a
    /// meaning's first components).
    pub(crate) fn from_slots(slots: Slots, whitening: Option<Whitening>) -> MeaningFile {
        MeaningFile { signs: SignCodes::of(&slots), slots, whitening }
    }

    /// Tells whether the meanings are whitened (the index was large enough to fit the map).
    #[cfg(test)]
    pub(crate) fn is_whitened(&self) -> bool {
        self.whitening.is_some()
    }

    /// How many slots there are (one an ordinal, up to the last with a meaning).
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.slots.len()
    }

    /// The meaning of `record` as a slot of this file holds it (whitened when the file is).
    pub(crate) fn meaning_of(&self, table: &WordVectors, record: &Record) -> Option<Vec<f32>> {
        self.project(&record_meaning(table, record)?)
    }

    /// A table meaning as this file's slots hold it: whitened, or its first components (scaled
    /// to unit length again).
    fn project(&self, meaning: &[f32]) -> Option<Vec<f32>> {
        match &self.whitening {
            Some(whitening) => whitening.apply(meaning),
            None => unit(meaning.get(..self.dims())?.to_vec()),
        }
    }

    /// Sets (or clears) the meaning of the record with this ordinal, growing the file as needed.
    pub(crate) fn set(&mut self, ordinal: u64, meaning: Option<&[f32]>) {
        let slot = ordinal as usize;
        if slot >= self.slots.len() && meaning.is_none() {
            return;
        }
        let (scale, quantised) = quantise(meaning, self.dims());
        self.slots.set(slot, scale, &quantised);
        self.signs.set(slot, self.slots.values(slot), scale > 0.0);
    }

    /// The cosines of `query` (a meaning of the index's word vectors) with the meanings of the
    /// records at `ordinals`, whitened (0 for a record without a meaning); `None` when the
    /// meanings are not whitened (an index too small to fit the map), where a cosine of raw
    /// means is what a caller has.
    pub fn whitened_cosines(&self, query: &[f32], ordinals: &[u64]) -> Option<Vec<f32>> {
        self.whitening.as_ref()?;
        let query = self.project(query)?;
        let cosine = |&ordinal: &u64| -> f32 {
            let slot = ordinal as usize;
            let scale = self.slots.scale(slot);
            if scale <= 0.0 {
                return 0.0;
            }
            let values = self.slots.values(slot);
            // Stored meanings are unit vectors before quantisation: renormalise after it.
            let (dot, norm) = values.iter().zip(&query).fold((0.0f32, 0.0f32), |(d, n), (v, q)| {
                let x = f32::from(*v as i8) * scale;
                (d + x * q, n + x * x)
            });
            if norm > 0.0 {
                dot / norm.sqrt()
            } else {
                0.0
            }
        };
        Some(ordinals.iter().map(cosine).collect())
    }

    /// Returns how many records have a meaning.
    pub fn count(&self) -> usize {
        (0..self.slots.len()).filter(|&slot| self.slots.scale(slot) > 0.0).count()
    }

    /// The components of a meaning.
    pub fn dims(&self) -> usize {
        self.slots.dims()
    }

    /// The `limit` ordinals whose meanings are nearest `query` (a meaning of the index's word
    /// vectors, whitened as the records' are), with their cosines, best first; ordinals for
    /// which `skip` is true are passed over.
    pub fn nearest(
        &self,
        query: &[f32],
        limit: usize,
        skip: impl Fn(u64) -> bool,
    ) -> Vec<(u64, f32)> {
        if self.dims() == 0 || limit == 0 {
            return Vec::new();
        }
        let Some(query) = self.project(query) else { return Vec::new() };
        let norm = query.iter().map(|x| x * x).sum::<f32>().sqrt();
        let largest = query.iter().fold(0.0f32, |m, x| m.max(x.abs()));
        if norm <= 0.0 || largest <= 0.0 {
            return Vec::new();
        }
        // The query is quantised like the meanings, so each product is a sum of byte products
        // in 32-bit integers, which the compiler vectorises (a sum of floats it may not reorder).
        let query_scale = largest / 127.0;
        let quantised: Vec<i16> = query.iter().map(|x| (x / query_scale).round() as i16).collect();
        let mut row: Vec<i16> = vec![0; self.dims()];
        let mut best: Vec<(u64, f32)> = Vec::with_capacity(limit + 1);
        let mut floor = f32::NEG_INFINITY;
        // The sign codes shortlist the slots; their full meanings rank them.
        let size = SHORTLIST.max(limit.saturating_mul(32));
        let mut slots = self.signs.shortlist(&query, size);
        slots.sort_unstable();
        for &slot in slots.iter().take(PREFETCH_AHEAD) {
            self.slots.prefetch(slot);
        }
        for (at, &slot) in slots.iter().enumerate() {
            // The slots lie far apart in the file: each is fetched a few slots ahead of its turn.
            if let Some(&ahead) = slots.get(at + PREFETCH_AHEAD) {
                self.slots.prefetch(ahead);
            }
            let scale = self.slots.scale(slot);
            let values = self.slots.values(slot);
            if scale <= 0.0 {
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
        let slots = self.slots.as_bytes();
        let mut bytes = MeaningFile::header(self.dims(), self.whitening.as_ref(), self.slots.len());
        bytes.extend(self.signs.to_bytes());
        bytes.extend_from_slice(slots);
        bytes.extend(self.signs.distinct_to_bytes());
        std::fs::write(&path, bytes).map_err(|error| Error::write(&path, error))
    }

    /// The start of a meaning file of `slots` slots of `dims` components: everything before the
    /// sign codes.
    pub(crate) fn header(dims: usize, whitening: Option<&Whitening>, slots: usize) -> Vec<u8> {
        let mut bytes = Vec::with_capacity(64);
        bytes.extend_from_slice(MAGIC);
        bytes.extend((dims as u32).to_le_bytes());
        bytes.push(u8::from(whitening.is_some()));
        if let Some(whitening) = whitening {
            bytes.extend(whitening.to_bytes());
        }
        bytes.extend((slots as u32).to_le_bytes());
        bytes
    }

    /// Reads the meanings of the generation in `dir`, `None` when it has none (built without
    /// word vectors). The slots stay in the file, mapped ([`Slots`]).
    pub(crate) fn read(dir: &Path) -> Result<Option<MeaningFile>> {
        let path = dir.join(FILE_NAME);
        let unreadable = |message: String| Error::io(&path, std::io::Error::other(message));
        let Some(mapped) = map_side_file(dir, FILE_NAME).map_err(unreadable)? else {
            return Ok(None);
        };
        let bytes = mapped.as_slice();
        let corrupt =
            |message: &str| Error::CorruptMeta { path: path.clone(), message: message.into() };
        // Each layout's magic, whether it stores the sign codes and whether their grouping.
        let layouts = [
            (MAGIC, true, true),
            (MAGIC_WITHOUT_DISTINCT, true, false),
            (MAGIC_WITHOUT_SIGNS, false, false),
        ];
        let (body, stored_signs, stored_distinct) = layouts
            .into_iter()
            .find_map(|(magic, signs, distinct)| {
                bytes.strip_prefix(magic.as_slice()).map(|body| (body, signs, distinct))
            })
            .ok_or_else(|| corrupt("not a meaning file"))?;
        let (dims, body) = body.split_at_checked(4).ok_or_else(|| corrupt("it ends early"))?;
        let dims = u32::from_le_bytes(dims.try_into().expect("four bytes")) as usize;
        let (whitened, mut body) = body.split_first().ok_or_else(|| corrupt("it ends early"))?;
        let mut whitening = None;
        if *whitened == 1 {
            let (map, rest) =
                Whitening::from_bytes(body).ok_or_else(|| corrupt("its whitening ends early"))?;
            if map.output() != dims {
                return Err(corrupt("its whitening does not give its meanings' components"));
            }
            (whitening, body) = (Some(map), rest);
        }
        let mut signs = None;
        if stored_signs {
            let (count, rest) = body.split_at_checked(4).ok_or_else(|| corrupt("it ends early"))?;
            let count = u32::from_le_bytes(count.try_into().expect("four bytes")) as usize;
            let at = bytes.len() - rest.len();
            let (codes, rest) = SignCodes::from_bytes(dims, count, mapped.slice(at..bytes.len()))
                .ok_or_else(|| corrupt("its sign codes end early"))?;
            body = &bytes[bytes.len() - rest.len()..];
            signs = Some((count, codes));
        }
        let header = bytes.len() - body.len();
        // The slots run to the end of the file, or to the distinct codes after them.
        let end = match (stored_distinct, &signs) {
            (true, Some((count, _))) => count
                .checked_mul(4 + dims)
                .and_then(|len| header.checked_add(len))
                .filter(|end| *end <= bytes.len())
                .ok_or_else(|| corrupt("it ends in the middle of a slot"))?,
            _ => bytes.len(),
        };
        let slots = Slots::mapped(dims, mapped.slice(header..end))
            .ok_or_else(|| corrupt("it ends in the middle of a slot"))?;
        let signs = match signs {
            Some((count, mut codes)) if count == slots.len() => {
                if stored_distinct {
                    let rest = codes
                        .read_distinct(mapped.slice(end..bytes.len()))
                        .ok_or_else(|| corrupt("its distinct sign codes are damaged"))?;
                    if !rest.is_empty() {
                        return Err(corrupt("it goes on after its distinct sign codes"));
                    }
                }
                codes
            }
            Some(_) => return Err(corrupt("its sign codes are not one a slot")),
            None => SignCodes::of(&slots),
        };
        Ok(Some(MeaningFile { slots, whitening, signs }))
    }
}

/// A meaning's first `dims` components as a slot holds them: a scale and one byte each (`0.0` and
/// zeros for none, or for a meaning too short or all zero).
pub(crate) fn quantise(meaning: Option<&[f32]>, dims: usize) -> (f32, Vec<i8>) {
    let Some(meaning) = meaning.and_then(|meaning| meaning.get(..dims)) else {
        return (0.0, vec![0; dims]);
    };
    let largest = meaning.iter().fold(0.0f32, |m, x| m.max(x.abs()));
    if !largest.is_normal() {
        return (0.0, vec![0; dims]);
    }
    let scale = largest / 127.0;
    (scale, meaning.iter().map(|x| (x / scale).round() as i8).collect())
}

/// The dot product of a stored meaning and a quantised query: the bytes are widened into `row`
/// first, and the products summed in 16 lanes, a shape the compiler turns into vector
/// multiply-adds (a running sum over an iterator chain it keeps scalar).
fn dot_i16(row: &mut [i16], values: &[u8], query: &[i16]) -> i32 {
    for (wide, &value) in row.iter_mut().zip(values) {
        *wide = i16::from(value as i8);
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
        // the sign codes are stored, not computed again
        assert_eq!(read.signs, file.signs);
        assert_eq!(read.signs, SignCodes::of(&read.slots));
        // so are the distinct codes
        assert!(read.signs.is_grouped());
        // a file of the layouts before them is read, its codes computed or grouped on a search
        let written = std::fs::read(dir.path().join(FILE_NAME)).unwrap();
        let signs_at = MAGIC.len() + 4 + 1;
        let signs_len = 4 + file.signs.to_bytes().len();
        let slots_end = written.len() - file.signs.distinct_to_bytes().len();
        let mut without_distinct = MAGIC_WITHOUT_DISTINCT.to_vec();
        without_distinct.extend(&written[MAGIC.len()..slots_end]);
        std::fs::write(dir.path().join(FILE_NAME), &without_distinct).unwrap();
        let read = MeaningFile::read(dir.path()).unwrap().unwrap();
        assert_eq!((read.count(), &read.signs, read.signs.is_grouped()), (3, &file.signs, false));
        assert_eq!(read.nearest(&[0.0, 1.0], 1, |_| false)[0].0, 3);
        let mut before = MAGIC_WITHOUT_SIGNS.to_vec();
        before.extend(&written[MAGIC.len()..signs_at]);
        before.extend(&written[signs_at + signs_len..slots_end]);
        std::fs::write(dir.path().join(FILE_NAME), &before).unwrap();
        let read = MeaningFile::read(dir.path()).unwrap().unwrap();
        assert_eq!((read.count(), &read.signs), (3, &file.signs));
        // distinct codes damaged or followed by more
        let mut damaged = written.clone();
        damaged.truncate(written.len() - 2);
        std::fs::write(dir.path().join(FILE_NAME), &damaged).unwrap();
        assert!(MeaningFile::read(dir.path()).is_err());
        let mut longer = written.clone();
        longer.extend([0; 4]);
        std::fs::write(dir.path().join(FILE_NAME), &longer).unwrap();
        assert!(MeaningFile::read(dir.path()).is_err());
        // sign codes of another number of slots than the file holds
        let mut other = written.clone();
        other[signs_at..signs_at + 4].copy_from_slice(&5u32.to_le_bytes());
        std::fs::write(dir.path().join(FILE_NAME), &other).unwrap();
        assert!(MeaningFile::read(dir.path()).is_err());
        std::fs::write(dir.path().join(FILE_NAME), b"NWIPME01\x02\x00\x00\x00\x01").unwrap();
        let error = MeaningFile::read(dir.path()).unwrap_err().to_string();
        assert!(error.contains(FILE_NAME), "{error}");
    }
}
