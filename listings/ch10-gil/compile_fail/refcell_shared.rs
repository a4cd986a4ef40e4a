//! Two threads sharing one `RefCell`.

use std::cell::RefCell;
use std::thread;

fn main() {
    let log = RefCell::new(Vec::new());
    thread::scope(|scope| {
        for worker in 0..2 {
            let log = &log; // both threads borrow the same RefCell
            scope.spawn(move || log.borrow_mut().push(worker));
        }
    });
    println!("{:?}", log.into_inner());
}
