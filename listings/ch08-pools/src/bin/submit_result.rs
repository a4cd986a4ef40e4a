//! `submit` and `result`, and a pool that outlives a panic.
//!
//! `submit` and `result`: a handle per task, a value or an `Err` per handle,
//! and a pool that keeps working after a task panics.

use ch01::sum_of_squares_in;
use ch08::ThreadPool;

fn page_count(text: &str) -> u32 {
    text.parse().expect("page count is not a number")
}

fn main() {
    let pool = ThreadPool::new(4);

    // submit returns at once; result() waits for the value.
    let handle = pool.submit(|| sum_of_squares_in(1..1001));
    println!("submit/result: {:?}", handle.result());

    // A task that panics: its own handle says so, the others are unaffected.
    let texts = ["312", "many", "45"];
    let handles: Vec<_> = texts
        .iter()
        .map(|&text| pool.submit(move || page_count(text)))
        .collect();
    // Wait for all three first, then report: one outcome per handle.
    let outcomes: Vec<_> = handles.into_iter().map(|handle| handle.result()).collect();
    for (text, outcome) in texts.iter().zip(outcomes) {
        match outcome {
            Ok(pages) => println!("page_count({text:?}) = {pages}"),
            Err(panicked) => println!("page_count({text:?}) panicked: {}", panicked.0),
        }
    }

    // Every worker is still there for the next task.
    let after = pool.submit(|| "still working");
    println!("after the panic: {:?}", after.result());
    drop(pool);
    println!("pool shut down");
}
