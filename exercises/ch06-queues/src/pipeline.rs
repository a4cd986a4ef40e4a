//! # A pipeline that keeps the order
//!
//! Chapter 6's pipeline listing passed an order through two stages, each
//! on a thread of its own, with channels in between. Build one yourself.
//!
//! Implement `pipeline(inputs, first, second)`:
//!
//! - run `first` on one thread and `second` on another, each taking its
//!   items from a channel and sending its results on to the next one. Use
//!   crossbeam channels that hold `BETWEEN_STAGES` items, so that a fast
//!   stage cannot run far ahead of a slow one;
//! - feed the inputs in from a thread of their own: the calling thread is
//!   busy at the other end, collecting what `second` produces;
//! - return the results in the order of the inputs, exactly what
//!   `inputs.into_iter().map(first).map(second)` would give;
//! - shut down by dropping senders: when the inputs run out, the feeder's
//!   sender goes, then the first stage ends and drops its sender, and so
//!   on down the line until the collecting loop ends.
//!
//! The tests compare your pipeline with the sequential computation, check
//! that each stage runs on a thread of its own and that the stages work on
//! different items at the same time, that a fast stage runs only a few
//! items ahead of a slow one, that the order holds even when an early item
//! is slow, and that the pipeline returns when the inputs run out, even
//! when there are none.

use crossbeam_channel::bounded;
use std::thread;

/// How many items may wait in each channel between two stages.
pub const BETWEEN_STAGES: usize = 2;

/// Runs every input through `first` and then `second`, each stage on a
/// thread of its own, and returns the results in the order of the inputs.
pub fn pipeline<A, B, C>(
    inputs: Vec<A>,
    first: impl Fn(A) -> B + Send + Sync,
    second: impl Fn(B) -> C + Send + Sync,
) -> Vec<C>
where
    A: Send,
    B: Send,
    C: Send,
{
    // SOLUTION: Make three bounded channels (into `first`, into `second`, out to you), give the feeder and each stage a scoped thread that owns its sender, and collect the last channel on this thread.
    let (to_first, first_inbox) = bounded(BETWEEN_STAGES);
    let (to_second, second_inbox) = bounded(BETWEEN_STAGES);
    let (to_caller, results) = bounded(BETWEEN_STAGES);
    thread::scope(|s| {
        // Each thread owns its sender, so each sender is dropped when its
        // thread ends, and that closes the channel for the next stage.
        s.spawn(move || {
            for input in inputs {
                to_first.send(input).expect("the first stage stopped");
            }
        });
        s.spawn(move || {
            for item in first_inbox {
                to_second
                    .send(first(item))
                    .expect("the second stage stopped");
            }
        });
        s.spawn(move || {
            for item in second_inbox {
                to_caller.send(second(item)).expect("the caller stopped");
            }
        });
        results.iter().collect()
    })
    // END SOLUTION
}
