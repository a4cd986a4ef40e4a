use ch08_exercises::as_completed;

use as_completed::{TaskPanicked, as_completed};
use crossbeam_channel::Receiver;
use std::panic;
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

/// How long a test waits for something that must happen.
const DEADLINE: Duration = Duration::from_secs(3);
/// How long a test watches for something that must not happen: hundreds of
/// times longer than it would take if it did.
const WINDOW: Duration = Duration::from_millis(300);

type Outcome<T> = (usize, Result<T, TaskPanicked>);

/// Calls `as_completed` on a thread of its own, so that a version that
/// waits for the tasks before returning fails the test instead of hanging
/// it.
fn start<T, F>(workers: usize, tasks: Vec<F>) -> Receiver<Outcome<T>>
where
    T: Send + 'static,
    F: FnOnce() -> T + Send + 'static,
{
    let (done, receiver) = mpsc::channel();
    thread::spawn(move || done.send(as_completed(workers, tasks)));
    match receiver.recv_timeout(DEADLINE) {
        Ok(results) => results,
        Err(_) => panic!(
            "`as_completed` had not returned after {DEADLINE:?}, while a task was still \
             running: return the receiver at once, and let the caller wait on it"
        ),
    }
}

/// Everything `results` yields until it ends, waiting at most DEADLINE.
fn all_of<T>(results: &Receiver<Outcome<T>>) -> Vec<Outcome<T>> {
    let deadline = Instant::now() + DEADLINE;
    let mut all = Vec::new();
    loop {
        match results.recv_deadline(deadline) {
            Ok(outcome) => all.push(outcome),
            Err(crossbeam_channel::RecvTimeoutError::Disconnected) => return all,
            Err(crossbeam_channel::RecvTimeoutError::Timeout) => panic!(
                "the results had not ended {DEADLINE:?} after the tasks were started ({} \
                 received): the receiver ends only when every sender is gone; does something \
                 besides the workers keep one?",
                all.len()
            ),
        }
    }
}

#[test]
fn every_task_is_reported_once_with_its_index() {
    let tasks: Vec<_> = (0..20u64).map(|n| move || n * 3).collect();
    let mut results: Vec<Outcome<u64>> = all_of(&start(3, tasks));
    results.sort_by_key(|(index, _)| *index);
    let expected: Vec<Outcome<u64>> = (0..20).map(|n| (n as usize, Ok(n * 3))).collect();
    assert_eq!(
        results, expected,
        "these are the results, sorted by index: each task must be reported once, with its \
         position in `tasks`"
    );
}

#[test]
fn results_arrive_in_finishing_order() {
    // Three tasks, started together, that take clearly different times.
    let durations = [450u64, 50, 250];
    let tasks: Vec<_> = durations
        .iter()
        .map(|&millis| {
            move || {
                thread::sleep(Duration::from_millis(millis));
                millis
            }
        })
        .collect();
    let order: Vec<usize> = all_of(&start(3, tasks))
        .into_iter()
        .map(|(index, _)| index)
        .collect();
    assert_eq!(
        order,
        [1, 2, 0],
        "tasks that take {durations:?} ms came out in this order; the fastest should come \
         first, not the first submitted"
    );
}

#[test]
fn the_first_results_arrive_while_a_slow_task_still_runs() {
    // Task 0 cannot finish until the test drops `release`; tasks 1 and 2
    // finish at once.
    let (release, gate) = crossbeam_channel::bounded::<()>(0);
    let tasks: Vec<_> = (0..3usize)
        .map(|index| {
            let gate = gate.clone();
            move || {
                if index == 0 {
                    let _ = gate.recv();
                }
                index
            }
        })
        .collect();
    let results: Receiver<Outcome<usize>> = start(3, tasks);
    let mut early: Vec<usize> = Vec::new();
    for _ in 0..2 {
        match results.recv_timeout(DEADLINE) {
            Ok((index, _)) => early.push(index),
            Err(_) => panic!(
                "tasks 1 and 2 had finished, but after {DEADLINE:?} only {early:?} had come \
                 out while task 0 was still running: send each result the moment its task \
                 finishes"
            ),
        }
    }
    early.sort();
    assert_eq!(early, [1, 2], "the first two results to come out");
    drop(release);
    let rest: Vec<usize> = all_of(&results)
        .into_iter()
        .map(|(index, _)| index)
        .collect();
    assert_eq!(rest, [0], "after task 0 was let go, these came out");
}

#[test]
fn a_panicking_task_is_reported_and_the_others_still_run() {
    // One worker, so the tasks after the panicking one need that same worker.
    let tasks: Vec<_> = (0..4usize)
        .map(|index| {
            move || {
                if index == 1 {
                    panic!("task {index} failed");
                }
                index * 10
            }
        })
        .collect();
    let mut results: Vec<Outcome<usize>> = all_of(&start(1, tasks));
    results.sort_by_key(|(index, _)| *index);
    let expected: Vec<Outcome<usize>> = vec![
        (0, Ok(0)),
        (1, Err(TaskPanicked("task 1 failed".into()))),
        (2, Ok(20)),
        (3, Ok(30)),
    ];
    assert_eq!(
        results, expected,
        "task 1 panicked on a pool of one worker: it should come out as an `Err` with its \
         message, and tasks 2 and 3 should still run. Is every task run through `catch`?"
    );
}

#[test]
fn never_more_than_workers_tasks_run_at_once() {
    // Six tasks on two workers; each task notes that it has started, then
    // waits until the test drops `release`.
    let (release, gate) = crossbeam_channel::bounded::<()>(0);
    let (started_note, started) = crossbeam_channel::unbounded();
    let tasks: Vec<_> = (0..6usize)
        .map(|index| {
            let gate = gate.clone();
            let started_note = started_note.clone();
            move || {
                let _ = started_note.send(index);
                let _ = gate.recv();
                index
            }
        })
        .collect();
    let results: Receiver<Outcome<usize>> = start(2, tasks);
    for running in 0..2 {
        if started.recv_timeout(DEADLINE).is_err() {
            panic!(
                "after {DEADLINE:?} only {running} task(s) had started: with 2 workers, 2 tasks \
                 should run at once"
            );
        }
    }
    if let Ok(index) = started.recv_timeout(WINDOW) {
        panic!(
            "task {index} started while 2 others were still running, on a pool of 2 workers: \
             start `workers` threads that take tasks from one queue, not a thread per task"
        );
    }
    drop(release);
    let finished: usize = all_of(&results).len();
    assert_eq!(finished, 6, "every task should finish");
}

#[test]
fn a_result_is_sent_as_soon_as_its_task_finishes() {
    // One worker: task 0 finishes at once, task 1 cannot finish until the
    // test drops `release`. The worker is still busy when task 0's result
    // must already be out.
    let (release, gate) = crossbeam_channel::bounded::<()>(0);
    let tasks: Vec<_> = (0..2usize)
        .map(|index| {
            let gate = gate.clone();
            move || {
                if index == 1 {
                    let _ = gate.recv();
                }
                index
            }
        })
        .collect();
    let results: Receiver<Outcome<usize>> = start(1, tasks);
    match results.recv_timeout(DEADLINE) {
        Ok((index, outcome)) => {
            let index: usize = index;
            assert_eq!(index, 0, "the first result out, while task 1 still runs");
            assert_eq!(outcome, Ok(0));
        }
        Err(_) => panic!(
            "task 0 had finished, but its result had not come out after {DEADLINE:?} while \
             the same worker ran task 1: send each result the moment its task finishes, not \
             when the worker runs out of tasks"
        ),
    }
    drop(release);
    let rest: Vec<usize> = all_of(&results)
        .into_iter()
        .map(|(index, _)| index)
        .collect();
    assert_eq!(rest, [1], "after task 1 was let go, these came out");
}

#[test]
fn no_tasks_give_results_that_end_at_once() {
    let tasks: Vec<fn() -> u8> = Vec::new();
    let results: Vec<Outcome<u8>> = all_of(&start(2, tasks));
    assert!(results.is_empty(), "no tasks, yet results came out");
}

#[test]
fn an_idle_worker_takes_the_next_task_while_another_is_busy() {
    // Two workers; task 0 waits until the test drops `release`. The other
    // worker must take tasks 1, 2 and 3 one after another meanwhile.
    let (release, gate) = crossbeam_channel::bounded::<()>(0);
    let tasks: Vec<_> = (0..4usize)
        .map(|index| {
            let gate = gate.clone();
            move || {
                if index == 0 {
                    let _ = gate.recv();
                }
                index
            }
        })
        .collect();
    let results: Receiver<Outcome<usize>> = start(2, tasks);
    let mut early: Vec<usize> = Vec::new();
    for _ in 0..3 {
        match results.recv_timeout(DEADLINE) {
            Ok((index, _)) => early.push(index),
            Err(_) => panic!(
                "on 2 workers, with task 0 still running, only tasks {early:?} finished in \
                 {DEADLINE:?}: the idle worker should take tasks 1, 2 and 3 in turn. Do the \
                 workers take from one shared queue, or was each dealt its tasks up front?"
            ),
        }
    }
    early.sort();
    assert_eq!(early, [1, 2, 3], "the tasks that finished while task 0 ran");
    drop(release);
    let last: Vec<usize> = all_of(&results)
        .into_iter()
        .map(|(index, _)| index)
        .collect();
    assert_eq!(last, [0], "after task 0 was let go, these came out");
}

#[test]
fn the_tasks_run_on_the_pools_own_workers_threads() {
    // Each task notes the thread it runs on. On a pool of one worker every
    // task runs on that one thread; on two workers, on at most two.
    for workers in [1usize, 2] {
        let (ran_on, threads) = mpsc::channel();
        let tasks: Vec<_> = (0..8usize)
            .map(|index| {
                let ran_on = ran_on.clone();
                move || {
                    let _ = ran_on.send(thread::current().id());
                    index
                }
            })
            .collect();
        drop(ran_on);
        let finished: usize = all_of(&start(workers, tasks)).len();
        assert_eq!(finished, 8, "every task should finish");
        let mut distinct: Vec<thread::ThreadId> = Vec::new();
        for id in threads.try_iter() {
            if !distinct.contains(&id) {
                distinct.push(id);
            }
        }
        assert!(
            distinct.len() <= workers,
            "8 tasks on a pool of {workers} worker(s) ran on {} different threads: start \
             `workers` threads once, each taking task after task from the queue, not a thread \
             per task (a counter of running tasks does not make a pool)",
            distinct.len()
        );
    }
}
