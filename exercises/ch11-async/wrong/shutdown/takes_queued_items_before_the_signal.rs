//! Mistake: a `biased` `select!` that looks at the queue before the
//! signal: as long as items are queued the queue branch is ready and wins,
//! so after shutdown has begun the workers go on starting items until the
//! queue is empty.
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
                biased;
                item = async { queue.lock().await.recv().await } => item,
                _ = stopping.wait_for(|&stop| stop) => break,
            };
            let Some(item) = next else { break };
            handle(item).await;
            handled += 1;
        }
        handled
    });
}
Workers { stop, queue, tasks }
