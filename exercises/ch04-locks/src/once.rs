//! # A value made once
//!
//! Some values should be made once and then shared: settings read from a
//! file, a table built at start-up. The first thread that needs the value
//! makes it, a thread that asks while it is being made waits for it, and
//! everybody gets the same value. In Python you would write a module-level
//! lock and an `if value is None:` check inside it. The standard library
//! has this ready-made as `std::sync::OnceLock`; here you build it from a
//! `Mutex` to see how it works.
//!
//! Implement two methods of `Once`:
//!
//! - `get()` returns a clone of the value kept so far, or `None`;
//! - `get_or_init(init)` returns a clone of the kept value, first running
//!   `init` and keeping its value if there is none yet. `init` must run
//!   once, even when many threads call at the same moment: a thread that
//!   arrives while `init` runs waits for it, and gets its value.
//!
//! If `init` panics, the panic reaches the caller of `get_or_init`, nothing
//! is kept, and the next call runs its own `init`. A panic while the guard
//! is held poisons a `std::sync::Mutex`, and `lock()` returns `Err` from
//! then on. Here the data is still sound (the slot is simply empty), so a
//! poisoned lock is no reason to fail: take the guard out of the
//! `PoisonError` with `into_inner`.
//!
//! The tests check that `init` runs once and its value is shared, that a
//! caller arriving during `init` waits for its value instead of running
//! `init` itself, that a panicking `init` leaves the `Once` usable, and
//! that two `Once`s are independent: each keeps its own value, and the
//! `init` of one may use the other.

use std::sync::{Mutex, PoisonError};

pub struct Once<T> {
    value: Mutex<Option<T>>,
}

impl<T: Clone> Once<T> {
    pub const fn new() -> Once<T> {
        Once {
            value: Mutex::new(None),
        }
    }

    /// The value kept so far, if any.
    pub fn get(&self) -> Option<T> {
        // SOLUTION: Lock the slot, taking the guard out of a `PoisonError` if need be, and return a clone of what it holds.
        self.value
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
        // END SOLUTION
    }

    /// The kept value; the first call makes it with `init`.
    pub fn get_or_init(&self, init: impl FnOnce() -> T) -> T {
        // SOLUTION: Lock the slot for the whole call (recovering the guard from a poisoned lock), run `init` only if the slot is empty, keep its value, and return a clone.
        // Holding the guard while `init` runs is what makes later callers wait.
        let mut value = self.value.lock().unwrap_or_else(PoisonError::into_inner);
        value.get_or_insert_with(init).clone()
        // END SOLUTION
    }
}

impl<T: Clone> Default for Once<T> {
    fn default() -> Once<T> {
        Once::new()
    }
}
