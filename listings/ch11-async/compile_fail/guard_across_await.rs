//! A std `MutexGuard` kept across an `.await` in a spawned task.
// As in rc_across_await.rs, `spawn` has tokio::spawn's bounds.
use std::future::Future;
use std::sync::{Arc, Mutex};

fn spawn<F>(task: F)
where
    F: Future + Send + 'static,
    F::Output: Send + 'static,
{
    drop(task);
}

async fn save(pages: usize) {
    let _ = pages;
}

fn main() {
    let downloaded = Arc::new(Mutex::new(0));
    spawn(async move {
        let mut count = downloaded.lock().unwrap();
        *count += 1;
        save(*count).await;
    });
}
