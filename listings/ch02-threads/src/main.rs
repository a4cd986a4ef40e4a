//! Chapter 1's downloads on a thread per book.

use ch01::{BOOKS, BookServer, LATENCY, book_text, download_book};
use std::io;
use std::thread;
use std::time::Instant;

fn main() -> io::Result<()> {
    let server = BookServer::start(LATENCY)?;
    let addr = server.addr();
    println!(
        "books: {BOOKS}, latency per request: {} ms",
        LATENCY.as_millis()
    );

    // Chapter 1's baseline: each download starts when the previous one ends.
    let start = Instant::now();
    let mut sequential_books = Vec::new();
    for book in 0..BOOKS {
        sequential_books.push(download_book(addr, book)?);
    }
    let sequential = start.elapsed();
    println!("sequential: {:.2} s", sequential.as_secs_f64());

    // One downloader per book: they all wait out the latency at the same time.
    let start = Instant::now();
    let downloaders: Vec<_> = (0..BOOKS)
        .map(|book| thread::spawn(move || download_book(addr, book)))
        .collect();
    let mut threaded_books = Vec::new();
    for downloader in downloaders {
        threaded_books.push(downloader.join().expect("a downloader panicked")?);
    }
    let threaded = start.elapsed();
    println!("one thread per book: {:.2} s", threaded.as_secs_f64());
    println!(
        "speedup: {:.1}x",
        sequential.as_secs_f64() / threaded.as_secs_f64()
    );

    let intact = (0..BOOKS).all(|book| {
        sequential_books[book] == book_text(book) && threaded_books[book] == sequential_books[book]
    });
    println!("every book arrived intact both ways: {intact}");
    Ok(())
}
