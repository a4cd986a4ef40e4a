//! A panic in a thread comes back from `join` as an `Err`.

use std::any::Any;
use std::panic;
use std::thread;

/// A panic's payload is whatever the thread panicked with: a `&str` for
/// `panic!("literal")`, a `String` for a formatted message or `expect`.
fn message_of(payload: &(dyn Any + Send)) -> &str {
    if let Some(message) = payload.downcast_ref::<&str>() {
        message
    } else if let Some(message) = payload.downcast_ref::<String>() {
        message
    } else {
        "(not a string)"
    }
}

fn main() {
    // The default report adds the thread's OS id, which changes on every run,
    // and a backtrace when RUST_BACKTRACE is set. This one prints the rest, so
    // the output is the same on every machine.
    panic::set_hook(Box::new(|info| {
        let name = thread::current().name().unwrap_or("<unnamed>").to_owned();
        let location = info.location().map(|l| l.to_string()).unwrap_or_default();
        eprintln!(
            "thread '{name}' panicked at {location}:\n{}",
            message_of(info.payload())
        );
    }));

    let page_counts = ["312", "45", "twelve", "208"];
    let checkers: Vec<_> = page_counts
        .into_iter()
        .enumerate()
        .map(|(book, pages)| {
            thread::Builder::new()
                .name(format!("checker-{book}"))
                .spawn(move || pages.parse::<u32>().expect("page count is not a number"))
                .expect("the OS refused to start a thread")
        })
        .collect();

    // Join them all before printing, so that the panic report comes first.
    let results: Vec<thread::Result<u32>> = checkers.into_iter().map(|c| c.join()).collect();

    for (book, result) in results.into_iter().enumerate() {
        match result {
            Ok(pages) => println!("book {book}: {pages} pages"),
            Err(payload) => println!(
                "book {book}: join returned Err; the checker panicked with {:?}",
                message_of(&*payload)
            ),
        }
    }
    println!("main: still running after a thread panicked");
}
