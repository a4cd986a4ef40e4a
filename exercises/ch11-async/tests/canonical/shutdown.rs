use ch11_exercises::shutdown;

use shutdown::Workers;
use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use testkit::ms;
use tokio::sync::mpsc::{self, error::TryRecvError};
use tokio::time::{self, Instant};

/// Runs `test` on a current-thread runtime whose clock is paused: time
/// moves only when every task waits, and then straight to the next timer,
/// so the times measured below are exact on a busy machine too. When every
/// task waits for something that never comes, the clock jumps ahead and the
/// test fails after 60 s of it, which take no real time at all. Code that
/// never stops running (a loop that never waits at an `.await`, a blocking
/// call) holds the one thread, so the clock stands still: then only the
/// real deadline the test runs under (10 s in `workbook check`) ends it.
fn on_paused_clock(test: impl Future<Output = ()>) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .start_paused(true)
        .build()
        .expect("cannot build a runtime");
    runtime.block_on(async {
        time::timeout(Duration::from_secs(60), test)
            .await
            .expect("still waiting after 60 s of the paused clock: is something waiting for ever?");
    });
}

/// What the handler saw.
#[derive(Default)]
struct Log {
    started: Vec<u32>,
    finished: Vec<u32>,
    running: usize,
    most_at_once: usize,
}

type Shared = Arc<Mutex<Log>>;

/// A handler that takes `millis` per item and logs its start and end.
fn handler(
    log: &Shared,
    millis: u64,
) -> impl Fn(u32) -> std::pin::Pin<Box<dyn Future<Output = ()> + Send>> + Send + Sync + 'static {
    let log = Arc::clone(log);
    move |item| {
        let log = Arc::clone(&log);
        Box::pin(async move {
            {
                let mut log = log.lock().unwrap();
                log.started.push(item);
                log.running += 1;
                log.most_at_once = log.most_at_once.max(log.running);
            }
            time::sleep(ms(millis)).await;
            let mut log = log.lock().unwrap();
            log.running -= 1;
            log.finished.push(item);
        })
    }
}

/// A queue holding `items`, and its sender (drop it to close the queue).
async fn queue_of(items: u32) -> (mpsc::Sender<u32>, mpsc::Receiver<u32>) {
    let (sender, receiver) = mpsc::channel(100);
    for item in 0..items {
        sender.send(item).await.expect("the queue is open");
    }
    (sender, receiver)
}

fn sorted(mut items: Vec<u32>) -> Vec<u32> {
    items.sort_unstable();
    items
}

#[test]
fn workers_share_the_queue_and_run_side_by_side() {
    on_paused_clock(async {
        let log: Shared = Arc::default();
        let (sender, queue) = queue_of(8).await;
        drop(sender);
        let workers = Workers::start(4, queue, handler(&log, 100));
        // Eight 100 ms items on four workers: done after 200 ms.
        time::sleep(ms(250)).await;
        {
            let log = log.lock().unwrap();
            assert_eq!(log.most_at_once, 4, "items handled at once by four workers");
            assert_eq!(
                sorted(log.finished.clone()),
                (0..8).collect::<Vec<u32>>(),
                "items finished after 250 ms"
            );
        }
        let (handled, _queue): (usize, mpsc::Receiver<u32>) = workers.shutdown().await;
        assert_eq!(handled, 8, "what shutdown reports");
    });
}

#[test]
fn a_closed_empty_queue_ends_the_workers_and_every_item_counts_once() {
    on_paused_clock(async {
        let log: Shared = Arc::default();
        let (sender, queue) = queue_of(20).await;
        drop(sender);
        let workers = Workers::start(3, queue, handler(&log, 10));
        time::sleep(ms(1000)).await;
        let start = Instant::now();
        let (handled, mut queue): (usize, mpsc::Receiver<u32>) = workers.shutdown().await;
        assert_eq!(handled, 20, "what shutdown reports");
        assert_eq!(
            start.elapsed(),
            Duration::ZERO,
            "every worker had ended already"
        );
        assert_eq!(
            queue.try_recv(),
            Err(TryRecvError::Disconnected),
            "the queue shutdown hands back: closed, and every item taken"
        );
        let log = log.lock().unwrap();
        assert_eq!(
            sorted(log.started.clone()),
            (0..20).collect::<Vec<u32>>(),
            "items started"
        );
    });
}

#[test]
fn idle_workers_stop_at_once() {
    on_paused_clock(async {
        let log: Shared = Arc::default();
        // The queue stays open and empty: the workers wait for an item.
        let (_sender, queue) = queue_of(0).await;
        let workers = Workers::start(3, queue, handler(&log, 100));
        time::sleep(ms(100)).await;
        let start = Instant::now();
        let stopped = time::timeout(ms(1000), workers.shutdown()).await;
        let (handled, _queue): (usize, mpsc::Receiver<u32>) = stopped.expect(
            "shutdown still waiting after 1 s: a worker waiting for an item must see the signal too",
        );
        assert_eq!(handled, 0);
        assert_eq!(start.elapsed(), Duration::ZERO, "idle workers stop at once");
    });
}

#[test]
fn shutdown_lets_the_items_in_flight_finish() {
    on_paused_clock(async {
        let log: Shared = Arc::default();
        let (_sender, queue) = queue_of(2).await;
        let workers = Workers::start(2, queue, handler(&log, 300));
        // Both workers are 100 ms into their 300 ms items.
        time::sleep(ms(100)).await;
        let start = Instant::now();
        let (handled, _queue): (usize, mpsc::Receiver<u32>) = workers.shutdown().await;
        let took = start.elapsed();
        {
            let log = log.lock().unwrap();
            assert_eq!(
                sorted(log.finished.clone()),
                vec![0, 1],
                "items finished when shutdown returned: the items in flight must run to their end"
            );
        }
        assert_eq!(handled, 2, "what shutdown reports");
        assert!(
            took >= ms(200) && took < ms(250),
            "shutdown took {took:?}: the items in flight had 200 ms to go"
        );
        time::sleep(ms(1000)).await;
        assert_eq!(log.lock().unwrap().started.len(), 2, "items started in all");
    });
}

/// How many times the last two tests play their scenario. When the signal
/// has come and items are still queued, both branches of a worker's
/// `select!` are ready; without `biased;` tokio polls them in a random
/// order, so each of the two workers takes the queue's branch with
/// probability 1/2, and a scenario shows nothing wrong with probability
/// 1/4. All 16 scenarios show nothing with probability 4^-16 = 2^-32.
const SCENARIOS: u32 = 16;

/// What became of ten items in one scenario.
struct Stopped {
    /// Items started before `shutdown` returned.
    started: Vec<u32>,
    /// What `shutdown` reported.
    handled: usize,
    /// The items in the queue `shutdown` handed back, in their order.
    left: Vec<u32>,
    /// Items started after `shutdown` had returned.
    started_later: usize,
}

/// Ten items, two workers, 100 ms each; shutdown begins at 150 ms, while
/// items 2 and 3 are in flight and six are still queued.
async fn shut_down_with_items_queued() -> Stopped {
    let log: Shared = Arc::default();
    // The sender stays: the queue is open, so only the signal stops them.
    let (_sender, queue) = queue_of(10).await;
    let workers = Workers::start(2, queue, handler(&log, 100));
    time::sleep(ms(150)).await;
    let (handled, mut queue): (usize, mpsc::Receiver<u32>) = workers.shutdown().await;
    let started = log.lock().unwrap().started.clone();
    let mut left = Vec::new();
    while let Ok(item) = queue.try_recv() {
        left.push(item);
    }
    time::sleep(ms(1000)).await;
    let started_later = log.lock().unwrap().started.len() - started.len();
    Stopped {
        started,
        handled,
        left,
        started_later,
    }
}

#[test]
fn no_item_is_started_once_shutdown_has_begun() {
    on_paused_clock(async {
        for scenario in 1..=SCENARIOS {
            let stopped = shut_down_with_items_queued().await;
            assert_eq!(
                sorted(stopped.started),
                vec![0, 1, 2, 3],
                "items started (scenario {scenario} of {SCENARIOS}): a worker that has seen \
                 the signal must start no item, queued or not; when the signal and an item \
                 are both ready, which does your `select!` take?"
            );
            assert_eq!(
                stopped.handled, 4,
                "what shutdown reports (scenario {scenario})"
            );
            assert_eq!(
                stopped.started_later, 0,
                "items started after shutdown had returned (scenario {scenario})"
            );
        }
    });
}

#[test]
fn the_items_not_started_stay_in_the_queue() {
    on_paused_clock(async {
        for scenario in 1..=SCENARIOS {
            let stopped = shut_down_with_items_queued().await;
            assert_eq!(
                stopped.left,
                (4..10).collect::<Vec<u32>>(),
                "items left in the queue shutdown handed back (scenario {scenario} of \
                 {SCENARIOS}): items 0 to 3 were started, and every other item must still be \
                 there, in order; a worker that takes an item must handle it"
            );
        }
    });
}
