//! Two threads sharing one `Mutex`.

use std::sync::Mutex;
use std::thread;

fn main() {
    let log = Mutex::new(Vec::new());
    thread::scope(|scope| {
        for worker in 0..2 {
            let log = &log; // both threads borrow the same Mutex
            scope.spawn(move || log.lock().unwrap().push(worker));
        }
    });
    let mut log = log.into_inner().unwrap();
    log.sort(); // the threads may have pushed in either order
    println!("{log:?}");
}
