use ch11_exercises::shutdown;

use shutdown::Workers;
use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use testkit::ms;
use tokio::sync::mpsc;
use tokio::time::{self, Instant};

/// Runs `test` on a current-thread runtime whose clock is paused: time
/// moves only when every task waits, and then straight to the next timer,
/// so the times measured below are exact on a busy machine too. A test that
/// waits for something that never comes fails after 60 s of that clock,
/// which take no real time at all.
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
        let handled: usize = workers.shutdown().await;
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
        let handled: usize = workers.shutdown().await;
        assert_eq!(handled, 20, "what shutdown reports");
        assert_eq!(
            start.elapsed(),
            Duration::ZERO,
            "every worker had ended already"
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
        let handled: usize = stopped.expect(
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
        let handled: usize = workers.shutdown().await;
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

#[test]
fn no_item_is_started_once_shutdown_has_begun() {
    on_paused_clock(async {
        let log: Shared = Arc::default();
        // Ten items, two workers, 100 ms each: at 150 ms items 2 and 3 are
        // in flight and six are still queued.
        let (_sender, queue) = queue_of(10).await;
        let workers = Workers::start(2, queue, handler(&log, 100));
        time::sleep(ms(150)).await;
        let handled: usize = workers.shutdown().await;
        assert_eq!(
            sorted(log.lock().unwrap().started.clone()),
            vec![0, 1, 2, 3],
            "items started: none may start after shutdown has begun, queued or not"
        );
        assert_eq!(handled, 4, "what shutdown reports");
        time::sleep(ms(2000)).await;
        assert_eq!(
            log.lock().unwrap().started.len(),
            4,
            "items started after shutdown had returned"
        );
    });
}
