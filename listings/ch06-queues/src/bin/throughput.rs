//! Messages per second through std and crossbeam channels.

use std::sync::atomic::{AtomicBool, Ordering::Relaxed};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

/// How long the producers of one run keep sending.
const SENDING: Duration = Duration::from_millis(50);
/// Each figure is the best of this many runs: the run least disturbed by
/// whatever else the machine was doing.
const RUNS: usize = 3;
/// Room in the bounded channels.
const CAPACITY: usize = 100;

/// Lets `producers` threads, each with a clone of `sender`, send numbers
/// for SENDING while one consumer counts what arrives on `inbox`, and
/// returns how many messages per second got through.
fn messages_per_second<S: Clone + Send>(
    producers: u64,
    sender: S,
    send: fn(&S, u64),
    inbox: impl IntoIterator<Item = u64>,
) -> f64 {
    let stop = AtomicBool::new(false);
    let start = Instant::now();
    let received = thread::scope(|s| {
        for _ in 0..producers {
            let (sender, stop) = (sender.clone(), &stop);
            s.spawn(move || {
                let mut n = 0;
                while !stop.load(Relaxed) {
                    send(&sender, n);
                    n += 1;
                }
            });
        }
        // Only the producers' clones may keep the channel open.
        drop(sender);
        s.spawn(|| {
            thread::sleep(SENDING);
            stop.store(true, Relaxed);
        });
        // Counts until the producers have stopped and the channel is empty.
        inbox.into_iter().count()
    });
    received as f64 / start.elapsed().as_secs_f64()
}

fn std_unbounded(producers: u64) -> f64 {
    let (sender, inbox) = mpsc::channel();
    messages_per_second(producers, sender, |s, n| s.send(n).unwrap(), inbox)
}

fn crossbeam_unbounded(producers: u64) -> f64 {
    let (sender, inbox) = crossbeam_channel::unbounded();
    messages_per_second(producers, sender, |s, n| s.send(n).unwrap(), inbox)
}

fn std_bounded(producers: u64) -> f64 {
    let (sender, inbox) = mpsc::sync_channel(CAPACITY);
    messages_per_second(producers, sender, |s, n| s.send(n).unwrap(), inbox)
}

fn crossbeam_bounded(producers: u64) -> f64 {
    let (sender, inbox) = crossbeam_channel::bounded(CAPACITY);
    messages_per_second(producers, sender, |s, n| s.send(n).unwrap(), inbox)
}

/// Messages per second through one kind of channel, with this many producers.
type Benchmark = fn(u64) -> f64;

fn main() {
    let channels: [(&str, Benchmark); 4] = [
        ("std::sync::mpsc::channel()", std_unbounded),
        ("crossbeam_channel::unbounded()", crossbeam_unbounded),
        ("std::sync::mpsc::sync_channel(100)", std_bounded),
        ("crossbeam_channel::bounded(100)", crossbeam_bounded),
    ];
    println!(
        "one u64 per message, all to one consumer; each run sends for {} ms; best of {RUNS} runs",
        SENDING.as_millis()
    );
    for producers in [1, 4] {
        let plural = if producers == 1 { "" } else { "s" };
        for (channel, run) in channels {
            let best = (0..RUNS).map(|_| run(producers)).fold(0.0, f64::max);
            println!(
                "{channel}, {producers} producer{plural}: {:.1} million messages/s",
                best / 1e6
            );
        }
    }
}
