//! Near-duplicate sketches: MinHash signatures over word shingles, and LSH bands to find them.
//!
//! Two texts that are "only slightly different from each other in content" share most of their
//! word pairs. A [`Sketch`] keeps, for each of [`SKETCH_HASHES`] hash functions, the smallest hash of
//! the text's shingles (pairs of consecutive terms); the share of equal slots of two sketches
//! estimates the Jaccard similarity of their shingle sets. [`Sketch::bands`] groups the slots into
//! [`SKETCH_BANDS`] bands whose hashes are indexed, so candidates are found by equal bands, not by
//! comparing all pairs.

use crate::Terms;

/// Number of hash functions (slots) in a sketch.
pub const SKETCH_HASHES: usize = 32;
/// Number of LSH bands; each band covers `SKETCH_HASHES / SKETCH_BANDS` slots.
pub const SKETCH_BANDS: usize = 8;
const ROWS_PER_BAND: usize = SKETCH_HASHES / SKETCH_BANDS;
/// Fewest shingles a text needs for a sketch: shorter texts collide by chance.
pub const MIN_SHINGLES: usize = 4;

/// A MinHash signature of a text's shingles.
///
/// ```
/// use nwip_text::{analyze_terms, Language, Sketch};
/// let a = analyze_terms("Road vehicles - Functional safety - Part 1: Vocabulary for electric and electronic systems", Language::English);
/// let b = analyze_terms("Road vehicles - Functional safety - Part 1: Vocabulary for electrical and electronic systems", Language::English);
/// let c = analyze_terms("Plastics - Determination of tensile properties of films and sheets", Language::English);
/// let (a, b, c) = (Sketch::from_terms(&a).unwrap(), Sketch::from_terms(&b).unwrap(), Sketch::from_terms(&c).unwrap());
/// assert!(a.similarity(&b) > 0.5);
/// assert!(a.similarity(&c) < 0.2);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sketch {
    slots: [u32; SKETCH_HASHES],
}

impl Sketch {
    /// Builds the sketch of a sequence of analysed terms, or `None` when it has too few shingles.
    pub fn from_terms<S: AsRef<str>>(terms: &[S]) -> Option<Sketch> {
        if terms.len() < MIN_SHINGLES + 1 {
            return None;
        }
        Some(Sketch { slots: shingle_minima(terms.iter().map(AsRef::as_ref)) })
    }

    /// Builds the sketch of the terms of `first` followed by those of `second` (a record's title
    /// and abstract), the same as [`Sketch::from_terms`] of the two in one list. Each part's
    /// smallest hashes are computed once for the life of its [`Terms`] (remembered texts come
    /// back check after check), so only the pair that spans the two parts is hashed here.
    ///
    /// ```
    /// use nwip_text::{Sketch, Terms};
    /// let title = Terms::from_terms(["road", "vehicl", "function", "safeti"]);
    /// let body = Terms::from_terms(["vocabulari", "electr", "system"]);
    /// let joined: Vec<&str> = title.iter().chain(body.iter()).collect();
    /// assert_eq!(Sketch::from_parts(&title, &body), Sketch::from_terms(&joined));
    /// assert_eq!(Sketch::from_parts(&title, &Terms::default()), None, "too few pairs");
    /// ```
    pub fn from_parts(first: &Terms, second: &Terms) -> Option<Sketch> {
        if first.len() + second.len() < MIN_SHINGLES + 1 {
            return None;
        }
        let mut slots = *first.shingle_minima();
        for (slot, other) in slots.iter_mut().zip(second.shingle_minima()) {
            *slot = (*slot).min(*other);
        }
        if let (Some(last), Some(next)) = (first.last(), second.get(0)) {
            take_shingle(&mut slots, hash_str(last), hash_str(next));
        }
        Some(Sketch { slots })
    }

    /// Returns the estimated Jaccard similarity of the two shingle sets, in [0, 1].
    pub fn similarity(&self, other: &Sketch) -> f32 {
        let equal = self.slots.iter().zip(other.slots.iter()).filter(|(a, b)| a == b).count();
        equal as f32 / SKETCH_HASHES as f32
    }

    /// Returns the band hashes: equal band hashes mark candidate near-duplicates. The band number
    /// is mixed in, so equal hashes of different bands never collide.
    pub fn bands(&self) -> [u64; SKETCH_BANDS] {
        let mut bands = [0u64; SKETCH_BANDS];
        for (band, chunk) in self.slots.chunks(ROWS_PER_BAND).enumerate() {
            let mut hash = band as u64 + 1;
            for slot in chunk {
                hash = mix(hash ^ u64::from(*slot));
            }
            bands[band] = hash;
        }
        bands
    }

    /// Returns the slots as bytes (little-endian), for storage.
    pub fn to_bytes(&self) -> Vec<u8> {
        self.slots.iter().flat_map(|slot| slot.to_le_bytes()).collect()
    }

    /// Reads a sketch written by [`Sketch::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Option<Sketch> {
        if bytes.len() != SKETCH_HASHES * 4 {
            return None;
        }
        let mut slots = [0u32; SKETCH_HASHES];
        for (slot, chunk) in slots.iter_mut().zip(bytes.chunks_exact(4)) {
            *slot = u32::from_le_bytes([chunk[0], chunk[1], chunk[2], chunk[3]]);
        }
        Some(Sketch { slots })
    }
}

/// 64-bit FNV-1a of a string, finished with a splitmix64 mix; stable across runs and platforms.
pub fn hash_str(text: &str) -> u64 {
    let mut hash = 0xcbf2_9ce4_8422_2325u64;
    for byte in text.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    mix(hash)
}

/// The smallest hash of each slot over the shingles of `terms` (every slot at its maximum when
/// there are fewer than two terms). Each term is hashed once.
pub(crate) fn shingle_minima<'a>(terms: impl Iterator<Item = &'a str>) -> [u32; SKETCH_HASHES] {
    let mut slots = [u32::MAX; SKETCH_HASHES];
    let mut previous: Option<u64> = None;
    for term in terms {
        let hash = hash_str(term);
        if let Some(previous) = previous {
            take_shingle(&mut slots, previous, hash);
        }
        previous = Some(hash);
    }
    slots
}

/// Lowers each slot to the shingle's hash under it, for the shingle of two terms hashed
/// ([`hash_str`]) `first` and `second`.
fn take_shingle(slots: &mut [u32; SKETCH_HASHES], first: u64, second: u64) {
    let shingle = first ^ second.rotate_left(17);
    for (slot, seed) in slots.iter_mut().zip(SEEDS) {
        let hashed = (mix(shingle ^ seed) >> 32) as u32;
        if hashed < *slot {
            *slot = hashed;
        }
    }
}

/// The splitmix64 finaliser: a fast, well-spread 64-bit mix.
fn mix(mut x: u64) -> u64 {
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

const SEEDS: [u64; SKETCH_HASHES] = {
    let mut seeds = [0u64; SKETCH_HASHES];
    let mut state = 0x9e37_79b9_7f4a_7c15u64;
    let mut index = 0;
    while index < SKETCH_HASHES {
        state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        seeds[index] = z ^ (z >> 31);
        index += 1;
    }
    seeds
};

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(text: &str) -> Vec<String> {
        text.split_whitespace().map(str::to_string).collect()
    }

    #[test]
    fn a_sketch_of_two_parts_is_that_of_their_terms_in_one_list() {
        let all = terms("measur method for the determin of tensil strength of plastic film");
        for split in 0..=all.len() {
            let (first, second) = all.split_at(split);
            let (first, second) = (Terms::from_terms(first), Terms::from_terms(second));
            assert_eq!(Sketch::from_parts(&first, &second), Sketch::from_terms(&all), "at {split}");
            // The parts' minima are remembered: a second sketch reads them back.
            assert_eq!(Sketch::from_parts(&first, &second), Sketch::from_terms(&all));
        }
        let short = terms("a b c d");
        let (first, second) = (Terms::from_terms(&short[..2]), Terms::from_terms(&short[2..]));
        assert_eq!(Sketch::from_parts(&first, &second), None, "three pairs are too few");
    }

    #[test]
    fn identical_texts_have_identical_sketches_and_bands() {
        let a = Sketch::from_terms(&terms("a b c d e f g")).unwrap();
        let b = Sketch::from_terms(&terms("a b c d e f g")).unwrap();
        assert_eq!(a.similarity(&b), 1.0);
        assert_eq!(a.bands(), b.bands());
        assert_eq!(Sketch::from_bytes(&a.to_bytes()), Some(a));
    }

    #[test]
    fn short_texts_have_no_sketch() {
        assert!(Sketch::from_terms(&terms("a b c d")).is_none());
    }

    #[test]
    fn similarity_tracks_shared_shingles() {
        let base = terms("one two three four five six seven eight nine ten eleven twelve");
        let mut edited = base.clone();
        edited[11] = "changed".into();
        let other = terms("alpha beta gamma delta epsilon zeta eta theta iota kappa");
        let a = Sketch::from_terms(&base).unwrap();
        assert!(a.similarity(&Sketch::from_terms(&edited).unwrap()) > 0.6);
        assert!(a.similarity(&Sketch::from_terms(&other).unwrap()) < 0.15);
    }
}
