//! An `Arc` may go to another thread.

use std::sync::Arc;
use std::thread;

fn main() {
    let titles = Arc::new(vec!["Dune".to_string(), "Emma".to_string()]);
    let for_the_thread = Arc::clone(&titles);
    // Arc counts its owners with an atomic integer, so two threads may
    // clone and drop it at the same moment.
    println!("owners before spawning: {}", Arc::strong_count(&titles));
    let handle = thread::spawn(move || for_the_thread.len());
    println!("titles seen by the thread: {}", handle.join().unwrap());
    // The thread's clone was dropped when its closure finished.
    println!("owners after joining: {}", Arc::strong_count(&titles));
}
