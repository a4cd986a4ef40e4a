//! A `MutexGuard` holds the lock until it is dropped.

use std::sync::{Mutex, TryLockError};
use std::thread;

/// What another thread gets when it asks for the lock without waiting.
fn try_from_another_thread(shelf: &Mutex<Vec<&str>>) -> &'static str {
    thread::scope(|s| {
        s.spawn(|| match shelf.try_lock() {
            Ok(_guard) => "Ok: it got a guard of its own",
            Err(TryLockError::WouldBlock) => "WouldBlock: someone else holds the guard",
            Err(TryLockError::Poisoned(_)) => "Poisoned",
        })
        .join()
        .unwrap()
    })
}

fn main() {
    let shelf = Mutex::new(vec!["Emma", "Dune"]);

    // lock() waits for the permission, and the permission is the guard.
    let mut books = shelf.lock().unwrap();
    // Through the guard, the Vec is yours to read and change.
    books.push("Walden");
    println!("main holds the guard; the shelf has {} books", books.len());
    println!(
        "another thread's try_lock: {}",
        try_from_another_thread(&shelf)
    );

    // Dropping the guard unlocks the mutex.
    drop(books);
    println!("main dropped the guard");
    println!(
        "another thread's try_lock: {}",
        try_from_another_thread(&shelf)
    );

    // A guard in a block lives until the end of the block...
    {
        let mut books = shelf.lock().unwrap();
        books.sort();
    }
    // ...and a guard nobody names lives until the end of the statement.
    let count = shelf.lock().unwrap().len();
    println!("{count} books, sorted: {:?}", shelf.lock().unwrap());
}
