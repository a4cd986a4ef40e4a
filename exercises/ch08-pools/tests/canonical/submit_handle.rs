use ch08_exercises::submit_handle;

use std::collections::HashSet;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, mpsc};
use std::thread::{self, ThreadId};
use std::time::Duration;
use submit_handle::{TaskHandle, ThreadPool};
use testkit::{Deadline, Meeting};

/// How long a test waits for something that must happen.
const DEADLINE: Duration = Duration::from_secs(3);
/// How long a test watches for something that must not happen: hundreds of
/// times longer than it would take if it did.
const WINDOW: Duration = Duration::from_millis(300);
/// How long a pool sits idle between two tasks in the quiet-spell test:
/// longer than the second or so after which a worker written like Python's
/// `queue.get(timeout=…)` would give up.
const QUIET_SPELL: Duration = Duration::from_millis(1500);

/// Runs `test` (which makes a pool, uses it and drops it) on a thread of its
/// own and waits for it at most DEADLINE.
fn within<T: Send + 'static>(what: &str, test: impl FnOnce() -> T + Send + 'static) -> T {
    Deadline::new(DEADLINE)
        .if_late(
            "Does `result()` wait for a value that is never sent, or does dropping the pool \
             wait for workers that never stop? A worker's loop ends only when the queue is \
             closed: drop the sender before joining",
        )
        .if_panicked(
            "A worker whose task panicked makes its `join` return an `Err`: dropping the pool \
             must not panic on it",
        )
        .run(what, test)
}

#[test]
fn each_handle_gives_its_tasks_value() {
    let values: Vec<u64> = within("10 tasks on a pool of 2", || {
        let pool = ThreadPool::new(2);
        let handles: Vec<TaskHandle<u64>> =
            (0..10u64).map(|n| pool.submit(move || n * n)).collect();
        handles
            .into_iter()
            .map(TaskHandle::result)
            .collect::<Vec<u64>>()
    });
    let expected: Vec<u64> = (0..10).map(|n| n * n).collect();
    assert_eq!(
        values, expected,
        "the handles, in the order they were submitted, gave these values"
    );
}

#[test]
fn a_pool_with_nothing_to_do_shuts_down() {
    within("a pool of 3 dropped at once", || drop(ThreadPool::new(3)));
}

#[test]
fn submit_returns_while_its_task_is_still_waiting() {
    // The task cannot finish until the test drops `release`; `submit` must
    // return long before that.
    let (release, gate) = crossbeam_channel::bounded::<()>(0);
    let (submitted_note, submitted) = mpsc::channel();
    let (finished_note, finished) = mpsc::channel();
    thread::spawn(move || {
        let pool = ThreadPool::new(1);
        let handle = pool.submit(move || {
            let _ = gate.recv(); // returns once the test drops `release`
            "done"
        });
        let _ = submitted_note.send(());
        let value: &str = handle.result();
        let _ = finished_note.send(value);
    });
    if submitted.recv_timeout(DEADLINE).is_err() {
        panic!(
            "`submit` had not returned after {DEADLINE:?}, while its task was waiting: submit \
             must only queue the task and hand back the handle; the waiting is `result()`'s job"
        );
    }
    drop(release);
    assert_eq!(
        finished.recv_timeout(DEADLINE),
        Ok("done"),
        "`result()` did not give the value after the task was let go"
    );
}

#[test]
fn two_tasks_run_at_the_same_time_on_a_pool_of_two() {
    let meeting = Arc::new(Meeting::new(2, PATIENCE));
    let at_work = Arc::clone(&meeting);
    within("2 tasks on a pool of 2", move || {
        let pool = ThreadPool::new(2);
        let handles: Vec<TaskHandle<()>> = (0..2)
            .map(|_| {
                let at_work = Arc::clone(&at_work);
                pool.submit(move || at_work.arrive())
            })
            .collect();
        handles.into_iter().for_each(TaskHandle::result);
    });
    if let Err(arrived) = meeting.outcome() {
        panic!(
            "the first task waited {PATIENCE:?} for the second, but only {arrived} of the 2 were \
             running at once: a pool of 2 runs two tasks at the same time, each on a worker of \
             its own"
        );
    }
}

#[test]
fn tasks_run_on_the_pools_own_workers() {
    let (caller, threads): (ThreadId, Vec<ThreadId>) = within("20 tasks on a pool of 2", || {
        let caller = thread::current().id();
        let pool = ThreadPool::new(2);
        let handles: Vec<TaskHandle<ThreadId>> = (0..20)
            .map(|_| pool.submit(|| thread::current().id()))
            .collect();
        let threads: Vec<ThreadId> = handles.into_iter().map(TaskHandle::result).collect();
        (caller, threads)
    });
    assert!(
        !threads.contains(&caller),
        "a task ran on the thread that called `submit`: queue the task for a worker instead of \
         calling it"
    );
    let distinct: HashSet<ThreadId> = threads.into_iter().collect();
    assert!(
        distinct.len() <= 2,
        "20 tasks on a pool of 2 ran on {} different threads: the pool's 2 workers should run \
         them all, not a new thread per task",
        distinct.len()
    );
}

#[test]
fn a_task_submitted_after_a_quiet_spell_still_runs() {
    // The pool has nothing to do for QUIET_SPELL: its workers must keep
    // waiting until the pool is dropped. (A worker that waits longer than
    // this before giving up is still wrong, but this test does not catch
    // it: no test can wait longer than every timeout.)
    let values: (u32, u32) = within("a pool idle for 1.5 s", || {
        let pool = ThreadPool::new(2);
        let before: u32 = pool.submit(|| 1).result();
        thread::sleep(QUIET_SPELL);
        let after: u32 = pool.submit(|| 2).result();
        (before, after)
    });
    assert_eq!(
        values,
        (1, 2),
        "a task submitted after the pool sat idle for {QUIET_SPELL:?}: the workers must wait \
         for jobs until the queue is closed, not leave when it has been empty for a while"
    );
}

#[test]
fn dropping_the_pool_finishes_every_queued_task_first() {
    // One worker, held on the first task until the test lets it go; five
    // more tasks wait in the queue behind it.
    let counted = Arc::new(AtomicUsize::new(0));
    let (release, gate) = crossbeam_channel::bounded::<()>(0);
    let pool = ThreadPool::new(1);
    let _first = pool.submit(move || {
        let _ = gate.recv();
    });
    for _ in 0..5 {
        let counted = Arc::clone(&counted);
        let _ = pool.submit(move || counted.fetch_add(1, Ordering::SeqCst));
    }
    let (dropped_note, dropped) = mpsc::channel();
    let seen = Arc::clone(&counted);
    thread::spawn(move || {
        drop(pool);
        let _ = dropped_note.send(seen.load(Ordering::SeqCst));
    });
    if let Ok(count) = dropped.recv_timeout(WINDOW) {
        panic!(
            "dropping the pool returned while its worker was still busy with the first task, \
             with {count} of the 5 queued tasks run: join the workers in `drop`"
        );
    }
    drop(release);
    match dropped.recv_timeout(DEADLINE) {
        Ok(count) => assert_eq!(
            count, 5,
            "when dropping the pool returned, only {count} of the 5 queued tasks had run: close \
             the queue and let the workers empty it before they stop"
        ),
        Err(_) => panic!(
            "dropping the pool did not return within {DEADLINE:?} after the worker was let go: \
             a worker's loop ends only when the queue is closed, so drop the sender before \
             joining"
        ),
    }
}

#[test]
fn a_panicking_task_fails_only_its_own_handle() {
    within("a panicking task on a pool of 2", || {
        let pool = ThreadPool::new(2);
        let doomed: TaskHandle<u64> = pool.submit(|| panic!("this task panics on purpose"));
        let waited = thread::spawn(move || doomed.result()).join();
        assert!(
            waited.is_err(),
            "`result()` of a task that panicked gave a value: it must panic too"
        );
        let after: TaskHandle<u64> = pool.submit(|| 7);
        let value: u64 = after.result();
        assert_eq!(
            value, 7,
            "a task submitted after the panic, on the other worker"
        );
        // Dropping the pool must still return, with one worker gone.
        drop(pool);
    });
}

/// How long a caller waits at a `Meeting` for the others.
const PATIENCE: Duration = Duration::from_secs(1);
