use ch06_exercises::fan_in;

use fan_in::{Producer, gather};
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::sync::{Arc, Barrier};
use std::thread;
use std::time::Duration;

/// How long a test waits for something that must happen.
const DEADLINE: Duration = Duration::from_secs(3);
/// How long a test watches for something that must not happen.
const WINDOW: Duration = Duration::from_millis(300);

/// Starts `gather` on a thread of its own; its result arrives on the
/// receiver returned.
fn start_gather<T: Send + 'static>(producers: Vec<Producer<T>>) -> mpsc::Receiver<Vec<T>> {
    let (done, result) = mpsc::channel();
    thread::spawn(move || {
        let _ = done.send(gather(producers));
    });
    result
}

fn finished<T>(result: &mpsc::Receiver<Vec<T>>, what: &str) -> Vec<T> {
    match result.recv_timeout(DEADLINE) {
        Ok(received) => received,
        Err(RecvTimeoutError::Timeout) => panic!(
            "{what}: gather did not return within {DEADLINE:?} of the last producer finishing. \
             The channel closes only when every sender is gone: is one still alive?"
        ),
        Err(RecvTimeoutError::Disconnected) => panic!("{what}: gather panicked"),
    }
}

/// A producer that sends `first..first + count`, one at a time.
fn counting(first: u32, count: u32) -> Producer<u32> {
    Box::new(move |sender| {
        for n in first..first + count {
            sender.send(n).unwrap();
        }
    })
}

#[test]
fn every_message_from_every_producer_arrives() {
    let result = start_gather(vec![counting(0, 5), counting(100, 3), counting(200, 0)]);
    let received = finished(&result, "3 producers");
    let mut sorted = received.clone();
    sorted.sort();
    assert_eq!(
        sorted,
        [0, 1, 2, 3, 4, 100, 101, 102],
        "these are the messages that arrived, sorted; every message must arrive exactly once"
    );
    for first in [0, 100] {
        let from_one: Vec<u32> = received
            .iter()
            .copied()
            .filter(|n| (first..first + 100).contains(n))
            .collect();
        assert!(
            from_one.is_sorted(),
            "one producer's messages arrived out of order: {from_one:?}"
        );
    }
}

#[test]
fn no_producers_give_no_messages() {
    let result = start_gather::<u32>(Vec::new());
    assert!(finished(&result, "no producers").is_empty());
}

#[test]
fn the_producers_run_at_the_same_time() {
    // Each producer waits here for the other two; if they ran one after
    // another, the first would wait in vain.
    let everyone = Arc::new(Barrier::new(3));
    let (met, meetings) = mpsc::channel();
    let producers: Vec<Producer<u32>> = (0..3)
        .map(|n| {
            let (everyone, met) = (Arc::clone(&everyone), met.clone());
            Box::new(move |sender: Sender<u32>| {
                let _ = met.send(());
                everyone.wait();
                sender.send(n).unwrap();
            }) as Producer<u32>
        })
        .collect();
    drop(met);
    let result = start_gather(producers);
    for arrived in 0..3 {
        if meetings.recv_timeout(DEADLINE).is_err() {
            panic!(
                "only {arrived} of the 3 producers started, and they are waiting for the others: \
                 start every producer on a thread of its own before receiving anything"
            );
        }
    }
    let mut received = finished(&result, "3 producers at once");
    received.sort();
    assert_eq!(received, [0, 1, 2]);
}

#[test]
fn gather_waits_for_a_producer_that_pauses() {
    let (release, gate) = mpsc::channel::<()>();
    let (quick_done, quick_finished) = mpsc::channel();
    let quick: Producer<&str> = Box::new(move |sender| {
        sender.send("quick 1").unwrap();
        sender.send("quick 2").unwrap();
        drop(sender);
        let _ = quick_done.send(());
    });
    let (first_sent, slow_has_sent) = mpsc::channel();
    let slow: Producer<&str> = Box::new(move |sender| {
        sender.send("slow 1").unwrap();
        let _ = first_sent.send(());
        let _ = gate.recv(); // until the test drops `release`
        sender.send("slow 2").unwrap();
    });
    let result = start_gather(vec![quick, slow]);
    assert!(quick_finished.recv_timeout(DEADLINE).is_ok());
    assert!(slow_has_sent.recv_timeout(DEADLINE).is_ok());
    // One producer is done, the other is pausing: gather must keep waiting.
    match result.recv_timeout(WINDOW) {
        Err(RecvTimeoutError::Timeout) => {}
        Ok(received) => panic!(
            "gather returned {received:?} while a producer was still going: wait until the \
             channel closes, not for a count or a quiet moment"
        ),
        Err(RecvTimeoutError::Disconnected) => panic!("gather panicked"),
    }
    drop(release);
    let mut received = finished(&result, "after the pause");
    received.sort();
    assert_eq!(received, ["quick 1", "quick 2", "slow 1", "slow 2"]);
}

#[test]
fn messages_come_back_in_the_order_they_arrived_across_producers() {
    // The producers take turns: a1, then b1, then a2. Each waits for the
    // other's message to be sent before it sends its next one.
    let (a_sent, b_may_send) = mpsc::channel::<()>();
    let (b_sent, a_may_send) = mpsc::channel::<()>();
    let a: Producer<&str> = Box::new(move |sender| {
        sender.send("a1").unwrap();
        let _ = a_sent.send(());
        let _ = a_may_send.recv();
        sender.send("a2").unwrap();
    });
    let b: Producer<&str> = Box::new(move |sender| {
        let _ = b_may_send.recv();
        sender.send("b1").unwrap();
        let _ = b_sent.send(());
    });
    let result = start_gather(vec![a, b]);
    let received: Vec<&str> = finished(&result, "2 producers taking turns");
    assert_eq!(
        received,
        ["a1", "b1", "a2"],
        "the producers sent a1, then b1, then a2, and gather must return them in that order: \
         one channel for all of them, read as the messages arrive, not one channel per \
         producer read one after another"
    );
}

/// How long a test gives `gather` to return wrongly, on its own; it is
/// longer than `WINDOW` because here the wrong thing must happen in time
/// (a thread that has ended must be joined) for the test to see it.
const EARLY_RETURN: Duration = Duration::from_secs(1);

#[test]
fn gather_waits_for_a_sender_handed_on_to_another_thread() {
    // The producer hands its sender to a helper thread and returns at once;
    // the helper sends only when the test drops `release`. The producer's
    // thread has ended, but its sender lives on: gather must keep waiting.
    let (release, gate) = mpsc::channel::<()>();
    let (handed_on, producer_returned) = mpsc::channel::<()>();
    let producer: Producer<&str> = Box::new(move |sender| {
        thread::spawn(move || {
            let _ = gate.recv(); // until the test drops `release`
            sender.send("late").unwrap();
        });
        let _ = handed_on.send(());
    });
    let result = start_gather(vec![producer]);
    assert!(
        producer_returned.recv_timeout(DEADLINE).is_ok(),
        "the producer never ran"
    );
    match result.recv_timeout(EARLY_RETURN) {
        Err(RecvTimeoutError::Timeout) => {}
        Ok(received) => panic!(
            "gather returned {received:?} after the producer's thread ended, while the sender \
             it handed on to another thread was still alive: a producer is done when its \
             sender is gone. Receive until the channel closes, rather than joining the \
             producers' threads and taking what is in the channel"
        ),
        Err(RecvTimeoutError::Disconnected) => panic!("gather panicked"),
    }
    drop(release);
    let received: Vec<&str> = finished(&result, "a sender handed on");
    assert_eq!(received, ["late"]);
}
