//! # An ID allocator
//!
//! Orders arrive on many threads at once, and each needs an ID. Write
//! `IdAllocator::allocate`: it hands out the IDs in order, starting from
//! the first, and never the same ID twice, however many threads call it at
//! the same time.
//!
//! The allocator keeps the next ID in a `Counter`. In your programs that is
//! an `AtomicU64`: the trait lists the `AtomicU64` methods you may use, with
//! the `Ordering` filled in. The tests also plug in a counter of their own,
//! which lets another thread take an ID at the moments a racing thread could
//! get in: just before and just after your first `load`. They check the IDs
//! on one thread, that no ID taken by that other thread is handed out again,
//! that two allocators count separately, and that 8 threads allocating at
//! once get 8 000 different IDs with no gaps.

use std::sync::atomic::{AtomicU64, Ordering::Relaxed};

/// The operations of `AtomicU64` that the allocator may use.
pub trait Counter {
    /// The value now.
    fn load(&self) -> u64;
    /// Replaces the value.
    fn store(&self, value: u64);
    /// Adds `value` and returns the value before, in one indivisible step.
    fn fetch_add(&self, value: u64) -> u64;
    /// In one indivisible step: if the value is `current`, replaces it with
    /// `new` and returns `Ok(current)`; otherwise returns `Err(the value)`.
    fn compare_exchange(&self, current: u64, new: u64) -> Result<u64, u64>;
}

// Relaxed is enough: an ID only has to be unique, and no other data is
// handed from thread to thread through the counter.
impl Counter for AtomicU64 {
    fn load(&self) -> u64 {
        AtomicU64::load(self, Relaxed)
    }
    fn store(&self, value: u64) {
        AtomicU64::store(self, value, Relaxed)
    }
    fn fetch_add(&self, value: u64) -> u64 {
        AtomicU64::fetch_add(self, value, Relaxed)
    }
    fn compare_exchange(&self, current: u64, new: u64) -> Result<u64, u64> {
        AtomicU64::compare_exchange(self, current, new, Relaxed, Relaxed)
    }
}

pub struct IdAllocator<C = AtomicU64> {
    /// The ID the next call to `allocate` hands out. Public so that the
    /// tests can build an allocator around a counter of their own.
    pub next: C,
}

impl IdAllocator {
    /// An allocator whose first ID is `first`.
    pub fn starting_at(first: u64) -> IdAllocator {
        IdAllocator {
            next: AtomicU64::new(first),
        }
    }
}

impl<C: Counter> IdAllocator<C> {
    /// Hands out the next ID. Safe to call from many threads at once.
    pub fn allocate(&self) -> u64 {
        // SOLUTION: Hand out the next ID and move the counter past it, in one indivisible step.
        self.next.fetch_add(1)
        // END SOLUTION
    }
}
