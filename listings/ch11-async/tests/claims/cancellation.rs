//! Cancellation by drop: what a dropped future loses and what it still runs,
//! `abort`, the shutdown signal, and cancellation safety in a `select!`
//! loop. Time-dependent tests run on the paused clock.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use ch11::{pairs_kept, pairs_lossy, send_halves};
use tokio::time::{sleep, timeout};

/// Records that it was dropped.
struct Guard(Arc<AtomicBool>);

impl Drop for Guard {
    fn drop(&mut self) {
        self.0.store(true, Ordering::SeqCst);
    }
}

#[tokio::test(start_paused = true)]
async fn a_timed_out_future_runs_its_destructors_and_no_more_of_its_code() {
    let (dropped, finished) = (
        Arc::new(AtomicBool::new(false)),
        Arc::new(AtomicBool::new(false)),
    );
    let (guard, done) = (Guard(Arc::clone(&dropped)), Arc::clone(&finished));
    let work = async move {
        let _guard = guard;
        sleep(Duration::from_secs(1)).await;
        done.store(true, Ordering::SeqCst);
    };
    assert!(timeout(Duration::from_millis(50), work).await.is_err());
    assert!(dropped.load(Ordering::SeqCst), "the guard was not dropped");
    sleep(Duration::from_secs(2)).await;
    assert!(
        !finished.load(Ordering::SeqCst),
        "the code after the await ran"
    );
}

#[tokio::test(start_paused = true)]
async fn abort_cancels_a_spawned_task_and_drops_what_it_held() {
    let dropped = Arc::new(AtomicBool::new(false));
    let guard = Guard(Arc::clone(&dropped));
    let task = tokio::spawn(async move {
        let _guard = guard;
        sleep(Duration::from_secs(10)).await;
    });
    sleep(Duration::from_millis(50)).await;
    task.abort();
    let error = task.await.unwrap_err();
    assert!(error.is_cancelled());
    assert!(dropped.load(Ordering::SeqCst));
}

#[tokio::test(start_paused = true)]
async fn next_pair_in_a_select_loop_loses_halves_when_a_tick_wins() {
    let pairs = pairs_lossy(
        send_halves(20, Duration::from_millis(10)),
        Duration::from_millis(33),
    )
    .await;
    assert!(pairs.len() < 10, "no half was lost: {pairs:?}");
}

#[tokio::test(start_paused = true)]
async fn recv_in_a_select_loop_keeps_every_half_in_order() {
    let pairs = pairs_kept(
        send_halves(20, Duration::from_millis(10)),
        Duration::from_millis(33),
    )
    .await;
    let expected: Vec<(u32, u32)> = (1..=10).map(|n| (2 * n - 1, 2 * n)).collect();
    assert_eq!(pairs, expected);
}

#[test]
fn the_cancellation_listing_shows_drops_abort_and_a_clean_shutdown() {
    let output = listingkit::output_of("cancellation", &[]);
    assert!(!output.contains("answer received"), "{output}");
    assert_eq!(
        output.matches("given back (its Drop ran)").count(),
        2,
        "{output}"
    );
    assert!(output.contains("is_cancelled() = true"), "{output}");
    assert_eq!(output.matches("saw the signal").count(), 3, "{output}");
}

#[test]
fn the_select_loop_listing_loses_no_half_with_recv() {
    let output = listingkit::output_of("select_loop", &[]);
    assert!(
        output.contains("recv() in select!: 10 pairs, 0 halves lost"),
        "{output}"
    );
    assert!(
        !output.contains("next_pair() in select!: 10 pairs"),
        "{output}"
    );
}
