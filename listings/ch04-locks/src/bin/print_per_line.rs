//! One lock per line: lines whole, workers interleaved.

use std::io::{self, Write};
use std::sync::Mutex;
use std::thread;
use std::time::Duration;

fn main() {
    let stdout = Mutex::new(io::stdout());
    thread::scope(|s| {
        for worker in 1..=3 {
            let stdout = &stdout;
            s.spawn(move || {
                for step in 1..=3 {
                    // One lock per line: a line goes out whole, but another
                    // worker's line may come between this worker's lines.
                    let mut out = stdout.lock().unwrap();
                    write!(out, "worker {worker}").unwrap();
                    write!(out, ": step {step}").unwrap();
                    writeln!(out, " of 3").unwrap();
                    drop(out);
                    thread::sleep(Duration::from_millis(5));
                }
            });
        }
    });
}
