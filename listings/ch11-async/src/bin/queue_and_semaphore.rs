//! A bounded `mpsc` channel and a `Semaphore` in tokio.
//!
//! asyncio.Queue(maxsize=2) and asyncio.Semaphore(3), in tokio: a bounded
//! `mpsc` channel slows a fast producer to its consumer's pace, and a
//! `Semaphore` caps how many downloads run at once.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use tokio::sync::{Semaphore, mpsc};
use tokio::task::JoinSet;
use tokio::time::sleep;

#[tokio::main(flavor = "current_thread")]
async fn main() {
    // ANCHOR: queue
    let (pages, mut to_print) = mpsc::channel(2); // room for two pages
    let producer = tokio::spawn(async move {
        let mut log = Vec::new();
        for page in 1..=5 {
            let started = Instant::now();
            pages.send(page).await.expect("the printer stopped");
            log.push(format!(
                "sent page {page} after waiting {} ms",
                started.elapsed().as_millis()
            ));
        }
        log // dropping `pages` here closes the channel
    });
    let mut printed = Vec::new();
    while let Some(page) = to_print.recv().await {
        sleep(Duration::from_millis(50)).await; // printing a page takes 50 ms
        printed.push(page);
    }
    println!(
        "{}",
        producer.await.expect("the producer panicked").join("\n")
    );
    println!("printed pages {printed:?}");
    // ANCHOR_END: queue

    // ANCHOR: semaphore
    let gate = Arc::new(Semaphore::new(3));
    let (inside, most) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
    let started = Instant::now();
    let mut downloads = JoinSet::new();
    for book in 0..10 {
        let (gate, inside, most) = (Arc::clone(&gate), Arc::clone(&inside), Arc::clone(&most));
        downloads.spawn(async move {
            let _permit = gate.acquire().await.expect("the semaphore was closed");
            let now_inside = inside.fetch_add(1, Ordering::SeqCst) + 1;
            most.fetch_max(now_inside, Ordering::SeqCst);
            sleep(Duration::from_millis(100)).await;
            inside.fetch_sub(1, Ordering::SeqCst);
            book
        }); // `_permit` is dropped at the end of the task: the place is free again
    }
    let books = downloads.join_all().await;
    println!(
        "downloaded {} books, at most {} at once, in {:.2} s",
        books.len(),
        most.load(Ordering::SeqCst),
        started.elapsed().as_secs_f64()
    );
    // ANCHOR_END: semaphore
}
