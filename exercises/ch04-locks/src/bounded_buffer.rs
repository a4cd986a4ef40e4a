//! # A bounded buffer on a Mutex and two Condvars
//!
//! Producers `push` items in, consumers `pop` them out in the same order,
//! and the buffer never holds more than its capacity. A producer that finds
//! it full waits until there is room; a consumer that finds it empty waits
//! until an item arrives. This is what Python's `queue.Queue(maxsize=…)`
//! does for you, built from chapter 4's parts: a `Mutex` around the items
//! and a `Condvar` for each thing a thread may wait for.
//!
//! Implement `push` and `pop`:
//!
//! - `push` waits on `not_full` while the buffer is full, adds the item at
//!   the back, and wakes a consumer waiting on `not_empty`;
//! - `pop` waits on `not_empty` while the buffer is empty, takes the item at
//!   the front, and wakes a producer waiting on `not_full`.
//!
//! Remember that a thread woken from a `Condvar` wait has no promise that
//! the condition it waited for is true: another thread may have got there
//! first, and the standard library allows a wait to end for no reason at
//! all (a *spurious wakeup*). Check again every time you wake up;
//! `wait_while` does that for you.
//!
//! Producers and consumers wait for different things, so they wait on
//! different condvars: a `notify_one` on a condvar that both wait on may
//! wake a thread of the wrong side, which finds nothing for it and sleeps
//! again, and the thread the wakeup was meant for sleeps on (a *lost
//! wakeup*).
//!
//! The tests check the order of items, that push waits while the buffer is
//! full and pop while it is empty, that each wakes the other, that waking a
//! waiting thread without a reason does not fool it, and that many items
//! pass between several producers and consumers through a small buffer.
//! To make the bad timings certain, the tests use the public condvars
//! themselves: they notify them with nothing changed (a spurious wakeup),
//! and they wait on them, first in line, as a thread waiting for the other
//! side's condition would, to catch a wakeup that goes to the wrong side.

use std::collections::VecDeque;
use std::sync::{Condvar, Mutex};

pub struct BoundedBuffer<T> {
    items: Mutex<VecDeque<T>>,
    capacity: usize,
    /// Notified when an item has been added. Public so that the tests can
    /// wake a waiting `pop` when nothing was added (a spurious wakeup), and
    /// wait on it themselves, as a consumer would.
    pub not_empty: Condvar,
    /// Notified when an item has been taken out. Public so that the tests
    /// can wake a waiting `push` when nothing was taken out, and wait on it
    /// themselves, as a producer would.
    pub not_full: Condvar,
}

impl<T> BoundedBuffer<T> {
    pub fn new(capacity: usize) -> BoundedBuffer<T> {
        assert!(capacity > 0, "a buffer needs room for at least one item");
        BoundedBuffer {
            items: Mutex::new(VecDeque::with_capacity(capacity)),
            capacity,
            not_empty: Condvar::new(),
            not_full: Condvar::new(),
        }
    }

    /// How many items the buffer holds right now.
    pub fn len(&self) -> usize {
        self.items.lock().unwrap().len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Adds `item` at the back, first waiting for room if the buffer is full.
    pub fn push(&self, item: T) {
        // SOLUTION: Lock the items, wait on `not_full` while there are `capacity` of them, push the item to the back, and notify `not_empty`.
        let items = self.items.lock().unwrap();
        let mut items = self
            .not_full
            .wait_while(items, |items| items.len() >= self.capacity)
            .unwrap();
        items.push_back(item);
        self.not_empty.notify_one();
        // END SOLUTION
    }

    /// Takes the item at the front, first waiting for one if the buffer is
    /// empty.
    pub fn pop(&self) -> T {
        // SOLUTION: Lock the items, wait on `not_empty` while there are none, take the front one, notify `not_full`, and return it.
        let items = self.items.lock().unwrap();
        let mut items = self
            .not_empty
            .wait_while(items, |items| items.is_empty())
            .unwrap();
        let item = items.pop_front().expect("wait_while saw an item");
        self.not_full.notify_one();
        item
        // END SOLUTION
    }
}
