//! `select!` over two channels, with a timeout for quiet spells.

use crossbeam_channel::{after, never, select, unbounded};
use std::thread;
use std::time::{Duration, Instant};

/// Say so when nothing has arrived on any channel for this long.
const QUIET: Duration = Duration::from_millis(200);
/// Stop listening altogether at this time.
const CLOSING_TIME: Duration = Duration::from_millis(600);

fn main() {
    let start = Instant::now();
    let ms = move || start.elapsed().as_millis();
    let (orders, mut order_inbox) = unbounded();
    let (cancellations, cancel_inbox) = unbounded();

    // The front desk: three orders and a cancellation, then it closes the
    // order line but keeps the cancellation line open, silent.
    thread::spawn(move || {
        let pause = || thread::sleep(Duration::from_millis(50));
        orders.send("tea").unwrap();
        orders.send("toast").unwrap();
        pause();
        cancellations.send("toast").unwrap();
        pause();
        orders.send("eggs").unwrap();
        drop(orders);
        thread::sleep(Duration::from_secs(2));
        drop(cancellations);
    });

    // A one-shot timer: a channel that delivers one message at closing time.
    let closing = after(CLOSING_TIME);
    let (mut taken, mut cancelled) = (0, 0);
    loop {
        select! {
            recv(order_inbox) -> order => match order {
                Ok(order) => {
                    taken += 1;
                    println!("[{:>3} ms] order: {order}", ms());
                }
                Err(_) => {
                    // A closed channel is always ready; stop selecting on it.
                    println!("[{:>3} ms] the order line is closed", ms());
                    order_inbox = never();
                }
            },
            recv(cancel_inbox) -> item => {
                cancelled += 1;
                println!("[{:>3} ms] cancelled: {}", ms(), item.unwrap());
            }
            recv(closing) -> _ => {
                println!("[{:>3} ms] closing time: {taken} orders, {cancelled} cancelled", ms());
                break;
            }
            default(QUIET) => println!("[{:>3} ms] nothing for {} ms", ms(), QUIET.as_millis()),
        }
    }
}
