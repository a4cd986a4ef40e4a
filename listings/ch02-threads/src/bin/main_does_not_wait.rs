//! Returning from `main` ends every thread.

use std::thread;
use std::time::Duration;

fn main() {
    println!("main: starting the copier");
    // The handle is dropped at once: nobody will ever join this thread.
    thread::spawn(|| {
        println!("copier: copying the book");
        // Copying takes far longer than main is willing to stay around.
        thread::sleep(Duration::from_secs(3));
        println!("copier: finished copying");
    });

    // Main's own work, long enough for the copier to print its first line.
    thread::sleep(Duration::from_millis(500));
    println!("main: all done");
    // Returning from main ends the process, and every thread with it.
}
