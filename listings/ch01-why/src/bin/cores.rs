//! How many threads can compute at once on this machine.
//!
//! How many threads can compute at the same moment on this machine, and
//! what that means for the two kinds of work.

use std::thread;

fn main() {
    let cores = match thread::available_parallelism() {
        Ok(cores) => cores.get(),
        // The standard library could not find out (rare); one core is the
        // only safe guess.
        Err(error) => {
            println!("could not tell ({error}), assuming 1");
            1
        }
    };
    println!("available parallelism: {cores}");

    // ANCHOR: bounds
    println!();
    println!("best possible speed-up with N threads, if the work splits evenly:");
    println!("  threads  waiting work  computing work");
    for threads in [1, 2, 4, 8, 16] {
        // Waiting threads need no core while they wait; computing threads
        // each need a core of their own for the whole time.
        let waiting = threads;
        let computing = threads.min(cores);
        println!("  {threads:>7}  {waiting:>11}×  {computing:>13}×");
    }
    // ANCHOR_END: bounds
}
