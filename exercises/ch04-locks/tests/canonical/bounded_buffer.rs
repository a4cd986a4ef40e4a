use ch04_exercises::bounded_buffer;

use bounded_buffer::BoundedBuffer;
use std::sync::mpsc::{self, RecvTimeoutError, TryRecvError};
use std::sync::{Arc, Condvar, Mutex};
use std::thread;
use std::time::{Duration, Instant};

/// How long a test waits for a thread that should have been woken.
const DEADLINE: Duration = Duration::from_secs(3);
/// How long a test gives a thread that has started (see `producer`) to
/// reach its wait, and a wait that should not end to show that it does not.
/// A thread that can run is normally in its wait within a millisecond; on a
/// 2-core machine with every core busy it may not run for a few hundred
/// milliseconds, and a wrong wait that gives up after 100 ms must have
/// given up and acted within this time. 300 ms missed both, 1 to 4 times
/// in 20 runs with a core kept busy (`benches/proof_loop.sh`).
const SETTLE: Duration = Duration::from_millis(1000);

/// Starts a thread that pops one item and sends it back. Returns once the
/// thread is running and about to call `pop`, so that a `SETTLE` after it
/// covers only the few steps into the wait, not the thread's start (which
/// on a busy machine can take longer than any fixed pause).
fn consumer<T: Send + 'static>(buffer: &Arc<BoundedBuffer<T>>) -> mpsc::Receiver<T> {
    let (popped, receiver) = mpsc::channel();
    let (started, has_started) = mpsc::channel();
    let buffer = Arc::clone(buffer);
    thread::spawn(move || {
        let _ = started.send(());
        let _ = popped.send(buffer.pop());
    });
    has_started.recv().expect("the consumer thread started");
    receiver
}

/// Starts a thread that pushes `item` and then reports that it is done.
/// Returns once the thread is running and about to call `push`.
fn producer<T: Send + 'static>(buffer: &Arc<BoundedBuffer<T>>, item: T) -> mpsc::Receiver<()> {
    let (pushed, receiver) = mpsc::channel();
    let (started, has_started) = mpsc::channel();
    let buffer = Arc::clone(buffer);
    thread::spawn(move || {
        let _ = started.send(());
        buffer.push(item);
        let _ = pushed.send(());
    });
    has_started.recv().expect("the producer thread started");
    receiver
}

/// A thread waiting on one of the buffer's condvars, the way a producer or
/// consumer of the buffer would, but for a reason of its own that nothing
/// in the buffer can make true: each time it is woken it checks its reason
/// and waits again, like a `wait_while` whose condition still holds. It
/// waits on its own mutex, so it never holds the buffer's lock.
///
/// A stand-in waits *before* the buffer's own waiter, so that it is first in
/// line for a `notify_one` on that condvar (the kernel wakes the waiters of
/// a condvar in the order they began to wait). A notify meant for the
/// buffer's waiter that goes to the wrong condvar then wakes the stand-in
/// instead, and the buffer's waiter sleeps on: a lost wakeup, on every run.
struct StandIn {
    released: Arc<(Mutex<bool>, Condvar)>,
    thread: thread::JoinHandle<()>,
}

/// Starts a `StandIn` waiting on `which` (`not_empty` or `not_full`) and
/// returns once it is surely waiting.
fn stand_in<T: Send + Sync + 'static>(
    buffer: &Arc<BoundedBuffer<T>>,
    which: fn(&BoundedBuffer<T>) -> &Condvar,
) -> StandIn {
    let released = Arc::new((Mutex::new(false), Condvar::new()));
    let (waiting, is_waiting) = mpsc::channel();
    let thread = {
        let (buffer, released) = (Arc::clone(buffer), Arc::clone(&released));
        thread::spawn(move || {
            let mut done = released.0.lock().unwrap();
            waiting.send(()).unwrap();
            while !*done {
                done = which(&buffer).wait(done).unwrap();
            }
        })
    };
    is_waiting.recv().unwrap();
    // The stand-in held this lock from before it said so until its wait
    // released it: once we have it, the stand-in is in `wait`. A condvar
    // releases the lock a few steps before the thread is queued on it, so
    // give it time to be first in line before anyone else waits there.
    drop(released.0.lock().unwrap());
    thread::sleep(SETTLE);
    StandIn { released, thread }
}

impl StandIn {
    fn release<T>(self, buffer: &BoundedBuffer<T>, which: fn(&BoundedBuffer<T>) -> &Condvar) {
        *self.released.0.lock().unwrap() = true;
        which(buffer).notify_all();
        self.thread.join().unwrap();
    }
}

#[test]
fn items_come_out_in_the_order_they_went_in() {
    let buffer = BoundedBuffer::new(3);
    for item in ["tea", "coffee", "cocoa"] {
        buffer.push(item);
    }
    assert_eq!(buffer.len(), 3);
    assert!(!buffer.is_empty());
    let popped: Vec<&str> = (0..3).map(|_| buffer.pop()).collect();
    assert_eq!(popped, ["tea", "coffee", "cocoa"]);
    assert!(buffer.is_empty());
}

#[test]
fn pop_waits_for_an_item_and_push_wakes_it() {
    let buffer = Arc::new(BoundedBuffer::new(2));
    let popped = consumer(&buffer);
    thread::sleep(SETTLE);
    assert_eq!(
        popped.try_recv(),
        Err(TryRecvError::Empty),
        "pop returned, or panicked, although the buffer was empty"
    );
    buffer.push("tea");
    match popped.recv_timeout(DEADLINE) {
        Ok(item) => assert_eq!(item, "tea"),
        Err(RecvTimeoutError::Timeout) => panic!(
            "a consumer waiting in pop was not woken within {DEADLINE:?} by an item pushed \
             into the buffer: does push notify `not_empty`?"
        ),
        Err(RecvTimeoutError::Disconnected) => panic!("pop panicked"),
    }
}

#[test]
fn push_waits_while_full_and_pop_wakes_it() {
    let buffer = Arc::new(BoundedBuffer::new(2));
    buffer.push(1);
    buffer.push(2);
    let pushed = producer(&buffer, 3);
    thread::sleep(SETTLE);
    assert_eq!(
        pushed.try_recv(),
        Err(TryRecvError::Empty),
        "push returned, or panicked, although the buffer was full"
    );
    assert_eq!(buffer.len(), 2, "a full buffer took another item");
    assert_eq!(buffer.pop(), 1);
    match pushed.recv_timeout(DEADLINE) {
        Ok(()) => {}
        Err(RecvTimeoutError::Timeout) => panic!(
            "a producer waiting in push was not woken within {DEADLINE:?} by an item taken out \
             of the buffer: does pop notify `not_full`?"
        ),
        Err(RecvTimeoutError::Disconnected) => panic!("push panicked"),
    }
    assert_eq!((buffer.pop(), buffer.pop()), (2, 3));
}

#[test]
fn pop_is_not_fooled_by_a_wakeup_without_an_item() {
    let buffer = Arc::new(BoundedBuffer::new(2));
    let popped = consumer(&buffer);
    // Wake the waiting consumer again and again with nothing in the buffer,
    // as a spurious wakeup would.
    let start = Instant::now();
    while start.elapsed() < SETTLE {
        buffer.not_empty.notify_all();
        thread::sleep(Duration::from_millis(1));
    }
    match popped.try_recv() {
        Err(TryRecvError::Empty) => {}
        Ok(_) => panic!("pop returned an item although none was pushed"),
        Err(TryRecvError::Disconnected) => panic!(
            "pop panicked after a wakeup that brought no item: a woken thread must check the \
             condition again, in a loop (`while`, or `wait_while`), not just once (`if`)"
        ),
    }
    buffer.push(7);
    assert_eq!(popped.recv_timeout(DEADLINE), Ok(7));
}

#[test]
fn push_is_not_fooled_by_a_wakeup_without_room() {
    let buffer = Arc::new(BoundedBuffer::new(1));
    buffer.push(1);
    let pushed = producer(&buffer, 2);
    let start = Instant::now();
    while start.elapsed() < SETTLE {
        buffer.not_full.notify_all();
        thread::sleep(Duration::from_millis(1));
    }
    assert_eq!(
        buffer.len(),
        1,
        "push added an item to a full buffer after a wakeup that made no room: a woken thread \
         must check the condition again, in a loop (`while`, or `wait_while`), not just once (`if`)"
    );
    assert_eq!(pushed.try_recv(), Err(TryRecvError::Empty));
    assert_eq!(buffer.pop(), 1);
    assert_eq!(pushed.recv_timeout(DEADLINE), Ok(()));
    assert_eq!(buffer.pop(), 2);
}

#[test]
fn many_items_pass_through_a_small_buffer() {
    let (done, result) = mpsc::channel();
    thread::spawn(move || {
        let buffer = BoundedBuffer::new(2);
        let received = thread::scope(|s| {
            for producer in 0..2u64 {
                let buffer = &buffer;
                s.spawn(move || {
                    for n in 1..=500 {
                        buffer.push(producer * 1000 + n);
                    }
                });
            }
            let consumers: Vec<_> = (0..2)
                .map(|_| s.spawn(|| (0..500).map(|_| buffer.pop()).collect::<Vec<u64>>()))
                .collect();
            consumers
                .into_iter()
                .flat_map(|c| c.join().unwrap())
                .collect::<Vec<u64>>()
        });
        let _ = done.send((received, buffer.len()));
    });
    let (mut received, left) = match result.recv_timeout(DEADLINE) {
        Ok(outcome) => outcome,
        Err(RecvTimeoutError::Timeout) => panic!(
            "1000 items through a buffer of 2 did not finish within {DEADLINE:?}: \
             a producer or consumer was never woken"
        ),
        Err(RecvTimeoutError::Disconnected) => panic!("a producer or consumer panicked"),
    };
    received.sort();
    let sent: Vec<u64> = (1..=500).chain(1001..=1500).collect();
    assert_eq!(received, sent, "every item must come out exactly once");
    assert_eq!(left, 0);
}

#[test]
fn push_wakes_the_waiting_consumer_even_when_a_thread_waits_for_room() {
    let buffer: Arc<BoundedBuffer<&str>> = Arc::new(BoundedBuffer::new(2));
    // First in line on `not_full`: a thread waiting for room.
    let waiting_for_room = stand_in(&buffer, |b| &b.not_full);
    let popped = consumer(&buffer);
    thread::sleep(SETTLE);
    buffer.push("tea");
    let outcome = popped.recv_timeout(DEADLINE);
    waiting_for_room.release(&buffer, |b| &b.not_full);
    match outcome {
        Ok(item) => assert_eq!(item, "tea"),
        Err(RecvTimeoutError::Timeout) => panic!(
            "a consumer waiting in pop was not woken within {DEADLINE:?} by an item pushed into \
             the buffer while another thread was waiting for room: the wakeup went to that \
             thread instead, which went back to sleep. Producers and consumers must wait on \
             different condvars (`not_full` and `not_empty`), and push must notify the one \
             consumers wait on"
        ),
        Err(RecvTimeoutError::Disconnected) => panic!("pop panicked"),
    }
}

#[test]
fn pop_wakes_the_waiting_producer_even_when_a_thread_waits_for_an_item() {
    let buffer: Arc<BoundedBuffer<u32>> = Arc::new(BoundedBuffer::new(1));
    buffer.push(1);
    // First in line on `not_empty`: a thread waiting for an item.
    let waiting_for_an_item = stand_in(&buffer, |b| &b.not_empty);
    let pushed = producer(&buffer, 2);
    thread::sleep(SETTLE);
    let first: u32 = buffer.pop();
    let outcome = pushed.recv_timeout(DEADLINE);
    waiting_for_an_item.release(&buffer, |b| &b.not_empty);
    assert_eq!(first, 1);
    match outcome {
        Ok(()) => {}
        Err(RecvTimeoutError::Timeout) => panic!(
            "a producer waiting in push was not woken within {DEADLINE:?} by an item taken out \
             of the buffer while another thread was waiting for an item: the wakeup went to \
             that thread instead, which went back to sleep. Producers and consumers must wait \
             on different condvars (`not_full` and `not_empty`), and pop must notify the one \
             producers wait on"
        ),
        Err(RecvTimeoutError::Disconnected) => panic!("push panicked"),
    }
    let second: u32 = buffer.pop();
    assert_eq!(second, 2);
}
