//! # The best score so far
//!
//! Players on many threads finish their games at once, and the server keeps
//! the best score so far. Write `HighScore::record`: it raises the best
//! score to `score` when `score` is higher, and returns whether it did. A
//! lower score must never replace a higher one, whatever the threads do.
//!
//! The best score lives in a `Slot`: the `AtomicU64` methods you may use,
//! with the `Ordering` filled in. In your own programs, `AtomicU64::fetch_max`
//! does this whole job in one call, and chapter 3 recommends it. The `Slot`
//! offers no such operation: only `load`, `store` and `compare_exchange`, none
//! of which raises a maximum in one step. So here you write what `fetch_max`
//! does, with `compare_exchange` in a loop. The tests also plug in a slot of
//! their own, which lets other players' scores land right after your reads of
//! the slot, before you write. They check the scores on one thread, that a
//! higher score landing meanwhile is kept and reported as beating yours, that
//! one landing during your retry is kept too, that a lower one landing
//! meanwhile does not stop yours, and that 8 threads recording at once end
//! with the best of all.

use std::sync::atomic::{AtomicU64, Ordering::Relaxed};

/// The operations of `AtomicU64` that a high score may use.
pub trait Slot {
    /// The value now.
    fn load(&self) -> u64;
    /// Replaces the value.
    fn store(&self, value: u64);
    /// In one indivisible step: if the value is `current`, replaces it with
    /// `new` and returns `Ok(current)`; otherwise returns `Err(the value)`.
    fn compare_exchange(&self, current: u64, new: u64) -> Result<u64, u64>;
}

impl Slot for AtomicU64 {
    fn load(&self) -> u64 {
        AtomicU64::load(self, Relaxed)
    }
    fn store(&self, value: u64) {
        AtomicU64::store(self, value, Relaxed)
    }
    fn compare_exchange(&self, current: u64, new: u64) -> Result<u64, u64> {
        AtomicU64::compare_exchange(self, current, new, Relaxed, Relaxed)
    }
}

pub struct HighScore<S = AtomicU64> {
    /// Where the best score lives. Public so that the tests can build a
    /// `HighScore` around a slot of their own and read it afterwards.
    pub best: S,
}

impl HighScore {
    /// No games played yet: the best score is 0.
    pub fn empty() -> HighScore {
        HighScore {
            best: AtomicU64::new(0),
        }
    }
}

impl<S: Slot> HighScore<S> {
    pub fn best(&self) -> u64 {
        self.best.load()
    }

    /// Makes `score` the best score if it beats the best so far; returns
    /// whether it did. Safe to call from many threads at once.
    pub fn record(&self, score: u64) -> bool {
        // SOLUTION: With only the operations `Slot` offers (it has no `fetch_max`), replace the best score with `score` only while `score` is higher, retrying when another thread changed it first.
        let mut best = self.best.load();
        while score > best {
            match self.best.compare_exchange(best, score) {
                Ok(_) => return true,
                // Someone else got there first: compare with their score.
                Err(now) => best = now,
            }
        }
        false
        // END SOLUTION
    }
}
