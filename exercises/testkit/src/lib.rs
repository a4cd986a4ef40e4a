//! Helpers shared by the exercises' tests, written once.
//!
//! The tests of every exercise use these to force an interleaving (a
//! [`Meeting`] that only succeeds when its callers run at the same time, a
//! [`FinishingOrder`] that makes threads end in a chosen order) and to make
//! sure nothing hangs ([`within`], [`Deadline`]). A learner's project
//! (`workbook start`) gets a copy of this crate beside its exercises, and
//! the grader compiles it once, with the exercises' other dependencies.
//!
//! Every wait here gives up after a bound the caller chooses, so a test
//! that uses them ends (and fails) instead of hanging.

use std::cell::RefCell;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::thread;
use std::time::Duration;

/// `millis` milliseconds.
pub fn ms(millis: u64) -> Duration {
    Duration::from_millis(millis)
}

/// Runs `work` on a thread of its own and returns its value, or panics
/// saying `what` did not finish within `deadline` (a deadlock, a missing
/// wake-up, a thread never joined) or that it panicked. The panic names
/// the test's line, not this file (`#[track_caller]`), so that `workbook`
/// reports it as the test's failure.
#[track_caller]
pub fn within<T: Send + 'static>(
    deadline: Duration,
    what: &str,
    work: impl FnOnce() -> T + Send + 'static,
) -> T {
    Deadline::new(deadline).run(what, work)
}

/// [`within`] with a hint for the learner on each way it can fail.
#[derive(Debug, Clone)]
pub struct Deadline {
    limit: Duration,
    if_late: Option<String>,
    if_panicked: Option<String>,
}

impl Deadline {
    pub fn new(limit: Duration) -> Deadline {
        Deadline {
            limit,
            if_late: None,
            if_panicked: None,
        }
    }

    /// What to tell the learner when the work does not finish in time.
    pub fn if_late(mut self, hint: &str) -> Deadline {
        self.if_late = Some(hint.to_owned());
        self
    }

    /// What to tell the learner when the work panics.
    pub fn if_panicked(mut self, hint: &str) -> Deadline {
        self.if_panicked = Some(hint.to_owned());
        self
    }

    /// Runs `work` on a thread of its own; its value, or a panic naming
    /// `what`. A thread that never finishes is left behind: the test
    /// process ends with the test.
    #[track_caller]
    pub fn run<T: Send + 'static>(
        &self,
        what: &str,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> T {
        let (done, result) = mpsc::channel();
        thread::spawn(move || done.send(work()));
        let limit = self.limit;
        match result.recv_timeout(limit) {
            Ok(value) => value,
            Err(RecvTimeoutError::Timeout) => match &self.if_late {
                Some(hint) => panic!("{what} did not finish within {limit:?}: {hint}"),
                None => panic!("{what} did not finish within {limit:?}"),
            },
            Err(RecvTimeoutError::Disconnected) => match &self.if_panicked {
                Some(hint) => panic!("{what} panicked (see the message above): {hint}"),
                None => panic!("{what} panicked (see the message above)"),
            },
        }
    }
}

/// A meeting point for the code under test: each caller of [`arrive`]
/// waits there until `expected` callers have arrived, which only happens
/// if they all run at the same time. If one waits longer than `patience`,
/// the meeting is called off and nobody waits any more, so that code
/// running the callers one after another fails the test rather than hang.
///
/// [`arrive`]: Meeting::arrive
#[derive(Debug)]
pub struct Meeting {
    expected: usize,
    patience: Duration,
    state: Mutex<MeetingState>,
    changed: Condvar,
}

#[derive(Debug)]
struct MeetingState {
    arrived: usize,
    /// How many had arrived when the meeting was called off.
    called_off_at: Option<usize>,
}

impl Meeting {
    pub fn new(expected: usize, patience: Duration) -> Meeting {
        Meeting {
            expected,
            patience,
            state: Mutex::new(MeetingState {
                arrived: 0,
                called_off_at: None,
            }),
            changed: Condvar::new(),
        }
    }

    /// Waits until everyone expected has arrived, or the meeting is
    /// called off (by this caller, after `patience`, or by another).
    pub fn arrive(&self) {
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        state.arrived += 1;
        self.changed.notify_all();
        let (mut state, wait) = self
            .changed
            .wait_timeout_while(state, self.patience, |state| {
                state.arrived < self.expected && state.called_off_at.is_none()
            })
            .unwrap_or_else(PoisonError::into_inner);
        if wait.timed_out() && state.called_off_at.is_none() {
            state.called_off_at = Some(state.arrived);
            self.changed.notify_all();
        }
    }

    /// `Ok` if everyone met; `Err` with how many had arrived if the
    /// meeting was called off or not everyone came.
    pub fn outcome(&self) -> Result<(), usize> {
        let state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        match state.called_off_at {
            Some(arrived) => Err(arrived),
            None if state.arrived < self.expected => Err(state.arrived),
            None => Ok(()),
        }
    }
}

/// Makes the threads that run the inputs finish in a chosen order, every
/// run. [`finish_in_turn(input)`] returns only once the threads of the
/// inputs before it in `order` have exited: not just returned from the
/// work, but ended, after whatever the thread did with the result (a
/// thread-local guard reports the end). If the threads do not all run at
/// once, a wait gives up after `patience` and nobody waits any more, so
/// that the test ends rather than hang.
///
/// [`finish_in_turn(input)`]: FinishingOrder::finish_in_turn
#[derive(Debug)]
pub struct FinishingOrder {
    order: Vec<usize>,
    patience: Duration,
    state: Mutex<Finished>,
    changed: Condvar,
}

#[derive(Debug)]
struct Finished {
    exited: Vec<usize>,
    called_off: bool,
}

impl FinishingOrder {
    pub fn new(order: Vec<usize>, patience: Duration) -> Arc<FinishingOrder> {
        Arc::new(FinishingOrder {
            order,
            patience,
            state: Mutex::new(Finished {
                exited: Vec::new(),
                called_off: false,
            }),
            changed: Condvar::new(),
        })
    }

    /// Called on the thread that handles `input` (which must be in
    /// `order`): waits for the threads of the inputs before it to end, and
    /// reports this thread's own end when it comes.
    pub fn finish_in_turn(self: &Arc<FinishingOrder>, input: usize) {
        let guard = ExitGuard {
            order: Arc::clone(self),
            input,
        };
        ON_EXIT.with(|slot| *slot.borrow_mut() = Some(guard));
        let turn = self
            .order
            .iter()
            .position(|&i| i == input)
            .unwrap_or_else(|| panic!("input {input} is not in the finishing order"));
        let before = &self.order[..turn];
        let state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        let (mut state, wait) = self
            .changed
            .wait_timeout_while(state, self.patience, |state| {
                !state.called_off && before.iter().any(|i| !state.exited.contains(i))
            })
            .unwrap_or_else(PoisonError::into_inner);
        if wait.timed_out() {
            state.called_off = true;
            self.changed.notify_all();
        }
    }
}

/// Dropped when its thread ends, after the thread's closure has returned.
#[derive(Debug)]
struct ExitGuard {
    order: Arc<FinishingOrder>,
    input: usize,
}

impl Drop for ExitGuard {
    fn drop(&mut self) {
        let mut state = self
            .order
            .state
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        state.exited.push(self.input);
        self.order.changed.notify_all();
    }
}

thread_local! {
    static ON_EXIT: RefCell<Option<ExitGuard>> = const { RefCell::new(None) };
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Instant;

    #[test]
    fn a_meeting_succeeds_only_when_everyone_is_there_at_once() {
        let meeting = Meeting::new(3, ms(2000));
        thread::scope(|s| {
            for _ in 0..3 {
                s.spawn(|| meeting.arrive());
            }
        });
        assert_eq!(meeting.outcome(), Ok(()));

        let alone = Meeting::new(2, ms(50));
        let start = Instant::now();
        alone.arrive();
        alone.arrive();
        assert_eq!(alone.outcome(), Err(1), "one after the other is called off");
        assert!(
            start.elapsed() < ms(1000),
            "the second caller does not wait again"
        );
    }

    #[test]
    fn within_returns_the_value_or_names_what_hung_or_panicked() {
        assert_eq!(within(ms(2000), "adding", || 2 + 2), 4);
        let late = std::panic::catch_unwind(|| {
            Deadline::new(ms(50))
                .if_late("is a lock held?")
                .run("waiting", || thread::sleep(ms(2000)))
        });
        let message = *late.unwrap_err().downcast::<String>().unwrap();
        assert!(
            message.starts_with("waiting did not finish within 50ms: is a lock held?"),
            "{message}"
        );
        let panicked = std::panic::catch_unwind(|| within(ms(2000), "dividing", || panic!("boom")));
        let message = *panicked.unwrap_err().downcast::<String>().unwrap();
        assert!(message.starts_with("dividing panicked"), "{message}");
    }

    #[test]
    fn threads_end_in_the_chosen_order() {
        let order = FinishingOrder::new(vec![2, 0, 1], ms(2000));
        let (sent, ended) = mpsc::channel();
        let handles: Vec<_> = (0..3)
            .map(|input| {
                let order = Arc::clone(&order);
                let sent = sent.clone();
                thread::spawn(move || {
                    order.finish_in_turn(input);
                    sent.send(input).unwrap();
                })
            })
            .collect();
        drop(sent);
        for handle in handles {
            handle.join().unwrap();
        }
        assert_eq!(ended.iter().collect::<Vec<_>>(), vec![2, 0, 1]);
    }
}
