//! Mistake: a `select!` without `biased;`: tokio then polls its branches
//! in a random order, so once the signal has come, a worker with items
//! still queued takes the next one about half the time and starts it.
//! Caught by: no_item_is_started_once_shutdown_has_begun, the_items_not_started_stay_in_the_queue
// REGION
let (stop, _) = watch::channel(false);
let queue = Arc::new(Mutex::new(queue));
let handle = Arc::new(handle);
let mut tasks = JoinSet::new();
for _ in 0..count {
    let queue = Arc::clone(&queue);
    let handle = Arc::clone(&handle);
    let mut stopping = stop.subscribe();
    tasks.spawn(async move {
        let mut handled = 0;
        loop {
            let next = tokio::select! {
                _ = stopping.wait_for(|&stop| stop) => break,
                item = async { queue.lock().await.recv().await } => item,
            };
            let Some(item) = next else { break };
            handle(item).await;
            handled += 1;
        }
        handled
    });
}
Workers { stop, queue, tasks }
