//! A heartbeat stopped by dropping a channel's sender.

use std::io;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread;
use std::time::{Duration, Instant};

const INTERVAL: Duration = Duration::from_millis(500);

fn main() {
    // ANCHOR: heartbeat
    // Main keeps the sender. It never sends anything: dropping it is the
    // signal to stop, and it reaches the heartbeat at once, mid-wait.
    let (stop, stop_requested) = mpsc::channel::<()>();
    let heartbeat = thread::spawn(move || {
        let started = Instant::now();
        let mut beats = 0;
        loop {
            match stop_requested.recv_timeout(INTERVAL) {
                Err(RecvTimeoutError::Timeout) => {
                    beats += 1;
                    let waited = started.elapsed().as_secs_f64();
                    println!("heartbeat: still waiting for input after {waited:.1} s");
                }
                // The sender is gone (or, in other programs, sent a message).
                Err(RecvTimeoutError::Disconnected) | Ok(()) => return beats,
            }
        }
    });
    // ANCHOR_END: heartbeat

    // ANCHOR: input
    println!("main: type a line and press Enter; Ctrl-D (end of input) quits");
    let mut lines = 0;
    // `lines()` returns None at end of input: Ctrl-D in a terminal, the end
    // of a file or pipe, or at once when there is no input at all.
    for line in io::stdin().lines() {
        let line = line.expect("read a line from stdin");
        lines += 1;
        println!("main: got {line:?}");
    }
    println!("main: end of input after {lines} lines; stopping the heartbeat");

    drop(stop);
    let beats = heartbeat.join().expect("the heartbeat panicked");
    println!("main: the heartbeat stopped after {beats} beats");
    // ANCHOR_END: input
}
