//! Hold the lock only while you touch the shared data.

use std::sync::Mutex;
use std::thread;
use std::time::{Duration, Instant};

/// Stands in for slow work that needs no shared data: a download, say.
fn fetch_page(number: u32) -> String {
    thread::sleep(Duration::from_millis(100));
    format!("page {number}")
}

fn main() {
    // Each of four threads fetches a page and files it in a shared list.
    let pages = Mutex::new(Vec::new());
    let start = Instant::now();
    thread::scope(|s| {
        for number in 1..=4 {
            let pages = &pages;
            s.spawn(move || {
                // The guard is taken first and lives to the end of the closure,
                // so the other threads wait while this one fetches.
                let mut pages = pages.lock().unwrap();
                pages.push(fetch_page(number));
            });
        }
    });
    let holding = start.elapsed();
    println!(
        "guard held while fetching: 4 pages in {:.2} s",
        holding.as_secs_f64()
    );

    let pages = Mutex::new(Vec::new());
    let start = Instant::now();
    thread::scope(|s| {
        for number in 1..=4 {
            let pages = &pages;
            s.spawn(move || {
                let page = fetch_page(number);
                // Locked for one push; the guard is dropped at the semicolon.
                pages.lock().unwrap().push(page);
            });
        }
    });
    let brief = start.elapsed();
    println!(
        "guard held only to push: 4 pages in {:.2} s",
        brief.as_secs_f64()
    );
    println!("pages filed: {}", pages.lock().unwrap().len());
}
