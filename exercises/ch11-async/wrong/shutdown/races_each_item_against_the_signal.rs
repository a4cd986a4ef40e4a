//! Mistake: puts `handle(item)` inside the `select!` with the stop signal,
//! so when the signal comes the item in flight is the branch that loses:
//! it is dropped halfway and never finishes.
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
            tokio::select! {
                biased;
                _ = stopping.wait_for(|&stop| stop) => break,
                more = async {
                    let item = queue.lock().await.recv().await?;
                    handle(item).await;
                    Some(())
                } => match more {
                    Some(()) => handled += 1,
                    None => break,
                },
            }
        }
        handled
    });
}
Workers { stop, queue, tasks }
