//! Mistake: spawns the workers with `tokio::spawn` and drops their
//! handles, so the set it joins is empty: `shutdown` sends the signal and
//! returns at once, while the items in flight are still running, and
//! reports none of them.
//! Caught by: shutdown_lets_the_items_in_flight_finish, workers_share_the_queue_and_run_side_by_side
// REGION
let (stop, _) = watch::channel(false);
let queue = Arc::new(Mutex::new(queue));
let handle = Arc::new(handle);
let tasks = JoinSet::new();
for _ in 0..count {
    let queue = Arc::clone(&queue);
    let handle = Arc::clone(&handle);
    let mut stopping = stop.subscribe();
    tokio::spawn(async move {
        let mut handled = 0;
        loop {
            let next = tokio::select! {
                biased;
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
