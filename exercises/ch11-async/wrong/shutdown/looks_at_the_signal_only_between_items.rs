//! Mistake: looks at the signal only before waiting for the next item, so
//! a worker that waits on an empty queue never hears it, and `shutdown`
//! waits for ever.
//! Caught by: idle_workers_stop_at_once
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
            if *stopping.borrow() {
                break;
            }
            let Some(item) = queue.lock().await.recv().await else {
                break;
            };
            handle(item).await;
            handled += 1;
        }
        handled
    });
}
Workers { stop, queue, tasks }
