//! One connection per thread with `thread_local!`.

use std::cell::Cell;
use std::thread;

/// Stands in for a database connection: each thread should open its own
/// once and keep it, never share it.
struct Connection {
    opened_by: String,
    queries: Cell<u32>,
}

thread_local! {
    // One per thread, opened the first time that thread touches it.
    static CONNECTION: Connection = Connection {
        opened_by: thread::current().name().unwrap_or("<unnamed>").into(),
        queries: Cell::new(0),
    };
}

fn look_up(_book: u32) {
    // `with` lends this thread's connection by shared reference, so the
    // counter inside needs a `Cell` to change.
    CONNECTION.with(|connection| connection.queries.set(connection.queries.get() + 1));
}

fn report() -> String {
    let me = thread::current();
    let name = me.name().unwrap_or("<unnamed>");
    CONNECTION.with(|c| {
        format!(
            "{name}: connection opened by {}, queries run: {}",
            c.opened_by,
            c.queries.get()
        )
    })
}

fn main() {
    let workers: Vec<_> = (1..=3)
        .map(|worker| {
            thread::Builder::new()
                .name(format!("worker-{worker}"))
                .spawn(move || {
                    for book in 0..worker * 2 {
                        look_up(book);
                    }
                    report()
                })
                .expect("the OS refused to start a thread")
        })
        .collect();
    for worker in workers {
        println!("{}", worker.join().expect("a worker panicked"));
    }

    look_up(99);
    println!("{}", report());
}
