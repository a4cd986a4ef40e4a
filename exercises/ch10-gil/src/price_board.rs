//! # A price board read by many threads
//!
//! A shop's prices are read all the time, by every thread that serves a
//! customer, and changed now and then. In Python, threads read a shared
//! `dict` one at a time anyway: the GIL lets one of them run at once. In Rust
//! they can read at the same moment, if the type you choose lets them.
//!
//! Make `Board` a handle that threads started with `thread::spawn` can share:
//!
//! - every clone of a `Board` shows the same prices;
//! - `set(item, cents)` changes one price;
//! - `read(look)` calls `look` with the prices and returns what it returns.
//!   Many threads must be able to be inside `read` at the same time, and a
//!   `read` must never change anything.
//!
//! Three designs come to mind: `Arc<Mutex<…>>`, `Arc<RwLock<…>>`, or one
//! thread that owns the prices and answers requests over a channel. Only one
//! of them lets two readers look at the prices at the same time without a
//! thread in the middle. Which one wins depends on the reads: when they are
//! short, a `Mutex` is fine, and cheaper per lock; a lock that shares
//! wins when many threads read, each read takes a while, and writes are
//! rare. Here `look` is any closure the caller passes, so a read may take
//! long, and readers must not wait for each other. The tests make two
//! readers wait for each other inside `read`: they only meet if your board
//! lets them in together. They also check that setting a price again
//! replaces it, and that two boards made with `new` share nothing.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

// SOLUTION: Give `Board` a field that every clone shares, that a writer can change, and that many readers can hold at once.
#[derive(Clone, Default)]
pub struct Board {
    prices: Arc<RwLock<HashMap<String, u32>>>,
}
// STARTER
// #[derive(Clone, Default)]
// pub struct Board {
//     // Shared by every clone; read by many threads at once; written now and then.
// }
// END SOLUTION

impl Board {
    pub fn new() -> Board {
        Board::default()
    }

    /// Sets the price of `item`, in cents.
    pub fn set(&self, item: &str, cents: u32) {
        // SOLUTION: Take the write lock and insert the price.
        self.prices.write().unwrap().insert(item.to_string(), cents);
        // END SOLUTION
    }

    /// Calls `look` with the prices, sharing them with any other reader.
    pub fn read<R>(&self, look: impl FnOnce(&HashMap<String, u32>) -> R) -> R {
        // SOLUTION: Take the read lock and hand the map to `look`.
        let prices = self.prices.read().unwrap();
        look(&prices)
        // END SOLUTION
    }
}
