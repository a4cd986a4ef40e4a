//! # Stop the workers, lose no work
//!
//! A few worker tasks share one queue of items. On shutdown every worker
//! finishes the item it is handling, starts no other, and returns; and
//! `shutdown` returns only when all of them have, handing back the queue
//! with the items nobody started still in it. In Python you would run the
//! workers in a `TaskGroup`, set an `asyncio.Event` to ask them to stop,
//! and let the `async with` block wait for them; cancelling the tasks
//! instead would throw `CancelledError` into the middle of an item.
//!
//! `Workers::start(count, queue, handle)` spawns `count` workers. Each one
//! takes the next item from `queue` and awaits `handle(item)`, again and
//! again. A worker stops when the queue is closed and empty, or when it
//! sees the shutdown signal, whichever comes first. `shutdown` then:
//!
//! - tells every worker to stop, also the ones waiting for an item, which
//!   stop at once;
//! - lets each item in flight run to its end: a future that is dropped
//!   halfway loses what it was doing, so do not cancel a worker, and do not
//!   put `handle(item)` in a `select!` that can drop it;
//! - makes sure that a worker that has seen the signal starts no item, even
//!   with items left in the queue, and that a worker that took an item
//!   handles it: every item is either handled or still in the queue;
//! - waits for every worker, and returns how many items they handled in
//!   all, with the queue: the items nobody started, in their order.
//!
//! On a runtime with several threads a worker may take an item a moment
//! before the signal reaches it, and so start it after `shutdown` has
//! begun; the tests run on one thread, where a worker sees the signal as
//! soon as it next looks, and no item starts once `shutdown` has begun.
//!
//! The fields are given: a `watch` channel whose value becomes `true` when
//! shutdown begins, the queue shared by the workers, and the `JoinSet` of
//! the workers, each returning how many items it handled.

use std::future::Future;
use std::sync::Arc;
use tokio::sync::{Mutex, mpsc, watch};
use tokio::task::JoinSet;

pub struct Workers<T> {
    /// Set to `true` when shutdown begins; every worker watches it.
    stop: watch::Sender<bool>,
    /// The queue, shared by the workers; `shutdown` hands it back.
    queue: Arc<Mutex<mpsc::Receiver<T>>>,
    /// The workers; each returns how many items it handled.
    tasks: JoinSet<usize>,
}

impl<T: Send + 'static> Workers<T> {
    /// Spawns `count` workers that take items from `queue` and hand each
    /// to `handle`. Call it from inside a tokio runtime.
    pub fn start<Handle, Handled>(
        count: usize,
        queue: mpsc::Receiver<T>,
        handle: Handle,
    ) -> Workers<T>
    where
        Handle: Fn(T) -> Handled + Send + Sync + 'static,
        Handled: Future<Output = ()> + Send + 'static,
    {
        // SOLUTION: Make the `watch` channel (`false` at first). Share the receiver between the workers behind an `Arc<tokio::sync::Mutex<…>>` (the `Workers` keeps it too: `shutdown` hands it back), and the handler behind an `Arc`. Each worker loops: a `biased` `select!` first on the stop signal, then on the next item; no item (the queue closed and empty) also ends the loop. Await `handle(item)` outside the `select!`, so that nothing can drop it halfway.
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
                    // Both branches lose nothing when dropped: a wait on the
                    // signal, and `recv`, which is cancel safe, under a lock.
                    // `biased` looks at the signal first, so an item waiting
                    // in the queue cannot win once the signal has come.
                    let next = tokio::select! {
                        biased;
                        _ = stopping.wait_for(|&stop| stop) => break,
                        item = async { queue.lock().await.recv().await } => item,
                    };
                    // `None`: the queue is closed and empty.
                    let Some(item) = next else { break };
                    // Outside the `select!`: nothing can drop it halfway.
                    handle(item).await;
                    handled += 1;
                }
                handled
            });
        }
        Workers { stop, queue, tasks }
        // END SOLUTION
    }

    /// Stops every worker after the item it is handling, waits for all of
    /// them, and returns how many items they handled in all, with the
    /// queue, which holds the items no worker started.
    pub async fn shutdown(self) -> (usize, mpsc::Receiver<T>) {
        // SOLUTION: Send `true` on the watch channel, then join every task of the set and add up their counts. Once every worker has returned, none holds the queue any more: take it out of its `Arc` and `Mutex` and hand it back.
        let Workers {
            stop,
            queue,
            mut tasks,
        } = self;
        // Fails only when no worker is left to hear it; that is fine.
        let _ = stop.send(true);
        let mut handled = 0;
        while let Some(worker) = tasks.join_next().await {
            handled += worker.expect("a worker panicked");
        }
        // Every worker has returned and dropped its clone of the `Arc`.
        let queue = Arc::into_inner(queue)
            .expect("every worker has returned, so none holds the queue")
            .into_inner();
        (handled, queue)
        // END SOLUTION
    }
}
