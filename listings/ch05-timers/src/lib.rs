//! A `Timer`, a watchdog and a deadline batch, shared by chapter 5.
//!
//! What chapter 5's listings and tests share: a `Timer` that does what
//! Python's `threading.Timer` does, a watchdog that kills a child process
//! when its time is up, and a batch of jobs collected against one deadline.

use std::io;
use std::process::{Child, ExitStatus};
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

// ANCHOR: timer
/// Python's `threading.Timer`: an action after a delay, unless cancelled.
/// Runs the action once, on a thread of its own, unless it is cancelled
/// first.
pub struct Timer {
    /// The cancel button. A message on it, or dropping it, stops the timer.
    cancel: Option<Sender<()>>,
    /// The timer's thread; it returns whether the action ran.
    thread: Option<JoinHandle<bool>>,
}

impl Timer {
    /// Starts the timer: `action` runs after `delay`, unless the timer is
    /// cancelled or dropped before then.
    pub fn start(delay: Duration, action: impl FnOnce() + Send + 'static) -> Timer {
        let (cancel, cancelled) = mpsc::channel();
        let thread = thread::spawn(move || match cancelled.recv_timeout(delay) {
            // Nobody pressed the button for the whole delay: fire.
            Err(RecvTimeoutError::Timeout) => {
                action();
                true
            }
            // The button was pressed, or the Timer (and its sender) is gone.
            Ok(()) | Err(RecvTimeoutError::Disconnected) => false,
        });
        Timer {
            cancel: Some(cancel),
            thread: Some(thread),
        }
    }

    /// Stops the timer if it has not fired yet, and returns whether it
    /// fired. Once `cancel` returns, the action has either run to its end
    /// or will never run.
    pub fn cancel(mut self) -> bool {
        if let Some(cancel) = self.cancel.take() {
            // This fails only if the timer thread has already finished.
            let _ = cancel.send(());
        }
        self.join_thread()
    }

    /// Waits for the timer to fire, like Python's `Timer.join()`, and
    /// returns whether it fired (it always does, since nobody can cancel it
    /// any more).
    pub fn wait(mut self) -> bool {
        self.join_thread()
    }

    fn join_thread(&mut self) -> bool {
        match self.thread.take() {
            // An action that panicked did run.
            Some(thread) => thread.join().unwrap_or(true),
            None => false,
        }
    }
}

impl Drop for Timer {
    /// Dropping a timer cancels it.
    fn drop(&mut self) {
        // Dropping the sender disconnects the channel, which wakes the
        // timer thread at once.
        drop(self.cancel.take());
        self.join_thread();
    }
}
// ANCHOR_END: timer

// ANCHOR: watchdog
/// How a watched child process ended.
#[derive(Debug, Clone, Copy)]
pub enum Ending {
    /// It exited by itself before its time was up.
    Finished(ExitStatus),
    /// Its time ran out, so it was killed (and then reaped).
    Killed(ExitStatus),
}

/// How often the watchdog looks at the child.
const LOOK_EVERY: Duration = Duration::from_millis(10);

/// Waits for `child` for at most `limit`, then kills it. Either way the
/// child has been waited for when this returns: no zombie is left behind.
pub fn watch(child: &mut Child, limit: Duration) -> io::Result<Ending> {
    let deadline = Instant::now() + limit;
    loop {
        // try_wait never blocks: it reaps the child if it has exited.
        if let Some(status) = child.try_wait()? {
            return Ok(Ending::Finished(status));
        }
        let now = Instant::now();
        if now >= deadline {
            // kill only sends the signal; wait collects the exit status
            // and frees the child's entry in the process table.
            child.kill()?;
            return Ok(Ending::Killed(child.wait()?));
        }
        thread::sleep(LOOK_EVERY.min(deadline - now));
    }
}
// ANCHOR_END: watchdog

// ANCHOR: batch
/// What a batch of jobs delivered by its deadline.
pub struct Batch<T> {
    /// Job number and result of every job that finished in time, in the
    /// order they finished.
    pub done: Vec<(usize, T)>,
    /// The numbers of the jobs that had not finished by the deadline.
    pub missed: Vec<usize>,
}

/// Starts every job on a thread of its own and collects the results that
/// arrive by `deadline`. Jobs still running then are not stopped: they
/// finish in the background, and their results are thrown away.
pub fn run_batch<T, Job>(jobs: Vec<Job>, deadline: Instant) -> Batch<T>
where
    T: Send + 'static,
    Job: FnOnce() -> T + Send + 'static,
{
    let (results, finished) = crossbeam_channel::unbounded();
    let count = jobs.len();
    for (number, job) in jobs.into_iter().enumerate() {
        let results = results.clone();
        thread::spawn(move || {
            // Fails only after the deadline, when nobody listens any more.
            let _ = results.send((number, job()));
        });
    }
    // Only the jobs hold senders now, so the channel disconnects, and the
    // loop below ends early, once every job has reported.
    drop(results);

    let mut done = Vec::new();
    // Every wait ends at the same deadline, however many results came first.
    while let Ok((number, result)) = finished.recv_deadline(deadline) {
        done.push((number, result));
    }
    let missed = (0..count)
        .filter(|number| !done.iter().any(|(finished, _)| finished == number))
        .collect();
    Batch { done, missed }
}
// ANCHOR_END: batch
