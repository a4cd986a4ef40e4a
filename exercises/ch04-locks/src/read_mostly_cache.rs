//! # A read-mostly cache on an RwLock
//!
//! A cache is read far more often than it is written: once a value has been
//! computed, every later lookup only reads it. An `RwLock` lets all those
//! readers in at once and makes only the rare writer wait for them.
//!
//! Implement two methods of `Cache`:
//!
//! - `with_value(key, look)` calls `look` on the cached value for `key`
//!   (the value in the map itself, not a copy), holding the *read* lock, and returns what `look` returned; `None` if
//!   the key is not cached. Many threads must be able to look at the same
//!   time.
//! - `get_or_compute(key, compute)` returns a clone of the cached value for
//!   `key`. On a miss it calls `compute` to make the value, caches it, and
//!   returns it. `compute` may be slow, so call it while holding *no* lock:
//!   readers of other keys must not wait for it. Two threads may then miss
//!   the same key at the same moment and both compute it; the first value
//!   to be cached wins, and both threads return that one.
//!
//! Careful: a read guard that is still alive when the same thread asks for
//! the write lock never lets it in. `std::sync::RwLock` may deadlock or
//! panic there. Make sure the read guard is gone before you write.
//!
//! The tests check hits and misses, that lookers share the lock, that a slow
//! computation holds up no reader, and that two threads computing the same
//! key at once end up agreeing on one value.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::RwLock;

pub struct Cache<K, V> {
    values: RwLock<HashMap<K, V>>,
}

impl<K: Eq + Hash, V: Clone> Cache<K, V> {
    pub fn new() -> Cache<K, V> {
        Cache {
            values: RwLock::new(HashMap::new()),
        }
    }

    /// Calls `look` on the value cached for `key`, under the read lock.
    pub fn with_value<R>(&self, key: &K, look: impl FnOnce(&V) -> R) -> Option<R> {
        // SOLUTION: Take the read lock, look the key up, and call `look` on the value if it is there.
        self.values.read().unwrap().get(key).map(look)
        // END SOLUTION
    }

    /// The value cached for `key`, computed with `compute` on a miss, with
    /// no lock held while it computes.
    pub fn get_or_compute(&self, key: K, compute: impl FnOnce() -> V) -> V {
        // SOLUTION: Look for the key under the read lock and return a clone if it is there. Otherwise drop the read guard, compute, then take the write lock and insert the value unless one got there first (`entry(key).or_insert(value)`); return a clone of what is cached.
        if let Some(value) = self.values.read().unwrap().get(&key) {
            return value.clone();
        }
        // The read guard was a temporary of the `if let`: it is gone here.
        let value = compute();
        let mut values = self.values.write().unwrap();
        values.entry(key).or_insert(value).clone()
        // END SOLUTION
    }
}

impl<K: Eq + Hash, V: Clone> Default for Cache<K, V> {
    fn default() -> Cache<K, V> {
        Cache::new()
    }
}
