//! Scoring sign codes four bits at a time from byte tables: the scan a search by meaning
//! shortlists with, 32 codes an instruction where the processor has AVX2.
//!
//! A sign code's score is the product of the query with the code's signs: the sum, over the
//! code's nibbles, of a partial product read from a 16-entry table of the nibble's four query
//! components. Quantised to a byte each (one scale for every table, so that the sums compare),
//! the tables of a 256-component query fit in 1 KB, and a vector byte shuffle (`vpshufb`) reads
//! 32 codes' entries at once from one table held in a register. Codes are laid out for it in
//! blocks of 32, byte position by byte position ([`CodeBlocks`]); the sums are 16-bit integers.
//! This is the "fast scan" of product-quantisation searches (André, Kermarrec and Le Scouarnec,
//! "Cache locality is not enough: high-performance nearest neighbor search with product
//! quantization fast scan", VLDB 2015; FAISS's `IndexPQFastScan`).
//!
//! The scores are the same integers on every processor: without AVX2 the same byte tables are
//! read one code at a time ([`NibbleTables::score`]), so a search shortlists the same codes
//! wherever it runs. Rounding each table entry moves a score by at most half a step a nibble;
//! the shortlist, thousands long, is ranked again by the full meanings, so what rounding changes
//! at its far end does not reach the results.
//!
//! ```text
//! code bits:   byte k = components 8k..8k+8, bit i of the byte = sign of component 8k + i
//! nibble 2k    = components 8k..8k+4 (the low four bits), nibble 2k+1 = 8k+4..8k+8
//! blocks:      32 codes a block; per byte position k, the 32 codes' byte k
//! ```

/// The query's partial products, nibble by nibble, each quantised to a byte.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct NibbleTables {
    /// One table a nibble position: entry `n` is the product of the nibble's four query
    /// components with the signs the bits of `n` give.
    tables: Vec<[u8; 16]>,
}

impl NibbleTables {
    /// The tables of `query` for codes of `width` bytes, `None` when the query is zero (every
    /// code then scores the same).
    pub(crate) fn of(query: &[f32], width: usize) -> Option<NibbleTables> {
        let partials: Vec<[f32; 16]> = (0..2 * width)
            .map(|nibble| {
                let components = query.get(nibble * 4..).unwrap_or_default();
                std::array::from_fn(|entry| {
                    let sign = |bit: usize| if entry >> bit & 1 == 1 { 1.0 } else { -1.0 };
                    components.iter().take(4).enumerate().map(|(bit, q)| sign(bit) * q).sum()
                })
            })
            .collect();
        let lowest = |table: &[f32; 16]| table.iter().copied().fold(f32::INFINITY, f32::min);
        let range = |table: &[f32; 16]| {
            table.iter().copied().fold(f32::NEG_INFINITY, f32::max) - lowest(table)
        };
        let widest = partials.iter().map(range).fold(0.0f32, f32::max);
        if widest.is_nan() || widest <= 0.0 {
            return None;
        }
        // One step for every table: a code's score is then the sum of its entries.
        let step = widest / 255.0;
        let tables = partials
            .iter()
            .map(|table| {
                let floor = lowest(table);
                table.map(|partial| ((partial - floor) / step).round().clamp(0.0, 255.0) as u8)
            })
            .collect();
        Some(NibbleTables { tables })
    }

    /// The score of one code (its bytes in order): the sum of its nibbles' entries.
    pub(crate) fn score(&self, code: &[u8]) -> u32 {
        code.iter()
            .zip(self.tables.chunks_exact(2))
            .map(|(byte, pair)| {
                u32::from(pair[0][usize::from(byte & 0x0f)])
                    + u32::from(pair[1][usize::from(byte >> 4)])
            })
            .sum()
    }
}

/// Codes in blocks of 32, each block byte position by byte position: the layout the vector scan
/// reads, kept only where it runs. The last block is padded with zero codes.
#[derive(Debug, Clone, Default)]
pub(crate) struct CodeBlocks {
    width: usize,
    count: usize,
    /// The blocks, when this processor scans them ([`vector_scan_runs`]).
    #[cfg_attr(not(target_arch = "x86_64"), allow(dead_code))]
    bytes: Option<Vec<u8>>,
}

/// Codes a block: one byte of each fills a 256-bit register.
const BLOCK: usize = 32;

impl CodeBlocks {
    /// Lays out `codes` (consecutive codes of `width` bytes) for the vector scan, if this
    /// processor runs it.
    pub(crate) fn of(codes: &[u8], width: usize) -> CodeBlocks {
        let count = codes.len().checked_div(width).unwrap_or(0);
        let bytes = vector_scan_runs(width).then(|| {
            let mut bytes = vec![0u8; count.div_ceil(BLOCK) * BLOCK * width];
            let rows = codes[..count * width].chunks(BLOCK * width);
            for (block, rows) in bytes.chunks_exact_mut(BLOCK * width).zip(rows) {
                // Written in order, read across the block's codes (a kilobyte, in cache).
                for (position, column) in block.chunks_exact_mut(BLOCK).enumerate() {
                    for (slot, code) in column.iter_mut().zip(rows.chunks_exact(width)) {
                        *slot = code[position];
                    }
                }
            }
            bytes
        });
        CodeBlocks { width, count, bytes }
    }

    /// Calls `visit` with the index and score under `tables` of every code that scores at least
    /// the floor `visit` last returned (0 at first), in code order: 32 codes at a time where the
    /// processor has AVX2, else one at a time from `codes`, the codes these blocks were laid out
    /// from (the scores are the same integers either way).
    pub(crate) fn scan(
        &self,
        codes: &[u8],
        tables: &NibbleTables,
        mut visit: impl FnMut(usize, u32) -> u32,
    ) {
        #[cfg(target_arch = "x86_64")]
        if let Some(bytes) = self.bytes.as_deref().filter(|_| vector_scan_runs(self.width)) {
            // SAFETY: `vector_scan_runs` has just found AVX2 on this processor.
            unsafe { avx2::scan(bytes, self.width, self.count, tables, &mut visit) };
            return;
        }
        let mut floor = 0;
        for (index, code) in codes.chunks_exact(self.width.max(1)).take(self.count).enumerate() {
            let score = tables.score(code);
            if score >= floor {
                floor = visit(index, score);
            }
        }
    }
}

/// Whether codes of `width` bytes are scanned 32 at a time here: the processor has AVX2, and
/// 16-bit sums hold such a code's score (each byte adds two entries of at most 255).
fn vector_scan_runs(width: usize) -> bool {
    vector_scan_fits(width) && vector_scan_available()
}

fn vector_scan_fits(width: usize) -> bool {
    width > 0 && width * 2 * 255 <= usize::from(u16::MAX)
}

/// Whether this processor has what the vector scan needs.
fn vector_scan_available() -> bool {
    #[cfg(target_arch = "x86_64")]
    return std::arch::is_x86_feature_detected!("avx2");
    #[cfg(not(target_arch = "x86_64"))]
    return false;
}

#[cfg(target_arch = "x86_64")]
mod avx2 {
    use std::arch::x86_64::*;

    use super::{NibbleTables, BLOCK};

    /// One 16-byte table in both 128-bit lanes, as `vpshufb` reads it.
    #[target_feature(enable = "avx2")]
    fn in_both_lanes(table: &[u8; 16]) -> __m256i {
        let half = |at: usize| {
            i64::from_le_bytes(table[at..at + 8].try_into().expect("eight bytes of sixteen"))
        };
        _mm256_broadcastsi128_si256(_mm_set_epi64x(half(8), half(0)))
    }

    #[target_feature(enable = "avx2")]
    fn load(bytes: &[u8; 32]) -> __m256i {
        let word = |at: usize| {
            i64::from_le_bytes(bytes[at..at + 8].try_into().expect("eight bytes of 32"))
        };
        _mm256_set_epi64x(word(24), word(16), word(8), word(0))
    }

    /// The sixteen 16-bit sums of a register, in order.
    #[target_feature(enable = "avx2")]
    fn sums(register: __m256i) -> [u16; 16] {
        let words = [
            _mm256_extract_epi64::<0>(register),
            _mm256_extract_epi64::<1>(register),
            _mm256_extract_epi64::<2>(register),
            _mm256_extract_epi64::<3>(register),
        ];
        std::array::from_fn(|at| (words[at / 4] as u64 >> (16 * (at % 4))) as u16)
    }

    /// [`CodeBlocks::scan`] 32 codes at a time, over `count` codes of `width` bytes in blocks.
    /// A block's byte `j` at a position is code `j`'s; read as 16-bit words, code `2i` is the
    /// low byte of word `i` and code `2i + 1` the high byte, so the entries the shuffles give
    /// are summed apart for even and odd codes.
    #[target_feature(enable = "avx2")]
    pub(super) fn scan(
        blocks: &[u8],
        width: usize,
        count: usize,
        tables: &NibbleTables,
        visit: &mut impl FnMut(usize, u32) -> u32,
    ) {
        let registers: Vec<(__m256i, __m256i)> = tables
            .tables
            .chunks_exact(2)
            .take(width)
            .map(|pair| (in_both_lanes(&pair[0]), in_both_lanes(&pair[1])))
            .collect();
        let low_nibbles = _mm256_set1_epi8(0x0f);
        let low_bytes = _mm256_set1_epi16(0x00ff);
        let mut floor = 0u32;
        for (block, bytes) in blocks.chunks_exact(BLOCK * width).enumerate() {
            let mut even = _mm256_setzero_si256();
            let mut odd = _mm256_setzero_si256();
            for (column, (low_table, high_table)) in bytes.chunks_exact(BLOCK).zip(&registers) {
                let codes = load(column.try_into().expect("a block's column is 32 bytes"));
                let low = _mm256_and_si256(codes, low_nibbles);
                let high = _mm256_and_si256(_mm256_srli_epi16::<4>(codes), low_nibbles);
                let from_low = _mm256_shuffle_epi8(*low_table, low);
                let from_high = _mm256_shuffle_epi8(*high_table, high);
                even = _mm256_add_epi16(
                    even,
                    _mm256_add_epi16(
                        _mm256_and_si256(from_low, low_bytes),
                        _mm256_and_si256(from_high, low_bytes),
                    ),
                );
                odd = _mm256_add_epi16(
                    odd,
                    _mm256_add_epi16(
                        _mm256_srli_epi16::<8>(from_low),
                        _mm256_srli_epi16::<8>(from_high),
                    ),
                );
            }
            // Most blocks hold no code worth visiting once the floor has risen: one comparison
            // of all 32 sums passes them over. The sums are unsigned (up to 65,280): a sum is at
            // least the floor where the larger of the two is the sum.
            let floor_lanes = _mm256_set1_epi16(floor.min(u32::from(u16::MAX)) as u16 as i16);
            let at_least = |sums| _mm256_cmpeq_epi16(_mm256_max_epu16(sums, floor_lanes), sums);
            let kept = _mm256_or_si256(at_least(even), at_least(odd));
            if _mm256_movemask_epi8(kept) == 0 {
                continue;
            }
            let (even, odd) = (sums(even), sums(odd));
            let first = block * BLOCK;
            for (word, (even, odd)) in even.into_iter().zip(odd).enumerate() {
                for (index, score) in [(first + 2 * word, even), (first + 2 * word + 1, odd)] {
                    let score = u32::from(score);
                    if index < count && score >= floor {
                        floor = visit(index, score);
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(count: usize, width: usize) -> Vec<u8> {
        (0..count * width).map(|i| ((i * 2654435761usize) >> 7) as u8).collect()
    }

    fn query(dims: usize) -> Vec<f32> {
        (0..dims).map(|i| ((i * 37 % 101) as f32 - 50.0) / 13.0).collect()
    }

    #[test]
    fn entries_are_the_products_of_the_query_with_the_nibbles_signs() {
        let tables = NibbleTables::of(&[1.0, -1.0, 0.5, 0.0], 1).unwrap();
        assert_eq!(tables.tables.len(), 2);
        // Entry 0b0101: +1 +1 +0.5 -0 = 2.5, the largest of a range from -2.5 to 2.5.
        assert_eq!(tables.tables[0][0b0101], 255);
        assert_eq!(tables.tables[0][0b1010], 0);
        assert_eq!(tables.tables[0][0b0001], 204, "+1 +1 -0.5 = 1.5: (1.5 + 2.5) / 5 * 255");
        assert_eq!(tables.tables[1], [0; 16], "components past the query weigh nothing");
        assert_eq!(NibbleTables::of(&[0.0; 8], 1), None, "a zero query orders nothing");
    }

    #[test]
    fn scores_follow_the_products_of_the_query_with_the_codes_signs() {
        let query = query(16);
        let tables = NibbleTables::of(&query, 2).unwrap();
        let product = |code: &[u8]| -> f32 {
            let bit = |i: usize| code[i / 8] >> (i % 8) & 1 == 1;
            query.iter().enumerate().map(|(i, q)| if bit(i) { *q } else { -*q }).sum()
        };
        let mut pairs: Vec<(f32, u32)> =
            codes(200, 2).chunks_exact(2).map(|code| (product(code), tables.score(code))).collect();
        pairs.sort_by(|a, b| a.0.total_cmp(&b.0));
        let widest = 2.0 * query.iter().map(|q| q.abs()).sum::<f32>();
        for pair in pairs.windows(2) {
            // Rounding moves a score by half a step a nibble at most.
            let steps = (pair[1].0 - pair[0].0) / (widest / 4.0 / 255.0);
            if steps > 4.0 {
                assert!(pair[1].1 > pair[0].1, "{pair:?}");
            }
        }
    }

    #[test]
    fn the_vector_scan_gives_every_code_the_score_of_the_row_scan() {
        // Without AVX2 (`vector_scan_available`) both sides are the row scan.
        for (count, width) in [(0, 32), (1, 32), (31, 32), (32, 32), (77, 32), (100, 3), (65, 128)]
        {
            let codes = codes(count, width);
            let tables = NibbleTables::of(&query(width * 8), width).unwrap();
            let blocks = CodeBlocks::of(&codes, width);
            let mut seen = Vec::new();
            blocks.scan(&codes, &tables, |index, score| {
                seen.push((index, score));
                0
            });
            let expected: Vec<(usize, u32)> = codes
                .chunks_exact(width)
                .enumerate()
                .map(|(index, code)| (index, tables.score(code)))
                .collect();
            assert_eq!(seen, expected, "{count} codes of {width} bytes");
        }
    }

    #[test]
    fn codes_below_the_floor_the_visitor_sets_are_passed_over() {
        let (count, width) = (300, 32);
        let codes = codes(count, width);
        let tables = NibbleTables::of(&query(width * 8), width).unwrap();
        let scores: Vec<u32> = codes.chunks_exact(width).map(|code| tables.score(code)).collect();
        let mut sorted = scores.clone();
        sorted.sort_unstable();
        let floor = sorted[count - 20];
        let mut seen = Vec::new();
        CodeBlocks::of(&codes, width).scan(&codes, &tables, |index, _| {
            seen.push(index);
            floor
        });
        let expected: Vec<usize> =
            (0..count).filter(|&index| index == 0 || scores[index] >= floor).collect();
        assert_eq!(seen, expected);
    }

    proptest::proptest! {
        #[test]
        fn any_codes_score_alike_in_blocks_and_in_rows(
            width in 1usize..140,
            bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..3000),
            query in proptest::collection::vec(-4.0f32..4.0, 1..400),
            floor_at in 0usize..64,
        ) {
            let codes = &bytes[..bytes.len() / width * width];
            let Some(tables) = NibbleTables::of(&query, width) else { return Ok(()) };
            let scores: Vec<u32> = codes.chunks_exact(width).map(|c| tables.score(c)).collect();
            // A visitor that raises the floor to the score of the `floor_at`-th code it sees.
            let mut seen = Vec::new();
            CodeBlocks::of(codes, width).scan(codes, &tables, |index, score| {
                seen.push((index, score));
                seen.get(floor_at).map_or(0, |(_, score)| *score)
            });
            let mut floor = 0;
            let mut expected = Vec::new();
            for (index, score) in scores.into_iter().enumerate() {
                if score >= floor {
                    expected.push((index, score));
                    floor = expected.get(floor_at).map_or(0, |(_, score)| *score);
                }
            }
            proptest::prop_assert_eq!(seen, expected);
        }
    }

    #[test]
    fn sums_past_the_signed_16_bit_range_are_visited() {
        // Every bit set and every component positive: each byte adds 255 + 255, a code of 128
        // bytes 65,280, past what a signed 16-bit comparison reads as positive.
        let (count, width) = (64, 128);
        let codes = vec![0xffu8; count * width];
        let tables = NibbleTables::of(&vec![1.0; width * 8], width).unwrap();
        let mut seen = Vec::new();
        CodeBlocks::of(&codes, width).scan(&codes, &tables, |index, score| {
            seen.push((index, score));
            1
        });
        assert_eq!(seen, (0..count).map(|index| (index, 65_280)).collect::<Vec<_>>());
    }

    #[test]
    fn codes_too_wide_for_16_bit_sums_are_scanned_by_rows() {
        assert!(vector_scan_fits(128));
        assert!(!vector_scan_fits(129));
        assert!(!vector_scan_fits(0));
        let codes = codes(40, 200);
        let tables = NibbleTables::of(&query(1600), 200).unwrap();
        let mut scores = Vec::new();
        CodeBlocks::of(&codes, 200).scan(&codes, &tables, |_, score| {
            scores.push(score);
            0
        });
        assert_eq!(scores.len(), 40);
        assert_eq!(scores[3], tables.score(&codes[600..800]));
    }
}
