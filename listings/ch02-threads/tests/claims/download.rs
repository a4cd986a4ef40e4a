//! The headline claim: one thread per book downloads the chapter 1 books in
//! about one latency instead of one latency per book.

use ch01::{BOOKS, BookServer, LATENCY, book_text, download_book};
use listingkit::{number_after, output_of};
use std::thread;
use std::time::Instant;

#[test]
fn the_listing_is_many_times_faster_with_one_thread_per_book() {
    let output = output_of("ch02", &[]);
    let books = number_after(&output, "books:").expect("the listing says how many books");
    let latency_ms = number_after(&output, "latency per request:").expect("and the latency in ms");
    let sequential = number_after(&output, "sequential:").expect("sequential time");
    let threaded = number_after(&output, "one thread per book:").expect("threaded time");
    let all_latencies = books * latency_ms / 1000.0;
    // Sequential waits out every latency in turn; the server's sleeps guarantee it.
    assert!(
        sequential >= all_latencies,
        "sequential {sequential} s < {all_latencies} s:\n{output}"
    );
    // Threads wait them out together; half the sequential floor leaves room for a busy machine.
    assert!(
        threaded < all_latencies / 2.0,
        "threaded {threaded} s is not well under {all_latencies} s:\n{output}"
    );
    assert!(
        output.contains("every book arrived intact both ways: true"),
        "{output}"
    );
}

#[test]
fn downloads_on_threads_overlap_their_waiting() {
    let server = BookServer::start(LATENCY).unwrap();
    let addr = server.addr();
    let start = Instant::now();
    let downloaders: Vec<_> = (0..BOOKS)
        .map(|book| thread::spawn(move || download_book(addr, book)))
        .collect();
    let books: Vec<String> = downloaders
        .into_iter()
        .map(|d| d.join().unwrap().unwrap())
        .collect();
    let elapsed = start.elapsed();
    assert!(
        elapsed >= LATENCY,
        "no download can beat the latency: {elapsed:?}"
    );
    assert!(
        elapsed < LATENCY * BOOKS as u32 / 2,
        "took {elapsed:?} for {BOOKS} books of {LATENCY:?}"
    );
    for (id, text) in books.iter().enumerate() {
        assert_eq!(*text, book_text(id), "book {id}");
    }
}
