//! An event loop in std only.
//!
//! An event loop in std only: tasks on a run queue, a waker that puts a
//! task back on the queue, and a timer future. One thread polls every task.

use std::future::Future;
use std::pin::Pin;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Wake, Waker};
use std::thread;
use std::time::{Duration, Instant};

// ANCHOR: task
type BoxedFuture = Pin<Box<dyn Future<Output = ()> + Send>>;

/// A spawned future, and the way back onto the run queue.
struct Task {
    name: &'static str,
    future: Mutex<Option<BoxedFuture>>,
    run_queue: Sender<Arc<Task>>,
}

impl Wake for Task {
    /// Waking a task means: put it back on the run queue.
    fn wake(self: Arc<Self>) {
        let _ = self.run_queue.clone().send(self);
    }
}
// ANCHOR_END: task

// ANCHOR: event_loop
struct EventLoop {
    run_queue: Receiver<Arc<Task>>,
    sender: Sender<Arc<Task>>,
}

impl EventLoop {
    fn new() -> EventLoop {
        let (sender, run_queue) = channel();
        EventLoop { run_queue, sender }
    }

    fn spawn(&self, name: &'static str, future: impl Future<Output = ()> + Send + 'static) {
        let future = Mutex::new(Some(Box::pin(future) as BoxedFuture));
        let run_queue = self.sender.clone();
        let _ = self.sender.send(Arc::new(Task {
            name,
            future,
            run_queue,
        }));
    }

    /// Polls whichever task is woken, until no task can be woken any more.
    fn run(self) -> usize {
        drop(self.sender); // from now on only tasks (and their wakers) hold one
        let mut polls = 0;
        while let Ok(task) = self.run_queue.recv() {
            let mut slot = task.future.lock().unwrap();
            let Some(mut future) = slot.take() else {
                continue;
            }; // done already
            let waker = Waker::from(Arc::clone(&task));
            polls += 1;
            match future.as_mut().poll(&mut Context::from_waker(&waker)) {
                Poll::Pending => *slot = Some(future), // wait for the next wake
                Poll::Ready(()) => println!("  {} finished", task.name),
            }
        }
        polls
    }
}
// ANCHOR_END: event_loop

// ANCHOR: sleep
/// A timer future. A real runtime keeps one timer for all tasks; a thread
/// per sleep keeps this one short.
struct Sleep {
    until: Instant,
    /// The waker of the latest poll, shared with the timer thread. A future
    /// must wake the waker it was given last: a runner may hand it a new one
    /// on a later poll, and waking an old one could leave the task asleep.
    waker: Option<Arc<Mutex<Waker>>>,
}

impl Future for Sleep {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if Instant::now() >= self.until {
            return Poll::Ready(());
        }
        match &self.waker {
            Some(shared) => {
                let mut kept = shared.lock().unwrap();
                if !kept.will_wake(cx.waker()) {
                    *kept = cx.waker().clone();
                }
            }
            None => {
                let shared = Arc::new(Mutex::new(cx.waker().clone()));
                let (timer, until) = (Arc::clone(&shared), self.until);
                thread::spawn(move || {
                    thread::sleep(until.saturating_duration_since(Instant::now()));
                    timer.lock().unwrap().wake_by_ref();
                });
                self.waker = Some(shared);
            }
        }
        Poll::Pending
    }
}

fn sleep(duration: Duration) -> Sleep {
    let until = Instant::now() + duration;
    Sleep { until, waker: None }
}
// ANCHOR_END: sleep

// ANCHOR: main
fn main() {
    let event_loop = EventLoop::new();
    for (name, ms) in [("300 ms", 300), ("100 ms", 100), ("200 ms", 200)] {
        event_loop.spawn(name, async move {
            sleep(Duration::from_millis(ms)).await;
        });
    }
    let started = Instant::now();
    let polls = event_loop.run();
    println!(
        "3 tasks, {polls} polls, {:.2} s on one thread",
        started.elapsed().as_secs_f64()
    );
}
// ANCHOR_END: main
