//! What an open index has been asked once, remembered for its later checks.
//!
//! An open index never changes (an update is a new generation, opened anew), so an answer read
//! from it once holds for every later check: a scan's items and a server's requests share most
//! of their vocabulary and many of their candidate documents. A [`Memo`] is split into shards,
//! each behind its own lock, so that the threads of a scan rarely wait on each other, and a shard
//! that grows past its share of the memo's capacity starts over, which bounds its memory.
//!
//! The index keeps two: [`DocFreqs`], how many records hold a term (two term-dictionary
//! look-ups a term, title and abstract fields, for every term of a proposal and of each
//! candidate's text), and the [document summaries](nwip_corpus::identity::DocumentSummary) of
//! candidate documents (five fast-field reads for each of a document's records).

use std::sync::{Mutex, MutexGuard};

use nwip_text::Language;
use rustc_hash::{FxHashMap, FxHasher};

const SHARDS: usize = 16;

/// A bounded map from strings to values, filled on demand and shared between threads.
pub(crate) struct Memo<V> {
    shards: [Mutex<FxHashMap<String, V>>; SHARDS],
    /// Entries a shard holds at most before it starts over.
    per_shard: usize,
}

impl<V: Clone> Memo<V> {
    /// A memo of at most `capacity` entries.
    pub(crate) fn new(capacity: usize) -> Memo<V> {
        Memo {
            shards: std::array::from_fn(|_| Mutex::default()),
            per_shard: capacity.div_ceil(SHARDS).max(1),
        }
    }

    /// Returns the value of `key`, computing it with `look_up` the first time (a look-up that
    /// fails, `None`, is not remembered).
    pub(crate) fn get_or_look_up(
        &self,
        key: &str,
        look_up: impl FnOnce() -> Option<V>,
    ) -> Option<V> {
        if let Some(value) = self.get(key) {
            return Some(value);
        }
        // Looked up outside the lock: two threads may both look a new key up, to equal values.
        let value = look_up()?;
        self.insert(key, value.clone());
        Some(value)
    }

    /// Returns the value of `key` if it is remembered.
    pub(crate) fn get(&self, key: &str) -> Option<V> {
        lock(self.shard(key)).get(key).cloned()
    }

    /// Remembers `value` for `key`.
    pub(crate) fn insert(&self, key: &str, value: V) {
        let mut map = lock(self.shard(key));
        if map.len() >= self.per_shard {
            map.clear();
        }
        map.insert(key.to_string(), value);
    }

    fn shard(&self, key: &str) -> &Mutex<FxHashMap<String, V>> {
        use std::hash::{Hash, Hasher};
        let mut hasher = FxHasher::default();
        key.hash(&mut hasher);
        // The high bits: FxHash mixes its last input into them.
        &self.shards[(hasher.finish() >> 60) as usize % SHARDS]
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.shards.iter().map(|shard| lock(shard).len()).sum()
    }
}

/// Locks a shard; a panic elsewhere leaves its entries valid.
fn lock<V>(shard: &Mutex<FxHashMap<String, V>>) -> MutexGuard<'_, FxHashMap<String, V>> {
    shard.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Terms the document-frequency memo holds at most, over all languages (about 60 bytes a term).
const DOC_FREQ_CAPACITY: usize = 1 << 19;

/// Term → document frequency, one [`Memo`] per [`Language`].
pub(crate) struct DocFreqs {
    languages: [Memo<u64>; Language::ALL.len()],
}

impl Default for DocFreqs {
    fn default() -> Self {
        let per_language = DOC_FREQ_CAPACITY / Language::ALL.len();
        DocFreqs { languages: std::array::from_fn(|_| Memo::new(per_language)) }
    }
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
        self.languages[language as usize].get_or_look_up(term, look_up)
    }
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
        let memo = Memo::new(1_000);
        for number in 0..10_000 {
            memo.insert(&number.to_string(), number);
        }
        assert!(memo.len() <= 1_000, "{} held", memo.len());
        assert!(memo.len() > 0);
        assert_eq!(memo.get("9999"), Some(9999), "the newest is kept");
    }
}
