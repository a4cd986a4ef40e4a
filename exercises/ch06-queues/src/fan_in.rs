//! # A fan-in that knows when everyone is done
//!
//! Several producers, one consumer: each producer sends on its own clone
//! of one sender, and the consumer reads them all from one receiver, like
//! chapter 6's `fan_in` listing. The consumer knows nothing about how many
//! messages are coming, or when; it finds out that everyone is done because
//! the channel closes.
//!
//! Implement `gather(producers)`:
//!
//! - make one `std::sync::mpsc` channel;
//! - start every producer on a thread of its own, all at once, and hand
//!   each its own clone of the sender;
//! - receive on the calling thread until every producer is done, and
//!   return everything in the order it arrived, across producers too.
//!
//! A producer is done when its sender is gone, not when its thread ends: a
//! producer may hand its sender on to a thread of its own and return.
//!
//! Do not count messages, wait for a quiet moment, or expect a sentinel:
//! a producer may send any number of messages, at any pace. Let the
//! channel tell you: `recv` returns `Err` once every sender is gone.
//!
//! The tests check that every message from every producer arrives, each
//! producer's in the order it sent them and all in the order they
//! arrived, that the producers run at the same time, that `gather` waits
//! for a producer that pauses and for a sender handed on to another
//! thread, and that it returns as soon as the last producer is done, even
//! when there are none.

use std::sync::mpsc::{self, Sender};
use std::thread;

/// Something that sends messages on the `Sender` it is given.
pub type Producer<T> = Box<dyn FnOnce(Sender<T>) + Send>;

/// Runs every producer on a thread of its own and returns what they sent,
/// in the order it arrived, once every one of them is done.
pub fn gather<T: Send + 'static>(producers: Vec<Producer<T>>) -> Vec<T> {
    // SOLUTION: Make a channel, spawn one thread per producer with a clone of the sender, drop your own sender, and collect from the receiver until it reports that every sender is gone.
    let (sender, inbox) = mpsc::channel();
    for producer in producers {
        let sender = sender.clone();
        thread::spawn(move || producer(sender));
    }
    // While this one lives, the channel can never close.
    drop(sender);
    inbox.iter().collect()
    // END SOLUTION
}
