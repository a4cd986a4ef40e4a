//! Cancellation safety in a `select!` loop.
//!
//! Cancellation safety: the same `select!` loop with a future that loses
//! data when a tick drops it, and with one that does not.

use std::time::Duration;

use ch11::{pairs_kept, pairs_lossy, send_halves};

// ANCHOR: main
#[tokio::main(flavor = "current_thread")]
async fn main() {
    let (halves, every, tick) = (20, Duration::from_millis(10), Duration::from_millis(33));
    println!("{halves} halves, one every 10 ms; a ticker ticks every 33 ms");
    for (name, pairs) in [
        (
            "next_pair() in select!",
            pairs_lossy(send_halves(halves, every), tick).await,
        ),
        (
            "recv() in select!",
            pairs_kept(send_halves(halves, every), tick).await,
        ),
    ] {
        let received = 2 * pairs.len() as u32;
        println!(
            "{name}: {} pairs, {} halves lost",
            pairs.len(),
            halves - received
        );
    }
}
// ANCHOR_END: main
