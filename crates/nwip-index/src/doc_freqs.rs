//! Document frequencies remembered for the life of an open index.
//!
//! Every check weighs the terms of its proposal and of each candidate's text by how many
//! records hold them (two term-dictionary look-ups a term: title and abstract fields). An open
//! index never changes (an update is a new generation, opened anew), so a frequency looked up
//! once holds for every later check: a scan's items and a server's requests share most of their
//! vocabulary. The table is split into shards, each behind its own lock, so that the threads of a
//! scan rarely wait on each other, and a shard that grows past its share of [`CAPACITY`] starts
//! over, which bounds its memory (about 60 bytes a term).

use std::sync::{Mutex, MutexGuard};

use nwip_text::Language;
use rustc_hash::{FxHashMap, FxHasher};

/// How many terms the table holds at most, over all shards and languages.
pub(crate) const CAPACITY: usize = 1 << 19;

const SHARDS: usize = 16;

type Shard = [FxHashMap<String, u64>; Language::ALL.len()];

/// Term → document frequency, one map per [`Language`] in each shard.
#[derive(Default)]
pub(crate) struct DocFreqs {
    shards: [Mutex<Shard>; SHARDS],
}

impl DocFreqs {
    /// Returns the frequency of `term` in `language`, computing it with `look_up` the first time
    /// (a look-up that fails, `None`, is not remembered).
    pub(crate) fn get_or_look_up(
        &self,
        language: Language,
        term: &str,
        look_up: impl FnOnce() -> Option<u64>,
    ) -> Option<u64> {
        let shard = self.shard(term);
        if let Some(count) = lock(shard)[language as usize].get(term) {
            return Some(*count);
        }
        // Looked up outside the lock: two threads may both look a new term up, to the same count.
        let count = look_up()?;
        let mut maps = lock(shard);
        if maps.iter().map(FxHashMap::len).sum::<usize>() >= CAPACITY / SHARDS {
            maps.iter_mut().for_each(FxHashMap::clear);
        }
        maps[language as usize].insert(term.to_string(), count);
        Some(count)
    }

    fn shard(&self, term: &str) -> &Mutex<Shard> {
        use std::hash::{Hash, Hasher};
        let mut hasher = FxHasher::default();
        term.hash(&mut hasher);
        // The high bits: FxHash mixes its last input into them.
        &self.shards[(hasher.finish() >> 60) as usize % SHARDS]
    }
}

/// Locks a shard; a panic elsewhere leaves its counts valid.
fn lock(shard: &Mutex<Shard>) -> MutexGuard<'_, Shard> {
    shard.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn looks_a_term_up_once_per_language() {
        let table = DocFreqs::default();
        let mut calls = 0;
        let mut count = |language, term, value: Option<u64>| {
            table.get_or_look_up(language, term, || {
                calls += 1;
                value
            })
        };
        assert_eq!(count(Language::English, "safeti", Some(7)), Some(7));
        assert_eq!(count(Language::English, "safeti", Some(9)), Some(7), "remembered");
        assert_eq!(count(Language::French, "safeti", Some(2)), Some(2), "another language");
        assert_eq!(count(Language::French, "manag", None), None);
        assert_eq!(count(Language::French, "manag", Some(3)), Some(3), "a failure is not kept");
        assert_eq!(calls, 4);
    }

    #[test]
    fn a_full_shard_starts_over() {
        let table = DocFreqs::default();
        for number in 0..CAPACITY * 2 {
            table.get_or_look_up(Language::English, &number.to_string(), || Some(1));
        }
        let held: usize = table
            .shards
            .iter()
            .map(|shard| lock(shard).iter().map(FxHashMap::len).sum::<usize>())
            .sum();
        assert!(held <= CAPACITY, "{held} terms held");
        assert!(held > 0);
    }
}
