//! Chapter 1's books three ways: in turn, on threads, as tokio tasks.
//!
//! Chapter 1's ten books from the same local server, three ways: one after
//! another, a thread per book, and a tokio task per book on one thread.

use std::thread;
use std::time::{Duration, Instant};

use ch01::{BOOKS, BookServer, LATENCY, book_text};

fn main() -> std::io::Result<()> {
    let server = BookServer::start(LATENCY)?;
    let addr = server.addr();
    println!(
        "{BOOKS} books, the server answers each after {} ms",
        LATENCY.as_millis()
    );

    let started = Instant::now();
    let one_by_one: Vec<String> = (0..BOOKS)
        .map(|id| ch01::download_book(addr, id))
        .collect::<Result<_, _>>()?;
    report("one after another", started.elapsed(), &one_by_one, None);
    let sequential = started.elapsed();

    let started = Instant::now();
    let on_threads: Vec<String> = thread::scope(|scope| {
        let threads: Vec<_> = (0..BOOKS)
            .map(|id| scope.spawn(move || ch01::download_book(addr, id)))
            .collect();
        threads
            .into_iter()
            .map(|t| t.join().expect("a download thread panicked"))
            .collect::<Vec<_>>()
    })
    .into_iter()
    .collect::<Result<_, _>>()?;
    report(
        "a thread per book",
        started.elapsed(),
        &on_threads,
        Some(sequential),
    );

    // ANCHOR: tasks
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let started = Instant::now();
    let on_tasks: Vec<String> = runtime.block_on(async {
        let tasks: Vec<_> = (0..BOOKS)
            .map(|id| tokio::spawn(ch11::download_book(addr, id)))
            .collect();
        let mut books = Vec::new();
        for task in tasks {
            books.push(task.await.expect("a download task panicked")?);
        }
        Ok::<_, std::io::Error>(books)
    })?;
    report(
        "a task per book, one thread",
        started.elapsed(),
        &on_tasks,
        Some(sequential),
    );
    // ANCHOR_END: tasks
    Ok(())
}

fn report(how: &str, elapsed: Duration, books: &[String], sequential: Option<Duration>) {
    let intact = books
        .iter()
        .enumerate()
        .all(|(id, book)| *book == book_text(id));
    let speedup = sequential
        .map(|s| format!(", {:.1}x faster", s.as_secs_f64() / elapsed.as_secs_f64()))
        .unwrap_or_default();
    let check = if intact { "all intact" } else { "SOME DIFFER" };
    println!(
        "{how}: {:.2} s{speedup} ({} books, {check})",
        elapsed.as_secs_f64(),
        books.len()
    );
}
