//! Sign codes of the records' meanings: one bit per component, and the scan over them that
//! shortlists the slots a search by meaning then compares in full.
//!
//! A whitened meaning spreads its length evenly over its components, so the signs of its
//! components alone place it well: the product of a query (in floats) with a record's signs
//! follows the record's cosine closely. A code is an eighth of a quantised meaning, and the
//! product is read from a table of the query's partial sums, one lookup a byte (asymmetric
//! distance computation, as product-quantisation searches do), so a scan of every record reads a
//! few megabytes instead of the whole meaning file. The shortlist it gives is then ranked by the
//! full meanings.

use std::cmp::Ordering;

use rayon::prelude::*;

use crate::slots::Slots;

/// The sign code of every slot of a meaning file, by slot.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct SignCodes {
    /// Bytes a code takes: a bit per component.
    width: usize,
    codes: Vec<u8>,
    /// Whether each slot holds a meaning (a scan reads this, not the slots' scales spread over
    /// the whole file).
    present: Vec<bool>,
}

impl SignCodes {
    /// Codes of `dims`-component meanings (none yet).
    pub(crate) fn new(dims: usize) -> SignCodes {
        SignCodes { width: dims.div_ceil(8), codes: Vec::new(), present: Vec::new() }
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
            codes.codes.extend(bytes);
            codes.present.extend(present);
        }
        codes
    }

    /// The codes as a meaning file stores them: every slot's code, then a byte a slot saying
    /// whether it holds a meaning.
    pub(crate) fn to_bytes(&self) -> Vec<u8> {
        let mut bytes = self.codes.clone();
        bytes.extend(self.present.iter().map(|&present| u8::from(present)));
        bytes
    }

    /// The bytes [`SignCodes::to_bytes`] gives for `slots` slots of `dims`-component meanings.
    pub(crate) fn byte_len(dims: usize, slots: usize) -> usize {
        slots * (dims.div_ceil(8) + 1)
    }

    /// Reads the codes of `slots` slots of `dims`-component meanings from the start of `bytes`
    /// ([`SignCodes::to_bytes`]), returning them and the bytes after; `None` when they end early.
    pub(crate) fn from_bytes(
        dims: usize,
        slots: usize,
        bytes: &[u8],
    ) -> Option<(SignCodes, &[u8])> {
        let width = dims.div_ceil(8);
        let (codes, rest) = bytes.split_at_checked(slots.checked_mul(width)?)?;
        let (present, rest) = rest.split_at_checked(slots)?;
        let present = present.iter().map(|&byte| byte == 1).collect();
        Some((SignCodes { width, codes: codes.to_vec(), present }, rest))
    }

    /// Sets the code of `slot` from its quantised meaning's bytes (`present`: whether it holds
    /// a meaning), growing the codes as needed.
    pub(crate) fn set(&mut self, slot: usize, values: &[u8], present: bool) {
        if (slot + 1) * self.width > self.codes.len() {
            self.codes.resize((slot + 1) * self.width, 0);
            self.present.resize(slot + 1, false);
        }
        self.present[slot] = present;
        for (byte, value) in self.codes[slot * self.width..].iter_mut().zip(code(values)) {
            *byte = value;
        }
    }

    /// The `count` slots holding a meaning whose codes score highest against `query` (a meaning
    /// as the slots hold them, in floats), in no particular order.
    pub(crate) fn shortlist(&self, query: &[f32], count: usize) -> Vec<usize> {
        if self.width == 0 || count == 0 {
            return Vec::new();
        }
        let table = partial_products(query, self.width);
        // The best `count` so far are kept among at most twice as many, cut back to `count`
        // whenever full: a few dozen kilobytes, where keeping every slot's score (the first
        // way this was written) filled megabytes of fresh memory in every check.
        let by_score = |a: &(f32, usize), b: &(f32, usize)| -> Ordering { b.0.total_cmp(&a.0) };
        let mut kept: Vec<(f32, usize)> = Vec::with_capacity(2 * count);
        let mut floor = f32::NEG_INFINITY;
        for (slot, code) in self.codes.chunks_exact(self.width).enumerate() {
            if !self.present[slot] {
                continue;
            }
            let score = code_score(code, &table);
            if score < floor {
                continue;
            }
            if kept.len() == 2 * count {
                kept.select_nth_unstable_by(count - 1, by_score);
                kept.truncate(count);
                floor = kept[count - 1].0;
                if score < floor {
                    continue;
                }
            }
            kept.push((score, slot));
        }
        if kept.len() > count {
            kept.select_nth_unstable_by(count - 1, by_score);
            kept.truncate(count);
        }
        kept.into_iter().map(|(_, slot)| slot).collect()
    }
}

/// For each byte of a `width`-byte code, the query's partial product with each of its 256
/// values (a component counts positive where its bit is set, negative where not).
fn partial_products(query: &[f32], width: usize) -> Vec<f32> {
    let mut table = vec![0.0f32; width * 256];
    for (position, partials) in table.chunks_exact_mut(256).enumerate() {
        let components = query.get(position * 8..).unwrap_or_default();
        for (byte, partial) in partials.iter_mut().enumerate() {
            *partial = components
                .iter()
                .take(8)
                .enumerate()
                .map(|(bit, q)| if byte >> bit & 1 == 1 { *q } else { -*q })
                .sum();
        }
    }
    table
}

/// The product of a query with one code: the sum of the query's partial product for each of the
/// code's bytes (`table`: its [`partial_products`]).
///
/// Four sums run side by side, each over every fourth byte: one sum would wait for each
/// addition to finish before the next (a chain of 32 for 256 components), and this loop runs
/// once for every record of the index in every check.
fn code_score(code: &[u8], table: &[f32]) -> f32 {
    let mut sums = [0.0f32; 4];
    let mut quads = code.chunks_exact(4);
    let mut partials = table.chunks_exact(4 * 256);
    for (bytes, partials) in quads.by_ref().zip(partials.by_ref()) {
        for (lane, (sum, byte)) in sums.iter_mut().zip(bytes).enumerate() {
            *sum += partials[lane * 256 + usize::from(*byte)];
        }
    }
    for (lane, byte) in quads.remainder().iter().enumerate() {
        sums[lane] += partials.remainder()[lane * 256 + usize::from(*byte)];
    }
    (sums[0] + sums[1]) + (sums[2] + sums[3])
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
        let (read, rest) = SignCodes::from_bytes(9, 2, &bytes).unwrap();
        assert_eq!((read, rest), (codes, &b"rest"[..]));
        assert!(SignCodes::from_bytes(9, 3, &bytes[..6]).is_none(), "codes cut short");
    }

    #[test]
    fn a_code_scores_the_sum_of_its_bytes_partials_whatever_its_width() {
        for width in 1..=9 {
            let table: Vec<f32> = (0..width * 256).map(|i| ((i * 37) % 101) as f32 / 7.0).collect();
            let code: Vec<u8> = (0..width).map(|i| (i * 53 + 11) as u8).collect();
            let expected: f32 = code
                .iter()
                .zip(table.chunks_exact(256))
                .map(|(byte, partials)| partials[usize::from(*byte)])
                .sum();
            let score = code_score(&code, &table);
            assert!((score - expected).abs() <= 1e-4 * expected.abs().max(1.0), "width {width}");
        }
    }

    #[test]
    fn a_shortlist_far_shorter_than_the_slots_holds_the_best_codes() {
        let dims = 20;
        let values: Vec<i8> =
            (0..300 * dims).map(|i| ((i * 7919 + i / dims * 31) % 23) as i8 - 11).collect();
        let codes = SignCodes::of(&slots(dims, &values));
        let query: Vec<f32> = (0..dims).map(|i| (i as f32 * 0.7).sin()).collect();
        let table = partial_products(&query, codes.width);
        let mut every: Vec<f32> =
            codes.codes.chunks_exact(codes.width).map(|code| code_score(code, &table)).collect();
        every.sort_by(|a, b| b.total_cmp(a));
        let short = codes.shortlist(&query, 7);
        assert_eq!(short.len(), 7);
        for slot in short {
            let code = &codes.codes[slot * codes.width..(slot + 1) * codes.width];
            assert!(code_score(code, &table) >= every[6], "slot {slot} is not among the best 7");
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
    fn a_set_code_matches_a_computed_one() {
        let values: Vec<i8> = vec![1, -1, 0, 5, -3, 2, 2, -2, 7, 1];
        let slots = slots(5, &values);
        let mut codes = SignCodes::new(5);
        codes.set(1, slots.values(1), true);
        codes.set(0, slots.values(0), true);
        assert_eq!(codes, SignCodes::of(&slots));
    }
}
