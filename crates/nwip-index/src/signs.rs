//! Sign codes of the records' meanings: one bit per component, and the scan over them that
//! shortlists the slots a search by meaning then compares in full.
//!
//! A whitened meaning spreads its length evenly over its components, so the signs of its
//! components alone place it well: the product of a query (in floats) with a record's signs
//! follows the record's cosine closely. A code is an eighth of a quantised meaning, and the
//! product is read from tables of the query's partial sums, one lookup a nibble (asymmetric
//! distance computation, as product-quantisation searches do; [`crate::nibbles`] reads 32 codes
//! at a time), so a scan of every record reads a few megabytes instead of the whole meaning
//! file. The shortlist it gives is then ranked by the full meanings.
//!
//! Many records share one meaning: a document's records at each stage, a specification's
//! versions (3GPP keeps one record a version) and its editions carry the same title and abstract.
//! The scan reads each distinct code once (on the full corpus 180,000 of the 332,000 slots that
//! hold a meaning) and shortlists every slot of the codes it keeps.

use std::sync::OnceLock;

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use tantivy::directory::OwnedBytes;

use crate::nibbles::{CodeBlocks, NibbleTables};
use crate::slots::{Bytes, Slots};

/// The sign code of every slot of a meaning file, by slot.
#[derive(Debug, Clone, Default)]
pub(crate) struct SignCodes {
    /// Bytes a code takes: a bit per component.
    width: usize,
    /// Every slot's code (mapped from a meaning file until one is set).
    codes: Bytes,
    /// Whether each slot holds a meaning (a scan reads this, not the slots' scales spread over
    /// the whole file).
    present: Vec<bool>,
    /// The distinct codes of the slots holding a meaning, grouped on the first search (and
    /// again after a code is set).
    distinct: OnceLock<Distinct>,
}

impl PartialEq for SignCodes {
    /// Codes are equal when every slot's code and presence are: the grouping follows from them.
    fn eq(&self, other: &SignCodes) -> bool {
        let codes = (self.codes.as_slice(), other.codes.as_slice());
        self.width == other.width && codes.0 == codes.1 && self.present == other.present
    }
}

/// The distinct codes of the slots holding a meaning, each with the slots that have it (mapped
/// from a meaning file, or grouped in memory).
#[derive(Clone, Default)]
struct Distinct {
    /// Each distinct code once, in the order of its first slot.
    codes: Bytes,
    /// Where each code's slots start in `slots`, and where the last one's end (`u32`).
    starts: Bytes,
    /// The slots of each code in turn, ascending within a code (`u32`).
    slots: Bytes,
    /// The codes laid out for the vector scan, on the first search.
    blocks: OnceLock<CodeBlocks>,
}

impl std::fmt::Debug for Distinct {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Distinct")
            .field("codes", &self.len())
            .field("slots", &(self.slots.as_slice().len() / 4))
            .field("mapped", &self.codes.is_mapped())
            .finish()
    }
}

impl Distinct {
    /// Groups the present slots of `codes` by their code.
    fn of(codes: &SignCodes) -> Distinct {
        let mut distinct_codes = Vec::new();
        let mut group_of_code: FxHashMap<&[u8], u32> = FxHashMap::default();
        // Each present slot's group, then a counting sort of the slots by group.
        let mut groups: Vec<(u32, u32)> = Vec::new();
        let mut sizes: Vec<u32> = Vec::new();
        for (slot, code) in codes.codes.as_slice().chunks_exact(codes.width).enumerate() {
            if !codes.present[slot] {
                continue;
            }
            let next = sizes.len() as u32;
            let group = *group_of_code.entry(code).or_insert(next);
            if group == next {
                sizes.push(0);
                distinct_codes.extend_from_slice(code);
            }
            sizes[group as usize] += 1;
            groups.push((slot as u32, group));
        }
        let mut starts = Vec::with_capacity(sizes.len() + 1);
        let mut start = 0;
        for size in &sizes {
            starts.push(start);
            start += size;
        }
        starts.push(start);
        let mut filled = starts.clone();
        let mut slots = vec![0u32; groups.len()];
        for (slot, group) in groups {
            let at = &mut filled[group as usize];
            slots[*at as usize] = slot;
            *at += 1;
        }
        let words =
            |words: Vec<u32>| Bytes::Owned(words.into_iter().flat_map(u32::to_le_bytes).collect());
        Distinct {
            codes: Bytes::Owned(distinct_codes),
            starts: words(starts),
            slots: words(slots),
            blocks: OnceLock::new(),
        }
    }

    /// How many distinct codes there are.
    fn len(&self) -> usize {
        (self.starts.as_slice().len() / 4).saturating_sub(1)
    }

    /// How many slots hold the code `group`.
    fn slot_count(&self, group: usize) -> usize {
        (self.starts.word(group + 1) - self.starts.word(group)) as usize
    }

    /// The slots of distinct code `group`.
    fn slots(&self, group: usize) -> impl Iterator<Item = usize> + '_ {
        let range = self.starts.word(group) as usize..self.starts.word(group + 1) as usize;
        range.map(|at| self.slots.word(at) as usize)
    }
}

impl SignCodes {
    /// Codes of `dims`-component meanings (none yet).
    pub(crate) fn new(dims: usize) -> SignCodes {
        SignCodes { width: dims.div_ceil(8), ..SignCodes::default() }
    }

    /// The codes of every slot of `slots`, in one pass over them (in parallel: an index is
    /// opened with them).
    pub(crate) fn of(slots: &Slots) -> SignCodes {
        let mut codes = SignCodes::new(slots.dims());
        let starts: Vec<usize> = (0..slots.len()).step_by(4096).collect();
        let blocks: Vec<(Vec<u8>, Vec<bool>)> = starts
            .into_par_iter()
            .map(|start| {
                let block = start..(start + 4096).min(slots.len());
                let bytes = block.clone().flat_map(|slot| code(slots.values(slot))).collect();
                let present = block.map(|slot| slots.scale(slot) > 0.0).collect();
                (bytes, present)
            })
            .collect();
        for (bytes, present) in blocks {
            codes.codes.to_mut().extend(bytes);
            codes.present.extend(present);
        }
        codes
    }

    /// The codes as a meaning file stores them: every slot's code, then a byte a slot saying
    /// whether it holds a meaning.
    pub(crate) fn to_bytes(&self) -> Vec<u8> {
        let mut bytes = self.codes.as_slice().to_vec();
        bytes.extend(self.present.iter().map(|&present| u8::from(present)));
        bytes
    }

    /// The bytes [`SignCodes::to_bytes`] gives for `slots` slots of `dims`-component meanings.
    pub(crate) fn byte_len(dims: usize, slots: usize) -> usize {
        slots * (dims.div_ceil(8) + 1)
    }

    /// Reads the codes of `slots` slots of `dims`-component meanings from the start of `bytes`
    /// ([`SignCodes::to_bytes`]; the codes stay where they are, mapped), returning them and the
    /// bytes after; `None` when they end early.
    pub(crate) fn from_bytes(
        dims: usize,
        slots: usize,
        bytes: OwnedBytes,
    ) -> Option<(SignCodes, OwnedBytes)> {
        let width = dims.div_ceil(8);
        let (codes, rest) = split(bytes, slots.checked_mul(width)?)?;
        let (present, rest) = split(rest, slots)?;
        let present = present.as_slice().iter().map(|&byte| byte == 1).collect();
        let codes = Bytes::Mapped(codes);
        Some((SignCodes { width, codes, present, ..SignCodes::default() }, rest))
    }

    /// The distinct codes and their slots as a meaning file stores them after its slots (a build
    /// groups them once, where grouping at every open took a cold check 20 ms): the number of
    /// distinct codes and of grouped slots (`u32` each), the codes, where each code's slots
    /// start (`u32`, one more than the codes), then the slots (`u32`).
    pub(crate) fn distinct_to_bytes(&self) -> Vec<u8> {
        let distinct = self.distinct.get_or_init(|| Distinct::of(self));
        let parts = [&distinct.codes, &distinct.starts, &distinct.slots].map(Bytes::as_slice);
        let mut bytes = Vec::with_capacity(8 + parts.iter().map(|part| part.len()).sum::<usize>());
        bytes.extend((distinct.len() as u32).to_le_bytes());
        bytes.extend((parts[2].len() as u32 / 4).to_le_bytes());
        for part in parts {
            bytes.extend_from_slice(part);
        }
        bytes
    }

    /// Whether the distinct codes are grouped (read from a file, or by a search).
    #[cfg(test)]
    pub(crate) fn is_grouped(&self) -> bool {
        self.distinct.get().is_some()
    }

    /// Takes the grouping [`SignCodes::distinct_to_bytes`] wrote from the start of `bytes` (it
    /// stays there, mapped), returning the bytes after it; `None` when they end early or do not
    /// group these codes' slots (each slot holding a meaning once, under codes in order).
    pub(crate) fn read_distinct(&mut self, bytes: OwnedBytes) -> Option<OwnedBytes> {
        let (counts, rest) = split(bytes, 8)?;
        let counts = Bytes::Mapped(counts);
        let (count, grouped) = (counts.word(0) as usize, counts.word(1) as usize);
        let (codes, rest) = split(rest, count.checked_mul(self.width)?)?;
        let (starts, rest) = split(rest, count.checked_add(1)?.checked_mul(4)?)?;
        let (slots, rest) = split(rest, grouped.checked_mul(4)?)?;
        let distinct = Distinct {
            codes: Bytes::Mapped(codes),
            starts: Bytes::Mapped(starts),
            slots: Bytes::Mapped(slots),
            blocks: OnceLock::new(),
        };
        let ordered = distinct.starts.word(0) == 0
            && distinct.starts.word(count) as usize == grouped
            && (0..count)
                .all(|group| distinct.starts.word(group) < distinct.starts.word(group + 1));
        let present = self.present.iter().filter(|present| **present).count();
        let held = (0..grouped)
            .all(|at| self.present.get(distinct.slots.word(at) as usize) == Some(&true));
        if !ordered || grouped != present || !held {
            return None;
        }
        self.distinct = OnceLock::from(distinct);
        Some(rest)
    }

    /// Sets the code of `slot` from its quantised meaning's bytes (`present`: whether it holds
    /// a meaning), growing the codes as needed.
    pub(crate) fn set(&mut self, slot: usize, values: &[u8], present: bool) {
        let codes = self.codes.to_mut();
        if (slot + 1) * self.width > codes.len() {
            codes.resize((slot + 1) * self.width, 0);
            self.present.resize(slot + 1, false);
        }
        self.present[slot] = present;
        self.distinct = OnceLock::new();
        for (byte, value) in codes[slot * self.width..].iter_mut().zip(code(values)) {
            *byte = value;
        }
    }

    /// The slots holding a meaning whose codes score highest against `query` (a meaning as the
    /// slots hold them, in floats), in no particular order: at least `count` of them (unless
    /// fewer hold one), whole codes at a time, so every slot sharing a kept code is kept.
    pub(crate) fn shortlist(&self, query: &[f32], count: usize) -> Vec<usize> {
        if self.width == 0 || count == 0 {
            return Vec::new();
        }
        let distinct = self.distinct.get_or_init(|| Distinct::of(self));
        let codes = distinct.codes.as_slice();
        let Some(tables) = NibbleTables::of(query, self.width) else { return Vec::new() };
        let blocks = distinct.blocks.get_or_init(|| CodeBlocks::of(codes, self.width));
        // A code scoring below the floor cannot be among the best `count`: `count` codes seen
        // before it score at least the floor. Counting the codes kept at each score raises the
        // floor with every code kept, so the scan passes over ever more blocks. A code has a
        // slot at least, so `count` codes hold the `count` best slots. Ties go to the first
        // code.
        // A code's score is the sum of two table entries (each at most 255) a byte.
        let mut kept_at = vec![0usize; 2 * 255 * self.width + 1];
        let mut kept: Vec<(u32, usize)> = Vec::with_capacity(4 * count);
        let mut floor = 0;
        // Codes kept scoring at least the floor.
        let mut at_least_floor = 0;
        blocks.scan(codes, &tables, |group, score| {
            if score < floor {
                return floor;
            }
            kept.push((score, group));
            kept_at[score as usize] += 1;
            at_least_floor += 1;
            while at_least_floor - kept_at[floor as usize] >= count {
                at_least_floor -= kept_at[floor as usize];
                floor += 1;
            }
            floor
        });
        // The best `count` codes score at least the last floor. Taken best first (ties: the
        // first code), codes are added until they hold `count` slots: every code above a
        // cutoff score, and the first codes at the cutoff. The codes were kept in order, so
        // the cutoff, found from the slots at each score, spares sorting them.
        kept.retain(|(score, _)| *score >= floor);
        let top = kept.iter().map(|(score, _)| *score).max().unwrap_or(floor);
        let mut slots_at = vec![0usize; (top - floor + 1) as usize];
        for &(score, group) in &kept {
            slots_at[(score - floor) as usize] += distinct.slot_count(group);
        }
        let (mut cutoff, mut above) = (floor, 0);
        for score in (floor..=top).rev() {
            let at = slots_at[(score - floor) as usize];
            if above + at >= count {
                cutoff = score;
                break;
            }
            above += at;
        }
        let mut slots = Vec::with_capacity(count);
        let mut at_cutoff = 0;
        for (score, group) in kept {
            if score > cutoff {
                slots.extend(distinct.slots(group));
            } else if score == cutoff && above + at_cutoff < count {
                at_cutoff += distinct.slot_count(group);
                slots.extend(distinct.slots(group));
            }
        }
        slots
    }
}

/// `bytes` cut at `at`: the bytes before and after; `None` when there are fewer.
fn split(bytes: OwnedBytes, at: usize) -> Option<(OwnedBytes, OwnedBytes)> {
    (at <= bytes.len()).then(|| bytes.split(at))
}

/// The sign code of one quantised meaning: bit `i % 8` of byte `i / 8` is set when component
/// `i` is positive.
fn code(values: &[u8]) -> impl Iterator<Item = u8> + '_ {
    values.chunks(8).map(|byte| {
        byte.iter()
            .enumerate()
            .fold(0u8, |code, (bit, value)| code | u8::from(*value as i8 > 0) << bit)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slots(dims: usize, values: &[i8]) -> Slots {
        let mut slots = Slots::new(dims);
        for (slot, values) in values.chunks(dims).enumerate() {
            slots.set(slot, 1.0, values);
        }
        slots
    }

    #[test]
    fn codes_read_back_as_written() {
        let slots =
            slots(9, &[10, -10, 10, -10, 10, -10, 10, -10, 10, -1, 1, -1, 1, -1, 1, -1, 1, -1]);
        let codes = SignCodes::of(&slots);
        let mut bytes = codes.to_bytes();
        bytes.extend(b"rest");
        let (read, rest) = SignCodes::from_bytes(9, 2, OwnedBytes::new(bytes.clone())).unwrap();
        assert_eq!((read, rest.as_slice()), (codes, &b"rest"[..]));
        let short = OwnedBytes::new(bytes[..6].to_vec());
        assert!(SignCodes::from_bytes(9, 3, short).is_none(), "codes cut short");
    }

    #[test]
    fn a_shortlist_far_shorter_than_the_slots_holds_the_best_codes() {
        let dims = 20;
        let values: Vec<i8> =
            (0..300 * dims).map(|i| ((i * 7919 + i / dims * 31) % 23) as i8 - 11).collect();
        let codes = SignCodes::of(&slots(dims, &values));
        let query: Vec<f32> = (0..dims).map(|i| (i as f32 * 0.7).sin()).collect();
        let tables = NibbleTables::of(&query, codes.width).unwrap();
        let every = codes.codes.as_slice().chunks_exact(codes.width).map(|code| tables.score(code));
        let mut every: Vec<u32> = every.collect();
        every.sort_by(|a, b| b.cmp(a));
        let short = codes.shortlist(&query, 7);
        assert!(short.len() >= 7, "whole codes, seven slots at least");
        for slot in short {
            let code = &codes.codes.as_slice()[slot * codes.width..(slot + 1) * codes.width];
            assert!(tables.score(code) >= every[6], "slot {slot} is not among the best 7");
        }
    }

    /// The shortlist as its definition reads: the distinct codes of the slots holding a
    /// meaning (in the order of their first slot), best score first and ties to the first
    /// code, taken until they hold `count` slots.
    fn shortlist_by_sorting(codes: &SignCodes, query: &[f32], count: usize) -> Vec<usize> {
        let tables = NibbleTables::of(query, codes.width).unwrap();
        let mut groups: Vec<(&[u8], Vec<usize>)> = Vec::new();
        for (slot, code) in codes.codes.as_slice().chunks_exact(codes.width).enumerate() {
            if !codes.present[slot] {
                continue;
            }
            match groups.iter_mut().find(|(other, _)| *other == code) {
                Some((_, slots)) => slots.push(slot),
                None => groups.push((code, vec![slot])),
            }
        }
        let mut ranked: Vec<(u32, usize)> =
            groups.iter().enumerate().map(|(at, (code, _))| (tables.score(code), at)).collect();
        ranked.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        let mut slots = Vec::new();
        for (_, at) in ranked {
            if slots.len() >= count {
                break;
            }
            slots.extend(&groups[at].1);
        }
        slots.sort_unstable();
        slots
    }

    #[test]
    fn shortlists_the_codes_a_sort_of_every_code_would_take() {
        // Eight components: at most 256 codes for 3,000 slots, so codes are shared by many
        // slots and many codes tie.
        let dims = 8;
        let mut state = 7u64;
        let values: Vec<i8> = (0..3_000 * dims)
            .map(|_| {
                state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                ((state >> 33) % 21) as i8 - 10
            })
            .collect();
        let slots = slots(dims, &values);
        let mut codes = SignCodes::of(&slots);
        for slot in (0..3_000).step_by(7) {
            codes.set(slot, slots.values(slot), false);
        }
        for (seed, count) in
            [(0.3f32, 1), (0.9, 7), (1.7, 40), (2.2, 333), (0.1, 2_900), (3.1, 5_000)]
        {
            let query: Vec<f32> = (0..dims).map(|i| (i as f32 * seed + seed).sin()).collect();
            let expected = shortlist_by_sorting(&codes, &query, count);
            // And a count the codes taken hold exactly: the next code is not taken.
            for count in [count, expected.len()] {
                let mut short = codes.shortlist(&query, count);
                short.sort_unstable();
                assert_eq!(short, shortlist_by_sorting(&codes, &query, count), "count {count}");
            }
        }
    }

    #[test]
    fn shortlists_the_slots_whose_signs_agree_with_the_query() {
        let values: Vec<i8> = [
            [10, -10, 10, -10, 10, -10, 10, -10, 10],
            [-10, 10, -10, 10, -10, 10, -10, 10, -10],
            [10, -10, 10, -10, 10, -10, 10, -10, -10],
        ]
        .concat();
        let codes = SignCodes::of(&slots(9, &values));
        assert_eq!(codes.width, 2);
        let query = [1.0, -1.0, 1.0, -1.0, 1.0, -1.0, 1.0, -1.0, 1.0];
        let mut two = codes.shortlist(&query, 2);
        two.sort_unstable();
        assert_eq!(two, [0, 2]);
        assert_eq!(codes.shortlist(&query, 1), [0]);
        assert_eq!(codes.shortlist(&query, 5).len(), 3);
        let mut without_first = codes.clone();
        without_first.set(0, &[0, 0], false);
        assert_eq!(
            without_first.shortlist(&query, 1),
            [2],
            "a slot without a meaning is passed over"
        );
    }

    #[test]
    fn slots_sharing_a_code_are_scanned_once_and_shortlisted_together() {
        let row = [10i8, -10, 10, -10, 10, -10, 10, -10, 10];
        let opposite = row.map(|value| -value);
        let weaker = row.map(|value| value / 2);
        let slots = slots(9, &[row, opposite, row, weaker, row].concat());
        let mut codes = SignCodes::of(&slots);
        codes.set(4, slots.values(4), false);
        let query = row.map(f32::from);
        let sorted = |mut slots: Vec<usize>| {
            slots.sort_unstable();
            slots
        };
        assert_eq!(sorted(codes.shortlist(&query, 1)), [0, 2, 3], "the slots of the best code");
        assert_eq!(codes.distinct.get().map(Distinct::len), Some(2));
        assert_eq!(codes.shortlist(&query.map(|q| -q), 1), [1]);
        assert_eq!(sorted(codes.shortlist(&query, 4)), [0, 1, 2, 3], "slot 4 holds no meaning");
        codes.set(3, slots.values(1), true);
        assert_eq!(sorted(codes.shortlist(&query, 1)), [0, 2], "grouped again after a set");
    }

    #[test]
    fn the_grouping_reads_back_as_written_and_a_damaged_one_is_refused() {
        let row = [10i8, -10, 10, -10, 10, -10, 10, -10, 10];
        let slots = slots(9, &[row, row.map(|value| -value), row].concat());
        let codes = SignCodes::of(&slots);
        let mut bytes = codes.distinct_to_bytes();
        bytes.extend(b"rest");
        let stored = |bytes: &[u8]| {
            let codes = OwnedBytes::new(codes.to_bytes());
            let mut read = SignCodes::from_bytes(9, 3, codes).unwrap().0;
            let rest = read.read_distinct(OwnedBytes::new(bytes.to_vec()))?;
            Some((read, rest.as_slice().to_vec()))
        };
        let (read, rest) = stored(&bytes).unwrap();
        assert_eq!(rest, b"rest");
        let distinct = read.distinct.get().unwrap();
        assert!(distinct.codes.is_mapped());
        assert_eq!(read.distinct_to_bytes(), codes.distinct_to_bytes());
        assert_eq!(distinct.slots(0).collect::<Vec<_>>(), [0, 2]);
        assert!(stored(&bytes[..bytes.len() - 8]).is_none(), "cut short");
        let mut beyond = bytes.clone();
        let last_slot = bytes.len() - 4 - 4;
        beyond[last_slot..last_slot + 4].copy_from_slice(&7u32.to_le_bytes());
        assert!(stored(&beyond).is_none(), "a slot the codes do not have");
    }

    #[test]
    fn a_set_code_matches_a_computed_one() {
        let values: Vec<i8> = vec![1, -1, 0, 5, -3, 2, 2, -2, 7, 1];
        let slots = slots(5, &values);
        let mut codes = SignCodes::new(5);
        codes.set(1, slots.values(1), true);
        codes.set(0, slots.values(0), true);
        assert_eq!(codes, SignCodes::of(&slots));
    }
}
