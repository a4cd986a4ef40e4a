//! A `Barrier`: nobody starts phase two until all finish phase one.

use std::sync::{Barrier, Mutex};
use std::thread;
use std::time::Duration;

const WORKERS: usize = 4;

fn main() {
    let log = Mutex::new(Vec::new());
    let everyone_has_counted = Barrier::new(WORKERS);

    thread::scope(|s| {
        for worker in 1..=WORKERS {
            let (log, everyone_has_counted) = (&log, &everyone_has_counted);
            s.spawn(move || {
                // The first phase takes longer for some workers than for others.
                thread::sleep(Duration::from_millis(20 * worker as u64));
                log.lock()
                    .unwrap()
                    .push(format!("worker {worker}: counted its share"));

                // Nobody goes past this line until all WORKERS have reached it.
                everyone_has_counted.wait();

                log.lock()
                    .unwrap()
                    .push(format!("worker {worker}: adding up"));
            });
        }
    });
    for line in log.into_inner().unwrap() {
        println!("{line}");
    }
}
