//! The indexed layout of a word-vector table (`NWIPWV02`): a table laid out to be searched where
//! it lies, mapped from disk, instead of parsed into a hash map at every start.
//!
//! A check that opens an index cold used to spend half its processor time on the table: reading
//! it whole, hashing each of its words, and stemming each again on the first inflected form it
//! lacked. `nwip index` writes the table in this layout instead; a reader checks its header and
//! looks words up in its two open-addressing tables, one by word and one by stem.
//!
//! # File format (little-endian)
//! ```text
//! b"NWIPWV02"  u32 dims  u32 words  u32 word_slots  u32 stem_slots  u32 text_len
//! f32 weights[words]  f32 scales[words]  i8 values[words × dims]
//! u32 word_ends[words]                  end of each word in `text` (it starts at the previous end)
//! u32 word_table[word_slots]            row + 1 of a word, 0 for an empty slot
//! u32 stem_table[stem_slots]            row + 1 of the first (most frequent) word of a stem
//! u8 text[text_len]                     the words, UTF-8, one after another
//! ```
//! Both tables have a power-of-two size at least twice their entries and are probed linearly
//! from the 64-bit FNV-1a hash of the word, or of its stem key (see `stem_key`); a stem slot's
//! entry is confirmed by stemming the word it points to.

use std::sync::Arc;

use crate::vectors::VectorsError;

/// The first bytes of a table in the indexed layout.
pub const INDEXED_MAGIC: &[u8; 8] = b"NWIPWV02";

const HEADER: usize = 8 + 5 * 4;

/// Bytes a table is read from: a file mapped into memory, or a buffer.
pub type TableBytes = Arc<dyn AsRef<[u8]> + Send + Sync>;

/// A table in the indexed layout, read in place.
#[derive(Clone)]
pub(crate) struct IndexedTable {
    bytes: TableBytes,
    dims: usize,
    words: usize,
    word_slots: usize,
    stem_slots: usize,
    text_len: usize,
    sections: Sections,
}

/// Where each section starts.
#[derive(Clone, Copy, Default)]
struct Sections {
    weights: usize,
    scales: usize,
    values: usize,
    ends: usize,
    word_table: usize,
    stem_table: usize,
    text: usize,
    end: usize,
}

impl IndexedTable {
    /// Checks the header and the sections' sizes and positions (no word is read but the ends,
    /// checked to rise within the text, so that no look-up can slice outside it).
    pub(crate) fn open(bytes: TableBytes) -> Result<IndexedTable, VectorsError> {
        let data: &[u8] = (*bytes).as_ref();
        let format = |message: String| VectorsError::Format(message);
        if data.len() < HEADER || &data[..8] != INDEXED_MAGIC {
            return Err(format("it does not start with an NWIPWV02 header".into()));
        }
        let field = |index: usize| u32_at(data, 8 + 4 * index) as usize;
        let mut table = IndexedTable {
            dims: field(0),
            words: field(1),
            word_slots: field(2),
            stem_slots: field(3),
            text_len: field(4),
            sections: Sections::default(),
            bytes: bytes.clone(),
        };
        if table.dims == 0 || table.dims > 4096 {
            return Err(format(format!("{} dimensions", table.dims)));
        }
        // Every word has a slot; stems are fewer than words (many words may share one).
        for (name, slots, least) in
            [("word", table.word_slots, table.words), ("stem", table.stem_slots, 1)]
        {
            if !slots.is_power_of_two() || slots < least {
                return Err(format(format!("{slots} {name} slots for {} words", table.words)));
            }
        }
        let sections = table.sections().ok_or_else(|| format("its sections overflow".into()))?;
        table.sections = sections;
        if sections.end != data.len() {
            return Err(format(format!(
                "{} bytes where its header promises {}",
                data.len(),
                sections.end
            )));
        }
        let mut previous = 0;
        for row in 0..table.words {
            let end = u32_at(data, sections.ends + 4 * row) as usize;
            if end < previous || end > table.text_len {
                return Err(format(format!("word {row} ends outside the text")));
            }
            previous = end;
        }
        Ok(table)
    }

    fn sections(&self) -> Option<Sections> {
        let words4 = self.words.checked_mul(4)?;
        let weights = HEADER;
        let scales = weights.checked_add(words4)?;
        let values = scales.checked_add(words4)?;
        let ends = values.checked_add(self.words.checked_mul(self.dims)?)?;
        let word_table = ends.checked_add(words4)?;
        let stem_table = word_table.checked_add(self.word_slots.checked_mul(4)?)?;
        let text = stem_table.checked_add(self.stem_slots.checked_mul(4)?)?;
        let end = text.checked_add(self.text_len)?;
        Some(Sections { weights, scales, values, ends, word_table, stem_table, text, end })
    }

    fn data(&self) -> &[u8] {
        (*self.bytes).as_ref()
    }

    pub(crate) fn dims(&self) -> usize {
        self.dims
    }

    pub(crate) fn len(&self) -> usize {
        self.words
    }

    pub(crate) fn weight(&self, row: usize) -> f32 {
        f32::from_bits(u32_at(self.data(), self.sections.weights + 4 * row))
    }

    pub(crate) fn scale(&self, row: usize) -> f32 {
        f32::from_bits(u32_at(self.data(), self.sections.scales + 4 * row))
    }

    /// The row's components, as stored bytes (each an `i8`).
    pub(crate) fn values(&self, row: usize) -> &[u8] {
        let start = self.sections.values + row * self.dims;
        &self.data()[start..start + self.dims]
    }

    /// The word of a row.
    pub(crate) fn word(&self, row: usize) -> &[u8] {
        let layout = self.sections;
        let data = self.data();
        let end = u32_at(data, layout.ends + 4 * row) as usize;
        let start = if row == 0 { 0 } else { u32_at(data, layout.ends + 4 * (row - 1)) as usize };
        &data[layout.text + start..layout.text + end]
    }

    /// The row of `word`, if the table has it.
    pub(crate) fn row_of_word(&self, word: &str) -> Option<usize> {
        let start = self.sections.word_table;
        self.probe(start, self.word_slots, word.as_bytes(), |row| self.word(row) == word.as_bytes())
    }

    /// The row of the first word of the table whose stem key is `key`.
    pub(crate) fn row_of_stem(
        &self,
        key: &str,
        stem_key: impl Fn(&str) -> Box<str>,
    ) -> Option<usize> {
        let start = self.sections.stem_table;
        self.probe(start, self.stem_slots, key.as_bytes(), |row| {
            std::str::from_utf8(self.word(row)).is_ok_and(|word| &*stem_key(word) == key)
        })
    }

    /// Probes a table of `slots` entries at `start` from the hash of `key`, until `matches`
    /// accepts a row or an empty slot ends the run.
    fn probe(
        &self,
        start: usize,
        slots: usize,
        key: &[u8],
        matches: impl Fn(usize) -> bool,
    ) -> Option<usize> {
        if slots == 0 {
            return None;
        }
        let data = self.data();
        let mask = slots - 1;
        let mut slot = fnv1a(key) as usize & mask;
        for _ in 0..slots {
            let entry = u32_at(data, start + 4 * slot) as usize;
            if entry == 0 {
                return None;
            }
            // A damaged entry pointing past the rows is passed over, never read.
            if entry <= self.words && matches(entry - 1) {
                return Some(entry - 1);
            }
            slot = (slot + 1) & mask;
        }
        None
    }
}

/// Writes a table in the indexed layout from its rows, in row order: `(word, weight, scale,
/// values)`; `stem_key` gives a word's stem key (the first row of each key is the one a stem
/// look-up finds).
pub(crate) fn write_indexed<'a>(
    dims: usize,
    rows: impl ExactSizeIterator<Item = (&'a str, f32, f32, &'a [u8])>,
    stem_key: impl Fn(&str) -> Box<str>,
) -> Vec<u8> {
    let words = rows.len();
    let word_slots = (2 * words).next_power_of_two().max(2);
    let mut weights = Vec::with_capacity(4 * words);
    let mut scales = Vec::with_capacity(4 * words);
    let mut values = Vec::with_capacity(dims * words);
    let mut ends = Vec::with_capacity(4 * words);
    let mut text = Vec::new();
    let mut word_table = vec![0u32; word_slots];
    let mut stems: Vec<(Box<str>, u32)> = Vec::new();
    let mut seen_stems = std::collections::HashSet::new();
    for (row, (word, weight, scale, row_values)) in rows.enumerate() {
        debug_assert_eq!(row_values.len(), dims);
        weights.extend(weight.to_le_bytes());
        scales.extend(scale.to_le_bytes());
        values.extend_from_slice(row_values);
        text.extend_from_slice(word.as_bytes());
        ends.extend((text.len() as u32).to_le_bytes());
        insert(&mut word_table, word.as_bytes(), row as u32);
        let key = stem_key(word);
        if seen_stems.insert(key.clone()) {
            stems.push((key, row as u32));
        }
    }
    let stem_slots = (2 * stems.len()).next_power_of_two().max(2);
    let mut stem_table = vec![0u32; stem_slots];
    for (key, row) in &stems {
        insert(&mut stem_table, key.as_bytes(), *row);
    }
    let mut bytes = INDEXED_MAGIC.to_vec();
    for value in [dims, words, word_slots, stem_slots, text.len()] {
        bytes.extend((value as u32).to_le_bytes());
    }
    bytes.extend(weights);
    bytes.extend(scales);
    bytes.extend(values);
    bytes.extend(ends);
    bytes.extend(word_table.iter().flat_map(|entry| entry.to_le_bytes()));
    bytes.extend(stem_table.iter().flat_map(|entry| entry.to_le_bytes()));
    bytes.extend(text);
    bytes
}

/// Puts `row` in the first empty slot from the hash of `key` (the table has room: twice its
/// entries).
fn insert(table: &mut [u32], key: &[u8], row: u32) {
    let mask = table.len() - 1;
    let mut slot = fnv1a(key) as usize & mask;
    while table[slot] != 0 {
        slot = (slot + 1) & mask;
    }
    table[slot] = row + 1;
}

/// 64-bit FNV-1a: a hash fixed by its definition, so that a table written by one build of nwip
/// is searched alike by another (a hasher crate may change its function between versions).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

fn u32_at(data: &[u8], at: usize) -> u32 {
    u32::from_le_bytes(data[at..at + 4].try_into().expect("four bytes"))
}
