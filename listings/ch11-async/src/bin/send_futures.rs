//! Three fixes for a future that cannot be sent.
//!
//! The fixes for futures that cannot be sent between threads: `Arc` for
//! `Rc`, a std `MutexGuard` dropped before the `.await`, and tokio's own
//! `Mutex` where a lock must be held across one. Run on the multi-thread
//! runtime, where tasks really do move between threads.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::task::JoinSet;

async fn save(pages: usize) {
    let _ = pages;
    tokio::time::sleep(Duration::from_millis(1)).await;
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    // ANCHOR: arc
    let book = Arc::new(String::from("the text of a book"));
    let task = tokio::spawn(async move {
        save(book.len()).await;
        format!("saved {book}")
    });
    println!(
        "Arc across .await: {}",
        task.await.expect("the task panicked")
    );
    // ANCHOR_END: arc

    // ANCHOR: scoped
    let downloaded = Arc::new(Mutex::new(0));
    let mut tasks = JoinSet::new();
    for _ in 0..100 {
        let downloaded = Arc::clone(&downloaded);
        tasks.spawn(async move {
            let count = {
                let mut count = downloaded.lock().unwrap();
                *count += 1;
                *count
            }; // the guard is dropped here, before the `.await`
            save(count).await;
        });
    }
    tasks.join_all().await;
    println!(
        "std Mutex, guard dropped before .await: {} downloads counted",
        *downloaded.lock().unwrap()
    );
    // ANCHOR_END: scoped

    // ANCHOR: tokio_mutex
    let catalogue = Arc::new(tokio::sync::Mutex::new(Vec::new()));
    let mut tasks = JoinSet::new();
    for id in 0..100 {
        let catalogue = Arc::clone(&catalogue);
        tasks.spawn(async move {
            let mut entries = catalogue.lock().await; // waits without blocking the thread
            save(id).await; // the lock is held across this `.await`
            entries.push(id);
        });
    }
    tasks.join_all().await;
    println!(
        "tokio Mutex held across .await: {} entries",
        catalogue.lock().await.len()
    );
    // ANCHOR_END: tokio_mutex
}
