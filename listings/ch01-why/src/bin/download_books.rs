//! The waiting half alone: downloads one after another.
//!
//! The waiting half alone: download the books one after another, time each
//! one, then do the same downloads from a server that does not make you wait.

use std::time::{Duration, Instant};

use ch01::{BOOKS, BookServer, LATENCY, download_book};

fn main() -> std::io::Result<()> {
    let slow_server = BookServer::start(LATENCY)?;
    println!("the server answers after {} ms", LATENCY.as_millis());

    let started = Instant::now();
    for id in 0..BOOKS {
        let asked = Instant::now();
        let book = download_book(slow_server.addr(), id)?;
        println!(
            "book {id}: {} bytes in {} ms",
            book.len(),
            asked.elapsed().as_millis()
        );
    }
    let with_latency = started.elapsed();

    // What is left without the latency is the real work: connecting, sending
    // the request, making the book and copying its bytes.
    let instant_server = BookServer::start(Duration::ZERO)?;
    let started = Instant::now();
    for id in 0..BOOKS {
        download_book(instant_server.addr(), id)?;
    }
    let without_latency = started.elapsed();

    println!();
    println!(
        "with {} ms latency: {:.3} s for {BOOKS} books",
        LATENCY.as_millis(),
        with_latency.as_secs_f64()
    );
    println!(
        "with no latency:     {:.3} s for {BOOKS} books",
        without_latency.as_secs_f64()
    );
    let waiting = 1.0 - without_latency.as_secs_f64() / with_latency.as_secs_f64();
    println!("time spent waiting:  {:.1}%", 100.0 * waiting);
    Ok(())
}
