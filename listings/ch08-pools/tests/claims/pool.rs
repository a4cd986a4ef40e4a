//! The claims chapter 8 makes about its pool, each under a deadline so that a
//! broken pool fails the test instead of hanging it.

use std::cell::RefCell;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Barrier};
use std::thread;
use std::time::{Duration, Instant};

use ch08::{TaskPanicked, ThreadPool};
use crossbeam_channel::bounded;

/// Runs `test` on its own thread and fails if it takes longer than `limit`.
fn within<T: Send + 'static>(limit: Duration, test: impl FnOnce() -> T + Send + 'static) -> T {
    let (done, outcome) = bounded(1);
    thread::spawn(move || {
        let _ = done.send(test());
    });
    outcome
        .recv_timeout(limit)
        .unwrap_or_else(|_| panic!("the test did not finish within {limit:?}: a deadlock?"))
}

const DEADLINE: Duration = Duration::from_secs(10);

#[test]
fn every_submitted_job_runs_exactly_once() {
    let runs = within(DEADLINE, || {
        let runs: Arc<Vec<AtomicUsize>> =
            Arc::new((0..1_000).map(|_| AtomicUsize::new(0)).collect());
        let pool = ThreadPool::new(4);
        for job in 0..1_000 {
            let runs = Arc::clone(&runs);
            pool.execute(move || {
                runs[job].fetch_add(1, Ordering::SeqCst);
            });
        }
        drop(pool);
        runs
    });
    let wrong: Vec<_> = (0..1_000)
        .filter(|&job| runs[job].load(Ordering::SeqCst) != 1)
        .collect();
    assert!(
        wrong.is_empty(),
        "jobs that did not run exactly once: {wrong:?}"
    );
}

thread_local! {
    /// Dropped when the worker thread that set it ends.
    static KEEPSAKE: RefCell<Option<Arc<()>>> = const { RefCell::new(None) };
}

#[test]
fn dropping_the_pool_runs_queued_jobs_and_ends_the_workers() {
    within(DEADLINE, || {
        let pool = ThreadPool::new(3);
        let done = Arc::new(AtomicUsize::new(0));
        let keepsake = Arc::new(());
        for _ in 0..12 {
            let (done, keepsake) = (Arc::clone(&done), Arc::clone(&keepsake));
            pool.execute(move || {
                thread::sleep(Duration::from_millis(20));
                // Each worker that runs a job keeps a clone until its thread ends.
                KEEPSAKE.with(|slot| *slot.borrow_mut() = Some(keepsake));
                done.fetch_add(1, Ordering::SeqCst);
            });
        }
        // Most jobs are still queued here; drop must wait for all of them.
        drop(pool);
        assert_eq!(
            done.load(Ordering::SeqCst),
            12,
            "drop returned before the queued jobs ran"
        );
        assert_eq!(
            Arc::strong_count(&keepsake),
            1,
            "a worker thread was still alive after drop returned"
        );
    });
}

#[test]
fn submit_returns_at_once_and_result_waits_for_the_value() {
    within(DEADLINE, || {
        let pool = ThreadPool::new(2);
        let (go, wait_for_go) = bounded::<()>(0);
        let handle = pool.submit(move || {
            wait_for_go.recv().expect("the test hung up");
            6 * 7
        });
        // The task cannot have finished: it is waiting for `go`, so submit
        // did not wait for it.
        go.send(()).expect("the task is gone");
        assert_eq!(handle.result(), Ok(42));
    });
}

#[test]
fn a_pool_of_two_runs_two_jobs_at_the_same_time() {
    within(DEADLINE, || {
        let pool = ThreadPool::new(2);
        let meet = Arc::new(Barrier::new(2));
        let handles: Vec<_> = (0..2)
            .map(|_| {
                let meet = Arc::clone(&meet);
                // Each job waits until the other one has started too.
                pool.submit(move || meet.wait().is_leader())
            })
            .collect();
        let leaders = handles
            .into_iter()
            .map(|h| h.result().expect("a job panicked"))
            .filter(|&leader| leader)
            .count();
        assert_eq!(leaders, 1);
    });
}

#[test]
fn a_panicking_task_is_reported_for_that_task_and_the_worker_survives() {
    within(DEADLINE, || {
        // One worker: if the panic killed it, nothing after it could run.
        let pool = ThreadPool::new(1);
        let first = pool.submit(|| 1);
        let failing = pool.submit(|| -> i32 { panic!("task two gave up") });
        let third = pool.submit(|| 3);
        assert_eq!(first.result(), Ok(1));
        assert_eq!(
            failing.result(),
            Err(TaskPanicked("task two gave up".into()))
        );
        assert_eq!(third.result(), Ok(3));
        assert_eq!(pool.submit(|| "after").result(), Ok("after"));
    });
}

#[test]
fn as_completed_yields_in_finishing_order() {
    let order = within(DEADLINE, || {
        let pool = ThreadPool::new(3);
        let tasks: Vec<_> = [300, 100, 200]
            .into_iter()
            .map(|ms| {
                move || {
                    thread::sleep(Duration::from_millis(ms));
                    ms
                }
            })
            .collect();
        pool.as_completed(tasks)
            .iter()
            .map(|(index, outcome)| (index, outcome.expect("a nap panicked")))
            .collect::<Vec<_>>()
    });
    assert_eq!(order, vec![(1, 100), (2, 200), (0, 300)]);
}

#[test]
fn as_completed_reports_a_panic_and_delivers_the_rest() {
    let outcomes = within(DEADLINE, || {
        let pool = ThreadPool::new(2);
        let tasks: Vec<Box<dyn FnOnce() -> u32 + Send>> = vec![
            Box::new(|| 1),
            Box::new(|| panic!("no answer")),
            Box::new(|| 3),
        ];
        let mut outcomes: Vec<_> = pool.as_completed(tasks).iter().collect();
        outcomes.sort_by_key(|(index, _)| *index);
        outcomes
    });
    assert_eq!(
        outcomes,
        vec![
            (0, Ok(1)),
            (1, Err(TaskPanicked("no answer".into()))),
            (2, Ok(3))
        ]
    );
}

#[test]
fn map_keeps_the_input_order_though_later_items_finish_first() {
    let (results, finished) = within(DEADLINE, || {
        let pool = ThreadPool::new(3);
        let finished = Arc::new(std::sync::Mutex::new(Vec::new()));
        let log = Arc::clone(&finished);
        let results = pool.map(vec![300u64, 0, 150], move |ms| {
            thread::sleep(Duration::from_millis(ms));
            log.lock().expect("log poisoned").push(ms);
            ms
        });
        let finished = finished.lock().expect("log poisoned").clone();
        (results, finished)
    });
    assert_eq!(
        finished,
        vec![0, 150, 300],
        "the items should finish out of order"
    );
    assert_eq!(results, vec![Ok(300), Ok(0), Ok(150)]);
}

#[test]
fn a_pool_never_runs_more_jobs_at_once_than_it_has_workers() {
    let (most, took) = within(DEADLINE, || {
        let pool = ThreadPool::new(4);
        let running = Arc::new(AtomicUsize::new(0));
        let most = Arc::new(AtomicUsize::new(0));
        let started = Instant::now();
        for _ in 0..12 {
            let (running, most) = (Arc::clone(&running), Arc::clone(&most));
            pool.execute(move || {
                let now = running.fetch_add(1, Ordering::SeqCst) + 1;
                most.fetch_max(now, Ordering::SeqCst);
                thread::sleep(Duration::from_millis(50));
                running.fetch_sub(1, Ordering::SeqCst);
            });
        }
        drop(pool);
        (most.load(Ordering::SeqCst), started.elapsed())
    });
    assert!(most <= 4, "{most} jobs ran at once on 4 workers");
    // Twelve 50 ms jobs, four at a time: at least three rounds.
    assert!(took >= Duration::from_millis(150), "took only {took:?}");
}

#[test]
fn downloads_on_a_pool_overlap_their_waiting() {
    use ch01::{BOOKS, BookServer, LATENCY, download_book};
    let (sequential, pooled) = within(Duration::from_secs(20), || {
        let server = BookServer::start(LATENCY).expect("could not start the book server");
        let addr = server.addr();
        let started = Instant::now();
        for id in 0..BOOKS {
            download_book(addr, id).expect("download failed");
        }
        let sequential = started.elapsed();
        let pool = ThreadPool::new(BOOKS);
        let started = Instant::now();
        let books = pool.map((0..BOOKS).collect(), move |id| download_book(addr, id));
        let pooled = started.elapsed();
        for book in books {
            book.expect("a download panicked").expect("download failed");
        }
        (sequential, pooled)
    });
    // Ten waits of 100 ms one after another, against ten waits side by side.
    assert!(
        sequential >= LATENCY * BOOKS as u32,
        "sequential took {sequential:?}"
    );
    assert!(
        pooled < LATENCY * 6,
        "a worker per book took {pooled:?}; sequential took {sequential:?}"
    );
}
