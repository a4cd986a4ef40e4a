//! # Retry until a deadline
//!
//! A connection fails for a moment and then works again, so clients retry.
//! A retry loop needs a budget for the whole of it: "keep trying for at
//! most 2 seconds in all", not "try for 2 seconds, then for another 2, and
//! another".
//!
//! `retry(policy, attempt)` calls `attempt` until it returns `Ok`, and
//! gives up once `policy.budget`, counted from the call to `retry`, has run
//! out:
//!
//! - Each call of `attempt` is told how long it may take: at most
//!   `policy.per_attempt`, and never more than what is left of the budget.
//!   (Think of `TcpStream::connect_timeout(addr, timeout)`; the attempts in
//!   the tests really take as long as they are allowed.)
//! - After a failure, `retry` pauses for `policy.pause` before the next
//!   attempt, but never past the deadline.
//! - When no time is left, it returns `GaveUp` with the number of attempts
//!   and the last error. A budget of zero allows no attempt at all.
//!
//! The tests check that the first success is returned, that retry gives up
//! when the budget is spent (and not much later), that the attempts are
//! never promised more time than is left, and that a pause never runs past
//! the deadline.

use std::thread;
use std::time::{Duration, Instant};

/// How long to keep trying, in all and per attempt, and how long to pause
/// after a failure.
#[derive(Debug, Clone, Copy)]
pub struct Policy {
    pub budget: Duration,
    pub per_attempt: Duration,
    pub pause: Duration,
}

/// What `retry` returns when the budget runs out.
#[derive(Debug, PartialEq, Eq)]
pub struct GaveUp<E> {
    pub attempts: u32,
    /// The error of the last attempt; `None` if there was none.
    pub last_error: Option<E>,
}

/// Calls `attempt(time_it_may_take)` until it succeeds or the budget runs out.
pub fn retry<T, E>(
    policy: Policy,
    mut attempt: impl FnMut(Duration) -> Result<T, E>,
) -> Result<T, GaveUp<E>> {
    // SOLUTION: Fix one deadline before the first attempt. Before each attempt, work out what is left of it (give up when nothing is), and give the attempt the smaller of that and `per_attempt`. After a failure, pause for the smaller of `pause` and what is left.
    let deadline = Instant::now() + policy.budget;
    let mut attempts = 0;
    let mut last_error = None;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(GaveUp {
                attempts,
                last_error,
            });
        }
        attempts += 1;
        match attempt(left.min(policy.per_attempt)) {
            Ok(value) => return Ok(value),
            Err(error) => last_error = Some(error),
        }
        let left = deadline.saturating_duration_since(Instant::now());
        thread::sleep(policy.pause.min(left));
    }
    // END SOLUTION
}
