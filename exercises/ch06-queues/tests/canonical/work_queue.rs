use ch06_exercises::work_queue;

use crossbeam_channel::unbounded;
use std::sync::mpsc;
use std::thread::{self, ThreadId};
use std::time::Duration;
use testkit::{Deadline, Meeting};
use work_queue::run_jobs;

/// How long a test waits for something that must happen.
const DEADLINE: Duration = Duration::from_secs(3);
/// How long a test watches for something that must not happen: hundreds of
/// times longer than it would take if it did.
const WINDOW: Duration = Duration::from_millis(300);
/// How long a producer pauses between two jobs: longer than the quiet
/// second after which a worker written like Python's
/// `queue.get(timeout=1)` would give up.
const QUIET_SPELL: Duration = Duration::from_millis(1500);

/// Runs `run_jobs` on a thread of its own and waits at most DEADLINE.
fn within<T: Send + 'static>(what: &str, run: impl FnOnce() -> T + Send + 'static) -> T {
    Deadline::new(DEADLINE)
        .if_late(
            "Does every worker's loop end? It ends only when the queue is empty and every \
             sender is gone: drop the sender after the last job",
        )
        .run(&format!("{what}: run_jobs"), run)
}

#[test]
fn every_job_is_done_exactly_once() {
    let mut results = within("200 jobs, 4 workers", || {
        run_jobs(0..200u64, 3, 4, |job| job * 10)
    });
    results.sort();
    let expected: Vec<u64> = (0..200).map(|job| job * 10).collect();
    assert_eq!(
        results, expected,
        "these are the results, sorted: every job must be done once, none lost, none twice"
    );
}

#[test]
fn no_jobs_gives_no_results() {
    let results = within("no jobs", || run_jobs(Vec::<u32>::new(), 2, 2, |job| job));
    assert!(results.is_empty());
}

#[test]
fn the_workers_run_at_the_same_time() {
    let meeting = std::sync::Arc::new(Meeting::new(3, PATIENCE));
    let caller = thread::current().id();
    let at_work = std::sync::Arc::clone(&meeting);
    let threads = within("3 jobs, 3 workers", move || {
        run_jobs(0..3, 1, 3, move |_job: u32| {
            at_work.arrive();
            thread::current().id()
        })
    });
    if let Err(arrived) = meeting.outcome() {
        panic!(
            "the first job waited {PATIENCE:?} for the others, but only {arrived} of the 3 jobs \
             were being worked on at once: start `workers` threads, all taking jobs from the one \
             queue"
        );
    }
    let distinct: std::collections::HashSet<ThreadId> = threads.iter().copied().collect();
    assert_eq!(distinct.len(), 3, "three jobs at once need three workers");
    assert!(!distinct.contains(&caller));
}

#[test]
fn the_producer_waits_while_the_queue_is_full() {
    // One worker, a queue of 2. The worker stops at job 0 until the test
    // lets it go; meanwhile the test watches which jobs the producer takes
    // from the iterator.
    let (pulled_note, pulled) = unbounded();
    let (started_note, started) = unbounded();
    let (release, gate) = unbounded::<()>();
    let jobs = (0..10u32).inspect(move |&job| {
        let _ = pulled_note.send(job);
    });
    let (finished, results) = mpsc::channel();
    thread::spawn(move || {
        let done = run_jobs(jobs, 2, 1, move |job| {
            if job == 0 {
                let _ = started_note.send(());
                let _ = gate.recv(); // returns once the test drops `release`
            }
            job
        });
        let _ = finished.send(done);
    });

    assert_eq!(
        started.recv_timeout(DEADLINE),
        Ok(()),
        "the worker never started job 0"
    );
    // Job 0 is with the worker; jobs 1 and 2 fill the queue.
    for job in 0..=2 {
        assert_eq!(
            pulled.recv_timeout(DEADLINE),
            Ok(job),
            "while the worker was busy with job 0, the producer did not fill the queue of 2"
        );
    }
    // The producer may take job 3 and wait with it; it must go no further.
    while let Ok(job) = pulled.recv_timeout(WINDOW) {
        assert!(
            job <= 3,
            "while the only worker was stuck on job 0 and the queue of 2 was full, the producer \
             took job {job} from the iterator: a producer should wait when the queue is full. \
             Is the channel `bounded(capacity)`?"
        );
    }

    drop(release);
    let mut done = match results.recv_timeout(DEADLINE) {
        Ok(done) => done,
        Err(_) => panic!("run_jobs did not finish after the worker was let go"),
    };
    done.sort();
    assert_eq!(done, (0..10).collect::<Vec<u32>>());
}

#[test]
fn a_producer_that_pauses_between_jobs_loses_none() {
    // Job 1 comes only well after job 0 is finished, so the queue is empty
    // for a while in between: empty is not the same as finished. The quiet
    // spell is longer than a second, so a worker that leaves after a quiet
    // second (`recv_timeout`) loses the jobs that follow. (A worker that
    // waits longer before it leaves is still wrong, but this test does not
    // catch it: no test can wait longer than every timeout.)
    let (job_0_done, job_0_seen) = unbounded();
    let jobs = (0..4u32).inspect(move |&job| {
        if job == 1 {
            let _ = job_0_seen.recv_timeout(DEADLINE);
            thread::sleep(QUIET_SPELL);
        }
    });
    let mut results = within("a producer that pauses", move || {
        run_jobs(jobs, 2, 2, move |job| {
            if job == 0 {
                let _ = job_0_done.send(());
            }
            job
        })
    });
    results.sort();
    assert_eq!(
        results,
        [0, 1, 2, 3],
        "jobs were lost: a worker that finds the queue empty must wait for the next job, \
         not stop; its loop should end only when the queue is closed"
    );
}

/// How long a caller waits at a `Meeting` for the others.
const PATIENCE: Duration = Duration::from_secs(1);
