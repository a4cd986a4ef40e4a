//! gather, as_completed, wait_for and select! in tokio, on a paused clock:
//! the runtime jumps from one timer to the next, so these tests measure
//! exact virtual times in microseconds of real time.

use std::time::Duration;

use tokio::task::JoinSet;
use tokio::time::{Instant, sleep, timeout};

async fn nap(name: &'static str, ms: u64) -> &'static str {
    sleep(Duration::from_millis(ms)).await;
    name
}

fn about(elapsed: Duration, ms: u64) -> bool {
    // tokio's timers count whole milliseconds.
    (Duration::from_millis(ms)..=Duration::from_millis(ms + 2)).contains(&elapsed)
}

#[tokio::test(start_paused = true)]
async fn join_waits_for_the_longest_and_keeps_the_written_order() {
    let started = Instant::now();
    let results = tokio::join!(nap("300", 300), nap("100", 100), nap("200", 200));
    assert_eq!(results, ("300", "100", "200"));
    assert!(about(started.elapsed(), 300), "{:?}", started.elapsed());
}

#[tokio::test(start_paused = true)]
async fn join_next_gives_tasks_in_finishing_order() {
    let mut tasks = JoinSet::new();
    for (name, ms) in [("300", 300), ("100", 100), ("200", 200)] {
        tasks.spawn(nap(name, ms));
    }
    let mut finished = Vec::new();
    while let Some(result) = tasks.join_next().await {
        finished.push(result.unwrap());
    }
    assert_eq!(finished, ["100", "200", "300"]);
}

#[tokio::test(start_paused = true)]
async fn timeout_gives_up_at_its_deadline() {
    let started = Instant::now();
    let outcome = timeout(Duration::from_millis(100), nap("slow", 1_000)).await;
    assert!(outcome.is_err());
    assert!(about(started.elapsed(), 100), "{:?}", started.elapsed());
}

#[tokio::test(start_paused = true)]
async fn select_takes_the_first_to_finish_and_does_not_wait_for_the_other() {
    let started = Instant::now();
    let winner = tokio::select! {
        mirror = nap("A", 300) => mirror,
        mirror = nap("B", 100) => mirror,
    };
    assert_eq!(winner, "B");
    assert!(about(started.elapsed(), 100), "{:?}", started.elapsed());
}

#[test]
fn the_listing_prints_finishing_order_and_the_winner() {
    let output = listingkit::output_of("gather_and_race", &[]);
    assert!(
        output.contains("join!: [300 ms, 100 ms, 200 ms]"),
        "{output}"
    );
    assert!(
        output.contains("JoinSet::join_next: [100 ms, 200 ms, 300 ms]"),
        "{output}"
    );
    assert!(
        output.contains("timeout: Err(deadline has elapsed)"),
        "{output}"
    );
    assert!(
        output.contains("select!: mirror B answered first"),
        "{output}"
    );
}

#[tokio::test(start_paused = true)]
async fn dropping_a_join_set_aborts_its_tasks() {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};

    let finished = Arc::new(AtomicBool::new(false));
    let mut tasks = JoinSet::new();
    let flag = Arc::clone(&finished);
    tasks.spawn(async move {
        sleep(Duration::from_millis(100)).await;
        flag.store(true, Ordering::SeqCst);
    });
    drop(tasks);
    sleep(Duration::from_millis(200)).await;
    assert!(
        !finished.load(Ordering::SeqCst),
        "a task outlived its JoinSet"
    );
}
