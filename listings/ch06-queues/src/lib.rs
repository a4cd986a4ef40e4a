//! A pipeline stage and a wait group, built from channels.
//!
//! Two small tools that chapter 6's listings share, each built from nothing
//! but channels: a pipeline stage that runs on a thread of its own, and a
//! wait group that tells you when every task holding one of its clones is
//! done.

use crossbeam_channel::{Receiver, Sender, bounded};
use std::convert::Infallible;
use std::thread;

/// How many items may wait between two stages of a pipeline. A small
/// number keeps a fast stage from running far ahead of a slow one.
pub const BETWEEN_STAGES: usize = 4;

// ANCHOR: stage
/// A pipeline stage: a thread between two channels.
/// It applies `work` to every item arriving on `input` and sends the
/// results, in the same order, on the channel it returns.
///
/// When `input` is closed and empty, the thread reports how many items it
/// passed on and ends, which drops its sender and so closes its output:
/// the next stage finishes in turn.
pub fn stage<I, O>(
    name: &'static str,
    input: Receiver<I>,
    work: impl Fn(I) -> O + Send + 'static,
) -> Receiver<O>
where
    I: Send + 'static,
    O: Send + 'static,
{
    let (output, next_input) = bounded(BETWEEN_STAGES);
    thread::spawn(move || {
        let mut passed = 0;
        for item in input {
            if output.send(work(item)).is_err() {
                break; // nobody is listening downstream any more
            }
            passed += 1;
        }
        println!("{name}: input closed after {passed} items; closing my output");
        // `output` is dropped here, as the thread ends.
    });
    next_input
}
// ANCHOR_END: stage

// ANCHOR: wait_group
/// A wait group: waits until every clone of it has been dropped.
/// Give one clone to each task, let the task drop it when it is done, and
/// call `wait` on the one you kept.
///
/// Built from a channel that never carries a message: each clone holds a
/// sender, and `recv` on the receiver returns `Err` only once every sender
/// is gone.
#[derive(Clone)]
pub struct WaitGroup {
    token: Sender<Infallible>,
    all_dropped: Receiver<Infallible>,
}

impl WaitGroup {
    pub fn new() -> WaitGroup {
        let (token, all_dropped) = bounded(0);
        WaitGroup { token, all_dropped }
    }

    /// Drops this clone, then blocks until every other clone is dropped too.
    pub fn wait(self) {
        let WaitGroup { token, all_dropped } = self;
        drop(token);
        // Nothing is ever sent, so this returns only with `Err`: disconnected.
        let _ = all_dropped.recv();
    }
}
// ANCHOR_END: wait_group

impl Default for WaitGroup {
    fn default() -> WaitGroup {
        WaitGroup::new()
    }
}
