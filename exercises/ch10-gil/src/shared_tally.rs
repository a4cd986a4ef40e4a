//! # A tally shared by threads
//!
//! On one thread, a word count that several parts of a program add to is an
//! `Rc<RefCell<HashMap<String, u64>>>`: `Rc` so that every part owns it,
//! `RefCell` so that each can change it. Hand a clone of that to
//! `thread::spawn` and the compiler refuses (`Rc` is not `Send`). In Python
//! you would share one `dict` and hope the GIL covers you; here the types
//! have to say how the sharing is made safe.
//!
//! Make `Tally` a handle that threads can share:
//!
//! - every clone of a `Tally` reaches the same counts, so a word added
//!   through one clone is counted by all of them;
//! - `add(word)` counts one more `word`; `count(word)` says how many there
//!   are (0 for a word never added); `total()` adds up every count;
//! - many threads may add at the same time, and no addition is lost.
//!
//! The tests give a clone to each of several threads started with
//! `thread::spawn` (so the handle must own what it shares), let them all add
//! at once, and check that every addition was counted; they also check that
//! two tallies made with `new` share nothing.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

// SOLUTION: Give `Tally` a field that every clone shares and that many threads can change: what replaces `Rc`, and what replaces `RefCell`?
#[derive(Clone, Default)]
pub struct Tally {
    counts: Arc<Mutex<HashMap<String, u64>>>,
}
// STARTER
// #[derive(Clone, Default)]
// pub struct Tally {
//     // On one thread this was `Rc<RefCell<HashMap<String, u64>>>`.
// }
// END SOLUTION

impl Tally {
    pub fn new() -> Tally {
        Tally::default()
    }

    /// Counts one more `word`.
    pub fn add(&self, word: &str) {
        // SOLUTION: Lock the counts and add one to `word`'s entry, creating it if need be.
        let mut counts = self.counts.lock().unwrap();
        *counts.entry(word.to_string()).or_insert(0) += 1;
        // END SOLUTION
    }

    /// How many times `word` was added, through any clone.
    pub fn count(&self, word: &str) -> u64 {
        // SOLUTION: Lock the counts and return `word`'s entry, or 0.
        self.counts.lock().unwrap().get(word).copied().unwrap_or(0)
        // END SOLUTION
    }

    /// The sum of all counts.
    pub fn total(&self) -> u64 {
        // SOLUTION: Lock the counts and add up their values.
        self.counts.lock().unwrap().values().sum()
        // END SOLUTION
    }
}
