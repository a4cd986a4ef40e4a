use ch07_exercises::stoppable_worker;

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, mpsc};
use std::thread;
use std::time::Duration;
use stoppable_worker::StoppableWorker;

/// Stops `worker` on a thread of its own and fails the test, rather than
/// hang, if `stop` has not returned within 2 s.
fn stop_within_2_s(worker: StoppableWorker) -> u64 {
    let (count_tx, count) = mpsc::channel();
    thread::spawn(move || {
        let runs: u64 = worker.stop();
        let _ = count_tx.send(runs);
    });
    count
        .recv_timeout(Duration::from_secs(2))
        .unwrap_or_else(|_| {
            panic!(
                "stop did not return within 2 s, though every job takes at most a few \
             milliseconds: does the worker check the flag before every job, and is it \
             the same flag that stop sets?"
            )
        })
}

#[test]
fn the_job_runs_again_and_again_until_stopped() {
    let (ran_tx, ran) = mpsc::channel();
    let worker = StoppableWorker::start(move || {
        let _ = ran_tx.send(());
        thread::sleep(Duration::from_millis(1));
    });
    for run in 1..=5 {
        if ran.recv_timeout(Duration::from_secs(2)).is_err() {
            panic!(
                "the job ran only {} times: it should run until stopped",
                run - 1
            );
        }
    }
    stop_within_2_s(worker);
}

#[test]
fn stop_returns_soon_after_it_is_called() {
    let worker = StoppableWorker::start(|| thread::sleep(Duration::from_millis(5)));
    thread::sleep(Duration::from_millis(50));
    stop_within_2_s(worker);
}

#[test]
fn stop_waits_for_the_job_in_progress_to_finish() {
    let started = Arc::new(AtomicU64::new(0));
    let finished = Arc::new(AtomicU64::new(0));
    let (in_job_tx, in_job) = mpsc::channel();
    let worker = {
        let (started, finished) = (Arc::clone(&started), Arc::clone(&finished));
        StoppableWorker::start(move || {
            started.fetch_add(1, Ordering::SeqCst);
            let _ = in_job_tx.send(());
            thread::sleep(Duration::from_millis(300));
            finished.fetch_add(1, Ordering::SeqCst);
        })
    };
    in_job
        .recv_timeout(Duration::from_secs(2))
        .expect("the job never started");
    // The worker is at the start of a 300 ms job.
    let runs: u64 = stop_within_2_s(worker);
    assert_eq!(
        finished.load(Ordering::SeqCst),
        started.load(Ordering::SeqCst),
        "stop returned while a job was still running: join the worker thread"
    );
    assert_eq!(runs, finished.load(Ordering::SeqCst));
}

#[test]
fn stop_returns_how_many_times_the_job_ran() {
    let counted = Arc::new(AtomicU64::new(0));
    let worker = {
        let counted = Arc::clone(&counted);
        StoppableWorker::start(move || {
            counted.fetch_add(1, Ordering::SeqCst);
            thread::sleep(Duration::from_millis(2));
        })
    };
    thread::sleep(Duration::from_millis(50));
    let runs: u64 = stop_within_2_s(worker);
    assert_eq!(runs, counted.load(Ordering::SeqCst));
}

#[test]
fn the_job_runs_on_a_thread_of_its_own() {
    let caller = thread::current().id();
    let (id_tx, ids) = mpsc::channel();
    let worker = StoppableWorker::start(move || {
        let _ = id_tx.send(thread::current().id());
        thread::sleep(Duration::from_millis(1));
    });
    let runner = ids
        .recv_timeout(Duration::from_secs(2))
        .expect("the job never ran");
    stop_within_2_s(worker);
    assert_ne!(runner, caller, "the job ran on the caller's thread");
}

#[test]
fn two_workers_are_stopped_independently() {
    // Two workers at once: stopping the first must leave the second running.
    let first = StoppableWorker::start(|| thread::sleep(Duration::from_millis(1)));
    let second_runs = Arc::new(AtomicU64::new(0));
    let second = {
        let second_runs = Arc::clone(&second_runs);
        StoppableWorker::start(move || {
            second_runs.fetch_add(1, Ordering::SeqCst);
            thread::sleep(Duration::from_millis(1));
        })
    };
    stop_within_2_s(first);
    // The second worker may finish the job it was doing when the first was
    // stopped; after that it must go on with more.
    let when_first_stopped: u64 = second_runs.load(Ordering::SeqCst);
    let since = std::time::Instant::now();
    while second_runs.load(Ordering::SeqCst) < when_first_stopped + 3 {
        if since.elapsed() > Duration::from_secs(2) {
            panic!(
                "after the first worker was stopped, the second ran only {} more job(s) in 2 s: \
                 each worker needs a stop flag of its own, not one shared by every worker \
                 (a `static`)",
                second_runs.load(Ordering::SeqCst) - when_first_stopped
            );
        }
        thread::sleep(Duration::from_millis(1));
    }
    let runs: u64 = stop_within_2_s(second);
    assert_eq!(runs, second_runs.load(Ordering::SeqCst));
}
