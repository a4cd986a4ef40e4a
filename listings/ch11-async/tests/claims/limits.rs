//! A bounded channel's backpressure and a semaphore's limit, on the paused
//! clock, and the listing's own counts.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::{Semaphore, mpsc};
use tokio::task::JoinSet;
use tokio::time::{Instant, sleep, timeout};

#[tokio::test(start_paused = true)]
async fn a_full_bounded_channel_makes_send_wait_until_a_receive() {
    let (pages, mut to_print) = mpsc::channel(2);
    pages.send(1).await.unwrap();
    pages.send(2).await.unwrap();
    let third = timeout(Duration::from_secs(1), pages.send(3)).await;
    assert!(third.is_err(), "a third send fitted in a channel of two");
    assert_eq!(to_print.recv().await, Some(1));
    timeout(Duration::from_millis(1), pages.send(3))
        .await
        .expect("a send still waited after a receive made room")
        .unwrap();
}

#[tokio::test(start_paused = true)]
async fn three_permits_run_ten_100_ms_jobs_in_four_rounds() {
    let gate = Arc::new(Semaphore::new(3));
    let started = Instant::now();
    let mut jobs = JoinSet::new();
    for _ in 0..10 {
        let gate = Arc::clone(&gate);
        jobs.spawn(async move {
            let _permit = gate.acquire().await.unwrap();
            sleep(Duration::from_millis(100)).await;
        });
    }
    jobs.join_all().await;
    let elapsed = started.elapsed();
    assert!(
        (Duration::from_millis(400)..Duration::from_millis(410)).contains(&elapsed),
        "{elapsed:?}"
    );
}

#[test]
fn the_listing_keeps_order_and_never_runs_more_than_three() {
    let output = listingkit::output_of("queue_and_semaphore", &[]);
    assert!(output.contains("printed pages [1, 2, 3, 4, 5]"), "{output}");
    assert!(
        output.contains("downloaded 10 books, at most 3 at once"),
        "{output}"
    );
}
