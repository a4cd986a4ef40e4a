//! One lock around the loop: each worker's lines together.

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
                // One lock around the whole loop: this worker's three lines
                // go out together, and the others wait for all of them.
                let mut out = stdout.lock().unwrap();
                for step in 1..=3 {
                    // Each line is written in pieces, as code that builds a
                    // line up bit by bit would write it.
                    write!(out, "worker {worker}").unwrap();
                    write!(out, ": step {step}").unwrap();
                    writeln!(out, " of 3").unwrap();
                    thread::sleep(Duration::from_millis(5));
                }
            });
        }
    });
}
