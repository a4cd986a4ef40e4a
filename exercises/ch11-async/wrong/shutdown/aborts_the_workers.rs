//! Mistake: stops the workers with `JoinSet::shutdown`, which aborts each
//! task: a worker is dropped in the middle of its item, which never
//! finishes, and its count is lost with it.
//! Caught by: shutdown_lets_the_items_in_flight_finish
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
// REGION
let Workers {
    stop,
    queue,
    mut tasks,
} = self;
let _ = stop.send(true);
// `JoinSet::shutdown` aborts every task, then waits for them.
tasks.shutdown().await;
let mut handled = 0;
while let Some(worker) = tasks.join_next().await {
    handled += worker.unwrap_or(0);
}
let queue = Arc::into_inner(queue)
    .expect("every worker has returned, so none holds the queue")
    .into_inner();
(handled, queue)
