//! Keeping lines together with stdout's own lock.

use std::io::{self, Write};
use std::thread;

const STEPS: u32 = 3;

fn main() {
    thread::scope(|s| {
        for worker in 1..=3 {
            s.spawn(move || {
                // One println! is one whole line: it holds stdout's lock
                // for the whole call, text and newline together.
                println!("worker {worker}: starting, {STEPS} steps to print");

                // Several lines in one go: take stdout's lock yourself and
                // keep it until the last line is written.
                let mut out = io::stdout().lock();
                for step in 1..=STEPS {
                    writeln!(out, "worker {worker}: step {step} of {STEPS}").unwrap();
                }
                // `out` is dropped here, and the other workers may print again.
            });
        }
    });
}
