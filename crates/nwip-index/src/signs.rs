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

/// The sign code of every slot of a meaning file, by slot.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct SignCodes {
    /// Bytes a code takes: a bit per component.
    width: usize,
    codes: Vec<u8>,
}

impl SignCodes {
    /// Codes of `dims`-component meanings (none yet).
    pub(crate) fn new(dims: usize) -> SignCodes {
        SignCodes { width: dims.div_ceil(8), codes: Vec::new() }
    }

    /// The codes of the quantised meanings in `values`, `dims` components a slot (computed in
    /// parallel: an index is opened with them).
    pub(crate) fn of(values: &[i8], dims: usize) -> SignCodes {
        let mut codes = SignCodes::new(dims);
        if dims > 0 {
            let width = codes.width;
            codes.codes = values
                .par_chunks(dims * 4096)
                .flat_map_iter(|block| {
                    let mut bytes = Vec::with_capacity(block.len() / dims * width);
                    for slot in block.chunks_exact(dims) {
                        bytes.extend(code(slot));
                    }
                    bytes
                })
                .collect();
        }
        codes
    }

    /// Sets the code of `slot` from its quantised meaning, growing the codes as needed.
    pub(crate) fn set(&mut self, slot: usize, values: &[i8]) {
        if (slot + 1) * self.width > self.codes.len() {
            self.codes.resize((slot + 1) * self.width, 0);
        }
        for (byte, value) in self.codes[slot * self.width..].iter_mut().zip(code(values)) {
            *byte = value;
        }
    }

    /// The `count` slots whose codes score highest against `query` (a meaning as the slots hold
    /// them, in floats), in no particular order; slots `skip` refuses are left out.
    pub(crate) fn shortlist(
        &self,
        query: &[f32],
        count: usize,
        skip: impl Fn(usize) -> bool,
    ) -> Vec<usize> {
        if self.width == 0 || count == 0 {
            return Vec::new();
        }
        // For each byte of a code, the query's partial product with each of its 256 values.
        let mut table = vec![0.0f32; self.width * 256];
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
        let mut scored: Vec<(f32, usize)> = self
            .codes
            .chunks_exact(self.width)
            .enumerate()
            .filter(|(slot, _)| !skip(*slot))
            .map(|(slot, code)| {
                let score = code
                    .iter()
                    .zip(table.chunks_exact(256))
                    .map(|(byte, partials)| partials[usize::from(*byte)])
                    .sum::<f32>();
                (score, slot)
            })
            .collect();
        if scored.len() > count {
            let by_score = |a: &(f32, usize), b: &(f32, usize)| -> Ordering { b.0.total_cmp(&a.0) };
            scored.select_nth_unstable_by(count - 1, by_score);
            scored.truncate(count);
        }
        scored.into_iter().map(|(_, slot)| slot).collect()
    }
}

/// The sign code of one quantised meaning: bit `i % 8` of byte `i / 8` is set when component
/// `i` is positive.
fn code(values: &[i8]) -> impl Iterator<Item = u8> + '_ {
    values.chunks(8).map(|byte| {
        byte.iter().enumerate().fold(0u8, |code, (bit, value)| code | u8::from(*value > 0) << bit)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shortlists_the_slots_whose_signs_agree_with_the_query() {
        let values: Vec<i8> = [
            [10, -10, 10, -10, 10, -10, 10, -10, 10],
            [-10, 10, -10, 10, -10, 10, -10, 10, -10],
            [10, -10, 10, -10, 10, -10, 10, -10, -10],
        ]
        .concat();
        let codes = SignCodes::of(&values, 9);
        assert_eq!(codes.width, 2);
        let query = [1.0, -1.0, 1.0, -1.0, 1.0, -1.0, 1.0, -1.0, 1.0];
        let mut two = codes.shortlist(&query, 2, |_| false);
        two.sort_unstable();
        assert_eq!(two, [0, 2]);
        assert_eq!(codes.shortlist(&query, 1, |_| false), [0]);
        assert_eq!(codes.shortlist(&query, 1, |slot| slot == 0), [2]);
        assert_eq!(codes.shortlist(&query, 5, |_| false).len(), 3);
    }

    #[test]
    fn a_set_code_matches_a_computed_one() {
        let values: Vec<i8> = vec![1, -1, 0, 5, -3, 2, 2, -2, 7, 1];
        let mut codes = SignCodes::new(5);
        codes.set(1, &values[5..]);
        codes.set(0, &values[..5]);
        assert_eq!(codes, SignCodes::of(&values, 5));
    }
}
