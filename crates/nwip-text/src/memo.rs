//! A bounded map of answers, filled on demand and shared between threads.
//!
//! What is computed once from immutable inputs (a term's document frequency in an open index,
//! the terms of a text) holds for every later question: a scan's items and a server's requests
//! share most of their vocabulary and many candidate documents. A [`Memo`] is split into shards,
//! each behind its own lock, so that the threads of a scan rarely wait on each other, and a shard
//! that grows past its share of the memo's capacity starts over, which bounds its memory.
//!
//! ```
//! use nwip_text::memo::Memo;
//! let memo: Memo<String, usize> = Memo::new(1_000);
//! assert_eq!(memo.get_or_look_up("pipe", || Some(4)), Some(4));
//! assert_eq!(memo.get_or_look_up("pipe", || Some(5)), Some(4), "remembered");
//! ```

use std::borrow::Borrow;
use std::hash::{Hash, Hasher};
use std::sync::{Mutex, MutexGuard};

use rustc_hash::{FxHashMap, FxHasher};

const SHARDS: usize = 16;

type Shard<K, V> = Mutex<FxHashMap<K, V>>;

/// A bounded map from keys to values, filled on demand and shared between threads.
pub struct Memo<K, V> {
    shards: [Shard<K, V>; SHARDS],
    /// Entries a shard holds at most before it starts over.
    per_shard: usize,
}

impl<K, V> std::fmt::Debug for Memo<K, V> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Memo").field("capacity", &(self.per_shard * SHARDS)).finish()
    }
}

impl<K: Hash + Eq, V: Clone> Memo<K, V> {
    /// A memo of at most `capacity` entries.
    pub fn new(capacity: usize) -> Memo<K, V> {
        Memo {
            shards: std::array::from_fn(|_| Mutex::default()),
            per_shard: capacity.div_ceil(SHARDS).max(1),
        }
    }

    /// Returns the value of `key`, computing it with `look_up` the first time (a look-up that
    /// fails, `None`, is not remembered).
    pub fn get_or_look_up<Q>(&self, key: &Q, look_up: impl FnOnce() -> Option<V>) -> Option<V>
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ToOwned<Owned = K> + ?Sized,
    {
        if let Some(value) = self.get(key) {
            return Some(value);
        }
        // Looked up outside the lock: two threads may both look a new key up, to equal values.
        let value = look_up()?;
        self.insert(key.to_owned(), value.clone());
        Some(value)
    }

    /// Returns the value of `key` if it is remembered.
    pub fn get<Q>(&self, key: &Q) -> Option<V>
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        lock(self.shard(key)).get(key).cloned()
    }

    /// Remembers `value` for `key`.
    pub fn insert(&self, key: K, value: V) {
        let mut map = lock(self.shard(&key));
        if map.len() >= self.per_shard {
            map.clear();
        }
        map.insert(key, value);
    }

    /// How many entries are remembered.
    pub fn len(&self) -> usize {
        self.shards.iter().map(|shard| lock(shard).len()).sum()
    }

    /// Whether nothing is remembered.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn shard<Q: Hash + ?Sized>(&self, key: &Q) -> &Shard<K, V> {
        let mut hasher = FxHasher::default();
        key.hash(&mut hasher);
        // The high bits: FxHash mixes its last input into them.
        &self.shards[(hasher.finish() >> 60) as usize % SHARDS]
    }
}

/// Locks a shard; a panic elsewhere leaves its entries valid.
fn lock<K, V>(shard: &Shard<K, V>) -> MutexGuard<'_, FxHashMap<K, V>> {
    shard.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_shard_starts_over() {
        let memo = Memo::new(1_000);
        for number in 0..10_000 {
            memo.insert(number.to_string(), number);
        }
        assert!(memo.len() <= 1_000, "{} held", memo.len());
        assert!(!memo.is_empty());
        assert_eq!(memo.get("9999"), Some(9999), "the newest is kept");
    }

    #[test]
    fn a_failed_look_up_is_not_remembered() {
        let memo: Memo<u128, u8> = Memo::new(10);
        assert_eq!(memo.get_or_look_up(&7, || None), None);
        assert_eq!(memo.get_or_look_up(&7, || Some(1)), Some(1));
        assert_eq!(memo.get_or_look_up(&7, || Some(2)), Some(1));
    }
}
