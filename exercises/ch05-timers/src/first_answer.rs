//! # The first good answer wins
//!
//! Ask several mirrors the same question at once, take whichever good answer
//! comes first, and give the whole race one deadline. In Python you would
//! submit every request to a `ThreadPoolExecutor` and walk
//! `as_completed(futures, timeout=…)` until a future has a result that is
//! not an exception.
//!
//! `first_answer(mirrors, budget)` starts every mirror on a thread of its
//! own and returns:
//!
//! - `Ok(answer)` with the first `Ok` that any mirror returns, as soon as
//!   it arrives; a mirror that fails does not end the race;
//! - `Err(NoAnswer::AllFailed(errors))`, with the errors in the order they
//!   arrived, as soon as every mirror has failed: do not wait for the
//!   deadline when nothing can come any more;
//! - `Err(NoAnswer::TimedOut { failed })` when the budget, counted from the
//!   call, runs out first; `failed` says how many mirrors had failed by
//!   then. Mirrors still running are left to finish on their own.
//!
//! The tests check each of these, and how long each took to come back.

use crossbeam_channel::RecvTimeoutError;
use std::thread;
use std::time::{Duration, Instant};

#[derive(Debug, PartialEq, Eq)]
pub enum NoAnswer<E> {
    AllFailed(Vec<E>),
    TimedOut { failed: usize },
}

pub fn first_answer<T, E, Mirror>(mirrors: Vec<Mirror>, budget: Duration) -> Result<T, NoAnswer<E>>
where
    T: Send + 'static,
    E: Send + 'static,
    Mirror: FnOnce() -> Result<T, E> + Send + 'static,
{
    // SOLUTION: Fix the deadline; start each mirror on a thread that sends its result on a crossbeam channel; drop your own sender; then `recv_deadline` in a loop: an `Ok` wins, an `Err` is kept, a disconnected channel means all failed, a timeout means time is up.
    let deadline = Instant::now() + budget;
    let (replies, arrived) = crossbeam_channel::unbounded();
    for mirror in mirrors {
        let replies = replies.clone();
        thread::spawn(move || {
            // Fails only when nobody listens any more; then it does not matter.
            let _ = replies.send(mirror());
        });
    }
    // Only the mirrors hold senders now: once all of them have replied,
    // the channel disconnects.
    drop(replies);
    let mut errors = Vec::new();
    loop {
        match arrived.recv_deadline(deadline) {
            Ok(Ok(answer)) => return Ok(answer),
            Ok(Err(error)) => errors.push(error),
            Err(RecvTimeoutError::Disconnected) => return Err(NoAnswer::AllFailed(errors)),
            Err(RecvTimeoutError::Timeout) => {
                return Err(NoAnswer::TimedOut {
                    failed: errors.len(),
                });
            }
        }
    }
    // END SOLUTION
}
