use ch06_exercises::pipeline;

use crossbeam_channel::{RecvTimeoutError, unbounded};
use pipeline::{BETWEEN_STAGES, pipeline};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, mpsc};
use std::thread::{self, ThreadId};
use std::time::Duration;
use testkit::Deadline;

/// How long a test waits for the pipeline to finish.
const DEADLINE: Duration = Duration::from_secs(3);
/// How long a stage in a test waits for a sign that another is running.
const PATIENCE: Duration = Duration::from_secs(1);
/// How long the slow item of the order test holds up the first stage.
const HOLD: Duration = Duration::from_millis(400);
/// How long the slow item of the quiet-spell test holds up the first
/// stage: longer than the quiet second after which a stage written like
/// Python's `queue.get(timeout=1)` would give up.
const QUIET_SPELL: Duration = Duration::from_millis(1500);

/// Runs `run` on a thread of its own and waits at most DEADLINE.
fn within<T: Send + 'static>(what: &str, run: impl FnOnce() -> T + Send + 'static) -> T {
    Deadline::new(DEADLINE)
        .if_late(
            "Does every sender get dropped when its stage ends? And with bounded channels, \
             are the inputs fed from a thread of their own, so that this thread can collect \
             at the same time?",
        )
        .run(&format!("{what}: the pipeline"), run)
}

#[test]
fn results_match_the_sequential_computation() {
    let inputs: Vec<u64> = (0..1000).map(|n| (n * 7919) % 1000).collect();
    let expected: Vec<String> = inputs.iter().map(|n| format!("<{}>", n * 3)).collect();
    let results: Vec<String> = within("1000 inputs", move || {
        pipeline(inputs, |n: u64| n * 3, |n: u64| format!("<{n}>"))
    });
    assert_eq!(
        results, expected,
        "the results must be what `first` then `second` give, in the order of the inputs"
    );
}

#[test]
fn no_inputs_give_no_results() {
    let results = within("no inputs", || {
        pipeline(Vec::<u8>::new(), |n: u8| n, |n: u8| n)
    });
    assert!(results.is_empty());
}

#[test]
fn each_stage_runs_on_a_thread_of_its_own() {
    let seen: Arc<Mutex<Vec<(&str, ThreadId)>>> = Arc::default();
    let (in_first, in_second) = (Arc::clone(&seen), Arc::clone(&seen));
    let caller = within("100 inputs", move || {
        pipeline(
            (0..100).collect(),
            move |n: u32| {
                in_first
                    .lock()
                    .unwrap()
                    .push(("first", thread::current().id()));
                n
            },
            move |n: u32| {
                in_second
                    .lock()
                    .unwrap()
                    .push(("second", thread::current().id()));
                n
            },
        );
        thread::current().id()
    });
    let seen = seen.lock().unwrap();
    let threads_of = |stage: &str| {
        let mut threads: Vec<ThreadId> = seen
            .iter()
            .filter(|(s, _)| *s == stage)
            .map(|(_, thread)| *thread)
            .collect();
        threads.dedup();
        threads
    };
    let (first, second) = (threads_of("first"), threads_of("second"));
    assert_eq!(
        first.len(),
        1,
        "`first` ran on {} threads; give it one",
        first.len()
    );
    assert_eq!(
        second.len(),
        1,
        "`second` ran on {} threads; give it one",
        second.len()
    );
    assert_ne!(first, second, "both stages ran on the same thread");
    assert!(
        first[0] != caller && second[0] != caller,
        "a stage ran on the calling thread, which should be collecting the results"
    );
}

#[test]
fn the_stages_work_at_the_same_time() {
    // `first` holds input 1 until `second` has started on input 0, which
    // happens only if the stages run side by side.
    let (started_0, second_has_started) = unbounded();
    let (verdict, waited) = mpsc::channel();
    let results: Vec<u32> = within("3 inputs", move || {
        pipeline(
            vec![0, 1, 2],
            move |n: u32| {
                if n == 1 {
                    let outcome = second_has_started.recv_timeout(PATIENCE);
                    let _ = verdict.send(outcome);
                }
                n
            },
            move |n: u32| {
                if n == 0 {
                    let _ = started_0.send(());
                }
                n
            },
        )
    });
    match waited.recv_timeout(DEADLINE) {
        Ok(Ok(())) => {}
        Ok(Err(RecvTimeoutError::Timeout)) | Err(_) => panic!(
            "`first` waited {PATIENCE:?} on input 1 for `second` to start on input 0, in vain: \
             do the stages run one after another? Start every stage before any of them \
             finishes, and pass each item on as soon as it is done"
        ),
        Ok(Err(RecvTimeoutError::Disconnected)) => {
            panic!("`second` ended before it saw input 0")
        }
    }
    assert_eq!(results, [0, 1, 2]);
}

#[test]
fn the_order_holds_when_an_early_item_is_slow() {
    // `first` takes its time over input 0: it waits until `second` has
    // seen input 1, or until HOLD is up. In a pipeline that keeps the
    // order, input 1 cannot get past input 0, so the wait runs out.
    let (saw_1, second_has_seen_1) = unbounded();
    let results: Vec<u32> = within("4 inputs", move || {
        pipeline(
            vec![0, 1, 2, 3],
            move |n: u32| {
                if n == 0 {
                    let _ = second_has_seen_1.recv_timeout(HOLD);
                }
                n * 10
            },
            move |n: u32| {
                if n == 10 {
                    let _ = saw_1.send(());
                }
                n
            },
        )
    });
    assert_eq!(
        results,
        [0, 10, 20, 30],
        "input 1 overtook input 0: each stage must be one thread, taking its items in order"
    );
}

#[test]
fn a_stage_left_waiting_by_a_slow_item_loses_nothing() {
    // `first` takes QUIET_SPELL over input 0, so `second` has nothing to do
    // for that long: it must keep waiting until its channel is closed. (A
    // stage that waits longer than this before giving up is still wrong,
    // but this test does not catch it: no test can wait longer than every
    // timeout.)
    let results: Vec<u32> = within("a slow first item", move || {
        pipeline(
            vec![0, 1, 2],
            |n: u32| {
                if n == 0 {
                    thread::sleep(QUIET_SPELL);
                }
                n
            },
            |n: u32| n * 10,
        )
    });
    assert_eq!(
        results,
        [0, 10, 20],
        "the first stage took {QUIET_SPELL:?} over input 0, and results were lost: a stage \
         that has nothing to do must wait for its next item, and stop only when its channel \
         is closed, not after a quiet spell"
    );
}

#[test]
fn a_fast_stage_runs_only_a_few_items_ahead_of_a_slow_one() {
    // `second` is stuck on input 0 until the test lets it go. Meanwhile
    // `first` may fill the channel between them and finish one more item,
    // which it then waits to send; it must go no further.
    let done_by_first = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&done_by_first);
    let (stuck, second_is_stuck) = unbounded();
    let (release, gate) = unbounded::<()>();
    let (finished, outcome) = mpsc::channel();
    thread::spawn(move || {
        let results = pipeline(
            (0..20).collect(),
            move |n: u32| {
                counter.fetch_add(1, Ordering::SeqCst);
                n
            },
            move |n: u32| {
                if n == 0 {
                    let _ = stuck.send(());
                    let _ = gate.recv(); // until the test drops `release`
                }
                n
            },
        );
        let _ = finished.send(results);
    });
    assert_eq!(
        second_is_stuck.recv_timeout(DEADLINE),
        Ok(()),
        "`second` never started on input 0"
    );
    thread::sleep(Duration::from_millis(300));
    let ahead: usize = done_by_first.load(Ordering::SeqCst);
    drop(release);
    let results: Vec<u32> = match outcome.recv_timeout(DEADLINE) {
        Ok(results) => results,
        Err(_) => panic!("the pipeline did not finish after `second` was let go"),
    };
    assert_eq!(results, (0..20).collect::<Vec<u32>>());
    // Input 0 in `second`, BETWEEN_STAGES waiting for it, one more in hand.
    let most = BETWEEN_STAGES + 2;
    assert!(
        ahead <= most,
        "while `second` was stuck on input 0, `first` did {ahead} items (at most {most} can \
         be done: one in `second`, {BETWEEN_STAGES} in the channel, one waiting to be sent). \
         Are the channels `bounded(BETWEEN_STAGES)`?"
    );
}
