//! Mistake: a `select!` without `biased;`, patched by looking at the
//! signal again after taking an item: no item starts once the signal has
//! come, but the item the worker took is dropped, lost to the queue and
//! never handled.
//! Caught by: the_items_not_started_stay_in_the_queue
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
            if *stopping.borrow() {
                break;
            }
            handle(item).await;
            handled += 1;
        }
        handled
    });
}
Workers { stop, queue, tasks }
